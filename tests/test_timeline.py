"""The drawn timeline: a life down the page. No bar, line or mark crosses a word (checked on the
geometry: every word's box against every drawn shape and every other word), names wrap and are
never cut, the drawing ends with the last thing that happened, vague dates are ranges, and in
print it is cut into parts that fit the page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from functools import cache

import pytest
from fontTools.ttLib import TTFont

from generator.build import check
from generator.core.geometry import MM_PER_POINT, PAGES
from generator.core.paths import THEME
from generator.draw import timeline
from generator.stages.render import drawings
from tests.conftest import DEMO, minimal_files, write_journey

NS = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]


@cache
def _font(bold: bool) -> tuple[dict, dict, int]:
    """The book's font's advance widths, read with fontTools: a measure of our own, apart from
    the Pillow measure the drawing uses."""
    font = TTFont(THEME / "fonts" / ("Lato-Bold.ttf" if bold else "Lato-Regular.ttf"))
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def word_width(words: str, size: float, bold: bool) -> float:
    cmap, metrics, per_em = _font(bold)
    return sum(metrics[cmap.get(ord(c), ".notdef")][0] for c in words) * size / per_em


def word_boxes(svg: str) -> list[tuple[Box, str]]:
    boxes = []
    for text in ET.fromstring(svg).iter(f"{NS}text"):
        size, x, y = float(text.get("font-size")), float(text.get("x")), float(text.get("y"))
        width = word_width(text.text or "", size, text.get("font-weight") == "700")
        boxes.append(((x, y - size * 0.95, x + width, y + size * 0.25), text.text or ""))
    return boxes


def shape_boxes(svg: str) -> list[tuple[Box, str]]:
    boxes = []
    for element in ET.fromstring(svg).iter():
        tag = element.tag.removeprefix(NS)

        def get(name: str, element=element) -> float:
            return float(element.get(name))

        if tag == "rect":
            boxes.append(((get("x"), get("y"), get("x") + get("width"), get("y") + get("height")),
                          element.get("class")))
        elif tag == "circle":
            r = get("r") + 1
            boxes.append(((get("cx") - r, get("cy") - r, get("cx") + r, get("cy") + r), "mark"))
        elif tag == "line":
            boxes.append(((min(get("x1"), get("x2")), min(get("y1"), get("y2")) - 0.5,
                           max(get("x1"), get("x2")), max(get("y1"), get("y2")) + 0.5), "line"))
    return boxes


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def assert_nothing_crosses_a_word(svg: str, width: int) -> None:
    words, shapes = word_boxes(svg), shape_boxes(svg)
    assert words and shapes
    for box, text in words:
        assert box[0] >= 0 and box[2] <= width, f"{text!r} runs off the drawing"
        for shape, kind in shapes:
            assert not overlap(box, shape), f"a {kind} crosses {text!r}"
    for i, (a, first) in enumerate(words):
        for b, second in words[i + 1:]:
            assert not overlap(a, b), f"{first!r} overlaps {second!r}"


FRAMES = [timeline.SCREEN, timeline.print_frame(PAGES["A5"]), timeline.print_frame(PAGES["A4"])]


@pytest.mark.parametrize("frame", FRAMES, ids=["screen", "A5", "A4"])
def test_in_the_demo_no_bar_line_or_mark_crosses_a_word(frame):
    life = timeline.life(check(DEMO).cast, date(2026, 11, 23))
    parts = timeline.timeline_svgs(life, "#00897b", frame)
    assert len(parts) == (1 if frame.part_height is None else len(parts))
    for part in parts:
        assert f'viewBox="0 0 {frame.width} ' in part  # the same width: never shrunk
        assert_nothing_crosses_a_word(part, frame.width)


def test_the_checker_sees_a_bar_through_a_word():
    """The geometry check can fail: a bar drawn over a name is caught."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><text x="10" y="20" font-size="14">'
           'You joined Brackenford Juniors</text><rect x="40" y="10" width="100" height="6"/>'
           '</svg>')
    with pytest.raises(AssertionError, match="crosses 'You joined Brackenford Juniors'"):
        assert_nothing_crosses_a_word(svg, 400)


