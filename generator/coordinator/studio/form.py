"""A form built from a file's JSON Schema, and the changes a submitted form asks for.

The schema is the one `journeybook schema` writes (format/schema.json_schema), so the form can
never offer a field that validation refuses, nor miss one it accepts. Each property becomes a
control: a choice (enum) a select, yes/no a checkbox, a string an input (a textarea when it may be
long), an object a fieldset, a list of objects one fieldset per item with "add one". A field that
holds person ids (the schema's PersonId pattern; an `id` only when its description says it is a
"person id", since a person's own id is typed in) is chosen from the journey's people by name.

Only what the coordinator changed is written back: a submitted value equal to what the file
holds is left alone, so a save changes exactly the lines edited, and comments stay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedSeq

PERSON_ID = "^[a-z0-9][a-z0-9-]*$"  # format/schema.PersonId's pattern
LONG_TEXT = 200  # strings whose maxLength is longer than this get a textarea


@dataclass
class Control:
    """One field of the form, or a group of them."""

    path: tuple  # where in the file, e.g. ("people", 3, "relation")
    label: str
    help: str = ""
    kind: str = "text"  # text, textarea, number, select, checkbox, person, persons, lines, group, list
    value: Any = None
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, words)
    children: list[Control] = field(default_factory=list)
    required: bool = False
    new_item: dict = field(default_factory=dict)  # a list's "add one": its needed keys, empty

    @property
    def name(self) -> str:
        return ".".join(str(step) for step in self.path)

    @property
    def checked(self) -> bool:
        return _yes(self.value)

    def names(self) -> set[str]:
        """This control's name and every one inside it."""
        return {self.name}.union(*(child.names() for child in self.children))


def controls(schema: dict, part: str, data: Any, people: list[tuple[str, str]]) -> Control:
    """The form for one top-level part of a file (people: (id, name) choices)."""
    prop = schema.get("properties", {}).get(part)
    if prop is None:
        raise KeyError(part)
    return _Builder(schema, people).control((part,), part, prop, data,
                                            part in schema.get("required", []))


def find(control: Control, name: str) -> Control | None:
    """The control called name, at any depth (None when there is none)."""
    if control.name == name:
        return control
    return next((found for child in control.children
                 if (found := find(child, name)) is not None), None)


def parts(schema: dict) -> list[tuple[str, str]]:
    """A file's top-level parts, with what each holds."""
    return [(name, prop.get("description", "")) for name, prop in
            schema.get("properties", {}).items()]


class _Builder:
    def __init__(self, schema: dict, people: list[tuple[str, str]]):
        self.defs = schema.get("$defs", {})
        self.people = people

    def resolve(self, prop: dict) -> tuple[dict, bool]:
        """The property's own schema ($ref followed, null choice dropped), and if it may be
        empty."""
        nullable = False
        if "anyOf" in prop:
            choices = [c for c in prop["anyOf"] if c.get("type") != "null"]
            nullable = len(choices) < len(prop["anyOf"])
            inner = choices[0] if len(choices) == 1 else {"type": "string"}
            merged = {**inner, **{k: v for k, v in prop.items() if k != "anyOf"}}
            if inner.get("description") and prop.get("description"):  # a date's format, say
                merged["description"] = f"{prop['description']} {inner['description']}"
            prop = merged
        if "$ref" in prop:
            target = self.defs[prop["$ref"].rsplit("/", 1)[-1]]
            prop = {**target, **{k: v for k, v in prop.items() if k != "$ref"}}
        return prop, nullable

    def control(self, path: tuple, name: str, prop: dict, value: Any,
                required: bool) -> Control:
        prop, _ = self.resolve(prop)
        made = Control(path, _label(name), prop.get("description", ""), value=value,
                       required=required)
        kind = prop.get("type")
        if "enum" in prop:
            made.kind = "select"
            made.options = [(str(v), str(v)) for v in prop["enum"]]
        elif kind == "boolean":
            made.kind = "checkbox"
        elif kind in ("integer", "number"):
            made.kind = "number"
        elif kind == "object" and "properties" in prop:
            made.kind = "group"
            inner = value if isinstance(value, dict) else {}
            wanted = prop.get("required", [])
            made.children = [self.control((*path, key), key, sub, inner.get(key), key in wanted)
                             for key, sub in prop["properties"].items()]
        elif kind == "array":
            self.array(made, prop, name)
        elif prop.get("pattern") == PERSON_ID and (name != "id" or "person id" in made.help):
            made.kind = "person"
            made.options = self.people
        elif prop.get("maxLength", 0) > LONG_TEXT:
            made.kind = "textarea"
        return made

    def array(self, made: Control, prop: dict, name: str) -> None:
        items, _ = self.resolve(prop.get("items", {}))
        value = made.value if isinstance(made.value, list) else []
        if items.get("type") == "object":
            made.kind = "list"
            # Empty needed keys (not `{}`, which YAML would write, and keep, on one line).
            made.new_item = dict.fromkeys(items.get("required", []))
            made.children = [self.control((*made.path, index), _item_label(name, index, item),
                                          prop["items"], item, True)
                             for index, item in enumerate(value)]
        elif items.get("pattern") == PERSON_ID:
            made.kind = "persons"
            made.options = self.people
        else:
            made.kind = "lines"


