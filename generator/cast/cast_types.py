"""The safe cast's types: the case data as the book may tell it (see caster.py, which makes it).

Every stage after the cast reads only these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from generator.cast.scans import ScanText
from generator.core.dates import FuzzyDate
from generator.core.errors import LeftOut, Problem
from generator.format.schema import CloseLevels
from generator.format.vocabulary import (
    CareKind,
    Feeling,
    Kind,
    Sex,
    Side,
    Support,
    Tie,
    UnionEnd,
    UnionKind,
)


class Role(StrEnum):
    me = "me"
    shown = "shown"
    withheld = "withheld"  # named only by their relation
    placeholder = "placeholder"  # a nameless shape in the tree


@dataclass(frozen=True)
class CastPerson:
    """A person as the book may show them."""

    id: str
    role: Role
    name: str  # what the book calls them: their name, their relation, or "" (placeholder)
    full_name: str = ""
    relation: str = ""
    sex: Sex = Sex.unknown
    born: FuzzyDate | None = None
    died: FuzzyDate | None = None
    deceased: bool = False
    parents: tuple[str, ...] = ()
    twin_of: str | None = None
    kind: Kind = Kind.family
    side: Side = Side.none
    closeness: CloseLevels = field(default_factory=CloseLevels)
    tie: Tie | None = None
    support: Support | None = None
    found: bool = False
    in_touch: bool = False
    birthday_in_calendar: bool = False
    about: str = ""
    portrait: CastPicture | None = None
    note: str = ""  # for the coordinator only (a preview): whose name is withheld


@dataclass(frozen=True)
class CastUnion:
    partners: tuple[str, str]
    kind: UnionKind
    ended: UnionEnd | None


@dataclass(frozen=True)
class CastCare:
    id: str
    kind: CareKind
    start: FuzzyDate | None
    end: FuzzyDate | None


@dataclass(frozen=True)
class CastPlace:
    id: str
    name: str
    kind: str
    start: FuzzyDate
    end: FuzzyDate | None
    lived_here: bool
    people: tuple[str, ...]
    about: str


@dataclass(frozen=True)
class CastEvent:
    date: FuzzyDate
    title: str
    about: str
    place: str
    people: tuple[str, ...]


@dataclass(frozen=True)
class CastWriting:
    """A memory or a letter that may be shown (or, in a preview, is left out with its reason)."""

    kind: str  # "memory" or "letter"
    anchor: str  # a neutral id for the page: never the file's name, which may hold a name
    by: str  # the writer's person id
    by_name: str
    by_relation: str
    title: str
    date: FuzzyDate | None
    about: FuzzyDate | None
    text: str  # Markdown
    scans: tuple[CastPicture, ...] = ()
    recording: CastRecording | None = None  # the memory or letter as they recorded it
    left_out: str = ""


@dataclass(frozen=True)
class CastCommitment:
    who: tuple[str, ...]
    what: str
    how_often: str
    start: FuzzyDate | None
    left_out: str = ""
    # Whether everyone it involves, in any of its fields, is the young person or shown by
    # name (cast/promises.py): only then may it go in the calendar. Not until checked.
    everyone_named: bool = False


@dataclass(frozen=True)
class CastReview:
    date: FuzzyDate
    by: str
    changes: str


@dataclass(frozen=True)
class CastOwnWords:
    """The young person's own pages, screened like every other text."""

    favourites: list[tuple[str, FuzzyDate | None]] = field(default_factory=list)
    proud_of: list[tuple[str, FuzzyDate | None, CastPicture | None]] = field(default_factory=list)
    culture: str = ""
    faith: str = ""
    languages: list[str] = field(default_factory=list)
    when_i_grow_up: str = ""
    about_chapters: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Cast:
    """The journey as the book may tell it: the only thing later stages receive."""

    id: str
    preview: bool
    me: CastPerson
    pronouns: str
    about: str
    title: str
    colour: str
    language: str
    paper: str
    screen: str  # auto, light or dark
    emotional_lines: bool
    coordinator: str
    organisation: str
    cover: CastPicture | None
    people: list[CastPerson]
    unions: list[CastUnion]
    relationships: list[tuple[str, str, Feeling]]
    carers: list[CastCare]
    places: list[CastPlace]
    events: list[CastEvent]
    memories: list[CastWriting]
    letters: list[CastWriting]
    photos: list[CastPicture]
    plan_words: str
    plan_agreed: FuzzyDate | None
    commitments: list[CastCommitment]
    reviews: list[CastReview]
    milestones: dict[str, FuzzyDate | None]
    own_words: CastOwnWords = field(default_factory=CastOwnWords)
    kept_out_people: list[CastPerson] = field(default_factory=list)  # a preview only
    left_out: list[LeftOut] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # for `check`

    def person(self, person_id: str) -> CastPerson | None:
        if person_id == self.me.id:
            return self.me
        return next((p for p in self.people if p.id == person_id), None)

    def name_of(self, person_id: str) -> str | None:
        """What the book calls a person ("you" for the young person), or None if they must not
        appear by name."""
        if person_id == self.me.id:
            return "you"
        person = self.person(person_id)
        return person.name if person and person.role is not Role.placeholder else None

    def with_people(self, keep: set[str]) -> Cast:
        """The same cast with only these people (and the young person): a part of the tree."""
        return replace(self, people=[p for p in self.people if p.id in keep],
                       unions=[u for u in self.unions if set(u.partners) <= keep | {self.me.id}],
                       relationships=[r for r in self.relationships
                                      if {r[0], r[1]} <= keep | {self.me.id}])


@dataclass(frozen=True)
class CastPicture:
    """A picture the book may show: its source, its identity (content digest) and its words."""

    digest: str
    source: Path
    page: int | None
    width: int
    height: int
    alt: str = ""
    caption: str = ""
    date: FuzzyDate | None = None
    place: str = ""
    people: tuple[str, ...] = ()
    shared_by: str | None = None
    left_out: str = ""  # why it is not in the young person's copy (a preview shows it greyed)
    recording: CastRecording | None = None  # e.g. Grandad telling the photo's story


@dataclass(frozen=True)
class ScannedPage:
    """A page of a scanned letter, the writing read from it, and why it may not be shown."""

    picture: CastPicture
    text: ScanText
    reason: str


@dataclass(frozen=True)
class CastRecording:
    """A recording the book may play (or, in a preview, shows greyed with why it is not)."""

    digest: str
    source: Path
    kind: str  # "audio" or "video"
    seconds: float
    width: int
    height: int
    transcript: str  # Markdown
    people: tuple[str, ...] = ()
    left_out: str = ""
