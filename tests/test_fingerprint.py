"""A build that would make the same output again keeps the last good one (core/fingerprint.py,
core/record.py), and anything that could change the output builds again."""

from __future__ import annotations

import os
import time

import pytest
from conftest import minimal_files, save_image, write_journey

from generator.build import build
from generator.core import fingerprint
from generator.core.errors import StrictFailed


def photo_journey(folder):
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/a.jpg", "alt": "A red square",
                                        "caption": "First", "consent": "given"}]}
    write_journey(folder, files)
    save_image(folder / "photos" / "a.jpg")
    return folder


@pytest.fixture
def built(tmp_path):
    folder = photo_journey(tmp_path / "journeys" / "sam")
    out = tmp_path / "out"
    first = build(folder, out, pdf=False)
    assert not first.unchanged
    return folder, out


def page(out):
    return (out / "sam" / "site" / "photos.html").read_text(encoding="utf-8")


def test_no_change_keeps_the_output_and_says_what_it_said(built):
    folder, out = built
    index = out / "sam" / "site" / "index.html"
    before = index.stat().st_mtime_ns
    again = build(folder, out, pdf=False)
    assert again.unchanged
    assert index.stat().st_mtime_ns == before  # not written again
    assert again.site == index
    assert again.summary is not None and again.summary.photos == (1, 1)


def test_an_edited_caption_builds_again(built):
    folder, out = built
    (folder / "photos.yaml").write_text((folder / "photos.yaml").read_text()
                                        .replace("First", "Second"))
    result = build(folder, out, pdf=False)
    assert not result.unchanged
    assert "Second" in page(out) and "First" not in page(out)


def test_a_replaced_photo_builds_again(built):
    folder, out = built
    photo = folder / "photos" / "a.jpg"
    stat = photo.stat()
    save_image(photo, colour=(20, 200, 20))
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with its old time
    assert not build(folder, out, pdf=False).unchanged


def test_an_output_touched_since_builds_again(built):
    folder, out = built
    (out / "sam" / "site" / "index.html").write_text("changed by hand")
    result = build(folder, out, pdf=False)
    assert not result.unchanged
    assert "changed by hand" not in (out / "sam" / "site" / "index.html").read_text()


def test_other_options_another_day_or_a_passphrase_build_again(built, monkeypatch):
    folder, out = built
    assert not build(folder, out).unchanged  # now with the book
    assert build(folder, out).unchanged
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(time.time()) + 3 * 86400))
    assert not build(folder, out).unchanged  # the timeline draws the build's day
    release = out.parent / "release"
    build(folder, release, release=True, pdf=False)
    assert not build(folder, release, release=True, pdf=False,
                     passphrase="a long enough passphrase").unchanged
    assert not build(folder, release, release=True, pdf=False,
                     passphrase="a long enough passphrase").unchanged


def test_strict_after_a_build_with_warnings_still_fails(tmp_path):
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/a.jpg", "consent": "given"}]}  # no alt
    folder = write_journey(tmp_path / "journeys" / "sam", files)
    save_image(folder / "photos" / "a.jpg")
    out = tmp_path / "out"
    assert build(folder, out, pdf=False).warnings
    with pytest.raises(StrictFailed):
        build(folder, out, pdf=False, strict=True)
    with pytest.raises(StrictFailed):
        build(folder, out, pdf=False, strict=True)


def test_journeybooks_own_theme_is_in_the_key(tmp_path, monkeypatch):
    theme = tmp_path / "theme"
    (theme / "css").mkdir(parents=True)
    (theme / "css" / "site.css").write_text("body { color: black }")
    monkeypatch.setattr(fingerprint, "THEME", theme)
    fingerprint.own_key.cache_clear()
    first = fingerprint.own_key()
    (theme / "css" / "site.css").write_text("body { color: navy }")
    fingerprint.own_key.cache_clear()
    assert fingerprint.own_key() != first
    fingerprint.own_key.cache_clear()
