"""Contact details as people really write them (generator/cast/contacts.py), and the ordinary prose
of a life story that must not look like one. Every number, address and name here is made up:
Ofcom's drama numbers (01632 960xxx, 07700 900xxx, 0161 496 0xxx, 020 7946 0xxx), other
regulators' fiction ranges, example.org, invented streets."""

from __future__ import annotations

import pytest

from generator.cast.contacts import (
    EMAIL,
    HANDLE,
    PHONE,
    POSTCODE,
    SOCIAL_LINK,
    STREET,
    Found,
    find_contacts,
)


def found(text: str) -> list[tuple[str, str]]:
    return [(what, match.group()) for what, match in find_contacts(text)]


def assert_finds(text: str, what: str, expected: str) -> None:
    assert (what, expected) in found(text), found(text)


PHONES = [
    ("Call 01632 960001 today", "01632 960001"),
    ("ring me on 01632 960 001.", "01632 960 001"),
    ("mobile 07700 900123", "07700 900123"),
    ("mobile 07700900123", "07700900123"),
    ("07700-900-123", "07700-900-123"),
    ("(01632) 960001", "(01632) 960001"),
    ("01632.960.001", "01632.960.001"),
    ("01632/960001", "01632/960001"),
    ("spelt out: 0 7 7 0 0 9 0 0 1 2 3", "0 7 7 0 0 9 0 0 1 2 3"),
    ("+44 (0)1632 960 001", "+44 (0)1632 960 001"),
    ("+44 7700 900123", "+44 7700 900123"),
    ("+44-7700-900123", "+44-7700-900123"),
    ("(+44) 7700 900123", "(+44) 7700 900123"),
    ("0044 7700 900123", "0044 7700 900123"),
    ("00 44 1632 960001", "00 44 1632 960001"),
    ("whatsapp 447700900123", "447700900123"),
    ("tel.07700900123", "07700900123"),
    ("Manchester 0161 496 0000", "0161 496 0000"),
    ("London 020 7946 0018", "020 7946 0018"),
    ("Manchester 0161 496 0000 ext 12", "0161 496 0000 ext 12"),
    # Other countries' fiction ranges (France, Australia, Ireland, the US), and an invented
    # Ethiopian number: libphonenumber knows every country's lengths.
    ("Paris +33 1 99 00 12 34", "+33 1 99 00 12 34"),
    ("Paris 0033 1 99 00 12 34", "0033 1 99 00 12 34"),
    ("Sydney +61 491 570 156", "+61 491 570 156"),
    ("Cork +353 20 910 1234", "+353 20 910 1234"),
    ("Ohio +1 202-555-0143", "+1 202-555-0143"),
    ("Addis +251 11 555 0100", "+251 11 555 0100"),
    # Split across a line, as text copied from a PDF or an email arrives.
    ("ring me on 01632\n960 999", "01632\n960 999"),
    ("ring me on 07700\r\n900 123", "07700\r\n900 123"),
    ("ring 01632 96\n0 999 now", "01632 96\n0 999"),
    ("+44\n7700 900123", "+44\n7700 900123"),
]


@pytest.mark.parametrize(("text", "expected"), PHONES)
def test_phone_numbers(text, expected):
    assert_finds(text, PHONE, expected)


EMAILS = [
    ("write to nan@example.org", "nan@example.org"),
    ("nan.pat+book@example.co.uk", "nan.pat+book@example.co.uk"),
    ("NAN@EXAMPLE.ORG", "NAN@EXAMPLE.ORG"),
    ("nan at example dot org", "nan at example dot org"),
    ("nan AT example DOT org", "nan AT example DOT org"),
    ("nan at example dot co dot uk", "nan at example dot co dot uk"),
    ("nan at example.org", "nan at example.org"),
    ("nan [at] example [dot] com", "nan [at] example [dot] com"),
    ("nan(at)example.org", "nan(at)example.org"),
    ("nan (at) example (dot) org", "nan (at) example (dot) org"),
    ("nan{at}example{dot}org", "nan{at}example{dot}org"),
    ("nan<at>example<dot>org", "nan<at>example<dot>org"),
    ("nan @ example . co . uk", "nan @ example . co . uk"),
    ("nan@example.travel", "nan@example.travel"),
]


