"""Who in an import is new: the merge's rules, and the entries it adds to people.yaml.

Someone already in the journey is never added again and never changed:
- a person imported before from the same file is found by their record (`imported:`), however
  the coordinator has edited them since;
- a person with the id a spreadsheet's id column gives is that person;
- anyone else already there (written by hand, the young person, or from another file) is found
  by their full name (or, without one, what they are called: case and accents aside) and a
  birth that agrees (the same, within the other, or not known on one side), when exactly one
  person there and one in the file fit; when several share the name, by their name, birth,
  death, sex and parents' names all together, when only one on each side has them all.
Everyone else is added, `visibility: never shown`, with an id made from their name (someone
sharing a name with a person already there is reported, to be checked by hand). A
partnership is added unless the same two people already have one that began at a date that
agrees. Parent links that would make anyone their own ancestor, and deaths before births, are
left out and reported: journeybook's check refuses both.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.dates import FuzzyDate, parse_date
from generator.core.errors import Problem
from generator.core.output import write_atomically
from generator.exchange.incoming import Incoming, NewPerson, NewUnion, name_key
from generator.exchange.people_file import (
    DateText,
    PeopleText,
    checked_text,
    with_entries,
)
from generator.format.new_journey import slugify
from generator.format.schema import Person, PersonFields
from generator.format.validate_ids import family_loops
from generator.format.vocabulary import Kind, Sex, Side, Visibility

ID_LENGTH = 60  # as PersonId allows


@dataclass
class Plan:
    """What an import adds to people.yaml, and who it found already there."""

    people: list[dict[str, Any]] = field(default_factory=list)
    unions: list[dict[str, Any]] = field(default_factory=list)
    found: list[tuple[NewPerson, str, str]] = field(default_factory=list)  # person, id, how
    problems: list[Problem] = field(default_factory=list)


def plan_import(existing: PeopleText, incoming: Incoming) -> Plan:
    """The entries to add for incoming, and who in it is already in the journey."""
    plan = Plan()
    ids = _match(existing, incoming, plan)
    added = [p for p in incoming.people if p.key not in ids]
    taken = {existing.young.id, *(p.id for p in existing.model.people)}
    for person in added:
        ids[person.key] = _new_id(person, taken)
    parents = {p.key: _parent_ids(p, ids, taken, incoming, plan) for p in added}
    _break_loops(existing, added, ids, parents, incoming, plan)
    plan.people = [_entry(p, ids[p.key], parents[p.key], incoming, plan) for p in added]
    plan.unions = _unions(existing, incoming.unions, ids)
    return plan


def _match(existing: PeopleText, incoming: Incoming, plan: Plan) -> dict[str, str]:
    """key -> id of each incoming person already in the journey (see the module's rules)."""
    everyone: list[PersonFields] = [existing.young, *existing.model.people]
    by_record = {(p.imported.source, p.imported.record): p.id for p in existing.model.people
                 if p.imported and p.imported.record}
    ids_there = {p.id for p in everyone}
    # Those imported from this file with a record are found by it only: comparing names
    # with them too would make a second import see two of someone the first saw once.
    others = [p for p in everyone if not (isinstance(p, Person) and p.imported
                                          and p.imported.source == incoming.source
                                          and p.imported.record)]
    by_name: dict[str, list[PersonFields]] = {}
    for person in others:
        by_name.setdefault(name_key(person.full_name or person.called), []).append(person)
    alike = Counter(p.identity for p in incoming.people)
    closely = _close_matches(everyone, others, incoming)
    found: dict[str, str] = {}
    for person in incoming.people:
        if person.record and (incoming.source, person.record) in by_record:
            found[person.key] = by_record[(incoming.source, person.record)]
            how = "the same record in the same file"
        elif person.same_as and person.same_as in ids_there:
            found[person.key] = person.same_as
            how = "the same id"
        else:
            born = _date(person.born)
            fits = [p for p in by_name.get(person.identity, []) if _agree(p.born, born)]
            if len(fits) == 1 and alike[person.identity] == 1:
                found[person.key] = fits[0].id
                how = "the same name and birth"
            elif person.key in closely:
                found[person.key] = closely[person.key]
                how = "the same name, dates, sex and parents' names"
            else:
                if fits:
                    plan.problems.append(_problem(
                        incoming, person, "has the name of "
                        f"{', '.join(p.id for p in fits[:3])}, already in the journey, but "
                        "nothing in the file tells which, so they were added.",
                        "Check whether they are the same person; if so, delete the new one."))
                continue
        plan.found.append((person, found[person.key], how))
    return found


def _close_matches(everyone: list[PersonFields], others: list[PersonFields],
                   incoming: Incoming) -> dict[str, str]:
    """key -> id for people whose name is shared (three John Willises in one tree): matched
    when their name, birth, death, sex and parents' names are all the same, and no one else
    on either side has all of them."""
    names = {p.id: name_key(p.full_name or p.called) for p in everyone}
    there: dict[tuple, list[str]] = {}
    for person in others:
        parents = tuple(sorted(names.get(p, p) for p in person.parents))
        there.setdefault((names[person.id], person.born, person.died, person.sex, parents),
                         []).append(person.id)
    identities = {p.key: p.identity for p in incoming.people}
    coming: dict[tuple, list[str]] = {}
    for person in incoming.people:
        parents = tuple(sorted(identities.get(p, names.get(p, p)) for p in person.parents))
        signature = (person.identity, _date(person.born), _date(person.died), person.sex,
                     parents)
        coming.setdefault(signature, []).append(person.key)
    return {keys[0]: there[signature][0] for signature, keys in coming.items()
            if len(keys) == 1 and len(there.get(signature, [])) == 1}


def _agree(one: FuzzyDate | None, other: FuzzyDate | None) -> bool:
    """Two dates that may be the same day: either unknown, or their spans overlap."""
    return one is None or other is None or (one.earliest <= other.latest
                                            and other.earliest <= one.latest)


@functools.lru_cache(maxsize=4096)
def _date(text: str | None) -> FuzzyDate | None:
    """The date of text (read once: a tree's dates repeat, and reading one takes a while)."""
    return parse_date(text) if text else None


def _new_id(person: NewPerson, taken: set[str]) -> str:
    """The id the file asks for if it is free, else one made from the name: 'zoe-obrien',
    then 'zoe-obrien-2'... An id is taken as soon as it is given."""
    if person.wanted_id and person.wanted_id not in taken:
        taken.add(person.wanted_id)
        return person.wanted_id
    base = slugify(person.full_name or person.called)[:ID_LENGTH - 4].strip("-") or "person"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate


def _parent_ids(person: NewPerson, ids: dict[str, str], taken: set[str], incoming: Incoming,
                plan: Plan) -> list[str]:
    """The ids of a new person's parents: each link is a key in the file or an id there."""
    found = []
    for link in person.parents:
        parent = ids.get(link, link if link in taken else None)
        if parent is None:
            plan.problems.append(_problem(incoming, person, f"their parent '{link}' is not in "
                                          "the file, so it was left out."))
        elif parent != ids[person.key] and parent not in found:
            found.append(parent)
    return found[:2]


def _break_loops(existing: PeopleText, added: list[NewPerson], ids: dict[str, str],
                 parents: dict[str, list[str]], incoming: Incoming, plan: Plan) -> None:
    """Leave out the parent links of new people that would make someone their own ancestor."""
    new_by_id = {ids[p.key]: p for p in added}
    broken = True
    while broken:
        graph = {p.id: list(p.parents) for p in [existing.young, *existing.model.people]}
        graph.update({ids[p.key]: parents[p.key] for p in added})
        broken = False
        for loop in family_loops(graph):
            at = next((i for i, pid in enumerate(loop) if pid in new_by_id), None)
            if at is None:  # a loop among people already there: `check` names it
                continue
            child, parent = loop[at], loop[(at + 1) % len(loop)]
            person = new_by_id[child]
            parents[person.key].remove(parent)
            broken = True
            plan.problems.append(_problem(
                incoming, person, f"their parent {parent} is also their descendant in the "
                "file, so that parent link was left out.", "Check the family in your "
                "genealogy program."))


def _entry(person: NewPerson, person_id: str, parents: list[str], incoming: Incoming,
           plan: Plan) -> dict[str, Any]:
    """The new person as people.yaml holds them: never shown, and where they came from."""
    born, died = _date(person.born), _date(person.died)
    if born and died and died.latest < born.earliest:
        plan.problems.append(_problem(incoming, person, f"died '{person.died}' before they "
                                      f"were born '{person.born}', so the death date was left "
                                      "out.", "Write the right dates in people.yaml."))
        died = None
    entry: dict[str, Any] = {"id": person_id, "called": person.called}
    if person.full_name:
        entry["full_name"] = person.full_name
    if person.also_known_as:
        entry["also_known_as"] = person.also_known_as
    entry["relation"] = person.relation
    if person.sex is not Sex.unknown:
        entry["sex"] = person.sex.value
    if born:
        entry["born"] = DateText(born.text)
    if died:
        entry["died"] = DateText(died.text)
    if person.deceased or (person.died and not died):
        entry["deceased"] = True
    if parents:
        entry["parents"] = parents
    if person.kind is not Kind.family:
        entry["kind"] = person.kind.value
    if person.side is not Side.none:
        entry["side"] = person.side.value
    entry["visibility"] = Visibility.never_shown.value
    if person.contact:
        entry["contact"] = dict(person.contact)
    entry["imported"] = {"from": incoming.source, **({"record": person.record}
                                                     if person.record else {})}
    return entry


def _unions(existing: PeopleText, unions: list[NewUnion], ids: dict[str, str]
            ) -> list[dict[str, Any]]:
    """The partnerships to add: between people now in the journey, not there already."""
    there: dict[frozenset[str], list[FuzzyDate | None]] = {}
    for known in existing.model.unions:
        there.setdefault(frozenset(known.partners), []).append(known.start)
    entries = []
    for union in unions:
        partners = [ids.get(key) for key in union.partners]
        if None in partners or partners[0] == partners[1]:
            continue
        pair, start = frozenset(partners), _date(union.start)
        if any(_agree(start, began) for began in there.get(pair, [])):
            continue
        there.setdefault(pair, []).append(start)
        entry: dict[str, Any] = {"partners": partners, "kind": union.kind.value}
        if union.start:
            entry["from"] = DateText(union.start)
        if union.ended:
            entry["ended"] = union.ended.value
        if union.end:
            entry["to"] = DateText(union.end)
        entries.append(entry)
    return entries


def _problem(incoming: Incoming, person: NewPerson, message: str, fix: str = "") -> Problem:
    return Problem(incoming.path, f"{person.called} ({person.key}): {message}", fix,
                   line=person.line, warning=True)


@dataclass
class Done:
    """An import: what the file brought, what was added, and whether people.yaml was written."""

    people_file: Path
    incoming: Incoming
    plan: Plan
    written: bool


def known_people(people: PeopleText) -> dict[str, list[str]]:
    """The ids of everyone in the journey, by their id and by their names (name_key): how a
    spreadsheet's mum and dad columns may name them."""
    known: dict[str, list[str]] = {}
    for person in [people.young, *people.model.people]:
        for written in {person.id, name_key(person.full_name or ""), name_key(person.called)}:
            if written:
                known.setdefault(written, []).append(person.id)
    return known


def import_into(people: PeopleText, incoming: Incoming, *, dry_run: bool = False) -> Done:
    """Add incoming's new people and partnerships to the journey's people.yaml (see
    read_people_file) unless dry_run; raise ImportRefused when people.yaml cannot take them.
    Nothing is written when nothing is new."""
    plan = plan_import(people, incoming)
    added = {"people": plan.people, "unions": plan.unions}
    if not plan.people and not plan.unions:
        return Done(people.path, incoming, plan, written=False)
    data = checked_text(people, with_entries(people, added, incoming.source), added)
    if not dry_run:
        write_atomically(people.path, data)
    return Done(people.path, incoming, plan, written=not dry_run)
