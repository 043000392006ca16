"""Hostile or broken input: files that would crash, hang or fill the machine, impossible families,
impossible years and huge pictures are each refused with `file:line: what is wrong. How to fix.`

All data here is fictional and made on the fly.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import time
import typing
import zlib
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.build import check
from generator.core.dates import parse_date
from generator.core.errors import DateError, JourneyError
from generator.format import load, yaml_events
from generator.format.schema import FILE_MODELS
from generator.format.validate_ids import family_loops
from tests.conftest import ROOT, minimal_files, save_image, write_journey

NEXT_YEAR = date.today().year + 1



def alias_bomb(levels: int) -> str:
    """A "billion laughs": each line holds nine of the line above, so 9 ** levels strings."""
    return 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join(['*' + chr(97 + n)] * 9)}]\n"
        for n in range(levels - 1))


def problems_of(folder: Path) -> list[str]:
    """Every error check reports for folder, as a coordinator sees it."""
    with pytest.raises(JourneyError) as caught:
        check(folder)
    return [p.show(folder) for p in caught.value.problems if not p.warning]


def cli_check(folder: Path, memory_limit: int | None = None) -> subprocess.CompletedProcess:
    """Run `journeybook check folder` in its own process: a crash there (a segfault of the C
    parser, an out-of-memory kill) fails the test instead of the whole test run."""

    def limit() -> None:
        if memory_limit:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    return subprocess.run([sys.executable, "-m", "generator", "check", str(folder)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, preexec_fn=limit,
                          check=False)


def problems_apart(folder: Path, parser: str) -> list[str]:
    """problems_of, but on libyaml in a process of its own: before journeybook composed YAML
    itself, libyaml's composer crashed the whole process on deep nesting."""
    if parser == "python":
        return problems_of(folder)
    result = cli_check(folder)
    assert result.returncode == 1, result.stderr[-2000:]
    return [line.removeprefix(f"{folder}/") for line in result.stderr.splitlines()
            if line.startswith(f"{folder}/")]


@pytest.fixture(params=["libyaml", "python"])
def parser(request, monkeypatch) -> str:
    """Run a test on both YAML parsers: libyaml's (the usual one) and PyYAML's own, which
    load falls back to when libyaml is not installed or refuses a file."""
    if request.param == "python":
        monkeypatch.setattr(load, "_FastLoader", load._Loader)
    return request.param


# YAML: nesting, anchors and aliases, size


def test_deep_nesting_exits_cleanly_from_the_command_line(tmp_path):
    """100,000 '[' once crashed libyaml's composer (a segfault) or PyYAML's (RecursionError)."""
    files = minimal_files()
    files["timeline.yaml"] = "events: " + "[" * 100_000 + "\n"
    result = cli_check(write_journey(tmp_path / "j", files))
    assert result.returncode == 1, result.stderr[-2000:]
    assert "timeline.yaml:1:33: this is nested more than 25 levels deep" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("text", "line"), [
    ("events: " + "[" * 100_000 + "]" * 100_000 + "\n", 1),
    ("events: " + "{a: " * 5_000 + "\n", 1),
    ("events:\n" + "".join("  " * n + "- x:\n" for n in range(1, 60)), 14),
])
def test_deep_nesting_is_refused_at_its_line(tmp_path, parser, text, line):
    """Nesting deeper than MAX_DEPTH is refused where it passes the limit, with a fix."""
    files = minimal_files()
    files["timeline.yaml"] = text
    (shown,) = problems_apart(write_journey(tmp_path / "j", files), parser)
    assert shown.startswith(f"timeline.yaml:{line}:")
    assert ("this is nested more than 25 levels deep; no journey file needs more than a few. "
            "Check the indentation and the brackets") in shown


def test_nesting_limit_leaves_room_over_the_format():
    """MAX_DEPTH is 20 levels more than the deepest value any journey file can hold."""

    def depth(annotation: object) -> int:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return 1 + max((depth(f.annotation) for f in annotation.model_fields.values()),
                           default=0)
        if typing.get_origin(annotation) is list:
            return 1 + max(depth(arg) for arg in typing.get_args(annotation))
        return max((depth(arg) for arg in typing.get_args(annotation)), default=0)

    deepest = max(depth(model) for model in FILE_MODELS.values())
    assert deepest >= 5  # photos.yaml: photos > a photo > recording > listened > on
    assert deepest + 20 <= yaml_events.MAX_DEPTH


