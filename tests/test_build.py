"""Whole builds: a real MkDocs site and a real WeasyPrint book, checked by their contents."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from generator.build import build
from generator.cli import main
from generator.core.errors import BuildError, JourneyError
from tests.conftest import DEMO, minimal_files, pdf_text, save_image, write_journey

CHAPTERS = ["Welcome", "All about me", "My people", "My family tree and circles", "My story", "Memories",
            "Letters", "Photos", "My Lifelong Links plan"]
KEPT_OUT = ["Craig", "Fenwick", "Marcus", "Example Road", "01632", "960 001",
            "Waiting for consent", "rather tell Kai", "pending-bbq", "DemoPhone"]
CONTACTS = ["Example Road", "01632", "960 001"]


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_site_is_an_ordinary_mkdocs_project(demo_build):
    """build/<id>/ holds mkdocs.yml (inheriting the base config), docs/ and the built site."""
    config = yaml.safe_load((demo_build / "mkdocs.yml").read_text())
    assert (demo_build / config["INHERIT"]).resolve() == Path("mkdocs.yml").resolve()
    assert config["site_name"] == "Preview: Kai's journey book"
    assert [palette["primary"] for palette in config["theme"]["palette"]] == ["teal", "teal"]
    assert sorted(p.name for p in (demo_build / "docs").glob("*.md")) == [
        "about-me.md", "family-tree.md", "index.md", "letters.md", "memories.md", "people.md", "photos.md",
        "plan.md", "story.md"]


def test_site_pages_show_the_journey(demo_build):
    """Each page carries the young person's own content."""
    site = demo_build / "site"
    page = {name: (site / f"{name}.html").read_text() for name in
            ("index", "people", "family-tree", "story", "memories", "letters", "photos", "plan")}
    assert "Hello, <bdi>Kai</bdi>" in page["index"]
    assert "Granny Von" in page["people"] and "your birth father" in page["people"]
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="genogram"' in page["family-tree"]
    assert "people before Lifelong Links" in page["family-tree"]
    assert "Nan and Grandad&#39;s house in Thornley" in page["story"]
    assert "I remember taking you for a walk in your wheelchair" in page["memories"]
    assert page["letters"].count('class="jb-scan"') == 4  # 2 JPEG pages, a 2-page PDF card
    assert page["photos"].count("<figure class=\"photo\"") == 17
    assert "A phone or video call with Lily" in page["plan"]
    assert "Every Sunday" in page["plan"]  # as written, not lower-cased
    assert all('name="robots" content="noindex' in text for text in page.values())


def words_in_files(folder: Path, words: list[str]) -> list[tuple[str, str]]:
    """(file, word) for every word found in any file's name or text, or in a PDF's text."""
    found = []
    for path in folder.rglob("*"):
        found += [(str(path), w) for w in words if w.lower() in path.name.lower()]
        if path.suffix in {".html", ".js", ".json", ".xml", ".svg", ".css", ".md", ".yml"}:
            content = path.read_text(errors="replace")
            found += [(str(path), w) for w in words if w in content]
        elif path.suffix == ".pdf":
            content = pdf_text(path)
            found += [(str(path), w) for w in words if w in content]
    return found


def test_nothing_kept_out_reaches_the_young_persons_copy(demo_release):
    """Names of people never shown, contact details and unconsented items are in no file of
    the release: not in pages, search index, SVGs, file names or the PDF's text."""
    assert words_in_files(demo_release, KEPT_OUT) == []
    assert sorted(p.name for p in demo_release.iterdir()) == ["book.pdf", "site"]
    assert not (demo_release / "site" / "sitemap.xml").exists()


def test_preview_is_marked_and_never_holds_contact_details(demo_build):
    """The coordinator's preview says so on every page, greys what is left out, and still
    holds no contact detail anywhere."""
    assert words_in_files(demo_build, CONTACTS) == []
    for page in (demo_build / "site").glob("*.html"):
        assert "Preview, not for sharing" in page.read_text(), page
    memories = (demo_build / "site" / "memories.html").read_text()
    assert "Not in the young person&#39;s copy: consent is pending" in memories
    assert "Preview, not for sharing" in pdf_text(demo_build / "book.pdf")


