"""The family tree, drawn as a genogram (McGoldrick's notation) in one SVG for site and book.

Layout: generations on rows; partners side by side; children under their parents' union, oldest
on the left; rows ordered by barycentre sweeps to keep lines from crossing; x positions found by
isotonic regression, which keeps every symbol at least a fixed gap from its neighbour (so none
overlap) while pulling children under parents and parents over children.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from html import escape

from generator.cast import Cast, CastPerson, Role
from generator.schema import CareKind, Feeling, Sex, Side, UnionEnd, UnionKind

SYMBOL = 40  # px, the side of a square / diameter of a circle
GAP = 132  # px, least distance between the centres of two symbols on a row
ROW = 150  # px, between generations
MARGIN = 70
FONT = 17
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


def family_tree(cast: Cast, colour: str = "#00897b") -> str:
    """Return the SVG markup of the young person's family tree, the young person in colour."""
    return draw(layout(cast), colour, cast.relationships)


# Where the book prints a tree (a landscape page, under the chapter title), in millimetres;
# book.css gives .jb-tree svg the same maximum height.
PRINT_BOX = {"A5": (180.0, 80.0), "A4": (267.0, 140.0)}
MIN_PRINT_PT = 8.0


def printed_point_size(tree: Layout, paper: str) -> float:
    """The size its names would print at, in points, fitted into the book's tree box."""
    width, height = PRINT_BOX[paper]
    mm_per_unit = min(width / tree.width, height / tree.height)
    return FONT * mm_per_unit / 0.3528


def print_trees(cast: Cast, colour: str, paper: str) -> list[tuple[str, str]]:
    """(title, SVG) of the tree pages of the book: the whole tree when its names print at
    8 pt or more, else one page for each parent's side of the family."""
    whole = layout(cast)
    if printed_point_size(whole, paper) >= MIN_PRINT_PT:
        return [("", draw(whole, colour, cast.relationships))]
    pages = []
    for parent_id, side in _parent_sides(cast):
        part = _side_of(cast, side)
        name = cast.name_of(parent_id) or "a parent"
        pages.append((f"{name[0].upper()}{name[1:]}\u2019s side of your family",
                      draw(layout(part), colour, part.relationships)))
    if pages and cast.carers:
        carers = replace(cast.with_people({c.id for c in cast.carers}), relationships=[])
        pages.append(("The people who have looked after you", draw(layout(carers), colour)))
    return pages or [("", draw(whole, colour))]


def _parent_sides(cast: Cast) -> list[tuple[str, Side]]:
    parents = [cast.person(p) for p in cast.me.parents]
    sides = [(p.id, p.side) for p in parents
             if p is not None and p.side in (Side.maternal, Side.paternal)]
    return sides if len(sides) == 2 else []


def _side_of(cast: Cast, side: Side) -> Cast:
    """The cast with only one side of the family (and both parents, and the carers)."""
    return cast.with_people({p.id for p in cast.people
                             if p.side in (side, Side.both) or p.id in cast.me.parents})


def layout(cast: Cast) -> Layout:
    """Place everyone related to the young person by birth or partnership."""
    nodes = _nodes(cast)
    couples, singles = _families(cast, nodes)
    cares = _cares(cast, nodes, couples)
    rows = _order_rows(nodes, couples, singles, cares)
    _place(nodes, couples, singles, rows)
    xs = [n.x for n in nodes.values()] or [0.0]
    shift = GAP / 2 + 10 - min(xs)
    for node in nodes.values():
        node.x += shift
    top = min(rows) if rows else 0
    for node in nodes.values():
        node.y = SYMBOL / 2 + 14 + (node.generation - top) * ROW
    width = max(xs) + shift + GAP / 2 + 10
    height = MARGIN + (max(rows) - top) * ROW + SYMBOL / 2 + 2 * (FONT + 3) + 24 if rows else MARGIN
    return Layout(nodes, couples, singles, cares, rows, width, height)


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
        label = [] if hidden else _label(person, person_id == yp.id)
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
        label = [(line, "name") for line in _wrap(carer.name, 14)]
        label.append((CARE_WORDS[spell.kind], "sub"))
        nodes[spell.id] = Node(id=spell.id, label=label, sex=carer.sex,
                               deceased=carer.died is not None or carer.deceased, carer=True,
                               generation=nodes[yp.id].generation - 1)
    return nodes


