"""The family tree drawn as a genogram (McGoldrick's notation): SVG from a finished layout.

The layout (`tree_layout.py`) is part of the book model; this module only draws it, for the render
stage, with the young person's colour.
"""

from __future__ import annotations

from collections import defaultdict
from html import escape

from generator.core import words
from generator.core.words import N_
from generator.draw import text
from generator.draw.boxes import Box, Point
from generator.draw.tree_layout import CLEAR, FONT, GAP, SYMBOL, Layout, Node, drawn_height
from generator.draw.tree_routes import Grid, Lines, baseline, label_boxes, rounded, widest_point
from generator.format.vocabulary import DEFAULT_COLOUR, CareKind, Feeling, Sex, UnionEnd, UnionKind

# -- drawing ---------------------------------------------------------------------------------

def svg(tree: Layout, colour: str = DEFAULT_COLOUR, name: str = "tree") -> str:
    """Return the SVG for a laid-out tree; name makes its ids unique on a page.

    Lines run between the labels, never across one: partners' lines join symbols at their
    middle, above the names; lines down to children leave a union halfway between two people,
    where a label (never wider than LABEL_ROOM) leaves room; bars run in the lane under the
    deepest name of a row; emotional lines are routed round every name (`tree_routes.py`).
    """
    nodes = tree.nodes
    parts: list[str] = []
    lines = Lines()
    _unions(tree, parts, lines)
    _descents(tree, parts, lines)
    parts += _feelings(tree, lines)
    rtl = words.direction(tree.language) == "rtl"
    parts += [_symbol(node, rtl) for node in nodes.values()]
    top = drawn_height(tree) - tree.height  # room for emotional lines passing over the top row
    title = escape(words.translations(tree.language).gettext("Your family tree"))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="genogram" role="img" '
            f'aria-labelledby="{name}-title" viewBox="0 {-top:.0f} {tree.width:.0f} '
            f'{tree.height + top:.0f}" width="{tree.width:.0f}" height="{tree.height + top:.0f}" '
            f'font-family="{text.FONT_FAMILY}"><title id="{name}-title">{title}</title>'
            f'<style>{_style(colour)}</style>{"".join(parts)}</svg>')


def _unions(tree: Layout, parts: list[str], lines: Lines) -> None:
    """Partners' lines, at the height of the symbols' middles (above every name)."""
    nodes = tree.nodes
    half = SYMBOL / 2
    for couple in tree.couples:
        a, b = sorted(couple.partners, key=lambda p: nodes[p].x)
        ya = nodes[a].y
        dashed = ' stroke-dasharray="7 5"' if couple.kind is UnionKind.cohabiting else ""
        x1, x2, yb = nodes[a].x + half, nodes[b].x - half, nodes[b].y
        parts.append(f'<line class="union" x1="{x1:.1f}" y1="{ya:.1f}" x2="{x2:.1f}" '
                     f'y2="{yb:.1f}"{dashed}/>')
        lines.add((x1, ya), (x2, yb), reach=10)  # the slashes of a separation reach 9 px
        middle = (nodes[a].x + nodes[b].x) / 2
        marks = {UnionEnd.separated: 1, UnionEnd.divorced: 2}.get(couple.ended, 0)
        for k in range(marks):
            dx = (k - (marks - 1) / 2) * 9 + (12 if couple.children else 0)
            parts.append(f'<line class="union-end" x1="{middle + dx - 5:.1f}" y1="{ya + 9:.1f}" '
                         f'x2="{middle + dx + 5:.1f}" y2="{ya - 9:.1f}"/>')


def _descents(tree: Layout, parts: list[str], lines: Lines) -> None:
    """Lines down from parents (or carers) to a bar over their children, and to each child."""
    nodes = tree.nodes
    half = SYMBOL / 2
    bar_offsets: dict[int, int] = defaultdict(int)
    families = [(c.partners, c.children, "") for c in tree.couples if c.children]
    families += [((p,), kids, "") for p, kids in tree.singles.items()]
    families += [(c.carers, [c.child], f" care care-{c.kind.name}") for c in tree.cares]
    for parents, children, care in families:
        if not children:
            continue
        top_y = nodes[parents[0]].y
        if len(parents) == 2:
            top_x = sum(nodes[p].x for p in parents) / len(parents)
        else:  # one parent known: a short stub to the side, halfway to the next person
            top_x = _beside(tree, parents[0])
            parts.append(f'<path class="descent{care}" d="M{nodes[parents[0]].x + half:.1f},'
                         f'{top_y:.1f} H{top_x:.1f}"/>')
            lines.add((nodes[parents[0]].x + half, top_y), (top_x, top_y))
        level = nodes[children[0]].generation
        bar_y = nodes[children[0]].y - half - 26 - 7 * (bar_offsets[level] % 3)
        bar_offsets[level] += 1
        drops = _drops(children, nodes)
        xs = [x for x, _ in drops] + [top_x]
        parts.append(f'<path class="descent{care}" d="M{top_x:.1f},{top_y:.1f} V{bar_y:.1f}"/>')
        parts.append(f'<path class="sibship{care}" d="M{min(xs):.1f},{bar_y:.1f} '
                     f'H{max(xs):.1f}"/>')
        lines.add((top_x, top_y), (top_x, bar_y))
        lines.add((min(xs), bar_y), (max(xs), bar_y))
        for x, twins in drops:
            for child in twins:
                end = (nodes[child].x, nodes[child].y - half)
                parts.append(f'<path class="child{care}" d="M{x:.1f},{bar_y:.1f} '
                             f'L{end[0]:.1f},{end[1]:.1f}"/>')
                lines.add((x, bar_y), end)


