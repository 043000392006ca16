"""A new journey's folder: its name made from the young person's, and its files from the
commented template (generator/scaffold). Used by `journeybook new` and the studio; slugify also
by the people import, for new people's ids."""

from __future__ import annotations

import hashlib
import re
import shutil
import unicodedata
from pathlib import Path

from generator.core.errors import JourneybookError

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"  # the commented template


def slugify(name: str) -> str:
    """'Zoë O'Brien' -> 'zoe-obrien': a folder name safe on every system."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    plain = re.sub(r"['’]", "", plain.lower())
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60]


def make_journey(name: str, journeys: Path) -> Path:
    """Make journeys/<slug>/ from the commented template (a name in another script: journey-...)."""
    if not name.strip():
        raise JourneybookError("give the young person's name.")
    slug = slugify(name) or "journey-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    if (target := journeys / slug).exists():
        raise JourneybookError(f"{target} already exists; nothing was changed.")
    shutil.copytree(SCAFFOLD, target)
    for path in target.rglob("*"):
        if path.is_file() and path.suffix in {".yaml", ".md"}:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace("{{id}}", slug).replace("{{called}}", name.split()[0])
                            .replace("{{full_name}}", name), encoding="utf-8")
    return target
