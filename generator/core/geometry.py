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
# Crop marks sit outside the bleed, in a wider sheet (the PDF's MediaBox): a gap first, so no
# mark touches the art even when the sheet is cut a little off, then the mark itself.
MARK_GAP = 1.0
MARK_LENGTH = 5.0
MARKS_ROOM = MARK_GAP + MARK_LENGTH + 1.0  # beyond the bleed, on every side
# The body's margin: the user agent's 8px, which the text pages are laid out with. Pictures
# that run past the page's edges reach past it too (CSS pixels are 1/96 inch).
BODY_MARGIN = 8 * MM_PER_INCH / 96
TITLE_ROOM = 16.0  # a drawing's own title (and a line of words) above it on its page
KEY_ROOM = 22.0  # the family tree's key under it: up to four rows
SCAN_HEIGHT = 118.0  # a page of a scanned letter, with the letter's words below it
BANNER_HEIGHT = 70.0  # the cover photo again, across the top of the book's first chapter
PROUD_BOX = (40.0, 45.0)  # a photo of what the young person is proud of, beside the words
STILL_HEIGHT = 70.0  # a video's still, at most
RECORDING_INSET = 8.0 + 3 * MM_PER_POINT  # a recording's padding (4 mm each side) and border
FILLED = ("cover", "page", "banner")  # placements a picture fills, cropped; it fits the others