def test_long_names_wrap_whole_and_are_never_cut():
    life = timeline.life(check(DEMO).cast, date(2026, 11, 23))
    drawn = " ".join(text for part in timeline.timeline_svgs(life, "#00897b")
                     for _, text in word_boxes(part))
    assert "…" not in drawn and "..." not in drawn
    for title in ("Your cousins Mia and Tom were born", "You passed your first coaching badge",
                  "You met Granny Von for the first time since you were three"):
        assert title in drawn  # its lines, read in order, give the whole name


def test_no_empty_years_after_the_last_thing_that_happened(tmp_path):
    files = minimal_files()
    files["timeline.yaml"] = {
        "places": [{"id": "a", "name": "A flat", "from": 2010, "to": 2014}],
        "events": [{"date": "2012-05-01", "title": "A day at the sea"},
                   {"date": "about 2015", "title": "Started football"}],
    }
    cast = check(write_journey(tmp_path / "j", files)).cast
    svg = timeline.timeline_svgs(timeline.life(cast, date(2026, 1, 1)), "#00897b")[0]
    years = [t for _, t in word_boxes(svg) if t.isdigit()]
    assert years[0] == "2010" and years[-1] == "2015", years  # "about 2015" ends the drawing


def test_a_long_busy_life_is_cut_into_parts_that_fit_the_printed_page(tmp_path):
    """Thirty years, a move every year and three events a year, with long names."""
    files = minimal_files()
    files["timeline.yaml"] = {
        "places": [{"id": f"p{y}", "name": f"A home with a long name number {y}",
                    "from": y, "to": y + 1} for y in range(1995, 2025)],
        "events": [{"date": f"{y}-{m:02d}", "title": f"Something that happened in month {m} "
                    "and that takes quite a few words to tell"}
                   for y in range(1995, 2025) for m in (2, 6, 10)],
    }
    cast = check(write_journey(tmp_path / "j", files)).cast
    life = timeline.life(cast, date(2026, 1, 1))
    for page in PAGES.values():
        frame = timeline.print_frame(page)
        parts = timeline.timeline_svgs(life, "#00897b", frame)
        assert len(parts) > 3
        shown = []
        for part in parts:
            height = float(ET.fromstring(part).get("height"))
            assert height <= frame.part_height
            # printed at the page's text width, names are at least 8 pt
            assert 14 * page.text_width / frame.width / MM_PER_POINT >= 8
            assert_nothing_crosses_a_word(part, frame.width)
            shown += [text for _, text in word_boxes(part)]
        # every entry is drawn in exactly one part: none lost at a cut, none drawn twice
        assert sum("Something that happened" in t for t in shown) == 90


def test_vague_dates_are_ranges_and_exact_ones_dots():
    life = timeline.life(check(DEMO).cast, date(2026, 11, 23))
    svg = timeline.timeline_svgs(life, "#00897b")[0]
    soft = [box for box, kind in shape_boxes(svg) if kind == "soft"]
    year_height = 30
    assert any(box[3] - box[1] > year_height for box in soft)  # "about 2010": years long
    assert svg.count('<circle class="dot"') >= 15


def test_kept_out_words_are_not_drawn(tmp_path):
    files = minimal_files()
    files["people.yaml"]["people"].append({"id": "x", "called": "Rick", "relation": "r",
                                           "visibility": "never shown"})
    files["timeline.yaml"] = {"events": [{"date": 2015, "title": "Rick visited"},
                                         {"date": 2016, "title": "A good day"}]}
    book = check(write_journey(tmp_path / "j", files)).book
    drawn = "".join(drawings(book).timeline_svgs + drawings(book).timeline_print_svgs)
    assert "Rick" not in drawn and "A good day" in drawn
