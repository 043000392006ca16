"""The book's model: the `Book` a template receives, and the small, finished pieces it shows (a
picture, a person's card, a place, a writing...), each already worded and ordered by the model
(model/book.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core import words
from generator.core.errors import LeftOut, Problem
from generator.core.geometry import Page
from generator.draw import circles, photo_book, tree_layout, tree_outline, tree_print

PHOTO_PAGES_PER_PART = 8  # photo pages laid out together (each is one page)


@dataclass(frozen=True)
class RecordingView:
    """A recording as the site plays it and the book prints it (model/listening.py)."""

    anchor: str  # its place on its page, for the QR code
    kind: str  # "audio" or "video"
    file: str  # the made recording, in the site's media folder
    digest: str
    source: Path | None  # where step 6 (outputs/recordings.py) makes it from
    still: Picture | None  # a video's picture: printed, and shown before it plays
    label: str  # "Listen (2 min)" in the book's language
    printed: str  # "A voice message (2 min)": what the book says it is
    transcript: str  # Markdown; "" when the text it goes with is its transcript
    qr: str  # an SVG QR code to it in the hosted, locked copy, or ""
    url: str  # where the QR code goes, or ""
    left_out: str = ""


@dataclass(frozen=True)
class Picture:
    """A processed image: the files the site and the book use, and its words."""

    id: str
    digest: str
    screen: str
    thumb: str
    print: str
    width: int
    height: int
    alt: str
    caption: str = ""
    when: str = ""
    place: str = ""
    with_whom: str = ""
    shared_by: str = ""
    meta: str = ""  # when, where, with whom and from whom, as one line under the caption
    left_out: str = ""  # why it is not in the young person's copy (shown only in a preview)
    source: Path | None = None  # where the media stage makes it from
    page: int | None = None
    placement: str = "half"
    recording: RecordingView | None = None
    anchor: str = ""  # a photo's place on its page (photo-3), for links to it


@dataclass(frozen=True)
class PersonCard:
    id: str
    name: str
    relation: str
    full_name: str
    lifespan: str
    about: str
    picture: Picture | None
    in_touch: bool
    found: bool
    deceased: bool
    left_out: str = ""
    preview_note: str = ""  # for the coordinator only, e.g. whose name is withheld
    anchor: str = ""  # the card's place on the people page (person-3), for links to it
    initial: str = ""  # the name's first letter, the face of someone with no portrait

    @property
    def brief(self) -> bool:
        """Nothing to tell but how they are related (their name withheld, nothing said): a
        line under the cards, not a card of its own with nothing on it."""
        return not (self.initial or self.about or self.lifespan or self.full_name
                    or self.picture or self.left_out or self.preview_note)


@dataclass(frozen=True)
class Group:
    """A kind of people on the people page: cards for those with something to tell, and the
    others named in a line under them ("Also: your birth father")."""

    title: str
    people: list[PersonCard]
    also: list[PersonCard] = field(default_factory=list)


@dataclass(frozen=True)
class PlaceView:
    name: str
    kind: str
    when: str
    now: bool
    home: bool
    people: list[str]  # names, listed by the page
    about: str


@dataclass(frozen=True)
class EventView:
    year: str
    when: str
    title: str
    about: str
    place: str
    people: list[str]  # names, listed by the page


@dataclass(frozen=True)
class LifePart:
    """The story told once: a home (None before the first one known) and, in the order they
    happened while it was home, the things that happened and the other places of that time
    (a school, a club)."""

    home: PlaceView | None
    moments: list[EventView | PlaceView]


@dataclass(frozen=True)
class WritingView:
    anchor: str
    title: str
    by: str
    by_relation: str
    when: str
    remembered: str
    text: str  # Markdown, as written (the render stage makes it safe HTML)
    scans: list[Picture]
    left_out: str = ""
    recording: RecordingView | None = None


@dataclass(frozen=True)
class CommitmentView:
    who: str
    what: str
    how_often: str
    since: str
    left_out: str = ""
    anchor: str = ""  # its place on the plan page (promise-2), for links to it


@dataclass(frozen=True)
class ReviewView:
    when: str
    by: str
    changes: str
    anchor: str = ""  # its place on the plan page (review-1), for links to it


@dataclass(frozen=True)
class NewItem:
    """Something in the copy that the young person's last copy did not have (model/changes.py):
    the welcome page's "New since your last copy" links to it."""

    title: str  # what it is called in the book: a memory's title, a person's name...
    chapter: str  # the chapter it is in, in the book's language
    page: str  # that chapter's page on the site (its slug)
    anchor: str  # where it is on that page, and in the book


@dataclass(frozen=True)
class Step:
    words: str
    when: str
    done: bool


