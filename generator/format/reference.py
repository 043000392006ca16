"""The format reference: JSON Schemas for editors and docs/format.md, both from `schema`.

`journeybook schema` rewrites them; tests/test_reference.py fails when they are out of date, so
the reference can never drift from what validation accepts.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.format.schema import FILE_MODELS, json_schema

INTRO = """# The journey folder: format reference

One folder per young person, e.g. `journeys/kai/` (real journeys live outside git; see README).
Start one with `journeybook new "Name"`, which writes every file below with comments.

| file | what it holds |
|---|---|
| `journey.yaml` | who the book is for, the book's settings, the coordinator, the milestones |
| `people.yaml` | everyone in the network, and partnerships between them |
| `timeline.yaml` | places lived (mobility mapping) and events |
| `photos.yaml` | every photo, with caption, alt text, people and consent |
| `plan.yaml` | the Lifelong Links plan: commitments and reviews |
| `memories/*.md` | one memory per file: details between `---` lines, then the text |
| `letters/*.md` | one letter per file; scanned pages listed in `scans:` |

**Dates** can be exact or vague: `2011-12-03`, `3 December 2011`, `2011-12`, `December 2011`,
`2011`, `summer 2011`, `early 2011`, `about 2009`, `before 2010`, `after 2015`,
`between 2008 and 2010`. The book shows them in words ("in summer 2011", "about 2009").

**Consent** is `given`, `pending` or `refused`. Only items with `consent: given` are shown; a
memory, letter or photo with no consent line counts as pending.

**Visibility** of a person is `shown`, `name withheld` (shown only as their relation, e.g.
"your birth father") or `never shown` (appears nowhere, not even in the family tree; a nameless
placeholder keeps the tree's shape when one of their children is shown).

**Contact details** (`contact:`) are for the coordinator only and never appear in any site or
book. Any memory, letter, caption or note whose text looks like an address, phone number,
postcode or email, or names someone who is not shown, is left out and listed by `check`.

Editors with the YAML language server (VS Code's YAML extension) complete and check fields
using the schemas in `docs/schema/`; each file `journeybook new` writes names its schema on its
first line.

"""


def schema_name(file_pattern: str) -> str:
    """'people.yaml' -> 'people.schema.json'; 'memories/*.md' -> 'memory.schema.json'."""
    stem = file_pattern.split("/")[0].removesuffix(".yaml")
    return {"memories": "memory", "letters": "letter"}.get(stem, stem) + ".schema.json"


def write_docs(docs: Path) -> list[Path]:
    """Write docs/schema/*.schema.json and docs/format.md; return the paths written."""
    written = []
    (docs / "schema").mkdir(parents=True, exist_ok=True)
    for pattern, model in FILE_MODELS.items():
        path = docs / "schema" / schema_name(pattern)
        path.write_text(json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        written.append(path)
    path = docs / "format.md"
    path.write_text(format_reference(), encoding="utf-8")
    written.append(path)
    return written


def format_reference() -> str:
    """Return docs/format.md: the intro, then one table of fields per model."""
    parts = [INTRO]
    done: set[type] = set()
    for pattern, model in FILE_MODELS.items():
        parts.append(f"## `{pattern}`\n\n{_doc(model)}\n")
        parts.append(_tables(model, pattern, done))
    return "\n".join(parts).rstrip() + "\n"


def _tables(model: type[BaseModel], title: str, done: set[type]) -> str:
    rows = ["| field | what it means | required |", "|---|---|---|"]
    nested: list[type[BaseModel]] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        what = (info.description or "").replace("|", "\\|")
        choices = _choices(info.annotation)
        if choices:
            what += f" One of: {', '.join(choices)}."
        rows.append(f"| `{key}` | {what} | {'yes' if info.is_required() else ''} |")
        for inner in _models(info.annotation):
            if inner not in done:
                nested.append(inner)
    done.add(model)
    text = "\n".join(rows) + "\n"
    for inner in nested:
        if inner in done:
            continue
        done.add(inner)
        text += f"\n### {inner.__name__} (inside `{title}`)\n\n{_doc(inner)}\n\n"
        text += _tables(inner, title, done)
    return text


def _doc(model: type) -> str:
    doc = (model.__doc__ or "").strip()
    return doc.splitlines()[0] if doc else ""


def _choices(annotation: Any) -> list[str]:
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [str(m.value) for m in candidate]
    return []


def _models(annotation: Any) -> list[type[BaseModel]]:
    found = []
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        found.append(annotation)
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found += _models(arg)
    return found
