"""The printed book's pages as a reader turns them (issue 22): chapters open on a right-hand
page, a letter's typed words are not split from each other, a voice message prints as its
words, the young person's say is a pull-quote on a page of the chapter, the tree prints at one
scale. The demo's young person's copy is built once for the session (conftest.demo_release)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import check
from generator.outputs import render
from tests.conftest import DEMO, pdf_text, shared_cache

CHAPTERS = ["about-me", "people", "family-tree", "story", "memories", "letters", "photos",
            "plan"]


@pytest.fixture(scope="module")
def pages(demo_release: Path) -> list[str]:
    """The text of each page of the demo's book, in order."""
    return pdf_text(demo_release / "book.pdf").split("\f")[:-1]


@pytest.fixture(scope="module")
def reader(demo_release: Path) -> PdfReader:
    return PdfReader(demo_release / "book.pdf")


def page_of(pages: list[str], *words: str) -> int:
    """The index of the only page holding all of words (each with its spaces made single)."""
    found = [i for i, text in enumerate(pages) if all(w in " ".join(text.split()) for w in words)]
    assert len(found) == 1, f"{words} is on pages {found}"
    return found[0]


def test_every_chapter_opens_on_a_right_hand_page(reader):
    """Page 1 (index 0) is the front cover, a right-hand page: a right-hand page has an even
    index. Each chapter's opener is where its id (a named destination) is."""
    opened = {name: reader.get_destination_page_number(reader.named_destinations[name])
              for name in CHAPTERS}
    assert {name: index for name, index in opened.items() if index % 2} == {}
    assert len(reader.pages) % 4 == 0  # and still a book of folded sheets


@pytest.fixture(scope="module")
def arabic_reader(tmp_path_factory: pytest.TempPathFactory, known: Path) -> PdfReader:
    """The demo's book in Arabic: a right-to-left book, bound on the other side."""
    import shutil

    from generator.build import build

    folder = tmp_path_factory.mktemp("arabic") / "demo"
    shutil.copytree(DEMO, folder)
    journey = folder / "journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("language: en",
                                                                   "language: ar"))
    built = build(folder, folder.parent / "out", release=True,
                  cache_dir=shared_cache(known, release=True))
    return PdfReader(built.output / "book.pdf")


def test_a_right_to_left_books_chapters_open_on_its_recto(arabic_reader):
    """In Arabic the first page, and every chapter's opener, is a left-hand page (the recto
    of a book bound on the right): an even index again, not the right-hand pages of an
    English book (break-before: recto, not right)."""
    opened = {name: arabic_reader.get_destination_page_number(
        arabic_reader.named_destinations[name]) for name in CHAPTERS}
    assert {name: index for name, index in opened.items() if index % 2} == {}


def test_a_page_left_blank_before_an_opener_is_blank(reader, pages):
    """No running header, no page number: an empty page, not a page that lost its words."""
    openers = {reader.get_destination_page_number(reader.named_destinations[name])
               for name in CHAPTERS}
    blank = [i for i in range(1, len(pages)) if not pages[i].strip()]
    assert blank, "the demo has chapters that would open on a left-hand page"
    assert all(i + 1 in openers for i in blank), blank


def test_a_letters_typed_words_stay_together(pages):
    """Granny Von's letter: two scanned pages, then its typed words, all on one page (they
    began at the foot of the second scan's page and ran over)."""
    typed = page_of(pages, "I have started this letter many times")
    assert "With all my love, Granny Von" in " ".join(pages[typed].split())
    assert page_of(pages, "A letter from Granny Von") < typed


def test_a_voice_message_prints_as_its_words_not_an_empty_player(pages):
    """Grandad's voice message: what he says is printed, and no 'A voice message (14 s)' with
    nothing to play (the copy is not hosted, so there is no QR code either)."""
    text = " ".join(" ".join(pages).split())
    assert "it\u2019s Grandad Ray" in text or "it's Grandad Ray" in text
    assert "A voice message (" not in text
    assert "Scan to listen" not in text


def test_the_young_persons_say_is_a_pull_quote_on_a_numbered_page(pages):
    """Their words at the end of a chapter carry the chapter's running header and a page
    number, as any page of it does: not a coupon-like page of its own."""
    index = page_of(pages, "so many cousins")
    lines = [line.strip() for line in pages[index].splitlines() if line.strip()]
    assert lines[0] == "My family tree and circles"
    assert lines[-1] == str(index + 1)


def test_every_printed_tree_page_has_one_scale(known):
    """The demo's tree is printed in parts (each side of the family, the carers): the same
    shapes and names at the same size on each, the carers' small part not blown up."""
    book = check(DEMO, cache_dir=known, release=True).book
    printed = render.drawings(book).tree_print
    assert len(printed) == len(book.tree_pages) >= 2
    scales = {round(width / part.tree.width, 6)
              for (_title, _svg, (width, _height)), part in zip(printed, book.tree_pages,
                                                                 strict=True)}
    assert len(scales) == 1, scales


@pytest.mark.parametrize("language", ["ar", "fa-AF"])
def test_lifelong_links_is_never_broken_across_lines_in_a_translation(language):
    """In a right-to-left line, "Lifelong Links" broken in two reads "Links ... Lifelong": every
    translated phrase holds it together with a no-break space (English may wrap it as ever)."""
    from generator.core import words

    _ = words.translations(language)
    said = [_.gettext("My Lifelong Links plan"), _.gettext("found through Lifelong Links"),
            _.ngettext("Before Lifelong Links there was %(num)s person in your circles.",
                       "Before Lifelong Links there were %(num)s people in your circles.", 3)]
    assert all("Lifelong\u00a0Links" in text and "Lifelong Links" not in text for text in said)
    assert words.translations("en").gettext("My Lifelong Links plan") == "My Lifelong Links plan"
    # The case data's words too, where a sentence names them: "Made with Sam, Brackenford
    # Council Lifelong Links" broke between "Lifelong" and "Links" on the Arabic welcome page.
    assert render.isolated("Brackenford Council Lifelong Links") == (
        "<bdi>Brackenford Council Lifelong\u00a0Links</bdi>")
