"""The drawn timeline: places lived as bands (mobility mapping), events as marks, in SVG.

A life is cut into rows of a few years each, so a long life wraps over several rows (and pages)
instead of shrinking. Vague dates are drawn as what they are: "about 2010" or "between 2012 and
2016" as a soft range, an exact day as a dot. Labels never overlap: each band or event takes the
first lane where its label fits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape

from generator.core.dates import FuzzyDate
from generator.core.geometry import MIN_PRINT_POINTS, MM_PER_POINT, Page
from generator.stages.cast_types import Cast

LEFT = 20
LANE = 40
EVENT_LANE = 26
FONT = 14
CHAR = 7.4  # average width of a character at FONT, for fitting labels


@dataclass(frozen=True)
class Grid:
    """How a life is cut into rows: years per row, and the drawing's width in units."""

    years: int = 5
    width: int = 1000

    @property
    def scale(self) -> float:
        return (self.width - 2 * LEFT) / self.years  # units per year


SCREEN = Grid(5, 1000)


@dataclass(frozen=True)
class Span:
    start: float  # years as a decimal, e.g. 2011.5
    end: float
    label: str
    sub: str
    kind: str  # home, other, event, range-event


@dataclass(frozen=True)
class Life:
    """What the timeline shows, from the safe cast: part of the book model."""

    spans: list[Span]
    today: float  # the build's day, as a decimal year: the timeline runs to it


def life(cast: Cast, today: date | None = None) -> Life:
    """The places lived and the events of a life, as spans of years."""
    today = today or build_day()
    places, events = [], []
    name_of = cast.name_of
    for place in cast.places:
        end = _years(place.end.latest) if place.end else _years(today)
        people = [n for n in (name_of(p) for p in place.people) if n]
        sub = "with " + ", ".join(people[:3]) + (" and others" if len(people) > 3 else "") \
            if people else ""
        places.append(Span(_years(place.start.anchor), max(end, _years(place.start.anchor) + 0.05),
                           place.name, sub, "home" if place.lived_here else "other"))
    for event in cast.events:
        start, end = _range(event.date)
        events.append(Span(start, end, _short(event.title, 30), "",
                           "event" if end - start < 0.1 else "range-event"))
    return Life(places + events, _years(today))


def print_grid(page: Page) -> Grid:
    """The grid of a printed row: as many units as the turned page's text width holds with
    words at the smallest printed size, about four years to a row on A5."""
    units_per_mm = FONT / (MIN_PRINT_POINTS * MM_PER_POINT)
    width = round(page.wide_text_width * units_per_mm / 50) * 50
    return Grid(max(4, round(width / 225)), width)


def timeline_rows(life: Life, colour: str, grid: Grid = SCREEN) -> list[str]:
    """Return one SVG per row of years, from the first place or event to today."""
    spans = life.spans
    if not spans:
        return []
    first = int(min(s.start for s in spans))
    last = int(max(life.today, *(s.end for s in spans)))
    rows = []
    for row_start in range(first, last + 1, grid.years):
        row_end = row_start + grid.years
        in_row = [s for s in spans if s.start < row_end and s.end >= row_start]
        rows.append(_row(row_start, row_end, in_row, colour, grid))
    return rows


def build_day() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names (the reproducible-builds convention), so the
    same inputs draw the same timeline whenever they are built."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


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


