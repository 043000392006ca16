"""Building one or many journeys from the command line: `build` and `build --all`.

Journeys whose key has not changed since their last good build are kept as they are without
starting anything (build_plan.key, core/record.py); the rest are built side by
side, one process per core, each saying what it is doing on a live line of its own. A journey
that fails is reported and the others still build. This module imports the pipeline only when
something has to be built, so a no-change run costs little more than Python starting.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from generator import build_plan
from generator.core import record
from generator.core.errors import JourneybookError, JourneyError, LeftOut, Problem

STEPS = len(build_plan.STEPS)  # the build's steps, as build() logs them ("Step 7 - Building the site")
DONE, KEPT = "done", "unchanged since the last build"  # a journey's last words to Report


@dataclass(frozen=True)
class Job:
    """One journey to build, and how."""

    folder: Path
    out_root: Path
    cache_dir: Path
    release: bool = False
    pdf: bool = True
    strict: bool = False
    print_shop: bool = False
    crop_marks: bool = False  # with print_shop: crop marks outside the bleed
    spine: float | None = None  # with print_shop: the spine's width the print shop gave, mm
    passphrase: str | None = None
    debug: bool = False  # let an internal error through, with its traceback
    release_root: Path | None = None  # a preview: the copies folder, for what is new (versions)

    @property
    def id(self) -> str:
        return self.folder.resolve().name

    def place(self) -> build_plan.Place:
        return build_plan.place(self.folder, self.out_root, release=self.release,
                                cache_dir=self.cache_dir, release_root=self.release_root)

    def key(self, where: build_plan.Place) -> str:
        """The key build() gives it (build_plan.key), so an unchanged journey is found without
        building."""
        return build_plan.key(where, build_plan.made_from(where, build_plan.Options(
            release=self.release, pdf=self.pdf, strict=self.strict, print_shop=self.print_shop,
            crop_marks=self.crop_marks, spine=self.spine, locked=self.passphrase is not None)))


@dataclass
class Outcome:
    """What became of one journey: built, unchanged, or failed (with what to show)."""

    folder: Path
    status: str  # "built", "unchanged" or "failed"
    warnings: list[Problem] = field(default_factory=list)
    tool_warnings: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why it failed: the case data
    error: str = ""  # why it failed: anything else
    site: Path | None = None
    pdf: Path | None = None
    version: str = ""  # a release: the version it was kept as, in words


Report = Callable[[str, str], None]  # (journey id, what it is doing)


def run(jobs: list[Job], *, workers: int | None = None, report: Report = lambda _i, _s: None
        ) -> list[Outcome]:
    """Build every job (in parallel when more than one needs building); return their outcomes
    in the jobs' order."""
    outcomes: dict[Path, Outcome] = {}
    todo = []
    for job in jobs:
        where = job.place()
        kept = None if job.passphrase else record.unchanged(where.cache_dir, job.key(where),
                                                            where.final)
        if kept:
            report(job.id, KEPT)
            outcomes[job.folder] = _kept(job, kept, where)
        else:
            todo.append(job)
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers <= 1:
        for job in todo:
            outcomes[job.folder] = build_one(job, report, media_workers=None)
    else:
        outcomes.update(_side_by_side(todo, workers, report))
    return [outcomes[job.folder] for job in jobs]


def _side_by_side(jobs: list[Job], workers: int, report: Report) -> dict[Path, Outcome]:
    """Build jobs in `workers` processes; their progress comes back through a queue."""
    # spawn, not fork: the parent may run threads (the progress display), which fork copies
    # in whatever state they are in; spawn is also what macOS and Windows do.
    context = multiprocessing.get_context("spawn")
    outcomes: dict[Path, Outcome] = {}
    with context.Manager() as manager:
        queue = manager.Queue()
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # Each journey's pictures are made in its own process only: the cores are
            # already shared out between journeys.
            futures = {pool.submit(_build_in_worker, job, queue): job for job in jobs}
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                _drain(queue, report)
                for future in done:
                    outcomes[futures[future].folder] = future.result()
    return outcomes


def _has(queue) -> bool:
    try:
        return not queue.empty()
    except (OSError, EOFError):
        return False


def _drain(queue, report: Report) -> None:
    while _has(queue):
        journey, line = queue.get()
        report(journey, line)


def _build_in_worker(job: Job, queue) -> Outcome:
    return build_one(job, lambda journey, line: queue.put((journey, line)), media_workers=1)


def build_one(job: Job, report: Report, media_workers: int | None) -> Outcome:
    """Build one journey; every failure becomes an Outcome (never an exception), so one broken
    journey does not stop the others."""
    from generator.build import build

    try:
        result = build(job.folder, job.out_root, pdf=job.pdf, release=job.release,
                       passphrase=job.passphrase, cache_dir=job.cache_dir, strict=job.strict,
                       print_shop=job.print_shop, crop_marks=job.crop_marks,
                       spine=job.spine, workers=media_workers,
                       release_root=job.release_root, log=lambda line: report(job.id, line))
    except JourneyError as error:
        return Outcome(job.folder, "failed", problems=error.problems)
    except JourneybookError as error:
        return Outcome(job.folder, "failed", error=str(error))
    except Exception as error:
        if job.debug:
            raise
        # One journey's internal error must not stop the others: it is told like a failure.
        return Outcome(job.folder, "failed", error=f"internal error ({type(error).__name__}: "
                       f"{error}); run this journey alone with --debug for the details.")
    report(job.id, DONE)
    return Outcome(job.folder, "unchanged" if result.unchanged else "built", result.warnings,
                   result.tool_warnings, result.left_out, site=result.site, pdf=result.pdf,
                   version=result.version.said() if result.version else "")


def _kept(job: Job, kept: record.Record, where: build_plan.Place) -> Outcome:
    return Outcome(job.folder, "unchanged", kept.warnings, kept.tool_warnings, kept.left_out,
                   site=where.site_page, pdf=where.book if job.pdf else None)


class Progress:
    """One live line per journey on a terminal (rich); plain lines anywhere else."""

    def __init__(self, ids: list[str], quiet: bool, console=None):
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self.quiet = quiet
        self.live = None
        if not quiet and self.console.is_terminal and len(ids) > 1:
            from rich.progress import BarColumn, Progress, TextColumn

            self.live = Progress(TextColumn("{task.fields[journey]:<24}"),
                                 BarColumn(bar_width=20),
                                 TextColumn("{task.description}"), console=self.console)
            self.tasks = {i: self.live.add_task("waiting", total=STEPS, journey=i) for i in ids}

    def __enter__(self) -> Progress:
        if self.live:
            self.live.start()
        return self

    def __exit__(self, *_exc) -> None:
        if self.live:
            self.live.stop()

    def __call__(self, journey: str, line: str) -> None:
        if self.live:
            step = build_plan.step_of(line)
            done = line in (DONE, KEPT)
            self.live.update(self.tasks[journey], description=line,
                             completed=STEPS if done else (step - 1 if step else None))
        elif not self.quiet:
            print(f"  {journey}: {line}", file=sys.stderr)
