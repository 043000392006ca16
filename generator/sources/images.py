"""Reading a journey's pictures: what each is (its digest, size and orientation, probed without
decoding), whether it decodes, upright and in sRGB at a reduced scale, and its fingerprint.

What is known of each file is remembered in the source cache by content, so validation, the
cast and the gate read a picture once. Pictures are named by content, never by their source's
name (which may hold a name).
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from generator.core.errors import TooManyPixels
from generator.core.paths import MEDIA
from generator.core.source_cache import SourceCache
from generator.sources.pdf_pages import PDF_DPI, is_pdf, pdf_page_count, pdf_page_size

try:  # iPhone photos; pillow-heif turns them upright itself while decoding.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - a declared dependency, but the site still builds
    pass


SRGB = ImageCms.createProfile("sRGB")
# A version for the cache key: bump it when the reading below, or the making of
# sizes (sources/sizes.py), changes.
PIPELINE_VERSION = "3"


def verified(path: Path, cache: SourceCache | None = None) -> None:
    """Raise if path does not decode (check_decodes); remember success, and the fingerprint
    made from that same decode, in cache."""
    entry = cache.get(path) if cache else {}
    if entry.get("decodes") == PIPELINE_VERSION:
        return
    if is_pdf(path):
        if pdf_page_count(path) < 1:
            raise ValueError("the PDF has no pages")
    else:
        _remember_fingerprint(entry, check_decodes(path))
    entry["decodes"] = PIPELINE_VERSION


def verify_all(paths: list[Path], cache: SourceCache | None = None) -> list[Exception | None]:
    """verified for each path, side by side (Pillow lets go of the GIL while it decodes): what
    each raised, or None where it decodes."""
    def one(path: Path) -> Exception | None:
        try:
            verified(path, cache)
        except Exception as error:
            return error
        return None

    with ThreadPoolExecutor(max(1, min(len(paths), os.cpu_count() or 1))) as pool:
        return list(pool.map(one, paths))


def why_unreadable(name: str, error: Exception | None) -> tuple[str, str] | None:
    """What a coordinator is told when the picture `name` did not decode (what verified
    raised): what is wrong, and how to fix it; None when it decoded. Any other error is not
    about the picture, and is raised again."""
    if error is None:
        return None
    if isinstance(error, TooManyPixels):
        return (f"'{name}' is too large: {error.megapixels:.0f} megapixels ({error.width} x "
                f"{error.height} pixels), and journeybook reads pictures of up to "
                f"{max_megapixels():.0f} megapixels.", "Save it again at 4000 pixels wide or "
                "less, e.g. with the phone's 'export' or Paint's 'resize'.")
    if isinstance(error, (UnidentifiedImageError, OSError, SyntaxError, ValueError,
                          Image.DecompressionBombError)):
        return (f"'{name}' is not an image journeybook can read ({type(error).__name__}).",
                "Save it again as a JPEG or PNG, or leave it out.")
    raise error


@dataclass(frozen=True)
class MediaFile:
    """One source image and the names of the files made from it."""

    source: Path
    digest: str
    width: int
    height: int
    page: int | None = None  # a page of a scanned PDF (0-based), rendered like a photo

    def name(self, size: str) -> str:
        return media_name(self.digest, size)


def media_name(digest: str, size: str) -> str:
    """The file a size of a picture is written to: named by content, never by its source."""
    return f"{MEDIA}/{digest[:20]}-{size}.jpg"


class MediaIndex:
    """The images a journey refers to, probed (digest, size, orientation) without decoding
    their pixels; what is known of each is remembered in the source cache."""

    def __init__(self, folder: Path, cache: SourceCache | None = None):
        self.folder = folder.resolve()
        self.cache = cache
        self._files: dict[str, MediaFile] = {}

    def get(self, relative: str, page: int | None = None) -> MediaFile:
        """Return the MediaFile for a path in the journey folder (a page of it, for a PDF)."""
        key = relative if page is None else f"{relative}#page={page + 1}"
        if key not in self._files:
            path = (self.folder / relative).resolve()
            self._files[key] = _probe(path, self.cache, page)
        return self._files[key]

    def pages(self, relative: str) -> list[int | None]:
        """The pages to show of a file: [None] for an image, [0, 1, ...] for a PDF."""
        path = (self.folder / relative).resolve()
        if not is_pdf(path):
            return [None]
        return list(range(pdf_page_count(path)))


def _probe(path: Path, cache: SourceCache | None = None, page: int | None = None) -> MediaFile:
    entry = cache.get(path) if cache else {}
    field = "pipeline" if page is None else f"pipeline-page-{page}"
    if entry.get(field) != PIPELINE_VERSION:
        salt = PIPELINE_VERSION if page is None else f"{PIPELINE_VERSION}#page={page}"
        digest = hashlib.sha256(path.read_bytes() + salt.encode()).hexdigest()
        if page is None:
            with _tolerating_broken_exif(), Image.open(path) as image:
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
            if orientation in (5, 6, 7, 8):
                width, height = height, width
        else:
            width, height = (round(side * PDF_DPI / 72) for side in pdf_page_size(path, page))
        entry[field] = PIPELINE_VERSION
        entry[f"digest{page}"], entry[f"size{page}"] = digest, (width, height)
    width, height = entry[f"size{page}"]
    return MediaFile(path, entry[f"digest{page}"], width, height, page)


@contextmanager
def _tolerating_broken_exif() -> Iterator[None]:
    """Photo apps often leave a damaged EXIF block; we drop EXIF anyway, so read on without it
    (the photo then keeps the orientation its pixels have)."""
    with warnings.catch_warnings():
        # Pillow says "Corrupt EXIF data", "Possibly corrupt EXIF data", "... EXIF MakerNote".
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


def max_megapixels() -> float:   # Pillow's limit, as this process has it
    return (Image.MAX_IMAGE_PIXELS or 0) / 1_000_000


def header_size(path: Path) -> tuple[int, int]:
    """Width and height as the file's header gives them, without decoding a pixel. Pillow's
    limit is lifted for this alone: above it, Pillow refuses even to say the size."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(path) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def check_decodes(path: Path) -> Image.Image:
    """Decode path fully but at a small scale (fast for big JPEGs: every coefficient is read,
    so a damaged file is still found); raise if it is damaged, and TooManyPixels if it is too
    large to decode. Returns the picture upright in sRGB, as the fingerprint reads it."""
    try:
        return upright_srgb(path, FINGERPRINT_WIDTH)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        try:
            size = header_size(path)
        except (OSError, ValueError, SyntaxError):
            raise error from None
        raise TooManyPixels(*size) from None


