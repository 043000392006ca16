"""The plan in the young person's calendar (stages/calendar.py): promises and agreed birthdays,
read back as a phone's calendar would, and never anyone kept out or any contact detail."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from generator.build import build
from generator.safeguard.names import Matcher
from generator.stages import release
from generator.stages.calendar import repeat_rule
from tests.conftest import minimal_files, write_journey


def plan_journey(folder, **changes):
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "nan", "called": "Nan", "full_name": "Rita Example", "relation": "your Nan",
         "born": "1950-04-17", "birthday_in_calendar": True,
         "contact": {"phone": "01632 960 123", "address": "9 Sample Street, Thornley"}},
        {"id": "uncle", "called": "Uncle Bob", "relation": "your uncle", "born": "1970-02-02",
         "birthday_in_calendar": True, "visibility": "name withheld"},
        {"id": "gone", "called": "Zebedee", "relation": "someone", "born": "1960-01-01",
         "birthday_in_calendar": True, "visibility": "never shown"},
        {"id": "aunt", "called": "Aunt Jo", "relation": "your aunt", "born": "1980-05-05"}]
    files["plan.yaml"] = {"agreed": "2025-05-01", "commitments": [
        {"who": ["nan"], "what": "A video call", "how_often": "every Sunday",
         "from": "2025-05-01"},
        {"who": ["mum", "aunt"], "what": "Lunch together", "how_often": "once a month",
         "from": "June 2025"},
        {"who": ["uncle"], "what": "A card", "how_often": "every year", "from": "2025-06-01"},
        {"who": ["nan"], "what": "A holiday", "how_often": "when we can", "from": "2026"}]}
    files.update(changes)
    return write_journey(folder, files)


def events_of(calendar_file) -> dict[str, dict]:
    calendar = Calendar.from_ical(calendar_file.read_bytes())
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_promises_and_agreed_birthdays_are_in_the_calendar(tmp_path):
    folder = plan_journey(tmp_path / "journeys" / "sam")
    result = build(folder, tmp_path / "release", release=True, pdf=False)
    ics = result.output / "site" / "plan.ics"
    events = events_of(ics)
    assert sorted(events) == ["A video call (Nan)", "Lunch together (Mum and Aunt Jo)",
                              "Nan's birthday"]
    call = events["A video call (Nan)"]
    assert call.decoded("dtstart") == date(2025, 5, 4)  # the first Sunday from 1 May
    assert call["rrule"]["FREQ"] == ["WEEKLY"] and call["rrule"]["BYDAY"] == ["SU"]
    assert events["Lunch together (Mum and Aunt Jo)"]["rrule"]["FREQ"] == ["MONTHLY"]
    assert events["Nan's birthday"].decoded("dtstart") == date(1950, 4, 17)
    assert 'href="plan.ics"' in (result.output / "site" / "plan.html").read_text()
    text = ics.read_text(encoding="utf-8")
    # Withheld and never-shown people, their promises and birthdays, and contact details: out.
    for kept_out in ("Uncle", "Bob", "your uncle", "A card", "Zebedee", "01632", "Sample",
                     "Rita Example"):
        assert kept_out not in text


def test_the_same_day_makes_the_same_calendar(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    folder = plan_journey(tmp_path / "journeys" / "sam")
    one = build(folder, tmp_path / "a", release=True, pdf=False).output / "site" / "plan.ics"
    two = build(folder, tmp_path / "b", release=True, pdf=False).output / "site" / "plan.ics"
    assert one.read_bytes() == two.read_bytes()


def test_no_dated_promise_and_no_birthday_makes_no_calendar(tmp_path):
    folder = write_journey(tmp_path / "journeys" / "sam", minimal_files())
    result = build(folder, tmp_path / "release", release=True, pdf=False)
    assert not (result.output / "site" / "plan.ics").exists()
    assert "plan.ics" not in (result.output / "site" / "plan.html").read_text()


def test_a_phone_number_in_a_promise_never_reaches_the_calendar(tmp_path):
    folder = plan_journey(tmp_path / "journeys" / "sam")
    plan = (folder / "plan.yaml").read_text().replace("A video call", "Call 07700 900 461")
    (folder / "plan.yaml").write_text(plan)
    result = build(folder, tmp_path / "release", release=True, pdf=False)
    calendar = result.output / "site" / "plan.ics"
    assert "900" not in calendar.read_text() and "Nan's birthday" in events_of(calendar)


def test_the_gate_reads_a_calendars_words_not_its_dates(tmp_path):
    """The gate reads what a calendar says (summaries, descriptions, any unknown property):
    a phone number there is refused, while the calendar's own stamps and ids are not taken
    for phone numbers."""
    folder = plan_journey(tmp_path / "journeys" / "sam")
    result = build(folder, tmp_path / "release", release=True, pdf=False)
    copy = result.output
    assert release.scan(copy, release.Terms(Matcher([]), [])) == []  # dates, ids: no finding
    ics = copy / "site" / "plan.ics"
    ics.write_text(ics.read_text().replace("SUMMARY:A video call",
                                           "SUMMARY:Ring 07700\r\n 900 461 for a video call"))
    found = release.scan(copy, release.Terms(Matcher([]), []))
    assert [(f.where, f.why) for f in found] == [("site/plan.ics",
                                                  "something that looks like a phone number")]


@pytest.mark.parametrize(("words", "rule"), [
    ("every Sunday", {"FREQ": "WEEKLY", "BYDAY": "SU"}),
    ("on Saturdays", {"FREQ": "WEEKLY", "BYDAY": "SA"}),
    ("Once a month", {"FREQ": "MONTHLY"}),
    ("every year", {"FREQ": "YEARLY"}),
    ("three times a year", None),
    ("at least twice each season", None),
])
def test_how_often_becomes_a_repetition_only_when_it_plainly_is_one(words, rule):
    assert repeat_rule(words) == rule
