"""Editing a round-trip YAML tree as a form does: one field at a time, the rest as it was.

ruamel keeps a blank line or comment that follows a field on that field; removing the field or
adding after it would take them along, so they are moved to the field that now ends the block.
"""

from __future__ import annotations

import itertools
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString
from ruamel.yaml.tokens import CommentToken

Where = tuple[str | int, ...]


def get_value(data: Any, where: Where) -> Any:
    """Return the value at `where` (keys and list indexes), or None when any step is missing."""
    node = data
    for step in where:
        if not _has(node, step):
            return None
        node = node[step]
    return node


def _has(node: Any, step: str | int) -> bool:
    """Whether node (a mapping or a list) has this key or index."""
    if isinstance(node, dict):
        return step in node
    return isinstance(node, list) and isinstance(step, int) and -len(node) <= step < len(node)


def set_value(data: Any, where: Where, value: Any) -> None:
    """Set the field at `where`, leaving every other comment, key order and quoting as it was.

    Missing mappings on the way are created. None removes the key (or the list item). A new
    string keeps the old one's quoting, so a phone number written "01632 960 001" stays quoted."""
    if not where:
        raise ValueError("set_value needs a field path")
    node = data
    for step, following in itertools.pairwise(where):
        child = get_value(node, (step,))
        if child is None:
            if value is None:
                return   # removing something under a missing field: nothing to do
            if not isinstance(node, dict):
                raise KeyError(f"no item {step!r} in a list of {len(node)}")
            child = node[step] = CommentedSeq() if isinstance(following, int) else CommentedMap()
        node = child
    last = where[-1]
    if isinstance(node, list) and not isinstance(last, int):
        raise TypeError(f"{'/'.join(map(str, where[:-1]))} is a list: {last!r} is not an index")
    if value is None:
        _remove(node, last)
        return
    new = _to_tree(value)
    old = get_value(node, (last,))
    if isinstance(old, ScalarString) and isinstance(new, str) and not isinstance(new, ScalarString):
        new = type(old)(new)   # keep the quoting style the coordinator chose
    if isinstance(node, list) and last == len(node):
        node.append(new)
        return
    before = _holder(node, last) if _has(node, last) else None
    node[last] = new
    if before is not None:
        _move_rest(before, _holder(node, last))


def _remove(node: Any, last: str | int) -> None:
    """Remove a key or list item; what followed it (blank lines, comments) follows the one before."""
    if not _has(node, last):
        return
    steps = list(node) if isinstance(node, dict) else list(range(len(node)))
    at = steps.index(last if isinstance(node, dict) else last % len(node))
    below = _rest(_tail(*_holder(node, last)))
    if at > 0:
        # The lines between the one before and this (a heading for it) go with it.
        before = _holder(node, steps[at - 1])
        _set_tail(*before, _tail(*before).partition("\n")[0] + "\n" + below)
    del node[last]


def append_item(data: Any, where: Where, item: dict) -> int:
    """Add item to the end of the list at `where` (created when missing); return its index."""
    items = get_value(data, where) if where else data
    if items is None:
        set_value(data, where, CommentedSeq())
        items = get_value(data, where)
    if not isinstance(items, list):
        raise TypeError(f"{'/'.join(map(str, where))} is not a list")
    items.append(_to_tree(item))
    if len(items) > 1:
        # What followed the old last item (the blank line before the next section) now follows
        # the new one; the old one keeps the gap its neighbours have between them.
        gap = _rest(_tail(*_holder(items, len(items) - 3))) if len(items) > 2 else ""
        _move_rest(_holder(items, len(items) - 2), _holder(items, len(items) - 1),
                   leave="\n" * (len(gap) - len(gap.lstrip("\n"))))
    return len(items) - 1


# ---- the blank lines and comments after a field ------------------------------------------------
# ruamel keeps them in the container's `ca.items[key]`: at index 2 for a mapping, 0 for a list.
# The first line of that text ends the field's own line (its end-of-line comment, if any); the
# rest are the lines below it, which belong to wherever the block now ends.

Holder = tuple[Any, str | int]


def _holder(node: Any, step: str | int) -> Holder:
    """The container and key of the last field written under node[step] (itself for a scalar)."""
    value = node[step]
    while isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
        node, step = value, (list(value)[-1] if isinstance(value, dict) else len(value) - 1)
        value = node[step]
    return node, step


def _tail(node: Any, step: str | int) -> str:
    """The text ruamel writes after this field's value ("" when it writes a plain newline)."""
    slots = node.ca.items.get(step) if hasattr(node, "ca") else None
    token = slots[2 if isinstance(node, dict) else 0] if slots else None
    return token.value if token is not None else ""


def _set_tail(node: Any, step: str | int, text: str) -> None:
    """Make text what ruamel writes after this field's value."""
    if not hasattr(node, "ca"):
        return
    at = 2 if isinstance(node, dict) else 0
    slots = node.ca.items.setdefault(step, [None] * (4 if at else 2))
    if slots[at] is not None:
        slots[at].value = text
    else:
        slots[at] = CommentToken(text, CommentMark(0), None)


def _rest(text: str) -> str:
    """The lines below a field's own line in its trailing text."""
    return text.partition("\n")[2]


def _move_rest(source: Holder, target: Holder, leave: str = "") -> None:
    """Move the lines below source's field to below target's, leaving `leave` below source."""
    text = _tail(*source)
    rest = _rest(text)
    if not rest or (source[0] is target[0] and source[1] == target[1]):
        return
    _set_tail(*source, text.partition("\n")[0] + "\n" + leave)
    _set_tail(*target, _tail(*target).partition("\n")[0] + "\n" + rest)


def _to_tree(value: Any) -> Any:
    """Turn plain dicts and lists into round-trip nodes; multi-line text is written as a block."""
    if isinstance(value, dict) and not isinstance(value, CommentedMap):
        tree = CommentedMap()
        for key, inner in value.items():
            tree[key] = _to_tree(inner)
        return tree
    if isinstance(value, list) and not isinstance(value, CommentedSeq):
        return CommentedSeq(_to_tree(inner) for inner in value)
    if isinstance(value, str) and not isinstance(value, ScalarString) and "\n" in value:
        return LiteralScalarString(value)
    return value


