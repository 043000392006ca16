"""Memories and letters in the studio: front matter as a form, the text beneath; a save changes
exactly what was edited (or nothing, on a conflict); a new one gets a neutral, counted name.

Every test runs on a copy of journeys/demo in tmp; journeys/demo itself is never touched.
"""

from __future__ import annotations

import difflib

import pytest

pytest.importorskip("flask")
pytest.importorskip("ruamel.yaml")

from generator.coordinator.studio.problems import review
from tests.studio_client import (
    BASE,
    form_of,
    post,
)

URL = "/j/demo/write/memories/adeyemi-drawing.md"


def page_of(client, url: str) -> str:
    answer = client.get(url, base_url=BASE)
    assert answer.status_code == 200, url
    return answer.get_data(as_text=True)


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
            if line[:1] in "+-"]


def test_the_journey_page_links_each_memory_and_letter_to_its_form(studio):
    page = page_of(studio, "/j/demo")
    assert f'<a href="{URL}">memories/adeyemi-drawing.md</a>' in page
    assert '<a href="/j/demo/write/letters/nan-letter.md">' in page
    assert '<a href="/j/demo/new/memories">Write a new memory</a>' in page
    assert '<a href="/j/demo/new/letters">Write a new letter</a>' in page
    letter = page_of(studio, "/j/demo/write/letters/jan-letter.md")
    assert 'name="scan_checked.by"' in letter and 'value="SO"' in letter


def test_the_form_shows_the_front_matter_from_the_schema_and_the_text(studio):
    page = page_of(studio, URL)
    fields = dict(form_of(page))
    assert fields["from"] == "teacher-adeyemi" and fields["consent"] == "given"
    assert '<option value="teacher-adeyemi" selected>Mr Adeyemi (your Year 6' in page  # by name
    assert '<select id="f-from" name="from"' in page and '<select id="f-consent"' in page
    assert "A date, exact or vague" in page   # the format's help beside a date
    assert fields["_text"].startswith("In Year 6 you drew a lighthouse")


def test_editing_the_text_changes_only_the_body(studio, journeys):
    path = journeys / "demo" / "memories" / "adeyemi-drawing.md"
    before = path.read_bytes()
    fields = form_of(page_of(studio, URL))
    same = post(studio, URL, fields)
    assert same.status_code == 200 and "Saved." in same.get_data(as_text=True)
    assert path.read_bytes() == before, "a save with no change wrote nothing"

    new_text = "In Year 6 you drew a lighthouse.\r\n\r\nIt is still on my wall."
    edited = [(n, new_text if n == "_text" else v) for n, v in fields]
    assert post(studio, URL, edited).status_code == 200
    after = path.read_bytes()
    head = before[:before.index(b"---\n", 4) + 4]
    assert after.startswith(head), "the front matter is kept byte for byte"
    assert after[len(head):] == b"In Year 6 you drew a lighthouse.\n\nIt is still on my wall.\n"


def test_changing_consent_changes_exactly_that_line(studio, journeys):
    path = journeys / "demo" / "letters" / "jan-letter.md"   # it has a comment, a flow map
    before = path.read_text(encoding="utf-8")
    url = "/j/demo/write/letters/jan-letter.md"
    fields = form_of(page_of(studio, url))
    answer = post(studio, url, [(n, "refused" if n == "consent" else v) for n, v in fields])
    assert answer.status_code == 200
    assert changed_lines(before, path.read_text(encoding="utf-8")) == [
        "- consent: given", "+ consent: refused"]


def test_a_file_changed_on_disk_after_opening_is_not_overwritten(studio, journeys):
    path = journeys / "demo" / "memories" / "adeyemi-drawing.md"
    fields = form_of(page_of(studio, URL))
    theirs = path.read_text(encoding="utf-8").replace("Your lighthouse", "The lighthouse")
    path.write_text(theirs, encoding="utf-8")
    answer = post(studio, URL, [(n, "Changed by me" if n == "_text" else v) for n, v in fields])
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Nothing was saved" in page and "changed somewhere else" in page
    assert "title: The lighthouse" in page and "Changed by me" in page   # both versions
    assert path.read_text(encoding="utf-8") == theirs


