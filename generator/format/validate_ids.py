"""The case data's people, places and links across files: every id used once, every person
named by an id that is known, and no ancestry in a loop. Part of validation.
"""

from __future__ import annotations

import difflib

from generator.format.journey import Found, Parts, everyone, recordings_named
from generator.format.load import KeyPath, LoadedJourney, SourceFile


class References:
    """Ids, the references to them, and the family's ancestry: what needs every file."""

    def __init__(self, journey: Parts, loaded: LoadedJourney, found: Found):
        self.journey = journey
        self.loaded = loaded
        self._error = found.error
        self.ids: set[str] = set()

    def check(self) -> None:
        self._ids()
        self._references()
        self._family_loops()

    def _ids(self) -> None:
        if self.journey.info:
            self.ids.add(self.journey.info.young_person.id)
        for index, person in enumerate(self.journey.people.people):
            if person.id in self.ids:
                self._error(self.loaded.people, ("people", index, "id"),
                            f"the id '{person.id}' is used twice.",
                            "Give each person their own id, e.g. add their name: "
                            f"{person.id}-2 or {person.id}-{person.called.lower().split()[0]}.")
            self.ids.add(person.id)
        place_ids = set()
        for index, place in enumerate(self.journey.timeline.places):
            if place.id in place_ids:
                self._error(self.loaded.timeline, ("places", index, "id"),
                            f"the place id '{place.id}' is used twice.",
                            "Give each place its own id.")
            place_ids.add(place.id)

    def _reference(self, source: SourceFile | None, loc: KeyPath, person_id: str | None) -> None:
        if person_id is None or person_id in self.ids or not self.journey.ids_known:
            return
        close = difflib.get_close_matches(person_id, sorted(self.ids), n=1, cutoff=0.6)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        self._error(source, loc, f"no person has the id '{person_id}'.",
                    f"{hint}Ids must match one in people.yaml or young_person in journey.yaml.")

    def _references(self) -> None:
        j, loaded = self.journey, self.loaded
        for i, spell in enumerate(j.info.young_person.carers if j.info else []):
            self._reference(loaded.journey, ("young_person", "carers", i, "id"), spell.id)
        for source, loc, person in everyone(self.journey, self.loaded):
            for i, parent in enumerate(person.parents):
                self._reference(source, (*loc, "parents", i), parent)
                if parent == person.id:
                    self._error(source, (*loc, "parents", i),
                                f"'{person.id}' is listed as their own parent.",
                                "Check the ids in parents.")
            self._reference(source, (*loc, "twin_of"), person.twin_of)
            if person.twin_of == person.id:
                self._error(source, (*loc, "twin_of"),
                            f"'{person.id}' is listed as their own twin.",
                            "Write the id of their twin brother or sister, or leave out "
                            "twin_of.")
        for r_index, relationship in enumerate(j.people.relationships):
            for i, person_id in enumerate(relationship.between):
                self._reference(loaded.people, ("relationships", r_index, "between", i),
                                person_id)
        for u_index, union in enumerate(j.people.unions):
            for i, partner in enumerate(union.partners):
                self._reference(loaded.people, ("unions", u_index, "partners", i), partner)
            if union.partners[0] == union.partners[1]:
                self._error(loaded.people, ("unions", u_index, "partners"),
                            "a partnership needs two different people.", "Check the two ids.")
        place_ids = {place.id for place in j.timeline.places}
        for p_index, place in enumerate(j.timeline.places):
            for i, person_id in enumerate(place.people):
                self._reference(loaded.timeline, ("places", p_index, "people", i), person_id)
            if place.end and place.end.latest < place.start.earliest:
                self._error(loaded.timeline, ("places", p_index, "to"),
                            f"'{place.name}' ends before it starts.",
                            "Check the 'from' and 'to' dates.")
        for e_index, event in enumerate(j.timeline.events):
            for i, person_id in enumerate(event.people):
                self._reference(loaded.timeline, ("events", e_index, "people", i), person_id)
            if event.place and event.place not in place_ids:
                self._error(loaded.timeline, ("events", e_index, "place"),
                            f"no place has the id '{event.place}'.",
                            "Use the id of one of the places listed under 'places:'.")
        for ph_index, photo in enumerate(j.photos.photos):
            for i, person_id in enumerate(photo.people):
                self._reference(loaded.photos, ("photos", ph_index, "people", i), person_id)
            self._reference(loaded.photos, ("photos", ph_index, "shared_by"), photo.shared_by)
        for c_index, commitment in enumerate(j.plan.commitments):
            for i, person_id in enumerate(commitment.who):
                self._reference(loaded.plan, ("commitments", c_index, "who", i), person_id)
        for writing in [*j.memories, *j.letters]:
            self._reference(writing.source, ("from",), writing.meta.by)
        for source, loc, recording in recordings_named(j, loaded):
            for i, person_id in enumerate(recording.people):
                self._reference(source, (*loc, "people", i), person_id)

    def _family_loops(self) -> None:
        """Refuse ancestry that goes round in a circle (someone their own grandparent): no
        family is like that, and the family tree, drawn generation by generation, could not
        be drawn. Each loop is named in order, at the first of its people's parents entry."""
        where = {}
        for source, loc, person in everyone(self.journey, self.loaded):
            where.setdefault(person.id, (source, loc, person))
        parents = {pid: [p for p in person.parents if p in where and p != pid]
                   for pid, (_source, _loc, person) in where.items()}
        for loop in family_loops(parents):
            source, loc, person = where[loop[0]]
            index = person.parents.index(loop[1])
            self._error(source, (*loc, "parents", index),
                        f"these people are each other's ancestors, in a loop: "
                        f"{' -> '.join([*loop, loop[0]])} (each one lists the next under "
                        "parents).", "Check the ids in 'parents' along the loop: someone's "
                        "parent cannot also be their child, grandchild or descendant.")


def family_loops(parents: dict[str, list[str]]) -> list[list[str]]:
    """Every loop in the parents graph (id -> ids of their parents), each once, as the list of
    ids along it, starting with the earliest of its people in parents' order.

    A depth-first walk with its own stack (a long line of ancestors must not reach Python's
    recursion limit); a parent still on the walk's path closes a loop.
    """
    order = {pid: n for n, pid in enumerate(parents)}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    loops: dict[frozenset[str], list[str]] = {}
    for start in parents:
        if start in state:
            continue
        path, stack = [start], [iter(parents[start])]
        state[start] = 1
        while stack:
            parent = next(stack[-1], None)
            if parent is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(parent) == 1:
                loop = path[path.index(parent):]
                first = min(range(len(loop)), key=lambda i: order[loop[i]])
                loops.setdefault(frozenset(loop), loop[first:] + loop[:first])
            elif parent not in state:
                state[parent] = 1
                path.append(parent)
                stack.append(iter(parents[parent]))
    return list(loops.values())
