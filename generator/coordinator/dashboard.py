"""The coordinators' dashboard: every journey at a glance, and the team's totals.

`build --all` writes it to the previews folder (build/index.html). It names every young person,
so it is for coordinators only: it is never inside a journey's output, and the release gate
refuses any copy that holds it (MARK). It is one self-contained page (its style inline, no
script, links relative), so it opens from a folder by double-click.

Everything on it comes from the build records (core/record.py): a journey that was not rebuilt
is listed as it was last built, and one that failed this time says so and how to see why. Only
what is not yet read in the studio's review list is worked out now (a check of the copy, with
its cache), since a tick in the studio changes no build; and only for a journey whose review
list has been used, so `build --all` pays nothing for the others.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.build_plan import cache_for
from generator.core import record
from generator.core.cache import CACHE
from generator.core.output import write_atomically
from generator.core.paths import BOOK, SITE, TEMPLATES
from generator.outputs.summary import MARK, NOT_STARTED, STAGES, Summary

FILE = "index.html"


@dataclass
class Row:
    """One journey on the dashboard."""

    id: str
    folder: str  # as the coordinator named it, for the command that shows its problems
    summary: Summary | None  # None: never built
    built: str = ""  # when its preview was last built (words)
    released: str = ""  # when its young person's copy was last made (words)
    site: str = ""  # links, relative to the dashboard
    book: str = ""
    failed: int = 0  # problems this time (0: built or unchanged)
    waiting: list[str] = field(default_factory=list)


@dataclass
class Totals:
    """The team's figures for the Department for Education: numbers only, no names."""

    young_people: int
    by_stage: list[tuple[str, int]]
    network_before: float
    network_now: float
    found: int
    in_touch: int


NotRead = Callable[[Path, Path], list[str]]  # a journey folder, the previews' cache -> words


def write(preview_root: Path, copies_cache: Path, journeys: list[Path],
          failed: dict[str, int], today: date, not_read: NotRead | None = None) -> Path:
    """Write preview_root/index.html for these journey folders; failed maps a journey's id to
    its number of problems in this run. copies_cache is where the young person's copies keep
    their build records (by default the previews' own cache, build/.cache: never among the
    copies). not_read says what of a journey's copy no one has read yet (the studio's review
    list: studio/read_record.waiting_words), which the dashboard adds to what it waits for."""
    rows = [_row(folder, preview_root, copies_cache, failed, today, not_read)
            for folder in journeys]
    page = _environment().get_template("dashboard.html.j2").render(
        rows=rows, totals=totals([row.summary for row in rows if row.summary]),
        today=f"{today.day} {today:%B %Y}", mark=MARK)
    preview_root.mkdir(parents=True, exist_ok=True)
    write_atomically(preview_root / FILE, page.encode("utf-8"))
    return preview_root / FILE


def totals(summaries: list[Summary]) -> Totals:
    """The team's totals: journeys by stage (in the journey's order), average network sizes."""
    order = [NOT_STARTED, *STAGES.values()]
    counts = {name: sum(s.stage == name for s in summaries) for name in order}
    return Totals(
        young_people=len(summaries),
        by_stage=[(name, counts[name]) for name in order],
        network_before=_mean([s.network_before for s in summaries]),
        network_now=_mean([s.network_now for s in summaries]),
        found=sum(s.found for s in summaries),
        in_touch=sum(s.in_touch for s in summaries))


def _row(folder: Path, preview_root: Path, copies_cache: Path, failed: dict[str, int],
         today: date, not_read: NotRead | None) -> Row:
    journey_id = folder.resolve().name
    preview = record.read(cache_for(preview_root / CACHE, folder, release=False))
    release = record.read(cache_for(copies_cache, folder, release=True))
    latest = preview or release
    summary = Summary.from_json(latest.summary) if latest and latest.summary else None
    built_here = (preview_root / journey_id / SITE / "index.html").is_file()
    return Row(
        id=journey_id,
        folder=str(folder),
        summary=summary,
        built=_when(preview.made) if preview else "",
        released=_when(release.made) if release else "",
        site=f"{journey_id}/site/index.html" if built_here else "",
        book=f"{journey_id}/{BOOK}" if (preview_root / journey_id / BOOK).is_file()
        else "",
        failed=failed.get(journey_id, 0),
        waiting=[*waiting_for(summary, today),
                 *(not_read(folder, preview_root / CACHE) if not_read else [])]
        if summary else [])


def waiting_for(summary: Summary, today: date) -> list[str]:
    """What this journey is waiting for, in the coordinator's words (the dashboard's and the
    studio's journeys list)."""
    waiting = []
    if summary.consents_pending:
        waiting.append(counted(summary.consents_pending, "consent pending", "consents pending"))
    if summary.photos_without_alt:
        waiting.append(counted(summary.photos_without_alt, "photo without alt text",
                              "photos without alt text"))
    if summary.too_small_for_print:
        waiting.append(counted(summary.too_small_for_print, "picture too small for print",
                              "pictures too small for print"))
    if summary.warnings:
        waiting.append(counted(summary.warnings, "warning", "warnings"))
    if summary.review_overdue(today):
        due = date.fromisoformat(summary.review_due or "")
        waiting.append(f"plan review overdue (due {due.day} {due:%B %Y})")
    return waiting


def counted(number: int, one: str, many: str) -> str:
    """'1 item', '3 items'."""
    return f"{number} {one if number == 1 else many}"


def _when(made: str) -> str:
    """'2026-11-23T09:14:00+00:00' -> '23 November 2026, 09:14 UTC'."""
    try:
        moment = datetime.fromisoformat(made)
    except ValueError:
        return made
    return f"{moment.day} {moment:%B %Y, %H:%M} UTC"   # no %-d: Windows has none


def _mean(values: list[int]) -> float:
    return round(statistics.fmean(values), 1) if values else 0.0


def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                       autoescape=select_autoescape(default=True), trim_blocks=True,
                       lstrip_blocks=True)
