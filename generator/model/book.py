"""Step 4 - Model: the finished book a template receives, with every safeguarding rule applied.

Templates compute nothing: every name, date phrase, sentence and list order is decided here.
It reads only the safe cast (`cast`), where every safeguarding rule was applied once, and
reads no file: pictures are references that the media stage makes.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.cast.cast_types import Cast, CastPerson, CastPicture, Role
from generator.core import words
from generator.core.dates import FuzzyDate
from generator.core.geometry import Page, page_for
from generator.core.words import N_
from generator.draw import circles, photo_book, tree_layout, tree_outline, tree_print
from generator.format.vocabulary import COLOUR_HEX, Closeness, Colour, Kind, Side
from generator.model import calendar, changes
from generator.model.parts import StoryAndPlan, Writings, recording_on, sentence
from generator.model.types import (
    Book,
    Chapter,
    Group,
    OwnWords,
    PersonCard,
    PhotoPage,
    Picture,
)
from generator.sources.images import media_name
from generator.sources.sizes import print_size

KIND_LABELS = {
    Kind.family: N_("Family"), Kind.carer: N_("Carers"), Kind.friend: N_("Friends"),
    Kind.community: N_("School, clubs and neighbours"),
    Kind.professional: N_("People who work with you"),
}



CHAPTERS = [
    Chapter("index", N_("Welcome"), N_("This is your book.")),
    Chapter("about-me", N_("All about me"),
            N_("Your favourite things, what you are proud of, and who you are, in your own "
               "words.")),
    Chapter("people", N_("My people"),
            N_("The people who matter to you, and who you matter to.")),
    Chapter("family-tree", N_("My family tree and circles"),
            N_("Where everyone fits, and how close they are to you.")),
    Chapter("story", N_("My story"),
            N_("The places you have lived and the things that happened.")),
    Chapter("memories", N_("Memories"),
            N_("Things people remember about you, in their own words.")),
    Chapter("letters", N_("Letters"), N_("Letters people have written to you.")),
    Chapter("photos", N_("Photos"), N_("Pictures from your life, kept safe here.")),
    Chapter("plan", N_("My Lifelong Links plan"),
            N_("The promises people made, and what comes next.")),
]


def build_book(cast: Cast, *, print_shop: bool = False,
               previous: changes.Manifest | None = None, site_url: str = "") -> Book:
    """Return the finished book model for one safe cast: pure, no file is read.

    A release cast holds only what may be shared; a preview cast also holds what is left out,
    which the book shows greyed, with the reason. For a print shop, the book's pages have
    a bleed and crop marks. What the copy has that previous (a version) had not is its news.
    With site_url (where the locked copy is hosted), the book has a QR code to each recording.
    """
    book = _BookMaker(cast, page_for(cast.paper, print_shop), site_url).make()
    book.whats_new = changes.new_items(book, cast, previous)
    return book


class _BookMaker:
    def __init__(self, cast: Cast, page: Page, site_url: str = ""):
        self.cast = cast
        self.page = page
        self.site_url = site_url
        self._ = words.translations(cast.language).gettext  # the book's own words

    def names(self, person_ids: tuple[str, ...] | list[str]) -> str:
        """'Lily, Nan and you': the people by what the book calls them, in its language."""
        return words.listed([n for n in (self.name_of(i) for i in person_ids) if n],
                            self.cast.language)

    def name_of(self, person_id: str) -> str | None:
        """What the book calls a person: the cast's name, and "you" in the book's language."""
        return self._("you") if person_id == self.cast.me.id else self.cast.name_of(person_id)

    def when(self, value: FuzzyDate | None) -> str:
        """'in summer 2011', 'on 3 May 2012', 'about 2009', in the book's language."""
        return words.date_phrase(value, self.cast.language)

    def bare(self, value: FuzzyDate | None) -> str:
        """'summer 2011', '3 May 2012', 'about 2009': the date with no leading preposition, in
        the book's language."""
        return words.bare_date(value, self.cast.language)

    # -- the book ----------------------------------------------------------------------------
    def make(self) -> Book:
        cast = self.cast
        colour = COLOUR_HEX[Colour(cast.colour)]
        page = self.page
        photo_pages, photos = self.photo_pages()
        tree = tree_layout.layout(cast)
        own = self.own_words()
        story = StoryAndPlan(self)
        return Book(
            id=cast.id, title=cast.title, name=cast.me.name, pronouns=cast.pronouns,
            about=cast.about, born=self.when(cast.me.born), colour=cast.colour,
            colour_hex=colour, screen=cast.screen, language=cast.language,
            coordinator=cast.coordinator, organisation=cast.organisation,
            cover=self.picture(cast.cover, "cover") if cast.cover else None,
            banner=self.picture(cast.cover, "banner") if cast.cover else None,
            chapters=[Chapter(c.slug, self._(c.title), self._(c.intro)) for c in CHAPTERS
                      if c.slug != "about-me" or own.has_pages],
            groups=self.groups(),
            page=page,
            tree=tree,
            tree_pages=tree_print.tree_pages(cast, page, tree),
            tree_parts=tree_outline.screen_parts(cast, tree),
            emotional_lines=cast.emotional_lines, own=own,
            circle_people=circles.circle_people(cast),
            story=story.story(),
            memories=Writings(self).views(cast.memories),
            letters=Writings(self).views(cast.letters),
            photos=photos,
            photo_pages=photo_pages,
            plan_words=cast.plan_words,
            plan_agreed=self.when(cast.plan_agreed),
            commitments=story.commitments(),
            reviews=story.reviews(),
            steps=story.steps(),
            calendar=calendar.plan_calendar(cast),
            preview=cast.preview,
            # The list of what is left out, with its reasons, is for the coordinator only.
            left_out=cast.left_out if cast.preview else [],
        )

    def picture(self, picture: CastPicture, placement: str = "half", **said: str) -> Picture:
        """A picture for the site and for the book, sized for where the book places it."""
        return Picture(id=picture.digest[:12], digest=picture.digest,
                       screen=media_name(picture.digest, "screen"),
                       thumb=media_name(picture.digest, "thumb"),
                       print=media_name(picture.digest, print_size(self.page, placement,
                                                                   picture.width,
                                                                   picture.height)),
                       width=picture.width, height=picture.height, alt=picture.alt,
                       source=picture.source, page=picture.page, placement=placement,
                       left_out=picture.left_out, **said)

    def own_words(self) -> OwnWords:
        own = self.cast.own_words
        return OwnWords(
            favourites=[(thing, self.bare(since)) for thing, since in own.favourites],
            proud_of=[(what, self.bare(when), self.picture(photo, "proud") if photo else None)
                      for what, when, photo in own.proud_of],
            culture=own.culture, faith=own.faith,
            languages=words.listed(own.languages, self.cast.language),
            when_i_grow_up=own.when_i_grow_up, about_chapters=own.about_chapters)

    def photo_pages(self) -> tuple[list[PhotoPage], list[Picture]]:
        """The printed photo pages, and the same photos (each sized for its place in print) in
        the order of photos.yaml, for the site."""
        photos = self.cast.photos
        slots = photo_book.photo_slots([(p.width, p.height) for p in photos], self.page)
        made = {i: self.photo(photos[i], slot.placement, anchor=f"photo-{i + 1}")
                for slot in slots for i in slot.photos}
        pages = [PhotoPage(slot.layout, [made[i] for i in slot.photos]) for slot in slots]
        return pages, [made[i] for i in sorted(made)]

    def photo(self, photo: CastPicture, placement: str, anchor: str = "") -> Picture:
        others = [i for i in photo.people if i != self.cast.me.id]
        when, with_whom = self.when(photo.date), self.names(others)
        shared_by = self.name_of(photo.shared_by) or "" if photo.shared_by else ""
        return self.picture(photo, placement, anchor=anchor, caption=photo.caption, when=when,
                            recording=recording_on(self, photo.recording, "photos",
                                                   shared_by or self._("you")),
                            place=photo.place, with_whom=with_whom, shared_by=shared_by,
                            meta=_photo_meta(when, photo.place, with_whom, shared_by,
                                             first=not photo.caption, _=self._))

    def groups(self) -> list[Group]:
        groups = []
        people = sorted((p for p in self.cast.people if p.role is not Role.placeholder),
                        key=_closest_first)
        for kind, title in KIND_LABELS.items():
            cards = [self.card(p) for p in people if p.kind is kind]
            cards += [self.kept_out_card(p) for p in self.cast.kept_out_people if p.kind is kind]
            if cards:
                groups.append(Group(self._(title), [c for c in cards if not c.brief],
                                    [c for c in cards if c.brief]))
        return groups

    def kept_out_card(self, person: CastPerson) -> PersonCard:
        """A never-shown person, on the coordinator's preview only."""
        return PersonCard(
            id=person.id, name=person.name, relation=person.relation,
            full_name=person.full_name, lifespan="", about="", picture=None,
            in_touch=False, found=False, deceased=False,
            left_out="Never shown: appears nowhere in the young person's book")

    def card(self, person: CastPerson) -> PersonCard:
        withheld = person.role is Role.withheld
        return PersonCard(
            id=person.id, name=person.name, relation=person.relation,
            full_name=person.full_name, lifespan=self.lifespan(person) if not withheld else "",
            about=person.about,
            picture=self.picture(person.portrait) if person.portrait else None,
            in_touch=person.in_touch and not person.deceased, found=person.found,
            deceased=person.deceased, preview_note=person.note,
            anchor=f"person-{self.cast.people.index(person) + 1}",
            initial="" if withheld else initial_of(person.name))

    def lifespan(self, person: CastPerson) -> str:
        """'1949 – 2018', 'born 1952', 'died', in the book's language."""
        born = self.bare(person.born)
        if person.died:
            return self._("%(born)s – %(died)s") % {"born": born or "?",
                                                    "died": self.bare(person.died)}
        if person.deceased:
            return self._("%(born)s – died") % {"born": born} if born else self._("died")
        return self._("born %(when)s") % {"when": born} if born else ""

