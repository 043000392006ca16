"""Photos, recordings and scanned letters added in the studio by dropping files: each checked as
`journeybook check` checks it before anything names it, saved under a neutral counted name,
added with consent pending (photos.yaml kept as the coordinator left it), a bad one refused
beside the drop zone with nothing written; thumbnails upright and bare of EXIF.

Every test runs on a copy of journeys/demo in tmp; journeys/demo itself is never touched.
"""

from __future__ import annotations

import errno
import io
import shutil
import tempfile
import wave
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from generator.sources import recordings

pytest.importorskip("flask")
pytest.importorskip("ruamel.yaml")

from PIL import Image

from generator.coordinator.studio import files, pages, thumbs, uploads
from generator.coordinator.studio.problems import review
from tests.studio_client import BASE, PORT, TOKEN, opened_studio, post

GPS = 0x8825
ORIENTATION = 0x0112


def jpeg(size=(40, 20), orientation: int | None = None, colour="red") -> bytes:
    """A small JPEG that carries what a phone's does: GPS where it was taken, an orientation."""
    image = Image.new("RGB", size, colour)
    image.paste("blue", (0, 0, size[0] // 2, size[1]))   # left half blue: shows the turn
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def wav(seconds: float = 0.5) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(8000)
        sound.writeframes(b"\0\0" * int(8000 * seconds))
    return out.getvalue()


def drop(client, journey: str, kind: str, dropped: list[tuple[bytes, str]], person: str = "",
         **headers):
    """Post files as the drop zone's form does (from the studio's own page). The body is made
    here, as bytes: the test client's own would spool a large one to a file it leaves open."""
    boundary = "journeybook-test-boundary"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="person"\r\n\r\n'
             f"{person}\r\n".encode()]
    for raw, name in dropped:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '
                     f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
                     .encode() + raw + b"\r\n")
    body = b"".join([*parts, f"--{boundary}--\r\n".encode()])
    return client.post(f"/j/{journey}/add/{kind}", data=body, base_url=BASE,
                       content_type=f"multipart/form-data; boundary={boundary}",
                       headers={"Origin": BASE, **headers})


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_photos_are_added_pending_under_neutral_names_and_photos_yaml_kept(studio, journeys):
    demo = journeys / "demo"
    before = (demo / "photos.yaml").read_text(encoding="utf-8")
    photos_before = listing(demo / "photos")
    answer = drop(studio, "demo", "photos", [(jpeg(), "Nan at 12 Elm Road.JPG"),
                                             (jpeg(colour="green"), "../../x.jpg"),
                                             (jpeg(colour="blue"), "/etc/passwd.jpeg")],
                  person="nan-pat")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200, page
    assert listing(demo / "photos") - photos_before == {"photo-1.jpg", "photo-2.jpg",
                                                        "photo-3.jpeg"}
    assert not list(journeys.parent.glob("x.jpg")) and not list(journeys.glob("*.jpg"))
    after = (demo / "photos.yaml").read_text(encoding="utf-8")
    assert after.startswith(before), "every line the coordinator wrote is kept, byte for byte"
    assert after[len(before):] == "".join(
        f"  - file: photos/{name}\n    shared_by: nan-pat\n    consent: pending\n"
        for name in ("photo-1.jpg", "photo-2.jpg", "photo-3.jpeg"))
    assert len(files.history(demo / "photos.yaml")) == 1, "one drop is one undo step"
    assert "Elm Road" not in after and "Nan at 12 Elm Road.JPG" in page   # shown, never saved
    assert '/j/demo/edit/photos.yaml/photos#f-photos.19' in page   # the form's own item
    assert '<img src="/j/demo/thumbs/photos/photo-1.jpg"' in page

    # The photos page lists them with thumbnails, each linking to its place in the form.
    listed = studio.get("/j/demo/photos", base_url=BASE).get_data(as_text=True)
    assert 'href="/j/demo/edit/photos.yaml/photos#f-photos.21"' in listed
    assert 'src="/j/demo/thumbs/photos/photo-3.jpeg"' in listed
    form = studio.get("/j/demo/edit/photos.yaml/photos", base_url=BASE).get_data(as_text=True)
    assert 'id="f-photos.21"' in form and 'name="photos.21.people"' in form
    assert files.undo(demo / "photos.yaml")   # the drop's one step back: as it was
    assert (demo / "photos.yaml").read_text(encoding="utf-8") == before


