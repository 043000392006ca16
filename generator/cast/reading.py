"""One reading of every text: what a reader sees, written one plain way, for every screen.

A name or a number can be written in many ways that read the same: 𝐌𝐚𝐫𝐤, ᴍᴀʀᴋ, Ⓜⓐⓡⓚ, 🅼🅰🆁🅺,
Mа\u200brk (a Cyrillic а and an invisible space), ０７７００, ٠٧٧٠٠ and ۰۷۷۰۰ (Arabic and Persian
digits), "kev＠example。org", a string typed backwards inside a right-to-left override that
*displays* forwards, or a number said aloud ("oh seven seven double oh..."). Every screen (the
cast's and the release gate's, for names and for contact details) reads text only through
`readings()`, so a new way of writing the same thing is closed here, once, for all of them,
not with one more pattern in each.

The reading of a text (`reading()`):
1. Unicode compatibility normalisation (NFKC): full-width, mathematical, circled, squared,
   superscript and ligature forms become plain letters, digits and punctuation;
2. letters NFKC leaves alone that read as a Latin letter: small capitals, negative circled and
   squared letters, regional indicator letters (the "emoji letters"), and, inside a word that
   mixes them with Latin letters, look-alikes from other scripts (UTS #39's confusables, by
   ICU: the Cyrillic а of "Mаrk");
3. digits of every script (Arabic-Indic, Persian, Devanagari, full-width...) as 0-9, and the
   dots and "at" signs of other scripts and widths as . and @;
4. format characters removed: LRM, RLM, zero-width spaces and joiners, word joiner, soft
   hyphen, tatweel, the combining grapheme joiner, variation selectors, tag characters.

`readings()` also gives, where they differ, the text as displayed (a bidi override's run in
the order a reader sees it) and the text with numbers said in words or typed with look-alike
letters written as digits ("oh seven seven double oh" -> "0 7 7 00"; "O77OO" -> "07700").
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache

try:  # ICU's confusable skeletons (pyicu-wheels ships ICU in the wheel).
    import icu

    _SPOOF = icu.SpoofChecker()
except ImportError:  # pragma: no cover - a declared dependency
    _SPOOF = None

# Bidi controls: embeddings and overrides end with PDF, isolates with PDI.
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_OPENERS = {LRE, RLE, LRO, RLO, LRI, RLI, FSI}
_CLOSERS = {PDF, PDI}

# Invisible characters that are not in category Cf: the combining grapheme joiner, variation
# selectors, Hangul and Mongolian fillers, Khmer inherent vowels, tatweel (Arabic's stretch).
_INVISIBLE = set("\u034f\u0640\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
                 "\u3164\uffa0\u2800") | {chr(c) for c in range(0xFE00, 0xFE10)} \
    | {chr(c) for c in range(0xE0100, 0xE01F0)}
# Punctuation of other scripts and widths NFKC keeps: a dot and an at sign to a reader.
_PUNCTUATION = str.maketrans({
    "\u3002": ".", "\uff61": ".", "\u06d4": ".", "\u0589": ".", "\u1362": ".", "\u2024": ".",
    "\u00b7": ".", "\u2022": ".", "\u30fb": ".", "\u066b": ".", "\u066c": ",", "\u060c": ",",
    "\u3001": ",", "\u2027": ".", "\u2e31": ".", "\u16eb": ".", "\u0701": ".", "\u0702": ".",
    "\u2e3c": ".", "\u2e33": ".", "\u02d9": ".", "\u0387": ".", "\ua4f8": ".",
})
# A Unicode character name that says "this reads as the Latin letter X".
# (Turned, reversed, inverted, barred and open small capitals pass for the letter in the "fancy
# text" that sites make to get round filters: ᴎ for N.)
_LETTER_NAME = re.compile(
    r"(?:LATIN LETTER SMALL CAPITAL|NEGATIVE (?:CIRCLED|SQUARED) LATIN CAPITAL LETTER|"
    r"REGIONAL INDICATOR SYMBOL LETTER|CIRCLED LATIN (?:CAPITAL|SMALL) LETTER|"
    r"SQUARED LATIN (?:CAPITAL|SMALL) LETTER|PARENTHESIZED LATIN (?:CAPITAL|SMALL) LETTER|"
    r"LATIN SUBSCRIPT SMALL LETTER|MODIFIER LETTER (?:CAPITAL|SMALL)|"
    r"MATHEMATICAL \w+ SMALL DOTLESS)"
    r" (?:(?:TURNED|REVERSED|INVERTED|BARRED|OPEN) )?([A-Z])$")
# Scripts whose letters are mapped to the Latin letter they look like inside a mixed word.
_LOOK_ALIKE_BLOCKS = ((0x0250, 0x02FF), (0x0370, 0x052F), (0x0530, 0x058F), (0x13A0, 0x13FF),
                      (0x1D00, 0x1DBF), (0x2100, 0x214F), (0xA4D0, 0xA4FF), (0xAB70, 0xABBF),
                      (0x10400, 0x1044F), (0x16F00, 0x16F9F), (0x0100, 0x024F))


@cache
def _letters() -> dict[int, str]:
    """Characters that read as a Latin letter or digit and that NFKC does not fold: small
    capitals, negative and regional-indicator ("emoji") letters, and every digit of another
    script (Arabic-Indic ٥, Persian ۵, Devanagari ५, ...) as 0-9."""
    table: dict[int, str] = {}
    for code in range(0x80, 0x20000):
        char = chr(code)
        if unicodedata.category(char) == "Nd":
            table[code] = str(unicodedata.decimal(char))
            continue
        match = _LETTER_NAME.match(unicodedata.name(char, ""))
        if match:
            small = "SMALL" in match.group(0)  # a small capital reads as a small letter
            table[code] = match.group(1).lower() if small else match.group(1)
    return table


@cache
def _look_alikes() -> dict[int, str]:
    """Letters of other scripts that look like one Latin letter (UTS #39 skeletons): used only
    inside a word that also has Latin letters, since in its own script a letter is itself."""
    table: dict[int, str] = {}
    if _SPOOF is None:
        return table
    for low, high in _LOOK_ALIKE_BLOCKS:
        for code in range(low, high + 1):
            char = chr(code)
            if not char.isalpha():
                continue
            skeleton = _SPOOF.getSkeleton(0, char)
            plain = unicodedata.normalize("NFKD", skeleton)
            plain = "".join(c for c in plain if not unicodedata.combining(c))
            if len(plain) == 1 and plain.isascii() and plain.isalnum():
                table[code] = plain
    return table


def _invisible(char: str) -> bool:
    return char in _INVISIBLE or unicodedata.category(char) == "Cf"


def displayed(text: str) -> str:
    """The text in the order a reader sees it where a bidi override turns it round.

    Inside a right-to-left override (RLO ... PDF) letters are laid out from the right: a reader
    of Latin letters or digits sees them backwards, so "\u202ekram\u202c" reads "mark". Inside a
    left-to-right override, Arabic or Hebrew letters are shown backwards the same way. A run
    whose letters the override does not turn (Arabic in RLO) is left as it is.
    """
    if not any(c in _OPENERS for c in text):
        return text
    out: list[str] = []
    stack: list[tuple[str, list[str]]] = []
    for char in text:
        if char in _OPENERS:
            stack.append((char, out))
            out = []
        elif char in _CLOSERS and stack:
            opener, outer = stack.pop()
            outer.extend(_turned(opener, out))
            out = outer
        else:
            out.append(char)
    while stack:  # an override never closed runs to the end of the paragraph
        opener, outer = stack.pop()
        outer.extend(_turned(opener, out))
        out = outer
    return "".join(out)


def _turned(opener: str, run: list[str]) -> list[str]:
    if opener == RLO and not _mostly_rtl(run):
        return run[::-1]
    if opener == LRO and _mostly_rtl(run):
        return run[::-1]
    return run


def _mostly_rtl(run: list[str]) -> bool:
    strong = [unicodedata.bidirectional(c) for c in run
              if unicodedata.bidirectional(c) in {"L", "R", "AL"}]
    return sum(b != "L" for b in strong) > len(strong) / 2


def reading(text: str) -> str:
    """The text as one plain reading (see the module's doc); case is kept."""
    if not text:
        return ""
    text = unmarked(text)
    if text.isascii() and text.isprintable():
        return text
    # Letters first: NFKC would make "⒦" the three characters "(k)".
    text = unicodedata.normalize("NFKC", displayed(text).translate(_letters()))
    text = "".join(c for c in text if not _invisible(c))
    text = text.translate(_letters()).translate(_PUNCTUATION)
    text = unicodedata.normalize("NFKC", text)
    return _MIXED_WORD.sub(_unmixed, text)


_BLOCK_TAG = re.compile(r"</?(?:p|br|div|li|ul|ol|h\d|tr|td|th|table|blockquote|hr)\b[^>]*>",
                        re.IGNORECASE)
_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def unmarked(text: str) -> str:
    """The text as a page shows it: character references ("&#105;", "&amp;") as characters,
    and HTML tags gone, a paragraph or line break as a space, a tag inside a word as nothing
    ("Kev<b>in</b>" shows "Kevin"). Plain text is left as it is."""
    if "&" not in text and "<" not in text:
        return text
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", text))
    return html.unescape(text)


# A run of three or more single letters or digits, one separator between each: "K e v i n",
# "K.e.v.i.n", "K-e-v-i-n", "K*e*v*i*n".
_SPACED = re.compile(r"(?<![\w])(?:\w[ .\-*_·/|]){2,}\w(?![\w])")


_NATO_WORDS = ("alpha alfa bravo charlie delta echo foxtrot golf hotel india juliet juliett kilo "
               "lima mike november oscar papa quebec romeo sierra tango uniform victor whiskey "
               "whisky xray x-ray yankee zulu")
_NATO = {word: word[0] for word in _NATO_WORDS.split(" ")}
_NATO_ANY = "|".join(re.escape(w) for w in sorted(_NATO, key=len, reverse=True))
_NATO_RUN = re.compile(rf"(?i)\b(?:(?:{_NATO_ANY})\b[\s,.-]*){{3,}}")


def joined(text: str) -> str:
    """The text with letters spelled out one by one written together ("C-r-a-i-g" and
    "Charlie Romeo Alpha India Golf" read "Craig") and a word broken at the end of a line by
    a hyphen joined again."""
    text = re.sub(r"(\w)-[ \t]*\r?\n[ \t]*(\w)", r"\1\2", text)
    text = _NATO_RUN.sub(lambda m: "".join(_NATO[w.lower()] for w in re.findall(
        r"[A-Za-z-]+", m.group()) if w.lower() in _NATO) + " ", text)
    return _SPACED.sub(lambda m: re.sub(r"[ .\-*_·/|]", "", m.group()), text)


# Letters turned upside down, as "flip text" sites write them: "ƃıɐɹƆ" is "Craig" backwards.
_TURNED = str.maketrans({
    "ɐ": "a", "q": "b", "ɔ": "c", "p": "d", "ǝ": "e", "ɟ": "f", "ƃ": "g", "ɥ": "h", "ı": "i",
    "ɾ": "j", "ʞ": "k", "ɯ": "m", "u": "n", "d": "p", "b": "q", "ɹ": "r", "ʇ": "t", "n": "u",
    "ʌ": "v", "ʍ": "w", "ʎ": "y", "∀": "A", "ᗺ": "B", "Ɔ": "C", "ᗡ": "D", "Ǝ": "E", "Ⅎ": "F",
    "⅁": "G", "ſ": "J", "ꓘ": "K", "˥": "L", "W": "M", "Ԁ": "P", "ᴚ": "R", "┴": "T", "∩": "U",
    "Λ": "V", "M": "W", "⅄": "Y", "˙": ".", "¡": "!", "¿": "?", "'": ",", ",": "'"})
_TURNED_ONLY = set("ɐɔǝɟƃɥɾʞɯɹʇʌʍʎ∀ᗺƆᗡƎℲ⅁ꓘ˥ԀᴚŊ┴∩Λ⅄")


def upside_down(text: str) -> str:
    """Text written upside down ("ʞɔıʍuǝℲ ƃıɐɹƆ") as it reads turned the right way up, or the
    text itself when it has no letter only upside-down writing uses."""
    if not any(c in _TURNED_ONLY for c in text):
        return text
    return "\n".join(line.translate(_TURNED)[::-1] for line in text.splitlines())


_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a",
                       "$": "s", "|": "l"})
