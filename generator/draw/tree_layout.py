"""The family tree's layout: who stands where, computed from the safe cast (no drawing).

Generations on rows; partners side by side; children under their parents' union, oldest on the
left; rows ordered by barycentre sweeps to keep lines from crossing; x positions found by
isotonic regression, which keeps every symbol at least a fixed gap from its neighbour (so none
overlap) while pulling children under parents and parents over children. Names wrap (measured
with the theme's font) to leave room between two people for a line; rows stand far enough apart
for their deepest name, with a lane under it for bars and emotional lines. The model keeps the
layout; the render stage draws it (`genogram.py`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from generator.cast.cast_types import Cast, CastPerson, Role
from generator.core import words
from generator.core.words import N_
from generator.draw import text
from generator.format.vocabulary import CareKind, Feeling, Sex, UnionEnd, UnionKind

SYMBOL = 40  # px, the side of a square / diameter of a circle
GAP = 132  # px, least distance between the centres of two symbols on a row
LABEL_ROOM = GAP - 16  # px, a name's widest line: a line down between two people misses both
ROW = 150  # px, least distance between generations (more under names of three lines or more)
LANE = 85  # px from a row's lowest word to the next row's centre: bars, and room to pass
FONT = 17  # px, names and years: 14 or more on a screen, where the tree is shown at this size
LINE = FONT + 4  # px, from one line of a name to the next
CLEAR = 10  # px, least room between an emotional line and a word (genogram.py routes them)
EDGE = 2 * CLEAR + 14  # px beside the outermost words: a way round the rows for those lines
FEELINGS_ROOM = 64  # px above the top row, where emotional lines can pass
PLACEHOLDER = "?"  # the id prefix of neutral placeholders for people never shown


@dataclass
class Node:
    id: str
    label: list[tuple[str, str]]  # (text, css class): name lines, then years
    sex: Sex
    deceased: bool
    me: bool = False
    placeholder: bool = False
    born: date = date(9999, 1, 1)
    twin_of: str | None = None
    carer: bool = False  # a carer from outside the family: drawn at the end of the row
    width: float = 0.0  # px, the widest line of the label
    parents: list[str] = field(default_factory=list)
    generation: int = 0
    x: float = 0.0
    y: float = 0.0


@dataclass
class Couple:
    partners: tuple[str, str]
    kind: UnionKind | None
    ended: UnionEnd | None
    children: list[str] = field(default_factory=list)


@dataclass
class Care:
    """Carers of the young person (foster, adoptive, kinship...): drawn with their own line."""

    carers: tuple[str, ...]
    child: str
    kind: CareKind


@dataclass
class Layout:
    nodes: dict[str, Node]
    couples: list[Couple]
    singles: dict[str, list[str]]  # one parent in the tree -> their children
    cares: list[Care]
    rows: dict[int, list[str]]
    width: float
    height: float
    feelings: list[tuple[str, str, Feeling]] = field(default_factory=list)
    language: str = "en"  # the book's: the drawing's own words are in it


def drawn_height(tree: Layout) -> float:
    """The drawing's height in units, with room for emotional lines arching over the top."""
    return tree.height + (FEELINGS_ROOM if tree.feelings else 0)


def layout(cast: Cast) -> Layout:
    """Place everyone related to the young person by birth or partnership; in a language
    written right to left, mirrored (the oldest child on the right, where reading starts)."""
    nodes = _nodes(cast)
    couples, singles = _families(cast, nodes)
    cares = _cares(cast, nodes, couples)
    rows = _order_rows(nodes, couples, singles, cares)
    _place(nodes, couples, singles, rows)
    ends = [row[0] for row in rows.values()] + [row[-1] for row in rows.values()]
    margin = max([GAP / 2 + 10] + [max(nodes[p].width, SYMBOL) / 2 + EDGE for p in ends])
    shift = margin - min((n.x for n in nodes.values()), default=0.0)
    for node in nodes.values():
        node.x += shift
    y, height = SYMBOL / 2 + 14, 70.0
    for level in sorted(rows):
        for pid in rows[level]:
            nodes[pid].y = y
        depth = label_depth(nodes[p] for p in rows[level])
        height, y = y + depth + 24, y + max(ROW, depth + LANE)
    width = max((n.x for n in nodes.values()), default=0.0) + margin
    feelings = [(a, b, f) for a, b, f in cast.relationships
                if a in nodes and b in nodes and not (nodes[a].placeholder or nodes[b].placeholder)]
    tree = Layout(nodes, couples, singles, cares, rows, width, height, feelings, cast.language)
    return _mirrored(tree) if words.direction(cast.language) == "rtl" else tree


