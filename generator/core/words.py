"""The book's own words (headings, labels, chapter intros) in the young person's language.

Every built-in string is English in the code and the templates, marked for translation: `_()`
in templates (Jinja's i18n extension) and `N_()` in Python. Translations are gettext catalogues,
read with Babel, one per language in theme/locales/<language>/LC_MESSAGES/journeybook.po; a
council adds a language by copying theme/locales/journeybook.pot there and translating it
(README: "Adding a language"). The case data itself is never translated: names and people's
words stay as they were written. Dates and numbers are said the language's way: CLDR (through
Babel) gives month names and digits, the catalogue the words round them (core/dates.py).
"""

from __future__ import annotations

import gettext
import unicodedata
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from generator.core import dates
from generator.core.dates import FuzzyDate
from generator.core.errors import Problem
from generator.core.paths import THEME

LOCALES = THEME / "locales"
DOMAIN = "journeybook"
CATALOGUE_TEMPLATE = LOCALES / f"{DOMAIN}.pot"
JINJA = "jinja2.ext:babel_extract"
# Languages written right to left (their site and book lay out that way, and the family tree
# and the timeline are drawn mirrored).
# Names kept on one line in a translation: in a right-to-left line, an English name broken in two
# puts its second word before its first ("Links" at the end of one line, "Lifelong" at the
# start of the next, read from the right). A no-break space holds them together.
KEPT_TOGETHER = ("Lifelong Links",)
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ps", "ur", "he", "ckb", "sd", "ug", "yi"})


def N_(text: str) -> str:
    """Mark a word for the catalogue; it is translated where it is shown."""
    return text


def base(language: str) -> str:
    """'ar-SY' -> 'ar': catalogues are by language."""
    return language.split("-")[0].lower()


def catalogue(language: str) -> Path | None:
    """The .po file for a language, or None (English needs none): the language and region's
    own first ('fa-AF', Dari, in theme/locales/fa_AF), else the language's ('fa')."""
    for name in ("_".join([base(language), *language.split("-")[1:]]), base(language)):
        path = LOCALES / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        if path.is_file():
            return path
    return None


def shipped() -> list[str]:
    """The languages journeybook has words for: English and every catalogue in theme/locales."""
    found = sorted(p.parent.parent.name.replace("_", "-")
                   for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return ["en", *found]


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's translations, read from its .po (no compiled .mo is kept in git);
    English, or a language with no catalogue, gives the words as written."""
    path = catalogue(language)
    if path is None:
        return gettext.NullTranslations()
    with path.open("rb") as file:
        read = read_po(file, locale=language.replace("-", "_"), domain=DOMAIN)
    for message in read:
        if message.string:
            message.string = (tuple(map(kept_together, message.string))
                              if isinstance(message.string, tuple)
                              else kept_together(message.string))
    compiled = BytesIO()
    write_mo(compiled, read, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def kept_together(text: str) -> str:
    """text with each of KEPT_TOGETHER's names joined by no-break spaces (the book's own words
    in a translation, and the case data's, e.g. an organisation called "... Lifelong Links")."""
    for name in KEPT_TOGETHER:
        text = text.replace(name, name.replace(" ", "\u00a0"))
    return text


@cache
def locale(language: str) -> Locale:
    """Babel's locale for the language (for lists and dates); British English by default, and
    for a language CLDR does not know."""
    tag = "en_GB" if base(language) == "en" else language.replace("-", "_")
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def listed(items: list[str], language: str) -> str:
    """'Lily', 'Lily and Nan', 'Lily, Nan and Mum', in the language's own way."""
    return format_list(items, locale=locale(language)) if items else ""


def direction(language: str) -> str:
    """'rtl' for a language written right to left, else 'ltr'."""
    return "rtl" if base(language) in RIGHT_TO_LEFT else "ltr"


def text_direction(text: str) -> str:
    """'ltr' or 'rtl' by the direction most of the text's letters are written in, 'auto' when
    none has one. Case data is written in any language, and often mixes them: an Arabic memory
    that begins with an English name ("Kai رأى جدته") is still Arabic, which Unicode's
    first-letter rule for dir="auto" gets wrong. WeasyPrint does not read dir="auto" anyway,
    so the book says each text's direction itself, and an English memory in an Arabic book
    keeps its full stop at its end."""
    left = right = 0
    for character in text:
        kind = unicodedata.bidirectional(character)
        left += kind == "L"
        right += kind in ("R", "AL")
    if not left and not right:
        return "auto"
    return "rtl" if right > left else "ltr"


def date_phrase(value: FuzzyDate | None, language: str) -> str:
    """A date as a sentence says it, in the language: 'in summer 2011', 'في صيف 2011'."""
    if value is None:
        return ""
    return dates.phrase_in(value, translations(language).gettext, locale(language))


def bare_date(value: FuzzyDate | None, language: str) -> str:
    """A date with no leading preposition, in the language: 'summer 2011', '3 May 2012'."""
    if value is None:
        return ""
    return dates.bare_in(value, translations(language).gettext, locale(language))


def numeral(value: int | str, language: str) -> str:
    """A number in the language's own digits (CLDR's default for it: ۲۰۱۶ in Dari)."""
    return dates.digits(str(value), locale(language))


def digits_css(language: str) -> str:
    """A CSS counter style named jb-digits that counts in the language's own digits, for the
    book's page numbers; none for 0-9 (book.css then counts as usual)."""
    own = numeral("0123456789", language)
    if own == "0123456789":
        return ""
    symbols = " ".join(f'"{digit}"' for digit in own)
    return f"@counter-style jb-digits {{ system: numeric; symbols: {symbols}; }}"


def extracted() -> Catalog:
    """Every built-in word, found where it is marked (`_()`, `ngettext()`, `N_()`) in the
    Python code and the templates: what theme/locales/journeybook.pot must hold."""
    root = THEME.parent
    found = Catalog(project="journeybook", domain=DOMAIN, fuzzy=False)
    method_map = [("generator/**.py", "python"), ("theme/templates/**.j2", JINJA),
                  ("theme/site/**.html", JINJA)]
    options_map = {"theme/**": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for filename, line, message, comments, context in extract_from_dir(
            root, method_map, options_map, strip_comment_tags=True,
            directory_filter=lambda path: "/." not in path and "__pycache__" not in path):
        found.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return found


def write_template(path: Path = CATALOGUE_TEMPLATE) -> None:
    """Write the catalogue template (scripts/update_words.py), with no dates in it, so that it
    changes only when the words do."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        write_po(file, extracted(), omit_header=True, sort_output=True, width=100)


def language_warnings(language: str, journey_file: Path) -> list[Problem]:
    """A warning when journeybook has no words in the book's language: its headings and labels
    stay in English (the case data is shown as written, whatever its language)."""
    if base(language) == "en" or catalogue(language) is not None:
        return []
    return [Problem(journey_file, f"book.language is '{language}', and journeybook has no "
                    "words in that language yet: the book's headings and labels will be in "
                    "English.", f"Use one of {', '.join(shipped())}, or add the language "
                    "(README: 'Adding a language').", warning=True)]