def test_alias_bomb_is_refused_before_it_is_built(tmp_path):
    """A "billion laughs" file of nine lines expands to 387 million strings (tens of GB); it is
    refused in a blink, in a process that would be killed past 1.5 GB."""
    files = minimal_files()
    files["plan.yaml"] = alias_bomb(9)
    started = time.monotonic()
    result = cli_check(write_journey(tmp_path / "j", files), memory_limit=1_500_000_000)
    assert result.returncode == 1, result.stderr[-2000:]
    assert time.monotonic() - started < 60
    assert ("plan.yaml:1:4: anchors (&) and aliases (*) are not used in journey files. Write "
            "the value out in full") in result.stderr
    assert "Traceback" not in result.stderr


def test_alias_bomb_is_refused_by_both_parsers(tmp_path, parser):
    """A smaller one, in process, on each parser: one problem per line with an anchor."""
    files = minimal_files()
    files["plan.yaml"] = alias_bomb(4)
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert [s.split(":")[1] for s in shown] == ["1", "2", "3", "4"]
    assert all("anchors (&) and aliases (*) are not used" in s for s in shown)


def test_a_single_anchor_and_alias_are_refused_with_a_fix(tmp_path, parser):
    """Even a harmless-looking anchor is refused: coordinators never need one, and each line
    that has one is named."""
    files = minimal_files()
    files["people.yaml"] = ("people:\n  - id: mum\n    called: &name Mum\n"
                            "    relation: *name\n")
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "people.yaml:3:13: anchors (&) and aliases (*) are not used in journey files. Write "
        "the value out in full (and take out the & or * and the name after it).",
        "people.yaml:4:15: anchors (&) and aliases (*) are not used in journey files. Write "
        "the value out in full (and take out the & or * and the name after it).",
    ]


def test_anchor_in_front_matter_is_refused_at_its_line(tmp_path, parser):
    """Front matter is YAML too: the line counts from the top of the Markdown file."""
    files = minimal_files()
    files["memories/nan.md"] = "---\nfrom: &who mum\nconsent: given\n---\nHello\n"
    (shown,) = problems_of(write_journey(tmp_path / "j", files))
    assert shown.startswith("memories/nan.md:2:7: anchors (&) and aliases (*) are not used")


def test_merge_keys_are_refused_as_aliases(tmp_path, parser):
    """'<<: *base' copies a mapping through an alias; it is refused the same way."""
    files = minimal_files()
    files["people.yaml"] = ("people:\n  - &base\n    id: mum\n    called: Mum\n"
                            "    relation: your Mum\n  - <<: *base\n    id: mum-2\n")
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert [s.split(": ")[0] for s in shown] == ["people.yaml:2:5", "people.yaml:6:9"]


def test_second_document_is_still_a_syntax_error(tmp_path, parser):
    """Our composer keeps yaml.compose's rule: one journey file is one document."""
    files = minimal_files()
    files["plan.yaml"] = "words: hello\n---\nwords: again\n"
    (shown,) = problems_of(write_journey(tmp_path / "j", files))
    assert shown.startswith("plan.yaml:2:1: YAML syntax error: but found another document.")


def test_yaml_file_over_the_size_limit_is_refused_unread(tmp_path):
    """A 3 MB YAML file is refused at the line where it passes 2 MB, with a fix."""
    files = minimal_files()
    files["timeline.yaml"] = "events:\n" + "# a note to myself, much repeated\n" * 90_000
    shown = problems_of(write_journey(tmp_path / "j", files))
    line = 1 + load.MAX_YAML_BYTES // len("# a note to myself, much repeated\n") + 1
    assert shown == [
        f"timeline.yaml:{line}: is 3.1 MB: journeybook reads at most 2 MB in a YAML file "
        "(this file passes that here). A journey's YAML files hold short notes, not whole "
        "documents: check that nothing was pasted in by mistake, and put long stories in "
        "memories/ or letters/."]


