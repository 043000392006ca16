"""The book laid out part by part, each part kept by what it is made of, then joined.

Laying out a whole book again after one edit took most of a rebuild's time. The book's HTML
marks where a part may begin (`<!--jb-part-->`, at the top level of the body): after the
contents, at each chapter, every few photo pages, at the colophon and the back cover. Each
part is laid out by WeasyPrint as a document of its own, starting on the side and with the
page number it has in the book, and kept as a PDF under a key of its HTML, side, number and
everything else that shapes it. A rebuild lays out only the parts whose key is new: an edit to
one memory lays out its chapter again, and the contents when a chapter's first page moves.

What a whole document did for itself is done here:
- a chapter opens on a right-hand page: a part that must, and would not, is given the blank
  page WeasyPrint leaves before one;
- the contents give each chapter's first page, known once the parts before it are laid out
  (the front is laid out first to learn its length, then again with the numbers);
- the page count is made a multiple of four with designed pages before the last part;
- the parts are joined into one tagged PDF (outputs/pdf_join.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.core import cache
from generator.core.errors import BuildError
from generator.core.tool_log import ToolLog
from generator.outputs import pdf_join

MARK = re.compile(r"<!--jb-part( recto)?-->")
CHAPTER = re.compile(r'<section class="chapter chapter-[^"]*" id="([^"]+)"')
ATTEMPTS = 3  # the front laid out to learn its length, then with the numbers (then again)
CONTENTS = re.compile(r'data-jb-contents="([^"]+)"')
USED = "used.json"  # the parts the last build used: kept with this build's


@dataclass(frozen=True)
class Part:
    """A piece of the book's body between two marks, and whether it opens a right-hand page."""

    body: str
    recto: bool


def parts_of(html: str) -> tuple[str, list[Part], str]:
    """The book's HTML as its head (to the body's start tag), its parts, and its end."""
    if "<body" not in html or "</body>" not in html:  # a fragment: one part
        return "", [Part(html, False)], ""
    start = html.index(">", html.index("<body")) + 1
    end = html.rindex("</body>")
    pieces = MARK.split(html[start:end])
    parts = [Part(pieces[0], False)] if pieces[0].strip() else []
    for recto, body in zip(pieces[1::2], pieces[2::2], strict=True):
        parts.append(Part(body, bool(recto)))
    return html[:start], parts or [Part("", False)], html[end:]


Render = Callable[[str], object]  # a part's HTML -> a WeasyPrint document
Write = Callable[[object, Path], None]  # a WeasyPrint document -> its PDF at that path


@dataclass
class Laid:
    """A part laid out: its PDF, its pages, and the level of each of its headings in the book's
    outline, in order (a part's outline starts at its own first heading, whatever its level)."""

    pdf: Path
    pages: int
    levels: list[int]


class Layout:
    """Lays out each part once per key, in a folder of parts kept between builds. What
    WeasyPrint said while laying a part out is kept with it and said again when it is reused;
    a part it could not make completely (an error: a hole in the book) is never reused."""

    def __init__(self, folder: Path, key: str, render: Render, write: Write, said: ToolLog):
        self.folder, self.key, self.render, self.write = folder, key, render, write
        self.said = said
        folder.mkdir(parents=True, exist_ok=True)
        self.used: list[str] = []

    def part(self, html: str, first: int = 0, count: int = 0) -> Laid:
        """This document laid out (`count` of its pages from `first`; 0: all)."""
        name = cache.key(self.key, html, str(first), str(count))
        pdf, notes = self.folder / f"{name}.pdf", self.folder / f"{name}.json"
        self.used.append(name)
        if pdf.is_file() and notes.is_file():
            kept = json.loads(notes.read_text(encoding="utf-8"))
            self.said.warnings.extend(kept["warnings"])
            return Laid(pdf, kept["pages"], kept["levels"])
        errors, warnings = len(self.said.errors), len(self.said.warnings)
        document = self.render(html)
        document = document.copy(document.pages[first:first + count if count else None])
        temporary = pdf.with_suffix(".tmp")
        self.write(document, temporary)
        temporary.replace(pdf)
        levels = [level for page in document.pages for level, *_ in page.bookmarks]
        laid = Laid(pdf, len(document.pages), levels)
        if len(self.said.errors) == errors:
            notes.write_text(json.dumps({"pages": laid.pages, "levels": levels,
                                         "warnings": self.said.warnings[warnings:]}),
                             encoding="utf-8")
        return laid

    def forget_unused(self) -> None:
        """Keep the parts of this build and of the one before it (an undone edit is then
        laid out no more); remove the rest."""
        record = self.folder / USED
        before = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else []
        keep = set(self.used) | set(before)
        for path in self.folder.iterdir():
            if path.name != USED and path.stem not in keep:
                path.unlink()
        record.write_text(json.dumps(sorted(set(self.used))), encoding="utf-8")


