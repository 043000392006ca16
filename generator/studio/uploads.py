"""The studio's drop zones: photos, recordings and scanned letters added to a journey.

Many files are dropped at once (a phone's folder) on a plain file input, which Chromium takes,
so the page runs no script. Each is checked as `journeybook check` checks it (media.verified,
recordings.probe) while still a hidden temporary file beside where it goes, and only then named:
a file that fails is deleted and nothing names it, so it never stops the journey building.

Names are neutral and counted (photos/photo-4.jpg), never the uploaded name, which may carry a
person's name (the cast's neutral anchors). Only the ending is kept, lower-cased, and only one
the format accepts, so nothing a browser sends can choose where a file lands.

What is added waits for consent: a photo is appended to photos.yaml (files.py: round trip,
atomic, previous version kept) with `consent: pending`; a recording becomes a new memory and a
scanned letter a new letter, both pending, as docs/format.md writes them.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from flask import Blueprint, Response, abort, render_template, request
from PIL import Image, UnidentifiedImageError
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError
from werkzeug.datastructures import FileStorage
from werkzeug.exceptions import RequestEntityTooLarge

from generator.core.errors import TooManyPixels
from generator.core.output import write_atomically
from generator.core.paths import resolve_inside
from generator.stages import media, recordings
from generator.stages.vocabulary import PICTURE_SUFFIXES, RECORDING_SUFFIXES
from generator.studio import files, pages

MB = 1024 * 1024
THUMB_WIDTH = 320    # pixels: a list of thumbnails, not a photo to look at closely
THUMBS = ".studio-thumbs"   # in the previews folder, never in the journey's
_CLAIMING = threading.Lock()   # two posts at once never give two files one name
_DIGESTS: dict[tuple, str] = {}   # a picture's content digest, by its stat: read once


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


@dataclass
class Outcome:
    """What became of one dropped file: added (where, and the page to go on from) or refused."""

    name: str            # the uploaded name, shown back only
    saved: str = ""      # its path in the journey, e.g. photos/photo-4.jpg
    link: str = ""       # where to set who is in it, consent and the rest
    problem: str = ""    # why it was refused, and how to fix it
    thumb: bool = False  # a picture, so the page shows its thumbnail


@dataclass
class _Received:
    """A dropped file that passed every check, still under its hidden temporary name."""

    outcome: Outcome
    temporary: Path
    suffix: str


def blueprint(folders: pages.Journeys) -> Blueprint:
    """The drop zones, the photos list and the thumbnails; registered on the studio's app, so
    its checks (token, host, origin) apply before anything here runs."""
    routes = Blueprint("uploads", __name__)

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
        return render_template("photos.html", id=journey_id, rows=rows)

    @routes.get("/j/<journey_id>/thumbs/<path:relative>")
    def thumb(journey_id: str, relative: str) -> Response:
        return _thumbnail(_folder(folders, journey_id), relative, folders.previews)

    return routes


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
    received = [item for item in got if isinstance(item, _Received)]
    refused = [item for item in got if isinstance(item, Outcome)]
    if kind_name == "letters" and refused:   # a letter with a page missing waits for it
        for item in received:
            item.temporary.unlink(missing_ok=True)
            item.outcome.problem = "Not added: the letter waits until every page can be read."
        refused, received = [item.outcome for item in received] + refused, []
    adding = {"photos": _add_photos, "recordings": _add_recordings, "letters": _add_letter}
    added = adding[kind_name](folder, journey_id, received, chosen) if received else []
    page["outcomes"] = added + refused
    return render_template("uploads.html", **page), 200 if any(o.saved for o in added) else 400


def _photos_file_problem(folder: Path) -> str:
    """Words saying why photos.yaml cannot take a new photo now, or "" when it can."""
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


def _receive(kind: Kind, where: Path, storage: FileStorage) -> _Received | Outcome:
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
    return _Received(Outcome(name, thumb=suffix in PICTURE_SUFFIXES | {".pdf"}), temporary,
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
        except recordings.RecordingError as error:   # it names the file: by the name dropped
            return f"{error.what} {error.fix}".replace(path.name, name)
        return ""
    if size > kind.per_file:
        return (f"'{name}' is {size / MB:,.0f} MB, and a {kind.what} can be "
                f"{kind.per_file // MB} MB at most. Save it again smaller (a phone's 'share' or "
                "'export' makes a smaller copy), or leave it out.")
    try:
        media.verified(path)
    except TooManyPixels as large:
        return (f"'{name}' is too large: {large.megapixels:.0f} megapixels ({large.width} x "
                f"{large.height} pixels), and journeybook reads pictures of up to "
                f"{media.max_megapixels():.0f} megapixels. Save it again at 4000 pixels wide or "
                "less, e.g. with the phone's 'export' or Paint's 'resize'.")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError) as error:
        return (f"'{name}' is not an image journeybook can read ({type(error).__name__}). "
                "Save it again as a JPEG or PNG, or leave it out.")
    return ""


def _claim(received: _Received, where: Path, stem: str) -> Path:
    """Give the checked file the next counted name (never one in use, never reusing a
    number): a hard link is atomic and never replaces a file there; then the temporary goes."""
    with _CLAIMING:
        used = [int(m.group(1)) for p in where.iterdir()
                if (m := re.fullmatch(rf"{stem}-(\d+)\.[a-z0-9]+", p.name))]
        number = max(used, default=0) + 1
        while True:
            target = where / f"{stem}-{number}{received.suffix}"
            try:
                os.link(received.temporary, target)
            except FileExistsError:
                number += 1
                continue
            except OSError:   # no hard links there (a FAT stick): a rename, under the lock
                if target.exists() or target.is_symlink():
                    number += 1
                    continue
                os.replace(received.temporary, target)
            received.temporary.unlink(missing_ok=True)
            return target


# ---- what is written about them ---------------------------------------------------------------


def _add_photos(folder: Path, journey_id: str, received: list[_Received], chosen: str
                ) -> list[Outcome]:
    """Name every checked photo and append them all to photos.yaml in one save (one undo)."""
    for item in received:
        item.outcome.saved = _claim(item, folder / "photos", "photo").relative_to(
            folder).as_posix()
    for _attempt in range(3):   # photos.yaml changed between reading and writing: read again
        opened = files.open_yaml(folder / "photos.yaml")
        first = len(files.get_value(opened.data, ("photos",)) or [])
        for item in received:
            entry = {"file": item.outcome.saved, **({"shared_by": chosen} if chosen else {}),
                     "consent": "pending"}
            files.append_item(opened.data, ("photos",), entry)
        try:
            files.save_yaml(opened)
        except files.ChangedOnDisk:
            continue
        for index, item in enumerate(received, start=first):
            item.outcome.link = f"/j/{journey_id}/edit/photos.yaml/photos#f-photos.{index}"
        return [item.outcome for item in received]
    for item in received:   # never named in photos.yaml: the files go too
        (folder / item.outcome.saved).unlink(missing_ok=True)
        item.outcome.problem = ("It was not added: photos.yaml kept changing while it was being "
                                "saved (is it open in an editor that saves by itself?). Try again.")
        item.outcome.saved = ""
    return [item.outcome for item in received]


def _add_recordings(folder: Path, journey_id: str, received: list[_Received], chosen: str
                    ) -> list[Outcome]:
    """Each checked recording becomes a memory of its own from who made it, pending."""
    for item in received:
        saved = _claim(item, folder / "memories", "recording").relative_to(folder).as_posix()
        front = CommentedMap([("from", chosen), ("consent", "pending"),
                              ("recording", CommentedMap([("file", saved)]))])
        memory = _new_writing(folder / "memories", "memory", front)
        item.outcome.saved = saved
        item.outcome.link = f"/j/{journey_id}/write/memories/{memory.name}"
    return [item.outcome for item in received]


def _add_letter(folder: Path, journey_id: str, received: list[_Received], chosen: str
                ) -> list[Outcome]:
    """The checked pages, in the order of their names (page-2 before page-10), become one
    letter from who wrote it, pending."""
    received.sort(key=lambda item: _natural(item.outcome.name))
    scans = [_claim(item, folder / "letters", "scan").relative_to(folder).as_posix()
             for item in received]
    front = CommentedMap([("from", chosen), ("scans", scans), ("consent", "pending")])
    letter = _new_writing(folder / "letters", "letter", front)
    for item, scan in zip(received, scans, strict=True):
        item.outcome.saved = scan
        item.outcome.link = f"/j/{journey_id}/write/letters/{letter.name}"
    return [item.outcome for item in received]


def _natural(name: str) -> list:
    return [(int(part), "") if part.isdigit() else (-1, part.lower())
            for part in re.split(r"(\d+)", name)]


def _new_writing(where: Path, stem: str, front: CommentedMap) -> Path:
    """A new memory or letter at the first free counted name, as the studio names one written
    from the journey's page (memories/memory-3.md); its text is the transcript still to write."""
    number = 1
    while True:
        path = where / f"{stem}-{number}.md"
        if not path.exists() and not path.is_symlink():
            try:   # digest "" means "no file there": one made meanwhile is never overwritten
                files.save_writing(files.OpenedWriting(path, "", front, ""), front, "")
                return path
            except files.ChangedOnDisk:
                pass
        number += 1


