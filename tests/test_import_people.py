"""`journeybook import people`: a spreadsheet of people (CSV or Excel), into people.yaml.

What a coordinator sees: each row a person, never shown, with mum and dad found by name or id
among the rows and the people already there; a sheet with a mistake adds nobody and says, for
each row, what is wrong and how to fix it; importing the same sheet again changes nothing.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.build import check
from generator.cli import main
from tests.conftest import DEMO

SHEET = [
    ["Called", "Full name", "Relation", "Sex", "Date of birth", "Side", "Kind", "Mum", "Dad",
     "Phone", "Email", "Address", "Notes"],
    ["Gran Siân", "Siân Hughes", "your great-gran", "F", "about 1940", "maternal", "", "", "",
     "01632 960 555", "sian@example.org", "2 Bryn Road, Thornley", "Prefers letters – not calls"],
    ["Zoë", "Zoë Hughes", "", "female", "12/03/1968", "maternal", "", "Gran Siân", "", "", "",
     "", ""],
    ["Bo", "", "Zoë's friend", "", "", "", "friend", "", "", "", "", "", ""],
]


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def people_of(folder: Path) -> dict[str, dict]:
    data = yaml.safe_load((folder / "people.yaml").read_text("utf-8"))
    return {p["id"]: p for p in data["people"]}


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    return "".join(delimiter.join(f'"{c}"' if delimiter in c else c for c in row) + "\r\n"
                   for row in rows)


def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "journeys" / "demo"))


def xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_a_sheet_of_people_comes_in_never_shown(journey, tmp_path, capsys):
    """Every column in its place: contact details (and notes) only under contact:, mum by
    name, a UK date, the defaults for what is left empty; check passes."""
    sheet = tmp_path / "people.csv"
    sheet.write_text(csv_text(SHEET), encoding="utf-8")
    assert run("import", "people", sheet, journey) == 0
    assert "Added 3 people and 0 partnerships" in capsys.readouterr().out
    people = people_of(journey)
    assert people["sian-hughes"] == {
        "id": "sian-hughes", "called": "Gran Siân", "full_name": "Siân Hughes",
        "relation": "your great-gran", "sex": "female", "born": "about 1940",
        "side": "maternal", "visibility": "never shown",
        "contact": {"address": "2 Bryn Road, Thornley", "phone": "01632 960 555",
                    "email": "sian@example.org", "notes": "Prefers letters – not calls"},
        "imported": {"from": "people.csv"}}
    zoe = people["zoe-hughes"]
    assert zoe["parents"] == ["sian-hughes"]
    assert str(zoe["born"]) == "1968-03-12"  # 12/03/1968, day first
    assert zoe["relation"] == "from a list of people (to check)"
    assert people["bo"]["kind"] == "friend" and "full_name" not in people["bo"]
    check(journey)


@pytest.mark.parametrize("form", ["utf-8", "utf-8 with mark", "cp1252", "semicolons", "tabs",
                                  "xlsx"])
def test_every_way_a_spreadsheet_is_saved_gives_the_same_people(journey, tmp_path, form):
    """Excel's CSV (UTF-8 with a mark, or Windows' cp1252), LibreOffice's UTF-8, Excel in
    Europe's semicolons, tab-separated text, and .xlsx: the same people, accents and all."""
    sheet = tmp_path / ("people.xlsx" if form == "xlsx" else "people.csv")
    if form == "xlsx":
        xlsx(sheet, SHEET)
    else:
        delimiter = {"semicolons": ";", "tabs": "\t"}.get(form, ",")
        text = csv_text(SHEET, delimiter)
        encoding = {"utf-8 with mark": "utf-8-sig", "cp1252": "cp1252"}.get(form, "utf-8")
        sheet.write_bytes(text.encode(encoding))
    assert run("import", "people", sheet, journey) == 0
    people = people_of(journey)
    assert {p.get("full_name") for p in people.values()} >= {"Siân Hughes", "Zoë Hughes"}
    assert people["zoe-hughes"]["parents"] == ["sian-hughes"]
    assert people["sian-hughes"]["contact"]["notes"] == "Prefers letters – not calls"


def test_excel_dates_and_numbers(journey, tmp_path, capsys):
    """A cell formatted as a date is that date; a year typed as a number is a year; a phone
    number Excel turned into a number (its 0 lost) is kept, and reported."""
    sheet = xlsx(tmp_path / "people.xlsx", [
        ["called", "full_name", "born", "died", "phone"],
        ["Ray", "Raymond Test", datetime(1949, 5, 17), 2018, 7700900123],
    ])
    assert run("import", "people", sheet, journey) == 0
    ray = people_of(journey)["raymond-test"]
    assert (str(ray["born"]), str(ray["died"])) == ("1949-05-17", "2018")
    assert ray["contact"] == {"phone": "7700900123"}
    assert f"{sheet}:row 2: the phone number 7700900123 looks like a number whose leading 0 " \
           "a spreadsheet dropped" in capsys.readouterr().err


def test_mum_and_dad_can_be_people_already_there(tmp_path, known):
    """By id (nan-pat), by full name (Leanne Hollis), or by the id column of another row."""
    folder = demo_copy(tmp_path)
    sheet = tmp_path / "people.csv"
    sheet.write_text(csv_text([
        ["id", "called", "full_name", "mum", "dad", "born"],
        ["aunt-jo", "Auntie Jo", "Joanne Hollis", "nan-pat", "Raymond Hollis", "1991"],
        ["", "Baby Ella", "Ella Hollis", "aunt-jo", "", "2023-01-05"],
        ["", "Cousin Max", "Max Hollis", "Leanne Hollis", "", "2020"],
    ]), encoding="utf-8")
    assert run("import", "people", sheet, folder) == 0
    people = people_of(folder)
    assert people["aunt-jo"]["parents"] == ["nan-pat", "grandad-ray"]
    assert people["ella-hollis"]["parents"] == ["aunt-jo"]
    assert people["max-hollis"]["parents"] == ["mum-leanne"]
    check(folder, cache_dir=known)


