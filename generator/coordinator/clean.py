"""`journeybook clean`: what journeybook made, removed; never a journey's case data, and never
what belongs to another young person's journey of the same folder name (see outputs/identity.py).

cli.py reads the command line and calls these.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from generator.build_plan import cache_for, copies_cache_root
from generator.core.cache import CACHE
from generator.outputs import identity, versions


def journeys_own(folder: Path, previews: Path, copies: Path, *,
                 versions_too: bool) -> tuple[list[Path], list[Path]]:
    """What cleaning one journey removes (its preview, its caches, its copy and, when asked,
    its versions; the caches earlier versions of journeybook kept under its folder's name,
    and the plain copies they kept among the copies, which no build uses now), and what it
    leaves because it is another young person's."""
    whose = identity.of_journey(folder)
    name = folder.resolve().name
    own = cache_for(previews / CACHE, folder, release=False).parent.name
    ours, theirs = [*_caches(previews / CACHE / name, own), copies / CACHE], []
    if copies_cache_root(copies) != (previews / CACHE).resolve():  # --release-out elsewhere
        ours += _caches(copies_cache_root(copies) / name, own)
    preview = previews / name
    (theirs if identity.of_preview(preview) not in ("", whose) else ours).append(preview)
    store = versions.store(copies, name)
    kept = [copies / name, store] if versions_too else [copies / name]
    (theirs if identity.belongs_to_another(whose, store) else ours).extend(kept)
    return ours, theirs


def _caches(folder: Path, own: str) -> list[Path]:
    """A journey's caches under its folder's name: its own (own: its identity), and those of
    earlier versions (preview/, release/); the whole folder when no other journey's is in it."""
    earlier = [own, "preview", "release"]
    others = [p for p in folder.iterdir() if p.name not in earlier] if folder.is_dir() else []
    return [folder / kind for kind in earlier] if others else [folder]


def everything(previews: Path, copies: Path, *, copies_too: bool,
               versions_too: bool) -> list[Path]:
    """What cleaning without a journey removes: every preview and cache (also the plain copies
    earlier versions kept among the copies), and when asked every copy and the versions."""
    targets = [previews, copies / CACHE]
    if copies_too and copies.is_dir():  # the versions stay unless asked
        targets += sorted(p for p in copies.iterdir() if p.name not in (versions.STORE, CACHE))
    if versions_too:
        targets.append(copies / versions.STORE)
    return targets


def remove(targets: list[Path], theirs: list[Path], journeys: Path) -> int:
    """Remove the targets (saying so), leave theirs (saying why); the exit code. Nothing is
    removed when any target holds case data."""
    journeys = journeys.resolve()
    for target in targets:
        resolved = target.resolve()
        if target.exists() and (resolved == journeys or journeys in resolved.parents
                                or resolved in journeys.parents):
            print(f"error: {target} holds case data; journeybook never removes it.",
                  file=sys.stderr)
            return 1
    for target in theirs:
        if target.exists():
            print(f"{target}: this belongs to another young person's journey of the same "
                  "folder name, so it was left as it is.", file=sys.stderr)
    removed = [target for target in targets if target.exists()]
    for target in removed:
        resolved = target.resolve()
        shutil.rmtree(resolved) if resolved.is_dir() else resolved.unlink()
        print(f"Removed {target}", file=sys.stderr)
    if not removed:
        print("Nothing to remove.", file=sys.stderr)
    return 0
