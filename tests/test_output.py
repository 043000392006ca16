"""What journeybook leaves behind: one staged swap, caches that follow --out and are pruned,
`journeybook clean`, and `--strict`."""

from __future__ import annotations

import os

import pytest

from generator.build import build
from generator.build_plan import cache_for
from generator.cli import main
from generator.core.cache import CACHE
from generator.core.errors import StrictFailed
from generator.core.output import staged
from generator.core.source_cache import PICTURES
from generator.outputs import identity
from tests.conftest import made_in_the_checkout, minimal_files, save_image, write_journey


def photo_journey(folder, names: list[str]):
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": f"photos/{name}", "alt": f"A picture {name}",
                                        "consent": "given"} for name in names]}
    folder = write_journey(folder, files)
    colours = iter([(200, 30, 30), (30, 160, 60), (40, 60, 200)])
    for name in names:
        save_image(folder / "photos" / name, size=(300, 200), colour=next(colours))
    return folder


def test_the_cache_follows_out_and_keeps_only_what_a_build_uses(tmp_path):
    folder = photo_journey(tmp_path / "journeys" / "sam", ["a.jpg", "b.jpg"])
    out = tmp_path / "out"
    build(folder, out, pdf=False)
    cache = cache_for(out / CACHE, folder, release=False)
    # out/.cache/<folder's name>/<whose journey it is>/preview (see generator/outputs/identity.py)
    assert cache == out / ".cache" / "sam" / identity.of_journey(folder) / "preview"
    assert cache.is_dir()
    pictures = cache.parent / PICTURES   # shared with the copy's cache: kept by content
    made = {p.name for p in pictures.glob("*.jpg")}
    assert len(made) == 2 * 3  # two pictures, three sizes each (thumb, screen, print)
    # The second picture leaves the book: its copies leave the cache.
    (folder / "photos.yaml").write_text(
        "photos:\n  - file: photos/a.jpg\n    alt: A picture a.jpg\n    consent: given\n")
    build(folder, out, pdf=False)
    kept = {p.name for p in pictures.glob("*.jpg")}
    # (the picture left alone on its page is printed larger: a size of its own)
    assert len(kept) == 3 and {n.split("-")[0] for n in kept} < {n.split("-")[0] for n in made}
    assert len(list((cache / "sites").iterdir())) <= 2 * 2  # two builds, each with its notes


def test_clean_removes_a_journeys_preview_cache_and_copies_and_nothing_else(tmp_path, capsys):
    folder = photo_journey(tmp_path / "journeys" / "sam", ["a.jpg"])
    other = write_journey(tmp_path / "journeys" / "kim", minimal_files())
    out, copies = tmp_path / "out", tmp_path / "copies"
    for journey in (folder, other):
        build(journey, out, pdf=False)
    build(folder, copies, pdf=False, release=True)
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert main(["clean", str(folder), "--out", str(out), "--release-out", str(copies)]) == 0
    assert not (out / "sam").exists() and not (out / CACHE / "sam").exists()
    assert not (copies / "sam").exists() and not (copies / CACHE / "sam").exists()
    assert (out / "kim" / "site" / "index.html").is_file() and (out / CACHE / "kim").is_dir()
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert "Removed" in capsys.readouterr().err


def test_clean_never_removes_case_data(tmp_path, monkeypatch, capsys):
    journeys = tmp_path / "journeys"
    write_journey(journeys / "sam", minimal_files())
    monkeypatch.setenv("JOURNEYBOOK_JOURNEYS", str(journeys))
    assert main(["clean", "--out", str(journeys)]) == 1
    assert (journeys / "sam" / "journey.yaml").is_file()
    assert "holds case data" in capsys.readouterr().err


def test_strict_turns_warnings_into_a_failed_build_and_keeps_the_last_good_one(tmp_path):
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "kev", "called": "Kevin Marsh", "relation": "r", "visibility": "never shown"},
        {"id": "jo", "called": "Jo Marsh", "relation": "your aunt"}]
    folder = write_journey(tmp_path / "j", files)
    out = tmp_path / "out"
    result = build(folder, out, pdf=False)
    assert result.warnings, "this journey must give a warning for the test to mean anything"
    before = sorted(p.name for p in (out / "j" / "site").iterdir())
    (folder / "people.yaml").write_text((folder / "people.yaml").read_text() + "# edited\n")
    with pytest.raises(StrictFailed, match="marsh"):
        build(folder, out, pdf=False, strict=True)
    assert sorted(p.name for p in (out / "j" / "site").iterdir()) == before


def test_a_build_stopped_between_the_two_renames_is_put_back(tmp_path):
    final = tmp_path / "out" / "sam"
    with staged(final) as work:
        (work / "book.pdf").write_text("the good one")
    final.rename(final.parent / f".sam.old-{os.getpid() + 1}")  # as if stopped mid-swap
    with pytest.raises(RuntimeError), staged(final):
        raise RuntimeError("this build fails too")
    assert (final / "book.pdf").read_text() == "the good one"
    assert [p.name for p in final.parent.iterdir()] == ["sam"]


def test_the_checkout_check_sees_a_file_left_behind():
    """The suite's own guard (conftest) is not vacuous: a new ignored file is noticed."""
    from tests.conftest import ROOT

    before = made_in_the_checkout()
    if before is None:
        pytest.skip("git is not available: the suite cannot check the checkout")
    left = ROOT / "build" / "left-behind-by-a-test.txt"
    existed = left.parent.exists()
    left.parent.mkdir(exist_ok=True)
    try:
        left.write_text("x")
        assert made_in_the_checkout() - before == {"build/left-behind-by-a-test.txt"}
    finally:
        left.unlink()
        if not existed:
            left.parent.rmdir()