def memory_of(size: int) -> str:
    """A memory with consent, made of plain sentences, `size` bytes long in all."""
    head = "---\nfrom: mum\nconsent: given\n---\n"
    sentence = "We went to the beach and Nan made sandwiches. It rained but we laughed.\n\n"
    body = sentence * ((size - len(head)) // len(sentence) + 1)
    return head + body[: size - len(head) - 1] + "\n"


def test_memory_over_the_size_limit_is_refused(tmp_path):
    files = minimal_files()
    files["memories/long.md"] = memory_of(load.MAX_MARKDOWN_BYTES + 1)
    (shown,) = problems_of(write_journey(tmp_path / "j", files))
    assert shown.startswith("memories/long.md:")
    assert shown.endswith("is just over 1 MB: journeybook reads at most 1 MB in a memory or "
                          "letter (this file passes that here). Split it into a few shorter "
                          "memories or letters (one .md file each), or shorten it.")


def test_the_largest_allowed_memory_is_checked_in_bounded_time(tmp_path):
    """A memory just under the limit is accepted, and made into the book's model in seconds
    (Markdown and the contact-detail search are linear; the PDF of it takes about a minute)."""
    files = minimal_files()
    files["memories/long.md"] = memory_of(load.MAX_MARKDOWN_BYTES)
    folder = write_journey(tmp_path / "j", files)
    assert (folder / "memories/long.md").stat().st_size == load.MAX_MARKDOWN_BYTES
    started = time.monotonic()
    check(folder)
    assert time.monotonic() - started < 60


# Impossible families

def people_yaml(*people: tuple[str, list[str]]) -> str:
    """people.yaml with one person per (id, parents), each entry five lines long."""
    return "people:\n" + "".join(
        f"  - id: {pid}\n    called: {pid.title()}\n    relation: your {pid}\n"
        f"    sex: female\n    parents: [{', '.join(parents)}]\n" for pid, parents in people)


def test_two_people_each_others_parent(tmp_path):
    """Nan listed as Mum's child and Mum as Nan's: named in order at the first one's line."""
    files = minimal_files()
    files["people.yaml"] = people_yaml(("nan-pat", ["mum"]), ("mum", ["nan-pat"]))
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "people.yaml:6:15: these people are each other's ancestors, in a loop: nan-pat -> mum "
        "-> nan-pat (each one lists the next under parents). Check the ids in 'parents' along "
        "the loop: someone's parent cannot also be their child, grandchild or descendant."]


def test_five_people_in_a_loop(tmp_path):
    files = minimal_files()
    files["people.yaml"] = people_yaml(("mum", ["gran"]), ("gran", ["great-gran"]),
                                       ("great-gran", ["aunt-ro"]), ("aunt-ro", ["cousin-li"]),
                                       ("cousin-li", ["mum"]))
    (shown,) = problems_of(write_journey(tmp_path / "j", files))
    assert shown.startswith("people.yaml:6:15: these people are each other's ancestors, in a "
                            "loop: mum -> gran -> great-gran -> aunt-ro -> cousin-li -> mum ")


def test_young_person_their_own_grandparent(tmp_path):
    """A loop through the young person starts with them, at their parents in journey.yaml."""
    files = minimal_files()
    files["people.yaml"] = people_yaml(("mum", ["sam"]))
    (shown,) = problems_of(write_journey(tmp_path / "j", files))
    assert shown.startswith("journey.yaml:7:5: these people are each other's ancestors, in a "
                            "loop: sam -> mum -> sam ")


def test_loops_and_own_parent_are_each_named_once(tmp_path):
    """Two separate loops, and someone listed as their own parent (told as such, not as a
    loop), are all reported, once each."""
    files = minimal_files()
    files["people.yaml"] = people_yaml(("mum", []), ("a", ["b"]), ("b", ["a"]), ("c", ["d"]),
                                       ("d", ["c"]), ("e", ["e"]))
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert [s.split(": ")[0] for s in shown] == ["people.yaml:11:15", "people.yaml:21:15",
                                                 "people.yaml:31:15"]
    assert "a -> b -> a" in shown[0] and "c -> d -> c" in shown[1]
    assert "'e' is listed as their own parent" in shown[2]


def test_own_twin_is_refused_and_twins_need_not_be_siblings(tmp_path):
    """twin_of pointing at oneself is a mistake; twins without parents in common are left
    alone (the parents may simply not be known)."""
    files = minimal_files()
    files["journey.yaml"]["young_person"]["twin_of"] = "sam"
    files["people.yaml"]["people"] += [
        {"id": "kit", "called": "Kit", "relation": "a friend", "twin_of": "lou"},
        {"id": "lou", "called": "Lou", "relation": "a friend", "parents": ["mum"]}]
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "journey.yaml:8:12: 'sam' is listed as their own twin. Write the id of their twin "
        "brother or sister, or leave out twin_of."]