_LEET_WORD = re.compile(r"\b[A-Za-z]+(?:[013457@$|]+[A-Za-z]+)+\b|\b[A-Z]+l[A-Zl]*\b")


def letters_for_digits(text: str) -> str:
    """The text with a word's digits written for letters read as the letters ("K3vin",
    "M4rsh", "K3V1N" read "Kevin", "Marsh", "KEVIN") and a small l among capitals as the I it
    passes for ("KEVlN")."""
    def plain(match: re.Match[str]) -> str:
        word = match.group()
        if word.replace("l", "").isupper():  # capitals: their digits stand for capitals too
            return word.replace("l", "I").translate(_LEET).upper()
        return word.translate(_LEET)
    return _LEET_WORD.sub(plain, text)


# A word holding a Latin letter and a non-ASCII letter: a look-alike may be hiding in it.
_MIXED_WORD = re.compile(r"\w*[A-Za-z]\w*[^\x00-\x7f\W]\w*|\w*[^\x00-\x7f\W]\w*[A-Za-z]\w*")


def _unmixed(match: re.Match[str]) -> str:
    word = match.group()
    table = _look_alikes()
    return "".join(table.get(ord(c), c) for c in word)


# --- Numbers said in words, or typed with letters -------------------------------------------

_DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "naught": "0", "nil": "0",
                "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9"}
