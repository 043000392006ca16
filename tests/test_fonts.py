"""The printed book's fonts: every name and symbol we claim to print comes out of a font bundled in
theme/fonts, never a machine font and never a .notdef box.

Claimed: Latin (with Vietnamese and Polish), Cyrillic, Arabic script (Arabic, Persian/Dari,
Pashto, Urdu), Ethiopic (Tigrinya, Amharic) and the book's symbols. The names are fictional.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops

from generator.core.paths import THEME
from generator.outputs import pdf

FONTS_CSS = THEME / "css" / "fonts.css"
NAMES = ["محمد عبد الله", "زهرا احمدی", "ښکلې ځدراڼ", "ኣብርሃም ተስፋይ", "Nguyễn Thị Hương",
         "Phạm Văn Đức", "Łucja Wiśniewska", "Zażółć gęślą jaźń"]
SYMBOLS = "✓ ○ · — … “ ” ’"
# Every Vietnamese letter: the twelve vowels (breve, circumflex and horn included), small and
# capital, bare or under one of the five tone marks, as precomposed letters; and đ. Then Polish.
VIETNAMESE = {unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
              for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")} | set("đĐ")
POLISH = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"
SAMPLE = " ".join(NAMES) + " " + SYMBOLS
PAGE = ('<html lang="en"><head><title>Fonts</title><style>:root {{ --jb-colour: #2e7d32 }}{}'
        '</style></head><body>{}</body></html>')


def poppler(tool: str) -> str:
    """The path of a poppler-utils tool: skipped without it, but a failure under CI=true."""
    found = shutil.which(tool)
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is not installed; ./dev test installs poppler-utils")
        pytest.skip(f"{tool} is not installed (poppler-utils)")
    return found


@lru_cache(maxsize=1)
def bundled() -> tuple[set[str], list[set[int]]]:
    """The families that fonts.css declares, and the cmap of each font file it loads: what the
    book can print is what these files hold, whatever the machine has."""
    css = FONTS_CSS.read_text(encoding="utf-8")
    families = set(re.findall(r'font-family:\s*"([^"]+)"', css))
    files = [FONTS_CSS.parent / url for url in re.findall(r'url\("([^"]+)"\)', css)]
    return families, [set(TTFont(path).getBestCmap()) for path in files]


def uncovered(text: str) -> set[str]:
    """The characters of text that no bundled font has. Control and format characters (line
    breaks, ZWNJ in Persian, direction marks) are left out: they are never drawn as glyphs."""
    cmaps = bundled()[1]
    return {char for char in text if unicodedata.category(char) not in ("Cc", "Cf")
            and not any(ord(char) in cmap for cmap in cmaps)}


def render(html: str, folder: Path) -> tuple[Path, list[str]]:
    """The PDF of html, made the way the book is (book.css and its fonts), and WeasyPrint's
    warnings."""
    made = folder / "fonts.pdf"
    return made, pdf.write_pdf(html, folder, made, title="Fonts", author="Test")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The sample names and symbols in headings, body text, bold and the ticked steps list."""
    rows = "".join(f"<p>{name} · <b>{name}</b></p>" for name in NAMES)
    body = (f'<h2>{NAMES[0]} {NAMES[3]} {NAMES[4]} {SYMBOLS}</h2>{rows}<p>{SYMBOLS} <b>{SYMBOLS}</b>'
            '</p><ul class="jb-steps"><li>A step</li><li><b>ښکلې</b> ○</li></ul>')
    return render(PAGE.format("", body), tmp_path_factory.mktemp("fonts"))


