"""The studio's drop zones: photos, recordings and scanned letters added to a journey.

Many files are dropped at once (a phone's folder) on a plain file input, which Chromium takes,
so the page runs no script. Each is checked as `journeybook check` checks it (images.verified,
recordings.probe) while still a hidden temporary file beside where it goes, and only then named:
a file that fails is deleted and nothing names it, so it never stops the journey building.

Names are neutral and counted (photos/photo-4.jpg), never the uploaded name, which may carry a
person's name (the cast's neutral anchors). Only the ending is kept, lower-cased, and only one
the format accepts, so nothing a browser sends can choose where a file lands.

What is added waits for consent: a photo is appended to photos.yaml (files.py: round trip,
atomic, previous version kept) with `consent: pending`; a recording becomes a new memory and a
scanned letter a new letter, both pending, as docs/format.md writes them (adding.py). The
thumbnails shown are made and kept by thumbs.py.

A post is received whole before any of this runs: one larger than IN_MEMORY into a temporary
file in the previews folder (request_class), never the system's temporary folder.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from flask import Blueprint, Request, Response, abort, render_template, request
from ruamel.yaml.error import YAMLError
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from generator.coordinator.studio import files, pages, thumbs
from generator.coordinator.studio.adding import (
    LINKED,
    Outcome,
    Received,
    add_letter,
    add_photos,
    add_recordings,
)
from generator.core.cache import CACHE
from generator.core.errors import RecordingError
from generator.core.paths import resolve_inside
from generator.sources import images, recordings
from generator.sources.suffixes import PICTURE_SUFFIXES, RECORDING_SUFFIXES

MB = 1024 * 1024
SPOOL = Path(CACHE, ".studio-uploads")   # in the previews folder: posts being received
IN_MEMORY = 500 * 1024   # bytes: a post up to this is received in memory (werkzeug's own)


@dataclass(frozen=True)
class Kind:
    """One kind of upload: where its files go, what they are called, what is accepted."""

    folder: str          # inside the journey: photos, memories or letters
    stem: str            # the neutral name's start: photo-1.jpg
    suffixes: frozenset[str]
    per_file: int        # bytes
    per_post: int        # bytes, the whole post (werkzeug refuses more before reading it)
    what: str            # "photo": in the page's words
    accept: str          # the file input's accept=, so the phone or file picker offers these


KINDS = {
    # A phone photo is 2-12 MB (a 200 megapixel one up to 40); 100 of them fit one post.
    "photos": Kind("photos", "photo", PICTURE_SUFFIXES, 50 * MB, 1000 * MB, "photo",
                   ",".join(["image/*", *sorted(PICTURE_SUFFIXES)])),
    # The check's own limit (recordings.MAX_BYTES, a phone's half hour of 4K), so the studio
    # never takes what `check` refuses; the studio's server (waitress) takes 1 GB per post.
    "recordings": Kind("memories", "recording", RECORDING_SUFFIXES, recordings.MAX_BYTES,
                       recordings.MAX_BYTES, "recording",
                       ",".join(["audio/*", "video/*", *sorted(RECORDING_SUFFIXES)])),
    "letters": Kind("letters", "scan", PICTURE_SUFFIXES | {".pdf"}, 50 * MB, 300 * MB,
                    "scanned page", ",".join(["image/*", ".pdf", *sorted(PICTURE_SUFFIXES)])),
}


def blueprint(folders: pages.Journeys) -> Blueprint:
    """The drop zones, the photos list and the thumbnails; registered on the studio's app, so
    its checks (token, host, origin) apply before anything here runs."""
    routes = Blueprint("uploads", __name__)
    thumbs.forget_old(folders.previews)

    @routes.before_request
    def roomier() -> None:
        """This kind's limit, not a form's 4 MB; a post said to be larger is refused unread."""
        kind = KINDS.get((request.view_args or {}).get("kind", ""))
        if request.method != "POST" or request.endpoint != "uploads.add" or kind is None:
            return
        request.max_content_length = kind.per_post
        if (request.content_length or 0) > kind.per_post:
            abort(413, _too_large(kind))

    @routes.route("/j/<journey_id>/add/<kind>", methods=["GET", "POST"])
    def add(journey_id: str, kind: str) -> tuple[str, int]:
        folder = _folder(folders, journey_id)
        if kind not in KINDS:
            abort(404)
        return _add(folder, journey_id, kind)

    @routes.get("/j/<journey_id>/photos")
    def photos(journey_id: str) -> str:
        folder = _folder(folders, journey_id)
        if problem := _photos_file_problem(folder):
            abort(422, problem)
        listed = files.get_value(files.open_yaml(folder / "photos.yaml").data, ("photos",))
        people = dict(pages.people(folder))
        rows = [(i, photo, [people.get(str(p), str(p)) for p in photo.get("people") or []])
                for i, photo in enumerate(listed if isinstance(listed, list) else [])
                if isinstance(photo, dict)]
        thumbs.prune(folder, folders.previews)
        return render_template("photos.html", id=journey_id, rows=rows)

    @routes.get("/j/<journey_id>/thumbs/<path:relative>")
    def thumb(journey_id: str, relative: str) -> Response:
        return thumbs.response(_folder(folders, journey_id), relative, folders.previews)

    return routes


def request_class(spool: Path) -> type[Request]:
    """The studio's requests, receiving a post larger than IN_MEMORY into a temporary file in
    spool (a folder in the previews folder, made when missing), never the system's temporary
    folder, where werkzeug puts it by default: a child's photos are never written where
    journeybook does not clean, and never outside the folders the coordinator chose."""

    class Spooled(Request):
        def _get_file_stream(self, total_content_length: int | None,
                             content_type: str | None, filename: str | None = None,
                             content_length: int | None = None) -> IO[bytes]:
            if total_content_length is not None and total_content_length <= IN_MEMORY:
                return io.BytesIO()
            spool.mkdir(parents=True, exist_ok=True)   # made again if cleaned meanwhile
            return tempfile.TemporaryFile("w+b", dir=spool)   # nameless, or gone when closed

    return Spooled


def _folder(folders: pages.Journeys, journey_id: str) -> Path:
    return folders.folder(journey_id) or abort(404)


def _too_large(kind: Kind) -> str:
    return (f"Nothing was added: what you dropped is larger than the studio takes at once "
            f"({kind.per_post // MB:,} MB for {kind.what}s). Drop fewer files at a time, or "
            f"make large ones smaller (each {kind.what} can be {kind.per_file // MB:,} MB).")


def _add(folder: Path, journey_id: str, kind_name: str) -> tuple[str, int]:
    """The drop zone; on POST, each file checked and added on its own (a letter's pages
    together: one bad page and the letter waits), and what became of each shown."""
    kind = KINDS[kind_name]
    people = pages.people(folder)
    page = {"id": journey_id, "kind": kind_name, "about": kind, "people": people,
            "outcomes": [], "problem": "", "chosen": "", "who": ""}
    if request.method == "GET":
        return render_template("uploads.html", **page), 200
    try:
        dropped = [f for f in request.files.getlist("files") if f.filename]
        chosen = request.form.get("person", "")
    except RequestEntityTooLarge:
        abort(413, _too_large(kind))
    page["chosen"] = chosen
    if chosen and chosen not in dict(people):
        chosen = ""
    if kind_name != "photos" and not chosen:   # said beside the choice itself
        page["who"] = "Nothing was added: choose who " + (
            "made the recordings." if kind_name == "recordings" else "wrote the letter.")
    if not dropped:
        page["problem"] = "Nothing was added: choose or drop at least one file."
    elif kind_name == "photos" and (error := _photos_file_problem(folder)):
        page["problem"] = f"Nothing was added: {error}"
    if page["problem"] or page["who"]:
        return render_template("uploads.html", **page), 400
    where = folder / kind.folder
    if where.is_symlink() or resolve_inside(folder, kind.folder) != where:
        abort(404)   # photos/ is a link: nothing is written through it
    where.mkdir(exist_ok=True)
    got = [_receive(kind, where, storage) for storage in dropped]
    received = [item for item in got if isinstance(item, Received)]
    refused = [item for item in got if isinstance(item, Outcome)]
    if kind_name == "letters" and refused:   # a letter with a page missing waits for it
        for item in received:
            item.temporary.unlink(missing_ok=True)
            item.outcome.problem = "Not added: the letter waits until every page can be read."
        refused, received = [item.outcome for item in received] + refused, []
    adding = {"photos": add_photos, "recordings": add_recordings, "letters": add_letter}
    added = adding[kind_name](folder, journey_id, received, chosen) if received else []
    page["outcomes"] = added + refused
    return render_template("uploads.html", **page), 200 if any(o.saved for o in added) else 400


def _photos_file_problem(folder: Path) -> str:
    """Words saying why photos.yaml cannot take a new photo now, or "" when it can."""
    if (folder / "photos.yaml").is_symlink():   # never read from, or written, elsewhere
        return LINKED
    try:
        data = files.open_yaml(folder / "photos.yaml").data
    except (YAMLError, UnicodeDecodeError) as error:
        return (f"photos.yaml cannot be read ({error}). Fix it in a text editor first "
                "(journeybook check says where).")
    listed = files.get_value(data, ("photos",)) if isinstance(data, dict) else []
    if not isinstance(data, dict) or not isinstance(listed, list | None):
        return ("photos.yaml does not hold a list of photos under 'photos:'. Fix it in a text "
                "editor first (journeybook check says how).")
    return ""


# ---- one file: received, checked, named --------------------------------------------------------


def _shown(filename: str | None) -> str:
    """The uploaded name as shown back on the page (never used for a path)."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    return name[:120] or "(a file with no name)"


