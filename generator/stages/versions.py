"""Versions: every young person's copy that is released is kept as a numbered version, so the
book can grow, and the young person sees what is new in it.

A version is a small manifest made from the safe cast only (never the raw case data): for each
item the copy shows (people, memories, letters, photos, the plan's promises and reviews) a stable
key, a label in the coordinator's words and a digest of what the copy shows of it; and for every
other part of the cast (its language, colour, paper, title, places, timeline...), found from the
cast's own fields so that a part added to it one day is never forgotten here, a digest too.
Comparing two manifests says what was added, changed or is no longer in the copy.

Manifests are for coordinators: they name the items and the case files. They are kept outside
every copy, in `<copies folder>/.versions/<journey>/v0001.json` (written whole, never half),
carry MARK so the release gate refuses any copy holding one, and `journeybook clean` keeps them
unless asked (`--versions`). A release whose manifest equals the last version's makes no new
version: it is that version again.

What is new for the young person (`new_items`, the welcome page's "New since your last copy") is
what the copy shows that the version before it did not: never what was removed, and never
anything kept out, which is not in the cast.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core import cache
from generator.core.dates import FuzzyDate
from generator.core.errors import BuildError
from generator.core.output import write_atomically
from generator.stages.model_types import NewItem

if TYPE_CHECKING:
    from generator.stages.cast_types import Cast
    from generator.stages.model import Book

STORE = ".versions"  # in the copies folder, beside the copies: never inside one
# In every manifest: the release gate refuses any copy that holds a file carrying it.
MARK = "journeybook-version-manifest"
FILE = re.compile(r"v(\d{4,})\.json")
# The kinds of item a version tracks, in the book's order, and their words for a coordinator.
KINDS = {"people": ("person", "people"), "memories": ("memory", "memories"),
         "letters": ("letter", "letters"), "photos": ("photo", "photos"),
         "commitments": ("plan promise", "plan promises"),
         "reviews": ("plan review", "plan reviews"),
         "book": ("part of the book", "parts of the book")}
# The cast's fields that are not a part of what the copy shows: its folder's name, whether it
# is a preview, and what is left out of it (a preview's greyed items, the coordinator's words).
NOT_SHOWN = {"id", "preview", "kept_out_people", "left_out", "warnings"}
PARTS_FIRST_KEPT = "the book's language, colour, paper and other parts are compared"
# The coordinator's words for a few of the cast's fields (the others: their name in words).
PART_WORDS = {"me": "about the young person", "own_words": "in their own words",
              "plan_words": "the plan's words", "plan_agreed": "when the plan was agreed",
              "emotional_lines": "relationship lines", "screen": "light or dark pages",
              "cover": "cover photo", "events": "timeline", "carers": "care history"}
# The chapter each kind is in (its page on the site).
CHAPTERS = {"people": "people", "memories": "memories", "letters": "letters",
            "photos": "photos", "commitments": "plan", "reviews": "plan"}


@dataclass(frozen=True)
class Entry:
    """One item of a copy: its label for the coordinator, and a digest of what the copy shows."""

    label: str
    digest: str


Manifest = dict[str, dict[str, Entry]]  # kind -> stable key -> entry


@dataclass(frozen=True)
class Version:
    number: int
    day: str  # ISO 8601
    items: Manifest


@dataclass
class Changes:
    """What changed between two versions, as (kind, label) pairs."""

    added: list[tuple[str, str]] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    # The version before was kept before the parts of the book were (its language, colour...):
    # they are compared from this version on, and were not "added".
    parts_first_kept: bool = False


@dataclass(frozen=True)
class Kept:
    """What a release did to the versions: made version `number`, or was it again (not new)."""

    number: int
    new: bool
    day: str
    changes: Changes

    def said(self) -> str:
        """One line for the coordinator after a release."""
        if not self.new:
            return (f"Same as version {self.number} (nothing in the copy has changed since), so "
                    "no new version was kept.")
        said = "the first copy" if self.number == 1 else _summary(self.changes)
        return f"Kept as version {self.number}, {_day(self.day)}: {said}."


# -- the manifest ------------------------------------------------------------------------------

def manifest(cast: Cast) -> Manifest:
    """What the young person's copy shows, item by item (a preview's left-out items are not in
    it: they are not in the copy)."""
    return {kind: {key: entry for _index, key, entry in items}
            for kind, items in _listed(cast).items()}


def _listed(cast: Cast) -> dict[str, list[tuple[int, str, Entry]]]:
    """Each kind's items in the copy: (their place in the cast's list, key, entry)."""
    from generator.stages import words

    def bare(value) -> str:
        return words.bare_date(value, "en")

    found: dict[str, list[tuple[int, str, Entry]]] = {kind: [] for kind in KINDS}
    keys: set[tuple[str, str]] = set()

    def add(kind: str, index: int, key: str, label: str, *shown: object) -> None:
        numbered, number = key, 1
        while (kind, numbered) in keys:  # two alike: the second is key#2
            number += 1
            numbered = f"{key}#{number}"
        keys.add((kind, numbered))
        found[kind].append((index, numbered, Entry(label, _digest(shown))))

    for i, p in enumerate(cast.people):
        if p.role in ("shown", "withheld"):
            add("people", i, p.id, f"{p.name} ({p.id})" if p.name != p.id else p.id,
                p.role, p.name, p.full_name, p.relation, bare(p.born), bare(p.died),
                p.deceased, p.about, p.portrait.digest if p.portrait else "", p.found,
                p.in_touch, p.kind, p.side, p.closeness.before, p.closeness.now)
    for kind, writings in (("memories", cast.memories), ("letters", cast.letters)):
        for i, w in enumerate(writings):
            if not w.left_out:
                add(kind, i, f"{w.by}|{w.date.text if w.date else ''}|{w.title}",
                    f"\u201c{w.title}\u201d, from {w.by_name}", w.title, w.by_name,
                    w.by_relation, bare(w.date), bare(w.about), w.text,
                    [scan.digest for scan in w.scans], _recording(w))
    for i, photo in enumerate(cast.photos):
        if not photo.left_out:
            add("photos", i, photo.source.name, photo.source.name + (
                f": \u201c{photo.caption}\u201d" if photo.caption else ""), photo.digest,
                photo.alt, photo.caption, bare(photo.date), photo.place, photo.people,
                photo.shared_by, _recording(photo))
    for i, c in enumerate(cast.commitments):
        if not c.left_out:
            names = ", ".join(cast.name_of(who) or who for who in c.who)
            add("commitments", i, "+".join(sorted(c.who)), f"\u201c{c.what}\u201d ({names})",
                c.what, c.how_often, bare(c.start), c.who)
    for i, r in enumerate(cast.reviews):
        add("reviews", i, r.date.text, f"of {bare(r.date)}", r.by, r.changes)
    # Everything else the copy shows, in a digest each: a language, a colour or a paper size
    # changed makes a new version as surely as a memory does.
    parts = [f.name for f in fields(cast) if f.name not in KINDS and f.name not in NOT_SHOWN]
    for i, name in enumerate(parts):
        add("book", i, name, f"'{PART_WORDS.get(name, name.replace('_', ' '))}'",
            _shown(getattr(cast, name), bare))
    return found


def _shown(value: object, bare: Callable[[FuzzyDate], str]) -> object:
    """A part of the cast as plain data, as the copy shows it: a date in words (however it was
    written), a file by its name (wherever the journey folder is), an enum by its value."""
    if isinstance(value, FuzzyDate):
        return bare(value)
    if isinstance(value, Path):
        return value.name
    if isinstance(value, Enum):
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _shown(getattr(value, f.name), bare) for f in fields(value)}
    if isinstance(value, dict):
        return {str(key): _shown(item, bare) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_shown(item, bare) for item in value]
    return value


def _recording(item: object) -> tuple[str, str] | str:
    """What the copy plays of an item's recording, if it has one (a preview's left-out
    recording is not in the copy)."""
    recording = getattr(item, "recording", None)
    if recording is None or recording.left_out:
        return ""
    return recording.digest, recording.transcript


def _digest(shown: tuple[object, ...]) -> str:
    data = json.dumps(shown, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def same(one: Manifest, other: Manifest) -> bool:
    """Whether two copies show the same items alike (labels aside: they are only words)."""
    return _shape(one) == _shape(other)


def _shape(items: Manifest) -> dict[str, dict[str, str]]:
    return {kind: {key: entry.digest for key, entry in items.get(kind, {}).items()}
            for kind in KINDS}


def changes(before: Manifest | None, after: Manifest) -> Changes:
    """What was added, changed and is no longer in the copy, from before to after."""
    said = Changes()
    before = before or {}
    for kind in KINDS:
        old, new = before.get(kind, {}), after.get(kind, {})
        if kind == "book" and new and not old:
            said.parts_first_kept = True
            continue
        said.added += [(kind, new[key].label) for key in new if key not in old]
        said.changed += [(kind, new[key].label) for key in new
                         if key in old and old[key].digest != new[key].digest]
        said.removed += [(kind, old[key].label) for key in old if key not in new]
    return said


# -- the store ---------------------------------------------------------------------------------

def store(root: Path, journey_id: str) -> Path:
    """Where a journey's versions are kept, in a copies folder (release/.versions/<id>)."""
    return root / STORE / journey_id


