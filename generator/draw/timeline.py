"""The drawn timeline: a life going down the page, year by year.

Places lived (mobility mapping) are bars beside the years, events are marks on a line, and
every name sits in a column of its own to the right, wrapped to fit and never cut, so no bar,
line or mark can cross a word. Vague dates are drawn as what they are: "about 2010" or
"between 2012 and 2016" as a soft range beside the line, an exact day as a dot. Busy years grow
to hold their words; quiet years stay short; the drawing ends with the last thing that happened
(or today, while the young person still lives in the last place). The same drawing serves a
phone (one tall picture) and the printed page (cut between entries into page-sized parts).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date
from html import escape

from generator.core.clock import build_day
from generator.core.dates import FuzzyDate
from generator.core.geometry import MM_PER_POINT, Page
from generator.draw import text
from generator.stages import words
from generator.stages.cast_types import Cast

FONT = 14  # a name, in drawing units (pixels on a phone)
SUB = 12  # who lived there
LINE, SUB_LINE, GAP = 18, 16, 10
YEARS_RIGHT = 44  # the year labels end here
LANE, RANGE_LANE = 14, 10  # the width of a lane of place bars, of vague-date ranges
QUIET_YEAR, BUSY_YEAR_MIN = 24, 30  # the height of a year with nothing in it, with something
PRINT_POINTS = 9.0  # names print at this size
PLACES = ("home", "other")


@dataclass(frozen=True)
class Frame:
    """Where the timeline is drawn: its width in units, and for print the height of a part
    that fits on one page (None on a screen: one tall drawing)."""

    width: int
    part_height: int | None = None


SCREEN = Frame(360)


@dataclass(frozen=True)
class Span:
    start: float  # years as a decimal, e.g. 2011.5
    end: float
    at: float  # where its name goes: the start of a place, the anchor of a vague date
    label: str
    sub: str
    kind: str  # home, other, event, range-event


@dataclass(frozen=True)
class Life:
    """What the timeline shows, from the safe cast: part of the book model."""

    spans: list[Span]
    today: float  # the build's day, as a decimal year: nothing is drawn after it
    language: str = "en"  # the book's: the years and the drawing's own words are in it


def life(cast: Cast, today: date | None = None) -> Life:
    """The places lived and the events of a life, as spans of years."""
    today = today or build_day()
    places, events = [], []
    for place in cast.places:
        start = _years(place.start.anchor)
        end = _years(place.end.latest) if place.end else _years(today)
        sub = _with_whom([n for n in (_name_of(cast, p) for p in place.people) if n],
                         cast.language)
        places.append(Span(start, max(end, start + 0.05), start, place.name, sub,
                           "home" if place.lived_here else "other"))
    for event in cast.events:
        start, end = _range(event.date)
        vague = end - start >= 0.1  # a range of dates: its name goes at the date's anchor
        events.append(Span(start, end, _years(event.date.anchor) if vague else start,
                           event.title, "", "range-event" if vague else "event"))
    return Life(places + events, _years(today), cast.language)


def _name_of(cast: Cast, person_id: str) -> str | None:
    """What the drawing calls a person: the cast's name, and "you" in the book's language."""
    if person_id == cast.me.id:
        return words.translations(cast.language).gettext("you")
    return cast.name_of(person_id)


def _with_whom(people: list[str], language: str) -> str:
    """'with Mum, Nan, Lily and others': who lived there, at most three by name."""
    if not people:
        return ""
    _ = words.translations(language).gettext
    # The language's own comma between names (CLDR's list pattern): ", " in English.
    comma = words.locale(language).list_patterns["standard"]["middle"]
    names = comma.replace("{0}", "").replace("{1}", "").join(people[:3])
    if len(people) > 3:
        return _("with %(names)s and others") % {"names": names}
    return _("with %(names)s") % {"names": names}


def print_frame(page: Page, reserved_mm: float = 16.0) -> Frame:
    """The frame of the printed timeline: the page's text width with names at PRINT_POINTS,
    cut into parts as tall as the text area less room for a heading."""
    units_per_mm = FONT / (PRINT_POINTS * MM_PER_POINT)
    return Frame(round(page.text_width * units_per_mm),
                 round((page.text_height - reserved_mm) * units_per_mm))


def timeline_svgs(life: Life, colour: str, frame: Frame = SCREEN) -> list[str]:
    """The timeline as SVG: one drawing on a screen, one per page in print."""
    if not life.spans:
        return []
    drawing = _layout(life, frame.width)
    windows = _windows(drawing, frame.part_height)
    return [_svg(drawing, top, bottom, colour, frame.width, life.language)
            for top, bottom in windows]


def _years(day: date) -> float:
    return day.year + (day.timetuple().tm_yday - 1) / 366


def _range(value: FuzzyDate) -> tuple[float, float]:
    if value.precision == "day":
        at = _years(value.earliest)
        return at, at
    if value.qualifier in ("before", "after"):
        at = _years(value.anchor)
        return at, at
    return _years(value.earliest), _years(value.latest) + 1 / 366


# --- Layout: everything placed once, in units, for the whole life -------------------------

@dataclass(frozen=True)
class Word:
    """One line of words: its left end, baseline, size and class."""

    x: float
    y: float
    words: str
    size: int
    css: str
    bold: bool = False


@dataclass(frozen=True)
class Shape:
    """A bar, dot or line, by the box it covers."""

    kind: str  # bar, soft, hollow-bar, dot, ring, leader, axis
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Drawing:
    words: list[Word]
    shapes: list[Shape]
    height: float
    years: list[tuple[int, float]]  # each year and where it starts
    cuts: list[float]  # where a part may end without cutting an entry: before an entry or year
    year_cuts: list[float]


def _lanes(spans: list[Span]) -> list[int]:
    """Greedy lanes by time: each span goes into the first lane free when it starts."""
    ends: list[float] = []
    lanes = []
    for span in spans:
        for lane, end in enumerate(ends):
            if span.start >= end:
                ends[lane] = span.end
                lanes.append(lane)
                break
        else:
            ends.append(span.end)
            lanes.append(len(ends) - 1)
    return lanes


def _layout(life: Life, width: int) -> Drawing:
    """Place years, bars, marks and names for the whole life."""
    spans = sorted(life.spans, key=lambda s: (s.at, s.kind not in PLACES, s.label))
    places = sorted((s for s in spans if s.kind in PLACES), key=lambda s: s.start)
    ranges = sorted((s for s in spans if s.kind == "range-event"), key=lambda s: s.start)
    place_lane = dict(zip(map(id, places), _lanes(places), strict=True))
    range_lane = dict(zip(map(id, ranges), _lanes(ranges), strict=True))
    place_lanes = max(place_lane.values(), default=-1) + 1
    range_lanes = max(range_lane.values(), default=-1) + 1
    lanes_left = YEARS_RIGHT + 8
    axis = lanes_left + place_lanes * LANE + 4
    ranges_left = axis + 10
    words_left = ranges_left + range_lanes * RANGE_LANE + 12
    room = width - words_left - 4

    first = int(min(min(s.start for s in spans), min(s.at for s in spans)))
    # The drawing ends with the last thing that happened, or with the place lived in until
    # then; a vague date's range does not stretch it into years where nothing happened.
    last = int(max([s.at for s in spans] + [min(s.end, life.today) - 1e-6 for s in places]))
    drawn: list[Word] = []
    shapes: list[Shape] = []
    years, marks, cuts, year_cuts = [], [], [], []
    y = 0.0
    index = 0
    for year in range(first, last + 1):
        top = y
        years.append((year, top))
        year_cuts.append(top)
        said = words.numeral(year, life.language)
        drawn.append(Word(YEARS_RIGHT - text.width(said, FONT, True), top + 6 + FONT,
                          said, FONT, "year", True))
        cursor = top + 6
        while index < len(spans) and int(spans[index].at) <= year:
            span = spans[index]
            index += 1
            cuts.append(cursor - GAP / 2)
            lines = text.wrapped(span.label, FONT, room, bold=span.kind in PLACES)
            for number, line in enumerate(lines):
                drawn.append(Word(words_left, cursor + FONT + number * LINE, line, FONT,
                                  "place" if span.kind in PLACES else "event",
                                  span.kind in PLACES))
            below = cursor + len(lines) * LINE
            for line in text.wrapped(span.sub, SUB, room) if span.sub else ():
                drawn.append(Word(words_left, below + SUB, line, SUB, "people"))
                below += SUB_LINE
            marks.append((span, cursor + 9))
            cursor = below + GAP
        y = max(cursor, top + (BUSY_YEAR_MIN if cursor > top + 6 else QUIET_YEAR))
    height = y
    cuts.append(height)
    year_cuts.append(height)

    where = _where(years, marks, first, last, height)
    shapes.append(Shape("axis", axis - 1, 0, axis + 1, height))
    for span, mark_y in marks:
        if span.kind in PLACES:
            x = lanes_left + place_lane[id(span)] * LANE
            end = max(where(min(span.end, life.today)) - 2, mark_y + 6)
            shapes.append(Shape("bar" if span.kind == "home" else "hollow-bar",
                                x, mark_y - 4, x + 9, end))
            shapes.append(Shape("leader", x + 9, mark_y - 0.5, words_left - 6, mark_y + 0.5))
            continue
        if span.kind == "range-event":
            x = ranges_left + range_lane[id(span)] * RANGE_LANE
            shapes.append(Shape("soft", x, min(where(span.start), mark_y - 3), x + 6,
                                max(where(min(span.end, life.today)), mark_y + 3)))
        shapes.append(Shape("ring" if span.kind == "range-event" else "dot",
                            axis - 5, mark_y - 5, axis + 5, mark_y + 5))
        shapes.append(Shape("leader", axis + 6, mark_y - 0.5, words_left - 6, mark_y + 0.5))
    return Drawing(drawn, shapes, height, years, cuts, year_cuts)


def _where(years: list[tuple[int, float]], marks: list[tuple[Span, float]], first: int,
           last: int, height: float):
    """A function from a time (decimal year) to a height in the drawing: through the start of
    every year and every entry's mark, straight in between."""
    points = sorted([(float(year), top) for year, top in years] + [(float(last + 1), height)]
                    + [(span.at, y) for span, y in marks])
    times = [t for t, _ in points]

    def where(time: float) -> float:
        time = min(max(time, float(first)), float(last + 1))
        i = max(0, bisect.bisect_right(times, time) - 1)
        if i + 1 >= len(points):
            return points[-1][1]
        (t0, y0), (t1, y1) = points[i], points[i + 1]
        return y0 if t1 <= t0 else y0 + (y1 - y0) * (time - t0) / (t1 - t0)

    return where


