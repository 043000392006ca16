"""The cast's people: everyone resolved to one role (shown, named only by their relation, a
nameless placeholder that keeps the tree's shape, or absent), and said as the book may say them,
each name and relation screened once.
"""

from __future__ import annotations

from generator.cast.cast_types import CastPerson, Role
from generator.cast.safety import confidential_carers
from generator.cast.screening import Screening
from generator.format.journey import Journey
from generator.format.schema import Person, Visibility

# What the book calls someone whose name and relation the screen refused.
SOMEONE = "someone in your life"


class PeopleCast:
    """Everyone resolved to one role, and cast as the book may show them."""

    def __init__(self, journey: Journey, screening: Screening):
        self.journey = journey
        self.yp = journey.info.young_person
        self.screening = screening
        self.raw = {p.id: p for p in journey.people.people}
        self._said: dict[str, tuple[str, str]] = {}
        self.roles = self._roles()
        self.confidential = confidential_carers(journey)

    def _roles(self) -> dict[str, Role]:
        """Everyone's role; absent people (never shown, not needed in the tree) are missing."""
        roles = {self.yp.id: Role.me}
        children: dict[str, list[str]] = {}
        for person in [self.yp, *self.journey.people.people]:
            for parent in person.parents:
                children.setdefault(parent, []).append(person.id)
        for person in self.journey.people.people:
            if person.visibility is Visibility.shown:
                roles[person.id] = Role.shown
            elif person.visibility is Visibility.name_withheld:
                roles[person.id] = Role.withheld
        for person in self.journey.people.people:
            if person.visibility is Visibility.never_shown and any(
                    roles.get(c) in (Role.me, Role.shown, Role.withheld)
                    for c in children.get(person.id, [])):
                roles[person.id] = Role.placeholder
        return roles

    def person(self, person: Person, role: Role) -> CastPerson:
        text = self.screening.text
        ids = self.roles
        if role is Role.placeholder:
            return CastPerson(id=person.id, role=role, name="",
                              parents=tuple(p for p in person.parents if p in ids))
        withheld = role is Role.withheld
        hide_full_name = withheld or person.id in self.confidential or \
            person.full_name == person.called
        full_name = "" if hide_full_name else \
            text(person.full_name, f"the full name of {person.called} ({person.id})")
        about = "" if withheld else text(person.about, f"what is said about "
                                                       f"{person.called} ({person.id})")
        name, relation = self.said(person.id)
        return CastPerson(
            id=person.id, role=role, name=name, full_name=full_name, relation=relation,
            sex=person.sex, born=None if withheld else person.born,
            died=None if withheld else person.died, deceased=person.deceased or
            person.died is not None, parents=tuple(p for p in person.parents if p in ids),
            twin_of=person.twin_of if person.twin_of in ids else None, kind=person.kind,
            side=person.side, closeness=person.closeness, tie=person.tie,
            support=person.support, found=person.found, in_touch=person.in_touch,
            birthday_in_calendar=person.birthday_in_calendar and not withheld,
            about=about,
            portrait=self.screening.portrait(person.photo, f"A photo of {relation or name}")
            if person.photo else None,
            note=(f"Name withheld: {person.full_name or person.called} is shown only as "
                  f"\u201c{person.relation}\u201d" if withheld and self.screening.preview else ""))

    def me(self) -> CastPerson:
        return CastPerson(id=self.yp.id, role=Role.me, name=self.yp.called, sex=self.yp.sex,
                          born=self.yp.born, parents=tuple(p for p in self.yp.parents
                                                           if p in self.roles),
                          twin_of=self.yp.twin_of if self.yp.twin_of in self.roles else None)

    def kept_out(self) -> list[CastPerson]:
        """Never-shown people, with their names: only for the coordinator's preview."""
        if not self.screening.preview:
            return []
        return [CastPerson(id=p.id, role=Role.placeholder, name=p.called,
                           full_name=p.full_name or "", relation=p.relation, kind=p.kind)
                for p in self.journey.people.people if p.visibility is Visibility.never_shown]

    def writer_name(self, person_id: str) -> str:
        """Who wrote it, as the book says it (a preview names a never-shown writer)."""
        if person_id == self.yp.id:
            return self.yp.called
        if person_id not in self.raw:
            return person_id
        return self.said(person_id)[0]

    def said(self, person_id: str) -> tuple[str, str]:
        """A person's name and relation as the book says them, each screened once: a
        withheld person by their relation; a name or relation the screen refuses is replaced
        by words that say nothing of them, never by the raw case data."""
        text = self.screening.text
        if person_id not in self._said:
            person = self.raw[person_id]
            withheld = self.roles.get(person_id) is Role.withheld
            relation = text(person.relation, f"the relation of {person.id}")
            name = relation if withheld else text(person.called, f"the name of {person.id}")
            self._said[person_id] = (name or relation or SOMEONE, "" if withheld else relation)
        return self._said[person_id]
