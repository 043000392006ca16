"""What a screen finds in a text: a piece of it, and what kind of contact detail it is."""

from __future__ import annotations

from dataclasses import dataclass

EMAIL = "an email address"
PHONE = "a phone number"
POSTCODE = "a postcode"
STREET = "a street address"
SOCIAL_LINK = "a link to a social network or messaging app"
HANDLE = "a social media handle"
PLACE = "a map location (coordinates or a what3words address)"


@dataclass(frozen=True, slots=True)
class Found:
    """A piece of text found, with the methods of re.Match that the callers use."""

    text: str
    first: int
    last: int

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("a Found has only group 0")
        return self.text

    def start(self) -> int:
        return self.first

    def end(self) -> int:
        return self.last

    def span(self) -> tuple[int, int]:
        return self.first, self.last


def found_in(text: str, start: int, end: int) -> Found:
    return Found(text[start:end], start, end)
