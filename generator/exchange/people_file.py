"""New people merged into a journey's people.yaml: nobody lost, nobody twice, nothing rewritten.

The merge (merge.py decides who is new; this module reads and writes the file). New people and
partnerships are *added* as text: after the last person, after the last partnership, in the
file's own indentation, line ends and byte-order mark. Every line the coordinator wrote stays
byte for byte, comments and all. (A YAML round trip, ruamel's included, re-emits the whole file:
it re-indents, re-wraps long lines, re-quotes, and can move a comment to the next item; and it
is slow on 5,000 people.) When nothing is new, nothing is written, so importing the same file
again leaves people.yaml byte-identical.

The new text is read back and checked (the old people unchanged, the new ones valid) before it
replaces the old file in one rename: a failed or interrupted import leaves people.yaml as it was.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.core.errors import ImportRefused, JourneyError, Problem
from generator.format.explain import explain
from generator.format.load import MAX_YAML_BYTES, PEOPLE_FILE, SourceFile, load_journey
from generator.format.schema import JourneyFile, PeopleFile, Strict, YoungPerson

SECTIONS = ("people", "unions")
# libyaml's parser when PyYAML has it: ten times faster on a people.yaml of thousands.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOUNDARY = re.compile(r"^(?:---|\.\.\.)(?:\s|$)")  # a YAML document's start or end
_BLOCK_TEXT = re.compile(r":\s+[|>][-+0-9]*\s*(?:#.*)?$")  # 'about: |': a block of text follows


@dataclass
class Section:
    """Where new entries of one list (people or unions) go in the file's lines."""

    after: int  # the index of the line the new lines follow (-1: the file's start)
    indent: int  # the column of the list's dashes
    spaced: bool  # a blank line between entries, as the coordinator wrote them
    header: str | None = None  # the key line to write first ("unions:"), when there is none
    rewrite: str | None = None  # the key line without its empty value ("people: []")


@dataclass
class PeopleText:
    """A journey's people.yaml as written (its lines, ends and mark) and as it validated."""

    path: Path
    lines: list[str]
    bom: bytes
    newline: str
    model: PeopleFile
    young: YoungPerson
    data: dict[str, Any]  # as the load stage read it
    sections: dict[str, Section] = field(default_factory=dict)


def read_people_file(folder: Path) -> PeopleText:
    """people.yaml and the young person of a journey, both valid; raise JourneyError (the
    problems, as `check` shows them) or ImportRefused."""
    loaded, problems = load_journey(folder)
    wanted = {folder / PEOPLE_FILE, folder / "journey.yaml"}
    problems = [p for p in problems if not p.warning and (p.file in wanted or p.file == folder)]
    model = _valid(loaded.people, PeopleFile, problems)
    info = _valid(loaded.journey, JourneyFile, problems)
    if problems or model is None or info is None:
        raise JourneyError(problems or [Problem(folder / PEOPLE_FILE, "could not be read.")])
    path = folder / PEOPLE_FILE
    raw = path.read_bytes()
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    text = raw[len(bom):].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    data = loaded.people.data if isinstance(loaded.people.data, dict) else {}
    people = PeopleText(path, lines, bom, newline, model, info.young_person, data)
    people.sections = _sections(path, loaded.people, lines)
    return people


def _valid(source: SourceFile | None, model: type[Strict], problems: list[Problem]) -> Any:
    """source's data as model, or None with its problems added (as validate does)."""
    if source is None:
        return None
    data = source.data if isinstance(source.data, dict) else {}
    # A section with nothing under it ("milestones:" all commented out) means none yet.
    optional = {f.alias or name for name, f in model.model_fields.items() if not f.is_required()}
    data = {k: v for k, v in data.items() if not (v is None and k in optional)}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(explain(error, source, model))
        return None


