"""Vague dates as life-story work writes them: "2011", "summer 2011", "about 2009"...

A FuzzyDate keeps the words it was written with, an earliest and a latest day (for sorting and for
drawing ranges) and a phrase to show in the book ("in summer 2011"). Nothing is made more precise
than the coordinator wrote it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

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


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A date as precisely as it is known, with the words it was written with."""

    text: str
    earliest: date
    latest: date
    precision: str  # day, month, season, year, range
    qualifier: str = ""  # "", about, before, after
    phrase: str = field(default="", compare=False)

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
                phrase = f"about {_plain(inner)}"
            elif qualifier == "before":
                earliest, latest = date(1, 1, 1), inner.earliest
                phrase = f"before {_plain(inner)}"
            else:
                earliest, latest = inner.latest, date(9999, 12, 31)
                phrase = f"after {_plain(inner)}"
            return FuzzyDate(text, earliest, latest, inner.precision, qualifier, phrase)

    match = re.fullmatch(r"(?:between\s+)?(.+?)\s*(?:\band\b|\bto\b|–|-)\s*(.+)", words)
    if match and not re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", words):
        start, end = _exact(match.group(1), text), _exact(match.group(2), text)
        if end.latest < start.earliest:
            raise DateError(f"'{text}' ends before it starts; write the earlier date first")
        phrase = f"between {_plain(start)} and {_plain(end)}"
        return FuzzyDate(text, start.earliest, end.latest, "range", "", phrase)

    return _exact(words, text)


def _exact(words: str, text: str) -> FuzzyDate:
    words = words.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", words)
    if match:
        day = _day(int(match.group(1)), int(match.group(2)), int(match.group(3)), text)
        return FuzzyDate(text, day, day, "day", phrase=f"on {_day_words(day)}")
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?\s+(\d{4})", words)
    if match and match.group(2) in MONTHS:
        day = _day(int(match.group(3)), MONTHS[match.group(2)], int(match.group(1)), text)
        return FuzzyDate(text, day, day, "day", phrase=f"on {_day_words(day)}")
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
        return FuzzyDate(text, earliest, latest, "season", phrase=f"in {match.group(1)} {year}")
    if match and match.group(1) in PARTS:
        year = _year(int(match.group(2)), text)
        first, last = PARTS[match.group(1)]
        latest = date(year, last, calendar.monthrange(year, last)[1])
        return FuzzyDate(text, date(year, first, 1), latest, "season",
                         phrase=f"in {match.group(1)} {year}")
    match = re.fullmatch(r"(\d{4})", words)
    if match:
        year = _year(int(match.group(1)), text)
        return FuzzyDate(text, date(year, 1, 1), date(year, 12, 31), "year", phrase=f"in {year}")
    match = re.fullmatch(r"(\d{3})0s", words)
    if match:
        start = _year(int(match.group(1)) * 10, text)
        return FuzzyDate(text, date(start, 1, 1), date(start + 9, 12, 31), "decade",
                         phrase=f"in the {start}s")
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
    latest = date(year, month, calendar.monthrange(year, month)[1])
    phrase = f"in {calendar.month_name[month]} {year}"
    return FuzzyDate(text, date(year, month, 1), latest, "month", phrase=phrase)


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


def _day_words(day: date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _plain(inner: FuzzyDate) -> str:
    """The phrase without its leading preposition, for 'about 2009' or 'between ... and ...'."""
    return inner.phrase.removeprefix("on ").removeprefix("in ")


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
