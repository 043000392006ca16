"""The young person's copy from the studio: make it, see its versions and what is new since.

Making a copy is `journeybook build --release` (the release gate decides what ships, exactly as
on the command line), run in the background by builds.Builds, so the page can say which step it
is on. The versions are the copies folder's own (release/.versions/<id>), listed as
`journeybook releases` lists them; "what's new" compares what the copy would show now with the
last version kept, as the next copy's "New since your last copy" will.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Blueprint, abort, current_app, redirect, render_template
from werkzeug.wrappers import Response

from generator.build import check
from generator.build_plan import cache_for, copies_cache_root
from generator.coordinator.studio import builds, pages
from generator.core.errors import JourneybookError, JourneyError
from generator.model import changes
from generator.outputs import versions


@dataclass
class Since:
    """What the copy would show now that the last copy did not, in a coordinator's words."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problem: str = ""   # why it cannot be worked out now (the journey has problems to fix)

    @property
    def nothing(self) -> bool:
        return not (self.added or self.changed or self.removed or self.problem)


def blueprint(folders: pages.Journeys) -> Blueprint:
    """The copy's page, and the button that makes one."""
    routes = Blueprint("copies", __name__)

    @routes.get("/j/<journey_id>/copies")
    def copies(journey_id: str) -> str:
        folder = _folder(folders, journey_id)
        made = _builds()
        store = versions.store(made.copies, journey_id)
        kept = versions.history(store)
        return render_template("copies.html", id=journey_id, run=made.run(journey_id, builds.COPY),
                               listing=versions.listing(kept, journey_id, store),
                               kept=kept, since=since_last(folder, made.copies, kept),
                               where=made.copies / journey_id)

    @routes.post("/j/<journey_id>/copy")
    def copy(journey_id: str) -> Response:
        _builds().ask(_folder(folders, journey_id), builds.COPY)
        return redirect(f"/j/{journey_id}/copies", code=303)

    return routes


def since_last(folder: Path, copies: Path, kept: list[changes.Version]) -> Since:
    """What a copy made now would add, change and no longer show, against the last version."""
    try:
        checked = check(folder, release=True,
                        cache_dir=cache_for(copies_cache_root(copies), folder, release=True))
    except JourneyError as error:
        count = sum(1 for problem in error.problems if not problem.warning)
        return Since(problem=f"The journey has {count} problem(s) to fix first (each form shows "
                             "its own): until then no copy can be made.")
    except JourneybookError as error:
        return Since(problem=str(error))
    said = changes.changes(kept[-1].items if kept else None, changes.manifest(checked.cast))
    words = [[f"{changes.KINDS[kind][0]} {label}" for kind, label in pairs]
             for pairs in (said.added, said.changed, said.removed)]
    return Since(*words)


def _builds() -> builds.Builds:
    return current_app.extensions["journeybook_builds"]


def _folder(folders: pages.Journeys, journey_id: str) -> Path:
    folder = folders.folder(journey_id)
    if folder is None:
        abort(404)
    return folder
