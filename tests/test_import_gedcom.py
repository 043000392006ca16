"""`journeybook import gedcom`: a family tree from genealogy software, into people.yaml.

What a coordinator sees: every person in the tree added never shown, with their names, sex,
dates (or a report of each date that could not be brought in), parents and partnerships;
contact details only under `contact:`; notes, sources and custom tags counted and copied
nowhere; their own people.yaml untouched but for the lines added; and importing the same tree
again changes nothing. The real files are GEDCOM test files written by others
(../shared/testdata/gedcom); the encodings and line ends are made from them here.
"""

from __future__ import annotations

import codecs
import difflib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.build import check
from generator.cast.cast_types import Role
from generator.cli import main
from generator.exchange import people_file
from generator.exchange.gedcom_dates import NotADate, from_gedcom, to_gedcom
from generator.exchange.gedcom_in import read_gedcom, readable_bytes
from generator.exchange.merge import import_into
from generator.exchange.people_file import ImportRefused, read_people_file
from tests.conftest import DEMO, minimal_files, write_journey

GEDCOM = "gedcom"  # the folder in ../shared/testdata


def run(*argv: str) -> int:
    return main([str(a) for a in argv])


def people_of(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "people.yaml").read_text("utf-8"))["people"]


def unions_of(folder: Path) -> list[dict]:
    return yaml.safe_load((folder / "people.yaml").read_text("utf-8")).get("unions") or []


def imported(folder: Path) -> list[dict]:
    return [p for p in people_of(folder) if p.get("imported")]


def by_record(folder: Path) -> dict[str, dict]:
    return {p["imported"]["record"]: p for p in imported(folder)}


def as_records(folder: Path) -> tuple[dict, list]:
    """The imported people and partnerships with every id as the person's record: the same
    tree in two files, in another order, is the same people (their ids may be numbered in
    another order)."""
    people = imported(folder)
    record = {p["id"]: p["imported"]["record"] for p in people}
    found = {}
    for person in people:
        found[record[person["id"]]] = {
            **{k: v for k, v in person.items() if k not in {"id", "imported"}},
            "parents": [record[p] for p in person.get("parents", [])]}
    unions = sorted((sorted(record[p] for p in u["partners"]),
                     sorted((k, str(v)) for k, v in u.items() if k != "partners"))
                    for u in unions_of(folder))
    return found, unions


def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "journeys" / "demo"))


def tree(tmp_path: Path, text: str, name: str = "family.ged") -> Path:
    path = tmp_path / name
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


FAMILY = """
0 HEAD
1 SOUR test
1 GEDC
2 VERS 5.5.1
2 FORM LINEAGE-LINKED
1 CHAR UTF-8
0 @P1@ INDI
1 NAME Patricia /Hollis/
1 SEX F
1 BIRT
2 DATE ABT 1952
1 FAMS @F1@
0 @P2@ INDI
1 NAME Dennis /Hollis/
1 SEX M
1 BIRT
2 DATE 1950
1 RESI
2 ADDR 7 Quarry Lane
3 CONT Thornley TH4 9ZZ
2 PHON 07700 900123
2 EMAIL dennis@@example.org
1 FAMS @F1@
0 @P3@ INDI
1 NAME Robyn /Hollis/
2 NICK Robbie
1 SEX F
1 BIRT
2 DATE 14 FEB 1979
1 NOTE Robyn moved away in 1999.
1 _UID 1234-5678
1 FAMC @F1@
0 @F1@ FAM
1 HUSB @P2@
1 WIFE @P1@
1 CHIL @P3@
1 MARR
2 DATE 1975
1 DIV
2 DATE JUN 1990
0 TRLR
"""


# -- the real files -----------------------------------------------------------------------------

