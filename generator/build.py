"""The pipeline, in order: load -> validate -> model -> render -> media -> site -> book.

This module only says what happens in which order; each stage lives in its own module.
Everything is gathered and checked before anything is written, and the writing happens in a
staging folder that replaces the previous output only when the whole build has succeeded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import book as book_stage
from generator import media, render, site
from generator.errors import JourneyError, Problem
from generator.load import load_journey
from generator.model import Book, LeftOut, build_book
from generator.output import staged
from generator.validate import Journey, validate_journey

Log = Callable[[str], None]
CACHE = ".cache"


@dataclass
class Result:
    """What a check or a build found and made."""

    journey_id: str
    warnings: list[Problem] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    output: Path | None = None
    site: Path | None = None
    pdf: Path | None = None
    images_made: int = 0


@dataclass
class Checked:
    """A journey that passed its checks, made into a safe book, with the pictures it shows."""

    journey: Journey
    book: Book
    pictures: media.MediaIndex
    result: Result


def check(folder: Path, log: Log = lambda _: None) -> Checked:
    """Load, validate and model a journey without writing anything; raise JourneyError."""
    log("Step 1 - Loading case data")
    loaded, problems = load_journey(folder)
    log("Step 2 - Checking it")
    journey, found = validate_journey(loaded)
    problems += found
    if journey is None or any(not p.warning for p in problems):
        raise JourneyError(problems)
    journey.warnings = [p for p in problems if p.warning]
    log("Step 3 - Making the book safe to share")
    pictures = media.MediaIndex(journey.folder, journey.info.book.paper.value)
    book = build_book(journey, pictures)
    return Checked(journey, book, pictures, Result(journey.id, journey.warnings, book.left_out))


def build(folder: Path, out_root: Path, *, pdf: bool = True, log: Log = lambda _: None) -> Result:
    """Build a journey's site (and book) into out_root/<id>/; raise JourneybookError."""
    checked = check(folder, log)
    journey, book, result = checked.journey, checked.book, checked.result
    log("Step 4 - Rendering the pages")
    env = render.environment()
    pages = render.site_pages(book, env)
    html = render.book_html(book, env) if pdf else ""
    final = out_root / journey.id
    with staged(final, forbidden=journey.folder) as work:
        log(f"Step 5 - Preparing {len(checked.pictures.work())} pictures")
        result.images_made = media.produce(checked.pictures, work / site.DOCS, out_root / CACHE)
        log("Step 6 - Building the site")
        config = site.write_project(work, final, book, pages)
        site.build_site(config)
        if pdf:
            log("Step 7 - Making the book")
            book_stage.write_pdf(html, work / site.DOCS, work / "book.pdf",
                                 title=book.title, author=book.name)
    result.output = final
    result.site = final / site.SITE / "index.html"
    result.pdf = final / "book.pdf" if pdf else None
    return result

