"""Refuse real case data in git: only the fictional demo may be tracked under journeys/.

Run by `./dev test` (so CI fails) and by the pre-commit hook (`./dev hooks`), which checks what
is staged. The .gitignore already ignores journeys/*; this catches `git add -f` and renames.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ALLOWED = ("journeys/demo/", "journeys/README.md")
MARK = "FICTIONAL"
STUDIO = ".studio"


def tracked(staged: bool) -> list[str]:
    command = ["git", "diff", "--cached", "--name-only", "--diff-filter=ACMR"] if staged else [
        "git", "ls-files"]
    output = subprocess.run(command, capture_output=True, text=True, check=False)
    return output.stdout.split() if output.returncode == 0 else []


def problems(paths: list[str], root: Path) -> list[str]:
    """Return one line per file that looks like real case data, or about the demo's marking."""
    found = [f"{path}: only the fictional demo may be committed under journeys/. Keep real "
             "journeys outside the repository (see README, 'Real journeys')."
             for path in paths if path.startswith("journeys/") and not path.startswith(ALLOWED)]
    # The studio's undo store holds old copies of the files edited: of the demo, they are
    # still not the demo, and of a real journey they are case data.
    found += [f"{path}: the studio's previous versions (.studio/) are never committed."
              for path in paths if STUDIO in path.split("/")]
    journey = root / "journeys" / "demo" / "journey.yaml"
    if journey.is_file() and MARK not in journey.read_text(encoding="utf-8"):
        found.append(f"{journey}: the demo must say it is {MARK} in its header comment.")
    return found


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    found = problems(tracked(staged="--staged" in sys.argv), root)
    for line in found:
        print(line, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
