"""Recordings: phone-made voice messages and videos, checked, made again without metadata,
played by the site, printed by the book, and refused by the gate when anything rides along.

The recordings are made here by ffmpeg the way phones save them: an iPhone-style video (HEVC
in QuickTime, its place in a `com.apple.quicktime.location.ISO6709` key and a `©xyz` atom, the
phone's make and model, the time), a voice memo, an MP3 with ID3 tags and cover art.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import minimal_files, pdf_text, write_journey

from generator.build import build, check
from generator.core.errors import BuildError, JourneyError, RecordingError
from generator.core.source_cache import SourceCache
from generator.outputs import containers, gate
from generator.outputs.recordings import Job, produce
from generator.sources import recordings

PLACE = "+51.5074-000.1278"  # where the "phone" says it was: must reach no copy
ADDRESS = "12 Acacia Road"

if not recordings.available():  # pragma: no cover - ./dev installs ffmpeg
    pytest.skip("ffmpeg is not installed (./dev test installs it)", allow_module_level=True)


def ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    *arguments], check=True, capture_output=True)


PHONE_TAGS = ["-metadata", "creation_time=2024-05-01T10:00:00Z",
              "-metadata", f"location={PLACE}/",
              "-metadata", f"com.apple.quicktime.location.ISO6709={PLACE}+010.000/",
              "-metadata", "com.apple.quicktime.make=Apple",
              "-metadata", "com.apple.quicktime.model=iPhone 15",
              "-metadata", f"title=Nan at {ADDRESS}", "-movflags", "use_metadata_tags"]


def phone_video(path: Path, seconds: float = 2, size: str = "1280x720") -> Path:
    """An iPhone-style HEVC video in QuickTime with its place, phone and time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ffmpeg("-f", "lavfi", "-i", f"testsrc=size={size}:rate=30", "-f", "lavfi",
           "-i", "sine=frequency=440:sample_rate=48000", "-t", str(seconds),
           "-c:v", "libx265", "-x265-params", "log-level=none", "-tag:v", "hvc1",
           "-c:a", "aac", *PHONE_TAGS, str(path))
    return path


