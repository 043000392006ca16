"""The studio's web server: `journeybook studio`, on this computer only, behind a secret address.

The stack is Flask on waitress. Flask is small, has been kept for fifteen years by Pallets (who
also make Jinja, which journeybook already uses for every page), is pure Python, and has a test
client, so every rule below is tested without a network. waitress is the pure-Python
production server Pallets recommends for any OS (no C build, no worker processes); Flask's own
server is for development only. The pages are plain HTML forms that work with scripts turned
off; one small script of ours (static/studio.js, shipped, nothing loaded from anywhere) keeps an
unsaved form as a draft in the browser and reloads the preview beside the form when it changes.

Case data is about children in care, so the server trusts nothing but this computer's user:

- it listens on 127.0.0.1 only, and every request needs the secret token printed in the address
  (as Jupyter does); the first visit's ?token= becomes an HttpOnly, SameSite=Strict cookie;
- the Host header must be 127.0.0.1:port or localhost:port, so a web page whose name is made to
  point at 127.0.0.1 (DNS rebinding) is refused;
- a request from another page (its Origin, or for a form its Referer, not this server) is refused;
- files are served only from inside the journeys folder, the built previews (build/<id>/site)
  and theme/studio/static, each through resolve_inside: no '..', absolute path or link out;
- a preview is its own sandboxed origin, so its scripts never reach the studio; as such a page
  cannot send the studio's SameSite cookie, its address carries a key of its own instead (made
  from the token and the journey, so it opens that journey's preview and nothing else).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import os
import secrets
import sys
import tempfile
import webbrowser
from dataclasses import replace
from datetime import date
from pathlib import Path

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, send_file
from ruamel.yaml.error import YAMLError
from werkzeug.exceptions import HTTPException

from generator.coordinator.studio import (
    builds,
    copies,
    files,
    form,
    pages,
    review_list,
    undo,
    uploads,
    writings,
)
from generator.core.errors import JourneybookError
from generator.core.paths import SITE, THEME, resolve_inside
from generator.format.new_journey import make_journey
from generator.format.schema import FILE_MODELS, json_schema

COOKIE = "journeybook_studio"
STUDIO = THEME / "studio"
# Only the studio's own script and styles run on its pages, and nothing comes from anywhere else.
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "connect-src 'self'; frame-src 'self'; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'")
# A preview or a journey's file is shown as its own sandboxed origin: its scripts run, but can
# never reach the studio with the coordinator's cookie, nor load or send anything elsewhere. Only
# the studio may show it in a frame.
FILE_POLICY = ("sandbox allow-scripts allow-popups; frame-ancestors 'self'; "
               "default-src 'self' 'unsafe-inline' data: blob:; connect-src 'self'")
PORT = 8517   # the studio's usual port: a draft kept in the browser belongs to its address
# The page of the preview shown beside each file's form.
PREVIEW_PAGES = {"journey.yaml": "", "people.yaml": "people.html", "photos.yaml": "photos.html",
                 "timeline.yaml": "story.html", "plan.yaml": "plan.html",
                 "memories": "memories.html", "letters": "letters.html"}


def make_app(journeys: Path, previews: Path, token: str, port: int,
             release_root: Path | None = None, live: bool = False) -> Flask:
    """The studio for this journeys folder; only requests carrying token, to 127.0.0.1:port
    (or localhost:port), are answered. Previews are built into previews, young people's copies
    into release_root (by default the release folder beside previews). live: every save starts
    a new preview in the background (off for tests of the pages, which need no build)."""
    app = Flask(__name__, static_folder=str(STUDIO / "static"), static_url_path="/static",
                template_folder=str(STUDIO / "templates"))
    app.config.update(STUDIO_PORT=port, MAX_CONTENT_LENGTH=4 * 1024 * 1024, MAX_FORM_PARTS=20000)
    app.jinja_env.autoescape = True
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    folders = pages.Journeys(journeys, previews)
    # Uploads bigger than a few hundred KB wait in a file: in the previews' cache, not /tmp.
    app.request_class = uploads.request_class(folders.previews / uploads.SPOOL)
    made = builds.Builds(folders.previews,
                          (release_root or previews.parent / "release").resolve())
    app.extensions["journeybook_builds"] = made
    app.register_blueprint(writings.blueprint(folders))
    app.register_blueprint(copies.blueprint(folders))
    app.register_blueprint(undo.blueprint(folders))
    app.register_blueprint(review_list.blueprint(folders))
    app.register_blueprint(uploads.blueprint(folders))

    @app.before_request
    def guard() -> Response | None:
        if request.path.startswith("/preview/"):   # its key is checked by the route
            return _refused_preview(app.config["STUDIO_PORT"])
        return _refused(token, app.config["STUDIO_PORT"])

    @app.after_request
    def after_a_save(response: Response) -> Response:
        # Every change the studio writes (a form, a memory, a photo) is shown in the preview.
        journey_id = (request.view_args or {}).get("journey_id")
        if (live and request.method == "POST" and response.status_code < 400 and journey_id
                and request.endpoint != "copies.copy"):
            folder = folders.folder(journey_id)
            if folder is not None:
                made.ask(folder, builds.PREVIEW)
        return response

    @app.context_processor
    def preview_beside() -> dict:
        view = request.view_args or {}
        journey_id = view.get("journey_id")
        page = PREVIEW_PAGES.get(view.get("file") or view.get("kind") or "")
        if not journey_id or page is None or folders.folder(journey_id) is None:
            return {"preview": None}
        return {"preview": _preview(folders, made, journey_id, page, token, live)}

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(HTTPException)
    def refused(error: HTTPException) -> tuple[str, int]:
        return render_template("error.html", error=error), error.code or 500

    @app.get("/")
    def journeys_list() -> str:
        return render_template("journeys.html", rows=folders.rows(date.today()), made="")

    @app.post("/new")
    def new() -> Response | tuple[str, int]:
        name = request.form.get("name", "").strip()
        try:
            target = make_journey(name, folders.root)
        except JourneybookError as error:
            return render_template("journeys.html", rows=folders.rows(date.today()),
                                   made=str(error)), 400
        return redirect(f"/j/{target.name}", code=303)

    @app.get("/j/<journey_id>")
    def journey(journey_id: str) -> str:
        from generator.coordinator.studio.problems import review

        folder = _journey(folders, journey_id)
        found = review(folder, folders.cache(folder))
        said = [problem for problems in found.problems.values() for problem in problems]
        return render_template("journey.html", id=journey_id, parts=pages.parts(folder),
                               row=folders.row(journey_id, date.today()),
                               errors=[p.show(folders.root) for p in said if not p.warning],
                               warnings=[p.show(folders.root) for p in said if p.warning],
                               left_out=found.left_out,
                               preview=_preview(folders, made, journey_id, "", token, live))

    @app.get("/j/<journey_id>/state")
    def state(journey_id: str) -> Response:
        """The journey's builds, for studio.js: a new preview number means reload the frame."""
        _journey(folders, journey_id)
        return jsonify({kind: made.run(journey_id, kind).as_dict()
                        for kind in (builds.PREVIEW, builds.COPY)})

    @app.route("/j/<journey_id>/edit/<file>/<part>", methods=["GET", "POST"])
    def edit(journey_id: str, file: str, part: str) -> tuple[str, int]:
        folder = _journey(folders, journey_id)
        if file not in pages.EDITABLE:
            abort(404)
        return _edit(folder, journey_id, file, part, folders.cache(folder))

    @app.get("/j/<journey_id>/files/<path:relative>")
    def journey_file(journey_id: str, relative: str) -> Response:
        folder = _journey(folders, journey_id)
        found = resolve_inside(folder, relative)
        if found is None or files.STUDIO_DIR in found.relative_to(folder).parts:
            abort(404)
        return _file(found)

    @app.get("/preview/<key>/<journey_id>/")
    @app.get("/preview/<key>/<journey_id>/<path:relative>")
    def preview(key: str, journey_id: str, relative: str = "") -> Response:
        if not _same(key, preview_key(token, journey_id)):
            abort(404)
        _journey(folders, journey_id)
        site = folders.previews / journey_id / SITE
        found = resolve_inside(site, relative or "index.html") if site.is_dir() else None
        if found is not None and found.is_dir():
            found = found / "index.html"
        if found is None:
            abort(404)
        response = _file(found)
        # Its fonts are fetched by a sandboxed page, whose origin is no one's: allowed by the
        # key in the address, which only the studio's pages know.
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    return app


