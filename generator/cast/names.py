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

from generator.cast import common, spelling
from generator.cast.reading import reading, readings

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
# Amharic (le, be, ke, ye, wede, sile, ende) and Tigrinya (ni, bi, nab, kab, ab, mis, kem,
# n'...): "ንተስፋይ" is "to Tesfay", "ካብተስፋይ" "from Tesfay".
_GEEZ_PREFIXES = ("ብዛዕባ", "ምእንቲ", "እንደ", "እንተ", "ስለ", "ወደ", "ከነ", "ናብ", "ካብ", "ኣብ", "ምስ",
                  "ከም", "ንዓ", "ለ", "ል", "በ", "ብ", "ከ", "ክ", "የ", "ን", "ዘ", "ኣ", "እ")


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
    text = reading(text).translate(_HYPHENS).casefold()  # (the reading drops invisibles)
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
def forms(word: str, as_written: bool = True) -> frozenset[str]:
    """Every exact form a (raw, unfolded) word can be recognised by; as_written, also without
    a preposition joined to its front (a word of a text, not a name: "فاخر", Fakher, is not
    "ف" and "اخر", other)."""
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
    if not base.isascii() and _SPOOF is not None and _passes_for_latin(word):
        skeleton = _SPOOF.getSkeleton(0, unicodedata.normalize("NFKC", word))
        found.add(fold(skeleton).translate(_APOSTROPHES))
    if as_written:
        for form in list(found):
            found.update(_without_prefix(form))
    return frozenset(f for f in found if f)


def _passes_for_latin(word: str) -> bool:
    """Whether a word is in letters that can pass for Latin ones (Cyrillic, Greek, Cherokee,
    Lisu...), so that its confusable skeleton means something. An Arabic or Ge'ez word's
    skeleton is noise (alef 'looks like' l): such words are matched by transliteration."""
    return not any(_script_of(c) in _OWN_SCRIPTS for c in word if c.isalpha())


# Scripts with no letter that passes for a Latin one (by the first word of a letter's name).
_OWN_SCRIPTS = {"ARABIC", "ETHIOPIC", "HEBREW", "SYRIAC", "THAANA", "DEVANAGARI", "BENGALI",
                "GURMUKHI", "GUJARATI", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA",
                "THAI", "LAO", "TIBETAN", "MYANMAR", "GEORGIAN", "HANGUL", "HIRAGANA",
                "KATAKANA", "CJK", "KHMER", "MONGOLIAN", "TIFINAGH", "NKO", "ORIYA"}


def _script_of(char: str) -> str:
    return unicodedata.name(char, "").split(" ")[0]