def history(folder: Path | None) -> list[Version]:
    """Every version kept in a store, oldest first (none when there is no store yet)."""
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        match = FILE.fullmatch(path.name)
        if match:
            found.append(_read(path, int(match.group(1))))
    return sorted(found, key=lambda version: version.number)


def _read(path: Path, number: int) -> Version:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("mark") != MARK:
            raise ValueError("it is not marked as one")
        items = {kind: {key: Entry(str(entry["label"]), str(entry["digest"]))
                        for key, entry in data["items"].get(kind, {}).items()}
                 for kind in KINDS}
        return Version(number, date.fromisoformat(data["date"]).isoformat(), items)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise BuildError(f"{path}: this is not a version journeybook can read ({error}). Move "
                         f"it out of {path.parent} (keep it if you need its history), then run "
                         "the command again.") from None


def state(folder: Path | None) -> str:
    """A hash of a store's versions: part of a build's fingerprint, since what is new in a
    copy depends on them."""
    if folder is None or not folder.is_dir():
        return ""
    return cache.key(*(part for path in sorted(folder.iterdir()) if FILE.fullmatch(path.name)
                       for part in (path.name, path.read_bytes())))


def with_history(build_key: str, folder: Path | None) -> str:
    """A build's fingerprint, with the state of the versions it reads."""
    return cache.key(build_key, state(folder)) if folder is not None else build_key


