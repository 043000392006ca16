"""--print-shop: the inside pages and the cover as a print shop's preflight checks them.

The demo's young person's copy is built once with crop marks and once without (the second
from the first's cache), then measured: every page's boxes with pikepdf, the art in the bleed
and the marks outside it in pixels (pdftoppm), the cover sheet's width from the spine formula,
and the files' PDF/X-4 identification.
"""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from generator.core.geometry import BLEED, MARKS_ROOM, MM_PER_INCH, PAGES, CoverSpread, spine_width
from generator.outputs import gate, pdf, print_shop, render
from tests.conftest import DEMO, shared_cache

DPI = 100
WHITE = 245  # a pixel every channel of which is above this is paper


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, known: Path):
    """The demo's copy with crop marks ("marks") and without ("plain"), and the files the
    release gate read as PDFs while it checked the first."""
    from generator.build import build

    root = tmp_path_factory.mktemp("shop")
    read: list[str] = []
    real = gate._pdf
    patch = pytest.MonkeyPatch()
    patch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # every build on the same day
    patch.setattr(gate, "_pdf", lambda path, relative, *rest: read.append(relative)
                  or real(path, relative, *rest))
    try:
        build(DEMO, root / "marks", release=True, print_shop=True, crop_marks=True,
              cache_dir=shared_cache(known, release=True))
        patch.setattr(gate, "_pdf", real)
        build(DEMO, root / "plain", release=True, print_shop=True,
              cache_dir=shared_cache(known, release=True))
    finally:
        patch.undo()
    return {"marks": root / "marks" / "demo", "plain": root / "plain" / "demo", "read": read,
            "pngs": tmp_path_factory.mktemp("pngs"), "root": root}


def pages_of(pdf: Path) -> list[dict[str, list[float]]]:
    with pikepdf.open(pdf) as document:
        return [print_shop.boxes(page) for page in document.pages]


def close(box: list[float], expected: list[float]) -> bool:
    return all(abs(a - b) < 0.01 for a, b in zip(box, expected, strict=True))


def rendered(pdf: Path, folder: Path, *, dpi: int = DPI, first: int = 1,
             last: int | None = None) -> list[Image.Image]:
    """The pages as pictures of their whole sheet (MediaBox), crisp lines (no smoothing)."""
    prefix = folder / f"{pdf.parent.parent.name}-{pdf.stem}-{dpi}-{first}"
    args = ["pdftoppm", "-r", str(dpi), "-aaVector", "no", "-f", str(first)]
    subprocess.run([*args, *(["-l", str(last)] if last else []), "-png", str(pdf),
                    str(prefix)], check=True)
    return [Image.open(p).convert("RGB") for p in sorted(folder.glob(prefix.name + "-*.png"))]


def px(mm: float, dpi: int = DPI) -> int:
    return round(mm / MM_PER_INCH * dpi)


def band(image: Image.Image, inset_mm: float, dpi: int = DPI) -> list[tuple[int, int, int]]:
    """The pixels of a ring inset_mm inside the picture's edges, every 2 mm along it."""
    inset, step = px(inset_mm, dpi), px(2, dpi)
    right, bottom = image.width - 1 - inset, image.height - 1 - inset
    ring = [(x, y) for x in range(inset, right + 1, step) for y in (inset, bottom)]
    ring += [(x, y) for y in range(inset, bottom + 1, step) for x in (inset, right)]
    return [image.getpixel(xy) for xy in ring]


def paper(pixel: tuple[int, int, int]) -> bool:
    return min(pixel) > WHITE


@pytest.mark.parametrize("variant", ["plain", "marks"])
@pytest.mark.parametrize("name", ["interior.pdf", "cover.pdf"])
def test_every_page_has_its_trim_box_and_a_3mm_bleed_box_inside_its_sheet(shop, variant, name):
    """TrimBox is the page as cut; BleedBox 3 mm past it; the sheet (MediaBox) is the bleed
    box without marks, and MARKS_ROOM wider on every side with them."""
    pdf = shop[variant] / print_shop.FOLDER / name
    page = PAGES["A5"]
    width = page.width if name == "interior.pdf" else \
        2 * page.width + spine_width(len(pages_of(shop[variant] / "print-shop" / "interior.pdf")))
    room = MARKS_ROOM if variant == "marks" else 0.0
    for number, boxes in enumerate(pages_of(pdf), start=1):
        assert close(boxes["TrimBox"], [0, 0, width, page.height]), (number, boxes)
        assert close(boxes["BleedBox"], [-BLEED, -BLEED, width + BLEED, page.height + BLEED])
        outside = BLEED + room
        assert close(boxes["MediaBox"], [-outside, -outside, width + outside,
                                         page.height + outside]), (number, boxes)