CARE_WORDS = {
    CareKind.foster: "foster carer", CareKind.adoptive: "adoptive parent",
    CareKind.kinship: "kinship carer", CareKind.special_guardian: "special guardian",
    CareKind.residential: "residential carer",
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


def _label(person: CastPerson, me: bool) -> list[tuple[str, str]]:
    lines = [(line, "name") for line in _wrap(person.name, 14)]
    if person.role is not Role.withheld:
        born = person.born.year if person.born else None
        if person.died:
            lines.append((f"{born or '?'}–{person.died.year}", "sub"))
        elif born and not me:
            lines.append((f"b. {born}", "sub"))
    return lines


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:3] or [""]


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
    """Move a row's symbols as near their desired x as possible, keeping order and GAP apart.

    With y_i = x_i - i*GAP the gap rule becomes "y never decreases", and the closest such y is
    the isotonic regression of the targets (pool adjacent violators).
    """
    targets = [desired[pid] - i * GAP for i, pid in enumerate(row)]
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
        nodes[pid].x = values[i] + i * GAP


# -- drawing ---------------------------------------------------------------------------------

def draw(tree: Layout, colour: str = "#00897b",
         feelings: list[tuple[str, str, Feeling]] | None = None) -> str:
    """Return the SVG for a laid-out tree (with its key underneath)."""
    nodes = tree.nodes
    parts: list[str] = []
    half = SYMBOL / 2
    bar_offsets: dict[int, int] = defaultdict(int)
    families = [(c.partners, c.children, "") for c in tree.couples if c.children]
    families += [((p,), kids, "") for p, kids in tree.singles.items()]
    families += [(c.carers, [c.child], f" care care-{c.kind.name}") for c in tree.cares]
    for couple in tree.couples:
        a, b = sorted(couple.partners, key=lambda p: nodes[p].x)
        ya = nodes[a].y
        dashed = ' stroke-dasharray="7 5"' if couple.kind is UnionKind.cohabiting else ""
        parts.append(f'<line class="union" x1="{nodes[a].x + half:.1f}" y1="{ya:.1f}" '
                     f'x2="{nodes[b].x - half:.1f}" y2="{nodes[b].y:.1f}"{dashed}/>')
        middle = (nodes[a].x + nodes[b].x) / 2
        marks = {UnionEnd.separated: 1, UnionEnd.divorced: 2}.get(couple.ended, 0)
        for k in range(marks):
            dx = (k - (marks - 1) / 2) * 9 + (12 if couple.children else 0)
            parts.append(f'<line class="union-end" x1="{middle + dx - 5:.1f}" y1="{ya + 9:.1f}" '
                         f'x2="{middle + dx + 5:.1f}" y2="{ya - 9:.1f}"/>')
    for parents, children, care in families:
        if not children:
            continue
        top_y = nodes[parents[0]].y
        if len(parents) == 2:
            top_x = sum(nodes[p].x for p in parents) / len(parents)
        else:  # one parent known: a short stub to the side, so the line misses their label
            top_x = nodes[parents[0]].x + GAP / 2
            parts.append(f'<path class="descent{care}" d="M{nodes[parents[0]].x + half:.1f},'
                         f'{top_y:.1f} H{top_x:.1f}"/>')
        level = nodes[children[0]].generation
        bar_y = nodes[children[0]].y - half - 26 - 7 * (bar_offsets[level] % 3)
        bar_offsets[level] += 1
        drops = _drops(children, nodes)
        xs = [x for x, _ in drops] + [top_x]
        parts.append(f'<path class="descent{care}" d="M{top_x:.1f},{top_y:.1f} V{bar_y:.1f}"/>')
        parts.append(f'<path class="sibship{care}" d="M{min(xs):.1f},{bar_y:.1f} '
                     f'H{max(xs):.1f}"/>')
        for x, twins in drops:
            for child in twins:
                parts.append(f'<path class="child{care}" d="M{x:.1f},{bar_y:.1f} '
                             f'L{nodes[child].x:.1f},{nodes[child].y - half:.1f}"/>')
    drawn = [(a, b, f) for a, b, f in feelings or []
             if a in nodes and b in nodes and not (nodes[a].placeholder or nodes[b].placeholder)]
    parts += [_feeling(nodes[a], nodes[b], feeling) for a, b, feeling in drawn]
    for node in nodes.values():
        parts.append(_symbol(node))
    top = 80 if drawn else 0  # room for emotional lines arching over the top row
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="genogram" role="img" '
            f'aria-labelledby="tree-title" viewBox="0 {-top} {tree.width:.0f} '
            f'{tree.height + top:.0f}" width="{tree.width:.0f}" height="{tree.height + top:.0f}" '
            f'font-family="Lato, sans-serif"><title id="tree-title">Your family tree</title>'
            f'<style>{_style(colour)}</style>{"".join(parts)}</svg>')


