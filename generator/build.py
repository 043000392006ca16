"""The build, step by step in the build plan's order (build_plan.STEPS): load -> validate ->
cast -> model -> render -> media -> site -> pdf -> gate -> lock.

This module only says what happens in which order; each step lives in its own module, and the
steps' numbers and words are the plan's. The case data is read and checked, and the book's
model made, before the output is written; the writing happens in a staging folder that
replaces the previous output only when the whole build has succeeded.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment

from generator import build_plan
from generator.cast.cast_types import Cast
from generator.cast.caster import cast_journey
from generator.core import record, words
from generator.core.cache import CACHE
from generator.core.clock import build_day
from generator.core.errors import (
    BuildError,
    JourneyError,
    LeftOut,
    Problem,
    ReleaseBlocked,
    StrictFailed,
)
from generator.core.output import staged
from generator.core.paths import BOOK, SITE
from generator.core.source_cache import PICTURES, SourceCache, known_dir
from generator.format.journey import Journey
from generator.format.load import LoadedJourney, load_journey
from generator.format.validate import validate_journey
from generator.model import changes
from generator.model.book import build_book
from generator.model.types import Book
from generator.outputs import gate, identity, lock, media, pdf, print_shop, recordings, render, site, versions
from generator.outputs.summary import Summary, summarise
from generator.sources import images

Log = Callable[[str], None]


@dataclass
class Result:
    """What a check or a build found and made."""

    journey_id: str
    warnings: list[Problem] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    tool_warnings: list[str] = field(default_factory=list)  # what MkDocs and WeasyPrint said
    output: Path | None = None
    site: Path | None = None
    pdf: Path | None = None
    summary: Summary | None = None
    unchanged: bool = False  # nothing changed since the last good build, which stays as it was
    version: versions.Kept | None = None  # a release: the version it was kept as


@dataclass
class Checked:
    """A journey that passed its checks, its safe cast, and the book made from it."""

    journey: Journey
    cast: Cast
    book: Book
    result: Result


@dataclass
class Run:
    """What one build carries from step to step: its options, then what each step made."""

    folder: Path
    options: build_plan.Options
    log: Log
    sources: SourceCache  # what is known of the journey's pictures, kept by content
    cache_dir: Path | None = None
    history: list[changes.Version] = field(default_factory=list)  # the copy's versions so far
    workers: int | None = None  # the processes that make pictures (default: one per core)
    passphrase: str | None = None
    problems: list[Problem] = field(default_factory=list)
    loaded: LoadedJourney | None = None
    journey: Journey | None = None
    cast: Cast | None = None
    book: Book | None = None
    result: Result | None = None
    env: Environment | None = None
    drawn: render.Drawings | None = None
    pages: dict[str, str] = field(default_factory=dict)
    html: str = ""
    filler: str = ""
    final: Path | None = None  # where the output is put once the whole build has succeeded
    work: Path | None = None  # the staging folder, once the writing steps begin


def load_case_data(run: Run) -> None:
    run.loaded, run.problems = load_journey(run.folder)


def check_case_data(run: Run) -> None:
    """The typed journey; every problem at once, and no further step when one is an error."""
    journey, found = validate_journey(run.loaded, run.sources)
    problems = run.problems + found
    if journey is None or any(not p.warning for p in problems):
        raise JourneyError(problems)
    journey.warnings = [p for p in problems if p.warning]
    run.journey = journey


def make_cast(run: Run) -> None:
    run.cast = cast_journey(run.journey, images.MediaIndex(run.journey.folder, run.sources),
                            release=run.options.release)
    run.sources.save()
    run.journey.warnings += run.cast.warnings


def make_model(run: Run) -> None:
    """The book, and what the coordinator is told of it (pictures too small to print well, a
    language without all of the book's words)."""
    journey, options = run.journey, run.options
    book = build_book(run.cast, previous=changes.previous(run.history, changes.manifest(run.cast)),
                      site_url=hosted_at(journey, release=options.release, locked=options.locked))
    too_small = book.too_small_for_print()
    journey.warnings += too_small
    journey.warnings += words.language_warnings(book.language, run.folder / "journey.yaml")
    run.book = book
    run.result = Result(journey.id, journey.warnings, run.cast.left_out,
                        summary=summarise(journey, run.cast, warnings=len(journey.warnings),
                                          too_small=len(too_small)))


def render_pages(run: Run) -> None:
    run.env, run.drawn = render.environment(run.book.language), render.drawings(run.book)
    run.pages = render.site_pages(run.book, run.drawn, run.env)
    if run.options.pdf:
        run.html = render.book_html(run.book, run.drawn, run.env)
        run.filler = render.book_filler_html(run.book, run.env)


def prepare_media(run: Run) -> None:
    pictures = media.work_for(run.book.pictures(), run.book.page)
    recorded = recordings.jobs(run.book.recordings())
    run.log(f"{len(pictures)} pictures" + (f" and {len(recorded)} recordings" if recorded else ""))
    # The sizes are kept by content where the preview and the copy both find them; only the
    # preview, which shows every picture the copy does, drops those no longer used.
    media.produce(pictures, run.work / site.DOCS, known_dir(run.cache_dir) / PICTURES,
                  workers=run.workers, prune=not run.options.release)
    if recorded:
        recordings.produce(recorded, run.work / site.DOCS, run.cache_dir, workers=run.workers)


def build_site(run: Run) -> None:
    config = site.write_project(run.work, run.final, run.book, run.pages)
    site.write_calendar(run.work, run.book.calendar)
    said = site.build_site_cached(config, run.work / SITE, run.cache_dir)
    run.result.tool_warnings += [f"MkDocs: {line}" for line in said]


def print_book(run: Run) -> None:
    """The book, and with --print-shop its inside pages and cover for a print shop."""
    book, options = run.book, run.options
    author = book.organisation or "Lifelong Links"
    said = pdf.write_pdf_cached(run.html, run.work / site.DOCS, run.work / BOOK,
                                run.cache_dir, title=book.title, author=author,
                                filler=run.filler)
    if options.print_shop:
        run.log("and the print shop's inside pages and cover")
        said += print_shop.make(book, run.drawn, run.env, run.work / print_shop.FOLDER,
                                run.work / site.DOCS, run.cache_dir, marks=options.crop_marks,
                                author=author, spine=options.spine).warnings
    run.result.tool_warnings += [f"WeasyPrint: {line}" for line in said]


def check_the_copy(run: Run) -> None:
    """The release gate: the copy as it would be handed over, read as a stranger would."""
    gate.finalize(run.work)
    terms = gate.terms_for(run.journey)
    findings = gate.scan(run.work, terms) + gate.scan_pictures(run.work, terms, run.cache_dir)
    if findings:
        raise ReleaseBlocked(findings)


def lock_the_copy(run: Run) -> None:
    lock.protect_site(run.work / SITE, run.passphrase)
    if run.options.pdf:
        lock.protect_pdf(run.work / BOOK, run.passphrase)


# The build plan's steps and the action that does each. The first four read and decide
# (check() runs them alone); the rest make the output in the staging folder, each when the
# options ask for it, and the copy's --strict refusal comes before the gate and the lock.
Action = Callable[[Run], None]
RunsWhen = Callable[[build_plan.Options], bool]


def always(_options: build_plan.Options) -> bool:
    return True


CHECKING: tuple[tuple[build_plan.Step, Action], ...] = (
    (build_plan.LOAD, load_case_data),
    (build_plan.VALIDATE, check_case_data),
    (build_plan.CAST, make_cast),
    (build_plan.MODEL, make_model),
)
MAKING: tuple[tuple[build_plan.Step, Action, RunsWhen], ...] = (
    (build_plan.RENDER, render_pages, always),
    (build_plan.MEDIA, prepare_media, always),
    (build_plan.SITE_STEP, build_site, always),
    (build_plan.PDF, print_book, lambda options: options.pdf),
)
SEALING: tuple[tuple[build_plan.Step, Action, RunsWhen], ...] = (
    (build_plan.GATE, check_the_copy, lambda options: options.release),
    (build_plan.LOCK, lock_the_copy, lambda options: options.locked),
)


def check(folder: Path, log: Log = lambda _: None, cache_dir: Path | None = None, *,
          release: bool = False,
          history: list[changes.Version] | None = None, locked: bool = False) -> Checked:
    """Load, validate and model a journey without writing anything to it; raise JourneyError.

    With cache_dir, what is known of unchanged photos is reused and remembered there. history
    is the copy's versions: what is new since the last one opens the book. locked: the copy
    will be locked with a passphrase (a copy's book has QR codes to its hosted site only then; a
    preview's shows them).
    """
    run = Run(folder, build_plan.Options(release=release, locked=locked), log,
              SourceCache(known_dir(cache_dir) if cache_dir else None), cache_dir,
              history or [])
    return _run_checking_steps(run)


def _run_checking_steps(run: Run) -> Checked:
    for step, action in CHECKING:
        run.log(step.said())
        action(run)
    return Checked(run.journey, run.cast, run.book, run.result)


def _run(steps: tuple[tuple[build_plan.Step, Action, RunsWhen], ...], run: Run) -> None:
    for step, action, runs_when in steps:
        if runs_when(run.options):
            run.log(step.said())
            action(run)


def build(folder: Path, out_root: Path, *, pdf: bool = True, release: bool = False,
          passphrase: str | None = None, cache_dir: Path | None = None, strict: bool = False,
          print_shop: bool = False, crop_marks: bool = False, spine: float | None = None,
          workers: int | None = None,
          release_root: Path | None = None, log: Log = lambda _: None) -> Result:
    """Build a journey's site (and book) into out_root/<id>/; raise JourneybookError.

    By default this is the coordinator's preview. release=True makes the young person's copy,
    which must pass the release gate before it is moved into place; with a passphrase, its
    site and book are then locked with it. The cache holds plain copies: a preview's is under
    out_root/.cache by default, a copy's in the previews' cache beside the copies folder
    (release/ -> build/.cache), and never inside the copies folder, which is handed over (an
    old release/.cache is removed). With strict, any warning (the case data's, MkDocs' or
    WeasyPrint's) fails the build and the previous output stays. With print_shop, the book's
    inside pages and its cover are also made for a print shop (print-shop/, see
    outputs/print_shop.py), with crop marks outside the bleed when crop_marks, and the spine
    the print shop gave (millimetres) or else one measured; book.pdf stays the copy to read
    and keep. workers caps the processes that make pictures (default: one per core).

    When nothing that makes the output has changed since the last good build (see
    build_plan.key) and that output is as it was left, it is kept, and what that build said is
    said again (result.unchanged). A locked copy is always made again: its passphrase may be new.

    A release that passed the gate is kept as a new version in out_root/.versions/<id> unless
    it is the last version again (result.version; see outputs/versions.py). Its welcome page
    says what is new since the version before it; a preview's says the same against the
    versions in release_root (the copies folder), when given.

    An output folder or versions of the same name that belong to another young person's
    journey (see outputs/identity.py) are never touched: the build is refused before anything
    is written.
    """
    options = build_plan.Options(release=release, pdf=pdf, strict=strict, print_shop=print_shop,
                                 crop_marks=crop_marks, spine=spine,
                                 locked=passphrase is not None)
    _refuse_options(options, passphrase)
    where = build_plan.place(folder, out_root, release=release, cache_dir=cache_dir,
                             release_root=release_root)
    if release:
        _outside_the_copies(where.cache_dir, out_root)
    identity.refuse_another(where.whose, folder, final=where.final, store=where.versions,
                            release=release)
    if release:
        _without_old_plain_copies(out_root, log)
    made_from = build_plan.made_from(where, options)  # before anything is read
    key = build_plan.key(where, made_from)
    if passphrase is None and (last := record.unchanged(where.cache_dir, key, where.final)):
        log("Nothing has changed since the last build, so it stays as it is")
        return _kept(last, where, pdf=pdf)
    run = Run(folder, options, log, SourceCache(known_dir(where.cache_dir)), where.cache_dir,
              versions.history(where.versions), workers, passphrase, final=where.final)
    checked = _run_checking_steps(run)
    with staged(where.final, forbidden=checked.journey.folder) as run.work:
        _run(MAKING, run)
        if strict and (run.result.warnings or run.result.tool_warnings):
            raise StrictFailed([p.show(Path.cwd()) for p in run.result.warnings]
                               + run.result.tool_warnings)
        _run(SEALING, run)
        if not release:
            identity.mark_preview(run.work, where.whose)
    if release and where.versions:
        run.result.version = _kept_as_version(where, checked, log)
        # This version is now the last, of the case data the build began with (an edit made
        # while it ran is not in this copy: the next build sees it).
        key = build_plan.key(where, made_from)
    record.write(where.cache_dir, record.Record(
        key, record.now(), record.output_state(where.final), run.result.warnings,
        run.result.tool_warnings, run.result.left_out,
        run.result.summary.as_json() if run.result.summary else {}))
    return _placed(run.result, where, pdf=pdf)


def _kept_as_version(where: build_plan.Place, checked: Checked, log: Log) -> versions.Kept:
    """The copy that passed the gate, kept as a version (or found to be the last one again)."""
    if identity.claim_store(where.versions, where.whose) and versions.history(where.versions):
        log(f"The versions in {where.versions} did not say whose they are (kept by an earlier "
            "journeybook): they are now this journey's")
    return versions.keep(where.versions, changes.manifest(checked.cast), build_day(),
                         where.final.name)


def _refuse_options(options: build_plan.Options, passphrase: str | None) -> None:
    """Refuse options that cannot go together, before anything is read or written."""
    if passphrase is not None:
        if not options.release:
            raise BuildError("only the young person's copy (--release) can be locked with a "
                             "passphrase.")
        lock.check_passphrase(passphrase)
    _print_shop_options(options.print_shop, options.crop_marks, options.spine,
                        locked=options.locked)
    if options.print_shop and not options.pdf:
        raise BuildError("--print-shop makes the book's files for a print shop: build it "
                         "without --no-pdf.")


def _print_shop_options(print_shop: bool, crop_marks: bool, spine: float | None, *,
                        locked: bool) -> None:
    """Refuse what a print shop could not use: crop marks or a spine without its files, a
    spine no book has, or its files locked with a passphrase (it could not open them, and
    PDF/X forbids encryption)."""
    if (crop_marks or spine is not None) and not print_shop:
        raise BuildError("--crop-marks and --spine go with --print-shop: only a print shop's "
                         "files have marks and a cover sheet.")
    if spine is not None and not 0 < spine <= 100:
        raise BuildError(f"--spine {spine:g}: a spine is between 0 and 100 mm wide; give the "
                         "width your print shop told you, in millimetres.")
    if print_shop and locked:
        raise BuildError("a print shop cannot open a locked book: build the print shop's copy "
                         "without --protect, and send it to them yourself.")


def _outside_the_copies(cache_dir: Path, copies: Path) -> None:
    """Refuse plain copies inside the copies folder: they would be handed over with it."""
    inside = copies.resolve()
    if cache_dir.resolve() == inside or inside in cache_dir.resolve().parents:
        raise BuildError(f"{cache_dir}: this cache is inside {copies}, the folder of the young "
                         "people's copies that is handed over, and would hold plain copies of "
                         "everything, what is left out included. Nothing was written. Choose "
                         "a --cache outside it (by default it is build/.cache).")


def _without_old_plain_copies(copies: Path, log: Log) -> None:
    """Remove the plain copies earlier versions of journeybook kept inside the copies folder
    (release/.cache): a refused copy's pages could be hidden there."""
    old = copies / CACHE
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
        log(f"Removed {old}: plain copies are no longer kept among the copies")


def hosted_at(journey: Journey, *, release: bool, locked: bool) -> str:
    """Where the book's QR codes may go: the hosted copy (site_url), in a copy locked with its
    passphrase (and in a preview, to show them). Never in a copy that is not locked."""
    site_url = journey.info.book.site_url or ""
    return site_url if site_url and (locked or not release) else ""


def _kept(last: record.Record, where: build_plan.Place, *, pdf: bool) -> Result:
    """The result of a build that kept the last good output: what that build said."""
    result = Result(where.final.name, last.warnings, last.left_out, last.tool_warnings,
                    summary=Summary.from_json(last.summary) if last.summary else None,
                    unchanged=True)
    return _placed(result, where, pdf=pdf)


def _placed(result: Result, where: build_plan.Place, *, pdf: bool) -> Result:
    """The result with where its output is."""
    result.output = where.final
    result.site = where.site_page
    result.pdf = where.book if pdf else None
    return result
