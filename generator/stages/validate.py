"""Stage 2 - Validate: turn loaded files into typed case data, and report every problem at once.

Each file is checked against its model in `schema`; then the journey is checked as a whole:
person ids that are unknown or used twice, a death before a birth, files that are missing, not
images, or outside the journey folder. Problems carry the file and line, and a fix.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.core.errors import Problem
from generator.core.paths import near_file, resolve_inside
from generator.core.source_cache import SourceCache
from generator.stages import recordings
from generator.stages.explain import explain
from generator.stages.load import KeyPath, LoadedJourney, SourceFile
from generator.stages.media import verify_all, why_unreadable
from generator.stages.schema import (
    Consent,
    JourneyFile,
    Letter,
    Memory,
    PeopleFile,
    PersonFields,
    PhotosFile,
    PlanFile,
    Recording,
    Strict,
    TimelineFile,
)
from generator.stages.validate_story import story_problems
from generator.stages.vocabulary import PICTURE_SUFFIXES, RECORDING_SUFFIXES


@dataclass(frozen=True)
class Writing:
    """A memory or a letter: its front matter, its Markdown text and where it came from."""

    meta: Memory | Letter
    text: str
    source: SourceFile


@dataclass
class Journey:
    """A journey's case data, validated: typed, cross-checked, every path inside the folder."""

    folder: Path
    info: JourneyFile
    people: PeopleFile
    timeline: TimelineFile
    photos: PhotosFile
    plan: PlanFile
    memories: list[Writing] = field(default_factory=list)
    letters: list[Writing] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def id(self) -> str:
        return journey_id(self.folder)


def journey_id(folder: Path) -> str:
    """A journey's id: its folder's name (also when given as "." or with a trailing slash)."""
    return folder.resolve().name


def validate_journey(loaded: LoadedJourney, cache: SourceCache | None = None
                     ) -> tuple[Journey | None, list[Problem]]:
    """Return the validated journey (None if any error) and every problem found.

    cache remembers which images were already seen to decode, so an unchanged photo is not
    decoded again on every check.
    """
    problems: list[Problem] = []
    info = _check_model(loaded.journey, JourneyFile, problems)
    people = _check_model(loaded.people, PeopleFile, problems)
    timeline = _check_model(loaded.timeline, TimelineFile, problems, optional=True)
    photos = _check_model(loaded.photos, PhotosFile, problems, optional=True)
    plan = _check_model(loaded.plan, PlanFile, problems, optional=True)
    memories = [m for m in (_writing(source, Memory, problems) for source in loaded.memories) if m]
    letters = [w for w in (_writing(source, Letter, problems) for source in loaded.letters) if w]
    # The checks across files run on whatever did validate, so that `check` lists every
    # problem at once: a file that failed adds nothing (its problems are listed already).
    parts = _Parts(loaded.folder, info, people or PeopleFile(), timeline or TimelineFile(),
                   photos or PhotosFile(), plan or PlanFile(), memories, letters,
                   ids_known=info is not None and people is not None)
    _Checker(parts, loaded, problems, cache).check()
    if info is None or people is None or timeline is None or photos is None or plan is None:
        return None, problems
    journey = Journey(folder=loaded.folder, info=info, people=people, timeline=timeline,
                      photos=photos, plan=plan, memories=memories, letters=letters)
    errors = [p for p in problems if not p.warning]
    journey.warnings = [p for p in problems if p.warning]
    return (None if errors else journey), problems


def _check_model(source: SourceFile | None, model: type[Strict], problems: list[Problem], *,
                 optional: bool = False) -> Any:
    if source is None:
        # A missing required file was reported by load; a missing optional one is empty.
        return model() if optional else None
    data = source.data if source.data is not None else {}
    if not isinstance(data, dict):
        problems.append(source.problem((), f"{source.path.name} should be a set of 'field: value' "
                                       "lines, not a single value or a list.",
                                       "Compare it with the template from `journeybook new`."))
        return None
    # A section written with nothing under it ("milestones:" with every line commented out)
    # means "none yet", not a mistake.
    data = {key: value for key, value in data.items()
            if not (value is None and key in _optional_fields(model))}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(explain(error, source, model))
        return None


