"""A book that grows: every release is kept as a version (outputs/versions.py), the young person's
copy opens with what is new since their last copy, and `journeybook releases` tells a
coordinator what changed in each version."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from generator.build import build, check
from generator.cli import main
from generator.core.errors import BuildError
from generator.model import changes
from generator.outputs import gate, identity, versions
from tests.conftest import (
    DEMO,
    another_cache,
    minimal_files,
    pdf_text,
    save_image,
    shared_cache,
    write_journey,
)
from tests.test_build import fingerprint, words_in_files

NEW = "New since your last copy"
DAY_1, DAY_2, DAY_3 = "1795000000", "1795600000", "1796200000"  # 18 Nov, 25 Nov, 2 Dec 2026
NAN_MEMORY = """---
from: nan-pat
title: A day at the beach
date: 2025-08-02
consent: given
---
We ate ice creams on the pier and you beat me at crazy golf.
"""
# Craig is never shown (people.yaml): his memory must appear nowhere, ever.
CRAIG_MEMORY = """---
from: craig
title: Greetings from Lilys dad
date: 2025-08-03
consent: given
---
Craig Fenwick wrote this, and it must never reach Kai.
"""
KITE = """  - file: photos/kite-two.jpg
    caption: A blue kite over the sea
    alt: A blue kite in a clear sky
    date: 2025-09
    people: [kai]
    consent: given
"""
KEPT_OUT = ["Greetings from Lilys dad", "Craig", "Fenwick", "must never reach"]


def site_text(page: Path) -> str:
    return html.unescape(page.read_text(encoding="utf-8"))


def whats_new(page: Path) -> str:
    """The welcome page's "New since your last copy" section ("" when there is none)."""
    found = re.search(r'(?s)<section class="jb-whats-new">.*?</section>', site_text(page))
    return found.group() if found else ""


def link_targets(section: str) -> list[tuple[str, str]]:
    return re.findall(r'href="([\w-]+\.html)#([\w-]+)"', section)


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory, known: Path) -> SimpleNamespace:
    """The demo released, grown, released again, released unchanged, previewed and shrunk, in
    that order; what each step made is kept here for the tests below."""
    root = tmp_path_factory.mktemp("grown")
    folder = root / "journeys" / "demo"
    shutil.copytree(DEMO, folder)
    out = root / "release"
    seen = SimpleNamespace(folder=folder, out=out, store=out / ".versions" / "demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", DAY_1)
        copies = shared_cache(known, release=True)  # what is known of the demo's pictures
        first = build(folder, out, release=True, pdf=False, cache_dir=copies)
        seen.first, seen.first_news = first.version, whats_new(out / "demo" / "site" / "index.html")

        # The coordinator adds a memory and a photo, and Lily's dad (never shown) sends one too.
        (folder / "memories" / "nan-beach.md").write_text(NAN_MEMORY, encoding="utf-8")
        (folder / "memories" / "from-craig.md").write_text(CRAIG_MEMORY, encoding="utf-8")
        save_image(folder / "photos" / "kite-two.jpg", size=(900, 600), colour=(30, 120, 200))
        with (folder / "photos.yaml").open("a", encoding="utf-8") as photos:
            photos.write(KITE)
        patch.setenv("SOURCE_DATE_EPOCH", DAY_2)
        second = build(folder, out, release=True, cache_dir=copies)
        copy = out / "demo"
        seen.second = second.version
        seen.news = whats_new(copy / "site" / "index.html")
        seen.pages = {path.name: site_text(path) for path in (copy / "site").glob("*.html")}
        seen.pdf = " ".join(pdf_text(copy / "book.pdf").split())
        seen.destinations = set(PdfReader(copy / "book.pdf").named_destinations)
        seen.kept_out = words_in_files(copy, KEPT_OUT) + words_in_files(seen.store, KEPT_OUT)

        # The same copy again, made afresh (another cache): it is version 2 again.
        again = build(folder, out, release=True, pdf=False,
                      cache_dir=another_cache(known, root / "other-cache", release=True))
        seen.again, seen.again_news = again.version, whats_new(copy / "site" / "index.html")
        seen.files_after_again = sorted(p.name for p in seen.store.iterdir())

        # The coordinator's preview, against the copies folder: the same news.
        preview = build(folder, root / "build", pdf=False, release_root=out,
                        cache_dir=shared_cache(known))
        seen.preview_news = whats_new(preview.output / "site" / "index.html")

        # A memory taken out, a caption changed: version 3, with nothing new to announce.
        (folder / "memories" / "nan-beach.md").unlink()
        photos_yaml = (folder / "photos.yaml").read_text(encoding="utf-8")
        (folder / "photos.yaml").write_text(photos_yaml.replace(
            "A blue kite over the sea", "The blue kite Carol bought you"), encoding="utf-8")
        patch.setenv("SOURCE_DATE_EPOCH", DAY_3)
        third = build(folder, out, release=True, pdf=False, cache_dir=copies)
        seen.third, seen.third_news = third.version, whats_new(copy / "site" / "index.html")
    return seen


