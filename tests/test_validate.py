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


# -- the story's own sense: warnings a young person would see the reason for -----------------

def warnings_of(folder: Path) -> list[str]:
    """The warnings `check` gives for a journey that has no errors."""
    return [p.show(folder) for p in check(folder).result.warnings]


def with_grandad(died: str, **more: object) -> dict[str, object]:
    """The minimal journey with a Grandad Ray, who died on `died`, and `more` files."""
    files = minimal_files()
    files["people.yaml"]["people"].append(
        {"id": "grandad", "called": "Grandad Ray", "relation": "Mum's dad", "died": died})
    files.update(more)
    return files


def test_an_event_with_someone_who_had_died_is_a_warning(tmp_path):
    """An event "with" Grandad after he died is told at the person's line in timeline.yaml;
    vague dates warn only when certainly after (summer 2019 after 2018; 2018 not after
    'about 2018'), and the day he died is not after it."""
    events = [{"date": "summer 2019", "title": "Beach day", "people": ["grandad"]},
              {"date": "2018", "title": "Fishing", "people": ["grandad"]},
              {"date": "2018-02-20", "title": "Grandad died", "people": ["grandad"]}]
    folder = write_journey(tmp_path / "j", with_grandad("2018-02-20",
                                                        **{"timeline.yaml": {"events": events}}))
    assert warnings_of(folder) == [
        "timeline.yaml:5:5: warning: the event 'Beach day' (summer 2019) is with Grandad Ray "
        "(grandad), who had died by then (2018-02-20): the timeline will say it was with "
        "Grandad Ray. Check the event's date and grandad's 'died' date; if the event is about "
        "them (a funeral, a visit to their grave), take grandad out of its people and say so "
        "in its title or 'about' words."]
    fuzzy = write_journey(tmp_path / "k", with_grandad("about 2018",
                                                       **{"timeline.yaml": {"events": events}}))
    assert warnings_of(fuzzy) == []


def test_a_memory_dated_after_its_writers_death_is_a_warning(tmp_path):
    """A memory written, and a moment remembered, after its writer died: each at its line,
    with the fix; one written before (a recording kept from then) is not."""
    late = "---\nfrom: grandad\ndate: 2025-06-14\nabout: summer 2019\nconsent: given\n---\nHi.\n"
    early = "---\nfrom: grandad\ndate: 2017-06-14\nabout: 2012\nconsent: given\n---\nHello.\n"
    folder = write_journey(tmp_path / "j", with_grandad(
        "2018-02-20", **{"memories/late.md": late, "memories/early.md": early}))
    assert warnings_of(folder) == [
        "memories/late.md:3:7: warning: this memory is dated 2025-06-14, after its writer "
        "Grandad Ray (grandad) died (2018-02-20). If Grandad Ray wrote it before they died, "
        "give that day (or year) as its 'date'; if someone else wrote it down later, put it "
        "'from' them. Otherwise check grandad's 'died' date.",
        "memories/late.md:4:8: warning: this memory remembers summer 2019, after its writer "
        "Grandad Ray (grandad) died (2018-02-20). Check its 'about' date: it is when the "
        "remembered moment was."]


def test_a_sign_off_naming_someone_twice_is_a_warning(tmp_path):
    """'Nan, your Nan' (or 'Grandad Ray, your Grandad'): once per writer, at the relation in
    people.yaml; 'Jan, your foster carer', a refused memory (never shown) and a writer whose
    name is withheld (signed 'your Gran' alone) are not."""
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "nan", "called": "Nan", "relation": "your Nan, Mum's mum"},
        {"id": "jan", "called": "Jan", "relation": "your foster carer"},
        {"id": "dad", "called": "Dad", "relation": "your Dad"},
        {"id": "gran", "called": "Gran", "relation": "your Gran", "visibility": "name withheld"},
        {"id": "ray", "called": "Grandad Ray", "relation": "your Grandad (Mum's dad)"}]
    for name, writer, consent in (("a", "nan", "given"), ("b", "nan", "pending"),
                                  ("c", "jan", "given"), ("d", "dad", "refused"),
                                  ("e", "gran", "given"), ("f", "ray", "given")):
        files[f"letters/{name}.md"] = f"---\nfrom: {writer}\nconsent: {consent}\n---\nLove.\n"
    folder = write_journey(tmp_path / "j", files)
    assert warnings_of(folder) == [
        "people.yaml:10:13: warning: the letter a.md is signed 'Nan, your Nan, Mum's mum': it "
        "names Nan twice, by their name and by their relation (so will every memory and letter "
        "from them). Write nan's relation as what their name does not already say (e.g. "
        "'Mum's mum'), or give them the name they sign with in 'called'.",
        "people.yaml:23:13: warning: the letter f.md is signed 'Grandad Ray, your Grandad "
        "(Mum's dad)': it names Grandad Ray twice, by their name and by their relation (so will "
        "every memory and letter from them). Write ray's relation as what their name does not "
        "already say (e.g. 'Mum's dad'), or give them the name they sign with in 'called'."]


def test_a_memory_without_words_stops_the_build_only_once_its_consent_is_given(tmp_path):
    """A recording just added waits for its transcript: while its consent is pending it is a
    warning (and left out); given, the copy would show an empty memory, so it is an error."""
    files = minimal_files()
    files["memories/recording.md"] = "---\nfrom: mum\nconsent: pending\n---\n"
    folder = write_journey(tmp_path / "j", files)
    checked = check(folder)
    assert any("no text below the front matter yet" in p.message
               for p in checked.journey.warnings)
    assert checked.cast.memories == []
    (folder / "memories" / "recording.md").write_text("---\nfrom: mum\nconsent: given\n---\n",
                                                      encoding="utf-8")
    assert any("has no text below the front matter." in line for line in problems_of(folder))
