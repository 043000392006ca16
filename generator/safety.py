"""What may never reach a young person's book: names of people kept out, and contact details.

Used by the model stage to leave out any item whose free text mentions a "never shown" person or
a withheld name, or contains something shaped like an address, phone number or email. Better a
memory left out (and the coordinator told) than a name or an address in a keepsake.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Words a young person uses for family that are not names: "Dad" alone must not flag every
# memory that mentions a dad.
KINSHIP_WORDS = {
    "mum", "mam", "mom", "mother", "dad", "father", "nan", "nana", "nanna", "gran", "granny",
    "grandma", "grandad", "granddad", "grandpa", "auntie", "aunty", "aunt", "uncle", "sister",
    "brother", "cousin", "baby", "step", "birth", "foster", "carer",
}

CONTACT_PATTERNS = {
    "an email address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    # 10 to 15 digits with the usual separators (see find_contacts: dates are not phones).
    "a phone number": re.compile(r"(?<![\w/-])\+?\(?\d[\d ().-]{8,18}\d(?![\w/-])"),
    "a postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    "a street address": re.compile(
        r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][\w'-]+\s+){1,3}(?:Road|Rd|Street|St|Avenue|Ave|Lane|Ln|"
        r"Close|Drive|Dr|Way|Crescent|Court|Ct|Place|Gardens|Terrace|Grove|Hill|Square)\b"
    ),
}


def fold(text: str) -> str:
    """Casefold and strip accents, so 'Zoë' and 'ZOE' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_words(called: str, full_name: str | None) -> set[str]:
    """The words that would identify a person: full name, its parts, and a name-like 'called'."""
    words: set[str] = set()
    for name in (called, full_name or ""):
        name = name.strip()
        if not name:
            continue
        parts = [p for p in re.split(r"[\s]+", name) if p]
        meaningful = [p for p in parts if fold(p) not in KINSHIP_WORDS and len(p) >= 2]
        if not meaningful:
            continue
        if len(parts) > 1:
            words.add(fold(name))
        words.update(fold(p) for p in meaningful if len(p) >= 3)
    return words


ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _phone_shaped(text: str) -> bool:
    """UK-style numbers ("01632 960 001", "+44 1632 960001", "(01632) 960001"): they start with
    0, + or (, hold 10 to 15 digits in at most five groups of two or more. A run of page
    numbers ("3 4 9 12 17") or a date is not a phone number. The exact numbers in the case data
    are looked for digit by digit anyway (see release.terms_for)."""
    digits = re.sub(r"\D", "", text)
    groups = [g for g in re.split(r"[\s().-]+", text.lstrip("+(")) if g]
    return (text.lstrip()[:1] in {"0", "+", "("} and 10 <= len(digits) <= 15
            and len(groups) <= 5 and all(len(g) >= 2 for g in groups)
            and not ISO_DATE.search(text))


def find_contacts(text: str) -> list[tuple[str, re.Match[str]]]:
    """Every piece of text that looks like a contact detail, with what it looks like."""
    found = []
    for what, pattern in CONTACT_PATTERNS.items():
        for match in pattern.finditer(text):
            if what == "a phone number" and not _phone_shaped(match.group()):
                continue
            found.append((what, match))
    return found


def kept_out_names(people, young_person) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The name words of people kept out of the book, and the ones that cannot be kept out.

    Returns ({word: why}, {word: [who else has it]}): a word that is also part of a shown
    person's name (a surname shared with a shown grandparent, say) is in the book by design, so
    it cannot be forbidden; it is returned separately, for the coordinator to be warned.
    """
    shown_words: dict[str, list[str]] = {}
    for person in [young_person, *people]:
        if str(getattr(person, "visibility", "shown")) == "shown":  # the young person has none
            for word in name_words(person.called, person.full_name):
                shown_words.setdefault(word, []).append(person.full_name or person.called)
    forbidden: dict[str, str] = {}
    shared: dict[str, list[str]] = {}
    for person in people:
        visibility = str(person.visibility)
        if visibility == "shown":
            continue
        why = (f"a name of {person.called} ({person.id}), who is never shown"
               if visibility == "never shown" else
               f"the withheld name of {person.called} ({person.id})")
        for word in name_words(person.called, person.full_name):
            if word in shown_words:
                shared[word] = shown_words[word]
            else:
                forbidden.setdefault(word, why)
    return forbidden, shared


class Screen:
    """Finds forbidden names and contact details in text."""

    def __init__(self, forbidden: Iterable[str]):
        self.forbidden = sorted({w for w in forbidden if w}, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in self.forbidden) + r")(?!\w)")
            if self.forbidden else None
        )

    def find(self, *texts: str | None) -> str | None:
        """Return why the text must not be shown ("names someone kept out", ...), or None."""
        for text in texts:
            if not text:
                continue
            if self._pattern and self._pattern.search(fold(text)):
                return "it names someone who is kept out of the book"
            for what, _match in find_contacts(text)[:1]:
                return f"it contains what looks like {what}"
        return None
