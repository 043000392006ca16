"""Step 3 - the safe cast: every person resolved once to shown, withheld, placeholder or
absent, and nothing without consent kept. (Attacks on it are in test_attacks.py.)"""

from __future__ import annotations

from generator.build import check
from generator.cast.cast_types import Role
from tests.conftest import minimal_files, write_journey


def cast_of(tmp_path, people: list[dict], *, release: bool = True):
    files = minimal_files()
    files["people.yaml"]["people"] += people
    return check(write_journey(tmp_path / "j", files), release=release).cast


def test_each_person_has_one_role(tmp_path):
    cast = cast_of(tmp_path, [
        {"id": "nan", "called": "Nan", "relation": "your Nan"},
        {"id": "dad", "called": "Rick Testperson", "relation": "your birth father",
         "visibility": "name withheld"},
        {"id": "kev", "called": "Kevin Marsh", "relation": "r", "visibility": "never shown"},
    ])
    roles = {p.id: p.role for p in cast.people}
    assert roles["nan"] is Role.shown and roles["dad"] is Role.withheld
    assert "kev" not in roles and cast.kept_out_people == []
    withheld = next(p for p in cast.people if p.id == "dad")
    assert withheld.name == "your birth father" and withheld.full_name == ""
    assert cast.name_of("kev") is None and cast.name_of("dad") == "your birth father"


def test_a_never_shown_parent_is_a_nameless_placeholder(tmp_path):
    files = minimal_files()
    files["journey.yaml"]["young_person"]["parents"] = ["mum", "dad"]
    files["people.yaml"]["people"].append(
        {"id": "dad", "called": "Rick Testperson", "relation": "your father", "sex": "male",
         "visibility": "never shown"})
    cast = check(write_journey(tmp_path / "j", files), release=True).cast
    placeholders = [p for p in cast.people if p.role is Role.placeholder]
    assert len(placeholders) == 1 and placeholders[0].name == ""
    assert "Rick" not in repr(cast)


def test_the_preview_cast_names_who_is_kept_out_and_the_release_does_not(tmp_path):
    kev = {"id": "kev", "called": "Kevin Marsh", "relation": "r", "visibility": "never shown"}
    preview = cast_of(tmp_path / "p", [kev], release=False)
    assert [p.name for p in preview.kept_out_people] == ["Kevin Marsh"]
    release = cast_of(tmp_path / "r", [kev], release=True)
    assert "Kevin" not in repr(release) and "Marsh" not in repr(release)