@dataclass(frozen=True)
class Page:
    """One paper size, portrait, with the book's margins, in millimetres.

    Facing pages mirror each other: `inner` is the margin at the spine, `outer` at the edge.
    `bleed` is 0 for an office printer and BLEED for a print shop, which trims the printed
    sheet: then pictures that run to the edge run past it. A print shop's pages come without
    the covers (`separate_cover`: the cover is a file of its own, see CoverSpread), and with
    crop marks outside the bleed when the shop asks for them (`marks`).
    """

    paper: str
    width: float
    height: float
    top: float = 18.0
    outer: float = 15.0
    bottom: float = 20.0
    inner: float = 17.0
    bleed: float = 0.0
    marks: bool = False
    separate_cover: bool = False

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
        """The box in millimetres a picture is placed in: on the cover (across the page and
        past its edges, its upper part), on a page of its own past every edge ("page"), alone
        on a photo page ("full"), one of two on a photo page ("pair"), a page of a scanned
        letter ("scan"), or in one of two columns ("half", no height set). Cover and page
        pictures fill their box (cropped to it); the others fit inside it."""
        wide = self.width + 2 * BLEED
        across = self.text_width - 2 * BODY_MARGIN  # the text pages' body keeps its margin
        return {"cover": (wide, self.cover_height + BLEED),
                "page": (wide, self.height + 2 * BLEED),
                "banner": (across, BANNER_HEIGHT), "proud": PROUD_BOX,
                "still": (self.still_width, STILL_HEIGHT),
                "full": (across, self.text_height - 30.0),
                "pair": (across, (self.text_height - 40.0) / 2),
                "scan": (across, SCAN_HEIGHT),
                "half": ((across - 5.0) / 2, None)}[placement]

    @property
    def cover_height(self) -> float:
        """How far down the front cover its photo comes (it also runs past the top edge)."""
        return self.height * 0.6

    @property
    def still_width(self) -> float:
        """A video's still in print: most of the recording's box (less its border and
        padding), leaving room beside it for the QR code."""
        return round(0.6 * (self.text_width - 2 * BODY_MARGIN - RECORDING_INSET), 2)

    def shown_width(self, placement: str, pixels_wide: int, pixels_high: int) -> float:
        """How many millimetres wide a picture of that shape prints where it is placed."""
        width, height = self.placed_box(placement)
        if height is None or pixels_wide <= 0 or pixels_high <= 0:
            return width
        at_full_height = height * pixels_wide / pixels_high
        filled = placement in FILLED
        return max(width, at_full_height) if filled else min(width, at_full_height)

    def print_width(self, placement: str, pixels_wide: int = 0, pixels_high: int = 0) -> int:
        """The width in pixels a picture of that shape needs to print at DPI where it is
        placed, and no more: every pixel past it makes the book bigger, not sharper."""
        return self.pixels(self.shown_width(placement, pixels_wide, pixels_high))

    def ppi(self, placement: str, pixels_wide: int, pixels_high: int) -> float:
        """The resolution a picture of that many pixels prints at where it is placed."""
        return pixels_wide * MM_PER_INCH / self.shown_width(placement, pixels_wide, pixels_high)

    @property
    def css(self) -> str:
        """The book's page rules: size, mirrored margins and (for a print shop) bleed, from
        these numbers; covers and full-page photos have no margin. Never CSS `marks`:
        WeasyPrint draws them inside its bleed, over the art (outputs/print_shop.py draws them
        outside it)."""
        shop = f" bleed: {self.bleed:g}mm;" if self.bleed else ""
        return (f"@page {{ size: {self.width:g}mm {self.height:g}mm;{shop} }}\n"
                f"@page :right {{ margin: {self.top:g}mm {self.outer:g}mm {self.bottom:g}mm "
                f"{self.inner:g}mm; }}\n"
                f"@page :left {{ margin: {self.top:g}mm {self.inner:g}mm {self.bottom:g}mm "
                f"{self.outer:g}mm; }}\n"
                "@page cover { margin: 0; }\n@page bleed { margin: 0; }")


    @property
    def blocks_css(self) -> str:
        """The sizes of the book's page-sized blocks, from these numbers: a drawing turned
        on its side, photo pages, and pictures that run past the page's edges.

        Those pictures start BLEED outside the page: past the body's margin too across the
        page, and at the top of the cover, where the body's top margin (collapsing with the
        picture's) would otherwise hold it 2 mm short of the bleed's edge.
        """
        text_w, text_h = self.text_width, self.text_height
        wide, tall = self.placed_box("page")
        cover_height = self.placed_box("cover")[1]  # with the bleed above the page
        edge = round(BLEED + BODY_MARGIN, 4)
        return (f".jb-turned {{ width: {text_w:g}mm; height: {text_h:g}mm; }}\n"
                f".jb-turned-inner {{ width: {text_h:g}mm; height: {text_w:g}mm; "
                f"transform: translate(0, {text_h:g}mm) rotate(-90deg); }}\n"
                f".jb-photo-page {{ height: {text_h - 1:g}mm; }}\n"
                f".jb-photos-one img {{ max-height: {self.placed_box('full')[1]:g}mm; }}\n"
                f".jb-photos-two img {{ max-height: {self.placed_box('pair')[1]:g}mm; }}\n"
                f".jb-scans img {{ max-height: {SCAN_HEIGHT:g}mm; }}\n"
                f".jb-bleed img, .jb-cover-photo {{ width: {wide:g}mm; max-width: none; "
                f"margin: -{BLEED:g}mm -{edge:g}mm 0; }}\n"
                f".jb-cover-photo {{ margin-top: -{edge:g}mm; }}\n"
                f".jb-bleed img {{ height: {tall:g}mm; }}\n"
                f".jb-cover-photo {{ height: {cover_height:g}mm; }}\n"
                f".jb-full-page {{ height: {self.height:g}mm; }}\n"
                f".jb-welcome .cover-photo img {{ height: {BANNER_HEIGHT:g}mm; }}\n"
                f".jb-proud-item img {{ max-width: {PROUD_BOX[0]:g}mm; "
                f"max-height: {PROUD_BOX[1]:g}mm; }}\n"
                f".jb-recording .jb-still {{ width: {self.still_width:g}mm; "
                f"max-height: {STILL_HEIGHT:g}mm; }}")


PAGES = {"A5": Page("A5", 148.0, 210.0), "A4": Page("A4", 210.0, 297.0)}


def page_for(paper: str, print_shop: bool = False, marks: bool = False) -> Page:
    """The page of a book printed on that paper ("A5" or "A4"); for a print shop, with a
    bleed, without the covers (a file of their own) and, when asked for, crop marks."""
    page = PAGES[paper]
    if not print_shop:
        return page
    return replace(page, bleed=BLEED, marks=marks, separate_cover=True)