def previous(versions: list[Version], current: Manifest) -> Manifest | None:
    """The version a copy is new against: the last one, or, when the copy is the last one
    again, the one before it (its "New since your last copy" stays as it was)."""
    if versions and same(versions[-1].items, current):
        versions = versions[:-1]
    return versions[-1].items if versions else None


def keep(folder: Path, current: Manifest, day: date, journey_id: str) -> Kept:
    """Keep a released copy's manifest as the next version, unless it equals the last one."""
    versions = history(folder)
    last = versions[-1] if versions else None
    if last is not None and same(last.items, current):
        return Kept(last.number, False, last.day, Changes())
    number = last.number + 1 if last else 1
    data = {"mark": MARK, "note": "For coordinators only: never put this file in a young "
            "person's copy.", "journey": journey_id, "version": number,
            "date": day.isoformat(),
            "items": {kind: {key: {"label": entry.label, "digest": entry.digest}
                             for key, entry in entries.items()}
                      for kind, entries in current.items()}}
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / f"v{number:04d}.json",
                     json.dumps(data, ensure_ascii=False, indent=1).encode())
    return Kept(number, True, day.isoformat(),
                changes(last.items, current) if last else Changes())


# -- what is new, for the young person ---------------------------------------------------------

def new_items(book: Book, cast: Cast, before: Manifest | None) -> list[NewItem]:
    """What the copy shows that the version before it did not, in the book's order, each with
    its chapter and where it is; nothing on a first copy. Removed items are never told."""
    if before is None:
        return []
    from generator.stages import words

    _ = words.translations(cast.language).gettext
    chapters = {chapter.slug: chapter.title for chapter in book.chapters}
    # A person with a card, or named in a group's "Also:" line (nothing to tell but who they are).
    cards = {card.id: card for group in book.groups for card in [*group.people, *group.also]}
    photos = {photo.digest: photo for photo in book.photos}
    found = []
    for kind, items in _listed(cast).items():
        for index, key, _entry in items:
            if key in before.get(kind, {}) or kind == "book":  # a part is not an item to tell
                continue
            if kind == "people":
                card = cards[cast.people[index].id]
                title, anchor = card.name, card.anchor
            elif kind in ("memories", "letters"):
                writing = getattr(book, kind)[index]
                title, anchor = writing.title, writing.anchor
            elif kind == "photos":
                photo = photos[cast.photos[index].digest]
                title, anchor = photo.caption or photo.alt, photo.anchor
            elif kind == "commitments":
                title, anchor = book.commitments[index].what, book.commitments[index].anchor
            else:
                review = book.reviews[index]
                title = _("Review of your plan, %(when)s") % {"when": review.when}
                anchor = review.anchor
            page = CHAPTERS[kind]
            found.append(NewItem(title=title, chapter=chapters[page], page=page, anchor=anchor))
    return found


