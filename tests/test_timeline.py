"""The drawn timeline: long lives wrap into rows (never shrink), labels never overlap or run
off the drawing, vague dates are drawn as ranges."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from generator.build import check
from generator.core.geometry import PAGES
from generator.draw import timeline
from generator.stages.render import drawings
from tests.conftest import DEMO, minimal_files, write_journey

NS = "{http://www.w3.org/2000/svg}"


def label_boxes(svg: str) -> list[tuple[float, float, float, str]]:
    """(left, right, baseline y, text) of every label, from its position and length."""
    boxes = []
    for text in ET.fromstring(svg).iter(f"{NS}text"):
        if text.get("class") == "year":
            continue
        size = 12 if text.get("class") == "people" else 14
        width = len(text.text or "") * size * 0.53
        x = float(text.get("x"))
        left = x - width if text.get("text-anchor") == "end" else x
        boxes.append((left, left + width, float(text.get("y")), text.text or ""))
    return boxes


def assert_readable(svg: str, grid: timeline.Grid) -> None:
    boxes = label_boxes(svg)
    for left, right, _, text in boxes:
        assert left >= 0 and right <= grid.width + 1, f"{text!r} runs off the drawing"
    for i, (l1, r1, y1, t1) in enumerate(boxes):
        for l2, r2, y2, t2 in boxes[i + 1:]:
            if abs(y1 - y2) < 12:
                assert r1 <= l2 or r2 <= l1, f"{t1!r} overlaps {t2!r}"


def test_demo_timeline_is_readable_on_screen_and_in_print():
    life = timeline.life(check(DEMO).cast, date(2026, 11, 23))
    for grid in (timeline.SCREEN, timeline.print_grid(PAGES["A5"]), timeline.print_grid(PAGES["A4"])):
        rows = timeline.timeline_rows(life, "#00897b", grid)
        assert len(rows) == -(-(2026 - 2009 + 1) // grid.years)  # 2009..2026, wrapped
        for row in rows:
            assert f'viewBox="0 0 {grid.width} ' in row  # every row the same width: no shrinking
            assert_readable(row, grid)


def test_a_long_busy_life_wraps_and_stays_readable(tmp_path):
    """Thirty years, a move every year and three events a year."""
    files = minimal_files()
    files["timeline.yaml"] = {
        "places": [{"id": f"p{y}", "name": f"A home with a long name number {y}",
                    "from": y, "to": y + 1} for y in range(1995, 2025)],
        "events": [{"date": f"{y}-{m:02d}", "title": f"Something that happened in month {m}"}
                   for y in range(1995, 2025) for m in (2, 6, 10)],
    }
    cast = check(write_journey(tmp_path / "j", files)).cast
    rows = timeline.timeline_rows(timeline.life(cast, date(2026, 1, 1)), "#00897b")
    assert len(rows) == 7
    for row in rows:
        assert_readable(row, timeline.SCREEN)


def test_vague_dates_are_ranges_and_exact_ones_dots():
    life = timeline.life(check(DEMO).cast, date(2026, 11, 23))
    svg = "".join(timeline.timeline_rows(life, "#00897b"))
    first_steps = re.search(r'<rect class="fuzzy" x="([\d.]+)" y="[\d.-]+" width="([\d.]+)"', svg)
    assert first_steps and float(first_steps.group(2)) > 100  # "about 2010": years wide
    assert svg.count('<circle class="mark"') >= 15


def test_kept_out_words_are_not_drawn(tmp_path):
    files = minimal_files()
    files["people.yaml"]["people"].append({"id": "x", "called": "Rick", "relation": "r",
                                           "visibility": "never shown"})
    files["timeline.yaml"] = {"events": [{"date": 2015, "title": "Rick visited"},
                                         {"date": 2016, "title": "A good day"}]}
    book = check(write_journey(tmp_path / "j", files)).book
    drawn = "".join(drawings(book).timeline_svgs + drawings(book).timeline_print_svgs)
    assert "Rick" not in drawn and "A good day" in drawn