def test_family_loops_walks_long_lines_without_recursion():
    """10,000 generations (a long chain) and a loop at its far end: no RecursionError."""
    parents = {f"p{n}": [f"p{n + 1}"] for n in range(10_000)}
    parents["p10000"] = ["p9998"]
    assert family_loops(parents) == [["p9998", "p9999", "p10000"]]
    assert family_loops({"a": ["b"], "b": []}) == []


# Every problem at once

def test_every_file_is_checked_even_when_others_fail(tmp_path):
    """A bad date in timeline.yaml, an unknown person in photos.yaml and an unknown field in
    plan.yaml are all reported in one run."""
    files = minimal_files()
    files["timeline.yaml"] = {"events": [{"date": "sometime", "title": "Moved"}]}
    files["photos.yaml"] = {"photos": [{"file": "photos/a.jpg", "alt": "x", "consent": "given",
                                        "people": ["nobody"]}]}
    files["plan.yaml"] = {"wordz": "Hello"}
    folder = write_journey(tmp_path / "j", files)
    save_image(folder / "photos/a.jpg")
    shown = problems_of(folder)
    assert [s.split(":")[0] for s in shown] == ["photos.yaml", "plan.yaml", "timeline.yaml"]
    assert "no person has the id 'nobody'" in shown[0]
    assert "unknown field 'wordz'" in shown[1]
    assert "'sometime' is not a date journeybook can read" in shown[2]


def test_an_impossible_year_hides_nothing_else(tmp_path):
    """An invalid date in one person's entry leaves every other check running."""
    files = minimal_files()
    files["people.yaml"]["people"].append({"id": "nan", "called": "Nan", "relation": "your Nan",
                                           "born": "early 0001"})
    files["timeline.yaml"] = {"places": [{"id": "home", "name": "Home", "from": 2012}],
                              "events": [{"date": 2013, "title": "x", "place": "school"}]}
    files["photos.yaml"] = {"photos": [{"file": "photos/none.jpg", "alt": "x",
                                        "consent": "given"}]}
    files["memories/a.md"] = "---\nfrom: nan\nconsent: given\n---\nHello\n"
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert [s.split(":")[0] for s in shown] == ["people.yaml", "photos.yaml", "timeline.yaml"]
    assert "a year before 1850" in shown[0]
    assert "the file 'photos/none.jpg' does not exist" in shown[1]
    assert "no place has the id 'school'" in shown[2]


def test_no_false_unknown_ids_when_people_yaml_fails(tmp_path):
    """With people.yaml refused, its ids are unknown: nothing is reported as 'no person has
    the id' because of that, but the other files' own problems still are."""
    files = minimal_files()
    files["people.yaml"]["people"][0]["colour"] = "red"
    files["photos.yaml"] = {"photos": [{"file": "photos/gone.jpg", "people": ["mum"],
                                        "consent": "given", "alt": "x"}]}
    files["memories/a.md"] = "---\nfrom: mum\nconsent: given\n---\nHello\n"
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert [s.split(":")[0] for s in shown] == ["people.yaml", "photos.yaml"]
    assert "unknown field 'colour'" in shown[0]
    assert "'photos/gone.jpg' does not exist" in shown[1]


def test_journey_yaml_failing_still_checks_the_rest(tmp_path):
    files = minimal_files()
    files["journey.yaml"]["young_person"]["born"] = "1066"
    files["people.yaml"]["people"][0]["twin_of"] = "mum"
    files["people.yaml"]["people"][0]["parents"] = ["sam"]
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert len(shown) == 2
    assert shown[0].startswith("journey.yaml:4:9: 'born': '1066': a year before 1850 is not a "
                               "date in a young person's family story; check the year")
    assert "'mum' is listed as their own twin" in shown[1]


def test_every_file_failing_at_once_is_reported_file_by_file(tmp_path):
    """With every file refused, the checks across files run on nothing and add nothing: one
    problem per file, and no crash on the missing young person or people."""
    files = {
        "journey.yaml": {"young_person": {"id": "sam"}, "coordinator": {"name": "Alex"}},
        "people.yaml": "people: [\n",
        "timeline.yaml": {"events": [{"date": "early 0001", "title": "x", "people": ["x"]}]},
        "photos.yaml": "photos: &all []\n",
        "plan.yaml": {"commitments": [{"who": ["nobody"]}]},
        "memories/a.md": "---\nfrom: mum\nconsent: maybe\n---\nHello\n",
        "letters/b.md": "---\nfrom: [mum\n---\nHello\n",
    }
    shown = problems_of(write_journey(tmp_path / "j", files))
    assert sorted({s.split(":")[0] for s in shown}) == [
        "journey.yaml", "letters/b.md", "memories/a.md", "people.yaml", "photos.yaml",
        "plan.yaml", "timeline.yaml"]
    assert not any("no person has the id" in s for s in shown)


