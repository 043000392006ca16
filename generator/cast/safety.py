"""What may never reach a young person's book: names of people kept out, and contact details.

Used by the cast to leave out any item whose free text names a "never shown" person, a withheld
name or (with `placement: confidential`) where the young person lives now, or contains something
shaped like an address, phone number or email; and by the release gate, on its own. Better a
memory left out (and the coordinator told) than a name or an address in a keepsake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.cast.contacts import contacts_in
from generator.cast.names import KINSHIP_WORDS, Matcher, Name, is_latin, name_parts
from generator.cast.names import available as names_available
from generator.cast.person_names import names_of
from generator.core.errors import Problem
from generator.format.journey import Journey
from generator.format.schema import Placement, Visibility


@dataclass(frozen=True)
class KeptOut:
    """Everything about people that must not be found in a book, computed from the case data.

    matcher finds the names; shared lists name words that cannot be kept out because a shown
    person has them too; short lists name words too short to protect on their own.
    """

    matcher: Matcher
    names: list[Name]
    shared: dict[str, list[str]] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)
    other_scripts: dict[str, str] = field(default_factory=dict)
    common: dict[str, str] = field(default_factory=dict)


def kept_out(journey: Journey) -> KeptOut:
    """The names of people kept out of a journey's book (never shown, withheld, and with
    `placement: confidential` where the young person lives now), and pieces of everyone's
    contact details; for the cast and, computed again on its own, for the release gate."""
    yp = journey.info.young_person
    shown_people = [yp, *(p for p in journey.people.people if p.visibility is Visibility.shown)]
    shown: dict[str, list[str]] = {}
    for person in shown_people:
        for word in _shown_words(journey, person):
            shown.setdefault(word, []).append(person.full_name or person.called)
    for word in name_parts(journey.info.coordinator.name):
        shown.setdefault(word, []).append(journey.info.coordinator.name)
    names: list[Name] = []
    short: dict[str, str] = {}
    everyday: dict[str, str] = {}
    unmatched: dict[str, str] = {}
    for person in journey.people.people:
        if person.visibility is Visibility.shown:
            continue
        why = why_kept_out(person)
        label = f"{person.called} ({person.id})"
        for written in [(person.called, person.full_name),
                        *((other, None) for other in person.also_known_as)]:
            found = names_of(*written, why)
            names += found.names
            short.update(dict.fromkeys(found.short, label))
            everyday.update(dict.fromkeys(found.common, label))
        names += handles(person.called, person.full_name, why)
        unmatched.update(dict.fromkeys(_other_scripts(person), label))
    names += confidential_names(journey) + contact_pieces(journey)
    kept = [n for n in names if not (len(n.words) == 1 and n.words[0] in shown)]
    shared = {n.words[0]: shown[n.words[0]] for n in names
              if len(n.words) == 1 and n.words[0] in shown}
    return KeptOut(Matcher(kept, shown_words=shown), kept, shared, short, unmatched, everyday)


def why_kept_out(person) -> str:
    """Why a person's names must not be in a copy, in the coordinator's words."""
    return (f"a name of {person.called} ({person.id}), who is never shown"
            if person.visibility is Visibility.never_shown else
            f"the withheld name of {person.called} ({person.id})")


def _other_scripts(person) -> list[str]:
    """A kept-out person's names written in a script other than Latin: matched in Latin
    letters only through their consonants, which a spelling can change."""
    written = [person.called, person.full_name or "", *person.also_known_as]
    return [w for w in written if w and not all(is_latin(part) for part in name_parts(w))]


def _shown_words(journey: Journey, person) -> list[str]:
    """The name words a shown person is shown by (a confidential carer: first name only)."""
    full = None if person.id in confidential_carers(journey) else person.full_name
    return name_parts(person.called) + name_parts(full or "")


def confidential_carers(journey: Journey) -> set[str]:
    """With `placement: confidential`, the ids of the carers the young person lives with now:
    named by first name only."""
    if journey.info.placement is not Placement.confidential:
        return set()
    return {s.id for s in journey.info.young_person.carers if s.end is None}


def handles(called: str, full_name: str | None, why: str) -> list[Name]:
    """What a social-media handle or profile address built from a name looks like:
    'kevinreid', 'reidkevin', 'kreid' (digits after them are dropped when matching)."""
    parts = [p for p in name_parts(full_name or called) if p not in KINSHIP_WORDS]
    if len(parts) < 2:
        return []
    first, last = parts[0], parts[-1]
    joined = {first + last, last + first, first[0] + last, first + last[0]}
    return [Name((j,), why, keyed=False) for j in joined if len(j) >= 5]


# Words in a place's name that say what kind of place it is, not where.
PLACE_WORDS = {
    "house", "home", "flat", "farm", "school", "primary", "secondary", "junior", "infant",
    "infants", "academy", "college", "high", "nursery", "church", "children", "childrens",
    "bay", "park", "street", "road", "hill", "green", "north", "south", "east", "west",
    "upper", "lower", "new", "old", "great", "little", "saint", "lane", "close", "court",
}


def confidential_names(journey: Journey) -> list[Name]:
    """With `placement: confidential`: the names of where the young person lives and goes to
    school now, and their current carers' family names."""
    if journey.info.placement is not Placement.confidential:
        return []
    why = (f"where {journey.info.young_person.called} lives now, which is confidential "
           "(placement: confidential)")
    found = []
    for place in journey.timeline.places:
        if place.end is None:
            capitalised = [w for w in re.findall(r"[^\W\d_][\w'’-]*", place.name) if w[0].isupper()]
            for word in capitalised:
                folded = name_parts(word)
                found += [Name((f,), why) for f in folded
                          if len(f) >= 4 and f not in PLACE_WORDS and f not in KINSHIP_WORDS]
    carers = confidential_carers(journey)
    for carer in journey.people.people:
        if carer.id in carers and carer.full_name:
            first = set(name_parts(carer.called))
            found += [Name((w,), f"the family name of {carer.called}, a carer where "
                           f"{journey.info.young_person.called} lives now (placement: "
                           "confidential)")
                      for w in name_parts(carer.full_name) if w not in first and len(w) >= 2]
    return found


