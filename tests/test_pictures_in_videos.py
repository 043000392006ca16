"""Pictures inside videos (issue 21): a video made of photos, a slideshow or a voice message
shared as a video with a photo as its picture, follows the rule of every picture it shows.

The videos are made here by ffmpeg as a phone's slideshow app or a messaging app makes them:
the pictures scaled into 1280 x 720 (bars round them, a blurred copy behind them, cropped to
fill, stretched, or upright 720 x 1280) and encoded as H.264. The pictures are the demo's
drawings, which are fictional.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DEMO, minimal_files, pdf_text, write_journey

from generator.build import build, check
from generator.cast import frames
from generator.sources import recordings

if not recordings.available():  # pragma: no cover - ./dev installs ffmpeg
    pytest.skip("ffmpeg is not installed (./dev test installs it)", allow_module_level=True)

LISTENED = {"by": "SO", "on": "2026-11-02"}
# The demo's drawings, under the names the journeys below give them.
DRAWINGS = {"photos/kite.jpg": "cover-kite.jpg", "photos/garden.jpg": "garden.jpg",
            "photos/bbq.jpg": "pending-bbq.jpg", "people/vic.jpg": "fishing.jpg",
            "photos/pier.jpg": "pier.jpg", "photos/unlisted.jpg": "school.jpg"}
FITS = {  # how a slideshow app puts a picture in a 1280 x 720 frame
    "black bars": "scale={w}:{h}:force_original_aspect_ratio=decrease,"
                  "pad={w}:{h}:(ow-iw)/2:(oh-ih)/2",
    "white bars": "scale={w}:{h}:force_original_aspect_ratio=decrease,"
                  "pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=white",
    "blurred behind": "split[a{i}][b{i}];[a{i}]scale={w}:{h},boxblur=20[back{i}];"
                      "[b{i}]scale={w}:{h}:force_original_aspect_ratio=decrease[front{i}];"
                      "[back{i}][front{i}]overlay=(W-w)/2:(H-h)/2",
    "cropped to fill": "scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h}",
    "stretched": "scale={w}:{h}",
}


def ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    *arguments], check=True, capture_output=True)


def slideshow(path: Path, pictures: list[Path], *, fit: str = "black bars", size=(1280, 720),
              seconds: int = 2) -> Path:
    """A slideshow: each picture for `seconds`, fitted in the frame, with a sound track."""
    inputs, chains = [], []
    for i, picture in enumerate(pictures):
        inputs += ["-loop", "1", "-t", str(seconds), "-framerate", "25", "-i", str(picture)]
        chains.append(f"[{i}:v]format=rgb24,{FITS[fit].format(i=i, w=size[0], h=size[1])},"
                      f"setsar=1,format=yuv420p[v{i}]")
    joined = "".join(f"[v{i}]" for i in range(len(pictures)))
    ffmpeg(*inputs, "-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100",
           "-filter_complex", ";".join(chains) + f";{joined}concat=n={len(pictures)}:v=1:a=0[v]",
           "-map", "[v]", "-map", f"{len(pictures)}:a", "-shortest", "-c:v", "libx264",
           "-crf", "28", "-c:a", "aac", str(path))
    return path


def voice_note_video(path: Path, picture: Path, seconds: int = 3) -> Path:
    """A voice message shared as a video: a still picture (made 1280 wide) over the voice."""
    ffmpeg("-loop", "1", "-framerate", "10", "-i", str(picture), "-f", "lavfi", "-i",
           f"sine=frequency=220:sample_rate=44100:duration={seconds}", "-shortest",
           "-vf", "scale=1280:-2,format=yuv420p", "-c:v", "libx264", "-tune", "stillimage",
           "-crf", "30", "-c:a", "aac", str(path))
    return path


def memory(title: str, video: str) -> str:
    return ("---\n" + json.dumps({"from": "mum", "title": title, "consent": "given",
                                  "recording": {"file": video, "listened": LISTENED}})
            + f"\n---\nHello Sam, it's Mum. This is {title.lower()}.\n")


def journey(tmp_path: Path, videos: dict[str, str]) -> Path:
    """Sam's journey: two photos that may be shown (a kite, a garden), one whose consent is
    refused (a barbecue, entry 3), a pier whose caption names Uncle Vic, and Uncle Vic, who is
    never shown, with his portrait; a memory from Mum for each video (name: title)."""
    files = minimal_files()
    files["people.yaml"]["people"].append(
        {"id": "uncle", "called": "Uncle Vic", "full_name": "Victor Hidewell",
         "relation": "your uncle", "visibility": "never shown", "photo": "people/vic.jpg"})
    files["photos.yaml"] = {"photos": [
        {"file": "photos/kite.jpg", "alt": "A red kite", "consent": "given"},
        {"file": "photos/garden.jpg", "alt": "A green garden", "consent": "given"},
        {"file": "photos/bbq.jpg", "alt": "A barbecue", "consent": "refused"},
        {"file": "photos/pier.jpg", "alt": "A pier", "caption": "With Uncle Vic",
         "consent": "given"}]}
    for name, title in videos.items():
        files[f"memories/{name}.md"] = memory(title, f"memories/{name}.mp4")
    folder = write_journey(tmp_path / "journeys" / "sam", files)
    for relative, drawing in DRAWINGS.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEMO / "photos" / drawing, folder / relative)
    return folder


def left_out(folder: Path, cache: Path | None = None) -> list[str]:
    """What the copy leaves out and why (cache: what is known of the pictures, kept there)."""
    return [f"{item.what}: {item.reason}"
            for item in check(folder, cache_dir=cache, release=True).result.left_out]


# -- a journey built: a slideshow, a voice note as a video, and a video that is all fine -------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("pictures-in-videos")
    folder = journey(tmp_path, {"slides": "Our slideshow", "voice": "A voice note",
                                "days": "Our days out"})
    memories = folder / "memories"
    slideshow(memories / "slides.mp4", [folder / "photos/kite.jpg", folder / "photos/bbq.jpg",
                                        folder / "photos/garden.jpg"])
    voice_note_video(memories / "voice.mp4", folder / "people/vic.jpg")
    slideshow(memories / "days.mp4", [folder / "photos/garden.jpg", folder / "photos/kite.jpg"])
    # The preview's cache and the copy's, side by side as a coordinator's are: the copy reads
    # again no frame the preview read.
    preview = build(folder, tmp_path / "build", pdf=False, cache_dir=tmp_path / "cache" / "preview")
    copy = build(folder, tmp_path / "release", release=True,
                 cache_dir=tmp_path / "cache" / "release")
    return folder, preview, copy, tmp_path


def made_name(video: Path) -> str:
    """The made recording's file name in a site (named by content)."""
    return Path(recordings.output_name(recordings.digest_of(video), "video")).name