def test_every_bad_row_is_reported_and_nobody_is_added(journey, tmp_path, capsys):
    """One line a mistake, `FILE:row N: what is wrong. How to fix it.`, never a traceback; the
    journey is left exactly as it was."""
    sheet = tmp_path / "people.csv"
    sheet.write_text(csv_text([
        ["called", "full_name", "sex", "born", "side", "mum", "id", "favourite colour"],
        ["Ann", "Ann Test", "f emale", "31/02/1990", "", "", "", "blue"],
        ["", "", "", "", "", "", "", ""],
        ["", "", "male", "", "", "", "", ""],
        ["Cal", "Cal Test", "", "", "mums side", "Nobody Known", "", ""],
        ["Dee", "Dee Test", "", "", "", "", "Dee Test", ""],
    ]), encoding="utf-8")
    before = (journey / "people.yaml").read_bytes()
    assert run("import", "people", sheet, journey) == 1
    said = capsys.readouterr().err
    assert "Traceback" not in said
    for line in [
        f"warning: {sheet}:row 1: the column 'favourite colour' is not one journeybook reads, "
        "so it was left out.",
        f"{sheet}:row 2: 'f emale' is not a sex journeybook knows. Write one of: female, male, "
        "other, unknown.",
        f"{sheet}:row 2: born: '1990-02-31' is not a real day: February 1990 has 28 days.",
        f"{sheet}:row 4: there is no name. Write what the young person calls them under "
        "'called', or their full name under 'full_name'.",
        f"{sheet}:row 5: 'mums side' is not a side journeybook knows. Write one of: maternal, "
        "paternal, both, none.",
        f"{sheet}:row 5: 'Nobody Known' is no one in this sheet or in people.yaml. Write the id "
        "or the full name of a person in the sheet or in people.yaml.",
        f"{sheet}:row 6: the id 'Dee Test' is not an id. Write it in lower case letters, "
        "digits and dashes, such as nan-pat, or leave it empty.",
    ]:
        assert line in said, line
    assert "row 3" not in said  # an empty row is no one
    assert f"{sheet}: nobody was imported. Fix the rows above and import again." in said
    assert (journey / "people.yaml").read_bytes() == before


def test_a_mum_who_could_be_two_people(journey, tmp_path, capsys):
    sheet = tmp_path / "people.csv"
    sheet.write_text(csv_text([["called", "full_name", "mum"], ["Jo", "Jo Able", ""],
                               ["Jo", "Jo Baker", ""], ["Kit", "Kit Able", "Jo"]]),
                     encoding="utf-8")
    assert run("import", "people", sheet, journey) == 1
    assert f"{sheet}:row 4: 'Jo' could be 2 people (row 2, row 3). Write their id instead " \
           "(add an id column to the sheet for people in it)." in capsys.readouterr().err


def test_the_same_person_twice_in_a_sheet(journey, tmp_path, capsys):
    sheet = tmp_path / "people.csv"
    sheet.write_text(csv_text([["called", "full_name", "born"], ["Ann", "Ann Test", "1990"],
                               ["Annie", "Ann Test", "1990"]]), encoding="utf-8")
    assert run("import", "people", sheet, journey) == 1
    assert f"{sheet}:row 3: is the same person as row 2 (the same name and birth)." in \
        capsys.readouterr().err


def test_importing_the_same_sheet_again_changes_nothing(tmp_path, capsys):
    """Found by the id column, or by full name and birth (the demo's Nan, written 'about
    1952', is the sheet's Patricia Hollis born 1952): nobody twice, not a byte changed."""
    folder = demo_copy(tmp_path)
    sheet = tmp_path / "people.csv"
    sheet.write_text(csv_text([
        ["id", "called", "full_name", "born"],
        ["", "Nanna", "Patricia Hollis", "1952"],
        ["uncle-lee", "Uncle Lee", "Lee Hollis", ""],
        ["", "Cousin Ada", "Ada Hollis", "2019"],
    ]), encoding="utf-8")
    assert run("import", "people", sheet, folder) == 0
    assert "Already in the journey, left as they are: 1 (Nanna = nan-pat)" in \
        capsys.readouterr().out
    first = (folder / "people.yaml").read_bytes()
    assert run("import", "people", sheet, folder) == 0
    assert "Nothing new in" in capsys.readouterr().out
    assert (folder / "people.yaml").read_bytes() == first
    people = people_of(folder)
    assert people["nan-pat"]["called"] == "Nan"  # left as the coordinator wrote her
    assert "uncle-lee" in people and "ada-hollis" in people


@pytest.mark.parametrize(("name", "data", "said"), [
    ("people.xls", b"\xd0\xcf\x11\xe0", "journeybook reads .xlsx and .csv files. Save the sheet "
     "as Excel Workbook (.xlsx) or CSV"),
    ("people.xlsx", b"not a zip", "is not an Excel workbook journeybook can read"),
    ("people.csv", b"", "is empty. The first row should name the columns"),
    ("people.csv", b"colour,food\r\nblue,rice\r\n", "journeybook needs a 'called' or a "
     "'full_name' column"),
])
def test_files_that_are_not_sheets_of_people(journey, tmp_path, capsys, name, data, said):
    (tmp_path / name).write_bytes(data)
    assert run("import", "people", tmp_path / name, journey) == 1
    err = capsys.readouterr().err
    assert said in err and err.startswith("error: ") and "Traceback" not in err
