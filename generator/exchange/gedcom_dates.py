"""GEDCOM's dates as journeybook's vague dates, and back.

GEDCOM writes "ABT 1952", "BEF JUN 1988", "BET 1950 AND 1955", "30 JUL 1988"; journeybook
writes "about 1952", "before June 1988", "between 1950 and 1955", "1988-07-30". A date is
turned into ours only when the two say the same thing: a period ("FROM 1990 TO 1995"), another
calendar (Julian, Hebrew, French), a dual year ("1750/51"), or a year journeybook does not hold
(before 1850) is not turned into anything: the importer reports it, with why, instead of
guessing.

Going back, what GEDCOM cannot say as a date (a season, "early 2011", the 1990s) is written as
a GEDCOM date phrase, "(summer 2011)", which genealogy software keeps as it is and which
comes back in unchanged.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

from generator.core.dates import FIRST_YEAR, FuzzyDate, parse_date
from generator.core.errors import DateError, NotADate

GEDCOM_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                 "DEC")
# Month words as GEDCOM writes them, and as some programs write them anyway (in full).
_MONTH_NUMBERS = {**{m: i for i, m in enumerate(GEDCOM_MONTHS, 1)},
                  **{name.upper(): i for i, name in enumerate(calendar.month_name) if name}}
# GEDCOM's approximations are all "about" to a reader: ABT (about), CAL (worked out from other
# facts), EST (estimated). Some programs write the words out.
_ABOUT = {"ABT", "ABT.", "ABOUT", "CAL", "CAL.", "EST", "EST.", "CIRCA", "CA", "CA.", "C.",
          "APPROX", "APPROX."}
_BEFORE = {"BEF", "BEF.", "BEFORE"}
_AFTER = {"AFT", "AFT.", "AFTER"}
_OTHER_CALENDARS = {"@#DJULIAN@": "the Julian calendar", "@#DHEBREW@": "the Hebrew calendar",
                    "@#DFRENCH R@": "the French Republican calendar",
                    "@#DROMAN@": "the Roman calendar", "@#DUNKNOWN@": "an unknown calendar",
                    "JULIAN": "the Julian calendar", "HEBREW": "the Hebrew calendar",
                    "FRENCH_R": "the French Republican calendar"}
_GREGORIAN = ("@#DGREGORIAN@", "GREGORIAN")


def from_gedcom(value: str, phrase: str | None = None) -> str:
    """Return the GEDCOM date value as journeybook writes it, e.g. 'ABT 1952' -> 'about 1952';
    raise NotADate saying why it cannot be. phrase is a GEDCOM 7 PHRASE written under it."""
    text = " ".join(value.split())
    found = _phrase_of(text) if phrase is None else phrase.strip()
    text = re.sub(r"\s*\(.*\)\s*$", "", text) if found is not None else text
    if found and (ours := _readable(found)):
        # A phrase journeybook reads ("summer 2011") is what the file's writer meant, word for
        # word: journeybook's own export writes seasons and decades this way.
        return ours
    if not text:
        raise NotADate(f"it is a phrase, '{found}', not a date" if found else "it is empty")
    words = text.upper().split()
    if words[0] == "INT":  # interpreted from its phrase: the date given is the reading
        words = words[1:]
    ours = _words_to_ours(words)
    early = [year for year in map(int, re.findall(r"\b\d{3,4}\b", ours)) if year < FIRST_YEAR]
    if early:
        # Not a mistyped year, as journeybook would say of a coordinator's date: a family
        # tree goes back centuries, and a young person's book starts in FIRST_YEAR.
        raise NotADate(f"it is in {early[0]}, and journeybook's dates start in {FIRST_YEAR}")
    problem = _unreadable(ours)
    if problem:
        raise NotADate(problem)
    return ours


@functools.lru_cache(maxsize=4096)
def _unreadable(text: str) -> str | None:
    """Why journeybook cannot read text as a date, or None. (Remembered: a tree's dates
    repeat, and reading one takes a while.)"""
    try:
        parse_date(text)
    except DateError as error:
        return str(error)
    return None


def _phrase_of(text: str) -> str | None:
    """The date phrase in brackets in a GEDCOM 5.5.1 date ('INT 1900 (about then)'), if any."""
    match = re.search(r"\((.*)\)\s*$", text)
    return match.group(1).strip() if match else None


def _readable(text: str) -> str | None:
    """text if journeybook reads it as a date as it is, else None."""
    return None if _unreadable(text) else " ".join(text.split())


def _words_to_ours(words: list[str]) -> str:
    """GEDCOM date words (upper case) -> journeybook's words; raise NotADate."""
    head = words[0]
    if head in _ABOUT:
        return "about " + _plain(words[1:])
    if head in _BEFORE:
        return "before " + _plain(words[1:])
    if head in _AFTER:
        return "after " + _plain(words[1:])
    if head in {"BET", "BET.", "BETWEEN"}:
        if "AND" not in words:
            raise NotADate("'BET' has no 'AND'")
        split = words.index("AND")
        return f"between {_plain(words[1:split])} and {_plain(words[split + 1:])}"
    if head in {"FROM", "TO"}:
        raise NotADate("it is a period of time ('FROM ... TO ...'), not the date of a day")
    return _plain(words)


