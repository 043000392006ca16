"""The builds the studio starts: the preview beside the form, and the young person's copy.

A save in the studio asks for a new preview; the build runs in the background, one journey's
builds one after another (a preview and a copy of the same journey never write at once), and
saves made while one runs are gathered into one more build after it, so a coordinator typing
and saving quickly never queues ten. The page beside the form reloads when the preview's
number goes up (studio.js asks /j/<id>/state); without scripts, the next page shows it.

The builds are journeybook's own (generator.build.build), with the command line's folders and
caches: the preview in the previews folder (site only, as `journeybook preview` makes it), the
copy in the copies folder through the release gate. A failed build leaves the last good one in
place, as it does on the command line, and its problems are kept to show.

A preview belongs to the young person whose name and date of birth made it (outputs/identity.py):
built for anyone else, it is refused. When a coordinator corrects the name or date of birth in
the studio, the studio has seen it happen (this folder's preview was theirs, and now the same
folder says otherwise), so the preview follows the correction instead of being refused. A copy's
versions never follow: the copies page says what to do, as the command line does.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from time import time

from generator.build import Result, build
from generator.build_plan import cache_for, copies_cache_root
from generator.core.cache import CACHE
from generator.core.errors import JourneybookError, JourneyError
from generator.outputs import identity

PREVIEW, COPY = "preview", "copy"


@dataclass
class Run:
    """What became of a journey's last build of one kind, for the page to show."""

    state: str = "none"        # none, waiting, making, done, failed
    number: int = 0            # finished builds of this kind: a new number means a new output
    step: str = ""             # the step being made, as the build logs it
    problems: list[str] = field(default_factory=list)   # why the last one failed
    said: str = ""             # a finished copy: the version it was kept as, in words
    left_out: list[str] = field(default_factory=list)   # a finished copy: what it left out
    finished: float = 0.0      # time.time() of the last finish

    def as_dict(self) -> dict:
        return {"state": self.state, "number": self.number, "step": self.step,
                "problems": self.problems, "said": self.said}


class Builds:
    """Every journey's background builds, one worker thread per journey while it has work."""

    def __init__(self, previews: Path, copies: Path):
        self.previews = previews
        self.copies = copies
        self._runs: dict[tuple[str, str], Run] = {}
        self._wanted: dict[str, list[str]] = {}   # journey id -> kinds asked for, in order
        self._folders: dict[str, Path] = {}
        self._busy: set[str] = set()
        self._seen: dict[str, str] = {}   # journey id -> whose its preview was when last seen
        self._lock = threading.Lock()

    def saw(self, folder: Path) -> None:
        """Remember whose the journey's preview is, if it is this journey's as it is now."""
        now = identity.of_journey(folder)
        if now and identity.of_preview(self.previews / folder.name) == now:
            with self._lock:
                self._seen[folder.name] = now

    def run(self, journey_id: str, kind: str) -> Run:
        """The last build of this kind for this journey (a new, empty one if none yet)."""
        with self._lock:
            return self._runs.setdefault((journey_id, kind), Run())

    def ask(self, folder: Path, kind: str) -> None:
        """Make this kind of build of the journey soon; a request already waiting covers it."""
        journey_id = folder.name
        with self._lock:
            wanted = self._wanted.setdefault(journey_id, [])
            if kind not in wanted:
                wanted.append(kind)
                self._runs.setdefault((journey_id, kind), Run()).state = "waiting"
            self._folders[journey_id] = folder
            if journey_id in self._busy:
                return
            self._busy.add(journey_id)
        threading.Thread(target=self._work, args=(journey_id,), daemon=True,
                         name=f"studio-build-{journey_id}").start()

    def wait(self, journey_id: str, seconds: float = 300) -> None:
        """Until this journey has no build waiting or running (for tests and for shutdown)."""
        deadline = time() + seconds
        while time() < deadline:
            with self._lock:
                if journey_id not in self._busy:
                    return
            threading.Event().wait(0.05)

    def _work(self, journey_id: str) -> None:
        while True:
            with self._lock:
                wanted = self._wanted.get(journey_id) or []
                if not wanted:
                    self._busy.discard(journey_id)
                    return
                kind = wanted.pop(0)
                folder = self._folders[journey_id]
                run = self._runs[(journey_id, kind)]
                run.state, run.step = "making", ""
            self._make(folder, kind, run)

    def _make(self, folder: Path, kind: str, run: Run) -> None:
        def log(line: str) -> None:
            run.step = line.split(" - ", 1)[-1]

        try:
            result = self._build(folder, kind, log)
        except JourneyError as error:
            outcome = ("failed", [problem.show(folder.parent) for problem in error.problems
                                  if not problem.warning] or
                       [problem.show(folder.parent) for problem in error.problems])
        except JourneybookError as error:
            outcome = ("failed", [str(error)])
        except Exception as error:  # a bug of ours: said plainly, and the studio goes on
            outcome = ("failed", [f"journeybook stopped because of an internal error "
                                  f"({type(error).__name__}), not a mistake in the case data. "
                                  "Run journeybook build on this journey with --debug and send "
                                  "the output to whoever looks after journeybook."])
        else:
            outcome = ("done", [])
            if kind == COPY:
                run.said = result.version.said() if result.version else ""
                run.left_out = [f"{item.what}: {item.reason}" for item in result.left_out]
        with self._lock:
            run.state, run.problems = outcome
            run.number += 1
            run.step = ""
            run.finished = time()

    def _build(self, folder: Path, kind: str, log) -> Result:
        if kind == PREVIEW:
            self._follow_correction(folder)
            result = build(folder, self.previews, pdf=False, release_root=self.copies, log=log,
                           cache_dir=cache_for(self.previews / CACHE, folder, release=False))
            self.saw(folder)
            return result
        return build(folder, self.copies, release=True, log=log,
                     cache_dir=cache_for(copies_cache_root(self.copies), folder, release=True))

    def _follow_correction(self, folder: Path) -> None:
        """The name or date of birth was corrected since the studio saw this folder's preview:
        the preview is still this journey's, so it is marked as the journey is now."""
        output = self.previews / folder.name
        with self._lock:
            seen = self._seen.get(folder.name)
        now = identity.of_journey(folder)
        if seen and now and now != seen and identity.of_preview(output) == seen:
            identity.mark_preview(output, now)
            with self._lock:
                self._seen[folder.name] = now   # a build that then fails is still followed