def _sections(path: Path, source: SourceFile, lines: list[str]) -> dict[str, Section]:
    """Where new people and new unions go, from where the load stage found each value; raise
    ImportRefused for a file we cannot add to."""
    data = source.data
    if not isinstance(data, dict):  # an empty file, or only comments: add at its end
        return {key: Section(len(lines) - 1, 2, key == "people", header=f"{key}:")
                for key in SECTIONS}
    last = _last_content(lines, 0, len(lines))
    root_line, root_column = source.locations[()]
    if lines[root_line - 1][root_column - 1:].startswith("{"):
        raise ImportRefused(f"{path}: is written as one {{...}} block; journeybook adds people "
                            "only to the usual layout, one 'field: value' a line (see the "
                            "template from `journeybook new`).")
    keys = [line - 1 for key, (line, _) in source.key_locations.items() if len(key) == 1]
    ends = [i for i, line in enumerate(lines) if _BOUNDARY.match(line)]
    found = {}
    for key in SECTIONS:
        if key not in data:
            found[key] = Section(last, 2, key == "people", header=f"{key}:")
            continue
        line = source.key_locations[(key,)][0] - 1
        stop = min([n for n in keys + ends if n > line] + [len(lines)])
        found[key] = _section(path, key, source, lines, line, stop)
    return found


def _section(path: Path, key: str, source: SourceFile, lines: list[str], line: int,
             stop: int) -> Section:
    """Where new entries of the list under key (its key on line, the next key on stop) go."""
    items = source.data[key] or []
    value_line, value_column = source.locations[(key,)]
    written = lines[value_line - 1][value_column - 1:]
    spaced = key == "people"
    if items and not written.startswith("["):
        item_line, item_column = source.locations[(key, 0)]
        indent = lines[item_line - 1].rfind("-", 0, item_column - 1)
        if len(items) > 1:
            spaced = not lines[source.locations[(key, 1)][0] - 2].strip()
        return Section(_last_content(lines, line, stop), max(indent, 0), spaced)
    if items or (written.startswith("[") and (value_line - 1 != line
                                              or not re.match(r"\[\s*\]", written))):
        raise ImportRefused(f"{path}:{line + 1}: '{key}:' is written as a [...] list; "
                            "journeybook adds to it only when each entry starts its own line "
                            "with '- '. Write it that way, then import again.")
    key_line = lines[line]
    colon = key_line.index(":") if ":" in key_line else len(key_line.rstrip("\r\n"))
    comment = re.search(r"\s#.*$", key_line[colon + 1:].rstrip("\r\n"))
    return Section(line, 2, spaced, rewrite=key_line[:colon + 1] + (comment.group(0) if comment
                                                                    else ""))


def _last_content(lines: list[str], start: int, stop: int) -> int:
    """The last line before stop (from start) that is not blank or a comment: a line of a
    block of text (after 'about: |') is content, whatever it starts with."""
    last, block = start, None  # block: the indentation of the key a block of text is under
    for index in range(start, stop):
        line = lines[index]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if block is not None and (not stripped or indent > block):
            last = index if stripped else last
            continue
        block = None
        if stripped and not stripped.startswith("#") and not _BOUNDARY.match(line):
            last = index
            if _BLOCK_TEXT.search(stripped):
                block = indent + (2 if stripped.startswith("- ") else 0)
    return last


# -- writing ------------------------------------------------------------------------------------

class DateText(str):
    """A date we wrote ('about 1952', '1988-07-30'): written plain, as coordinators do."""


# libyaml's emitter when PyYAML has it: the pure-Python one takes seconds for 5,000 people.
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """YAML for new entries: leaf lists and maps on one line ([a, b]), as the template has."""


def _plain_date(dumper: yaml.SafeDumper, value: DateText) -> yaml.ScalarNode:
    # Tag it as what it reads as when plain (1952 an int, 1988-07-30 a timestamp), so the
    # emitter writes it plain: the load stage and FuzzyDate read all of them as dates.
    tag = dumper.resolve(yaml.ScalarNode, str(value), (True, False))
    return dumper.represent_scalar(tag, str(value))


_Dumper.add_representer(DateText, _plain_date)


