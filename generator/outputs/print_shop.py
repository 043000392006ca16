"""Step 8 - Printing the book, for a print shop: the inside pages and the cover, two PDF/X-4 files.

Photo-book services and print shops take a book as two files: its inside pages, and its cover
(back cover, spine and front cover on one sheet, as it wraps the book). Both are made from the
same safe model and templates as book.pdf, with a 3 mm bleed, and go into print-shop/ beside
it; book.pdf stays the copy to read and keep (PDF/A-3a, without bleed).

Every page's boxes are set here, from geometry's numbers (WeasyPrint makes the bleed box its
media box): TrimBox is the page as cut, BleedBox 3 mm past it on every side. WeasyPrint would
draw CSS crop marks inside its bleed, over the art, so the book never asks it to: with marks,
the sheet (MediaBox) is made MARKS_ROOM wider than the bleed on every side, the art is clipped
to the bleed box, and the marks are drawn in that room, outside the bleed. The files stay
reproducible: the XMP DocumentID WeasyPrint makes at random is made from the file's content,
and the trailer's ID from its bytes. Their links are removed: they mean nothing on paper.

PDF/X-4 is claimed as WeasyPrint writes it, checked here with pikepdf (tests/test_print_shop.py:
an output intent of subtype GTS_PDFX, GTS_PDFXVersion in the XMP, Trapped, both boxes on every
page, no encryption, no annotations). Its output intent is sRGB, as the pictures are: a print
shop that wants CMYK converts them to its press's profile. veraPDF, the free validator, is
for PDF/A and PDF/UA, and is not to be had from pip or Debian.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment

from generator.core.errors import BuildError
from generator.core.geometry import (
    BLEED,
    MARK_GAP,
    MARK_LENGTH,
    MARKS_ROOM,
    MM_PER_POINT,
    CoverSpread,
    Page,
    page_for,
    spine_width,
)
from generator.model.types import Book
from generator.outputs import pdf, render

FOLDER = "print-shop"  # beside book.pdf: the two files to send to the print shop
INTERIOR = "interior.pdf"
COVER = "cover.pdf"
MARK_WIDTH = 0.25  # points: a hairline, as print shops draw their own marks
_RANDOM_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass(frozen=True)
class Made:
    """What was made for the print shop."""

    interior: Path
    cover: Path
    pages: int  # the inside pages, which the spine is measured from
    spread: CoverSpread
    warnings: list[str]


def interior_book(book: Book, marks: bool) -> Book:
    """The book as a print shop prints its inside pages: with a bleed, without the covers,
    with crop marks when asked for."""
    return replace(book, page=page_for(book.page.paper, print_shop=True, marks=marks))


def cover_html(book: Book, env: Environment, spread: CoverSpread) -> str:
    """The cover sheet as HTML: the same safe model's title, cover photo and service."""
    return env.get_template("print_cover.html.j2").render(book=book, spread=spread)


def make(book: Book, drawn: render.Drawings, env: Environment, folder: Path, base_dir: Path,
         cache_dir: Path, *, marks: bool, author: str, spine: float | None = None) -> Made:
    """Write the inside pages and then the cover into folder; base_dir holds the build's
    pictures. The spine is measured from the inside pages' count (spine_width), unless the
    print shop said how wide it is (spine, in millimetres)."""
    inside = interior_book(book, marks)
    folder.mkdir(parents=True, exist_ok=True)
    interior, cover = folder / INTERIOR, folder / COVER
    said = pdf.write_pdf_cached(
        render.book_html(inside, drawn, env), base_dir, interior, cache_dir, title=book.title,
        author=author, filler=render.book_filler_html(inside, env),
        variant=pdf.PRINT_VARIANT)
    pages = page_count(interior)
    spread = spread_for(inside.page, pages, rtl=book.direction == "rtl", spine=spine)
    said += pdf.write_pdf_cached(
        cover_html(inside, env, spread), base_dir, cover, cache_dir, title=book.title,
        author=author, variant=pdf.PRINT_VARIANT)
    finish(interior, inside.page.width, inside.page.height, marks=marks)
    finish(cover, spread.width, inside.page.height, marks=marks, folds=spread.folds)
    return Made(interior, cover, pages, spread, said)


