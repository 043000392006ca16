"""The family tree and the circles, measured as drawn: no line crosses a word.

Every word's box is measured with fontTools on the bundled Lato (a measure of our own, apart
from the Pillow measure the drawings use), then checked against every drawn line (lines,
polylines and paths, curves flattened into short segments), every symbol and every other word.
The site's drawings also keep a size contract: names at 14 units or more, and width and height
equal to the viewBox, so the site can show them at their natural size (1 unit = 1 CSS px).
Checked on the demo and on generated families and networks, not only the demo.
"""

from __future__ import annotations

import itertools
import math
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.build import check
from generator.core.paths import THEME
from generator.draw import genogram
from generator.model.types import Book
from generator.outputs.render import drawings
from tests.conftest import DEMO, minimal_files, write_journey
from tests.test_genogram import family


@cache
def _font(bold: bool) -> tuple[dict, dict, int]:
    """The drawings' font's advance widths, read with fontTools: a measure of our own, apart
    from the Pillow measure the drawing uses."""
    font = TTFont(THEME / "fonts" / ("Lato-Bold.ttf" if bold else "Lato-Regular.ttf"))
    return font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm


def word_width(words: str, size: float, bold: bool) -> float:
    cmap, metrics, per_em = _font(bold)
    return sum(metrics[cmap.get(ord(c), ".notdef")][0] for c in words) * size / per_em


NS = "{http://www.w3.org/2000/svg}"
Box = tuple[float, float, float, float]
Point = tuple[float, float]
STROKE = 4.0  # a line this close to a word's box touches it (half the widest stroke, and some)
MIN_FONT = 14


# -- reading an SVG back ---------------------------------------------------------------------

def _walk(element: ET.Element, dx: float = 0.0, dy: float = 0.0
          ) -> Iterator[tuple[ET.Element, float, float]]:
    """Every element with the translation its ancestors (and itself) put it at."""
    transform = element.get("transform", "")
    if transform:
        found = re.fullmatch(r"translate\(\s*(-?[\d.]+)[ ,]+(-?[\d.]+)\s*\)", transform)
        assert found, f"a transform the checker cannot read: {transform}"
        dx, dy = dx + float(found[1]), dy + float(found[2])
    yield element, dx, dy
    for child in element:
        yield from _walk(child, dx, dy)


def words(svg: str) -> list[tuple[Box, str, float]]:
    """(box, words, font size) of every text, from its x, y, text-anchor, size and weight."""
    found = []
    for element, dx, dy in _walk(ET.fromstring(svg)):
        if element.tag != f"{NS}text":
            continue
        assert element.get("font-size"), f"{element.text!r} has no font-size of its own"
        size = float(element.get("font-size"))
        x, y = float(element.get("x")) + dx, float(element.get("y")) + dy
        width = word_width(element.text or "", size, element.get("font-weight") == "700")
        left = x - {"start": 0, "middle": width / 2, "end": width}[
            element.get("text-anchor", "start")]
        found.append(((left, y - size * 0.95, left + width, y + size * 0.25),
                      element.text or "", size))
    return found


def _path_points(d: str) -> list[list[Point]]:
    """A path's outline as runs of points: curves flattened into 12 steps each."""
    tokens = re.findall(r"[MLHVQCZ]|-?\d+\.?\d*(?:e-?\d+)?", d)
    runs: list[list[Point]] = []
    x = y = 0.0
    i = 0
    command = ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        arity = {"M": 2, "L": 2, "H": 1, "V": 1, "Q": 4, "C": 6, "Z": 0}[command]
        numbers = [float(v) for v in tokens[i:i + arity]]
        i += arity
        if command == "M":
            x, y = numbers
            runs.append([(x, y)])
            command = "L"  # further pairs after M are lines
        elif command == "Z":
            runs[-1].append(runs[-1][0])
        elif command in "LHV":
            x = numbers[0] if command in "LH" else x
            y = numbers[-1] if command in "LV" else y
            runs[-1].append((x, y))
        else:
            controls = [(x, y), *zip(numbers[::2], numbers[1::2], strict=True)]
            for step in range(1, 13):
                runs[-1].append(_bezier(controls, step / 12))
            x, y = controls[-1]
    return runs


