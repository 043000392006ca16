"""What the studio's pages show, gathered from the journeys folder (the server only routes).

The journeys list shows each journey's facts as the coordinators' dashboard does (its stage in
the Lifelong Links journey, what is waiting), but worked out now from the case data rather than
from the last build: a journey the coordinator just edited shows what it is now. A check takes
seconds, so each journey's is kept until one of its files changes.
"""

from __future__ import annotations

import logging
import stat
import threading
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.build import check
from generator.build_plan import cache_for
from generator.coordinator import dashboard
from generator.coordinator.studio import form
from generator.coordinator.studio.files import STUDIO_DIR, get_value, open_yaml
from generator.core.cache import CACHE
from generator.core.errors import JourneybookError, JourneyError
from generator.core.paths import SITE, resolve_inside
from generator.format.schema import FILE_MODELS, json_schema
from generator.outputs.summary import Summary

_LOG = logging.getLogger(__name__)
# The YAML files edited through forms (memories and letters have their own pages: writings.py).
EDITABLE = tuple(pattern for pattern in FILE_MODELS if pattern.endswith(".yaml"))


@dataclass
class Row:
    """One journey on the journeys list."""

    id: str
    called: str
    summary: Summary | None = None
    problems: int = 0  # errors found by the check (the journey does not build until fixed)
    waiting: list[str] = field(default_factory=list)
    preview: bool = False  # a built preview is there to open


@dataclass
class Part:
    """One part of a journey: a file's top-level field, or a memory or letter."""

    file: str
    name: str
    about: str
    editable: bool


class Journeys:
    """The journeys folder as the studio sees it: journeys by id, each only inside it."""

    def __init__(self, root: Path, previews: Path):
        self.root = root.resolve()
        self.previews = previews.resolve()
        self._checked: dict[str, tuple[tuple, Row]] = {}
        self._lock = threading.Lock()

    def folder(self, journey_id: str) -> Path | None:
        """The journey folder named journey_id, or None: a folder directly inside the journeys
        folder (never through '..', an absolute path or a link out), holding journey.yaml."""
        found = resolve_inside(self.root, journey_id)
        if found is None or found.parent != self.root or not (found / "journey.yaml").is_file():
            return None
        return found

    def cache(self, folder: Path) -> Path:
        """The preview's cache of this journey: what is known of its pictures is read there."""
        return cache_for(self.previews / CACHE, folder, release=False)

    def ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if self.folder(p.name))

    def rows(self, today: date) -> list[Row]:
        return [self.row(journey_id, today) for journey_id in self.ids()]

    def row(self, journey_id: str, today: date) -> Row:
        folder = self.folder(journey_id)
        assert folder is not None
        signature = _signature(folder)
        with self._lock:
            kept = self._checked.get(journey_id)
        if kept and kept[0] == signature:
            return kept[1]
        row = Row(journey_id, journey_id,
                  preview=(self.previews / journey_id / SITE / "index.html").is_file())
        try:
            checked = check(folder, cache_dir=self.cache(folder))
        except JourneyError as error:
            row.problems = sum(1 for p in error.problems if not p.warning)
        except JourneybookError:
            row.problems = 1
        except Exception:
            # A fault in journeybook itself while checking this one journey (not in its case
            # data): counted as a problem and logged, so the journeys list still shows every
            # other journey instead of an error page; opening this one shows the fault.
            _LOG.exception("checking the journey %s failed", journey_id)
            row.problems = 1
        else:
            row.summary = checked.result.summary
            if row.summary:
                row.called = row.summary.called
                row.waiting = dashboard.waiting_for(row.summary, today)
        with self._lock:
            self._checked[journey_id] = (signature, row)
        return row


def parts(folder: Path) -> list[Part]:
    """A journey's parts, in the order of the format reference."""
    found = []
    for pattern, model in FILE_MODELS.items():
        if pattern.endswith(".yaml"):
            for name, about in form.parts(json_schema(model)):
                found.append(Part(pattern, name, about, pattern in EDITABLE))
        else:
            for path in sorted(folder.glob(pattern)):
                found.append(Part(path.relative_to(folder).as_posix(), path.stem, "", False))
    return found


def people(folder: Path) -> list[tuple[str, str]]:
    """The journey's people as (id, "Nan (Mum's mum)") choices, for fields holding ids."""
    try:
        listed = get_value(open_yaml(folder / "people.yaml").data, ("people",)) or []
    except Exception:  # a people.yaml that cannot be read offers no names
        return []
    choices = []
    for person in listed:
        if isinstance(person, dict) and person.get("id"):
            words = str(person.get("called") or person["id"])
            if person.get("relation"):
                words += f" ({person['relation']})"
            choices.append((str(person["id"]), words))
    return choices


def _signature(folder: Path) -> tuple:
    """Every file's name, size and time of change: a change to any means a new check. A save's
    or an upload's hidden temporary file (.people.yaml.x1.tmp, .upload-x1.jpg) is no file of
    the journey, and may be gone before it is looked at: those, and any file gone meanwhile,
    are left out."""
    found = []
    for path in folder.rglob("*"):
        if STUDIO_DIR in path.relative_to(folder).parts or _temporary(path.name):
            continue
        try:
            status = path.stat()
        except OSError:   # gone since the folder was listed
            continue
        if stat.S_ISREG(status.st_mode):
            found.append((str(path), status.st_size, status.st_mtime_ns))
    return tuple(sorted(found))


def _temporary(name: str) -> bool:
    """A hidden temporary file of the studio's: a save's (files.py) or an upload's."""
    return name.startswith(".") and (name.endswith(".tmp") or name.startswith(".upload-"))
