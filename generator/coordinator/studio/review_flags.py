"""What the machine flags in an item of the young person's copy, for the coordinator to read.

Everything in the review list has already passed the cast's screen (a name kept out, a phone
number or an address leaves an item out of the copy), so the flags here are the ones a person
must judge, found with the release gate's own tools where it has them:

- names the release gate looks for (lookout.gate_matcher: every name of everyone not shown,
  with initials, and pieces of contact details): the gate will refuse a copy holding one, so
  such a flag says so;
- anything shaped like a contact detail (contacts.contacts_in, the gate's finder);
- a word written with a capital that is not the name of anyone shown: it may be a person the
  case data does not know of, or a place that leads to someone; the machine cannot tell;
- a number that is not plainly a year or a day of a date: a house number, a bus route or the
  digits of a phone number written in pieces are for a person to judge.

A flag is placed in the text when it can be (start and end), so the page marks it; the text is
cut into pieces here and each piece is escaped by the page's template, never trusted as HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.cast.common import frequency, is_own_word
from generator.cast.contacts import contacts_in
from generator.cast.lookout import gate_matcher, shown_words
from generator.cast.names import KINSHIP_WORDS, TITLES, Matcher, name_parts
from generator.format.journey import Journey

# A Zipf frequency (common.frequency): a capitalised word rarer than this (Darren 3.8, Lily
# 3.9; Bay 4.7, Sunday 4.9) is looked at as a possible name, at a sentence's start too.
RARE = 4.0
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_NUMBER = re.compile(r"\d+(?:[ .,/:-]?\d+)*")
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?")
_ORDINAL = re.compile(r"\A(?:st|nd|rd|th)\b", re.IGNORECASE)
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
           "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
NAME_WHY = ("a word with a capital that is not the name of anyone shown in the book: if it "
            "names a person (or a place that could lead to someone), check they may be named here")
NUMBER_WHY = ("a number: check it is not a house number, part of a phone number or anything "
              "else that could help someone find them")


@dataclass(frozen=True)
class Flag:
    """Something flagged in a text: the words, why, and where (start -1: not placed)."""

    text: str
    why: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Piece:
    """A piece of a text as the page shows it; flag is the number of its flag (from 1), or 0."""

    text: str
    flag: int = 0


class Lookout:
    """The release gate's names, and the name words the copy shows, for one journey."""

    def __init__(self, journey: Journey):
        self.matcher: Matcher = gate_matcher(journey)
        self.shown = shown_words(journey)

    def flags(self, text: str) -> tuple[Flag, ...]:
        """Every flag in text, placed where it can be, in the order of the text."""
        if not text:
            return ()
        found = [*self._names(text), *self._contacts(text), *self._capitals(text),
                 *_numbers(text)]
        return _without_overlaps(found)

    def _names(self, text: str) -> list[Flag]:
        found = []
        for hit in self.matcher.find(text):
            why = f"{hit.why}: the release check refuses a copy holding it"
            found.append(_placed(text, hit.text, f"possibly {why}"))
        return found

    @staticmethod
    def _contacts(text: str) -> list[Flag]:
        found = []
        for what, match, reading in contacts_in(text):
            why = (f"looks like {what}: the release check refuses a copy holding it")
            if reading == text:
                found.append(Flag(match.text, why, match.first, match.last))
            else:
                found.append(_placed(text, match.text, why))
        return found

    def _capitals(self, text: str) -> list[Flag]:
        found = []
        for match in _WORD.finditer(text):
            word = re.sub(r"['’]s\Z", "", match.group())
            if not _possible_name(word, self.shown):
                continue
            found.append(Flag(word, NAME_WHY, match.start(), match.start() + len(word)))
        return found


def _possible_name(word: str, shown: set[str]) -> bool:
    """Whether a word may be a name nobody has said may be in the book (see the module's doc)."""
    if len(word) < 2 or not word[0].isupper():
        return False
    parts = name_parts(word)
    if not parts or all(p in shown or p in KINSHIP_WORDS or p in TITLES for p in parts):
        return False
    if is_own_word(word.lower()) or word.lower() in _MONTHS:
        return False
    plain = word.lower()
    singular = plain[:-1] if plain.endswith("s") else plain   # Sundays, Juniors
    return frequency(plain) < RARE and (singular == plain or (
        frequency(singular) < RARE and not is_own_word(singular)))


def _numbers(text: str) -> list[Flag]:
    """Numbers other than years, ordinals ("16th") and days next to a month ("3 May")."""
    found = []
    for match in _NUMBER.finditer(text):
        number = match.group().rstrip(" .,/:-")
        after = text[match.start() + len(number):]
        if _YEARS.fullmatch(number) or _ORDINAL.match(after):
            continue
        if len(number) <= 2 and _next_to_a_month(text, match.start(), match.start() + len(number)):
            continue
        found.append(Flag(number, NUMBER_WHY, match.start(), match.start() + len(number)))
    return found


def _next_to_a_month(text: str, start: int, end: int) -> bool:
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 12):start])
    after = re.findall(r"[^\W\d_]+", text[end:end + 12])
    return bool((before and before[-1].lower() in _MONTHS)
                or (after and after[0].lower() in _MONTHS))


def _placed(text: str, words: str, why: str) -> Flag:
    """A flag at the first place its words stand in text (any case), or not placed."""
    at = text.lower().find(words.lower()) if words else -1
    return Flag(words, why, at, at + len(words)) if at >= 0 else Flag(words, why)


def _without_overlaps(found: list[Flag]) -> tuple[Flag, ...]:
    """The flags in text order; one overlapping a flag already placed is dropped (the gate's
    flags come first, so a name's or a phone number's flag says why, not the weaker one);
    flags that could not be placed come last, so their words are still read."""
    order = {id(flag): number for number, flag in enumerate(found)}
    placed = sorted((f for f in found if f.start >= 0),
                    key=lambda f: (f.start, -f.end, order[id(f)]))
    kept: list[Flag] = []
    reach = -1
    for flag in placed:
        if flag.start >= reach:
            kept.append(flag)
            reach = flag.end
    unplaced = [f for f in found if f.start < 0]
    return tuple([*kept, *dict.fromkeys(unplaced)])


def pieces(text: str, flags: tuple[Flag, ...]) -> tuple[Piece, ...]:
    """The text cut at its placed flags: plain pieces, and each flag's words with its number."""
    found: list[Piece] = []
    at = 0
    for number, flag in enumerate(flags, start=1):
        if flag.start < at:   # not placed (or inside another flag)
            continue
        if flag.start > at:
            found.append(Piece(text[at:flag.start]))
        found.append(Piece(text[flag.start:flag.end], number))
        at = flag.end
    if at < len(text):
        found.append(Piece(text[at:]))
    return tuple(found)
