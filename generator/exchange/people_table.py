"""A spreadsheet of people (CSV, or an Excel .xlsx) as new people.

One row a person, under a header row naming the columns (COLUMNS; case, spaces and a few
everyday names such as "Date of birth" aside). Every row is checked before anything is added:
each mistake is reported as `FILE:row N: what is wrong. How to fix it.`, and a sheet with any
mistake adds nobody, so a half-imported list never has to be untangled.

CSV comes from Excel (UTF-8 with or without a byte-order mark, or Windows' cp1252 from "CSV
(Comma delimited)"), from LibreOffice or Google Sheets, separated by commas, semicolons (Excel in
much of Europe) or tabs. Dates are journeybook's (1990-03-12, March 1990, about 1952) or the UK's
day first (12/03/1990); in Excel, a cell formatted as a date is read as that date.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.core.dates import parse_date
from generator.core.errors import DateError, NotATable, Problem
from generator.exchange.incoming import FROM_A_LIST, Incoming, NewPerson, name_key
from generator.format.vocabulary import Kind, Sex, Side

# Every column journeybook reads, and what it means (the README's table says the same).
COLUMNS = {
    "id": "the person's id, to match them with people.yaml (optional)",
    "called": "what the young person calls them (or else the first word of full_name)",
    "full_name": "their full name",
    "relation": "who they are to the young person",
    "sex": "female, male, other or unknown",
    "born": "date of birth",
    "died": "date of death",
    "side": "maternal, paternal, both or none",
    "kind": "family, carer, friend, professional or community",
    "mum": "their mother: the id or name of a person in the sheet or in people.yaml",
    "dad": "their father: the same",
    "phone": "coordinator only",
    "email": "coordinator only",
    "address": "coordinator only",
    "notes": "coordinator only (kept under contact: notes)",
}
# What people call the same columns.
OTHER_NAMES = {
    "name": "full_name", "fullname": "full_name", "known_as": "called", "nickname": "called",
    "gender": "sex", "dob": "born", "date_of_birth": "born", "birth": "born", "birthday": "born",
    "date_of_death": "died", "death": "died", "mother": "mum", "mom": "mum", "mam": "mum",
    "father": "dad", "phone_number": "phone", "telephone": "phone", "tel": "phone",
    "mobile": "phone", "e_mail": "email", "email_address": "email", "postal_address": "address",
    "note": "notes", "relationship": "relation", "family_side": "side", "type": "kind",
    "person_id": "id",
}
SEX_WORDS = {"f": "female", "m": "male", "woman": "female", "man": "male", "girl": "female",
             "boy": "male", "x": "other"}
MAX_TABLE_BYTES = 20_000_000
UK_DATE = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


@dataclass
class Row:
    """One row of the sheet: its number as the spreadsheet shows it, and its cells by column."""

    number: int
    cells: dict[str, str]


def read_table(path: Path, known: dict[str, list[str]]) -> Incoming:
    """The people in a CSV or .xlsx file, their parents linked; known maps the ids and names
    (name_key) of people already in the journey to their ids. Raise NotATable when the file
    cannot be read; each bad row is a problem in the result (an error, not a warning)."""
    incoming = Incoming(source=path.name[:200], path=path)  # as Imported allows
    header, rows = _rows(path)
    columns = _columns(header, incoming)
    rows = [Row(r.number, {columns[i]: v for i, v in r.cells.items() if i in columns})
            for r in rows]
    rows = [r for r in rows if any(r.cells.values())]
    # Every row is read and linked, even one with a mistake, so that every mistake is told
    # at once; any mistake (a problem that is not a warning) then stops the import.
    incoming.people = [_person(row, incoming) for row in rows]
    _link_parents(rows, incoming, known)
    _no_one_twice(incoming)
    return incoming


# -- reading the file ---------------------------------------------------------------------------

def _rows(path: Path) -> tuple[list[str], list[Row]]:
    """The header and the rows (cells as text, by column number)."""
    if path.suffix.lower() in {".xls", ".ods", ".numbers"}:
        raise NotATable(f"{path}: journeybook reads .xlsx and .csv files. Save the sheet as "
                        "Excel Workbook (.xlsx) or CSV, then import that.")
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise NotATable(f"{path}: is larger than {MAX_TABLE_BYTES // 1_000_000} MB, more "
                            "than any list of people. Check it is the right file.")
        table = list(_xlsx(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else _csv(path))
    except OSError as error:
        raise NotATable(f"{path}: cannot be read ({error.strerror}).") from None
    if not table:
        raise NotATable(f"{path}: is empty. The first row should name the columns, such as "
                        "called, full_name, relation, born.")
    header = [str(cell or "").strip() for cell in table[0]]
    return header, [Row(n, {i: _text(c) for i, c in enumerate(cells)})
                    for n, cells in enumerate(table[1:], start=2)]


def _csv(path: Path) -> list[list[str]]:
    text = decoded(path.read_bytes())
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def decoded(raw: bytes) -> str:
    """A CSV file's text: UTF-16 (Excel's "Unicode text"), UTF-8 with or without its
    byte-order mark, else Windows' cp1252 (Excel's "CSV" on Windows)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _xlsx(path: Path) -> Iterator[tuple]:
    import openpyxl  # only for Excel files: it takes a moment to import

    try:
        with warnings.catch_warnings():  # its notes on styles and data validation: not ours
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise NotATable(f"{path}: is not an Excel workbook journeybook can read "
                        f"({type(error).__name__}). Save it again as .xlsx, or as CSV.") from None
    try:
        sheet = book["people"] if "people" in book.sheetnames else book.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        book.close()


