"""Parts of the model (step 4) made by their own small classes: the story's places and events
and the plan's promises, reviews and steps (StoryAndPlan); the memories and letters with their
scans and recordings (Writings). Each is lent the model's ways of saying names and dates and of
making pictures (book._BookMaker, the Maker below).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from generator.cast.cast_types import Cast, CastPicture, CastRecording, CastWriting
from generator.core import words
from generator.core.dates import FuzzyDate
from generator.core.words import N_
from generator.model.listening import recording_view
from generator.model.types import (
    CommitmentView,
    EventView,
    LifePart,
    Picture,
    PlaceView,
    RecordingView,
    ReviewView,
    Step,
    WritingView,
)

MILESTONE_WORDS = {
    "referral": N_("You were referred to Lifelong Links"),
    "consent": N_("You said yes to Lifelong Links"),
    "mobility_mapping": N_("You mapped the places you have lived and the people there"),
    "family_finding": N_("Looking for the people who matter to you"),
    "first_contacts": N_("First contact with people from your past"),
    "family_group_conference": N_("Your Lifelong Links family group conference"),
    "plan_agreed": N_("Your Lifelong Links plan was agreed"),
    "plan_in_care_plan": N_("Your plan became part of your care plan"),
}
# The kinds of place the format reference suggests: said in the book's language. Any other
# kind is the coordinator's own words, shown as written.
PLACE_KINDS = {N_("home"), N_("foster home"), N_("kinship home"), N_("children's home"),
               N_("school")}
PAGES = {"memory": "memories", "letter": "letters"}  # the chapter a writing is on
SCAN_WORDS = {"letter": N_("Page %(number)s of the letter from %(who)s"),
              "memory": N_("Page %(number)s of the memory from %(who)s")}


class Maker(Protocol):
    """What a part is lent by the model's book maker."""

    cast: Cast
    site_url: str
    _: Callable[[str], str]

    def names(self, person_ids: tuple[str, ...] | list[str]) -> str: ...
    def name_of(self, person_id: str) -> str | None: ...
    def when(self, value: FuzzyDate | None) -> str: ...
    def bare(self, value: FuzzyDate | None) -> str: ...
    def picture(self, picture: CastPicture, placement: str = "half", **said: str) -> Picture: ...


class Writings:
    """The memories and letters, each with its scans and its recording."""

    def __init__(self, maker: Maker):
        self.maker, self.cast, self._ = maker, maker.cast, maker._
        self.when, self.picture = maker.when, maker.picture

    def views(self, writings: list[CastWriting]) -> list[WritingView]:
        """Each memory or letter with its scans and recording, in the book's words."""
        views = []
        for writing in writings:
            scans = [self.picture(scan, "scan") for scan in writing.scans]
            views.append(WritingView(
                anchor=writing.anchor, title=writing.title, by=writing.by_name,
                by_relation=writing.by_relation, when=self.when(writing.date),
                remembered=self.when(writing.about), text=writing.text,
                scans=[replace(scan, alt=self._(SCAN_WORDS[writing.kind]) % {
                    "number": words.numeral(i, self.cast.language), "who": writing.by_name})
                       for i, scan in enumerate(scans, start=1)],
                left_out=writing.left_out,
                recording=recording_on(self.maker, writing.recording, PAGES[writing.kind],
                                       writing.by_name, text=writing.text)))
        return views


def recording_on(maker: Maker, recording: CastRecording | None, page: str, who: str,
                 text: str = "") -> RecordingView | None:
    """A recording on a chapter's page; text is what it goes with (not shown twice when it is
    the transcript)."""
    return recording_view(recording, page=page, site_url=maker.site_url,
                          same_as_text=bool(recording and recording.transcript == text),
                          who=who, language=maker.cast.language, picture=maker.picture)


class StoryAndPlan:
    """The story's places and events, and the plan's promises, reviews and steps, in the
    book's words (a part of the model's _BookMaker, which lends it its ways of saying names and dates)."""

    def __init__(self, maker: Maker):
        self.cast, self._ = maker.cast, maker._
        self.names, self.when, self.bare = maker.names, maker.when, maker.bare
        self.name_of = maker.name_of

    def story(self) -> list[LifePart]:
        """The places and events as one story: a part for each home, from when it began,
        with what happened (and the other places that began) before the next one."""
        places, events = self.places(), self.events()
        dated = [(place.start.sort_key, 0, view)
                 for place, view in zip(self.cast.places, places, strict=True)]
        dated += [(event.date.sort_key, 1, view)
                  for event, view in zip(self.cast.events, events, strict=True)]
        parts: list[LifePart] = []
        for _key, _order, view in sorted(dated, key=lambda item: item[:2]):
            if isinstance(view, PlaceView) and view.home:
                parts.append(LifePart(view, []))
                continue
            if not parts:
                parts.append(LifePart(None, []))
            home = parts[-1].home
            if isinstance(view, EventView) and home and view.place == home.name:
                view = replace(view, place="")  # said once, by the part it is in
            parts[-1].moments.append(view)
        return parts

    def places(self) -> list[PlaceView]:
        views = []
        for place in self.cast.places:
            when = (self._("from %(start)s to %(end)s") % {"start": self.bare(place.start),
                                                           "end": self.bare(place.end)}
                    if place.end else self._("since %(when)s") % {"when": self.bare(place.start)})
            kind = self._(place.kind) if place.kind in PLACE_KINDS else place.kind
            views.append(PlaceView(
                name=place.name, kind=sentence(kind), when=when, now=place.end is None,
                home=place.lived_here, people=self.named(place.people), about=place.about))
        return views

    def events(self) -> list[EventView]:
        return [EventView(year=words.numeral(event.date.year, self.cast.language),
                          when=sentence(self.when(event.date)),
                          title=event.title, about=event.about, place=event.place,
                          people=self.named([i for i in event.people if i != self.cast.me.id]))
                for event in self.cast.events]

    def named(self, person_ids: tuple[str, ...] | list[str]) -> list[str]:
        """The people by what the book calls them, each on its own (the page lists them, each
        name isolated in its own direction: an English name in an Arabic list)."""
        return [name for name in map(self.name_of, person_ids) if name]

    def commitments(self) -> list[CommitmentView]:
        return [CommitmentView(who=self.names(c.who) or self._("(people who are never shown)"),
                               what=c.what, how_often=sentence(c.how_often), left_out=c.left_out,
                               since=self.bare(c.start), anchor=f"promise-{n}")
                for n, c in enumerate(self.cast.commitments, start=1)]

    def steps(self) -> list[Step]:
        steps = []
        for key, said in MILESTONE_WORDS.items():
            when = self.cast.milestones.get(key)
            steps.append(Step(words=self._(said), when=self.bare(when), done=when is not None))
        for review in self.cast.reviews:
            steps.append(Step(words=self._("Your plan was reviewed"), when=self.bare(review.date),
                              done=True))
        return steps

    def reviews(self) -> list[ReviewView]:
        return [ReviewView(self.bare(r.date), r.by, r.changes, anchor=f"review-{n}")
                for n, r in enumerate(self.cast.reviews, start=1)]


def sentence(text: str) -> str:
    """'every Sunday' -> 'Every Sunday': a capital first letter, the rest as written."""
    return text[:1].upper() + text[1:]
