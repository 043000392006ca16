"""Undo in the studio: each file's earlier versions, and a button that puts the last one back.

Every save keeps the version it replaced (files.py: the last KEEP of each file, in the journey's
.studio/undo/); this page lists the files that have some, with what putting back would change,
so a coordinator sees before they press. Putting back keeps what it replaces too (.studio/undone/):
an undo can itself be undone by hand, and nothing is ever lost.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from flask import Blueprint, abort, redirect, render_template, request
from werkzeug.wrappers import Response

from generator.coordinator.studio import files, pages
from generator.core.paths import resolve_inside

SHOWN_LINES = 80   # a long difference is cut here: the whole file is one link away


@dataclass(frozen=True)
class Undoable:
    """A file with earlier versions kept, and what putting the last one back would change."""

    file: str              # relative to the journey folder
    digest: str            # the file as shown: putting back is refused if it changed since
    version: str           # the kept version shown: the one put back
    kept: int              # how many earlier versions are kept
    saved: str             # when the last save was, in words
    difference: list[str]  # a unified diff, from now to what would be put back


def blueprint(folders: pages.Journeys) -> Blueprint:
    """The undo page, and the button that puts a file's previous version back."""
    routes = Blueprint("undo", __name__)

    @routes.get("/j/<journey_id>/history")
    def history(journey_id: str) -> str:
        folder = _folder(folders, journey_id)
        return render_template("history.html", id=journey_id, files=undoable(folder), done="")

    @routes.post("/j/<journey_id>/undo/<path:relative>")
    def put_back(journey_id: str, relative: str) -> Response | tuple[str, int]:
        folder = _folder(folders, journey_id)
        found = resolve_inside(folder, relative)
        if found is None or files.STUDIO_DIR in found.relative_to(folder).parts:
            abort(404)
        try:
            if not files.undo(found, request.form.get("digest", ""),
                              request.form.get("version", "")):
                abort(404)
        except files.ChangedOnDisk:
            return render_template("history.html", id=journey_id, files=undoable(folder),
                                   done=f"Nothing was put back: {relative} changed after this "
                                        "page was shown (a save, or a text editor). Here is "
                                        "what putting back would do now."), 409
        return redirect(f"/j/{journey_id}/history", code=303)

    return routes


def undoable(folder: Path) -> list[Undoable]:
    """The journey's files that have an earlier version kept, by name."""
    store = folder / files.STUDIO_DIR / "undo"
    if not store.is_dir():
        return []
    found = []
    for kept_in in sorted({p.parent for p in store.rglob("*") if p.is_file()}):
        path = folder / kept_in.relative_to(store)
        kept = files.history(path)
        if kept:
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""
            found.append(Undoable(path.relative_to(folder).as_posix(), digest, kept[0].name,
                                  len(kept), _when(kept[0]), _difference(path, kept[0])))
    return found


def _when(version: Path) -> str:
    """'today at 14:32' or '3 December at 09:05', from the kept version's UTC stamp."""
    stamp = datetime.strptime(version.name.split("-")[0], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    local = stamp.astimezone()
    day = "today" if local.date() == datetime.now().astimezone().date() else \
        f"{local.day} {local:%B}"
    return f"{day} at {local:%H:%M}"


def _difference(path: Path, version: Path) -> list[str]:
    now = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []
    then = version.read_text(encoding="utf-8", errors="replace").splitlines()
    lines = list(difflib.unified_diff(now, then, "now", "after putting back", lineterm="", n=1))
    return lines[2:SHOWN_LINES] + (["…"] if len(lines) > SHOWN_LINES else [])


def _folder(folders: pages.Journeys, journey_id: str) -> Path:
    folder = folders.folder(journey_id)
    if folder is None:
        abort(404)
    return folder
