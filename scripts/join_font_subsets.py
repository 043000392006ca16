"""Join a web font's subsets (Fontsource ships Latin and Latin Extended apart) into one TTF.

Used once to make theme/fonts/AtkinsonHyperlegibleNext-*.ttf from the npm package
@fontsource/atkinson-hyperlegible-next (SIL OFL): older WeasyPrint versions ignore @font-face
unicode-range, and one file per style keeps the font checks (tests/test_fonts.py) simple.

    npm pack @fontsource/atkinson-hyperlegible-next && tar xzf fontsource-*.tgz
    python scripts/join_font_subsets.py package/files theme/fonts
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

STYLES = {"Regular": "400-normal", "Bold": "700-normal", "Italic": "400-italic"}
SUBSETS = ("latin", "latin-ext")


def join(files: Path, out: Path, family: str = "atkinson-hyperlegible-next",
         name: str = "AtkinsonHyperlegibleNext") -> None:
    """Write out/<name>-<style>.ttf for each style, from the subsets' WOFF2 files."""
    with tempfile.TemporaryDirectory() as scratch:
        for style, tag in STYLES.items():
            parts = []
            for subset in SUBSETS:
                font = TTFont(files / f"{family}-{subset}-{tag}.woff2")
                font.flavor = None  # WOFF2 to plain TrueType
                part = Path(scratch) / f"{subset}-{tag}.ttf"
                font.save(part)
                parts.append(str(part))
            Merger().merge(parts).save(out / f"{name}-{style}.ttf")


if __name__ == "__main__":
    join(Path(sys.argv[1]), Path(sys.argv[2]))
