"""The package's shape: folders in the pipeline's order with no import running back up and no
import loop; every output made after the cast reads only the cast; one build plan."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator import build, build_plan

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# The folders (and top-level modules) from the ground up: each may import only from itself and
# the ones before it, so the file list reads as the pipeline and nothing reaches back.
LAYERS = ["core", "sources", "format", "cast", "draw", "model", "outputs", "build_plan", "build",
          "exchange", "coordinator", "cli", "__main__"]


def module_name(path: Path) -> str:
    parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in GENERATOR.rglob("*.py")}


def imported(module: Path) -> set[str]:
    """Every 'module' and 'module.name' a file imports, wherever (a function's own import and
    one for type checking only are arrows too)."""
    found = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def imports_of(path: Path) -> set[str]:
    """The journeybook modules a file imports (a package's module named in `from package
    import module` counts as that module)."""
    return {name for name in imported(path) if name in MODULES and name != "generator"}


def room(module: str) -> str:
    """The folder (or top-level module) a module is in: generator.cast.names -> cast."""
    return module.split(".")[1] if "." in module else "__init__"


def test_every_module_imports():
    """A module moved or split leaves no import behind that names where it was."""
    import importlib

    for name in sorted(MODULES):
        if name != "generator.__main__":
            importlib.import_module(name)


def test_the_build_plan_loads_none_of_the_steps_tools():
    """`build --all` finds an unchanged journey without loading Pillow, MkDocs or WeasyPrint."""
    import subprocess
    import sys

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; import generator.build_plan, generator.coordinator.batch;"
         "print(' '.join(sorted(m for m in ('PIL', 'mkdocs', 'weasyprint', 'pydantic') "
         "if m in sys.modules)))"], capture_output=True, text=True, check=True,
        cwd=GENERATOR.parent).stdout.split()
    assert loaded == []


def test_every_folder_has_its_place_in_the_layers():
    rooms = {room(name) for name in MODULES} - {"__init__"}
    assert rooms == set(LAYERS), f"place {sorted(rooms - set(LAYERS))} in LAYERS"


def arrows_back_up(modules: dict[str, Path]) -> list[str]:
    return sorted(f"{name} -> {target}" for name, path in modules.items()
                  for target in imports_of(path)
                  if room(name) != "__init__" and LAYERS.index(room(target)) > LAYERS.index(room(name)))


def test_no_import_runs_back_up_the_pipeline():
    """core imports nothing of ours above it, the cast nothing of the outputs, the outputs
    nothing of the coordinator's tools, and so on up."""
    assert not arrows_back_up(MODULES)


def loops(modules: dict[str, Path]) -> list[list[str]]:
    """Every set of modules that import each other round in a loop (Tarjan's algorithm)."""
    graph = {name: sorted(imports_of(path) & set(modules)) for name, path in modules.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other_in_a_loop():
    assert not loops(MODULES)


def test_the_checks_would_see_an_arrow_back_up_and_a_loop(tmp_path, monkeypatch):
    """The two rules above are not vacuous: core importing the cast, and two modules that
    import each other, are caught."""
    fake = tmp_path / "generator"
    (fake / "core").mkdir(parents=True)
    (fake / "cast").mkdir()
    (fake / "core" / "a.py").write_text("from generator.cast import b\n")
    (fake / "cast" / "b.py").write_text("from generator.core.a import thing\n")
    modules = {"generator.core.a": fake / "core" / "a.py", "generator.cast.b": fake / "cast" / "b.py"}
    monkeypatch.setitem(globals(), "MODULES", modules)
    assert arrows_back_up(modules) == ["generator.core.a -> generator.cast.b"]
    assert loops(modules) == [["generator.cast.b", "generator.core.a"]]


# What the outputs made after the cast may take from the case data's format and from the cast:
# its types and the format's fixed words, never a raw journey or a safeguard's reader.
MAY_READ = {"generator.cast.cast_types", "generator.format.vocabulary"}
# Outputs that read more, on purpose, and never show it: the gate reads the finished copy with
# the safeguard's own readers and the journey's names (the second, independent layer); the
# summary counts the journey for the coordinators' dashboard; identity reads journey.yaml's
# name and date of birth to know whose an output is.
READ_ON_PURPOSE = {"generator.outputs.gate", "generator.outputs.summary",
                   "generator.outputs.identity"}


def reaches_raw(names: set[str]) -> set[str]:
    """The raw case data (the format) or the cast's deciding parts, among names imported."""
    return {n for n in names
            if (n.startswith(("generator.format.", "generator.cast.")) and n in MODULES)
            and n not in MAY_READ}


def test_no_output_after_the_cast_reads_the_raw_case_data():
    """Every module of draw/, model/ and outputs/ (found by its folder, not listed by hand)
    reads only the cast's types and the format's fixed words."""
    after = {name: path for name, path in MODULES.items()
             if room(name) in ("draw", "model", "outputs") and name not in READ_ON_PURPOSE}
    assert len(after) > 20
    leaks = {name: sorted(reaches_raw(imports_of(path))) for name, path in after.items()}
    assert not {name: raw for name, raw in leaks.items() if raw}


def test_the_raw_check_itself_would_see_a_raw_import(tmp_path):
    module = tmp_path / "leaky.py"
    module.write_text("from generator.format.schema import Person\n"
                      "from generator.format import validate\n"
                      "from generator.format.vocabulary import Sex\n"
                      "from generator.cast.cast_types import Cast\n")
    assert reaches_raw(imports_of(module)) == {"generator.format.schema",
                                               "generator.format.validate"}


def test_the_build_runs_the_plans_steps_in_order_each_by_its_module():
    """build.py's steps are the plan's, in order, and each step's function calls into the
    module the plan names for it."""
    steps = [step for step, *_ in (*build.CHECKING, *build.MAKING, *build.SEALING)]
    assert steps == list(build_plan.STEPS)
    assert [step.number for step in build_plan.STEPS] == list(range(1, len(build_plan.STEPS) + 1))
    for step, action, *_ in (*build.CHECKING, *build.MAKING, *build.SEALING):
        module = "generator." + step.module.removesuffix(".py").replace("/", ".")
        used = {getattr(build, name, None) for name in action.__code__.co_names}
        assert any(getattr(thing, "__name__", "") == module or
                   getattr(thing, "__module__", "") == module for thing in used), (step, action)


def test_the_readme_stage_table_is_the_plan():
    """README's table of stages lists the plan's steps: number, words and module, in order."""
    readme = (GENERATOR.parent / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+) \| ([^|]+?) \| `generator/([\w/]+\.py)`", readme,
                      flags=re.MULTILINE)
    assert [(int(n), words, module) for n, words, module in rows] == [
        (step.number, step.words, step.module) for step in build_plan.STEPS]


def test_each_stage_has_its_own_test_file():
    """Tests mirror the pipeline: tests/test_<module>.py (or test_<folder>.py) for each step."""
    tests = GENERATOR.parent / "tests"
    missing = [step.module for step in build_plan.STEPS
               if not (tests / f"test_{Path(step.module).stem}.py").is_file()
               and not (tests / f"test_{Path(step.module).parent.name}.py").is_file()]
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
