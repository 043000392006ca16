"""The names that identify a person, as the screens look for them (see names.Matcher)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from generator.cast import common
from generator.cast.names import (
    KINSHIP_WORDS,
    SHORTEST_NAME,
    TITLES,
    Name,
    fold,
    is_latin,
    name_parts,
)


@cache
def own_words() -> frozenset[str]:
    """The book's own words (common.own_words), folded as names are: "على" (on) is "علي"
    (Ali) once its alef maksura is folded, so a never-shown Ali is one of them."""
    return frozenset(fold(word) for word in common.own_words())


def is_own_word(part: str) -> bool:
    """Whether a (folded) name word is one of the book's own words."""
    return part in own_words()


@dataclass(frozen=True)
class PersonNames:
    """The names that identify a person, and their name words that cannot be looked for alone:
    too short (Vu, Li), or too common a word (Will, May; أمل, hope)."""

    names: list[Name]
    short: list[str]
    common: list[str]


def names_of(called: str, full_name: str | None, why: str, *,
             initials: bool = False) -> PersonNames:
    """The names that identify a person (see PersonNames).

    Every word of three letters or more (not a word like 'Nan'); the whole name with its words
    joined ('LiNa' for 'Li Na'); each short word (Vu, Li, Ng) only after a title ('Mrs Vu')
    or beside another word of the name ('Lan Vu', 'Vu Lan'); and each word that is one of the
    book's own words the same way, and also, in letters with capitals, wherever it is written
    with one inside a sentence ("we saw May", not "May I come?"). With initials (the release
    gate, which errs the other way), a one-letter part too: 'K Marsh', 'Mr K'.
    """
    found: list[Name] = []
    short: list[str] = []
    everyday: list[str] = []
    for written in (called, full_name or ""):
        parts = [p for p in name_parts(written) if p not in KINSHIP_WORDS]
        if not parts:
            continue
        alone = [p for p in parts if len(p) >= SHORTEST_NAME and not is_own_word(p)]
        found += [Name((p,), why) for p in alone]
        if len(parts) > 1:
            found += [Name(("".join(parts[i:i + 2]),), why) for i in range(len(parts) - 1)]
        for part in parts:
            if part in alone or (len(part) < 2 and not initials):
                continue
            if len(part) >= 2:
                (short if len(part) < SHORTEST_NAME else everyday).append(part)
            if len(part) >= SHORTEST_NAME and is_latin(part):
                found.append(Name((part,), why, keyed=False, capitalised=True))
            found += [Name((title, part), why) for title in TITLES]
            found += [Name((other, part), why) for other in parts if other != part]
            found += [Name((part, other), why) for other in parts if other != part]
    return PersonNames(found, sorted(set(short)), sorted(set(everyday)))