# ---- thumbnails ----------------------------------------------------------------------------


def _thumbnail(folder: Path, relative: str, previews: Path) -> Response:
    """A small JPEG of a picture (a PDF's first page) in the journey, made by the media stage's
    own code: upright, sRGB, from pixels alone (no EXIF, GPS or profile). Kept by content in
    the previews folder, so the journey's folder holds only what the coordinator put there."""
    path = resolve_inside(folder, relative)
    if (path is None or not path.is_file() or files.STUDIO_DIR in path.relative_to(folder).parts
            or path.suffix.lower() not in PICTURE_SUFFIXES | {".pdf"}):
        abort(404)
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    if key not in _DIGESTS:
        salt = f"|{media.PIPELINE_VERSION}|{THUMB_WIDTH}".encode()
        _DIGESTS[key] = hashlib.sha256(path.read_bytes() + salt).hexdigest()
    kept = previews / THUMBS / f"{_DIGESTS[key]}.jpg"
    if not kept.is_file():
        try:
            image = (media.render_pdf_page(path, 0, THUMB_WIDTH) if media.is_pdf(path)
                     else media.upright_srgb(path, THUMB_WIDTH))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
                Image.DecompressionBombWarning):
            abort(404, f"'{relative}' cannot be read as a picture: journeybook check says why.")
        image.thumbnail((THUMB_WIDTH, 2 * THUMB_WIDTH), Image.Resampling.BICUBIC)
        image.info = {}   # pixels only: nothing of the original's metadata is passed on
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=80)
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(kept, buffer.getvalue())
    return Response(kept.read_bytes(), mimetype="image/jpeg")   # small: no file left open
