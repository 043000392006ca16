"""Circles (an eco-map): the young person in the middle, their people placed by closeness.

Drawn twice, before Lifelong Links and now, side by side with the counts: the young person's own
version of the evaluation's "from 7 to 26 people". On a screen the rings are ellipses, taller
than wide, scaled to fit any frame with names at 12 px and more (a phone has more room down than
across); no tie or dot crosses a name (tests/test_drawing_geometry.py).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from html import escape

from generator.cast.cast_types import Cast, Role
from generator.core import words
from generator.core.words import N_
from generator.draw import text
from generator.draw.boxes import Box, Point, crosses, distance, grown, overlap, to_segment
from generator.format.vocabulary import DEFAULT_COLOUR, Closeness, Kind, Support, Tie

RINGS = {Closeness.very_close: 0, Closeness.close: 1, Closeness.in_touch: 2}
RING_WORDS = [N_("very close"), N_("close"), N_("in touch")]
KIND_COLOURS = {
    Kind.family: "#e57373", Kind.carer: "#ffb74d", Kind.friend: "#81c784",
    Kind.community: "#64b5f6", Kind.professional: "#b0bec5",
}
KIND_WORDS = {
    Kind.family: N_("family"), Kind.carer: N_("carers"), Kind.friend: N_("friends"),
    Kind.community: N_("school, clubs, neighbours"), Kind.professional: N_("professionals"),
}
NAME = 15  # px, a name: 14 or more, as the site shows the drawing at its natural size
LINE = NAME + 4  # px, from one line of a name to the next
WORDS = NAME  # px, the rings' words: as readable as the names
NAME_ROOM = 92  # px, a name's widest line before it wraps
DOT = 9  # px, a person's dot's radius
GROW = 1.1  # how much deeper the rings get each time they do not
CLEAR = 6  # px, least room between a tie and a word
CLEAR_MARKED = 10  # px, for a jagged tie, or one with arrowheads
DOT_CLEAR = DOT + 5  # px, least distance from a tie to another person's dot's middle
PAD = 5  # px, least room between two words, and between a word and a ring's edge
MARGIN = 6  # px round the outermost names
NAME_OUT = 28  # px, how far beyond the outer ring a name may reach (on a screen)
SIDE_BY_SIDE = 560  # px: a drawing this wide or less stands beside the other on a desktop


@dataclass(frozen=True)
class Shape:
    """How the circles are drawn: how many times as high as wide, whether a name may cross a
    ring's outline (a browser draws a halo; WeasyPrint ignores paint-order), and each ring's
    first depth (px): from a shallow start, rings deepened until all fit end smaller when
    names may cross outlines, larger when they may not (print starts deep)."""

    tall: float
    spill: bool
    band: float


ROUND, SCREEN = Shape(1.0, spill=False, band=90), Shape(1.5, spill=True, band=40)
# A name crossing a ring's outline: a halo of the page's white keeps every letter clear of it.
HALO = ".circles .who text{stroke:#fff;stroke-width:4px;stroke-linejoin:round;paint-order:stroke}"
TIE = 36  # px, the shortest tie: room for an arrowhead at both ends


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
    language: str = "en"  # the book's: the rings' words and the key are in it


@dataclass(frozen=True)
class _Said:
    """The drawing's own words, in the book's language, and which way it reads."""

    rings: list[str]  # closest first
    kinds: dict[Kind, str]
    titles: dict[str, str]  # before, now
    rtl: bool


def said_in(language: str) -> _Said:
    _ = words.translations(language).gettext
    return _Said([_(word) for word in RING_WORDS],
                 {kind: _(word) for kind, word in KIND_WORDS.items()},
                 {"before": _("Your people before Lifelong Links"), "now": _("Your people now")},
                 words.direction(language) == "rtl")


@dataclass(frozen=True)
class Circles:
    """The two drawings, their counts, and their width (px, both the same: names at NAME)."""
    before_svg: str
    now_svg: str
    before_count: int
    now_count: int
    width: int = 0

    @property
    def side_by_side(self) -> bool:
        """Narrow enough to stand side by side on a desktop with names at NAME px."""
        return self.width <= SIDE_BY_SIDE


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

    return CirclePeople(cast.me.name, dots("before"), dots("now"), cast.language)


def circles(people: CirclePeople, colour: str = DEFAULT_COLOUR, screen: bool = False) -> Circles:
    """Return the before and now circles, drawn (for the render stage): the same size, the
    smallest at which everyone's name fits with no tie across it. For a screen, the rings are
    ellipses, TALL times as high as wide (a phone has more room down than across), and names
    may cross a ring's outline, drawn with a halo; in print (WeasyPrint draws no halo) they
    stay within their ring."""
    shape = SCREEN if screen else ROUND
    said = said_in(people.language)
    me_radius = max(28.0, text.width(people.me, NAME, bold=True) / 2 + 8)
    depths = [shape.band] * len(RING_WORDS)
    while True:  # until everyone fits: a ring whose people do not gets deeper (and longer),
        # and so do those inside it, whose people's names and ties may be in the way
        edges = list(itertools.accumulate(depths, initial=me_radius + 6))
        before, stuck = _layout(people.before, me_radius, edges, said.rings, False, shape)
        if stuck is None:
            now, stuck = _layout(people.now, me_radius, edges, said.rings, True, shape)
        if stuck is None:
            break
        depths[:stuck + 1] = [depth * GROW for depth in depths[:stuck + 1]]
    return Circles(
        before_svg=_draw(before, people.me, me_radius, edges, "before", colour, said, False,
                         shape),
        now_svg=_draw(now, people.me, me_radius, edges, "now", colour, said, True, shape),
        before_count=len(people.before), now_count=len(people.now),
        width=round(2 * (_across(edges, shape) + MARGIN)),
    )


# -- where everyone goes ---------------------------------------------------------------------

@dataclass(frozen=True)
class _Placed:
    """A person in the drawing, about its middle: their dot, their name's lines and its box."""

    dot: Dot
    x: float
    y: float
    lines: list[str]
    box: Box