def changes(form: Control, submitted: dict[str, list[str]]) -> list[tuple[tuple, Any]]:
    """What the submitted form changes: (where, new value) for each field whose value differs
    from the file's. Fields not in the form are left alone."""
    found: list[tuple[tuple, Any]] = []
    _walk(form, submitted, found)
    return found


def _walk(control: Control, submitted: dict[str, list[str]], found: list) -> None:
    if control.kind in ("group", "list"):
        for child in control.children:
            _walk(child, submitted, found)
        return
    name = control.name
    if control.kind == "checkbox":
        new: Any = name in submitted
        if new != control.checked:
            found.append((control.path, new))
        return
    if name not in submitted:
        return
    if control.kind in ("persons", "lines"):
        given = [line.strip() for text in submitted[name] for line in text.splitlines()
                 if line.strip()]
        old = [str(v) for v in (control.value or [])]
        if control.kind == "persons":  # a browser sends the choices in the list's order
            given = [v for v in old if v in given] + [v for v in given if v not in old]
        if given != old:
            found.append((control.path, _like(control.value, given)))
        return
    text = submitted[name][0].replace("\r\n", "\n")
    text = text.strip() if control.kind != "textarea" else text.strip("\n")
    if text == ("" if control.value is None else str(control.value)):
        return
    found.append((control.path, _typed(text, control)))


def _like(old: Any, items: list[str]) -> Any:
    """The new list, written as the old one was: `[a, b]` on one line stays so."""
    new = CommentedSeq(items)
    if isinstance(old, CommentedSeq) and old.fa.flow_style():
        new.fa.set_flow_style()
    return new


def _typed(text: str, control: Control) -> Any:
    if text == "":
        return None
    if control.kind == "number":
        try:
            return int(text)
        except ValueError:
            return text  # validation says what is wrong with it, beside the field
    return text


def place(problems: dict[str, list[str]], control: Control) -> dict[str, list[str]]:
    """Problems by field name moved to the nearest field the form shows (a problem of a key the
    form has no control for is shown on the fieldset holding it)."""
    names = control.names()
    placed: dict[str, list[str]] = {}
    for name, words in problems.items():
        steps = name.split(".")
        while len(steps) > 1 and ".".join(steps) not in names:
            steps.pop()
        placed.setdefault(".".join(steps), []).extend(words)
    return placed


def _yes(value: Any) -> bool:
    """A YAML yes: true, or the words yes / true / on (YAML 1.1 style, as coordinators write)."""
    if isinstance(value, str):
        return value.strip().lower() in {"yes", "y", "true", "on"}
    return bool(value)


def _item_label(name: str, index: int, item: Any) -> str:
    """'People 3: Nan': the item's number, and its name where it has one."""
    label = f"{_label(name)} {index + 1}"
    if isinstance(item, dict):
        for key in ("called", "name", "id", "thing", "what", "title"):
            if item.get(key):
                return f"{label}: {item[key]}"
    return label


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()