@dataclass(frozen=True)
class PhotoPage:
    """A page of the photo chapter in print: its layout (draw/photo_book.py) and photos."""

    layout: str
    photos: list[Picture]


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class OwnWords:
    """The young person's own pages, worded: "All about me", and their say on each chapter."""

    favourites: list[tuple[str, str]]  # (the thing, since when in words)
    proud_of: list[tuple[str, str, Picture | None]]  # (what, when in words, its photo)
    culture: str
    faith: str
    languages: str  # "English, Twi and a little French"
    when_i_grow_up: str
    about_chapters: dict[str, str]  # chapter slug: "What I want to say about this"

    @property
    def has_pages(self) -> bool:
        """Whether there is anything for the "All about me" chapter (shown only then)."""
        return bool(self.favourites or self.proud_of or self.culture or self.faith
                    or self.languages or self.when_i_grow_up)


@dataclass
class Book:
    """Everything a template needs to draw the young person's site and book."""

    id: str
    title: str
    name: str
    pronouns: str
    about: str
    born: str
    colour: str
    colour_hex: str
    screen: str  # auto, light or dark: the site's pages
    language: str
    coordinator: str
    organisation: str
    cover: Picture | None
    banner: Picture | None  # the cover photo again, across the top of the first chapter
    chapters: list[Chapter]
    groups: list[Group]
    page: Page  # the printed page: paper, margins and what fits on it
    tree: tree_layout.Layout
    tree_pages: list[tree_print.TreePage]  # split by side when too big to read in print
    tree_parts: list[tree_outline.TreePart]  # on a screen: split when too wide for a desktop
    emotional_lines: bool
    circle_people: circles.CirclePeople
    story: list[LifePart]  # the places and events, told once
    memories: list[WritingView]
    letters: list[WritingView]
    photos: list[Picture]  # on the site, in their order
    photo_pages: list[PhotoPage]  # in print, laid out as a photo book
    plan_words: str
    plan_agreed: str
    commitments: list[CommitmentView]
    reviews: list[ReviewView]
    steps: list[Step]
    own: OwnWords
    preview: bool = False
    left_out: list[LeftOut] = field(default_factory=list)
    calendar: bytes | None = None  # plan.ics (model/calendar.py): the site links to it
    whats_new: list[NewItem] = field(default_factory=list)  # since the last copy (model/changes.py)

    @property
    def direction(self) -> str:
        """ltr, or rtl for a language written right to left."""
        return words.direction(self.language)

    @property
    def digits_css(self) -> str:
        """The CSS counter style (jb-digits) that numbers the printed pages in the language's
        own digits; empty for 0-9."""
        return words.digits_css(self.language)

    @property
    def intros(self) -> dict[str, str]:
        """Each chapter's opening line, by the chapter's name (never by its position)."""
        return {chapter.slug: chapter.intro for chapter in self.chapters}

    @property
    def titles(self) -> dict[str, str]:
        """Each chapter's title, by the chapter's name."""
        return {chapter.slug: chapter.title for chapter in self.chapters}

    @property
    def photo_parts(self) -> list[list[PhotoPage]]:
        """The photo pages in runs the PDF step lays out each on their own, so that an edit to
        one photo lays out its run again and not the whole chapter (outputs/pdf_parts.py)."""
        return [self.photo_pages[start:start + PHOTO_PAGES_PER_PART]
                for start in range(0, len(self.photo_pages), PHOTO_PAGES_PER_PART)]

    def too_small_for_print(self) -> list[Problem]:
        """Warnings for pictures that would print soft where the book places them (people's
        portraits are on the site only)."""
        printed = [self.cover, self.banner] if self.cover and self.banner else []
        printed += [photo for photo_page in self.photo_pages for photo in photo_page.photos]
        printed += [scan for letter in self.letters for scan in letter.scans]
        printed += [photo for _what, _when, photo in self.own.proud_of if photo]
        return photo_book.too_small_for_print(printed, self.page)

    def pictures(self) -> list[Picture]:
        """Every picture the site or the book shows: the media stage makes exactly these."""
        found = [self.cover, self.banner] if self.cover and self.banner else []
        found += [card.picture for group in self.groups for card in group.people if card.picture]
        found += self.photos
        found += [scan for letter in self.letters for scan in letter.scans]
        found += [photo for _what, _when, photo in self.own.proud_of if photo]
        return found + [r.still for r in self.recordings() if r.still]

    @property
    def photo_recordings(self) -> list[Picture]:
        """The photos that come with a recording (the printed book lists them after the
        photo pages, which have no room for a transcript)."""
        return [photo for photo in self.photos if photo.recording]

    def recordings(self) -> list[RecordingView]:
        """Every recording the site plays: step 6 (outputs/recordings.py) makes exactly these."""
        views = [w.recording for w in [*self.memories, *self.letters] if w.recording]
        return views + [p.recording for p in self.photos if p.recording]
