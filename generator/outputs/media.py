"""Step 6 - Media: every image the book shows, made upright, sRGB, sized, and stripped bare.

Nothing from an original file's metadata survives: each output is a fresh JPEG written from
pixels only (no EXIF, GPS, XMP, IPTC, comments, thumbnails or ICC profile), so a photo taken in
a relative's home never carries where that home is. Output names are content hashes, never the
original file names (which may hold a name). The sizes are made, and kept by content, in
sources/sizes.py (the cast reads its screen copies); this stage says which sizes the book needs
and puts them in the site's folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Protocol

from generator.core.geometry import Page
from generator.core.paths import MEDIA
from generator.sources.images import MediaFile
from generator.sources.sizes import SITE_SIZES, Work, cached_name, make_missing, print_size


class PlacedPicture(Protocol):
    """A picture as the book places it (model/types.Picture): what the media stage makes."""

    digest: str
    source: Path | None
    page: int | None
    width: int
    height: int
    placement: str


def work_for(pictures: list[PlacedPicture], page: Page) -> Work:
    """Every picture the book shows, once, with every size it is needed in: the site's sizes,
    and a print size for each place the book puts it (geometry.Page.placed_box), as wide as
    that picture's shape prints there at 300 dpi."""
    work: dict[str, tuple[MediaFile, dict[str, int]]] = {}
    for picture in pictures:
        if picture.source is None:
            continue
        media_file = MediaFile(picture.source, picture.digest, picture.width, picture.height,
                               picture.page)
        _file, sizes = work.setdefault(picture.digest, (media_file, dict(SITE_SIZES)))
        sizes[print_size(page, picture.placement, picture.width, picture.height)] = \
            page.print_width(picture.placement, picture.width, picture.height)
    return list(work.values())


def produce(work: Work, out_dir: Path, cache_dir: Path, workers: int | None = None,
            prune: bool = True) -> int:
    """Write every needed size of every file into out_dir/media; return how many files were
    (re)made. Sizes already in the cache (same content, same pipeline) are copied, not remade;
    with prune, sizes this build does not use are removed from the cache. workers caps the
    processes used (default: one per core).
    """
    made = make_missing(work, cache_dir, workers)
    (out_dir / MEDIA).mkdir(parents=True, exist_ok=True)
    for media_file, sizes in work:
        for size, pixels in sizes.items():
            shutil.copyfile(cache_dir / cached_name(media_file.digest, size, pixels),
                            out_dir / media_file.name(size))
    used = {cached_name(f.digest, size, pixels) for f, sizes in work for size, pixels in sizes.items()}
    for old in cache_dir.glob("*.jpg") if prune else ():
        if old.name not in used:
            old.unlink()
    return made


