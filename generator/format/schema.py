"""The case data format: one typed model per file of a journey folder.

These models are the single source of truth for what a coordinator may write: validation uses
them, the JSON Schema that editors use for completion is generated from them, and so is the field
reference in docs/format.md (`journeybook schema` rewrites both; a test fails when they are stale).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from generator.format.schema_parts import (
    CareSpell,
    CloseLevels,
    Contact,
    Date,
    Imported,
    PersonId,
    Recording,
    ScanChecked,
    Strict,
)
from generator.format.vocabulary import (
    Colour,
    Consent,
    Feeling,
    Kind,
    PaperSize,
    Placement,
    Screen,
    Sex,
    Side,
    Support,
    Tie,
    UnionEnd,
    UnionKind,
    Visibility,
)


class PersonFields(Strict):
    id: PersonId = Field(description="A short stable id, lower case with dashes, e.g. nan-pat. "
                         "Used to link people everywhere; never shown.")
    called: str = Field(min_length=1, max_length=80,
                        description='The name the young person uses for them, e.g. "Nan".')
    full_name: str | None = Field(None, max_length=200, description="Their full name.")
    also_known_as: list[str] = Field(default_factory=list, max_length=20, description="Other "
                                     "names and spellings they go by (a nickname, a maiden "
                                     "name, their name in another script or spelling): for a "
                                     "person kept out of the book, each is looked for too.")
    sex: Sex = Field(Sex.unknown, description="As drawn in the family tree: female (circle), "
                     "male (square), other or unknown.")
    born: Date | None = Field(None, description="Date of birth, as precisely as known.")
    died: Date | None = Field(None, description="Date of death, if they have died.")
    deceased: bool = Field(False, description="Set to yes if they have died but the date is "
                           "not known.")
    parents: list[PersonId] = Field(default_factory=list, max_length=2,
                                    description="Ids of their birth parents (one or two).")
    twin_of: PersonId | None = Field(None, description="Id of their twin, if they have one.")


class YoungPerson(PersonFields):
    """The young person the book belongs to."""

    pronouns: str | None = Field(None, max_length=40, description="e.g. she/her, they/them.")
    cover_photo: str | None = Field(None, description="Path of the photo on the cover and "
                                    "welcome page, inside the journey folder.")
    carers: list[CareSpell] = Field(default_factory=list,
                                    description="Foster, adoptive and kinship carers over time.")
    about: str | None = Field(None, description="A few words about themselves, in their words.")


class Person(PersonFields):
    """Someone in the young person's network."""

    relation: str = Field(min_length=1, max_length=120,
                          description='Who they are to the young person, in words to them: '
                          '"your Nan (Mum\'s mum)". Shown instead of the name when the name is '
                          "withheld.")
    kind: Kind = Field(Kind.family, description="family, carer, friend, professional or "
                       "community (teachers, coaches, neighbours). Colours the circles.")
    side: Side = Field(Side.none, description="Family side: maternal, paternal, both or none.")
    closeness: CloseLevels = Field(default_factory=CloseLevels,
                                   description="How close, before Lifelong Links and now.")
    tie: Tie | None = Field(None, description="For the eco-map: strong, tenuous or stressful.")
    support: Support | None = Field(None, description="For the eco-map: to me, from me, "
                                    "both ways.")
    found: bool = Field(False, description="Yes if found through family finding.")
    in_touch: bool = Field(False, description="Yes if the young person is in touch with them now.")
    about: str | None = Field(None, max_length=2000,
                              description="A few words about them for the young person.")
    photo: str | None = Field(None, description="Path of a portrait photo, inside the journey "
                              "folder (needs consent in photos.yaml too).")
    visibility: Visibility = Field(Visibility.shown, description="shown, name withheld (shown "
                                   "only by relation) or never shown (appears nowhere).")
    birthday_in_calendar: bool = Field(False, description="Yes if they agreed to have their "
                                       "birthday in the young person's calendar file (plan.ics; "
                                       "needs a full date of birth and `shown`).")
    contact: Contact | None = Field(None, description="Coordinator-only contact details. "
                                    "Never shown in any site or book.")
    imported: Imported | None = Field(None, description="Written by `journeybook import`: the "
                                      "file and record they came from, so a second import "
                                      "finds them. Never shown.")


