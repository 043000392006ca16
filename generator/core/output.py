"""The one place that writes a build: into a staging folder, moved into place only when complete.

A failed build (bad data, a broken photo, a tool error) removes its staging folder and leaves
the previous good output exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.core.errors import BuildError


@contextmanager
def staged(final: Path, *, forbidden: Path | None = None) -> Iterator[Path]:
    """Yield an empty staging folder beside final; on success it replaces final atomically.

    forbidden is a folder the output must not be inside (the journey's own inputs).
    """
    final = final.resolve()
    if forbidden is not None:
        guarded = forbidden.resolve()
        if final == guarded or guarded in final.parents:
            raise BuildError(f"{final}: the output folder is inside the journey's own folder; "
                             "journeybook never writes there. Choose another --out folder.")
    final.parent.mkdir(parents=True, exist_ok=True)
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


def write_text(root: Path, relative: str, text: str) -> Path:
    """Write text to root/relative, refusing any path that would land outside root."""
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise BuildError(f"{relative}: refusing to write outside the output folder.")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