def _beside(tree: Layout, parent: str) -> float:
    """Where a line leaves a lone parent: GAP/2 to the right, past their own label, or nearer,
    halfway to the next symbol (the layout keeps that clear of both labels)."""
    node = tree.nodes[parent]
    row = tree.rows[node.generation]
    at = row.index(parent)
    beside = node.x + max(GAP / 2, node.width / 2 + CLEAR)
    return min(beside, (node.x + tree.nodes[row[at + 1]].x) / 2) if at + 1 < len(row) else beside


def _feelings(tree: Layout, lines: Lines) -> list[str]:
    """The emotional lines, each routed round every name and symbol (and along no other line)."""
    if not tree.feelings:
        return []
    nodes = tree.nodes
    top = drawn_height(tree) - tree.height
    words = [box for node in nodes.values() for box in label_boxes(node)]
    grid = Grid((0, -top, tree.width, tree.height), words, list(nodes.values()), lines)
    parts = []
    for a, b, feeling in tree.feelings:
        route = grid.route(nodes[a], nodes[b])
        if route:
            parts.append(_feeling(route, feeling, words))
    return parts


def _feeling(route: list[Point], feeling: Feeling, words: list[Box]) -> str:
    """An emotional line along its route, with rounded corners."""
    d = rounded(route)
    css = f"emotion emotion-{feeling.name}"
    if feeling is Feeling.close:  # two lines side by side: a wide line with a white middle
        return f'<path class="{css}" d="{d}"/><path class="emotion-gap" d="{d}"/>'
    if feeling is Feeling.cut_off:  # a line with two bars across it, where there is most room
        (x, y), (dx, dy) = widest_point(route, words)
        bars = " ".join(f"M{x + dx * k - dy * 7:.1f},{y + dy * k - dx * 7:.1f} "
                        f"L{x + dx * k + dy * 7:.1f},{y + dy * k + dx * 7:.1f}" for k in (-4, 4))
        return f'<path class="{css}" d="{d}"/><path class="emotion-bar" d="{bars}"/>'
    return f'<path class="{css}" d="{d}"/>'


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


def _symbol(node: Node, rtl: bool = False) -> str:
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
    # Size, weight and anchor on each word, not in the style sheet: what is drawn is what the
    # tests measure, and a page's own CSS cannot resize a name.
    bold = {"name": ' font-weight="700"'}
    words = "".join(
        f'<text x="{x:.1f}" y="{baseline(node, i):.1f}" class="{css}" font-size="{FONT}"'
        f'{text.anchored(line, "middle", rtl)}{bold.get(css, "")}>{escape(line)}</text>'
        for i, (line, css) in enumerate(node.label))
    return f'<g class="{classes}">{shape}{extra}{words}</g>'


def key(colour: str = DEFAULT_COLOUR, used: set[str] | None = None,
        language: str = "en") -> list[tuple[str, str]]:
    """The key (legend): each symbol the drawings use (`symbols_in`; all of them when used
    is None) as a small SVG, with what it means in plain words, in the book's language."""
    _ = words.translations(language).gettext
    return [(f'<svg xmlns="http://www.w3.org/2000/svg" class="genogram key-icon'
             f'{"" if name in SHAPES else " key-line"}" viewBox="-18 -14 36 28" width="36" '
             f'height="28" aria-hidden="true"><style>{_style(colour)}</style>{symbol}</svg>',
             _(said)) for name, symbol, said in _KEY + _FEELING_KEY
            if used is None or name in used]


# The key's shapes: the tree told as branches shows these too (a line is only in a drawing).
SHAPES = {"male", "female", "other", "you", "deceased", "placeholder"}


