"""Pydantic's validation errors, told in a coordinator's words, each at its file and line."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from generator.core.errors import Problem
from generator.format.load import KeyPath, SourceFile
from generator.format.schema import Strict


def explain(error: ValidationError, source: SourceFile, model: type[Strict]) -> list[Problem]:
    """Translate pydantic's errors into a coordinator's words, each at its line."""
    problems = []
    for item in error.errors(include_url=False):
        loc: KeyPath = tuple(item["loc"])
        field_name = str(loc[-1]) if loc else ""
        where = _describe(loc, source)
        kind = item["type"]
        given = item.get("input")
        if kind == "extra_forbidden":
            allowed = _allowed_fields(model, loc[:-1])
            close = difflib.get_close_matches(field_name, allowed, n=1, cutoff=0.6)
            hint = f"Did you mean '{close[0]}'? " if close else ""
            problems.append(source.problem(
                loc, f"unknown field '{field_name}'{where}.",
                f"{hint}Fields allowed here: {', '.join(allowed)}.", at_key=True))
        elif kind == "missing":
            problems.append(source.problem(loc[:-1], f"'{field_name}' is missing{where}.",
                                           f"Add a line '{field_name}: ...'."))
        elif kind in {"enum", "literal_error"}:
            expected = item.get("ctx", {}).get("expected", "")
            # A dictionary's key ('about_chapters: {timeline: ...}') is named by its dictionary.
            keyed = field_name == "[key]" and len(loc) >= 3
            name = f"a key of '{loc[-3]}'" if keyed else f"'{field_name}'"
            problems.append(source.problem(
                loc, f"'{given}' is not allowed {'as' if keyed else 'for'} {name}{where}.",
                f"Write one of: {expected}."))
        elif kind == "value_error":
            message = str(item.get("ctx", {}).get("error", item["msg"]))
            problems.append(source.problem(loc, f"'{field_name}'{where}: {message}."))
        elif kind == "string_pattern_mismatch":
            problems.append(source.problem(loc, f"'{given}' is not a valid id for "
                                           f"'{field_name}'{where}.", "Ids use lower-case "
                                           "letters, digits and dashes, e.g. nan-pat."))
        elif kind in {"too_long", "too_short"}:
            problems.append(source.problem(loc, f"'{field_name}'{where}: "
                                           f"{item['msg'].lower()}."))
        else:
            problems.append(source.problem(loc, f"'{field_name}'{where} should be "
                                           f"{_expected(kind)}, not {_shown(given)}.",
                                           _type_fix(kind)))
    return problems


def _describe(loc: KeyPath, source: SourceFile) -> str:
    """' in people item 3 (id nan-pat)' - which entry of a list the problem is in."""
    for depth in range(len(loc) - 1, 0, -1):
        if isinstance(loc[depth], int):
            entry = source.data
            for key in loc[: depth + 1]:
                try:
                    entry = entry[key]
                except (KeyError, IndexError, TypeError):
                    entry = None
                    break
            label = f" in {loc[depth - 1]} entry {loc[depth] + 1}"
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                label += f" (id {entry['id']})"
            return label
    return ""


def _allowed_fields(model: type[Strict], loc: KeyPath) -> list[str]:
    current: Any = model
    for key in loc:
        if isinstance(key, int):
            continue
        info = current.model_fields.get(key) or next(
            (f for f in current.model_fields.values() if f.alias == key), None)
        if info is None:
            return []
        current = _inner_model(info.annotation)
        if current is None:
            return []
    return [f.alias or name for name, f in current.model_fields.items()]


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _expected(kind: str) -> str:
    return {
        "string_type": "text",
        "list_type": "a list (lines starting with '- ', or [a, b])",
        "bool_type": "yes or no",
        "bool_parsing": "yes or no",
        "model_type": "a set of 'field: value' lines",
        "dict_type": "a set of 'field: value' lines",
        "int_type": "a whole number",
    }.get(kind, "something else")


def _type_fix(kind: str) -> str:
    if kind == "string_type":
        return "Put the value in quotes."
    if kind == "list_type":
        return "Write it as a list, e.g. people: [nan-pat, uncle-dev]."
    return ""


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'"