def _bezier(points: list[Point], t: float) -> Point:
    while len(points) > 1:
        points = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                  for a, b in itertools.pairwise(points)]
    return points[0]


def drawn(svg: str) -> tuple[list[tuple[Point, Point, str]], list[tuple[Box, str]],
                             list[tuple[Point, float, str]]]:
    """Every drawn line segment, rectangle and circle, each with its class."""
    segments, rects, circles = [], [], []
    for element, dx, dy in _walk(ET.fromstring(svg)):
        tag, css = element.tag.removeprefix(NS), element.get("class", "")

        def get(name: str, element=element) -> float:
            return float(element.get(name, 0))  # SVG: a missing coordinate is 0

        runs: list[list[Point]] = []
        if tag == "line":
            runs = [[(get("x1"), get("y1")), (get("x2"), get("y2"))]]
        elif tag in ("polyline", "polygon"):
            numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", element.get("points"))]
            runs = [list(zip(numbers[::2], numbers[1::2], strict=True))]
        elif tag == "path":
            runs = _path_points(element.get("d"))
        elif tag == "rect":
            x, y = get("x") + dx, get("y") + dy
            rects.append(((x, y, x + get("width"), y + get("height")), css))
        elif tag == "circle":
            circles.append(((get("cx") + dx, get("cy") + dy), get("r"), css))
        for run in runs:
            moved = [(px + dx, py + dy) for px, py in run]
            segments += [(a, b, css or tag) for a, b in itertools.pairwise(moved)]
    return segments, rects, circles


# -- geometry --------------------------------------------------------------------------------

def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def grown(box: Box, by: float) -> Box:
    return box[0] - by, box[1] - by, box[2] + by, box[3] + by


def segment_hits_box(a: Point, b: Point, box: Box) -> bool:
    """Does the segment a-b pass through the box (clipped, Liang-Barsky)?"""
    low, high = 0.0, 1.0
    delta = (b[0] - a[0], b[1] - a[1])
    for start, step, lo, hi in ((a[0], delta[0], box[0], box[2]),
                                (a[1], delta[1], box[1], box[3])):
        if abs(step) < 1e-9:
            if not lo <= start <= hi:
                return False
            continue
        t1, t2 = sorted(((lo - start) / step, (hi - start) / step))
        low, high = max(low, t1), min(high, t2)
        if low > high:
            return False
    return True


def circle_reach(centre: Point, box: Box) -> tuple[float, float]:
    """The nearest and the farthest a box comes to a point."""
    cx, cy = centre
    near_x = max(box[0] - cx, 0, cx - box[2])
    near_y = max(box[1] - cy, 0, cy - box[3])
    far_x = max(abs(box[0] - cx), abs(box[2] - cx))
    far_y = max(abs(box[1] - cy), abs(box[3] - cy))
    return math.hypot(near_x, near_y), math.hypot(far_x, far_y)


def assert_no_line_crosses_a_word(svg: str) -> None:
    """No line, symbol or outline crosses a word, no word overlaps another, and every word is
    inside the drawing."""
    root = ET.fromstring(svg)
    left, top, width, height = (float(v) for v in root.get("viewBox").split())
    boxes = words(svg)
    segments, rects, circles = drawn(svg)
    assert boxes
    for box, text, _ in boxes:
        assert left <= box[0] and box[2] <= left + width, f"{text!r} runs off the side"
        assert top <= box[1] and box[3] <= top + height, f"{text!r} runs off the top or foot"
        near = grown(box, STROKE)
        for a, b, css in segments:
            assert not segment_hits_box(a, b, near), f"a {css} line crosses {text!r} at {a}-{b}"
        for rect, css in rects:
            assert not overlap(box, rect), f"a {css or 'rect'} overlaps {text!r}"
        for centre, r, css in circles:
            # a word may sit inside a circle (a ring, the young person's dot) or outside it,
            # never across its outline
            nearest, farthest = circle_reach(centre, box)
            inside, outside = farthest <= r - 1, nearest >= r + 1
            assert inside or outside, f"the outline of a {css or 'circle'} crosses {text!r}"
            assert not (inside and r < 40 and css != "me"), f"{text!r} is in a dot"
    for i, (a, first, _) in enumerate(boxes):
        for b, second, _ in boxes[i + 1:]:
            assert not overlap(a, b), f"{first!r} overlaps {second!r}"


