"""Stage 3 - The safe cast: the case data as the young person's book may tell it, made once.

Everything after this stage (the model, the drawings, the pages, the book and every exporter)
receives a `Cast`, never the raw journey, so no output can forget a rule. Here, once:

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
(the coordinator sees them greyed); in a release they are gone. The release gate (`release`)
checks the finished copy again, independently.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.core.errors import LeftOut, reason_words
from generator.safeguard import promises
from generator.safeguard.pictures import PictureRules, ScannedPage
from generator.safeguard.recorded import CastRecording, RecordingRules
from generator.safeguard.safety import Screen, confidential_carers, kept_out, names_warnings
from generator.stages.cast_types import (
    Cast,
    CastCare,
    CastCommitment,
    CastEvent,
    CastOwnWords,
    CastPerson,
    CastPlace,
    CastReview,
    CastUnion,
    CastWriting,
    Role,
)
from generator.stages.media import MediaIndex
from generator.stages.schema import (
    Consent,
    Person,
    Placement,
    Recording,
    Visibility,
)
from generator.stages.validate import Journey, Writing

# What the book calls someone whose name and relation the screen refused.
SOMEONE = "someone in your life"


def cast_journey(journey: Journey, media: MediaIndex, *, release: bool = False) -> Cast:
    """Return the safe cast of one validated journey (see the module's doc), with each promise
    marked for the calendar when everyone in it is shown by name (see safeguard/promises)."""
    return promises.with_calendar_checked(journey, _Caster(journey, media, release).cast())


class _Screening:
    """Screens free text against the kept-out names and contact details, noting what it drops."""

    def __init__(self, journey: Journey, media: MediaIndex, release: bool):
        self.journey = journey
        self.preview = not release
        self.yp = journey.info.young_person
        self.names = kept_out(journey)
        self.screen = Screen(self.names.matcher)
        self.left_out: list[LeftOut] = []
        self.pictures = PictureRules(journey, media)
        self.recordings = RecordingRules(journey, self.screen, media.cache, self.pictures)

    def text(self, value: str | None, what: str) -> str:
        """The text, or "" (noted for the coordinator) if it must not be shown."""
        if not value:
            return ""
        reason = self.screen.find(value)
        if reason:
            self.left_out.append(LeftOut(what, f"left out because {reason}"))
            return ""
        return value

    def recording(self, recording: Recording | None, text: str = "") -> CastRecording | None:
        """The recording as the copy may play it: None in a release when it may not (noted
        for the coordinator); greyed with its reason in a preview. text: the memory or letter
        it goes with."""
        cast = self.recordings.cast(recording, text)
        if cast is None or not cast.left_out:
            return cast
        self.left_out.append(LeftOut(f"the recording {recording.file}",
                                     f"not played: {cast.left_out}"))
        return replace(cast, left_out=reason_words(cast.left_out)) if self.preview else None

    def drop(self, what: str, reason: str) -> bool:
        """Record an item left out; return True when the cast must not hold it at all."""
        self.left_out.append(LeftOut(what, f"left out: {reason}"))
        return not self.preview


class _PeopleCaster(_Screening):
    """Everyone resolved to one role, and cast as the book may show them."""

    def __init__(self, journey: Journey, media: MediaIndex, release: bool):
        super().__init__(journey, media, release)
        self.raw = {p.id: p for p in journey.people.people}
        self._said: dict[str, tuple[str, str]] = {}
        self.roles = self._roles()
        self.confidential = confidential_carers(journey)

    def _roles(self) -> dict[str, Role]:
        """Everyone's role; absent people (never shown, not needed in the tree) are missing."""
        roles = {self.yp.id: Role.me}
        children: dict[str, list[str]] = {}
        for person in [self.yp, *self.journey.people.people]:
            for parent in person.parents:
                children.setdefault(parent, []).append(person.id)
        for person in self.journey.people.people:
            if person.visibility is Visibility.shown:
                roles[person.id] = Role.shown
            elif person.visibility is Visibility.name_withheld:
                roles[person.id] = Role.withheld
        for person in self.journey.people.people:
            if person.visibility is Visibility.never_shown and any(
                    roles.get(c) in (Role.me, Role.shown, Role.withheld)
                    for c in children.get(person.id, [])):
                roles[person.id] = Role.placeholder
        return roles

    def _person(self, person: Person, role: Role) -> CastPerson:
        ids = self.roles
        if role is Role.placeholder:
            return CastPerson(id=person.id, role=role, name="",
                              parents=tuple(p for p in person.parents if p in ids))
        withheld = role is Role.withheld
        hide_full_name = withheld or person.id in self.confidential or \
            person.full_name == person.called
        full_name = "" if hide_full_name else \
            self.text(person.full_name, f"the full name of {person.called} ({person.id})")
        about = "" if withheld else self.text(person.about, f"what is said about "
                                              f"{person.called} ({person.id})")
        name, relation = self.said(person.id)
        return CastPerson(
            id=person.id, role=role, name=name, full_name=full_name, relation=relation,
            sex=person.sex, born=None if withheld else person.born,
            died=None if withheld else person.died, deceased=person.deceased or
            person.died is not None, parents=tuple(p for p in person.parents if p in ids),
            twin_of=person.twin_of if person.twin_of in ids else None, kind=person.kind,
            side=person.side, closeness=person.closeness, tie=person.tie,
            support=person.support, found=person.found, in_touch=person.in_touch,
            birthday_in_calendar=person.birthday_in_calendar and not withheld,
            about=about,
            portrait=self.pictures.portrait(person.photo, f"A photo of {relation or name}",
                                            self.left_out, self.screen)
            if person.photo else None,
            note=(f"Name withheld: {person.full_name or person.called} is shown only as "
                  f"\u201c{person.relation}\u201d" if withheld and self.preview else ""))

    def _me(self) -> CastPerson:
        return CastPerson(id=self.yp.id, role=Role.me, name=self.yp.called, sex=self.yp.sex,
                          born=self.yp.born, parents=tuple(p for p in self.yp.parents
                                                           if p in self.roles),
                          twin_of=self.yp.twin_of if self.yp.twin_of in self.roles else None)

    def _kept_out_people(self) -> list[CastPerson]:
        """Never-shown people, with their names: only for the coordinator's preview."""
        if not self.preview:
            return []
        return [CastPerson(id=p.id, role=Role.placeholder, name=p.called,
                           full_name=p.full_name or "", relation=p.relation, kind=p.kind)
                for p in self.journey.people.people if p.visibility is Visibility.never_shown]

    def writer_name(self, person_id: str) -> str:
        """Who wrote it, as the book says it (a preview names a never-shown writer)."""
        if person_id == self.yp.id:
            return self.yp.called
        if person_id not in self.raw:
            return person_id
        return self.said(person_id)[0]

    def said(self, person_id: str) -> tuple[str, str]:
        """A person's name and relation as the book says them, each screened once: a
        withheld person by their relation; a name or relation the screen refuses is replaced
        by words that say nothing of them, never by the raw case data."""
        if person_id not in self._said:
            person = self.raw[person_id]
            withheld = self.roles.get(person_id) is Role.withheld
            relation = self.text(person.relation, f"the relation of {person.id}")
            name = relation if withheld else self.text(person.called, f"the name of {person.id}")
            self._said[person_id] = (name or relation or SOMEONE, "" if withheld else relation)
        return self._said[person_id]


class _Caster(_PeopleCaster):
    """The whole cast: people (above), places, events, writings, photos and the plan."""

    def cast(self) -> Cast:
        info = self.journey.info
        people = [self._person(p, self.roles[p.id]) for p in self.journey.people.people
                  if p.id in self.roles]
        shown = {p.id for p in people if p.role is not Role.placeholder} | {self.yp.id}
        places = self.places(shown)
        plan = self.journey.plan
        return Cast(
            id=self.journey.id, preview=self.preview, me=self._me(),
            pronouns=self.yp.pronouns or "",
            about=self.text(self.yp.about, "your 'about' words"),
            title=self.text(info.book.title, "the book's title") or
            f"{self.yp.called}'s journey book",
            colour=info.book.colour.value, language=info.book.language,
            paper=info.book.paper.value, screen=info.book.screen.value,
            emotional_lines=info.book.emotional_lines,
            coordinator=info.coordinator.name, organisation=info.coordinator.organisation or "",
            cover=self.pictures.portrait(self.yp.cover_photo, f"A picture chosen by "
                                         f"{self.yp.called}", self.left_out, self.screen)
            if self.yp.cover_photo else None,
            people=people,
            unions=[CastUnion(tuple(u.partners), u.kind, u.ended)
                    for u in self.journey.people.unions if set(u.partners) <= set(self.roles)],
            relationships=[(r.between[0], r.between[1], r.feeling)
                           for r in self.journey.people.relationships
                           if info.book.emotional_lines and set(r.between) <= shown],
            carers=[CastCare(s.id, s.kind, s.start, s.end) for s in self.yp.carers
                    if s.id in shown],
            places=places, events=self.events(shown, places),
            memories=self.writings(self.journey.memories, "memory"),
            letters=self.writings(self.journey.letters, "letter"),
            photos=self.pictures.photos(self.screen, self.left_out, self.preview,
                                        lambda photo: self.recording(photo.recording)),
            plan_words=self.text(plan.words, "the plan's introduction"),
            plan_agreed=plan.agreed, commitments=self.commitments(shown),
            reviews=[CastReview(r.date, self.text(r.by, f"who did the review of {r.date.text}"),
                                self.text(r.changes, f"the changes of the review of "
                                                     f"{r.date.text}"))
                     for r in sorted(plan.reviews, key=lambda r: r.date.sort_key)],
            milestones={name: getattr(info.milestones, name)
                        for name in type(info.milestones).model_fields},
            own_words=self.own_words(),
            kept_out_people=self._kept_out_people(),
            left_out=self.left_out,
            warnings=names_warnings(self.journey, self.names),
        )

    def own_words(self) -> CastOwnWords:
        """The young person's own pages: their words are screened like anyone's (a name kept
        out, a phone number), and a photo of what they are proud of needs its photos.yaml
        entry like any picture."""
        words = self.journey.info.in_my_words
        proud = []
        for item in words.proud_of:
            what = self.text(item.what, "something you are proud of")
            if what:
                photo = (self.pictures.portrait(item.photo, what, self.left_out, self.screen)
                         if item.photo else None)
                proud.append((what, item.when, photo))
        return CastOwnWords(
            favourites=[(thing, item.since) for item in words.favourite_things
                        if (thing := self.text(item.thing, "a favourite thing"))],
            proud_of=proud,
            culture=self.text(words.culture, "your words about your culture"),
            faith=self.text(words.faith, "your words about your faith"),
            languages=[said for language in words.languages
                       if (said := self.text(language, "a language"))],
            when_i_grow_up=self.text(words.when_i_grow_up, "your 'when I grow up' words"),
            about_chapters={chapter: said for chapter, text in words.about_chapters.items()
                            if (said := self.text(text, f"your words about {chapter}"))})

    def places(self, shown: set[str]) -> list[CastPlace]:
        confidential = self.journey.info.placement is Placement.confidential
        found = []
        for place in sorted(self.journey.timeline.places, key=lambda p: p.start.sort_key):
            label = f"the place '{place.id}'"
            name = self.text(place.name, f"the name of {label}")
            if confidential and place.end is None:
                # Where the young person lives (or goes to school) now is not told.
                name = "Where you live now" if place.lived_here else "Where you go now"
                about = ""
            else:
                about = self.text(place.about, f"what is said about {label}")
            if name:
                kind = self.text(place.kind, f"the kind of {label}") or "place"
                found.append(CastPlace(place.id, name, kind, place.start, place.end,
                                       place.lived_here,
                                       tuple(p for p in place.people if p in shown), about))
        return found

    def events(self, shown: set[str], places_shown: list[CastPlace]) -> list[CastEvent]:
        places = {p.id: p for p in places_shown}
        found = []
        for event in sorted(self.journey.timeline.events, key=lambda e: e.date.sort_key):
            label = f"the event '{event.title}' ({event.date.text})"
            title = self.text(event.title, label)
            if title:
                place = places.get(event.place or "")
                found.append(CastEvent(event.date, title,
                                       self.text(event.about, f"what is said about {label}"),
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
            writer = self.raw.get(meta.by)
            role = self.roles.get(meta.by)
            scanned = self.pictures.scans(writing) if getattr(meta, "scans", None) else []
            reason = _writing_reason(self.screen, writing, role, scanned)
            if reason and self.drop(what, reason):
                continue
            by_name = self.writer_name(meta.by)
            found.append(CastWriting(
                kind=kind, anchor=f"{kind}-{number}", by=meta.by, by_name=by_name,
                by_relation=self.said(meta.by)[1] if writer and role is Role.shown else "",
                title=meta.title or f"A {kind} from {by_name}", date=meta.date,
                about=getattr(meta, "about", None), text=writing.text,
                scans=tuple(page.picture for page in scanned),
                recording=self.recording(meta.recording, writing.text) if not reason else None,
                left_out=reason_words(reason)))
        return found

    def commitments(self, shown: set[str]) -> list[CastCommitment]:
        found = []
        for commitment in self.journey.plan.commitments:
            who = tuple(i for i in commitment.who if i in shown)
            what = self.text(commitment.what, f"the plan's commitment '{commitment.what}'")
            reason = ("" if who and what else "no one in it can be shown" if not who else
                      "its words cannot be shown (see above)")
            if reason and self.drop(f"the commitment '{commitment.what}'", reason):
                continue
            found.append(CastCommitment(who, what or commitment.what,
                                        self.text(commitment.how_often, f"how often, in the "
                                                  f"plan's commitment '{commitment.what}'"),
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