def test_only_bundled_fonts_are_used_and_all_are_embedded(sample_pdf):
    pdf, warnings = sample_pdf
    families = bundled()[0]
    listing = subprocess.run([poppler("pdffonts"), str(pdf)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    # pdffonts: "ABCDEF+Noto-Sans-Arabic-Bold  CID TrueType  Identity-H  yes yes yes  23 0".
    # WeasyPrint names a font after its family and style, spaces made hyphens.
    style = r"(-(Regular|Medium|Bold|Italic|Oblique))*"
    names = {"-".join(family.split()): family for family in families}
    used = set()
    for row in listing:
        name, emb = row.split()[0].split("+", 1)[-1], row.split()[-5]
        found = re.fullmatch(f"({'|'.join(map(re.escape, names))}){style}", name)
        assert found, f"{name} is not one of the bundled fonts ({', '.join(sorted(families))})"
        assert emb == "yes", f"{name} is not embedded"
        used.add(names[found.group(1)])
    assert used == families, "every bundled family is reached through the stacks in book.css"
    assert not [line for line in warnings if ".notdef" in line], warnings


def test_every_character_is_in_a_bundled_font_and_the_check_can_fail():
    assert uncovered(SAMPLE + "".join(VIETNAMESE) + POLISH) == set()
    assert uncovered("Zahra 漢 😀") == {"漢", "😀"}  # CJK and emoji: not claimed, so not covered


def test_no_glyph_is_drawn_as_a_notdef_box(tmp_path):
    """Each character of the sample is drawn alone in a cell of its own, in regular and in bold,
    and so are two code points that no font has (Supplementary Private Use Area).

    Why this is sound: a character missing from every font is drawn as the .notdef glyph of the
    first font of the stack, and a .notdef is one picture whatever character it stands for. The
    cells sit on whole CSS pixels, rendered at a multiple of 96 dpi, with the same font stack,
    size and line height, so such a box lands on exactly the same pixels in any cell. The two
    unassigned code points must therefore give the same, non-blank picture (this proves the
    check can see a box), and no character of the sample may give that picture, or a blank one.
    """
    cell, missing = 40, ["\U000F0000", "\U000F0001"]
    chars = sorted(set(SAMPLE) - {" "}) + missing
    cells = "".join(
        f'<div style="position: absolute; left: {col * cell}px; top: {row * cell}px; '
        f'width: {cell}px; height: {cell}px; font-size: 24px; line-height: {cell}px; '
        f'font-weight: {weight}">{char}</div>'
        for row, weight in enumerate(["normal", "bold"]) for col, char in enumerate(chars))
    page = f"@page {{ size: {len(chars) * cell}px {2 * cell}px; margin: 0 }}"
    pdf, _ = render(PAGE.format(page, cells), tmp_path)
    subprocess.run([poppler("pdftoppm"), "-r", "192", "-gray", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "cells")], check=True)
    image, scale = Image.open(tmp_path / "cells.png").convert("L"), 2  # 192 dpi: 2 device pixels a CSS pixel

    def picture(row: int, col: int) -> Image.Image:
        x, y = col * cell * scale, row * cell * scale
        return image.crop((x, y, x + cell * scale, y + cell * scale))

    def same(a: Image.Image, b: Image.Image) -> bool:
        return ImageChops.difference(a, b).getbbox() is None

    def blank(a: Image.Image) -> bool:
        return a.getextrema()[0] > 200  # no pixel darker than a faint anti-aliased edge

    for row in (0, 1):
        box = picture(row, len(chars) - 2)
        assert not blank(box) and same(box, picture(row, len(chars) - 1)), "a .notdef is a box"
        boxed = [char for col, char in enumerate(chars[:-2])
                 if same(picture(row, col), box) or blank(picture(row, col))]
        assert boxed == [], f"drawn as a box or not at all: {boxed}"


# ../shared's multilingual text, in the scripts we claim (Hebrew, he_IL, is not claimed).
FAKER_LOCALES = ["ar_AA", "ar_DZ", "ar_PS", "ar_SA", "fa_IR", "en_PK", "pl_PL", "ro_RO", "sw",
                 "tr_TR", "uk_UA", "vi_VN"]
UDHR_LANGUAGES = ["arb", "pes_1", "pes_2", "pbu", "urd", "tir", "amh", "vie", "pol", "ron_2006",
                  "tur", "kmr", "ckb", "som", "als", "ukr", "eng"]


@pytest.mark.shared
@pytest.mark.parametrize("locale", FAKER_LOCALES)
def test_names_from_faker_are_covered(shared, locale):
    names = json.loads((shared / "text/pyfaker_40.54.0_person_names.json").read_text("utf-8"))
    lists = names["locales"][locale].values()
    assert uncovered("".join(name for names_of_a_kind in lists for name in names_of_a_kind)) == set()


@pytest.mark.shared
@pytest.mark.parametrize("language", UDHR_LANGUAGES)
def test_udhr_text_is_covered(shared, language):
    udhr = json.loads((shared / "text/udhr_excerpts.json").read_text("utf-8"))[language]
    assert uncovered(udhr["title"] + "".join(udhr["first_paragraphs"])) == set()


def zeros_by_font(pdf: Path) -> dict[str, int]:
    """How many times each font of the PDF draws a 0 (digit zero), as PDFium reads it."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    counted: dict[str, int] = {}
    document = pdfium.PdfDocument(pdf)
    for page in document:
        text = page.get_textpage()
        for index in range(text.count_chars()):
            if pdfium_c.FPDFText_GetUnicode(text, index) == ord("0"):
                name = ctypes.create_string_buffer(256)
                pdfium_c.FPDFText_GetFontInfo(text, index, name, 256, ctypes.byref(ctypes.c_int()))
                font = name.value.decode().split("+", 1)[-1]
                counted[font] = counted.get(font, 0) + 1
    return counted


def test_zero_is_plain_not_slashed(tmp_path):
    """Issue 22: Atkinson Hyperlegible Next draws 0 slashed ("2Ø16"), and has no feature for a
    plain one: in body text, bold and italic, every 0 comes from Lato; its other letters are
    still Atkinson's. The check can fail: Atkinson's own zero is slashed (three contours)."""
    atkinson = TTFont(FONTS_CSS.parent.parent / "fonts" / "AtkinsonHyperlegibleNext-Regular.ttf")
    assert atkinson["glyf"][atkinson.getBestCmap()[ord("0")]].numberOfContours == 3
    pdf, _warnings = render(PAGE.format("", "<p>Born 2016 <b>in 2010</b> <i>about 1950</i></p>"),
                            tmp_path)
    zeros = zeros_by_font(pdf)
    assert sum(zeros.values()) == 4 and all(font.startswith("Lato") for font in zeros), zeros
    fonts = subprocess.run([poppler("pdffonts"), str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert "Atkinson-Hyperlegible-Next" in fonts  # the words are still in the body font


def test_atkinsons_range_is_what_the_font_holds_but_its_digits():
    """fonts.css gives each Atkinson face a unicode-range: WeasyPrint takes it for the font's
    whole coverage, so it must be exactly the font's characters, 0-9 left out."""
    css = FONTS_CSS.read_text(encoding="utf-8")
    faces = re.findall(r'AtkinsonHyperlegibleNext-(\w+)\.ttf"\); unicode-range: ([^;]+);', css)
    assert len(faces) == 3
    for style, ranges in faces:
        claimed: set[int] = set()
        for part in ranges.split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            claimed |= set(range(int(first, 16), int(last or first, 16) + 1))
        font = TTFont(FONTS_CSS.parent.parent / "fonts" / f"AtkinsonHyperlegibleNext-{style}.ttf")
        assert claimed == set(font.getBestCmap()) - set(range(0x30, 0x3A)), style
