"""The family tree in print: how big it prints, and when it is too big to read, one page for
each side of the family (and one for the carers), all printed at one scale: the same shapes and
names at the same size on every page, as parts of one tree."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.cast.cast_types import Cast, Role
from generator.core import words
from generator.core.geometry import MIN_PRINT_POINTS, MM_PER_POINT, Page
from generator.draw.tree_layout import FONT, Layout, drawn_height, layout
from generator.format.vocabulary import Side


@dataclass(frozen=True)
class TreePage:
    """One printed page of the tree: a title (empty for the whole tree), its layout, and the
    millimetres a unit of it prints at (None: as large as its page allows)."""

    title: str
    tree: Layout
    scale: float | None = None


def _readable(tree: Layout, page: Page) -> Layout:
    """The tree, without its emotional lines if the room they take would make names print
    below 8 pt (the site still draws them)."""
    if tree.feelings and printed_point_size(tree, page) < MIN_PRINT_POINTS:
        return replace(tree, feelings=[])
    return tree


def fitted_scale(tree: Layout, page: Page) -> float:
    """The millimetres a unit of the tree prints at when it fills the book's drawing box."""
    width, height = page.drawing_box
    return min(width / tree.width, height / drawn_height(tree))


def printed_size(tree: Layout, page: Page, scale: float | None = None) -> tuple[float, float]:
    """The tree's width and height in millimetres, at scale (mm a unit), or fitted into the
    book's drawing box."""
    mm_per_unit = fitted_scale(tree, page) if scale is None else scale
    return tree.width * mm_per_unit, drawn_height(tree) * mm_per_unit


def printed_point_size(tree: Layout, page: Page) -> float:
    """The size its names would print at, in points, fitted into the book's drawing box."""
    return FONT * printed_size(tree, page)[0] / tree.width / MM_PER_POINT


def tree_pages(cast: Cast, page: Page, whole: Layout) -> list[TreePage]:
    """The tree pages of the book: the whole tree (whole is layout(cast)) when its names print
    at 8 pt or more, else one page for each parent's side of the family, and one for the
    carers."""
    if printed_point_size(whole, page) >= MIN_PRINT_POINTS:
        return [TreePage("", whole)]
    parts = [replace(part, tree=_readable(part.tree, page)) for part in sides(cast)] or [
        TreePage("", replace(whole, feelings=[]))]
    # One scale for every page: the one at which the part needing the most room still fits.
    # A small part (the carers) is then drawn as large as its names are on the other pages,
    # not blown up to fill its page.
    scale = min(fitted_scale(part.tree, page) for part in parts)
    return [replace(part, scale=scale) for part in parts]


def sides(cast: Cast) -> list[TreePage]:
    """The tree in parts, for when the whole is too wide to read: one for each parent's side
    of the family, and one for the carers (none when the parents' sides are not known)."""
    _ = words.translations(cast.language).gettext
    pages = []
    for parent_id, side in _parent_sides(cast):
        name = cast.name_of(parent_id) or _("a parent")
        said = _("%(name)s\u2019s side of your family")
        if said.startswith("%(name)s"):  # the sentence starts with the name: a capital
            name = f"{name[0].upper()}{name[1:]}"
        title = said % {"name": name}
        pages.append(TreePage(title, layout(_side_of(cast, side))))
    if pages and cast.carers:
        carers = replace(cast.with_people({c.id for c in cast.carers}), relationships=[])
        pages.append(TreePage(_("The people who have looked after you"), layout(carers)))
    return pages


def _parent_sides(cast: Cast) -> list[tuple[str, Side]]:
    parents = [cast.person(p) for p in cast.me.parents]
    sides = [(p.id, p.side) for p in parents
             if p is not None and p.side in (Side.maternal, Side.paternal)]
    return sides if len(sides) == 2 else []


def _side_of(cast: Cast, side: Side) -> Cast:
    """The cast with only one side of the family (and both parents, and the carers), and the
    nameless shape of any parent never shown of someone on it: without it, a half-sister's
    line would seem to come from the young person's other parent."""
    keep = {p.id for p in cast.people if p.side in (side, Side.both) or p.id in cast.me.parents}
    return cast.with_people(keep | {parent for p in cast.people if p.id in keep
                                    for parent in p.parents
                                    if (found := cast.person(parent)) is not None
                                    and found.role is Role.placeholder})
