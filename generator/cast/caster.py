"""Step 3 - The safe cast: the case data as the young person's book may tell it, made once.

Everything after this stage (the model, the drawings, the pages, the book and every exporter)
receives a `Cast`, never the raw journey, so no output can forget a rule. Here, once (the
people in `people_cast`, every text and item through `screening`):

- every person is resolved to shown, withheld (named by their relation), a nameless placeholder
  (a never-shown parent whose shown child keeps the tree's shape) or absent; contact details are
  never copied; with `placement: confidential`, current carers are named by first name only;
- every free text is screened once (`safety.Screen`): a text that names someone kept out or holds
  a contact detail is left out;
- every memory, letter and photo without consent is dropped, and every picture follows the rule
  of the picture itself, by its content (see `pictures`), whichever route reaches it;
- the text inside scanned letters is read (see `scans`) and screened like any other text.
- every recording follows the rule of the recording itself (see `recorded`): the consent of
  every item naming it and who is in it, a transcript screened like any text, and the
  coordinator's word that they listened to all of it.

Each thing left out is recorded as a `LeftOut` with its reason, for the coordinator. In a
preview, left-out memories, letters, photos and commitments stay in the cast with their reason
(the coordinator sees them greyed); in a release they are gone. The release gate (outputs/gate.py)
checks the finished copy again, independently.
"""

from __future__ import annotations

from datetime import date

from generator.cast import promises
from generator.cast.cast_types import (
    Cast,
    CastCare,
    CastCommitment,
    CastEvent,
    CastOwnWords,
    CastPlace,
    CastReview,
    CastUnion,
    CastWriting,
    Role,
    ScannedPage,
)
from generator.cast.people_cast import PeopleCast
from generator.cast.safety import Screen, names_warnings
from generator.cast.screening import Screening
from generator.core.errors import reason_words
from generator.format.journey import Journey, Writing
from generator.format.schema import (
    Consent,
    Placement,
)
from generator.sources.images import MediaIndex


def cast_journey(journey: Journey, media: MediaIndex, *, release: bool = False) -> Cast:
    """Return the safe cast of one validated journey (see the module's doc), with each promise
    marked for the calendar when everyone in it is shown by name (see cast/promises.py)."""
    return promises.with_calendar_checked(journey, _Caster(journey, media, release).cast())