def test_a_new_journeys_first_photos_pass_the_check_and_wait_for_consent(journeys, tmp_path):
    """On a journey just made from the template (its photos: [] and commented example): the
    check finds no error, and lists the photo as left out until consent is given."""
    from generator.format.new_journey import make_journey

    folder = make_journey("Robin Test", journeys)
    before = (folder / "photos.yaml").read_text(encoding="utf-8")
    answer = drop(opened_studio(journeys, tmp_path), folder.name, "photos",
                  [(jpeg(), "IMG_2041.JPG")], person="example-nan")
    assert answer.status_code == 200
    after = (folder / "photos.yaml").read_text(encoding="utf-8")
    assert after == before.replace("photos: []\n", "photos:\n  - file: photos/photo-1.jpg\n"
                                   "    shared_by: example-nan\n    consent: pending\n")
    checked = review(folder)
    assert not [p for found in checked.problems.values() for p in found if not p.warning]
    waiting = [item for item in checked.left_out if "photo-1.jpg" in item]
    assert waiting and "pending" in waiting[0], checked.left_out


def test_a_heic_photo_is_taken_as_it_is(studio, journeys):
    pytest.importorskip("pillow_heif")
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(out, "HEIF")
    answer = drop(studio, "demo", "photos", [(out.getvalue(), "IMG_0001.HEIC")])
    assert answer.status_code == 200
    assert (journeys / "demo" / "photos" / "photo-1.heic").is_file()
    assert "file: photos/photo-1.heic" in (journeys / "demo" / "photos.yaml").read_text("utf-8")


