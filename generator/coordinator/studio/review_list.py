"""The studio's review list: every item of the young person's copy, what the machine flagged in
it, and an "I have read this" tick that records who and when (read_record).

The items are those of the copy itself (review_items: check with release=True, so what is
left out is not here; the journey's page lists it). A tick records the digest of the item as
the page showed it: a tick sent for a page older than the item is refused, so what is recorded
as read is exactly what was read. The release gate still decides what ships.

Each journey's items are kept until one of its files changes (pages._signature), as the
journeys list keeps its check: a tick changes only `.studio/`, which the signature skips.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from datetime import datetime

from flask import Blueprint, abort, redirect, render_template, request
from werkzeug.wrappers import Response

from generator.build_plan import cache_for
from generator.coordinator.studio import pages, read_record
from generator.coordinator.studio.review_items import GROUPS, Item, items
from generator.core.cache import CACHE
from generator.core.errors import JourneybookError, JourneyError


class _Kept:
    """Each journey's items, with the signature of its files when they were gathered."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[tuple, list[Item]]] = {}
        self.lock = threading.Lock()


def blueprint(folders: pages.Journeys) -> Blueprint:
    """The review list's pages; registered on the studio's app, so its checks apply."""
    routes = Blueprint("review_list", __name__)
    kept = _Kept()

    def current(journey_id: str) -> list[Item]:
        folder = folders.folder(journey_id)
        if folder is None:
            abort(404)
        signature = pages._signature(folder)
        with kept.lock:
            known = kept.found.get(journey_id)
        if known and known[0] == signature:
            return known[1]
        # The release build's own cache: what it read in the pictures is not read again.
        found = items(folder, cache_for(folders.previews / CACHE, folder, release=True))
        with kept.lock:
            kept.found[journey_id] = (signature, found)
        return found

    @routes.get("/j/<journey_id>/review")
    def review(journey_id: str) -> tuple[str, int]:
        return _page(folders, journey_id, current, "")

    # `journey`, not `journey_id`: a tick changes no case file, so it asks for no preview
    # build (the server builds the preview after a POST naming a journey_id).
    @routes.post("/j/<journey>/review/<path:item>")
    def tick(journey: str, item: str) -> Response | tuple[str, int]:
        journey_id = journey
        folder = folders.folder(journey_id)
        if folder is None:
            abort(404)
        try:
            found = next((i for i in current(journey_id) if i.key == item), None)
        except JourneybookError:
            found = None
        if found is None:
            abort(404, "There is no such item in the young person's copy now: open the "
                       "review list again.")
        if request.form.get("action") == "unread":
            read_record.mark_unread(folder, found.key)
        elif request.form.get("digest") != found.digest:
            return _page(folders, journey_id, current,
                         f"Not recorded: “{found.title}” changed after this page was shown. "
                         "It is shown below as it is now: read it again.", 409)
        else:
            read_record.mark_read(folder, found)
        return redirect(f"/j/{journey_id}/review#{anchor(found.key)}", code=303)

    return routes


def anchor(key: str) -> str:
    """An item's id on the page: from its key, but holding no file name."""
    return "item-" + hashlib.sha256(key.encode()).hexdigest()[:12]


def when(at: str) -> str:
    """'2026-12-06T14:20:00+00:00' -> '6 December 2026 at 14:20 UTC'."""
    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    return f"{moment.day} {moment:%B %Y at %H:%M} UTC"   # no %-d: Windows has none


def _page(folders: pages.Journeys, journey_id: str, current: Callable[[str], list[Item]],
          message: str, status: int = 200) -> tuple[str, int]:
    """The review list; while the check finds problems, only how many (nothing is decided
    until they are fixed)."""
    folder = folders.folder(journey_id)
    if folder is None:
        abort(404)
    shown = {"id": journey_id, "message": message, "anchor": anchor, "when": when}
    try:
        found = current(journey_id)
    except JourneybookError as error:
        problems = error.problems if isinstance(error, JourneyError) else [error]
        count = sum(1 for problem in problems if not getattr(problem, "warning", False))
        return render_template("review.html", groups=[], read=0, total=0, changed=0,
                               problems=max(1, count), **shown), status
    statuses = read_record.statuses(folder, found)
    groups = [(heading, [s for s in statuses if s.item.kind == kind])
              for kind, heading in GROUPS.items()]
    return render_template(
        "review.html", groups=[g for g in groups if g[1]], read=sum(s.read for s in statuses),
        total=len(statuses), changed=sum(s.changed for s in statuses), problems=0,
        **shown), status
