"""The studio's server: only this computer's coordinator gets in, no file outside the journeys
is ever served, and a form save changes exactly the field edited (or nothing, on a conflict).

Every test runs on a copy of journeys/demo in tmp; journeys/demo itself is never touched.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("flask")
pytest.importorskip("ruamel.yaml")

from generator.coordinator.studio.server import COOKIE, make_app
from generator.format.schema import FILE_MODELS, json_schema
from tests.studio_client import (
    BASE,
    PORT,
    TOKEN,
    form_of,
    post,
)


def fetch(client, path: str) -> tuple[int, bytes]:
    """GET path (following redirects), closing the file a served file streams from."""
    with client.get(path, base_url=BASE, follow_redirects=True) as answer:
        return answer.status_code, answer.get_data()


def test_without_the_token_every_request_is_refused(journeys, tmp_path):
    client = make_app(journeys, tmp_path / "build", TOKEN, PORT).test_client()
    assert client.get("/", base_url=BASE).status_code == 403
    assert client.get("/?token=wrong", base_url=BASE).status_code == 403
    client.set_cookie(COOKIE, "wrong", domain="127.0.0.1")
    assert client.get("/j/demo", base_url=BASE).status_code == 403
    assert fetch(client, "/static/studio.css")[0] == 403


def test_another_host_name_is_refused_even_with_the_token(studio):
    """DNS rebinding: a page at evil.example whose name now points at 127.0.0.1."""
    assert fetch(studio, "/static/studio.css")[0] == 200
    for host in ("evil.example:5123", "127.0.0.1:80", "127.0.0.1", "localhost.evil.example:5123"):
        assert studio.get("/static/studio.css", headers={"Host": host}).status_code == 403, host


def test_a_form_sent_from_another_page_is_refused(studio, journeys):
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Origin": None, "Referer": "http://evil.example/page"},
                    {"Origin": None}):
        sent = {k: v for k, v in headers.items() if v is not None}
        answer = studio.post("/new", data={"name": "Eve Intruder"}, base_url=BASE, headers=sent)
        assert answer.status_code == 403, headers
    assert not (journeys / "eve-intruder").exists()
    fine = studio.post("/new", data={"name": "Zoë Test"}, base_url=BASE,
                       headers={"Referer": f"{BASE}/"})
    assert fine.status_code == 303 and fine.headers["Location"].endswith("/j/zoe-test")
    assert (journeys / "zoe-test" / "journey.yaml").is_file()


def test_no_path_leads_out_of_the_journeys_folder(studio, journeys, tmp_path):
    (tmp_path / "secret.txt").write_text("not for the studio")
    (journeys / "demo" / "etc").symlink_to("/etc")
    (journeys / "demo" / "secret.txt").symlink_to(tmp_path / "secret.txt")
    (journeys / "elsewhere").symlink_to(tmp_path)
    for path in ("/j/demo/files/../../secret.txt", "/j/demo/files/%2e%2e/%2e%2e/secret.txt",
                 "/j/demo/files/%2E%2E%2F%2E%2E%2Fsecret.txt", "/j/demo/files//etc/passwd",
                 "/j/demo/files/etc/passwd", "/j/demo/files/secret.txt",
                 "/j/%2e%2e/files/secret.txt", "/j/..", "/j/elsewhere",
                 "/j/elsewhere/files/secret.txt", "/preview/demo/../../../secret.txt",
                 "/preview/%2e%2e/site/index.html", "/static/../../../../etc/passwd",
                 "/static/%2e%2e/%2e%2e/templates/base.html",
                 "/j/demo/edit/..%2Fsecret.txt/people", "/j/demo/edit/memories/people",
                 "/j/demo/edit/people.yaml/nothing"):
        status, data = fetch(studio, path)
        assert status in (403, 404), path
        assert b"not for the studio" not in data and b"root:" not in data, path
    assert fetch(studio, "/j/demo/files/people.yaml")[0] == 200
    assert fetch(studio, "/static/studio.css")[0] == 200


def test_a_preview_opens_by_its_own_key_only_that_journeys_and_only_to_read(journeys, tmp_path):
    """The preview is a sandboxed page, which cannot send the studio's cookie: its address
    holds a key made from the token and the journey instead. A wrong key, another journey's
    key, a post, or a path out of the preview opens nothing."""
    from generator.coordinator.studio.server import preview_key

    site = tmp_path / "build" / "demo" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>the preview</p>")
    (tmp_path / "build" / "demo" / "book.pdf").write_text("the book, not served")
    (journeys / "other").mkdir()
    (journeys / "other" / "journey.yaml").write_text("young_person: {}\n")
    client = make_app(journeys, tmp_path / "build", TOKEN, PORT).test_client()   # no cookie
    key = preview_key(TOKEN, "demo")
    shown = client.get(f"/preview/{key}/demo/", base_url=BASE)
    assert shown.status_code == 200 and b"the preview" in shown.data
    assert "sandbox" in shown.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in shown.headers["Content-Security-Policy"]
    shown.close()
    for path in (f"/preview/{'0' * 32}/demo/", f"/preview/{preview_key(TOKEN, 'other')}/demo/",
                 f"/preview/{preview_key('another-token', 'demo')}/demo/",
                 f"/preview/{key}/demo/../book.pdf", f"/preview/{key}/demo/%2e%2e/book.pdf",
                 f"/preview/{key}/other/", "/preview/demo/"):
        assert client.get(path, base_url=BASE).status_code in (403, 404), path
    assert client.post(f"/preview/{key}/demo/", base_url=BASE).status_code == 405
    assert client.get(f"/preview/{key}/demo/", base_url=BASE,
                      headers={"Host": "evil.example:5123"}).status_code == 403


def test_the_studios_pages_run_only_its_own_script(studio):
    page = studio.get("/j/demo", base_url=BASE)
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "default-src 'none'" in policy
    assert "unsafe" not in policy
    assert '<script src="/static/studio.js" defer></script>' in page.get_data(as_text=True)
    assert fetch(studio, "/static/studio.js")[0] == 200


def test_undo_puts_back_the_version_before_the_last_save_and_nothing_outside(studio, journeys):
    people = journeys / "demo" / "people.yaml"
    before = people.read_text(encoding="utf-8")
    url = "/j/demo/edit/people.yaml/people"
    fields = form_of(studio.get(url, base_url=BASE).get_data(as_text=True), "/edit/")
    post(studio, url, [(n, "Nana" if n == "people.0.called" else v) for n, v in fields])
    assert "called: Nana" in people.read_text(encoding="utf-8")
    listed = studio.get("/j/demo/history", base_url=BASE).get_data(as_text=True)
    assert "people.yaml" in listed and "called: Nan" in listed
    for path in ("/j/demo/undo/../journeys/demo/people.yaml", "/j/demo/undo/%2e%2e/x",
                 "/j/demo/undo/.studio/undo/people.yaml", "/j/demo/undo/journey.yaml"):
        assert post(studio, path, []).status_code in (403, 404), path
    assert post(studio, "/j/demo/undo/people.yaml", []).status_code == 409   # not shown: refused
    assert "called: Nana" in people.read_text(encoding="utf-8")
    done = post(studio, "/j/demo/undo/people.yaml", form_of(listed, "/undo/people.yaml"))
    assert done.status_code == 303
    assert people.read_text(encoding="utf-8") == before


def test_the_journeys_list_shows_the_demo_with_the_dashboards_facts(studio):
    page = studio.get("/", base_url=BASE).get_data(as_text=True)
    assert '<a href="/j/demo">Kai</a>' in page
    assert "Plan in the care plan" in page and "2 consents pending" in page
    assert "Make a new journey" in page
    journey = studio.get("/j/demo", base_url=BASE).get_data(as_text=True)
    assert "/j/demo/edit/people.yaml/people" in journey
    assert "the memory mum-refused.md: left out: consent is refused" in journey


def test_editing_a_relation_changes_exactly_that_line(studio, journeys):
    people = journeys / "demo" / "people.yaml"
    before = people.read_text(encoding="utf-8")
    url = "/j/demo/edit/people.yaml/people"
    page = studio.get(url, base_url=BASE).get_data(as_text=True)
    assert 'Relation <span class="required">(needed)</span>' in page
    assert "Who they are to the young person" in page  # the schema's description as help
    fields = form_of(page, "/edit/")
    assert ("people.0.relation", "Mum's mum") in fields
    unchanged = post(studio, url, fields)
    assert unchanged.status_code == 200, unchanged.get_data(as_text=True)[:2000]
    assert people.read_text(encoding="utf-8") == before, "a save with no change wrote nothing"

    fields = form_of(unchanged.get_data(as_text=True), "/edit/")
    edited = [(n, "Mum's mum, who makes rice pudding" if n == "people.0.relation" else v)
              for n, v in fields]
    saved = post(studio, url, edited)
    assert saved.status_code == 200 and "Saved." in saved.get_data(as_text=True)
    after = people.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines())
               if line[:1] in "+-"]
    assert changed == ["-     relation: Mum's mum", "+     relation: Mum's mum, who makes rice pudding"]
    assert "# ---- Mum's side ----" in after


def test_a_problem_is_shown_beside_its_field_in_checks_words(studio, journeys):
    url = "/j/demo/edit/people.yaml/people"
    fields = form_of(studio.get(url, base_url=BASE).get_data(as_text=True), "/edit/")
    edited = [(n, "sometimes" if n == "people.0.visibility" else v) for n, v in fields]
    page = post(studio, url, edited).get_data(as_text=True)
    beside = page.split('id="f-people.0.visibility-problems"', 1)
    assert len(beside) == 2, "the problem is listed under the field"
    assert "people.yaml:" in beside[1].split("</ul>", 1)[0]


def test_a_file_changed_on_disk_after_opening_is_not_overwritten(studio, journeys):
    people = journeys / "demo" / "people.yaml"
    url = "/j/demo/edit/people.yaml/people"
    fields = form_of(studio.get(url, base_url=BASE).get_data(as_text=True), "/edit/")
    theirs = people.read_text(encoding="utf-8").replace("called: Nan\n", "called: Nanna\n")
    people.write_text(theirs, encoding="utf-8")
    edited = [(n, "Granny" if n == "people.0.called" else v) for n, v in fields]
    answer = post(studio, url, edited)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 409
    assert "Nothing was saved" in page and "changed somewhere else" in page
    assert "called: Nanna" in page and "called: Granny" in page  # both versions shown
    assert people.read_text(encoding="utf-8") == theirs


def test_the_command_prints_its_secret_address_first_and_serves_it(journeys, tmp_path):
    import http.cookiejar
    import urllib.request

    command = [str(Path(sys.executable).parent / "journeybook"), "studio",
               "--journeys", str(journeys)]
    env = {**os.environ, "BROWSER": "true"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env, cwd=tmp_path)
    try:
        first = process.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and "/?token=" in first, first
        assert len(first.split("token=", 1)[1]) >= 40
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with opener.open(first, timeout=120) as answer:
            assert answer.status == 200
            assert "Kai" in answer.read().decode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(first.split("?", 1)[0], timeout=30)
        assert refused.value.code == 403
        refused.value.close()
    finally:
        process.kill()
        process.communicate(timeout=30)


@pytest.mark.browser
def test_in_chromium_a_coordinator_edits_a_field_and_the_journeys_page_passes_axe(journeys,
                                                                                   tmp_path,
                                                                                   browser):
    """The real thing: waitress, Chromium, the secret address; and axe-core (WCAG 2.2 AA) finds
    no violation on the journeys page, nor on a form, at 1280 px."""
    import threading

    import waitress

    from tests.test_accessibility import violations

    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    app = make_app(journeys, tmp_path / "build", TOKEN, 0)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=2)
    app.config["STUDIO_PORT"] = port = server.effective_port
    threading.Thread(target=server.run, daemon=True).start()
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}", timeout=120_000)
        assert page.url == f"http://127.0.0.1:{port}/"  # the token is not kept in the address
        found = violations(axe, page)
        page.get_by_role("link", name="Kai").click()
        page.get_by_role("link", name="People", exact=True).click()
        relation = page.locator('[id="f-people.0.relation"]')
        relation.fill("Mum's mum, Nanna Pat")
        page.get_by_role("button", name="Save", exact=True).click()
        page.get_by_text("Saved.").wait_for(timeout=120_000)
        shown = page.locator('[id="f-people.0.relation"]').input_value()
        page.goto(f"http://127.0.0.1:{port}/j/demo/edit/journey.yaml/young_person")
        found += violations(axe, page)  # a form page too: labels, help, fieldsets
    finally:
        page.close()
        server.close()
    assert not found, "\n".join(found)
    assert shown == "Mum's mum, Nanna Pat"
    assert "relation: Mum's mum, Nanna Pat\n" in (journeys / "demo" / "people.yaml").read_text()


PARTS = [(file, part) for file, model in FILE_MODELS.items() if file.endswith(".yaml")
         for part in json_schema(model)["properties"]]


@pytest.mark.parametrize(("file", "part"), PARTS)
def test_saving_any_part_unchanged_leaves_its_file_byte_for_byte(studio, journeys, monkeypatch,
                                                                  file, part):
    """Every part of every YAML file of the demo: the form shows what the file holds, in
    controls made from the schema, and sending it back unchanged writes nothing."""
    import generator.coordinator.studio.server as server

    monkeypatch.setattr(server, "_problems", lambda *_: ({}, []))  # the words, not the check
    path = journeys / "demo" / file
    before = path.read_bytes()
    url = f"/j/demo/edit/{file}/{part}"
    page = studio.get(url, base_url=BASE)
    assert page.status_code == 200
    answer = post(studio, url, form_of(page.get_data(as_text=True), "/edit/"))
    assert answer.status_code == 200 and "Saved." in answer.get_data(as_text=True)
    assert path.read_bytes() == before


def test_a_date_that_cannot_be_is_not_written_and_is_shown_beside_its_field(studio, journeys):
    """Bad input gets the check's words beside the field, and nothing is written; an entry
    added with "Add one" is saved empty on purpose (its fields are then filled in)."""
    path = journeys / "demo" / "journey.yaml"
    before = path.read_bytes()
    url = "/j/demo/edit/journey.yaml/young_person"
    fields = form_of(studio.get(url, base_url=BASE).get_data(as_text=True), "/edit/")
    refused = post(studio, url, [(n, "31 February 2009" if n == "young_person.born" else v)
                                 for n, v in fields])
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and path.read_bytes() == before
    assert 'value="31 February 2009"' in text
    beside = text.split('id="f-young_person.born-problems"', 1)
    assert len(beside) == 2 and "journey.yaml:" in beside[1].split("</ul>", 1)[0]
    from generator.coordinator.studio.files import history
    assert history(path) == []   # nothing to undo: what was tried is kept apart, as undone

    people = journeys / "demo" / "people.yaml"
    fields = form_of(studio.get("/j/demo/edit/people.yaml/people", base_url=BASE
                                ).get_data(as_text=True), "/edit/")
    added = post(studio, "/j/demo/edit/people.yaml/people", [*fields, ("_add", "people")])
    assert added.status_code == 200
    assert "\n  - id:\n    called:\n    relation:\n" in people.read_text(encoding="utf-8")


def test_a_save_that_breaks_another_file_is_not_written_and_says_where(studio, journeys):
    """Renaming a person's id leaves photos.yaml naming no one: the save is taken back and
    the new errors of the other files are listed on the page."""
    people = journeys / "demo" / "people.yaml"
    before = people.read_bytes()
    url = "/j/demo/edit/people.yaml/people"
    fields = form_of(studio.get(url, base_url=BASE).get_data(as_text=True), "/edit/")
    index = next(n for n, v in fields if v == "nan-pat").split(".")[1]
    refused = post(studio, url, [(n, "nanna-pat" if n == f"people.{index}.id" else v)
                                 for n, v in fields])
    text = refused.get_data(as_text=True)
    assert refused.status_code == 422 and people.read_bytes() == before
    others = text.split('class="others"', 1)[1].split("</section>", 1)[0]
    assert "photos.yaml" in others and "nan-pat" in others


def test_add_one_works_for_a_list_inside_a_part(studio, journeys):
    """The young person's carers is a list inside a part: its "Add one" adds a carer."""
    path = journeys / "demo" / "journey.yaml"
    listed = path.read_text(encoding="utf-8").count("\n    - id:")
    url = "/j/demo/edit/journey.yaml/young_person"
    page = studio.get(url, base_url=BASE).get_data(as_text=True)
    assert 'name="_add" value="young_person.carers"' in page
    carers = page.count('name="young_person.carers.')
    fields = form_of(page, "/edit/")
    added = post(studio, url, [*fields, ("_add", "young_person.carers")])
    assert added.status_code == 200, added.get_data(as_text=True)[:3000]
    assert added.get_data(as_text=True).count('name="young_person.carers.') > carers
    assert path.read_text(encoding="utf-8").count("\n    - id:") == listed + 1


def test_a_token_in_another_script_is_refused_not_an_error(journeys, tmp_path):
    client = make_app(journeys, tmp_path / "build", TOKEN, PORT).test_client()
    assert client.get("/?token=ключ", base_url=BASE).status_code == 403
    client.set_cookie(COOKIE, "ключ", domain="127.0.0.1")
    assert client.get("/", base_url=BASE).status_code == 403
    assert client.get("/preview/ключ/demo/", base_url=BASE).status_code == 404


def test_a_file_that_is_not_yaml_is_reported_not_crashed_on(studio, journeys):
    people = journeys / "demo" / "people.yaml"
    people.write_text("people:\n  - id: [unclosed\n", encoding="utf-8")
    answer = studio.get("/j/demo/edit/people.yaml/people", base_url=BASE)
    assert answer.status_code == 422
    assert "people.yaml cannot be read" in answer.get_data(as_text=True)
    assert people.read_text(encoding="utf-8") == "people:\n  - id: [unclosed\n"
