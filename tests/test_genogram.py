"""The family tree's geometry, read back from the SVG: no overlaps, lines end on symbols.

Checked over generated family shapes (remarriages, half-siblings, many children, missing
parents, four generations), not only the demo.
"""

from __future__ import annotations

import itertools
import random
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build import check
from generator.core.geometry import MIN_PRINT_POINTS, PAGES
from generator.draw import genogram, tree_layout, tree_print
from generator.outputs.render import drawings
from tests.conftest import DEMO, write_journey

NS = "{http://www.w3.org/2000/svg}"
HALF = genogram.SYMBOL / 2


def symbols(svg: str) -> list[tuple[float, float, str]]:
    """(x, y, label) of every person symbol's centre."""
    found = []
    for group in ET.fromstring(svg).iter(f"{NS}g"):
        if "person" not in group.get("class", ""):
            continue
        shape = next(iter(group))
        if shape.tag == f"{NS}circle":
            x, y = float(shape.get("cx")), float(shape.get("cy"))
        elif shape.tag == f"{NS}rect":
            x = float(shape.get("x")) + float(shape.get("width")) / 2
            y = float(shape.get("y")) + float(shape.get("height")) / 2
        else:
            points = [float(v) for v in re.findall(r"-?\d+\.?\d*", shape.get("d"))]
            x, y = points[0], (points[1] + points[5]) / 2
        label = " ".join(t.text or "" for t in group.iter(f"{NS}text"))
        found.append((x, y, label))
    return found


def segments(svg: str, css: str) -> list[tuple[float, float, float, float]]:
    out = []
    for element in ET.fromstring(svg).iter():
        if css not in element.get("class", "").split():
            continue
        if element.tag == f"{NS}line":
            out.append(tuple(float(element.get(k)) for k in ("x1", "y1", "x2", "y2")))
        else:
            d = element.get("d")
            numbers = [float(v) for v in re.findall(r"-?\d+\.?\d*", d)]
            if " V" in d:  # M x,y V y2: down from a union
                out.append((numbers[0], numbers[1], numbers[0], numbers[2]))
            elif " H" in d:  # M x,y H x2: a one-parent stub, or a sibship bar
                out.append((numbers[0], numbers[1], numbers[2], numbers[1]))
            else:
                out.append(tuple(numbers[:4]))
    return out


def near_symbol(x: float, y: float, centres, tolerance: float = 0.6) -> bool:
    """Is (x, y) on the outline of some symbol (its top middle, or its left/right middle)?"""
    for cx, cy, _ in centres:
        if abs(x - cx) < tolerance and abs(y - (cy - HALF)) < tolerance:
            return True
        if abs(y - cy) < tolerance and abs(abs(x - cx) - HALF) < tolerance:
            return True
    return False


def crosses_symbol(segment, centres, ends) -> bool:
    """Does a straight segment pass through a symbol's box (other than the ones it joins)?"""
    x1, y1, x2, y2 = segment
    for cx, cy, _ in centres:
        if (cx, cy) in ends:
            continue
        for step in range(1, 40):
            t = step / 40
            px, py = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
            if abs(px - cx) < HALF - 1 and abs(py - cy) < HALF - 1:
                return True
    return False


def assert_geometry(svg: str) -> None:
    centres = symbols(svg)
    rows: dict[float, list[float]] = {}
    for x, y, _ in centres:
        rows.setdefault(round(y, 1), []).append(x)
    for y, xs in rows.items():
        xs.sort()
        for left, right in itertools.pairwise(xs):
            assert right - left >= genogram.GAP - 0.5, f"symbols overlap on row {y}"
    for x1, y1, x2, y2 in segments(svg, "union"):
        assert near_symbol(x1, y1, centres) and near_symbol(x2, y2, centres), "union end"
        assert not crosses_symbol((x1, y1, x2, y2), centres, set()), "union through a symbol"
    for x1, y1, x2, y2 in segments(svg, "child"):
        assert near_symbol(x2, y2, centres), f"child line ends off a symbol at {x2},{y2}"
        assert not crosses_symbol((x1, y1, x2, y2), centres, set()), "child line through symbol"
    for css in ("descent", "sibship"):
        for segment in segments(svg, css):
            assert not crosses_symbol(segment, centres, set()), f"{css} line through a symbol"


def family(seed: int, size: int) -> dict[str, object]:
    """A random but plausible family around 'me': generations, remarriages, half-siblings."""
    rng = random.Random(seed)
    people: list[dict] = []
    unions: list[dict] = []
    counter = iter(range(10_000))

    def person(generation: int, parents: list[str], sex: str | None = None) -> str:
        pid = f"p{next(counter)}"
        born = min(1940 + 25 * generation + rng.randint(0, 20), 2025)  # no one born in future
        people.append({"id": pid, "called": f"Person {pid}", "relation": "family",
                       "sex": sex or rng.choice(["female", "male", "unknown"]),
                       "born": born, "parents": parents})
        return pid

    founders = [(person(0, [], "male"), person(0, [], "female")) for _ in range(2)]
    couples = list(founders)
    for a, b in founders:
        unions.append({"partners": [a, b], "kind": "married"})
    generation_of = {p["id"]: 0 for p in people}
    me_parents: list[str] = []
    while len(people) < size and couples:
        a, b = couples.pop(0)
        level = generation_of[a] + 1
        if level > 3:
            continue
        for _ in range(rng.choice([1, 2, 3, 4, 8 if rng.random() < 0.1 else 2])):
            parents = [a, b] if rng.random() > 0.15 else [a]  # some with one known parent
            child = person(level, parents)
            generation_of[child] = level
            if rng.random() < 0.6 and level < 3:
                partner = person(level, [])
                generation_of[partner] = level
                unions.append({"partners": [child, partner],
                               "ended": rng.choice([None, "separated", "divorced"])})
                couples.append((child, partner))
                if rng.random() < 0.3:  # a remarriage: a second partner, half-siblings
                    second = person(level, [])
                    generation_of[second] = level
                    unions.append({"partners": [child, second]})
                    couples.append((child, second))
                if not me_parents and level == 2:
                    me_parents = [child, partner]
    for union in unions:
        union["partners"] = list(union["partners"])
        if union.get("ended") is None:
            union.pop("ended", None)
    return {
        "journey.yaml": {"young_person": {"id": "me", "called": "Me", "sex": "female",
                                          "parents": me_parents or [founders[0][0]]},
                         "coordinator": {"name": "C"}},
        "people.yaml": {"people": people, "unions": unions},
    }