def upright_srgb(path: Path, width: int) -> Image.Image:
    """Decode path upright, as sRGB on white, at a scale still at least `width` pixels wide."""
    with strict_decoding(), Image.open(path) as opened:
        if opened.format == "JPEG":
            # Decode at a reduced scale straight from the DCT (1/2, 1/4, 1/8): much faster for
            # phone photos. Pillow keeps both requested sides, so ask only for the width, on
            # the side that becomes the width once the photo is turned upright.
            sideways = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            opened.draft("RGB" if opened.mode != "CMYK" else "CMYK",
                         (1, width) if sideways else (width, 1))
        # Image.open leaves a GIF or multi-page TIFF on its first frame, which is the one used.
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


def fingerprint(path: Path, cache: SourceCache | None = None) -> tuple[int, tuple[int, ...]]:
    """A perceptual hash of the picture: a 256-bit difference hash of the upright picture and
    its mean colour. Two copies of one photo, re-saved, resized or converted, differ in a few
    bits at most; the colour tells apart pictures with no detail (two plain colours)."""
    entry = cache.get(path) if cache else {}
    if entry.get("fingerprint-version") != PIPELINE_VERSION:
        _remember_fingerprint(entry, upright_srgb(path, FINGERPRINT_WIDTH))
    return int(entry["fingerprint"], 16), tuple(entry["colour"])


FINGERPRINT_WIDTH = 256  # pixels: what the decode check and the fingerprint decode at


def _remember_fingerprint(entry: dict, upright: Image.Image) -> None:
    small = upright.convert("L").resize((17, 16), Image.Resampling.BOX)
    pixels = small.tobytes()   # each bit: is a pixel lighter than the one on its right?
    bits = int("".join("1" if pixels[row * 17 + column] > pixels[row * 17 + column + 1] else "0"
                       for row in range(16) for column in range(16)), 2)
    colour = upright.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    entry["fingerprint"], entry["colour"] = f"{bits:064x}", list(colour)
    entry["fingerprint-version"] = PIPELINE_VERSION


def look_alike(a: tuple[int, tuple[int, ...]], b: tuple[int, tuple[int, ...]]) -> bool:
    """Whether two fingerprints show the same picture (see fingerprint)."""
    return (bin(a[0] ^ b[0]).count("1") <= LOOK_ALIKE_BITS and
            max(abs(x - y) for x, y in zip(a[1], b[1], strict=True)) <= LOOK_ALIKE_COLOUR)


LOOK_ALIKE_BITS = 10  # of 256: re-saved copies differ by 4 to 9; the demo's closest two by 12
LOOK_ALIKE_COLOUR = 24  # of 255, on each channel