def _optional_fields(model: type[Strict]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()
            if not info.is_required()}


def _writing(source: SourceFile, model: type[Memory] | type[Letter],
             problems: list[Problem]) -> Writing | None:
    meta = _check_model(source, model, problems)
    if meta is None:
        return None
    if not source.body.strip():
        waiting = meta.consent != Consent.given   # a recording just added, say: in no copy yet
        problems.append(Problem(
            source.path, "has no text below the front matter" + (
                " yet, so it is left out of the book until it has." if waiting else "."),
            "Write the memory or letter (or its transcript) below the second --- line.",
            line=source.body_line, warning=waiting))
        return None
    return Writing(meta=meta, text=source.body, source=source)


@dataclass
class _Parts:
    """The files of a journey that validated, for the checks across files. A file that failed
    is empty here; info is None when journey.yaml failed."""

    folder: Path
    info: JourneyFile | None
    people: PeopleFile
    timeline: TimelineFile
    photos: PhotosFile
    plan: PlanFile
    memories: list[Writing]
    letters: list[Writing]
    # Whether every person id is known: with journey.yaml or people.yaml failed, an id that
    # is not found may be one of theirs, so references to people are not checked.
    ids_known: bool = True


class _Checks:
    """What every cross-file check shares: the journey's parts and the problems found."""

    def __init__(self, journey: _Parts, loaded: LoadedJourney, problems: list[Problem],
                 cache: SourceCache | None = None):
        self.journey = journey
        self.cache = cache
        self.loaded = loaded
        self.problems = problems
        self.ids: set[str] = set()

    def _error(self, source: SourceFile | None, loc: KeyPath, message: str, fix: str = "",
               warning: bool = False) -> None:
        if source is None:
            self.problems.append(Problem(None, message, fix, warning=warning))
        else:
            self.problems.append(source.problem(loc, message, fix, warning=warning))