def _mirrored(tree: Layout) -> Layout:
    """The tree as seen in a mirror: every symbol at the same distance from the other edge,
    and each row listed from left to right again (the drawing reads rows in that order)."""
    for node in tree.nodes.values():
        node.x = tree.width - node.x
    tree.rows = {level: row[::-1] for level, row in tree.rows.items()}
    return tree


def label_depth(row: Iterable[Node]) -> float:
    """How far below the centre of a row's symbols its deepest label ends."""
    lines = max((len(node.label) for node in row), default=0)
    return SYMBOL / 2 + 5 + FONT + (lines - 1) * LINE + FONT / 4


def _nodes(cast: Cast) -> dict[str, Node]:
    yp = cast.me
    everyone = {yp.id: yp, **{p.id: p for p in cast.people}}
    partners: dict[str, set[str]] = defaultdict(set)
    for union in cast.unions:
        a, b = union.partners
        partners[a].add(b)
        partners[b].add(a)
    children: dict[str, list[str]] = defaultdict(list)
    for person in everyone.values():
        for parent in person.parents:
            children[parent].append(person.id)

    # Walk from the young person along birth and partnership links, counting generations.
    generation = {yp.id: 0}
    queue = deque([yp.id])
    while queue:
        current = queue.popleft()
        here = generation[current]
        links = [(p, here - 1) for p in everyone[current].parents]
        links += [(c, here + 1) for c in children[current]]
        links += [(p, here) for p in partners[current]]
        for other, level in links:
            if other in everyone and other not in generation:
                generation[other] = level
                queue.append(other)

    nodes: dict[str, Node] = {}
    for person_id, level in generation.items():
        person = everyone[person_id]
        hidden = person.role is Role.placeholder
        if hidden and not _needed(person_id, everyone, children, generation):
            continue
        node_id = f"{PLACEHOLDER}{len(nodes)}" if hidden else person_id
        label = [] if hidden else _label(person, person_id == yp.id, cast.language)
        nodes[person_id] = Node(
            id=node_id, label=label, sex=Sex.unknown if hidden else person.sex,
            deceased=False if hidden else (person.died is not None or person.deceased),
            me=person_id == yp.id, placeholder=hidden,
            born=person.born.sort_key[0] if person.born and not hidden else date(9999, 1, 1),
            twin_of=None if hidden else person.twin_of,
            parents=[p for p in person.parents if p in generation], generation=level)
    for node in nodes.values():
        node.parents = [p for p in node.parents if p in nodes]
    # Carers who are not family join the tree on the parents' row, named by what they are.
    for spell in cast.carers:
        carer = everyone.get(spell.id)
        if carer is None or spell.id in nodes or carer.role is Role.placeholder:
            continue
        label = [(line, "name") for line in _wrap(carer.name)]
        care = words.translations(cast.language).gettext(CARE_WORDS[spell.kind])
        label += [(line, "sub") for line in _wrap(care, bold=False)]
        nodes[spell.id] = Node(id=spell.id, label=label, sex=carer.sex,
                               deceased=carer.died is not None or carer.deceased, carer=True,
                               generation=nodes[yp.id].generation - 1)
    for node in nodes.values():
        node.width = max((text.width(line, FONT, css == "name") for line, css in node.label),
                         default=0.0)
    return nodes


CARE_WORDS = {
    CareKind.foster: N_("foster carer"), CareKind.adoptive: N_("adoptive parent"),
    CareKind.kinship: N_("kinship carer"), CareKind.special_guardian: N_("special guardian"),
    CareKind.residential: N_("residential carer"),
}


def _cares(cast: Cast, nodes: dict[str, Node], couples: list[Couple]) -> list[Care]:
    """The young person's carers, grouped into couples where they are partners."""
    yp = cast.me.id
    spells = [s for s in cast.carers if s.id in nodes]
    cares: list[Care] = []
    used: set[str] = set()
    for spell in spells:
        if spell.id in used:
            continue
        partner = next((s.id for s in spells if s.id not in used and s.id != spell.id and
                        s.kind is spell.kind and any(set(c.partners) == {spell.id, s.id}
                                                     for c in couples)), None)
        group = (spell.id, partner) if partner else (spell.id,)
        used.update(group)
        cares.append(Care(group, yp, spell.kind))
    return cares

def _needed(person_id: str, everyone: dict, children: dict, generation: dict) -> bool:
    """A never-shown person stays only as a nameless placeholder when a shown child needs it."""
    return any(everyone[c].role is not Role.placeholder
               for c in children[person_id] if c in generation)


