"""Bad input: every mistake a coordinator can make is reported at once, at its file and line."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest

from generator.build import check
from generator.cli import main
from generator.core.errors import JourneyError
from tests.conftest import minimal_files, save_image, write_journey


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(JourneyError) as caught:
        check(folder)
    return [p.show(folder) for p in caught.value.problems if not p.warning]


def test_minimal_journey_is_valid(journey):
    """The smallest journey passes: nothing optional is required."""
    assert check(journey).book.name == "Sam"


def test_yaml_syntax_error_names_line_and_fix(tmp_path):
    """A YAML syntax error gives the line and column, and a fix in plain words."""
    files = minimal_files()
    files["people.yaml"] = "people:\n  - id: mum\n    called: Mum\n    relation: Nan said: hi\n"
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert shown == ["people.yaml:4:23: YAML syntax error: mapping values are not allowed here. "
                     "A value contains ': ' - put the whole value in quotes, e.g. note: "
                     "\"Nan said: hello\"."]


def test_unknown_field_suggests_the_right_one(tmp_path):
    """A typo in a field name is caught (not silently dropped) and the right name suggested."""
    files = minimal_files()
    files["people.yaml"]["people"][0]["full_nmae"] = "Jo"
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert len(shown) == 1
    assert shown[0].startswith("people.yaml:8:3: unknown field 'full_nmae' in people entry 1 "
                               "(id mum). Did you mean 'full_name'?")


def test_wrong_type_and_bad_choice(tmp_path):
    """A list where text is expected, and a value not among the choices, each say what fits."""
    files = minimal_files()
    person = files["people.yaml"]["people"][0]
    person["called"] = ["Mum", "Mummy"]
    person["sex"] = "woman"
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert any("'called' in people entry 1 (id mum) should be text, not a list" in s for s in shown)
    assert any("'woman' is not allowed for 'sex'" in s and "'female', 'male'" in s for s in shown)


def test_a_wrong_key_says_which_keys_are_allowed(tmp_path):
    """A chapter named wrongly in about_chapters says the chapters it can be (it said "'[key]'
    should be something else")."""
    files = minimal_files()
    files["journey.yaml"]["in_my_words"] = {"about_chapters": {"timeline": "My words"}}
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert any("'timeline' is not allowed as a key of 'about_chapters'" in s and
               "Write one of: 'index', 'people', 'family-tree', 'story'" in s for s in shown), shown


def test_unknown_and_duplicate_ids(tmp_path):
    """Ids that do not exist, or are used twice, are named with a suggestion."""
    files = minimal_files()
    files["journey.yaml"]["young_person"]["parents"] = ["mun"]
    files["people.yaml"]["people"].append(copy.deepcopy(files["people.yaml"]["people"][0]))
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert "journey.yaml:7:5: no person has the id 'mun'. Did you mean 'mum'? Ids must match one " \
           "in people.yaml or young_person in journey.yaml." in shown
    assert any(s.startswith("people.yaml:8:7: the id 'mum' is used twice.") for s in shown)


def test_impossible_date(tmp_path):
    """31 February is caught, with the line and what the month really has."""
    files = minimal_files()
    files["journey.yaml"]["young_person"]["born"] = "2012-02-31"
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "journey.yaml:4:9: 'born': '2012-02-31' is not a real day: February 2012 has 29 days."]


def test_death_before_birth(tmp_path):
    files = minimal_files()
    files["people.yaml"]["people"][0]["died"] = 1980
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "people.yaml:8:9: Mum (mum) died (1980) before they were born (1990). Check the 'born' "
        "and 'died' dates."]


