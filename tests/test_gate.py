"""The young person's copy, and the release gate that stands between the data and a leak."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from generator.build import build, check
from generator.core.errors import BuildError, ReleaseBlocked
from generator.outputs import gate
from tests.conftest import minimal_files, pdf_text, save_image, write_journey
from tests.test_build import fingerprint, words_in_files
from tests.test_model import safeguarding_journey

PLANTED = ["Rick", "Richard", "Nevershown", "Darren", "Withheldson", "Secret Street", "07700",
           "01632", "nan@example.org", "Example Road", "TH1 2AB", "Pending words",
           "Refused words", "No consent line"]


def test_release_of_a_journey_full_of_traps_holds_none_of_them(tmp_path):
    """Never-shown and withheld names, contact details and unconsented items planted all over a
    journey: the release is made, and none of them is in any of its files."""
    result = build(safeguarding_journey(tmp_path), tmp_path / "release", release=True)
    assert words_in_files(result.output, PLANTED) == []
    assert "your birth father" in (result.output / "site" / "people.html").read_text()


def test_gate_blocks_a_phone_number_the_model_does_not_screen(tmp_path):
    """A phone number typed where the model does not look (the organisation) is caught by the
    gate, which says where; nothing is written and the previous copy stays as it was."""
    folder = write_journey(tmp_path / "sam", minimal_files())
    out = tmp_path / "release"
    build(folder, out, release=True)
    before = fingerprint(out / "sam")
    data = yaml.safe_load((folder / "journey.yaml").read_text())
    data["coordinator"]["organisation"] = "Lifelong Links, ring 01632 960 999"
    (folder / "journey.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(ReleaseBlocked) as blocked:
        build(folder, out, release=True)
    where = {finding.where for finding in blocked.value.findings}
    assert {"site/index.html", "book.pdf page 4"} <= where, where  # the welcome page
    assert all(f.why == "something that looks like a phone number"
               for f in blocked.value.findings)
    assert "01632 960 999" in str(blocked.value)
    assert fingerprint(out / "sam") == before
    assert sorted(p.name for p in out.iterdir()) == [".versions", "sam"]  # no plain copies


REFUSED = "ring 01632 960 999"


def every_file_holding(folder: Path, text: str) -> list[str]:
    """Every file under folder, hidden ones and those in hidden folders included, whose bytes
    (or, for a PDF, whatever its name, whose text) hold text."""
    found = []
    for parent, _folders, names in os.walk(folder):
        for name in names:
            path = Path(parent, name)
            data = path.read_bytes()
            words = pdf_text(path) if data.startswith(b"%PDF") else data.decode(errors="replace")
            if text in words or text in path.name:
                found.append(path.relative_to(folder).as_posix())
    return found


def test_a_refused_copy_leaves_nothing_of_itself_among_the_copies(tmp_path):
    """Issue 21, class 12: the pages, book and pictures of a copy the gate refused are made on
    the way (and cached, to rebuild in a second): none of them stays in the copies folder, which
    a coordinator copies to a USB stick, not even hidden. An old release/.cache, where earlier
    versions kept plain copies, is removed."""
    folder = write_journey(tmp_path / "journeys" / "sam", minimal_files())
    out = tmp_path / "release"
    build(folder, out, release=True)
    old = out / ".cache" / "sam" / "release" / "sites" / "f00d" / "index.html"
    old.parent.mkdir(parents=True)
    old.write_text(f"<p>Lifelong Links, {REFUSED}</p>")  # left by an earlier journeybook
    before = fingerprint(out)
    data = yaml.safe_load((folder / "journey.yaml").read_text())
    data["coordinator"]["organisation"] = f"Lifelong Links, {REFUSED}"
    (folder / "journey.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(ReleaseBlocked):
        build(folder, out, release=True)
    assert every_file_holding(out, REFUSED) == []
    assert fingerprint(out) == {k: v for k, v in before.items() if not k.startswith(".cache")}
    assert sorted(p.name for p in out.iterdir()) == [".versions", "sam"]
    # The refused pages are in the coordinator's own cache, beside the previews' (build/.cache).
    assert every_file_holding(tmp_path / "build" / ".cache", REFUSED)


def test_a_copys_plain_copies_are_never_kept_among_the_copies(tmp_path):
    """A --cache inside the copies folder is refused before anything is written."""
    folder = write_journey(tmp_path / "journeys" / "sam", minimal_files())
    out = tmp_path / "release"
    with pytest.raises(BuildError, match=r"this cache is inside .*release.*Choose a --cache "
                                         r"outside it"):
        build(folder, out, release=True, pdf=False, cache_dir=out / ".cache" / "sam")
    assert not out.exists() or list(out.iterdir()) == []


def test_clean_removes_a_copys_plain_copies_wherever_they_were_kept(tmp_path, monkeypatch,
                                                                    capsys):
    """From the command line: a copy's plain copies are in build/.cache beside the preview's;
    a refused copy's too; `journeybook clean` removes them, and an old release/.cache."""
    from generator.cli import main

    monkeypatch.chdir(tmp_path)
    files = minimal_files()
    folder = write_journey(tmp_path / "journeys" / "sam", files)
    assert main(["build", "--release", "--no-pdf", "--quiet", str(folder)]) == 0
    assert sorted(p.name for p in (tmp_path / "release").iterdir()) == [".versions", "sam"]
    files["journey.yaml"]["coordinator"]["organisation"] = f"Team ({REFUSED})"
    write_journey(folder, files)
    assert main(["build", "--release", "--no-pdf", "--quiet", str(folder)]) == 1
    assert "The young person's copy was NOT made" in capsys.readouterr().err
    assert every_file_holding(tmp_path / "release", REFUSED) == []
    assert every_file_holding(tmp_path / "build" / ".cache" / "sam", REFUSED)
    (tmp_path / "release" / ".cache" / "sam").mkdir(parents=True)  # an earlier journeybook's
    assert main(["clean", str(folder)]) == 0
    assert not (tmp_path / "build" / ".cache" / "sam").exists()
    assert sorted(p.name for p in (tmp_path / "release").iterdir()) == [".versions"]