@dataclass
class _Taken:
    """What is drawn so far, that the next person's dot, name and tie must keep clear of."""

    boxes: list[Box]
    dots: list[Point]
    ties: list[tuple[Point, Point, float]]  # from, to, and how far words keep from it


def _layout(dots: list[Dot], me_radius: float, edges: list[float], rings: list[str],
            with_ties: bool, shape: Shape) -> tuple[list[_Placed], int | None]:
    """Everyone placed about the middle (the rings between edges), and None; or, when a ring
    is too small for its people, that ring.

    Each ring's people are spread evenly round it, in order of kind; a person's dot is on
    their angle, their name beyond it (away from the middle), so their own tie, from the
    middle to the dot, never meets it. The inner rings go first; anyone whose place is taken
    (their name, dot or tie would cross another's) moves to the nearest angle that is free.
    """
    taken = _Taken([_ring_word_box(word, k, edges, shape.tall) for k, word in enumerate(rings)],
                   [], [])
    placed: list[_Placed] = []
    for ring in range(len(RING_WORDS)):
        people = [dot for dot in dots if dot.ring == ring]
        found = _ring(ring, people, me_radius, edges, with_ties, taken, shape)
        if len(found) < len(people):
            return placed, ring
        placed += found
    return placed, None


def _ring(ring: int, dots: list[Dot], me_radius: float, edges: list[float], with_ties: bool,
          taken: _Taken, shape: Shape) -> list[_Placed]:
    """One ring's people, spread evenly round it (turned a little from the ring inside, so
    its ties pass between those people); [] when one does not fit."""
    placed = []
    for i, dot in enumerate(dots):
        ideal = -math.pi / 2 + 2 * math.pi * (i + 0.5) / len(dots) + 0.35 * ring
        widest = max((text.width(word, NAME) for word in dot.name.split()), default=0.0)
        lines = text.wrapped(dot.name, NAME, max(NAME_ROOM, widest))  # never inside a word
        size = (max(text.width(line, NAME) for line in lines), (len(lines) - 1) * LINE + NAME * 1.2)
        tie = _clear(dot) if with_ties and dot.tie is not None else None
        spot = _spot(ideal, size, (edges[ring], edges[ring + 1], edges[-1]), me_radius, tie,
                     taken, shape)
        if spot is None:
            return []
        (x, y), box = spot
        taken.boxes.append(box)
        taken.dots.append((x, y))
        if tie:
            taken.ties.append((*_tie_ends(x, y, me_radius), tie))
        placed.append(_Placed(dot, x, y, lines, box))
    return placed


