"""Recordings: voice messages and short videos, checked, then made again safe to share.

Every recording is made again by ffmpeg (Debian's, which ./dev installs) in one format every
browser plays from a folder, with no player from elsewhere: AAC in MP4 (.m4a) for sound;
H.264 and AAC in MP4 (.mp4), at most 1280 pixels on its long side and 30 frames a second, for
video. Only the first sound stream (and, for video, the first picture stream) is kept; nothing
else of the original survives: no metadata (the place an iPhone filmed in, the phone, the time),
no chapters, cover art, subtitles or data tracks. ffmpeg still leaves an empty user-data box,
which is blanked to padding; each result is then read box by box (safeguard/containers.py), as
the release gate reads it again.

Results are named and cached by content, and several are made at once. A video's still (for
the book, and the player's poster) is made by the media stage like any picture (`still`).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PIL import Image

from generator.core.errors import BuildError, RecordingError
from generator.safeguard import containers
from generator.stages.vocabulary import RECORDING_SUFFIXES

if TYPE_CHECKING:
    from generator.core.source_cache import SourceCache

MAX_SECONDS = 30 * 60  # a recorded memory is minutes long: an hour is a mistake
MAX_BYTES = 1024 ** 3  # 1 GB: a phone's half hour of 4K video
LONG_SIDE = 1280
MEDIA_DIR = "media"
CACHE_DIR = "recordings"
# How ffmpeg may read a journey's file: only as one of these containers, and only that file.
# A text file named .m4a can otherwise be an ffmpeg "concat" list that plays another file, even
# one outside the journey's folder (another child's, or a refused recording).
ONLY_THIS_FILE = ["-format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2,mp3,wav,ogg,matroska,webm,aac,amr",
                  "-protocol_whitelist", "file"]
# A version for the cache key: bump it when the making below changes.
VERSION = "2"
PROBE_SECONDS = 60


@dataclass(frozen=True)
class Probed:
    """What a recording is: sound or video, how long, and (video) its upright size."""

    kind: str  # "audio" or "video"
    seconds: float
    width: int = 0
    height: int = 0


def is_recording(path: Path | str) -> bool:
    return Path(path).suffix.lower() in RECORDING_SUFFIXES


def available() -> bool:
    """Whether ffmpeg and ffprobe are installed (./dev installs them)."""
    return bool(shutil.which("ffmpeg") and shutil.which("ffprobe"))


def probe(path: Path, cache: SourceCache | None = None) -> Probed:
    """What the recording at path is; RecordingError when it cannot be used. What was found is
    remembered by the file's stat, so an unchanged recording is probed once."""
    entry = cache.get(path) if cache else {}
    if entry.get("recording-version") == VERSION:
        return Probed(**entry["recording"])
    name = path.name
    if path.suffix.lower() not in RECORDING_SUFFIXES:
        raise RecordingError(f"'{name}' is not a kind of recording journeybook knows.",
                             "Save it as m4a, mp3, wav, ogg or opus (sound) or mp4 or mov "
                             "(video), as phones do.")
    size = path.stat().st_size
    if size == 0:
        raise RecordingError(f"the recording '{name}' is empty (0 bytes).",
                             "Copy it again from the phone or email it came in.")
    if size > MAX_BYTES:
        raise RecordingError(f"the recording '{name}' is {size / 1024 ** 2:,.0f} MB, and a "
                             f"recording in the book can be {MAX_BYTES / 1024 ** 2:,.0f} MB at "
                             "most.", "Keep the part that matters (a phone's 'trim' does it), "
                             "or ask for a shorter one.")
    probed = _probed(path)
    if probed.seconds > MAX_SECONDS:
        raise RecordingError(f"the recording '{name}' is {_minutes(probed.seconds)} long, and "
                             f"a recording in the book can be {MAX_SECONDS // 60} minutes at "
                             "most.", "Keep the part that matters (a phone's 'trim' does it).")
    if cache is not None:
        entry["recording"] = probed.__dict__
        entry["recording-version"] = VERSION
    return probed