# Years

FORMS = ["{y}", "{y}-05-03", "3 May {y}", "{y}-05", "May {y}", "summer {y}", "early {y}",
         "mid {y}", "late {y}", "about {y}", "before {y}", "after {y}", "between {y} and {ok}",
         "{y}-{ok}", "about 3 May {y}"]


@pytest.mark.parametrize("form", FORMS)
def test_years_before_1850_are_refused_in_every_form(form):
    written = form.format(y="0001" if "between" not in form and "-" not in form[4:] else "1066",
                          ok=2010)
    with pytest.raises(DateError, match="a year before 1850 is not a date in a young person's "
                                        "family story; check the year"):
        parse_date(written)


@pytest.mark.parametrize("form", [*FORMS, "{y}0s"])
def test_years_after_next_year_are_refused_in_every_form(form):
    year = str(NEXT_YEAR + 1 if form != "{y}0s" else (NEXT_YEAR + 10) // 10)
    written = form.format(y=year, ok=2010).replace(f"{year} and 2010", f"2010 and {year}")
    written = written.replace(f"{year}-2010", f"2010-{year}")
    with pytest.raises(DateError, match=f"a year after {NEXT_YEAR} has not come yet; check "
                                        "the year"):
        parse_date(written)


@pytest.mark.parametrize("written", ["1850", "early 1850", "1850s", str(NEXT_YEAR),
                                     f"late {NEXT_YEAR}", f"2010-{NEXT_YEAR}"])
def test_years_from_1850_to_next_year_are_read(written):
    assert parse_date(written).text == written


def test_decades_before_1850_are_refused():
    with pytest.raises(DateError, match="a year before 1850"):
        parse_date("1840s")


def test_an_ancient_year_is_refused_at_its_line(tmp_path):
    """'early 0001' once drew a timeline 2,000 years long."""
    files = minimal_files()
    files["timeline.yaml"] = "events:\n  - date: early 0001\n    title: Born\n"
    assert problems_of(write_journey(tmp_path / "j", files)) == [
        "timeline.yaml:2:11: 'date' in events entry 1: 'early 0001': a year before 1850 is not "
        "a date in a young person's family story; check the year (it looks mistyped)."]


# Pictures too large to decode

def png_header(width: int, height: int) -> bytes:
    """A tiny PNG file whose header says width x height: no pixels need to exist for Pillow
    to refuse it by its size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


def photo_journey(tmp_path: Path, picture: bytes) -> Path:
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/big.png", "alt": "x",
                                        "consent": "given"}]}
    files["photos/big.png"] = picture
    return write_journey(tmp_path / "j", files)


@pytest.mark.parametrize(("width", "height", "megapixels"), [(20_000, 10_000, 200),
                                                             (10_000, 10_000, 100)])
def test_huge_picture_is_too_large_not_unreadable(tmp_path, width, height, megapixels):
    """Above Pillow's limit (89 megapixels; twice that is an error even before decoding), a
    picture is said to be too large, by how much, and how to make it smaller."""
    folder = photo_journey(tmp_path, png_header(width, height))
    assert problems_of(folder) == [
        f"photos.yaml:2:9: 'photos/big.png' is too large: {megapixels} megapixels ({width} x "
        f"{height} pixels), and journeybook reads pictures of up to 89 megapixels. Save it "
        "again at 4000 pixels wide or less, e.g. with the phone's 'export' or Paint's "
        "'resize'."]


@pytest.mark.shared
def test_decompression_bomb_from_shared_is_too_large(shared, tmp_path):
    bomb = shared / "images/corrupt/decompression_bomb.gif"
    if not bomb.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{bomb} is missing")
        pytest.skip(f"{bomb} is not in ../shared")
    (shown,) = problems_of(photo_journey(tmp_path, bomb.read_bytes()))
    assert "'photos/big.png' is too large: 4365 megapixels (65535 x 66601 pixels)" in shown