def test_a_slideshow_showing_a_refused_photo_is_left_out_of_the_copy(built):
    folder, preview, copy, _tmp = built
    site = copy.output / "site"
    assert not (site / "media" / made_name(folder / "memories/slides.mp4")).exists()
    page = (site / "memories.html").read_text(encoding="utf-8")
    assert "Our slideshow" in page  # the memory stays, without its video
    assert "A video (6 s)" not in " ".join(pdf_text(copy.pdf).split())  # nor its still
    why = ("it shows the picture photos/bbq.jpg at 0:02, which is not shown: consent is "
           "refused (photos.yaml, entry 3: photos/bbq.jpg)")
    assert f"the recording memories/slides.mp4: not played: {why}" in [
        f"{item.what}: {item.reason}" for item in copy.left_out]
    greyed = (preview.output / "site" / "memories.html").read_text(encoding="utf-8")
    assert why in greyed  # the coordinator's preview shows it greyed, with why


def test_a_voice_note_whose_picture_is_a_never_shown_persons_portrait_is_left_out(built):
    folder, preview, copy, _tmp = built
    site = copy.output / "site"
    assert not (site / "media" / made_name(folder / "memories/voice.mp4")).exists()
    why = ("it shows the picture people/vic.jpg at 0:00, which is not shown: it is the photo "
           "of someone who is never shown (people.yaml, uncle)")
    assert why in (preview.output / "site" / "memories.html").read_text(encoding="utf-8")
    assert any(why in item.reason for item in copy.left_out)


def test_a_video_whose_pictures_are_all_fine_still_plays(built):
    folder, _preview, copy, tmp_path = built
    video = folder / "memories/days.mp4"
    site = copy.output / "site"
    assert (site / "media" / made_name(video)).is_file()
    page = (site / "memories.html").read_text(encoding="utf-8")
    assert page.count("<video controls") == 1 and made_name(video) in page
    assert "A video (4 s)" in " ".join(pdf_text(copy.pdf).split())
    assert not any("days.mp4" in item.what for item in copy.left_out)
    # ...and it was looked at: what it shows is remembered by its content
    remembered = json.loads((tmp_path / "cache" / "sources.json").read_text())
    looked = remembered[f"content|{recordings.digest_of(video)}"]
    assert looked["complete"] and len(looked["frames"]) >= 4  # 0 s, 1 s, 2 s (a new scene), 3 s


# -- however the video puts the picture in its frame ------------------------------------------