def voice_memo(path: Path, seconds: float = 2) -> Path:
    """A phone's voice memo (AAC in m4a) with the same metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:sample_rate=44100", "-t", str(seconds),
           "-c:a", "aac", *PHONE_TAGS, str(path))
    return path


def tagged_mp3(path: Path, cover: Path) -> Path:
    """An MP3 with ID3 tags naming a place and a cover picture."""
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=500:sample_rate=44100:duration=2",
           "-i", str(cover), "-map", "0:a", "-map", "1:v", "-c:a", "libmp3lame", "-c:v", "mjpeg",
           "-disposition:v", "attached_pic", "-metadata", f"artist=Nan, {ADDRESS}",
           "-metadata", f"comment={PLACE}", "-id3v2_version", "3", str(path))
    return path


def probed(path: Path) -> dict:
    return json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", "-show_chapters", "-of",
         "json", str(path)], capture_output=True, check=True).stdout)


# -- making them again -----------------------------------------------------------------------

def test_a_phone_video_is_made_again_without_its_place_phone_or_time(tmp_path):
    source = phone_video(tmp_path / "IMG_0001.MOV")
    assert containers.box_findings(source) and containers.ffprobe_findings(source)
    found = recordings.probe(source)
    assert (found.kind, found.width, found.height) == ("video", 1280, 720)
    job = Job(source, recordings.digest_of(source), found.kind)
    produce([job], tmp_path / "out", tmp_path / "cache")
    made = tmp_path / "out" / recordings.output_name(job.digest, "video")
    data = made.read_bytes()
    for telltale in (PLACE.encode(), b"ISO6709", b"iPhone", b"Apple", ADDRESS.encode(),
                     b"\xa9xyz", b"udta"):
        assert telltale not in data
    assert containers.box_findings(made) == []
    assert containers.ffprobe_findings(made) == []
    streams = probed(made)["streams"]
    assert [(s["codec_type"], s["codec_name"]) for s in streams] == [("video", "h264"),
                                                                     ("audio", "aac")]
    assert "creation_time" not in probed(made)["format"].get("tags", {})


def test_a_sideways_phone_video_comes_out_upright(tmp_path):
    if not shutil.which("exiftool"):
        pytest.skip("exiftool is not installed (./dev test installs it)")
    source = tmp_path / "portrait.mov"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=640x360:rate=30", "-t", "1", "-c:v", "libx264",
           str(source))
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-Rotation=90", str(source)],
                   check=True)
    found = recordings.probe(source)
    assert (found.width, found.height) == (360, 640)  # as the phone shows it
    job = Job(source, recordings.digest_of(source), "video")
    produce([job], tmp_path / "out", tmp_path / "cache")
    stream = probed(tmp_path / "out" / recordings.output_name(job.digest, "video"))["streams"][0]
    assert (stream["width"], stream["height"]) == (360, 640)
    assert not stream.get("side_data_list")  # turned in its pixels, not by a matrix
    assert recordings.still(source, 300).size[1] > 300  # the still is upright too


def test_an_mp3s_tags_and_cover_art_do_not_survive(tmp_path):
    cover = tmp_path / "cover.jpg"
    ffmpeg("-f", "lavfi", "-i", "color=red:size=64x64", "-frames:v", "1", str(cover))
    source = tagged_mp3(tmp_path / "nan.mp3", cover)
    assert recordings.probe(source).kind == "audio"  # the cover is not a video
    job = Job(source, recordings.digest_of(source), "audio")
    produce([job], tmp_path / "out", tmp_path / "cache")
    made = tmp_path / "out" / recordings.output_name(job.digest, "audio")
    assert [s["codec_type"] for s in probed(made)["streams"]] == ["audio"]
    assert containers.ffprobe_findings(made) == [] and containers.box_findings(made) == []
    assert ADDRESS.encode() not in made.read_bytes()


def test_recordings_are_made_once_by_content_and_side_by_side(tmp_path):
    jobs = []
    for number in range(3):
        source = voice_memo(tmp_path / f"memo-{number}.m4a", seconds=1 + number)
        jobs.append(Job(source, recordings.digest_of(source), "audio"))
    assert produce(jobs, tmp_path / "a", tmp_path / "cache", workers=2) == 3
    assert produce(jobs, tmp_path / "b", tmp_path / "cache", workers=2) == 0
    assert sorted(p.name for p in (tmp_path / "b" / "media").iterdir()) == sorted(
        Path(recordings.output_name(j.digest, "audio")).name for j in jobs)
    # the same recording is made the same, byte for byte (a reproducible copy)
    again = tmp_path / "again"
    produce(jobs[:1], tmp_path / "c", again)
    name = recordings.output_name(jobs[0].digest, "audio")
    assert (tmp_path / "c" / name).read_bytes() == (tmp_path / "a" / name).read_bytes()


# -- bad recordings: a clear error naming the file ------------------------------------------

def bad(tmp_path: Path, name: str, content: bytes | None = None, size: int | None = None
        ) -> str:
    path = tmp_path / name
    if size is not None:
        with path.open("wb") as file:
            file.truncate(size)  # sparse: no disk used
    else:
        path.write_bytes(content or b"")
    with pytest.raises(RecordingError) as error:
        recordings.probe(path)
    return f"{error.value.what} {error.value.fix}"


def test_bad_recordings_get_a_clear_error(tmp_path):
    assert "empty (0 bytes)" in bad(tmp_path, "zero.m4a", b"")
    assert "not a recording journeybook can read" in bad(tmp_path, "notes.m4a",
                                                         b"Dear Kai, this is a letter.\n" * 50)
    whole = phone_video(tmp_path / "whole.mov").read_bytes()
    assert "damaged" in bad(tmp_path, "cut.mov", whole[:len(whole) // 3])
    huge = bad(tmp_path, "huge.mp4", size=recordings.MAX_BYTES + 1)
    assert "1,024 MB" in huge and "trim" in huge
    assert "not a kind of recording" in bad(tmp_path, "voice.xyz", b"data")


def test_an_hours_long_recording_is_refused(tmp_path):
    long = tmp_path / "long.wav"
    ffmpeg("-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "3700", "-c:a", "pcm_u8",
           str(long))
    with pytest.raises(RecordingError) as error:
        recordings.probe(long)
    assert "1 h 2 min long" in error.value.what and "30 minutes" in error.value.what


def test_validation_names_the_file_and_line_of_a_bad_recording(tmp_path, known):
    files = minimal_files()
    files["memories/voice.md"] = ("---\nfrom: mum\nconsent: given\nrecording:\n"
                                  "  file: memories/voice.m4a\n---\nHello Sam.\n")
    files["memories/voice.m4a"] = b"not sound at all" * 100
    folder = write_journey(tmp_path / "sam", files)
    with pytest.raises(JourneyError) as error:
        check(folder, cache_dir=known)
    shown = [p.show(folder) for p in error.value.problems]
    assert any("memories/voice.md:5" in line and "voice.m4a" in line and "damaged" in line
               for line in shown), shown


# -- a journey with recordings ---------------------------------------------------------------

LISTENED = {"by": "SO", "on": "2026-11-02"}


def journey_with_recordings(tmp_path: Path, **memory) -> Path:
    """Sam's journey: a video memory from Mum, a voice memo that goes with a photo."""
    files = minimal_files()
    files["people.yaml"]["people"].append(
        {"id": "uncle", "called": "Uncle Vic", "full_name": "Victor Hidewell",
         "relation": "your uncle", "visibility": "never shown"})
    recording = {"file": "memories/mum.mov", "listened": LISTENED, **memory}
    files["memories/mum.md"] = ("---\n" + json.dumps(
        {"from": "mum", "title": "Mum's video", "consent": "given", "recording": recording})
        + "\n---\nHello Sam, it's Mum. I miss you.\n")
    files["photos.yaml"] = {"photos": [{
        "file": "photos/park.png", "alt": "A green park", "caption": "The park",
        "consent": "given", "shared_by": "mum",
        "recording": {"file": "photos/park.m4a", "transcript": "We went to the park.",
                      "listened": LISTENED}}]}
    folder = write_journey(tmp_path / "journeys" / "sam", files)
    phone_video(folder / "memories" / "mum.mov")
    voice_memo(folder / "photos" / "park.m4a")
    ffmpeg("-f", "lavfi", "-i", "color=green:size=800x600", "-frames:v", "1",
           str(folder / "photos" / "park.png"))
    return folder


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("recordings")
    folder = journey_with_recordings(tmp_path)
    result = build(folder, tmp_path / "release", release=True)
    return result


