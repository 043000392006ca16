"""`journeybook export gedcom`: the family as GEDCOM 5.5.1 for genealogy software.

By default only who and what the young person's copy shows; with --everything, everyone and
their contact details, for the coordinator's records. What the import brings in survives the
round trip: import, export everything, import into a new journey, and nothing is lost.
"""

from __future__ import annotations

import re
import shutil
import stat
from pathlib import Path

import gedcom_lite
import pytest
import yaml

from generator.cli import main
from generator.core.dates import parse_date
from generator.exchange import gedcom_out
from generator.exchange.gedcom_in import read_gedcom
from generator.exchange.merge import import_into
from generator.exchange.people_file import read_people_file
from tests.conftest import DEMO, minimal_files, write_journey


def run(*argv: object) -> int:
    return main([str(a) for a in argv])


def demo_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEMO, tmp_path / "journeys" / "demo"))


def people_file(folder: Path) -> dict:
    return yaml.safe_load((folder / "people.yaml").read_text("utf-8"))


def test_the_default_file_holds_only_what_the_copy_shows(tmp_path, capsys, known):
    """Beside the journey folder, readable only by its owner; nobody never shown (Craig), a
    withheld name only as its relation, no contact details, no ids (made from names)."""
    folder = demo_copy(tmp_path)
    assert run("export", "gedcom", "--cache", known, folder) == 0
    target = folder.parent / "demo.ged"
    assert f"Wrote {target}: 24 people and 6 partnerships." in capsys.readouterr().out
    text = target.read_bytes().decode("utf-8")
    for secret in ("Craig", "Fenwick", "Marcus", "Example Road", "01632", "REFN", "dad-marcus"):
        assert secret not in text, secret
    assert "1 NAME your birth father" in text
    assert "1 NAME Patricia /Hollis/\r\n2 GIVN Patricia\r\n2 SURN Hollis\r\n2 NICK Nan" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    document = gedcom_lite.parse(target.read_bytes())
    assert document.version == "5.5.1" and not document.parse_warnings
    assert len(document.find_records("INDI")) == 24


def test_everything_holds_everyone_and_their_contact_details(tmp_path, capsys, known):
    folder = demo_copy(tmp_path)
    target = tmp_path / "records.ged"
    assert run("export", "gedcom", "--cache", known, folder, "--everything", "-o", target) == 0
    assert "keep it as safe as the journey folder, and never share it" in capsys.readouterr().err
    text = target.read_bytes().decode("utf-8")
    assert "1 NAME Craig /Fenwick/" in text
    assert "2 ADDR 14 Example Road, Thornley\r\n2 PHON 01632 960 001" in text
    assert "1 REFN nan-pat\r\n2 TYPE journeybook" in text


def test_the_file_is_never_written_into_the_journey(tmp_path, capsys, known):
    folder = demo_copy(tmp_path)
    assert run("export", "gedcom", "--cache", known, folder, "-o", folder / "tree.ged") == 2
    assert "inside the journey's folder, which journeybook never writes to" in \
        capsys.readouterr().err
    assert not (folder / "tree.ged").exists()


def test_the_release_gate_reads_the_default_file(tmp_path, monkeypatch, capsys, known):
    """A second, independent check: were the cast ever to let a never-shown person through,
    the gate finds their name in the file and nothing is written."""
    folder = demo_copy(tmp_path)
    real = gedcom_out.tree_of_cast

    def leaky(cast):
        tree = real(cast)
        tree.people.append(gedcom_out.TreePerson("craig", "Craig", "Craig Fenwick"))
        return tree

    monkeypatch.setattr(gedcom_out, "tree_of_cast", leaky)
    assert run("export", "gedcom", "--cache", known, folder) == 1
    said = capsys.readouterr().err
    assert re.search(r"error: The family tree file was NOT written: \d+ thing\(s\) that must "
                     r"not be shared were found in it\.", said)
    assert "family-tree.txt: a name of Craig (craig), who is never shown ... Fenwick" in said
    assert not (folder.parent / "demo.ged").exists()


@pytest.mark.parametrize(("shape", "found"), [
    ("ring 07700 900461", "07700 900461"),  # a phone number
    ("write to m.reid85@example.org", "m.reid85@example.org"),  # an email (its @ is doubled)
    ("near BD7 1AA", "BD7 1AA"),  # a postcode
    ("on Instagram @marcus.r_85", "@marcus.r_85"),  # a handle
])
def test_a_contact_detail_in_a_withheld_persons_relation_stops_the_file(tmp_path, capsys,
                                                                          monkeypatch, shape,
                                                                          found, known):
    """Issue 21, class 10: a withheld person is named in the file by their relation, which
    is not under contact:. The cast refuses such a relation (the person is "someone in your
    life", never the raw relation); and were it ever to let one through, the export's own gate
    reads every value it writes for anything shaped like a contact detail, tells where the
    case data holds it, and writes nothing."""
    folder = demo_copy(tmp_path)
    people = (folder / "people.yaml").read_text("utf-8")
    relation = f"your birth father, {shape}"
    (folder / "people.yaml").write_text(people.replace(
        "relation: your birth father\n", f"relation: {relation}\n"), "utf-8")
    line = people.splitlines().index("    relation: your birth father") + 1
    assert run("export", "gedcom", "--cache", known, folder) == 0
    written = (folder.parent / "demo.ged").read_text("utf-8", errors="replace")
    assert found.replace("@", "@@") not in written and found not in written
    (folder.parent / "demo.ged").unlink()

    real = gedcom_out.tree_of_cast

    def leaky(cast):  # a cast that names the withheld father by his raw relation
        tree = real(cast)
        tree.people.append(gedcom_out.TreePerson("leak", relation))
        return tree

    monkeypatch.setattr(gedcom_out, "tree_of_cast", leaky)
    capsys.readouterr()
    assert run("export", "gedcom", "--cache", known, folder) == 1
    said = capsys.readouterr().err
    assert "The family tree file was NOT written" in said
    assert f"  people.yaml:{line}: what looks like " in said and f"... {found} ..." in said
    assert "A contact detail goes under contact:, which is never shown" in said
    assert not (folder.parent / "demo.ged").exists()


