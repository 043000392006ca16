"""A family tree from genealogy software (GEDCOM 5.5.1 or 7) as new people and partnerships.

gedcom-lite reads the file (UTF-8, UTF-16 with a byte-order mark, ANSEL, any line ends, GEDCOM
7); we give it, first, the two kinds of file it misreads: UTF-16 without a byte-order mark, and
the 8-bit Windows and Latin-1 character sets older programs write. Then each INDI becomes a
NewPerson (names, sex, birth and death, parents, and contact details only ever under
`contact:`) and each FAM with two partners a NewUnion. Dates journeybook cannot say the same
way become problems (warnings), never guesses. Everything else (notes, sources, media, custom
tags, other facts) is only counted: an export from Ancestry, Gramps or GenoPro holds much that
was never meant for a young person's book.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import gedcom_lite

from generator.core.errors import NotATree, Problem
from generator.exchange.gedcom_dates import NotADate, from_gedcom
from generator.exchange.incoming import Incoming, NewPerson, NewUnion, Unmapped
from generator.format.vocabulary import Sex, UnionEnd, UnionKind

PERSON_ID = r"[a-z0-9][a-z0-9-]{0,59}"  # as the schema's PersonId
# A tree of 50,000 people is some 30 MB; far more is not a family tree.
MAX_GEDCOM_BYTES = 100_000_000
SEXES = {"M": Sex.male, "F": Sex.female, "X": Sex.other, "U": Sex.unknown}
# Parts of a name that its value already holds ("John /Smith/" has GIVN John, SURN Smith).
NAME_PIECES = {"GIVN", "SURN", "NICK", "NPFX", "SPFX", "NSFX", "TYPE"}
ADDRESS_PIECES = ("ADR1", "ADR2", "ADR3", "CITY", "STAE", "POST", "CTRY")
CONTACT_TAGS = {"ADDR", "PHON", "EMAIL"}
# A child's family is their birth family unless PEDI says otherwise (5.5.1 lower case, 7 upper).
BIRTH_FAMILY = {None, "BIRTH"}
# Bookkeeping every record carries, not facts about anyone: not worth counting.
BOOKKEEPING = {"CHAN", "RIN", "CONT", "CONC", "CREA"}
# Family events journeybook's own export writes (GEDCOM has no tag for them), by their TYPE.
UNION_EVENTS = {"living together": UnionKind.cohabiting, "partners": UnionKind.partners}
UNION_ENDS = {"separated": UnionEnd.separated, "widowed": UnionEnd.widowed}
# Older programs' 8-bit character sets, as written on their CHAR line, and Python's names.
LEGACY_CHARSETS = {"ANSI": "cp1252", "WINDOWS": "cp1252", "WINDOWS-1252": "cp1252",
                   "CP1252": "cp1252", "ISO-8859-1": "latin-1", "ISO8859-1": "latin-1",
                   "LATIN1": "latin-1", "IBMPC": "cp437", "IBM-PC": "cp437", "MSDOS": "cp850",
                   "MACINTOSH": "mac-roman"}


def read_gedcom(path: Path) -> Incoming:
    """Return the people and partnerships in the GEDCOM file at path; raise NotATree."""
    document = _parse(path)
    reader = _Reader(path, document)
    return reader.read()


def _parse(path: Path) -> gedcom_lite.GedcomDocument:
    """The file parsed by gedcom-lite, after the fix-ups it needs; raise NotATree."""
    fix = "Export the family tree again from your genealogy program, as GEDCOM (.ged)."
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_GEDCOM_BYTES + 1)
    except OSError as error:
        raise NotATree(f"{path}: cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_GEDCOM_BYTES:
        raise NotATree(f"{path}: is larger than {MAX_GEDCOM_BYTES // 1_000_000} MB, more than "
                       "any family tree. Export only the branch you need.")
    try:
        document = gedcom_lite.parse(readable_bytes(raw))
    except (ValueError, UnicodeError) as error:
        raise NotATree(f"{path}: is not a GEDCOM family tree journeybook can read ({error}). "
                       f"{fix}") from None
    if not document.find_records("INDI"):
        raise NotATree(f"{path}: has no people in it (no INDI records). {fix}")
    return document


def readable_bytes(raw: bytes) -> bytes:
    """raw as gedcom-lite reads it right: UTF-16 without a byte-order mark is given one, and a
    file in an 8-bit Windows or Latin-1 character set is turned into UTF-8 (with a mark)."""
    if raw[:2] == b"0\x00":
        return codecs.BOM_UTF16_LE + raw
    if raw[:2] == b"\x000":
        return codecs.BOM_UTF16_BE + raw
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw
    try:
        raw.decode("utf-8")
        return raw
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"^1 CHAR ([^\r\n]+)", raw[:8192], re.MULTILINE)
    charset = LEGACY_CHARSETS.get(declared.group(1).strip().upper().decode("ascii", "replace")
                                  if declared else "")
    if charset:
        return codecs.BOM_UTF8 + raw.decode(charset, errors="replace").encode("utf-8")
    return raw  # ANSEL, or undeclared: gedcom-lite reads it as ANSEL


class _Taker:
    """What reading a GEDCOM document shares: what was brought in (or reported), the
    problems, and how values are read."""

    def __init__(self, path: Path, document: gedcom_lite.GedcomDocument):
        self.path = path
        self.document = document
        self.v7 = document.is_v7
        self.incoming = Incoming(source=path.name[:200], path=path)  # as Imported allows
        self.used: set[int] = set()  # id() of every structure brought in (or reported)
        self.people = {r.xref: r for r in document.find_records("INDI") if r.xref}

    def _take(self, node: gedcom_lite.Structure, tag: str) -> list[gedcom_lite.Structure]:
        """node's children with this tag, noted as brought in."""
        found = node.find_all_children(tag)
        self.used.update(id(f) for f in found)
        return found

    def _take_one(self, node: gedcom_lite.Structure, tag: str) -> gedcom_lite.Structure | None:
        """node's first child with this tag, noted as brought in (a second is left over)."""
        found = node.find(tag)
        if found is not None:
            self.used.add(id(found))
        return found

    def _text(self, node: gedcom_lite.Structure) -> str:
        """The value with its CONT and CONC lines, and GEDCOM's doubled @ made single."""
        text = node.text()
        if self.v7:
            return text[1:] if text.startswith("@@") else text
        return text.replace("@@", "@")

    def _warn(self, node: gedcom_lite.Structure | None, message: str, fix: str) -> None:
        line = node.source_line_no if node is not None else None
        self.incoming.problems.append(Problem(self.path, message, fix, line=line, warning=True))