def tree_of(folder: Path) -> str:
    """The journey's whole family tree, drawn."""
    return drawn_tree(check(folder).book)


def drawn_tree(book) -> str:
    return genogram.svg(book.tree, book.colour_hex)


def test_demo_tree_geometry(demo_checked):
    """The demo's tree: no overlaps, every line ends on a symbol, none passes through one."""
    assert_geometry(drawn_tree(demo_checked.book))


def test_demo_tree_shows_withheld_and_hides_never_shown(demo_checked):
    svg = drawn_tree(demo_checked.book)
    labels = " ".join(label for _, _, label in symbols(svg))
    assert "your birth father" in labels and "Marcus" not in svg and "Craig" not in svg
    assert svg.count('class="person placeholder"') == 1


def test_children_sit_oldest_on_the_left(tmp_path):
    files = family(0, 5)
    files["people.yaml"] = {
        "people": [
            {"id": "mum", "called": "Mum", "relation": "m", "sex": "female"},
            {"id": "dad", "called": "Dad", "relation": "d", "sex": "male"},
            {"id": "young", "called": "Youngest", "relation": "s", "born": 2015,
             "parents": ["mum", "dad"]},
            {"id": "old", "called": "Oldest", "relation": "s", "born": 2001,
             "parents": ["mum", "dad"]},
        ],
        "unions": [{"partners": ["mum", "dad"]}],
    }
    files["journey.yaml"]["young_person"].update(parents=["mum", "dad"], born=2008)
    svg = tree_of(write_journey(tmp_path / "j", files))
    xs = {label.split()[0]: x for x, _, label in symbols(svg)}
    assert xs["Oldest"] < xs["Me"] < xs["Youngest"]
    assert_geometry(svg)


@pytest.mark.parametrize("seed", range(12))
def test_generated_family_geometry(tmp_path, seed):
    """Random families up to 60 people over four generations keep every invariant."""
    folder = write_journey(tmp_path / "j", family(seed, 20 + seed * 4))
    svg = tree_of(folder)
    assert len(symbols(svg)) >= 3
    assert_geometry(svg)


def test_carers_are_drawn_with_their_own_line(demo_checked):
    """Foster carers stand beside the family, linked to the young person by a dotted line."""
    svg = drawn_tree(demo_checked.book)
    labels = [label for _, _, label in symbols(svg)]
    assert sum("foster carer" in label for label in labels) == 4
    assert len(segments(svg, "care")) >= 6  # two couples: descent, bar and line to Kai each
    assert_geometry(svg)


def test_a_tree_too_big_to_read_in_print_is_split_by_side(known):
    """Names must print at 8 pt or more: the demo's tree (with its carers) is split into the
    mother's and the father's side, each readable, each with Kai."""
    cast = check(DEMO, cache_dir=known).cast
    whole = tree_layout.layout(cast)
    assert tree_print.printed_point_size(whole, PAGES["A5"]) < MIN_PRINT_POINTS
    printed = tree_print.tree_pages(cast, PAGES["A5"], whole)
    assert [page.title for page in printed] == ["Mum’s side of your family",
                                                "Your birth father’s side of your family",
                                                "The people who have looked after you"]
    for page in printed:  # as printed: emotional lines only where they leave names readable
        assert tree_print.printed_point_size(page.tree, PAGES["A5"]) >= MIN_PRINT_POINTS
        assert "kai" in page.tree.nodes
        assert_geometry(genogram.svg(page.tree))
    assert tree_print.tree_pages(cast, PAGES["A4"], whole)[0].title == ""  # A4: whole


def test_emotional_lines_only_when_the_journey_asks(tmp_path):
    """Relationships are drawn with their own line for each feeling, and only when
    book.emotional_lines is yes; the key then explains them."""
    files = family(3, 12)
    people = files["people.yaml"]["people"]
    files["people.yaml"]["relationships"] = [
        {"between": [people[0]["id"], people[1]["id"]], "feeling": feeling}
        for feeling in ("close", "distant", "conflict", "cut off")]
    quiet = drawings(check(write_journey(tmp_path / "quiet", files)).book)
    assert 'class="emotion' not in tree_of(tmp_path / "quiet")
    assert "hard, with arguments" not in " ".join(words for _, words in quiet.tree_key)
    files["journey.yaml"]["book"] = {"emotional_lines": True}
    drawn = drawings(check(write_journey(tmp_path / "drawn", files)).book)
    whole = tree_of(tmp_path / "drawn")
    for css in ("emotion-close", "emotion-distant", "emotion-conflict", "emotion-cut_off"):
        assert css in whole
    assert "hard, with arguments" in " ".join(words for _, words in drawn.tree_key)
    assert_geometry(whole)  # the family's own lines still keep every rule