_TEENS = {"ten": "10", "eleven": "11", "twelve": "12", "thirteen": "13", "fourteen": "14",
          "fifteen": "15", "sixteen": "16", "seventeen": "17", "eighteen": "18",
          "nineteen": "19"}
_TENS = {"twenty": "2", "thirty": "3", "forty": "4", "fifty": "5", "sixty": "6",
         "seventy": "7", "eighty": "8", "ninety": "9"}
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
_SCALES = {"hundred": "00", "thousand": "000"}
# Digits said in the languages of the young people journeybook is used with (French, German,
# Spanish, Polish, Romanian, Turkish, Arabic, Persian and Dari, Urdu), folded as fold() does.
_MORE_DIGIT_WORDS = {
    "0": "zero zéro cero null sifir sıfır صفر",
    "1": "un une uno eins jeden unu bir واحد یک ایک",
    "2": "deux dos zwei dwa doi iki اثنان اثنين دو",
    "3": "trois tres drei trzy trei üç ثلاثة سه تین",
    "4": "quatre cuatro vier cztery patru dört أربعة اربعة چهار چار",
    "5": "cinq cinco fünf pięć cinci beş خمسة پنج",
    "6": "six seis sechs sześć șase altı ستة شش چھ",
    "7": "sept siete sieben siedem șapte yedi سبعة هفت سات",
    "8": "huit ocho acht osiem opt sekiz ثمانية هشت آٹھ",
    "9": "neuf nueve neun dziewięć nouă dokuz تسعة نه نو",
}
_DIGIT_WORDS.update({word: digit for digit, words in _MORE_DIGIT_WORDS.items()
                     for word in words.split()})