class _PeopleReader(_Taker):
    """Each INDI as a NewPerson."""

    def _person(self, xref: str, record: gedcom_lite.Structure) -> NewPerson:
        names = [self._name(n) for n in self._take(record, "NAME")]
        first = names[0] if names else ("", "", "")
        full, given, nick = first
        called = nick or given or full or "Unnamed"
        if not full:
            self._warn(record, f"{xref} has no name, so they are called 'Unnamed'.",
                       "Give them a name in people.yaml, or leave them never shown.")
        person = NewPerson(key=xref, called=called[:80].strip(),
                           full_name=full[:200] if full and full != called else None,
                           record=xref[:100], line=record.source_line_no)
        person.also_known_as = list(dict.fromkeys(n[0] for n in names[1:] if n[0]
                                                  and n[0] != full))[:20]
        sex = self._take_one(record, "SEX")
        person.sex = SEXES.get((sex.payload or "").strip().upper()[:1], Sex.unknown) \
            if sex else Sex.unknown
        person.born = self._event_date(record, "BIRT", person, "born")
        died = self._take_one(record, "DEAT")
        if died is not None:
            person.died = self._event_date(record, "DEAT", person, "died")
            person.deceased = person.died is None
        person.contact = self._contact(record)
        person.wanted_id = self._own_id(record)
        self._take(record, "FAMS")
        return person

    def _own_id(self, record: gedcom_lite.Structure) -> str | None:
        """The journeybook id a file from journeybook's export gives (REFN of TYPE
        journeybook): the new person's id if it is free. Never used to match anyone: an id
        such as 'mum' means someone else in another journey."""
        for reference in record.find_all_children("REFN"):
            kind = reference.find("TYPE")
            value = (reference.payload or "").strip()
            if kind and kind.payload == "journeybook" and re.fullmatch(PERSON_ID, value):
                self.used.update((id(reference), id(kind)))
                return value
        return None

    def _name(self, name: gedcom_lite.Structure) -> tuple[str, str, str]:
        """(full name, given name, nickname) of one NAME, without its surname's slashes."""
        self.used.update(id(c) for c in name.children if c.tag in NAME_PIECES)
        value = self._text(name)
        full = " ".join(value.replace("/", " ").split())
        given_piece = name.find("GIVN")
        given = self._text(given_piece) if given_piece else value.split("/")[0]
        nick_piece = name.find("NICK")
        nick = self._text(nick_piece) if nick_piece else ""
        return full, " ".join(given.split()), " ".join(nick.split())

    def _event_date(self, record: gedcom_lite.Structure, tag: str, person: NewPerson,
                    what: str) -> str | None:
        """The date of the person's first such event, in our words, or None (reported)."""
        event = self._take_one(record, tag)
        if event is None:
            return None
        value = self._take_one(event, "DATE")
        if value is None:
            return None
        phrase_piece = value.find("PHRASE")
        if phrase_piece is not None:
            self.used.add(id(phrase_piece))
        try:
            return from_gedcom(self._text(value), phrase_piece.payload if phrase_piece else None)
        except NotADate as why:
            self._warn(value, f"{person.called} ({person.key}): {what} '{self._text(value)}' "
                       f"was left out: {why}.", "Write it in people.yaml if you know it.")
            return None

    def _contact(self, record: gedcom_lite.Structure) -> dict[str, str]:
        """Address, phones and emails, from the person and their residences: for `contact:`
        only, which nothing shown ever reads."""
        places = [record, *(r for r in record.find_all_children("RESI")
                            if any(c.tag in CONTACT_TAGS for c in r.children))]
        self.used.update(id(r) for r in places[1:])
        addresses, phones, emails = [], [], []
        for place in places:
            addresses += [self._address(a) for a in self._take(place, "ADDR")]
            phones += [self._text(p) for p in self._take(place, "PHON")]
            emails += [self._text(e) for e in self._take(place, "EMAIL")]
        contact = {"address": [a for a in addresses if a][-1:],  # the latest written
                   "phone": list(dict.fromkeys(p for p in phones if p)),
                   "email": list(dict.fromkeys(e for e in emails if e))}
        return {field: ", ".join(values) for field, values in contact.items() if values}

    def _address(self, address: gedcom_lite.Structure) -> str:
        """One address on one line: its lines, or else its pieces (ADR1, CITY, POST...)."""
        self.used.update(id(c) for c in address.children if c.tag in ADDRESS_PIECES)
        lines = [line.strip() for line in self._text(address).split("\n") if line.strip()]
        if not lines:
            lines = [self._text(p) for tag in ADDRESS_PIECES for p in address.find_all_children(tag)]
        return ", ".join(line for line in lines if line)