@pytest.mark.parametrize(("text", "expected"), EMAILS)
def test_email_addresses(text, expected):
    assert_finds(text, EMAIL, expected)


POSTCODES = ["TH1 2AB", "th1 2ab", "TH12AB", "th12ab", "SW1A 1AA", "sw1a1aa", "M1 1AE",
             "B33 8TH", "EH1 1YZ", "W1A 0AX", "GIR 0AA", "LS1  4AP", "DN55 1PT", "cr2 6xh"]


@pytest.mark.parametrize("postcode", POSTCODES)
def test_postcodes(postcode):
    assert_finds(f"Send it to {postcode}, please.", POSTCODE, postcode)


STREETS = [
    # With a house number: any case for street words.
    ("12 larch mews", "12 larch mews"),
    ("14 page road", "14 page road"),   # a word the book counts elsewhere is still a name here
    ("3 photo close", "3 photo close"),
    ("12 Larch Mews", "12 Larch Mews"),
    ("12 LARCH MEWS", "12 LARCH MEWS"),
    ("Flat 3, 7 Holly Rise", "7 Holly Rise"),
    ("12a Church St", "12a Church St"),
    ("12-14 Station Rd", "12-14 Station Rd"),
    ("5 mill lane", "5 mill lane"),
    ("9 kings ave", "9 kings ave"),
    ("12 larch way", "12 larch way"),
    ("12, Larch Road", "12, Larch Road"),
    ("14 Example Road, Thornley", "14 Example Road"),
    ("21 Brook Terr", "21 Brook Terr"),
    ("12 St John's Road", "12 St John's Road"),
    ("3 The Green", "3 The Green"),
    ("12 Broadway", "12 Broadway"),
    ("lives at 3 Oak Park now", "3 Oak Park"),
    # Every kind of street, after a number.
    *[(f"at {n} {name}", f"{n} {name}") for n, name in [
        (4, "Thistle Wynd"), (7, "Burn Brae"), (2, "Kirk Loan"), (1, "Willow Cul-de-sac"),
        (10, "Marine Parade"), (8, "Sea View"), (5, "Canal Wharf"), (3, "Mill Yard"),
        (6, "Harbour Quay"), (11, "Abbey Gate"), (2, "Fox Hollow"), (4, "Park Heights"),
        (9, "Long Fields"), (1, "Orchard Meadows"), (1, "Daisy Meadow"), (12, "Cherry Orchard"),
        (3, "Friar's Passage"), (1, "Grand Boulevard"), (12, "Victoria Embankment"),
        (4, "North Esplanade"), (7, "Bell Circus"), (2, "Hunter's Chase"), (8, "Oak Croft"),
        (5, "Holly Dene"), (3, "Sheep Drove"), (2, "West End"), (9, "Hill Approach"),
        (4, "Rose Brow"), (6, "River Bank"), (3, "Elm Walk"), (4, "Kings Square"),
        (2, "Mill Row"), (5, "Oak Vale"), (7, "Bell Hill"), (9, "Rose Mount"),
        (3, "Larch Close"), (3, "Larch Cl"), (4, "Birch Drive"), (4, "Birch Dr"),
        (5, "Ash Crescent"), (5, "Ash Cres"), (6, "Elm Court"), (6, "Elm Ct"),
        (7, "Oak Place"), (7, "Oak Pl"), (8, "Lime Gardens"), (8, "Lime Gdns"),
        (9, "Yew Terrace"), (10, "Fir Grove"), (10, "Fir Gr"), (11, "Bay Square"),
        (11, "Bay Sq"), (12, "Mill Lane"), (12, "Mill Ln"), (13, "High Street"),
        (14, "Kiln Avenue"), (15, "Hazel Way"), (16, "Rowan Green"), (17, "Alder Park"),
        (18, "Quarry Parade"), (18, "Quarry Pde"), (19, "Tanner's Promenade"),
    ]],
    # Without a number: capitalised name and street word.
    ("Larch Mews", "Larch Mews"),
    ("We moved to Station Road in 2012.", "Station Road"),
    ("On Larch Road there was a shop.", "Larch Road"),
    ("St Mary's Close", "St Mary's Close"),
    ("Larch Crescent", "Larch Crescent"),
    ("Acacia Avenue", "Acacia Avenue"),
    ("Oak Grove", "Oak Grove"),
    ("Birch Gdns", "Birch Gdns"),
    ("Sandy Ln", "Sandy Ln"),
    ("Long Lane", "Long Lane"),
    ("First Avenue", "First Avenue"),
    ("LARCH MEWS", "LARCH MEWS"),
    ("Holly Rise,", "Holly Rise"),
    ("the shop on Kirk Wynd", "Kirk Wynd"),
]


