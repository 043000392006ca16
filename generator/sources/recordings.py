"""Reading a journey's recordings: what each is (sound or video, how long, its upright size),
asked of ffprobe with the file read only as itself; its identity by content; and a still from
a video, which the pictures' sizes are made from like any photo (sources/sizes.py).

They are made again safe to share by the outputs (outputs/recordings.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from generator.core.errors import RecordingError
from generator.core.paths import MEDIA
from generator.sources.suffixes import RECORDING_SUFFIXES

if TYPE_CHECKING:
    from generator.core.source_cache import SourceCache


MAX_SECONDS = 30 * 60  # a recorded memory is minutes long: an hour is a mistake
MAX_BYTES = 1024 ** 3  # 1 GB: a phone's half hour of 4K video
# How ffmpeg may read a journey's file: only as one of these containers, and only that file.
# A text file named .m4a can otherwise be an ffmpeg "concat" list that plays another file, even
# one outside the journey's folder (another child's, or a refused recording).
ONLY_THIS_FILE = ["-format_whitelist", "mov,mp4,m4a,3gp,3g2,mj2,mp3,wav,ogg,matroska,webm,aac,amr",
                  "-protocol_whitelist", "file"]
# A version for the cache key: bump it when the making (outputs/recordings.py) changes.
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
    return f"{MEDIA}/{digest[:20]}.{'mp4' if kind == 'video' else 'm4a'}"


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
