"""The writing inside scanned letters: a scan is a picture of text, which no text screen sees.

Every page of every scan is read before it can be shown: a PDF's own text layer, and OCR
(Tesseract, installed by the README's set-up command) of the page as pixels, for photos and
scanned PDFs alike (a PDF's text layer can say one thing while its picture says another). The
text is then screened like any other. Handwriting is often beyond OCR: a page whose writing
cannot be read with confidence needs the coordinator to read it and say so (`scan_checked`).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.core.source_cache import SourceCache
from generator.sources.images import upright_srgb
from generator.sources.pdf_pages import is_pdf, pdf_document, render_pdf_page

OCR_WIDTH = 2000  # pixels: enough for letters of a page scanned at 150-200 dpi
MIN_WORDS = 5  # fewer confident words than this and a page does not count as read
MIN_CONFIDENCE = 70.0  # Tesseract's mean word confidence (0-100) for a page to count as read
OCR_SECONDS = 120
VERSION = "1"


@dataclass(frozen=True)
class ScanText:
    """What could be read on one page, and whether it was read with confidence."""

    text: str
    confident: bool
    why: str = ""  # why it is not confident, in a coordinator's words


def read(path: Path, page: int | None, cache: SourceCache | None = None) -> ScanText:
    """Read one page of a scan (page None: an image); remembered in cache by content."""
    entry = cache.get(path) if cache else {}
    field = f"scan-text-{page}"
    if entry.get(field, {}).get("version") != VERSION:
        entry[field] = {"version": VERSION, **_read(path, page).__dict__}
    found = entry[field]
    return ScanText(found["text"], found["confident"], found["why"])


def _read(path: Path, page: int | None) -> ScanText:
    layer = _text_layer(path, page) if page is not None else ""
    image = render_pdf_page(path, page, OCR_WIDTH) if page is not None else \
        upright_srgb(path, OCR_WIDTH)
    words, confidence = ocr(image)
    text = " ".join([layer, *words]).strip()
    if len(words) >= MIN_WORDS and confidence >= MIN_CONFIDENCE:
        return ScanText(text, True)
    if len(layer.split()) >= MIN_WORDS and len(words) < MIN_WORDS:
        return ScanText(text, True)  # a typed PDF page with no pictures of writing
    if shutil.which("tesseract") is None:
        return ScanText(text, False, "Tesseract, which reads scans, is not installed: run "
                        "./dev demo or install tesseract-ocr")
    return ScanText(text, False, f"{len(words)} words read, {confidence:.0f}% sure")


def _text_layer(path: Path, page: int) -> str:
    if not is_pdf(path):
        return ""
    with pdf_document(path) as document:
        return document[page].get_textpage().get_text_range()


def ocr(image, min_confidence: float = 0) -> tuple[list[str], float]:
    """The words Tesseract reads in a picture (those it is at least min_confidence sure of),
    and its mean confidence in them (0-100)."""
    read = [(word, confidence) for word, confidence in ocr_words(image)
            if confidence >= max(min_confidence, 0)]
    confidences = [confidence for _word, confidence in read]
    return [word for word, _ in read], (sum(confidences) / len(confidences) if read else 0.0)


def ocr_words(image) -> list[tuple[str, float]]:
    """Every word Tesseract finds in a picture, with how sure it is of it (0-100)."""
    return ocr_words_many([image])[0]


def ocr_words_many(images: list) -> list[list[tuple[str, float]]]:
    """Every word Tesseract finds in each picture, with how sure it is of it (0-100).

    Tesseract takes most of its time to start (loading its language model: 0.07 s of the
    0.1 s a photo takes), so the pictures are handed over as lists, one Tesseract per core,
    each reading its list in one run: the words are the same as one picture at a time.
    """
    if shutil.which("tesseract") is None or not images:
        return [[] for _ in images]
    with tempfile.TemporaryDirectory(prefix="journeybook-ocr-") as folder:
        pictures = []
        for number, image in enumerate(images):
            # An uncompressed grey map: compressing a photo's grain into a PNG took longer
            # than reading it, and PNM, like PNG, says no resolution, so Tesseract estimates
            # it and reads the very same words.
            pictures.append(Path(folder) / f"{number}.pgm")
            image.convert("L").save(pictures[-1])
        workers = max(1, min(len(pictures), os.cpu_count() or 1))
        lists = [pictures[start::workers] for start in range(workers)]
        read: dict[Path, list[tuple[str, float]]] = {}
        with ThreadPoolExecutor(workers) as pool:
            for found in pool.map(_ocr_list, lists):
                read.update(found)
    return [read.get(picture, []) for picture in pictures]


def _ocr_list(pictures: list[Path]) -> dict[Path, list[tuple[str, float]]]:
    """Tesseract's words for each of these pictures, read in one run (a list file)."""
    listed = pictures[0].with_suffix(".txt")
    listed.write_text("".join(f"{picture}\n" for picture in pictures), encoding="utf-8")
    try:
        done = subprocess.run(["tesseract", str(listed), "stdout", "--psm", "3", "tsv"],
                              capture_output=True, timeout=OCR_SECONDS * len(pictures),
                              check=False)
    except subprocess.TimeoutExpired:
        return {}
    found: dict[Path, list[tuple[str, float]]] = {picture: [] for picture in pictures}
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")),
                              delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        confidence = float(row.get("conf") or -1)
        page = int(row.get("page_num") or 0)  # the picture's place in the list, from 1
        if text and confidence >= 0 and 1 <= page <= len(pictures):
            found[pictures[page - 1]].append((text, confidence))
    return found