def test_cli_release_blocked_exit_code(tmp_path, capsys):
    from generator.cli import main

    files = minimal_files()
    files["journey.yaml"]["coordinator"]["organisation"] = "Team (nan@example.org)"
    folder = write_journey(tmp_path / "j", files)
    assert main(["build", "--release", str(folder), "--out", str(tmp_path / "r"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "The young person's copy was NOT made" in err and "an email address" in err
    assert "Traceback" not in err


def journey_for_gate(tmp_path: Path):
    return check(safeguarding_journey(tmp_path)).journey


def test_gate_finds_names_and_contacts_in_every_kind_of_file(tmp_path):
    """Planted in a page's attribute, JSON escapes, a file name, an SVG, a PDF's text and
    metadata, and a photo's EXIF: every one is reported with where it was found."""
    terms = gate.terms_for(journey_for_gate(tmp_path))
    site = tmp_path / "staged" / "site"
    (site / "media").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "index.html").write_text('<p>Hello</p><img alt="Richard Nevershown at the fair">')
    (site / "search" / "search_index.json").write_text(json.dumps({"docs": [
        {"text": "met Ric\u006b and Zo\u00eb", "title": "x"}]}))
    (site / "media" / "darren.jpg").write_bytes(b"")
    (site / "tree.svg").write_text('<svg><text>DARREN</text></svg>')
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
    save_image(site / "media" / "p.jpg", exif=exif.tobytes())
    from weasyprint import HTML

    document = HTML(string="<p>Call Nan on 07700 900123 or at 14 Example Road</p>").render()
    document.metadata.title = "Rick's book"
    document.write_pdf(tmp_path / "staged" / "book.pdf")
    findings = {(f.where, f.why) for f in gate.scan(tmp_path / "staged", terms)}
    assert ("site/index.html", "a name of Rick (danger), who is never shown") in findings
    assert ("site/search/search_index.json", "a name of Rick (danger), who is never shown") \
        in findings
    assert ("site/media/darren.jpg (its name)", "the withheld name of Darren (dad)") in findings
    assert ("site/tree.svg", "the withheld name of Darren (dad)") in findings
    assert any(w == "site/media/p.jpg" and "metadata" in y for w, y in findings)
    assert ("book.pdf page 1", "the phone number of Rick (danger)") in findings
    assert ("book.pdf page 1", "the address of Nan (nan)") in findings
    assert ("book.pdf (its metadata)", "a name of Rick (danger), who is never shown") in findings


def test_gate_passes_a_clean_folder(tmp_path):
    """No false alarm on ordinary words, dates, or the theme's own files."""
    terms = gate.terms_for(journey_for_gate(tmp_path))
    site = tmp_path / "staged" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text(
        "<p>Born on 2009-04-12, in 2011 and between 2008 and 2010. Trick or treat! "
        "Derrick came. Your birth father. Page 12 of 36.</p>")
    assert gate.scan(tmp_path / "staged", terms) == []


def test_release_pdf_holds_no_kept_out_words(demo_release):
    text = pdf_text(demo_release / "book.pdf")
    assert "Craig" not in text and "Marcus" not in text and "Preview" not in text


# Never-shown people whose names are everyday words in the theme's own files: "mark" and "max"
# in Material's styles and scripts, "eva", "mia", "dan" and "ben" in its search stemmers.
COMMON_NAMES = ["Mark", "Eva", "Dan", "Mia", "Ben", "Max"]


def common_names_journey(tmp_path: Path) -> Path:
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": name.lower(), "called": name, "sex": "male", "relation": "someone from before",
         "visibility": "never shown"} for name in COMMON_NAMES]
    return write_journey(tmp_path / "common", files)


