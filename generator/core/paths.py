"""Paths: where journeybook's own files are (found once, here, for every stage), and where a
journey's files may be (inside its folder, never outside)."""

from __future__ import annotations

import difflib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
THEME = ROOT / "theme"
TEMPLATES = THEME / "templates"
BOOK_CSS = THEME / "css" / "book.css"
PROTECT = THEME / "protect"
BASE_CONFIG = ROOT / "mkdocs.yml"

# The layout of a journey's output, as the build writes it and the coordinator's tools find it.
SITE = "site"  # the built site: its pages start at site/index.html
BOOK = "book.pdf"
MEDIA = "media"  # in the site: pictures and recordings, named by their content
CALENDAR = "plan.ics"  # in the site: the plan's promises for a phone's calendar


def resolve_inside(folder: Path, relative: str) -> Path | None:
    """Return the real path of relative inside folder, or None if it leads outside it.

    Absolute paths, '..' and symlinks that point out are all refused: one journey's build must
    never read another journey's (or anyone's) files.
    """
    if not relative or Path(relative).is_absolute() or relative.startswith("~"):
        return None
    root = folder.resolve()
    candidate = (root / relative).resolve()
    if candidate != root and root not in candidate.parents:
        return None
    return candidate


def near_file(folder: Path, relative: str, suffixes: set[str]) -> str | None:
    """A file of one of these kinds, in the same folder, with a name close to relative's
    (for 'Did you mean ...?'), or None."""
    parent = (folder / relative).parent
    if not parent.is_dir():
        return None
    names = [p.name for p in parent.iterdir() if p.suffix.lower() in suffixes]
    close = difflib.get_close_matches(Path(relative).name, names, n=1, cutoff=0.6)
    if not close:
        return None
    return str((Path(relative).parent / close[0]).as_posix())
