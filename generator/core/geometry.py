"""The printed page, measured once: paper, margins, and what that makes in print.

Media (how many pixels a placed picture needs), the drawings (how big a tree or a timeline row
may be, so that its words print at a readable size) and the book's CSS (`@page` size and
margins) all read these numbers, so a change of paper or margin changes all three together.
"""

from __future__ import annotations

from dataclasses import dataclass

DPI = 300  # print resolution: every placed picture is made for this, never more
MM_PER_INCH = 25.4
MM_PER_POINT = 25.4 / 72
MIN_PRINT_POINTS = 8.0  # the smallest words a drawing may print at


@dataclass(frozen=True)
class Page:
    """One paper size, portrait, with the book's margins, in millimetres."""

    paper: str
    width: float
    height: float
    top: float = 18.0
    outer: float = 15.0
    bottom: float = 20.0
    inner: float = 15.0

    @property
    def text_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def wide_text_width(self) -> float:
        """The text width of the page turned on its side (for a wide drawing)."""
        return self.height - self.inner - self.outer

    @property
    def drawing_box(self) -> tuple[float, float]:
        """Where the book prints a wide drawing (a family tree): the turned page's text area,
        less room for the chapter title and the drawing's own title."""
        return self.wide_text_width, self.width - self.top - self.bottom - 30.0

    def pixels(self, millimetres: float) -> int:
        """How many pixels fill that many millimetres at the print resolution."""
        return round(millimetres / MM_PER_INCH * DPI)

    def print_width(self, placement: str) -> int:
        """The width in pixels of a picture placed on the whole page ("page"), across the text
        ("full") or in one of two columns ("half")."""
        millimetres = {"page": self.width, "full": self.text_width,
                       "half": (self.text_width - 3.0) / 2}[placement]
        return self.pixels(millimetres)

    @property
    def css(self) -> str:
        """The book's page rule: size and margins, from these numbers."""
        return (f"size: {self.width:g}mm {self.height:g}mm; margin: {self.top:g}mm "
                f"{self.outer:g}mm {self.bottom:g}mm {self.inner:g}mm;")

    @property
    def wide_css(self) -> str:
        return f"size: {self.height:g}mm {self.width:g}mm;"


PAGES = {"A5": Page("A5", 148.0, 210.0), "A4": Page("A4", 210.0, 297.0)}


def page_for(paper: str) -> Page:
    """The page of a book printed on that paper ("A5" or "A4")."""
    return PAGES[paper]
