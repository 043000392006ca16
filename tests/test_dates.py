"""Vague dates: read as coordinators write them, sorted sensibly, shown in plain words."""

from datetime import date

import pytest

from generator.core.dates import parse_date
from generator.core.errors import DateError


@pytest.mark.parametrize(("written", "phrase", "earliest", "latest"), [
    ("2011-12-03", "on 3 December 2011", date(2011, 12, 3), date(2011, 12, 3)),
    ("3 December 2011", "on 3 December 2011", date(2011, 12, 3), date(2011, 12, 3)),
    ("3rd Dec 2011", "on 3 December 2011", date(2011, 12, 3), date(2011, 12, 3)),
    ("2011-12", "in December 2011", date(2011, 12, 1), date(2011, 12, 31)),
    ("December 2011", "in December 2011", date(2011, 12, 1), date(2011, 12, 31)),
    (2011, "in 2011", date(2011, 1, 1), date(2011, 12, 31)),
    ("summer 2011", "in summer 2011", date(2011, 6, 1), date(2011, 8, 31)),
    ("Winter 2011", "in winter 2011", date(2011, 12, 1), date(2012, 2, 29)),
    ("early 2011", "in early 2011", date(2011, 1, 1), date(2011, 4, 30)),
    ("about 2009", "about 2009", date(2008, 1, 1), date(2010, 12, 31)),
    ("before 2010", "before 2010", date(1, 1, 1), date(2010, 1, 1)),
    ("after 2015", "after 2015", date(2015, 12, 31), date(9999, 12, 31)),
    ("between 2008 and 2010", "between 2008 and 2010", date(2008, 1, 1), date(2010, 12, 31)),
    ("2008-2010", "between 2008 and 2010", date(2008, 1, 1), date(2010, 12, 31)),
    ("the 1990s", None, None, None),
    ("1990s", "in the 1990s", date(1990, 1, 1), date(1999, 12, 31)),
])
def test_reads_exact_and_vague_dates(written, phrase, earliest, latest):
    """Every form the format reference lists is read, and shown back in plain words."""
    if phrase is None:
        with pytest.raises(DateError):
            parse_date(written)
        return
    value = parse_date(written)
    assert (value.phrase, value.earliest, value.latest) == (phrase, earliest, latest)


@pytest.mark.parametrize(("written", "says"), [
    ("2011-02-31", "February 2011 has 28 days"),
    ("2012-13-01", "no month 13"),
    ("31 February 2011", "February 2011 has 28 days"),
    ("sometime", "not a date journeybook can read"),
    ("20111", "not a date"),
    ("between 2012 and 2010", "ends before it starts"),
    ("", "empty"),
    ("1066", "looks mistyped"),
])
def test_impossible_dates_say_why(written, says):
    """An impossible date is refused with words a coordinator can act on."""
    with pytest.raises(DateError, match=says):
        parse_date(written)


def test_sorted_sensibly():
    """Vague dates sit where a person would put them on a timeline."""
    written = ["2011-06-02", "about 2010", "2009-04-12", "summer 2011", "2011", "before 2009",
               "between 2010 and 2012"]
    ordered = sorted(written, key=lambda w: parse_date(w).sort_key)
    assert ordered == ["before 2009", "2009-04-12", "about 2010", "between 2010 and 2012",
                       "2011", "summer 2011", "2011-06-02"]


def test_leap_day_about():
    """'about 29 February 2012' does not crash when moved by a year."""
    assert parse_date("about 2012-02-29").earliest == date(2011, 2, 28)
