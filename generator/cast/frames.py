"""Pictures inside videos: the rule of a picture follows it into a recording.

A video can be made of pictures: a slideshow of photos, or a voice message shared as a video
with a photo as its only picture. A picture the book refuses (consent refused or pending,
someone never shown in it, no entry in photos.yaml, its words left out...) must not reach the
young person's copy that way either: not in the video's frames, not as its still. So:

- pictures are sampled from every video with ffmpeg: its first picture, one a second, each
  change of scene, and the one its still is made from (`recordings.still`), each made small
  (`SIDE` pixels on its long side); what is kept of each is its `Look`, cached by the
  recording's content digest in the journey's cache, so a rebuild decodes nothing;
- each is compared with every picture of the journey that `refused_pictures` finds (what
  `PictureRules.reason` refuses, photos left out for their words or for the writing in them,
  portraits of people who are never shown, and any picture file in the folder that nothing
  vouches for);
- a video puts a picture in its frame in a few ways, each tried: the whole frame (a picture of
  the video's shape, or stretched to it), the frame less plain bars round it (letterboxed or
  pillarboxed, in any colour), the rectangle in the middle that a picture of each shape fills
  when fitted in (bars of any kind, a blurred copy of the picture too), and the picture
  cropped to fill the frame.

A `Look` is the 17 x 16 grid of brightness that the difference hash of `sources/images.fingerprint`
is made from (less a thin margin, where a video's scaling and colour smear most), and the mean
colour. `fingerprint`'s bits alone are not enough here: on the flat parts of a picture (a sky,
a wall, the paper of a letter) they are decided by noise, and a video's scaling and
re-encoding flip them (demo pictures came out of a letterboxed H.264 slideshow, bars cut, up
to 36 bits of 256 away from themselves, when two different demo pictures are 12 apart; the
perceptual, difference and wavelet hashes of the `imagehash` library fared no better, 30 of 64
against 12). Two looks are the same picture when their colours agree, their brightness is
close, and their brightness steps go the same way wherever either picture has a step
(`DETAIL`): the flat cells, where noise decides, are not counted. Measured on the demo's
pictures and six real photos, each put in 1280 x 720 and 720 x 1280 slideshows in the five ways
above: at most 1 step in 100 differs for the same picture, at least 15 in 100 for two others.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from PIL import Image, ImageChops

from generator.core.errors import FramesError
from generator.core.paths import resolve_inside
from generator.format.schema import Visibility
from generator.sources import recordings
from generator.sources.images import LOOK_ALIKE_COLOUR, upright_srgb
from generator.sources.pdf_pages import render_pdf_page
from generator.sources.suffixes import PICTURE_SUFFIXES

if TYPE_CHECKING:
    from generator.cast.pictures import PictureRules
    from generator.cast.safety import Screen
    from generator.core.source_cache import SourceCache
    from generator.format.journey import Journey

# A version for the cache: bump it when the sampling or the looks below change.
VERSION = "1"
SIDE = 256  # pixels on a sampled picture's long side (and a compared picture's, at least)
EVERY = 1.0  # seconds between two sampled pictures, at most
SCENE = 0.3  # ffmpeg's scene score above which a picture is a new scene
MOST_FRAMES = 3600  # pictures sampled from one video at most (a 30 min video, one a second, twice)
MARGIN = 0.04  # of each side, left out of a look: where scaling and chroma smear most
DETAIL = 8  # a brightness step (of 255) that noise does not make: below it a cell is flat
MOST_DIFFERENT = 20  # at most one step in 20 may go the other way in the same picture
MOST_DISTANT = 12  # mean brightness difference (of 255) of two looks of the same picture
BARS = 24  # how far (of 255) a bar's pixels may be from its colour
GRID = (17, 16)


@dataclass(frozen=True)
class Look:
    """What a picture looks like, small: see the module's doc."""

    grid: bytes  # 17 x 16 brightness, row by row
    colour: tuple[int, ...]

    @classmethod
    def of(cls, image: Image.Image) -> Look:
        width, height = image.size
        inner = image.crop((round(width * MARGIN), round(height * MARGIN),
                            round(width * (1 - MARGIN)), round(height * (1 - MARGIN))))
        grid = inner.convert("L").resize(GRID, Image.Resampling.BOX).tobytes()
        colour = inner.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        return cls(grid, tuple(colour))

    def text(self) -> str:
        return base64.b64encode(self.grid + bytes(self.colour)).decode()

    @classmethod
    def read(cls, text: str) -> Look:
        data = base64.b64decode(text)
        return cls(data[:-3], tuple(data[-3:]))

    @cached_property
    def _steps(self) -> tuple[int, int]:
        """Two 256-bit masks: where brightness falls from left to right, and where it steps
        at all (by DETAIL or more)."""
        falls = steps = 0
        columns = GRID[0]
        for row in range(GRID[1]):
            for column in range(columns - 1):
                left, right = self.grid[row * columns + column], self.grid[row * columns + column + 1]
                falls = (falls << 1) | (left > right)
                steps = (steps << 1) | (abs(left - right) >= DETAIL)
        return falls, steps

    def same_picture(self, other: Look) -> bool:
        """Whether the two looks are of the same picture (see the module's doc)."""
        if max(abs(a - b) for a, b in zip(self.colour, other.colour, strict=True)) > LOOK_ALIKE_COLOUR:
            return False
        (falls, steps), (other_falls, other_steps) = self._steps, other._steps
        counted = steps | other_steps
        if ((falls ^ other_falls) & counted).bit_count() * MOST_DIFFERENT > counted.bit_count():
            return False
        distance = sum(abs(a - b) for a, b in zip(self.grid, other.grid, strict=True))
        return distance <= MOST_DISTANT * len(self.grid)


