"""The demo's young person's copy, as text: what a reader finds on every page and in the book.

The text was taken from a build a person looked at (site pages in Chromium, book pages as
PNGs). A change to it must be on purpose: look at the new pages, then refresh it with
    JOURNEYBOOK_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from generator.build import build
from tests.conftest import DEMO, pdf_text, shared_cache

GOLDEN = Path(__file__).resolve().parent / "golden" / "demo-release.txt"
DAY = "1795000000"  # 2026-11-17: the timeline runs to "today"; this fixes which day that is


def page_text(path: Path) -> str:
    """The words of a page's article, as a reader sees them."""
    text = path.read_text(encoding="utf-8")
    article = re.search(r"(?s)<article[^>]*>(.*)</article>", text)
    text = article.group(1) if article else text
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def release_text(folder: Path) -> str:
    pages = [f"== {p.name}\n{page_text(p)}" for p in sorted((folder / "site").glob("*.html"))]
    book = " ".join(pdf_text(folder / "book.pdf").split())
    return "\n".join([*pages, f"== book.pdf\n{book}"]) + "\n"


def test_the_demo_copy_reads_as_it_did(tmp_path, monkeypatch, known):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY)
    result = build(DEMO, tmp_path, release=True, cache_dir=shared_cache(known, release=True))
    text = release_text(result.output)
    if os.environ.get("JOURNEYBOOK_REFRESH_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    for page, (want, got) in enumerate(zip(expected.split("\n== "), text.split("\n== "),
                                           strict=True)):
        assert got == want, f"part {page} ({got.split(chr(10))[0]}) reads differently"