@pytest.mark.parametrize(("text", "expected"), STREETS)
def test_street_addresses(text, expected):
    assert_finds(text, STREET, expected)


SOCIAL = [
    "https://www.facebook.com/sam.h", "https://www.facebook.com/profile.php?id=100012345678901",
    "m.facebook.com/sam", "facebook.com", "fb.com/sam", "fb.me/sam", "www.instagram.com/sam_h/",
    "instagram.com/sam_h", "tiktok.com/@sam", "vm.tiktok.com/ZM123/", "snapchat.com/add/sam",
    "x.com/sam", "twitter.com/sam", "youtube.com/@sam", "youtu.be/abc", "linkedin.com/in/sam",
    "wa.me/447700900123", "chat.whatsapp.com/AbC", "t.me/samh", "telegram.me/sam",
    "discord.gg/abc", "discord.com/users/123", "onlyfans.com/sam",
    "HTTPS://WWW.INSTAGRAM.COM/SAM", "reddit.com/u/sam", "twitch.tv/sam",
    "bsky.app/profile/sam",
]


@pytest.mark.parametrize("link", SOCIAL)
def test_links_to_social_networks_and_messaging_apps(link):
    assert found(f"Find me at {link}.") == [(SOCIAL_LINK, link)]


@pytest.mark.parametrize(("text", "expected"), [
    ("my insta is @sam_h", "@sam_h"), ("insta @sam.h. and then", "@sam.h"),
    ("(@sam)", "@sam"), ("@Sam2012 on TikTok", "@Sam2012"),
])
def test_social_handles(text, expected):
    assert found(text) == [(HANDLE, expected)]


def test_an_email_is_not_also_a_handle_nor_a_link_its_digits_a_phone():
    assert found("sam@example.org") == [(EMAIL, "sam@example.org")]
    assert found("wa.me/447700900123") == [(SOCIAL_LINK, "wa.me/447700900123")]


def test_every_kind_in_one_text_in_order():
    text = ("Nan lives at 14 Example Road, Thornley, TH1 2AB. Ring 01632 960 001 or write to "
            "nan at example dot org; she is @nan_pat and on facebook.com/nan.pat.")
    assert [what for what, _ in find_contacts(text)] == [STREET, POSTCODE, PHONE, EMAIL, HANDLE,
                                                         SOCIAL_LINK]


def test_a_finding_behaves_like_a_match():
    text = "ring 07700 900123 now"
    (_what, match), = find_contacts(text)
    assert isinstance(match, Found)
    assert (match.group(), match.group(0)) == ("07700 900123", "07700 900123")
    assert text[match.start():match.end()] == match.group()
    assert match.span() == (5, 17)
    with pytest.raises(IndexError):
        match.group(1)


