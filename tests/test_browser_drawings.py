"""The family tree and the circles as a young person sees them: in Chromium (Playwright, a real
phone viewport), every name's box measured against its frame and its size as shown.

At first view nothing is cut off and nothing needs moving: every name drawn is whole inside its
frame, at 12 CSS px or more on a phone and 14 on a desktop; a part of the tree too wide for the
screen is told as branches instead, in the page's own text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import DEMO, shared_cache

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 12, 14  # CSS px: the least size of a name as shown

MEASURE = """() => {
  const found = [];
  const frames = [...document.querySelectorAll('.jb-tree-drawn, .jb-circle-frame')]
    .filter(frame => frame.getClientRects().length);
  for (const frame of frames) {
    const box = frame.getBoundingClientRect();
    for (const text of frame.querySelectorAll('svg text')) {
      const shown = text.getBoundingClientRect();
      if (!shown.width) continue;
      const size = parseFloat(text.getAttribute('font-size')) * text.getScreenCTM().a;
      found.push({where: frame.className, text: text.textContent, size,
                  inside: shown.left >= box.left - 0.5 && shown.right <= box.right + 0.5 &&
                          shown.top >= box.top - 0.5 && shown.bottom <= box.bottom + 0.5,
                  label: text.classList.contains('ring-label')});
    }
  }
  const page = document.querySelector('article').getBoundingClientRect();
  for (const name of document.querySelectorAll('.jb-branch-name, .jb-ring-name')) {
    if (name.closest('.jb-drawn-fits')) continue;  // read by screen readers, not shown
    const shown = name.getBoundingClientRect();
    found.push({where: name.classList.contains('jb-ring-name') ? 'rings' : 'branches',
                text: name.textContent, label: false,
                size: parseFloat(getComputedStyle(name).fontSize),
                inside: shown.width > 0 && shown.left >= page.left && shown.right <= page.right});
  }
  return {names: found, drawn: document.querySelectorAll('.jb-tree-part.jb-drawn-fits').length,
          circles: document.querySelectorAll('.jb-circle-part.jb-drawn-fits').length,
          parts: document.querySelectorAll('.jb-tree-part').length,
          overflow: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory: pytest.TempPathFactory, known: Path) -> Path:
    """The demo's copy in Arabic (its site only), built once for this file."""
    from generator.build import build

    folder = tmp_path_factory.mktemp("arabic") / "demo"
    shutil.copytree(DEMO, folder)
    journey = yaml.safe_load((folder / "journey.yaml").read_text(encoding="utf-8"))
    journey["book"]["language"] = "ar"
    (folder / "journey.yaml").write_text(yaml.safe_dump(journey, allow_unicode=True),
                                         encoding="utf-8")
    out = tmp_path_factory.mktemp("arabic-out")
    build(folder, out, release=True, pdf=False, cache_dir=shared_cache(known, release=True))
    return out / "demo" / "site"


def measured(browser, page: Path, width: int) -> dict:
    context = browser.new_context(viewport={"width": width, "height": 844 if width < 600 else 900})
    try:
        tab = context.new_page()
        tab.goto(page.as_uri())
        tab.wait_for_load_state("load")
        return tab.evaluate(MEASURE)
    finally:
        context.close()


def assert_every_name_whole_and_readable(seen: dict, least: int) -> None:
    names = seen["names"]
    assert names, "no names found on the page"
    cut = [n["text"] for n in names if not n["inside"]]
    assert not cut, f"cut off at the frame's edge: {cut}"
    small = [(n["text"], round(n["size"], 1)) for n in names if n["size"] < least]
    assert not small, f"shown below {least} px: {small}"
    assert seen["overflow"] <= 0, "the page scrolls sideways"


@pytest.mark.parametrize("width", [360, 390, 768, 1280])
def test_every_name_in_the_drawings_is_whole_and_readable(demo_release, browser, width):
    """At first view, at a phone's and a desktop's width, in the tree and both circles."""
    seen = measured(browser, demo_release / "site" / "family-tree.html", width)
    assert_every_name_whole_and_readable(seen, PHONE if width < 600 else DESKTOP)
    circles = [n for n in seen["names"] if "jb-circle-frame" in n["where"] and not n["label"]]
    assert seen["circles"] == 2  # the demo's circles are drawn at every width
    assert {"Kai", "Carol", "Granny Von", "Coach Dani"} <= {n["text"] for n in circles}


@pytest.fixture(scope="module")
def big_network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """25 people in the circles, with long names: too many to draw readably on a phone."""
    from generator.build import build
    from tests.conftest import write_journey
    from tests.test_drawing_geometry import network

    folder = write_journey(tmp_path_factory.mktemp("network") / "j", network(25, 1))
    out = tmp_path_factory.mktemp("network-out")
    build(folder, out, release=True, pdf=False)
    return out / "j" / "site"


@pytest.mark.parametrize("width", [390, 1280])
def test_circles_too_full_to_draw_readably_are_shown_as_rings_in_words(big_network, browser,
                                                                       width):
    """A network too big for the screen to draw with readable names is shown as its rings,
    in words, each name whole and readable; a desktop draws it, one drawing to a row."""
    seen = measured(browser, big_network / "family-tree.html", width)
    assert_every_name_whole_and_readable(seen, PHONE if width < 600 else DESKTOP)
    rings = [n for n in seen["names"] if n["where"] == "rings"]
    if width < 600:
        assert seen["circles"] == 0 and len({n["text"] for n in rings}) == 25  # everyone now
    else:
        assert seen["circles"] == 2 and not rings


def test_a_phone_reads_the_tree_as_branches_and_a_desktop_sees_it_drawn(demo_release, browser):
    """The demo's tree is a side of the family at a time; a phone has no room to draw even one
    with readable names, so it shows each as branches; a desktop draws each."""
    page = demo_release / "site" / "family-tree.html"
    phone, desktop = measured(browser, page, 390), measured(browser, page, 1280)
    assert phone["parts"] == desktop["parts"] == 3  # Mum's side, the birth father's, carers
    assert phone["drawn"] == 0 and desktop["drawn"] == 3
    branches = {n["text"] for n in phone["names"] if n["where"] == "branches"}
    assert {"Grandad Ray", "Auntie Shelley", "Mia", "Kai", "Jayden", "Carol"} <= branches


def test_the_tree_follows_the_window_and_is_read_as_branches(demo_release, browser):
    """A window made narrow turns the drawn tree into branches, and wide again draws it; a
    screen reader reads the branches either way (the drawing itself is hidden from it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto((demo_release / "site" / "family-tree.html").as_uri())
        drawn = "document.querySelectorAll('.jb-tree-part.jb-drawn-fits').length"
        assert tab.evaluate(drawn) == 3
        tab.set_viewport_size({"width": 390, "height": 844})
        tab.wait_for_function(f"{drawn} === 0")
        tab.set_viewport_size({"width": 1280, "height": 900})
        tab.wait_for_function(f"{drawn} === 3")
        said = tab.locator(".jb-tree-part").first.aria_snapshot()
        assert "Grandad Ray" in said and "separated from your birth father" in said
        assert tab.locator(".jb-tree-drawn").first.get_attribute("aria-hidden") == "true"
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_arabic_copy_keeps_every_name_whole(arabic_site, browser, width):
    """Right to left, the same: nothing cut, nothing too small."""
    seen = measured(browser, arabic_site / "family-tree.html", width)
    assert_every_name_whole_and_readable(seen, PHONE if width < 600 else DESKTOP)


def test_the_measure_sees_a_cut_name(demo_release, browser, tmp_path):
    """The test can fail: the same page with its circles frame squeezed to 200 px shows their
    names cut or too small."""
    page = tmp_path / "family-tree.html"
    html = (demo_release / "site" / "family-tree.html").read_text(encoding="utf-8")
    page.write_text(html.replace("</head>", "<style>.jb-circle-frame svg{max-width:none!important}"
                                            "</style></head>"), encoding="utf-8")
    for linked in ("assets", "media", "search"):
        (tmp_path / linked).symlink_to(demo_release / "site" / linked)
    seen = measured(browser, page, 390)
    with pytest.raises(AssertionError, match=r"cut off|scrolls sideways"):
        assert_every_name_whole_and_readable(seen, PHONE)