class _FileChecks(_Checks):
    """Every file the case data names: inside the folder, there, and a picture that decodes."""

    def _files(self) -> None:
        j, loaded = self.journey, self.loaded
        self._pictures: list[tuple[SourceFile | None, KeyPath, str, Path]] = []
        if j.info and j.info.young_person.cover_photo:
            self._image(loaded.journey, ("young_person", "cover_photo"),
                        j.info.young_person.cover_photo)
        for i, person in enumerate(j.people.people):
            if person.photo:
                self._image(loaded.people, ("people", i, "photo"), person.photo)
        for i, photo in enumerate(j.photos.photos):
            self._image(loaded.photos, ("photos", i, "file"), photo.file)
        for i, proud in enumerate(j.info.in_my_words.proud_of if j.info else []):
            if proud.photo:
                self._image(loaded.journey, ("in_my_words", "proud_of", i, "photo"), proud.photo)
        for letter in j.letters:
            for i, scan in enumerate(letter.meta.scans):
                self._image(letter.source, ("scans", i), scan, pdf_allowed=True)
        self._decoding()
        for source, loc, recording in _recordings(j, loaded):
            self._recording(source, (*loc, "file"), recording.file)

    def _there(self, source: SourceFile | None, loc: KeyPath, relative: str,
               suffixes: set[str]) -> Path | None:
        """The file's path when it is inside the journey folder, there and not empty."""
        path = resolve_inside(self.journey.folder, relative)
        if path is None:
            self._error(source, loc, f"'{relative}' is outside this journey's folder.",
                        "Copy the file into the journey folder (e.g. photos/) and give the path "
                        "from there, like photos/beach.jpg.")
            return None
        if not path.is_file():
            near = near_file(self.journey.folder, relative, suffixes)
            hint = f"Did you mean '{near}'? " if near else ""
            self._error(source, loc, f"the file '{relative}' does not exist.",
                        f"{hint}Check the spelling and the folder; paths start from the "
                        "journey folder.")
            return None
        if path.stat().st_size == 0:
            self._error(source, loc, f"the file '{relative}' is empty (0 bytes).",
                        "Copy it again from where it came from.")
            return None
        return path

    def _recording(self, source: SourceFile | None, loc: KeyPath, relative: str) -> None:
        path = self._there(source, loc, relative, RECORDING_SUFFIXES)
        if path is None or not recordings.available():
            return  # without ffmpeg, the cast leaves every recording out and says so
        try:
            recordings.probe(path, self.cache)
        except recordings.RecordingError as error:
            self._error(source, loc, error.what, error.fix)

    def _image(self, source: SourceFile | None, loc: KeyPath, relative: str,
               pdf_allowed: bool = False) -> None:
        path = self._there(source, loc, relative, PICTURE_SUFFIXES)
        if path is None:
            return
        if path.suffix.lower() == ".pdf" and not pdf_allowed:
            self._error(source, loc, f"'{relative}' is a PDF; only letters' scans can be PDFs.",
                        "Save the photo as a JPEG or PNG.")
            return
        self._pictures.append((source, loc, relative, path))

    def _decoding(self) -> None:
        """Every picture named decodes: all are decoded side by side, then reported in order."""
        found = verify_all([path for *_, path in self._pictures], self.cache)
        for (source, loc, relative, _path), error in zip(self._pictures, found, strict=True):
            if told := why_unreadable(relative, error):
                self._error(source, loc, *told)

    def _consent_warnings(self) -> None:
        for i, photo in enumerate(self.journey.photos.photos):
            if photo.consent is Consent.given and not photo.alt:
                self._error(self.loaded.photos, ("photos", i), f"the photo '{photo.file}' has no "
                            "alt text.", "Add 'alt:' saying what it shows, for people who use a "
                            "screen reader.", warning=True)


class _Checker(_FileChecks):
    """Checks that need the whole journey: ids, family loops, dates that must agree, files."""

    def check(self) -> None:
        self._ids()
        self._references()
        self._family_loops()
        self._files()
        self._consent_warnings()
        # Dates and words that disagree across files: a death before a birth (an error), an
        # event with someone who had died, a doubled sign-off (warnings)...
        self.problems.extend(story_problems(self.journey, self.loaded, self._everyone()))

    def _everyone(self) -> list[tuple[SourceFile | None, KeyPath, PersonFields]]:
        """The young person (when journey.yaml validated) and everyone in people.yaml, each
        with their file and where they are in it."""
        info, loaded = self.journey.info, self.loaded
        young = [(loaded.journey, ("young_person",), info.young_person)] if info else []
        return young + [(loaded.people, ("people", i), p)
                        for i, p in enumerate(self.journey.people.people)]

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
        for source, loc, person in self._everyone():
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
        for source, loc, recording in _recordings(j, loaded):
            for i, person_id in enumerate(recording.people):
                self._reference(source, (*loc, "people", i), person_id)

    def _family_loops(self) -> None:
        """Refuse ancestry that goes round in a circle (someone their own grandparent): no
        family is like that, and the family tree, drawn generation by generation, could not
        be drawn. Each loop is named in order, at the first of its people's parents entry."""
        everyone = self._everyone()
        where = {}
        for source, loc, person in everyone:
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


def _recordings(j: _Parts, loaded: LoadedJourney
                ) -> list[tuple[SourceFile | None, KeyPath, Recording]]:
    """Every recording the case data names, with its file and where it is in it."""
    found: list[tuple[SourceFile | None, KeyPath, Recording]] = [
        (loaded.photos, ("photos", i, "recording"), photo.recording)
        for i, photo in enumerate(j.photos.photos) if photo.recording]
    return found + [(w.source, ("recording",), w.meta.recording)
                    for w in [*j.memories, *j.letters] if w.meta.recording]