def _label(person: CastPerson, me: bool, language: str = "en") -> list[tuple[str, str]]:
    """A person's name, wrapped, and their years ('1949–2018', 'b. 1952') in the language."""
    lines = [(line, "name") for line in _wrap(person.name)]
    if person.role is not Role.withheld:
        _ = words.translations(language).gettext
        born = words.numeral(person.born.year, language) if person.born else None
        if person.died:
            years = {"born": born or "?", "died": words.numeral(person.died.year, language)}
            lines.append((_("%(born)s–%(died)s") % years, "sub"))
        elif born and not me:
            # TRANSLATORS: under a name in the family tree: born in that year.
            lines.append((_("b. %(year)s") % {"year": born}, "sub"))
    return lines


def _wrap(words: str, bold: bool = True) -> list[str]:
    """Lines no wider than LABEL_ROOM, broken at spaces only, never cut: a longer word stays
    whole, and its neighbours on the row stand further off (see _fit)."""
    widest = max((text.width(word, FONT, bold) for word in words.split()), default=0.0)
    return text.wrapped(words, FONT, max(LABEL_ROOM, widest), bold)


def _families(cast: Cast, nodes: dict[str, Node]) -> tuple[list[Couple], dict]:
    couples: dict[frozenset, Couple] = {}
    for union in cast.unions:
        a, b = union.partners
        if a in nodes and b in nodes:
            couples[frozenset((a, b))] = Couple((a, b), union.kind, union.ended)
    singles: dict[str, list[str]] = defaultdict(list)
    for person_id, node in sorted(nodes.items(), key=lambda item: item[1].born):
        if len(node.parents) == 2:
            key = frozenset(node.parents)
            if key not in couples:  # parents with no recorded partnership
                couples[key] = Couple((node.parents[0], node.parents[1]), None, None)
            couples[key].children.append(person_id)
        elif len(node.parents) == 1:
            singles[node.parents[0]].append(person_id)
    return list(couples.values()), dict(singles)


def _order_rows(nodes: dict[str, Node], couples: list[Couple], singles: dict,
                cares: list[Care]) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = defaultdict(list)
    for person_id, node in sorted(nodes.items(), key=lambda item: (item[1].born, item[0])):
        rows[node.generation].append(person_id)
    partner_of: dict[str, list[str]] = defaultdict(list)
    for couple in couples:
        a, b = couple.partners
        if nodes[a].generation == nodes[b].generation:
            partner_of[a].append(b)
            partner_of[b].append(a)
    kids: dict[str, list[str]] = defaultdict(list)
    for couple in couples:
        for parent in couple.partners:
            kids[parent] += couple.children
    for parent, children in singles.items():
        kids[parent] += children
    for care in cares:
        for carer in care.carers:
            kids[carer].append(care.child)

    position = {pid: i for row in rows.values() for i, pid in enumerate(row)}
    levels = sorted(rows)
    for _sweep in range(6):
        for level in levels[1:]:
            rows[level] = _sorted_row(rows[level], partner_of, position, nodes,
                                      lambda pid: nodes[pid].parents)
            position.update({pid: i for i, pid in enumerate(rows[level])})
        for level in reversed(levels[:-1]):
            rows[level] = _sorted_row(rows[level], partner_of, position, nodes,
                                      lambda pid: kids[pid])
            position.update({pid: i for i, pid in enumerate(rows[level])})
    return dict(rows)


def _sorted_row(row: list[str], partner_of: dict, position: dict, nodes: dict,
                related: Callable[[str], list[str]]) -> list[str]:
    """Order a row's partner clusters by the mean position of their relatives on the next row."""
    seen: set[str] = set()
    clusters: list[list[str]] = []
    for pid in row:
        if pid in seen:
            continue
        cluster, stack = [], [pid]
        while stack:
            current = stack.pop()
            if current in seen or current not in row:
                continue
            seen.add(current)
            cluster.append(current)
            stack += partner_of[current]
        clusters.append(_chain(cluster, partner_of, position, related))

    def key(cluster: list[str]) -> tuple[bool, float, float]:
        linked = [position[r] for pid in cluster for r in related(pid) if r in position]
        mean_here = sum(position[p] for p in cluster) / len(cluster)
        outside = all(nodes[p].carer for p in cluster)  # carers stand beside the family
        return (outside, sum(linked) / len(linked) if linked else mean_here, mean_here)

    clusters.sort(key=key)
    return [pid for cluster in clusters for pid in cluster]


