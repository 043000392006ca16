"""The family tree told as branches: the outline a phone shows instead of the drawing.

A genogram is wide: a generation of cousins side by side does not fit a phone's width with names
at a readable size, and a tree shrunk to fit it has names of 3-4 px. So where the drawing would
show its names below 14 px (theme/js/journeybook.js decides, from the frame's width), the site
shows the same part of the tree as branches, the way a phone's family-tree app shows
descendants: each person, with their partner beside them, and their children indented under
them, oldest first, with the genogram's own symbols so the key still reads. It is made from the
same layout as the drawing (so from the safe cast only), and names wrap like any text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.cast.cast_types import Cast
from generator.core import words
from generator.core.words import N_
from generator.draw.tree_layout import Layout, Node
from generator.draw.tree_print import TreePage, sides
from generator.format.vocabulary import Sex, UnionEnd, UnionKind

# How a person is with their partner, or with the child they look after, in plain words.
TOGETHER = {"union": N_("with %(name)s"), "cohabiting": N_("lived together with %(name)s"),
            UnionEnd.separated: N_("separated from %(name)s"),
            UnionEnd.divorced: N_("divorced from %(name)s")}
CARED = N_("looked after:")
UNNAMED = N_("someone not named here")
CHILDREN = N_("their children:")


@dataclass(frozen=True)
class Someone:
    """One person in the outline, as the drawing shows them."""

    name: str
    years: str  # "1949–2018", "b. 1952", "foster carer": the drawing's line under the name
    symbol: str  # male, female, other, placeholder: the key's name for their shape
    me: bool = False
    deceased: bool = False


@dataclass(frozen=True)
class Family:
    """A person's family with one partner (or alone, or as carers): how they are together,
    in words, and the children, each a branch of their own."""

    partner: Someone | None
    together: str  # "with Nan", "separated from your birth father", or ""
    heading: str  # "their children:" or "looked after:"
    children: list[Branch]


@dataclass(frozen=True)
class Branch:
    """A person and their families: the outline is a list of these, oldest first."""

    person: Someone
    families: list[Family] = field(default_factory=list)


def branches(tree: Layout) -> list[Branch]:
    """The tree as branches from its eldest people down, each person once."""
    _ = words.translations(tree.language).gettext
    nodes = tree.nodes
    has_parents = {child for couple in tree.couples for child in couple.children}
    has_parents |= {child for children in tree.singles.values() for child in children}
    has_parents |= {care.child for care in tree.cares}

    def owner_first(people: tuple[str, ...]) -> list[str]:
        # The family hangs from whoever is a child of the tree (Auntie Shelley, not the Uncle
        # Gary who married her), else from the eldest.
        return sorted(people, key=lambda p: (p not in has_parents, _order(nodes[p])))

    families: dict[str, list[tuple[str | None, str, str, list[str]]]] = defaultdict(list)
    twice: set[str] = set()  # children shown under both parents' own families
    for couple in tree.couples:
        first, second = owner_first(couple.partners)
        how = _how(couple.kind, couple.ended)
        families[first].append((second, how, CHILDREN, couple.children))
        if second in has_parents:  # both grew up in this tree: the family is on both branches
            families[second].append((first, how, CHILDREN, couple.children))
            twice |= set(couple.children)
    for parent, children in tree.singles.items():
        families[parent].append((None, "", CHILDREN, children))
    for care in tree.cares:
        first, *others = owner_first(care.carers)
        partner = others[0] if others else None
        together = [f for f in families[first] if f[0] == partner and not f[3]]
        if together:  # carers who are a couple: one family, the child they looked after in it
            families[first].remove(together[0])
        how = together[0][1] if together else "union"
        families[first].append((partner, how, CARED, [care.child]))
    partnered_in = {partner for found in families.values() for partner, *_rest in found
                    if partner}
    placed: set[str] = set()

    def branch(pid: str, above: frozenset[str] = frozenset()) -> Branch:
        placed.add(pid)
        made = []
        if pid in above:  # someone their own ancestor (a mistake in the data): stop there
            return Branch(_someone(nodes[pid], _), [])
        for partner, how, heading, children in families.get(pid, []):
            together = _(TOGETHER[how]) % {"name": _someone(nodes[partner], _).name} if (
                partner and how) else ""
            # The young person is under every carer who looked after them; anyone else once.
            kids = [branch(c, above | {pid}) for c in sorted(children, key=lambda c: _order(nodes[c]))
                    if c not in placed or c in twice or (heading == CARED and nodes[c].me)]
            made.append(Family(_someone(nodes[partner], _) if partner else None, together,
                               _(heading) if kids else "", kids))
        return Branch(_someone(nodes[pid], _), made)

    roots = [pid for pid in sorted(nodes, key=lambda p: _order(nodes[p]))
             if pid not in has_parents and pid not in partnered_in]
    found = []
    for pid in roots:
        if pid not in placed:
            found.append(branch(pid))
    return found


def _order(node: Node) -> tuple:
    """Eldest first, then as the drawing places them, left to right."""
    return node.generation, node.born, node.x


def _how(kind: UnionKind | None, ended: UnionEnd | None) -> str:
    if ended in (UnionEnd.separated, UnionEnd.divorced):
        return ended
    return "cohabiting" if kind is UnionKind.cohabiting else "union"


def _someone(node: Node, _: Callable[[str], str]) -> Someone:
    name = " ".join(line for line, css in node.label if css == "name") or _(UNNAMED)
    years = " ".join(line for line, css in node.label if css != "name")
    symbol = "placeholder" if node.placeholder else {
        Sex.male: "male", Sex.female: "female"}.get(node.sex, "other")
    return Someone(name, years, symbol, node.me, node.deceased)



# -- the tree on a screen ----------------------------------------------------------------------

SCREEN_WIDE = 1200  # px: a whole tree wider than this is shown a side of the family at a time


@dataclass(frozen=True)
class TreePart:
    """A part of the tree as the site shows it: its title ("" for the whole tree), its layout
    (drawn where the screen is wide enough) and the same people as branches (where not)."""

    title: str
    tree: Layout
    branches: list[Branch]


def screen_parts(cast: Cast, whole: Layout) -> list[TreePart]:
    """The tree on the site: whole when a desktop can draw it with names at 14 px or more,
    else a side of the family at a time, as the printed book splits it."""
    parts = [TreePage("", whole)] if whole.width <= SCREEN_WIDE else sides(cast)
    return [TreePart(part.title, part.tree, branches(part.tree))
            for part in parts or [TreePage("", whole)]]
