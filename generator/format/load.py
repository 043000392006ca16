"""Step 1 - Load: read a journey folder's YAML and Markdown, remembering where every value was.

Only reads; never writes anything under the journey folder. YAML is loaded with PyYAML's safe
loader (no tags that construct objects), with dates left as text for `dates` to read, duplicate
keys reported instead of silently overwritten, and a line and column kept for every value so that
later stages can point a coordinator at the exact line.

Case data comes from anywhere (copied from emails, exported from other systems), so nothing read
here may exhaust the machine: files have a size limit, and YAML is built from the parser's events
by our own composer, which refuses anchors and aliases (a few lines of them expand to gigabytes)
and nesting deeper than any journey needs (which makes PyYAML's composers recurse until they
crash) before any of it is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.core.errors import Problem
from generator.format.yaml_events import Refused, compose
from generator.sources.suffixes import PICTURE_SUFFIXES, RECORDING_SUFFIXES

Location = tuple[int, int]
KeyPath = tuple[str | int, ...]

# The files of a journey folder, in the order a coordinator fills them in.
JOURNEY_FILE = "journey.yaml"
PEOPLE_FILE = "people.yaml"
TIMELINE_FILE = "timeline.yaml"
PHOTOS_FILE = "photos.yaml"
PLAN_FILE = "plan.yaml"
MEMORIES_DIR = "memories"
LETTERS_DIR = "letters"

# Limits far above any real journey, so that a mistaken or hostile file is refused with a
# Problem instead of taking the machine's memory or minutes of its time (nesting: MAX_DEPTH).
MAX_YAML_BYTES = 2_000_000
# A memory or letter is a page or two (the demo's longest is under 1 kB). 1 MB of text is some
# 600 A5 pages, which WeasyPrint lays out in about half a minute; the time grows faster than
# the text (3 MB takes minutes), so a longer file is refused rather than left to run.
MAX_MARKDOWN_BYTES = 1_000_000

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: FuzzyDate reads them with better errors."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same, on libyaml's C parser when PyYAML has it: about ten times faster. Its syntax
    error messages are terser, so a file it refuses is read again by _Loader to explain why."""