def _chain(cluster: list[str], partner_of: dict, position: dict,
           related: Callable[[str], list[str]]) -> list[str]:
    """Order a partner cluster as a line (ex - person - partner), facing its relatives."""
    if len(cluster) == 1:
        return cluster
    ends = [p for p in cluster if len([q for q in partner_of[p] if q in cluster]) <= 1]
    start = min(ends or cluster, key=lambda p: position[p])
    line, previous = [start], None
    while len(line) < len(cluster):
        nexts = [q for q in partner_of[line[-1]] if q in cluster and q not in line]
        if not nexts:
            nexts = [q for q in cluster if q not in line]
        previous = nexts[0]
        line.append(previous)

    def pull(pid: str) -> float | None:
        linked = [position[r] for r in related(pid) if r in position]
        return sum(linked) / len(linked) if linked else None

    # Face the way that keeps partners' relatives in order (fewest crossings): compare how well
    # each direction's chain order agrees with where the members' relatives are.
    pulls = [(i, pull(pid)) for i, pid in enumerate(line)]
    known = [(i, p) for i, p in pulls if p is not None]
    if len(known) >= 2:
        mean_i = sum(i for i, _ in known) / len(known)
        mean_p = sum(p for _, p in known) / len(known)
        if sum((i - mean_i) * (p - mean_p) for i, p in known) < 0:
            line.reverse()
    elif len(known) == 1:
        index, target = known[0]
        others = [position[pid] for pid in line]
        if (index < len(line) / 2) != (target <= sum(others) / len(others)):
            line.reverse()
    return line


def _place(nodes: dict[str, Node], couples: list[Couple], singles: dict,
           rows: dict[int, list[str]]) -> None:
    for row in rows.values():
        for i, pid in enumerate(row):
            nodes[pid].x = i * GAP
    levels = sorted(rows)
    for _round in range(8):
        for level in levels[1:]:  # children under their parents
            desired = {pid: nodes[pid].x for pid in rows[level]}
            for couple in couples:
                _spread(couple.children, (nodes[couple.partners[0]].x +
                                          nodes[couple.partners[1]].x) / 2, nodes, desired)
            for parent, children in singles.items():
                _spread(children, nodes[parent].x + GAP / 2, nodes, desired)
            _fit(rows[level], desired, nodes)
        for level in reversed(levels[:-1]):  # parents over their children
            wishes: dict[str, list[float]] = defaultdict(list)
            for couple in couples:
                kids = [c for c in couple.children if nodes[c].generation == level + 1]
                if not kids:
                    continue
                middle = sum(nodes[c].x for c in kids) / len(kids)
                left, right = sorted(couple.partners, key=lambda p: nodes[p].x)
                wishes[left].append(middle - GAP / 2)
                wishes[right].append(middle + GAP / 2)
            for parent, children in singles.items():
                kids = [c for c in children if nodes[c].generation == level + 1]
                if kids and nodes[parent].generation == level:
                    wishes[parent].append(sum(nodes[c].x for c in kids) / len(kids) - GAP / 2)
            # Carers from outside the family keep their place at the end of the row: pulling
            # them towards the young person would drag the whole family out of line.
            desired = {pid: (sum(wishes[pid]) / len(wishes[pid]) if wishes[pid] else nodes[pid].x)
                       for pid in rows[level]}
            _fit(rows[level], desired, nodes)


def _spread(children: list[str], middle: float, nodes: dict, desired: dict) -> None:
    ordered = sorted(children, key=lambda c: nodes[c].x)
    for i, child in enumerate(ordered):
        if child in desired:
            desired[child] = middle + (i - (len(ordered) - 1) / 2) * GAP


def _fit(row: list[str], desired: dict[str, float], nodes: dict[str, Node]) -> None:
    """Move a row's symbols as near their desired x as possible, keeping order and apart: GAP,
    or more beside a label wider than LABEL_ROOM, so a line between two people misses both.

    With y_i = x_i - offset_i (the least distance from the row's first) the gap rule becomes
    "y never decreases", and the closest such y is the isotonic regression of the targets (pool
    adjacent violators).
    """
    offsets = [0.0]
    for left, right in itertools.pairwise(row):
        widest = max(nodes[left].width, nodes[right].width)
        offsets.append(offsets[-1] + max(GAP, widest + GAP - LABEL_ROOM))
    targets = [desired[pid] - offsets[i] for i, pid in enumerate(row)]
    blocks: list[list[float]] = []  # [mean, count]
    for target in targets:
        blocks.append([target, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            prev_mean, prev_count = blocks[-1]
            total = prev_count + count
            blocks[-1] = [(prev_mean * prev_count + mean * count) / total, total]
    values = [mean for mean, count in blocks for _ in range(int(count))]
    for i, pid in enumerate(row):
        nodes[pid].x = values[i] + offsets[i]