def _receive(kind: Kind, where: Path, storage: FileStorage) -> Received | Outcome:
    """Copy one upload to a hidden temporary file beside where it goes and check it as the
    check would; a file that fails is deleted and its Outcome says why."""
    name = _shown(storage.filename)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in kind.suffixes:
        return Outcome(name, problem=_not_accepted(kind, name, suffix))
    handle, temporary_name = tempfile.mkstemp(dir=where, prefix=".upload-", suffix=suffix)
    temporary = Path(temporary_name)
    try:
        with os.fdopen(handle, "wb") as out:
            size = _copy(storage.stream, out, kind.per_file)
            out.flush()
            os.fsync(out.fileno())
        problem = _problem(kind, temporary, name, size)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if problem:   # the check's words begin with the file's name: a sentence here
        temporary.unlink(missing_ok=True)
        return Outcome(name, problem=problem[:1].upper() + problem[1:])
    return Received(Outcome(name, thumb=suffix in PICTURE_SUFFIXES | {".pdf"}), temporary,
                     suffix)


def _copy(source: IO[bytes], out: IO[bytes], limit: int) -> int:
    """Copy at most limit + 1 bytes; return the whole size (so the words can say it)."""
    size = 0
    while block := source.read(1 << 20):
        if size <= limit:
            out.write(block[:limit + 1 - size])
        size += len(block)
    return size