def test_a_new_memory_gets_a_neutral_name_pending_consent_and_is_checked(studio, journeys):
    memories = journeys / "demo" / "memories"
    page = page_of(studio, "/j/demo/new/memories")
    fields = dict(form_of(page))
    assert fields["consent"] == "pending" and "recording.file" not in fields
    sent = [("_digest", ""), ("from", "nan-pat"), ("title", "Nan's rice pudding"),
            ("date", "2025-01-04"), ("consent", "pending"), ("_text", "Always with jam.\r\n")]
    made = post(studio, "/j/demo/new/memories", sent)
    assert made.status_code == 303
    assert made.headers["Location"].endswith("/j/demo/write/memories/memory-1.md?made=1")
    text = (memories / "memory-1.md").read_text(encoding="utf-8")
    assert text == ("---\nfrom: nan-pat\ntitle: Nan's rice pudding\ndate: '2025-01-04'\n"
                    "consent: pending\n---\nAlways with jam.\n")
    assert page_of(studio, "/j/demo/write/memories/memory-1.md")
    checked = review(journeys / "demo")
    assert not [p for found in checked.problems.values() for p in found if not p.warning]
    waiting = [item for item in checked.left_out if "memory-1.md" in item]
    assert waiting and "pending" in waiting[0], checked.left_out

    # A second one never overwrites the first; none is made without who it is from.
    again = post(studio, "/j/demo/new/memories", [("from", "foster-jan"), ("_text", "Hi")])
    assert again.headers["Location"].endswith("/memory-2.md?made=1")
    assert (memories / "memory-1.md").read_text(encoding="utf-8") == text
    assert "consent: pending" in (memories / "memory-2.md").read_text(encoding="utf-8")
    refused = post(studio, "/j/demo/new/letters", [("from", ""), ("_text", "Dear Kai")])
    assert refused.status_code == 400 and "choose who it is from" in refused.get_data(True)
    assert not list((journeys / "demo" / "letters").glob("letter-*.md"))


def test_a_bad_consent_is_not_written_and_the_checks_words_are_shown_beside_it(studio, journeys):
    """A save that brings a new error is put back: the file is as it was, the form keeps what
    was typed (the select keeps "maybe"), and the check says what is wrong beside the field."""
    path = journeys / "demo" / "memories" / "adeyemi-drawing.md"
    before = path.read_bytes()
    fields = form_of(page_of(studio, URL))
    page = post(studio, URL, [(n, "maybe" if n == "consent" else v) for n, v in fields])
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and path.read_bytes() == before
    assert "Not saved" in text and 'value="maybe" selected' in text and "data-unsaved" in text
    beside = text.split('id="f-consent-problems"', 1)
    assert len(beside) == 2, "the problem is listed under the field"
    assert "memories/adeyemi-drawing.md:" in beside[1].split("</ul>", 1)[0]
    assert "maybe (not one of the choices)" in text
    # The form sent again, fixed, is saved (its digest is the file's, which did not change).
    fixed = post(studio, URL, [(n, "given" if n == "consent" else v)
                               for n, v in form_of(text)])
    assert fixed.status_code == 200 and "Saved." in fixed.get_data(as_text=True)


@pytest.mark.parametrize("path", [
    "/j/demo/write/memories/..%2F..%2F..%2Fsecret.md", "/j/demo/write/memories/../people.yaml",
    "/j/demo/write/memories/%2e%2e%2fjourney.yaml", "/j/demo/write/memories/..",
    "/j/demo/write/memories/coach-video.mov", "/j/demo/write/memories/nothing.md",
    "/j/demo/write/photos/x.md", "/j/demo/write/.studio/x.md", "/j/demo/write/memories/out.md",
    "/j/demo/write/memories/link.md", "/j/%2e%2e/write/memories/x.md", "/j/demo/new/photos",
    "/j/demo/new/..%2Fmemories"])
def test_no_memory_name_leads_out_of_its_folder(studio, journeys, tmp_path, path):
    (tmp_path / "secret.md").write_text("---\nfrom: x\n---\nnot for the studio")
    (journeys / "demo" / "memories" / "out.md").symlink_to(tmp_path / "secret.md")
    (journeys / "demo" / "memories" / "link.md").symlink_to(
        journeys / "demo" / "memories" / "adeyemi-drawing.md")
    for answer in (studio.get(path, base_url=BASE),
                   post(studio, path, [("_text", "overwritten"), ("from", "nan-pat")])):
        assert answer.status_code in (403, 404, 405), path
        assert b"not for the studio" not in answer.get_data()
    assert (tmp_path / "secret.md").read_text() == "---\nfrom: x\n---\nnot for the studio"
    assert "overwritten" not in (journeys / "demo" / "people.yaml").read_text()