def assert_site_size_contract(svg: str) -> None:
    """Shown at its natural size: width and height are the viewBox's, names 14 units or more,
    and no style sheet rule overrides a word's own size, weight or anchor."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    assert float(root.get("width")) == pytest.approx(width, abs=0.01)
    assert float(root.get("height")) == pytest.approx(height, abs=0.01)
    style = "".join(s.text or "" for s in root.iter(f"{NS}style"))
    assert not re.search(r"font-size|font-weight|text-anchor|font:", style), "a style rule"
    for _, text, size in words(svg):
        assert size >= MIN_FONT, f"{text!r} is drawn at {size} units"


# -- journeys --------------------------------------------------------------------------------

def family_with_feelings(folder: Path, seed: int, size: int) -> Book:
    """A generated family with long names (on two or three lines) and emotional lines between
    people in the tree: across rows, along a row, far apart, three from the young person."""
    files = family(seed, size)
    people = files["people.yaml"]["people"]
    rng = random.Random(seed)
    for person in people:
        if rng.random() < 0.3:
            person["called"] = rng.choice(["Great Grandmother Margaret", "Auntie Bernadette",
                                           "Christopherson", "Uncle Maximilian Jr", "Jo"])
    files["journey.yaml"]["book"] = {"emotional_lines": True}
    in_tree = sorted(check(write_journey(folder / "first", files)).book.tree.nodes)
    pairs = {tuple(sorted(rng.sample(in_tree, 2))) for _ in range(5)}
    pairs |= {tuple(sorted(("me", other))) for other in rng.sample(in_tree, 4) if other != "me"}
    feelings = ["close", "distant", "conflict", "cut off"]
    files["people.yaml"]["relationships"] = [
        {"between": list(pair), "feeling": feelings[i % 4]} for i, pair in enumerate(sorted(pairs))]
    return check(write_journey(folder / "second", files)).book


NAMES = ["Auntie Keisha", "Priya", "Coach Dani", "Mr Adeyemi", "Great Auntie Bernadette",
         "Jo", "Mrs K", "Grandad Winston", "Lily", "Carol", "Uncle Maximilian", "Sam",
         "Dr Okonkwo-Smith", "Nan", "Steve", "Cousin Tom"]


def network(size: int, seed: int) -> dict[str, object]:
    """A young person with size people around them, of every kind, tie and closeness."""
    rng = random.Random(seed)
    files = minimal_files()
    rings = ["very close", "close", "in touch", "not in touch"]
    people = []
    for i in range(size):
        person = {"id": f"n{i}", "called": f"{rng.choice(NAMES)} {i}", "relation": "someone",
                  "kind": rng.choice(["family", "carer", "friend", "community", "professional"]),
                  "closeness": {"before": rng.choice(rings), "now": rng.choice(rings[:3])},
                  "tie": rng.choice(["strong", "tenuous", "stressful"])}
        if rng.random() < 0.5:
            person["support"] = rng.choice(["to me", "from me", "both ways"])
        people.append(person)
    files["people.yaml"]["people"] += people
    return files


@pytest.fixture(scope="module")
def demo_book(known) -> Book:
    """The demo's book, modelled once for this file's tests."""
    return check(DEMO, cache_dir=known).book


# -- the family tree -------------------------------------------------------------------------

def test_the_checker_sees_a_curve_through_a_name():
    """The check can fail: an emotional line's curve drawn over a name is caught."""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"><text x="100" y="100" '
           'font-size="17" text-anchor="middle">Grandad Winston</text><path class="emotion" '
           'd="M20,150 Q100,20 180,150"/></svg>')
    with pytest.raises(AssertionError, match="emotion line crosses 'Grandad Winston'"):
        assert_no_line_crosses_a_word(svg)


