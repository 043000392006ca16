"""Step 8 - the book: WeasyPrint's PDF, its page geometry, and what WeasyPrint said."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.core.errors import BuildError
from generator.core.geometry import MM_PER_POINT, PAGES
from generator.outputs import pdf

PAGE = '<html lang="en"><head><title>A test</title></head><body>{}</body></html>'


def test_weasyprint_warnings_are_collected_and_kept_with_the_cached_book(tmp_path):
    html = PAGE.format('<p style="colour: red">Hello</p>')
    said = pdf.write_pdf_cached(html, tmp_path, tmp_path / "a.pdf", tmp_path / "cache",
                                title="A test", author="Sam")
    assert any("colour" in line and "unknown property" in line for line in said), said
    again = pdf.write_pdf_cached(html, tmp_path, tmp_path / "b.pdf", tmp_path / "cache",
                                 title="A test", author="Sam")
    assert again == said and (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_a_picture_that_cannot_be_loaded_is_an_error_not_a_warning(tmp_path):
    html = PAGE.format('<img src="media/not-there.jpg" alt="A missing picture">')
    with pytest.raises(BuildError, match="could not be made completely"):
        pdf.write_pdf(html, tmp_path, tmp_path / "a.pdf", title="A test", author="Sam")


@pytest.mark.parametrize("paper", ["A5", "A4"])
def test_the_pages_are_cut_to_the_geometry(tmp_path, paper):
    """The @page size and margins come from core/geometry.py: the printed page and its text
    area are where media and the drawings assume they are."""
    page = PAGES[paper]
    text = "word " * 40
    html = PAGE.format(f'<style>{page.css} body, p {{ margin: 0 }}</style><p id="p">{text}</p>')
    pdf.write_pdf(html, tmp_path, tmp_path / "a.pdf", title="A test", author="Sam")
    box = PdfReader(tmp_path / "a.pdf").pages[0].mediabox
    assert (round(float(box.width) * MM_PER_POINT), round(float(box.height) * MM_PER_POINT)) == (
        round(page.width), round(page.height))
    words = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "a.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    first = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)"', words)
    assert round(float(first.group(1)) * MM_PER_POINT) == round(page.inner)
    assert round(float(first.group(2)) * MM_PER_POINT) in range(round(page.top) - 1,
                                                                  round(page.top) + 3)


# --- The demo's printed keepsake, as a print shop's preflight and a reader would check it ---

def pages_text(pdf: Path) -> list[str]:
    """The words of every page (pdftotext: pages are split by form feeds)."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.split("\f")[:-1]


@pytest.fixture(scope="module")
def keepsake(demo_release: Path) -> Path:
    return demo_release / "book.pdf"


def test_every_page_has_the_same_portrait_trim_size_and_the_count_is_a_multiple_of_four(keepsake):
    reader = PdfReader(keepsake)
    sizes = {(round(float(p.trimbox.width) * MM_PER_POINT), round(float(p.trimbox.height) * MM_PER_POINT))
             for p in reader.pages}
    assert sizes == {(148, 210)}  # A5 portrait, no landscape page
    assert {int(p.get("/Rotate", 0)) for p in reader.pages} == {0}
    assert len(reader.pages) % 4 == 0


def test_it_is_pdf_a_tagged_with_embedded_fonts_and_the_service_as_author(keepsake):
    reader = PdfReader(keepsake)
    xmp = reader.xmp_metadata
    assert xmp.pdfaid_part == "3" and xmp.pdfaid_conformance == "A"
    intents = reader.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged
    fonts = subprocess.run(["pdffonts", str(keepsake)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb column
    assert not [line for line in fonts if "DejaVu" in line]
    assert reader.metadata.author == "Brackenford Council Lifelong Links"
    assert reader.metadata.title == "Kai's journey book"


def test_the_contents_page_numbers_are_where_the_chapters_open(keepsake):
    pages = pages_text(keepsake)
    contents = next(text for text in pages if text.strip().startswith("Contents"))
    listed = re.findall(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", contents, re.M)
    assert len(listed) == 9
    for title, number in listed[1:]:  # Welcome has no opener: its page opens with "Hello"
        opener = " ".join(pages[int(number) - 1].split())
        assert opener.startswith(title), (title, number, opener[:80])


def test_running_headers_are_on_text_pages_only(keepsake):
    pages = pages_text(keepsake)
    first_lines = [text.strip().splitlines()[0].strip() if text.strip() else "" for text in pages]
    assert "My story" in first_lines  # a page inside the chapter is headed with its name
    for number in (0, 1, len(pages) - 1):  # covers and "this book belongs to"
        assert first_lines[number] not in {"Welcome", "My people", "My Lifelong Links plan"}
    belongs = next(i for i, text in enumerate(pages) if "This book belongs to" in text)
    assert "My Lifelong Links plan" not in pages[belongs]


def ink_extent(png: Path, page_mm: tuple[float, float], box_mm: tuple[float, float, float, float]) -> float:
    """The share of the text area's height (box: left, top, right, bottom in mm) between the
    first and the last row with any ink on it."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
    per_mm = grey.width / page_mm[0]
    left, top, right, bottom = (round(v * per_mm) for v in box_mm)
    rows = [y for y in range(top, bottom) if any(grey.getpixel((x, y)) < 235
                                                 for x in range(left, right, 2))]
    return (rows[-1] - rows[0]) / (bottom - top) if rows else 0.0


def test_no_page_is_mostly_empty_except_designed_ones(keepsake, tmp_path):
    """A heading and a line with the rest blank, one small photo alone, or five ticks alone on
    a page: each is a stranded page. Designed pages (this book belongs to, the colophon) are
    meant to be open, and so is a page left wholly blank so that the chapter after it opens on
    a right-hand page."""
    page = PAGES["A5"]
    subprocess.run(["pdftoppm", "-r", "24", "-gray", "-png", str(keepsake), str(tmp_path / "p")],
                   check=True)
    texts = pages_text(keepsake)
    reader = PdfReader(keepsake)
    openers = {reader.get_destination_page_number(destination) + 1
               for name, destination in reader.named_destinations.items()
               if name in ("about-me", "people", "family-tree", "story", "memories", "letters",
                           "photos", "plan")}
    stranded = []
    for number, png in enumerate(sorted(tmp_path.glob("p-*.png")), start=1):
        if "This book belongs to" in texts[number - 1]:
            continue
        if number + 1 in openers and not texts[number - 1].strip():
            continue
        box = (15, page.top, page.width - 15, page.height - page.bottom)
        used = ink_extent(png, (page.width, page.height), box)
        if used < 0.30:
            stranded.append((number, round(used, 2), " ".join(texts[number - 1].split())[:60]))
    assert not stranded


def test_the_cover_photo_runs_past_the_edges_and_the_office_copy_has_no_bleed(keepsake, tmp_path):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", str(keepsake),
                    str(tmp_path / "c")], check=True)
    with Image.open(next(tmp_path.glob("c-*.png"))) as cover:
        rgb = cover.convert("RGB")
        inset = 2  # pixels, about 1.7 mm: clear of the rasteriser's rounding at the very edge
        right, bottom = rgb.width - 1 - inset, rgb.height - 1 - inset
        corners = [rgb.getpixel((inset, inset)), rgb.getpixel((right, inset)),
                   rgb.getpixel((inset, bottom)), rgb.getpixel((right, bottom))]
    assert all(min(pixel) < 230 for pixel in corners), corners  # no white frame anywhere
    first = PdfReader(keepsake).pages[0]
    assert first.mediabox == first.trimbox  # an office printer's copy: nothing to cut


# A print shop's files (interior.pdf and cover.pdf, with bleed, trim boxes and marks outside
# the bleed) are measured in test_print_shop.py; book.pdf stays the copy to read and keep.


def test_a_book_made_again_after_an_edit_is_the_book_made_from_nothing(demo_build, demo_checked,
                                                                        tmp_path):
    """The book is laid out part by part, each kept by what it is made of (pdf_parts): after
    an edit to one caption only the run of photo pages holding it is laid out again, and the
    book joined from kept and new parts is, byte for byte, the book laid out from nothing."""
    from generator.outputs import render

    made = demo_checked.book  # the book whose pictures demo_build made
    env = render.environment()
    html = render.book_html(made, render.drawings(made), env)
    filler = render.book_filler_html(made, env)
    caption = made.photos[-1].caption
    assert html.count(caption) == 1
    edited = html.replace(caption, "Chips on the pier, and a gull that wanted them")
    docs, kept = demo_build / "docs", tmp_path / "kept"

    def laid_out(text: str, folder: str, cache_dir: Path) -> set[str]:
        (tmp_path / folder).mkdir()
        pdf.write_pdf_cached(text, docs, tmp_path / folder / "book.pdf", cache_dir,
                             title=made.title, author="Lifelong", filler=filler)
        return {p.name for p in cache_dir.rglob("book-parts/*/*.pdf")}

    before = laid_out(html, "before", kept)
    after = laid_out(edited, "after", kept)
    assert len(after - before) == 1, after - before  # the one run of photo pages
    laid_out(edited, "from-nothing", tmp_path / "nothing")
    assert (tmp_path / "after" / "book.pdf").read_bytes() == \
        (tmp_path / "from-nothing" / "book.pdf").read_bytes()
    assert "a gull that wanted them" in " ".join(pages_text(tmp_path / "after" / "book.pdf"))


def test_the_joined_books_outline_nests_headings_by_their_level_across_parts(tmp_path):
    """A part that begins with a sub-heading (a chapter carried on after eight photo pages)
    puts it under its chapter in the outline, as a book laid out in one go would."""
    import pikepdf

    html = PAGE.format('<h1>Photos</h1><p>One</p><!--jb-part--><h2>What people said</h2>'
                       '<h3>At the beach</h3><!--jb-part recto--><h1>Plan</h1>')
    pdf.write_pdf(html, tmp_path, tmp_path / "a.pdf", title="A test", author="Sam")
    with pikepdf.open(tmp_path / "a.pdf") as joined, joined.open_outline() as outline:
        tree = [(item.title, [(child.title, [grand.title for grand in child.children])
                              for child in item.children]) for item in outline.root]
    assert tree == [("Photos", [("What people said", ["At the beach"])]), ("Plan", [])]


def test_a_link_to_an_anchor_no_part_holds_is_a_hole_in_the_book(tmp_path):
    html = PAGE.format('<h1 id="here">Here</h1><!--jb-part--><p><a href="#here">back</a> '
                       '<a href="#nowhere">lost</a></p>')
    with pytest.raises(BuildError, match="No anchor #nowhere"):
        pdf.write_pdf(html, tmp_path, tmp_path / "a.pdf", title="A test", author="Sam")


def test_a_part_with_a_hole_is_never_kept_for_the_next_build(tmp_path):
    """A part WeasyPrint could not make completely (a picture it could not load) fails this
    build and the next: it is not kept, so the same HTML is laid out, and refused, again."""
    html = PAGE.format('<p>Fine</p><!--jb-part--><img src="media/not-there.jpg" alt="Gone">')
    for _attempt in range(2):
        with pytest.raises(BuildError, match="could not be made completely"):
            pdf.write_pdf_cached(html, tmp_path, tmp_path / "a.pdf", tmp_path / "cache",
                                 title="A test", author="Sam")
