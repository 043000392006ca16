"""The one reading every screen reads text through (cast/reading.py), tested on its own and
exhaustively where Unicode lets us list every case: every digit of every script, every letter
whose name says it reads as a Latin letter, every format character."""

from __future__ import annotations

import unicodedata

import pytest

from generator.cast.contacts import contacts_in
from generator.cast.reading import displayed, reading, readings, spoken

ALL = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]


def test_every_digit_of_every_script_reads_as_0_to_9():
    """Arabic-Indic ٣, Persian ۳, Devanagari ३, full-width ３, mathematical 𝟑...: all 3."""
    digits = [c for c in ALL if unicodedata.category(c) == "Nd"]
    assert len(digits) > 600
    wrong = {c: reading(c) for c in digits if reading(c) != str(unicodedata.decimal(c))}
    assert wrong == {}


LETTER_STYLES = ("MATHEMATICAL", "FULLWIDTH LATIN", "CIRCLED LATIN", "SQUARED LATIN",
                 "NEGATIVE CIRCLED LATIN", "NEGATIVE SQUARED LATIN", "LATIN LETTER SMALL CAPITAL",
                 "REGIONAL INDICATOR SYMBOL LETTER", "PARENTHESIZED LATIN")


def test_every_styled_latin_letter_reads_as_the_letter():
    """Bold, italic, script, fraktur, double-struck, monospace, full-width, circled, squared,
    negative ("emoji") letters, small capitals and regional indicators."""
    styled = {}
    for char in ALL:
        name = unicodedata.name(char, "")
        if name.startswith(LETTER_STYLES) and name[-2] == " " and name[-1].isalpha():
            styled[char] = name[-1]
    assert len(styled) > 900
    wrong = {c: reading(c) for c, letter in styled.items()
             if reading(c).casefold() != letter.casefold()}
    assert wrong == {}


def test_every_format_character_and_variation_selector_is_read_as_nothing():
    """LRM, RLM, ZWJ, ZWNJ, word joiner, soft hyphen, tag characters, bidi controls, variation
    selectors and the combining grapheme joiner vanish from inside a name or a number."""
    invisible = [c for c in ALL if unicodedata.category(c) == "Cf"
                 or 0xFE00 <= ord(c) <= 0xFE0F or 0xE0100 <= ord(c) <= 0xE01EF or c == "\u034f"]
    assert len(invisible) > 400
    # (an override also turns what follows round as shown: that order is read, and this one)
    wrong = [c for c in invisible if "Kevin 07700" not in readings(f"Ke{c}vin 077{c}00")]
    assert wrong == []


@pytest.mark.parametrize(("written", "read"), [
    ("kev\uff20example\uff0eorg", "kev@example.org"),  # full-width @ and .
    ("kev\ufe6bexample\u3002org", "kev@example.org"),  # small @, ideographic full stop
    ("kev@example\uff61org", "kev@example.org"),  # half-width ideographic full stop
    ("M\u0430rk", "Mark"),  # a Cyrillic a inside a Latin word
    ("\u13aark", "Ark"),  # Cherokee A
    ("\u0660\u0667\u0667\u0660\u0660", "07700"),  # Arabic-Indic digits
    ("\u06f0\u06f7\u06f7\u06f0\u06f0", "07700"),  # Persian digits
])
def test_characters_that_read_the_same_are_one(written, read):
    assert reading(written) == read


def test_a_right_to_left_override_is_read_as_displayed():
    """'\u202eniveK\u202c' shows "Kevin" on screen; the reading is what a reader sees, and the
    logical order is read too (a reader of the other direction)."""
    assert displayed("Hi \u202ehsraM niveK\u202c!") == "Hi Kevin Marsh!"
    assert displayed("\u202e164009 00770\u202c") == "07700 900461"
    assert "Kevin Marsh" in readings("\u202ehsraM niveK")[0]  # never closed: to the end
    arabic = "\u202eمحمد\u202c"  # Arabic under RLO is shown as it is written
    assert displayed(arabic) == "محمد"


@pytest.mark.parametrize(("said", "digits"), [
    ("oh seven seven double oh, nine double oh, four six one", "0 7 7 00 9 00 4 6 1"),
    ("zero seven seven zero zero nine zero zero four six one", "0 7 7 0 0 9 0 0 4 6 1"),
    ("nought seven seven triple oh nine hundred four six one", "0 7 7 000 900 4 6 1"),
    ("plus four four seven seven double oh nine double oh four six one",
     "+ 4 4 7 7 00 9 00 4 6 1"),
    ("O77OO 9OO 46l", "07700 900 461"),
    ("oh seven seven double oh - nine oh oh - four sixty one", "0 7 7 00 9 0 0 4 61"),
])
def test_numbers_said_in_words_are_read_as_digits(said, digits):
    assert spoken(f"ring me on {said} ok") == f"ring me on {digits} ok"


@pytest.mark.parametrize("prose", [
    "one, two, three, four, five, six, seven, eight, nine, ten: ready or not!",
    "We had two dogs and three cats and one hamster.",
    "At o'clock we left; it was a one in a million day.",
    "Oh no, oh well, oh dear.",
])
def test_counting_and_prose_are_no_phone_number(prose):
    """Counting may be read as digits; the phone screen does not take it for a number."""
    assert contacts_in(prose) == []


def test_plain_text_is_read_as_it_is():
    text = "Kai went to the park on 3 May 2012 with Nan."
    assert readings(text) == (text,)


@pytest.mark.parametrize(("written", "read"), [
    ("Kev&#105;n came", "Kevin came"),  # a character reference inside a name
    ("Kev<span>in</span> came", "Kevin came"),  # a tag inside a name
    ("ring 07700 <b>900</b> 461", "ring 07700 900 461"),
    ("<p>Kevin</p><p>Marsh</p>", " Kevin  Marsh "),
])
def test_markup_is_read_as_the_page_shows_it(written, read):
    assert reading(written) == read


@pytest.mark.parametrize(("written", "read"), [
    ("K e v i n came", "Kevin came"), ("K.e.v.i.n came", "Kevin came"),
    ("C-r-a-i-g came", "Craig came"), ("Ke-\nvin came", "Kevin came"),
    ("KEVlN came", "KEVIN came"), ("M4rsh and K3v1n", "Marsh and Kevin"),
    ("K3V1N came", "KEVIN came"), ("\U0001f15a3\U0001f1651\U0001f15d came", "KEVIN came"),
])
def test_letters_spelled_out_or_typed_as_digits_are_read_as_the_word(written, read):
    assert read in readings(written)


@pytest.mark.parametrize("prose", ["Meet at 4pm on the A40.", "Flat 4B, I ate 3 eggs at 10am.",
                                   "I like A B C songs", "HELLO THERE"])
def test_ordinary_digits_and_capitals_are_left_alone(prose):
    assert all(version == prose for version in readings(prose)[:1])
    assert not any("Kevin" in version for version in readings(prose))
