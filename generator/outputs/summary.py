"""A journey at a glance, for the coordinators' dashboard: counts and dates, never the case text.

A summary is made by every build (from the validated journey and its book) and kept with the
build's record, so the dashboard can list a journey that was not rebuilt. It holds the young
person's name (the dashboard is for coordinators only) and numbers; the team's totals built from
summaries hold no names at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from generator.format.vocabulary import Closeness, Consent

if TYPE_CHECKING:  # a summary is read back (from_json) where the pipeline is not loaded
    from generator.cast.cast_types import Cast
    from generator.format.journey import Journey

# The Lifelong Links journey, in order: a journey's stage is the last of these it has reached.
STAGES = {
    "referral": "Referred",
    "consent": "Agreed to take part",
    "mobility_mapping": "Mapping places and people",
    "family_finding": "Family finding",
    "first_contacts": "First contacts",
    "family_group_conference": "Family group conference held",
    "plan_agreed": "Plan agreed",
    "plan_in_care_plan": "Plan in the care plan",
}
NOT_STARTED = "Not started"
# Child in care reviews come at least every six months once the first two are held (Care
# Planning Regulations 2010, reg. 33); a plan not reviewed for longer is overdue.
REVIEW_EVERY_DAYS = 183


@dataclass
class Summary:
    """One journey's counts and dates (JSON-ready: kept in the build record)."""

    id: str
    called: str
    coordinator: str
    stage: str
    people: int = 0
    found: int = 0
    in_touch: int = 0
    network_before: int = 0
    network_now: int = 0
    memories: tuple[int, int] = (0, 0)  # (in the young person's copy, in the case data)
    letters: tuple[int, int] = (0, 0)
    photos: tuple[int, int] = (0, 0)
    consents_pending: int = 0
    photos_without_alt: int = 0
    too_small_for_print: int = 0
    warnings: int = 0
    plan_agreed: str | None = None  # ISO dates
    last_review: str | None = None
    review_due: str | None = None
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Summary:
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        for pair in ("memories", "letters", "photos"):
            if pair in known:
                known[pair] = tuple(known[pair])
        return cls(**known)

    def review_overdue(self, today: date) -> bool:
        return self.review_due is not None and date.fromisoformat(self.review_due) < today


def summarise(journey: Journey, cast: Cast, *, warnings: int, too_small: int) -> Summary:
    """The summary of a checked journey (its preview or its copy: the counts are the same),
    with its number of warnings, and of pictures too small for where the book prints them."""
    people = journey.people.people
    consents = ([m.meta.consent for m in journey.memories]
                + [letter.meta.consent for letter in journey.letters]
                + [photo.consent for photo in journey.photos.photos])
    agreed = cast.plan_agreed.latest if cast.plan_agreed else None
    last_review = max((r.date.latest for r in cast.reviews), default=None)
    since = last_review or agreed
    return Summary(
        id=journey.id,
        called=journey.info.young_person.called,
        coordinator=journey.info.coordinator.name,
        stage=stage(cast.milestones),
        people=len(people),
        found=sum(p.found for p in people),
        in_touch=sum(p.in_touch for p in people),
        network_before=sum(p.closeness.before is not Closeness.not_in_touch for p in people),
        network_now=sum(p.closeness.now is not Closeness.not_in_touch or p.in_touch
                        for p in people),
        memories=_shared(cast.memories, len(journey.memories)),
        letters=_shared(cast.letters, len(journey.letters)),
        photos=_shared(cast.photos, len(journey.photos.photos)),
        consents_pending=sum(c is Consent.pending for c in consents),
        photos_without_alt=sum(1 for photo in journey.photos.photos if not photo.alt),
        too_small_for_print=too_small,
        warnings=warnings,
        plan_agreed=agreed.isoformat() if agreed else None,
        last_review=last_review.isoformat() if last_review else None,
        review_due=(date.fromordinal(since.toordinal() + REVIEW_EVERY_DAYS).isoformat()
                    if since else None),
    )


def stage(milestones: dict) -> str:
    """The furthest milestone with a date, in the words of the Lifelong Links journey."""
    reached = [words for name, words in STAGES.items() if milestones.get(name)]
    return reached[-1] if reached else NOT_STARTED


def _shared(items: list, total: int) -> tuple[int, int]:
    """How many items are in the young person's copy, of how many in the case data."""
    return (sum(1 for item in items if not item.left_out), total)


# In the page's head: the release gate refuses any file carrying it (gate.scan).
MARK = "journeybook-coordinators-dashboard"