def contact_pieces(journey: Journey) -> list[Name]:
    """Pieces of contact details that identify on their own: a street's name without its
    number ('Larch Mews'), an email's local part ('kev.reid85')."""
    found = []
    for person in journey.people.people:
        contact = person.contact
        if contact is None:
            continue
        why = f"part of the contact details of {person.called} ({person.id})"
        if contact.address:
            street = re.sub(r"^\W*(flat|apartment|unit)?\s*\d+\w?\W*", "",
                            contact.address.split(",")[0].strip(), flags=re.IGNORECASE)
            parts = name_parts(street)
            if len(parts) >= 2:
                found.append(Name(tuple(parts[:2]), why))
        if contact.email and "@" in contact.email:
            local = name_parts(contact.email.split("@")[0].replace(".", " "))
            if len(local) == 1 and len(local[0]) >= 4:
                found.append(Name((local[0],), why))
            elif len(local) >= 2:
                found.append(Name(tuple(local[:2]), why))
                found.append(Name(("".join(local),), why))
    return found


class Screen:
    """Finds the names of people kept out, and contact details, in text."""

    def __init__(self, matcher: Matcher | None = None):
        self.matcher = matcher or Matcher([])

    def find(self, *texts: str | None) -> str | None:
        """Return why the text must not be shown ("names someone kept out", ...), or None."""
        for text in texts:
            if not text:
                continue
            hits = self.matcher.find(text, limit=1)
            if hits:
                return f"it holds \u201c{hits[0].text}\u201d, {hits[0].why}"
            for what, _match, _reading in contacts_in(text)[:1]:
                return f"it contains what looks like {what}"
        return None



def names_warnings(journey: Journey, names: KeptOut) -> list[Problem]:
    """What `check` says of names that cannot be kept out of the book."""
    people = journey.folder / "people.yaml"
    found = []
    for word, holders in sorted(names.shared.items()):
        holders = sorted(set(holders))
        found.append(Problem(
            people, f"'{word}' is part of the name of someone kept out of the book, but also of "
            f"{', '.join(holders)}, who {'is' if len(holders) == 1 else 'are'} shown: the book "
            "will contain it.", "If that reveals too much, show those people by first name "
            "only (leave out full_name).", warning=True))
    for word, who in sorted(names.short.items()):
        found.append(Problem(
            people, f"'{word}', a name of {who}, is too short to be found on its own: it is "
            f"left out after a title ('Mrs {word.title()}') or beside their other names, but "
            "not when it stands alone.", "Read the memories, letters and captions yourself for "
            "it before releasing.", warning=True))
    for word, who in sorted(names.common.items()):
        found.append(Problem(
            people, f"'{word}', a name of {who}, is also one of the book's own words (its "
            "headings, dates and labels, in one of its languages): it is left out beside their "
            "other names, after a title, and where it is written with a capital inside a "
            "sentence, but not where it could be the word.",
            "Read the memories, letters and captions yourself for it before releasing.",
            warning=True))
    for written, who in sorted(names.other_scripts.items()):
        found.append(Problem(
            people, f"'{written}', a name of {who}, is not in Latin letters: journeybook also "
            "looks for it in Latin letters by its sounds ('محمد' finds 'Mohammed' and "
            "'Muhammad'), but a spelling that changes its consonants cannot be matched.",
            "Add the spellings the family uses to also_known_as.", warning=True))
    if not names_available():
        found.append(Problem(None, "ICU is not installed: names in other scripts and "
                             "look-alike letters cannot be matched.", "Run ./dev demo (or "
                             "pip install pyicu-wheels) to install it.", warning=True))
    return found
