"""Vague dates: read as coordinators write them, sorted sensibly, shown in plain words."""

from datetime import date

import pytest

from generator.core import words
from generator.core.dates import bare_in, parse_date, phrase_in
from generator.core.errors import DateError

FORMS = [
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
]


@pytest.mark.parametrize(("written", "phrase", "earliest", "latest"), FORMS)
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


@pytest.mark.parametrize("written", [form[0] for form in FORMS if form[1]] + [
    "fall 2011", "mid 2011", "late 2011", "about 1990s", "about summer 2011", "after 2011-12"])
def test_english_is_said_as_it_was(written):
    """A book in English says a date exactly as the date's own phrase (made when it is read),
    and without its preposition as it always has."""
    value = parse_date(written)
    assert words.date_phrase(value, "en") == phrase_in(value) == value.phrase
    assert words.bare_date(value, "en") == bare_in(value) == \
        value.phrase.removeprefix("on ").removeprefix("in ")


@pytest.mark.parametrize(("language", "written", "phrase", "bare"), [
    ("ar", "30 July 1988", "في 30 يوليو 1988", "30 يوليو 1988"),
    ("ar", "2012-11", "في نوفمبر 2012", "نوفمبر 2012"),
    ("ar", "summer 2010", "في صيف 2010", "صيف 2010"),
    ("ar", "early 2024", "في أوائل 2024", "أوائل 2024"),
    ("ar", "about 1952", "حوالي 1952", "حوالي 1952"),
    ("ar", "before 2010", "قبل 2010", "قبل 2010"),
    ("ar", "between 2012 and 2016", "بين 2012 و2016", "بين 2012 و2016"),
    ("ar", "1990s", "في عقد 1990", "عقد 1990"),
    ("fa-AF", "30 July 1988", "در ۳۰ جولای ۱۹۸۸", "۳۰ جولای ۱۹۸۸"),
    ("fa-AF", "summer 2010", "در تابستان ۲۰۱۰", "تابستان ۲۰۱۰"),
    ("fa-AF", "about 1952", "حدود ۱۹۵۲", "حدود ۱۹۵۲"),
    ("fa-AF", "after 2015", "پس از ۲۰۱۵", "پس از ۲۰۱۵"),
])
def test_a_date_in_the_books_language(language, written, phrase, bare):
    """Month names and the order of day, month and year come from CLDR; the words round them
    ('about', 'summer', 'between ... and ...') from the book's catalogue; digits are the
    language's own by CLDR (Dari: ۰-۹; Arabic as CLDR's 'ar' writes it: 0-9)."""
    value = parse_date(written)
    assert words.date_phrase(value, language) == phrase
    assert words.bare_date(value, language) == bare


@pytest.mark.parametrize(("language", "said"), [
    ("en", "2016"), ("ar", "2016"), ("fa-AF", "۲۰۱۶"), ("ar-SY", "٢٠١٦"), ("hi", "2016"),
    ("mr", "२०१६"), ("ps", "۲۰۱۶"),
])
def test_numbers_in_the_languages_own_digits(language, said):
    """Any language's digits follow CLDR's default numbering system for it, catalogue or not."""
    assert words.numeral(2016, language) == said


def test_a_language_with_no_catalogue_still_has_its_month_names():
    """Welsh has no catalogue (its words stay English) but Babel knows its months."""
    assert words.bare_date(parse_date("2011-12-03"), "cy") == "3 Rhagfyr 2011"
