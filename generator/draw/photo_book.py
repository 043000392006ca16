"""The photo pages of the printed book, laid out as a photo book is: one or two large photos to a
page, chosen from their shapes, and now and then one photo to the page's edges.

Layouts (each a page of its own):
- "bleed": one upright photo filling the whole page, past its edges (only when it has the
  pixels for it, and at most every BLEED_EVERY pages);
- "one": one photo as large as the text area allows (an upright photo, or a landscape one
  with no other to pair it with);
- "two": two landscape photos, one above the other, each across the text.

Also here: which placed pictures are too small to print sharply, for `check` to say.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.core.errors import Problem
from generator.core.geometry import DPI, Page

BLEED_EVERY = 4  # at most one full-page photo in this many photo pages
UPRIGHT = 1.1  # height / width above this is an upright (portrait) photo
SHARP_ENOUGH = 0.95  # of DPI: a picture a few pixels short of it prints no softer to the eye


@dataclass(frozen=True)
class Slot:
    """A page of the photo chapter: its layout and the photos on it, by their index."""

    layout: str  # bleed, one, two
    photos: tuple[int, ...]

    @property
    def placement(self) -> str:
        """Where media must size these photos for (see core/geometry.Page.placed_box)."""
        return {"bleed": "page", "one": "full", "two": "pair"}[self.layout]


def photo_slots(shapes: list[tuple[int, int]], page: Page) -> list[Slot]:
    """Lay out photos of these (width, height) pixel sizes, keeping their order except that a
    landscape photo may wait for the next landscape one to share its page."""
    slots: list[Slot] = []
    waiting: int | None = None  # a landscape photo waiting for a partner
    since_bleed = BLEED_EVERY
    for index, (width, height) in enumerate(shapes):
        if height > width * UPRIGHT:
            if since_bleed >= BLEED_EVERY and page.ppi("page", width, height) >= DPI:
                slots.append(Slot("bleed", (index,)))
                since_bleed = 0
            else:
                slots.append(Slot("one", (index,)))
        elif waiting is None:
            waiting = index
            continue
        else:
            slots.append(Slot("two", (waiting, index)))
            waiting = None
        since_bleed += 1
    if waiting is not None:
        slots.append(Slot("one", (waiting,)))
    return sorted(slots, key=lambda slot: slot.photos[0])


class Placed(Protocol):
    source: Path | None
    width: int
    height: int
    placement: str
    left_out: str


def too_small_for_print(pictures: list[Placed], page: Page) -> list[Problem]:
    """A warning for every picture that prints at less than DPI where the book places it,
    saying how many pixels it would need."""
    problems, seen = [], set()
    for picture in pictures:
        if picture.source is None or picture.left_out or (picture.source, picture.placement) in seen:
            continue
        seen.add((picture.source, picture.placement))
        ppi = page.ppi(picture.placement, picture.width, picture.height)
        if ppi >= DPI * SHARP_ENOUGH:
            continue
        width, height = page.placed_box(picture.placement)
        size = f"{width:.0f} x {height:.0f} mm" if height else f"{width:.0f} mm wide"
        where = {"cover": "on the cover", "page": "on a page of its own",
                 "full": "on a photo page", "pair": "one of two on a photo page",
                 "scan": "as a page of a letter", "half": "in a column"}[picture.placement]
        needed = round(picture.width * DPI / ppi)
        problems.append(Problem(
            picture.source,
            f"this picture is {picture.width} x {picture.height} pixels: {where} ({size}) it "
            f"prints at {ppi:.0f} pixels an inch and will look soft; a sharp print needs {DPI}",
            f"use the original photo, at least {needed} pixels wide, if there is one",
            warning=True))
    return problems
