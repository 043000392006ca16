"""The record of a journey's last good build, kept in its cache: what made it (the fingerprint),
what it said (warnings, what was left out), the state of its output, and its summary.

With it, a build whose fingerprint has not changed, and whose output is still exactly as it was
left, says what it said last time and stops; and the dashboard lists every journey without
rebuilding any.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from generator.core.errors import LeftOut, Problem
from generator.core.output import write_atomically

FILE = "last-build.json"


@dataclass
class Record:
    key: str  # the fingerprint of the build (see build_plan.key)
    made: str  # when, in UTC (ISO 8601)
    output: str  # the state of the output folder it left (see output_state)
    warnings: list[Problem] = field(default_factory=list)
    tool_warnings: list[str] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    summary: dict = field(default_factory=dict)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def output_state(folder: Path) -> str:
    """A hash of every file's path, size and modification time under folder: changes if anyone
    touched the output after it was made (then it is made again)."""
    digest = hashlib.sha256()
    if not folder.is_dir():
        return ""
    for parent, folders, names in sorted(os.walk(folder)):
        folders.sort()
        for name in sorted(names):
            path = Path(parent, name)
            stat = path.stat()
            digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}\n"
                          .encode())
    return digest.hexdigest()


def read(cache_dir: Path) -> Record | None:
    """The last good build's record, or None (none yet, or unreadable: then build again)."""
    try:
        data = json.loads((cache_dir / FILE).read_text(encoding="utf-8"))
        return Record(
            key=data["key"], made=data["made"], output=data["output"],
            warnings=[_problem(p) for p in data["warnings"]],
            tool_warnings=list(data["tool_warnings"]),
            left_out=[LeftOut(**item) for item in data["left_out"]],
            summary=dict(data["summary"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(cache_dir: Path, record: Record) -> None:
    """Keep the record (written whole, then renamed: never half a record)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = asdict(record)
    data["warnings"] = [_problem_json(p) for p in record.warnings]
    write_atomically(cache_dir / FILE, json.dumps(data, ensure_ascii=False, indent=1).encode())


def _problem_json(problem: Problem) -> dict:
    data = asdict(problem)
    data["file"] = str(problem.file) if problem.file else None
    return data


def _problem(data: dict) -> Problem:
    return Problem(**{**data, "file": Path(data["file"]) if data.get("file") else None})


def unchanged(cache_dir: Path, key: str, output: Path) -> Record | None:
    """The last good build's record if this build would make it again: same fingerprint, and
    its output still exactly as that build left it. Otherwise None (build)."""
    previous = read(cache_dir)
    if previous and previous.key == key and previous.output \
            and previous.output == output_state(output):
        return previous
    return None