def _photo_meta(when: str, place: str, with_whom: str, shared_by: str, *, first: bool,
                _: Callable[[str], str] = str) -> str:
    """'in 2011, Brackenford, with Nan. From Mum': whichever of them are known (with a capital
    when it is the first line under the photo)."""
    with_them = _("with %(names)s") % {"names": with_whom} if with_whom else ""
    line = ", ".join(part for part in (when, place, with_them) if part)
    if shared_by:
        line = (f"{line}. " if line else "") + _("From %(who)s") % {"who": shared_by}
    return sentence(line) if first else line


CLOSEST_FIRST = [Closeness.very_close, Closeness.close, Closeness.in_touch]
SIDES_IN_ORDER = [Side.both, Side.maternal, Side.paternal]  # brothers and sisters, Mum's, Dad's


def _closest_first(person: CastPerson) -> tuple[int, int, str]:
    """People in the order the young person feels them: closest now first, then by family
    side (so a side's people stand together), then by name."""
    now = person.closeness.now
    return (CLOSEST_FIRST.index(now) if now in CLOSEST_FIRST else len(CLOSEST_FIRST),
            SIDES_IN_ORDER.index(person.side) if person.side in SIDES_IN_ORDER else 3,
            person.name.casefold())


# Words before a name that say who someone is, not what they are called: "Mr Adeyemi" is A.
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "coach", "auntie", "aunt",
          "aunty", "uncle", "nan", "nana", "nanna", "gran", "granny", "grandma", "grandad",
          "granddad", "grandpa", "great", "cousin"}


def initial_of(name: str) -> str:
    """The letter a face shows for someone with no portrait: their name's first, after any
    title ("Mrs K" is K); the title's own when the name is nothing else ("Nan" is N)."""
    words = name.split()
    named = [word for word in words if word.lower().strip(".") not in TITLES] or words
    return named[0][:1].upper() if named else ""
