"""Step 5 - render: drawings drawn from the model's layouts, writings made safe HTML, and the
one set of templates filled for the site and the book."""

from __future__ import annotations

import html
import re
from dataclasses import replace

import pytest

from generator.build import check
from generator.draw import genogram
from generator.draw.shaping import printable
from generator.model.book import build_book
from generator.model.types import Book
from generator.outputs import render
from tests.conftest import DEMO


def test_writings_become_safe_html():
    html = str(render.writing_html(
        'Hi *Sam* <script>alert(1)</script> ![me](photos/me.jpg) [a link](https://x.test) '
        '<img src=x onerror=alert(2)> "quoted"'))
    assert "<em>Sam</em>" in html and "“quoted”" in html
    assert not re.search(r"<(script|img|a)\b|onerror|href|src=", html), html


def test_every_drawing_is_drawn_once_with_ids_unique_on_the_page(known):
    book = check(DEMO, cache_dir=known).book
    drawn = render.drawings(book)
    html = render.book_html(book, drawn, render.environment())
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert drawn.tree_parts[0].svg.startswith("<svg") and len(drawn.tree_print) == len(book.tree_pages)
    assert drawn.circles.now_count == len(book.circle_people.now)


def test_the_site_and_the_book_are_filled_from_the_same_templates(known):
    book = check(DEMO, cache_dir=known).book
    env = render.environment()
    drawn = render.drawings(book)
    pages = render.site_pages(book, drawn, env)
    html = render.book_html(book, drawn, env)
    assert sorted(pages) == sorted(f"{chapter.slug}.md" for chapter in book.chapters)
    for memory in book.memories:
        if not memory.left_out:
            assert memory.title in pages["memories.md"] and memory.title in html


def drawn_in(language: str, known) -> tuple[Book, render.Drawings]:
    """The demo's book and drawings, its words in the language."""
    book = build_book(replace(check(DEMO, cache_dir=known).cast, language=language))
    return book, render.drawings(book)


def whole_tree(book: Book) -> str:
    """The whole family tree, drawn (the site and the book may show it a side at a time)."""
    return genogram.svg(book.tree, book.colour_hex)


def texts(svg: str) -> list[tuple[dict[str, str], str]]:
    """Each <text>'s attributes and words."""
    return [(dict(re.findall(r'([\w-]+)="([^"]*)"', attributes)), html.unescape(words))
            for attributes, words in re.findall(r"<text\b([^>]*)>([^<]*)</text>", svg)]


def test_a_book_written_right_to_left_draws_its_tree_mirrored(known):
    """In Arabic the family tree reads from the right (each person where their mirror image
    is in English), and every word of a drawing says its own direction (a browser would take
    the page's)."""
    english, _ = drawn_in("en", known)
    arabic, arabic_drawn = drawn_in("ar", known)
    width = english.tree.width
    for person, node in english.tree.nodes.items():
        assert arabic.tree.nodes[person].x == pytest.approx(width - node.x)
    for drawing in (whole_tree(arabic), arabic_drawn.circles.now_svg):
        assert all("direction" in said for said, _ in texts(drawing))
    assert not any("direction" in said for said, _ in texts(whole_tree(english)))


def test_the_printed_drawings_have_right_to_left_words_laid_out_for_weasyprint(known):
    """WeasyPrint draws SVG text letter by letter as stored: the book's drawings get Arabic in
    joined forms and in the order it is seen; Latin words and the site's drawings keep theirs."""
    line = '<text x="1" direction="rtl" text-anchor="start">{}</text>'
    # sad, yeh, feh joined (initial, medial, final), seen right to left
    assert printable(line.format("صيف")) == line.format("\ufed2\ufef4\ufebb")
    assert printable(line.format("لا")) == line.format("\ufefb")  # lam-alef, one letter
    assert printable(line.format("مع Kai")) == line.format("Kai \ufeca\ufee3")  # ain final, meem initial
    assert printable(line.format("Kai (Mum) &amp; Nan")) == line.format("Kai (Mum) &amp; Nan")
    _book, drawn = drawn_in("ar", known)
    printed = " ".join(svg for _title, svg, _size in drawn.tree_print)
    assert "قريب جدًا" in drawn.circles.now_svg and "قريب جدًا" not in drawn.circles_print.now_svg
    assert "\ufe8e" in printed or "\ufeea" in printed  # final alef or heh: words were joined


def test_a_list_of_names_isolates_each_name_not_the_list():
    """In an Arabic sentence, each English name is isolated and the Arabic 'and' between them
    stays in the sentence's direction (isolating the whole list put it on the wrong side);
    the names are escaped."""
    from generator.outputs.render import isolated_list

    said = str(isolated_list(["Mia", "Tom", "Auntie <b>Shelley</b>"], "ar"))
    assert said.count("<bdi>") == 3 and "\u0648<bdi>" in said  # و before the last name
    assert "&lt;b&gt;" in said and "<b>" not in said
    assert str(isolated_list(["Mia", "Tom"], "en")) == "<bdi>Mia</bdi> and <bdi>Tom</bdi>"
