"""Stage 5 - render: drawings drawn from the model's layouts, writings made safe HTML, and the
one set of templates filled for the site and the book."""

from __future__ import annotations

import re

from generator.build import check
from generator.stages import render
from tests.conftest import DEMO


def test_writings_become_safe_html():
    html = str(render.writing_html(
        'Hi *Sam* <script>alert(1)</script> ![me](photos/me.jpg) [a link](https://x.test) '
        '<img src=x onerror=alert(2)> "quoted"'))
    assert "<em>Sam</em>" in html and "“quoted”" in html
    assert not re.search(r"<(script|img|a)\b|onerror|href|src=", html), html


def test_every_drawing_is_drawn_once_with_ids_unique_on_the_page():
    book = check(DEMO).book
    drawn = render.drawings(book)
    html = render.book_html(book, drawn, render.environment())
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert drawn.tree_svg.startswith("<svg") and len(drawn.tree_print) == len(book.tree_pages)
    assert drawn.circles.now_count == len(book.circle_people.now)


def test_the_site_and_the_book_are_filled_from_the_same_templates():
    book = check(DEMO).book
    env = render.environment()
    drawn = render.drawings(book)
    pages = render.site_pages(book, drawn, env)
    html = render.book_html(book, drawn, env)
    assert sorted(pages) == sorted(f"{chapter.slug}.md" for chapter in book.chapters)
    for memory in book.memories:
        if not memory.left_out:
            assert memory.title in pages["memories.md"] and memory.title in html
