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
    "a phone number": re.compile(r"(?<![\d/-])(?:\+?\d[\d ()-]{8,}\d)(?![\d/-])"),
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
            for what, pattern in CONTACT_PATTERNS.items():
                if pattern.search(text):
                    return f"it contains what looks like {what}"
        return None