def preview_key(token: str, journey_id: str) -> str:
    """The key in a journey's preview address: opens that preview, and nothing else."""
    return hmac.new(token.encode(), f"preview:{journey_id}".encode(),
                    hashlib.sha256).hexdigest()[:32]


def _preview(folders: pages.Journeys, made: builds.Builds, journey_id: str, page: str,
             token: str, live: bool) -> dict:
    """What the page shows of the journey's preview: its address, and whether it is current
    (live: the first look at a journey with none makes one)."""
    run = made.run(journey_id, builds.PREVIEW)
    built = (folders.previews / journey_id / SITE / "index.html").is_file()
    folder = folders.folder(journey_id)
    if folder is not None and run.state in ("none", "done"):
        made.saw(folder)   # whose it is, before any save corrects a name or date of birth
    if live and not built and run.state == "none" and folder is not None:
        made.ask(folder, builds.PREVIEW)
        run = made.run(journey_id, builds.PREVIEW)
    return {"src": f"/preview/{preview_key(token, journey_id)}/{journey_id}/{page}",
            "state_url": f"/j/{journey_id}/state", "number": run.number, "built": built,
            "run": run}


def serve(journeys: Path, previews: Path, port: int | None = None,
          release_root: Path | None = None) -> int:
    """Run the studio until Ctrl+C; the first line printed is its secret address."""
    if not journeys.is_dir():
        print(f"error: there is no journeys folder {journeys}. Make the first journey with "
              f'journeybook new "Name" --journeys {journeys}', file=sys.stderr)
        return 1
    token = secrets.token_urlsafe(32)
    app = make_app(journeys, previews, token, port or 0, release_root, live=True)
    server = _server(app, port)
    app.config["STUDIO_PORT"] = server.effective_port
    address = f"http://127.0.0.1:{server.effective_port}/?token={token}"
    print(address, flush=True)
    print("The journeybook studio is open at the address above. Keep it to yourself: anyone "
          "with it can change the journeys on this computer. Ctrl+C to stop.", file=sys.stderr,
          flush=True)
    opener = _opener(address)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        opener.unlink(missing_ok=True)
    return 0