def test_the_copy_plays_its_recordings_from_its_own_folder(released):
    site = released.output / "site"
    memories = (site / "memories.html").read_text(encoding="utf-8")
    photos = (site / "photos.html").read_text(encoding="utf-8")
    assert "<video controls" in memories and "<audio controls" in photos
    for page in (memories, photos):
        for source in __import__("re").findall(r'(?:src|poster)="(media/[^"]+)"', page):
            assert (site / source).is_file(), source
    assert "http" not in memories.split("<video")[1].split(">")[0]  # no player from elsewhere
    assert "We went to the park." in photos  # the transcript, beside the player
    made = sorted(p.suffix for p in (site / "media").iterdir() if p.suffix != ".jpg")
    assert made == [".m4a", ".mp4"]


def test_no_copy_carries_a_recordings_metadata(released):
    for path in (released.output / "site").rglob("*"):
        if path.suffix in {".m4a", ".mp4"}:
            data = path.read_bytes()
            assert PLACE.encode() not in data and b"iPhone" not in data
            assert containers.box_findings(path) == containers.ffprobe_findings(path) == []
    assert gate.scan(released.output, _no_terms()) == []


def test_the_book_prints_the_transcripts_and_a_videos_still(released):
    text = " ".join(pdf_text(released.pdf).split())
    assert "Hello Sam, it's Mum. I miss you." in text.replace("\u2019", "'")
    assert "A video (2 s)" in text and "A voice message (2 s)" in text
    assert "We went to the park." in text
    assert "Scan to listen" not in text  # no site_url: no QR code


def _no_terms() -> gate.Terms:
    from generator.cast.names import Matcher

    return gate.Terms(Matcher([]), [])


# -- what must not be played -----------------------------------------------------------------

def left_out_of(folder: Path, known: Path) -> list[str]:
    return [f"{item.what}: {item.reason}"
            for item in check(folder, cache_dir=known, release=True).result.left_out]


def test_a_recording_nobody_listened_to_is_not_played(tmp_path, known):
    folder = journey_with_recordings(tmp_path, listened=None)
    checked = check(folder, cache_dir=known, release=True)
    assert checked.book.memories[0].recording is None
    assert checked.book.memories[0].text  # the memory itself stays
    assert any("memories/mum.mov" in line and "nobody has listened" in line
               for line in left_out_of(folder, known))
    preview = check(folder, cache_dir=known)
    assert "Not in the young person's copy" in preview.book.memories[0].recording.left_out