def _probed(path: Path) -> Probed:
    unreadable = RecordingError(f"'{path.name}' is not a recording journeybook can read: it "
                                "is damaged, or not sound or video.",
                                "Copy it again from where it came from, or leave it out.")
    try:
        said = subprocess.run(
            ["ffprobe", "-v", "error", *ONLY_THIS_FILE, "-show_format", "-show_streams",
             "-of", "json", str(path)], capture_output=True, timeout=PROBE_SECONDS,
            check=True).stdout
        found = json.loads(said)
        seconds = float(found["format"]["duration"])
    except FileNotFoundError:
        raise RecordingError("journeybook needs ffmpeg to read recordings, and it is not "
                             "installed.", "Run ./dev demo once, or: sudo apt install ffmpeg."
                             ) from None
    except (OSError, subprocess.SubprocessError, ValueError, KeyError):
        raise unreadable from None
    streams = found.get("streams", [])
    pictures = [s for s in streams if s.get("codec_type") == "video"
                and not s.get("disposition", {}).get("attached_pic")]
    sounds = [s for s in streams if s.get("codec_type") == "audio"]
    if len(pictures) > 1 or len(sounds) > 1:
        # Which one a player plays is its own choice: the one listened to may not be the one
        # the book would keep.
        raise RecordingError(f"'{path.name}' holds {len(sounds)} sound and {len(pictures)} "
                             "picture tracks, and the book keeps one of each: journeybook "
                             "cannot tell which you listened to.",
                             "Save it again with only the track that was meant (or ask for "
                             "it again from the phone it was made on).")
    if pictures:
        picture = pictures[0]
        width, height = int(picture.get("width") or 0), int(picture.get("height") or 0)
        if _turned(picture):
            width, height = height, width
        if width and height:
            return Probed("video", seconds, width, height)
    if sounds:
        return Probed("audio", seconds)
    raise unreadable


def _turned(stream: dict) -> bool:
    """Whether a phone filmed it sideways (a quarter turn in its display matrix)."""
    rotation = stream.get("tags", {}).get("rotate")
    for side_data in stream.get("side_data_list", []):
        rotation = side_data.get("rotation", rotation)
    try:
        return abs(round(float(rotation or 0))) % 180 == 90
    except ValueError:
        return False


def _minutes(seconds: float) -> str:
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes} min" if hours else f"{minutes} min"


def digest_of(path: Path) -> str:
    """The recording's identity: a SHA-256 of its content and of how it is made."""
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    sha.update(VERSION.encode())
    return sha.hexdigest()


def output_name(digest: str, kind: str) -> str:
    """Where a made recording is in the site: named by content, never by its source."""
    return f"{MEDIA_DIR}/{digest[:20]}.{'mp4' if kind == 'video' else 'm4a'}"


@dataclass(frozen=True)
class Job:
    """One recording to make."""

    source: Path
    digest: str
    kind: str


class Made(Protocol):
    """A recording as the book plays it (model.RecordingView): what this stage makes."""

    digest: str
    source: Path | None
    kind: str


def jobs(views: list[Made]) -> list[Job]:
    """The recordings to make, once each (none without ffmpeg: the cast then plays none)."""
    found = {v.digest: Job(v.source, v.digest, v.kind) for v in views if v.source}
    return list(found.values()) if available() else []


def produce(jobs: list[Job], out_dir: Path, cache_dir: Path, workers: int | None = None
            ) -> int:
    """Make every recording into out_dir/media (from the cache when made before); return how
    many were made. Made recordings no build uses any more leave the cache."""
    cache = cache_dir / CACHE_DIR
    cache.mkdir(parents=True, exist_ok=True)
    todo = [job for job in jobs if not _cached(cache, job).is_file()]
    if todo:
        with ThreadPoolExecutor(max_workers=max(1, min(workers or os.cpu_count() or 1,
                                                       len(todo)))) as pool:
            list(pool.map(lambda job: _make(job, cache), todo))
    (out_dir / MEDIA_DIR).mkdir(parents=True, exist_ok=True)
    for job in jobs:
        shutil.copyfile(_cached(cache, job), out_dir / output_name(job.digest, job.kind))
    used = {_cached(cache, job) for job in jobs}
    for old in cache.iterdir():
        if old not in used:
            old.unlink()
    return len(todo)


