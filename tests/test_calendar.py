"""The plan in the young person's calendar (model/calendar.py): promises and agreed birthdays,
read back as a phone's calendar would, and never anyone kept out or any contact detail."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from icalendar import Calendar

from generator.build import build
from generator.cast.names import Matcher
from generator.model.calendar import repeat_rule
from generator.outputs import gate
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
    assert gate.scan(copy, gate.Terms(Matcher([]), [])) == []  # dates, ids: no finding
    ics = copy / "site" / "plan.ics"
    ics.write_text(ics.read_text().replace("SUMMARY:A video call",
                                           "SUMMARY:Ring 07700\r\n 900 461 for a video call"))
    found = gate.scan(copy, gate.Terms(Matcher([]), []))
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


def test_a_promise_involving_anyone_not_shown_by_name_is_left_out_whatever_field_names_them(
        tmp_path):
    """Issue 21, class 9: the cast keeps a promise on the plan page with only its shown people,
    and empties a "how often" that names someone; the calendar still leaves out whole every
    promise that involves someone not shown by name, whichever field names them, and says so."""
    folder = plan_journey(tmp_path / "journeys" / "sam")
    people = yaml.safe_load((folder / "people.yaml").read_text())
    people["people"] += [
        {"id": "birth-dad", "called": "Quentin", "relation": "your birth father",
         "visibility": "name withheld"},
        {"id": "step-dad", "called": "Dad", "relation": "Dad", "visibility": "never shown"},
        {"id": "fc-ollie", "called": "Ollie", "relation": "your foster dad"}]
    (folder / "people.yaml").write_text(yaml.safe_dump(people, sort_keys=False))
    plan = yaml.safe_load((folder / "plan.yaml").read_text())
    plan["commitments"] += [
        # Someone never shown in `who`, beside someone shown: the cast keeps only Nan.
        {"who": ["nan", "gone"], "what": "A walk on the beach", "how_often": "every Saturday",
         "from": "2025-05-03"},
        # A never-shown person named in "how often": the cast empties it, keeps the promise.
        {"who": ["nan"], "what": "A picnic", "how_often": "every year, with Zebedee",
         "from": "2025-07-01"},
        # A withheld person named by their relation, and a never-shown one by their id.
        {"who": ["nan"], "what": "A letter to your birth father", "how_often": "every year",
         "from": "2025-08-01"},
        {"who": ["sam"], "what": "Swimming with step-dad", "how_often": "every Monday",
         "from": "2025-09-01"},
        # A shown person whose relation holds a kept-out relation's words: still in.
        {"who": ["fc-ollie"], "what": "Football with your foster dad",
         "how_often": "every Friday", "from": "2025-09-05"}]
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, sort_keys=False))
    result = build(folder, tmp_path / "release", release=True, pdf=False)
    events = events_of(result.output / "site" / "plan.ics")
    assert sorted(events) == ["A video call (Nan)", "Football with your foster dad (Ollie)",
                              "Lunch together (Mum and Aunt Jo)", "Nan's birthday"]
    text = (result.output / "site" / "plan.ics").read_text(encoding="utf-8")
    for kept_out in ("beach", "picnic", "birth father", "Swimming", "Zebedee", "Quentin"):
        assert kept_out not in text
    told = {item.what: item.reason for item in result.left_out if "plan.ics" in item.what}
    assert set(told) == {f"the promise '{what}' in the calendar (plan.ics)" for what in (
        "A walk on the beach", "A picnic", "A letter to your birth father",
        "Swimming with step-dad", "A card")}
    assert "Zebedee (gone) is in it" in told["the promise 'A walk on the beach' in the "
                                              "calendar (plan.ics)"]
