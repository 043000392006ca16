"""A journey's case data once validated: the typed `Journey` every later stage reads, its
`Writing`s, the `Parts` that validated (for the checks across files), and `Found`, where every
check says what is wrong at its file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core.errors import Problem
from generator.format.load import KeyPath, LoadedJourney, SourceFile
from generator.format.schema import (
    JourneyFile,
    Letter,
    Memory,
    PeopleFile,
    PersonFields,
    PhotosFile,
    PlanFile,
    Recording,
    TimelineFile,
)


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


@dataclass
class Parts:
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


class Found:
    """The problems found so far, each at its file and where in it, with its fix."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems

    def error(self, source: SourceFile | None, loc: KeyPath, message: str, fix: str = "",
              warning: bool = False) -> None:
        if source is None:
            self.problems.append(Problem(None, message, fix, warning=warning))
        else:
            self.problems.append(source.problem(loc, message, fix, warning=warning))


Placed = tuple[SourceFile | None, KeyPath, PersonFields]  # a person, their file and where in it


def everyone(parts: Parts, loaded: LoadedJourney) -> list[Placed]:
    """The young person (when journey.yaml validated) and everyone in people.yaml, each with
    their file and where they are in it."""
    young = [(loaded.journey, ("young_person",), parts.info.young_person)] if parts.info else []
    return young + [(loaded.people, ("people", i), p) for i, p in enumerate(parts.people.people)]


def recordings_named(j: Parts, loaded: LoadedJourney
                     ) -> list[tuple[SourceFile | None, KeyPath, Recording]]:
    """Every recording the case data names, with its file and where it is in it."""
    found: list[tuple[SourceFile | None, KeyPath, Recording]] = [
        (loaded.photos, ("photos", i, "recording"), photo.recording)
        for i, photo in enumerate(j.photos.photos) if photo.recording]
    return found + [(w.source, ("recording",), w.meta.recording)
                    for w in [*j.memories, *j.letters] if w.meta.recording]
