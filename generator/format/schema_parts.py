"""The small parts the case data's files are made of (see schema.py, which gathers them):
dates, ids, contact details, closeness, care, where an import came from, recordings.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema

from generator.core.dates import EXAMPLES, FuzzyDate, parse_date
from generator.format.vocabulary import CareKind, Closeness

Date = Annotated[
    FuzzyDate,
    PlainValidator(parse_date),
    PlainSerializer(lambda value: value.text),
    WithJsonSchema({"type": ["string", "integer"], "description": f"A date, exact or vague: {EXAMPLES}."}),
]
PersonId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]


class Strict(BaseModel):
    """Every case-data model refuses unknown fields: a typo must not silently drop data."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Contact(Strict):
    """How the coordinator reaches a person. Never rendered in any site or book."""

    address: str | None = Field(None, description="Postal address. Coordinator only.")
    phone: str | None = Field(None, description="Phone number. Coordinator only.")
    email: str | None = Field(None, description="Email address. Coordinator only.")
    notes: str | None = Field(None, description="Anything else about contact. Coordinator only.")


class CloseLevels(Strict):
    """How close a person is: very close, close, in touch or not in touch."""

    before: Closeness = Field(Closeness.not_in_touch,
                              description="How close they were before Lifelong Links.")
    now: Closeness = Field(Closeness.not_in_touch, description="How close they are now.")


class CareSpell(Strict):
    """A carer of the young person: foster, adoptive, kinship, special guardian, residential."""

    id: PersonId = Field(description="The carer's person id (from people.yaml).")
    kind: CareKind = Field(description="foster, adoptive, kinship, special guardian or residential.")
    start: Date | None = Field(None, alias="from", description="When the care began.")
    end: Date | None = Field(None, alias="to", description="When it ended; leave out if it goes on.")


class Imported(Strict):
    """Where an imported person came from, so that importing the same file again finds them."""

    source: str = Field(alias="from", min_length=1, max_length=200,
                        description="The file they were imported from, e.g. family.ged.")
    record: str | None = Field(None, max_length=100, description="Their record in that file "
                               "(e.g. @I12@ in a family tree). Never shown.")


class ScanChecked(Strict):
    """The coordinator's word that they read a scan's writing themselves."""

    by: str = Field(min_length=2, max_length=10, description="Your initials.")
    on: Date = Field(description="The date you read it.")


class Listened(Strict):
    """The coordinator's word that they listened to (and watched) all of a recording."""

    by: str = Field(min_length=2, max_length=10, description="Your initials.")
    on: Date = Field(description="The date you listened to it.")


class Recording(Strict):
    """A voice message or a short video (from a phone: m4a, mp3, wav, ogg, opus, mp4, mov)."""

    file: str = Field(description="Path of the recording inside the journey folder, e.g. "
                      "memories/nan-voice.m4a.")
    transcript: str | None = Field(None, max_length=20000, description="Every word said in it. "
                                   "Needed before it can be shared; for a memory or letter, "
                                   "leave it out when the text below the front matter is the "
                                   "transcript.")
    people: list[PersonId] = Field(default_factory=list, description="Ids of the people heard "
                                   "or seen in it, besides who made it.")
    listened: Listened | None = Field(None, description="Your initials and the date you "
                                      "listened to (and watched) all of it, found the "
                                      "transcript true, and heard or saw no name, address or "
                                      "place that must not be shared, e.g. {by: SO, on: "
                                      "2026-11-02}. journeybook cannot listen: without this "
                                      "the recording stays out of the young person's copy.")
