"""Circles (an eco-map): the young person in the middle, their people placed by closeness.

Drawn twice, before Lifelong Links and now, side by side with the counts: the young person's own
version of the evaluation's "from 7 to 26 people".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from generator.draw import text
from generator.stages.cast_types import Cast, Role
from generator.stages.vocabulary import DEFAULT_COLOUR, Closeness, Kind, Support, Tie

RINGS = {Closeness.very_close: 0, Closeness.close: 1, Closeness.in_touch: 2}
RING_WORDS = ["very close", "close", "in touch"]
KIND_COLOURS = {
    Kind.family: "#e57373", Kind.carer: "#ffb74d", Kind.friend: "#81c784",
    Kind.community: "#64b5f6", Kind.professional: "#b0bec5",
}
KIND_WORDS = {
    Kind.family: "family", Kind.carer: "carers", Kind.friend: "friends",
    Kind.community: "school, clubs, neighbours", Kind.professional: "professionals",
}
SIZE = 560
CENTRE = SIZE / 2
RADII = (95, 170, 245)


@dataclass(frozen=True)
class Dot:
    """One person in the circles: their name, which ring, and their tie to the young person."""

    id: str
    name: str
    kind: Kind
    ring: int
    tie: Tie | None = None
    support: Support | None = None


@dataclass(frozen=True)
class CirclePeople:
    """Who stands in the circles, before Lifelong Links and now: part of the book model."""

    me: str
    before: list[Dot]
    now: list[Dot]


@dataclass(frozen=True)
class Circles:
    """The two drawings and their counts."""

    before_svg: str
    now_svg: str
    before_count: int
    now_count: int


def circle_people(cast: Cast) -> CirclePeople:
    """Who is in the before and now circles, and where, from the safe cast."""
    shown = [p for p in cast.people if p.role is not Role.placeholder and not p.deceased]
    kinds = list(KIND_COLOURS)
    shown.sort(key=lambda p: (kinds.index(p.kind), p.id))

    def dots(which: str) -> list[Dot]:
        found = []
        for person in shown:
            closeness = getattr(person.closeness, which)
            if closeness in RINGS:
                found.append(Dot(person.id, cast.name_of(person.id) or "", person.kind,
                                 RINGS[closeness], person.tie, person.support))
        return found

    return CirclePeople(cast.me.name, dots("before"), dots("now"))


def circles(people: CirclePeople, colour: str = DEFAULT_COLOUR) -> Circles:
    """Return the before and now circles, drawn (for the render stage)."""
    return Circles(
        before_svg=_draw(people.before, people.me, "before", colour, with_ties=False),
        now_svg=_draw(people.now, people.me, "now", colour, with_ties=True),
        before_count=len(people.before), now_count=len(people.now),
    )


def _draw(placed: list[Dot], me: str, which: str, colour: str, with_ties: bool) -> str:
    parts = [f'<circle class="ring ring-{i}" cx="{CENTRE}" cy="{CENTRE}" r="{r}"/>'
             for i, r in reversed(list(enumerate(RADII)))]
    parts += [f'<text class="ring-label" x="{CENTRE}" y="{CENTRE - r + 14}">{RING_WORDS[i]}</text>'
              for i, r in enumerate(RADII)]
    by_ring: dict[int, list[Dot]] = {}
    for dot in placed:
        by_ring.setdefault(dot.ring, []).append(dot)
    dots, lines = [], []
    for ring, people in by_ring.items():
        inner = RADII[ring - 1] if ring else 30
        radius = (inner + RADII[ring]) / 2 + (8 if ring else 10)
        offset = 0.35 * ring
        for i, person in enumerate(people):
            angle = offset + 2 * math.pi * i / len(people) - math.pi / 2
            x, y = CENTRE + radius * math.cos(angle), CENTRE + radius * math.sin(angle)
            label = escape(person.name)
            if with_ties and person.tie:
                lines.append(_tie(x, y, person.tie, person.support))
            dots.append(
                f'<g class="who"><circle cx="{x:.1f}" cy="{y:.1f}" r="9" '
                f'fill="{KIND_COLOURS[person.kind]}"/>'
                f'<text x="{x:.1f}" y="{y + 24:.1f}">{label}</text></g>')
    me_dot = (f'<circle class="me" cx="{CENTRE}" cy="{CENTRE}" r="26"/>'
              f'<text class="me-label" x="{CENTRE}" y="{CENTRE + 5}">{escape(me)}</text>')
    legend = "".join(
        f'<g transform="translate({20 + (i % 3) * 180},{SIZE + 22 + (i // 3) * 24})">'
        f'<circle r="7" fill="{dot}"/><text x="14" y="5" class="legend">{KIND_WORDS[kind]}'
        f"</text></g>" for i, (kind, dot) in enumerate(KIND_COLOURS.items()))
    title = "Your people before Lifelong Links" if which == "before" else "Your people now"
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="circles circles-{which}" role="img" '
            f'viewBox="0 0 {SIZE} {SIZE + 70}" font-family="{text.FONT_FAMILY}"><title>{title}'
            f'</title><style>{_STYLE.replace("COLOUR", colour)}</style>{"".join(parts)}'
            f'{"".join(lines)}{me_dot}{"".join(dots)}{legend}</svg>')


def _tie(x: float, y: float, tie: Tie, support: Support | None) -> str:
    """Eco-map line conventions: solid strong, dashed tenuous, jagged stressful."""
    if tie is Tie.stressful:
        steps = 9
        points = []
        for k in range(steps + 1):
            t = k / steps
            px, py = CENTRE + (x - CENTRE) * t, CENTRE + (y - CENTRE) * t
            nx, ny = -(y - CENTRE), x - CENTRE
            length = math.hypot(nx, ny) or 1
            wiggle = (5 if k % 2 else -5) if 0 < k < steps else 0
            points.append(f"{px + nx / length * wiggle:.1f},{py + ny / length * wiggle:.1f}")
        return f'<polyline class="tie stressful" points="{" ".join(points)}"/>'
    style = "strong" if tie is Tie.strong else "tenuous"
    arrow = ""
    if support:
        # A small arrowhead near the receiving end shows which way support flows.
        ends = []
        if support in (Support.to_me, Support.both_ways):
            ends.append((x, y, CENTRE, CENTRE))
        if support in (Support.from_me, Support.both_ways):
            ends.append((CENTRE, CENTRE, x, y))
        for x0, y0, x1, y1 in ends:
            angle = math.atan2(y1 - y0, x1 - x0)
            tipx, tipy = x1 - 32 * math.cos(angle), y1 - 32 * math.sin(angle)
            left = (tipx - 9 * math.cos(angle - 0.45), tipy - 9 * math.sin(angle - 0.45))
            right = (tipx - 9 * math.cos(angle + 0.45), tipy - 9 * math.sin(angle + 0.45))
            arrow += (f'<path class="arrow" d="M{left[0]:.1f},{left[1]:.1f} L{tipx:.1f},{tipy:.1f} '
                      f'L{right[0]:.1f},{right[1]:.1f}"/>')
    return (f'<line class="tie {style}" x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}"/>'
            + arrow)


_STYLE = (
    ".circles .ring{fill:none;stroke:#cfd8dc;stroke-width:1.5}"
    ".circles .ring-0{fill:#e0f2f1}.circles .ring-1{fill:#f1f8f7}.circles .ring-2{fill:#fafafa}"
    ".circles .ring-label{font-size:12px;fill:#78909c;text-anchor:middle}"
    ".circles text{font-size:13px;text-anchor:middle;fill:#263238}"
    ".circles .legend{text-anchor:start}"
    ".circles .me{fill:COLOUR}"
    ".circles .me-label{fill:#fff;font-weight:700;font-size:14px}"
    ".circles .who circle{stroke:#fff;stroke-width:2}"
    ".circles .tie{stroke:#90a4ae;stroke-width:1.6;fill:none}"
    ".circles .tenuous{stroke-dasharray:5 4}"
    ".circles .stressful{stroke:#e57373}"
    ".circles .arrow{stroke:#78909c;stroke-width:1.6;fill:none}"
)