def symbols_in(trees: list[Layout]) -> set[str]:
    """The names of the key's symbols that these drawn trees use: a key that explains a
    symbol nobody can find in the drawing only makes it harder to read."""
    used = {"you"}
    for tree in trees:
        for node in tree.nodes.values():
            if node.placeholder:
                used.add("placeholder")
            elif not node.me:
                used.add({Sex.male: "male", Sex.female: "female"}.get(node.sex, "other"))
            if node.deceased:
                used.add("deceased")
        for couple in tree.couples:
            used.add("cohabiting" if couple.kind is UnionKind.cohabiting else "union")
            if couple.ended in (UnionEnd.separated, UnionEnd.divorced):
                used.add(couple.ended.value)
        used |= {"care-adoptive" if care.kind is CareKind.adoptive else "care"
                 for care in tree.cares}
        used |= {feeling.value for _, _, feeling in tree.feelings}
    return used


_KEY = [
    ("male", '<rect x="-10" y="-10" width="20" height="20"/>', N_("a boy or man")),
    ("female", '<circle cx="0" cy="0" r="10"/>', N_("a girl or woman")),
    ("other", '<path d="M0,-11 L11,0 L0,11 L-11,0 Z"/>', N_("another gender, or not known")),
    ("you", '<g class="me"><rect x="-10" y="-10" width="20" height="20"/><rect class="inner" '
     'x="-6" y="-6" width="12" height="12"/></g>', N_("you")),
    ("deceased", '<circle cx="0" cy="0" r="10"/><path class="deceased" d="M-7,-7 L7,7 M7,-7 '
     'L-7,7"/>', N_("someone who has died")),
    ("union", '<line class="union" x1="-16" y1="0" x2="16" y2="0"/>', N_("married or partners")),
    ("cohabiting", '<line class="union" x1="-16" y1="0" x2="16" y2="0" stroke-dasharray="7 5"/>',
     N_("lived together")),
    ("separated", '<line class="union" x1="-16" y1="0" x2="16" y2="0"/><line class="union-end" '
     'x1="-5" y1="9" x2="5" y2="-9"/>', N_("separated")),
    ("divorced", '<line class="union" x1="-16" y1="0" x2="16" y2="0"/><line class="union-end" '
     'x1="-9" y1="9" x2="1" y2="-9"/><line class="union-end" x1="0" y1="9" x2="10" y2="-9"/>',
     N_("divorced")),
    ("placeholder", '<rect x="-7" y="-7" width="14" height="14" rx="3" class="unknown"/>',
     N_("someone in your family who is not named here")),
    ("care", '<line class="child care care-foster" x1="-16" y1="0" x2="16" y2="0"/>',
     N_("foster or kinship carers")),
    ("care-adoptive", '<line class="child care care-adoptive" x1="-16" y1="0" x2="16" y2="0"/>',
     N_("adoptive parents")),
]


_FEELING_KEY = [
    (Feeling.close.value, '<path class="emotion emotion-close" d="M-16,0 H16"/><path '
     'class="emotion-gap" d="M-16,0 H16"/>', N_("close")),
    (Feeling.distant.value, '<path class="emotion emotion-distant" d="M-16,0 H16"/>',
     N_("distant")),
    (Feeling.conflict.value, '<path class="emotion emotion-conflict" d="M-16,0 H16"/>',
     N_("hard, with arguments")),
    (Feeling.cut_off.value, '<path class="emotion emotion-cut_off" d="M-16,0 H16"/><path '
     'class="emotion-bar" d="M-4,-7 V7 M4,-7 V7"/>', N_("not in touch any more")),
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
    ".genogram .emotion{fill:none;stroke:#8e24aa;stroke-width:2;stroke-linejoin:round}"
    ".genogram .emotion-close{stroke-width:6.5}"
    ".genogram .emotion-gap{fill:none;stroke:#fff;stroke-width:2.5}"
    ".genogram .emotion-distant{stroke-dasharray:2 6;stroke-linecap:round}"
    ".genogram .emotion-conflict{stroke:#e53935;stroke-dasharray:10 4 2 4}"
    ".genogram .emotion-cut_off{stroke:#757575}"
    ".genogram .emotion-bar{stroke:#757575;stroke-width:2.4;fill:none}"
    ".genogram .care{stroke:COLOUR;stroke-dasharray:2 5;stroke-linecap:round;stroke-width:2.6}"
    ".genogram .care-adoptive{stroke-dasharray:9 5;stroke-linecap:butt}"
    ".genogram text{fill:#263238}"
    ".genogram .sub{fill:#546e7a}"
)