# -- the pictures a video must not show ---------------------------------------------------------

@dataclass
class RefusedPicture:
    """A picture of the journey that is not shown, why, and how it looks (made when needed)."""

    relative: str
    reason: str  # in a coordinator's words, with where it is said
    source: Path
    page: int | None
    digest: str
    aspect: float  # its width over its height, upright
    looks: dict[str, Look] = field(default_factory=dict)

    def look(self, fill: float | None, cache: SourceCache | None) -> Look | None:
        """How it looks whole (fill None), or cropped in its middle to fill a frame of that
        shape; None when it cannot be read. Remembered by its content."""
        key = "whole" if fill is None else f"fill:{fill:.3f}"
        if key in self.looks:
            return self.looks[key]
        entry = cache.by_content(self.digest) if cache else {}
        if entry.get("frames-version") != VERSION:
            entry.clear()
            entry["frames-version"] = VERSION
        known = entry.setdefault("looks", {})
        if key not in known:
            try:
                image = (render_pdf_page(self.source, self.page, SIDE) if self.page is not None
                         else upright_srgb(self.source, SIDE))
            except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
                    Image.DecompressionBombWarning):
                return None  # nothing of it can be shown by the book either
            if fill is not None:
                image = image.crop(_middle(image.width, image.height, fill))
            known[key] = Look.of(image).text()
        self.looks[key] = Look.read(known[key])
        return self.looks[key]


