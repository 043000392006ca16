"""The package's shape: every stage after the safe cast reads only the cast, never raw case data."""

from __future__ import annotations

import ast
import re
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# The stages that come after the cast: they must not be able to reach the raw journey.
AFTER_THE_CAST = [*(f"stages/{name}.py" for name in ("model", "render", "site", "book")),
                  *(f"draw/{path.name}" for path in (GENERATOR / "draw").glob("*.py"))]
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


RAW = ("generator.stages.load", "generator.stages.validate", "generator.stages.schema",
       "generator.stages.cast")  # the cast's maker reads the raw journey; its types do not


def raw_imports(names: set[str]) -> set[str]:
    return {n for n in names if any(n == r or n.startswith(f"{r}.") for r in RAW)}


def test_no_stage_after_the_cast_imports_the_raw_case_data():
    """They may use the cast's types (cast_types) and the format's fixed words (vocabulary)."""
    for name in AFTER_THE_CAST:
        raw = raw_imports(imported(GENERATOR / name))
        assert not raw, f"{name} reaches raw case data through {sorted(raw)}"


def test_the_check_itself_would_see_a_raw_import(tmp_path):
    """The rule above is not vacuous: a module importing Person or Journey is caught."""
    module = tmp_path / "leaky.py"
    module.write_text("from generator.stages.schema import Person\n"
                      "from generator.stages import validate\n"
                      "from generator.stages.vocabulary import Sex\n")
    assert raw_imports(imported(module)) == {
        "generator.stages.schema", "generator.stages.schema.Person", "generator.stages.validate"}


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


def test_each_stage_has_its_own_test_file():
    """Tests mirror the pipeline: tests/test_<stage>.py for every stage build.py runs (their
    helpers in stages/, such as the schema or the YAML composer, are tested with them)."""
    tests = GENERATOR.parent / "tests"
    stages = {*STAGE_CALLS.values(), "protect"}
    missing = sorted(s for s in stages if not (tests / f"test_{s}.py").is_file())
    assert not missing, f"stages without a test file: {missing}"


def test_no_module_or_class_grows_past_a_screenful_or_two():
    """No module over ~400 lines and no class over ~150: past that, a newcomer cannot hold
    one in their head, and it is doing two jobs."""
    too_long = []
    for path in sorted(GENERATOR.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > MODULE_LINES:
            too_long.append(f"{path.relative_to(GENERATOR)}: {len(lines)} lines")
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.ClassDef) and node.end_lineno - node.lineno > CLASS_LINES:
                too_long.append(f"{path.relative_to(GENERATOR)}: class {node.name} "
                                f"{node.end_lineno - node.lineno} lines")
    assert not too_long, too_long


MODULE_LINES = 430
CLASS_LINES = 160