def _short(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _x(year: float, row_start: int, grid: Grid) -> float:
    return LEFT + (min(max(year, row_start), row_start + grid.years) - row_start) * grid.scale


def _lanes(items: list[tuple[float, float]]) -> list[int]:
    """Greedy lanes: each item (left, right) goes into the first lane where it fits."""
    ends: list[float] = []
    lanes = []
    for left, right in items:
        for lane, end in enumerate(ends):
            if left >= end + 8:
                ends[lane] = right
                lanes.append(lane)
                break
        else:
            ends.append(right)
            lanes.append(len(ends) - 1)
    return lanes


def _row(row_start: int, row_end: int, spans: list[Span], colour: str, grid: Grid) -> str:
    parts = []
    axis_y = 24
    for year in range(row_start, row_end + 1):
        x = _x(year, row_start, grid)
        parts.append(f'<line class="tick" x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y}"/>')
        if year < row_end:
            parts.append(f'<text class="year" x="{x + 4:.1f}" y="{axis_y - 8}">{year}</text>')
    places = sorted((s for s in spans if s.kind in ("home", "other")),
                    key=lambda s: (s.kind != "home", s.start))
    edge = grid.width - LEFT
    boxes, anchors = [], []
    for span in places:
        left, right = _x(span.start, row_start, grid), _x(span.end, row_start, grid)
        label_width = max(len(span.label), len(span.sub) * 0.85) * CHAR + 12
        # A label that would run off the row is drawn right-aligned to the row's end instead.
        label_left = min(left, edge - label_width)
        anchors.append(label_left)
        boxes.append((min(left, label_left), max(right, label_left + label_width)))
    lanes = _lanes(boxes)
    top = axis_y + 12
    for span, lane, label_left in zip(places, lanes, anchors, strict=True):
        left, right = _x(span.start, row_start, grid), _x(span.end, row_start, grid)
        y = top + lane * LANE
        css = "band" if span.kind == "home" else "band other"
        parts.append(f'<rect class="{css}" x="{left:.1f}" y="{y}" width="{max(right - left, 3):.1f}" '
                     f'height="10" rx="5" fill="{colour if span.kind == "home" else "#fff"}" '
                     f'stroke="{colour}"/>')
        parts.append(f'<text class="place" x="{label_left + 2:.1f}" y="{y + 24}">'
                     f"{escape(span.label)}</text>")
        if span.sub:
            parts.append(f'<text class="people" x="{label_left + 2:.1f}" y="{y + 37}">'
                         f"{escape(span.sub)}</text>")
    events_top = top + (max(lanes) + 1 if lanes else 0) * LANE + 14
    events = sorted((s for s in spans if s.kind.endswith("event")), key=lambda s: s.start)
    marks, flipped = [], []
    for span in events:
        x, end = _x(span.start, row_start, grid), _x(span.end, row_start, grid)
        label_width = 14 + len(span.label) * CHAR * 0.9
        flip = x + label_width > edge  # near the row's end: the label goes left of the mark
        flipped.append(flip)
        # A vague event's soft range counts too: nothing else may sit on it.
        marks.append((x - label_width, max(x, end)) if flip else (x, max(end, x + label_width)))
    event_lanes = _lanes(marks)
    for span, lane, flip in zip(events, event_lanes, flipped, strict=True):
        x = _x(span.start, row_start, grid)
        y = events_top + lane * EVENT_LANE
        if span.kind == "range-event":
            width = max(_x(span.end, row_start, grid) - x, 6)
            parts.append(f'<rect class="fuzzy" x="{x:.1f}" y="{y - 3}" width="{width:.1f}" '
                         f'height="6" rx="3" fill="{colour}"/>')
        else:
            parts.append(f'<circle class="mark" cx="{x:.1f}" cy="{y}" r="5" fill="{colour}"/>')
        anchor = f'x="{x - 10:.1f}" text-anchor="end"' if flip else f'x="{x + 10:.1f}"'
        parts.append(f'<text class="event" {anchor} y="{y + 5}">{escape(span.label)}</text>')
    height = events_top + (max(event_lanes) + 1 if event_lanes else 0) * EVENT_LANE + 6
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
            f'viewBox="0 0 {grid.width} {height}" width="{grid.width}" height="{height}" '
            f'font-family="Lato, sans-serif"><title>Your life from {row_start} to {row_end - 1}'
            f'</title><style>{_STYLE}</style><line class="axis" x1="{LEFT}" y1="{axis_y}" '
            f'x2="{grid.width - LEFT}" y2="{axis_y}"/>{"".join(parts)}</svg>')


_STYLE = (
    ".timeline .axis{stroke:#90a4ae;stroke-width:2}"
    ".timeline .tick{stroke:#90a4ae;stroke-width:2}"
    ".timeline .tick{stroke-linecap:round;stroke-width:8}"
    ".timeline text{font-size:14px;fill:#263238}"
    ".timeline .year{font-weight:700;fill:#546e7a}"
    ".timeline .place{font-weight:700}"
    ".timeline .people{font-size:12px;fill:#607d8b}"
    ".timeline .band.other{stroke-dasharray:4 3}"
    ".timeline .fuzzy{opacity:.3}"
)