def test_the_cover_sheet_is_two_covers_and_a_spine_measured_from_the_inside_pages(shop):
    """Cover width = 2 x trim width + spine + 2 x bleed, the spine by Cloudprinter's formula
    for 150 gsm silk (0.135 mm a sheet) and a 0.5 mm softcover."""
    pages = len(pages_of(shop["plain"] / "print-shop" / "interior.pdf"))
    assert spine_width(pages) == round(150 * 0.90 * (pages / 2) / 1000 + 2 * 0.5, 2)
    assert spine_width(200) == 14.5 and spine_width(60) == 5.05
    (cover,) = pages_of(shop["plain"] / "print-shop" / "cover.pdf")
    sheet = cover["MediaBox"][2] - cover["MediaBox"][0]
    assert abs(sheet - (2 * 148 + spine_width(pages) + 2 * BLEED)) < 0.01


def test_the_inside_pages_start_at_the_first_inside_page_in_sheets_of_four(shop):
    """Print shops take the inside pages without the covers; a book is folded from sheets of
    four pages. The archive copy keeps its covers."""
    import pypdfium2

    interior = pypdfium2.PdfDocument(str(shop["plain"] / "print-shop" / "interior.pdf"))
    keepsake = pypdfium2.PdfDocument(str(shop["plain"] / "book.pdf"))
    try:
        assert len(interior) % 4 == 0
        first = interior[0].get_textpage().get_text_range()
        assert "This book belongs to" in first and "My Lifelong Links journey" not in first
        assert "My Lifelong Links journey" in keepsake[0].get_textpage().get_text_range()
    finally:
        interior.close()
        keepsake.close()


def test_full_bleed_art_reaches_the_edge_of_the_bleed(shop):
    """On every page whose art runs to the page's edges (chapter openers, the full-page photo),
    it runs on to the bleed's outer edge: no page colour or white strip in the bleed."""
    pages = rendered(shop["plain"] / "print-shop" / "interior.pdf", shop["pngs"])
    full = [(number, image) for number, image in enumerate(pages, start=1)
            if not any(paper(p) for p in band(image, BLEED + 1))]  # 1 mm inside the trim
    photos = [number for number, image in full if len(set(band(image, BLEED + 1))) > 8]
    assert len(full) - len(photos) >= 8 and photos, (len(full), photos)  # 8 openers, a photo
    for number, image in full:
        for inset in (0.3, BLEED / 2):  # at the sheet's very edge, and halfway in
            assert not any(paper(p) for p in band(image, inset)), (number, inset)


