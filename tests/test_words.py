"""The book's own words in every shipped language (core/words.py, theme/locales)."""

from __future__ import annotations

import dataclasses
import html
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from babel.dates import get_month_names
from babel.messages.pofile import read_po
from pypdf import PdfReader

from generator.build import build, check
from generator.core import words
from generator.core.dates import FuzzyDate, bare_in
from generator.draw import circles, genogram
from tests.conftest import DEMO, minimal_files, pdf_text, shared_cache, write_journey

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue_ids(path) -> set:
    with path.open("rb") as file:
        return {message.id for message in read_po(file) if message.id}


def test_the_catalogue_template_holds_every_marked_word():
    """theme/locales/journeybook.pot is what the code and templates mark now (run
    scripts/update_words.py after changing a word)."""
    marked = {message.id for message in words.extracted() if message.id}
    assert len(marked) > 80
    assert catalogue_ids(words.CATALOGUE_TEMPLATE) == marked


@pytest.mark.parametrize("language", words.shipped()[1:])
def test_every_shipped_language_has_every_word(language):
    """A shipped language lacking a word, or with a fuzzy or half-done one, fails here: the
    young person would meet English in the middle of their book."""
    marked = {message.id for message in words.extracted() if message.id}
    with words.catalogue(language).open("rb") as file:
        translated = read_po(file, locale=language.replace("-", "_"))
    by_id = {message.id: message for message in translated if message.id}
    assert not marked - set(by_id), f"{language} lacks {sorted(marked - set(by_id))}"
    for msgid in marked:
        message = by_id[msgid]
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        assert not message.fuzzy and all(forms), f"{language}: {msgid!r} is not translated"
        wanted = set(PLACEHOLDER.findall(" ".join(msgid if isinstance(msgid, tuple)
                                                  else (msgid,))))
        for form in forms:
            said = set(PLACEHOLDER.findall(form))
            assert said <= wanted, f"{language}: {msgid!r} has a value the English lacks"
            # Every value is kept; only a count may go unsaid ("one person", "two people").
            assert wanted - {"num"} <= said, f"{language}: {msgid!r} drops a value"


def test_a_language_with_no_words_is_named_to_the_coordinator(tmp_path):
    files = minimal_files()
    files["journey.yaml"]["book"] = {"language": "cy"}
    checked = check(write_journey(tmp_path / "j", files))
    said = [p.message for p in checked.result.warnings if "book.language" in p.message]
    assert said and "'cy'" in said[0] and "English" in said[0]