def entries_lines(entries: list[dict[str, Any]], indent: int, newline: str, *,
                  spaced: bool) -> list[str]:
    """New people or unions as lines of YAML, their dashes at column indent, a blank line
    between two when spaced."""
    text = yaml.dump(entries, Dumper=_Dumper, default_flow_style=None, sort_keys=False,
                     allow_unicode=True, width=100, indent=2)
    pad, lines = " " * indent, []
    for line in text.splitlines():
        if spaced and lines and line.startswith("- "):
            lines.append(newline)
        lines.append(pad + line + newline)
    return lines


def with_entries(people: PeopleText, added: dict[str, list[dict[str, Any]]],
                 source: str) -> str:
    """The file's text with the added entries after each list's last one, under a comment
    naming the file they came from; every other line as it was."""
    comments = {"people": f"From {source} (journeybook import): never shown until you have "
                          "checked them", "unions": f"From {source} (journeybook import)"}
    lines = list(people.lines)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += people.newline
    # From the bottom up, so that each section's line numbers still hold.
    order = sorted((key for key in SECTIONS if added.get(key)), reverse=True,
                   key=lambda k: (people.sections[k].after, SECTIONS.index(k)))
    for key in order:
        section = people.sections[key]
        new: list[str] = []
        if section.header:
            new += [people.newline] if section.after >= 0 or key != SECTIONS[0] else []
            new.append(section.header + people.newline)
        elif section.spaced:
            new.append(people.newline)
        if section.rewrite is not None:
            lines[section.after] = section.rewrite + people.newline
        new.append(" " * section.indent + f"# ---- {comments[key]} ----" + people.newline)
        new += entries_lines(added[key], section.indent, people.newline, spaced=section.spaced)
        lines[section.after + 1:section.after + 1] = new
    return "".join(lines)


def checked_text(people: PeopleText, text: str, added: dict[str, list[dict[str, Any]]]) -> bytes:
    """The new file's bytes, once read back as the old lists, untouched, followed by the added
    entries, valid; raise ImportRefused when it would be too large for journeybook to read."""
    data = people.bom + text.encode("utf-8")
    if len(data) > MAX_YAML_BYTES:
        raise ImportRefused(
            f"{people.path}: would be {len(data) / 1_000_000:.1f} MB with everyone added, more "
            f"than the {MAX_YAML_BYTES / 1_000_000:g} MB journeybook reads. Nothing was "
            "changed. Import a smaller part of the tree (genealogy programs can export one "
            "branch, or the ancestors and relatives of one person).")
    old = people.data
    new = yaml.load(text, Loader=_Loader) or {}
    for key in SECTIONS:
        before, after = old.get(key) or [], new.get(key) or []
        if after[:len(before)] != before or after[len(before):] != _as_read(added.get(key, [])):
            raise ImportRefused(
                f"{people.path}: journeybook could not add the new {key} without changing what "
                "is written there (a last entry ending in lines like comments, inside a block "
                "of text?), so nothing was changed. Move that entry up the list, or end it with "
                "a plain 'field: value' line, and import again.")
    # The one validation of what was added, as `check` will read it.
    PeopleFile.model_validate({key: (new.get(key) or [])[len(old.get(key) or []):]
                               for key in SECTIONS})
    if {k: v for k, v in new.items() if k not in SECTIONS} != \
            {k: v for k, v in old.items() if k not in SECTIONS}:
        raise ImportRefused(f"{people.path}: journeybook could not add to it without changing "
                            "its other lists, so nothing was changed.")
    return data


def _as_read(value: Any) -> Any:
    """value as the loader reads it back: a date written plain as 1952 is the number 1952."""
    if isinstance(value, dict):
        return {k: _as_read(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_read(v) for v in value]
    if isinstance(value, DateText) and value.isdigit():
        return int(value)
    return str(value) if isinstance(value, str) else value


class _Loader(FAST_LOADER):  # type: ignore[misc,valid-type]
    """Reads dates as text, as the load stage does (which refuses what this would not)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
