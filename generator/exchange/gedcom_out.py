"""The family as GEDCOM 5.5.1 (UTF-8), for genealogy software.

By default the file is made from the safe cast of the young person's copy, like every other
output: the people the book shows (a person whose name is withheld by their relation only, with
no dates), never anyone never shown, and no contact details. `everything` makes it from the case
data itself, everyone and their contact details included: a file for the coordinator's own
records, as private as the journey folder.

What journeybook's own import reads back, the export writes: names (what the young person
calls them as the name's NICK), other names, sex, birth and death, parents, contact details,
partnerships with their kind, end and dates. What GEDCOM has no tag for is written as GEDCOM
allows: a season as a date phrase "(summer 2011)", living together or a separation as a family
EVEN with a TYPE, and (in a file of everything) journeybook's id as a REFN of TYPE journeybook.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.cast.cast_types import Cast, Role
from generator.cast.contacts import find_contacts
from generator.core.dates import FuzzyDate
from generator.core.errors import ExportBlocked, Finding
from generator.exchange.gedcom_dates import to_gedcom
from generator.format.journey import Journey
from generator.format.vocabulary import Sex, UnionEnd, UnionKind
from generator.outputs import gate

NEWLINE = "\r\n"  # what GEDCOM's oldest readers expect; every reader takes it
CHUNK = 120  # characters of a value a line holds before CONC (GEDCOM's limit is 255 a line,
#              and each @ is written twice)
SEX_LETTERS = {Sex.female: "F", Sex.male: "M", Sex.other: "X", Sex.unknown: "U"}
EVENT_WORDS = {UnionKind.cohabiting: "living together", UnionKind.partners: "partners",
               UnionEnd.separated: "separated", UnionEnd.widowed: "widowed"}


@dataclass
class TreePerson:
    """A person as the file tells them."""

    id: str
    called: str
    full_name: str = ""
    also_known_as: list[str] = field(default_factory=list)
    sex: Sex = Sex.unknown
    born: FuzzyDate | None = None
    died: FuzzyDate | None = None
    deceased: bool = False
    parents: list[str] = field(default_factory=list)
    contact: dict[str, str] = field(default_factory=dict)


@dataclass
class TreeUnion:
    """A partnership as the file tells it."""

    partners: tuple[str, str]
    kind: UnionKind
    ended: UnionEnd | None = None
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None


@dataclass
class Tree:
    """Everyone the file holds, and who made it."""

    people: list[TreePerson]
    unions: list[TreeUnion]
    submitter: str
    # journeybook's ids, as REFN: only in a file of everything, since an id is often made
    # from a name ("dad-marcus") that the young person's copy withholds.
    ids: bool = False


def tree_of_cast(cast: Cast) -> Tree:
    """The young person's copy's family: the people it shows, as it shows them."""
    me = cast.me
    people = [TreePerson(me.id, me.name, sex=me.sex, born=me.born, parents=list(me.parents))]
    for person in cast.people:
        if person.role not in (Role.shown, Role.withheld):
            continue  # a placeholder keeps the drawn tree's shape; it is no one to a file
        people.append(TreePerson(person.id, person.name, person.full_name, sex=person.sex,
                                 born=person.born, died=person.died, deceased=person.deceased,
                                 parents=list(person.parents)))
    unions = [TreeUnion(u.partners, u.kind, u.ended) for u in cast.unions]
    return _closed(Tree(people, unions, cast.coordinator))


def tree_of_journey(journey: Journey) -> Tree:
    """Everyone in the case data, with their contact details: for the coordinator only."""
    people = [_everything(journey.info.young_person, {})]
    for person in journey.people.people:
        contact = person.contact.model_dump(exclude_none=True) if person.contact else {}
        people.append(_everything(person, {k: v for k, v in contact.items() if v}))
    unions = [TreeUnion((u.partners[0], u.partners[1]), u.kind, u.ended, u.start, u.end)
              for u in journey.people.unions]
    return Tree(people, unions, journey.info.coordinator.name, ids=True)


def _everything(person, contact: dict[str, str]) -> TreePerson:
    return TreePerson(person.id, person.called, person.full_name or "",
                      list(person.also_known_as), person.sex, person.born, person.died,
                      person.deceased, list(person.parents), contact)


def _closed(tree: Tree) -> Tree:
    """The tree with links only between people in it."""
    ids = {p.id for p in tree.people}
    for person in tree.people:
        person.parents = [p for p in person.parents if p in ids]
    tree.unions = [u for u in tree.unions if set(u.partners) <= ids]
    return tree


def gated(text: str, journey: Journey) -> str:
    """text, once nothing it writes must not be shared; raise ExportBlocked.

    Every value it writes is read whole again (CONC and CONT joined, @@ read as @: a number
    cut in two, or an email with its @ doubled, is still found) and screened for anything
    shaped like a contact detail, wherever it was written (a phone number in a withheld
    person's relation, which the file names them by); and the release gate, on its own,
    reads them all for a never-shown person's or a withheld name and the case data's own
    contact details.
    """
    values = written_values(text)
    findings = [finding for number, tag, value in values
                for finding in _contact_findings(journey, number, tag, value)]
    with tempfile.TemporaryDirectory(prefix="journeybook-export-") as folder:
        whole = "\n".join(f"{tag} {value}" for _number, tag, value in values)
        (Path(folder) / "family-tree.txt").write_text(whole, encoding="utf-8")
        findings += gate.scan(Path(folder), gate.terms_for(journey))
    if findings:
        raise ExportBlocked(findings)
    return text


def written_values(text: str) -> list[tuple[int, str, str]]:
    """Every value a GEDCOM text writes, whole: (the line it starts on, its tag, the value),
    its CONC and CONT lines joined to it, and "@@" read as the "@" it stands for. Pointers
    ("@I12@") and record lines ("0 @I12@ INDI") are structure, not values."""
    values: list[tuple[int, str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        _level, _, rest = line.partition(" ")
        tag, _, raw = rest.partition(" ")
        if tag.startswith("@") or re.fullmatch(r"@[^@]+@", raw):
            continue
        value = raw.replace("@@", "@")
        if tag in ("CONC", "CONT") and values:
            start, first_tag, before = values[-1]
            values[-1] = (start, first_tag, before + ("\n" if tag == "CONT" else "") + value)
        elif value:
            values.append((number, tag, value))
    return values


def _contact_findings(journey: Journey, number: int, tag: str,
                      value: str) -> list[Finding]:
    """A finding for each thing in a written value shaped like a contact detail, told where
    the case data holds it (people.yaml:124) when it can be found there, else where the file
    would."""
    findings = []
    for what, found in find_contacts(value):
        where = _in_case_data(journey, found.group()) or f"the family tree file:{number}"
        findings.append(Finding(
            where, f"what looks like {what}, which the file would write as a {tag}. A "
            "contact detail goes under contact:, which is never shown", found.group()))
    return findings


def _in_case_data(journey: Journey, text: str) -> str:
    """'people.yaml:124': the first line of the case data's YAML files holding text, or ""."""
    for name in ("people.yaml", "journey.yaml"):
        path = journey.folder / name
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        for number, line in enumerate(lines, start=1):
            if text in line:
                return f"{name}:{number}"
    return ""


def gedcom_text(tree: Tree) -> str:
    """The tree as a GEDCOM 5.5.1 file's text."""
    tree = _closed(tree)
    xrefs = {p.id: f"@I{n}@" for n, p in enumerate(tree.people, start=1)}
    families = _families(tree)
    lines = [*_header(), "0 @U1@ SUBM", *_line(1, "NAME", tree.submitter or "journeybook")]
    for person in tree.people:
        lines += _individual(person, xrefs, families, tree.ids)
    by_id = {p.id: p for p in tree.people}
    for number, (parents, union, children) in enumerate(families.values(), start=1):
        lines += _family(number, parents, union, children, xrefs, by_id)
    lines.append("0 TRLR")
    return NEWLINE.join(lines) + NEWLINE


def _header() -> list[str]:
    return ["0 HEAD", "1 SOUR journeybook", f"2 VERS {__version__}", "2 NAME journeybook",
            "1 SUBM @U1@", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]


Family = tuple[tuple[str, ...], TreeUnion | None, list[str]]


def _families(tree: Tree) -> dict[object, Family]:
    """One FAM for each partnership, and one for each set of parents with no partnership
    between them: (parents, partnership, children's ids), in the order they are met."""
    families: dict[object, Family] = {}
    first_union: dict[frozenset[str], object] = {}
    for index, union in enumerate(tree.unions):
        families[index] = (union.partners, union, [])
        first_union.setdefault(frozenset(union.partners), index)
    for person in tree.people:
        if not person.parents:
            continue
        pair = frozenset(person.parents)
        key = first_union.get(pair, pair)
        families.setdefault(key, (tuple(person.parents), None, []))[2].append(person.id)
    return families


def _individual(person: TreePerson, xrefs: dict[str, str], families: dict[object, Family],
                with_id: bool) -> list[str]:
    lines = [f"0 {xrefs[person.id]} INDI", *_names(person)]
    lines.append(f"1 SEX {SEX_LETTERS[person.sex]}")
    if person.born:
        lines += ["1 BIRT", *_line(2, "DATE", to_gedcom(person.born))]
    if person.died:
        lines += ["1 DEAT", *_line(2, "DATE", to_gedcom(person.died))]
    elif person.deceased:
        lines.append("1 DEAT Y")
    if person.contact:
        lines.append("1 RESI")
        for field_name, tag in (("address", "ADDR"), ("phone", "PHON"), ("email", "EMAIL"),
                                ("notes", "NOTE")):
            if person.contact.get(field_name):
                lines += _line(2, tag, person.contact[field_name])
    if with_id:
        lines += [*_line(1, "REFN", person.id), "2 TYPE journeybook"]
    for number, (parents, _union, children) in enumerate(families.values(), start=1):
        if person.id in children:
            lines.append(f"1 FAMC @F{number}@")
        if person.id in parents:
            lines.append(f"1 FAMS @F{number}@")
    return lines


def _names(person: TreePerson) -> list[str]:
    """NAME with the surname between slashes (the full name's last word), and what the young
    person calls them as its NICK; other names as more NAMEs of TYPE aka."""
    words = person.full_name.split()
    if len(words) > 1:
        given, surname = " ".join(words[:-1]), words[-1]
        lines = [*_line(1, "NAME", f"{given} /{surname}/"), *_line(2, "GIVN", given),
                 *_line(2, "SURN", surname)]
    else:
        given = person.full_name or person.called
        lines = _line(1, "NAME", given)
    if person.called != given:
        lines += _line(2, "NICK", person.called)
    for other in person.also_known_as:
        lines += [*_line(1, "NAME", other), "2 TYPE aka"]
    return lines


def _family(number: int, parents: tuple[str, ...], union: TreeUnion | None,
            children: list[str], xrefs: dict[str, str], by_id: dict[str, TreePerson]
            ) -> list[str]:
    lines = [f"0 @F{number}@ FAM"]
    for tag, person_id in _spouses(parents, by_id):
        lines.append(f"1 {tag} {xrefs[person_id]}")
    lines += [f"1 CHIL {xrefs[child]}" for child in children]
    if union:
        lines += _union_events(union)
    return lines


def _spouses(parents: tuple[str, ...], by_id: dict[str, TreePerson]) -> list[tuple[str, str]]:
    """HUSB and WIFE: a woman as WIFE where one is; otherwise in the order written."""
    ordered = sorted(parents, key=lambda p: by_id[p].sex is Sex.female)
    if len(ordered) == 1:
        return [("WIFE" if by_id[ordered[0]].sex is Sex.female else "HUSB", ordered[0])]
    return list(zip(("HUSB", "WIFE"), ordered, strict=False))


def _union_events(union: TreeUnion) -> list[str]:
    """Marriage (MARR, a civil partnership's with its TYPE), living together or partners
    (EVEN with a TYPE), and its end (DIV, or EVEN with a TYPE)."""
    lines: list[str] = []
    if union.kind in (UnionKind.married, UnionKind.civil_partnership):
        lines.append("1 MARR")
        if union.kind is UnionKind.civil_partnership:
            lines.append("2 TYPE civil partnership")
    elif union.kind is UnionKind.cohabiting or union.start:
        lines += ["1 EVEN", f"2 TYPE {EVENT_WORDS[union.kind]}"]
    if union.start and lines:
        lines += _line(2, "DATE", to_gedcom(union.start))
    if union.ended is UnionEnd.divorced:
        lines.append("1 DIV")
    elif union.ended:
        lines += ["1 EVEN", f"2 TYPE {EVENT_WORDS[union.ended]}"]
    if union.ended and union.end:
        lines += _line(2, "DATE", to_gedcom(union.end))
    return lines


def _line(level: int, tag: str, value: str) -> list[str]:
    """A value on as many lines as it needs: CONT for its own line breaks, CONC past CHUNK
    characters (never at a space, which a reader may drop); every @ doubled, as 5.5.1 says."""
    lines: list[str] = []
    for number, part in enumerate(value.splitlines() or [""]):
        head = f"{level} {tag}" if number == 0 else f"{level + 1} CONT"
        chunks = [chunk.replace("@", "@@") for chunk in _chunks(part)]
        lines.append(f"{head} {chunks[0]}".rstrip())
        lines += [f"{level + 1} CONC {chunk}" for chunk in chunks[1:]]
    return lines


def _chunks(text: str) -> list[str]:
    chunks = []
    while len(text) > CHUNK:
        cut = CHUNK
        while cut > 1 and (text[cut - 1] == " " or text[cut] == " "):
            cut -= 1
        chunks.append(text[:cut])
        text = text[cut:]
    return [*chunks, text]
