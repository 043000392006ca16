"""The plan in the young person's calendar: an iCalendar file (RFC 5545) that phones import.

It holds the Lifelong Links plan's dated promises (repeating where "how often" says so plainly:
"every Sunday", "once a month", "every year") and the birthdays of people who are shown in the
book and agreed to have their birthday there (`birthday_in_calendar: yes` in people.yaml). It
is made from the safe cast only, and more strictly: a promise that involves anyone not shown by
name (a withheld or never-shown person), in `who` or in its words, is left out whole (the
safeguard marks each promise: cast/promises.py), and nothing else about a person (no
contact detail, no note) is ever in it. The release gate scans it like every other file.

The same journey on the same day makes the same bytes: event ids come from the journey and the
event, and the stamp from the build's day.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, time

from generator.cast.cast_types import Cast, CastCommitment, Role
from generator.core import words
from generator.core.clock import build_day
from generator.core.dates import phrase_in

PRODUCT = "-//journeybook//Lifelong Links plan//EN"
WEEKDAYS = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH",
            "friday": "FR", "saturday": "SA", "sunday": "SU"}
# How often, as people write it, when it means one plain repetition (anything else: no rule,
# the words are in the event's description).
PLAIN_RULES = [
    (re.compile(r"^(every|each) (week|weekend)$"), {"FREQ": "WEEKLY"}),
    (re.compile(r"^(once a|every|each) month$|^monthly$"), {"FREQ": "MONTHLY"}),
    (re.compile(r"^(once a|every|each) year$|^yearly$|^every birthday$"), {"FREQ": "YEARLY"}),
]


def plan_calendar(cast: Cast) -> bytes | None:
    """The calendar file's bytes, or None when there is nothing dated to put in it."""
    from icalendar import Calendar

    events = [_promise(cast, c) for c in cast.commitments if _may_go_in(cast, c)]
    events += [_birthday(cast, person) for person in cast.people
               if person.role is Role.shown and person.birthday_in_calendar
               and person.born and person.born.precision == "day" and not person.died
               and not person.deceased]
    if not events:
        return None
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    _ = words.translations(cast.language).gettext
    calendar.add("x-wr-calname", _("%(name)s's Lifelong Links plan") % {"name": cast.me.name})
    for event in sorted(events, key=lambda e: (e.decoded("dtstart"), str(e["uid"]))):
        calendar.add_component(event)
    return calendar.to_ical()


def _may_go_in(cast: Cast, commitment: CastCommitment) -> bool:
    """A promise goes in when it is in the book, has a day or month to start on, and everyone
    in it is the young person or shown by name: those the cast kept in `who`, and anyone it
    involves in any other way (everyone_named, see cast/promises.py)."""
    if commitment.left_out or commitment.start is None or not commitment.everyone_named:
        return False
    if commitment.start.precision not in ("day", "month"):
        return False
    people = [cast.person(who) for who in commitment.who]
    return all(p is not None and p.role in (Role.me, Role.shown) for p in people)


def _promise(cast: Cast, commitment: CastCommitment):
    _ = words.translations(cast.language).gettext
    names = [_("you") if who == cast.me.id else cast.name_of(who) or "" for who in commitment.who]
    rule = repeat_rule(commitment.how_often)
    event = _event(cast, f"promise|{commitment.what}|{'|'.join(commitment.who)}",
                   _first(commitment.start.earliest, rule))
    event.add("summary", f"{commitment.what} ({words.listed(names, cast.language)})")
    starting = _("starting %(when)s") % {
        "when": phrase_in(commitment.start, _, words.locale(cast.language))}
    event.add("description", ", ".join(part for part in (
        commitment.how_often, starting, _("a promise in your Lifelong Links plan")) if part))
    if rule:
        event.add("rrule", rule)
    return event


def _first(start: date, rule: dict | None) -> date:
    """The first day on or after start that the rule's weekday falls on (RFC 5545 wants the
    first event to be one of the repetitions)."""
    if not rule or "BYDAY" not in rule:
        return start
    wanted = list(WEEKDAYS.values()).index(rule["BYDAY"])
    return date.fromordinal(start.toordinal() + (wanted - start.weekday()) % 7)


def _birthday(cast: Cast, person):
    event = _event(cast, f"birthday|{person.id}", person.born.earliest)
    _ = words.translations(cast.language).gettext
    event.add("summary", _("%(name)s's birthday") % {"name": person.name})
    event.add("rrule", {"FREQ": "YEARLY"})
    return event


def _event(cast: Cast, what: str, day: date):
    """An all-day event with an id and a stamp that do not change between builds."""
    from icalendar import Event

    event = Event()
    digest = hashlib.sha256(f"{cast.id}|{what}".encode()).hexdigest()[:32]
    event.add("uid", f"{digest}@journeybook")
    event.add("dtstamp", datetime.combine(build_day(), time(0, 0)))
    event.add("dtstart", day)
    event.add("transp", "TRANSPARENT")  # a reminder, not a time the young person is busy
    return event


def repeat_rule(how_often: str) -> dict | None:
    """The repetition "how often" plainly means, or None ("three times a year" has no rule)."""
    words = " ".join(how_often.lower().replace(",", " ").split())
    every_day = re.fullmatch(r"(every|each|on) (\w+?)s?", words)
    if every_day and every_day.group(2) in WEEKDAYS:
        return {"FREQ": "WEEKLY", "BYDAY": WEEKDAYS[every_day.group(2)]}
    for pattern, rule in PLAIN_RULES:
        if pattern.match(words):
            return dict(rule)
    return None
