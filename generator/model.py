"""Stage 3 - Model: the finished book a template receives, with every safeguarding rule applied.

Templates compute nothing: every name, date phrase, sentence and list order is decided here.
This is also where the book is made safe: people who are never shown vanish, withheld names
become relations ("your birth father"), contact details are never copied, and any memory,
letter or photo without consent (or whose text names someone kept out) is left out, with the
reason recorded for the coordinator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import markdown
import nh3

from generator import circles, genogram, timeline
from generator.dates import FuzzyDate
from generator.media import MediaIndex
from generator.safety import Screen, kept_out_names
from generator.schema import (
    Consent,
    Kind,
    Milestones,
    Person,
    Visibility,
    YoungPerson,
)
from generator.validate import Journey, Writing

_FAR = date(9999, 12, 31)

# Material for MkDocs' palette, so the book matches the site the young person chose.
COLOURS = {
    "red": "#e53935", "pink": "#d81b60", "purple": "#8e24aa", "deep purple": "#5e35b1",
    "indigo": "#3949ab", "blue": "#1e88e5", "light blue": "#039be5", "cyan": "#00acc1",
    "teal": "#00897b", "green": "#43a047", "light green": "#7cb342", "lime": "#c0ca33",
    "amber": "#ffb300", "orange": "#fb8c00", "deep orange": "#f4511e", "brown": "#6d4c41",
    "blue grey": "#546e7a",
}
KIND_LABELS = {
    Kind.family: "Family", Kind.carer: "Carers", Kind.friend: "Friends",
    Kind.community: "School, clubs and neighbours", Kind.professional: "People who work with you",
}
MILESTONE_WORDS = {
    "referral": "You were referred to Lifelong Links",
    "consent": "You said yes to Lifelong Links",
    "mobility_mapping": "You mapped the places you have lived and the people there",
    "family_finding": "Looking for the people who matter to you",
    "first_contacts": "First contact with people from your past",
    "family_group_conference": "Your Lifelong Links family group conference",
    "plan_agreed": "Your Lifelong Links plan was agreed",
    "plan_in_care_plan": "Your plan became part of your care plan",
}
ALLOWED_TAGS = {"p", "br", "em", "strong", "ul", "ol", "li", "blockquote", "h3", "h4", "hr"}


@dataclass(frozen=True)
class Picture:
    """A processed image: the files the site and the book use, and its words."""

    id: str
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
    left_out: str = ""  # why it is not in the young person's copy (shown only in a preview)


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


@dataclass(frozen=True)
class Group:
    title: str
    people: list[PersonCard]


@dataclass(frozen=True)
class PlaceView:
    name: str
    kind: str
    when: str
    now: bool
    home: bool
    people: str
    about: str


@dataclass(frozen=True)
class EventView:
    year: str
    when: str
    title: str
    about: str
    place: str
    people: str


@dataclass(frozen=True)
class WritingView:
    anchor: str
    title: str
    by: str
    by_relation: str
    when: str
    remembered: str
    html: str
    scans: list[Picture]
    left_out: str = ""


@dataclass(frozen=True)
class CommitmentView:
    who: str
    what: str
    how_often: str
    since: str
    left_out: str = ""


@dataclass(frozen=True)
class ReviewView:
    when: str
    by: str
    changes: str


@dataclass(frozen=True)
class Step:
    words: str
    when: str
    done: bool


@dataclass(frozen=True)
class LeftOut:
    """Something in the case data that is not in the book, and why: for the coordinator."""

    what: str
    reason: str


@dataclass(frozen=True)
class Chapter:
    slug: str
    title: str
    intro: str


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
    language: str
    paper: str
    coordinator: str
    organisation: str
    cover: Picture | None
    chapters: list[Chapter]
    groups: list[Group]
    tree_svg: str
    tree_print: list[tuple[str, str]]  # (title, SVG): split by side when too big to read
    tree_key: list[tuple[str, str]]
    circles: circles.Circles
    timeline_svgs: list[str]
    timeline_print_svgs: list[str]
    places: list[PlaceView]
    events: list[EventView]
    memories: list[WritingView]
    letters: list[WritingView]
    photos: list[Picture]
    plan_words: str
    plan_agreed: str
    commitments: list[CommitmentView]
    reviews: list[ReviewView]
    steps: list[Step]
    preview: bool = False
    left_out: list[LeftOut] = field(default_factory=list)

    def pictures(self) -> list[Picture]:
        """Every picture the site or the book shows: the media stage makes exactly these."""
        found = [self.cover] if self.cover else []
        found += [card.picture for group in self.groups for card in group.people if card.picture]
        found += self.photos
        found += [scan for letter in self.letters for scan in letter.scans]
        return found


CHAPTERS = [
    Chapter("index", "Welcome", "This is your book."),
    Chapter("people", "My people", "The people who matter to you, and who you matter to."),
    Chapter("family-tree", "My family tree and circles",
            "Where everyone fits, and how close they are to you."),
    Chapter("story", "My story", "The places you have lived and the things that happened."),
    Chapter("memories", "Memories", "Things people remember about you, in their own words."),
    Chapter("letters", "Letters", "Letters people have written to you."),
    Chapter("photos", "Photos", "Pictures from your life, kept safe here."),
    Chapter("plan", "My Lifelong Links plan", "The promises people made, and what comes next."),
]


def build_book(journey: Journey, media: MediaIndex, *, release: bool = False) -> Book:
    """Return the finished book model for one validated journey.

    release=True is the young person's copy: only what may be shared. Otherwise it is the
    coordinator's preview: the same book, plus what is left out, greyed, with the reason.
    Contact details are in neither.
    """
    return _BookMaker(journey, media, release).make()


class _BookMaker:
    def __init__(self, journey: Journey, media: MediaIndex, release: bool):
        self.journey = journey
        self.preview = not release
        self.media = media
        self.yp: YoungPerson = journey.info.young_person
        self.people: dict[str, Person] = {p.id: p for p in journey.people.people}
        self.hidden = {p.id for p in journey.people.people
                       if p.visibility is Visibility.never_shown}
        forbidden, _shared = kept_out_names(journey.people.people, self.yp)
        self.screen = Screen(forbidden)
        self.left_out: list[LeftOut] = []

    # -- names -------------------------------------------------------------------------------
    def name(self, person_id: str) -> str | None:
        """What the book calls a person, or None if they must not appear."""
        if person_id == self.yp.id:
            return "you"
        person = self.people.get(person_id)
        if person is None or person.visibility is Visibility.never_shown:
            return None
        if person.visibility is Visibility.name_withheld:
            return person.relation
        return person.called

    def names(self, person_ids: list[str]) -> str:
        shown = [n for n in (self.name(i) for i in person_ids) if n]
        if not shown:
            return ""
        if len(shown) == 1:
            return shown[0]
        return ", ".join(shown[:-1]) + " and " + shown[-1]

    def hide_kept_out(self, text: str) -> str:
        """The text, or "" if it names someone kept out or holds a contact detail (the item
        is reported once, where it is listed)."""
        return "" if self.screen.find(text) else text

    def safe_text(self, text: str | None, what: str) -> str:
        """Return the text, or "" (and note it for the coordinator) if it must not be shown."""
        if not text:
            return ""
        reason = self.screen.find(text)
        if reason:
            self.left_out.append(LeftOut(what, f"left out because {reason}"))
            return ""
        return text

    # -- the book ----------------------------------------------------------------------------
    def make(self) -> Book:
        info = self.journey.info
        coordinator = info.coordinator
        colour = COLOURS[info.book.colour.value]
        return Book(
            id=self.journey.id,
            title=info.book.title or f"{self.yp.called}'s journey book",
            name=self.yp.called,
            pronouns=self.yp.pronouns or "",
            about=self.safe_text(self.yp.about, "your 'about' words"),
            born=_phrase(self.yp.born),
            colour=info.book.colour.value,
            colour_hex=colour,
            language=info.book.language,
            paper=info.book.paper.value,
            coordinator=coordinator.name,
            organisation=coordinator.organisation or "",
            cover=self.picture(self.yp.cover_photo, f"A picture chosen by {self.yp.called}",
                               "page")
            if self.yp.cover_photo else None,
            chapters=CHAPTERS,
            groups=self.groups(),
            tree_svg=genogram.family_tree(self.journey, self.name, colour),
            tree_print=genogram.print_trees(self.journey, self.name, colour,
                                            info.book.paper.value),
            tree_key=genogram.key(colour, info.book.emotional_lines),
            circles=circles.circles(self.journey, self.name, colour),
            timeline_svgs=timeline.timeline_rows(
                self.journey, self.name, colour, screen=self.hide_kept_out),
            timeline_print_svgs=timeline.timeline_rows(
                self.journey, self.name, colour, screen=self.hide_kept_out, grid=timeline.PRINT),
            places=self.places(),
            events=self.events(),
            memories=self.writings(self.journey.memories, "memory"),
            letters=self.writings(self.journey.letters, "letter"),
            photos=self.photos(),
            plan_words=self.safe_text(self.journey.plan.words, "the plan's introduction"),
            plan_agreed=_phrase(self.journey.plan.agreed),
            commitments=self.commitments(),
            reviews=self.reviews(),
            steps=self.steps(info.milestones),
            preview=self.preview,
            left_out=self.left_out,
        )

    def picture(self, relative: str, alt: str, placement: str = "half",
                page: int | None = None, **words: str) -> Picture:
        """A picture for the site and for the book, sized for where the book places it."""
        image = self.media.get(relative, placement, page)
        return Picture(id=image.digest[:12], screen=image.name("screen"), thumb=image.name("thumb"),
                       print=image.name(f"print-{placement}"), width=image.width,
                       height=image.height, alt=alt, **words)

    def groups(self) -> list[Group]:
        groups = []
        for kind, title in KIND_LABELS.items():
            cards = [self.card(p) for p in self.journey.people.people if p.kind is kind and
                     (self.preview or p.visibility is not Visibility.never_shown)]
            if cards:
                groups.append(Group(title, sorted(cards, key=_card_order)))
        return groups

    def card(self, person: Person) -> PersonCard:
        if person.visibility is Visibility.never_shown:  # reached only in a preview
            return PersonCard(
                id=person.id, name=person.called, relation=person.relation,
                full_name=person.full_name or "", lifespan="", about="", picture=None,
                in_touch=False, found=False, deceased=False,
                left_out="Never shown: appears nowhere in the young person's book")
        withheld = person.visibility is Visibility.name_withheld
        picture = None
        if person.photo and self._photo_consented(person.photo):
            picture = self.picture(person.photo, f"A photo of {self.name(person.id)}")
        deceased = person.deceased or person.died is not None
        return PersonCard(
            id=person.id,
            name=self.name(person.id) or "",
            relation="" if withheld else person.relation,
            full_name="" if withheld or person.full_name == person.called else
            (person.full_name or ""),
            lifespan=_lifespan(person) if not withheld else "",
            about="" if withheld else self.safe_text(person.about, f"what is said about "
                                                     f"{person.called} ({person.id})"),
            picture=picture,
            in_touch=person.in_touch and not deceased,
            found=person.found,
            deceased=deceased,
            preview_note=(f"Name withheld: {person.full_name or person.called} is shown only as "
                          f"\u201c{person.relation}\u201d" if withheld and self.preview else ""),
        )

    def _photo_consented(self, relative: str) -> bool:
        return any(p.file == relative and p.consent is Consent.given
                   for p in self.journey.photos.photos)

    def places(self) -> list[PlaceView]:
        views = []
        for place in sorted(self.journey.timeline.places, key=lambda p: p.start.sort_key):
            label = f"the place '{place.id}'"
            name = self.safe_text(place.name, label)
            if not name:
                continue
            when = (f"from {_bare(place.start)} to {_bare(place.end)}" if place.end
                    else f"since {_bare(place.start)}")
            views.append(PlaceView(
                name=name, kind=_sentence(place.kind), when=when, now=place.end is None,
                home=place.lived_here, people=self.names(place.people),
                about=self.safe_text(place.about, label)))
        return views

    def events(self) -> list[EventView]:
        views = []
        for event in sorted(self.journey.timeline.events, key=lambda e: e.date.sort_key):
            label = f"the event '{event.title}' ({event.date.text})"
            title = self.safe_text(event.title, label)
            if not title:
                continue
            place = next((p.name for p in self.journey.timeline.places if p.id == event.place), "")
            views.append(EventView(
                year=str(event.date.year), when=_sentence(_phrase(event.date)), title=title,
                about=self.safe_text(event.about, label), place=self.safe_text(place, label),
                people=self.names([i for i in event.people if i != self.yp.id])))
        return views

    def writings(self, writings: list[Writing], kind: str) -> list[WritingView]:
        views = []
        ordered = sorted(writings, key=lambda w: (
            w.meta.date.sort_key if w.meta.date else (_FAR, _FAR), w.source.path.name))
        for writing in ordered:
            meta = writing.meta
            what = f"the {kind} {writing.source.path.name}"
            by = self.name(meta.by)
            if meta.consent is not Consent.given:
                reason = f"consent is {meta.consent.value}"
            elif by is None:
                reason = "its writer is never shown"
            else:
                found = self.screen.find(writing.text, meta.title)
                reason = f"{found}" if found else ""
            if reason:
                self.left_out.append(LeftOut(what, f"left out: {reason}"))
                if not self.preview:
                    continue
            writer = self.people.get(meta.by)
            by = by or (writer.called if writer else meta.by)
            pages = [(scan, page) for scan in getattr(meta, "scans", [])
                     for page in self.media.pages(scan)]
            scans = [self.picture(scan, f"Page {i} of the {kind} from {by}", "full", page=page)
                     for i, (scan, page) in enumerate(pages, start=1)]
            withheld = writer is not None and writer.visibility is Visibility.name_withheld
            views.append(WritingView(
                anchor=writing.source.path.stem,
                title=meta.title or (f"A {kind} from {by}"),
                by=by, by_relation="" if withheld or writer is None else writer.relation,
                when=_phrase(meta.date), remembered=_phrase(getattr(meta, "about", None)),
                html=_markdown(writing.text), scans=scans,
                left_out=_reason_words(reason)))
        return views

    def photos(self) -> list[Picture]:
        pictures = []
        ordered = sorted(self.journey.photos.photos,
                         key=lambda p: p.date.sort_key if p.date else (_FAR, _FAR))
        for photo in ordered:
            what = f"the photo {photo.file}"
            if photo.consent is not Consent.given:
                reason = f"consent is {photo.consent.value}"
            elif any(i in self.hidden for i in [*photo.people, photo.shared_by or ""]):
                reason = "it shows or came from someone who is never shown"
            else:
                reason = self.screen.find(photo.caption, photo.alt, photo.place) or ""
            if reason:
                self.left_out.append(LeftOut(what, f"left out: {reason}"))
                if not self.preview:
                    continue
            elif not photo.alt:
                self.left_out.append(LeftOut(what, "shown, but it has no alt text; add 'alt:'"))
            others = [i for i in photo.people if i != self.yp.id]
            pictures.append(self.picture(
                photo.file, photo.alt or photo.caption or "A photo", caption=photo.caption,
                when=_phrase(photo.date), place=photo.place or "",
                with_whom=self.names(others), shared_by=self.name(photo.shared_by) or ""
                if photo.shared_by else "", left_out=_reason_words(reason)))
        return pictures

    def commitments(self) -> list[CommitmentView]:
        views = []
        for commitment in self.journey.plan.commitments:
            who = self.names(commitment.who)
            what = self.safe_text(commitment.what, f"the plan's commitment '{commitment.what}'")
            reason = "" if who and what else "no one in it can be shown"
            if reason:
                self.left_out.append(LeftOut(f"the commitment '{commitment.what}'",
                                             f"left out: {reason}"))
                if not self.preview:
                    continue
            views.append(CommitmentView(who=who or "(people who are never shown)",
                                        what=what or commitment.what,
                                        how_often=_sentence(commitment.how_often or ""),
                                        since=_bare(commitment.start),
                                        left_out=_reason_words(reason)))
        return views

    def reviews(self) -> list[ReviewView]:
        return [ReviewView(when=_bare(r.date), by=self.safe_text(r.by, "a review"),
                           changes=self.safe_text(r.changes, f"the review of {r.date.text}"))
                for r in sorted(self.journey.plan.reviews, key=lambda r: r.date.sort_key)]

    def steps(self, milestones: Milestones) -> list[Step]:
        steps = []
        for key, words in MILESTONE_WORDS.items():
            when = getattr(milestones, key)
            steps.append(Step(words=words, when=_bare(when), done=when is not None))
        for review in sorted(self.journey.plan.reviews, key=lambda r: r.date.sort_key):
            steps.append(Step(words="Your plan was reviewed", when=_bare(review.date), done=True))
        return steps



def _phrase(value: FuzzyDate | None) -> str:
    return value.phrase if value else ""


def _bare(value: FuzzyDate | None) -> str:
    """'summer 2011', '3 May 2012', 'about 2009': the phrase without its leading preposition."""
    if value is None:
        return ""
    return value.phrase.removeprefix("on ").removeprefix("in ")


def _reason_words(reason: str) -> str:
    """'consent is pending' -> 'Not in the young person's copy: consent is pending'."""
    return f"Not in the young person's copy: {reason}" if reason else ""


def _sentence(text: str) -> str:
    """'every Sunday' -> 'Every Sunday': a capital first letter, the rest as written."""
    return text[:1].upper() + text[1:]


def _lifespan(person: Person) -> str:
    born = _bare(person.born) if person.born else ""
    if person.died:
        return f"{born or '?'} – {_bare(person.died)}"
    if person.deceased:
        return f"{born} – died" if born else "died"
    return f"born {born}" if born else ""


def _card_order(card: PersonCard) -> tuple[int, str]:
    return (0 if card.in_touch else 1, card.name.casefold())


def _markdown(text: str) -> str:
    """Markdown to HTML, then sanitised: case text comes from emails and social media."""
    html = markdown.markdown(text, extensions=["smarty"], output_format="html")
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes={}, link_rel=None)