def test_bad_files_are_refused_beside_the_drop_zone_and_nothing_is_written(studio, journeys):
    demo = journeys / "demo"
    before, photos_before = (demo / "photos.yaml").read_bytes(), listing(demo / "photos")
    good = jpeg()
    bad = [(good[: len(good) // 2], "half.jpg"), (b"just some words", "notes.jpg"),
           (b"words", "notes.txt"), (b"", "empty.png"), (b"%PDF-1.4", "scan.pdf"),
           (b"\0\0\0\x18ftypheic" + b"\0" * 64, "broken.heic")]
    answer = drop(studio, "demo", "photos", bad)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 400
    assert (demo / "photos.yaml").read_bytes() == before
    assert listing(demo / "photos") == photos_before, "no file, not even a temporary one"
    assert 'role="alert"' in page and 'aria-describedby="files-help files-problems"' in page
    assert "&#39;half.jpg&#39; is not an image journeybook can read" in page
    assert "&#39;notes.txt&#39; is not a kind of picture journeybook knows" in page
    assert "The file &#39;empty.png&#39; is empty (0 bytes)" in page
    assert "only letters&#39; scans can be PDFs" in page
    assert "broken.heic" in page and "Save it again as a JPEG or PNG" in page

    # One bad file among good ones: the good one is added, the bad one is refused.
    mixed = drop(studio, "demo", "photos", [(good, "a.jpg"), (b"no", "b.jpg")])
    assert mixed.status_code == 200
    assert listing(demo / "photos") - photos_before == {"photo-1.jpg"}


def test_a_photo_too_large_is_refused_in_the_checks_words(studio, journeys, monkeypatch):
    monkeypatch.setitem(uploads.KINDS, "photos", replace(uploads.KINDS["photos"], per_file=100))
    answer = drop(studio, "demo", "photos", [(jpeg(), "big.jpg")])
    assert answer.status_code == 400 and "MB at most" in answer.get_data(as_text=True)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 200)
    monkeypatch.setitem(uploads.KINDS, "photos", replace(uploads.KINDS["photos"],
                                                         per_file=50 * uploads.MB))
    huge = drop(studio, "demo", "photos", [(jpeg((40, 20)), "wide.jpg")])
    assert "is too large: 0 megapixels (40 x 20 pixels)" in huge.get_data(as_text=True)
    assert not list((journeys / "demo" / "photos").glob("photo-*"))


def test_an_oversize_post_is_refused_with_words_before_it_is_read(studio, journeys, monkeypatch):
    demo = journeys / "demo"
    before, photos_before = (demo / "photos.yaml").read_bytes(), listing(demo / "photos")
    # Said to be 2 GB: refused from its Content-Length, with no 2 GB sent or kept.
    said = studio.post("/j/demo/add/photos", data=b"x" * 10, base_url=BASE,
                       headers={"Origin": BASE},
                       environ_overrides={"CONTENT_LENGTH": str(2 * 1024 ** 3),
                                          "CONTENT_TYPE": "multipart/form-data; boundary=b"})
    assert said.status_code == 413
    assert "Drop fewer files at a time" in said.get_data(as_text=True)
    # Larger than the limit (made small here) as it is read.
    monkeypatch.setitem(uploads.KINDS, "photos", replace(uploads.KINDS["photos"], per_post=2000))
    answer = drop(studio, "demo", "photos", [(jpeg((400, 400)), "a.jpg")] * 3)
    assert answer.status_code == 413 and "Traceback" not in answer.get_data(as_text=True)
    assert "larger than the studio takes at once" in answer.get_data(as_text=True)
    assert (demo / "photos.yaml").read_bytes() == before
    assert listing(demo / "photos") == photos_before
    # Other pages keep the app's own 4 MB limit: a 5 MB form is refused, nothing saved.
    people = (demo / "people.yaml").read_bytes()
    form = post(studio, "/j/demo/edit/people.yaml/people",
                [("people.0.called", "x" * (5 * uploads.MB))])
    assert form.status_code == 413
    assert (demo / "people.yaml").read_bytes() == people


def test_a_post_without_the_studio_cookie_or_from_another_page_is_refused(studio, journeys,
                                                                           tmp_path):
    from generator.coordinator.studio.server import make_app
    from tests.studio_client import PORT, TOKEN

    stranger = make_app(journeys, tmp_path / "build", TOKEN, PORT).test_client()
    assert drop(stranger, "demo", "photos", [(jpeg(), "a.jpg")]).status_code == 403
    other = drop(studio, "demo", "photos", [(jpeg(), "a.jpg")], Origin="http://evil.example")
    assert other.status_code == 403
    assert not list((journeys / "demo" / "photos").glob("photo-*"))


def test_the_thumbnail_is_upright_small_and_carries_no_exif(studio, journeys):
    sideways = jpeg((40, 20), orientation=6)
    assert drop(studio, "demo", "photos", [(sideways, "turned.jpg")]).status_code == 200
    assert (journeys / "demo" / "photos" / "photo-1.jpg").read_bytes() == sideways   # as sent
    answer = studio.get("/j/demo/thumbs/photos/photo-1.jpg", base_url=BASE)
    assert answer.status_code == 200 and answer.mimetype == "image/jpeg"
    with Image.open(io.BytesIO(answer.data)) as thumb:
        assert thumb.size == (20, 40), "turned upright, as the book shows it"
        assert not thumb.getexif() and GPS not in thumb.getexif()
        assert not {"exif", "icc_profile", "xmp", "comment"} & set(thumb.info)
        thumb = thumb.convert("RGB")
        assert thumb.getpixel((10, 2))[2] > 200 and thumb.getpixel((10, 37))[0] > 200
    assert b"Exif" not in answer.data and b"PhoneMaker" not in answer.data
    # Kept by content outside the journey; nothing of it written in the journey's folder.
    kept = list(thumbs.kept_in(journeys.parent / "build", journeys / "demo").glob("*.jpg"))
    assert len(kept) == 1 and kept[0].read_bytes() == answer.data
    # A demo photo, a letter's PDF scan; nothing outside the journey, nothing not a picture.
    assert studio.get("/j/demo/thumbs/photos/garden.jpg", base_url=BASE).status_code == 200
    assert studio.get("/j/demo/thumbs/letters/jan-card.pdf", base_url=BASE).status_code == 200
    shutil.copy(journeys / "demo" / "photos" / "garden.jpg", journeys / "outside.jpg")
    # A coordinator's own file name, with a space, a quote and a #: its address is quoted.
    shutil.copy(journeys / "demo" / "photos" / "garden.jpg", journeys / "demo" / "Nan's #1.jpg")
    (journeys / "demo" / "photos.yaml").write_text("photos:\n  - file: \"Nan's #1.jpg\"\n")
    listed = studio.get("/j/demo/photos", base_url=BASE).get_data(as_text=True)
    assert 'src="/j/demo/thumbs/Nan%27s%20%231.jpg"' in listed
    assert studio.get("/j/demo/thumbs/Nan%27s%20%231.jpg", base_url=BASE).status_code == 200
    for wrong in ("../../outside.jpg", "photos.yaml", "%2e%2e/outside.jpg",
                  "memories/grandad-voice.m4a", "photos/missing.jpg"):
        assert studio.get(f"/j/demo/thumbs/{wrong}", base_url=BASE).status_code == 404, wrong


def test_thumbnails_are_kept_with_the_journeys_preview_and_cleaned_with_it(studio, journeys,
                                                                          tmp_path):
    """A thumbnail is a copy of a child's photo: kept in the journey's own preview cache, gone
    when its photo has gone from the journey (once the photos page is shown), and removed by
    `journeybook clean <journey>` with the rest of what journeybook made of the journey."""
    from generator.coordinator import clean
    from generator.coordinator.studio.server import make_app

    demo, previews = journeys / "demo", tmp_path / "build"
    (previews / thumbs.OLD).mkdir()   # where earlier versions kept them: removed at start
    (previews / thumbs.OLD / "0123.jpg").write_bytes(jpeg())
    make_app(journeys, previews, TOKEN, PORT)
    assert not (previews / thumbs.OLD).exists()
    assert drop(studio, "demo", "photos", [(jpeg(), "a.jpg")]).status_code == 200
    for photo in ("photo-1.jpg", "garden.jpg"):
        assert studio.get(f"/j/demo/thumbs/photos/{photo}", base_url=BASE).status_code == 200
    kept = thumbs.kept_in(previews, demo)
    assert len(list(kept.glob("*.jpg"))) == 2
    assert studio.get("/j/demo/photos", base_url=BASE).status_code == 200
    assert len(list(kept.glob("*.jpg"))) == 2, "both photos are there: both thumbnails kept"
    (demo / "photos" / "photo-1.jpg").unlink()
    assert studio.get("/j/demo/photos", base_url=BASE).status_code == 200
    assert len(list(kept.glob("*.jpg"))) == 1, "the photo has gone: so has its thumbnail"
    # `journeybook clean journeys/demo`, as the command runs it.
    targets, theirs = clean.journeys_own(demo, previews, tmp_path / "release",
                                         versions_too=False)
    assert clean.remove(targets, theirs, journeys) == 0
    assert not kept.exists() and not list(previews.rglob("*.jpg"))
    assert (demo / "photos" / "garden.jpg").is_file(), "the case data stays"


def test_a_large_post_is_received_in_the_previews_folder_not_the_system_temp(journeys,
                                                                              tmp_path,
                                                                              monkeypatch):
    """werkzeug receives a post over 500 KB into a temporary file; the studio's request class
    puts it in the previews folder (build/.cache/.studio-uploads), never the system's temporary
    folder, where nothing journeybook does would clean a child's photo away."""
    from generator.coordinator.studio.server import make_app

    system = tmp_path / "system-temp"
    system.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    made, real = [], tempfile.TemporaryFile

    def spied(*args, **kwargs):
        made.append(kwargs.get("dir"))
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", spied)
    app = make_app(journeys, tmp_path / "build", TOKEN, PORT)
    spool = tmp_path / "build" / uploads.SPOOL
    app.request_class = uploads.request_class(spool)
    client = app.test_client()
    assert client.get(f"/?token={TOKEN}", base_url=BASE).status_code == 303
    answer = drop(client, "demo", "photos", [(b"\xff" * (2 * uploads.MB), "big.jpg")])
    assert answer.status_code == 400 and "big.jpg" in answer.get_data(True)   # read, checked
    assert made and all(where == spool for where in made), made
    assert not list(system.iterdir()) and not list(spool.iterdir())
    small = drop(client, "demo", "photos", [(jpeg(), "small.jpg")])   # in memory: no file
    assert small.status_code == 200 and len(made) == 1


def test_a_photos_yaml_that_is_a_link_is_refused_and_nothing_is_left(studio, journeys, tmp_path,
                                                                     monkeypatch):
    """Case data is never read from or written to outside the journey's folder."""
    demo = journeys / "demo"
    elsewhere = tmp_path / "elsewhere.yaml"
    shutil.move(demo / "photos.yaml", elsewhere)
    try:
        (demo / "photos.yaml").symlink_to(elsewhere)
    except OSError:
        pytest.skip("symbolic links cannot be made here")
    before, photos_before = elsewhere.read_bytes(), listing(demo / "photos")
    answer = drop(studio, "demo", "photos", [(jpeg(), "a.jpg")])
    assert answer.status_code == 400
    assert "photos.yaml is a link to a file somewhere else" in answer.get_data(True)
    assert studio.get("/j/demo/photos", base_url=BASE).status_code == 422
    # Made a link only after it was looked at: the photo already named goes again.
    monkeypatch.setattr(uploads, "_photos_file_problem", lambda folder: "")
    late = drop(studio, "demo", "photos", [(jpeg(), "a.jpg")])
    assert late.status_code == 400 and "Traceback" not in late.get_data(True)
    assert "photos.yaml is a link to a file somewhere else" in late.get_data(True)
    assert listing(demo / "photos") == photos_before
    assert elsewhere.read_bytes() == before


def test_a_save_that_fails_after_naming_takes_the_named_files_back(studio, journeys,
                                                                   monkeypatch):
    """photos.yaml or a letter cannot be saved (disk full, kept changing): the files already
    named go again, so nothing is left that nothing names, and the page says why."""
    demo = journeys / "demo"
    photos, letters = listing(demo / "photos"), listing(demo / "letters")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    def changing(opened, *args, **kwargs):
        raise files.ChangedOnDisk(opened.path, "")

    monkeypatch.setattr(files, "save_yaml", full)
    answer = drop(studio, "demo", "photos", [(jpeg(), "a.jpg"), (jpeg(), "b.jpg")])
    assert answer.status_code == 400
    assert "photos.yaml could not be saved (No space left on device)" in answer.get_data(True)
    monkeypatch.setattr(files, "save_yaml", changing)
    answer = drop(studio, "demo", "photos", [(jpeg(), "a.jpg")])
    assert answer.status_code == 400 and "kept changing" in answer.get_data(True)
    assert listing(demo / "photos") == photos
    monkeypatch.setattr(files, "save_writing", full)
    pages_ = [(jpeg(), "page 1.jpg"), (jpeg(), "page 2.jpg")]
    answer = drop(studio, "demo", "letters", pages_, person="gran-yvonne")
    assert answer.status_code == 400
    assert "the letter (in letters/) could not be saved" in answer.get_data(True)
    assert listing(demo / "letters") == letters


def test_the_journeys_list_outlasts_files_that_come_and_go_and_a_faulty_check(journeys,
                                                                              tmp_path,
                                                                              monkeypatch):
    """A save's or an upload's hidden temporary file, or a file gone while the folder is read,
    is left out of what says a journey changed; a fault in one journey's check counts as a
    problem of that journey instead of an error page for the whole list."""
    demo = journeys / "demo"
    (demo / "photos" / ".upload-x1.jpg").write_bytes(b"part")
    (demo / ".people.yaml.x1.tmp").write_text("part")
    names = {name for name, *_ in pages._signature(demo)}
    assert str(demo / "photos" / "garden.jpg") in names
    assert not [name for name in names if ".upload-" in name or name.endswith(".tmp")]
    gone, real = demo / "photos" / "garden.jpg", Path.stat

    def stat(path, *args, **kwargs):
        if path == gone:
            raise FileNotFoundError(errno.ENOENT, "gone", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    assert str(gone) not in {name for name, *_ in pages._signature(demo)}
    monkeypatch.undo()

    def faulty(*args, **kwargs):
        raise RuntimeError("a fault in journeybook")

    monkeypatch.setattr(pages, "check", faulty)
    rows = pages.Journeys(journeys, tmp_path / "build").rows(date(2026, 12, 6))
    assert [(row.id, row.problems) for row in rows] == [("demo", 1)]


@pytest.mark.skipif(not recordings.available(), reason="ffmpeg is not installed")
def test_a_recording_becomes_a_pending_memory_from_who_made_it(studio, journeys):
    memories = journeys / "demo" / "memories"
    before = listing(memories)
    refused = drop(studio, "demo", "recordings", [(wav(), "Nan.wav")])
    assert refused.status_code == 400
    assert ('<p class="problems" id="person-problems" role="alert">Nothing was added: choose who '
            "made the recordings.</p>") in refused.get_data(True)   # beside the choice
    assert listing(memories) == before
    answer = drop(studio, "demo", "recordings", [(wav(), "Voice 001.WAV"),
                                                 (b"not sound", "fake.m4a"),
                                                 (b"words", "notes.txt")], person="nan-pat")
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert listing(memories) - before == {"recording-1.wav", "memory-1.md"}
    assert (memories / "memory-1.md").read_text(encoding="utf-8") == (
        "---\nfrom: nan-pat\nconsent: pending\nrecording:\n  file: memories/recording-1.wav\n"
        "---\n")
    assert "&#39;fake.m4a&#39; is not a recording journeybook can read" in page
    assert "&#39;notes.txt&#39; is not a kind of recording journeybook knows" in page
    assert 'href="/j/demo/write/memories/memory-1.md"' in page


def test_a_scanned_letters_pages_become_one_pending_letter_in_order(studio, journeys):
    letters = journeys / "demo" / "letters"
    before = listing(letters)
    pages = [(jpeg(colour="white"), "page 10.jpg"), (jpeg(colour="black"), "page 2.jpg")]
    bad = drop(studio, "demo", "letters", [*pages, (b"no", "page 3.jpg")], person="gran-yvonne")
    assert bad.status_code == 400 and "the letter waits until every page" in bad.get_data(True)
    assert listing(letters) == before
    answer = drop(studio, "demo", "letters", pages, person="gran-yvonne")
    assert answer.status_code == 200
    assert listing(letters) - before == {"scan-1.jpg", "scan-2.jpg", "letter-1.md"}
    assert (letters / "letter-1.md").read_text(encoding="utf-8") == (
        "---\nfrom: gran-yvonne\nscans:\n  - letters/scan-1.jpg\n  - letters/scan-2.jpg\n"
        "consent: pending\n---\n")
    assert (letters / "scan-1.jpg").read_bytes() == pages[1][0], "page 2 before page 10"


def test_the_journey_page_links_the_drop_zones(studio, journeys):
    from generator.format.new_journey import make_journey

    made = make_journey("Robin Test", journeys).name   # its page checks it: a small one is quick
    page = studio.get(f"/j/{made}", base_url=BASE).get_data(as_text=True)
    for link in ("/add/photos\">Add photos", "/add/recordings\">Add recordings",
                 "/add/letters\">Add a scanned letter", "/photos\">Photos"):
        assert f'<a href="/j/{made}{link}</a>' in page
    form = studio.get("/j/demo/add/photos", base_url=BASE).get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in form and 'type="file"' in form
    assert 'multiple accept="image/*,' in form and '<label for="files">' in form


def test_an_upload_may_be_larger_than_a_forms_4_mb(studio, journeys):
    """The drop zone's own limit, not the app's 4 MB for forms: a 6 MB file is read and checked
    (and refused, as it is no picture), not refused unread."""
    answer = drop(studio, "demo", "photos", [(b"\xff" * (6 * uploads.MB), "big.jpg")])
    assert answer.status_code == 400
    assert "&#39;big.jpg&#39; is not an image journeybook can read" in answer.get_data(True)


@pytest.mark.browser
def test_in_chromium_files_dropped_on_the_input_are_added_and_the_page_passes_axe(
        journeys, tmp_path, browser):
    """The real thing: waitress and Chromium, files given to the input as a drop gives them, no
    script of ours needed; axe-core (WCAG 2.2 AA) finds nothing on the page with its results."""
    import threading

    import waitress

    from generator.coordinator.studio.server import make_app
    from tests.studio_client import TOKEN
    from tests.test_accessibility import violations

    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    app = make_app(journeys, tmp_path / "build", TOKEN, 0)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    app.config["STUDIO_PORT"] = port = server.effective_port
    threading.Thread(target=server.run, daemon=True).start()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(f"http://127.0.0.1:{port}/j/demo/add/photos?token={TOKEN}", timeout=120_000)
        page.get_by_label("Drop the photos here, or choose them").set_input_files([
            {"name": "IMG_0001.JPG", "mimeType": "image/jpeg", "buffer": jpeg(orientation=6)},
            {"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"just words"}])
        page.get_by_role("button", name="Add them").click()
        page.get_by_role("heading", name="Added: 1").wait_for(timeout=120_000)
        refused = page.get_by_role("alert").inner_text()
        width = page.locator("img").first.evaluate("image => image.naturalWidth")
        found = violations(axe, page)
    finally:
        page.close()
        server.close()
    assert "notes.jpg" in refused and "not an image journeybook can read" in refused
    assert width == 20, "the thumbnail loaded, upright"
    assert not found, "\n".join(found)
    assert (journeys / "demo" / "photos" / "photo-1.jpg").is_file()