def test_the_first_release_is_version_1_and_announces_nothing(grown):
    assert grown.first.number == 1 and grown.first.new
    assert grown.first.said() == "Kept as version 1, 18 November 2026: the first copy."
    assert grown.first_news == ""
    kept = json.loads((grown.store / "v0001.json").read_text(encoding="utf-8"))
    assert kept["mark"] == versions.MARK and kept["date"] == "2026-11-18"
    assert "memories/nan-beach.md" not in json.dumps(kept)


def test_a_second_release_says_what_was_added(grown):
    assert grown.second.number == 2 and grown.second.new
    assert grown.second.changes.added == [
        ("memories", "\u201cA day at the beach\u201d, from Nan"),
        ("photos", "kite-two.jpg: \u201cA blue kite over the sea\u201d")]
    assert grown.second.changes.changed == [] and grown.second.changes.removed == []
    assert grown.second.said() == "Kept as version 2, 25 November 2026: 1 memory, 1 photo added."


def test_the_grown_copy_opens_with_what_is_new_linking_to_each_item(grown):
    """The welcome page lists the new memory and photo, and each link lands on its item."""
    assert NEW in grown.news
    assert "A day at the beach" in grown.news and "A blue kite over the sea" in grown.news
    targets = link_targets(grown.news)
    assert [page for page, _anchor in targets] == ["memories.html", "photos.html"]
    memory = re.search(rf'id="{targets[0][1]}"(.*?)</article>', grown.pages["memories.html"],
                       re.S)
    assert memory and "A day at the beach" in memory.group(1)
    photo = re.search(rf'<figure[^>]*id="{targets[1][1]}"(.*?)</figure>',
                      grown.pages["photos.html"], re.S)
    assert photo and "A blue kite over the sea" in photo.group(1)
    # Only what is new: nothing that was in the first copy is announced.
    assert "Finding you again" not in grown.news


def test_the_book_opens_with_what_is_new_too(grown):
    start = grown.pdf.index("Hello, Kai")
    welcome = grown.pdf[start:grown.pdf.index("All about me Your favourite things", start)]
    assert NEW in welcome
    assert "A day at the beach · Memories" in welcome
    assert "A blue kite over the sea · Photos" in welcome
    anchors = {anchor for _page, anchor in link_targets(grown.news)}
    assert anchors <= grown.destinations  # the book's links land on the items too


def test_a_never_shown_persons_memory_added_between_releases_appears_nowhere(grown):
    assert grown.kept_out == []
    assert "Greetings" not in grown.news and "Lilys dad" not in grown.pages["memories.html"]


def test_the_same_copy_again_makes_no_new_version_and_keeps_its_news(grown):
    assert not grown.again.new and grown.again.number == 2
    assert grown.again.said().startswith("Same as version 2")
    assert grown.files_after_again == ["journey.json", "v0001.json", "v0002.json"]  # whose
    assert grown.again_news == grown.news  # still new since version 1


def test_the_preview_shows_the_news_the_young_person_will_see(grown):
    """Against the last version in the copies folder: the preview's copy would be version 2
    again, so it shows version 2's news, as the young person's copy does."""
    assert link_targets(grown.preview_news) and \
        re.sub(r"#[\w-]+", "", grown.preview_news) == re.sub(r"#[\w-]+", "", grown.news)


def test_what_was_removed_is_never_told_to_the_young_person(grown):
    assert grown.third.number == 3 and grown.third.new
    assert grown.third.changes.removed == [("memories",
                                            "\u201cA day at the beach\u201d, from Nan")]
    assert grown.third.changes.changed == [
        ("photos", "kite-two.jpg: \u201cThe blue kite Carol bought you\u201d")]
    assert grown.third_news == ""  # nothing new: no section, and never a word of what went