@pytest.mark.shared
def test_willis_brings_in_every_person_never_shown(shared, journey, capsys):
    """761 people and their families, every one never shown, 'from the family tree (to
    check)'; the dates journeybook cannot hold (before 1850) reported, not guessed; check
    passes on the result."""
    assert run("import", "gedcom", shared / GEDCOM / "willis.ged", journey) == 0
    said = capsys.readouterr()
    people = imported(journey)
    assert len(people) == 761
    assert {p["visibility"] for p in people} == {"never shown"}
    assert {p["relation"] for p in people} == {"from the family tree (to check)"}
    assert "Added 761 people and 259 partnerships" in said.out
    assert "born '07 OCT 1808' was left out: it is in 1808, and journeybook's dates start " \
           "in 1850" in said.err
    assert "2293 sources" in said.err and "custom tag" in said.err
    horton = by_record(journey)["@I4726@"]  # James Horton, born 1808
    assert horton["full_name"] == "James Horton" and "born" not in horton
    check(journey)


@pytest.mark.shared
def test_willis_and_its_ansel_copy_bring_in_the_same_people(shared, tmp_path):
    """The same tree written in ANSEL (another program's export, other line ends) gives the
    same people, names, dates, parents and partnerships."""
    found = []
    for name in ("willis.ged", "willis-ansel.ged"):
        folder = write_journey(tmp_path / name / "sam", minimal_files())
        import_into(read_people_file(folder), read_gedcom(shared / GEDCOM / name))
        found.append(as_records(folder))
    assert len(found[0][0]) == 761
    assert found[0] == found[1]


def variants(source: bytes) -> dict[str, bytes]:
    """The file in UTF-16 (both byte orders, with and without a byte-order mark, declared as
    GEDCOM's UNICODE) and with only CRs as line ends."""
    text = source.decode("utf-8-sig").replace("\r\n", "\n").replace("1 CHAR UTF-8",
                                                                    "1 CHAR UNICODE")
    crlf = text.replace("\n", "\r\n")
    made = {"cr-only": source.replace(b"\r\n", b"\n").replace(b"\n", b"\r")}
    for encoding, mark in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        made[f"{encoding} with mark"] = mark + crlf.encode(encoding)
        made[f"{encoding} without mark"] = crlf.encode(encoding)
    return made


@pytest.mark.shared
@pytest.mark.parametrize("name", ["utf8_lf_nobom.ged", "willis.ged"])
def test_every_encoding_and_line_end_brings_in_the_same_people(shared, tmp_path, name):
    """UTF-16 with and without its byte-order mark, either byte order, and old Macs' CR-only
    line ends: the same people as the original (utf8_lf_nobom's names are all accented)."""
    original = read_gedcom(shared / GEDCOM / name)
    for variant, data in variants((shared / GEDCOM / name).read_bytes()).items():
        path = tmp_path / f"{variant}.ged"
        path.write_bytes(data)
        again = read_gedcom(path)
        assert [vars(p) for p in again.people] == [vars(p) for p in original.people], variant
        assert again.unions == original.unions, variant


@pytest.mark.shared
def test_accented_names_and_their_ids(shared, journey):
    """UTF-8 names arrive as written; ids are made from them in plain letters."""
    import_into(read_people_file(journey), read_gedcom(shared / GEDCOM / "utf8_lf_nobom.ged"))
    people = by_record(journey)
    assert people["@I9@"]["full_name"] == "Ellen Łowenstėin"
    assert people["@I9@"]["id"] == "ellen-owenstein"  # Ł has no plain letter in NFKD
    assert people["@I7@"]["full_name"] == "Daniel Ćuarón"
    assert people["@I10@"]["parents"] == [people["@I7@"]["id"], people["@I9@"]["id"]]
    check(journey)


@pytest.mark.shared
def test_torture_test_in_ansel(shared, journey, capsys):
    """TGC55CLF.ged, every GEDCOM 5.5 tag in ANSEL: contact details land only in contact:,
    notes and sources are counted and copied nowhere, an adopted family and a period of time
    are reported; check passes. Its CR-only copy brings in the same."""
    source = shared / GEDCOM / "TGC55CLF.ged"
    assert run("import", "gedcom", source, journey, "--all-problems") == 0
    said = capsys.readouterr().err
    joseph = by_record(journey)["@PERSON1@"]
    assert joseph["contact"] == {
        "address": "Address in Free Form Line 1, Address in Free Form Line 2, "
                   "Address in Free Form Line 3", "phone": "+1-800-555-5555"}
    written = (journey / "people.yaml").read_text("utf-8")
    assert "Residence attribute note" not in written and "Submitter" not in written
    assert "117 notes, 59 sources, 32 media links" in said
    assert "their adopted family @ADOPTIVE_PARENTS@ was not brought in" in said
    assert "died 'FROM APR 2000 TO 5 MAR 2001' was left out: it is a period of time" in said
    check(journey)
    cr_only = source.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r")
    (journey.parent / "cr.ged").write_bytes(cr_only)
    assert [vars(p) for p in read_gedcom(journey.parent / "cr.ged").people] == \
        [vars(p) for p in read_gedcom(source).people]


