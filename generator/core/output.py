"""The one place that writes a build: into a staging folder, moved into place only when complete.

A failed build (bad data, a broken photo, a tool error) removes its staging folder and leaves
the previous good output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.core.errors import BuildError


@contextmanager
def staged(final: Path, *, forbidden: Path | None = None) -> Iterator[Path]:
    """Yield an empty staging folder beside final; when the block succeeds, it becomes final.

    What this guarantees, exactly:
    - A build that fails (any exception, Ctrl-C included) removes its staging folder and leaves
      final as it was, byte for byte.
    - On success the new output replaces final by two renames within one folder, each atomic
      on POSIX: final -> .<name>.old-<pid>, then staging -> final. Anyone opening final sees
      the previous complete output or the new complete one, never a mix; for the instant
      between the two renames, final does not exist (POSIX has no portable atomic exchange of
      two folders). The retired output is then deleted.
    - If the machine stops between the two renames, the previous output is still there as
      .<name>.old-<pid>, and the next build puts it back before it starts.

    forbidden is a folder the output must not be inside (the journey's own inputs).
    """
    final = final.resolve()
    if forbidden is not None:
        guarded = forbidden.resolve()
        if final == guarded or guarded in final.parents:
            raise BuildError(f"{final}: the output folder is inside the journey's own folder; "
                             "journeybook never writes there. Choose another --out folder.")
    final.parent.mkdir(parents=True, exist_ok=True)
    _recover(final)
    staging = final.parent / f".{final.name}.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    retired = final.parent / f".{final.name}.old-{os.getpid()}"
    if final.exists():
        final.rename(retired)
    staging.rename(final)
    shutil.rmtree(retired, ignore_errors=True)


def _recover(final: Path) -> None:
    """Put back a previous output a stopped build had moved aside (see staged)."""
    retired = sorted(final.parent.glob(f".{final.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if retired and not final.exists():
        retired.pop().rename(final)
    for leftover in retired:
        shutil.rmtree(leftover, ignore_errors=True)


def write_text(root: Path, relative: str, text: str) -> Path:
    """Write text to root/relative, refusing any path that would land outside root."""
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise BuildError(f"{relative}: refusing to write outside the output folder.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def write_atomically(path: Path, data: bytes) -> None:
    """Replace path's content with data in one rename: readers see the old file or the new
    one, never half of one, and a stopped write leaves the old file as it was. A new file is
    readable by its owner only (mkstemp's mode): what journeybook writes here is for the
    coordinator (case data, build records, the dashboard)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():  # a new file keeps mkstemp's owner-only mode: it holds case data
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
