"""The same inputs make the same bytes: a coordinator and an auditor who build the same journey
(in other folders, with other caches) can compare their copies file by file."""

from __future__ import annotations

from generator.build import build
from tests.conftest import DEMO, shared_cache


def files_of(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_of_the_demo_in_other_folders_are_byte_identical(tmp_path, monkeypatch,
                                                                      known):
    """One copy made with a cache that has seen the demo before (the session's), the other from
    nothing, in another folder with a cache of its own."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # both on the same day
    first = build(DEMO, tmp_path / "one", release=True,
                  cache_dir=shared_cache(known, release=True))
    second = build(DEMO, tmp_path / "elsewhere" / "two", release=True,
                   cache_dir=tmp_path / "cache-two")
    assert not first.unchanged and not second.unchanged  # both really made
    ours, theirs = files_of(first.output), files_of(second.output)
    assert sorted(ours) == sorted(theirs)
    assert "book.pdf" in ours and "site/index.html" in ours
    different = [name for name in ours if ours[name] != theirs[name]]
    assert not different, different
