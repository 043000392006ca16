"""The items of the young person's copy, as the coordinator reads them before it is shared.

An item is what goes into the copy: a memory, a letter (with the writing read in its scans), a
photo with its caption, alt text and recording, the cover or a portrait, and the young person's
own words. They come from the safe cast of the young person's copy (check with release=True),
so only what the copy will hold is listed: what consent, visibility or the screen leave out is
on the journey's page, not here. Each item has a stable key (its kind and source, never its
words: a key must not change when the words do), the words as the copy shows them with what the
machine flags in them (review_flags), and a digest of exactly what is read, so a reading can
be recorded against it (read_record) and an item changed since is seen.

No flask here: the coordinators' dashboard counts what is not yet read with this module.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.build import Checked, check
from generator.cast import scans, writing
from generator.cast.cast_types import CastPicture, CastRecording, CastWriting
from generator.coordinator.studio.review_flags import Flag, Lookout, Piece, pieces
from generator.core.source_cache import SourceCache, known_dir
from generator.format.journey import Writing
from generator.format.load import LoadedJourney, SourceFile, load_journey
from generator.sources import sizes

# The kinds of item, in the order of the book, with the review list's heading for each.
GROUPS = {"memory": "Memories", "letter": "Letters", "photo": "Photos and their captions",
          "picture": "The cover and portraits", "words": "In their own words"}
NOT_READ_YET = ("not read yet: the release check reads the writing in every picture of the "
                "copy before it is shared")


@dataclass(frozen=True)
class Part:
    """One text of an item as the copy shows it (a title, a caption...), with its flags."""

    label: str
    text: str
    flags: tuple[Flag, ...] = ()
    pieces: tuple[Piece, ...] = ()
    note: str = ""   # said instead of the text (e.g. no writing was found in the picture)


@dataclass(frozen=True)
class Item:
    """One item of the copy: where it comes from, its words, its files and its digest."""

    key: str           # kind:source, e.g. memory:memories/memory-1.md (never its words)
    kind: str          # a key of GROUPS
    title: str
    source: str        # the file it comes from, relative to the journey folder
    line: int | None   # where in that file, when known
    parts: tuple[Part, ...]
    files: tuple[str, ...]   # its pictures and recordings, relative to the journey folder
    digest: str        # sha256 of what is read: its words, and its pictures' and recordings'

    @property
    def flag_count(self) -> int:
        return sum(len(part.flags) for part in self.parts)


def items(folder: Path, cache_dir: Path | None = None) -> list[Item]:
    """The items of the young person's copy of the journey in folder; raise JourneyError when
    the check finds problems (nothing is decided until they are fixed). cache_dir is check's:
    with the release build's cache, nothing already read is read again."""
    return items_of(check(folder, cache_dir=cache_dir, release=True), cache_dir)


def items_of(checked: Checked, cache_dir: Path | None = None) -> list[Item]:
    """The items of a checked copy (check with release=True), in the order of GROUPS."""
    return _Gather(checked, cache_dir).all()


def digest_of(*shown: Any) -> str:
    """sha256 of what is shown, in order: any change to any of it is a change."""
    return hashlib.sha256(json.dumps(shown, ensure_ascii=False, default=str).encode()).hexdigest()


