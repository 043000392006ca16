"""An attack generator: what must never reach a copy, written every way a person can write it.

Property-based (hypothesis): a kept-out name, a phone number, an email, a street and a handle
are put through random compositions of the ways of writing the same thing (case, styled and
full-width letters, small capitals, emoji letters, look-alike letters of other scripts, other
scripts' digits, invisible marks, a reversing override, inflections, numbers said in words),
placed in a sentence, and screened as the cast does (safety.Screen) and as the release gate
does (gate._find, with the gate's own terms): both must find every one. The same generator
on harmless text (the UDHR in English, the book's own words) must find nothing. A few of the
attacks are then placed in random fields of a journey, and the young person's book must hold
none of them.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import asdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import check
from generator.cast import safety
from generator.format.load import load_journey
from generator.format.validate import validate_journey
from generator.outputs import gate
from tests.conftest import minimal_files, save_image, write_journey

SECRETS = {
    "name": ["Kevin", "Marsh", "Kevin Marsh"],
    "phone": ["07700 900461", "07700900461", "+44 7700 900461"],
    "other phone": ["07700 900987", "020 7946 0123"],  # a number in no case file
    "email": ["kev.marsh85@example.org"],
    "street": ["12 Larch Mews"],
    "handle": ["@kevmarsh85"],
}
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u200e", "\u200f", "\u034f", "\ufe0f",
             "\u00ad", "\ufeff", "\u2061", "\U000e0041"]
LOOK_ALIKE = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441",
              "x": "\u0445", "K": "\u039a", "M": "\u041c", "H": "\u041d", "i": "\u0456",
              "s": "\u0455", "v": "\u03bd", "n": "\u0578", "r": "\u0433"}
DIGITS = {"arabic": 0x660, "persian": 0x6F0, "full-width": 0xFF10, "devanagari": 0x966,
          "bold": 0x1D7CE}
SAID = {"0": ["oh", "zero", "nought"], "1": ["one"], "2": ["two"], "3": ["three"],
        "4": ["four"], "5": ["five"], "6": ["six"], "7": ["seven"], "8": ["eight"],
        "9": ["nine"]}


def styled(text: str, style: str) -> str:
    """Letters in a Unicode style: 'MATHEMATICAL BOLD', 'FULLWIDTH LATIN', 'CIRCLED LATIN'..."""
    out = []
    for char in text:
        if char.isascii() and char.isalpha():
            case = "CAPITAL" if char.isupper() else "SMALL"
            for name in (f"{style} {case} {char.upper()}", f"{style} {case} LETTER {char.upper()}",
                         f"{style} CAPITAL LETTER {char.upper()}", f"{style} {char.upper()}"):
                try:
                    out.append(unicodedata.lookup(name))
                    break
                except KeyError:
                    continue
            else:
                out.append(char)
        else:
            out.append(char)
    return "".join(out)


STYLES = ["MATHEMATICAL BOLD", "MATHEMATICAL ITALIC", "MATHEMATICAL BOLD SCRIPT",
          "MATHEMATICAL DOUBLE-STRUCK", "MATHEMATICAL MONOSPACE", "MATHEMATICAL SANS-SERIF BOLD",
          "FULLWIDTH LATIN", "CIRCLED LATIN", "NEGATIVE CIRCLED LATIN", "SQUARED LATIN",
          "NEGATIVE SQUARED LATIN", "LATIN LETTER SMALL", "REGIONAL INDICATOR SYMBOL LETTER",
          "PARENTHESIZED LATIN"]


def transform(text: str, kind: str, rng: random.Random) -> str:
    """One way of writing text that reads the same to a person."""
    if kind == "upper":
        return text.upper()
    if kind == "style":
        style = rng.choice(STYLES)
        if style == "LATIN LETTER SMALL":  # small capitals
            return "".join(_small_capital(c) for c in text)
        return styled(text, style)
    if kind == "invisible":
        cut = list(text)
        for _ in range(rng.randint(1, 3)):
            cut.insert(rng.randint(1, max(1, len(cut) - 1)), rng.choice(INVISIBLE))
        return "".join(cut)
    if kind == "look-alike":
        return "".join(LOOK_ALIKE.get(c, c) if rng.random() < 0.5 else c for c in text)
    if kind == "digits":
        zero = rng.choice(list(DIGITS.values()))
        return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)
    if kind == "reversed":  # shown the right way round by a right-to-left override
        return "\u202e" + text[::-1] + "\u202c"
    if kind == "full-width signs":
        return text.replace("@", "\uff20").replace(".", rng.choice(["\uff0e", "\u3002"]))
    if kind == "spelled out":  # "K-e-v-i-n", "K e v i n"
        separator = rng.choice([" ", ".", "-", "*"])
        return " ".join(separator.join(w) if w.isalpha() else w for w in text.split(" "))
    if kind == "markup":  # a tag or a character reference inside a word, as Markdown allows
        at = rng.randint(1, max(1, len(text) - 1))
        if rng.random() < 0.5:
            return f"{text[:at]}<b>{text[at:at + 2]}</b>{text[at + 2:]}"
        return f"{text[:at]}&#{ord(text[at]) if at < len(text) else 32};{text[at + 1:]}"
    if kind == "leet":
        return "".join({"e": "3", "a": "4", "i": "1", "o": "0"}.get(c, c)
                       if rng.random() < 0.5 else c for c in text)
    return text


def _small_capital(char: str) -> str:
    try:
        return unicodedata.lookup(f"LATIN LETTER SMALL CAPITAL {char.upper()}")
    except KeyError:
        return char


def said_aloud(number: str, rng: random.Random) -> str:
    """A phone number said as people say one: "oh seven seven double oh ..."."""
    digits = [d for d in number if d.isdigit()]
    words, i = [], 0
    while i < len(digits):
        if i + 1 < len(digits) and digits[i] == digits[i + 1] and rng.random() < 0.6:
            words.append("double " + rng.choice(SAID[digits[i]]))
            i += 2
        else:
            words.append(rng.choice(SAID[digits[i]]))
            i += 1
    said = rng.choice([" ", ", ", " - "]).join(words)
    return f"plus {said}" if number.startswith("+") else said


KINDS = ["upper", "style", "invisible", "look-alike", "digits", "reversed", "full-width signs",
         "spelled out", "markup", "leet", "none"]
# Ways of writing that only make sense for some secrets (a number in leet is a number).
ONLY_FOR = {"spelled out": {"name"}, "leet": {"name"}, "markup": {"name", "phone", "street"}}
SENTENCES = ["You can reach {} any time.", "{} sent you a card.", "Remember {}?",
             "We went to see {} last summer.", "It said: {}", "({})"]


def kept_out_journey() -> dict:
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "dad", "called": "Kevin", "full_name": "Kevin Marsh", "sex": "male",
         "relation": "your birth father", "visibility": "never shown",
         "contact": {"address": "12 Larch Mews, Oldport", "phone": "07700 900461",
                     "email": "kev.marsh85@example.org"}},
        {"id": "nan", "called": "Nan", "full_name": "Pat Testperson", "relation": "your Nan",
         "sex": "female"},
    ]
    return files


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    """The cast's screen and the gate's terms for the kept-out journey."""
    folder = write_journey(tmp_path_factory.mktemp("attack") / "j", kept_out_journey())
    journey, _problems = validate_journey(load_journey(folder)[0])
    return safety.Screen(safety.kept_out(journey).matcher), gate.terms_for(journey)


attack = st.tuples(st.sampled_from(sorted(SECRETS)), st.integers(0, 2),
                   st.lists(st.sampled_from(KINDS), min_size=1, max_size=3),
                   st.sampled_from(SENTENCES), st.randoms(use_true_random=False),
                   st.booleans())


def written(secret_kind: str, index: int, kinds: list[str], sentence: str,
            rng: random.Random, inflect: bool) -> str:
    values = SECRETS[secret_kind]
    text = values[index % len(values)]
    if secret_kind == "name" and inflect:
        text += rng.choice(["s", "'s", "\u2019s"]) if not text.endswith("sh") else "es"
    if "phone" in secret_kind and inflect:
        text = said_aloud(text, rng)
        kinds = [k for k in kinds if k not in {"digits", "reversed"}]
    kinds = [k for k in dict.fromkeys(kinds) if secret_kind in ONLY_FOR.get(k, {secret_kind})]
    # Capitals first: a look-alike made capital may read as another letter (Greek ν, v, is Ν);
    # markup and spelling out last, as a person would type them round what they wrote.
    order = {"upper": 0, "spelled out": 2, "markup": 3}
    for kind in sorted(kinds, key=lambda k: order.get(k, 1)):
        text = transform(text, kind, rng)
    return sentence.format(text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attack)
def test_every_way_of_writing_a_secret_is_found_by_the_cast_and_the_gate(screens, drawn):
    screen, terms = screens
    text = written(*drawn)
    assert screen.find(text), text
    assert gate._find(terms, text, "attack", patterns=True), text


HARMLESS = [
    "Kai went to the park with Nan on 3 May 2012 and had ice cream.",
    "We counted one, two, three, four, five, six, seven, eight, nine, ten and ran.",
    "You were 7 when you moved; it was a 20 minute drive from school.",
    "Hope you're doing well. Lots of love, Nan x",
    "All human beings are born free and equal in dignity and rights.",
    "Mark my words: you will do great things in 2030.",
    "Pages 3 4 9 12 17 have your drawings on them.",
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(HARMLESS),
       st.lists(st.sampled_from(["upper", "style", "invisible", "digits", "none"]),
                max_size=2),
       st.randoms(use_true_random=False))
def test_harmless_text_written_any_way_is_never_refused(screens, text, kinds, rng):
    screen, terms = screens
    for kind in kinds:
        text = transform(text, kind, rng)
    assert screen.find(text) is None, text
    assert gate._find(terms, text, "harmless", patterns=True) == [], text


FIELDS = ["memory", "caption", "alt", "plan", "own words", "event"]


def place(files: dict, field: str, text: str) -> dict:
    """Put text in one field of the journey, the way a coordinator would."""
    if field == "memory":
        files["memories/m.md"] = f"---\nfrom: nan\nconsent: given\n---\n{text}\n"
    elif field in {"caption", "alt"}:
        files["photos.yaml"] = {"photos": [{"file": "photos/p.jpg", "consent": "given",
                                            "alt": "A photo", field: text}]}
    elif field == "plan":
        files["plan.yaml"] = {"commitments": [{"who": ["nan"], "what": text}]}
    elif field == "own words":
        files["journey.yaml"]["in_my_words"] = {"when_i_grow_up": text}
    else:
        files["timeline.yaml"] = {"events": [{"date": "2015", "title": text[:120]}]}
    return files


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(attack, st.sampled_from(FIELDS))
def test_an_attack_in_any_field_never_reaches_the_book(tmp_path_factory, drawn, field):
    text = written(*drawn)
    files = place(kept_out_journey(), field, text)
    folder = write_journey(tmp_path_factory.mktemp("field") / "j", files)
    save_image(folder / "photos" / "p.jpg")
    book = repr(asdict(check(folder, release=True).book))
    assert text[:120] not in book and repr(text[:120])[1:-1] not in book, (field, text)
