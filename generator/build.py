"""The pipeline, in order: load -> validate -> cast -> model -> render -> media -> site ->
book -> release.

This module only says what happens in which order; each stage lives in its own module.
Everything is gathered and checked before anything is written, and the writing happens in a
staging folder that replaces the previous output only when the whole build has succeeded.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import identity
from generator.core import fingerprint, record
from generator.core.cache import CACHE, cache_for, copies_cache_root
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
from generator.core.source_cache import PICTURES, SourceCache, known_dir
from generator.stages import book as book_stage
from generator.stages import media, protect, recordings, render, site, versions, words
from generator.stages import print_shop as print_shop_stage
from generator.stages import release as release_stage
from generator.stages.cast import cast_journey
from generator.stages.cast_types import Cast
from generator.stages.load import load_journey
from generator.stages.model import Book, build_book
from generator.stages.summary import Summary, summarise
from generator.stages.validate import Journey, journey_id, validate_journey

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


def check(folder: Path, log: Log = lambda _: None, cache_dir: Path | None = None, *,
          release: bool = False,
          history: list[versions.Version] | None = None, locked: bool = False) -> Checked:
    """Load, validate and model a journey without writing anything to it; raise JourneyError.

    With cache_dir, what is known of unchanged photos is reused and remembered there. history
    is the copy's versions: what is new since the last one opens the book. locked: the copy
    will be locked with a passphrase (only such a copy's book has QR codes to its hosted site).
    """
    sources = SourceCache(known_dir(cache_dir) if cache_dir else None)
    log("Step 1 - Loading case data")
    loaded, problems = load_journey(folder)
    log("Step 2 - Checking it")
    journey, found = validate_journey(loaded, sources)
    problems += found
    if journey is None or any(not p.warning for p in problems):
        raise JourneyError(problems)
    journey.warnings = [p for p in problems if p.warning]
    log("Step 3 - Making the safe cast: only what may be shared")
    cast = cast_journey(journey, media.MediaIndex(journey.folder, sources), release=release)
    sources.save()
    journey.warnings += cast.warnings
    log("Step 4 - Making the book")
    book = build_book(cast, previous=versions.previous(history or [], versions.manifest(cast)),
                      site_url=hosted_at(journey, release=release, locked=locked))
    too_small = book.too_small_for_print()
    journey.warnings += too_small
    journey.warnings += words.language_warnings(book.language, folder / "journey.yaml")
    result = Result(journey.id, journey.warnings, cast.left_out,
                    summary=summarise(journey, cast, warnings=len(journey.warnings),
                                      too_small=len(too_small)))
    return Checked(journey, cast, book, result)


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
    stages/print_shop.py), with crop marks outside the bleed when crop_marks, and the spine
    the print shop gave (millimetres) or else one measured; book.pdf stays the copy to read
    and keep. workers caps the processes that make pictures (default: one
    per core).

    When nothing that makes the output has changed since the last good build (see
    fingerprint) and that output is as it was left, it is kept, and what that build said is
    said again (result.unchanged). A locked copy is always made again: its passphrase may be new.

    A release that passed the gate is kept as a new version in out_root/.versions/<id> unless
    it is the last version again (result.version; see versions). Its welcome page says what is
    new since the version before it; a preview's says the same against the versions in
    release_root (the copies folder), when given.

    An output folder or versions of the same name that belong to another young person's
    journey (see identity) are never touched: the build is refused before anything is written.
    """
    if passphrase is not None:
        if not release:
            raise BuildError("only the young person's copy (--release) can be locked with a "
                             "passphrase.")
        protect.check_passphrase(passphrase)
    _print_shop_options(print_shop, crop_marks, spine, locked=passphrase is not None)
    whose = identity.of_journey(folder)
    cache_dir = cache_dir or cache_for(copies_cache_root(out_root) if release else
                                       out_root / CACHE, folder, release=release)
    final = out_root / journey_id(folder)
    if release:
        _outside_the_copies(cache_dir, out_root)
    kept_in = versions.store(out_root, final.name) if release else \
        identity.versions_to_read(release_root, folder, whose)
    identity.refuse_another(whose, folder, final=final, store=kept_in, release=release)
    if release:
        _without_old_plain_copies(out_root, log)
    built_from = fingerprint.build_key(folder, release=release, pdf=pdf, strict=strict,
                                       print_shop=print_shop, crop_marks=crop_marks,
                                       spine=f"{spine}", locked=passphrase is not None)
    key = versions.with_history(built_from, kept_in)
    if passphrase is None and (last := record.unchanged(cache_dir, key, final)):
        log("Nothing has changed since the last build, so it stays as it is")
        return _kept(last, final, pdf=pdf)
    checked = check(folder, log, cache_dir, release=release,
                    history=versions.history(kept_in), locked=passphrase is not None)
    journey, book, result = checked.journey, checked.book, checked.result
    log("Step 5 - Rendering the pages")
    env, drawn = render.environment(book.language), render.drawings(book)
    pages = render.site_pages(book, drawn, env)
    html = render.book_html(book, drawn, env) if pdf else ""
    filler = render.book_filler_html(book, env) if pdf else ""
    with staged(final, forbidden=journey.folder) as work:
        pictures = media.work_for(book.pictures(), book.page)
        log(f"Step 6 - Preparing {len(pictures)} pictures")
        # The sizes are kept by content where the preview and the copy both find them; only
        # the preview, which shows every picture the copy does, drops those no longer used.
        media.produce(pictures, work / site.DOCS, known_dir(cache_dir) / PICTURES,
                      workers=workers, prune=not release)
        recorded = recordings.jobs(book.recordings())
        if recorded:
            log(f"Step 6 - Making {len(recorded)} recordings safe to share")
            recordings.produce(recorded, work / site.DOCS, cache_dir, workers=workers)
        log("Step 7 - Building the site")
        config = site.write_project(work, final, book, pages)
        site.write_calendar(work, book.calendar)
        said = site.build_site_cached(config, work / site.SITE, cache_dir)
        result.tool_warnings += [f"MkDocs: {line}" for line in said]
        if pdf:
            log("Step 8 - Printing the book")
            said = book_stage.write_pdf_cached(html, work / site.DOCS, work / "book.pdf",
                                               cache_dir, title=book.title,
                                               author=book.organisation or "Lifelong Links",
                                               filler=filler)
            result.tool_warnings += [f"WeasyPrint: {line}" for line in said]
        if pdf and print_shop:
            log("Step 8 - Printing the print shop's inside pages and cover")
            made = print_shop_stage.make(book, drawn, env, work / print_shop_stage.FOLDER,
                                         work / site.DOCS, cache_dir, marks=crop_marks,
                                         author=book.organisation or "Lifelong Links",
                                         spine=spine)
            result.tool_warnings += [f"WeasyPrint: {line}" for line in made.warnings]
        if not release:
            identity.mark_preview(work, whose)
        if strict and (result.warnings or result.tool_warnings):
            raise StrictFailed([p.show(Path.cwd()) for p in result.warnings]
                               + result.tool_warnings)
        if release:
            log("Step 9 - Checking the copy before it is shared")
            release_stage.finalize(work)
            terms = release_stage.terms_for(journey)
            findings = release_stage.scan(work, terms)
            findings += release_stage.scan_pictures(work, terms, cache_dir)
            if findings:
                raise ReleaseBlocked(findings)
        if passphrase is not None:
            log("Step 10 - Locking the copy with its passphrase")
            protect.protect_site(work / site.SITE, passphrase)
            if pdf:
                protect.protect_pdf(work / "book.pdf", passphrase)
    if release and kept_in:
        if identity.claim_store(kept_in, whose) and versions.history(kept_in):
            log(f"The versions in {kept_in} did not say whose they are (kept by an earlier "
                "journeybook): they are now this journey's")
        result.version = versions.keep(kept_in, versions.manifest(checked.cast), build_day(),
                                       final.name)
        key = versions.with_history(built_from, kept_in)  # this version is now the last
    record.write(cache_dir, record.Record(
        key, record.now(), record.output_state(final), result.warnings, result.tool_warnings,
        result.left_out, result.summary.as_json() if result.summary else {}))
    return _placed(result, final, pdf=pdf)


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


def _kept(last: record.Record, final: Path, *, pdf: bool) -> Result:
    """The result of a build that kept the last good output: what that build said."""
    result = Result(final.name, last.warnings, last.left_out, last.tool_warnings,
                    summary=Summary.from_json(last.summary) if last.summary else None,
                    unchanged=True)
    return _placed(result, final, pdf=pdf)


def _placed(result: Result, final: Path, *, pdf: bool) -> Result:
    """The result with where its output is."""
    result.output = final
    result.site = final / site.SITE / "index.html"
    result.pdf = final / "book.pdf" if pdf else None
    return result

