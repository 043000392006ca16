"""How wide words are: measured with the theme's own font, so drawings wrap words instead of
cutting them and no label runs into a line.

Widths come from the font file the book prints with (Lato; Noto Sans Arabic for the Arabic
script, shaped as it is drawn), with a margin for the screen, where a browser may draw the same
words a little wider.
"""

from __future__ import annotations

from functools import cache, lru_cache
from itertools import groupby

from fontTools.ttLib import TTFont
from PIL import ImageFont

from generator.core import words
from generator.core.paths import THEME

# The drawings' fonts: the theme's, with its fallbacks for names in other scripts
# (theme/css/fonts.css declares them for the book; the site's own CSS for the site). No space
# after the commas: WeasyPrint's SVG reader takes the quotes off before the spaces, and would
# look for a family named " 'Noto Sans Arabic" (then print Arabic in a machine's font).
FONT_FAMILY = "Lato,'Noto Sans Arabic','Noto Sans Ethiopic','Noto Sans Symbols2',sans-serif"
SAFETY = 1.08  # a browser's rendering of the same font may run a few per cent wider
_MEASURE_SIZE = 100  # measure at a large size, then scale: fewer rounding errors


@lru_cache(maxsize=4)
def _font(bold: bool, family: str = "Lato") -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(THEME / "fonts" / _FILES[family][bold]), _MEASURE_SIZE)


_FILES = {"Lato": {False: "Lato-Regular.ttf", True: "Lato-Bold.ttf"},
          "Noto Sans Arabic": {False: "NotoSansArabic-Regular.ttf",
                               True: "NotoSansArabic-Bold.ttf"}}


@cache
def _letters(family: str) -> frozenset[int]:
    """The characters a font of the drawings has."""
    return frozenset(TTFont(THEME / "fonts" / _FILES[family][False]).getBestCmap())


def _family(character: str) -> str:
    """The font a character is drawn in: Lato, or (as FONT_FAMILY falls back) Noto Sans
    Arabic for the Arabic script, which Lato lacks."""
    code = ord(character)
    if code in _letters("Lato") or code not in _letters("Noto Sans Arabic"):
        return "Lato"
    return "Noto Sans Arabic"


def width(text: str, size: float, bold: bool = False) -> float:
    """The width of text set at size (in drawing units), with the screen's safety margin:
    each run of it in the font it is drawn in."""
    runs = [(family, "".join(run)) for family, run in groupby(text, _family)]
    if len(runs) == 1 and runs[0][0] == "Lato":  # Latin, most words: as it always was
        return _font(bold).getlength(text) * size / _MEASURE_SIZE * SAFETY
    length = sum(_font(bold, family).getlength(run) for family, run in runs)
    return length * size / _MEASURE_SIZE * SAFETY


def anchored(line: str, edge: str, rtl: bool) -> str:
    """The SVG attributes that put a line's left end, middle or right end (edge: left, middle,
    right) at its x. In a book written right to left they say the line's direction too (its
    own, from its first letter with one; else the book's): a browser takes the direction from
    the page round the drawing, and start and end swap with it."""
    if not rtl:
        return {"left": "", "middle": ' text-anchor="middle"', "right": ' text-anchor="end"'}[edge]
    direction = words.text_direction(line)
    direction = "rtl" if direction == "auto" else direction
    anchor = "middle" if edge == "middle" else (
        "start" if (edge == "left") == (direction == "ltr") else "end")
    return f' direction="{direction}" text-anchor="{anchor}"'


def wrapped(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """text broken into lines no wider than room, at spaces; a word too long for a line of
    its own is broken inside (never cut off, never left running over)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if width(candidate, size, bold) <= room:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while width(word, size, bold) > room and len(word) > 1:
            cut = max(1, max(n for n in range(1, len(word) + 1)
                             if width(word[:n], size, bold) <= room or n == 1))
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]
