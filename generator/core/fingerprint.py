"""What made a build: one key for a journey's inputs, journeybook itself and the build's options.

When the key of a new build equals the key recorded with the last good output, the build would
make the same files again, so `build` can say so and stop. The key must change whenever the
output could:
- the journey's case files (YAML, Markdown, any text) by their content;
- its pictures and scans by path, size and change times (as the photo cache does: copying tools
  cannot set ctime, so a replaced photo is always seen), which reads no pixels;
- journeybook's code, templates, fonts and locales, and the versions of MkDocs, Material and
  WeasyPrint, so an upgrade rebuilds every journey;
- the build's day (the timeline draws "now"), and the options (preview or release, book or not).
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

from generator.core.cache import key
from generator.core.clock import build_day
from generator.core.paths import THEME

PACKAGE = Path(__file__).resolve().parent.parent
TEXT = {".yaml", ".yml", ".md", ".txt", ".json", ".csv"}
TOOLS = ("mkdocs", "mkdocs-material", "weasyprint", "jinja2", "pillow", "babel")


def build_key(folder: Path, **options: object) -> str:
    """The key of a build of folder, on the build's day, with these options (see the module's
    docstring)."""
    words = [f"{name}={value}" for name, value in sorted(options.items())]
    return key(inputs_key(folder), own_key(), build_day().isoformat(), *words)


def inputs_key(folder: Path) -> str:
    """A hash of a journey folder: text files by content, other files by stat."""
    parts: list[bytes | str] = []
    # The studio's undo store (.studio/) is not an input: keeping a version is no reason to build.
    for path in sorted(p for p in folder.rglob("*") if p.is_file()
                       and ".studio" not in p.relative_to(folder).parts):
        parts.append(path.relative_to(folder).as_posix())
        if path.suffix.lower() in TEXT:
            parts.append(path.read_bytes())
        else:
            stat = path.stat()
            parts.append(f"{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}|{stat.st_ino}")
    return key(*parts)


@functools.cache
def own_key() -> str:
    """A hash of journeybook's own code and theme, and of the tools' versions (once a run)."""
    digest = hashlib.sha256()
    for root in (PACKAGE, THEME):
        for path in sorted(p for p in root.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    for tool in TOOLS:
        try:
            digest.update(f"{tool}={metadata.version(tool)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{tool}=none".encode())
    return digest.hexdigest()