class _Parts:
    """What every kind of item is made with: its parts, flagged, and its digest."""

    def __init__(self, checked: Checked, cache_dir: Path | None):
        self.checked = checked
        self.cast = checked.cast
        self.journey = checked.journey
        self.folder = checked.journey.folder
        self.lookout = Lookout(checked.journey)
        # Read only: what check read in the pictures is looked up, never read again here.
        self.known = SourceCache(known_dir(cache_dir)) if cache_dir else None
        self.loaded: LoadedJourney = load_journey(self.folder)[0]
        self.pictures: set[str] = set()   # digests of the pictures already in an item

    # ---- the parts of an item ---------------------------------------------------------------

    def part(self, label: str, text: str) -> Part:
        if not text.strip():
            return Part(label, "", note="none")
        flags = self.lookout.flags(text)
        return Part(label, text, flags, pieces(text, flags))

    def read_in(self, picture: CastPicture, label: str, *, scan: bool = False) -> Part:
        """The writing check read in a picture (or a scan's page), from the check's cache:
        never read here (OCR takes seconds a picture; see NOT_READ_YET)."""
        try:
            # A photo's writing is read in its screen copy, as it ships (sizes.screen_copies).
            read = picture.source if scan or not self.known else sizes.screen_copy(
                picture.digest, self.known.pictures)
            entry = self.known.peek(read) if self.known else {}
        except OSError:
            entry = {}
        if not scan:
            found, version = entry.get("writing", {}), writing.VERSION
        else:
            found, version = entry.get(f"scan-text-{picture.page}", {}), scans.VERSION
        if found.get("version") != version:
            return Part(label, "", note=NOT_READ_YET)
        text = str(found.get("text") or "")
        return self.part(label, text) if text.strip() else Part(label, "", note="no writing "
                                                                "was found in it")

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return path.name

    def recording(self, recording: CastRecording | None, parts: list[Part],
                  files: list[str], transcript: bool) -> list[Any]:
        """A recording's file and (for a photo's) its transcript; what of it is read."""
        if recording is None:
            return []
        files.append(self.relative(recording.source))
        if transcript:
            parts.append(self.part("What is said in its recording", recording.transcript))
        return [recording.digest, recording.transcript]

    def item(self, key: str, kind: str, title: str, source: str, line: int | None,
             parts: list[Part], files: list[str], read: list[Any]) -> Item:
        return Item(key, kind, title, source, line, tuple(parts), tuple(files),
                    digest_of(kind, [(p.label, p.text) for p in parts if not p.note], read))