def test_a_recording_with_someone_never_shown_in_it_is_not_played(tmp_path, known):
    folder = journey_with_recordings(tmp_path, people=["uncle"])
    assert check(folder, cache_dir=known, release=True).book.memories[0].recording is None
    assert any("never shown" in line for line in left_out_of(folder, known))


def test_a_transcript_naming_someone_kept_out_is_not_played(tmp_path, known):
    folder = journey_with_recordings(tmp_path, transcript="Uncle Vic says hello too.")
    assert check(folder, cache_dir=known, release=True).book.memories[0].recording is None
    assert any("its transcript" in line for line in left_out_of(folder, known))


def mums_video_again(folder: Path, *, consent: str, transcript: str) -> None:
    """Mum's video copied under another name, and named by a second photos.yaml entry."""
    shutil.copyfile(folder / "memories" / "mum.mov", folder / "photos" / "copy.mov")
    photos = folder / "photos.yaml"
    photos.write_text(photos.read_text() + (
        f"- file: photos/park.png\n  alt: Again\n  consent: {consent}\n"
        f"  recording: {{file: photos/copy.mov, transcript: {transcript}, "
        "listened: {by: SO, on: 2026-11-02}}\n"))


def test_a_recording_refused_by_one_route_is_played_by_none(tmp_path, known):
    """The same file under another name, with its consent refused in photos.yaml: the memory
    that names it (consent given) does not play it either."""
    folder = journey_with_recordings(tmp_path)
    mums_video_again(folder, consent="refused", transcript="Hi")
    checked = check(folder, cache_dir=known, release=True)
    assert checked.book.memories[0].recording is None
    assert any("consent is refused" in line and "mum.mov" in line
               for line in left_out_of(folder, known))


def test_a_qr_code_goes_only_to_the_locked_hosted_copy(tmp_path, known):
    folder = journey_with_recordings(tmp_path)
    journey = folder / "journey.yaml"
    journey.write_text(journey.read_text() + "book:\n  site_url: https://books.example.gov.uk/sam-7f3a/\n")
    locked = check(folder, cache_dir=known, release=True, locked=True).book.memories[0].recording
    assert locked.url.startswith("https://books.example.gov.uk/sam-7f3a/memories.html#recording-")
    assert locked.qr.startswith("<svg") and locked.qr == recordings_qr(locked.url)
    unlocked = check(folder, cache_dir=known, release=True, locked=False).book.memories[0].recording
    assert unlocked.qr == unlocked.url == ""


def recordings_qr(url: str) -> str:
    """The QR code segno makes for url, as the model embeds it (to compare, not to decode)."""
    from generator.model.listening import qr_code

    return qr_code(url) if url else ""


# -- the gate --------------------------------------------------------------------------------

def test_the_gate_refuses_a_recording_with_metadata_or_as_it_came(tmp_path, released):
    staged = tmp_path / "copy"
    shutil.copytree(released.output, staged)
    media = staged / "site" / "media"
    phone_video(tmp_path / "phone.mov")
    shutil.copyfile(tmp_path / "phone.mov", media / "raw.mov")
    ffmpeg("-i", str(tmp_path / "phone.mov"), "-c", "copy", "-map_metadata", "0",
           "-movflags", "use_metadata_tags", str(media / "remuxed.mp4"))
    made = next(media.glob("*.m4a"))
    data = bytearray(made.read_bytes())
    at = data.index(b"mvhd") + 8  # a creation time put back into a made recording
    data[at:at + 4] = (3_800_000_000).to_bytes(4, "big")
    made.write_bytes(bytes(data))
    findings = [f.show() for f in gate.scan(staged, _no_terms())]
    assert any("raw.mov" in f and "as it came" in f for f in findings), findings
    assert any("remuxed.mp4" in f and "metadata" in f for f in findings), findings
    assert any(made.name in f and "the time it was made" in f for f in findings), findings


def test_a_probe_is_remembered_by_the_files_stat(tmp_path):
    source = voice_memo(tmp_path / "memo.m4a")
    cache = SourceCache(tmp_path / "cache")
    first = recordings.probe(source, cache)
    cache.save()
    source.write_bytes(b"")  # changed: probed again, and refused
    again = SourceCache(tmp_path / "cache")
    with pytest.raises(RecordingError):
        recordings.probe(source, again)
    assert first.kind == "audio"