def test_missing_and_non_image_files(tmp_path):
    """A photo that does not exist, one that is not an image, and one outside the folder."""
    files = minimal_files()
    files["photos.yaml"] = {"photos": [
        {"file": "photos/beach.jpg", "alt": "x", "consent": "given"},
        {"file": "photos/notes.jpg", "alt": "x", "consent": "given"},
        {"file": "../other-journey/photo.jpg", "alt": "x", "consent": "given"},
        {"file": "photos/empty.jpg", "alt": "x", "consent": "given"},
        {"file": "/etc/passwd", "alt": "x", "consent": "given"},
    ]}
    files["photos/beach.jpeg"] = b"not used"
    files["photos/notes.jpg"] = "this is a text file\n"
    files["photos/empty.jpg"] = b""
    folder = write_journey(tmp_path / "j", files)
    shown = problems_of(folder)
    assert "photos.yaml:2:9: the file 'photos/beach.jpg' does not exist. Did you mean " \
           "'photos/beach.jpeg'? Check the spelling and the folder; paths start from the " \
           "journey folder." in shown
    assert any("'photos/notes.jpg' is not an image journeybook can read" in s for s in shown)
    assert any("'../other-journey/photo.jpg' is outside this journey's folder" in s
               for s in shown)
    assert any("the file 'photos/empty.jpg' is empty (0 bytes)" in s for s in shown)
    assert "photos.yaml:14:9: '/etc/passwd' is outside this journey's folder. Copy the file " \
           "into the journey folder (e.g. photos/) and give the path from there, like " \
           "photos/beach.jpg." in shown


def test_symlink_out_of_the_folder_is_refused(tmp_path):
    """A photo that is a symlink to another journey's file is refused like '../'."""
    other = save_image(tmp_path / "other" / "secret.jpg")
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/link.jpg", "alt": "x",
                                        "consent": "given"}]}
    folder = write_journey(tmp_path / "j", files)
    (folder / "photos").mkdir()
    (folder / "photos" / "link.jpg").symlink_to(other)
    assert any("outside this journey's folder" in s for s in problems_of(folder))


def test_every_problem_listed_at_once(tmp_path):
    """check lists all problems across all files, not just the first."""
    files = minimal_files()
    files["journey.yaml"]["coordinator"] = {}
    files["people.yaml"]["people"][0]["born"] = "sometime"
    files["timeline.yaml"] = {"events": [{"date": "2013", "title": "x", "people": ["nobody"]}]}
    files["memories/a.md"] = "---\nfrom: mum\nconsent: maybe\n---\nHello\n"
    shown = problems_of(write_journey(tmp_path / "j", files))
    files_named = {s.split(":")[0] for s in shown}
    assert files_named == {"journey.yaml", "people.yaml", "memories/a.md"}
    assert len(shown) == 3  # the timeline is checked too once the files it needs are valid


def test_duplicate_keys_and_python_tags_are_refused(tmp_path):
    """YAML that would silently drop data, or try to build objects, is refused."""
    files = minimal_files()
    files["people.yaml"] = ("people:\n  - id: mum\n    called: Mum\n    called: Mummy\n"
                            "    relation: !!python/object/apply:os.system [echo hi]\n")
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert shown == [
        "people.yaml:4:5: 'called' is given twice here; YAML would silently keep only the last "
        "one. Delete one of them or merge what they say.",
        "people.yaml:5:15: 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed in "
        "case data. Remove the tag (the part starting with !); write plain text."]


def test_markdown_without_front_matter(tmp_path):
    files = minimal_files()
    files["memories/nan.md"] = "I remember...\n"
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "memories/nan.md:1: has no front matter (the details between two --- lines at the "
        "top). Start the file with ---, the details such as 'from:' and 'consent:', then --- "
        "and the text."]


def test_not_utf8(tmp_path):
    files = minimal_files()
    files["people.yaml"] = "people:\n  - id: mum\n    called: Zo\xeb\n".encode("latin-1")
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert shown == ["people.yaml:3: is not saved as UTF-8 text. Open it in your editor and "
                     "save it with the encoding UTF-8."]


def test_cli_check_exit_codes_and_no_traceback(tmp_path, journey, capsys):
    """`journeybook check` exits 0 on a good journey, 1 with the problems on a bad one."""
    assert main(["check", str(journey)]) == 0
    bad = write_journey(tmp_path / "bad", {**minimal_files(), "people.yaml": "people: [\n"})
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "people.yaml:2:1: YAML syntax error" in err
    assert "Traceback" not in err
    assert "Found 1 problem." in err


def test_check_never_writes(journey):
    """check reads only: the journey folder is byte-for-byte the same afterwards."""
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in journey.rglob("*")
              if p.is_file()}
    check(journey)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in journey.rglob("*")
             if p.is_file()}
    assert before == after
