"""Recordings: voice messages and short videos, checked, then made again safe to share.

Every recording is made again by ffmpeg (Debian's, which ./dev installs) in one format every
browser plays from a folder, with no player from elsewhere: AAC in MP4 (.m4a) for sound;
H.264 and AAC in MP4 (.mp4), at most 1280 pixels on its long side and 30 frames a second, for
video. Only the first sound stream (and, for video, the first picture stream) is kept; nothing
else of the original survives: no metadata (the place an iPhone filmed in, the phone, the time),
no chapters, cover art, subtitles or data tracks. ffmpeg still leaves an empty user-data box,
which is blanked to padding; each result is then read box by box (outputs/containers.py), as
the release gate reads it again.

Results are named and cached by content, and several are made at once. A video's still (for
the book, and the player's poster) is made by the media stage like any picture (`still`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.core.errors import BuildError
from generator.core.paths import MEDIA
from generator.outputs import containers
from generator.sources.recordings import MAX_SECONDS, ONLY_THIS_FILE, available, output_name

LONG_SIDE = 1280
CACHE_DIR = "recordings"


@dataclass(frozen=True)
class Job:
    """One recording to make."""

    source: Path
    digest: str
    kind: str


class Made(Protocol):
    """A recording as the book plays it (model/types.RecordingView): what this stage makes."""

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
    (out_dir / MEDIA).mkdir(parents=True, exist_ok=True)
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


