"""Which of the plan's promises involve only people shown by name: only those go in the young
person's calendar (model/calendar.py), which leaves a promise out whole when anyone in it is
not shown by name (README: "The plan in their phone's calendar").

The cast keeps a promise on the plan page with the people in it who may be shown ("A visit
(Lily)"), and screens its words, but it drops a never-shown person from `who` without a trace
and empties a "how often" that names someone while keeping the promise: the calendar, made from
the cast alone, could not tell. So this is worked out from the case data, from every field of
a promise that can name a person:

- `who`: anyone in it who is not the young person or shown (never shown, withheld, unknown);
- its words (`what`, `how_often`): a name of someone kept out, or a contact detail (the
  screen the cast uses); a name word that someone kept out shares with someone shown, which
  the screen lets through; the relation ("your birth father") or the id of someone not shown
  by name, unless it is only part of a shown person's name or relation ("your foster dad").

When in doubt, the promise stays out of the calendar, and the coordinator is told why.
"""

from __future__ import annotations

from dataclasses import replace

from generator.cast.cast_types import Cast, CastCommitment
from generator.cast.names import name_parts
from generator.cast.safety import KeptOut, Screen, kept_out
from generator.core.errors import LeftOut
from generator.format.journey import Journey
from generator.format.schema import Commitment, PersonFields, Visibility

# Words that open a relation without saying who: "your Nan" is found as "Nan".
OPENING_WORDS = {"your", "my", "the", "a", "an", "his", "her", "their", "our"}


def with_calendar_checked(journey: Journey, cast: Cast) -> Cast:
    """The cast with each promise marked `everyone_named` when everyone it involves is the
    young person or shown by name, and each that is not noted for the coordinator."""
    check = _PromiseCheck(journey)
    marked, left_out = [], []
    for commitment in cast.commitments:
        why = check.why_not_named(commitment)
        marked.append(replace(commitment, everyone_named=not why))
        if why and not commitment.left_out:
            left_out.append(LeftOut(f"the promise '{commitment.what}' in the calendar "
                                    "(plan.ics)", f"left out of the calendar: {why}"))
    return replace(cast, commitments=marked, left_out=[*cast.left_out, *left_out])


class _PromiseCheck:
    """Finds, for a promise in the cast, why someone in it is not shown by name."""

    def __init__(self, journey: Journey):
        self.journey = journey
        self.me = journey.info.young_person.id
        self.people = {p.id: p for p in journey.people.people}
        self.names: KeptOut = kept_out(journey)
        self.screen = Screen(self.names.matcher)
        shown = [p for p in journey.people.people if p.visibility is Visibility.shown]
        self.shown_phrases = [phrase for p in [journey.info.young_person, *shown]
                              for phrase in _phrases_of(p)]
        self.unnamed = [(phrase, f"{p.called} ({p.id}), who is not shown by name")
                        for p in journey.people.people if p.visibility is not Visibility.shown
                        for phrase in [*_relation_phrases(p.relation), name_parts(p.id)]]

    def why_not_named(self, commitment: CastCommitment) -> str:
        """Why the promise involves someone not shown by name, or "". A promise is found in the
        case data by its words and start; when several match, any of them counts."""
        sources = [raw for raw in self.journey.plan.commitments
                   if raw.what == commitment.what and raw.start == commitment.start
                   and set(commitment.who) <= {*raw.who, self.me}]
        if not sources:
            return "it could not be found in plan.yaml to check who is in it"
        return next((why for raw in sources if (why := self.why_raw(raw))), "")

    def why_raw(self, raw: Commitment) -> str:
        """Why one promise of plan.yaml involves someone not shown by name, or ""."""
        for who in raw.who:
            person = self.people.get(who)
            if who != self.me and (person is None or person.visibility is not Visibility.shown):
                called = f"{person.called} ({who})" if person else who
                return f"{called} is in it, and is not shown by name"
        for text in (raw.what, raw.how_often or ""):
            found = self.screen.find(text) or self.in_words(name_parts(text))
            if found:
                return f"in its words, {found}"
        return ""

    def in_words(self, words: list[str]) -> str:
        """Why these folded words may mean someone not shown by name, or ""."""
        for word, holders in self.names.shared.items():
            if word in words:
                return (f"\u201c{word}\u201d is a name of someone kept out, as well as of "
                        f"{', '.join(sorted(set(holders)))}")
        for phrase, who in self.unnamed:
            if any(not self.in_shown_phrase(words, at, len(phrase))
                   for at in _places(words, phrase)):
                return f"\u201c{' '.join(phrase)}\u201d may mean {who}"
        return ""

    def in_shown_phrase(self, words: list[str], at: int, length: int) -> bool:
        """Whether words[at:at + length] is only part of a longer name or relation of someone
        shown ("dad" in "your foster dad")."""
        return any(len(shown) > length and start <= at and at + length <= start + len(shown)
                   for shown in self.shown_phrases for start in _places(words, shown))


def _phrases_of(person: PersonFields) -> list[list[str]]:
    """The word sequences a shown person is known by: their names and their relation."""
    named = [name_parts(person.called), name_parts(getattr(person, "full_name", None) or "")]
    return [p for p in named if p] + _relation_phrases(getattr(person, "relation", ""))


def _relation_phrases(relation: str) -> list[list[str]]:
    """'your Granny, your dad's mum' -> [['granny'], ['dads', 'mum']]."""
    found = []
    for part in relation.split(","):
        words = name_parts(part)
        while words and words[0] in OPENING_WORDS:
            words = words[1:]
        if words:
            found.append(words)
    return found


def _places(words: list[str], phrase: list[str]) -> list[int]:
    """Where the phrase starts in words."""
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if words[i:i + n] == phrase] if n else []
