"""The project's own check, told field by field: what the studio shows beside each form input.

`check` reports a problem at a file, line and column; a form shows a field. The line is mapped
to the deepest field whose key (or list item) starts on it, read from ruamel's line info, so a
bad consent value lands beside that photo's consent. What maps to no field goes under ().
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.error import YAMLError

from generator.build import check
from generator.coordinator.studio.files import Replaced, Where, open_writing, open_yaml, take_back
from generator.core.errors import JourneybookError, JourneyError, Problem

Field = tuple[str, Where]   # (file relative to the journey folder, field path in that file)


@dataclass(frozen=True)
class _Start:
    """Where a field starts in its file: 0-based line and column, and its path."""

    line: int
    column: int
    where: Where


@dataclass(frozen=True)
class Review:
    """One check's findings, as the studio shows them."""

    problems: dict[Field, list[Problem]]
    left_out: list[str]   # empty while the check fails: nothing is decided until it passes


def review(folder: Path, cache_dir: Path | None = None) -> Review:
    """Check the journey once: its problems by field and what its copy leaves out.

    cache_dir is check's: what is known of unchanged photos is reused from there, which makes a
    second look at a large journey take a moment instead of many seconds."""
    problems, leaving = _check(folder, cache_dir)
    found: dict[Field, list[Problem]] = {}
    starts: dict[Path, list[_Start]] = {}
    for problem in problems:
        if problem.file is None:
            key: Field = ("", ())
        else:
            if problem.file not in starts:
                starts[problem.file] = _starts_of(problem.file)
            key = (_relative(problem.file, folder), _field_at(starts[problem.file], problem))
        found.setdefault(key, []).append(problem)
    return Review(found, leaving)


def problems_by_field(folder: Path, cache_dir: Path | None = None) -> dict[Field, list[Problem]]:
    """Every problem and warning `check` finds, keyed by (file, field path).

    The file is relative to folder ("" for a problem of no file); a problem of no line, or of a
    line where no field starts, is keyed by the path ()."""
    return review(folder, cache_dir).problems


def errors_in(found: dict[Field, list[Problem]]) -> set[tuple[str, Where, str]]:
    """The errors (not warnings) of a review, each as (file, field, words): a save whose
    review has one its review before had not brought a new error."""
    return {(file, where, problem.message) for (file, where), problems in found.items()
            for problem in problems if not problem.warning}


def new_errors(found: dict[Field, list[Problem]], before: set[tuple[str, Where, str]],
               added: Field | None = None) -> list[tuple[str, Problem]]:
    """The errors of found that before had not, with their file: what a save brought, in any
    file (renaming a person's id breaks the files that name them). added: an entry just added
    with "Add one", whose empty fields are there to be filled in, so are not counted."""
    return [(file, problem) for (file, where), problems in found.items() for problem in problems
            if not problem.warning and (file, where, problem.message) not in before
            and not (added and file == added[0] and where[:len(added[1])] == added[1])]


def took_back(page: dict, replaced: Replaced | None, file: str, folder: Path,
               brought: list, digest: str) -> tuple[int, str]:
    """A save brought new errors: take it back, so the file is as it was; the page keeps what
    was typed, and lists the new errors of other files (those of this file are beside their
    fields). Returns the status and the digest the form then carries (the file's on disk)."""
    took = take_back(replaced) if replaced is not None else None
    page["unsaved"] = True
    page["others"] += [problem.show(folder) for where_file, problem in brought
                       if where_file != file]
    if took is None:   # changed again meanwhile (a text editor): that change is left alone
        page["message"] = (f"Not saved: what you typed has a problem, shown below, and {file} "
                           "was changed somewhere else meanwhile, so it is as that change left "
                           "it. Open the page again to see it.")
        return 409, digest
    page["message"] = ("Not saved: what you typed has a problem, shown beside its field (or "
                       f"below). Fix it and save again; the form keeps what you typed, and "
                       f"{file} is as it was.")
    return 422, took


def left_out(folder: Path, cache_dir: Path | None = None) -> list[str]:
    """What the young person's copy will leave out, and why (empty while the check fails)."""
    return review(folder, cache_dir).left_out


def _check(folder: Path, cache_dir: Path | None) -> tuple[list[Problem], list[str]]:
    """The check's problems and warnings, and what it leaves out; never a traceback."""
    try:
        result = check(folder, cache_dir=cache_dir).result
    except JourneyError as error:
        return list(error.problems), []
    except JourneybookError as error:
        return [Problem(None, str(error))], []
    except Exception as error:  # the studio shows a form, never a stack trace
        return [Problem(None, f"The check could not finish: {error}",
                        "Tell whoever looks after journeybook; the files were not changed.")], []
    return list(result.warnings), [f"{item.what}: {item.reason}" for item in result.left_out]


def _relative(path: Path, folder: Path) -> str:
    """path relative to folder, as posix text (path itself when it is outside)."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _field_at(starts: list[_Start], problem: Problem) -> Where:
    """The deepest field starting on the problem's line (at or left of its column, if given)."""
    if problem.line is None:
        return ()
    line = problem.line - 1
    here = [s for s in starts if s.line == line]
    if problem.column is not None:
        here = [s for s in here if s.column <= problem.column - 1] or here
    if not here:
        return ()
    return max(here, key=lambda s: (len(s.where), s.column)).where


def _starts_of(path: Path) -> list[_Start]:
    """Where every field of a YAML file, or of a Markdown file's front matter, starts."""
    try:
        if path.suffix.lower() == ".md":
            opened = open_writing(path)
            # The front matter starts below the file's first `---` line.
            return _walk(opened.front, (), 1) if opened.had_front else []
        return _walk(open_yaml(path).data, (), 0)
    except (OSError, UnicodeDecodeError, YAMLError, ValueError):
        return []   # the check already reports why the file cannot be read


def _walk(node: Any, where: Where, offset: int) -> list[_Start]:
    """Each key and list item under node, with its position (shifted down by offset lines)."""
    found: list[_Start] = []
    if isinstance(node, dict) and hasattr(node, "lc"):
        for key, value in node.items():
            line, column = node.lc.key(key)
            found.append(_Start(line + offset, column, (*where, key)))
            found += _walk(value, (*where, key), offset)
    elif isinstance(node, list) and hasattr(node, "lc"):
        for index, value in enumerate(node):
            line, column = node.lc.item(index)
            found.append(_Start(line + offset, column, (*where, index)))
            found += _walk(value, (*where, index), offset)
    return found
