"""Reading and writing a journey's files for the studio: nothing lost, nothing overwritten.

A coordinator's YAML carries comments, an order and quoting they chose; a form edit must change
only the field edited. So files are read as ruamel round-trip trees and written back with the
indentation they came with. Every save is atomic (temp file in the same folder, fsync, replace),
refuses to overwrite a file edited elsewhere since it was opened (ChangedOnDisk), and keeps the
previous version under the journey's `.studio/undo/` so `undo` can put it back.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
import threading
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from generator.coordinator.studio.tree import Where, append_item, get_value, set_value
from generator.core.errors import ChangedOnDisk

STUDIO_DIR = ".studio"   # under the journey folder; every build and check skips it
KEEP = 20                # previous versions kept per file
DEFAULT_INDENT = (2, 4, 2)   # mapping, sequence, offset: how the demo and scaffold are written
_WIDTH = 4096            # never re-fold a coordinator's long lines
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_UMASK = os.umask(0o022)   # read once, at import (reading it means setting it): put back
os.umask(_UMASK)
_SAVING = threading.Lock()   # the server may save from several threads: check-then-write is one step

__all__ = ["ChangedOnDisk", "Opened", "OpenedWriting", "Replaced", "Where", "append_item",
           "get_value", "history", "open_writing", "open_yaml", "save_writing", "save_yaml",
           "set_value", "take_back", "undo"]


@dataclass
class Opened:
    """A YAML file as read: its round-trip tree and the digest of the exact bytes read."""

    path: Path
    digest: str              # sha256 of the bytes read; "" when the file did not exist
    data: Any                # ruamel CommentedMap / CommentedSeq round-trip tree
    indent: tuple[int, int, int] = DEFAULT_INDENT
    crlf: bool = False
    bom: bool = False
    replaced: Replaced | None = field(default=None, repr=False)   # set by save_yaml


@dataclass
class OpenedWriting:
    """A memory or letter (.md): its front matter as a round-trip tree, and its body text."""

    path: Path
    digest: str
    front: Any               # CommentedMap; empty when the file has no front matter
    body: str
    indent: tuple[int, int, int] = DEFAULT_INDENT
    crlf: bool = False
    bom: bool = False
    had_front: bool = field(default=True)
    replaced: Replaced | None = field(default=None, repr=False)   # set by save_writing


# ---- reading -------------------------------------------------------------------------------


def open_yaml(path: Path) -> Opened:
    """Read a YAML file as a round-trip tree; a missing file opens as an empty mapping."""
    raw = path.read_bytes() if path.exists() else None
    if raw is None:
        return Opened(path, "", CommentedMap())
    text, crlf, bom = _decode(raw)
    indent = detect_indent(text)
    data = _yaml(indent).load(text)
    return Opened(path, _digest(raw), CommentedMap() if data is None else data, indent, crlf, bom)


def open_writing(path: Path) -> OpenedWriting:
    """Read a memory or letter: front matter (round-trip) and the body text after it."""
    raw = path.read_bytes() if path.exists() else None
    if raw is None:
        return OpenedWriting(path, "", CommentedMap(), "")
    text, crlf, bom = _decode(raw)
    match = _FRONT.match(text)
    if match is None:
        return OpenedWriting(path, _digest(raw), CommentedMap(), text, crlf=crlf, bom=bom,
                             had_front=False)
    front_text = match.group(1) or ""
    indent = detect_indent(front_text)
    front = _yaml(indent).load(front_text)
    return OpenedWriting(path, _digest(raw), CommentedMap() if front is None else front,
                         text[match.end():], indent, crlf, bom)


def dump_yaml(data: Any, indent: tuple[int, int, int] = DEFAULT_INDENT) -> str:
    """Return the YAML text of a round-trip tree, written the way it was read."""
    stream = io.StringIO()
    _yaml(indent).dump(data, stream)
    return stream.getvalue()


def detect_indent(text: str) -> tuple[int, int, int]:
    """Find (mapping, sequence, offset) from the first nested mapping and block list in text.

    ruamel writes one indentation for the whole file, so the first examples decide it; a file
    with none keeps the demo's 2 / 4 / 2."""
    mapping = offset = None
    parent: int | None = None   # indentation of the last `key:` opening a block
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        if parent is not None and depth >= parent:
            if stripped.startswith("- ") or stripped == "-":
                offset = depth - parent if offset is None else offset
            elif mapping is None and depth > parent:
                mapping = depth - parent
        parent = depth if re.search(r":\s*(#.*)?$", stripped) and not stripped.startswith("- ") else None
        if mapping is not None and offset is not None:
            break
    offset = DEFAULT_INDENT[2] if offset is None else offset
    return (mapping or DEFAULT_INDENT[0], offset + 2, offset)


