"""The printed page, measured once: paper, margins, and what that makes in print.

Media (how many pixels a placed picture needs), the drawings (how big a tree or a timeline row
may be, so that its words print at a readable size) and the book's CSS (`@page` size and
margins) all read these numbers, so a change of paper or margin changes all three together.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

DPI = 300  # print resolution: every placed picture is made for this, never more
MM_PER_INCH = 25.4
MM_PER_POINT = 25.4 / 72
MIN_PRINT_POINTS = 8.0  # the smallest words a drawing may print at


BLEED = 3.0  # a print shop's bleed, in millimetres: pictures that run off the page go this far
TITLE_ROOM = 16.0  # a drawing's own title (and a line of words) above it on its page
KEY_ROOM = 22.0  # the family tree's key under it: up to four rows


@dataclass(frozen=True)
class Page:
    """One paper size, portrait, with the book's margins, in millimetres.

    Facing pages mirror each other: `inner` is the margin at the spine, `outer` at the edge.
    `bleed` is 0 for an office printer and BLEED for a print shop, which trims the printed
    sheet: then pictures that run to the edge run past it, and crop marks show where to cut.
    """

    paper: str
    width: float
    height: float
    top: float = 18.0
    outer: float = 15.0
    bottom: float = 20.0
    inner: float = 17.0
    bleed: float = 0.0

    @property
    def text_width(self) -> float:
        return self.width - self.inner - self.outer

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def drawing_box(self) -> tuple[float, float]:
        """Where the book prints a wide drawing (a family tree): turned on its side on a
        page of its own (the reader turns the book), less room for its title and key."""
        return self.text_height, self.text_width - TITLE_ROOM - KEY_ROOM

    def pixels(self, millimetres: float) -> int:
        """How many pixels fill that many millimetres at the print resolution."""
        return round(millimetres / MM_PER_INCH * DPI)

    def placed_box(self, placement: str) -> tuple[float, float | None]:
        """The box in millimetres a picture fills where it is placed: on the cover (across
        the page and past its edges, its upper part), on a page of its own past every edge
        ("page"), across the text ("full") or in one of two columns ("half"). Cover and page
        pictures fill their box (cropped to it); the others fit its width."""
        wide = self.width + 2 * BLEED
        return {"cover": (wide, self.height * 0.6), "page": (wide, self.height + 2 * BLEED),
                "full": (self.text_width, None),
                "half": ((self.text_width - 5.0) / 2, None)}[placement]

    def print_width(self, placement: str) -> int:
        """The width in pixels a picture needs to print at DPI where it is placed (for a
        box it fills, enough for its longer side: a picture's shape is not known here)."""
        width, height = self.placed_box(placement)
        return self.pixels(max(width, height or 0.0))

    def ppi(self, placement: str, pixels_wide: int, pixels_high: int) -> float:
        """The resolution a picture of that many pixels prints at where it is placed."""
        width, height = self.placed_box(placement)
        millimetres_per_pixel = width / pixels_wide
        if height is not None:  # it fills its box: the shorter fit decides
            millimetres_per_pixel = max(millimetres_per_pixel, height / pixels_high)
        return MM_PER_INCH / millimetres_per_pixel

    @property
    def css(self) -> str:
        """The book's page rules: size, mirrored margins and (for a print shop) bleed and
        crop marks, from these numbers; covers and full-page photos have no margin."""
        shop = f" bleed: {self.bleed:g}mm; marks: crop;" if self.bleed else ""
        return (f"@page {{ size: {self.width:g}mm {self.height:g}mm;{shop} }}\n"
                f"@page :right {{ margin: {self.top:g}mm {self.outer:g}mm {self.bottom:g}mm "
                f"{self.inner:g}mm; }}\n"
                f"@page :left {{ margin: {self.top:g}mm {self.inner:g}mm {self.bottom:g}mm "
                f"{self.outer:g}mm; }}\n"
                "@page cover { margin: 0; }\n@page bleed { margin: 0; }")


    @property
    def blocks_css(self) -> str:
        """The sizes of the book's page-sized blocks, from these numbers: a drawing turned
        on its side, photo pages, and pictures that run past the page's edges."""
        text_w, text_h = self.text_width, self.text_height
        wide, tall = self.placed_box("page")
        cover_height = self.placed_box("cover")[1] + BLEED  # and the bleed above the page
        return (f".jb-turned {{ width: {text_w:g}mm; height: {text_h:g}mm; }}\n"
                f".jb-turned-inner {{ width: {text_h:g}mm; height: {text_w:g}mm; "
                f"transform: translate(0, {text_h:g}mm) rotate(-90deg); }}\n"
                f".jb-photo-page {{ height: {text_h - 1:g}mm; }}\n"
                f".jb-photos-one img {{ max-height: {text_h - 30:g}mm; }}\n"
                f".jb-photos-two img {{ max-height: {(text_h - 40) / 2:g}mm; }}\n"
                f".jb-bleed img, .jb-cover-photo {{ width: {wide:g}mm; max-width: none; "
                f"margin: -{BLEED:g}mm -{BLEED:g}mm 0; }}\n"
                f".jb-bleed img {{ height: {tall:g}mm; }}\n"
                f".jb-cover-photo {{ height: {cover_height:g}mm; }}\n"
                f".jb-full-page {{ height: {self.height:g}mm; }}")


PAGES = {"A5": Page("A5", 148.0, 210.0), "A4": Page("A4", 210.0, 297.0)}


def page_for(paper: str, print_shop: bool = False) -> Page:
    """The page of a book printed on that paper ("A5" or "A4"), with a print shop's bleed
    when it goes to one."""
    page = PAGES[paper]
    return replace(page, bleed=BLEED) if print_shop else page
