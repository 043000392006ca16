"""The names that identify a person, as the screens look for them (see names.Matcher)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.safeguard import common
from generator.safeguard.names import (
    KINSHIP_WORDS,
    SHORTEST_NAME,
    TITLES,
    Name,
    is_latin,
    name_parts,
)


@dataclass(frozen=True)
class PersonNames:
    """The names that identify a person, and their name words that cannot be looked for alone:
    too short (Vu, Li), or too common a word (Will, May; أمل, hope)."""

    names: list[Name]
    short: list[str]
    common: list[str]


def names_of(called: str, full_name: str | None, why: str) -> PersonNames:
    """The names that identify a person (see PersonNames).

    Every word of three letters or more (not a word like 'Nan'); the whole name with its words
    joined ('LiNa' for 'Li Na'); each short word (Vu, Li, Ng) only after a title ('Mrs Vu')
    or beside another word of the name ('Lan Vu', 'Vu Lan'); and each word that is one of its
    language's commonest words the same way, and also, in letters with capitals, wherever it is
    written with one inside a sentence ("we saw Will", not "Will you come?").
    """
    found: list[Name] = []
    short: list[str] = []
    everyday: list[str] = []
    for written in (called, full_name or ""):
        parts = [p for p in name_parts(written) if p not in KINSHIP_WORDS]
        if not parts:
            continue
        alone = [p for p in parts if len(p) >= SHORTEST_NAME and not common.too_common_for_a_name(p)]
        found += [Name((p,), why) for p in alone]
        if len(parts) > 1:
            found += [Name(("".join(parts[i:i + 2]),), why) for i in range(len(parts) - 1)]
        for part in parts:
            if part in alone or len(part) < 2:
                continue
            (short if len(part) < SHORTEST_NAME else everyday).append(part)
            if len(part) >= SHORTEST_NAME and is_latin(part):
                found.append(Name((part,), why, keyed=False, capitalised=True))
            found += [Name((title, part), why) for title in TITLES]
            found += [Name((other, part), why) for other in parts if other != part]
            found += [Name((part, other), why) for other in parts if other != part]
    return PersonNames(found, sorted(set(short)), sorted(set(everyday)))