class Union(Strict):
    """Two people who are or were partners; their shared children hang from this line."""

    partners: list[PersonId] = Field(min_length=2, max_length=2,
                                     description="The two partners' ids.")
    kind: UnionKind = Field(UnionKind.partners, description="married, civil partnership, "
                            "living together or partners.")
    ended: UnionEnd | None = Field(None, description="separated, divorced or widowed, "
                                   "if it ended.")
    start: Date | None = Field(None, alias="from", description="When it began.")
    end: Date | None = Field(None, alias="to", description="When it ended.")


class Relationship(Strict):
    """An emotional line in the family tree (drawn only if book.emotional_lines is yes)."""

    between: list[PersonId] = Field(min_length=2, max_length=2,
                                    description="The two people's ids.")
    feeling: Feeling = Field(description="close, distant, conflict or cut off.")


class Favourite(Strict):
    """One favourite thing; favourites change with age, so each may say since when."""

    thing: str = Field(min_length=1, max_length=200, description='e.g. "Football", '
                       '"Jerk chicken at Nan\'s", "Drawing comics".')
    since: Date | None = Field(None, description="Since when (a year is enough).")


class ProudOf(Strict):
    """Something the young person is proud of: an award, a certificate, a line in a report."""

    what: str = Field(min_length=1, max_length=300, description='e.g. "Player of the season".')
    when: Date | None = Field(None, description="When it happened.")
    photo: str | None = Field(None, description="A photo or scan of it, listed in photos.yaml "
                              "(where its consent is recorded).")


ChapterName = Literal["index", "people", "family-tree", "story", "memories", "letters",
                      "photos", "plan"]


class InMyWords(Strict):
    """The young person's own pages, in their own words; all optional, shown when filled in."""

    favourite_things: list[Favourite] = Field(default_factory=list,
                                              description="My favourite things.")
    proud_of: list[ProudOf] = Field(default_factory=list, description="Things I am proud of.")
    culture: str | None = Field(None, max_length=2000, description="My culture and heritage.")
    faith: str | None = Field(None, max_length=2000, description="My faith, if I have one.")
    languages: list[str] = Field(default_factory=list, description="The languages I speak "
                                 "or that my family speaks.")
    when_i_grow_up: str | None = Field(None, max_length=2000, description="When I grow up...")
    about_chapters: dict[ChapterName, str] = Field(
        default_factory=dict, description='"What I want to say about this", by chapter: '
        "people, family-tree, story, memories, letters, photos or plan.")


class JourneyFile(Strict):
    """journey.yaml: who the book is for and where they are on their Lifelong Links journey."""

    young_person: YoungPerson = Field(description="The young person the book is for.")
    book: Book = Field(default_factory=lambda: Book(), description="The book's title, colour, "
                       "language and paper size.")
    coordinator: Coordinator = Field(description="Their Lifelong Links coordinator.")
    milestones: Milestones = Field(default_factory=lambda: Milestones(),
                                   description="Dates of the Lifelong Links steps so far.")
    in_my_words: InMyWords = Field(default_factory=lambda: InMyWords(),
                                   description="The young person's own pages: favourite "
                                   "things, what they are proud of, culture, faith and "
                                   "languages, when I grow up, and their say on each chapter.")
    placement: Placement = Field(Placement.open, description="confidential when where the "
                                 "young person lives now is kept from some of their family: "
                                 "the copy then leaves out the current home's and school's "
                                 "names and the current carers' family names (carers are "
                                 "named by first name).")


class Book(Strict):
    """The book's settings, chosen with the young person."""

    title: str | None = Field(None, max_length=120,
                              description='Title on the cover; default "<name>\'s journey book".')
    colour: Colour = Field(Colour.teal, description="The colour the young person chose.")
    language: str = Field("en", pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$",
                          description="Language of the book, e.g. en, cy, gd.")
    paper: PaperSize = Field(PaperSize.A5, description="A5 (default) or A4.")
    screen: Screen = Field(Screen.auto, description="light or dark pages on screen; auto "
                           "(default) follows the phone's setting. The reader can switch.")
    emotional_lines: bool = Field(False, description="Yes to draw the relationships from "
                                  "people.yaml (close, distant, conflict, cut off) in the tree.")
    site_url: str | None = Field(None, max_length=200, pattern=r"^https://[^\s]+/$",
                                 description="Where your council hosts this young person's "
                                 "copy, locked with its passphrase, ending with /, e.g. "
                                 "https://books.example.gov.uk/kai-7f3a/. The printed book then "
                                 "has a QR code to each recording, in a copy locked with "
                                 "--protect only.")


