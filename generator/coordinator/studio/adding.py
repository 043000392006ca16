"""What is written about the files dropped in the studio, once each passed its checks
(uploads.py): each named (photos/photo-4.jpg), then a photo appended to photos.yaml, a
recording made a new memory, a letter's scanned pages a new letter, all with consent pending.

When a save fails after files were named (photos.yaml is a link, the disk is full, it kept
changing), the files named go again: no file is left in the journey that nothing names, and
the page says what failed and how to go on, never an error page.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml.comments import CommentedMap

from generator.coordinator.studio import files

_CLAIMING = threading.Lock()   # two posts at once never give two files one name
_LOG = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What became of one dropped file: added (where, and the page to go on from) or refused."""

    name: str            # the uploaded name, shown back only
    saved: str = ""      # its path in the journey, e.g. photos/photo-4.jpg
    link: str = ""       # where to set who is in it, consent and the rest
    problem: str = ""    # why it was refused, and how to fix it
    thumb: bool = False  # a picture, so the page shows its thumbnail


@dataclass
class Received:
    """A dropped file that passed every check, still under its hidden temporary name."""

    outcome: Outcome
    temporary: Path
    suffix: str


# ---- named ----------------------------------------------------------------------------------


def _claim(received: Received, where: Path, stem: str) -> Path:
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


LINKED = ("photos.yaml is a link to a file somewhere else (a symbolic link), and the studio "
          "reads and writes case data only inside the journey's folder. Put the file itself "
          "in the journey's folder in place of the link, then add the photos again.")


def add_photos(folder: Path, journey_id: str, received: list[Received], chosen: str
               ) -> list[Outcome]:
    """Name every checked photo and append them all to photos.yaml in one save (one undo)."""
    try:
        for item in received:
            item.outcome.saved = _claim(item, folder / "photos", "photo").relative_to(
                folder).as_posix()
        first = _list_photos(folder / "photos.yaml", received, chosen)
    except Exception as error:   # never named in photos.yaml: the files go too
        return _taken_back(folder, received, error, "photos.yaml")
    for index, item in enumerate(received, start=first):
        item.outcome.link = f"/j/{journey_id}/edit/photos.yaml/photos#f-photos.{index}"
    return [item.outcome for item in received]


def _list_photos(path: Path, received: list[Received], chosen: str) -> int:
    """Append the named photos to photos.yaml, pending, in one save; the index of the first.
    Read again when photos.yaml changed between reading and writing (ChangedOnDisk the third
    time)."""
    for _attempt in range(2):
        with contextlib.suppress(files.ChangedOnDisk):
            return _append_photos(path, received, chosen)
    return _append_photos(path, received, chosen)


def _append_photos(path: Path, received: list[Received], chosen: str) -> int:
    """One attempt: photos.yaml read, the photos appended, saved (or ChangedOnDisk)."""
    if path.is_symlink():   # never read from, or written, elsewhere
        raise ValueError(LINKED)
    opened = files.open_yaml(path)
    first = len(files.get_value(opened.data, ("photos",)) or [])
    for item in received:
        entry = {"file": item.outcome.saved, **({"shared_by": chosen} if chosen else {}),
                 "consent": "pending"}
        files.append_item(opened.data, ("photos",), entry)
    files.save_yaml(opened)
    return first


def add_recordings(folder: Path, journey_id: str, received: list[Received], chosen: str
                   ) -> list[Outcome]:
    """Each checked recording becomes a memory of its own from who made it, pending."""
    for item in received:
        try:
            item.outcome.saved = _claim(item, folder / "memories", "recording").relative_to(
                folder).as_posix()
            front = CommentedMap([("from", chosen), ("consent", "pending"),
                                  ("recording", CommentedMap([("file", item.outcome.saved)]))])
            memory = _new_writing(folder / "memories", "memory", front)
        except Exception as error:   # the recording goes: no memory would name it
            _taken_back(folder, [item], error, "its memory (in memories/)")
            continue
        item.outcome.link = f"/j/{journey_id}/write/memories/{memory.name}"
    return [item.outcome for item in received]


def add_letter(folder: Path, journey_id: str, received: list[Received], chosen: str
               ) -> list[Outcome]:
    """The checked pages, in the order of their names (page-2 before page-10), become one
    letter from who wrote it, pending."""
    received.sort(key=lambda item: _natural(item.outcome.name))
    try:
        for item in received:
            item.outcome.saved = _claim(item, folder / "letters", "scan").relative_to(
                folder).as_posix()
        front = CommentedMap([("from", chosen), ("scans", [i.outcome.saved for i in received]),
                              ("consent", "pending")])
        letter = _new_writing(folder / "letters", "letter", front)
    except Exception as error:   # the pages go: no letter would name them
        return _taken_back(folder, received, error, "the letter (in letters/)")
    for item in received:
        item.outcome.link = f"/j/{journey_id}/write/letters/{letter.name}"
    return [item.outcome for item in received]


def _taken_back(folder: Path, received: list[Received], error: Exception, saving: str
                ) -> list[Outcome]:
    """After a failed save, remove the files already named (and any still temporary), so no
    file is left in the journey that nothing names; each Outcome says what failed and how to
    go on."""
    for item in received:
        item.temporary.unlink(missing_ok=True)
        if item.outcome.saved:
            (folder / item.outcome.saved).unlink(missing_ok=True)
        item.outcome.saved = item.outcome.link = ""
        item.outcome.problem = _failed(error, saving)
    return [item.outcome for item in received]


def _failed(error: Exception, saving: str) -> str:
    """Why a checked file was not added after all, in the coordinator's words."""
    if isinstance(error, files.ChangedOnDisk):
        return (f"It was not added: {saving} kept changing while it was being saved (is it "
                "open in an editor that saves by itself?). Try again.")
    if isinstance(error, ValueError) and "symbolic link" in str(error):
        return (f"It was not added: {saving} is a link to a file somewhere else (a symbolic "
                "link), and the studio writes only inside the journey's folder. Put the file "
                "itself there in place of the link, then add it again.")
    if isinstance(error, OSError):
        return (f"It was not added: {saving} could not be saved ({error.strerror or error}). "
                "Check that the journey's folder can be written to and the disk has room, "
                "then add it again.")
    _LOG.exception("adding an upload failed")   # a fault in journeybook: its details logged
    return (f"It was not added: saving {saving} failed ({type(error).__name__}), and nothing "
            "of it was kept. Try again; if it happens again, tell whoever looks after "
            "journeybook.")


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
