"""The circles' key: what the dots' colours and the lines mean, only those the drawings use."""

from __future__ import annotations

from generator.core import words
from generator.core.words import N_
from generator.draw.circles import KIND_COLOURS, STYLE, CirclePeople, said_in, tie_line
from generator.format.vocabulary import Support, Tie


def key(people: CirclePeople, language: str = "en") -> list[tuple[str, str]]:
    """The key: the kinds of people and the kinds of lines the drawings use (no more), each a
    small SVG with its meaning in the book's language, as (icon, words)."""
    said = said_in(language)
    _ = words.translations(language).gettext
    everyone = people.before + people.now
    kinds = {dot.kind for dot in everyone}
    found = [(icon(f'<circle cx="9" cy="9" r="7" fill="{colour}"/>'), said.kinds[kind])
             for kind, colour in KIND_COLOURS.items() if kind in kinds]
    ties = {dot.tie for dot in people.now}
    for tie, drawn, meaning in TIE_KEY:
        if tie in ties:
            found.append((icon(drawn), _(meaning)))
    if any(dot.support for dot in people.now if dot.tie):
        found.append((icon(tie_line((2, 9), (30, 9), Tie.strong, Support.from_me)),
                      _("who gives support to whom")))
    return found


def icon(drawn: str) -> str:
    """A key's small drawing, in the circles' own style."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="circles key-icon" viewBox="0 0 32 18" '
            f'width="32" height="18" aria-hidden="true"><style>{STYLE}</style>{drawn}</svg>')


TIE_KEY = [
    (Tie.strong, '<line class="tie" x1="2" y1="9" x2="30" y2="9"/>', N_("a strong link")),
    (Tie.tenuous, '<line class="tie tenuous" x1="2" y1="9" x2="30" y2="9"/>',
     N_("a weaker link")),
    (Tie.stressful, '<polyline class="tie stressful" points="2,9 7,4 12,14 17,4 22,14 27,4 30,9"/>',
     N_("a link that is hard sometimes")),
]