def test_releases_lists_every_version_for_the_coordinator(grown, capsys):
    assert main(["releases", str(grown.folder), "--out", str(grown.out)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("demo: 3 versions of the young person's copy")
    assert re.search(r"Version 1, released 18 November 2026\n  The first copy: \d+ people, "
                     r"\d+ memories, \d+ letters, \d+ photos, \d+ plan promises, "
                     r"\d+ plan reviews\.\n", said)
    assert ("Version 2, released 25 November 2026\n  Added:\n"
            "    - memory \u201cA day at the beach\u201d, from Nan\n"
            "    - photo kite-two.jpg: \u201cA blue kite over the sea\u201d\n") in said
    assert ("Version 3, released 2 December 2026\n  Changed:\n"
            "    - photo kite-two.jpg: \u201cThe blue kite Carol bought you\u201d\n"
            "  No longer in the copy:\n"
            "    - memory \u201cA day at the beach\u201d, from Nan") in said
    assert not [word for word in KEPT_OUT if word in said]


def test_releases_before_any_release_says_so(tmp_path, capsys):
    assert main(["releases", str(tmp_path / "journeys" / "sam"), "--out",
                 str(tmp_path / "release")]) == 0
    said = capsys.readouterr().out
    assert said.startswith("No young person's copy of sam has been released yet")


def test_a_damaged_version_is_named_in_plain_words(tmp_path, capsys):
    store = tmp_path / "release" / ".versions" / "sam"
    store.mkdir(parents=True)
    (store / "v0001.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BuildError, match=r"v0001\.json: this is not a version journeybook can"):
        versions.history(store)
    assert main(["releases", str(tmp_path / "sam"), "--out", str(tmp_path / "release")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "v0001.json" in err and "Traceback" not in err


def test_the_gate_refuses_a_copy_holding_a_version(tmp_path):
    """A version names what each copy held (and the case files): it never ships, whatever
    it is called and wherever it is put."""
    folder = write_journey(tmp_path / "journeys" / "sam", minimal_files())
    out = tmp_path / "release"
    build(folder, out, release=True, pdf=False)
    terms = gate.terms_for(check(folder).journey)
    copy = out / "sam"
    assert gate.scan(copy, terms) == []
    shutil.copy(out / ".versions" / "sam" / "v0001.json", copy / "site" / "notes.txt")
    findings = gate.scan(copy, terms)
    assert [(f.where, f.why) for f in findings] == [
        ("site/notes.txt", "a version record of the copies released, which is for "
                           "coordinators only")]
    (copy / "site" / "notes.txt").unlink()
    shutil.copytree(out / ".versions", copy / "site" / ".versions")
    whys = {(f.where, f.why) for f in gate.scan(copy, terms)}
    assert ("site/.versions", "the record of the copies released, which is for coordinators "
            "only") in whys
    assert ("site/.versions/sam/v0001.json", "a version record of the copies released, "
            "which is for coordinators only") in whys


def test_the_preview_and_the_copy_show_the_same_items(known):
    """What is new in a preview is worked out from the same items as the copy's: a preview's
    left-out items (greyed for the coordinator) are not in its manifest."""
    preview = check(DEMO, cache_dir=known).cast
    copy = check(DEMO, cache_dir=known, release=True).cast
    assert len(preview.memories) > len(copy.memories)  # the preview holds what is left out
    assert changes.manifest(preview) == changes.manifest(copy)


def test_the_version_a_copy_is_new_against():
    one = {"memories": {"a": changes.Entry("a", "1")}}
    two = {"memories": {"a": changes.Entry("a", "1"), "b": changes.Entry("b", "2")}}
    history = [changes.Version(1, "2026-11-18", one), changes.Version(2, "2026-11-25", two)]
    assert changes.previous([], two) is None  # a first copy: nothing is new
    assert changes.previous(history[:1], one) is None  # version 1 again
    assert changes.previous(history, two) == one  # version 2 again: new since version 1
    assert changes.previous(history, {"memories": {}}) == two  # a new version: since 2


def test_clean_keeps_the_versions_unless_asked(tmp_path):
    copies, previews = tmp_path / "release", tmp_path / "build"
    for made in (copies / "sam" / "site", copies / ".versions" / "sam", previews / "sam"):
        made.mkdir(parents=True)
    (copies / ".versions" / "sam" / "v0001.json").write_text("{}")
    common = ["--out", str(previews), "--release-out", str(copies)]
    assert main(["clean", str(tmp_path / "sam"), *common]) == 0
    assert main(["clean", "--copies", *common]) == 0
    assert sorted(p.name for p in copies.iterdir()) == [".versions"]
    assert main(["clean", str(tmp_path / "sam"), "--versions", *common]) == 0
    assert not (copies / ".versions" / "sam").exists()


def test_a_new_person_promise_and_review_are_news_with_their_place(tmp_path):
    """People, the plan's promises and its reviews are announced too, each linking to its
    card or line; a withheld person by what the book calls them, never their name."""
    files = minimal_files()
    folder = write_journey(tmp_path / "sam", files)
    before = changes.manifest(check(folder, release=True).cast)
    files["people.yaml"]["people"] += [
        {"id": "gran", "called": "Granny Bee", "relation": "your Gran", "sex": "female"},
        {"id": "dad", "called": "Dad", "full_name": "Dermot Hidden", "relation": "your dad",
         "visibility": "name withheld"}]
    files["plan.yaml"] = {"commitments": [{"who": ["gran"], "what": "Tea on Sundays"}],
                          "reviews": [{"date": "2026-03-02", "by": "Jo", "changes": "More tea"}]}
    write_journey(folder, files)
    history = [changes.Version(1, "2026-01-01", before)]
    book = check(folder, release=True, history=history).book
    news = [(item.title, item.chapter, item.page, item.anchor) for item in book.whats_new]
    cards = {card.name: card.anchor for group in book.groups
             for card in [*group.people, *group.also]}  # "your dad" is in an "Also:" line
    assert news == [("Granny Bee", "My people", "people", cards["Granny Bee"]),
                    ("your dad", "My people", "people", cards["your dad"]),
                    ("Tea on Sundays", "My Lifelong Links plan", "plan", "promise-1"),
                    ("Review of your plan, 2 March 2026", "My Lifelong Links plan", "plan",
                     "review-1")]
    assert book.commitments[0].anchor == "promise-1" and book.reviews[0].anchor == "review-1"
    assert "Dermot" not in repr(book.whats_new)


FAIR = "---\nfrom: mum\ntitle: A day at the fair\nconsent: given\n---\nCandyfloss.\n"


def two_kais(root: Path) -> tuple[Path, Path]:
    """Two young people called Kai, each in their own team's folder named kai."""
    first, second = minimal_files(), minimal_files()
    first["journey.yaml"]["young_person"].update(called="Kai", full_name="Kai Firstchild")
    first["memories/fair.md"] = FAIR
    second["journey.yaml"]["young_person"].update(called="Kai", full_name="Kai Secondchild",
                                                  born="2013-03-03")
    return (write_journey(root / "team1" / "kai", first),
            write_journey(root / "team2" / "kai", second))


def test_two_young_people_of_the_same_folder_name_never_share_a_copy_or_versions(
        tmp_path, monkeypatch, capsys):
    """Issue 21, class 11: the second Kai's copy, built into the same --out, is refused before
    anything is written (the first Kai's copy, versions and caches unchanged); `releases`
    never lists one child's versions for the other; built where the coordinator is told, the
    second Kai's copy is a first version of its own. Their previews are kept apart too."""
    monkeypatch.chdir(tmp_path)
    first, second = two_kais(tmp_path)
    assert main(["build", "--release", "--no-pdf", "--quiet", str(first)]) == 0
    before = {folder: fingerprint(tmp_path / folder) for folder in ("release", "build")}
    capsys.readouterr()
    assert main(["build", "--release", "--no-pdf", "--quiet", str(second)]) == 1
    said = capsys.readouterr().err
    assert (f"error: release/.versions/kai: these are the versions of another young person's "
            f"copy, not of {second} (its journey.yaml names another young person or date of "
            "birth). release/kai is that young person's copy. Nothing was written, and nothing "
            f"of theirs was changed. Build {second} with another --out") in said
    assert {folder: fingerprint(tmp_path / folder) for folder in before} == before
    assert main(["releases", str(second)]) == 1
    assert "these are the versions of another young person's copy" in capsys.readouterr().err
    assert main(["releases", str(first)]) == 0
    assert "kai: 1 version" in capsys.readouterr().out
    assert main(["build", "--release", "--no-pdf", "--quiet", str(second),
                 "--out", "release2"]) == 0
    assert "Kept as version 1, " in capsys.readouterr().out
    assert words_in_files(tmp_path / "release2", ["fair", "Candyfloss", "Firstchild"]) == []
    assert fingerprint(tmp_path / "release") == before["release"]
    assert main(["build", "--no-pdf", "--quiet", str(first)]) == 0
    assert main(["build", "--no-pdf", "--quiet", str(second)]) == 1
    assert "build/kai: this is the preview of another young person's journey" in \
        capsys.readouterr().err


def test_the_same_journey_moved_and_rebuilt_is_its_next_version(tmp_path, monkeypatch, capsys):
    """Whose a journey is does not depend on where its folder is: moved (and its young
    person's date of birth written another way), its next copy is version 2 as ever."""
    monkeypatch.chdir(tmp_path)
    first, _second = two_kais(tmp_path)
    assert main(["build", "--release", "--no-pdf", "--quiet", str(first)]) == 0
    moved = tmp_path / "secure" / "kai"
    shutil.move(first, moved)
    journey = (moved / "journey.yaml").read_text()
    (moved / "journey.yaml").write_text(journey.replace("2012-05-01", "1 May 2012"))
    (moved / "memories" / "beach.md").write_text(FAIR.replace("fair", "beach"))
    capsys.readouterr()
    assert main(["build", "--release", "--no-pdf", "--quiet", str(moved)]) == 0
    assert "Kept as version 2, " in capsys.readouterr().out
    assert main(["releases", str(moved)]) == 0
    assert "kai: 2 versions" in capsys.readouterr().out


def test_versions_kept_before_identities_are_adopted_by_the_next_build(tmp_path):
    """A store an earlier journeybook kept says nothing of whose it is: the next release of
    the journey built into it keeps its versions as this journey's, and from then on another
    young person's journey of the same folder name is refused."""
    first, second = two_kais(tmp_path)
    out = tmp_path / "release"
    build(first, out, release=True, pdf=False)
    store = out / ".versions" / "kai"
    (store / identity.STORE_FILE).unlink()
    (first / "memories" / "beach.md").write_text(FAIR.replace("fair", "beach"))
    assert build(first, out, release=True, pdf=False).version.number == 2
    assert identity.of_store(store) == identity.of_journey(first) != identity.of_journey(second)
    with pytest.raises(BuildError, match="these are the versions of another young person's"):
        build(second, out, release=True, pdf=False)
    assert [v.number for v in versions.history(store)] == [1, 2]


def test_a_journeys_identity_is_its_young_person_not_its_folder(tmp_path):
    first, second = two_kais(tmp_path)
    assert len(identity.of_journey(first)) == 16
    assert identity.of_journey(first) != identity.of_journey(second)
    written = (first / "journey.yaml").read_text()
    same = write_journey(tmp_path / "elsewhere" / "kai-f", {"journey.yaml": written.replace(
        "Kai Firstchild", "KAI  FIRSTCHILD").replace("2012-05-01", "1 May 2012")})
    assert identity.of_journey(same) == identity.of_journey(first)
    assert identity.of_journey(tmp_path / "nowhere") == ""



def test_a_copy_in_another_language_is_a_new_version(tmp_path, monkeypatch, known):
    """Issue 22: the demo switched to Arabic was 'Same as version 1'. Every part of the copy
    counts, not only its items: the language, the colour, the paper, the timeline..."""
    folder = tmp_path / "journeys" / "demo"
    shutil.copytree(DEMO, folder)
    out = tmp_path / "release"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_1)
    copies = shared_cache(known, release=True)
    assert build(folder, out, release=True, pdf=False, cache_dir=copies).version.number == 1
    journey = folder / "journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("language: en",
                                                                   "language: ar"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_2)
    second = build(folder, out, release=True, pdf=False, cache_dir=copies).version
    assert second.number == 2 and second.new
    assert second.changes.changed == [("book", "'language'")]
    assert second.said() == "Kept as version 2, 25 November 2026: 1 part of the book changed."
    # The same again, made afresh (another cache): version 2 again, nothing new.
    again = build(folder, out, release=True, pdf=False,
                  cache_dir=another_cache(known, tmp_path / "fresh", release=True)).version
    assert (again.number, again.new) == (2, False)


def test_a_version_kept_before_the_books_parts_were_is_told_plainly(tmp_path, monkeypatch):
    """A store from before versions compared the book's parts (its language...): the next
    release is a new version that says so, not one that claims its parts were 'added'."""
    folder = write_journey(tmp_path / "sam", minimal_files())
    out = tmp_path / "release"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_1)
    build(folder, out, release=True, pdf=False)
    first = out / ".versions" / "sam" / "v0001.json"
    kept = json.loads(first.read_text(encoding="utf-8"))
    del kept["items"]["book"]
    first.write_text(json.dumps(kept), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DAY_2)
    second = build(folder, out, release=True, pdf=False, cache_dir=tmp_path / "fresh").version
    assert (second.number, second.changes.added, second.changes.changed) == (2, [], [])
    assert second.said() == ("Kept as version 2, 25 November 2026: the book's language, colour, "
                             "paper and other parts are compared from this version on.")
