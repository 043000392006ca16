"""The release gate's own list of the names that must not be in a copy.

Made from the case data apart from the cast's list (safety.kept_out), by code of its own: the
gate checks the cast's work, so it must not share the cast's blind spots. If a change to the
cast's list forgets a kind of name, the gate's list still has it, and the copy is refused. Both
read text through the same Matcher (and so the same reading), which is tested on its own.

Written to err the other way from the cast's: every word of every name of everyone not shown
(also what they are also known as), every two neighbouring words joined, the handles a name
makes; only words a shown person is shown by, and the book's own words, are looked for with
care (beside another of their names, after a title, or with a capital inside a sentence).
"""

from __future__ import annotations

from itertools import pairwise

from generator.safeguard.names import (
    KINSHIP_WORDS,
    SHORTEST_NAME,
    TITLES,
    Matcher,
    Name,
    is_latin,
    name_parts,
)
from generator.safeguard.person_names import is_own_word
from generator.safeguard.safety import confidential_carers, confidential_names, contact_pieces
from generator.stages.schema import Visibility
from generator.stages.validate import Journey


def gate_matcher(journey: Journey) -> Matcher:
    """A Matcher for every name the young person's copy must not hold (see the module's doc)."""
    shown = shown_words(journey)
    names: list[Name] = []
    for person in journey.people.people:
        if person.visibility is Visibility.shown:
            continue
        why = (f"a name of {person.called} ({person.id}), who is never shown"
               if person.visibility is Visibility.never_shown else
               f"the withheld name of {person.called} ({person.id})")
        for written in (person.called, person.full_name or "", *person.also_known_as):
            names += _names_in(written, why)
        names += _handles(person.full_name or person.called, why)
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


def _names_in(written: str, why: str) -> list[Name]:
    """Every name a written name makes (see the module's doc)."""
    parts = [p for p in name_parts(written) if p not in KINSHIP_WORDS]
    found = [Name((a + b,), why) for a, b in pairwise(parts)]
    for part in parts:
        if len(part) >= SHORTEST_NAME and not is_own_word(part):
            found.append(Name((part,), why))
            continue
        if len(part) >= SHORTEST_NAME and is_latin(part):
            found.append(Name((part,), why, keyed=False, capitalised=True))
        found += [Name((title, part), why) for title in TITLES]
        found += [Name(pair, why) for other in parts if other != part
                  for pair in ((other, part), (part, other))]
    return found


def _handles(name: str, why: str) -> list[Name]:
    """kevinmarsh, marshkevin, kmarsh, kevinm: as a profile's address or a handle is made."""
    parts = [p for p in name_parts(name) if p not in KINSHIP_WORDS]
    if len(parts) < 2:
        return []
    first, last = parts[0], parts[-1]
    made = {first + last, last + first, first[0] + last, first + last[0]}
    return [Name((m,), why, keyed=False) for m in made if len(m) >= 5]