@pytest.mark.shared
def test_gedcom_7_files(shared, journey):
    """GEDCOM 7: a marriage, a divorce and a remarriage of the same two people (two
    partnerships, each with its dates); a same-sex couple; the maximal file's names, other
    names, nickname and dates. check passes on all of them together."""
    for name in ("remarriage2.ged", "same-sex-marriage.ged", "maximal70.ged"):
        import_into(read_people_file(journey), read_gedcom(shared / GEDCOM / name))
    people = {(p["imported"]["from"], p["imported"]["record"]): p for p in imported(journey)}
    john, jane, mary = (people["remarriage2.ged", f"@I{n}@"]["id"] for n in (1, 2, 3))
    unions = [{k: str(v) for k, v in u.items() if k != "partners"} | {"with": u["partners"]}
              for u in unions_of(journey)]
    assert {"kind": "married", "from": "1911-04-01", "ended": "divorced", "to": "1912-05-02",
            "with": [john, jane]} in unions
    assert {"kind": "married", "from": "1914-07-04", "with": [john, jane]} in unions
    assert {"kind": "married", "from": "1913-06-03", "with": [john, mary]} in unions
    assert str(people["remarriage2.ged", "@I3@"]["died"]) == "1914-03-01"
    doe, roe = (people["same-sex-marriage.ged", f"@I{n}@"] for n in (1, 2))
    assert {"kind": "partners", "with": [doe["id"], roe["id"]]} in unions
    assert doe["sex"] == roe["sex"] == "male"
    maximal = people["maximal70.ged", "@I1@"]
    assert maximal["called"] == "John"  # the NICK
    assert maximal["full_name"] == 'Lt. Cmndr. Joseph "John" de Allen jr.'
    assert maximal["also_known_as"] == ["John Doe", "Aka", "Immigrant Name"]
    assert (str(maximal["born"]), str(maximal["died"])) == ("2000-01-01", "2022-03-28")
    assert "contact" not in maximal  # the address written under DEAT is where they died
    assert people["maximal70.ged", "@I3@"]["called"] == "Unnamed"
    check(journey)


@pytest.mark.shared
def test_harry_potter_and_the_relationship_test(shared, journey, capsys):
    """Two Family Tree Maker exports: unknown tags (WAND, MUGL) and Ancestry's custom tags
    counted, a child in two families reported; check passes."""
    assert run("import", "gedcom", shared / GEDCOM / "Harry_Potter.ged", journey) == 0
    said = capsys.readouterr().err
    assert "custom tags (_FREL, _MREL)" in said and "WAND" in said and "MUGL" in said
    assert run("import", "gedcom", shared / GEDCOM / "RelationshipTestExtended.ged",
               journey) == 0
    assert "Theresa (@I21@) is a child in 2 families; the parents from @F7@ were used" in \
        capsys.readouterr().err
    check(journey)


# -- merging into a journey ---------------------------------------------------------------------