class _FamilyReader(_Taker):
    """Each child's birth parents, and each FAM with two partners as a NewUnion."""

    def _children(self, families: list[gedcom_lite.Structure]) -> dict[str, list[tuple]]:
        """Each child's families: (family, PEDI) in the order the child's record lists them,
        then any family that lists the child but is not in the child's record."""
        by_xref = {f.xref: f for f in families}
        found: dict[str, list[tuple]] = {}
        for xref, record in self.people.items():
            for link in self._take(record, "FAMC"):
                pedigree = self._take_one(link, "PEDI")
                kind = (pedigree.payload or "").strip().upper() if pedigree else None
                if link.payload in by_xref:
                    found.setdefault(xref, []).append((by_xref[link.payload], kind))
        for family in families:
            for child in self._take(family, "CHIL"):
                listed = found.setdefault(child.payload, [])
                if child.payload in self.people and all(f is not family for f, _ in listed):
                    listed.append((family, None))
        return found

    def _parents(self, person: NewPerson, families: list[tuple]) -> list[str]:
        """The keys of the person's birth parents: the partners of their first birth family
        (journeybook's parents are birth parents; adoptive and foster families are reported)."""
        birth = [f for f, kind in families if kind in BIRTH_FAMILY]
        for family, kind in families:
            if kind not in BIRTH_FAMILY:
                self._warn(family, f"{person.called} ({person.key}): their {kind.lower()} "
                           f"family {family.xref} was not brought in (journeybook's parents "
                           "are birth parents).", "Add carers under young_person in "
                           "journey.yaml, or the people to people.yaml, by hand.")
        if len(birth) > 1:
            self._warn(birth[1], f"{person.called} ({person.key}) is a child in "
                       f"{len(birth)} families; the parents from {birth[0].xref} were used.",
                       "Check their parents in people.yaml.")
        return self._partners(birth[0]) if birth else []

    def _partners(self, family: gedcom_lite.Structure) -> list[str]:
        return [p.payload for tag in ("HUSB", "WIFE") for p in self._take(family, tag)
                if p.payload in self.people]

    def _union(self, family: gedcom_lite.Structure) -> NewUnion | None:
        """The family's partnership, when it has two partners: married (MARR), or partners;
        ended when divorced (DIV); dates from the marriage and the divorce."""
        partners = self._partners(family)
        if len(partners) != 2 or partners[0] == partners[1]:
            return None
        union = NewUnion(partners=(partners[0], partners[1]))
        marriage = self._take_one(family, "MARR")
        if marriage is not None:
            kind = self._take_one(marriage, "TYPE")
            civil = kind is not None and "civil" in (kind.payload or "").lower()
            union.kind = UnionKind.civil_partnership if civil else UnionKind.married
            union.start = self._family_date(marriage, family, "married")
        for event in family.find_all_children("EVEN"):
            kind_piece = event.find("TYPE")
            said = (kind_piece.payload or "").strip().lower() if kind_piece else ""
            if said in UNION_EVENTS and marriage is None:
                union.kind = UNION_EVENTS[said]
                union.start = self._family_date(event, family, said)
            elif said in UNION_ENDS:
                union.ended, union.end = UNION_ENDS[said], self._family_date(event, family, said)
            else:
                continue
            self.used.update((id(event), id(kind_piece)))
        divorce = self._take_one(family, "DIV")
        if divorce is not None:
            union.ended = UnionEnd.divorced
            union.end = self._family_date(divorce, family, "divorced")
        return union

    def _family_date(self, event: gedcom_lite.Structure, family: gedcom_lite.Structure,
                     what: str) -> str | None:
        value = self._take_one(event, "DATE")
        if value is None:
            return None
        try:
            return from_gedcom(self._text(value))
        except NotADate as why:
            self._warn(value, f"the partnership {family.xref}: {what} '{self._text(value)}' was "
                       f"left out: {why}.", "Write it in people.yaml if you know it.")
            return None