class Coordinator(Strict):
    """The coordinator who made the book with the young person."""

    name: str = Field(min_length=1, description="The Lifelong Links coordinator's name.")
    organisation: str | None = Field(None, description="Their council or organisation.")


class Milestones(Strict):
    """Dates of the Lifelong Links steps so far; leave out the ones not reached yet."""

    referral: Date | None = Field(None, description="Referred to Lifelong Links.")
    consent: Date | None = Field(None, description="The young person agreed to take part.")
    mobility_mapping: Date | None = Field(None, description="Mapped the places lived and "
                                          "the people there.")
    family_finding: Date | None = Field(None, description="Searching for people began.")
    first_contacts: Date | None = Field(None, description="First people contacted.")
    family_group_conference: Date | None = Field(None, description="The Lifelong Links family "
                                                 "group conference.")
    plan_agreed: Date | None = Field(None, description="The Lifelong Links plan was agreed.")
    plan_in_care_plan: Date | None = Field(None, description="The plan was added to the care "
                                           "or pathway plan.")


class PeopleFile(Strict):
    """people.yaml: everyone in the network, and the partnerships between them."""

    people: list[Person] = Field(default_factory=list, description="Everyone in the network.")
    unions: list[Union] = Field(default_factory=list, description="Partnerships: married, "
                                "living together, separated, divorced.")
    relationships: list[Relationship] = Field(
        default_factory=list, description="Emotional lines for the family tree, drawn only "
        "when journey.yaml's book says emotional_lines: yes.")


class Place(Strict):
    """A place the young person lived (or went to school), from mobility mapping."""

    id: PersonId = Field(description="A short id for the place, e.g. nans-house.")
    name: str = Field(min_length=1, max_length=120, description='What the young person calls '
                      'it, e.g. "Nan\'s house in Leeds". Never a street address.')
    kind: str = Field("home", max_length=40, description="home, foster home, children's home, "
                      "school, ...")
    start: Date = Field(alias="from", description="When they moved there.")
    end: Date | None = Field(None, alias="to", description="When they left; leave out if "
                             "they live there now.")
    lived_here: bool = Field(True, description="No for places that were not a home (a school).")
    people: list[PersonId] = Field(default_factory=list, description="Ids of people there.")
    about: str | None = Field(None, max_length=2000, description="What it was like.")


class Event(Strict):
    """Something that happened."""

    date: Date = Field(description="When it happened.")
    title: str = Field(min_length=1, max_length=120, description="A short title.")
    about: str | None = Field(None, max_length=2000, description="More words, if wanted.")
    place: PersonId | None = Field(None, description="Id of a place from places.")
    people: list[PersonId] = Field(default_factory=list, description="Ids of people involved.")


class TimelineFile(Strict):
    """timeline.yaml: places lived (mobility mapping) and events."""

    places: list[Place] = Field(default_factory=list, description="Places lived, in any order.")
    events: list[Event] = Field(default_factory=list, description="Events, in any order.")


class Photo(Strict):
    """One photo or picture."""

    file: str = Field(description="Path of the image inside the journey folder, e.g. "
                      "photos/beach.jpg.")
    caption: str = Field("", max_length=300, description="Words under the photo.")
    alt: str | None = Field(None, max_length=300, description="What the photo shows, for "
                            "screen readers; every photo needs it.")
    date: Date | None = Field(None, description="When it was taken.")
    place: str | None = Field(None, max_length=120, description="Where, in words (a town, "
                              "never an address).")
    people: list[PersonId] = Field(default_factory=list, description="Ids of the people in it.")
    shared_by: PersonId | None = Field(None, description="Id of who gave the photo.")
    consent: Consent = Field(Consent.pending, description="given, pending or refused; only "
                             "given photos are shown.")
    recording: Recording | None = Field(None, description="A recording that goes with the "
                                        "photo, e.g. Grandad telling its story.")
    text_checked: ScanChecked | None = Field(
        None, description="For a picture with much writing in it (a card, a screenshot, a "
        "form): your initials and the date you read all of its writing yourself and found no "
        "name, number or address that must not be shared, e.g. {by: SO, on: 2026-11-02}. "
        "Without it such a picture is left out of the young person's copy.")


