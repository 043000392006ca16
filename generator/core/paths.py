"""Where journeybook's own files are: found once, here, for every stage."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
THEME = ROOT / "theme"
TEMPLATES = THEME / "templates"
BOOK_CSS = THEME / "css" / "book.css"
PROTECT = THEME / "protect"
BASE_CONFIG = ROOT / "mkdocs.yml"
