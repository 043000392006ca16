"""The studio's file layer: a form edit changes only its field, and nothing is lost or overwritten.

Every test works on real files: a copy of the fictional demo, or a journey made from the
scaffold exactly as `journeybook new` makes it.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from generator.build import build, check
from generator.cli import make_journey
from generator.coordinator.studio import files
from generator.coordinator.studio.problems import left_out, problems_by_field, review
from generator.core.fingerprint import inputs_key
from tests.conftest import shared_cache

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "journeys" / "demo"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo journey the test may change."""
    return Path(shutil.copytree(DEMO, tmp_path / "demo"))


def _changes(before: bytes, after: bytes) -> list[tuple[str, list[str], list[str]]]:
    """The lines that differ: (kind, old lines, new lines) per change."""
    old, new = before.decode().splitlines(True), after.decode().splitlines(True)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    return [(kind, old[i1:i2], new[j1:j2]) for kind, i1, i2, j1, j2 in matcher.get_opcodes()
            if kind != "equal"]


def _case_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in {".yaml", ".md"})


@pytest.mark.parametrize("made_from", ["demo", "scaffold"])
def test_saving_unchanged_files_keeps_every_byte(made_from: str, demo: Path, tmp_path: Path):
    """Opened and saved with no change, every demo and new-journey file is byte for byte the same
    (so its indentation, quoting, comments and long lines survive a studio save)."""
    folder = demo if made_from == "demo" else make_journey("Zoë O'Brien", tmp_path / "new")
    paths = _case_files(folder)
    assert len(paths) >= 5
    for path in paths:
        before = path.read_bytes()
        if path.suffix == ".md":
            opened = files.open_writing(path)
            assert opened.had_front, path
            files.save_writing(opened, None, None)
        else:
            files.save_yaml(files.open_yaml(path))
        assert path.read_bytes() == before, path
        assert files.history(path) == [], f"{path}: a save with no change kept a version"


def test_changing_a_relation_changes_that_line_only(demo: Path):
    """The coordinator changes Nan's relation: one line differs; comments and quotes stay."""
    path = demo / "people.yaml"
    before = path.read_bytes()
    opened = files.open_yaml(path)
    assert files.get_value(opened.data, ("people", 0, "relation")) == "Mum's mum"
    files.set_value(opened.data, ("people", 0, "relation"), "Mum's mother")
    files.save_yaml(opened)
    after = path.read_bytes()
    assert _changes(before, after) == [
        ("replace", ["    relation: Mum's mum\n"], ["    relation: Mum's mother\n"])]
    assert b"# ---- Mum's side ----" in after and b'phone: "01632 960 001"' in after


def test_a_new_string_keeps_the_old_quoting_and_removing_keeps_blank_lines(demo: Path):
    """A quoted phone number stays quoted; removing a person's last field keeps the blank line
    between people."""
    path = demo / "people.yaml"
    before = path.read_bytes()
    opened = files.open_yaml(path)
    files.set_value(opened.data, ("people", 0, "contact", "phone"), "01632 960 009")
    files.set_value(opened.data, ("people", 1, "about"), None)
    files.save_yaml(opened)
    assert _changes(before, path.read_bytes()) == [
        ("replace", ['      phone: "01632 960 001"\n'], ['      phone: "01632 960 009"\n']),
        ("delete", ["    about: Grandad Ray loved fishing and taught you to tie your laces.\n"], []),
    ]


def test_adding_a_person_appends_them_and_keeps_the_rest(demo: Path):
    """A new person is written after the last one, with the same blank line between people;
    every other line is as it was."""
    path = demo / "people.yaml"
    before = path.read_bytes()
    opened = files.open_yaml(path)
    count = len(files.get_value(opened.data, ("people",)))
    index = files.append_item(opened.data, ("people",),
                              {"id": "coach-sam", "called": "Coach Sam", "relation": "football coach"})
    assert index == count
    files.save_yaml(opened)
    added = "  - id: coach-sam\n    called: Coach Sam\n    relation: football coach\n"
    assert path.read_text(encoding="utf-8") == before.decode().replace(
        "\n\nunions:", f"\n\n{added}\nunions:", 1)
    assert [kind for kind, _, _ in _changes(before, path.read_bytes())] == ["insert"]
    assert files.get_value(files.open_yaml(path).data, ("people", index, "id")) == "coach-sam"


def test_a_file_edited_meanwhile_is_never_overwritten(demo: Path):
    """Edited in a text editor after the form opened it: the save is refused, the editor's
    version stays on disk and is handed back."""
    path = demo / "journey.yaml"
    opened = files.open_yaml(path)
    theirs = path.read_text(encoding="utf-8") + "# added in a text editor\n"
    path.write_text(theirs, encoding="utf-8")
    files.set_value(opened.data, ("young_person", "pronouns"), "she/her")
    with pytest.raises(files.ChangedOnDisk) as refused:
        files.save_yaml(opened)
    assert refused.value.path == path and refused.value.theirs == theirs
    assert path.read_text(encoding="utf-8") == theirs
    assert files.history(path) == []


