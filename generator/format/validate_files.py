"""Every file the case data names: inside the journey's folder, there, not empty, and a picture
that decodes (all decoded side by side) or a recording ffprobe can read. Part of validation.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import RecordingError
from generator.core.paths import near_file, resolve_inside
from generator.core.source_cache import SourceCache
from generator.format.journey import Found, Parts, recordings_named
from generator.format.load import KeyPath, LoadedJourney, SourceFile
from generator.sources import recordings
from generator.sources.images import verify_all, why_unreadable
from generator.sources.suffixes import PICTURE_SUFFIXES, RECORDING_SUFFIXES


class FileChecks:
    """Every file the case data names: inside the folder, there, and a picture that decodes."""

    def __init__(self, journey: Parts, loaded: LoadedJourney, found: Found,
                 cache: SourceCache | None = None):
        self.journey = journey
        self.loaded = loaded
        self._error = found.error
        self.cache = cache

    def check(self) -> None:
        j, loaded = self.journey, self.loaded
        self._pictures: list[tuple[SourceFile | None, KeyPath, str, Path]] = []
        if j.info and j.info.young_person.cover_photo:
            self._image(loaded.journey, ("young_person", "cover_photo"),
                        j.info.young_person.cover_photo)
        for i, person in enumerate(j.people.people):
            if person.photo:
                self._image(loaded.people, ("people", i, "photo"), person.photo)
        for i, photo in enumerate(j.photos.photos):
            self._image(loaded.photos, ("photos", i, "file"), photo.file)
        for i, proud in enumerate(j.info.in_my_words.proud_of if j.info else []):
            if proud.photo:
                self._image(loaded.journey, ("in_my_words", "proud_of", i, "photo"), proud.photo)
        for letter in j.letters:
            for i, scan in enumerate(letter.meta.scans):
                self._image(letter.source, ("scans", i), scan, pdf_allowed=True)
        self._decoding()
        for source, loc, recording in recordings_named(j, loaded):
            self._recording(source, (*loc, "file"), recording.file)

    def _there(self, source: SourceFile | None, loc: KeyPath, relative: str,
               suffixes: set[str]) -> Path | None:
        """The file's path when it is inside the journey folder, there and not empty."""
        path = resolve_inside(self.journey.folder, relative)
        if path is None:
            self._error(source, loc, f"'{relative}' is outside this journey's folder.",
                        "Copy the file into the journey folder (e.g. photos/) and give the path "
                        "from there, like photos/beach.jpg.")
            return None
        if not path.is_file():
            near = near_file(self.journey.folder, relative, suffixes)
            hint = f"Did you mean '{near}'? " if near else ""
            self._error(source, loc, f"the file '{relative}' does not exist.",
                        f"{hint}Check the spelling and the folder; paths start from the "
                        "journey folder.")
            return None
        if path.stat().st_size == 0:
            self._error(source, loc, f"the file '{relative}' is empty (0 bytes).",
                        "Copy it again from where it came from.")
            return None
        return path

    def _recording(self, source: SourceFile | None, loc: KeyPath, relative: str) -> None:
        path = self._there(source, loc, relative, RECORDING_SUFFIXES)
        if path is None or not recordings.available():
            return  # without ffmpeg, the cast leaves every recording out and says so
        try:
            recordings.probe(path, self.cache)
        except RecordingError as error:
            self._error(source, loc, error.what, error.fix)

    def _image(self, source: SourceFile | None, loc: KeyPath, relative: str,
               pdf_allowed: bool = False) -> None:
        path = self._there(source, loc, relative, PICTURE_SUFFIXES)
        if path is None:
            return
        if path.suffix.lower() == ".pdf" and not pdf_allowed:
            self._error(source, loc, f"'{relative}' is a PDF; only letters' scans can be PDFs.",
                        "Save the photo as a JPEG or PNG.")
            return
        self._pictures.append((source, loc, relative, path))

    def _decoding(self) -> None:
        """Every picture named decodes: all are decoded side by side, then reported in order."""
        found = verify_all([path for *_, path in self._pictures], self.cache)
        for (source, loc, relative, _path), error in zip(self._pictures, found, strict=True):
            if told := why_unreadable(relative, error):
                self._error(source, loc, *told)
