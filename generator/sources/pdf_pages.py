"""Scanned letters saved as PDF: their pages, their size, and each page as pixels (pypdfium2)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import Image

from generator.core.geometry import DPI


def is_pdf(path: Path) -> bool:
    """Whether a scan is a PDF (by its name: validation has checked that it opens)."""
    return path.suffix.lower() == ".pdf"


@contextmanager
def pdf_document(path: Path) -> Iterator:
    """An open PDF (pypdfium2), closed afterwards; ValueError if it cannot be read."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as error:
        raise ValueError(str(error)) from None
    try:
        yield document
    finally:
        document.close()


def pdf_page_count(path: Path) -> int:
    """Pages of a scanned letter saved as PDF; raise ValueError if it cannot be read."""
    with pdf_document(path) as document:
        return len(document)


PDF_DPI = DPI  # a scanned page is rendered at the print resolution at most


def pdf_page_size(path: Path, page: int) -> tuple[float, float]:
    """A page's width and height in points."""
    with pdf_document(path) as document:
        return document[page].get_size()


def render_pdf_page(path: Path, page: int, width: int) -> Image.Image:
    """Render one page of a PDF to RGB pixels, `width` wide at most (never above PDF_DPI)."""
    with pdf_document(path) as document:
        pdf_page = document[page]
        scale = min(width / pdf_page.get_size()[0], PDF_DPI / 72)
        return pdf_page.render(scale=scale).to_pil().convert("RGB")
