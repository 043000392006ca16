"""A content-addressed cache for whole outputs (the built site, the PDF).

An output is stored under the hash of everything that made it; a rebuild whose inputs hash the
same copies it back instead of running MkDocs or WeasyPrint again. Only the newest few entries
of each kind are kept, so the cache does not grow without end.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable
from pathlib import Path

KEEP = 4


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


def fetch(cache_dir: Path, kind: str, name: str, target: Path) -> bool:
    """Copy a cached output to target; return False if there is none."""
    source = cache_dir / kind / name
    if not source.exists():
        return False
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    source.touch()  # most recently used
    return True


def store(cache_dir: Path, kind: str, name: str, source: Path) -> None:
    """Keep a copy of an output under name; drop the oldest beyond KEEP."""
    folder = cache_dir / kind
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{name}.partial"
    shutil.rmtree(temporary, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, temporary)
    else:
        shutil.copyfile(source, temporary)
    final = folder / name
    if final.exists():
        shutil.rmtree(temporary) if temporary.is_dir() else temporary.unlink()
    else:
        temporary.rename(final)
    entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                     key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        shutil.rmtree(old) if old.is_dir() else old.unlink()