_NUMBER_TOKEN = re.compile(r"\+|[0-9OoIl|]*[0-9][0-9OoIl|]*|[^\W\d_]+")
_JOINERS = re.compile(r"^[\s,;:.()\-–/،]*(?:(?:and|then|و)[\s,;:.()\-–/،]+)?$", re.IGNORECASE)


def spoken(text: str) -> str:
    """The text with numbers said in words, or typed with look-alike letters, as digits.

    "oh seven seven double oh, nine hundred, one two three" -> "0 7 7 00 900 1 2 3": a run
    of number words counts when it starts with a nought or "plus" (as a phone number said
    aloud does), or when it makes nine digits or more. Inside a group of digits,
    O and o are 0 and I, l and | are 1 ("O77OO 9OO l23").
    """
    tokens = list(_NUMBER_TOKEN.finditer(text))
    pieces: list[str] = []
    at = 0
    index = 0
    while index < len(tokens):
        run, end_index = _number_run(text, tokens, index)
        if run is None:
            index += 1
            continue
        start, end = tokens[index].start(), tokens[end_index - 1].end()
        pieces += [text[at:start], run]
        at = end
        index = end_index
    pieces.append(text[at:])
    return "".join(pieces)


def _number_run(text: str, tokens: list[re.Match[str]], index: int
                ) -> tuple[str | None, int]:
    """The digits of the run of number tokens starting at index (None if it is no number),
    and the index after it."""
    groups: list[str] = []
    words = 0
    pending_repeat = 1
    i = index
    while i < len(tokens):
        token = tokens[i].group()
        if i > index and not _JOINERS.match(text[tokens[i - 1].end():tokens[i].start()]):
            break
        lower = token.lower()
        if token == "+" or lower == "plus":
            if i != index:
                break
            groups.append("+")
        elif lower in _REPEATS:
            pending_repeat = _REPEATS[lower]
            words += 1
        elif lower in _DIGIT_WORDS and (lower != "o" or i > index or
                                        _next_is_number(tokens, i)):
            groups.append(_DIGIT_WORDS[lower] * pending_repeat)
            pending_repeat, words = 1, words + 1
        elif lower in _TEENS:
            groups.append(_TEENS[lower])
            words += 1
        elif lower in _TENS:
            following = tokens[i + 1].group().lower() if i + 1 < len(tokens) else ""
            if following in _DIGIT_WORDS and following not in {"oh", "o", "zero", "nought"}:
                groups.append(_TENS[lower] + _DIGIT_WORDS[following])
                i += 1
            else:
                groups.append(_TENS[lower] + "0")
            words += 1
        elif lower in _SCALES and groups and groups[-1][-1:].isdigit():
            groups[-1] += _SCALES[lower]
            words += 1
        elif token[:1].isdigit() or (token[:1] in "OoIl|" and any(c.isdigit() for c in token)):
            digits = token.translate(_DIGIT_LETTERS)
            groups.append(digits * pending_repeat if len(digits) == 1 else digits)
            pending_repeat = 1
        else:
            break
        i += 1
    digits = "".join(groups)
    letters_used = any(c in "OoIl|" for t in tokens[index:i] for c in t.group()
                       if any(d.isdigit() for d in t.group()))
    if words == 0 and not letters_used:
        return None, index + 1
    # A nought or "plus" first, as a phone number is said; or nine digits and more, as a
    # mobile number is said without its nought (counting is then left to the phone screen,
    # which does not take "1 2 3 4 5 6 7 8 9 10" for a number).
    long_enough = len(digits.lstrip("+")) >= 9
    if len(digits.lstrip("+")) < 6 or not (digits[:1] in {"0", "+"} or long_enough):
        return None, index + 1
    return " ".join(groups), i