@pytest.mark.shared
def test_willis_into_the_demo_keeps_every_contact_detail_out_of_the_copy(shared, tmp_path,
                                                                          known):
    """willis.ged and a tree with addresses, phones and emails, into a copy of the demo: the
    demo's people and their lines unchanged, everyone imported never shown, and nothing of
    theirs (names, contact details) in the young person's book; check passes."""
    folder = demo_copy(tmp_path)
    before = check(folder, cache_dir=known, release=True)
    original = (folder / "people.yaml").read_text("utf-8")
    assert run("import", "gedcom", shared / GEDCOM / "willis.ged", folder) == 0
    assert run("import", "gedcom", tree(tmp_path, FAMILY.replace("Hollis", "Quarrie")),
               folder) == 0
    text = (folder / "people.yaml").read_text("utf-8")
    changes = difflib.SequenceMatcher(None, original.splitlines(), text.splitlines(),
                                      autojunk=False).get_opcodes()
    assert {tag for tag, *_ in changes} == {"equal", "insert"}  # only lines added
    assert {p["visibility"] for p in imported(folder)} == {"never shown"}
    quarrie = {p.get("full_name"): p for p in imported(folder)}["Dennis Quarrie"]
    assert quarrie["contact"] == {"address": "7 Quarry Lane, Thornley TH4 9ZZ",
                                  "phone": "07700 900123", "email": "dennis@example.org"}
    after = check(folder, cache_dir=known, release=True)
    shown = [(p.id, p.role, p.name, p.full_name) for p in before.cast.people
             if p.role is not Role.placeholder]
    assert shown == [(p.id, p.role, p.name, p.full_name) for p in after.cast.people
                     if p.role is not Role.placeholder]
    book = repr(after.book)
    for secret in ("Quarry Lane", "TH4 9ZZ", "07700 900123", "dennis@example.org", "Quarrie",
                   "Willis", "Horton", "Robyn"):
        assert secret not in book


def test_people_already_there_are_found_not_added(tmp_path, capsys, known):
    """Nan (Patricia Hollis, about 1952) is in the demo: the tree's Patricia Hollis is found by
    her name and birth and left as the coordinator wrote her; her new husband and daughter are
    added, the daughter with Nan as her mother."""
    folder = demo_copy(tmp_path)
    nan_before = next(p for p in people_of(folder) if p["id"] == "nan-pat")
    assert run("import", "gedcom", tree(tmp_path, FAMILY), folder) == 0
    assert "Already in the journey, left as they are: 1 (Patricia = nan-pat)" in \
        capsys.readouterr().out
    people = {p["id"]: p for p in people_of(folder)}
    assert people["nan-pat"] == nan_before
    assert people["robyn-hollis"]["parents"] == ["dennis-hollis", "nan-pat"]
    assert people["robyn-hollis"]["called"] == "Robbie"  # the tree's nickname
    assert people["robyn-hollis"]["visibility"] == "never shown"
    assert people["robyn-hollis"]["relation"] == "from the family tree (to check)"
    assert {"partners": ["dennis-hollis", "nan-pat"], "kind": "married", "from": 1975,
            "ended": "divorced", "to": "June 1990"} in unions_of(folder)
    check(folder, cache_dir=known)


def test_importing_the_same_tree_again_changes_nothing(tmp_path, capsys):
    """Byte for byte: found by their records, however the coordinator edited them since."""
    folder = demo_copy(tmp_path)
    family = tree(tmp_path, FAMILY)
    assert run("import", "gedcom", family, folder) == 0
    edited = (folder / "people.yaml").read_text("utf-8").replace("called: Robbie",
                                                                  "called: Auntie Rob")
    (folder / "people.yaml").write_text(edited, encoding="utf-8")
    before = (folder / "people.yaml").read_bytes()
    capsys.readouterr()
    assert run("import", "gedcom", family, folder) == 0
    assert (folder / "people.yaml").read_bytes() == before
    assert "Nothing new in" in capsys.readouterr().out


def test_a_dry_run_changes_nothing(tmp_path, capsys):
    folder = demo_copy(tmp_path)
    before = (folder / "people.yaml").read_bytes()
    assert run("import", "gedcom", tree(tmp_path, FAMILY), folder, "--dry-run") == 0
    assert "Would add 2 people and 1 partnerships" in capsys.readouterr().out
    assert (folder / "people.yaml").read_bytes() == before