def _text(cell: object) -> str:
    """A cell as text: an Excel date as 1990-03-12, a whole number without its '.0'."""
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return " ".join(str(cell).split())


def _columns(header: list[str], incoming: Incoming) -> dict[int, str]:
    """Column number -> the field it holds; an unknown column is reported and left out."""
    found: dict[int, str] = {}
    for index, title in enumerate(header):
        key = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")
        field = key if key in COLUMNS else OTHER_NAMES.get(key)
        if not title:
            continue
        if field is None or field in found.values():
            why = "is there twice" if field else "is not one journeybook reads"
            incoming.problems.append(_row_problem(
                incoming, 1, f"the column '{title}' {why}, so it was left out.",
                f"Columns journeybook reads: {', '.join(COLUMNS)}.", warning=True))
            continue
        found[index] = field
    if "called" not in found.values() and "full_name" not in found.values():
        raise NotATable(f"{incoming.path}: row 1 should name the columns, and journeybook "
                        "needs a 'called' or a 'full_name' column. Columns it reads: "
                        f"{', '.join(COLUMNS)}.")
    return found


# -- reading a row ------------------------------------------------------------------------------

def _person(row: Row, incoming: Incoming) -> NewPerson:
    """The row as a NewPerson, each of its mistakes reported."""
    cells = row.cells
    wrong: list[tuple[str, str]] = []
    full_name = cells.get("full_name") or None
    called = cells.get("called") or (full_name.split()[0] if full_name else "")
    if not called:
        wrong.append(("there is no name", "Write what the young person calls them under "
                      "'called', or their full name under 'full_name'."))
    person = NewPerson(key=f"row {row.number}", called=called, full_name=full_name,
                       relation=cells.get("relation") or FROM_A_LIST, line=row.number)
    for field, text, most in (("called", called, 80), ("full_name", full_name or "", 200),
                              ("relation", person.relation, 120)):
        if len(text) > most:
            wrong.append((f"the {field} is longer than {most} letters", "Shorten it."))
    person.sex = _choice(cells, "sex", Sex, Sex.unknown, wrong, SEX_WORDS)
    person.kind = _choice(cells, "kind", Kind, Kind.family, wrong)
    person.side = _choice(cells, "side", Side, Side.none, wrong)
    person.born = _date(cells, "born", wrong)
    person.died = _date(cells, "died", wrong)
    if cells.get("id"):
        if re.fullmatch(r"[a-z0-9][a-z0-9-]{0,59}", cells["id"]):
            person.wanted_id = person.same_as = cells["id"]
        else:
            wrong.append((f"the id '{cells['id']}' is not an id", "Write it in lower case "
                          "letters, digits and dashes, such as nan-pat, or leave it empty."))
    person.contact = {f: cells[f] for f in ("address", "phone", "email", "notes") if cells.get(f)}
    if re.fullmatch(r"[1-9]\d{9}", person.contact.get("phone", "")):
        incoming.problems.append(_row_problem(
            incoming, row, f"the phone number {person.contact['phone']} looks like a number "
            "whose leading 0 a spreadsheet dropped, so it was kept as written.", "Check it in "
            "people.yaml, and format the phone column as text.", warning=True))
    for message, fix in wrong:
        incoming.problems.append(_row_problem(incoming, row, message + ".", fix))
    return person