def _feeling(a: Node, b: Node, feeling: Feeling) -> str:
    """An emotional line, as a curve arching above the symbols between the two people."""
    (x1, y1), (x2, y2) = sorted([(a.x, a.y), (b.x, b.y)])
    lift = 46 + abs(x2 - x1) * 0.08
    start, end = (x1, y1 - SYMBOL / 2), (x2, y2 - SYMBOL / 2)
    control = ((x1 + x2) / 2, min(y1, y2) - SYMBOL / 2 - lift)
    curve = (f"M{start[0]:.1f},{start[1]:.1f} Q{control[0]:.1f},{control[1]:.1f} "
             f"{end[0]:.1f},{end[1]:.1f}")
    css = f"emotion emotion-{feeling.name}"
    if feeling is Feeling.close:  # two lines side by side
        return (f'<path class="{css}" d="{curve}"/><path class="{css}" transform="translate(0,5)" '
                f'd="{curve}"/>')
    if feeling is Feeling.cut_off:  # a line with two bars across its middle
        mx, my = (start[0] + 2 * control[0] + end[0]) / 4, (start[1] + 2 * control[1] + end[1]) / 4
        return (f'<path class="{css}" d="{curve}"/><path class="emotion-bar" d="M{mx - 5:.1f},'
                f'{my - 8:.1f} V{my + 8:.1f} M{mx + 5:.1f},{my - 8:.1f} V{my + 8:.1f}"/>')
    return f'<path class="{css}" d="{curve}"/>'


def _drops(children: list[str], nodes: dict[str, Node]) -> list[tuple[float, list[str]]]:
    """Where each child's line leaves the sibship bar; twins share one point, as drawn by hand."""
    drops: list[tuple[float, list[str]]] = []
    done: set[str] = set()
    for child in sorted(children, key=lambda c: nodes[c].x):
        if child in done:
            continue
        twin = nodes[child].twin_of
        group = [child] + ([twin] if twin in children and twin not in done else [])
        done.update(group)
        drops.append((sum(nodes[c].x for c in group) / len(group), group))
    return drops


def _symbol(node: Node) -> str:
    x, y, h = node.x, node.y, SYMBOL / 2
    classes = "person" + (" me" if node.me else "") + (" placeholder" if node.placeholder else "")
    if node.placeholder:
        shape = (f'<rect x="{x - h * 0.7:.1f}" y="{y - h * 0.7:.1f}" width="{SYMBOL * 0.7:.1f}" '
                 f'height="{SYMBOL * 0.7:.1f}" rx="6" class="unknown"/>')
    elif node.sex is Sex.male:
        shape = f'<rect x="{x - h:.1f}" y="{y - h:.1f}" width="{SYMBOL}" height="{SYMBOL}"/>'
    elif node.sex is Sex.female:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{h:.1f}"/>'
    else:
        shape = (f'<path d="M{x:.1f},{y - h:.1f} L{x + h:.1f},{y:.1f} L{x:.1f},{y + h:.1f} '
                 f'L{x - h:.1f},{y:.1f} Z"/>')
    extra = ""
    if node.me:  # the young person: a double outline
        inner = h - 6
        if node.sex is Sex.female:
            extra = f'<circle class="inner" cx="{x:.1f}" cy="{y:.1f}" r="{inner:.1f}"/>'
        elif node.sex is Sex.male:
            extra = (f'<rect class="inner" x="{x - inner:.1f}" y="{y - inner:.1f}" '
                     f'width="{2 * inner:.1f}" height="{2 * inner:.1f}"/>')
        else:
            extra = (f'<path class="inner" d="M{x:.1f},{y - inner:.1f} L{x + inner:.1f},{y:.1f} '
                     f'L{x:.1f},{y + inner:.1f} L{x - inner:.1f},{y:.1f} Z"/>')
    if node.deceased:
        d = h * 0.72
        extra += (f'<path class="deceased" d="M{x - d:.1f},{y - d:.1f} L{x + d:.1f},{y + d:.1f} '
                  f'M{x + d:.1f},{y - d:.1f} L{x - d:.1f},{y + d:.1f}"/>')
    text = "".join(
        f'<text x="{x:.1f}" y="{y + h + FONT + 2 + i * (FONT + 3):.1f}" class="{css}">'
        f"{escape(line)}</text>" for i, (line, css) in enumerate(node.label))
    return f'<g class="{classes}">{shape}{extra}{text}</g>'