def lay_out(html: str, filler: str, layout: Layout, target: Path) -> list[str]:
    """Lay out the book's parts (those not laid out before), and join them at target; return
    the links that lead nowhere in the book (pdf_join.join)."""
    head, parts, end = parts_of(html)
    front, rest = parts[0], parts[1:]
    numbers: dict[str, int] = {}
    for _attempt in range(ATTEMPTS):  # the front's length, then the chapters' numbers in it
        opening = layout.part(_document(head, front, end, 1, numbers, True))
        made, found = _after_front(head, rest, end, filler, layout, 1 + opening.pages)
        if found == numbers:
            break
        numbers = found
    else:
        raise BuildError("The book's contents could not be numbered: the chapters' first pages "
                         "kept moving. Please report this.")
    laid = [opening, *made]
    missing = pdf_join.join([part.pdf for part in laid], target,
                            [part.levels for part in laid])
    layout.forget_unused()
    return missing


def _after_front(head: str, rest: list[Part], end: str, filler: str, layout: Layout,
                 page: int) -> tuple[list[Laid], dict[str, int]]:
    """The parts after the front laid out from that page on, and the page each chapter opens
    on; designed pages go before the last part until the count is a multiple of four."""
    made: list[Laid] = []
    found: dict[str, int] = {}
    for index, part in enumerate(rest):
        if index == len(rest) - 1 and filler:
            needs_blank = part.recto and page % 2 == 0
            last = layout.part(_document(head, part, end, page + needs_blank, {}, False)).pages
            short = -(page - 1 + needs_blank + last) % 4
            if short:
                filler_head, (designed,), filler_end = parts_of(filler)
                made.append(layout.part(_document(filler_head, designed, filler_end, page, {},
                                                  False), 0, short))
                page += made[-1].pages
        if part.recto and page % 2 == 0:
            made.append(layout.part(_blank(head, end), 1, 1))
            page += 1
        for slug in CHAPTER.findall(part.body):
            found.setdefault(slug, page)
        made.append(layout.part(_document(head, part, end, page, {}, False)))
        page += made[-1].pages
    return made, found


def _document(head: str, part: Part, end: str, page: int, numbers: dict[str, int],
              first: bool) -> str:
    """A part as a document of its own: starting on the side and at the number it has in the
    book, its links to anchors anywhere in the book, the contents numbered."""
    side = "recto" if page % 2 else "verso"
    rules = f"html {{ break-before: {side}; }}\n"
    if page > 1:
        rules += f"@page :first {{ counter-reset: page {page}; }}\n"
    if first:  # the book's first page, a cover, carries no header or number
        rules += ("@page :first { @top-left { content: none; } @top-right { content: none; } "
                  "@bottom-left { content: none; } @bottom-right { content: none; } }\n")
    body = part.body.replace('href="#', f'href="{pdf_join.LINK}')
    body = CONTENTS.sub(lambda m: f'style="counter-reset: jb-target {numbers.get(m[1], 0)}"',
                        body)
    if "</head>" not in head:
        return f"<style>{rules}</style>{head}{body}{end}"
    return head.replace("</head>", f"<style>{rules}</style></head>", 1) + body + end


def _blank(head: str, end: str) -> str:
    """A document whose second page is the blank page left before a right-hand page."""
    return _document(head, Part('<div class="jb-blank-before"></div>'
                                '<div style="break-before: recto"></div>', False), end, 1, {},
                     False)
