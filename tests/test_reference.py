"""The format reference and JSON Schemas never drift from what validation accepts."""

from __future__ import annotations

import json

from generator.format.reference import format_reference, schema_name
from generator.format.schema import FILE_MODELS, json_schema
from tests.conftest import ROOT


def test_format_reference_is_up_to_date():
    """docs/format.md is what `journeybook schema` writes now (run it after changing schema)."""
    assert (ROOT / "docs" / "format.md").read_text() == format_reference()


def test_json_schemas_are_up_to_date():
    for pattern, model in FILE_MODELS.items():
        path = ROOT / "docs" / "schema" / schema_name(pattern)
        assert json.loads(path.read_text()) == json_schema(model), path


def test_every_field_is_documented():
    """Every field of every model has a description, and appears in the reference."""
    reference = format_reference()
    seen: set[type] = set()
    stack = list(FILE_MODELS.values())
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            key = info.alias or name
            assert info.description, f"{model.__name__}.{key} has no description"
            assert f"| `{key}` |" in reference, key
            for arg in (info.annotation, *getattr(info.annotation, "__args__", ())):
                for inner in (arg, *getattr(arg, "__args__", ())):
                    if isinstance(inner, type) and hasattr(inner, "model_fields"):
                        stack.append(inner)


def test_scaffold_files_name_their_schema():
    for path in (ROOT / "generator" / "scaffold").glob("*.yaml"):
        first = path.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../docs/schema/{path.stem}.schema.json"