_DIGIT_LETTERS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


def _next_is_number(tokens: list[re.Match[str]], i: int) -> bool:
    """A lone "o" is a nought only before another number word ("o seven...")."""
    if i + 1 >= len(tokens):
        return False
    following = tokens[i + 1].group().lower()
    return following in _DIGIT_WORDS or following in _REPEATS or following[:1].isdigit()


@lru_cache(maxsize=4096)
def readings(text: str) -> tuple[str, ...]:
    """Every reading a screen must look through: the plain reading, and where they differ the
    text as written before an override was resolved (a reader of the other direction), with
    spoken or letter-typed numbers as digits, in look-alike letters' Latin look, with letters
    spelled out joined, with digits written for letters read as letters, and turned the right
    way up."""
    plain = reading(text)
    found = [plain]
    logical = reading(text.translate(_NO_BIDI)) if any(c in _OPENERS for c in text) else plain
    looks = latin_look(plain)
    for other in (logical, spoken(plain), looks, spoken(looks), joined(plain),
                  letters_for_digits(plain), upside_down(plain)):
        if other not in found:
            found.append(other)
    return tuple(found)


def latin_look(text: str) -> str:
    """The text with every letter that looks like a Latin one written as it: a whole word of
    look-alikes ("ѕеνеո", Cyrillic, Greek and Armenian letters) reads "seven" to a person.
    (A word of a real Cyrillic or Greek text becomes nonsense, which no screen takes for a
    name or a number.)"""
    if text.isascii():
        return text
    return text.translate(_look_alikes())


_NO_BIDI = dict.fromkeys(map(ord, _OPENERS | _CLOSERS))
