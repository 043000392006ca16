"""Stage 5 - Render: the one set of Jinja templates turns the finished Book into pages.

The same chapter templates make the site's Markdown pages and the printed book's HTML; a
`medium` of "site" or "book" is the only switch they get. Rendering is pure: strings out, no I/O.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.model import Book

THEME = Path(__file__).resolve().parent.parent / "theme"
TEMPLATES = THEME / "templates"


def environment() -> Environment:
    """Jinja with autoescaping and StrictUndefined."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def site_pages(book: Book, env: Environment) -> dict[str, str]:
    """Return {file name: Markdown text} for every page of the site."""
    pages = {}
    for chapter in book.chapters:
        body = _chapter(env, chapter.slug, book, "site")
        pages[f"{chapter.slug}.md"] = env.get_template("site_page.md.j2").render(
            book=book, chapter=chapter, body=body)
    return pages


def book_html(book: Book, env: Environment) -> str:
    """Return the whole printable book as one HTML document."""
    chapters = [(chapter, _chapter(env, chapter.slug, book, "book")) for chapter in book.chapters]
    return env.get_template("book.html.j2").render(book=book, chapters=chapters)


def _chapter(env: Environment, slug: str, book: Book, medium: str) -> str:
    html = env.get_template(f"chapters/{slug}.html.j2").render(book=book, medium=medium)
    # Python-Markdown ends a raw HTML block at a blank line: keep chapter HTML free of them.
    return "\n".join(line for line in html.splitlines() if line.strip())
