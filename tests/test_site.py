"""Step 7 - the site: an ordinary MkDocs project, whose warnings reach the coordinator.

Settings that reach MkDocs' config (the book's title becomes site_name) must stay text:
Material prints site_name unescaped into <title>, the header and aria-label attributes of every
page, so a title holding markup would run in the young person's browser."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.build import build
from generator.outputs import site
from tests.conftest import minimal_files, write_journey

# Closes <title>, opens a script, breaks out of a double- and a single-quoted attribute, and
# holds template syntax (which must show as typed, not be rendered). 120 characters at most.
PAYLOAD = ("</title><script>alert(1)</script>\"><img src=x onerror=alert(1)> {{ config }} "
           "{% raw %} ' onmouseover='alert(2)")


class Page(HTMLParser):
    """The elements of a page as a browser sees them: tags, attributes, title, scripts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.titles: list[str] = []  # the page's, then its drawings' (SVG <title>)
        self.scripts: list[str] = []
        self._open: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open = tag
        if tag == "title":
            self.titles.append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open == "title":
            self.titles[-1] += data
        elif self._open == "script":
            self.scripts.append(data)


@pytest.fixture(scope="module", params=[False, True], ids=["preview", "release"])
def hostile_site(request, tmp_path_factory) -> tuple[Path, str]:
    """A real site built from a journey whose book title is PAYLOAD, and its site_name."""
    tmp = tmp_path_factory.mktemp("hostile")
    files = minimal_files()
    files["journey.yaml"]["book"] = {"title": PAYLOAD}
    result = build(write_journey(tmp / "title", files), tmp / "out", pdf=False,
                   release=request.param)
    return result.output / "site", PAYLOAD if request.param else f"Preview: {PAYLOAD}"


def pages(folder: Path) -> list[Path]:
    """Every chapter's page (the not-found page stands alone: see the test after these)."""
    found = sorted(path for path in folder.rglob("*.html") if path.name != "404.html")
    assert len(found) >= 8  # every chapter
    return found


def test_the_not_found_page_names_no_one_and_opens_from_a_folder(hostile_site):
    """404.html carries no title, name or script of the journey, and needs no other file
    (Material's version linked /assets, unstyled when opened from a folder)."""
    folder, _site_name = hostile_site
    text = (folder / "404.html").read_text(encoding="utf-8")
    assert "alert(" not in text and "Preview:" not in text
    assert not re.search(r'(?:href|src)="/', text)
    assert '<a href="index.html">' in text


def test_the_title_is_text_in_every_page(hostile_site):
    """Every page shows the title exactly as typed, and holds no element, attribute or script
    that came from it."""
    folder, site_name = hostile_site
    for path in pages(folder):
        page = Page(path.read_text(encoding="utf-8"))
        title = page.titles[0]  # "<page> - <site_name>"
        assert title == site_name or title.endswith(f" - {site_name}"), path.name
        assert not [tag for tag, attrs in page.tags if tag == "img" and attrs.get("src") == "x"]
        assert not [(tag, name) for tag, attrs in page.tags for name in attrs
                    if name.startswith("on")], path.name
        assert not [script for script in page.scripts if "alert(" in script], path.name
        logos = [attrs for _tag, attrs in page.tags if "md-logo" in (attrs.get("class") or "")]
        assert logos and all(attrs["aria-label"] == site_name for attrs in logos), path.name


def test_the_title_is_never_raw_markup_in_the_files(hostile_site):
    folder, _site_name = hostile_site
    for path in pages(folder):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, path.name
        assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text, path.name


def test_the_search_index_holds_no_markup_from_the_title(hostile_site):
    folder, _site_name = hostile_site
    index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "<script>alert" not in doc["title"] + doc["text"]
        assert "<img src=x" not in doc["title"] + doc["text"]
    assert "<script>alert" not in (folder / "search" / "search_index.js").read_text()


@pytest.mark.parametrize(("typed", "written"), [
    ("Kai's journey book", "Kai's journey book"),
    ("Kai & Nan’s book", "Kai & Nan’s book"),
    ("Zoë's {{ book }}", "Zoë's {{ book }}"),
    ('The "big" book', "The &quot;big&quot; book"),
    ("</title><script>x</script>", "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"),
])
def test_html_text_escapes_only_what_makes_markup(typed, written):
    assert site.html_text(typed) == written


def test_mkdocs_warnings_are_collected_and_kept_with_the_cached_site(tmp_path):
    """MkDocs logs a broken link instead of failing: the build returns what it said, and a
    site copied from the cache returns the same words (the coordinator still sees them)."""
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("See [the plan](missing.md).\n")
    (project / "mkdocs.yml").write_text("site_name: A test\n")
    said = site.build_site_cached(project / "mkdocs.yml", project / "site", tmp_path / "cache")
    assert any("missing.md" in line for line in said), said
    shutil.rmtree(project / "site")
    again = site.build_site_cached(project / "mkdocs.yml", project / "site", tmp_path / "cache")
    assert again == said and (project / "site" / "index.html").is_file()


def test_the_demo_builds_without_a_word_from_the_tools(demo_build_result):
    """Neither MkDocs nor WeasyPrint has anything to say about the demo (an id used twice
    in the drawings was one such warning)."""
    assert demo_build_result.tool_warnings == []


def test_people_show_their_face_when_a_portrait_is_marked(demo_release):
    """Lily's card carries her portrait (people.yaml photo:) as a face; people with no portrait
    have none, and her card comes first: she is very close now."""
    html = (demo_release / "site" / "people.html").read_text(encoding="utf-8")
    faces = re.findall(r'<img class="jb-face" src="([^"]+)"', html)
    assert len(faces) == 2
    assert all((demo_release / "site" / face).is_file() for face in faces)
    first_card = html[html.index('class="jb-person'):][:600]
    assert "jb-face" in first_card and "Lily" in first_card


def test_the_themes_templates_are_compiled_once_and_kept_in_the_cache(tmp_path, journey):
    """MkDocs compiles Material's templates on every build; ours keeps them compiled (Jinja's
    bytecode cache) in the journey's cache, so an edit's rebuild does not compile them again."""
    from generator.build_plan import cache_for
    from generator.core.cache import CACHE

    build(journey, tmp_path / "out", pdf=False)
    kept = cache_for(tmp_path / "out" / CACHE, journey, release=False) / "templates"
    assert len(list(kept.glob("__jinja2_*.cache"))) >= 20  # main.html, base.html, partials