def _script(word: str) -> str:
    """The script a word is written in: "LATIN", "ARABIC", "ETHIOPIC", "CYRILLIC"..."""
    if is_latin(word):
        return "LATIN"
    return next((_script_of(c) for c in word if c.isalpha() and not c.isascii()), "LATIN")


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
    # Only when written with a capital inside a sentence (a name that is an everyday word)?
    capitalised: bool = False


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
        self.keys: dict[str, list[tuple[str, str, str]]] = {}  # key -> (name, why, script)
        self.arabic: dict[str, list[tuple[str, str]]] = {}  # Latin names, by spelling.name_keys
        self.capitalised: dict[str, str] = {}  # everyday words that are names (see names_of)
        self.sounds = spelling.Sounds()  # Latin names, for scripts with sounds of their own
        self.shown = {f for w in shown_words for f in forms(w)}
        self._seen: dict[str, tuple[frozenset[str], str | None]] = {}
        for name in names:
            if name.capitalised:
                self.capitalised.setdefault(name.words[0], name.why)
            elif len(name.words) == 1:
                for form in forms(name.words[0], as_written=False):
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
                self.keys.setdefault(name_key, []).append((ascii_word, why, _script(form)))
            if is_latin(form):
                for arabic_key in spelling.name_keys(ascii_word):
                    self.arabic.setdefault(arabic_key, []).append((ascii_word, why))
                if is_latin(word):
                    self.sounds.add(ascii_word, why)

    def __bool__(self) -> bool:
        return bool(self.singles or self.pairs)

    def find(self, text: str, limit: int = 0) -> list[Hit]:
        """Every place in text (up to limit, if given) where a name stands, in every reading
        of it (see reading.readings: look-alike letters, invisible marks, overrides...)."""
        if not text or not self:
            return []
        hits: list[Hit] = []
        for version in readings(text):
            hits += self._find_in(version, limit - len(hits) if limit else 0)
            if limit and len(hits) >= limit:
                break
        return hits

    def _find_in(self, text: str, limit: int) -> list[Hit]:
        text = text.replace("_", " ")
        matches = list(_WORD.finditer(text))
        raw = [m.group() for m in matches]
        hits: list[Hit] = []
        previous: frozenset[str] = frozenset()
        for index, word in enumerate(raw):
            found, why = self._word(word)
            shown = word
            if why is None and previous & self.heads:
                why = self._pair(previous, found)
                shown = f"{raw[index - 1]} {word}"
            if why is None and self.capitalised and word[:1].isupper() and \
                    not _starts_a_sentence(text, matches[index].start()):
                why = next((self.capitalised[f] for f in found if f in self.capitalised), None)
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
            self._seen[word] = (found, why or self._inflected(found) or self._keyed(word, found))
        return self._seen[word]

    def _inflected(self, found: frozenset[str]) -> str | None:
        """A name as English inflects it, without an apostrophe: "the Marshes", "Kevins car",
        "the Joneses" (a name in any case is the name, so its plural is too)."""
        for form in found:
            for base in _uninflected(form):
                if len(base) >= SHORTEST_NAME and base in self.singles and base not in self.shown:
                    return self.singles[base]
        return None

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
        if spelling.is_arabic_script(folded):
            return _in_arabic_script(word, self.arabic) or \
                self._by_key(word, folded, skip_latin_names=True)
        # (Transliterated before folding: kana's voicing marks are letters, ビ is bi, not hi.)
        if not is_latin(folded) and (why := self.sounds.find(
                latin(unicodedata.normalize("NFC", reading(word)).casefold()), _script(folded))):
            return why  # 'Крейг', 'クレイグ', 'ክሬግ' for Craig
        return self._by_key(word, folded, skip_latin_names=False)

    def _by_key(self, word: str, folded: str, *, skip_latin_names: bool) -> str | None:
        """A name matched by its consonant key (see key), by the scripts of the two:

        - a Latin word and a Latin name: another spelling that looks alike ('Mohamed' for
          'Mohammed'), only for a capitalised word;
        - a Latin word and a name in another script: 'Mohamed' for 'محمد';
        - a word and a name in two other scripts (a Latin name in Cyrillic, Ge'ez...): their
          transliterations must look alike, as those scripts write vowels;
        - never a word and a name in the same script other than Latin: there a name is its
          letters (see forms), and a key would take the script's words for it; nor a Latin
          name in the Arabic script, which spelling decides (skip_latin_names).
        """
        latin_word = is_latin(folded)
        if latin_word and not (word[:1].isupper() and (word[1:].islower() or word.isupper())):
            return None  # "mark my words" and "WrCk" are not names; "Marc", "MOHAMED" may be
        ascii_word = latin(folded)
        word_key = key(ascii_word)
        script = _script(folded)
        for name_ascii, why, name_script in self.keys.get(word_key, []):
            if name_script == script and not latin_word:
                continue
            if name_script == "LATIN" and skip_latin_names:
                continue
            if latin_word and name_script != "LATIN":
                if len(word_key) >= 3 or _close(ascii_word, name_ascii):
                    return why
            elif len(word_key) >= 3 and SequenceMatcher(
                    None, ascii_word, _as_written(name_ascii)).ratio() >= (
                        0.7 if name_script == "LATIN" and not latin_word and
                        script != "ETHIOPIC" else 0.8 if not latin_word else 0.75):
                return why
        return None


def _in_arabic_script(word: str, arabic: dict[str, list[tuple[str, str]]]) -> str | None:
    """A Latin name written in Arabic or Persian letters: 'بيتر' for Peter (see spelling);
    never a common word, with or without a joined prefix ("الإعلان", the announcement)."""
    written = reading(word)
    if any(common.too_common_for_a_spelling(w)
           for w in [written, *_without_prefix(written)]):
        return None
    bare = fold(word)
    unprefixed = [bare[len(p):] for p in spelling.PREFIXES
                  if bare.startswith(p) and len(bare) - len(p) >= 3]
    for form in [bare, *unprefixed]:
        ascii_word = latin(form)
        for name_ascii, why in arabic.get(spelling.word_key(ascii_word), []):
            if spelling.could_spell(form, name_ascii) and \
                    spelling.written_as(ascii_word, name_ascii):
                return why
    return None


def _uninflected(word: str) -> list[str]:
    """What an English plural or possessive without its apostrophe could be made from:
    "marshes" -> "marsh" (-es after s, x, z, ch, sh), "kevins" -> "kevin"."""
    if not word.endswith("s") or not word.isascii():
        return []
    bases = [word[:-1]]
    if word.endswith("es") and re.search(r"(s|x|z|ch|sh)es$", word):
        bases.append(word[:-2])
    return bases


def _as_written(name_ascii: str) -> str:
    """A Latin name as another script's transliteration spells its sounds: c as k (Craig is
    'Крейг', kreig), w as v (Fenwick, 'Фенвик', fenvik), ph as f."""
    return re.sub(r"c(?=[eiy])", "s", name_ascii.replace("ph", "f").replace("ck", "k")) \
        .replace("c", "k").replace("w", "v").replace("q", "k")


def _starts_a_sentence(text: str, at: int) -> bool:
    """Whether the word at this place starts a sentence (or a line, or a heading)."""
    before = text[max(0, at - 40):at].rstrip(" \t\"'“‘(*#-")
    return not before or before[-1] in ".!?:\n;…>|"


def name_parts(name: str) -> list[str]:
    """The words of a written name, folded: 'Mary-Jane O’Brien' -> ['mary', 'jane', 'obrien']."""
    return [w for w in words(name.replace("-", " ")) if w]
