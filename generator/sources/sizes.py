"""Each picture's sizes, made upright, sRGB and stripped bare, and kept by content.

A size is a fresh JPEG written from pixels only (no EXIF, GPS, XMP, IPTC, comments, thumbnails
or ICC profile), named in the pictures cache by the picture's content, the size and its pixels.
All the sizes a picture needs are made from one decode, side by side, one process per core. The
cast reads the writing in the screen copy (the very picture the young person's copy ships),
and the media stage (outputs/media.py) copies the sizes the book needs into the site.
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image

from generator.core.errors import BuildError
from generator.core.geometry import Page
from generator.sources import recordings
from generator.sources.images import MediaFile, upright_srgb
from generator.sources.pdf_pages import render_pdf_page

# Widths in pixels of each size made (heights follow the photo, up to twice the width).
# The site gets a thumbnail and a screen size (srcset); the book gets a size computed from where
# the photo is placed (core/geometry.py), at 300 dpi and never more.
SITE_SIZES = {"thumb": 480, "screen": 1600}
QUALITY = 84
Work = list[tuple[MediaFile, dict[str, int]]]


def print_size(page: Page, placement: str, width: int, height: int) -> str:
    """The name of the size a picture of that shape is printed in where it is placed: named
    by its pixels, so that the book's HTML (and its cache key) changes when they do."""
    return f"print-{page.print_width(placement, width, height)}"


def screen_copies(files: list[MediaFile], cache_dir: Path) -> dict[str, Path]:
    """The site's sizes of these pictures, made now (one decode each, side by side) where the
    media stage will find them; returns each picture's screen copy by its digest. The
    safeguard reads the writing in the screen copy, the very picture the copy's gate reads."""
    make_missing([(f, dict(SITE_SIZES)) for f in files], cache_dir)
    return {f.digest: screen_copy(f.digest, cache_dir) for f in files}


def screen_copy(digest: str, cache_dir: Path) -> Path:
    """Where the screen copy of the picture of that digest is kept in cache_dir."""
    return cache_dir / cached_name(digest, "screen", SITE_SIZES["screen"])


def make_missing(work: Work, cache_dir: Path, workers: int | None = None) -> int:
    """Make the sizes not yet in the cache, each picture decoded once, one process per core;
    return how many pictures were decoded."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo = [(f, missing) for f, sizes in work
            if (missing := {s: px for s, px in sizes.items()
                            if not (cache_dir / cached_name(f.digest, s, px)).is_file()})]
    workers = min(workers or os.cpu_count() or 1, len(todo))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_make_sizes, [f for f, _ in todo], [cache_dir] * len(todo),
                          [sizes for _, sizes in todo]))
    else:
        for media_file, sizes in todo:
            _make_sizes(media_file, cache_dir, sizes)
    return len(todo)


def cached_name(digest: str, size: str, pixels: int) -> str:
    """The name a size of a picture is kept under in the cache: by content, size and pixels."""
    return f"{digest}-{size}-{pixels}.jpg"


def _make_sizes(media_file: MediaFile, cache_dir: Path, sizes: dict[str, int]) -> None:
    try:
        if media_file.page is not None:
            upright = render_pdf_page(media_file.source, media_file.page, max(sizes.values()))
        elif recordings.is_recording(media_file.source):  # a video's still
            upright = recordings.still(media_file.source, max(sizes.values()))
        else:
            upright = upright_srgb(media_file.source, max(sizes.values()))
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            SyntaxError) as error:
        raise BuildError(f"{media_file.source}: this image cannot be read "
                         f"({type(error).__name__}: {error}). Save it again as a JPEG or PNG, "
                         "or leave it out.") from None
    # Largest first, each size made from the one before: resampling a 1600 px image down is
    # far cheaper than resampling the decoded photo every time, and looks the same.
    image = upright
    for size, pixels in sorted(sizes.items(), key=lambda item: -item[1]):
        image = image.copy()
        # A screen size is never taller than twice its width; a print size is as tall as
        # the picture's shape makes it (its width was worked out from that shape).
        tallest = 2 * pixels if size in SITE_SIZES else 100 * pixels
        image.thumbnail((pixels, tallest), Image.Resampling.BICUBIC)
        # Pillow re-writes some of a source's info on save (a JPEG comment, for one): start
        # from pixels alone, and pass no exif=, icc_profile= or comment=.
        image.info = {}
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=QUALITY)
        target = cache_dir / cached_name(media_file.digest, size, pixels)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(buffer.getvalue())
        temporary.replace(target)
