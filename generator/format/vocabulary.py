"""The case data's fixed words (consent, visibility, kinds of people, colours...): the values a
coordinator may write, as enums. They describe the format and carry no one's data, so every
stage may use them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Consent(StrEnum):
    given = "given"
    pending = "pending"
    refused = "refused"


class Visibility(StrEnum):
    shown = "shown"
    name_withheld = "name withheld"
    never_shown = "never shown"


class Sex(StrEnum):
    female = "female"
    male = "male"
    other = "other"
    unknown = "unknown"


class Kind(StrEnum):
    family = "family"
    carer = "carer"
    friend = "friend"
    professional = "professional"
    community = "community"


class Side(StrEnum):
    maternal = "maternal"
    paternal = "paternal"
    both = "both"
    none = "none"


class Closeness(StrEnum):
    very_close = "very close"
    close = "close"
    in_touch = "in touch"
    not_in_touch = "not in touch"


class Tie(StrEnum):
    strong = "strong"
    tenuous = "tenuous"
    stressful = "stressful"


class Support(StrEnum):
    to_me = "to me"
    from_me = "from me"
    both_ways = "both ways"


class UnionKind(StrEnum):
    married = "married"
    civil_partnership = "civil partnership"
    cohabiting = "living together"
    partners = "partners"


class UnionEnd(StrEnum):
    separated = "separated"
    divorced = "divorced"
    widowed = "widowed"


class CareKind(StrEnum):
    foster = "foster"
    adoptive = "adoptive"
    kinship = "kinship"
    special_guardian = "special guardian"
    residential = "residential"


class Feeling(StrEnum):
    close = "close"
    distant = "distant"
    conflict = "conflict"
    cut_off = "cut off"


class Placement(StrEnum):
    open = "open"
    confidential = "confidential"


class Screen(StrEnum):
    """Light or dark pages on a screen; auto follows the phone's own setting."""

    auto = "auto"
    light = "light"
    dark = "dark"


class PaperSize(StrEnum):
    A5 = "A5"
    A4 = "A4"


class Colour(StrEnum):
    """The colours of Material for MkDocs; the book uses the same ones."""

    red = "red"
    pink = "pink"
    purple = "purple"
    deep_purple = "deep purple"
    indigo = "indigo"
    blue = "blue"
    light_blue = "light blue"
    cyan = "cyan"
    teal = "teal"
    green = "green"
    light_green = "light green"
    lime = "lime"
    amber = "amber"
    orange = "orange"
    deep_orange = "deep orange"
    brown = "brown"
    blue_grey = "blue grey"


@dataclass(frozen=True)
class Shades:
    """One colour as the book uses it, every pair readable (WCAG AA, 4.5:1 and more).

    header/on_header: the site's top bar and its text (bright, with dark text, where white text
    would not be readable on it). ink: headings, links, lines and the book's coloured pages, on
    white. glow: the same on the dark screen.
    """

    header: str
    on_header: str
    ink: str
    glow: str


WHITE, NEAR_BLACK = "#ffffff", "#1b1b1b"
# Material Design's shades of each colour (800-900 for ink, 200 for glow), with three inks
# darkened further: lime, amber and orange have no Material shade readable on white.
SHADES = {
    Colour.red: Shades("#c62828", WHITE, "#c62828", "#ef9a9a"),
    Colour.pink: Shades("#ad1457", WHITE, "#ad1457", "#f48fb1"),
    Colour.purple: Shades("#6a1b9a", WHITE, "#6a1b9a", "#ce93d8"),
    Colour.deep_purple: Shades("#4527a0", WHITE, "#4527a0", "#b39ddb"),
    Colour.indigo: Shades("#283593", WHITE, "#283593", "#9fa8da"),
    Colour.blue: Shades("#1565c0", WHITE, "#1565c0", "#90caf9"),
    Colour.light_blue: Shades("#01579b", WHITE, "#01579b", "#81d4fa"),
    Colour.cyan: Shades("#006064", WHITE, "#006064", "#80deea"),
    Colour.teal: Shades("#00695c", WHITE, "#00695c", "#80cbc4"),
    Colour.green: Shades("#2e7d32", WHITE, "#2e7d32", "#a5d6a7"),
    Colour.light_green: Shades("#33691e", WHITE, "#33691e", "#c5e1a5"),
    Colour.lime: Shades("#c0ca33", NEAR_BLACK, "#5c6300", "#e6ee9c"),
    Colour.amber: Shades("#ffb300", NEAR_BLACK, "#8a5300", "#ffe082"),
    Colour.orange: Shades("#fb8c00", NEAR_BLACK, "#a84300", "#ffcc80"),
    Colour.deep_orange: Shades("#bf360c", WHITE, "#bf360c", "#ffab91"),
    Colour.brown: Shades("#4e342e", WHITE, "#4e342e", "#bcaaa4"),
    Colour.blue_grey: Shades("#37474f", WHITE, "#37474f", "#b0bec5"),
}
# The book and the drawings use the ink, so they match the site the young person chose.
COLOUR_HEX = {colour: shades.ink for colour, shades in SHADES.items()}
DEFAULT_COLOUR = COLOUR_HEX[Colour.teal]

