"""The small exception tree, and the Problem every stage reports to a coordinator.

A coordinator never sees a traceback: every mistake in case data becomes a Problem that names the
file, the line where we know it, what is wrong and how to fix it. Stages collect Problems and raise
one JourneyError holding all of them, so `check` lists everything at once.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Finding:
    """Something the release gate found in a copy: where, why it may not be shared, and the
    words around it."""

    where: str
    why: str
    context: str

    def show(self) -> str:
        return f"  {self.where}: {self.why}" + (f" ... {self.context} ..." if self.context else "")


@dataclass(frozen=True)
class LeftOut:
    """Something in the case data that is not in the young person's copy, and why."""

    what: str
    reason: str


def reason_words(reason: str) -> str:
    """'consent is pending' -> 'Not in the young person's copy: consent is pending'."""
    return f"Not in the young person's copy: {reason}" if reason else ""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a journey's case data, told in the coordinator's terms."""

    file: Path | None
    message: str
    fix: str = ""
    line: int | None = None
    column: int | None = None
    warning: bool = False

    def where(self, root: Path | None = None) -> str:
        """Return `file:line:column` (the parts we know), relative to root when possible."""
        if self.file is None:
            return ""
        path = self.file
        if root is not None:
            with contextlib.suppress(ValueError):
                path = self.file.relative_to(root)
        text = str(path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text

    def show(self, root: Path | None = None) -> str:
        """Return the one-line report: `where: what is wrong. how to fix it`."""
        where = self.where(root)
        kind = "warning: " if self.warning else ""
        text = f"{where}: {kind}{self.message}" if where else f"{kind}{self.message}"
        if self.fix:
            text += f" {self.fix}"
        return text


class JourneybookError(Exception):
    """Base of every error journeybook reports to a user without a traceback."""


class JourneyError(JourneybookError):
    """The case data has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_problem_order)
        super().__init__("\n".join(p.show() for p in self.problems))


class BuildError(JourneybookError):
    """A build step failed for a reason that is not the case data (a tool, the disk)."""


def _problem_order(problem: Problem) -> tuple[str, int, int]:
    return (str(problem.file or ""), problem.line or 0, problem.column or 0)


class ReleaseBlocked(JourneybookError):
    """The gate found something that must not be shared; nothing was written."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        lines = [f"The young person's copy was NOT made: {len(findings)} thing(s) that must not "
                 "be shared were found in it. Nothing was written."]
        lines += [finding.show() for finding in findings[:50]]
        if len(findings) > 50:
            lines.append(f"  ... and {len(findings) - 50} more")
        lines.append("Fix the case data (or the template) so these are not shown, then build "
                     "the release again.")
        super().__init__("\n".join(lines))


class PassphraseError(JourneybookError):
    """The passphrase cannot protect a book (too short)."""


class DateError(ValueError):
    """The words could not be read as a date; the message says what would work."""


class TooManyPixels(ValueError):
    """A picture with more pixels than journeybook decodes (Pillow's decompression-bomb limit,
    which keeps a small file from unpacking into gigabytes of memory)."""

    def __init__(self, width: int, height: int):
        self.width, self.height = width, height
        super().__init__(f"{width} x {height} pixels")

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1_000_000


class StrictFailed(JourneybookError):
    """--strict: the build gave warnings, so its output was not put in place."""

    def __init__(self, warnings: list[str]):
        self.warnings = warnings
        lines = [f"--strict: {len(warnings)} warning(s), so the output was not put in place:"]
        lines += [f"  - {line}" for line in warnings]
        lines.append("Fix them, or build without --strict.")
        super().__init__("\n".join(lines))


class Refused(Exception):
    """Something in a YAML file that journeybook will not build, and where it is."""

    def __init__(self, mark: Any, message: str, fix: str):
        super().__init__(message)
        self.mark, self.message, self.fix = mark, message, fix

    def problem(self, path: Path, line_offset: int) -> Problem:
        return Problem(path, self.message, self.fix, self.mark.line + 1 + line_offset,
                       self.mark.column + 1)


class RecordingError(ValueError):
    """A recording that cannot be used: what is wrong, and how to fix it."""

    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.what, self.fix = what, fix


class FramesError(ValueError):
    """ffmpeg could not take pictures from the video."""


class ExportBlocked(JourneybookError):
    """The release gate found something in the family tree file that must not be shared."""

    def __init__(self, findings: list[Finding]):
        lines = [f"The family tree file was NOT written: {len(findings)} thing(s) that must not "
                 "be shared were found in it."]
        lines += [finding.show() for finding in findings[:50]]
        lines.append("Fix the case data so they are not shown (check lists what is left out "
                     "and why), or export --everything for your own records.")
        super().__init__("\n".join(lines))


class NotADate(ValueError):
    """A GEDCOM date that says something journeybook's dates cannot; the message says what."""


class NotATable(JourneybookError):
    """The file is not a spreadsheet journeybook can read."""


class NotATree(JourneybookError):
    """The file is not a GEDCOM family tree journeybook can read."""


class ImportRefused(JourneybookError):
    """The import cannot be made into this people.yaml; the message says why and what to do."""


class ChangedOnDisk(Exception):
    """The file changed on disk since it was opened (edited elsewhere); nothing was written."""

    def __init__(self, path: Path, theirs: str):
        self.path = path
        self.theirs = theirs   # the file as it is on disk now ("" when it was deleted)
        super().__init__(f"{path} was changed by something else since it was opened")