def _choice(cells: dict[str, str], column: str, words: type, default, wrong: list,
            also: dict[str, str] | None = None):
    value = cells.get(column, "").strip().lower()
    if not value:
        return default
    value = (also or {}).get(value, value)
    try:
        return words(value)
    except ValueError:
        choices = ", ".join(str(w.value) for w in words)
        wrong.append((f"'{cells[column]}' is not a {column} journeybook knows",
                      f"Write one of: {choices}."))
        return default


def _date(cells: dict[str, str], column: str, wrong: list) -> str | None:
    """The column's date in journeybook's words (a UK date, day first, as 1990-03-12)."""
    value = cells.get(column, "")
    if not value:
        return None
    uk = UK_DATE.fullmatch(value)
    if uk:
        value = f"{uk.group(3)}-{int(uk.group(2)):02d}-{int(uk.group(1)):02d}"
    try:
        parse_date(value)
    except DateError as error:
        wrong.append((f"{column}: {error}", "Or leave it empty."))
        return None
    return value


# -- across rows --------------------------------------------------------------------------------

def _link_parents(rows: list[Row], incoming: Incoming, known: dict[str, list[str]]) -> None:
    """Each person's mum and dad: a row's id, a person's id in the journey, or a name that
    is one row's or one person's."""
    by_key = {p.key: p for p in incoming.people}
    names: dict[str, list[str]] = {}
    for person in incoming.people:
        for written in {person.wanted_id or "", person.full_name or "", person.called}:
            if written:
                names.setdefault(name_key(written), []).append(person.key)
    for row in rows:
        person = by_key.get(f"row {row.number}")
        if person is None:
            continue
        for column in ("mum", "dad"):
            written = row.cells.get(column)
            if not written:
                continue
            found = _parent(written, names, known)
            if isinstance(found, str):
                person.parents.append(found)
            else:
                incoming.problems.append(_row_problem(incoming, row, *found))


def _parent(written: str, names: dict[str, list[str]], known: dict[str, list[str]]
            ) -> str | tuple[str, str]:
    """The key or id the mum or dad column names, or (what is wrong, how to fix it)."""
    key = name_key(written)
    in_sheet = list(dict.fromkeys(names.get(key, [])))
    there = list(dict.fromkeys(known.get(written, []) or known.get(key, [])))
    choices = in_sheet or there
    if len(choices) == 1:
        return choices[0]
    if not choices:
        return (f"'{written}' is no one in this sheet or in people.yaml.",
                "Write the id or the full name of a person in the sheet or in people.yaml.")
    return (f"'{written}' could be {len(choices)} people ({', '.join(choices)}).",
            "Write their id instead (add an id column to the sheet for people in it).")


def _no_one_twice(incoming: Incoming) -> None:
    """The same person on two rows (the same id, or the same name and birth) is a mistake."""
    seen: dict[tuple, NewPerson] = {}
    for person in incoming.people:
        key = ("id", person.wanted_id) if person.wanted_id else \
            ("name", person.identity, person.born)
        first = seen.setdefault(key, person)
        if first is not person:
            same = "id" if person.wanted_id else "name and birth"
            incoming.problems.append(_row_problem(
                incoming, person.line or 0, f"is the same person as {first.key} (the same "
                f"{same}).", "Delete one of the two rows, or tell them apart (an id column, "
                "a birth date)."))


def _row_problem(incoming: Incoming, row: Row | int, message: str, fix: str = "", *,
                 warning: bool = False) -> Problem:
    """'people.csv:row 5: what is wrong. How to fix it.' (a spreadsheet's rows, not lines)."""
    number = row.number if isinstance(row, Row) else row
    return Problem(None, f"{incoming.path}:row {number}: {message}", fix, warning=warning)