def test_the_cover_sheet_runs_to_the_bleed_and_its_photo_stays_on_the_front(shop):
    (sheet,) = rendered(shop["plain"] / "print-shop" / "cover.pdf", shop["pngs"])
    for inset in (0.3, BLEED / 2, BLEED + 1):
        assert not any(paper(p) for p in band(sheet, inset)), inset
    colour = sheet.getpixel((px(BLEED + 10), sheet.height // 2))  # the back cover
    top_back = sheet.getpixel((px(BLEED + 10), px(1)))
    top_front = sheet.getpixel((sheet.width - px(BLEED + 10), px(1)))
    assert top_back == colour != top_front  # the photo: on the front, into the top bleed


def test_crop_marks_are_drawn_outside_the_bleed_and_nothing_else_is(shop):
    """Marks only between the bleed box and the sheet's edge; none in the bleed, and the art
    of a full-bleed page is cut at the bleed's edge."""
    dpi = 150
    interior = shop["marks"] / "print-shop" / "interior.pdf"
    plain_pages = rendered(shop["plain"] / "print-shop" / "interior.pdf", shop["pngs"])
    opener = next(number for number, image in enumerate(plain_pages, start=1)
                  if not any(paper(p) for p in band(image, BLEED + 1)))
    for number in (1, opener):  # a white page, and one coloured to its edges
        (image,) = rendered(interior, shop["pngs"], dpi=dpi, first=number, last=number)
        room, bleed = px(MARKS_ROOM, dpi) - 1, px(BLEED, dpi)  # 1 px clear of the bleed box
        width, height = image.size
        ring = [pixel for box in ((0, 0, width, room), (0, height - room, width, height),
                                  (0, room, room, height - room),
                                  (width - room, room, width, height - room))
                for pixel in image.crop(box).get_flattened_data()]
        dark = [p for p in ring if max(p) < 80]
        assert len(dark) >= 8 * px(4, dpi), len(dark)  # 8 marks, 5 mm long, outside the bleed
        assert all(paper(p) or max(p) < 80 for p in ring)  # and nothing else: no art
        inside = image.crop((room + 2, room + 2, width - room - 2, height - room - 2))
        if number == 1:  # a white page: no mark reaches into its bleed
            assert all(paper(p) for p in inside.crop(
                (0, 0, inside.width, bleed - 2)).get_flattened_data())
            assert all(paper(p) for p in inside.crop(
                (0, 0, bleed - 2, inside.height)).get_flattened_data())
        else:  # a coloured page: its colour fills the bleed, up to the marks' room
            assert not any(paper(p) for p in inside.crop((0, 0, inside.width, 2)).get_flattened_data())


def test_the_print_shop_files_are_pdf_x4_and_the_book_stays_pdf_a(shop):
    for name in ("interior.pdf", "cover.pdf"):
        with pikepdf.open(shop["marks"] / "print-shop" / name) as pdf:
            assert pdf.pdf_version == "1.6" and not pdf.is_encrypted
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX" and "/DestOutputProfile" in intent
            assert pdf.docinfo.Trapped == "/False"
            xmp = pdf.Root.Metadata.read_bytes().decode()
            assert "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" in xmp
            assert "xmpMM:DocumentID" in xmp and "<dc:title>" in xmp
            assert not any("/Annots" in page.obj for page in pdf.pages)  # no links on paper
    with pikepdf.open(shop["marks"] / "book.pdf") as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "3A" and pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        boxes = print_shop.boxes(pdf.pages[0])
        assert close(boxes["MediaBox"], boxes["TrimBox"])  # the copy to read has no bleed


def test_the_release_gate_reads_the_print_shop_files_as_it_reads_the_book(shop):
    assert {"book.pdf", "print-shop/interior.pdf", "print-shop/cover.pdf"} <= set(shop["read"])


def test_the_spine_has_the_title_only_when_it_is_wide_enough(journey):
    """6 mm or more (about 74 pages of 150 gsm silk): narrower, it would wander onto the
    covers. The sheet reads the safe model's title, nothing else of the case data."""
    from generator.build import check

    book = print_shop.interior_book(check(journey).book, marks=False)
    env = render.environment(book.language)
    narrow = print_shop.cover_html(book, env, print_shop.spread_for(book.page, 72))
    wide = print_shop.cover_html(book, env, print_shop.spread_for(book.page, 74))
    assert '<p class="jb-spine-title' not in narrow and '<p class="jb-spine-title' in wide
    assert wide.count("Sam&#39;s journey book") == 4  # the document's title, back, spine, front
    assert print_shop.spread_for(book.page, 72, spine=7.5).spine_text  # the print shop's width
    assert "Testperson" not in wide  # a parent's full name is no part of a cover


def test_a_build_elsewhere_with_another_cache_makes_the_same_print_shop_files(shop, monkeypatch):
    """The print shop's files are reproducible like the rest of the copy (test_reproducible)."""
    from generator.build import build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    again = build(DEMO, shop["root"] / "elsewhere" / "again", release=True, print_shop=True,
                  cache_dir=shop["root"] / "other-cache")
    assert not again.unchanged
    for name in (print_shop.INTERIOR, print_shop.COVER):
        ours = (shop["plain"] / print_shop.FOLDER / name).read_bytes()
        assert ours == (again.output / print_shop.FOLDER / name).read_bytes(), name


def test_the_print_shop_files_are_the_same_bytes_each_time(tmp_path, monkeypatch):
    """WeasyPrint dates a PDF/X file and gives it a random DocumentID: both are fixed here."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    html = ('<html lang="en"><head><title>T</title><style>@page { size: 148mm 210mm; '
            'bleed: 3mm; background: teal }</style></head><body><p>Hi</p></body></html>')
    made = []
    for name in ("one.pdf", "two.pdf"):
        pdf.write_pdf(html, tmp_path, tmp_path / name, title="T", author="A",
                      variant=pdf.PRINT_VARIANT)
        print_shop.finish(tmp_path / name, 148, 210, marks=True)
        made.append((tmp_path / name).read_bytes())
    assert made[0] == made[1]
    with pikepdf.open(tmp_path / "one.pdf") as opened:
        assert len(opened.trailer.ID) == 2  # PDF/X requires the file's ID
    assert b"xmp.did:" in made[0] and b"2026-09-21" in made[0]
    assert replace(PAGES["A5"], bleed=BLEED).css.count("marks") == 0  # never WeasyPrint's own


@pytest.mark.parametrize(("options", "said"), [
    ({"crop_marks": True}, "go with --print-shop"),
    ({"spine": 7.5}, "go with --print-shop"),
    ({"print_shop": True, "spine": 0.0}, "a spine is between 0 and 100 mm"),
    ({"print_shop": True, "release": True, "passphrase": "kite over the long beach"},
     "a print shop cannot open a locked book"),
    ({"print_shop": True, "pdf": False}, "build it without --no-pdf"),
])
def test_what_a_print_shop_could_not_use_is_refused_before_anything_is_written(
        tmp_path, options, said):
    from generator.build import build
    from generator.core.errors import BuildError

    with pytest.raises(BuildError, match=said):
        build(DEMO, tmp_path / "out", cache_dir=tmp_path / "cache", **options)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("rtl", "front", "back"), [(False, 158, 0), (True, 0, 158)])
def test_a_book_read_right_to_left_has_its_front_cover_on_the_left(rtl, front, back):
    css = CoverSpread(PAGES["A5"], 10.0, rtl=rtl).css
    assert f".jb-spread-front {{ left: {front}mm;" in css
    assert f".jb-spread-back {{ left: {back}mm;" in css
    assert ".jb-spread-spine { left: 148mm; width: 10mm; }" in css
