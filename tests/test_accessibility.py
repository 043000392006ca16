"""The young person's site against WCAG 2.2 AA, as axe-core finds it in a real Chromium, and by
keyboard: every page, on a phone (360 px) and a desktop (1280 px), light and dark, in every
colour a young person may choose.

Playwright drives Debian's Chromium (never a browser it downloads); axe-core comes inside
axe-playwright-python. Pages open from file://, as a young person opens their copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.format.vocabulary import Colour

pytestmark = pytest.mark.browser

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [*WCAG_AA, "best-practice"]}}


@pytest.fixture(scope="module")
def axe():
    return pytest.importorskip("axe_playwright_python.sync_playwright").Axe()


# What a page's colour can change: the contrast of its text, and whether a link stands out from
# the words around it. Every other rule is the same in every colour (the test above runs them).
COLOUR_OPTIONS = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}


def violations(axe, page, options: dict = AXE_OPTIONS) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line each."""
    found = axe.run(page, options=options).response["violations"]
    return [f"{v['id']} ({v['impact']}): {node['target']} {node.get('failureSummary', '')}"
            for v in found for node in v["nodes"]]


def site_pages(site: Path) -> list[Path]:
    pages = sorted(site.glob("*.html"))
    assert len(pages) >= 9, "every chapter and the not-found page"
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
def test_every_page_passes_axe(demo_release, browser, axe, width, scheme):
    """Zero violations of WCAG 2.2 AA (and axe's best practices) on every page."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for html in site_pages(demo_release / "site"):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
        if html.name != "404.html":
            wanted = "slate" if scheme == "dark" else "default"
            assert page.locator("body").get_attribute("data-md-color-scheme") == wanted
        found += [f"{html.name}: {line}" for line in violations(axe, page)]
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_colour_passes_axe(demo_release, browser, axe, scheme):
    """Each colour a young person may choose keeps every text readable, light and dark: the
    pages with the most colour (welcome cards, people, the plan), switched colour by colour."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for name in ("index.html", "people.html", "plan.html"):
        page.goto((demo_release / "site" / name).as_uri())
        for colour in Colour:
            page.evaluate("c => document.body.setAttribute('data-md-color-primary', c)",
                          colour.value.replace(" ", "-"))
            found += [f"{name} in {colour.value}: {line}"
                      for line in violations(axe, page, COLOUR_OPTIONS)]
    context.close()
    assert not found, "\n".join(found)


def test_the_site_uses_its_own_legible_font(demo_release, browser):
    """The body text is drawn in the bundled Atkinson Hyperlegible Next, not the machine's font
    (Material sets its font stack on body; ours must reach it)."""
    page = browser.new_page()
    page.goto((demo_release / "site" / "memories.html").as_uri())
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p'))"
                           ".fontFamily")
    assert family.startswith('"Atkinson Hyperlegible Next"'), family
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible Next\"')")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Atkinson')"
                         " && f.status === 'loaded')")
    page.close()


def test_the_lightbox_works_by_keyboard(demo_release, browser):
    """A photo opens with Enter and closes with Escape, and the caption under the viewer is
    the only one to be seen (the page's own captions stay behind the dim background)."""
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto((demo_release / "site" / "photos.html").as_uri())
    page.locator("a.jb-zoom").first.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#jb-lightbox")
    assert dialog.evaluate("d => d.open")
    assert page.locator(".jb-lightbox-caption").text_content()
    # Around the viewer nothing of the page shows through: the bottom of the screen, under
    # the viewer's caption, is black (a see-through backdrop let the page's captions show).
    from io import BytesIO

    from PIL import Image

    shot = Image.open(BytesIO(page.screenshot())).convert("L")
    spot = page.locator(".jb-lightbox-caption").bounding_box()
    below = shot.crop((0, int(spot["y"] + spot["height"]) + 8, 360, 800))
    assert below.getextrema()[1] < 12, "the page shows through the viewer's background"
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    page.close()


SPOKEN = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = function (utterance) {
    window.__spoken.push([utterance.text, utterance.lang]);
  };
}
"""


def test_read_this_page_to_me_uses_the_browsers_own_speech(demo_release, browser):
    """The button reads the page's words (a drawing's text alternative, not its labels) in
    the book's language through speechSynthesis, and becomes a Stop button while reading."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script(SPOKEN)  # records what would be spoken (no sound in a test)
    page = context.new_page()
    page.goto((demo_release / "site" / "memories.html").as_uri())
    button = page.locator("button.jb-listen")
    assert button.is_visible() and "Read this page to me" in button.text_content()
    button.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == ["Memories", "en"]
    assert any("I remember taking you for a walk" in text for text, _lang in spoken)
    assert button.get_attribute("aria-pressed") == "true"
    page.goto((demo_release / "site" / "family-tree.html").as_uri())
    page.locator("button.jb-listen").click()
    spoken = " ".join(text for text, _lang in page.evaluate("window.__spoken"))
    # the tree as branches (its words), and the circles' text alternative
    assert "separated from your birth father" in spoken and "Very close to you" in spoken
    assert "Grandad Winston b. 1957" in spoken
    context.close()


def test_every_chapter_offers_to_read_itself(demo_release, browser):
    """The button is on every chapter, the welcome page too (its title sits in a column of
    its own, where the button once failed to be put), and no page's script fails."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.add_init_script(SPOKEN)
    page = context.new_page()
    failed: list[str] = []
    page.on("pageerror", lambda error: failed.append(str(error)))
    for chapter in site_pages(demo_release / "site"):
        if chapter.name == "404.html":
            continue
        page.goto(chapter.as_uri())
        assert page.locator("button.jb-listen").count() == 1, chapter.name
    assert not failed
    context.close()


def test_no_read_aloud_button_where_the_browser_cannot_speak(demo_release, browser):
    context = browser.new_context()
    context.add_init_script("delete window.speechSynthesis;")
    page = context.new_page()
    page.goto((demo_release / "site" / "memories.html").as_uri())
    assert page.locator("button.jb-listen").count() == 0
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_the_coordinators_dashboard_passes_axe(tmp_path, browser, axe, width):
    """The dashboard `build --all` writes, opened from its folder: zero violations, a failed
    journey and the team's totals included."""
    from generator.cli import main
    from tests.conftest import minimal_files, write_journey

    root = tmp_path / "journeys"
    broken = minimal_files()
    broken["journey.yaml"]["young_person"]["born"] = "2012-02-30"
    write_journey(root / "broken", broken)
    write_journey(root / "sam", minimal_files())
    main(["build", "--all", "--journeys", str(root), "--out", str(tmp_path / "build"),
          "--no-pdf", "--quiet"])
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto((tmp_path / "build" / "index.html").as_uri())
    found = violations(axe, page)
    context.close()
    assert not found, "\n".join(found)
