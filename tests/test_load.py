"""Step 1 - load: every case-data file read safely, with the line of every value kept.

(Hostile input, such as deep nesting, alias bombs and huge files, is in test_hostile_input.py.)
"""

from __future__ import annotations

from generator.format.load import load_journey
from tests.conftest import minimal_files, write_journey


def test_every_value_keeps_its_line_and_column(tmp_path):
    folder = write_journey(tmp_path / "j", minimal_files())
    loaded, problems = load_journey(folder)
    assert problems == []
    people = loaded.people
    assert people.data["people"][0]["called"] == "Mum"
    # people.yaml as written by write_journey: "people:\n- id: mum\n  called: Mum\n..."
    assert people.locate(("people", 0, "called")) == (3, 11)
    # A value that is not there points at the nearest one that is: its entry.
    assert people.locate(("people", 0, "no such field")) == people.locate(("people", 0)) != (3, 11)


def test_dates_stay_the_words_they_were_written_with(tmp_path):
    """YAML would turn 2012-05-01 into a date object; the case data's dates stay words, so a
    vague date and an exact one are read by one parser later."""
    folder = write_journey(tmp_path / "j", minimal_files())
    loaded, _ = load_journey(folder)
    assert loaded.journey.data["young_person"]["born"] == "2012-05-01"


def test_memories_keep_their_front_matter_and_body_and_the_line_the_body_starts(tmp_path):
    files = minimal_files()
    files["memories/walk.md"] = ("---\nfrom: mum\nconsent: given\n---\n"
                                 "I remember taking you for a walk.\n")
    loaded, problems = load_journey(write_journey(tmp_path / "j", files))
    assert problems == []
    [memory] = loaded.memories
    assert memory.data["from"] == "mum"
    assert memory.body.strip() == "I remember taking you for a walk."
    assert memory.body_line == 5


def test_a_missing_folder_is_a_problem_with_a_fix(tmp_path):
    _, problems = load_journey(tmp_path / "nobody")
    assert [p.message for p in problems] == ["this journey folder does not exist."]
    assert "journeybook new" in problems[0].fix
