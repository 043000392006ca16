"""What a version of the young person's copy shows, and what changed between two versions.

A version's manifest is made from the safe cast only (never the raw case data): for each item
the copy shows (people, memories, letters, photos, the plan's promises and reviews) a stable
key, a label in the coordinator's words and a digest of what the copy shows of it; and for every
other part of the cast (its language, colour, paper, title, places, timeline...), found from the
cast's own fields so that a part added to it one day is never forgotten here, a digest too.
Comparing two manifests says what was added, changed or is no longer in the copy.

What is new for the young person (`new_items`, the welcome page's "New since your last copy") is
what the copy shows that the version before it did not: never what was removed, and never
anything kept out, which is not in the cast. The versions themselves are kept by
outputs/versions.py.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.dates import FuzzyDate

if TYPE_CHECKING:
    from generator.cast.cast_types import Cast
    from generator.model.types import Book, NewItem

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


def manifest(cast: Cast) -> Manifest:
    """What the young person's copy shows, item by item (a preview's left-out items are not in
    it: they are not in the copy)."""
    return {kind: {key: entry for _index, key, entry in items}
            for kind, items in _listed(cast).items()}


def _listed(cast: Cast) -> dict[str, list[tuple[int, str, Entry]]]:
    """Each kind's items in the copy: (their place in the cast's list, key, entry)."""
    from generator.core import words

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


def previous(versions: list[Version], current: Manifest) -> Manifest | None:
    """The version a copy is new against: the last one, or, when the copy is the last one
    again, the one before it (its "New since your last copy" stays as it was)."""
    if versions and same(versions[-1].items, current):
        versions = versions[:-1]
    return versions[-1].items if versions else None


def new_items(book: Book, cast: Cast, before: Manifest | None) -> list[NewItem]:
    """What the copy shows that the version before it did not, in the book's order, each with
    its chapter and where it is; nothing on a first copy. Removed items are never told."""
    from generator.core import words
    from generator.model.types import NewItem  # the model's: loaded only when one is made

    if before is None:
        return []

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
