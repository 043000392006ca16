"""The build plan: the steps of a build, in order, and where one journey's build goes.

Everything that speaks of a build reads this module, so the three can never disagree:
- `build.py` runs the steps and logs their words ("Step 7 - Building the site");
- `build --all` shows each journey's progress against them (coordinator/batch.py);
- the README's table of stages is checked against them (tests/test_structure.py).

Where a build's output, cache and versions are, whose journey they belong to, and the key that
says whether anything that makes the output has changed, are worked out here once, for `build`,
`build --all`, the command line, the studio and the dashboard. It loads none of the steps'
tools (no Pillow, MkDocs or WeasyPrint), so a run in which nothing changed costs little more
than Python starting.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from generator.core import fingerprint
from generator.core.cache import CACHE, PREVIEWS
from generator.core.paths import BOOK, SITE
from generator.outputs import identity, versions


@dataclass(frozen=True)
class Step:
    """One step of the build: its number and words in the log, and the module that does it."""

    number: int
    words: str
    module: str  # under generator/

    def said(self, detail: str = "") -> str:
        """The log's line for this step ("Step 7 - Building the site")."""
        return f"Step {self.number} - {self.words}" + (f": {detail}" if detail else "")


LOAD = Step(1, "Loading case data", "format/load.py")
VALIDATE = Step(2, "Checking it", "format/validate.py")
CAST = Step(3, "Making the safe cast: only what may be shared", "cast/caster.py")
MODEL = Step(4, "Making the book", "model/book.py")
RENDER = Step(5, "Rendering the pages", "outputs/render.py")
MEDIA = Step(6, "Preparing pictures and recordings", "outputs/media.py")
SITE_STEP = Step(7, "Building the site", "outputs/site.py")
PDF = Step(8, "Printing the book", "outputs/pdf.py")
GATE = Step(9, "Checking the copy before it is shared", "outputs/gate.py")
LOCK = Step(10, "Locking the copy with its passphrase", "outputs/lock.py")
STEPS = (LOAD, VALIDATE, CAST, MODEL, RENDER, MEDIA, SITE_STEP, PDF, GATE, LOCK)


def step_of(line: str) -> int | None:
    """5 for 'Step 5 - Rendering the pages'; None for any other line of the log."""
    return next((step.number for step in STEPS if line.startswith(f"Step {step.number} - ")),
                None)


@dataclass(frozen=True)
class Options:
    """How a journey is built: everything besides its case data that shapes the output."""

    release: bool = False  # the young person's copy, not the coordinator's preview
    pdf: bool = True
    strict: bool = False  # any warning fails the build
    print_shop: bool = False
    crop_marks: bool = False  # with print_shop: crop marks outside the bleed
    spine: float | None = None  # with print_shop: the spine's width the print shop gave, mm
    locked: bool = False  # locked with a passphrase

    def words(self) -> dict[str, str]:
        """Each option as the fingerprint holds it."""
        return {f.name: f"{getattr(self, f.name)}" for f in fields(self)}


@dataclass(frozen=True)
class Place:
    """Where one journey's build goes, and whose it is."""

    folder: Path  # the journey's case data
    final: Path  # its output folder: <out>/<journey's folder name>
    cache_dir: Path  # its own cache (plain copies: never inside a copies folder)
    versions: Path | None  # the versions kept (a copy) or read for what is new (a preview)
    whose: str  # the journey's identity (outputs/identity.py); "" when it has none yet

    @property
    def site_page(self) -> Path:
        return self.final / SITE / "index.html"

    @property
    def book(self) -> Path:
        return self.final / BOOK


def place(folder: Path, out_root: Path, *, release: bool, cache_dir: Path | None = None,
          release_root: Path | None = None) -> Place:
    """Where the build of folder into out_root goes: a copy's versions are kept beside the
    copies (out_root/.versions); a preview reads them from release_root, the copies folder,
    when it is given and they are this journey's own."""
    whose = identity.of_journey(folder)
    final = out_root / folder.resolve().name
    cache_dir = cache_dir or cache_for(copies_cache_root(out_root) if release else
                                       out_root / CACHE, folder, release=release)
    kept_in = versions.store(out_root, final.name) if release else \
        identity.versions_to_read(release_root, folder, whose)
    return Place(folder, final, cache_dir, kept_in, whose)


def made_from(where: Place, options: Options) -> str:
    """What the build is made from: the case data, journeybook itself, the day and the
    options (core/fingerprint.py)."""
    return fingerprint.build_key(where.folder, **options.words())


def key(where: Place, made: str) -> str:
    """The build's key: what it is made from (made_from) and the versions kept so far. The
    same key and the same output mean nothing has to be built."""
    return versions.with_history(made, where.versions)


def cache_for(cache_root: Path, folder: Path, *, release: bool) -> Path:
    """A journey's own cache in cache_root: plain copies of its site and book and its build
    record, kept apart for the preview and the young person's copy, beside what is known of
    its pictures, which the two share (core/source_cache.known_dir); and for two journeys of
    the same folder name, by whose they are (outputs/identity.py)."""
    whose = identity.of_journey(folder) or "unknown"
    return cache_root / folder.resolve().name / whose / ("release" if release else "preview")


def copies_cache_root(copies: Path) -> Path:
    """Where the plain copies of the young person's copies made into a copies folder are kept
    by default: in the previews' cache beside it (release/ -> build/.cache), never inside the
    copies folder, which is what is handed over."""
    return copies.resolve().parent / PREVIEWS / CACHE
