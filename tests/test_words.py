"""The book's own words in every shipped language (stages/words.py, theme/locales)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from generator.build import build, check
from generator.stages import words
from tests.conftest import minimal_files, write_journey

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