class _Reader(_PeopleReader, _FamilyReader):
    """One GEDCOM document read into an Incoming, with the tally of what it could not bring in."""

    def read(self) -> Incoming:
        """Every person, their parents, every partnership, and the tally of the rest."""
        for warning in self.document.parse_warnings:
            self._warn(None, f"part of the file could not be read ({warning}), so it was "
                       "left out.", "Check the file in your genealogy program.")
        families = [f for f in self.document.find_records("FAM") if f.xref]
        children = self._children(families)
        for xref, record in self.people.items():
            person = self._person(xref, record)
            person.parents = self._parents(person, children.get(xref, []))
            self.incoming.people.append(person)
        for family in families:
            union = self._union(family)
            if union:
                self.incoming.unions.append(union)
        self._tally()
        return self.incoming

    def _tally(self) -> None:
        """Count every structure not brought in: notes, sources, media, custom tags, and the
        other facts about people and families (each once, however much it holds). A walk
        with its own stack: a file may nest deeper than Python's recursion goes."""
        unmapped = self.incoming.unmapped
        stack: list[tuple[gedcom_lite.Structure, bool]] = []
        for record in self.document.records:
            if record.tag in {"INDI", "FAM"}:
                stack += [(child, False) for child in record.children]
            else:  # a record about no one in particular: only its notes and the like count
                stack.append((record, True))
        while stack:
            node, inside_other = stack.pop()
            if id(node) not in self.used and node.tag not in BOOKKEEPING:
                kind = _kind(node.tag)
                if kind:
                    _add(unmapped, kind, node.tag)
                    continue
                if not inside_other:
                    unmapped.other[node.tag] += 1
                inside_other = True
            stack += [(child, inside_other) for child in node.children]


def _kind(tag: str) -> str | None:
    """What a structure not brought in is counted as, when it is counted whole."""
    if tag in {"NOTE", "SNOTE"}:
        return "notes"
    return {"SOUR": "sources", "OBJE": "media"}.get(tag) or ("custom" if tag[:1] == "_" else None)


def _add(unmapped: Unmapped, kind: str, tag: str) -> None:
    if kind == "custom":
        unmapped.custom[tag] += 1
    else:
        setattr(unmapped, kind, getattr(unmapped, kind) + 1)
