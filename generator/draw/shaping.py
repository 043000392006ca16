"""Right-to-left words in the printed drawings, made ready for WeasyPrint.

WeasyPrint draws an SVG <text> one letter at a time, left to right, in the order the letters are
stored (weasyprint/svg/text.py): it neither joins Arabic letters nor turns right-to-left words
round, so "قريب" would print as four loose letters, backwards. Browsers do both, so the site's
drawings keep their words as written; the book's drawings (`printable`) get each line of Arabic
script in the order it is seen (the Unicode Bidirectional Algorithm's rules for one line with no
embeddings) and in the joined forms Unicode keeps for that (Arabic Presentation Forms, which the
theme's Noto Sans Arabic draws). Vowel marks are left out: drawn alone they would show as marks
on dotted circles, and the words read without them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from html import escape, unescape

ALEFS = "\u0622\u0623\u0625\u0627"  # alef, and alef with madda or hamza: lam-alef ligatures
LAM = "\u0644"
MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
_DIRECTION = re.compile(r'\bdirection="(ltr|rtl)"')


def printable(svg: str) -> str:
    """The SVG with every line of right-to-left script in the order and the joined forms it is
    seen in; a line with none is left exactly as it was."""
    def line(match: re.Match[str]) -> str:
        start, words, end = match.groups()
        if not any(_strength(c) == "R" for c in unescape(words)):
            return match.group(0)
        said = _DIRECTION.search(start)
        rtl = said is not None and said.group(1) == "rtl"
        return start + escape(visual(joined(unescape(words)), rtl), quote=False) + end
    return _TEXT.sub(line, svg)


# -- joining: each letter in the form it takes between its neighbours -----------------------

@cache
def _forms() -> dict[tuple[str, str], str]:
    """(letter, form) to its presentation form, form being isolated, final, initial or medial;
    (lam and alef, form) to their ligature. Read from Unicode's own decompositions."""
    found: dict[tuple[str, str], str] = {}
    for code in [*range(0xFE70, 0xFF00), *range(0xFB50, 0xFE00)]:  # Forms-B, the usual, first
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) >= 2 and parts[0] in ("<isolated>", "<final>", "<initial>", "<medial>"):
            letters = "".join(chr(int(part, 16)) for part in parts[1:])
            found.setdefault((letters, parts[0][1:-1]), chr(code))
    return found


def _joining(character: str) -> str:
    """D for a letter that joins on both sides, R for one that joins only to the letter
    before it (alef, dal, reh, waw...), U for anything else."""
    if character == "\u0640":  # tatweel, the joining stroke itself
        return "D"
    forms = _forms()
    if (character, "initial") in forms or (character, "medial") in forms:
        return "D"
    return "R" if (character, "final") in forms else "U"


def _mark(character: str) -> bool:
    """An Arabic-script vowel or other mark, which rides on the letter before it."""
    return unicodedata.category(character) == "Mn" and (
        0x0600 <= ord(character) <= 0x08FF)


def joined(text: str) -> str:
    """The text with each Arabic-script letter in its joined form, marks left out."""
    letters = [c for c in text if not _mark(c)]
    forms = _forms()
    out: list[str] = []
    i = 0
    while i < len(letters):
        letter = letters[i]
        after = letters[i + 1] if i + 1 < len(letters) else ""
        joins_before = i > 0 and _joining(letters[i - 1]) == "D" and _joining(letter) != "U"
        if letter == LAM and after and after in ALEFS:
            ligature = forms.get((letter + after, "final" if joins_before else "isolated"))
            if ligature:
                out.append(ligature)
                i += 2
                continue
        joins_after = _joining(letter) == "D" and after != "" and _joining(after) != "U"
        form = {(True, True): "medial", (True, False): "final", (False, True): "initial",
                (False, False): "isolated"}[(joins_before, joins_after)]
        out.append(forms.get((letter, form)) or forms.get((letter, "isolated")) or letter)
        i += 1
    return "".join(out)


# -- ordering: one line, as the Unicode Bidirectional Algorithm lays it out ----------------

def _strength(character: str) -> str:
    """L, R (Hebrew and Arabic letters), EN, AN (numbers), or N (anything else)."""
    kind = unicodedata.bidirectional(character)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN", "AN"):
        return kind
    return "N"


def _kinds(text: str, rtl: bool) -> list[str]:
    """Each character's resolved kind: L or R, or a number (EN, AN), neutrals taking the
    direction of the letters round them (rules W2, W7, N1 and N2, simplified)."""
    kinds, last_strong = [], "R" if rtl else "L"
    for character in text:
        kind = _strength(character)
        if unicodedata.bidirectional(character) == "AL":
            last_strong = "AL"
        elif kind in ("L", "R"):
            last_strong = kind
        if kind == "EN" and last_strong == "AL":
            kind = "AN"  # W2: a European number after Arabic letters is an Arabic number
        elif kind == "EN" and last_strong == "L":
            kind = "L"  # W7
        kinds.append(kind)
    base = "R" if rtl else "L"
    i = 0
    while i < len(kinds):
        if kinds[i] != "N":
            i += 1
            continue
        end = i
        while end < len(kinds) and kinds[end] == "N":
            end += 1
        before = _direction_of(kinds[i - 1]) if i > 0 else base
        after = _direction_of(kinds[end]) if end < len(kinds) else base
        kinds[i:end] = [before if before == after else base] * (end - i)
        i = end
    return kinds


def _direction_of(kind: str) -> str:
    return "L" if kind == "L" else "R"  # numbers count as right to left among neutrals (N1)


def visual(text: str, rtl: bool) -> str:
    """The characters of one line in the order they are seen from left to right; rtl is
    the line's own direction (the book's, or a name's first letter's).

    A bracket is turned round where its level's direction is not the line's: WeasyPrint lays
    out each letter alone in the line's direction, and so already turns a bracket in a
    right-to-left line."""
    base = 1 if rtl else 0
    levels = []
    for kind in _kinds(text, rtl):
        if base % 2 == 0:
            levels.append(base + {"L": 0, "R": 1}.get(kind, 2))  # I1
        else:
            levels.append(base + (0 if kind == "R" else 1))  # I2
    order = list(range(len(text)))
    for level in range(max(levels, default=0), 0, -1):  # L2: turn each run round
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            end = i
            while end < len(order) and levels[order[end]] >= level:
                end += 1
            order[i:end] = order[i:end][::-1]
            i = end
    return "".join(MIRRORED.get(text[k], text[k]) if levels[k] % 2 != base else text[k]
                   for k in order)