def _not_accepted(kind: Kind, name: str, suffix: str) -> str:
    """Why a file of this ending is not taken here, in the check's words where it has some."""
    if suffix == ".pdf":
        return f"'{name}' is a PDF; only letters' scans can be PDFs. Save the photo as a JPEG or PNG."
    if kind.folder == "memories":
        return (f"'{name}' is not a kind of recording journeybook knows. Save it as m4a, mp3, "
                "wav, ogg or opus (sound) or mp4 or mov (video), as phones do.")
    return (f"'{name}' is not a kind of picture journeybook knows. Save it as a JPEG or PNG"
            + (", or a scanned letter as PDF." if ".pdf" in kind.suffixes else "."))


def _problem(kind: Kind, path: Path, name: str, size: int) -> str:
    """Why the received file cannot be used, in the check's words; "" when it can."""
    if size == 0:
        return f"the file '{name}' is empty (0 bytes). Copy it again from where it came from."
    if kind.folder == "memories":
        if size > kind.per_file:   # recordings.probe's words
            return (f"the recording '{name}' is {size / MB:,.0f} MB, and a recording in the "
                    f"book can be {kind.per_file / MB:,.0f} MB at most. Keep the part that "
                    "matters (a phone's 'trim' does it), or ask for a shorter one.")
        try:
            recordings.probe(path)
        except RecordingError as error:   # it names the file: by the name dropped
            return f"{error.what} {error.fix}".replace(path.name, name)
        return ""
    if size > kind.per_file:
        return (f"'{name}' is {size / MB:,.0f} MB, and a {kind.what} can be "
                f"{kind.per_file // MB} MB at most. Save it again smaller (a phone's 'share' or "
                "'export' makes a smaller copy), or leave it out.")
    told = images.why_unreadable(name, images.verify_all([path])[0])
    return " ".join(told) if told else ""