# ---- saving ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Replaced:
    """What a save did, so that it can be taken back exactly (take_back)."""

    path: Path
    before: bytes | None     # the file's bytes before the save; None: there was no file
    written: bytes | None    # what the save wrote; None: nothing (no change)
    kept: Path | None        # the version kept for undo by this save


def save_yaml(opened: Opened, data: Any | None = None) -> Opened:
    """Write data (default: opened.data) atomically, keeping the previous version for undo.
    The Opened returned is the file as written, with what the save replaced.

    Raises ChangedOnDisk, writing nothing, when the file is no longer the one that was opened."""
    text = dump_yaml(opened.data if data is None else data, opened.indent)
    replaced = _save(opened.path, opened.digest, _encode(text, opened.crlf, opened.bom))
    return replace(open_yaml(opened.path), replaced=replaced)


def save_writing(opened: OpenedWriting, front: Any | None = None, body: str | None = None
                 ) -> OpenedWriting:
    """Write a memory or letter's front matter and body (None keeps the opened one); as save_yaml."""
    front = opened.front if front is None else front
    body = opened.body if body is None else body
    if front or opened.had_front:
        head = dump_yaml(front, opened.indent) if front else ""
        text = f"---\n{head}---\n{body}"
    else:
        text = body
    replaced = _save(opened.path, opened.digest, _encode(text, opened.crlf, opened.bom))
    return replace(open_writing(opened.path), replaced=replaced)


def _save(path: Path, digest: str, new: bytes) -> Replaced:
    """Check the file is the one opened, keep its bytes for undo, then replace it atomically."""
    _refuse(path)
    with _SAVING:
        current = path.read_bytes() if path.exists() else None
        if (_digest(current) if current is not None else "") != digest:
            theirs = "" if current is None else current.decode("utf-8", errors="replace")
            raise ChangedOnDisk(path, theirs)
        if current == new:
            return Replaced(path, current, None, None)   # nothing changed: no write, no undo
        kept = _keep(path, current) if current is not None else None
        _write_atomic(path, new)
        return Replaced(path, current, new, kept)


def take_back(replaced: Replaced) -> str | None:
    """Undo one save exactly, as if it had not happened: the bytes before are put back (or the
    file it made is removed) and its undo step is dropped. Returns the digest of the file as it
    is then ("" for none); None when the file changed again since the save (then nothing is
    touched: that change is someone's)."""
    path = replaced.path
    _refuse(path)
    with _SAVING:
        current = path.read_bytes() if path.exists() else None
        if replaced.written is None or current != replaced.written:
            if replaced.written is None and current == replaced.before:
                return _digest(current) if current is not None else ""
            return None
        if replaced.before is None:
            path.unlink()
        else:
            _write_atomic(path, replaced.before)
        if replaced.kept is not None:
            replaced.kept.unlink(missing_ok=True)
        return _digest(replaced.before) if replaced.before is not None else ""