for _loader in (_Loader, _FastLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class SourceFile:
    """One loaded file: its data, where each value stood, and (for Markdown) its body text."""

    path: Path
    data: Any
    locations: dict[KeyPath, Location] = field(default_factory=dict)
    key_locations: dict[KeyPath, Location] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    refused_tag: bool = False

    def locate(self, key_path: KeyPath) -> Location | None:
        """Return (line, column) of the deepest known value on key_path, 1-based."""
        for end in range(len(key_path), -1, -1):
            found = self.locations.get(tuple(key_path[:end]))
            if found:
                return found
        return None

    def problem(self, key_path: KeyPath, message: str, fix: str = "", *,
                warning: bool = False, at_key: bool = False) -> Problem:
        """Return a Problem pointing at key_path's value (or, with at_key, at its key)."""
        found = self.key_locations.get(tuple(key_path)) if at_key else None
        line, column = found or self.locate(key_path) or (None, None)
        return Problem(self.path, message, fix, line, column, warning)


@dataclass
class LoadedJourney:
    """Everything read from one journey folder, before validation."""

    folder: Path
    journey: SourceFile | None = None
    people: SourceFile | None = None
    timeline: SourceFile | None = None
    photos: SourceFile | None = None
    plan: SourceFile | None = None
    memories: list[SourceFile] = field(default_factory=list)
    letters: list[SourceFile] = field(default_factory=list)


def load_journey(folder: Path) -> tuple[LoadedJourney, list[Problem]]:
    """Read every case-data file in folder; return what loaded and the problems met."""
    problems: list[Problem] = []
    loaded = LoadedJourney(folder=folder)
    if not folder.is_dir():
        problems.append(Problem(folder, "this journey folder does not exist.",
                                "Check the path, or create it with `journeybook new \"Name\"`."))
        return loaded, problems
    for name, attribute, required in (
        (JOURNEY_FILE, "journey", True),
        (PEOPLE_FILE, "people", True),
        (TIMELINE_FILE, "timeline", False),
        (PHOTOS_FILE, "photos", False),
        (PLAN_FILE, "plan", False),
    ):
        path = folder / name
        if not path.is_file():
            if required:
                problems.append(Problem(path, f"{name} is missing.",
                                        "Every journey needs one; `journeybook new` makes a "
                                        "commented template to copy from."))
            continue
        source = _load_yaml_file(path, problems)
        if source is not None:
            setattr(loaded, attribute, source)
    loaded.memories = _load_markdown_folder(folder / MEMORIES_DIR, problems)
    loaded.letters = _load_markdown_folder(folder / LETTERS_DIR, problems)
    return loaded, problems


def load_yaml(path: Path) -> Any:
    """One case-data YAML file's data, read as load_journey reads it (its size limit, no
    anchors, dates as text), or None when it is missing or cannot be read (the check says
    why): for what must be known of a journey before it is checked (whose it is)."""
    source = _load_yaml_file(path, []) if path.is_file() else None
    return source.data if source is not None else None


def _load_markdown_folder(folder: Path, problems: list[Problem]) -> list[SourceFile]:
    if not folder.is_dir():
        return []
    sources = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() != ".md":
            # Scans and recordings sit beside the writings they belong to.
            if path.suffix.lower() not in {*PICTURE_SUFFIXES, *RECORDING_SUFFIXES, ".pdf"}:
                problems.append(Problem(path, "this file is not Markdown (.md), so it is ignored.",
                                        "Rename it to end in .md, or move it out of the folder.",
                                        warning=True))
            continue
        source = _load_markdown_file(path, problems)
        if source is not None:
            sources.append(source)
    return sources


def _read_text(path: Path, problems: list[Problem], limit: int, kind: str,
               fix: str) -> str | None:
    """Return the file's text, or None (with a Problem) if it is unreadable, not UTF-8, or
    larger than limit bytes; kind names the file in that Problem, and fix says what to do."""
    try:
        with path.open("rb") as file:
            raw = file.read(limit + 1)  # never more: the file may be any size at all
        if len(raw) > limit:
            problems.append(_too_large(path, raw[:limit].count(b"\n") + 1, limit, kind, fix))
            return None
    except OSError as error:
        problems.append(Problem(path, f"cannot be read ({error.strerror}).",
                                "Check the file's permissions."))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        problems.append(Problem(path, "is not saved as UTF-8 text.",
                                "Open it in your editor and save it with the encoding UTF-8.",
                                line=line))
        return None


def _too_large(path: Path, line: int, limit: int, kind: str, fix: str) -> Problem:
    """The Problem for a file over its size limit, at the line where it passes the limit."""
    try:
        size = path.stat().st_size
    except OSError:
        size = limit + 1
    shown = f"{size / 1_000_000:.1f} MB"
    if round(size / 1_000_000, 1) <= limit / 1_000_000:
        shown = f"just over {limit / 1_000_000:g} MB"
    return Problem(path, f"is {shown}: journeybook reads at most {limit / 1_000_000:g} MB in "
                   f"{kind} (this file passes that here).", fix, line=line)


YAML_TOO_LARGE_FIX = ("A journey's YAML files hold short notes, not whole documents: check that "
                      "nothing was pasted in by mistake, and put long stories in memories/ or "
                      "letters/.")
MARKDOWN_TOO_LARGE_FIX = ("Split it into a few shorter memories or letters (one .md file each), "
                          "or shorten it.")


def _load_yaml_file(path: Path, problems: list[Problem]) -> SourceFile | None:
    text = _read_text(path, problems, MAX_YAML_BYTES, "a YAML file", YAML_TOO_LARGE_FIX)
    if text is None:
        return None
    source = SourceFile(path=path, data=None)
    source.data = _parse_yaml(text, source, problems, line_offset=0)
    return source if source.data is not _FAILED else None


def _load_markdown_file(path: Path, problems: list[Problem]) -> SourceFile | None:
    text = _read_text(path, problems, MAX_MARKDOWN_BYTES, "a memory or letter",
                      MARKDOWN_TOO_LARGE_FIX)
    if text is None:
        return None
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append(Problem(path, "has no front matter (the details between two --- lines "
                                "at the top).", "Start the file with ---, the details such as "
                                "'from:' and 'consent:', then --- and the text.", line=1))
        return None
    source = SourceFile(path=path, data=None)
    data = _parse_yaml(match.group(1) or "", source, problems, line_offset=1)
    if data is _FAILED:
        return None
    source.data = data if data is not None else {}
    source.body = text[match.end():]
    source.body_line = text[: match.end()].count("\n") + 1
    return source


_FAILED = object()
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _parse_yaml(text: str, source: SourceFile, problems: list[Problem], line_offset: int) -> Any:
    """Return text's data (locations noted in source), or _FAILED with its Problems added;
    line_offset is the number of lines above text in its file (a Markdown file's first ---)."""
    try:
        try:
            node, refusals = compose(text, _FastLoader)
        except yaml.YAMLError:  # read again by the Python parser, whose messages say more
            node, refusals = compose(text, _Loader)
    except Refused as refused:
        refusals = [refused]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        problems.append(Problem(source.path, f"YAML syntax error: {error.problem}.",
                                _yaml_fix(str(error.problem)), line, column))
        return _FAILED
    except yaml.YAMLError as error:
        problems.append(Problem(source.path, f"YAML syntax error: {error}.",
                                "Check the indentation and the colons on that line."))
        return _FAILED
    if refusals:
        problems.extend(refused.problem(source.path, line_offset) for refused in refusals)
        return _FAILED
    if node is None:
        return None
    # A duplicate key is reported and the rest of the file is still checked; a refused tag
    # fails the file (its value is gone, and follow-on errors about it would only confuse).
    # _construct recurses, but no deeper than MAX_DEPTH: _Composer refused anything deeper.
    data = _construct(node, (), source, problems, line_offset)
    return _FAILED if source.refused_tag else data


def _construct(node: yaml.Node, key_path: KeyPath, source: SourceFile,
               problems: list[Problem], line_offset: int) -> Any:
    location = (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)
    source.locations.setdefault(key_path, location)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        source.refused_tag = True
        problems.append(Problem(source.path, f"'{node.tag}' is not allowed in case data.",
                                "Remove the tag (the part starting with !); write plain text.",
                                *location))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_location = (key_node.start_mark.line + 1 + line_offset,
                            key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                problems.append(Problem(source.path, "this kind of key is not supported.",
                                        "Use plain words as keys, like 'name:'.", *key_location))
                continue
            key = str(key_node.value)
            if key in result:
                problems.append(Problem(
                    source.path, f"'{key}' is given twice here; YAML would silently keep only "
                    "the last one.", "Delete one of them or merge what they say.", *key_location))
                continue
            source.key_locations[(*key_path, key)] = key_location
            source.locations[(*key_path, key)] = key_location
            result[key] = _construct(value_node, (*key_path, key), source, problems, line_offset)
            # The value's own location is where a wrong value should be reported.
            source.locations[(*key_path, key)] = (
                value_node.start_mark.line + 1 + line_offset, value_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*key_path, index), source, problems, line_offset)
                for index, item in enumerate(node.value)]
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except yaml.constructor.ConstructorError:
        source.refused_tag = True
        problems.append(Problem(source.path, f"'{node.tag}' is not allowed in case data.",
                                "Remove the tag (the part starting with !); write plain text.",
                                *location))
        return None


def _yaml_fix(problem: str) -> str:
    if "mapping values are not allowed" in problem:
        return ("A value contains ': ' - put the whole value in quotes, "
                "e.g. note: \"Nan said: hello\".")
    if "found character '\\t'" in problem or "tab" in problem:
        return "Indent with spaces, not tabs."
    if "expected <block end>" in problem or "indent" in problem:
        return "Check this line lines up with the lines above it (same number of spaces)."
    if "could not find expected ':'" in problem:
        return "Each line needs 'field: value'; check for a missing colon or quote."
    return "Check the indentation, colons and quotes on that line."
