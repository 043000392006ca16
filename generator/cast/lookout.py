"""The release gate's own list of the names that must not be in a copy.

Made from the case data apart from the cast's list (safety.kept_out): the gate checks the
cast's work, so it must not share the cast's blind spots. It decides for itself whom to look
for (everyone not shown, by every name and what they are also known as) and which words the
copy shows (the young person's, shown people's, the coordinator's), so a change to the cast's
list that forgets a person, a field or a kind of name does not reach the gate, and the copy
is refused. The forms a written name makes (person_names.names_of, handles) and the Matcher
that finds them are shared mechanisms, each tested on its own.
"""

from __future__ import annotations

from generator.cast.names import Matcher, Name, name_parts
from generator.cast.person_names import names_of
from generator.cast.safety import (
    confidential_carers,
    confidential_names,
    contact_pieces,
    handles,
    why_kept_out,
)
from generator.format.journey import Journey
from generator.format.schema import Visibility


def gate_matcher(journey: Journey) -> Matcher:
    """A Matcher for every name the young person's copy must not hold (see the module's doc)."""
    shown = shown_words(journey)
    names: list[Name] = []
    for person in journey.people.people:
        if person.visibility is Visibility.shown:
            continue
        why = why_kept_out(person)
        for written in (person.called, person.full_name or "", *person.also_known_as):
            names += names_of(written, None, why, initials=True).names
        names += handles(person.called, person.full_name, why)
    names += confidential_names(journey) + contact_pieces(journey)
    return Matcher([n for n in names if not (len(n.words) == 1 and n.words[0] in shown)],
                   shown_words=shown)


def shown_words(journey: Journey) -> set[str]:
    """The words of the names the copy shows: the young person's, shown people's (a current
    carer in a confidential placement by first name only) and the coordinator's."""
    first_name_only = confidential_carers(journey)
    yp = journey.info.young_person
    words = set(name_parts(yp.called)) | set(name_parts(yp.full_name or ""))
    words |= set(name_parts(journey.info.coordinator.name))
    for person in journey.people.people:
        if person.visibility is Visibility.shown:
            words |= set(name_parts(person.called))
            if person.id not in first_name_only:
                words |= set(name_parts(person.full_name or ""))
    return words
