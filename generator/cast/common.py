"""Whether a word is an everyday word of a language its script writes, not only a name.

A name that is also one of the book's own words ("May" and "April" in every date; بهار, spring,
in a Dari one) cannot be looked for on its own: every copy would be refused, and a coordinator
would change "never shown" to get a book at all. Such a name is looked for beside the person's
other names or a title, and (in letters with capitals) when written with a capital inside a
sentence; `check` says so. And a word of the Arabic script that merely could spell a Latin name
(الآن, "now", spells Alan) is not taken for it when it is a common word of its languages or one
of the book's own.

Frequencies are the wordfreq package's (Robyn Speer's, from Wikipedia, subtitles, news, books
and the web; Zipf scale: 6 is once in a thousand words, 3 once in a million), which ships its
lists in the wheel: nothing is fetched.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import babel

try:
    from wordfreq import zipf_frequency
except ImportError:  # pragma: no cover - a declared dependency
    zipf_frequency = None

# The languages whose everyday words a script's text is likely to be in, for a book made in the
# UK: the languages of the young people journeybook is used with, where wordfreq has them.
LANGUAGES = {"LATIN": ("en",), "ARABIC": ("ar", "fa", "ur"), "CYRILLIC": ("ru", "uk", "bg"),
             "GREEK": ("el",), "HEBREW": ("he",), "DEVANAGARI": ("hi",), "BENGALI": ("bn",)}
# Zipf 5.0: the two thousand or so commonest; for a word that only could be a name's spelling.
TOO_COMMON_FOR_A_SPELLING = 5.0
_PERSIAN = str.maketrans({"\u064a": "\u06cc", "\u0643": "\u06a9"})


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """The word's Zipf frequency in the commonest of its script's languages (0: unknown)."""
    if zipf_frequency is None or not word:
        return 0.0
    script = next((unicodedata.name(c, "").split(" ")[0] for c in word if c.isalpha()), "")
    languages = LANGUAGES.get(script, ())
    spellings = {word, word.translate(_PERSIAN)} if script == "ARABIC" else {word}
    return max((zipf_frequency(w, lang) for w in spellings for lang in languages), default=0.0)


def too_common_for_a_spelling(word: str) -> bool:
    """Whether a word is too common, or one the book itself says, to be taken for another
    script's name it could spell."""
    return is_own_word(word) or (len(word) <= 3 and frequency(word) >= TOO_COMMON_FOR_A_SPELLING)


LOCALES = Path(__file__).resolve().parents[2] / "theme" / "locales"


@cache
def own_words() -> frozenset[str]:
    """Every word the book itself says, in every language it is made in: the catalogue's
    English and its translations, and CLDR's month and day names. A never-shown "Bahar"
    (spring, in Dari) or "Alan" (الآن, now, in Arabic) must not refuse every copy whose own
    words say it; such a name is looked for like an everyday word (see person_names.names_of)."""
    words: set[str] = set()
    for po in [LOCALES / "journeybook.pot", *LOCALES.glob("*/LC_MESSAGES/*.po")]:
        for text in _po_strings(po.read_text(encoding="utf-8")):
            words.update(_WORD.findall(_bare(re.sub(r"\{[^}]*\}|%\(\w+\)s", " ", text))))
    for language in ("en", *(p.name for p in LOCALES.iterdir() if p.is_dir())):
        with contextlib.suppress(ValueError, LookupError):
            locale = babel.Locale.parse(language)
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    words.update(locale.months[context][width].values())
                    words.update(locale.days[context][width].values())
    return frozenset(_bare(w) for w in words)


def _bare(word: str) -> str:
    """A word without its marks (Arabic vowel signs, accents), casefolded: how the book's own
    words are compared with a word of a page."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed
                                                 if not unicodedata.combining(c)))


def _po_strings(text: str) -> list[str]:
    """The msgid and msgstr texts of a gettext catalogue (continuation lines joined)."""
    found, current = [], None
    for line in text.splitlines():
        line = line.strip()
        head = re.match(r'(msgid|msgstr|msgid_plural|msgstr\[\d+\])\s+"(.*)"$', line)
        if head:
            current = head.group(2)
            found.append(current)
        elif line.startswith('"') and found:
            found[-1] += line[1:-1]
    return [s.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            if "\\" in s else s for s in found]


_WORD = re.compile(r"\w+")


def is_own_word(word: str) -> bool:
    """Whether a (folded) word is one the book itself says (see own_words)."""
    return _bare(unicodedata.normalize("NFKC", word)) in own_words()
