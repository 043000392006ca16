"""Names as people really write them: in any script, any spelling, with look-alike letters.

A name kept out of a book must be found however it is written: "Mark", "MARK", "Mark's",
"Маrk" (with Cyrillic letters that look Latin), "Ma\u200drk" (with an invisible joiner), "Li-Na",
"Li Na" and "LiNa", "محمد" and "وَمُحَمَّد" (Arabic "and Muhammad", with its vowel marks), and, when
the case data has the name in one script, in another: "Mohammed" for "محمد", "Tesfay" for
"ተስፋይ". This module turns each word into the forms it could be recognised by, and a `Matcher`
finds any of a list of names in a text.

How a word is recognised, in order of strength:
1. its folded form: Unicode-normalised (NFKC), invisible characters and tatweel removed,
   casefolded, accents and vowel marks removed, letter variants folded (Arabic and Persian yeh
   and kaf, heh forms, alef forms, teh marbuta), apostrophes dropped;
2. its confusable skeleton (Unicode UTS #39, by ICU's SpoofChecker), for look-alike letters;
3. with a joined prefix removed where a script writes prepositions as part of the word (Arabic
   "and", "to", "with", "the"; Ge'ez "to", "of", "from", "in");
4. across scripts and spellings: a consonant key of its Latin transliteration (ICU's Any-Latin),
   "Mohammed", "Muhammad" and "محمد" all giving "mhmd". A key is a looser match, so it is used
   only when the word is capitalised (Latin) or in another script, and never for a word that
   is part of a shown person's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

try:  # ICU: transliteration and confusable skeletons (pyicu-wheels ships ICU in the wheel).
    import icu

    _TO_LATIN = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    _SPOOF = icu.SpoofChecker()
except ImportError:  # pragma: no cover - a declared dependency; without it, say so in check
    icu = None
    _TO_LATIN = _SPOOF = None

# Words a young person uses for family that are not names: "Dad" alone must not flag every
# memory that mentions a dad.
KINSHIP_WORDS = {
    "mum", "mam", "mom", "mother", "dad", "father", "nan", "nana", "nanna", "gran", "granny",
    "grandma", "grandad", "granddad", "grandpa", "auntie", "aunty", "aunt", "uncle", "sister",
    "brother", "cousin", "baby", "step", "birth", "foster", "carer", "your", "the", "and",
}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "madam", "mister", "missus"}
SHORTEST_NAME = 3  # a name word shorter than this is protected only with a title or given name

# Characters that change nothing a reader sees, or only its shape.
_INVISIBLE = {"\u00ad", "\u034f", "\u061c", "\u0640", "\u115f", "\u1160", "\u17b4", "\u17b5",
              "\u180e", "\u3164", "\ufeff", "\uffa0"}
_HYPHENS = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
                                  "\u058a\u05be\u1400\u1806\u2e17\u30a0"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\u2032\u02b9\u02bf"
                                     "\u02be\uff07"), "")
# Arabic-script letters written differently by region or keyboard, folded to one (after
# decomposition has taken hamza and madda off alef, waw and yeh).
_LETTER_FOLDS = str.maketrans({
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d0": "\u064a", "\u06ce": "\u064a",  # yeh forms
    "\u06a9": "\u0643", "\u06aa": "\u0643",  # kaf forms
    "\u0629": "\u0647", "\u06c1": "\u0647", "\u06be": "\u0647", "\u06d5": "\u0647",  # heh, teh marbuta
    "\u06c0": "\u0647",
    "\u0671": "\u0627", "\u0672": "\u0627", "\u0673": "\u0627",  # alef forms
    "\u0621": "",  # a lone hamza
})
# Prepositions and articles some scripts join to the next word, longest first.
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و", "ب", "ل", "ك", "ف")
_GEEZ_PREFIXES = ("እንደ", "ስለ", "ወደ", "ከነ", "ለ", "ል", "በ", "ብ", "ከ", "ክ", "የ")


def _marks() -> str:
    """A regex class of every combining mark: vowel signs and harakat are part of a word."""
    marks = [c for c in map(chr, range(0x300, 0x20000)) if unicodedata.category(c)[0] == "M"]
    return "".join(re.escape(c) for c in marks)


_WORD = re.compile(r"(?:[\w'\u2019\u2018\u02bc\u02bb`\u00b4]|[" + _marks() + r"])+")


def available() -> bool:
    """Whether ICU is there for transliteration and look-alike letters."""
    return _SPOOF is not None


def fold(text: str) -> str:
    """Casefold, strip accents and vowel marks, drop invisible characters, fold letter
    variants: 'Zoë', 'ZOE' and 'Zoe\u200d' all become 'zoe'."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if c not in _INVISIBLE and unicodedata.category(c) != "Cf")
    text = text.translate(_HYPHENS).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text.translate(_LETTER_FOLDS))