# -- the coordinator's listing (journeybook releases) ------------------------------------------

def listing(versions: list[Version], journey_id: str, folder: Path) -> str:
    """Every version, oldest first, with its date and what changed, in a coordinator's words."""
    if not versions:
        return (f"No young person's copy of {journey_id} has been released yet ({folder} "
                "holds no versions). Make one with: journeybook build --release <journey>")
    lines = [f"{journey_id}: {len(versions)} version{'s' if len(versions) != 1 else ''} of the "
             f"young person's copy, kept in {folder} (for coordinators only)."]
    before: Manifest | None = None
    for version in versions:
        lines += ["", f"Version {version.number}, released {_day(version.day)}"]
        if before is None:
            counts = [_count(len(version.items.get(kind, {})), kind) for kind in KINDS
                      if kind != "book"]
            lines.append(f"  The first copy: {', '.join(counts)}.")
        else:
            said = changes(before, version.items)
            for heading, pairs in (("Added", said.added), ("Changed", said.changed),
                                   ("No longer in the copy", said.removed)):
                if pairs:
                    lines.append(f"  {heading}:")
                    lines += [f"    - {KINDS[kind][0]} {label}" for kind, label in pairs]
            if not (said.added or said.changed or said.removed):
                lines.append("  Nothing changed in the copy.")
            if said.parts_first_kept:
                lines.append(f"  {PARTS_FIRST_KEPT[0].upper()}{PARTS_FIRST_KEPT[1:]} from "
                             "this version on.")
        before = version.items
    return "\n".join(lines)


def _summary(said: Changes) -> str:
    """'2 memories, 1 photo added; 1 person changed'."""
    parts = []
    for pairs, done in ((said.added, "added"), (said.changed, "changed"),
                        (said.removed, "no longer in the copy")):
        counted = [_count(sum(kind == k for k, _label in pairs), kind) for kind in KINDS
                   if any(k == kind for k, _label in pairs)]
        if counted:
            parts.append(f"{', '.join(counted)} {done}")
    if said.parts_first_kept:
        parts.append(f"{PARTS_FIRST_KEPT} from this version on")
    return "; ".join(parts) or "nothing in the copy changed"


def _count(number: int, kind: str) -> str:
    one, many = KINDS[kind]
    return f"{number} {one if number == 1 else many}"


def _day(iso: str) -> str:
    """'2026-11-24' -> '24 November 2026'."""
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"   # no %-d: Windows has none
