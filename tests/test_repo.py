"""The repository guards against real case data, and its commands stay true."""

from __future__ import annotations

import subprocess
import sys

from generator.cli import main
from generator.format.new_journey import slugify
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import check_no_real_journeys


def test_only_the_demo_is_tracked_under_journeys():
    assert check_no_real_journeys.problems(check_no_real_journeys.tracked(staged=False), ROOT) == []


def test_a_real_journey_would_be_refused():
    found = check_no_real_journeys.problems(["journeys/kai-smith/people.yaml", "README.md"], ROOT)
    assert len(found) == 1 and found[0].startswith("journeys/kai-smith/people.yaml: only the")


def test_git_ignores_new_journeys():
    """A journey folder dropped into journeys/ is ignored by git; the demo is not."""
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT,
                              check=False).returncode == 0
    assert ignored("journeys/real-person/people.yaml")
    assert not ignored("journeys/demo/people.yaml")


def test_readme_opens_with_the_two_commands():
    """README's first code block holds exactly the demo and the test command; CI runs the latter."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("```")[1].strip().splitlines()
    commands = [line for line in block[1:] if line.strip() and not line.startswith("#")]
    assert commands == ["./dev demo", "./dev test"]
    assert "./dev test" in (ROOT / ".ci" / "run").read_text()


def test_new_scaffolds_a_valid_journey(tmp_path, capsys):
    """`journeybook new` makes a commented journey that checks clean, and never overwrites."""
    assert main(["new", "Zoë O'Brien", "--journeys", str(tmp_path)]) == 0
    folder = tmp_path / "zoe-obrien"
    assert "called: Zoë" in (folder / "journey.yaml").read_text()
    assert main(["check", str(folder)]) == 0
    assert main(["new", "Zoë O'Brien", "--journeys", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
    out = tmp_path.parent / "build"
    assert main(["build", str(folder), "--out", str(out), "--quiet"]) == 0  # it already builds
    assert (out / "zoe-obrien" / "site" / "index.html").is_file()
    assert (out / "zoe-obrien" / "book.pdf").is_file()


def test_slugify():
    assert slugify("  Kai  Hollis ") == "kai-hollis"
    assert slugify("Siân Ó Súilleabháin") == "sian-o-suilleabhain"
    assert slugify("李雷") == ""


def test_new_with_a_name_in_another_script(tmp_path):
    assert main(["new", "李雷", "--journeys", str(tmp_path)]) == 0
    (folder,) = tmp_path.iterdir()
    assert folder.name.startswith("journey-")
    assert main(["check", str(folder)]) == 0
