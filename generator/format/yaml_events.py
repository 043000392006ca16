"""YAML built from the parser's events by our own composer, for the load stage.

PyYAML's composers recurse once per level of nesting (libyaml's crashed the process on deep
input) and expand anchors and aliases (a few lines of them make gigabytes). This composer
keeps its own stack, refuses nesting deeper than MAX_DEPTH, and refuses every anchor and alias
before anything is built.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.core.errors import Refused

# Far above any real journey: the deepest value the format has is 5 levels down (photos.yaml:
# photos > a photo > recording > listened > on); tests/test_hostile_input.py checks this.
MAX_DEPTH = 25


ANCHOR_MESSAGE = "anchors (&) and aliases (*) are not used in journey files."
ANCHOR_FIX = "Write the value out in full (and take out the & or * and the name after it)."
MAX_ANCHOR_LINES = 10  # enough to show the pattern; the whole file is refused anyway


def _too_deep(mark: Any) -> Refused:
    return Refused(mark, f"this is nested more than {MAX_DEPTH} levels deep; no journey file "
                    "needs more than a few.", "Check the indentation and the brackets [ ] and "
                    "{ } on this line: one may be missing its closing bracket.")


def compose(text: str, loader_class: type) -> tuple[yaml.Node | None, list[Refused]]:
    """Return the one document in text as PyYAML nodes, and what was refused in it (when
    anything was, no nodes are built). Raise Refused for nesting deeper than MAX_DEPTH, and
    yaml.YAMLError for a syntax error."""
    loader = loader_class(text)
    try:
        return _Composer(loader).compose()
    finally:
        loader.dispose()


class _Composer:
    """PyYAML's composer, without recursion and without anchors.

    Both of PyYAML's composers (the Python one and libyaml's) call themselves for each level
    of nesting, so a file of 100,000 '[' ends in a RecursionError or a crash of the whole
    process; and they resolve aliases, so a few lines of anchors and aliases become a tree of
    billions of nodes once walked. This one reads the parser's events one at a time, keeps its
    own stack, stops at MAX_DEPTH, and stops building at the first anchor or alias (it still
    reads on, to report every line that has one).
    """

    def __init__(self, loader: Any):
        self.loader = loader
        self.root: yaml.Node | None = None
        self.open: list[yaml.CollectionNode] = []  # the collections being filled, innermost last
        self.keys: list[yaml.Node | None] = []  # for each open mapping, a key awaiting its value
        self.depth = 0
        self.refusals: list[Refused] = []
        self.documents = 0

    def compose(self) -> tuple[yaml.Node | None, list[Refused]]:
        while self.loader.check_event() and len(self.refusals) < MAX_ANCHOR_LINES:
            event = self.loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                self._document(event)
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                self._anchor(event)
            elif isinstance(event, yaml.CollectionEndEvent):
                self._close(event)
            elif isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                self._open(event)
        return (None if self.refusals else self.root), self.refusals

    def _document(self, event: yaml.DocumentStartEvent) -> None:
        # yaml.compose refuses a second document too: a journey file is one set of fields.
        self.documents += 1
        if self.documents > 1:
            raise yaml.composer.ComposerError("expected a single document in the stream", None,
                                              "but found another document", event.start_mark)

    def _anchor(self, event: yaml.NodeEvent) -> None:
        """Refuse an anchor or alias: one Problem per line, and nothing more is built."""
        if not self.refusals or self.refusals[-1].mark.line != event.start_mark.line:
            self.refusals.append(Refused(event.start_mark, ANCHOR_MESSAGE, ANCHOR_FIX))
        if isinstance(event, yaml.CollectionStartEvent):
            self._deeper(event)

    def _deeper(self, event: yaml.CollectionStartEvent) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _too_deep(event.start_mark)

    def _open(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> None:
        if isinstance(event, yaml.CollectionStartEvent):
            self._deeper(event)
        if self.refusals:
            return  # the file is refused: count the depth, build nothing
        node = self._node(event)
        self._attach(node)
        if isinstance(node, yaml.CollectionNode):
            self.open.append(node)
            self.keys.append(None)

    def _node(self, event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> yaml.Node:
        """The node for event, its tag resolved as yaml.compose would (plain 'yes' is a bool)."""
        kind = {yaml.ScalarEvent: yaml.ScalarNode, yaml.SequenceStartEvent: yaml.SequenceNode,
                yaml.MappingStartEvent: yaml.MappingNode}[type(event)]
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value if kind is yaml.ScalarNode else None
            tag = self.loader.resolve(kind, value, event.implicit)
        if kind is yaml.ScalarNode:
            return yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark,
                                   style=event.style)
        return kind(tag, [], event.start_mark, None, flow_style=event.flow_style)

    def _attach(self, node: yaml.Node) -> None:
        """Put node in the collection being filled: a list item, a key, or a key's value."""
        if not self.open:
            self.root = node
        elif isinstance(self.open[-1], yaml.SequenceNode):
            self.open[-1].value.append(node)
        elif self.keys[-1] is None:
            self.keys[-1] = node
        else:
            self.open[-1].value.append((self.keys[-1], node))
            self.keys[-1] = None

    def _close(self, event: yaml.CollectionEndEvent) -> None:
        self.depth -= 1
        if not self.refusals:
            node = self.open.pop()
            self.keys.pop()
            node.end_mark = event.end_mark
