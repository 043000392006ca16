"""Step 5 - Render: the one set of Jinja templates turns the finished Book into pages.

The same chapter templates make the site's Markdown pages and the printed book's HTML; a
`medium` of "site" or "book" is the only switch they get. The drawings are drawn here, from the
model's layouts, and writings turn from Markdown into safe HTML here. Rendering is pure: strings
out, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import markdown
import nh3
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator.core import words
from generator.core.paths import TEMPLATES
from generator.core.words import N_
from generator.draw import circles, circles_key, genogram, tree_outline, tree_print
from generator.draw.shaping import printable
from generator.model.types import Book

RING_PHRASES = [N_("Very close to you"), N_("Close to you"), N_("In touch with you")]
ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "h3", "h4", "hr"}


@dataclass(frozen=True)
class ScreenTree:
    """A part of the family tree on the site: drawn, and as branches for a narrow screen."""

    title: str
    svg: str
    width: int  # px, the drawing's own width: names at 17 px (the script scales it to fit)
    branches: list[tree_outline.Branch]


@dataclass(frozen=True)
class Drawings:
    """The book's drawings as SVG, drawn from the model's layouts in the young person's colour."""

    tree_parts: list[ScreenTree]  # the tree on the site: whole, or a side of the family at a time
    tree_print: list[tuple[str, str, tuple[float, float]]]  # (title, SVG, size in mm) a page
    tree_key: list[tuple[str, str]]
    tree_print_key: list[tuple[str, str]]  # what the printed trees draw (split: no feelings)
    circles: circles.Circles  # for a screen: taller than wide, as a phone is
    circles_print: circles.Circles  # round, with right-to-left words ready for WeasyPrint
    circles_key: list[tuple[str, str]]  # (colour, words): the kinds of people drawn
    circles_in_words: dict[str, list[Ring]]  # before/now: the rings, closest first


def drawings(book: Book) -> Drawings:
    """Draw the family tree and the circles, for the site and for print (where
    WeasyPrint needs right-to-left words laid out beforehand: draw/shaping.py)."""
    colour = book.colour_hex
    round_circles = circles.circles(book.circle_people, colour)
    return Drawings(
        tree_parts=[ScreenTree(part.title, genogram.svg(part.tree, colour, f"tree-part-{number}"),
                               round(part.tree.width), part.branches)
                    for number, part in enumerate(book.tree_parts, start=1)],
        tree_print=[(part.title, printable(genogram.svg(part.tree, colour, f"tree-{number}")),
                     tree_print.printed_size(part.tree, book.page, part.scale))
                    for number, part in enumerate(book.tree_pages, start=1)],
        tree_key=genogram.key(colour, genogram.symbols_in([p.tree for p in book.tree_parts]),
                              book.language),
        tree_print_key=genogram.key(colour, genogram.symbols_in([p.tree for p in book.tree_pages]),
                                    book.language),
        circles=circles.circles(book.circle_people, colour, screen=True),
        circles_print=replace(round_circles, before_svg=printable(round_circles.before_svg),
                              now_svg=printable(round_circles.now_svg)),
        circles_key=circles_key.key(book.circle_people, book.language),
        circles_in_words={"before": rings_in_words(book.circle_people.before, book.language),
                          "now": rings_in_words(book.circle_people.now, book.language)},
    )


@dataclass(frozen=True)
class Ring:
    """A ring of the circles in words: shown where the drawing would be too small to read,
    and read by screen readers everywhere."""

    depth: int  # 0 very close, 1 close, 2 in touch
    words: str  # "Very close to you"
    people: list[tuple[str, str]]  # (name, the colour of their kind's dot)


def rings_in_words(dots: list[circles.Dot], language: str = "en") -> list[Ring]:
    """The circles as words: each ring's phrase and its people, closest first."""
    _ = words.translations(language).gettext
    return [Ring(depth, _(phrase), [(dot.name, circles.KIND_COLOURS[dot.kind])
                                    for dot in dots if dot.ring == depth])
            for depth, phrase in enumerate(RING_PHRASES)
            if any(dot.ring == depth for dot in dots)]


def isolated(value: str) -> Markup:
    """A name or a date from the case data, isolated inside a sentence in the book's language
    (<bdi>): an English name in an Arabic sentence, or an Arabic one in English, keeps its own
    direction and does not pull the sentence's punctuation round with it; "Lifelong Links" in
    it stays on one line (words.KEPT_TOGETHER)."""
    return Markup("<bdi>%s</bdi>") % (words.kept_together(value) if isinstance(value, str)
                                      else value)


def isolated_list(names: list[str], language: str) -> Markup:
    """'Lily, Nan and Mum' in the book's language, each name isolated (<bdi>): the words
    between them ("و", "and") stay in the sentence's direction, where isolating the whole
    list put an Arabic "and" on the wrong side of an English name."""
    # CLDR's list patterns hold no markup; the names are escaped by isolated().
    return Markup(words.listed([str(isolated(name)) for name in names], language))


def writing_html(text: str) -> Markup:
    """Markdown to HTML, then sanitised: case text comes from emails and social media."""
    html = markdown.markdown(text, extensions=["smarty"], output_format="html")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None))


def environment(language: str = "en") -> Environment:
    """Jinja with autoescaping and StrictUndefined, a `markdown` filter for writings, and the
    book's own words in its language (`_()` and `ngettext()` in templates: core/words.py)."""
    env = Environment(
        extensions=["jinja2.ext.i18n"],
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = writing_html
    env.filters["bdi"] = isolated
    env.filters["listed"] = lambda names: isolated_list(names, language)
    env.filters["direction"] = words.text_direction
    env.filters["digits"] = lambda number: words.numeral(number, language)
    env.install_gettext_translations(words.translations(language), newstyle=True)
    return env


def site_pages(book: Book, drawn: Drawings, env: Environment) -> dict[str, str]:
    """Return {file name: Markdown text} for every page of the site."""
    pages = {}
    for chapter in book.chapters:
        body = _chapter(env, chapter.slug, book, drawn, "site")
        pages[f"{chapter.slug}.md"] = env.get_template("site_page.md.j2").render(
            book=book, chapter=chapter, body=body)
    return pages


def book_html(book: Book, drawn: Drawings, env: Environment) -> str:
    """Return the whole printable book as one HTML document."""
    chapters = [(chapter, _chapter(env, chapter.slug, book, drawn, "book"))
                for chapter in book.chapters]
    return env.get_template("book.html.j2").render(book=book, chapters=chapters)


def book_filler_html(book: Book, env: Environment) -> str:
    """Designed pages for the end of the book, which the PDF step (outputs/pdf_parts.py) adds
    until the page count is a multiple of four (a printed book is folded from sheets of four
    pages)."""
    return env.get_template("book_filler.html.j2").render(book=book)


def _chapter(env: Environment, slug: str, book: Book, drawn: Drawings, medium: str) -> str:
    html = env.get_template(f"chapters/{slug}.html.j2").render(book=book, drawings=drawn,
                                                               medium=medium)
    if book.own.about_chapters.get(slug):  # the young person's say ends the chapter
        html += "\n" + env.get_template("_my_say.html.j2").render(
            book=book, words=book.own.about_chapters[slug])
    # Python-Markdown ends a raw HTML block at a blank line: keep chapter HTML free of them.
    return "\n".join(line for line in html.splitlines() if line.strip())