def _windows(drawing: Drawing, part_height: int | None) -> list[tuple[float, float]]:
    """Cut the drawing into parts no taller than part_height, preferring to cut between years,
    else between entries, never through one."""
    if part_height is None or drawing.height <= part_height:
        return [(0.0, drawing.height)]
    windows, top = [], 0.0
    while top < drawing.height - 1:
        limit = top + part_height
        by_year = [c for c in drawing.year_cuts if top + part_height / 2 < c <= limit]
        by_entry = [c for c in drawing.cuts if top < c <= limit]
        bottom = max(by_year or by_entry or [limit])
        windows.append((top, bottom))
        top = bottom
    return windows


# --- SVG ----------------------------------------------------------------------------------

def _svg(drawing: Drawing, top: float, bottom: float, colour: str, width: int,
         language: str = "en") -> str:
    height = bottom - top
    shown = [year for year, start in drawing.years if top - 1 <= start < bottom - 1] or \
        [year for year, start in drawing.years if start < bottom][-1:]
    # Written right to left, the drawing is mirrored: years on the right, words on the left,
    # each ending where it began before.
    rtl = words.direction(language) == "rtl"
    parts = []
    for shape in drawing.shapes:
        y1, y2 = max(shape.y1, top), min(shape.y2, bottom)
        if y2 <= y1:  # wholly in another part
            continue
        parts.append(_shape(_mirrored(shape, width) if rtl else shape, y1 - top, y2 - top,
                            colour))
    for word in drawing.words:
        if top <= word.y - word.size and word.y <= bottom:
            bold = ' font-weight="700"' if word.bold else ""
            x, edge = (width - word.x, "right") if rtl else (word.x, "left")
            parts.append(f'<text class="{word.css}" x="{x:.1f}" y="{word.y - top:.1f}" '
                         f'font-size="{word.size}"{text.anchored(word.words, edge, rtl)}'
                         f'{bold}>{escape(word.words)}</text>')
    title = words.translations(language).gettext(
        "Your life from %(first)s to %(last)s, drawn. The same places and times are listed "
        "in words below.") % {"first": words.numeral(shown[0], language),
                              "last": words.numeral(shown[-1], language)}
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
            f'viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" '
            f'font-family="{text.FONT_FAMILY}"><title>{escape(title)}</title>'
            f'<style>{_STYLE}</style>{"".join(parts)}</svg>')