def test_undo_puts_back_the_previous_bytes(demo: Path):
    """Each save keeps the version before it; undo puts the last one back, then the one before."""
    path = demo / "plan.yaml"
    original = path.read_bytes()
    opened = files.open_yaml(path)
    assert files.undo(path) is False
    files.set_value(opened.data, ("extra_note",), "first")
    opened = files.save_yaml(opened)
    middle = path.read_bytes()
    files.set_value(opened.data, ("extra_note",), "second")
    files.save_yaml(opened)
    kept = files.history(path)
    assert [p.read_bytes() for p in kept] == [middle, original]
    assert all(p.is_relative_to(demo / ".studio" / "undo" / "plan.yaml") for p in kept)
    assert files.undo(path) is True and path.read_bytes() == middle
    assert files.undo(path) is True and path.read_bytes() == original
    assert files.undo(path) is False and path.read_bytes() == original


def test_a_save_taken_back_is_as_if_it_had_not_happened(demo: Path):
    """take_back: the bytes before are put back, the save's undo step is dropped, nothing is
    kept as undone; a file it made is removed; a file changed again since is left alone."""
    path = demo / "plan.yaml"
    original = path.read_bytes()
    opened = files.open_yaml(path)
    files.set_value(opened.data, ("extra_note",), "a mistake")
    saved = files.save_yaml(opened)
    assert files.take_back(saved.replaced) == files.open_yaml(path).digest
    assert path.read_bytes() == original and files.history(path) == []
    assert not (demo / files.STUDIO_DIR / "undone").exists()

    new = demo / "memories" / "new.md"
    made = files.save_writing(files.OpenedWriting(new, "", {"from": "nan-pat"}, "Hi\n"))
    assert files.take_back(made.replaced) == "" and not new.exists()

    saved = files.save_yaml(files.open_yaml(path), {"changed": 1})
    path.write_text("edited meanwhile: 2\n", encoding="utf-8")
    assert files.take_back(saved.replaced) is None
    assert path.read_text(encoding="utf-8") == "edited meanwhile: 2\n"

    unchanged = files.save_yaml(files.open_yaml(path))   # nothing written: nothing to take back
    assert files.take_back(unchanged.replaced) == files.open_yaml(path).digest
    assert path.read_text(encoding="utf-8") == "edited meanwhile: 2\n"


def test_undo_refuses_when_the_file_or_the_version_shown_is_no_longer_so(demo: Path):
    path = demo / "plan.yaml"
    opened = files.open_yaml(path)
    files.set_value(opened.data, ("extra_note",), "first")
    shown = files.save_yaml(opened)
    version = files.history(path)[0].name
    path.write_text(path.read_text(encoding="utf-8") + "# a text editor's line\n",
                    encoding="utf-8")
    with pytest.raises(files.ChangedOnDisk):
        files.undo(path, shown.digest, version)
    assert path.read_text(encoding="utf-8").endswith("# a text editor's line\n")
    with pytest.raises(files.ChangedOnDisk):
        files.undo(path, files.open_yaml(path).digest, "20200101T000000000000Z-99")
    assert files.undo(path, files.open_yaml(path).digest, version) is True


def test_a_new_file_is_made_as_an_editor_would_and_kept_versions_only_for_this_user(demo: Path):
    import os
    import stat

    new = demo / "memories" / "memory-9.md"
    files.save_writing(files.OpenedWriting(new, "", {"from": "nan-pat"}, "Hi\n"))
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    opened = files.open_writing(new)
    files.save_writing(opened, body="Hello\n")
    kept = files.history(new)[0]
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_only_the_last_versions_are_kept(demo: Path):
    path = demo / "plan.yaml"
    opened = files.open_yaml(path)
    for number in range(files.KEEP + 3):
        files.set_value(opened.data, ("extra_note",), f"note {number}")
        opened = files.save_yaml(opened)
    kept = files.history(path)
    assert len(kept) == files.KEEP
    assert b"note 21" in kept[0].read_bytes()


def test_a_save_leaves_no_temporary_files(demo: Path):
    before = sorted(p.name for p in demo.iterdir())
    opened = files.open_yaml(demo / "timeline.yaml")
    files.set_value(opened.data, ("places", 0, "name"), "Somewhere else")
    files.save_yaml(opened)
    assert sorted(p.name for p in demo.iterdir() if p.name != ".studio") == before
    assert not [p for p in demo.rglob("*") if p.name.endswith(".tmp")]


def test_saves_refuse_symlinks_and_parent_steps(demo: Path, tmp_path: Path):
    link = demo / "linked.yaml"
    link.symlink_to(demo / "plan.yaml")
    with pytest.raises(ValueError, match="symbolic link"):
        files.save_yaml(files.open_yaml(link), {"a": 1})
    sneaky = demo / "memories" / ".." / "plan.yaml"
    with pytest.raises(ValueError, match=r"'\.\.'"):
        files.save_yaml(files.open_yaml(sneaky), {"a": 1})


