"""The family tree as branches (draw/tree_outline.py), and the key that lists only what is drawn."""

from __future__ import annotations

import pytest

from generator.build import check
from generator.draw import genogram
from generator.draw.tree_outline import Branch
from tests.conftest import DEMO, minimal_files, write_journey


@pytest.fixture(scope="module")
def demo_book(known):
    return check(DEMO, cache_dir=known).book


def outline(items: list[Branch], depth: int = 0) -> list[str]:
    """The branches as indented lines: a person, their families' words, their children."""
    lines = []
    for branch in items:
        lines.append("  " * depth + branch.person.name)
        for family in branch.families:
            if family.together:
                lines.append("  " * depth + "+ " + family.together)
            lines += outline(family.children, depth + 1)
    return lines


def test_a_side_of_the_family_reads_from_the_eldest_down(demo_book):
    """Mum's side: her parents at the top, her sister's family (with the uncle who married
    in beside her, not at the top of his own), then Mum, each of her partners in words (Lily's
    father, never shown, as someone not named here) and their children, eldest first."""
    mums_side = demo_book.tree_parts[0]
    assert mums_side.title == "Mum\u2019s side of your family"
    assert outline(mums_side.branches) == [
        "Grandad Ray", "+ with Nan",
        "  Auntie Shelley", "  + with Uncle Gary", "    Mia", "    Tom",
        "  Mum", "  + separated from your birth father", "    Kai",
        "  + separated from someone not named here", "    Lily",
    ]


def test_the_young_person_is_under_every_carer_who_looked_after_them(demo_book):
    carers = demo_book.tree_parts[-1]
    assert outline(carers.branches) == ["Carol", "+ with Steve", "  Kai",
                                        "Dev", "+ with Jan", "  Kai"]
    assert [f.heading for b in carers.branches for f in b.families] == ["looked after:"] * 2


def test_a_small_tree_is_one_part_and_whoever_is_not_named_says_so(tmp_path):
    """A tree narrow enough for a desktop is shown whole; a parent never shown stands as
    'someone not named here', as the drawing's placeholder does."""
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "dad", "called": "Rick", "relation": "your dad", "visibility": "never shown",
         "side": "paternal"},
        {"id": "sis", "called": "Zoe", "relation": "your sister", "parents": ["mum", "dad"]},
    ]
    files["people.yaml"]["unions"] = [{"partners": ["mum", "dad"], "ended": "divorced"}]
    book = check(write_journey(tmp_path / "j", files)).book
    assert len(book.tree_parts) == 1 and book.tree_parts[0].title == ""
    lines = outline(book.tree_parts[0].branches)
    assert "Rick" not in " ".join(lines)
    assert "+ divorced from someone not named here" in " ".join(lines)


def test_the_key_lists_only_what_the_tree_draws(demo_book, tmp_path):
    """The demo has a divorce and foster carers, so its key says them; a family with no
    partners, carers or deaths has a key of its shapes only."""
    demo_key = [words for _, words in genogram.key(
        used=genogram.symbols_in([part.tree for part in demo_book.tree_parts]))]
    assert {"divorced", "separated", "foster or kinship carers", "you"} <= set(demo_key)
    assert "adoptive parents" not in demo_key
    plain = check(write_journey(tmp_path / "j", minimal_files())).book
    plain_key = [words for _, words in genogram.key(
        used=genogram.symbols_in([part.tree for part in plain.tree_parts]))]
    assert "divorced" not in plain_key and "married or partners" not in plain_key
    assert "you" in plain_key
