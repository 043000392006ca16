"""Stage 4 - Media: every image the book shows, made upright, sRGB, sized, and stripped bare.

Nothing from an original file's metadata survives: each output is a fresh JPEG written from
pixels only (no EXIF, GPS, XMP, IPTC, comments, thumbnails or ICC profile), so a photo taken in
a relative's home never carries where that home is. Output names are content hashes, never the
original file names (which may hold a name). Work is cached by content and runs in parallel.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import warnings
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps

from generator.errors import BuildError

try:  # iPhone photos; pillow-heif turns them upright itself while decoding.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - a declared dependency, but the site still builds
    pass

# Long edge in pixels of each size made. Print: the widest placement in an A4 book is about
# 170 mm, which at 300 dpi is 2000 px; A5's 128 mm is 1500 px.
SIZES = {"thumb": 480, "screen": 1600, "print": 1500}
PRINT_SIZES = {"A5": 1500, "A4": 2000}
QUALITY = 84
MEDIA_DIR = "media"
SRGB = ImageCms.createProfile("sRGB")
# A version for the cache key: bump it when the processing below changes.
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class MediaFile:
    """One source image and the names of the files made from it."""

    source: Path
    digest: str
    width: int
    height: int

    def name(self, size: str) -> str:
        return f"{MEDIA_DIR}/{self.digest[:20]}-{size}.jpg"

    @property
    def screen(self) -> str:
        return self.name("screen")

    @property
    def thumb(self) -> str:
        return self.name("thumb")

    @property
    def print(self) -> str:
        return self.name("print")


class MediaIndex:
    """The images of a journey, probed (size, orientation) without decoding their pixels."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self._files: dict[str, MediaFile] = {}

    def get(self, relative: str) -> MediaFile:
        """Return the MediaFile for a path in the journey folder, probing it the first time."""
        if relative not in self._files:
            path = (self.folder / relative).resolve()
            self._files[relative] = _probe(path)
        return self._files[relative]

    def files(self) -> list[MediaFile]:
        """Every file asked for so far: after the model stage, exactly the pictures shown."""
        return list(self._files.values())


def _probe(path: Path) -> MediaFile:
    digest = hashlib.sha256(path.read_bytes() + PIPELINE_VERSION.encode()).hexdigest()
    with _tolerating_broken_exif(), Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(0x0112, 1)
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    return MediaFile(path, digest, width, height)


def produce(files: list[MediaFile], out_dir: Path, cache_dir: Path, paper: str = "A5") -> int:
    """Write every size of every file into out_dir/media; return how many were newly made.

    Sizes already in the cache (same content, same pipeline) are copied, not remade.
    """
    sizes = dict(SIZES, print=PRINT_SIZES.get(paper, SIZES["print"]))
    cache_dir.mkdir(parents=True, exist_ok=True)
    unique = {f.digest: f for f in files}
    todo = [f for f in unique.values()
            if not all((cache_dir / _cache_name(f, s, px)).is_file() for s, px in sizes.items())]
    if len(todo) > 1 and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, len(todo))) as pool:
            list(pool.map(_make_sizes, todo, [cache_dir] * len(todo), [sizes] * len(todo)))
    else:
        for media_file in todo:
            _make_sizes(media_file, cache_dir, sizes)
    (out_dir / MEDIA_DIR).mkdir(parents=True, exist_ok=True)
    for media_file in unique.values():
        for size, pixels in sizes.items():
            shutil.copyfile(cache_dir / _cache_name(media_file, size, pixels),
                            out_dir / media_file.name(size))
    return len(todo)


def _cache_name(media_file: MediaFile, size: str, pixels: int) -> str:
    return f"{media_file.digest}-{size}-{pixels}.jpg"


def _make_sizes(media_file: MediaFile, cache_dir: Path, sizes: dict[str, int]) -> None:
    try:
        upright = upright_srgb(media_file.source, max(sizes.values()))
    except (OSError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning,
            SyntaxError) as error:
        raise BuildError(f"{media_file.source}: this image cannot be read "
                         f"({type(error).__name__}: {error}). Save it again as a JPEG or PNG, "
                         "or leave it out.") from None
    for size, pixels in sizes.items():
        image = upright.copy()
        image.thumbnail((pixels, pixels), Image.Resampling.LANCZOS, reducing_gap=3.0)
        # Pillow re-writes some of a source's info on save (a JPEG comment, for one): start
        # from pixels alone, and pass no exif=, icc_profile= or comment=.
        image.info = {}
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        target = cache_dir / _cache_name(media_file, size, pixels)
        temporary = target.with_suffix(".tmp")
        temporary.write_bytes(buffer.getvalue())
        temporary.replace(target)


@contextmanager
def _tolerating_broken_exif() -> Iterator[None]:
    """Photo apps often leave a damaged EXIF block; we drop EXIF anyway, so read on without it
    (the photo then keeps the orientation its pixels have)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Corrupt EXIF data", category=UserWarning)
        warnings.filterwarnings("ignore", message=".*EXIF.*", category=UserWarning)
        yield


@contextmanager
def strict_decoding() -> Iterator[None]:
    """Refuse truncated images and decompression bombs, whatever else the process set.

    WeasyPrint sets Pillow's process-wide ImageFile.LOAD_TRUNCATED_IMAGES = True when imported,
    which would let a half-downloaded photo through silently once a book has been made.
    """
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with _tolerating_broken_exif(), warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def check_decodes(path: Path) -> None:
    """Decode path fully but at a small scale (fast for big JPEGs); raise if it is damaged."""
    with strict_decoding(), Image.open(path) as image:
        if image.format == "JPEG":
            image.draft(image.mode if image.mode == "CMYK" else "RGB", (256, 256))
        image.load()


def upright_srgb(path: Path, longest: int) -> Image.Image:
    """Decode path at no more than about `longest` pixels, upright, as sRGB on white."""
    with strict_decoding(), Image.open(path) as opened:
        if opened.format == "JPEG":
            # Decode at a reduced scale straight from the DCT: much faster for phone photos.
            opened.draft("RGB" if opened.mode != "CMYK" else "CMYK", (longest, longest))
        opened.seek(0)  # first frame of a GIF or a multi-page TIFF
        image = ImageOps.exif_transpose(opened)
        image.load()
        icc = opened.info.get("icc_profile")
    if icc:
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
            if image.mode not in ("RGB", "RGBA", "CMYK"):
                image = image.convert(mode)
            image = ImageCms.profileToProfile(image, source_profile, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to Pillow's plain conversion below
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        image = background
    elif image.mode != "RGB":
        if image.mode == "I;16" or image.mode.startswith("I"):
            image = image.point(lambda value: value / 256).convert("L")
        image = image.convert("RGB")
    return image