def theme_files_naming(folder: Path, name: str) -> list[Path]:
    """The files under folder that hold the name as a word, in any case."""
    word = re.compile(rf"(?<![a-z]){name.lower()}(?![a-z])")
    return [path for path in folder.rglob("*") if path.is_file() and path.suffix in {".js",
            ".css", ".map"} and word.search(path.read_text(errors="replace").lower())]


def test_theme_files_do_not_block_a_journey_keeping_out_common_names(tmp_path):
    """The release is made although every one of the names is a word in files the theme
    ships, unchanged, in it; those files are exactly the theme's own, byte for byte."""
    result = build(common_names_journey(tmp_path), tmp_path / "release", release=True)
    site = result.output / "site"
    for name in COMMON_NAMES:
        naming = theme_files_naming(site, name)
        assert naming, f"{name!r} is no longer in the theme's files: pick another name"
        assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in naming} \
            <= gate.theme_digests()
    assert words_in_files(site, ["Mark", "Max"]) != []  # the theme's, not the case data's


def test_a_theme_file_changed_in_the_release_is_scanned_again(tmp_path):
    """Copied unchanged, Material's and our own theme files pass; with a name appended to
    their bytes, each of them blocks the release."""
    import material

    terms = gate.terms_for(check(common_names_journey(tmp_path)).journey)
    staged = tmp_path / "staged"
    assets = staged / "site" / "assets"
    assets.mkdir(parents=True)
    styles = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    palette = next(styles.glob("palette.*.min.css"))
    copies = [assets / palette.name, assets / "journeybook.js"]
    shutil.copyfile(palette, copies[0])
    shutil.copyfile(gate.THEME / "js" / "journeybook.js", copies[1])
    assert theme_files_naming(assets, "Mark") == [copies[0]]
    assert gate.scan(staged, terms) == []
    for copy in copies:
        copy.write_text(copy.read_text() + "\n/* Eva */\n")
    findings = gate.scan(staged, terms)
    assert {f.where for f in findings if "Eva" in f.why} == {f"site/assets/{copy.name}"
                                                             for copy in copies}
    assert f"site/assets/{palette.name}" in {f.where for f in findings if "Mark" in f.why}


def test_theme_digests_are_made_once_from_every_theme():
    import mkdocs

    digests = gate.theme_digests()
    assert gate.theme_digests() is digests
    ours = gate.THEME / "css" / "site.css"
    mkdocs_theme = Path(mkdocs.__file__).parent / "themes" / "mkdocs" / "js" / "base.js"
    for path in (ours, mkdocs_theme):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in digests