def test_book_has_cover_contents_page_numbers_and_headers(demo_release):
    """A5 pages; a contents page whose page numbers are right; numbered, headed pages (but
    chapter openers: designed pages, unnumbered)."""
    pdf = demo_release / "book.pdf"
    reader = PdfReader(pdf)
    assert reader.metadata.title == "Kai's journey book"
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (420, 595)  # A5
    pages = pdf_text(pdf).split("\f")
    assert "Kai's journey book" in pages[0]
    contents = {m.group(1).strip(): int(m.group(2)) for m in
                re.finditer(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", pages[2], re.M)}
    assert list(contents) == CHAPTERS
    for title, number in contents.items():
        page = pages[number - 1]
        if title != "Welcome":
            assert title in " ".join(page.split()), title  # a long title may wrap
        # a chapter opener is a designed page with no number; the page after it has one
        numbered = number if title == "Welcome" else number + 1
        assert re.search(rf"^\s*{numbered}\s*$", pages[numbered - 1], re.M), \
            f"page {numbered} has no number"
    story = pages[contents["My story"]]  # the page after the chapter's opener
    assert story.strip().splitlines()[0].strip() == "My story"  # running header


def test_a4_on_request(tmp_path, journey):
    """paper: A4 in journey.yaml makes an A4 book."""
    data = yaml.safe_load((journey / "journey.yaml").read_text())
    data["book"] = {"paper": "A4", "colour": "deep purple"}
    (journey / "journey.yaml").write_text(yaml.safe_dump(data))
    result = build(journey, tmp_path / "build")
    box = PdfReader(result.pdf).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_build_never_changes_inputs(tmp_path):
    """The journey folder is byte-for-byte the same after a build (photos included)."""
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/a.jpg", "alt": "x", "consent": "given"}]}
    folder = write_journey(tmp_path / "journeys" / "sam", files)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    save_image(folder / "photos" / "a.jpg", exif=exif.tobytes())
    before = fingerprint(folder)
    build(folder, tmp_path / "build")
    assert fingerprint(folder) == before


def test_failed_build_leaves_previous_output(tmp_path, journey):
    """A build that fails on bad data leaves the last good build exactly as it was."""
    out = tmp_path / "build"
    build(journey, out)
    before = fingerprint(out / "sam")
    (journey / "people.yaml").write_text("people:\n  - id: mum\n    called: [\n")
    with pytest.raises(JourneyError):
        build(journey, out)
    assert fingerprint(out / "sam") == before
    assert sorted(p.name for p in out.iterdir()) == [".cache", "sam"]  # no half-built folder


def test_output_inside_the_journey_is_refused(journey):
    with pytest.raises(BuildError, match="inside the journey's own folder"):
        build(journey, journey / "build")


def test_cli_build_all_and_errors(tmp_path, capsys, monkeypatch):
    """`build --all` builds every journey; a bad one is reported without a traceback."""
    root = tmp_path / "journeys"
    write_journey(root / "one", minimal_files())
    broken = minimal_files()
    broken["journey.yaml"]["young_person"]["born"] = "2012-02-30"
    write_journey(root / "two", broken)
    code = main(["build", "--all", "--journeys", str(root), "--out", str(tmp_path / "b"),
                 "--no-pdf", "--quiet"])
    captured = capsys.readouterr()
    assert code == 1
    assert (tmp_path / "b" / "one" / "site" / "index.html").is_file()
    assert not (tmp_path / "b" / "two").exists()
    assert "journey.yaml:4:9: 'born': '2012-02-30' is not a real day" in captured.err
    assert "Traceback" not in captured.err


def test_demo_checks_clean_and_leaves_out_what_it_should(known):
    """The demo has no problems or warnings, and leaves out exactly its four unshareable items."""
    from generator.build import check

    result = check(DEMO, cache_dir=known).result
    assert [w.message for w in result.warnings] == [
        "'reid' is part of the name of someone kept out of the book, but also of "
        "Jayden Reid-Brown, Keisha Reid, "
        "Winston Reid, Yvonne Reid, who are shown: the book will contain it."]
    assert sorted(item.what for item in result.left_out) == [
        "the memory gary-bbq.md", "the memory mum-refused.md", "the photo photos/park.jpg",
        "the photo photos/pending-bbq.jpg"]