def words(text: str) -> list[str]:
    """The folded words of a text, apostrophes dropped ("O'Brien" -> "obrien")."""
    return [w.translate(_APOSTROPHES) for w in _WORD.findall(fold(text).replace("_", " "))
            if w.translate(_APOSTROPHES)]


def is_latin(word: str) -> bool:
    """Whether a word is written in Latin letters (with or without accents)."""
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") for c in word)


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Every exact form a (raw, unfolded) word can be recognised by."""
    base = fold(word)
    found = {base.translate(_APOSTROPHES)}
    if base[-1:].isdigit() and not base.isdigit():
        found.add(base.rstrip("0123456789"))  # 'kevinreid85' is 'kevinreid'
    # "Mark's" is Mark; "d'Souza" is also Souza.
    pieces = [p for p in re.split(r"['\u2019\u2018\u02bc\u02bb`\u00b4]", base) if p]
    if len(pieces) == 2 and pieces[1] == "s":
        found.add(pieces[0])  # "Mark's" is Mark ("don't" is not Don)
    elif len(pieces) == 2 and len(pieces[0]) <= 2:
        found.add(pieces[1])  # "O'Brien" and "d'Souza" are also Brien and Souza
    if not base.isascii() and _SPOOF is not None:
        skeleton = _SPOOF.getSkeleton(0, unicodedata.normalize("NFKC", word))
        found.add(fold(skeleton).translate(_APOSTROPHES))
    for form in list(found):
        found.update(_without_prefix(form))
    return frozenset(f for f in found if f)


def _without_prefix(word: str) -> list[str]:
    prefixes = (_ARABIC_PREFIXES if any("\u0600" <= c <= "\u06ff" for c in word) else
                _GEEZ_PREFIXES if any("\u1200" <= c <= "\u137f" for c in word) else ())
    return [word[len(p):] for p in prefixes if word.startswith(p) and len(word) - len(p) >= 2]


@lru_cache(maxsize=65536)
def latin(word: str) -> str:
    """A folded word in plain Latin letters ("محمد" -> "mhmd", "ተስፋይ" -> "tasfay")."""
    if word.isascii() or _TO_LATIN is None:
        return re.sub(r"[^a-z0-9]", "", word)
    return re.sub(r"[^a-z0-9]", "", fold(_TO_LATIN.transliterate(word)))


def key(ascii_word: str) -> str:
    """A consonant key that survives transliteration and spelling: vowels (which many scripts
    do not write), y and w (written as vowels), doubled letters and a final h (teh marbuta) go;
    c, k and q are one sound. 'Mohammed', 'Muhammad' and 'محمد' all give 'mhmd'."""
    word = ascii_word.replace("ph", "f").replace("ck", "k")
    word = re.sub(r"[cq]", "k", word)
    word = re.sub(r"[^a-z]|[aeiouyw]", "", word)
    word = re.sub(r"(.)\1+", r"\1", word)
    return word[:-1] if word.endswith("h") and len(word) > 2 else word


def _close(a: str, b: str) -> bool:
    """Spelled alike once y/i and w/u are one letter: for short keys, where a key alone says
    too little."""
    a, b = (s.replace("y", "i").replace("w", "u") for s in (a, b))
    return SequenceMatcher(None, a, b).ratio() >= 0.6


@dataclass(frozen=True)
class Name:
    """A name (one or two words, folded) that must not be found, and why."""

    words: tuple[str, ...]
    why: str
    # Also found in other scripts and spellings by its consonants (see key)? Not a handle such
    # as 'mreid': made from a Latin name, it is never written in another script, and its key
    # ('mrd') would take ordinary words for it (Persian 'مرد', man).
    keyed: bool = True


@dataclass(frozen=True)
class Hit:
    """Where a name was found: the words as written, and why it must not be there."""

    text: str
    why: str


class Matcher:
    """Finds any of a list of names in text, however it is written (see the module's doc)."""

    def __init__(self, names: Iterable[Name], shown_words: Iterable[str] = ()):
        self.singles: dict[str, str] = {}
        self.pairs: dict[tuple[str, str], str] = {}
        self.keys: dict[str, list[tuple[str, str, bool]]] = {}
        self.shown = {f for w in shown_words for f in forms(w)}
        self._seen: dict[str, tuple[frozenset[str], str | None]] = {}
        for name in names:
            if len(name.words) == 1:
                for form in forms(name.words[0]):
                    self.singles.setdefault(form, name.why)
                if name.keyed:
                    self._add_key(name.words[0], name.why)
            else:
                self.pairs.setdefault(tuple(name.words[:2]), name.why)
        # The first words of two-word names, and the starts of one-word names ("li" of
        # "lina"): only after one of these can two words together be a name.
        self.heads = {a for a, _b in self.pairs}
        self.heads |= {s[:i] for s in self.singles for i in range(1, len(s))}

    def _add_key(self, word: str, why: str) -> None:
        for form in forms(word):
            ascii_word = latin(form)
            name_key = key(ascii_word)
            if len(name_key) >= 2:
                self.keys.setdefault(name_key, []).append((ascii_word, why, is_latin(form)))

    def __bool__(self) -> bool:
        return bool(self.singles or self.pairs)

    def find(self, text: str, limit: int = 0) -> list[Hit]:
        """Every place in text (up to limit, if given) where a name stands."""
        if not text or not self:
            return []
        raw = _WORD.findall(unicodedata.normalize("NFKC", _visible(text)).replace("_", " "))
        hits: list[Hit] = []
        previous: frozenset[str] = frozenset()
        for index, word in enumerate(raw):
            found, why = self._word(word)
            shown = word
            if why is None and previous & self.heads:
                why = self._pair(previous, found)
                shown = f"{raw[index - 1]} {word}"
            if why:
                hits.append(Hit(shown, why))
                if limit and len(hits) >= limit:
                    break
            previous = found
        return hits

    def _word(self, word: str) -> tuple[frozenset[str], str | None]:
        """A word's forms, and why it must not be shown on its own (None if it may)."""
        if word not in self._seen:
            found = forms(word)
            why = next((self.singles[f] for f in found if f in self.singles), None)
            self._seen[word] = (found, why or self._keyed(word, found))
        return self._seen[word]

    def _pair(self, previous: frozenset[str], current: frozenset[str]) -> str | None:
        """Two words that name someone together: 'Mrs Vu', 'Li Na', 'Mary Jane' for 'MaryJane'."""
        for a in previous:
            for b in current:
                why = self.pairs.get((a, b)) or self.singles.get(a + b)
                if why:
                    return why
        return None

    def _keyed(self, word: str, found: frozenset[str]) -> str | None:
        """A spelling or a script of its own: 'Mohamed' or 'محمد' for 'Muhammad'."""
        if not self.keys or found & self.shown:
            return None
        folded = fold(word).translate(_APOSTROPHES)
        latin_word = is_latin(folded)
        if latin_word and not (word[:1].isupper() and (word[1:].islower() or word.isupper())):
            return None  # "mark my words" and "WrCk" are not names; "Marc", "MOHAMED" may be
        ascii_word = latin(folded)
        word_key = key(ascii_word)
        for name_ascii, why, name_latin in self.keys.get(word_key, []):
            if latin_word and name_latin:
                # Two Latin spellings must look alike, not only share a few consonants.
                if len(word_key) >= 3 and \
                        SequenceMatcher(None, ascii_word, name_ascii).ratio() >= 0.75:
                    return why
            elif len(word_key) >= 3 or _close(ascii_word, name_ascii):
                return why
        return None


def _visible(text: str) -> str:
    """Text with invisible characters removed before it is cut into words, so a joiner
    inside a name does not cut it in two."""
    return "".join(c for c in text if c not in _INVISIBLE and unicodedata.category(c) != "Cf")


def name_parts(name: str) -> list[str]:
    """The words of a written name, folded: 'Mary-Jane O’Brien' -> ['mary', 'jane', 'obrien']."""
    return [w for w in words(_visible(name).replace("-", " ")) if w]


def names_of(called: str, full_name: str | None, why: str) -> tuple[list[Name], list[str]]:
    """The names that identify a person, and their name words too short to protect alone.

    Every word of three letters or more (not a word like 'Nan'); the whole name with its words
    joined ('LiNa' for 'Li Na'); and each short word (Vu, Li, Ng) only after a title ('Mrs Vu')
    or beside another word of the name ('Lan Vu', 'Vu Lan').
    """
    found: list[Name] = []
    short: list[str] = []
    for written in (called, full_name or ""):
        parts = [p for p in name_parts(written) if p not in KINSHIP_WORDS]
        if not parts:
            continue
        found += [Name((p,), why) for p in parts if len(p) >= SHORTEST_NAME]
        if len(parts) > 1:
            found += [Name(("".join(parts[i:i + 2]),), why) for i in range(len(parts) - 1)]
        for part in parts:
            if len(part) < SHORTEST_NAME and len(part) >= 2:
                short.append(part)
                found += [Name((title, part), why) for title in TITLES]
                found += [Name((other, part), why) for other in parts if other != part]
                found += [Name((part, other), why) for other in parts if other != part]
    return found, sorted(set(short))