def _refuse(path: Path) -> None:
    """Refuse `..` and symlinks: a save must land on the very file the form was showing."""
    if ".." in path.parts:
        raise ValueError(f"{path}: a path with '..' is not saved")
    # Only the file itself: the journeys folder may well sit under a linked folder (macOS /tmp).
    if path.is_symlink():
        raise ValueError(f"{path}: a symbolic link is not saved")


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a temp file in the same folder, fsync it, then os.replace: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        elif STUDIO_DIR not in path.parts:
            os.chmod(temp, 0o666 & ~_UMASK)   # as a text editor would make it
        # (a version kept in .studio/ keeps mkstemp's owner-only mode: it is case data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened, e.g. Windows)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


# ---- previous versions -----------------------------------------------------------------------


def journey_folder_of(path: Path) -> Path:
    """The nearest folder above path holding journey.yaml (path's own folder when none does)."""
    for folder in path.absolute().parents:
        if (folder / "journey.yaml").is_file():
            return folder
    return path.absolute().parent


def _store(path: Path, kind: str) -> Path:
    """`.studio/<kind>/<path relative to the journey>/`: where path's old versions are kept."""
    folder = journey_folder_of(path)
    return folder / STUDIO_DIR / kind / path.absolute().relative_to(folder)


def _number(version: Path) -> int:
    """The sequence number ending a kept version's name (`<UTC timestamp>-<n>`)."""
    tail = version.name.rpartition("-")[2]
    return int(tail) if tail.isdigit() else -1


def _versions(store: Path) -> list[Path]:
    """Kept versions in store, newest first."""
    if not store.is_dir():
        return []
    return sorted((p for p in store.iterdir() if p.is_file() and _number(p) >= 0), key=_number,
                  reverse=True)


def _keep(path: Path, data: bytes, kind: str = "undo") -> Path:
    """Store data as path's newest previous version, dropping all but the last KEEP."""
    store = _store(path, kind)
    store.mkdir(parents=True, exist_ok=True)
    kept = _versions(store)
    number = _number(kept[0]) + 1 if kept else 1
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    version = store / f"{stamp}-{number}"
    _write_atomic(version, data)
    for old in kept[KEEP - 1:]:
        old.unlink(missing_ok=True)
    return version


def history(path: Path) -> list[Path]:
    """The kept previous versions of path (one per save), newest first."""
    return _versions(_store(path, "undo"))


def undo(path: Path, digest: str | None = None, version: str | None = None) -> bool:
    """Put back the version before the last save; False when none is kept.

    digest and version: the file and the kept version the coordinator was shown; if either is
    no longer so (a save or a text editor changed the file meanwhile), ChangedOnDisk is raised
    and nothing is touched. The bytes being replaced go to `.studio/undone/` rather than away:
    nothing is ever lost."""
    _refuse(path)
    with _SAVING:
        kept = history(path)
        if not kept:
            return False
        current = path.read_bytes() if path.exists() else None
        now = _digest(current) if current is not None else ""
        if (digest is not None and digest != now) or (version is not None
                                                       and version != kept[0].name):
            raise ChangedOnDisk(path, "" if current is None
                                else current.decode("utf-8", errors="replace"))
        if current is not None:
            _keep(path, current, kind="undone")
        _write_atomic(path, kept[0].read_bytes())
        kept[0].unlink()
    return True


# ---- bytes and text --------------------------------------------------------------------------


def _digest(raw: bytes) -> str:
    """sha256 of the exact bytes: any change on disk, even a space, is a change."""
    return hashlib.sha256(raw).hexdigest()


def _decode(raw: bytes) -> tuple[str, bool, bool]:
    """UTF-8 text with "\\n" line ends, and whether the file used CRLF and a byte-order mark."""
    text = raw.decode("utf-8")
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    return (text.replace("\r\n", "\n") if crlf else text), crlf, bom


def _encode(text: str, crlf: bool, bom: bool) -> bytes:
    """The inverse of _decode: a file keeps its line ends and byte-order mark."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def _yaml(indent: tuple[int, int, int]) -> YAML:
    """A round-trip YAML that keeps quotes and writes with the file's own indentation."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = _WIDTH
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml
