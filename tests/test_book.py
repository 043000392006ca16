"""Stage 8 - the book: WeasyPrint's PDF, its page geometry, and what WeasyPrint said."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from generator.core.errors import BuildError
from generator.core.geometry import MM_PER_POINT, PAGES
from generator.stages import book

PAGE = '<html lang="en"><head><title>A test</title></head><body>{}</body></html>'


def test_weasyprint_warnings_are_collected_and_kept_with_the_cached_book(tmp_path):
    html = PAGE.format('<p style="colour: red">Hello</p>')
    said = book.write_pdf_cached(html, tmp_path, tmp_path / "a.pdf", tmp_path / "cache",
                                 title="A test", author="Sam")
    assert any("colour" in line and "unknown property" in line for line in said), said
    again = book.write_pdf_cached(html, tmp_path, tmp_path / "b.pdf", tmp_path / "cache",
                                  title="A test", author="Sam")
    assert again == said and (tmp_path / "b.pdf").read_bytes() == (tmp_path / "a.pdf").read_bytes()


def test_a_picture_that_cannot_be_loaded_is_an_error_not_a_warning(tmp_path):
    html = PAGE.format('<img src="media/not-there.jpg" alt="A missing picture">')
    with pytest.raises(BuildError, match="could not be made completely"):
        book.write_pdf(html, tmp_path, tmp_path / "a.pdf", title="A test", author="Sam")


@pytest.mark.parametrize("paper", ["A5", "A4"])
def test_the_pages_are_cut_to_the_geometry(tmp_path, paper):
    """The @page size and margins come from core/geometry.py: the printed page and its text
    area are where media and the drawings assume they are."""
    page = PAGES[paper]
    text = "word " * 40
    html = PAGE.format(f'<style>@page {{ {page.css} }} body, p {{ margin: 0 }}</style><p id="p">{text}</p>')
    book.write_pdf(html, tmp_path, tmp_path / "a.pdf", title="A test", author="Sam")
    box = PdfReader(tmp_path / "a.pdf").pages[0].mediabox
    assert (round(float(box.width) * MM_PER_POINT), round(float(box.height) * MM_PER_POINT)) == (
        round(page.width), round(page.height))
    words = subprocess.run(["pdftotext", "-bbox", str(tmp_path / "a.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    first = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)"', words)
    assert round(float(first.group(1)) * MM_PER_POINT) == round(page.inner)
    assert round(float(first.group(2)) * MM_PER_POINT) in range(round(page.top) - 1,
                                                                  round(page.top) + 3)
