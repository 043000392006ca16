"""The studio as a coordinator uses it: in a real Chromium (Playwright), against the real server
(waitress), with real builds of the preview and of the young person's copy.

One walk through, in the order a coordinator works: make a journey from a name, add three
people, drop in photos, set a photo's consent and who is in it, write a memory, see a problem
appear beside its field and go when it is fixed, see the preview change, tick what was read,
make the young person's copy; then the files on disk are checked (comments kept, nothing else
changed). Every page it passes is checked with axe-core at 1280 px, and the main steps are
done by keyboard.
"""

from __future__ import annotations

import io
import threading
import time

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.studio_client import TOKEN

pytestmark = pytest.mark.usefixtures("browser")


@pytest.fixture(scope="module")
def studio(tmp_path_factory):
    """The studio, live (each save makes a preview), on a free port, on an empty folder."""
    import waitress

    from generator.coordinator.studio.server import make_app

    root = tmp_path_factory.mktemp("studio")
    journeys = root / "journeys"
    journeys.mkdir()
    app = make_app(journeys, root / "build", TOKEN, 0, root / "release", live=True)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    app.config["STUDIO_PORT"] = server.effective_port
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield {"base": f"http://127.0.0.1:{server.effective_port}", "root": root,
           "journeys": journeys, "builds": app.extensions["journeybook_builds"]}
    server.close()


@pytest.fixture(scope="module")
def page(browser, studio):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.goto(f"{studio['base']}/?token={TOKEN}")
    yield opened
    context.close()


def no_violations(axe, page, seen: set[str]) -> None:
    """axe-core finds nothing on the page (each page once)."""
    where = page.url.split("?")[0]
    if where in seen:
        return
    seen.add(where)
    results = axe.run(page)
    assert results.violations_count == 0, f"{where}: {results.generate_report()}"


def field(page, name: str):
    """The control a person fills in for name (not the hidden input that stands for "none")."""
    return page.locator(f"[name='{name}']:not([type=hidden])")


def save(page) -> None:
    """Press Save by keyboard, as a coordinator who does not use a mouse would."""
    button = page.locator("form[data-draft] .actions button[type=submit]")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def wait_for_preview(studio, journey_id: str, number: int) -> None:
    """Until the journey's preview has been built past number, and is not building."""
    run = studio["builds"].run
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        current = run(journey_id, "preview")
        if current.number > number and current.state in ("done", "failed"):
            return
        time.sleep(0.2)
    raise AssertionError(f"no new preview of {journey_id}: {run(journey_id, 'preview')}")


def photo_bytes(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, "JPEG")
    return out.getvalue()


