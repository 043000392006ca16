"""Versions: every young person's copy that is released is kept as a numbered version, so the
book can grow, and the young person sees what is new in it (what a version holds, and what
changed: model/changes.py).

Manifests are for coordinators: they name the items and the case files. They are kept outside
every copy, in `<copies folder>/.versions/<journey>/v0001.json` (written whole, never half),
carry MARK so the release gate refuses any copy holding one, and `journeybook clean` keeps them
unless asked (`--versions`). A release whose manifest equals the last version's makes no new
version: it is that version again.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.core import cache
from generator.core.errors import BuildError
from generator.core.output import write_atomically
from generator.model.changes import (
    KINDS,
    PARTS_FIRST_KEPT,
    Changes,
    Entry,
    Manifest,
    Version,
    changes,
    same,
)

STORE = ".versions"  # in the copies folder, beside the copies: never inside one
# In every manifest: the release gate refuses any copy that holds a file carrying it.
MARK = "journeybook-version-manifest"
FILE = re.compile(r"v(\d{4,})\.json")


@dataclass(frozen=True)
class Kept:
    """What a release did to the versions: made version `number`, or was it again (not new)."""

    number: int
    new: bool
    day: str
    changes: Changes

    def said(self) -> str:
        """One line for the coordinator after a release."""
        if not self.new:
            return (f"Same as version {self.number} (nothing in the copy has changed since), so "
                    "no new version was kept.")
        said = "the first copy" if self.number == 1 else _summary(self.changes)
        return f"Kept as version {self.number}, {_day(self.day)}: {said}."


# -- the manifest ------------------------------------------------------------------------------


# -- the store ---------------------------------------------------------------------------------

def store(root: Path, journey_id: str) -> Path:
    """Where a journey's versions are kept, in a copies folder (release/.versions/<id>)."""
    return root / STORE / journey_id


def history(folder: Path | None) -> list[Version]:
    """Every version kept in a store, oldest first (none when there is no store yet)."""
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        match = FILE.fullmatch(path.name)
        if match:
            found.append(_read(path, int(match.group(1))))
    return sorted(found, key=lambda version: version.number)


def _read(path: Path, number: int) -> Version:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("mark") != MARK:
            raise ValueError("it is not marked as one")
        items = {kind: {key: Entry(str(entry["label"]), str(entry["digest"]))
                        for key, entry in data["items"].get(kind, {}).items()}
                 for kind in KINDS}
        return Version(number, date.fromisoformat(data["date"]).isoformat(), items)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BuildError(f"{path}: this is not a version journeybook can read ({error}). Move "
                         f"it out of {path.parent} (keep it if you need its history), then run "
                         "the command again.") from None


def state(folder: Path | None) -> str:
    """A hash of a store's versions: part of a build's fingerprint, since what is new in a
    copy depends on them."""
    if folder is None or not folder.is_dir():
        return ""
    return cache.key(*(part for path in sorted(folder.iterdir()) if FILE.fullmatch(path.name)
                       for part in (path.name, path.read_bytes())))


def with_history(build_key: str, folder: Path | None) -> str:
    """A build's fingerprint, with the state of the versions it reads."""
    return cache.key(build_key, state(folder)) if folder is not None else build_key


def keep(folder: Path, current: Manifest, day: date, journey_id: str) -> Kept:
    """Keep a released copy's manifest as the next version, unless it equals the last one."""
    versions = history(folder)
    last = versions[-1] if versions else None
    if last is not None and same(last.items, current):
        return Kept(last.number, False, last.day, Changes())
    number = last.number + 1 if last else 1
    data = {"mark": MARK, "note": "For coordinators only: never put this file in a young "
            "person's copy.", "journey": journey_id, "version": number,
            "date": day.isoformat(),
            "items": {kind: {key: {"label": entry.label, "digest": entry.digest}
                             for key, entry in entries.items()}
                      for kind, entries in current.items()}}
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / f"v{number:04d}.json",
                     json.dumps(data, ensure_ascii=False, indent=1).encode())
    return Kept(number, True, day.isoformat(),
                changes(last.items, current) if last else Changes())


# -- what is new, for the young person ---------------------------------------------------------


# -- the coordinator's listing (journeybook releases) ------------------------------------------

def listing(versions: list[Version], journey_id: str, folder: Path) -> str:
    """Every version, oldest first, with its date and what changed, in a coordinator's words."""
    if not versions:
        return (f"No young person's copy of {journey_id} has been released yet ({folder} "
                "holds no versions). Make one with: journeybook build --release <journey>")
    lines = [f"{journey_id}: {len(versions)} version{'s' if len(versions) != 1 else ''} of the "
             f"young person's copy, kept in {folder} (for coordinators only)."]
    before: Manifest | None = None
    for version in versions:
        lines += ["", f"Version {version.number}, released {_day(version.day)}"]
        if before is None:
            counts = [_count(len(version.items.get(kind, {})), kind) for kind in KINDS
                      if kind != "book"]
            lines.append(f"  The first copy: {', '.join(counts)}.")
        else:
            said = changes(before, version.items)
            for heading, pairs in (("Added", said.added), ("Changed", said.changed),
                                   ("No longer in the copy", said.removed)):
                if pairs:
                    lines.append(f"  {heading}:")
                    lines += [f"    - {KINDS[kind][0]} {label}" for kind, label in pairs]
            if not (said.added or said.changed or said.removed):
                lines.append("  Nothing changed in the copy.")
            if said.parts_first_kept:
                lines.append(f"  {PARTS_FIRST_KEPT[0].upper()}{PARTS_FIRST_KEPT[1:]} from "
                             "this version on.")
        before = version.items
    return "\n".join(lines)


def _summary(said: Changes) -> str:
    """'2 memories, 1 photo added; 1 person changed'."""
    parts = []
    for pairs, done in ((said.added, "added"), (said.changed, "changed"),
                        (said.removed, "no longer in the copy")):
        counted = [_count(sum(kind == k for k, _label in pairs), kind) for kind in KINDS
                   if any(k == kind for k, _label in pairs)]
        if counted:
            parts.append(f"{', '.join(counted)} {done}")
    if said.parts_first_kept:
        parts.append(f"{PARTS_FIRST_KEPT} from this version on")
    return "; ".join(parts) or "nothing in the copy changed"


def _count(number: int, kind: str) -> str:
    one, many = KINDS[kind]
    return f"{number} {one if number == 1 else many}"


def _day(iso: str) -> str:
    """'2026-11-24' -> '24 November 2026'."""
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"   # no %-d: Windows has none