@pytest.mark.parametrize("fit", sorted(FITS))
def test_a_refused_photo_is_found_however_a_slideshow_fits_it(tmp_path, fit, known):
    folder = journey(tmp_path, {"slides": "Our slideshow"})
    slideshow(folder / "memories/slides.mp4", [folder / "photos/garden.jpg",
                                               folder / "photos/bbq.jpg"], fit=fit)
    assert any("it shows the picture photos/bbq.jpg at 0:02" in line
               for line in left_out(folder, known)), fit


def test_a_refused_photo_is_found_in_an_upright_phone_video(tmp_path, known):
    folder = journey(tmp_path, {"slides": "Our slideshow"})
    slideshow(folder / "memories/slides.mp4", [folder / "photos/kite.jpg",
                                               folder / "photos/bbq.jpg"], size=(720, 1280))
    assert any("photos/bbq.jpg at 0:02" in line for line in left_out(folder, known))


def test_a_picture_nothing_vouches_for_or_left_out_for_its_words_is_found_too(tmp_path, known):
    folder = journey(tmp_path, {"unlisted": "A day at school", "pier": "At the pier"})
    slideshow(folder / "memories/unlisted.mp4", [folder / "photos/unlisted.jpg"])
    slideshow(folder / "memories/pier.mp4", [folder / "photos/kite.jpg",
                                             folder / "photos/pier.jpg"])
    lines = left_out(folder, known)
    assert any("memories/unlisted.mp4" in line and "it shows the picture photos/unlisted.jpg "
               "at 0:00, which is not shown: it has no entry in photos.yaml" in line
               for line in lines)
    assert any("memories/pier.mp4" in line and "it shows the picture photos/pier.jpg at 0:02"
               in line and "(photos.yaml, entry 4: photos/pier.jpg)" in line for line in lines)


def test_what_a_video_shows_is_remembered_by_its_content(tmp_path, monkeypatch):
    folder = journey(tmp_path, {"slides": "Our slideshow"})
    slideshow(folder / "memories/slides.mp4", [folder / "photos/bbq.jpg"])
    cache = tmp_path / "cache"
    first = left_out(folder, cache)
    assert any("photos/bbq.jpg" in line for line in first)

    def no_decoding(*_arguments):
        raise AssertionError("the video was decoded again")

    monkeypatch.setattr(frames, "_sample", no_decoding)
    # the same video under another name and another time stamp: the same content
    moved = folder / "memories/slides.mp4"
    moved.rename(folder / "memories/again.mp4")
    memory_file = folder / "memories/slides.md"
    memory_file.write_text(memory_file.read_text().replace("slides.mp4", "again.mp4"))
    assert any("memories/again.mp4" in line and "photos/bbq.jpg" in line
               for line in left_out(folder, cache))


def test_a_video_with_more_pictures_than_can_be_compared_is_not_played(tmp_path, monkeypatch, known):
    monkeypatch.setattr(frames, "MOST_FRAMES", 2)
    folder = journey(tmp_path, {"days": "Our days out"})
    slideshow(folder / "memories/days.mp4", [folder / "photos/garden.jpg",
                                             folder / "photos/kite.jpg"])
    assert any("memories/days.mp4" in line and "changes picture more often" in line
               for line in left_out(folder, known))


def test_a_video_ffmpeg_cannot_look_into_is_not_played(tmp_path, monkeypatch, known):
    folder = journey(tmp_path, {"days": "Our days out"})
    slideshow(folder / "memories/days.mp4", [folder / "photos/garden.jpg"])

    def fails(*_arguments):
        raise frames.FramesError("Invalid data found when processing input")

    monkeypatch.setattr(frames, "_sample", fails)
    assert any("memories/days.mp4" in line and "could not look at every picture" in line
               for line in left_out(folder, known))


def test_a_look_tells_the_same_picture_from_another(tmp_path):
    """The comparison itself, on a picture scaled and re-encoded by H.264 (see frames' doc)."""
    from PIL import Image

    video = slideshow(tmp_path / "one.mp4", [DEMO / "photos/pier.jpg"], seconds=1)
    sampled = frames.sampled(video, "digest", 1.0, [4 / 3], None)
    inside = sampled.frames[0].looks["bars"]
    with Image.open(DEMO / "photos/pier.jpg") as pier, \
            Image.open(DEMO / "photos/sandcastle.jpg") as sandcastle:
        assert inside.same_picture(frames.Look.of(pier.convert("RGB")))
        assert not inside.same_picture(frames.Look.of(sandcastle.convert("RGB")))
    assert re.fullmatch(r" at 1:05", frames.at_words(65.4))
