"""The studio's review list: every item of the young person's copy (and nothing left out of
it), what the machine flagged in each marked and said in words, and an "I have read this" tick
recorded in the journey's .studio/ with who, when and the digest of what was read.

The tests share one copy of journeys/demo (journeys/demo itself is never touched) and one
studio, in order: the first look reads the pictures (seconds), every later one reuses it.
"""

from __future__ import annotations

import getpass
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("flask")

from generator.build import check
from generator.build_plan import cache_for
from generator.coordinator.studio import pages, read_record
from generator.coordinator.studio.review_flags import Lookout
from generator.coordinator.studio.review_items import items
from generator.core import fingerprint
from generator.core.cache import CACHE
from tests.studio_client import BASE, ROOT, TOKEN, demo_journeys, form_of, opened_studio, post

URL = "/j/demo/review"
MEMORY = "memories/nan-wheelchair.md"
KEY = f"memory:{MEMORY}"


@pytest.fixture(scope="module")
def where(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("review")


@pytest.fixture(scope="module")
def journeys(where, known, demo_checked) -> Path:
    return demo_journeys(where, known)


@pytest.fixture(scope="module")
def studio(journeys, where):
    return opened_studio(journeys, where)


@pytest.fixture(scope="module")
def cache(journeys, where) -> Path:
    """The cache the studio's review list uses: the release build's."""
    return cache_for(where / "build" / CACHE, journeys / "demo", release=True)


def page_of(client, url: str = URL) -> str:
    answer = client.get(url, base_url=BASE)
    assert answer.status_code == 200, url
    return answer.get_data(as_text=True)


def counts(page: str) -> tuple[int, int]:
    found = re.search(r"<strong>(\d+) of (\d+) read</strong>", page)
    assert found, "the page says how many items are read"
    return int(found.group(1)), int(found.group(2))


def article(page: str, title: str) -> str:
    """The page's article for the item with this title."""
    for found in re.findall(r"<article.*?</article>", page, re.DOTALL):
        if f">{title}</h3>" in found:
            return found
    raise AssertionError(f"no item titled {title!r}")


def tick(client, page: str, title: str):
    fields = form_of(article(page, title))
    action = re.search(r'<form method="post" action="([^"]+)"', article(page, title)).group(1)
    return post(client, action, fields)


def test_the_list_holds_what_the_copy_holds_and_nothing_left_out(studio):
    page = page_of(studio)
    for shown in ("The winter you broke your leg", "A letter from Granny Von",
                  "Your first trainers. Nan kept them all these years.", "My culture",
                  "A voice message from Grandad"):
        assert shown in page
    for heading in ("Memories", "Letters", "Photos and their captions", "In their own words"):
        assert f">{heading}</h2>" in page
    # Refused and pending memories, and a photo pending consent or showing someone never shown.
    for left_out in ("When you were born", "Barbecue", "pending-bbq.jpg", "At the park",
                     "park.jpg"):
        assert left_out not in page
    assert counts(page)[0] == 0
    assert f'href="/j/demo/write/{MEMORY}">{MEMORY}</a>, line 8' in page
    assert '<a href="/j/demo/files/photos/first-trainers.jpg">' in page
    # The journey's page links to it (read from its template: rendering that page checks the
    # journey again, as the preview, which reads every picture again).
    journey_page = (ROOT / "theme" / "studio" / "templates" / "journey.html").read_text()
    assert '<a href="/j/{{ id }}/review">Review what goes into the copy</a>' in journey_page


def test_the_gate_finds_names_and_numbers_flagged_in_words(journeys, cache):
    """What the cast would leave out (a name never shown, a phone number) is flagged in words
    too: in the copy, only the release gate's stricter forms can still meet it."""
    checked = check(journeys / "demo", cache_dir=cache, release=True)
    flags = Lookout(checked.journey).flags("Craig rang on 07700 900123 about Darren.")
    said = {flag.text: flag.why for flag in flags}
    assert "never shown" in said["Craig"] and "release check refuses" in said["Craig"]
    assert "phone number" in said["07700 900123"]
    assert "not the name of anyone shown" in said["Darren"]
    assert all(flag.start >= 0 for flag in flags)
    assert not Lookout(checked.journey).flags("Nan and Lily met in May 2019, on the 3rd.")


def test_a_name_and_a_number_typed_into_a_memory_are_marked(studio, journeys):
    path = journeys / "demo" / MEMORY
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\nDarren came too, to flat 214. <b>not bold</b>\n",
                    encoding="utf-8")
    try:
        shown = article(page_of(studio), "The winter you broke your leg")
        assert re.search(r"<mark>Darren</mark><span class=\"review-flag-number\"> \[flag \d\]",
                         shown)
        assert "<mark>214</mark>" in shown
        assert "“Darren”: a word with a capital that is not the name of anyone shown" in shown
        assert "“214”: a number: check it is not a house number" in shown
        assert "&lt;b&gt;not bold&lt;/b&gt;" in shown and "<b>" not in shown
        assert "<mark>Thornley</mark>" in shown   # a place that could lead to someone
    finally:
        path.write_text(before, encoding="utf-8")


