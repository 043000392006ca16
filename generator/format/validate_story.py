"""Step 2 - Validate, the story's own sense: what a young person would find wrong on reading it.

Each file may be right on its own and the story still not make sense: an event "with" someone
who had died by then, a memory written after its writer's death, a sign-off that names the same
person twice ("Nan, your Nan"). These are warnings, not errors (only a death before a birth is
one): the coordinator may know better (a date may be wrong, or the wording meant), and the book
is still made.

Dates are vague ("about 1952", "summer 2010"): a warning is given only when the one date is
certainly after the other, whichever days within them are meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from generator.core.dates import FuzzyDate
from generator.core.errors import Problem
from generator.format.schema import Consent
from generator.format.vocabulary import Visibility

if TYPE_CHECKING:
    from generator.format.journey import Parts, Placed, Writing
    from generator.format.load import KeyPath, LoadedJourney, SourceFile
    from generator.format.schema import PersonFields

# Words a relation starts with that are not a name: "your Nan" names her as "Nan".
LEADING = re.compile(r"^(?:your|my|the|a|an)\s+", re.IGNORECASE)
# Where a relation's first words end: "your Nan, Mum's mum", "your Nan (Mum's mum)".
CLAUSE = re.compile(r"[,;:(\u2013\u2014]")




def story_problems(parts: Parts, loaded: LoadedJourney, everyone: list[Placed]
                   ) -> list[Problem]:
    """Deaths against births and dates (a death before a birth is an error, the others are
    warnings) and doubled sign-offs. everyone: the young person and everyone in people.yaml,
    each with their file and where they are in it."""
    people: dict[str, PersonFields] = {}
    for _source, _loc, person in everyone:
        people.setdefault(person.id, person)
    return [*_lifespans(everyone), *_events_after_death(parts, loaded, people),
            *_writings_after_death(parts, people), *_doubled_sign_offs(parts, loaded)]


def _lifespans(everyone: list[Placed]) -> Iterable[Problem]:
    for source, loc, person in everyone:
        if person.born and person.died and person.died.latest < person.born.earliest:
            message = (f"{person.called} ({person.id}) died ({person.died.text}) before they "
                       f"were born ({person.born.text}).")
            fix = "Check the 'born' and 'died' dates."
            yield (source.problem((*loc, "died"), message, fix) if source
                   else Problem(None, message, fix))


def certainly_after(later: FuzzyDate, death: FuzzyDate) -> bool:
    """Whether `later` is after `death` whichever days the two vague dates mean: "summer 2019"
    is after "2018-02-20"; "2018" is not certainly after "about 2018"."""
    return later.earliest > death.latest


def _events_after_death(parts: Parts, loaded: LoadedJourney,
                        everyone: dict[str, PersonFields]) -> Iterable[Problem]:
    for e_index, event in enumerate(parts.timeline.events):
        for i, person_id in enumerate(event.people):
            person = everyone.get(person_id)
            if person is None or person.died is None:
                continue
            if certainly_after(event.date, person.died):
                yield _problem(
                    loaded.timeline, ("events", e_index, "people", i),
                    f"the event '{event.title}' ({event.date.text}) is with {person.called} "
                    f"({person.id}), who had died by then ({person.died.text}): the timeline "
                    f"will say it was with {person.called}.",
                    f"Check the event's date and {person.id}'s 'died' date; if the event is "
                    f"about them (a funeral, a visit to their grave), take {person.id} out of "
                    "its people and say so in its title or 'about' words.")


def _writings_after_death(parts: Parts,
                          everyone: dict[str, PersonFields]) -> Iterable[Problem]:
    for writing, kind in _writings(parts):
        person = everyone.get(writing.meta.by)
        if person is None or person.died is None:
            continue
        name, died = f"{person.called} ({person.id})", person.died.text
        dated = writing.meta.date
        if dated and certainly_after(dated, person.died):
            recorded = "wrote or recorded" if writing.meta.recording else "wrote"
            yield writing.source.problem(
                ("date",), f"this {kind} is dated {dated.text}, after its writer {name} died "
                f"({died}).", f"If {person.called} {recorded} it before they died, give that "
                f"day (or year) as its 'date'; if someone else wrote it down later, put it "
                f"'from' them. Otherwise check {person.id}'s 'died' date.", warning=True)
        about = getattr(writing.meta, "about", None)
        if about and certainly_after(about, person.died):
            yield writing.source.problem(
                ("about",), f"this {kind} remembers {about.text}, after its writer {name} died "
                f"({died}).", "Check its 'about' date: it is when the remembered moment was.",
                warning=True)


def _doubled_sign_offs(parts: Parts, loaded: LoadedJourney) -> Iterable[Problem]:
    """A memory or letter is signed with its writer's name and relation ("Jan, your foster
    carer"): when the relation's first words are one of their names ("your Nan" for Nan, "your
    Grandad" for Grandad Ray), the sign-off names the same person twice ("Nan, your Nan")."""
    told: set[str] = set()
    index = {person.id: i for i, person in reversed(list(enumerate(parts.people.people)))}
    for writing, kind in _writings(parts):
        if (writing.meta.by not in index or writing.meta.by in told
                or writing.meta.consent is Consent.refused):  # refused: never in any copy
            continue
        person = parts.people.people[index[writing.meta.by]]
        if person.visibility is not Visibility.shown:
            continue  # signed by their relation alone, or never shown at all
        relation = person.relation
        clause = CLAUSE.split(relation, maxsplit=1)[0]
        first = LEADING.sub("", clause.strip()).casefold()
        names = {person.called, *person.called.split(), *person.also_known_as}
        if first and first in {name.casefold() for name in names}:
            told.add(person.id)
            rest = relation[len(clause):].strip(" ,;:()\u2013\u2014")
            example = f" (e.g. '{rest}')" if rest else ""
            yield _problem(
                loaded.people, ("people", index[person.id], "relation"),
                f"the {kind} {writing.source.path.name} is signed '{person.called}, "
                f"{relation}': it names {person.called} twice, by their name and by their "
                "relation (so will every memory and letter from them).",
                f"Write {person.id}'s relation as what their name does not already "
                f"say{example}, or give them the name they sign with in 'called'.")


def _writings(parts: Parts) -> list[tuple[Writing, str]]:
    """Every memory and letter, each with the word for its kind."""
    return [*((w, "memory") for w in parts.memories), *((w, "letter") for w in parts.letters)]


def _problem(source: SourceFile | None, loc: KeyPath, message: str, fix: str) -> Problem:
    if source is None:
        return Problem(None, message, fix, warning=True)
    return source.problem(loc, message, fix, warning=True)
