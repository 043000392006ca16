"""Vague dates as life-story work writes them: "2011", "summer 2011", "about 2009"...

A FuzzyDate keeps the words it was written with, an earliest and a latest day (for sorting and for
drawing ranges), what it names (a day, a month, a season, a year...) and a phrase to show in the
book ("in summer 2011"). Nothing is made more precise than the coordinator wrote it.

The phrase is English, made when the date is read. A book in another language says the same date
with `phrase_in` and `bare_in`: month names, the order of day, month and year, and digits come
from Babel's CLDR data for the language; the words round them ("about", "summer", "between ...
and ...") from the book's gettext catalogue (core/words.py), marked here with N_.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from babel import Locale
from babel.dates import format_date, format_skeleton

from generator.core.errors import DateError

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
# Northern-hemisphere seasons as UK practice uses them; winter belongs to the year it starts in.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}

EXAMPLES = (
    '2011-12-03, 3 December 2011, 2011-12, December 2011, 2011, "summer 2011", "early 2011", '
    '"about 2009", "before 2010", "after 2015", "between 2008 and 2010", "2008-2010"'
)

Gettext = Callable[[str], str]  # a language's gettext: English words in, its words out
ENGLISH = Locale.parse("en_GB")  # the language dates are read in, and the phrase's


def N_(text: str) -> str:
    """Mark a word for the book's catalogue (as core/words.N_, which dates does not import)."""
    return text


def as_written(text: str) -> str:
    """English's gettext: the words as they are in the code."""
    return text


# A season or part of a year, as the coordinator wrote it ("fall" stays "fall" in English).
PART_WORDS = {
    "spring": N_("spring %(year)s"), "summer": N_("summer %(year)s"),
    "autumn": N_("autumn %(year)s"), "fall": N_("fall %(year)s"),
    "winter": N_("winter %(year)s"),
    "early": N_("early %(year)s"), "mid": N_("mid %(year)s"), "late": N_("late %(year)s"),
}
QUALIFIED = {"about": N_("about %(when)s"), "before": N_("before %(when)s"),
             "after": N_("after %(when)s")}
# The first digit (zero) of each decimal numbering system CLDR makes a locale's default (all
# of them, in Babel 2.18); the other nine follow it in Unicode. Latin digits are not listed.
ZEROS = {
    "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6", "tibt": "\u0f20",
    "mymr": "\u1040", "olck": "\u1c50", "nkoo": "\u07c0", "mtei": "\uabf0",
    "cakm": "\U00011136", "adlm": "\U0001e950", "hmnp": "\U0001e140",
}