class _Gather(_Parts):
    """Makes the items of one checked copy (see the module's doc)."""

    def all(self) -> list[Item]:
        found = [*self.writings("memory", self.cast.memories, self.journey.memories),
                 *self.writings("letter", self.cast.letters, self.journey.letters),
                 *self.photos(), *self.portraits(), *self.own_words()]
        order = list(GROUPS)
        return sorted(found, key=lambda item: order.index(item.kind))

    # ---- memories and letters ----------------------------------------------------------------

    def writings(self, kind: str, cast: list[CastWriting], written: list[Writing]) -> list[Item]:
        """The memories or letters in the copy, matched to their files by the cast's anchor
        (the cast numbers them in this same order: cast/caster.py, writings)."""
        ordered = sorted(written, key=lambda w: (
            w.meta.date.sort_key if w.meta.date else (date.max, date.max), w.source.path.name))
        by_anchor = {f"{kind}-{number}": w for number, w in enumerate(ordered, start=1)}
        found = []
        for shown in cast:
            source = by_anchor.get(shown.anchor)
            if source is None or source.meta.by != shown.by:
                continue   # never: the cast numbers them as above
            file = self.relative(source.source.path)
            words = "the transcript of its recording, " if shown.recording else ""
            parts = [self.part("Title", shown.title), self.part("From", shown.by_name),
                     self.part(f"Its words ({words}as the copy shows them)", shown.text)]
            files: list[str] = []
            read: list[Any] = []
            for picture in shown.scans:
                files += [] if self.relative(picture.source) in files else \
                    [self.relative(picture.source)]
                page = f", page {picture.page + 1}" if picture.page is not None else ""
                parts.append(self.read_in(picture, f"Writing read in its scan "
                                                   f"{self.relative(picture.source)}{page}",
                                          scan=True))
                read.append([picture.digest, picture.page])
            read += self.recording(shown.recording, parts, files, transcript=False)
            found.append(self.item(f"{kind}:{file}", kind, shown.title, file,
                                   source.source.body_line, parts, files, read))
        return found

    # ---- pictures ----------------------------------------------------------------------------

    def photos(self) -> list[Item]:
        entries = self.journey.photos.photos
        found = []
        for picture in self.cast.photos:
            index = next((i for i, entry in enumerate(entries)
                          if (self.folder / entry.file).resolve() == picture.source.resolve()
                          and (entry.caption or "") == picture.caption), None)
            if index is None:
                continue
            file = entries[index].file
            parts = [self.part("Caption", picture.caption),
                     self.part("Alt text (what a screen reader says)", picture.alt)]
            if picture.place:
                parts.append(self.part("Place", picture.place))
            parts.append(self.read_in(picture, "Writing found in the picture"))
            files = [file]
            read = [picture.digest, *self.recording(picture.recording, parts, files, True)]
            self.pictures.add(picture.digest)
            found.append(self.item(f"photo:{file}", "photo", picture.caption or file,
                                   "photos.yaml", _line(self.loaded.photos, ("photos", index)),
                                   parts, files, read))
        return found

    def portraits(self) -> list[Item]:
        """The cover and people's portraits, when not already a photo above."""
        found = []
        shown = [("cover", "The cover picture", "journey.yaml", self.cast.cover,
                  ("young_person", "cover_photo"), self.loaded.journey)]
        for index, person in enumerate(self.journey.people.people):
            cast = self.cast.person(person.id)
            if cast is not None and cast.portrait is not None:
                shown.append((f"portrait:{person.id}", f"The picture of {cast.name}",
                              "people.yaml", cast.portrait, ("people", index, "photo"),
                              self.loaded.people))
        for key, title, source, picture, where, loaded in shown:
            if picture is None or picture.digest in self.pictures:
                continue
            self.pictures.add(picture.digest)
            parts = [self.part("Alt text (what a screen reader says)", picture.alt),
                     self.read_in(picture, "Writing found in the picture")]
            found.append(self.item(f"picture:{key}", "picture", title, source,
                                   _line(loaded, where), parts, [self.relative(picture.source)],
                                   [picture.digest]))
        return found

    # ---- their own words ---------------------------------------------------------------------

    def own_words(self) -> list[Item]:
        """The young person's own pages (journey.yaml's in_my_words), and their 'about'."""
        words = self.cast.own_words
        written = self.journey.info.in_my_words
        texts: list[tuple[str, str, tuple[str | int, ...], str, list[Any], list[str]]] = [
            ("about", "About me", ("young_person", "about"), self.cast.about, [], []),
            ("favourite_things", "My favourite things", ("in_my_words", "favourite_things"),
             "\n".join(thing for thing, _since in words.favourites), [], []),
            ("culture", "My culture", ("in_my_words", "culture"), words.culture, [], []),
            ("faith", "My faith", ("in_my_words", "faith"), words.faith, [], []),
            ("languages", "My languages", ("in_my_words", "languages"),
             "\n".join(words.languages), [], []),
            ("when_i_grow_up", "When I grow up", ("in_my_words", "when_i_grow_up"),
             words.when_i_grow_up, [], [])]
        for what, _when, picture in words.proud_of:
            index = next((i for i, p in enumerate(written.proud_of) if p.what == what), 0)
            files = [self.relative(picture.source)] if picture else []
            texts.append((f"proud_of.{index + 1}", "Something I am proud of",
                          ("in_my_words", "proud_of", index), what,
                          [picture.digest] if picture else [], files))
        for chapter, said in words.about_chapters.items():
            texts.append((f"about_chapters.{chapter}", f"What I want to say about {chapter}",
                          ("in_my_words", "about_chapters", chapter), said, [], []))
        found = []
        for key, title, where, text, read, files in texts:
            if text:
                found.append(self.item(f"words:{key}", "words", title, "journey.yaml",
                                       _line(self.loaded.journey, where),
                                       [self.part("Their words", text)], files, read))
        return found


def _line(source: SourceFile | None, where: tuple[str | int, ...]) -> int | None:
    """The line where a value stands in its YAML file, when known."""
    found = source.locate(where) if source is not None else None
    return found[0] if found else None
