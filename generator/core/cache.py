"""A content-addressed cache for whole outputs (the built site, the PDF).

An output is stored under the hash of everything that made it; a rebuild whose inputs hash the
same copies it back instead of running MkDocs or WeasyPrint again. Only the newest few entries
of each kind are kept, so the cache does not grow without end.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

CACHE = ".cache"  # the folder in the previews folder that holds every cache
PREVIEWS = "build"  # the previews folder, whose cache also holds the young person's copies'
KEEP = 2  # this build's entry and the one before it (undoing an edit is then instant)
NOTES = ".notes.json"  # what the tool said while making an entry, kept beside it


def key(*parts: bytes | str) -> str:
    """A hash of the given inputs, in order."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def folder_key(folder: Path, skip: Iterable[str] = ()) -> str:
    """A hash of a folder's file names and contents (files under `skip` by name only)."""
    parts: list[bytes | str] = []
    skipped = tuple(skip)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        parts.append(relative)
        if not relative.startswith(skipped):
            parts.append(path.read_bytes())
    return key(*parts)


def fetch(cache_dir: Path, kind: str, name: str, target: Path) -> list[str] | None:
    """Copy a cached output to target and return the notes stored with it (the tool's
    warnings when it was made); None if there is no such output."""
    source = cache_dir / kind / name
    if not source.exists():
        return None
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    source.touch()  # most recently used
    notes = cache_dir / kind / f"{name}{NOTES}"
    try:
        return list(json.loads(notes.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return []


def store(cache_dir: Path, kind: str, name: str, source: Path, notes: list[str] = ()) -> None:
    """Keep a copy of an output under name, with notes; drop the oldest beyond KEEP."""
    folder = cache_dir / kind
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{name}.partial"
    shutil.rmtree(temporary, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, temporary)
    else:
        shutil.copyfile(source, temporary)
    final = folder / name
    (folder / f"{name}{NOTES}").write_text(json.dumps(list(notes)), encoding="utf-8")
    if final.exists():
        shutil.rmtree(temporary) if temporary.is_dir() else temporary.unlink()
    else:
        temporary.rename(final)
    entries = sorted((p for p in folder.iterdir()
                      if not p.name.startswith(".") and not p.name.endswith(NOTES)),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old) if old.is_dir() else old.unlink()
        (folder / f"{old.name}{NOTES}").unlink(missing_ok=True)
