"""Step 8 - Printing the book: the printable keepsake, made by WeasyPrint from the same model and templates.

The PDF is PDF/A-3a: archival (fonts embedded, an sRGB output intent, metadata in XMP) and
tagged (level "a": structure, reading order and alt text, for screen readers). WeasyPrint
declares one variant per file, so it does not also claim PDF/UA; the tags are the same.
Its page count is made a multiple of four, as printed books are, with designed pages. It is
laid out part by part, and only the parts an edit changed are laid out again (pdf_parts.py).
A print shop's files (outputs/print_shop.py) are made here too, as PDF/X-4 (PRINT_VARIANT).
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from generator.core import cache, tool_log
from generator.core.errors import BuildError
from generator.core.paths import BOOK_CSS, THEME
from generator.outputs import pdf_parts

FONTS = THEME / "fonts"


PDF_VARIANT = "pdf/a-3a"
PRINT_VARIANT = "pdf/x-4"  # a print shop's: an sRGB output intent, trim and bleed boxes
# The book's pictures are named by this address, not by the folder it is built in: WeasyPrint
# names each picture in the PDF by a hash of its URL, and the same journey must make the same
# bytes wherever and whenever it is built. .invalid never resolves (RFC 2606); the fetcher
# reads it from the build's folder, and nothing is ever fetched from a network.
BASE_URL = "https://book.journeybook.invalid/"


def write_pdf_cached(html: str, base_dir: Path, target: Path, cache_dir: Path, *, title: str,
                     author: str, filler: str = "", variant: str = PDF_VARIANT) -> list[str]:
    """Make the PDF, or copy it from the cache when its HTML, styles and fonts are unchanged;
    return WeasyPrint's warnings (those of the run that made it, when it came from the cache).
    When it is made, only the parts of the book not laid out before are (pdf_parts).

    The HTML names every picture by the hash of its content and of its size, so it stands for
    them too; the theme's stylesheets (book.css and what it imports) and fonts are part of the
    key.
    """
    shaped_by = cache.key(versions(), cache.folder_key(BOOK_CSS.parent),
                          cache.folder_key(FONTS), title, author, variant, _dated(variant),
                          *(Path(module.__file__).read_bytes()  # how parts are made and joined
                            for module in (pdf_parts, pdf_parts.pdf_join)),
                          Path(__file__).read_bytes())
    key = cache.key(shaped_by, html, filler)
    warnings = cache.fetch(cache_dir, "books", key, target)
    if warnings is None:
        parts = cache_dir / "book-parts" / cache.key(variant, target.name)[:16]
        warnings = write_pdf(html, base_dir, target, title=title, author=author, filler=filler,
                             variant=variant, parts=(parts, shaped_by))
        cache.store(cache_dir, "books", key, target, warnings)
    return warnings


def versions() -> str:
    """The versions that shape the PDF (part of its cache key)."""
    from importlib.metadata import version

    return (f"weasyprint {version('weasyprint')}, pydyf {version('pydyf')}, "
            f"pikepdf {version('pikepdf')}")


def write_pdf(html: str, base_dir: Path, target: Path, *, title: str, author: str,
              filler: str = "", variant: str = PDF_VARIANT,
              parts: tuple[Path, str] | None = None) -> list[str]:
    """Render html (whose relative URLs resolve in base_dir) to target as that PDF variant;
    return warnings.

    The book is laid out part by part and joined (pdf_parts); parts is the folder its parts
    are kept in between builds, and a key of everything else that shapes them (by default a
    folder of its own, for this book only). With filler (a document of designed pages), pages
    of it go before the last part (the back cover) until the count is a multiple of four.
    WeasyPrint logs a missing image or font instead of raising; those become a BuildError,
    because a keepsake with a hole in it is not a keepsake.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = _local_fetcher(base_dir)
    with tool_log.collected("weasyprint", _a_hole) as said, \
            tempfile.TemporaryDirectory(prefix="journeybook-parts-") as own:
        fonts = FontConfiguration()
        styles = [CSS(filename=str(BOOK_CSS), font_config=fonts, url_fetcher=fetcher)]

        def rendered(text: str):
            return HTML(string=text, base_url=BASE_URL, url_fetcher=fetcher).render(
                stylesheets=styles, font_config=fonts)

        def written(document, path: Path) -> None:
            document.metadata.title = title
            document.metadata.authors = [author]
            document.metadata.generator = "journeybook"
            if _dated(variant):  # PDF/X must be dated: the build's day, never the clock's time
                document.metadata.created = document.metadata.modified = _dated(variant)
            # An sRGB output intent for every variant: WeasyPrint's PDF/X default names a CMYK
            # profile the book has not got, and would then write none, which PDF/X requires.
            document.write_pdf(path, pdf_variant=variant, output_intent="srgb")

        folder, shaped_by = parts or (Path(own), "")
        missing = pdf_parts.lay_out(
            html, filler, pdf_parts.Layout(folder, shaped_by, rendered, written, said), target)
        said.errors += [f"No anchor #{name} for internal URI reference" for name in missing]
    said.warnings[:] = list(dict.fromkeys(said.warnings))  # a part laid out twice says it once
    if said.errors:
        raise BuildError("The book could not be made completely: " + "; ".join(said.errors))
    return said.warnings


def _dated(variant: str) -> str:
    """The creation date a PDF/X file carries (the build's day, at midnight UTC, so the same
    input makes the same bytes); empty for the archive's variant, which carries none."""
    from generator.core.clock import build_day

    return f"{build_day().isoformat()}T00:00:00+00:00" if variant.startswith("pdf/x") else ""


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
            if url.startswith(BASE_URL):  # a picture of this build (see BASE_URL)
                url = (base_dir.resolve() / unquote(url[len(BASE_URL):].split("?")[0])).as_uri()
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path == root or root in path.parents for root in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"journeybook does not let the book load {url[:80]}")

    return LocalFetcher(timeout=10, allowed_protocols=["file"], allow_redirects=False)