# The spine of a print shop's softcover book, by Cloudprinter's published formula ("How to
# calculate spine width", docs.cloudprinter.com/client/how-to-calculate-spine-width):
#     spine (mm) = gsm x bulk x (pages / 2) / 1000 + 2 x cover thickness
# pages / 2 is the number of sheets; gsm x bulk / 1000 is one sheet's thickness (its caliper)
# in millimetres. The book is made for 150 gsm matt coated silk, a photo book's usual paper
# (bulk 0.90 in their table, so 0.135 mm a sheet), with a softcover (0.5 mm).
PAPER_GSM = 150.0
PAPER_BULK = 0.90
COVER_THICKNESS = 0.5
SPINE_TEXT_MIN = 6.0  # narrower, a spine's words would wander onto the covers when bound


def spine_width(pages: int, gsm: float = PAPER_GSM, bulk: float = PAPER_BULK,
                cover: float = COVER_THICKNESS) -> float:
    """The spine's width in millimetres for a book of that many inside pages, by the
    formula above (rounded to a hundredth of a millimetre)."""
    return round(gsm * bulk * (pages / 2) / 1000 + 2 * cover, 2)


@dataclass(frozen=True)
class CoverSpread:
    """A print shop's cover: back cover, spine and front cover on one sheet, with a bleed
    around it. In a book read right to left the front cover is on the left."""

    page: Page
    spine: float
    rtl: bool = False

    @property
    def width(self) -> float:
        """Its trimmed width: two covers and the spine (the bleed is around it)."""
        return 2 * self.page.width + self.spine

    @property
    def spine_text(self) -> bool:
        """Whether the spine is wide enough for the book's title."""
        return self.spine >= SPINE_TEXT_MIN

    @property
    def folds(self) -> tuple[float, float]:
        """Where the sheet folds, from its left edge: the spine's two edges."""
        return self.page.width, self.page.width + self.spine

    @property
    def css(self) -> str:
        """The sheet's page rule and where each part goes: the front cover's photo runs past
        the sheet's top and outer edge, never across the spine."""
        width, height, spine, bleed = self.page.width, self.page.height, self.spine, BLEED
        front, back = (0.0, width + spine) if self.rtl else (width + spine, 0.0)
        photo_left = -bleed if self.rtl else 0.0
        title_pt = min(14.0, spine * 0.45 / MM_PER_POINT)
        return (f"@page {{ size: {self.width:g}mm {height:g}mm; bleed: {bleed:g}mm; "
                "margin: 0; }\nhtml { margin: 0; }\nbody { margin: 0; page: cover; }\n"
                f".jb-spread-back, .jb-spread-spine, .jb-spread-front {{ position: absolute; "
                f"top: 0; height: {height:g}mm; box-sizing: border-box; color: white; "
                "text-align: center; }\n"
                ".jb-spread-back { padding-top: 150mm; }\n"  # where the book's back cover has them
                f".jb-spread-back {{ left: {back:g}mm; width: {width:g}mm; }}\n"
                f".jb-spread-spine {{ left: {width:g}mm; width: {spine:g}mm; }}\n"
                f".jb-spread-front {{ left: {front:g}mm; width: {width:g}mm; }}\n"
                f".jb-spread-photo {{ position: absolute; top: -{bleed:g}mm; "
                f"left: {photo_left:g}mm; width: {width + bleed:g}mm; "
                f"height: {self.page.cover_height + bleed:g}mm; "
                "object-fit: cover; }\n"
                f".jb-spread-words {{ padding-top: {self.page.cover_height:g}mm; }}\n"
                f".jb-spine-title {{ position: absolute; top: 0; left: {spine:g}mm; "
                f"width: {height:g}mm; height: {spine:g}mm; line-height: {spine:g}mm; "
                f"font-size: {title_pt:.2f}pt; transform-origin: 0 0; "
                "transform: rotate(90deg); margin: 0; text-align: center; "
                "white-space: nowrap; overflow: hidden; }")