def _opener(address: str) -> Path:
    """Open the browser at address through a page only this user can read: the address holds
    the secret, and a browser started with it on its command line shows it to every user of
    the computer (as Jupyter found). Returns the page, removed when the studio stops."""
    handle, name = tempfile.mkstemp(prefix="journeybook-studio-", suffix=".html")   # 0600
    with os.fdopen(handle, "w", encoding="utf-8") as page:
        page.write(f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" '
                   f'content="0;url={html.escape(address)}"><title>journeybook studio</title>'
                   f'<p><a href="{html.escape(address)}">Open the journeybook studio</a></p>')
    webbrowser.open(Path(name).as_uri())
    return Path(name)


def _same(given: str, secret: str) -> bool:
    """Whether given is the secret, in constant time (any text: a wrong one is refused, never
    an error)."""
    return secrets.compare_digest(given.encode("utf-8", "surrogateescape"), secret.encode())


def _refused_preview(port: int) -> Response | None:
    """A preview is read, never changed: only this server's name, and only GET."""
    if request.host not in {f"127.0.0.1:{port}", f"localhost:{port}"}:
        abort(403, "This address is not the studio's.")
    if request.method not in ("GET", "HEAD"):
        abort(405)
    return None


def _refused(token: str, port: int) -> Response | None:
    """A 403 for any request not from this computer's coordinator; None lets it through."""
    ours = {f"127.0.0.1:{port}", f"localhost:{port}"}
    if request.host not in ours:
        abort(403, "This address is not the studio's.")
    origins = {f"http://{host}" for host in ours}
    origin = request.headers.get("Origin")
    if origin is not None and origin not in origins:
        abort(403, "A request from another page was refused.")
    if request.method not in ("GET", "HEAD"):
        referer = request.headers.get("Referer", "")
        if origin is None and not any(referer == o or referer.startswith(f"{o}/")
                                      for o in origins):
            abort(403, "A request from another page was refused.")
    given = request.args.get("token")
    if given is not None and _same(given, token):
        response = redirect(request.path, code=303)
        response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        return response
    if not _same(request.cookies.get(COOKIE, ""), token):
        abort(403, "Open the studio with the address `journeybook studio` printed.")
    return None


