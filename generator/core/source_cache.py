"""What is known of each picture and recording the case data holds, kept by content.

Decoding a picture, its fingerprint, the writing read in it, a recording's probe: each is
worked out once per content and remembered in the journey's cache (sources.json), so a rebuild
with no change reads no pixels, and a copy of a file already read is not read again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.core.output import write_atomically

PICTURES = "pictures"   # in known_dir: the sizes made of each picture, by content


class SourceCache:
    """What we know of each source image, by content (its digest, size, decoding, writing);
    a path and stat seen before lead to it unread, so an unchanged rebuild reads no pixels
    (the ctime cannot be set by copying tools, so a changed file is always seen as changed)."""

    FILE = "sources.json"

    def __init__(self, cache_dir: Path | None):
        self.path = cache_dir / self.FILE if cache_dir else None
        self.entries: dict[str, dict] = {}
        self.used: set[str] = set()
        if self.path and self.path.is_file():
            try:
                self.entries = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}

    @property
    def pictures(self) -> Path | None:
        """Where the sizes made of these pictures are kept (beside what is known of them), or
        None for a run with no cache."""
        return self.path.parent / PICTURES if self.path else None

    @staticmethod
    def _key(path: Path) -> str:
        stat = path.stat()
        return f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}|{stat.st_ino}"

    def get(self, path: Path) -> dict:
        """What is known of path's content: found by path and stat (no byte read), else by
        its bytes' digest, so a copy (another folder or name, a shared photo) is not read again."""
        key = self._key(path)
        self.used.add(key)
        seen = self.entries.setdefault(key, {})
        if seen.get("content") is None:
            with path.open("rb") as data:
                seen["content"] = hashlib.file_digest(data, "sha256").hexdigest()
        return self.by_content(seen["content"])

    def peek(self, path: Path) -> dict:
        """What is known of path's content, to read only: nothing is read, made or kept."""
        seen = self.entries.get(self._key(path), {})
        return self.entries.get(f"content|{seen.get('content')}", {})

    def by_content(self, digest: str) -> dict:
        """What is known of a file by its content digest, whatever its name or stat (the
        pictures sampled from a video: cast/frames.py); kept while a run looks it up."""
        key = f"content|{digest}"
        self.used.add(key)
        return self.entries.setdefault(key, {})

    def save(self, prune: bool = True) -> None:
        """Write what this run looked up, and what is known of files still there as they were
        (the preview reads pictures the copy leaves out: the copy's run keeps them); what is
        known of files gone or changed is dropped. Without prune, nothing is dropped: a run
        that looks up only some of what is known (the copy's gate) adds to it."""
        if self.path:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            kept = {key for key in self.entries
                    if not prune or key in self.used or _still_there(key)}
            kept |= {f"content|{self.entries[key].get('content')}" for key in kept}
            write_atomically(self.path, json.dumps(
                {key: entry for key, entry in self.entries.items() if key in kept}).encode())


def _still_there(key: str) -> bool:
    """Whether a path-and-stat key names a file that is still there, unchanged."""
    if key.startswith("content|"):
        return False
    try:
        return SourceCache._key(Path(key.rsplit("|", 4)[0])) == key
    except OSError:
        return False


def known_dir(cache_dir: Path) -> Path:
    """Where what is known of a journey's pictures is kept: in the folder its preview's and its
    copy's caches share (build_plan.cache_for: <root>/<journey>/<whose>/preview|release), so a
    copy made after a preview reads no picture the preview read; any other cache folder keeps
    its own."""
    return cache_dir.parent if cache_dir.name in ("preview", "release") else cache_dir