def test_a_coordinator_makes_a_journey_and_its_copy_in_the_studio(page, studio):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    seen: set[str] = set()
    base = studio["base"]

    # Make a journey from a name.
    no_violations(axe, page, seen)
    page.get_by_label("The young person's full name").fill("Robin Ash")
    with page.expect_navigation():
        page.get_by_role("button", name="Make it").click()
    assert page.url.endswith("/j/robin-ash")
    folder = studio["journeys"] / "robin-ash"
    before = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
              if p.is_file()}
    no_violations(axe, page, seen)

    # Three people: "Add one" (which saves), then fill the new one in and save.
    page.goto(f"{base}/j/robin-ash/edit/people.yaml/people")
    no_violations(axe, page, seen)
    for index, (person, called, relation) in enumerate(
            [("gran-may", "Gran", "Dad's mum"), ("coach-lee", "Coach Lee", "football coach"),
             ("aunt-jo", "Auntie Jo", "Mum's sister")], start=1):
        with page.expect_navigation():
            page.get_by_role("button", name="Add one to “People” (and save)").click()
        field(page, f"people.{index}.id").fill(person)
        field(page, f"people.{index}.called").fill(called)
        field(page, f"people.{index}.relation").fill(relation)
        save(page)
        assert "Saved." in page.locator(".message").inner_text()
    # Enter in a field saves (it never adds an empty person: "Add one" is not the default).
    field(page, "people.3.relation").press("End")
    field(page, "people.3.relation").type(", who sings")
    with page.expect_navigation():
        field(page, "people.3.relation").press("Enter")
    assert "Saved." in page.locator(".message").inner_text()
    assert field(page, "people.4.id").count() == 0
    people_file = (folder / "people.yaml").read_text(encoding="utf-8")
    assert "Mum's sister, who sings" in people_file
    assert "# what Robin calls them" in people_file   # the scaffold's comments are kept
    assert all(name in people_file for name in ("gran-may", "Coach Lee", "Mum's sister"))

    # A problem appears beside its field, and goes when it is fixed.
    page.goto(f"{base}/j/robin-ash/edit/journey.yaml/young_person")
    field(page, "young_person.born").fill("31 February 2010")
    save(page)
    beside = page.locator("[id='f-young_person.born']").locator("xpath=..")
    assert "February" in beside.locator(".problems").inner_text()
    no_violations(axe, page, seen)
    field(page, "young_person.born").fill("2010-02-28")
    save(page)
    assert page.locator("[id='f-young_person.born']").locator("xpath=..").locator(
        ".problems").count() == 0

    # The preview beside the form shows what was saved.
    number = studio["builds"].run("robin-ash", "preview").number
    page.goto(f"{base}/j/robin-ash/edit/people.yaml/people")
    field(page, "people.2.called").fill("Coach Leeroy")
    save(page)
    wait_for_preview(studio, "robin-ash", number)
    assert studio["builds"].run("robin-ash", "preview").state == "done", \
        studio["builds"].run("robin-ash", "preview").problems
    expect(page.locator("#preview-status")).to_contain_text("Up to date", timeout=30000)
    frame = page.frame_locator("#preview-frame")
    frame.get_by_text("Coach Leeroy").first.wait_for(timeout=30000)

    # A memory, written in the studio.
    page.goto(f"{base}/j/robin-ash/new/memories")
    no_violations(axe, page, seen)
    page.get_by_label("From").select_option("gran-may")
    field(page, "title").fill("Your first swim")
    field(page, "consent").select_option("given")
    field(page, "_text").fill("I remember you jumping in at the deep end, laughing.")
    with page.expect_navigation():
        page.get_by_role("button", name="Make it").click()
    assert "/write/memories/memory-1.md" in page.url
    no_violations(axe, page, seen)
    memory = (folder / "memories" / "memory-1.md").read_text(encoding="utf-8")
    assert "consent: given" in memory and "deep end" in memory

    # Photos dropped in (as from a phone's folder), then who is in one and its consent.
    page.goto(f"{base}/j/robin-ash/add/photos")
    no_violations(axe, page, seen)
    page.get_by_label("Drop the photos here, or choose them").set_input_files([
        {"name": "IMG_0001.JPG", "mimeType": "image/jpeg", "buffer": photo_bytes("teal")},
        {"name": "IMG_0002.JPG", "mimeType": "image/jpeg", "buffer": photo_bytes("orange")}])
    with page.expect_navigation():
        page.get_by_role("button", name="Add them").click()
    page.get_by_role("heading", name="Added: 2").wait_for()
    no_violations(axe, page, seen)
    page.goto(f"{base}/j/robin-ash/photos")
    no_violations(axe, page, seen)
    page.goto(f"{base}/j/robin-ash/edit/photos.yaml/photos")
    no_violations(axe, page, seen)
    assert field(page, "photos.0.consent").input_value() == "pending"
    field(page, "photos.0.consent").select_option("given")
    field(page, "photos.0.people").select_option(["gran-may"])
    field(page, "photos.0.caption").fill("Gran's garden in the rain")
    field(page, "photos.0.alt").fill("A teal square")
    save(page)
    assert "Saved." in page.locator(".message").inner_text()

    # Tick what was read: the memory.
    page.goto(f"{base}/j/robin-ash/review")
    no_violations(axe, page, seen)
    counted = page.locator("main").inner_text()
    item = page.locator("article, li, section").filter(has_text="deep end").last
    with page.expect_navigation():
        item.get_by_role("button", name="I have read this").click()
    assert page.locator("main").inner_text() != counted
    assert "Mark as not read" in page.locator("main").inner_text()

    # The young person's copy.
    page.goto(f"{base}/j/robin-ash/copies")
    no_violations(axe, page, seen)
    with page.expect_navigation():
        page.get_by_role("button", name="Make the young person's copy").click()
    studio["builds"].wait("robin-ash")
    page.reload()
    assert "The copy was made" in page.locator("main").inner_text(), \
        page.locator("main").inner_text()
    assert (studio["root"] / "release" / "robin-ash" / "site" / "index.html").is_file()
    copy = studio["root"] / "release" / "robin-ash" / "site"
    assert "deep end" in (copy / "memories.html").read_text(encoding="utf-8")
    assert "garden in the rain" in (copy / "photos.html").read_text(encoding="utf-8")
    assert "photo-2" not in (copy / "photos.html").read_text(encoding="utf-8")  # pending

    # On disk: only what the coordinator changed, and the studio's own folder.
    after = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
             if p.is_file() and p.relative_to(folder).parts[0] != ".studio"}
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"people.yaml", "journey.yaml", "memories/memory-1.md", "photos.yaml",
                       "photos/photo-1.jpg", "photos/photo-2.jpg"}, changed
    assert (folder / "journey.yaml").read_bytes().count(b"#") == before["journey.yaml"].count(b"#")

    # Undo puts the last save back.
    page.goto(f"{base}/j/robin-ash/history")
    no_violations(axe, page, seen)
    with page.expect_navigation():
        page.get_by_role("button", name="Put back people.yaml as it was before the last save"
                         ).click()
    assert "Coach Leeroy" not in (folder / "people.yaml").read_text(encoding="utf-8")
    assert "Coach Lee" in (folder / "people.yaml").read_text(encoding="utf-8")


def test_an_unsaved_form_is_offered_back_after_the_tab_is_closed(browser, studio, page):
    """A draft kept in the browser survives a closed tab, and is put back on request."""
    base = studio["base"]
    if not (studio["journeys"] / "robin-ash").is_dir():
        pytest.skip("needs the journey the walk-through makes")
    context = page.context
    first = context.new_page()
    first.goto(f"{base}/j/robin-ash/edit/journey.yaml/young_person")
    field(first, "young_person.pronouns").fill("they/them, typed but never saved")
    first.wait_for_timeout(600)   # the draft is kept a moment after typing stops
    first.close()
    again = context.new_page()
    again.goto(f"{base}/j/robin-ash/edit/journey.yaml/young_person")
    assert field(again, "young_person.pronouns").input_value() != \
        "they/them, typed but never saved"
    again.get_by_role("button", name="Put my changes back").click()
    assert field(again, "young_person.pronouns").input_value() == \
        "they/them, typed but never saved"
    save(again)
    assert "they/them, typed but never saved" in (
        studio["journeys"] / "robin-ash" / "journey.yaml").read_text(encoding="utf-8")
    again.goto(f"{base}/j/robin-ash/edit/journey.yaml/young_person")
    assert again.get_by_role("button", name="Put my changes back").count() == 0
    again.close()