def _plain(words: list[str]) -> str:
    """One GEDCOM date ('30 JUL 1988', 'JUL 1988', '1988') in journeybook's words."""
    if words and words[0] in _GREGORIAN:
        words = words[1:]
    if words and words[0] in _OTHER_CALENDARS:
        raise NotADate(f"it is a date in {_OTHER_CALENDARS[words[0]]}")
    if not words:
        raise NotADate("part of it is missing")
    if words[-1] in {"B.C.", "BC", "BCE"}:
        raise NotADate("it is a date before the common era")
    if "/" in words[-1]:
        raise NotADate(f"'{words[-1]}' is a dual year (old style / new style)")
    if len(words) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", words[0]):
        return words[0]  # some programs write ISO dates
    if not re.fullmatch(r"\d{3,4}", words[-1]):
        raise NotADate(f"'{' '.join(words)}' is not a GEDCOM date")
    year = int(words[-1])
    if len(words) == 1:
        return str(year)
    month = _MONTH_NUMBERS.get(words[-2].rstrip("."))
    if month is None or len(words) > 3:
        raise NotADate(f"'{' '.join(words)}' is not a GEDCOM date")
    if len(words) == 2:
        return f"{calendar.month_name[month]} {year}"
    if not words[0].isdigit():
        raise NotADate(f"'{' '.join(words)}' is not a GEDCOM date")
    return f"{year:04d}-{month:02d}-{int(words[0]):02d}"


def to_gedcom(value: FuzzyDate) -> str:
    """Return a journeybook date as GEDCOM 5.5.1 writes it: '1988-07-30' -> '30 JUL 1988',
    'about 1952' -> 'ABT 1952'; a date GEDCOM has no words for is a phrase: '(summer 2011)'."""
    if value.precision == "range":
        start, end = _bound(value.earliest, first=True), _bound(value.latest, first=False)
        return f"BET {start} AND {end}"
    inner = _inner(value)
    if inner is None:
        return f"({value.text})"
    word = {"": "", "about": "ABT ", "before": "BEF ", "after": "AFT "}[value.qualifier]
    return word + inner


def _inner(value: FuzzyDate) -> str | None:
    """The day, month or year a date names (without its qualifier), in GEDCOM's words; None
    for a season or a decade."""
    inner = parse_date(value.text.split(None, 1)[1]) if value.qualifier else value
    day = inner.earliest
    if inner.precision == "day":
        return f"{day.day} {GEDCOM_MONTHS[day.month - 1]} {day.year}"
    if inner.precision == "month":
        return f"{GEDCOM_MONTHS[day.month - 1]} {day.year}"
    if inner.precision == "year":
        return str(day.year)
    return None


def _bound(day: date, *, first: bool) -> str:
    """One end of a range as the least precise GEDCOM date with the same first (or last) day:
    a range's ends are only its earliest and latest days."""
    edge = (day.month, day.day) == ((1, 1) if first else (12, 31))
    if edge:
        return str(day.year)
    month_edge = day.day == 1 if first else (day + timedelta(days=1)).day == 1
    if month_edge:
        return f"{GEDCOM_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {GEDCOM_MONTHS[day.month - 1]} {day.year}"
