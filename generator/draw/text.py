"""How wide words are: measured with the theme's own font, so drawings wrap words instead of
cutting them and no label runs into a line.

Widths come from the font file the book prints with (Lato), with a margin for the screen,
where a browser may draw the same words a little wider.
"""

from __future__ import annotations

from functools import lru_cache

from PIL import ImageFont

from generator.core.paths import THEME

# The drawings' fonts: the theme's, with its fallbacks for names in other scripts
# (theme/css/fonts.css declares them for the book; the site's own CSS for the site).
FONT_FAMILY = "Lato, 'Noto Sans Arabic', 'Noto Sans Ethiopic', 'Noto Sans Symbols2', sans-serif"
SAFETY = 1.08  # a browser's rendering of the same font may run a few per cent wider
_MEASURE_SIZE = 100  # measure at a large size, then scale: fewer rounding errors


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    name = "Lato-Bold.ttf" if bold else "Lato-Regular.ttf"
    return ImageFont.truetype(str(THEME / "fonts" / name), _MEASURE_SIZE)


def width(text: str, size: float, bold: bool = False) -> float:
    """The width of text set at size (in drawing units), with the screen's safety margin."""
    return _font(bold).getlength(text) * size / _MEASURE_SIZE * SAFETY


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