def test_a_memory_keeps_its_front_matter_and_body(demo: Path):
    """A memory's consent changes in the form and its text is edited: the other front matter
    lines and the body's layout are as they were."""
    path = demo / "memories" / "jan-biscuit.md"
    before = path.read_bytes()
    opened = files.open_writing(path)
    assert opened.body and opened.front["consent"]
    files.set_value(opened.front, ("consent",), "pending")
    opened = files.save_writing(opened, None, opened.body + "\nA new line from the form.\n")
    changes = _changes(before, path.read_bytes())
    assert [kind for kind, _, _ in changes] == ["replace", "insert"]
    assert changes[0][2] == ["consent: pending\n"]
    assert opened.front["consent"] == "pending" and opened.body.endswith("the form.\n")
    assert files.undo(path) and path.read_bytes() == before


def test_a_bad_consent_is_shown_beside_its_field(demo: Path):
    """The check's problem at photos.yaml line 10 lands on the first photo's consent field."""
    path = demo / "photos.yaml"
    opened = files.open_yaml(path)
    files.set_value(opened.data, ("photos", 2, "consent"), "maybe")
    files.save_yaml(opened)
    found = problems_by_field(demo)
    [problem] = found[("photos.yaml", ("photos", 2, "consent"))]
    assert "'maybe' is not allowed for 'consent'" in problem.message and not problem.warning
    assert left_out(demo) == []


def test_a_yaml_syntax_error_is_a_problem_at_its_line(demo: Path):
    path = demo / "timeline.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "events: [unclosed\n", encoding="utf-8")
    found = problems_by_field(demo)
    [problem] = found[("timeline.yaml", ())]
    assert "YAML syntax error" in problem.message
    assert problem.line == len(path.read_text(encoding="utf-8").splitlines()) + 1


def test_a_warning_of_no_line_goes_under_its_file_and_left_out_says_why(demo: Path, tmp_path: Path):
    """The demo builds with one warning about a whole file; left_out names each thing and why."""
    seen = review(demo, cache_dir=tmp_path / "cache")
    [warning] = seen.problems[("people.yaml", ())]
    assert warning.warning and "'reid'" in warning.message
    assert "the memory mum-refused.md: left out: consent is refused" in seen.left_out
    assert left_out(demo, cache_dir=tmp_path / "cache") == seen.left_out


def test_the_studio_folder_changes_neither_check_nor_build(demo: Path, tmp_path: Path,
                                                           known: Path):
    """Previous versions under .studio/ are not case data: the check and the site are the same."""
    plain = Path(shutil.copytree(demo, tmp_path / "plain" / "demo"))
    key = inputs_key(demo)
    opened = files.open_yaml(demo / "people.yaml")
    files.set_value(opened.data, ("people", 0, "about"), "Zebedee Marker was here.")
    files.save_yaml(opened)
    assert files.undo(demo / "people.yaml")
    stray = demo / ".studio" / "undo" / "memories" / "stray.md"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("---\nfrom: nobody\nconsent: maybe\n---\nZebedee Marker\n", encoding="utf-8")
    shutil.copy(demo / "photos" / "cover-kite.jpg", demo / ".studio" / "unlisted.jpg")
    assert (demo / "people.yaml").read_bytes() == (plain / "people.yaml").read_bytes()
    assert inputs_key(demo) == key, "keeping a version made the last build look out of date"

    def shown(folder: Path) -> tuple[list[str], list[str]]:
        result = check(folder, cache_dir=known).result
        return ([p.show(folder) for p in result.warnings],
                [f"{item.what}: {item.reason}" for item in result.left_out])

    assert shown(demo) == shown(plain)
    made = {}
    for name, folder in (("studio", demo), ("plain", plain)):
        site = build(folder, tmp_path / f"out-{name}", pdf=False,
                     cache_dir=shared_cache(known)).output
        made[name] = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
        assert not any(".studio" in path or "stray" in path for path in made[name])
        assert not any(b"Zebedee" in p.read_bytes() for p in site.rglob("*") if p.is_file())
    assert made["studio"] == made["plain"]


@pytest.mark.parametrize("text", [
    'people:\n- id: a  # lists flush with their key\n  contact:\n    phone: "1"\n',
    "young_person:\n    id: a\n    names:\n        - x\n        - y\n",
    "plan:\r\n  - who: [a, b]\r\n    how: a call  # Windows line ends\r\n",
])
def test_other_indentations_and_line_ends_are_kept(tmp_path: Path, text: str):
    """A file written by another hand keeps its own indentation and line ends when a field
    changes."""
    path = tmp_path / "journey.yaml"
    path.write_bytes(text.encode())
    opened = files.open_yaml(path)
    files.set_value(opened.data, ("added",), "yes")
    files.save_yaml(opened)
    newline = "\r\n" if "\r\n" in text else "\n"
    assert path.read_bytes() == f"{text}added: yes{newline}".encode()
    files.undo(path)
    assert path.read_bytes() == text.encode()
    files.save_yaml(files.open_yaml(path))
    assert path.read_bytes() == text.encode() and len(files.history(path)) == 0