def key(colour: str = "#00897b", emotional_lines: bool = False) -> list[tuple[str, str]]:
    """The key (legend): each symbol as a small SVG, with what it means in plain words."""
    items = _KEY + (_FEELING_KEY if emotional_lines else [])
    return [(f'<svg xmlns="http://www.w3.org/2000/svg" class="genogram key-icon" viewBox="-18 -14 '
             f'36 28" width="36" height="28" aria-hidden="true"><style>{_style(colour)}</style>'
             f"{symbol}</svg>", words) for symbol, words in items]


_KEY = [
    ('<rect x="-10" y="-10" width="20" height="20"/>', "a boy or man"),
    ('<circle cx="0" cy="0" r="10"/>', "a girl or woman"),
    ('<path d="M0,-11 L11,0 L0,11 L-11,0 Z"/>', "another gender, or not known"),
    ('<g class="me"><rect x="-10" y="-10" width="20" height="20"/><rect class="inner" x="-6" '
     'y="-6" width="12" height="12"/></g>', "you"),
    ('<circle cx="0" cy="0" r="10"/><path class="deceased" d="M-7,-7 L7,7 M7,-7 L-7,7"/>',
     "someone who has died"),
    ('<line class="union" x1="-16" y1="0" x2="16" y2="0"/>', "married or partners"),
    ('<line class="union" x1="-16" y1="0" x2="16" y2="0" stroke-dasharray="7 5"/>',
     "lived together"),
    ('<line class="union" x1="-16" y1="0" x2="16" y2="0"/><line class="union-end" x1="-5" '
     'y1="9" x2="5" y2="-9"/>', "separated"),
    ('<line class="union" x1="-16" y1="0" x2="16" y2="0"/><line class="union-end" x1="-9" '
     'y1="9" x2="1" y2="-9"/><line class="union-end" x1="0" y1="9" x2="10" y2="-9"/>',
     "divorced"),
    ('<rect x="-7" y="-7" width="14" height="14" rx="3" class="unknown"/>',
     "someone in your family who is not named here"),
    ('<line class="child care care-foster" x1="-16" y1="0" x2="16" y2="0"/>',
     "foster or kinship carers"),
    ('<line class="child care care-adoptive" x1="-16" y1="0" x2="16" y2="0"/>',
     "adoptive parents"),
]


_FEELING_KEY = [
    ('<path class="emotion emotion-close" d="M-16,2 H16"/><path class="emotion emotion-close" '
     'd="M-16,-3 H16"/>', "close"),
    ('<path class="emotion emotion-distant" d="M-16,0 H16"/>', "distant"),
    ('<path class="emotion emotion-conflict" d="M-16,0 H16"/>', "hard, with arguments"),
    ('<path class="emotion emotion-cut_off" d="M-16,0 H16"/><path class="emotion-bar" '
     'd="M-4,-7 V7 M4,-7 V7"/>', "not in touch any more"),
]


def _style(colour: str) -> str:
    # A literal colour, not a CSS variable: WeasyPrint's SVG renderer does not resolve var().
    return _STYLE.replace("COLOUR", colour)


_STYLE = (
    ".genogram rect,.genogram circle,.genogram path{fill:#fff;stroke:#37474f;stroke-width:2.2}"
    ".genogram .me rect,.genogram .me circle,.genogram .me path"
    "{stroke:COLOUR;stroke-width:2.6}"
    ".genogram .inner{fill:none}"
    ".genogram .deceased{stroke:#37474f;fill:none;stroke-width:2}"
    ".genogram .unknown{fill:#eceff1;stroke:#90a4ae;stroke-dasharray:4 3}"
    ".genogram line,.genogram .descent,.genogram .sibship,.genogram .child"
    "{stroke:#546e7a;stroke-width:2;fill:none}"
    ".genogram .union-end{stroke:#37474f;stroke-width:2.2}"
    ".genogram .emotion{fill:none;stroke:#8e24aa;stroke-width:2}"
    ".genogram .emotion-distant{stroke-dasharray:2 6;stroke-linecap:round}"
    ".genogram .emotion-conflict{stroke:#e53935;stroke-dasharray:10 4 2 4}"
    ".genogram .emotion-cut_off{stroke:#757575}"
    ".genogram .emotion-bar{stroke:#757575;stroke-width:2.4;fill:none}"
    ".genogram .care{stroke:COLOUR;stroke-dasharray:2 5;stroke-linecap:round;stroke-width:2.6}"
    ".genogram .care-adoptive{stroke-dasharray:9 5;stroke-linecap:butt}"
    f".genogram text{{font-size:{FONT}px;text-anchor:middle;fill:#263238}}"
    ".genogram .name{font-weight:700}"
    ".genogram .sub{fill:#546e7a}"
)