class PhotosFile(Strict):
    """photos.yaml: every photo with its caption, alt text, people and consent."""

    photos: list[Photo] = Field(default_factory=list, description="Every photo, in any order.")


class Commitment(Strict):
    """One promise in the plan: who, what, how often, from when."""

    who: list[PersonId] = Field(min_length=1, description="Ids of who commits.")
    what: str = Field(min_length=1, max_length=300, description='e.g. "A phone call".')
    how_often: str | None = Field(None, max_length=120, description='e.g. "every Sunday".')
    start: Date | None = Field(None, alias="from", description="From when.")


class Review(Strict):
    """One review of the plan, e.g. by the IRO at a child in care review."""

    date: Date = Field(description="Date of the review.")
    by: str = Field(min_length=1, max_length=200, description='Who reviewed it, e.g. "Jo, '
                    'your Independent Reviewing Officer, at your child in care review".')
    changes: str | None = Field(None, max_length=2000, description="What changed.")


class PlanFile(Strict):
    """plan.yaml: the Lifelong Links plan agreed at the family group conference."""

    agreed: Date | None = Field(None, description="When the plan was agreed.")
    words: str | None = Field(None, max_length=2000, description="An introduction to the plan "
                              "for the young person.")
    commitments: list[Commitment] = Field(default_factory=list, description="The promises.")
    reviews: list[Review] = Field(default_factory=list, description="Reviews of the plan.")


class Memory(Strict):
    """Front matter of memories/*.md; the text below it is the memory."""

    by: PersonId = Field(alias="from", description="Id of who wrote it.")
    title: str | None = Field(None, max_length=120, description="A title, if wanted.")
    date: Date | None = Field(None, description="When it was written.")
    about: Date | None = Field(None, description="When the remembered moment was.")
    consent: Consent = Field(Consent.pending, description="given, pending or refused.")
    recording: Recording | None = Field(None, description="The memory as they recorded it: a "
                                        "voice message or video. The text below is then its "
                                        "transcript.")


class Letter(Strict):
    """Front matter of letters/*.md; the text below it is the letter or its transcript."""

    by: PersonId = Field(alias="from", description="Id of who wrote it.")
    title: str | None = Field(None, max_length=120, description="A title, if wanted.")
    date: Date | None = Field(None, description="When it was written.")
    scans: list[str] = Field(default_factory=list, description="Paths of scanned pages (images), "
                             "in order; the text below is then their transcript.")
    scan_checked: ScanChecked | None = Field(None, description="When journeybook cannot read "
                                             "a scan's writing with confidence: your initials "
                                             "and the date you read every page yourself and "
                                             "found no name or address that must not be shared, "
                                             "e.g. {by: SO, on: 2024-03-12}.")
    consent: Consent = Field(Consent.pending, description="given, pending or refused.")
    recording: Recording | None = Field(None, description="The letter as they recorded it: a "
                                        "voice message or video. The text below is then its "
                                        "transcript.")


JourneyFile.model_rebuild()

# Each file of a journey folder, the model that reads it, and what to call it in docs.
FILE_MODELS: dict[str, type[Strict]] = {
    "journey.yaml": JourneyFile,
    "people.yaml": PeopleFile,
    "timeline.yaml": TimelineFile,
    "photos.yaml": PhotosFile,
    "plan.yaml": PlanFile,
    "memories/*.md": Memory,
    "letters/*.md": Letter,
}


def json_schema(model: type[Strict]) -> dict[str, Any]:
    """Return the JSON Schema (by alias, as coordinators write it) for one file's model."""
    return model.model_json_schema(by_alias=True, mode="validation")