def refused_pictures(journey: Journey, rules: PictureRules, screen: Screen
                     ) -> list[RefusedPicture]:
    """Every picture of the journey that the book does not show, once each, with why."""
    media = rules.media
    found: dict[str, RefusedPicture] = {}

    def refuse(relative: str, reason: str) -> None:
        if not reason or resolve_inside(journey.folder, relative) is None:
            return
        try:
            pages = media.pages(relative)
            files = [media.get(relative, page=page) for page in pages]
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return  # it cannot be read: nor compared, nor shown
        for media_file in files:
            if media_file.digest not in found and media_file.width and media_file.height:
                found[media_file.digest] = RefusedPicture(
                    relative, reason, media_file.source, media_file.page, media_file.digest,
                    media_file.width / media_file.height)

    def ruled(relative: str) -> str:
        try:
            return rules.reason(relative)
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            return ""  # it cannot be read: nor compared, nor shown

    hidden = {p.id for p in journey.people.people if p.visibility is Visibility.never_shown}
    for person in journey.people.people:
        if person.photo and person.id in hidden:
            refuse(person.photo, f"it is the photo of someone who is never shown (people.yaml, "
                                 f"{person.id})")
    for index, photo in enumerate(journey.photos.photos, start=1):
        refuse(photo.file, ruled(photo.file))
        if said := screen.find(photo.caption, photo.alt, photo.place):
            refuse(photo.file, f"what its entry says is left out: {said} (photos.yaml, entry "
                               f"{index}: {photo.file})")
    info = journey.info
    shown_by_the_book = [*(photo.file for photo in journey.photos.photos),
                         *(p.photo for p in journey.people.people
                           if p.photo and p.id not in hidden),
                         info.young_person.cover_photo or "",
                         *(item.photo or "" for item in info.in_my_words.proud_of)]
    named = [*(scan for letter in journey.letters for scan in letter.meta.scans),
             *shown_by_the_book, *_picture_files(journey.folder)]  # unnamed: no entry
    for relative in named:
        if relative:
            refuse(relative, ruled(relative))
    # The writing in the pictures the book would show (read side by side, once: the cast
    # reads the same pictures, and finds them read).
    readable = [r for r in dict.fromkeys(shown_by_the_book)
                if r and resolve_inside(journey.folder, r) and not r.lower().endswith(".pdf")
                and not ruled(r)]
    with contextlib.suppress(OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        rules.read_pictures(readable)
    for relative in readable:
        try:
            refuse(relative, rules.writing_reason(relative, screen))
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
            continue
    return list(found.values())


def _picture_files(folder: Path) -> Iterator[str]:
    """Every picture file in the journey's folder, named or not (hidden folders aside; a PDF
    is a picture only where a letter names it as its scan)."""
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(files):
            if Path(name).suffix.lower() in PICTURE_SUFFIXES:
                yield (Path(parent) / name).relative_to(folder).as_posix()


# -- the pictures in a video --------------------------------------------------------------------

@dataclass(frozen=True)
class Frame:
    """A picture sampled from a video: when, and its looks (see `sampled`)."""

    at: float | None  # seconds from its start
    looks: dict[str, Look]


@dataclass(frozen=True)
class Sampled:
    """The pictures sampled from a video; complete False when there were more than
    MOST_FRAMES (the rest were not looked at)."""

    aspect: float
    frames: list[Frame]
    complete: bool


def sampled(path: Path, digest: str, seconds: float, fits: list[float],
            cache: SourceCache | None) -> Sampled:
    """The pictures of the video at path (content digest, length in seconds), each looked at
    whole, without bars, and in the middle rectangle a picture of each shape in fits takes.
    Remembered by the video's content; sampled again only when fits has a new shape."""
    entry = cache.by_content(digest) if cache else {}
    fits = sorted({round(fit, 3) for fit in fits})
    if entry.get("frames-version") == VERSION and entry.get("fits") == fits:
        return Sampled(entry["aspect"], [Frame(at, {k: Look.read(v) for k, v in looks.items()})
                                         for at, looks in entry["frames"]], entry["complete"])
    aspect, frames, complete = _sample(path, seconds, fits)
    entry.clear()
    entry.update({"frames-version": VERSION, "fits": fits, "aspect": aspect,
                  "complete": complete,
                  "frames": [[f.at, {k: v.text() for k, v in f.looks.items()}] for f in frames]})
    return Sampled(aspect, frames, complete)


def _sample(path: Path, seconds: float, fits: list[float]) -> tuple[float, list[Frame], bool]:
    still_at = f"{min(1.0, seconds / 2):.3f}"  # as recordings.still takes it
    select = (f"select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,{EVERY})"
              f"+gt(scene\\,{SCENE})+gte(t\\,{still_at})*lt(prev_selected_t\\,{still_at})'")
    command = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "level+info",
               *recordings.ONLY_THIS_FILE, "-i", str(path), "-map", "0:V:0", "-an", "-sn", "-dn",
               "-vf", f"{select},showinfo,scale={SIDE}:{SIDE}:force_original_aspect_ratio="
                      "decrease:flags=area",
               "-fps_mode", "vfr", "-frames:v", str(MOST_FRAMES + 1), "-f", "image2pipe",
               "-pix_fmt", "rgb24", "-c:v", "ppm", "-"]
    frames: list[Frame] = []
    aspect = 0.0
    with tempfile.TemporaryFile() as said, subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=said) as process:
        timer = threading.Timer(recordings.MAX_SECONDS * 2, process.kill)
        timer.start()
        try:
            assert process.stdout is not None
            for image in _pictures(process.stdout):
                aspect = aspect or image.width / image.height
                frames.append(Frame(None, _looks(image, fits)))
            process.wait()
        finally:
            timer.cancel()
            if process.returncode is None:
                process.kill()
                process.wait()
        said.seek(0)
        log = said.read().decode(errors="replace")
    if process.returncode or not frames:
        errors = re.findall(r"\[(?:error|fatal)\] (.*)", log)
        raise FramesError((errors or ["it gave no picture"])[-1].strip()[-200:])
    # showinfo says when each picture is, in order (and perhaps of one more, past the last)
    times = [float(t) for t in re.findall(r"\[info\] n: *\d+ .*?pts_time:(-?[0-9.]+)", log)]
    if len(times) >= len(frames):
        frames = [Frame(at, frame.looks) for at, frame in zip(times, frames, strict=False)]
    complete = len(frames) <= MOST_FRAMES
    return aspect, frames[:MOST_FRAMES], complete