def test_a_tick_records_who_when_and_the_digest_and_an_edit_undoes_it(studio, journeys,
                                                                        cache):
    folder = journeys / "demo"
    page = page_of(studio)
    read, total = counts(page)
    answer = tick(studio, page, "The winter you broke your leg")
    assert answer.status_code == 303 and answer.headers["Location"].startswith(URL + "#item-")
    kept = json.loads((folder / ".studio" / "review" / "read.json").read_text())["read"][KEY]
    item = next(i for i in items(folder, cache) if i.key == KEY)
    assert kept["by"] == getpass.getuser() and kept["digest"] == item.digest
    assert datetime.fromisoformat(kept["at"]).utcoffset().total_seconds() == 0
    page = page_of(studio)
    assert counts(page) == (read + 1, total)
    shown = article(page, "The winter you broke your leg")
    assert f"<strong>Read</strong> by {getpass.getuser()} on" in shown
    assert "Mark as not read" in shown
    assert read_record.unread_count(folder, cache) == total - read - 1

    path = folder / MEMORY
    before = path.read_text(encoding="utf-8")
    path.write_text(before.replace("so brave", "ever so brave"), encoding="utf-8")
    try:
        page = page_of(studio)
        assert counts(page) == (read, total)
        assert "<strong>Changed since it was read</strong>" in article(
            page, "The winter you broke your leg")
        assert "1 changed since it was read" in page
        assert read_record.unread_count(folder, cache) == total - read
    finally:
        path.write_text(before, encoding="utf-8")
    assert counts(page_of(studio)) == (read + 1, total)   # as it was read, again


def test_a_tick_for_an_item_changed_since_the_page_was_shown_is_refused(studio, journeys):
    page = page_of(studio)
    path = journeys / "demo" / "memories" / "jan-biscuit.md"
    before = path.read_text(encoding="utf-8")
    path.write_text(before + "\nOne more line.\n", encoding="utf-8")
    try:
        answer = tick(studio, page, "You and Biscuit")
        assert answer.status_code == 409
        assert "changed after this page was shown" in answer.get_data(as_text=True)
        assert "memory:memories/jan-biscuit.md" not in read_record.readings(journeys / "demo")
    finally:
        path.write_text(before, encoding="utf-8")


def test_untick(studio, journeys):
    page = page_of(studio)
    tick(studio, page, "Lullabies")
    assert "memory:memories/von-singing.md" in read_record.readings(journeys / "demo")
    answer = tick(studio, page_of(studio), "Lullabies")
    assert answer.status_code == 303
    assert "memory:memories/von-singing.md" not in read_record.readings(journeys / "demo")


def test_a_tick_without_the_cookie_or_from_another_page_is_refused(studio, journeys, where):
    from generator.coordinator.studio.server import make_app

    page = page_of(studio)
    fields = form_of(article(page, "Pierogi"))
    action = re.search(r'<form method="post" action="([^"]+)"', article(page, "Pierogi")).group(1)
    stranger = make_app(journeys, where / "build", TOKEN, 5123).test_client()
    assert post(stranger, action, fields).status_code == 403
    assert post(studio, action, fields, Origin="http://evil.example").status_code == 403
    assert "memory:memories/mrs-k-pierogi.md" not in read_record.readings(journeys / "demo")


def test_ticking_changes_neither_the_check_nor_the_build(studio, journeys, cache):
    folder = journeys / "demo"
    inputs, signature = fingerprint.inputs_key(folder), pages._signature(folder)
    before = check(folder, cache_dir=cache, release=True).result
    page = page_of(studio)
    assert tick(studio, page, "Three babies in one pram").status_code == 303
    assert (folder / ".studio" / "review" / "read.json").is_file()
    after = check(folder, cache_dir=cache, release=True).result
    assert fingerprint.inputs_key(folder) == inputs and pages._signature(folder) == signature
    assert after.left_out == before.left_out and after.summary == before.summary
    assert [p.message for p in after.warnings] == [p.message for p in before.warnings]
    done, total = counts(page_of(studio))
    assert read_record.unread_count(folder, cache) == total - done


def test_a_journey_with_problems_lists_nothing_and_says_why(tmp_path):
    journeys = demo_journeys(tmp_path)
    info = journeys / "demo" / "journey.yaml"
    info.write_text(info.read_text(encoding="utf-8").replace("consent:", "consent: [", 1),
                    encoding="utf-8")
    page = page_of(opened_studio(journeys, tmp_path))
    assert "to fix before the copy can be made, so nothing is listed yet" in page
    assert "I have read this" not in page
    assert read_record.unread_count(journeys / "demo") is None


def test_when_a_tick_was_given_is_said_in_words_on_every_system():
    """No '%-d' (Windows has none): the day's number is written as it is."""
    from generator.coordinator.studio.review_list import when

    assert when("2026-12-06T04:20:00+00:00") == "6 December 2026 at 04:20 UTC"
    assert when("not a time") == "not a time"