def _clear(dot: Dot) -> float:
    """How far words keep from a person's tie: more for marks that stand out from the line."""
    return CLEAR_MARKED if dot.tie is Tie.stressful or dot.support else CLEAR


def _spot(ideal: float, size: tuple[float, float], band: tuple[float, float, float],
          me_radius: float, tie: float | None, taken: _Taken,
          shape: Shape) -> tuple[Point, Box] | None:
    """The free place nearest the ideal angle: the dot's middle and its name's box. band: the
    ring's inner and outer edges and the outermost ring's (in a drawing `tall` times as high
    as wide, measured squeezed back to circles). The dot stays in its ring; its name may cross
    the ring's outline outwards (drawn with a halo) to NAME_OUT past the outermost ring."""
    inner, outer, last = band
    tall, reach_out = shape.tall, last + NAME_OUT if shape.spill else outer
    for step in range(360):
        angle = ideal + math.radians((step + 1) // 2 * (1 if step % 2 else -1))
        ux, uy = math.cos(angle), math.sin(angle)
        rx, ry = ux / math.hypot(ux, uy * tall), uy * tall / math.hypot(ux, uy * tall)
        reach = _name_offset(rx, ry, size)
        nearest = max(inner + DOT + PAD, me_radius + TIE + DOT)
        fits = [r for r in _range(nearest, outer - DOT - PAD, 3)
                if _in_band(_name_box(r * ux, r * uy * tall, rx, ry, reach, size), inner,
                            reach_out, tall)]
        if not fits:
            continue
        # Furthest out first: the further out a dot and its name, the less of the circle they
        # hide from the ties of the rings outside.
        middle = min(fits, key=lambda r: abs(r - (inner + outer) / 2))
        for r in dict.fromkeys((fits[-1], middle, fits[0])):
            x, y = r * ux, r * uy * tall
            box = _name_box(x, y, rx, ry, reach, size)
            if _free((x, y), box, (*_tie_ends(x, y, me_radius), tie) if tie else None, taken):
                return (x, y), box
    return None


def _range(start: float, stop: float, step: float) -> list[float]:
    return [start + k * step for k in range(int((stop - start) // step) + 1)] if stop > start else []


def _name_offset(ux: float, uy: float, size: tuple[float, float]) -> float:
    """How far beyond its dot, along the angle, a name's box's middle goes to clear the dot."""
    low, high = 0.0, size[0] + size[1] + 2 * DOT
    for _ in range(20):
        mid = (low + high) / 2
        box = _name_box(0, 0, ux, uy, mid, size)
        low, high = (low, mid) if distance((0, 0), box) >= DOT + PAD else (mid, high)
    return high


def _name_box(x: float, y: float, ux: float, uy: float, reach: float,
              size: tuple[float, float]) -> Box:
    cx, cy = x + ux * reach, y + uy * reach
    return cx - size[0] / 2, cy - size[1] / 2, cx + size[0] / 2, cy + size[1] / 2


def _in_band(box: Box, inner: float, outer: float, tall: float = 1.0) -> bool:
    """Is the box wholly between the two rings (clear of both), measured with the drawing
    squeezed back to circles?"""
    squeezed = (box[0], box[1] / tall, box[2], box[3] / tall)
    far = max(math.hypot(x, y) for x in (box[0], box[2]) for y in (squeezed[1], squeezed[3]))
    return distance((0, 0), squeezed) >= inner + PAD and far <= outer - PAD


def _free(dot: Point, box: Box, tie: tuple[Point, Point, float] | None, taken: _Taken) -> bool:
    """Do a dot, its name and its tie keep clear of everything drawn so far?"""
    if any(overlap(box, other, PAD) or distance(dot, other) < DOT + PAD
           for other in taken.boxes):
        return False
    if any(math.dist(dot, other) < 2 * DOT + 10 or distance(other, box) < DOT + PAD
           for other in taken.dots):
        return False
    if any(crosses(a, b, grown(box, clear)) or to_segment(dot, a, b) < DOT_CLEAR
           for a, b, clear in taken.ties):
        return False
    if tie is None:
        return True
    a, b, clear = tie
    return not any(crosses(a, b, grown(other, clear)) for other in taken.boxes) and all(
        to_segment(other, a, b) >= DOT_CLEAR for other in taken.dots)


def _ring_word_box(word: str, ring: int, edges: list[float], tall: float = 1.0) -> Box:
    """Where a ring's words go: at its top, as high as they fit inside it."""
    width = text.width(word, WORDS)
    top = -tall * math.sqrt((edges[ring + 1] - PAD) ** 2 - (width / 2) ** 2)
    return -width / 2, top, width / 2, top + WORDS * 1.2


def _tie_ends(x: float, y: float, me_radius: float) -> tuple[Point, Point]:
    """A tie runs from the edge of the young person's dot to the edge of the other's."""
    length = math.hypot(x, y)
    ux, uy = x / length, y / length
    return ((ux * (me_radius + 1), uy * (me_radius + 1)),
            (x - ux * (DOT + 1), y - uy * (DOT + 1)))


# -- drawing ---------------------------------------------------------------------------------

def _across(edges: list[float], shape: Shape) -> float:
    """How far either side of the middle the drawing reaches: its ring, and names past it."""
    return edges[-1] + (NAME_OUT if shape.spill else 0.0)


def _draw(placed: list[_Placed], me: str, me_radius: float, edges: list[float], which: str,
          colour: str, said: _Said, with_ties: bool, shape: Shape) -> str:
    tall = shape.tall
    # Across, as far as names may reach (before and now the same width: one scale); down, to
    # the outer ring and the names beyond it.
    top = min([person.box[1] for person in placed] + [-tall * edges[-1]])
    bottom = max([person.box[3] for person in placed] + [tall * edges[-1]])
    half_wide, half_high = _across(edges, shape) + MARGIN, -top + MARGIN  # the middle

    def at(x: float, y: float) -> str:
        return f'x="{half_wide + x:.1f}" y="{half_high + y:.1f}"'

    parts = [f'<ellipse class="ring ring-{i}" cx="{half_wide:.1f}" cy="{half_high:.1f}" '
             f'rx="{r:.1f}" ry="{r * tall:.1f}"/>' if tall != 1 else
             f'<circle class="ring ring-{i}" cx="{half_wide:.1f}" cy="{half_high:.1f}" r="{r:.1f}"/>'
             for i, r in reversed(list(enumerate(edges[1:])))]
    for i, word in enumerate(said.rings):
        box = _ring_word_box(word, i, edges, tall)
        parts.append(f'<text class="ring-label" {at(0, box[1] + WORDS * 0.95)} '
                     f'font-size="{WORDS}"{text.anchored(word, "middle", said.rtl)}>'
                     f'{escape(word)}</text>')
    ties, dots = [], []
    for person in placed:
        x, y = half_wide + person.x, half_high + person.y
        if with_ties and person.dot.tie:
            (x1, y1), (x2, y2) = _tie_ends(person.x, person.y, me_radius)
            ties.append(tie_line((half_wide + x1, half_high + y1), (half_wide + x2, half_high + y2),
                             person.dot.tie, person.dot.support))
        first_line = person.box[1] + NAME * 0.95
        names = "".join(
            f'<text {at((person.box[0] + person.box[2]) / 2, first_line + k * LINE)} '
            f'font-size="{NAME}"{text.anchored(line, "middle", said.rtl)}>{escape(line)}</text>'
            for k, line in enumerate(person.lines))
        dots.append(f'<g class="who"><circle cx="{x:.1f}" cy="{y:.1f}" r="{DOT}" '
                    f'fill="{KIND_COLOURS[person.dot.kind]}"/>{names}</g>')
    me_dot = (f'<circle class="me" cx="{half_wide:.1f}" cy="{half_high:.1f}" '
              f'r="{me_radius:.1f}"/><text class="me-label" {at(0, 5)} font-size="{NAME}"'
              f'{text.anchored(me, "middle", said.rtl)} font-weight="700">{escape(me)}</text>')
    width, height = 2 * half_wide, bottom - top + 2 * MARGIN
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="circles circles-{which}" role="img" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
            f'height="{height:.0f}" font-family="{text.FONT_FAMILY}"><title>'
            f'{escape(said.titles[which])}</title><style>{STYLE.replace("COLOUR", colour)}'
            f'{HALO if shape.spill else ""}'
            f'</style>{"".join(parts)}'
            f'{"".join(ties)}{me_dot}{"".join(dots)}</svg>')


def tie_line(start: Point, end: Point, tie: Tie, support: Support | None) -> str:
    """Eco-map line conventions: solid strong, dashed tenuous, jagged stressful; an arrowhead
    at the end that receives support, pointing into the dot."""
    (x0, y0), (x1, y1) = start, end
    if tie is Tie.stressful:
        length = math.hypot(x1 - x0, y1 - y0) or 1
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        steps = max(2, int(length // 12))
        points = []
        for k in range(steps + 1):
            wiggle = (5 if k % 2 else -5) if 0 < k < steps else 0
            px, py = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
            points.append(f"{px + nx * wiggle:.1f},{py + ny * wiggle:.1f}")
        return f'<polyline class="tie stressful" points="{" ".join(points)}"/>'
    style = "strong" if tie is Tie.strong else "tenuous"
    arrow = ""
    ends = []
    if support in (Support.to_me, Support.both_ways):
        ends.append((end, start))
    if support in (Support.from_me, Support.both_ways):
        ends.append((start, end))
    for (fx, fy), (tipx, tipy) in ends:
        angle = math.atan2(tipy - fy, tipx - fx)
        left = (tipx - 9 * math.cos(angle - 0.45), tipy - 9 * math.sin(angle - 0.45))
        right = (tipx - 9 * math.cos(angle + 0.45), tipy - 9 * math.sin(angle + 0.45))
        arrow += (f'<path class="arrow" d="M{left[0]:.1f},{left[1]:.1f} L{tipx:.1f},{tipy:.1f} '
                  f'L{right[0]:.1f},{right[1]:.1f}"/>')
    return (f'<line class="tie {style}" x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"/>'
            + arrow)


STYLE = (
    ".circles .ring{fill:none;stroke:#cfd8dc;stroke-width:1.5}"
    ".circles .ring-0{fill:#e0f2f1}.circles .ring-1{fill:#f1f8f7}.circles .ring-2{fill:#fafafa}"
    ".circles .ring-label{fill:#78909c}"
    ".circles text{fill:#263238}"
    ".circles .me{fill:COLOUR}"
    ".circles .me-label{fill:#fff}"
    ".circles .who circle{stroke:#fff;stroke-width:2}"
    ".circles .tie{stroke:#90a4ae;stroke-width:1.6;fill:none}"
    ".circles .tenuous{stroke-dasharray:5 4}"
    ".circles .stressful{stroke:#e57373}"
    ".circles .arrow{stroke:#78909c;stroke-width:1.6;fill:none}"
)