@pytest.mark.parametrize(("language", "hello", "material"), [
    ("ar", "مرحبًا", "ar"),
    ("fa-AF", "سلام", "fa"),
])
def test_a_right_to_left_book_in_its_language(tmp_path, language, hello, material):
    """The site and the book speak the language and lay out right to left; Material's own
    words (search, next page) are in it too; names stay as written, inside the sentences."""
    files = minimal_files()
    files["journey.yaml"]["book"] = {"language": language}
    result = build(write_journey(tmp_path / "j", files), tmp_path / "out", pdf=True,
                   release=True)
    index = (result.output / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{material}"' in index and 'dir="rtl"' in index
    assert hello in index and "Welcome" not in index
    assert "Read this page to me" not in index
    from tests.conftest import pdf_text

    text = pdf_text(result.output / "book.pdf")
    assert words.translations(language).gettext("Contents") in text
    assert "Contents" not in text and "This book belongs to" not in text


# -- the demo, in Arabic and in Dari -------------------------------------------------------

# The drawings' own words in English: none may be left in a book in another language. (Single
# words such as "close" or "you" are left out here: the case data is English and has them.)
DRAWN_IN_ENGLISH = [
    *(said for _name, _symbol, said in genogram._KEY + genogram._FEELING_KEY if " " in said),
    *(said for said in [*circles.RING_WORDS, *circles.KIND_WORDS.values()] if " " in said),
    "professionals", "Your family tree",
    "Your people before Lifelong Links", "Your people now", "their children:",
    "separated from", "someone not named here",
    "side of your family", "The people who have looked after you", "b. 19", "b. 20",
]
SEASON = {"ar": "صيف", "fa-AF": "تابستان"}


def dates_in(value: object) -> list[FuzzyDate]:
    """Every date anywhere in a cast (its people, places, events, writings, photos, plan)."""
    if isinstance(value, FuzzyDate):
        return [value]
    if dataclasses.is_dataclass(value):
        return [d for f in dataclasses.fields(value) for d in dates_in(getattr(value, f.name))]
    if isinstance(value, dict):
        return [d for item in value.values() for d in dates_in(item)]
    if isinstance(value, (list, tuple)):
        return [d for item in value for d in dates_in(item)]
    return []


def book_pages(output: Path) -> list[str]:
    """The book's pages' text as pypdf reads it: Arabic script in the order it is written
    (pdftotext turns lam-alef round)."""
    return [page.extract_text() for page in PdfReader(output / "book.pdf").pages]


def shown_text(page: Path) -> str:
    """A page's words, drawings included (their <text> and <title>), with no markup."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


@pytest.fixture(scope="module", params=[("ar", True), ("fa-AF", False)],
                ids=["ar-release", "fa-AF-preview"])
def demo_in(request, tmp_path_factory, known):
    """The demo built in another language (site and book): the young person's copy in
    Arabic, the coordinator's preview in Dari. Returns (language, output folder, cast)."""
    language, release = request.param
    folder = tmp_path_factory.mktemp(language) / "demo"
    shutil.copytree(DEMO, folder)
    journey = folder / "journey.yaml"
    text, changed = re.subn(r"(?m)^  language: en$", f"  language: {language}",
                            journey.read_text(encoding="utf-8"))
    assert changed == 1
    journey.write_text(text, encoding="utf-8")
    result = build(folder, folder.parent / "out", pdf=True, release=release,
                   cache_dir=shared_cache(known, release=release))
    return language, result.output, check(folder, cache_dir=known).cast


def test_every_date_is_in_the_books_language(demo_in):
    """Born and died, the timeline, places, memories, letters, photos, the plan and its steps:
    no date is left in English, in the site or the book; month names, seasons and digits are
    the language's."""
    language, output, cast = demo_in
    english = {bare_in(value) for value in dates_in(cast)}
    english = {said for said in english if re.search(r"[a-z]", said)}  # a month, a season...
    assert len(english) > 20
    site = " ".join(shown_text(page) for page in sorted((output / "site").glob("*.html")))
    pages = book_pages(output)
    book = " ".join(" ".join(pages).split())
    for where, text in (("site", site), ("book", book)):
        assert not [said for said in english if said in text], where
        # A person's years and "since" (the demo's events say "You were born" before a year)
        assert not re.search(r"\bborn 19\d\d|\bsince (19|20)\d\d|– died", text), where
    months = get_month_names("wide", locale=words.locale(language))
    for month in (months[4], months[7], months[11]):  # April, July and November: the demo's
        assert month in site and month in book, month
    assert SEASON[language] in site and SEASON[language] in book
    if language == "fa-AF":  # Dari's own digits (CLDR): dates, and the contents' page numbers
        assert "۲۰۱۶" in site and "۲۰۱۶" in book
        # the chapters' page numbers (two digits from the letters on)
        assert re.search("[۰-۹]{2}", pages[2]) and not re.search("[0-9]", pages[2])


def test_the_drawings_are_in_the_books_language(demo_in):
    """The family tree's key and years, the timeline's title, the circles' rings and key, the
    pages' titles: in the language, on the site (the drawings' own words) and in the book."""
    language, output, _cast = demo_in
    site = shown_text(output / "site" / "family-tree.html") + shown_text(
        output / "site" / "story.html")
    book = unicodedata.normalize("NFKC", " ".join(pdf_text(output / "book.pdf").split()))
    for said in DRAWN_IN_ENGLISH:
        assert said not in site and said not in book, said
    _ = words.translations(language).gettext
    for said in ["very close", "in touch", "family", "a girl or woman", "Your family tree"]:
        assert _(said) in site, said


def test_the_welcome_page_heads_in_the_books_language(demo_in):
    """The welcome page's running header is its chapter's name in the language (it was a
    literal "Welcome" in book.css)."""
    language, output, _cast = demo_in
    welcome = words.translations(language).gettext("Welcome")
    headed = [page for page in book_pages(output) if "Welcome" in page]
    assert not headed
    assert any(welcome in page for page in book_pages(output)[3:6])


def test_the_not_found_page_is_in_the_books_language(demo_in):
    language, output, _cast = demo_in
    page = (output / "site" / "404.html").read_text(encoding="utf-8")
    _ = words.translations(language).gettext
    assert 'dir="rtl"' in page and _("This page is not in the book") in page
    assert "This page is not in the book" not in page and "Go to the start" not in page


@pytest.mark.parametrize(("text", "way"), [
    ("Kai رأى جدته في الحديقة يوم الأحد", "rtl"),  # an Arabic memory starting with a name
    ("Nan said مرحبا when you came in.", "ltr"),  # an English one with an Arabic word
    ("هذه رسالة من نان", "rtl"),
    ("Hope you're doing well", "ltr"),
    ("2024 — 12:30", "auto"),
])
def test_a_texts_direction_is_that_of_most_of_its_letters(text, way):
    from generator.core.words import text_direction

    assert text_direction(text) == way
