"""What an import brings: new people and partnerships, in journeybook's words, before the merge.

A reader (gedcom_in, people_table) turns its file into these; people_file merges them into a
journey. Links between them use each one's `key` in its file (a GEDCOM record such as "@I12@",
or a spreadsheet's "row 5"): a key has an @ or a space, so it is never a person id, and a link
that is not a key is the id of someone already in the journey.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.errors import Problem
from generator.format.vocabulary import Kind, Sex, Side, UnionEnd, UnionKind

FROM_A_TREE = "from the family tree (to check)"
FROM_A_LIST = "from a list of people (to check)"


@dataclass
class NewPerson:
    """One person as a file describes them, in journeybook's words."""

    key: str  # where they are in their file: "@I12@", "row 5"
    called: str
    full_name: str | None = None
    also_known_as: list[str] = field(default_factory=list)
    sex: Sex = Sex.unknown
    born: str | None = None
    died: str | None = None
    deceased: bool = False
    parents: list[str] = field(default_factory=list)  # keys, or ids of people already there
    relation: str = FROM_A_TREE
    kind: Kind = Kind.family
    side: Side = Side.none
    contact: dict[str, str] = field(default_factory=dict)
    wanted_id: str | None = None  # the id the file asks for, if it is free
    same_as: str | None = None  # the id of who they are if already there (a sheet's id column)
    record: str | None = None  # their record, kept in `imported:` to find them again
    line: int | None = None  # where they are in the file, for problems

    @property
    def identity(self) -> str:
        """Their name as compared with people already there: case, accents, spacing aside."""
        return name_key(self.full_name or self.called)


@dataclass
class NewUnion:
    """One partnership as a file describes it: its partners are keys or existing ids."""

    partners: tuple[str, str]
    kind: UnionKind = UnionKind.partners
    ended: UnionEnd | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class Unmapped:
    """What a file holds that journeybook does not bring in: counted, never copied anywhere."""

    notes: int = 0
    sources: int = 0
    media: int = 0
    custom: Counter[str] = field(default_factory=Counter)  # _UID, _MILT...: extension tags
    other: Counter[str] = field(default_factory=Counter)  # facts with no place in journeybook

    def summary(self) -> str:
        """'12 notes, 3 sources, 40 custom tags (_MILT, _UID), 7 other details (OCCU, PLAC)'."""
        parts = [_count(self.notes, "note"), _count(self.sources, "source"),
                 _count(self.media, "media link")]
        if self.custom:
            parts.append(f"{_count(sum(self.custom.values()), 'custom tag')} "
                         f"({_most(self.custom)})")
        if self.other:
            parts.append(f"{_count(sum(self.other.values()), 'other detail')} "
                         f"({_most(self.other)})")
        return ", ".join(part for part in parts if part)


@dataclass
class Incoming:
    """Everything one file brings, and what its reader had to say about it."""

    source: str  # the file's name, as kept in `imported: {from: ...}`
    path: Path | None = None  # the file, for problems
    people: list[NewPerson] = field(default_factory=list)
    unions: list[NewUnion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unmapped: Unmapped = field(default_factory=Unmapped)


def name_key(name: str) -> str:
    """'Zoë  O’Brien' -> 'zoe obrien': a name as compared, whatever its case and accents."""
    plain = unicodedata.normalize("NFKD", name).casefold()
    plain = "".join(c for c in plain if not unicodedata.combining(c) and c not in "'’.")
    return " ".join(plain.replace("-", " ").split())


def _count(number: int, noun: str) -> str:
    if not number:
        return ""
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _most(counts: Counter[str], shown: int = 6) -> str:
    names = [name for name, _ in sorted(counts.items(), key=lambda c: (-c[1], c[0]))[:shown]]
    return ", ".join(names) + (", ..." if len(counts) > shown else "")
