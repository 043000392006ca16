"""The case data's fixed words (consent, visibility, kinds of people, colours...): the values a
coordinator may write, as enums. They describe the format and carry no one's data, so every
stage may use them."""

from __future__ import annotations

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


# Material for MkDocs' palette, so the book and the drawings match the site they chose.
COLOUR_HEX = {
    Colour.red: "#e53935", Colour.pink: "#d81b60", Colour.purple: "#8e24aa",
    Colour.deep_purple: "#5e35b1", Colour.indigo: "#3949ab", Colour.blue: "#1e88e5",
    Colour.light_blue: "#039be5", Colour.cyan: "#00acc1", Colour.teal: "#00897b",
    Colour.green: "#43a047", Colour.light_green: "#7cb342", Colour.lime: "#c0ca33",
    Colour.amber: "#ffb300", Colour.orange: "#fb8c00", Colour.deep_orange: "#f4511e",
    Colour.brown: "#6d4c41", Colour.blue_grey: "#546e7a",
}
DEFAULT_COLOUR = COLOUR_HEX[Colour.teal]

# The pictures a journey may hold (photos, scans of letters), by their file name's ending.
PICTURE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".heic",
                              ".heif"})
