"""Stage 8 - Book: the printable keepsake, made by WeasyPrint from the same model and templates."""

from __future__ import annotations

import logging
from pathlib import Path

from generator.core import cache, tool_log
from generator.core.errors import BuildError
from generator.core.paths import BOOK_CSS, THEME

FONTS = THEME / "fonts"


def write_pdf_cached(html: str, base_dir: Path, target: Path, cache_dir: Path, *, title: str,
                     author: str) -> list[str]:
    """Make the PDF, or copy it from the cache when its HTML, styles and fonts are unchanged;
    return WeasyPrint's warnings (those of the run that made it, when it came from the cache).

    The HTML names every picture by the hash of its content, so it stands for them too.
    """
    key = cache.key(versions(), html, BOOK_CSS.read_bytes(), cache.folder_key(FONTS))
    warnings = cache.fetch(cache_dir, "books", key, target)
    if warnings is None:
        warnings = write_pdf(html, base_dir, target, title=title, author=author)
        cache.store(cache_dir, "books", key, target, warnings)
    return warnings


def versions() -> str:
    """The versions that shape the PDF (part of its cache key)."""
    from importlib.metadata import version

    return f"weasyprint {version('weasyprint')}, pydyf {version('pydyf')}"


def write_pdf(html: str, base_dir: Path, target: Path, *, title: str, author: str) -> list[str]:
    """Render html (whose relative URLs resolve in base_dir) to target; return warnings.

    WeasyPrint logs a missing image or font instead of raising; those become a BuildError,
    because a keepsake with a hole in it is not a keepsake.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _local_fetcher(base_dir)
    with tool_log.collected("weasyprint", _a_hole) as said:
        fonts = FontConfiguration()
        document = HTML(string=html, base_url=str(base_dir) + "/", url_fetcher=fetcher).render(
            stylesheets=[CSS(filename=str(BOOK_CSS), font_config=fonts, url_fetcher=fetcher)],
            font_config=fonts)
        document.metadata.title = title
        document.metadata.authors = [author]
        document.metadata.generator = "journeybook"
        # Tagged PDF: structure and alt text for screen readers (PDF/UA-style accessibility).
        document.write_pdf(target, pdf_tags=True)
    if said.errors:
        raise BuildError("The book could not be made completely: " + "; ".join(said.errors))
    return said.warnings


def _a_hole(record: logging.LogRecord) -> bool:
    """WeasyPrint logs a picture or font it could not load as a warning: for a keepsake that
    is an error."""
    return record.levelno >= logging.ERROR or "Failed to load" in record.getMessage()


def _local_fetcher(base_dir: Path):
    """WeasyPrint's fetcher, limited to files of this build and of the theme, within a time
    limit: case data reaching the HTML must never make it read another file or the network
    (WeasyPrint warns that untrusted HTML can). Anything else is refused, and the refusal is
    reported as a hole in the book."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    allowed = [base_dir.resolve(), THEME.resolve()]

    class LocalFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path == root or root in path.parents for root in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"journeybook does not let the book load {url[:80]}")

    return LocalFetcher(timeout=10, allowed_protocols=["file"], allow_redirects=False)