def _cached(cache: Path, job: Job) -> Path:
    """Where a made recording is kept in the cache."""
    return cache / Path(output_name(job.digest, job.kind)).name


def _make(job: Job, cache: Path) -> None:
    """Make one recording again, check it, and put it in the cache."""
    target = _cached(cache, job)
    temporary = target.with_name(f".{target.stem}.tmp{target.suffix}")
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
               *ONLY_THIS_FILE, "-i", str(job.source), *_choices(job), "-f", "mp4",
               str(temporary)]
    try:
        subprocess.run(command, capture_output=True, check=True, timeout=MAX_SECONDS * 4)
        containers.blank_user_data(temporary)
    except subprocess.CalledProcessError as error:
        temporary.unlink(missing_ok=True)
        said = error.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["nothing"]
        raise BuildError(f"{job.source}: this recording cannot be made ready for the book "
                         f"(ffmpeg said: {said[0]}). Copy it again from where it came from, or "
                         "leave it out.") from None
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        temporary.unlink(missing_ok=True)
        raise BuildError(f"{job.source}: this recording cannot be made ready for the book "
                         f"({type(error).__name__}).") from None
    findings = containers.box_findings(temporary) + containers.ffprobe_findings(temporary)
    if findings:  # never expected: ffmpeg was asked for none of it
        temporary.unlink(missing_ok=True)
        raise BuildError(f"{job.source}: made again, it is still {findings[0]}, so the "
                         "build stops. Please report this to journeybook's developers.")
    temporary.replace(target)


def _choices(job: Job) -> list[str]:
    """ffmpeg's options: the streams kept, nothing of the original's metadata, and the format.
    Bit-exact, and with a fixed number of threads, the same recording is made the same."""
    plain = ["-map_metadata", "-1", "-map_chapters", "-1", "-sn", "-dn",
             "-fflags", "+bitexact", "-flags:a", "+bitexact", "-movflags", "+faststart",
             "-c:a", "aac", "-b:a", "96k", "-ac", "1", "-ar", "44100"]
    if job.kind == "audio":
        return ["-map", "0:a:0", "-vn", *plain]
    fit = (f"scale=w='if(gte(iw,ih),min({LONG_SIDE},iw),-2)':"
           f"h='if(gte(iw,ih),-2,min({LONG_SIDE},ih))',format=yuv420p")
    # 0:V is the first picture stream that is not a cover picture.
    return ["-map", "0:V:0", "-map", "0:a:0?", *plain, "-flags:v", "+bitexact",
            "-vf", fit, "-fpsmax", "30", "-c:v", "libx264", "-preset", "veryfast",
            "-crf", "26", "-profile:v", "high", "-threads", "2",
            "-a53cc", "0"]  # closed captions hidden in the pictures: not carried over


def still(path: Path, width: int) -> Image.Image:
    """A picture from a video (a second in, or its middle when shorter), upright, at most
    `width` pixels wide: the book prints it, and the site shows it before the video plays."""
    seconds = 0.0
    with contextlib.suppress(OSError, subprocess.SubprocessError, ValueError):
        seconds = float(subprocess.run(
            ["ffprobe", "-v", "error", *ONLY_THIS_FILE, "-show_entries", "format=duration",
             "-of", "default=nw=1:nk=1", str(path)], capture_output=True, check=True,
            timeout=PROBE_SECONDS).stdout or 0)
    at = min(1.0, seconds / 2)
    said = subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-ss", f"{at:.3f}",
         *ONLY_THIS_FILE, "-i", str(path), "-map", "0:V:0", "-frames:v", "1", "-map_metadata", "-1",
         "-vf", f"scale='min({width},iw)':-2", "-f", "image2pipe", "-c:v", "png", "-"],
        capture_output=True, timeout=PROBE_SECONDS)
    if said.returncode or not said.stdout:
        raise ValueError(f"no picture could be taken from the video "
                         f"({said.stderr.decode(errors='replace').strip()[-200:]})")
    with Image.open(io.BytesIO(said.stdout)) as image:
        return image.convert("RGB")
