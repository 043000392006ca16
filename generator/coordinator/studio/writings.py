"""The studio's pages for memories and letters: front matter as a form, the text beneath it.

A memory or letter is Markdown with YAML front matter (docs/format.md). Its edit page is built
from the file's JSON Schema with form.py, as the YAML files' pages are, with the text (the body)
in a large box under the fields. A save writes only the front-matter keys that changed (comments
and order stay) and the body only if it changed; a file changed elsewhere since it was opened
is never overwritten (files.ChangedOnDisk: both versions are shown instead).

A new memory or letter gets a neutral, counted name (memories/memory-3.md), never one made from
its writer's or title's words: the book keeps names out of file names (see the cast's neutral
anchors), and a name typed by a coordinator is exactly what a file name must not carry.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from werkzeug.wrappers import Response

from generator.coordinator.studio import files, form, pages
from generator.coordinator.studio.problems import errors_in, new_errors, problems_by_field, took_back
from generator.core.paths import resolve_inside
from generator.format.schema import FILE_MODELS, json_schema

KINDS = {"memories": "memory", "letters": "letter"}   # folder: what one file in it is called
NEW_FIELDS = ("from", "title", "date", "consent")       # what the "write a new one" form asks
TEXT = "_text"   # the body's field name: no schema property starts with "_"


def blueprint(folders: pages.Journeys) -> Blueprint:
    """The memory and letter pages; registered on the studio's app, so its checks apply."""
    routes = Blueprint("writings", __name__)

    @routes.route("/j/<journey_id>/write/<kind>/<name>", methods=["GET", "POST"])
    def edit(journey_id: str, kind: str, name: str) -> tuple[str, int]:
        folder, path = _writing(folders, journey_id, kind, name)
        if not path.is_file():
            abort(404)
        return _edit(folder, journey_id, kind, path, folders.cache(folder))

    @routes.route("/j/<journey_id>/new/<kind>", methods=["GET", "POST"])
    def new(journey_id: str, kind: str) -> Response | tuple[str, int]:
        folder = _folder(folders, journey_id, kind)
        built = _controls(folder, kind, {"consent": "pending"}, NEW_FIELDS)
        if request.method == "GET":
            return _new_page(journey_id, kind, built, "", ""), 200
        made = _fresh(folder, kind, _controls(folder, kind, {}, NEW_FIELDS))
        if made is None:
            given = {field.name: (request.form.get(field.name) or None) for field in built.children}
            again = _controls(folder, kind, given, NEW_FIELDS)
            return _new_page(journey_id, kind, again, request.form.get(TEXT, ""),
                             "Nothing was made: choose who it is from."), 400
        return redirect(f"/j/{journey_id}/write/{kind}/{made.name}?made=1", code=303)

    return routes


def _folder(folders: pages.Journeys, journey_id: str, kind: str) -> Path:
    folder = folders.folder(journey_id)
    if folder is None or kind not in KINDS:
        abort(404)
    return folder


def _writing(folders: pages.Journeys, journey_id: str, kind: str, name: str) -> tuple[Path, Path]:
    """The journey folder and the memory or letter named: a .md directly in memories/ or
    letters/, reached through resolve_inside (no '..', absolute path or link out)."""
    folder = _folder(folders, journey_id, kind)
    found = resolve_inside(folder, f"{kind}/{name}")
    if (found is None or found.parent != folder / kind or found.suffix.lower() != ".md"
            or (folder / kind / name).is_symlink()):
        abort(404)
    return folder, found


def _controls(folder: Path, kind: str, front: Any, only: tuple[str, ...] = ()) -> form.Control:
    """One group holding a control for each front-matter key (or only those named)."""
    schema = json_schema(FILE_MODELS[f"{kind}/*.md"])
    people = pages.people(folder)
    values = front if isinstance(front, dict) else {}
    return form.Control((), "Front matter", kind="group", children=[
        form.controls(schema, key, values.get(key), people)
        for key in schema.get("properties", {}) if not only or key in only])


def _text(submitted: str) -> str:
    """The text box's words as the file keeps them: "\\n" line ends, ending with one."""
    text = submitted.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n" if text.strip() else ""