PROSE = [
    # Dates, years, times, ages, money, counts and page numbers.
    "He was born on 3 May 2012 at 10:30 in the morning, weighing 7lb 4oz.",
    "By 2015 he was 3 and loved the park.",
    "We lived there from 2009-2013, then 1998 - 04 and in 2004, 2005 and 2010.",
    "1990-1995, 1996-2000 and the 2010s",
    "Born 2012-05-01; moved 01/05/2014; started school 12.03.2016 and 1.9.17.",
    "Dates: 2012-05-01, 2013-06-02, 2014-07-03",
    "see pages 3 4 9 12 17 and 21 24 30",
    "Year 7 at Larchfield Academy, 2023-2024. Page 3 of 12. Chapter 2, verse 14. Room 101.",
    "We paid £12.50 each for 2 tickets, and £1,250 for the holiday.",
    "4 x 100 m relay. 1st, 2nd and 3rd place. She was 12 and he was 14.",
    "The score was 3-2. Call 999 in an emergency, or Childline on 0800 1111.",
    "At 10:30 - 11:45 we had lunch; 5 km walk; 12 34 56",
    "The photo is too large (65535 x 66601 pixels); the screen is 1920 x 1080.",
    # A life story, as coordinators write them.
    "When you were 3, in 2015, you moved with Lily to live with Nan and Grandad in Thornley. "
    "You went to Larchfield Primary from 2016 to 2022 (Year R to Year 6) and loved Mr Green's "
    "class. On 14 February 2019 you scored 2 goals at the park by the church, and Nan made "
    "you a cake with 8 candles. Every Saturday at 9:30 you went swimming, 20 lengths. In "
    "Year 7 you joined the choir at St Anne's and sang at the Town Hall at Christmas 2023.",
    # Streets that are not addresses.
    "We went to the park, a walk in the park, the village green, we went up the hill.",
    "the end of the road; down the lane; on the village green; rise and shine",
    "the sun will rise; close the door; I drive now; the park was closed",
    "We went to Hyde Park, Kew Gardens, Trafalgar Square and Canary Wharf.",
    "We played on the Village Green. No Way! The Family Court decided.",
    "after 3 Family Court hearings in the Crown Court",
    "a trip down Memory Lane; we watched Coronation Street; Ask Dr Patel; we went to St Ives",
    "Ask Dr. Patel or Mt Snowdon; St. Albans",
    "a 20 minute drive; 2 friends close by; a 2 way street; we were 3 very close",
    "3 people before Lifelong Links 1 person now Close to you Nan",
    "we had 2 car park tickets; 3 bright green eyes; 2 big fields; a 3 bedroom place",
    "we walked 3 miles up the hill; at 5 the park closed; aged 5 in the park; the 2 of us",
    "Our Road Trip and the Summer Road Trip were the best.",
    "Lara Croft was her hero.",
    # Not emails, not handles, not links.
    "We met at school. Then we went home. I was good at maths.It was fun.",
    "stayed at home dot dot dot",
    "meet @ 3; @ home; 5 @ £2",
    "I found him on Facebook. She posted on TikTok and Instagram and WhatsApp.",
    "see example.org/facebook and the inbox.com page",
    # Not postcodes.
    "A4 paper, the M6 2nd time, the M25 3rd exit, B4 5pm, at 9am, in Year 10 2019",
]


@pytest.mark.parametrize("text", PROSE)
def test_ordinary_prose_holds_no_contact_details(text):
    assert found(text) == []


def test_a_long_life_story_is_read_quickly():
    """The release gate reads every page and the search index: linear time, no backtracking."""
    import time

    story = " ".join(PROSE) * 100 + " ring 07700 900123"
    start = time.perf_counter()
    assert found(story) == [(PHONE, "07700 900123")]
    assert time.perf_counter() - start < 10
