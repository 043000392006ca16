"""The package's shape: every stage after the safe cast reads only the cast, never raw case data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.stages import schema

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# The stages that come after the cast: they must not be able to reach the raw journey.
AFTER_THE_CAST = [*(f"stages/{name}.py" for name in ("model", "render", "site", "book")),
                  *(f"draw/{path.name}" for path in (GENERATOR / "draw").glob("*.py"))]
# Value types (enums) describe the case data's words and carry no one's data.
VALUE_TYPES = {name for name, value in vars(schema).items()
               if isinstance(value, type) and issubclass(value, schema.StrEnum)}


def imported(module: Path) -> set[str]:
    """Every 'module' and 'module.name' a file imports."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_no_stage_after_the_cast_imports_the_raw_case_data():
    for name in AFTER_THE_CAST:
        names = imported(GENERATOR / name)
        raw = {n for n in names if n in {"generator.stages.validate", "generator.stages.load"}}
        raw |= {n for n in names if n.startswith("generator.stages.schema.")
                and n.removeprefix("generator.stages.schema.") not in VALUE_TYPES}
        assert not raw, f"{name} reaches raw case data through {sorted(raw)}"


def test_the_check_itself_would_see_a_raw_import(tmp_path):
    """The rule above is not vacuous: a module importing Person or Journey is caught."""
    module = tmp_path / "leaky.py"
    module.write_text("from generator.stages.schema import Person, Sex\n"
                      "from generator.stages.validate import Journey\n")
    names = imported(module)
    assert "generator.stages.schema.Person" in names and "generator.stages.validate" in names
    assert "Sex" in VALUE_TYPES and "Person" not in VALUE_TYPES


def test_the_readme_stage_table_follows_the_orchestrator():
    """README's table of stages lists the modules build.py calls, in the order it calls them."""
    readme = (GENERATOR.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) (\w+) \| `(\w+)\.py`", readme, flags=re.MULTILINE)
    assert [int(number) for number, _, _ in rows] == list(range(1, len(rows) + 1))
    orchestrator = (GENERATOR / "build.py").read_text(encoding="utf-8")
    steps = re.findall(r'log\(f?"Step (\d+) - ([^"]+)"', orchestrator)
    assert len(steps) >= len(rows), steps
    calls = [orchestrator.find(marker) for marker in STAGE_CALLS]
    assert all(at >= 0 for at in calls) and calls == sorted(calls), STAGE_CALLS
    assert [module for _, _, module in rows] == list(STAGE_CALLS.values())


# What build.py calls for each stage of the README's table, in order.
STAGE_CALLS = {
    "load_journey(": "load", "validate_journey(": "validate", "cast_journey(": "cast",
    "build_book(": "model", "render.site_pages(": "render", "media.produce(": "media",
    "site.build_site_cached(": "site", "book_stage.write_pdf_cached(": "book",
    "release_stage.scan(": "release",
}