def _edit(folder: Path, journey_id: str, kind: str, path: Path, cache: Path
          ) -> tuple[str, int]:
    """Show a memory or letter as a form; on POST, write only what changed."""
    file = f"{kind}/{path.name}"
    try:
        opened = files.open_writing(path)
    except (YAMLError, UnicodeDecodeError) as error:
        abort(422, f"{file} cannot be read, so it cannot be shown as a form: {error}. Fix it in "
                   f"a text editor (journeybook check journeys/{journey_id} says where).")
    built = _controls(folder, kind, opened.front)
    page = {"id": journey_id, "kind": kind, "file": file, "problems": {}, "others": [],
            "message": "", "conflict": None,
            # A page reached by making it: the browser's draft of the "new" form is done with.
            "saved": [f"/j/{journey_id}/new/{kind}"] if request.args.get("made") else []}
    status, digest = 200, opened.digest
    if request.method == "POST":
        before = errors_in(problems_by_field(folder, cache))
        front = opened.front if isinstance(opened.front, dict) else CommentedMap()
        for where, value in form.changes(built, request.form.to_dict(flat=False)):
            files.set_value(front, where, value)
        body = opened.body
        if TEXT in request.form and _text(request.form[TEXT]) != _text(opened.body):
            body = _text(request.form[TEXT])
        try:
            opened = files.save_writing(
                files.OpenedWriting(path, request.form.get("_digest", ""), front, opened.body,
                                    opened.indent, opened.crlf, opened.bom, opened.had_front),
                front, body)
        except files.ChangedOnDisk as changed:
            status = 409
            page["message"] = (f"Nothing was saved: {file} was changed somewhere else after you "
                               "opened it. Below are both versions; the form now shows the file "
                               "as it is on disk. Make your change again.")
            head = files.dump_yaml(front, opened.indent) if front else ""
            page["conflict"] = {"theirs": changed.theirs, "yours": f"---\n{head}---\n{body}"}
            opened = files.open_writing(path)
            digest = opened.digest
        else:
            found = problems_by_field(folder, cache)
            page["problems"], page["others"] = _problems(found, folder, file)
            brought = new_errors(found, before)
            if brought:   # the form keeps what was typed; the file is as it was
                status, digest = took_back(page, opened.replaced, file, folder, brought,
                                           opened.digest)
                opened = replace(opened, front=front, body=body)
            else:
                digest = opened.digest
                count = sum(map(len, page["problems"].values())) + len(page["others"])
                page["saved"] = [f"/j/{journey_id}/write/{file}"]
                page["message"] = "Saved." + (f" The check found {count} problem(s): each is "
                                              "shown beside its field, or above." if count else "")
        built = _controls(folder, kind, opened.front)
        page["problems"] = form.place(page["problems"], built)
        for name in set(page["problems"]) - built.names():   # a key the form has no field for
            page["others"] += page["problems"].pop(name)
    return render_template("writing.html", form=built, digest=digest, body=opened.body,
                           what=KINDS[kind], **page), status


def _fresh(folder: Path, kind: str, empty: form.Control) -> Path | None:
    """Make a new memory or letter from the submitted form, at the first free counted name
    (never overwriting one); None when who it is from was not chosen."""
    front = CommentedMap()
    for where, value in form.changes(empty, request.form.to_dict(flat=False)):
        files.set_value(front, where, value)
    if not front.get("from"):
        return None
    front.setdefault("consent", "pending")   # nothing is shared until they say yes
    front = CommentedMap((key, front[key]) for key in NEW_FIELDS if key in front)
    body = _text(request.form.get(TEXT, ""))
    number = 1
    while True:
        path = folder / kind / f"{KINDS[kind]}-{number}.md"
        if resolve_inside(folder, f"{kind}/{path.name}") != path:   # memories/ is a link?
            abort(404)
        if not path.exists() and not path.is_symlink():
            try:   # digest "" means "no file there": one made meanwhile is never overwritten
                files.save_writing(files.OpenedWriting(path, "", front, body), front, body)
                return path
            except files.ChangedOnDisk:
                pass
        number += 1


def _new_page(journey_id: str, kind: str, built: form.Control, body: str, message: str) -> str:
    return render_template("writing.html", form=built, digest="", body=body, id=journey_id,
                           kind=kind, file="", problems={}, others=[], message=message,
                           conflict=None, what=KINDS[kind])


def _problems(found: dict, folder: Path, file: str) -> tuple[dict[str, list[str]], list[str]]:
    """The check's problems of this file by field name; and those of no field (or no file)."""
    by_name: dict[str, list[str]] = {}
    others: list[str] = []
    for (where_file, where), problems in found.items():
        words = [problem.show(folder) for problem in problems]
        if where_file == file and where:
            by_name.setdefault(".".join(map(str, where)), []).extend(words)
        elif where_file in (file, ""):
            others += words
    return by_name, others