# -- what ffmpeg could be made to read or carry over (found by attacking the release) ----------

def test_a_text_file_named_like_a_recording_cannot_play_another_file(tmp_path):
    """An ffmpeg 'concat' list named .m4a would play the file it names, even a refused one or
    one outside the journey's folder: ffmpeg reads a journey's file only as a container."""
    voice_memo(tmp_path / "secret.m4a")
    listing = tmp_path / "hello.m4a"
    listing.write_text("ffconcat version 1.0\nfile secret.m4a\n")
    with pytest.raises(RecordingError) as error:
        recordings.probe(listing)
    assert "not a recording journeybook can read" in error.value.what
    job = Job(listing, recordings.digest_of(listing), "audio")
    with pytest.raises(BuildError):
        produce([job], tmp_path / "out", tmp_path / "cache")


def test_a_recording_with_two_sound_tracks_is_refused(tmp_path):
    """A player plays the default track; the book would keep the first: which one the
    coordinator listened to cannot be known."""
    two = tmp_path / "two.m4a"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=300:duration=1", "-f", "lavfi",
           "-i", "sine=frequency=600:duration=1", "-map", "0:a", "-map", "1:a", "-c:a", "aac",
           "-disposition:a:0", "0", "-disposition:a:1", "default", str(two))
    with pytest.raises(RecordingError) as error:
        recordings.probe(two)
    assert "2 sound" in error.value.what


def with_captions(raw: bytes, text: str) -> bytes:
    """H.264 (Annex B) with CEA-608 closed captions spelling text in SEI messages, as TV
    cameras and some phones write them."""
    def parity(byte: int) -> int:
        byte &= 0x7F
        return byte | (0x80 if bin(byte).count("1") % 2 == 0 else 0)
    pairs = [(0x14, 0x20)] * 2 + [(0x14, 0x2E)] * 2 + [(0x14, 0x70)] * 2
    pairs += [(ord(text[i]), ord((text + " ")[i + 1])) for i in range(0, len(text), 2)]
    pairs += [(0x14, 0x2F)] * 2
    starts = [m.start() for m in __import__("re").finditer(b"\x00\x00\x01", raw)]
    out, frame = bytearray(), 0
    for k, start in enumerate(starts):
        unit = raw[start + 3:starts[k + 1] if k + 1 < len(starts) else len(raw)].rstrip(b"\0")
        if unit[0] & 0x1F in (1, 5):
            a, b = (parity(x) for x in pairs[frame]) if frame < len(pairs) else (0x80, 0x80)
            body = bytes([0xB5, 0x00, 0x31]) + b"GA94" + bytes([0x03, 0x41, 0xFF, 0xFC, a, b,
                                                                 0xFF])
            out += b"\x00\x00\x00\x01\x06" + bytes([4, len(body)]) + body + b"\x80"
            frame += 1
        out += b"\x00\x00\x00\x01" + unit
    return bytes(out)


def test_closed_captions_hidden_in_a_videos_pictures_are_not_carried_over(tmp_path):
    raw = tmp_path / "raw.h264"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=30", "-t", "2", "-c:v", "libx264",
           "-bf", "0", "-f", "h264", str(raw))
    captioned = tmp_path / "captioned.h264"
    captioned.write_bytes(with_captions(raw.read_bytes(), "CRAIG 14 EXAMPLE RD"))
    source = tmp_path / "captioned.mov"
    ffmpeg("-f", "h264", "-framerate", "30", "-i", str(captioned), "-c", "copy", str(source))
    assert b"GA94" in source.read_bytes()
    job = Job(source, recordings.digest_of(source), "video")
    produce([job], tmp_path / "out", tmp_path / "cache")
    made = tmp_path / "out" / recordings.output_name(job.digest, "video")
    assert b"GA94" not in made.read_bytes()


def test_a_transcript_naming_someone_kept_out_stops_the_file_everywhere(tmp_path, known):
    """The same file under a memory with a harmless transcript and under a photo whose
    transcript names someone never shown: it is played by neither."""
    folder = journey_with_recordings(tmp_path)
    mums_video_again(folder, consent="given", transcript="Uncle Vic is here too")
    assert check(folder, cache_dir=known, release=True).book.memories[0].recording is None