class _Caster:
    """The whole cast: people (people_cast), places, events, writings, photos and the plan,
    each text screened once (screening)."""

    def __init__(self, journey: Journey, media: MediaIndex, release: bool):
        self.journey = journey
        self.yp = journey.info.young_person
        self.screening = Screening(journey, media, release)
        self.people = PeopleCast(journey, self.screening)

    def cast(self) -> Cast:
        text = self.screening.text
        info = self.journey.info
        roles = self.people.roles
        people = [self.people.person(p, roles[p.id]) for p in self.journey.people.people
                  if p.id in roles]
        shown = {p.id for p in people if p.role is not Role.placeholder} | {self.yp.id}
        places = self.places(shown)
        plan = self.journey.plan
        return Cast(
            id=self.journey.id, preview=self.screening.preview, me=self.people.me(),
            pronouns=self.yp.pronouns or "",
            about=text(self.yp.about, "your 'about' words"),
            title=text(info.book.title, "the book's title") or
            f"{self.yp.called}'s journey book",
            colour=info.book.colour.value, language=info.book.language,
            paper=info.book.paper.value, screen=info.book.screen.value,
            emotional_lines=info.book.emotional_lines,
            coordinator=info.coordinator.name, organisation=info.coordinator.organisation or "",
            cover=self.screening.portrait(self.yp.cover_photo,
                                          f"A picture chosen by {self.yp.called}")
            if self.yp.cover_photo else None,
            people=people,
            unions=[CastUnion(tuple(u.partners), u.kind, u.ended)
                    for u in self.journey.people.unions if set(u.partners) <= set(roles)],
            relationships=[(r.between[0], r.between[1], r.feeling)
                           for r in self.journey.people.relationships
                           if info.book.emotional_lines and set(r.between) <= shown],
            carers=[CastCare(s.id, s.kind, s.start, s.end) for s in self.yp.carers
                    if s.id in shown],
            places=places, events=self.events(shown, places),
            memories=self.writings(self.journey.memories, "memory"),
            letters=self.writings(self.journey.letters, "letter"),
            photos=self.screening.photos(),
            plan_words=text(plan.words, "the plan's introduction"),
            plan_agreed=plan.agreed, commitments=self.commitments(shown),
            reviews=[CastReview(r.date, text(r.by, f"who did the review of {r.date.text}"),
                                text(r.changes, f"the changes of the review of {r.date.text}"))
                     for r in sorted(plan.reviews, key=lambda r: r.date.sort_key)],
            milestones={name: getattr(info.milestones, name)
                        for name in type(info.milestones).model_fields},
            own_words=self.own_words(),
            kept_out_people=self.people.kept_out(),
            left_out=self.screening.left_out,
            warnings=names_warnings(self.journey, self.screening.names),
        )

    def own_words(self) -> CastOwnWords:
        """The young person's own pages: their words are screened like anyone's (a name kept
        out, a phone number), and a photo of what they are proud of needs its photos.yaml
        entry like any picture."""
        text = self.screening.text
        words = self.journey.info.in_my_words
        proud = []
        for item in words.proud_of:
            what = text(item.what, "something you are proud of")
            if what:
                photo = (self.screening.portrait(item.photo, what)
                         if item.photo else None)
                proud.append((what, item.when, photo))
        return CastOwnWords(
            favourites=[(thing, item.since) for item in words.favourite_things
                        if (thing := text(item.thing, "a favourite thing"))],
            proud_of=proud,
            culture=text(words.culture, "your words about your culture"),
            faith=text(words.faith, "your words about your faith"),
            languages=[said for language in words.languages
                       if (said := text(language, "a language"))],
            when_i_grow_up=text(words.when_i_grow_up, "your 'when I grow up' words"),
            about_chapters={chapter: said for chapter, written in words.about_chapters.items()
                            if (said := text(written, f"your words about {chapter}"))})

    def places(self, shown: set[str]) -> list[CastPlace]:
        text = self.screening.text
        confidential = self.journey.info.placement is Placement.confidential
        found = []
        for place in sorted(self.journey.timeline.places, key=lambda p: p.start.sort_key):
            label = f"the place '{place.id}'"
            name = text(place.name, f"the name of {label}")
            if confidential and place.end is None:
                # Where the young person lives (or goes to school) now is not told.
                name = "Where you live now" if place.lived_here else "Where you go now"
                about = ""
            else:
                about = text(place.about, f"what is said about {label}")
            if name:
                kind = text(place.kind, f"the kind of {label}") or "place"
                found.append(CastPlace(place.id, name, kind, place.start, place.end,
                                       place.lived_here,
                                       tuple(p for p in place.people if p in shown), about))
        return found

    def events(self, shown: set[str], places_shown: list[CastPlace]) -> list[CastEvent]:
        text = self.screening.text
        places = {p.id: p for p in places_shown}
        found = []
        for event in sorted(self.journey.timeline.events, key=lambda e: e.date.sort_key):
            label = f"the event '{event.title}' ({event.date.text})"
            title = text(event.title, label)
            if title:
                place = places.get(event.place or "")
                found.append(CastEvent(event.date, title,
                                       text(event.about, f"what is said about {label}"),
                                       place.name if place else "",
                                       tuple(p for p in event.people if p in shown)))
        return found

    def writings(self, writings: list[Writing], kind: str) -> list[CastWriting]:
        found = []
        ordered = sorted(writings, key=lambda w: (
            w.meta.date.sort_key if w.meta.date else (date.max, date.max), w.source.path.name))
        for number, writing in enumerate(ordered, start=1):
            meta = writing.meta
            what = f"the {kind} {writing.source.path.name}"
            writer = self.people.raw.get(meta.by)
            role = self.people.roles.get(meta.by)
            scanned = self.screening.pictures.scans(writing) if getattr(meta, "scans", None) else []
            reason = _writing_reason(self.screening.screen, writing, role, scanned)
            if reason and self.screening.drop(what, reason):
                continue
            by_name = self.people.writer_name(meta.by)
            found.append(CastWriting(
                kind=kind, anchor=f"{kind}-{number}", by=meta.by, by_name=by_name,
                by_relation=self.people.said(meta.by)[1] if writer and role is Role.shown else "",
                title=meta.title or f"A {kind} from {by_name}", date=meta.date,
                about=getattr(meta, "about", None), text=writing.text,
                scans=tuple(page.picture for page in scanned),
                recording=self.screening.recording(meta.recording, writing.text) if not reason else None,
                left_out=reason_words(reason)))
        return found

    def commitments(self, shown: set[str]) -> list[CastCommitment]:
        text = self.screening.text
        found = []
        for commitment in self.journey.plan.commitments:
            who = tuple(i for i in commitment.who if i in shown)
            what = text(commitment.what, f"the plan's commitment '{commitment.what}'")
            reason = ("" if who and what else "no one in it can be shown" if not who else
                      "its words cannot be shown (see above)")
            if reason and self.screening.drop(f"the commitment '{commitment.what}'", reason):
                continue
            found.append(CastCommitment(who, what or commitment.what,
                                        text(commitment.how_often, f"how often, in the "
                                                                   f"plan's commitment "
                                                                   f"'{commitment.what}'"),
                                        commitment.start,
                                        reason_words(reason)))
        return found


def _writing_reason(screen: Screen, writing: Writing, role: Role | None,
                    scanned: list[ScannedPage]) -> str:
    """Why a memory or letter must be left out, or ""."""
    meta = writing.meta
    if meta.consent is not Consent.given:
        return f"consent is {meta.consent.value}"
    if role is None or role is Role.placeholder:
        return "its writer is never shown"
    found = screen.find(writing.text, meta.title)
    if found:
        return found
    for page in scanned:
        if page.reason:
            return page.reason
        found = screen.find(page.text.text)
        if found:
            return f"the writing in its scan: {found}"
        if not page.text.confident and not getattr(meta, "scan_checked", None):
            return (f"the writing in its scan could not be read with confidence "
                    f"({page.text.why}): read it yourself, then add scan_checked with "
                    "your initials and the date to its front matter")
    return ""