def test_every_value_is_read_whole_however_the_file_cuts_it(tmp_path, known):
    """A value longer than a line goes on in CONC lines, which may cut a phone number in two
    (and an email's @ is written @@): the gate joins them again before it reads them."""
    from generator.build import check

    journey = check(demo_copy(tmp_path), cache_dir=known, release=True).journey
    called = "x" * (gedcom_out.CHUNK - 5) + " 07700 900461, or dad@example.org"
    text = gedcom_out.gedcom_text(gedcom_out.Tree(
        [gedcom_out.TreePerson("someone", called)], [], "Jo"))
    assert "\r\n2 CONC " in text and "07700 900461" not in text  # cut in two
    line = text.split("\r\n").index(f"1 NAME {called[:gedcom_out.CHUNK]}") + 1
    assert (line, "NAME", called) in gedcom_out.written_values(text)
    with pytest.raises(gedcom_out.ExportBlocked) as blocked:
        gedcom_out.gated(text, journey)
    assert f"the family tree file:{line}: what looks like a phone number" in str(blocked.value)
    assert "dad@example.org" in str(blocked.value)


def mapped(folder: Path) -> tuple[dict, list]:
    """Everything a GEDCOM import maps, by id: names, sex, dates (as the days they mean),
    death, parents, contact details (not notes, which GEDCOM's import does not bring in), and
    partnerships."""
    def days(value):
        found = parse_date(value) if value is not None else None
        return (found.earliest, found.latest, found.qualifier) if found else None

    data = people_file(folder)
    people = {}
    for person in data["people"]:
        people[person["id"]] = (
            person["called"], person.get("full_name") or person["called"],
            person.get("also_known_as", []), person.get("sex", "unknown"),
            days(person.get("born")), days(person.get("died")),
            bool(person.get("deceased") or person.get("died")),
            sorted(person.get("parents", [])),
            {k: v for k, v in (person.get("contact") or {}).items() if k != "notes" and v})
    unions = sorted((sorted(u["partners"]), u.get("kind", "partners"), u.get("ended") or "",
                     days(u.get("from")), days(u.get("to"))) for u in data.get("unions") or [])
    return people, unions


def round_trip(tmp_path: Path, first: Path, known: Path | None = None) -> Path:
    """Export everything from the journey first, and import it into a new journey with
    nobody in it but its young person, Sam."""
    target = tmp_path / "everything.ged"
    cache = ["--cache", known] if known else []
    assert run("export", "gedcom", *cache, first, "--everything", "-o", target) == 0
    files = minimal_files()
    files["people.yaml"] = {"people": []}
    del files["journey.yaml"]["young_person"]["parents"]
    second = write_journey(tmp_path / "second" / "sam", files)
    import_into(read_people_file(second), read_gedcom(target))
    return second


@pytest.mark.shared
def test_a_tree_survives_import_export_and_import(shared, tmp_path):
    """willis, the GEDCOM 7 files, the torture test and accented names, imported, exported
    with everything, imported into a new journey: the same people (with the same ids), names,
    dates, parents, contact details and partnerships."""
    first = write_journey(tmp_path / "first" / "sam", minimal_files())
    for name in ("willis.ged", "remarriage2.ged", "same-sex-marriage.ged", "maximal70.ged",
                 "TGC55CLF.ged", "utf8_lf_nobom.ged"):
        import_into(read_people_file(first), read_gedcom(shared / "gedcom" / name))
    second = round_trip(tmp_path, first)
    before, after = mapped(first), mapped(second)
    assert len(after[0]) == len(before[0]) == 1 + 761 + 3 + 2 + 4 + 15 + 10
    assert after == before


def test_the_demo_survives_export_and_import(tmp_path, known):
    """Every hand-written person of the demo, names, seasons and 'about' dates, contact
    details and partnerships (married, living together, divorced, widowed, separated)."""
    first = demo_copy(tmp_path)
    second = round_trip(tmp_path, first, known)
    before, after = mapped(first), mapped(second)
    kai = after[0].pop("kai")  # the demo's young person, someone new in Sam's journey
    assert kai[:2] == ("Kai", "Kai Hollis")
    assert after == before
