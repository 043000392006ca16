"""Thumbnails of a journey's pictures for the studio's pages (the photos list, a drop's results).

A thumbnail is a small copy of a child's photo, so it is kept where the journey's other plain
copies are: in the journey's own preview cache (build/.cache/<journey>/<whose>/preview/thumbs),
which `journeybook clean <journey>` removes with the rest, and never in the journey's folder,
which holds only what the coordinator put there. Thumbnails are named by content, and one
whose picture is no longer in the journey is removed when the photos page is next shown.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import shutil
import threading
from pathlib import Path

from flask import Response, abort
from PIL import Image

from generator.build_plan import cache_for
from generator.coordinator.studio import files
from generator.core.cache import CACHE
from generator.core.output import write_atomically
from generator.core.paths import resolve_inside
from generator.sources import images, pdf_pages
from generator.sources.suffixes import PICTURE_SUFFIXES

WIDTH = 320    # pixels: a list of thumbnails, not a photo to look at closely
PICTURES = PICTURE_SUFFIXES | {".pdf"}   # what has a thumbnail (a PDF's is its first page)
OLD = ".studio-thumbs"   # where earlier versions kept every journey's, in the previews folder
_DIGESTS: dict[tuple, str] = {}   # a picture's content digest, by its stat: read once
_LOCK = threading.Lock()


def kept_in(previews: Path, folder: Path) -> Path:
    """The folder of this journey's thumbnails: inside its preview cache, so cleaning the
    journey removes them."""
    return cache_for(previews / CACHE, folder, release=False) / "thumbs"


def forget_old(previews: Path) -> None:
    """Remove the thumbnails earlier versions kept for every journey in one folder, which
    nothing ever removed (they are made again, where they are cleaned, when next shown)."""
    shutil.rmtree(previews / OLD, ignore_errors=True)


def response(folder: Path, relative: str, previews: Path) -> Response:
    """A small JPEG of a picture (a PDF's first page) in the journey, made by the media stage's
    own code: upright, sRGB, from pixels alone (no EXIF, GPS or profile)."""
    path = resolve_inside(folder, relative)
    if (path is None or not path.is_file() or files.STUDIO_DIR in path.relative_to(folder).parts
            or path.suffix.lower() not in PICTURES):
        abort(404)
    kept = kept_in(previews, folder) / f"{_digest(path)}.jpg"
    with contextlib.suppress(FileNotFoundError):   # small: read whole, no file left open
        return Response(kept.read_bytes(), mimetype="image/jpeg")
    try:
        image = (pdf_pages.render_pdf_page(path, 0, WIDTH) if pdf_pages.is_pdf(path)
                 else images.upright_srgb(path, WIDTH))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        abort(404, f"'{relative}' cannot be read as a picture: journeybook check says why.")
    image.thumbnail((WIDTH, 2 * WIDTH), Image.Resampling.BICUBIC)
    image.info = {}   # pixels only: nothing of the original's metadata is passed on
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    kept.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(kept, buffer.getvalue())
    return Response(buffer.getvalue(), mimetype="image/jpeg")   # even if pruned meanwhile


def prune(folder: Path, previews: Path) -> None:
    """Remove the journey's thumbnails whose picture is no longer in it (deleted, or changed).
    Cheap: each picture's digest is read once and then known by its size and times (the
    photos page's own thumbnails need the same digests)."""
    kept = kept_in(previews, folder)
    if not kept.is_dir():
        return
    current = set()
    for path in _pictures(folder):
        with contextlib.suppress(OSError):   # gone meanwhile: its thumbnail goes too
            current.add(_digest(path))
    for thumb in kept.glob("*.jpg"):
        if thumb.stem not in current:
            thumb.unlink(missing_ok=True)


def _pictures(folder: Path) -> list[Path]:
    """The journey's pictures a thumbnail can be of: none of the studio's own files or
    hidden temporary ones, and none through a link out of the journey (never read)."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if (path.suffix.lower() in PICTURES and not path.name.startswith(".")
                and files.STUDIO_DIR not in relative.parts
                and resolve_inside(folder, relative.as_posix()) is not None and path.is_file()):
            found.append(path)
    return found


def _digest(path: Path) -> str:
    """The picture's content digest, with what makes its thumbnail (a new pipeline or width
    makes new ones); read once per version of the file."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    with _LOCK:
        known = _DIGESTS.get(key)
    if known is None:
        salt = f"|{images.PIPELINE_VERSION}|{WIDTH}".encode()
        known = hashlib.sha256(path.read_bytes() + salt).hexdigest()
        with _LOCK:
            for old in [k for k in _DIGESTS if k[0] == key[0]]:   # its earlier versions
                del _DIGESTS[old]
            _DIGESTS[key] = known
    return known