@dataclass(frozen=True)
class Named:
    """What a date names, as it was written: a day, a month, a season or part of a year, a
    year or a decade. A FuzzyDate names one, or two for a range ("between 2008 and 2010")."""

    precision: str  # day, month, season, year, decade
    first: date  # its first day (a day's: the day itself)
    word: str = ""  # a season or part of a year as written: summer, fall, early...


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A date as precisely as it is known, with the words it was written with."""

    text: str
    earliest: date
    latest: date
    precision: str  # day, month, season, year, decade, range
    qualifier: str = ""  # "", about, before, after
    phrase: str = field(default="", compare=False)  # in English: phrase_in() says it in any
    named: tuple[Named, ...] = field(default=(), compare=False)

    @property
    def anchor(self) -> date:
        """The day it is placed at on a timeline: "about 2010" sits at 2010, not at 2009."""
        if self.qualifier == "about":
            return _shift_years(self.earliest, 1)
        if self.qualifier == "before":
            return self.latest
        return self.earliest

    @property
    def sort_key(self) -> tuple[date, date]:
        """Order by anchor, then by latest day: "2011" sorts before "2011-06"."""
        return (self.anchor, self.latest)

    @property
    def year(self) -> int:
        return self.anchor.year

    def __str__(self) -> str:
        return self.phrase


# -- saying a date, in any language ----------------------------------------------------------

def phrase_in(value: FuzzyDate, _: Gettext = as_written, locale: Locale = ENGLISH) -> str:
    """The date as a sentence says it: 'on 3 December 2011', 'in summer 2011', 'about 2009',
    'between 2008 and 2010'; in the language of the gettext `_` and the Babel locale."""
    if not value.named:  # made by hand, not read: its English phrase is all there is
        return value.phrase
    if value.qualifier or len(value.named) != 1:
        return bare_in(value, _, locale)
    when = _named(value.named[0], _, locale)
    if value.named[0].precision == "day":
        return _("on %(day)s") % {"day": when}
    return _("in %(when)s") % {"when": when}


def bare_in(value: FuzzyDate, _: Gettext = as_written, locale: Locale = ENGLISH) -> str:
    """The date without a leading preposition, to stand in a phrase of its own ('since ...',
    a lifespan): '3 December 2011', 'summer 2011', 'about 2009', 'between 2008 and 2010'."""
    if not value.named:
        return value.phrase.removeprefix("on ").removeprefix("in ")
    if len(value.named) == 2:
        start, end = (_named(named, _, locale) for named in value.named)
        return _("between %(start)s and %(end)s") % {"start": start, "end": end}
    when = _named(value.named[0], _, locale)
    if value.qualifier:
        return _(QUALIFIED[value.qualifier]) % {"when": when}
    return when


def digits(text: str, locale: Locale) -> str:
    """text with its digits in the locale's own (CLDR's default numbering system): '۱۹۸۸' in
    Dari; Arabic (ar) and English keep 0-9."""
    zero = ZEROS.get(locale.default_numbering_system)
    if zero is None:
        return text
    return text.translate({ord("0") + n: chr(ord(zero) + n) for n in range(10)})


def _named(named: Named, _: Gettext, locale: Locale) -> str:
    """'3 December 2011', 'December 2011', 'summer 2011', '2011', 'the 1990s'."""
    if named.precision == "day":
        return digits(format_date(named.first, "long", locale=locale), locale)
    if named.precision == "month":
        return digits(format_skeleton("yMMMM", named.first, locale=locale), locale)
    year = digits(str(named.first.year), locale)
    if named.precision == "season":
        return _(PART_WORDS[named.word]) % {"year": year}
    if named.precision == "decade":
        # TRANSLATORS: a decade, "the 1990s"; year is its first year.
        return _("the %(year)ss") % {"year": year}
    return year


def _dated(text: str, earliest: date, latest: date, precision: str, named: tuple[Named, ...],
           qualifier: str = "") -> FuzzyDate:
    """A FuzzyDate with its English phrase."""
    value = FuzzyDate(text, earliest, latest, precision, qualifier, named=named)
    return replace(value, phrase=phrase_in(value))


# -- reading a date --------------------------------------------------------------------------

def parse_date(value: object) -> FuzzyDate:
    """Read a date the way a coordinator writes it; raise DateError with the accepted forms."""
    if isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateError(f"expected a date such as {EXAMPLES}")
    text = " ".join(str(value).split())
    words = text.lower()
    if not words:
        raise DateError(f"the date is empty; write one such as {EXAMPLES}")

    for qualifier, pattern in (("about", r"(?:about|around|circa|c\.|approx\.?|approximately)\s+"),
                               ("before", r"before\s+"), ("after", r"after\s+")):
        match = re.fullmatch(pattern + r"(.+)", words)
        if match:
            inner = _exact(match.group(1), text)
            if qualifier == "about":
                earliest = _shift_years(inner.earliest, -1)
                latest = _shift_years(inner.latest, 1)
            elif qualifier == "before":
                earliest, latest = date(1, 1, 1), inner.earliest
            else:
                earliest, latest = inner.latest, date(9999, 12, 31)
            return _dated(text, earliest, latest, inner.precision, inner.named, qualifier)

    match = re.fullmatch(r"(?:between\s+)?(.+?)\s*(?:\band\b|\bto\b|–|-)\s*(.+)", words)
    if match and not re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", words):
        start, end = _exact(match.group(1), text), _exact(match.group(2), text)
        if end.latest < start.earliest:
            raise DateError(f"'{text}' ends before it starts; write the earlier date first")
        return _dated(text, start.earliest, end.latest, "range", start.named + end.named)

    return _exact(words, text)


def _exact(words: str, text: str) -> FuzzyDate:
    words = words.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words)
    if match:
        day = _day(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
        return _dated(text, day, day, "day", (Named("day", day),))
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?\s+(\d{4})", words)
    if match and match.group(2) in MONTHS:
        day = _day(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)), text)
        return _dated(text, day, day, "day", (Named("day", day),))
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", words)
    if match:
        return _month(int(match.group(1)), int(match.group(2)), text)
    match = re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", words)
    if match and match.group(1) in MONTHS:
        return _month(int(match.group(2)), MONTHS[match.group(1)], text)
    if match and match.group(1) in SEASONS:
        year = _year(int(match.group(2)), text)
        first, last = SEASONS[match.group(1)]
        earliest = date(year, first, 1)
        last_year, last_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        latest = date(last_year, last_month, calendar.monthrange(last_year, last_month)[1])
        return _dated(text, earliest, latest, "season",
                      (Named("season", earliest, match.group(1)),))
    if match and match.group(1) in PARTS:
        year = _year(int(match.group(2)), text)
        first, last = PARTS[match.group(1)]
        latest = date(year, last, calendar.monthrange(year, last)[1])
        return _dated(text, date(year, first, 1), latest, "season",
                      (Named("season", date(year, first, 1), match.group(1)),))
    match = re.fullmatch(r"(\d{4})", words)
    if match:
        year = _year(int(match.group(1)), text)
        return _dated(text, date(year, 1, 1), date(year, 12, 31), "year",
                      (Named("year", date(year, 1, 1)),))
    match = re.fullmatch(r"(\d{3})0s", words)
    if match:
        start = _year(int(match.group(1)) * 10, text)
        return _dated(text, date(start, 1, 1), date(start + 9, 12, 31), "decade",
                      (Named("decade", date(start, 1, 1)),))
    raise DateError(f"'{text}' is not a date journeybook can read; write one such as {EXAMPLES}")


def _year(year: int, text: str) -> int:
    """Return year if a young person's family story can hold it; raise DateError if not.

    Every form of date reads its year here. Nothing in such a story is before FIRST_YEAR or
    after next year (a review planned for next year is the furthest ahead): a year outside is
    a slip ("0011", "1066", "2101"), and would stretch the drawn timeline over centuries.
    """
    if year < FIRST_YEAR:
        raise DateError(f"'{text}': a year before {FIRST_YEAR} is not a date in a young "
                        "person's family story; check the year (it looks mistyped)")
    last = latest_year()
    if year > last:
        raise DateError(f"'{text}': a year after {last} has not come yet; check the year "
                        "(it looks mistyped)")
    return year


# The earliest year a journey holds: a great-great-grandparent's birth is well after it.
FIRST_YEAR = 1850


def latest_year() -> int:
    """The latest year a journey may hold: next year, counted from today's date."""
    return date.today().year + 1


def _month(year: int, month: int, text: str) -> FuzzyDate:
    _year(year, text)
    if not 1 <= month <= 12:
        raise DateError(f"'{text}' has no month {month}; months go from 1 to 12")
    first = date(year, month, 1)
    latest = date(year, month, calendar.monthrange(year, month)[1])
    return _dated(text, first, latest, "month", (Named("month", first),))


def _day(year: int, month: int, day: int, text: str) -> date:
    _year(year, text)
    if not 1 <= month <= 12:
        raise DateError(f"'{text}' has no month {month}; write the date as year-month-day")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise DateError(
            f"'{text}' is not a real day: {calendar.month_name[month]} {year} has {days} days"
        )
    return date(year, month, day)


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
