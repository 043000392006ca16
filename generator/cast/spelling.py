"""How a name in Latin letters can be written in the Arabic script (Arabic, Persian, Dari, Urdu,
Pashto, Kurdish), and whether a word is one of those writings; and, at the end, how it is
found in scripts that merge some of Latin's letters (Cyrillic, Greek, Hebrew, kana, hangul...).

Arabic has no p, v or g: "Peter" is written بيتر (b), "Victoria" فيكتوريا (f), "Gary" غاري,
جاري or كاري (gh, j or k); Persian has its own پ and گ, so both spellings occur. Short vowels
are usually left unwritten and long ones written with alef, waw and yeh, so a name keeps its
consonants in order and only some of its vowels. A bare consonant key (today's 'mhmd' for
Muhammad) is too loose for this: Arabic words are built on three consonants, so a key of two
or three takes the book's own words ("مارس", March, for Morris; "رد", reply, for Reid). So a
word counts as a name's writing only when:
1. its consonants, letter by letter, are ones the script can write for the name's (p as b or
   p, g as gh, j, k or q, th as th, t, d, s or z...), in order, with nothing added;
2. each vowel letter it writes stands where the name has a vowel of that kind (alef for a,
   waw for o or u, yeh for e, i or y), so "مارس" (m-a-r-s) is not "Morris" (m-o-r-i-s);
3. it has three letters or more and writes at least half the name's vowels (one at least), as
   names from other languages are written in Arabic ("ريد" for Reid, never "رد"), or, like the
   Arabic names English spells ("محمد" for Mohammed), four consonants or more. A name of the
   script's own written with three consonants (حسن, Hassan, is also "good") cannot be told
   from a word: its Arabic spelling belongs in also_known_as;
4. it is not one of the script's languages' commonest words (see common): "الآن", now, is
   written as "Alan" would be.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

# What each sound of a Latin name can be written as, in ICU's Latin transliteration of the
# Arabic script (after folding: "ṭ" is t, "ḍ" is d; ع and ء leave nothing).
_CONSONANTS = {
    "b": "b", "p": "[bp]", "f": "f", "v": "[fvw]", "ph": "f", "w": "w?",
    "g": "(?:gh|g|j|k|q)", "j": "(?:j|zh|g)", "k": "[kg]", "ck": "[kq]", "q": "[kq]",
    "c": "(?:k|q|s)", "x": "(?:ks|k|s|z)", "s": "[sz]", "z": "(?:z|s|dh)",
    "sh": "(?:sh|tsh|ch)", "ch": "(?:tsh|sh|ch|j|k)", "th": "(?:th|t|dh|d|s|z)",
    "kh": "(?:kh|k|h)", "gh": "(?:gh|g)?", "zh": "(?:zh|j)", "t": "t", "d": "(?:d|dh)",
    "h": "h?", "l": "l", "m": "m", "n": "n", "r": "r", "y": "y",
}
# The vowel letters (alef a, waw w, yeh y) that may stand for each vowel of a Latin name: a
# single "i" may be said "ai" (Mike, مايك); in a group of vowels each stands for itself.
_VOWEL = {"a": "a", "e": "y", "i": "y", "o": "w", "u": "w", "y": "y"}
_UNITS = re.compile(r"tsh|sh|ch|th|ph|kh|gh|zh|ck|[aeiouy]+|[a-z]")
# The same sounds reduced to one letter each, for an index: the script's spellings of a name
# and the name itself give the same key.
_KEY_UNITS = re.compile(r"tsh|sh|ch|th|ph|kh|gh|dh|zh|ck|[a-z]")
_KEY_OF = {"b": "b", "p": "b", "f": "f", "v": "f", "ph": "f", "g": "k", "j": "k", "k": "k",
           "ck": "k", "q": "k", "x": "ks", "gh": "k", "kh": "k", "zh": "k", "s": "s", "z": "s",
           "sh": "s", "tsh": "s", "t": "t", "d": "t", "th": "t", "dh": "t", "l": "l", "m": "m",
           "n": "n", "r": "r"}
_AMBIGUOUS = {"c": ("k", "s"), "ch": ("s", "k"), "th": ("t", "s"), "j": ("k", "y")}


def _collapsed(ascii_word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", ascii_word)


@lru_cache(maxsize=8192)
def name_keys(name_ascii: str) -> frozenset[str]:
    """The keys under which a Latin name is looked for in the Arabic script (several where a
    letter reads two ways: c as k or s)."""
    choices: list[tuple[str, ...]] = []
    for unit in _KEY_UNITS.findall(_collapsed(name_ascii)):
        if unit in _AMBIGUOUS:
            choices.append(_AMBIGUOUS[unit])
        elif unit in _KEY_OF:
            choices.append((_KEY_OF[unit],))
    if len(choices) > 12:
        return frozenset()
    keys = {_collapsed("".join(parts)).replace("y", "") for parts in product(*choices)}
    return frozenset(k for k in keys if k)


def word_key(written_ascii: str) -> str:
    """The key of a word written in the Arabic script, from its Latin transliteration (its
    "ch" is Persian چ, said as in "church")."""
    units = _KEY_UNITS.findall(written_ascii)
    return _collapsed("".join(_KEY_OF.get(unit, "s" if unit == "ch" else "") for unit in units))


@lru_cache(maxsize=8192)
def _pattern(name_ascii: str) -> re.Pattern[str]:
    """The ways the script can write a Latin name (see the module's doc), as one pattern over
    the transliteration of a word."""
    units = _UNITS.findall(_collapsed(name_ascii))
    parts = []
    for index, unit in enumerate(units):
        if unit[0] in _VOWEL and not (unit == "y" and index + 1 < len(units)
                                       and units[index + 1][0] in "aeiou"):
            letters = "".join(sorted({_VOWEL[c] for c in unit}))
            written = "ay|y" if unit == "i" else f"[{letters}]{{1,2}}"
            carrier = "a?" if index == 0 else ""  # an initial vowel sits on an alef
            final = "h?" if index == len(units) - 1 else ""  # ة or ه after a final vowel
            parts.append(f"{carrier}(?P<v{index}>(?:{written})?){final}")
        else:
            parts.append(_CONSONANTS.get(unit, re.escape(unit)))
    return re.compile("".join(parts))


def written_as(written_ascii: str, name_ascii: str) -> bool:
    """Whether a word of the Arabic script (its transliteration) is a writing of the Latin
    name: consonants and vowel letters where the script would put them, and enough letters
    to tell it from a word (see the module's doc)."""
    if len(written_ascii) < 3:
        return False
    match = _pattern(name_ascii).fullmatch(written_ascii)
    if match is None:
        return False
    groups = [value for name, value in match.groupdict().items() if name.startswith("v")]
    silent_e = name_ascii.endswith("e") and len(name_ascii) > 3 and name_ascii[-2] not in "aeiouy"
    # Half the vowels (one at least); all of them in a word of three letters, the length of
    # the script's everyday words built on three consonants (unless it is written with a
    # letter made for other languages' sounds, p, g, ch, zh or v: گری is Gary).
    short = len(written_ascii) <= 3 and not re.search(r"p|g(?!h)|ch|zh|v", written_ascii)
    needed = len(groups) - silent_e if short else \
        max(1, -(-(len(groups) - silent_e) // 2))
    return sum(bool(g) for g in groups) >= needed or \
        (not any(groups) and len(written_ascii) >= 4)


# Prepositions and articles a Latin name can carry when written in the script ("وبيتر", and
# Peter; "لبيتر", to Peter; "البيتر" never, but "ال" is stripped by everyday words alike).
PREFIXES = ("وال", "بال", "لل", "ال", "و", "ب", "ل")
AIN = "\u0639"  # ع, a consonant of the script's own that a Latin name writes only first


def could_spell(word: str, name_ascii: str) -> bool:
    """Whether a word of the script (its letters, folded) could be this Latin name's writing
    at all: no ع but as the first letter of a name that starts with a vowel (Omar, عمر; never
    inside, as in أعمال, deeds, nor before a consonant, as in عقيدة for Gajda)."""
    return AIN not in word[1:] and (not word.startswith(AIN) or name_ascii[:1] in "aeiou")


def is_arabic_script(word: str) -> bool:
    """Whether a word is written in the Arabic script."""
    return any("\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or
               "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff" for c in word)


def sound_key(ascii_word: str) -> str:
    """A key looser than key(), for a Latin name written in a script with its own sounds
    (Hebrew, kana, hangul), whose transliteration changes letters of one kind into another:
    f and v as p or b, g as k, r as l, "γκ" as "nk". 'Craig', 'קרייג' (qryyg), 'クレイグ'
    (kureiku), '크레이그' (keuleigeu) all give 'krk'; 'Kevin' and 'ケビン' (kebin) 'kpn'."""
    word = re.sub(r"n[kg]", "k", ascii_word.replace("ph", "f"))
    word = word.translate(_SOUNDS)
    word = re.sub(r"[^a-z]|[aeiouyhw]", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


_SOUNDS = str.maketrans({"b": "p", "f": "p", "v": "p", "g": "k", "q": "k", "c": "k", "x": "k",
                         "j": "s", "z": "s", "d": "t", "l": "r"})


class Sounds:
    """Latin names, found in the scripts that merge some of Latin's letters (see SOUND_SCRIPTS
    and sound_key), three consonants at least. (Ge'ez writes every consonant and vowel, and
    its everyday words share three-consonant keys with many names: there a Latin name must
    look alike letter for letter, names.Matcher._by_key.)"""

    def __init__(self):
        self.by_sound: dict[str, str] = {}

    def add(self, ascii_word: str, why: str) -> None:
        sound = sound_key(ascii_word)
        if len(sound) >= 3:
            self.by_sound.setdefault(sound, why)

    def find(self, ascii_word: str, script: str) -> str | None:
        """Why the word (transliterated) is a name kept out, or None."""
        return self.by_sound.get(sound_key(ascii_word)) if script in SOUND_SCRIPTS else None


# Scripts whose transliteration changes a Latin name's letters of one kind into another: Hebrew
# (no vowels, p for f, q for k), kana (every g a k, every l an r) and hangul (r as l, p for f).
# (Cyrillic, Greek, Armenian, Georgian, Devanagari keep Latin's letters apart: there a name
# must look alike, names.Matcher._by_key; merging letters there took everyday words for
# names in the UDHR's Ukrainian.)
SOUND_SCRIPTS = {"HEBREW", "HIRAGANA", "KATAKANA", "HANGUL"}
