"""Who read which item of the young person's copy, and when: the review list's "I have read
this", kept in the journey's studio folder.

A reading is kept per item key (review_items: its kind and source, never its words) with the
digest of exactly what was read, who and when. An item whose words, pictures or recording
changed since has another digest, so it shows as changed since it was read and counts as not
read: a tick is for what was read, not for the file. The record lives in `.studio/`, which no
build, check or cache key reads (core/fingerprint.py, pages._signature), and which .gitignore
keeps out of git: ticking never changes a build. The release gate still decides what ships.

Who: the name of this computer's user (getpass.getuser()), the account the studio runs as,
which only the coordinator holding the studio's secret address can reach.

No flask here: the coordinators' dashboard counts what is not yet read with unread_count.
"""

from __future__ import annotations

import getpass
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.build_plan import cache_for
from generator.coordinator.dashboard import counted
from generator.coordinator.studio.files import STUDIO_DIR
from generator.coordinator.studio.review_items import Item, items
from generator.core.errors import JourneybookError
from generator.core.output import write_atomically

RECORD = "read.json"   # in <journey>/.studio/review/
VERSION = 1
_WRITING = threading.Lock()   # the studio answers on several threads: read, change, write is one step


@dataclass(frozen=True)
class Reading:
    """One item read: the digest of what was read, by whom, and when (ISO time, UTC)."""

    digest: str
    by: str
    at: str


@dataclass(frozen=True)
class Status:
    """An item and where its reading stands: read, changed since it was read, or not read."""

    item: Item
    reading: Reading | None

    @property
    def read(self) -> bool:
        return self.reading is not None and self.reading.digest == self.item.digest

    @property
    def changed(self) -> bool:
        """Read once, but what it shows has changed since: counts as not read."""
        return self.reading is not None and not self.read


def record_path(folder: Path) -> Path:
    return folder / STUDIO_DIR / "review" / RECORD


def readings(folder: Path) -> dict[str, Reading]:
    """Every reading recorded for the journey in folder, by item key ({} when none)."""
    try:
        data = json.loads(record_path(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found = {}
    for key, value in (data.get("read") or {}).items() if isinstance(data, dict) else ():
        if isinstance(value, dict) and all(isinstance(value.get(f), str)
                                           for f in ("digest", "by", "at")):
            found[str(key)] = Reading(value["digest"], value["by"], value["at"])
    return found


def reader() -> str:
    """Who is reading: this computer's user name (see the module's doc)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "this computer's user"


def mark_read(folder: Path, item: Item, by: str | None = None,
              now: datetime | None = None) -> Reading:
    """Record that item was read as it is now (its digest), by whom and when."""
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    reading = Reading(item.digest, by or reader(), moment.isoformat())
    _change(folder, lambda kept: kept.__setitem__(item.key, reading))
    return reading


def mark_unread(folder: Path, key: str) -> None:
    """Forget the reading of the item with this key."""
    _change(folder, lambda kept: kept.pop(key, None))


def _change(folder: Path, change: Callable[[dict[str, Reading]], object]) -> None:
    """Read the record, change it, write it back atomically (temp file, then os.replace)."""
    path = record_path(folder)
    with _WRITING:
        kept = readings(folder)
        change(kept)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": VERSION, "read": {key: vars(value) for key, value in sorted(
            kept.items())}}
        write_atomically(path, json.dumps(data, indent=1, ensure_ascii=False).encode())


def statuses(folder: Path, found: list[Item]) -> list[Status]:
    """Each item with its reading (None when never read)."""
    kept = readings(folder)
    return [Status(item, kept.get(item.key)) for item in found]


def read_state(folder: Path, found: list[Item]) -> tuple[int, int]:
    """(how many are read as they are now, how many items there are)."""
    return sum(status.read for status in statuses(folder, found)), len(found)


def unread_count(folder: Path, cache_dir: Path | None = None) -> int | None:
    """How many items of the young person's copy are not read as they are now (never read,
    or changed since); None when the journey cannot be checked (it has problems to fix).
    cache_dir is check's (the release build's cache: nothing already read is read again)."""
    try:
        found = items(folder, cache_dir)
    except JourneybookError:
        return None
    done, total = read_state(folder, found)
    return total - done


def waiting_words(folder: Path, cache_root: Path) -> list[str]:
    """How many items of the young person's copy no one has read as they are now, in the
    dashboard's words; nothing when the journey cannot be checked. It is checked as the copy,
    with the copy's side of the previews' cache (the copies' own in the usual build/.cache,
    as the studio does): no picture already read is read again."""
    if not record_path(folder).is_file():
        return ["nothing read yet in the review list"]
    unread = unread_count(folder, cache_for(cache_root, folder, release=True))
    if not unread:
        return []
    return [counted(unread, "item not yet read", "items not yet read") + " in the review list"]