def _pictures(stream: BinaryIO) -> Iterator[Image.Image]:
    """The pictures ffmpeg writes one after another as PPM (P6, 8 bits)."""
    while True:
        magic = stream.readline()
        if not magic:
            return
        size, most = stream.readline().split(), stream.readline().strip()
        if magic.strip() != b"P6" or len(size) != 2 or most != b"255":
            raise FramesError("ffmpeg wrote a picture journeybook cannot read")
        width, height = int(size[0]), int(size[1])
        data = stream.read(width * height * 3)
        if len(data) != width * height * 3:
            return
        yield Image.frombytes("RGB", (width, height), data)


def _looks(image: Image.Image, fits: list[float]) -> dict[str, Look]:
    width, height = image.size
    looks = {"whole": Look.of(image)}
    inside = _inside_bars(image)
    if inside and inside != (0, 0, width, height):
        looks["bars"] = Look.of(image.crop(inside))
    for fit in fits:
        box = _middle(width, height, fit)
        if box != (0, 0, width, height) and box[2] - box[0] >= 8 and box[3] - box[1] >= 8:
            looks[f"fit:{fit:.3f}"] = Look.of(image.crop(box))
    return looks


def _inside_bars(image: Image.Image) -> tuple[int, int, int, int] | None:
    """What is inside plain bars round the frame (of its corner's colour), if anything is."""
    plain = Image.new("RGB", image.size, image.getpixel((0, 0)))
    differs = ImageChops.difference(image, plain).convert("L").point(
        lambda value: 255 if value > BARS else 0)
    box = differs.getbbox()
    if box is None or box[2] - box[0] < 8 or box[3] - box[1] < 8:
        return None
    return box


def _middle(width: int, height: int, aspect: float) -> tuple[int, int, int, int]:
    """The largest rectangle of that shape (width over height) in the middle of a picture:
    in a frame, where a picture of that shape is fitted in; in a picture, the part kept when
    it is cropped to fill a frame of that shape."""
    inner_width, inner_height = ((width, width / aspect) if width / height < aspect
                                 else (height * aspect, height))
    left, top = (width - inner_width) / 2, (height - inner_height) / 2
    return (round(left), round(top), round(left + inner_width), round(top + inner_height))


# -- the verdict -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Shown:
    """A refused picture a video shows, and when."""

    picture: RefusedPicture
    at: float | None


def shown_in(sample: Sampled, pictures: list[RefusedPicture], cache: SourceCache | None
             ) -> Shown | None:
    """The first refused picture the sampled video shows, or None."""
    wholes = [(p, p.look(None, cache)) for p in pictures]
    fills = [(p, p.look(round(sample.aspect, 3), cache)) for p in pictures]
    for frame in sample.frames:
        looks = frame.looks
        for (picture, whole), (_same, filled) in zip(wholes, fills, strict=True):
            candidates = [(looks["whole"], whole), (looks["whole"], filled),
                          (looks.get("bars"), whole),
                          (looks.get(f"fit:{round(picture.aspect, 3):.3f}"), whole)]
            if any(mine and theirs and mine.same_picture(theirs) for mine, theirs in candidates):
                return Shown(picture, frame.at)
    return None


def fits_for(pictures: list[RefusedPicture]) -> list[float]:
    """The shapes a frame is looked at in: those of the refused pictures."""
    return sorted({round(p.aspect, 3) for p in pictures})


def at_words(seconds: float | None) -> str:
    """0:04, 12:30: when in a video, as a player shows it."""
    if seconds is None:
        return ""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f" at {minutes}:{rest:02d}"
