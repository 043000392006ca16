"""The writing inside every picture that ships: a photo of a birthday card, a screenshot of a
text message, a school form, a sign with a street name.

A picture is read in all four orientations (a card photographed on its side is still a card),
by Tesseract, on a copy the size of a phone's screen: upright, where Tesseract also reads lines
running up or down the page (a card on its side, read one way), and turned round, for the
other two. A picture in which Tesseract finds no word at all upright, in any direction, holds
no writing, and is not read again; the words read with confidence are then
screened like any typed text, by the same screen (names kept out, and any phone number, email,
address, postcode or handle). A picture with much writing in it needs the coordinator's word
that they read it (`text_checked` in photos.yaml), as a scanned letter does: OCR misses
handwriting and small print, and a person will not.

What was read is remembered by the picture's content in the journey's cache, so the preview and
the release read a picture once, and pictures are read side by side, one per core.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from generator.cast import scans
from generator.core.source_cache import SourceCache
from generator.sources.images import upright_srgb

READ_SIZE = 1200  # pixels on the long side: a phone screenshot's or a card's writing is legible
MIN_CONFIDENCE = 60  # Tesseract's word confidence: below it, a photo's grain reads as letters
MUCH_WRITING = 12  # confident words: a card, a screenshot, a form, a page (not a shop sign)
BATCH = 48  # pictures decoded, then read, at a time: memory stays small for any journey
VERSION = "2"


@dataclass(frozen=True)
class PictureWriting:
    """The words read with confidence in a picture, in every orientation, and how many there
    were in the orientation that read best."""

    text: str
    words: int

    @property
    def much(self) -> bool:
        """Whether it holds so much writing that a person must read it."""
        return self.words >= MUCH_WRITING


def read_all(paths: list[Path], cache: SourceCache | None) -> dict[Path, PictureWriting]:
    """The writing in each picture (a photo file), remembered in cache by its content; those
    not read before are decoded side by side and read in lists (scans.ocr_words_many)."""
    unique = list(dict.fromkeys(paths))
    entries = {path: cache.get(path) if cache else {} for path in unique}
    unread = [p for p in unique if entries[p].get("writing", {}).get("version") != VERSION]
    workers = max(1, min(len(unread), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:  # Pillow lets go of the GIL while decoding
        for start in range(0, len(unread), BATCH):
            batch = unread[start:start + BATCH]
            opened = list(pool.map(_opened, batch))
            readable = [image for image in opened if image is not None]
            read = iter(read_images(readable))
            for path, image in zip(batch, opened, strict=True):
                found = next(read) if image is not None else PictureWriting("", 0)
                entries[path]["writing"] = {"version": VERSION, **found.__dict__}
    return {path: PictureWriting(entries[path]["writing"]["text"],
                                 entries[path]["writing"]["words"]) for path in unique}


def read(path: Path, cache: SourceCache | None = None) -> PictureWriting:
    """The writing in one picture (a photo file), remembered in cache by its content."""
    return read_all([path], cache)[path]


def read_image(image: Image.Image) -> PictureWriting:
    """The writing in a picture already open (a copy the gate reads, a video's still)."""
    return read_images([image])[0]


def read_images(images: list[Image.Image]) -> list[PictureWriting]:
    """The writing in each of these pictures, read upright and, where any word-like shape
    was found, turned round."""
    greys = [_grey(image) for image in images]
    upright = scans.ocr_words_many(greys)
    # No word-like shape at all, in any direction: nothing to turn round.
    turned = [number for number, found in enumerate(upright) if found]
    round_ = dict(zip(turned, scans.ocr_words_many([greys[n].rotate(180) for n in turned]),
                      strict=True))
    read = []
    for number, found in enumerate(upright):
        texts, best = [], 0
        for words_found in (found, round_.get(number, [])) if found else ():
            words = [w for w, confidence in words_found
                     if confidence >= MIN_CONFIDENCE and any(c.isalnum() for c in w)]
            texts.append(" ".join(words))
            best = max(best, sum(len(w) >= 2 for w in words))
        read.append(PictureWriting("\n".join(t for t in texts if t), best))
    return read


def _opened(path: Path) -> Image.Image | None:
    """The picture as read_images reads it, made ready here, side by side with the others."""
    try:
        return _grey(upright_srgb(path, READ_SIZE))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning):
        return None


def _grey(image: Image.Image) -> Image.Image:
    """Grey, and READ_SIZE on its longer side at most (a picture already so is as it was)."""
    if image.mode == "L" and max(image.size) <= READ_SIZE:
        return image
    grey = image.convert("L")
    grey.thumbnail((READ_SIZE, READ_SIZE))
    return grey