def test_loops_and_deaths_before_births_are_left_out_and_reported(journey, tmp_path, capsys):
    """journeybook's check refuses someone their own ancestor, and a death before a birth:
    the import leaves out the link and the date, says so, and check passes."""
    looped = """
0 HEAD
1 CHAR UTF-8
0 @A@ INDI
1 NAME Ann /Loop/
1 BIRT
2 DATE 1990
1 DEAT
2 DATE 1980
1 FAMC @F1@
1 FAMS @F2@
0 @B@ INDI
1 NAME Bob /Loop/
1 FAMC @F2@
1 FAMS @F1@
0 @F1@ FAM
1 HUSB @B@
1 CHIL @A@
0 @F2@ FAM
1 WIFE @A@
1 CHIL @B@
0 TRLR
"""
    assert run("import", "gedcom", tree(tmp_path, looped), journey) == 0
    said = capsys.readouterr().err
    assert "is also their descendant in the file, so that parent link was left out" in said
    assert "died '1980' before they were born '1990', so the death date was left out" in said
    ann = by_record(journey)["@A@"]
    assert "died" not in ann and ann["deceased"] is True
    check(journey)


def test_a_file_that_is_not_a_tree_is_refused_plainly(journey, tmp_path, capsys):
    (tmp_path / "photo.ged").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    before = (journey / "people.yaml").read_bytes()
    assert run("import", "gedcom", tmp_path / "photo.ged", journey) == 1
    said = capsys.readouterr().err
    assert said.startswith("error: ") and "Traceback" not in said
    assert "Export the family tree again from your genealogy program, as GEDCOM" in said
    assert (journey / "people.yaml").read_bytes() == before


def test_a_journey_with_problems_is_fixed_first(journey, tmp_path, capsys):
    (journey / "people.yaml").write_text("people:\n  - id: mum\n    called: Mum\n",
                                         encoding="utf-8")
    assert run("import", "gedcom", tree(tmp_path, FAMILY), journey) == 1
    assert "people.yaml:2:5: 'relation' is missing" in capsys.readouterr().err


# -- people.yaml as the coordinator wrote it ----------------------------------------------------

def test_a_new_journeys_empty_lists_take_the_new_entries(tmp_path, capsys):
    """The template's 'unions: []' and its commented example stay readable; check passes."""
    assert run("new", "Kai Test", "--journeys", tmp_path) == 0
    folder = tmp_path / "kai-test"
    assert run("import", "gedcom", tree(tmp_path, FAMILY), folder) == 0
    text = (folder / "people.yaml").read_text("utf-8")
    assert "unions:\n  # ---- From family.ged" in text
    assert "#  - partners: [mum, dad]" in text
    assert len(unions_of(folder)) == 1
    check(folder)


def test_windows_line_ends_a_byte_order_mark_and_no_unions_key(journey, tmp_path):
    """A people.yaml saved on Windows keeps its CRLFs and its mark; a missing unions: is
    added at the end."""
    text = (journey / "people.yaml").read_text("utf-8").replace("\n", "\r\n")
    (journey / "people.yaml").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    import_into(read_people_file(journey), read_gedcom(tree(tmp_path, FAMILY)))
    data = (journey / "people.yaml").read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + text.encode("utf-8").split(b"\r\n")[0])
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert len(unions_of(journey)) == 1
    check(journey)


def test_a_last_person_ending_in_a_block_of_text(journey, tmp_path):
    """Lines of an 'about: |' text that look like comments stay in the text: the new people
    go after it, not inside it."""
    text = (journey / "people.yaml").read_text("utf-8") + \
        "  about: |\n    Jo's favourite things:\n    # football\n\n    # the sea\n"
    (journey / "people.yaml").write_text(text, encoding="utf-8")
    import_into(read_people_file(journey), read_gedcom(tree(tmp_path, FAMILY)))
    assert people_of(journey)[0]["about"] == "Jo's favourite things:\n# football\n\n# the sea\n"
    assert len(imported(journey)) == 3
    check(journey)


def test_a_flow_list_is_refused_with_how_to_fix_it(journey, tmp_path):
    (journey / "people.yaml").write_text(
        "people: [{id: mum, called: Mum, relation: your Mum}]\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match=re.escape(
            "people.yaml:1: 'people:' is written as a [...] list; journeybook adds to it only "
            "when each entry starts its own line")):
        read_people_file(journey)