def _server(app: Flask, port: int | None):
    """waitress on the port asked for; else the studio's usual one (so drafts kept in the
    browser are found again after a restart), or any free port if that one is taken."""
    import logging

    import waitress

    # The preview's frame and the page's check for a new one can be a few requests at once,
    # which waitress calls a queue; the coordinator's terminal need not hear of it.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    if port is not None:
        return waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
    try:
        return waitress.create_server(app, host="127.0.0.1", port=PORT, threads=4)
    except OSError:
        return waitress.create_server(app, host="127.0.0.1", port=0, threads=4)


def _journey(folders: pages.Journeys, journey_id: str) -> Path:
    folder = folders.folder(journey_id)
    if folder is None:
        abort(404)
    return folder


def _file(found: Path) -> Response:
    if not found.is_file():
        abort(404)
    # Case files are shown as text, never run: a .md or .yaml is not a page.
    plain = found.suffix.lower() in (".yaml", ".yml", ".md", ".txt")
    response = send_file(found, conditional=False,
                         mimetype="text/plain; charset=utf-8" if plain else None)
    response.headers["Content-Security-Policy"] = FILE_POLICY
    return response


def _edit(folder: Path, journey_id: str, file: str, part: str, cache: Path
          ) -> tuple[str, int]:
    """Show one part of a file as a form; on POST, write only what changed, then check the
    journey (with the preview's cache: pictures already known are not read again). A save that
    brings a new error (a date that cannot be, an id used twice) is put back at once: the form
    keeps what was typed, with each error beside its field, and the file is as it was."""
    from generator.coordinator.studio.problems import errors_in, new_errors, problems_by_field, took_back

    schema = json_schema(FILE_MODELS[file])
    if part not in schema.get("properties", {}):
        abort(404)
    try:
        opened = files.open_yaml(folder / file)
    except (YAMLError, UnicodeDecodeError) as error:
        abort(422, f"{file} cannot be read, so it cannot be shown as a form: {error}. Fix it "
                   f"in a text editor (journeybook check journeys/{journey_id} says where).")
    people = pages.people(folder)
    built = form.controls(schema, part, files.get_value(opened.data, (part,)), people)
    page = {"id": journey_id, "file": file, "part": part, "about": form.parts(schema),
            "problems": {}, "others": [], "message": "", "conflict": None}
    status, digest = 200, opened.digest
    if request.method == "POST":
        before = errors_in(problems_by_field(folder, cache))
        submitted = request.form.to_dict(flat=False)
        for where, value in form.changes(built, submitted):
            files.set_value(opened.data, where, value)
        adding = form.find(built, request.form.get("_add", ""))
        added = None
        if adding is not None and adding.kind == "list":   # any list, nested ones too
            index = files.append_item(opened.data, adding.path, adding.new_item)
            added = (file, (*adding.path, index))
        try:
            opened = files.save_yaml(replace(opened, digest=request.form.get("_digest", "")))
            digest = opened.digest
        except files.ChangedOnDisk as changed:
            status = 409
            page["message"] = (f"Nothing was saved: {file} was changed somewhere else after you "
                               "opened it. Below are both versions; the form now shows the file "
                               "as it is on disk. Make your change again.")
            page["conflict"] = {"theirs": changed.theirs,
                                "yours": files.dump_yaml(opened.data, opened.indent)}
            opened = files.open_yaml(folder / file)
            digest = opened.digest
        else:
            found = problems_by_field(folder, cache)
            page["problems"], page["others"] = _problems(found, folder, file, part)
            brought = new_errors(found, before, added)
            if brought:
                status, digest = took_back(page, opened.replaced, file, folder, brought, digest)
            else:
                count = sum(map(len, page["problems"].values())) + len(page["others"])
                page["saved"] = [f"/j/{journey_id}/edit/{file}/{part}"]
                page["message"] = "Saved." + (f" The check found {count} problem(s): each is "
                                              "shown beside its field." if count else "")
        built = form.controls(schema, part, files.get_value(opened.data, (part,)), people)
        page["problems"] = form.place(page["problems"], built)
    return render_template("edit.html", form=built, digest=digest, **page), status


def _problems(found: dict, folder: Path, file: str, part: str
              ) -> tuple[dict[str, list[str]], list[str]]:
    """The check's problems for this part, by field name; and the others of this file."""
    by_name: dict[str, list[str]] = {}
    others: list[str] = []
    for (where_file, where), problems in found.items():
        words = [problem.show(folder) for problem in problems]
        if where_file == file and where[:1] == (part,):
            by_name.setdefault(".".join(map(str, where)), []).extend(words)
        elif where_file in (file, ""):
            others += words
    return by_name, others
