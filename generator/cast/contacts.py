"""Contact details as people really write them, found in free text.

A memory, a letter or a caption is typed by a coordinator, pasted from an email or copied from a
phone: "ring me on 07700 900 123", "nan at example dot org", "12 larch mews", "SW1A1AA",
"instagram.com/sam.h or @sam.h". find_contacts() finds each of them, with few false alarms on what
life-story prose is full of: dates ("3 May 2012", "2009-2013", "12.03.2014"), years, page
numbers ("3 4 9 12 17"), times ("10:30"), ages, money ("£12.50") and counts ("a 20 minute
drive", "3 friends close by").

Phone numbers come from Google's libphonenumber metadata (the phonenumbers package): every
country's formats, not our guesses. The rest are regular expressions with rules written down
beside them. When in doubt the gate leaves a thing out: a false alarm costs a memory the
coordinator is told about; a miss costs a young person's safety.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from generator.cast.found import (  # noqa: F401 (the kinds are this module's words too)
    EMAIL,
    HANDLE,
    PHONE,
    PLACE,
    POSTCODE,
    SOCIAL_LINK,
    STREET,
    Found,
    found_in,
)
from generator.cast.online import SOCIAL, handles, map_places, named_handles, social_links
from generator.cast.reading import readings


def find_contacts(text: str) -> list[tuple[str, Found]]:
    """Every piece of text that looks like a contact detail, with what it looks like, in order.

    A finding inside another one (the digits of a wa.me link, the "@domain" of an email) is
    reported once, as the larger one.
    """
    found = [*_phones(text), *_emails(text), *_postcodes(text), *_streets(text),
             *social_links(text), *handles(text), *named_handles(text), *map_places(text)]
    return _outermost(found)


def contacts_in(text: str) -> list[tuple[str, Found, str]]:
    """Every contact detail in every reading of a text (reading.readings: other scripts'
    digits, full-width signs, invisible marks, overrides, numbers said in words), each with
    the reading it was found in; what two readings both hold is given once."""
    found: list[tuple[str, Found, str]] = []
    seen: set[tuple[str, str]] = set()
    for version in readings(text):
        for what, match in find_contacts(version):
            if (what, match.text) not in seen:
                seen.add((what, match.text))
                found.append((what, match, version))
    return found


def _outermost(found: list[tuple[str, Found]]) -> list[tuple[str, Found]]:
    """Drop findings that lie within an earlier, larger one; sort by position."""
    found.sort(key=lambda item: (item[1].first, -item[1].last))
    kept: list[tuple[str, Found]] = []
    reach = -1  # the furthest end of what was kept
    for what, match in found:
        if match.last > reach:
            kept.append((what, match))
            reach = match.last
    return kept


# --- Phone numbers --------------------------------------------------------------------------

# Leniency POSSIBLE, not VALID: VALID only accepts numbers in ranges that are in service, so it
# misses a number with one digit wrong, a new range newer than the metadata, and every Ofcom
# drama number (01632 960xxx, 07700 900xxx) that tests and demos use; it also misses numbers
# written "01632.960.001", "01632/960001" or digit by digit. POSSIBLE finds all of those, and
# also years and dates ("2012", "2009-2013", "12.03.2014"), so _phone_like() keeps only what is
# shaped like a number someone would dial.
LENIENCY = phonenumbers.Leniency.POSSIBLE
REGION = "GB"  # numbers without a country code are read as UK numbers
DATE_LIKE = re.compile(
    r"\b\d{4}[-./]\d{1,2}[-./]\d{1,2}\b"             # 2012-05-01, 2012.05.01
    r"|\b\d{1,2}[-./]\d{1,2}[-./]\d{2,4}\b"          # 01/05/2012, 1.5.12
    r"|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b"    # 2009-2013, 1998 - 04
)


def _phones(text: str) -> Iterator[tuple[str, Found]]:
    # A line break (or a tab, a no-break space) inside a number is a space to the reader: the
    # matcher stops at a newline, so they are made spaces, one for one, keeping every offset.
    flat = re.sub(r"\s", " ", text)
    for match in phonenumbers.PhoneNumberMatcher(flat, REGION, leniency=LENIENCY):
        if _phone_like(match.raw_string, match.number):
            yield PHONE, found_in(text, match.start, match.end)


def _phone_like(raw: str, number: phonenumbers.PhoneNumber) -> bool:
    """Shaped like a number to dial, not a date, a year, a size or a run of small numbers.

    Counted are the digits of the number itself, without its country code or an extension
    ("65535 x 66601 pixels" is 65535, extension 66601). With a country code (+33 ..., 0033 ...,
    00 44 ...): 6 digits or more. Otherwise 10 or more (every UK number but a few short service
    lines: Childline's 0800 1111 stays), or 9 that make a number in service.
    """
    if DATE_LIKE.search(raw):
        return False
    digits = len(phonenumbers.national_significant_number(number))
    if raw.lstrip("( ").startswith(("+", "00")):
        return digits >= 6
    return digits >= 10 or (digits >= 9 and phonenumbers.is_valid_number(number))


# --- Email addresses ------------------------------------------------------------------------

_LOCAL = r"[\w.+'-]*\w"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"


def _bracketed(word: str) -> str:
    """The word in brackets of any kind, spaced or not: "(at)", "[ dot ]", "{at}", "<dot>"."""
    return rf"\s*[(\[{{<]\s*{word}\s*[)\]}}>]\s*"


_AT_SIGN = rf"(?:\s*@\s*|{_bracketed('at')})"  # @, (at), [at], {at}, <at>
_DOT_ANY = rf"(?:\s*\.\s*|{_bracketed('dot')}|\s+dot\s+)"
# The top-level domain as people type it: all lower case or all capitals ("ORG"), never "Then".
_TLD = r"(?-i:[a-z]{2,24}|[A-Z]{2,24})"
EMAIL_SIGN = re.compile(
    rf"(?<![\w.+'-]){_LOCAL}{_AT_SIGN}{_LABEL}(?:{_DOT_ANY}{_LABEL})*{_DOT_ANY}{_TLD}(?![\w-])",
    re.IGNORECASE)
# "nan at example dot org": "at" as a word is everyday prose ("we met at school. Then..."), so
# here a dot is written "dot", bracketed, or a plain "." with no space around it, and the
# address must end in a common top-level domain.
COMMON_TLDS = ("com|org|net|uk|co|ac|gov|nhs|sch|ltd|plc|me|io|info|biz|edu|ie|eu|fr|de|es|it|"
               "nl|pl|pt|ro|lt|lv|us|ca|au|nz|in|app|dev|online|email|mail")
_WORD_DOT = rf"(?:{_bracketed('dot')}|\s+(?i:dot)\s+|\.)"
EMAIL_WORDS = re.compile(
    rf"(?<![\w.+'-]){_LOCAL}\s+(?:at|AT)\s+{_LABEL}(?:{_WORD_DOT}{_LABEL})*{_WORD_DOT}"
    rf"(?:{COMMON_TLDS}|{COMMON_TLDS.upper()})(?![\w/-])")


def _emails(text: str) -> Iterator[tuple[str, Found]]:
    for pattern in (EMAIL_SIGN, EMAIL_WORDS):
        for match in pattern.finditer(text):
            if _spaced_prose(match.group()) or _web_address(match.group()):
                continue
            yield EMAIL, found_in(text, match.start(), match.end())


def _web_address(email: str) -> bool:
    """"find me at www.example.org", "me at facebook.com": a web address after the word "at"
    (reported as a link when it is one), not an email written out."""
    words = re.fullmatch(r"(?s).*?\s+(?:at|AT)\s+(.*)", email)
    return words is not None and (words.group(1).lower().startswith("www.")
                                  or SOCIAL.fullmatch(words.group(1)) is not None)


def _spaced_prose(email: str) -> bool:
    """"insta @sam.h. and then": an address written with spaces ("nan @ example . org") must
    end in a common top-level domain, or it is a handle and the next sentence."""
    tld = re.split(r"[^A-Za-z]+", email)[-1]
    return bool(re.search(r"\s", email)) and tld.lower() not in COMMON_TLDS.split("|")


# --- Postcodes ------------------------------------------------------------------------------

# Royal Mail's shapes: an outward code (A9, A99, A9A, AA9, AA99, AA9A, with the letters each
# place allows) and an inward code (9AA, never C, I, K, M, O or V): so "5pm" and "9am" are not
# inward codes. Any case, with or without the space.
_OUTWARD = r"(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
POSTCODE_PATTERN = re.compile(
    rf"(?<![\w-])(?:{_OUTWARD}(?P<space>\s{{0,2}}){_INWARD}|GIR\s?0AA)(?![\w-])", re.IGNORECASE)
ORDINAL = re.compile(r"\d(?:st|nd|rd|th)")


def _postcodes(text: str) -> Iterator[tuple[str, Found]]:
    for match in POSTCODE_PATTERN.finditer(text):
        # "the M6 2nd time": an ordinal in lower case after a space is prose, not "M6 2ND".
        if match.group("space") and ORDINAL.fullmatch(match.group()[-3:]):
            continue
        yield POSTCODE, found_in(text, match.start(), match.end())


# --- Street addresses -----------------------------------------------------------------------

# Street types (Royal Mail's thoroughfare words and their usual abbreviations), in three sets:
# ALONE: words that, capitalised after a capitalised name, are a street ("Larch Mews").
# NUMBERED: a street only after a house number, then in any case ("12 larch way"), because
#   capitalised alone they are often places or sayings ("Family Court", "No Way").
# CAPITALISED: everyday places and words ("the park", "village green", "Hyde Park", "Family
#   Court", "a walk"): a street only after a house number AND with a capitalised name
#   ("12 Oak Green", "3 The Green"), never "2 car park" or "3 bright green".
ALONE = {
    "road", "rd", "street", "st", "avenue", "ave", "av", "lane", "ln", "close", "cl", "drive",
    "dr", "drv", "crescent", "cres", "cresc", "terrace", "terr", "tce", "grove", "gr", "gro",
    "mews", "rise", "gdns", "pde", "ct", "crt", "pl", "sq", "wynd", "boulevard", "blvd",
    "cul-de-sac", "hts", "pk", "grn", "wlk", "esp", "prom",
}
NUMBERED = {
    "way", "place", "court", "row", "mount", "wharf", "quay", "yard", "approach", "parade",
    "promenade", "esplanade", "embankment", "broadway", "brae", "loan", "vale", "chase", "croft",
    "dene", "drove", "circus", "passage", "hollow", "brow", "square", "garth", "mead", "gate",
    "end", "bank", "view", "walk", "hill",
}
CAPITALISED = {
    "park", "green", "gardens", "fields", "field", "meadow", "meadows", "heights", "orchard",
    "common", "cross", "glen", "glade", "dale", "lea", "leys", "link", "fold", "oval", "path",
    "market", "villas", "cottages", "buildings", "precinct", "arcade", "alley", "causeway",
    "corner", "copse", "ridge", "ridgeway", "spur", "steps", "wood", "grange", "quadrant",
    "gait", "vennel",
}
STREET_TYPES = ALONE | NUMBERED | CAPITALISED
# A street of one word after its number: "12 Broadway", "4 Esplanade".
STANDALONE = {"broadway", "esplanade", "promenade", "parade", "embankment"}
# Titles written before a name: "Dr Patel", "St Ives", "Mt Snowdon" are not "... Dr", "... St".
TITLES = {"st", "dr", "mt"}
# Famous streets, shows and sayings: not an address when written without a house number
# ("a trip down Memory Lane", "we watched Coronation Street"); "12 Abbey Road" still is one.
SAYINGS = {"memory lane", "easy street", "sesame street", "coronation street", "downing street",
           "wall street", "penny lane", "abbey road", "lovers lane", "civvy street",
           "queer street"}
# Words after a street type that make it prose: "our Summer Road Trip", "the Lane Show".
PROSE_AFTER = {"trip", "trips", "rage", "show", "party", "race", "safety", "works", "map"}
# Places that are never a street, even after a number ("after 3 Family Court hearings").
NOT_STREETS = {"family court", "youth court", "crown court", "county court", "high court",
               "magistrates court", "magistrates' court", "car park", "theme park", "water park",
               "skate park", "safari park", "retail park", "business park", "holiday park",
               "caravan park", "trampoline park", "bus station", "one way", "two way"}
# Words that are never part of a street's name, in any case: between them and a street type
# there is prose ("we went up the hill", "a walk in the park", "On Larch Road" is Larch Road).
FUNCTION_WORDS = {
    "the", "a", "an", "and", "or", "but", "in", "on", "at", "to", "of", "up", "by", "from",
    "into", "onto", "off", "over", "under", "through", "with", "for", "my", "our", "your",
    "his", "her", "their", "its", "we", "i", "you", "he", "she", "they", "it", "me", "us",
    "them", "was", "were", "is", "are", "be", "been", "am", "this", "that", "these", "those",
    "then", "when", "where", "there", "here", "so", "not", "no", "if", "as", "than", "who",
    "which", "what", "while",
}
# Words that are not a street's name when written in lower case (capitalised, "Long Lane" and
# "First Avenue" are streets): prose and counted things after a number ("a 20 minute drive",
# "2 friends close by", "a 3 bedroom place", "a 2 way street", "we were 3 very close").
PROSE_WORDS = {
    "down", "near", "round", "around", "past", "along", "across", "towards", "toward", "without",
    "went", "go", "going", "gone", "walked", "lived", "live", "moved", "some", "all", "very",
    "too", "also", "would", "could", "should", "will", "can", "did", "do", "does", "had", "has",
    "have", "just", "really", "quite", "about", "again", "every", "each", "other", "another",
    "first", "last", "next", "nice", "lovely", "long", "short", "big", "little", "small",
    "whole", "same", "such", "after", "before", "until", "since", "like", "still", "only", "get",
    "got", "came", "come", "took", "take", "made", "make", "saw", "see", "said", "say", "out",
    "second", "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours",
    "hr", "hrs", "day", "days", "night", "nights", "week", "weeks", "month", "months", "year",
    "years", "yr", "yrs", "time", "times", "mile", "miles", "km", "metre", "metres", "meter",
    "meters", "m", "foot", "feet", "ft", "yards", "acre", "acres", "people", "kids", "children",
    "friends", "boys", "girls", "brothers", "sisters", "cousins", "dogs", "cats", "pets",
    "things", "goals", "points", "bedroom", "bedrooms", "bed", "storey", "floor", "floors",
    "lane", "lanes", "way", "door", "car", "cars", "bus", "buses", "stop", "stops",
    # What the book itself counts before a ring ("1 person now", then "Close to you"). Only
    # these: in lower case, "14 page road" is still a street.
    "now", "person", "persons",
}

_TYPE_WORDS = "|".join(sorted((re.escape(t) for t in STREET_TYPES), key=len, reverse=True))
STREET_TYPE = re.compile(rf"(?<![\w'’-])(?:{_TYPE_WORDS})(?![\w-])", re.IGNORECASE)
_NAME_WORD = r"(?:St\.|Mt\.|[A-Za-z][A-Za-z'’-]*)"
# What comes before a street type: an optional house number (1 to 3 digits, a letter, a range
# "12-14"; not money, a time or a decimal), then up to three whole words.
BEFORE_TYPE = re.compile(
    r"(?:(?<![\w£$€.,:/-])(?P<number>\d{1,3}[A-Za-z]?(?:[-–/]\d{1,3}[A-Za-z]?)?),?\s+)?"
    rf"(?<![\w'’-])(?P<words>(?:{_NAME_WORD}\s+){{0,3}})$")
LOOK_BACK = 80  # characters: enough for a number and three words

Word = tuple[str, int]  # a word and where it starts in the text


def _streets(text: str) -> Iterator[tuple[str, Found]]:
    """UK street addresses. The rule:

    1. A house number, then one to three name words, then a street type: "12 larch mews",
       "Flat 3, 7 Holly Rise", "12-14 Station Rd", "3 The Green", "12 Broadway". Name words
       may be in any case for ALONE and NUMBERED types; for CAPITALISED types (park, green...)
       they must be capitalised. None may be a FUNCTION_WORD, nor a PROSE_WORD in lower case.
    2. Without a number: one to three capitalised name words, then a capitalised street type
       from ALONE: "Larch Mews", "St John's Road", "LARCH MEWS". Never a lower-case street
       ("we went up the hill", "village green"), never a NUMBERED or CAPITALISED type
       ("Hyde Park", "Family Court", "No Way"), never one of the SAYINGS ("Memory Lane"),
       never followed by a PROSE_AFTER word ("Summer Road Trip").
    In both, "St", "Dr" and "Mt" before a capitalised word are titles ("Ask Dr Patel"), and
    NOT_STREETS ("Crown Court", "car park") are never streets.
    """
    for match in STREET_TYPE.finditer(text):
        if not _title(text, match):
            start = _street_start(text, match)
            if start is not None:
                yield STREET, found_in(text, start, match.end())


def _title(text: str, match: re.Match[str]) -> bool:
    """"Dr Patel", "St Ives": the abbreviation is a title before a name, not a street type."""
    return (match.group().lower() in TITLES
            and re.match(r"\.?\s+[A-Z]", text[match.end():match.end() + 5]) is not None)


def _street_start(text: str, match: re.Match[str]) -> int | None:
    """Where the street address that ends with this street type starts, or None if it is not
    one (see _streets for the rule)."""
    before = BEFORE_TYPE.search(text, max(0, match.start() - LOOK_BACK), match.start())
    if before is None:  # cannot happen (the pattern matches an empty tail), but be sure
        return None
    kind = match.group().lower()
    words = [(w.group(), before.start("words") + w.start())
             for w in re.finditer(r"\S+", before.group("words"))]
    name = _name_words(words)
    if name and f"{name[-1][0].lower()} {kind}" in NOT_STREETS:
        return None
    if before.group("number") and _numbered(kind, words, name):
        return before.start("number")
    capitalised = _capitalised_tail(name)
    if (kind in ALONE and match.group()[0].isupper() and capitalised
            and f"{capitalised[-1][0].lower()} {kind}" not in SAYINGS
            and _word_after(text, match.end()) not in PROSE_AFTER):
        return capitalised[0][1]
    return None


def _word_after(text: str, end: int) -> str:
    """The next word after end, in lower case ("" at a full stop, a comma or the end)."""
    after = re.match(r"\s+([A-Za-z]+)", text[end:end + 40])
    return after.group(1).lower() if after else ""


def _name_words(words: list[Word]) -> list[Word]:
    """The words just before the street type, back to the first word that is prose."""
    name: list[Word] = []
    for word, at in reversed(words):
        folded = word.lower().rstrip(".")
        # (In capitals, "20 MINUTE DRIVE" is prose shouted, as "20 minute drive" is prose.)
        if folded in FUNCTION_WORDS or (not word.istitle() and folded in PROSE_WORDS):
            break
        name.insert(0, (word, at))
    return name


def _capitalised_tail(name: list[Word]) -> list[Word]:
    """The capitalised words at the end of a street's name: "moved to Larch" -> "Larch"."""
    tail: list[Word] = []
    for word, at in reversed(name):
        if not word[0].isupper():
            break
        tail.insert(0, (word, at))
    return tail


def _numbered(kind: str, words: list[Word], name: list[Word]) -> bool:
    """Whether a house number, these words and this street type make an address."""
    the = bool(words) and words[0][0] == "The"  # "3 The Green"
    if len(name) != len(words) - the:
        return False  # a prose word stands between the number and the street type
    if not name:
        return the or kind in STANDALONE
    if kind in CAPITALISED:
        return all(word[0].isupper() for word, _ in name)
    return True