def test_too_many_people_for_one_file_are_refused(journey, tmp_path, monkeypatch):
    monkeypatch.setattr(people_file, "MAX_YAML_BYTES", 600)
    before = (journey / "people.yaml").read_bytes()
    with pytest.raises(ImportRefused, match=re.escape(
            "more than the 0.0006 MB journeybook reads. Nothing was changed. Import a smaller "
            "part of the tree")):
        import_into(read_people_file(journey), read_gedcom(tree(tmp_path, FAMILY)))
    assert (journey / "people.yaml").read_bytes() == before


# -- characters and dates -----------------------------------------------------------------------

def test_windows_character_sets_are_read(tmp_path):
    """An older program's 'CHAR ANSI' file in Windows-1252: Zoë stays Zoë."""
    text = FAMILY.replace("CHAR UTF-8", "CHAR ANSI").replace("Robyn", "Zoë")
    path = tmp_path / "ansi.ged"
    path.write_bytes(text.strip().encode("cp1252"))
    assert {p.full_name for p in read_gedcom(path).people} >= {"Zoë Hollis"}


def test_utf16_without_a_mark_is_given_one():
    text = "0 HEAD\r\n1 CHAR UNICODE\r\n"
    for encoding, mark in (("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)):
        assert readable_bytes(text.encode(encoding)) == mark + text.encode(encoding)


@pytest.mark.parametrize(("gedcom", "ours"), [
    ("ABT 1952", "about 1952"), ("CAL 1952", "about 1952"), ("EST 1952", "about 1952"),
    ("BEF JUN 1988", "before June 1988"), ("AFT 1 JAN 2000", "after 2000-01-01"),
    ("BET 1950 AND 1955", "between 1950 and 1955"), ("JUN 1988", "June 1988"),
    ("30 JUL 1988", "1988-07-30"), ("1988", "1988"), ("Abt. 1952", "about 1952"),
    ("@#DGREGORIAN@ 3 DEC 2011", "2011-12-03"), ("GREGORIAN 3 DEC 2011", "2011-12-03"),
    ("(summer 2011)", "summer 2011"), ("INT 2011 (summer 2011)", "summer 2011"),
    ("INT 5 MAY 2011 (the day the letter came)", "2011-05-05"),
])
def test_gedcom_dates_in_our_words(gedcom, ours):
    assert from_gedcom(gedcom) == ours


@pytest.mark.parametrize(("gedcom", "why"), [
    ("07 OCT 1808", "it is in 1808, and journeybook's dates start in 1850"),
    ("FROM 1990 TO 1995", "it is a period of time"),
    ("@#DJULIAN@ 1900", "it is a date in the Julian calendar"),
    ("1950/51", "is a dual year"),
    ("(when the war ended)", "it is a phrase, 'when the war ended', not a date"),
    ("31 FEB 1990", "is not a real day"),
    ("BET 1960 AND 1950", "ends before it starts"),
    ("20 MAR", "'20 MAR' is not a GEDCOM date"),
])
def test_dates_that_cannot_be_said_the_same_are_refused_with_why(gedcom, why):
    with pytest.raises(NotADate, match=why):
        from_gedcom(gedcom)


@pytest.mark.parametrize(("ours", "gedcom"), [
    ("about 1952", "ABT 1952"), ("1988-07-30", "30 JUL 1988"), ("June 1988", "JUN 1988"),
    ("1988-06", "JUN 1988"), ("before 2010", "BEF 2010"), ("after March 2015", "AFT MAR 2015"),
    ("between 2008 and 2010", "BET 2008 AND 2010"), ("2008-2010", "BET 2008 AND 2010"),
    ("summer 2010", "(summer 2010)"), ("1990s", "(1990s)"), ("c. 1960", "ABT 1960"),
])
def test_our_dates_in_gedcoms_words_and_back(ours, gedcom):
    """Each date goes out as GEDCOM writes it and comes back meaning the same days."""
    from generator.core.dates import parse_date

    date = parse_date(ours)
    assert to_gedcom(date) == gedcom
    back = parse_date(from_gedcom(gedcom))
    assert (back.earliest, back.latest, back.qualifier) == \
        (date.earliest, date.latest, date.qualifier)