def _mirrored(shape: Shape, width: int) -> Shape:
    """The shape as seen in a mirror standing at the drawing's right edge."""
    return Shape(shape.kind, width - shape.x2, shape.y1, width - shape.x1, shape.y2)


def _shape(shape: Shape, y1: float, y2: float, colour: str) -> str:
    x1, x2 = shape.x1, shape.x2
    w, h = x2 - x1, max(y2 - y1, 0.1)
    if shape.kind == "axis":
        return f'<rect class="axis" x="{x1:.1f}" y="{y1:.1f}" width="{w:.1f}" height="{h:.1f}"/>'
    if shape.kind in ("dot", "ring"):
        fill = colour if shape.kind == "dot" else "#fff"
        return (f'<circle class="{shape.kind}" cx="{x1 + w / 2:.1f}" cy="{y1 + h / 2:.1f}" '
                f'r="{w / 2 - 1:.1f}" fill="{fill}" stroke="{colour}" stroke-width="2"/>')
    if shape.kind == "leader":
        return (f'<line class="leader" x1="{x1:.1f}" y1="{y1 + h / 2:.1f}" x2="{x2:.1f}" '
                f'y2="{y1 + h / 2:.1f}"/>')
    fill = "#fff" if shape.kind == "hollow-bar" else colour
    return (f'<rect class="{shape.kind}" x="{x1:.1f}" y="{y1:.1f}" width="{w:.1f}" '
            f'height="{h:.1f}" rx="{min(w, h) / 2:.1f}" fill="{fill}" stroke="{colour}"/>')


_STYLE = (
    ".timeline .axis{fill:#b0bec5}"
    ".timeline .leader{stroke:#cfd8dc;stroke-width:1}"
    ".timeline text{fill:#263238}"
    ".timeline .year{fill:#455a64}"
    ".timeline .people{fill:#546e7a}"
    ".timeline .hollow-bar{stroke-dasharray:4 3}"
    ".timeline .soft{opacity:.35}"
)