def page_count(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as document:
        return len(document.pages)


def finish(pdf: Path, width: float, height: float, *, marks: bool,
           folds: tuple[float, ...] = ()) -> None:
    """Set every page's TrimBox (width x height millimetres) and BleedBox (BLEED past it);
    with marks, widen the sheet and draw crop marks (and fold marks at folds, millimetres
    from the left edge) outside the bleed. Rewrites pdf in place, reproducibly."""
    import pikepdf

    trim_w, trim_h, bleed = width / MM_PER_POINT, height / MM_PER_POINT, BLEED / MM_PER_POINT
    bleed_box = [-bleed, -bleed, trim_w + bleed, trim_h + bleed]
    finished = pdf.with_suffix(".finished.pdf")
    with pikepdf.open(pdf) as document:
        contents = b"".join(_contents(page) for page in document.pages)
        for number, page in enumerate(document.pages, start=1):
            made = [float(value) for value in page.MediaBox]
            if any(abs(a - b) > 0.01 for a, b in zip(made, bleed_box, strict=True)):
                raise BuildError(f"{pdf.name} page {number}: its sheet is {made}, not the page "
                                 f"and its bleed {bleed_box}: the print shop would cut it wrong")
            # Links mean nothing on paper, and PDF/X allows no annotation on the printed
            # area but a print shop's own (trap networks, printer's marks).
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
            page.TrimBox = pikepdf.Array([0, 0, _pt(trim_w), _pt(trim_h)])
            page.BleedBox = pikepdf.Array([_pt(value) for value in bleed_box])
            if marks:
                _with_marks(document, page, trim_w, trim_h, folds)
        _fixed_document_id(document, contents)
        if "/ID" in document.trailer:  # WeasyPrint's, made from the random DocumentID
            del document.trailer["/ID"]
        document.save(finished, deterministic_id=True)
    finished.replace(pdf)


def _pt(value: float) -> float:
    """A coordinate as the file writes it (six decimals are WeasyPrint's too)."""
    return round(value, 6)


def _with_marks(document, page, trim_w: float, trim_h: float,
                folds: tuple[float, ...]) -> None:
    """Widen page's sheet by MARKS_ROOM, clip its art to the bleed box (art past it was cut
    off by the old sheet, and must stay so) and draw the marks in the room outside it."""
    import pikepdf

    bleed, room = BLEED / MM_PER_POINT, MARKS_ROOM / MM_PER_POINT
    outside = bleed + room
    page.MediaBox = pikepdf.Array([_pt(-outside), _pt(-outside), _pt(trim_w + outside),
                                   _pt(trim_h + outside)])
    clip = (f"q {_n(-bleed)} {_n(-bleed)} {_n(trim_w + 2 * bleed)} {_n(trim_h + 2 * bleed)} "
            "re W n\n")
    page.contents_add(pikepdf.Stream(document, clip.encode()), prepend=True)
    marks = "Q\nq 0 0 0 RG " + f"{MARK_WIDTH:g} w 0 J\n" + "".join(
        _mark_lines(trim_w, trim_h, folds)) + "Q\n"
    page.contents_add(pikepdf.Stream(document, marks.encode()))


def _mark_lines(trim_w: float, trim_h: float, folds: tuple[float, ...]) -> list[str]:
    """The marks as PDF path operators: at each corner, one line across and one down, in
    line with the trim's edges; at each fold, a line above and below the sheet's art."""
    near = (BLEED + MARK_GAP) / MM_PER_POINT  # where a mark starts, from the trim's edge
    far = near + MARK_LENGTH / MM_PER_POINT
    lines = []
    for x, out_x in ((0.0, -1), (trim_w, 1)):
        for y, out_y in ((0.0, -1), (trim_h, 1)):
            lines.append(_line(x + out_x * near, y, x + out_x * far, y))
            lines.append(_line(x, y + out_y * near, x, y + out_y * far))
    for fold in folds:
        x = fold / MM_PER_POINT
        lines.append(_line(x, -near, x, -far))
        lines.append(_line(x, trim_h + near, x, trim_h + far))
    return lines


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f"{_n(x1)} {_n(y1)} m {_n(x2)} {_n(y2)} l S\n"


def _n(value: float) -> str:
    return f"{value:.4f}"


def _contents(page) -> bytes:
    """What a page draws, as one string of operators."""
    import pikepdf

    contents = page.obj.Contents
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    return b"\n".join(stream.read_bytes() for stream in streams)


def _fixed_document_id(document, contents: bytes) -> None:
    """WeasyPrint writes a random XMP DocumentID in a PDF/X file: make it from the XMP's other
    words and what the pages draw, so the same book makes the same bytes."""
    metadata = document.Root.get("/Metadata")
    if metadata is None:
        raise BuildError("the print shop's file has no XMP metadata, which PDF/X requires")
    xmp = metadata.read_bytes()
    digest = hashlib.sha256(_RANDOM_ID.sub(b"xmp.did:", xmp) + contents).hexdigest()
    uuid = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    metadata.write(_RANDOM_ID.sub(b"xmp.did:" + uuid.encode(), xmp))


def boxes(page) -> dict[str, list[float]]:
    """A page's MediaBox, BleedBox and TrimBox in millimetres, for checks and tests."""
    return {name: [float(value) * MM_PER_POINT for value in page[f"/{name}"]]
            for name in ("MediaBox", "BleedBox", "TrimBox")}


def spread_for(page: Page, pages: int, rtl: bool = False,
               spine: float | None = None) -> CoverSpread:
    """The cover sheet of a book of that many inside pages on that page (with the print
    shop's own spine width, when given)."""
    return CoverSpread(page, spine_width(pages) if spine is None else spine, rtl=rtl)