def test_the_demo_tree_has_no_line_across_a_name(demo_book):
    """The whole tree, and each side of the family as the site draws it."""
    tree = genogram.svg(demo_book.tree, demo_book.colour_hex)
    assert tree.count('class="emotion ') == 4  # the demo draws all its emotional lines
    assert_no_line_crosses_a_word(tree)
    assert_site_size_contract(tree)
    parts = drawings(demo_book).tree_parts
    assert len(parts) == 3
    for part in parts:
        assert_no_line_crosses_a_word(part.svg)
        assert_site_size_contract(part.svg)


def test_the_printed_demo_trees_have_no_line_across_a_name(demo_book):
    """Printed, the tree is split by side (with emotional lines where names stay readable),
    and every page fits its drawing box."""
    printed = drawings(demo_book).tree_print
    assert len(printed) == 3
    for _, svg, (width, height) in printed:
        assert_no_line_crosses_a_word(svg)
        box = demo_book.page.drawing_box
        assert width <= box[0] + 0.01 and height <= box[1] + 0.01


@pytest.mark.parametrize("seed", range(8))
def test_generated_trees_have_no_line_across_a_name(tmp_path, seed):
    """Up to 50 people, remarriages, half-siblings, twins' parents, long names, and emotional
    lines between people on any rows."""
    book = family_with_feelings(tmp_path, seed, 18 + seed * 4)
    svg = genogram.svg(book.tree)
    assert len(book.tree.feelings) >= 4
    assert svg.count('class="emotion ') == len(book.tree.feelings)  # every one is drawn
    assert_no_line_crosses_a_word(svg)
    assert_site_size_contract(svg)


def test_long_names_wrap_whole_and_are_never_cut(tmp_path):
    """A name of many words, or one long word, is drawn whole on as many lines as it takes,
    broken only between words, with its neighbours further off."""
    files = family(1, 8)
    long_name = "Great Grandmother Margaret Elizabeth Okonkwo-Fitzgerald-Smythe"
    files["people.yaml"]["people"][0]["called"] = long_name
    book = check(write_journey(tmp_path / "j", files)).book
    svg = genogram.svg(book.tree, book.colour_hex)
    drawn = [text for _, text, _ in words(svg)]
    assert " ".join(drawn).count(long_name) == 1  # its lines, read in order, give the name
    assert "Okonkwo-Fitzgerald-Smythe" in drawn  # a word too long for a line stays whole
    assert_no_line_crosses_a_word(svg)


# -- the circles -----------------------------------------------------------------------------

def test_the_checker_sees_a_tie_through_a_name():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200"><g transform="'
           'translate(50,0)"><text x="100" y="100" font-size="14">Auntie Keisha</text></g>'
           '<line class="tie" x1="0" y1="95" x2="400" y2="95"/></svg>')
    with pytest.raises(AssertionError, match="tie line crosses 'Auntie Keisha'"):
        assert_no_line_crosses_a_word(svg)


def test_the_demo_circles_have_no_line_across_a_name(demo_book):
    """On a screen (rings as ellipses: a name may cross one's outline, with a halo) and in
    print (round, every name inside its ring: WeasyPrint draws no halo), no tie or dot
    crosses a name."""
    drawn = drawings(demo_book)
    for svg in (drawn.circles.before_svg, drawn.circles.now_svg):
        assert_no_line_crosses_a_word(svg)
        assert_site_size_contract(svg)
        assert float(ET.fromstring(svg).get("width")) <= 900  # readable, not absurdly large
        assert "paint-order" in svg
    for svg in (drawn.circles_print.before_svg, drawn.circles_print.now_svg):
        assert_no_line_crosses_a_word(svg)
        assert 'class="ring ring-2" cx=' in svg and "<ellipse" not in svg
        assert "paint-order" not in svg  # it would paint the white halo over the names
    assert drawn.circles.now_svg.count('class="tie') >= 10


@pytest.mark.parametrize(("size", "seed"), [(8, 0), (25, 1), (25, 2), (40, 3)])
def test_generated_networks_have_no_line_across_a_name(tmp_path, size, seed):
    """Up to 40 people in the circles, many in one ring, with long names."""
    book = check(write_journey(tmp_path / "j", network(size, seed))).book
    drawn_circles = drawings(book).circles
    for svg in (drawn_circles.before_svg, drawn_circles.now_svg):
        assert_no_line_crosses_a_word(svg)
        assert_site_size_contract(svg)
    assert drawn_circles.now_count == size
