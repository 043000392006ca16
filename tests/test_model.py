"""Step 4, the model: what reaches a young person's book, and what is left out and why."""

from __future__ import annotations

from dataclasses import asdict

from generator.build import check
from generator.core.geometry import PAGES
from generator.draw import genogram, photo_book
from generator.outputs.render import drawings, writing_html
from tests.conftest import minimal_files, save_image, write_journey


def everything_shown(book) -> str:
    """Every string a template can reach, as one text (SVGs included)."""
    return repr(asdict(book))


def safeguarding_journey(tmp_path):
    files = minimal_files()
    people = files["people.yaml"]["people"]
    people += [
        {"id": "dad", "called": "Darren", "full_name": "Darren Withheldson", "sex": "male",
         "relation": "your birth father", "visibility": "name withheld"},
        {"id": "danger", "called": "Rick", "full_name": "Richard Nevershown", "sex": "male",
         "relation": "Lily's dad", "visibility": "never shown",
         "contact": {"address": "1 Secret Street", "phone": "07700 900123"}},
        {"id": "lily", "called": "Lily", "relation": "your sister", "sex": "female",
         "parents": ["mum", "danger"], "born": 2015},
        {"id": "nan", "called": "Nan", "full_name": "Pat Grandma", "relation": "your Nan",
         "sex": "female", "contact": {"phone": "01632 960001", "email": "nan@example.org",
                                      "address": "14 Example Road, Thornley"}},
    ]
    files["journey.yaml"]["young_person"]["parents"] = ["mum", "dad"]
    files["people.yaml"]["unions"] = [{"partners": ["mum", "danger"], "ended": "separated"}]
    files["memories/ok.md"] = "---\nfrom: nan\nconsent: given\n---\nYou loved the park.\n"
    files["memories/pending.md"] = "---\nfrom: nan\nconsent: pending\n---\nPending words.\n"
    files["memories/refused.md"] = "---\nfrom: nan\nconsent: refused\n---\nRefused words.\n"
    files["memories/nocons.md"] = "---\nfrom: nan\n---\nNo consent line.\n"
    files["memories/slip.md"] = ("---\nfrom: nan\nconsent: given\n---\nRick came round once "
                                 "and we went to the fair.\n")
    files["memories/addr.md"] = ("---\nfrom: nan\nconsent: given\n---\nCome and see me at "
                                 "14 Example Road, Thornley, TH1 2AB.\n")
    files["memories/by-hidden.md"] = "---\nfrom: danger\nconsent: given\n---\nHi.\n"
    files["letters/phone.md"] = ("---\nfrom: nan\nconsent: given\n---\nRing me on "
                                 "07700 900123 any time.\n")
    files["photos.yaml"] = {"photos": [
        {"file": "photos/a.jpg", "alt": "A park", "consent": "given", "people": ["sam", "nan"]},
        {"file": "photos/b.jpg", "alt": "Fair", "consent": "given", "people": ["danger"]},
        {"file": "photos/c.jpg", "alt": "Cake", "consent": "pending"},
        {"file": "photos/d.jpg", "caption": "Rick's car", "alt": "A car", "consent": "given"},
    ]}
    folder = write_journey(tmp_path / "j", files)
    for name, colour in zip("abcd", [(200, 30, 30), (30, 200, 30), (30, 30, 200), (90, 90, 90)],
                            strict=True):
        save_image(folder / "photos" / f"{name}.jpg", colour=colour)
    return folder


def test_safeguarding_rules(tmp_path):
    """Never-shown people, withheld names, contact details and unconsented items stay out."""
    checked = check(safeguarding_journey(tmp_path), release=True)
    book = checked.book
    shown = everything_shown(book)
    for secret in ("Rick", "Richard", "Nevershown", "Darren", "Withheldson", "Secret Street",
                   "07700", "01632", "nan@example.org", "Example Road", "Pending words",
                   "Refused words", "No consent line", "TH1 2AB"):
        assert secret not in shown, secret
    assert [str(writing_html(m.text)) for m in book.memories] == ["<p>You loved the park.</p>"]
    assert [p.alt for p in book.photos] == ["A park"]
    assert "your birth father" in shown
    assert book.left_out == []  # the reasons are for the coordinator, not in the copy
    reasons = {item.what: item.reason for item in checked.result.left_out}
    assert reasons == {
        "the memory addr.md": "left out: it holds \u201cExample Road\u201d, part of the "
                              "contact details of Nan (nan)",
        "the memory by-hidden.md": "left out: its writer is never shown",
        "the memory nocons.md": "left out: consent is pending",
        "the memory pending.md": "left out: consent is pending",
        "the memory refused.md": "left out: consent is refused",
        "the memory slip.md": "left out: it holds \u201cRick\u201d, a name of Rick (danger), "
                              "who is never shown",
        "the letter phone.md": "left out: it contains what looks like a phone number",
        "the photo photos/b.jpg": "left out: it shows or came from someone who is never shown "
                                  "(photos.yaml, entry 2: photos/b.jpg)",
        "the photo photos/c.jpg": "left out: consent is pending (photos.yaml, entry 3: "
                                  "photos/c.jpg)",
        "the photo photos/d.jpg": "left out: it holds \u201cRick's\u201d, a name of Rick "
                                  "(danger), who is never shown",
    }


def test_preview_shows_what_is_left_out_greyed_with_the_reason(tmp_path):
    """The coordinator's preview keeps left-out items, each marked with why; never contacts."""
    book = check(safeguarding_journey(tmp_path)).book
    assert book.preview
    memories = [m.left_out for m in book.memories]
    assert "Not in the young person's copy: consent is pending" in memories
    assert "" in memories
    cards = {c.id: c for group in book.groups for c in group.people}
    assert cards["danger"].left_out.startswith("Never shown")
    assert "Darren Withheldson" in cards["dad"].preview_note
    shown = everything_shown(book)
    for contact in ("Secret Street", "07700 900123", "01632", "nan@example.org"):
        assert contact not in shown.replace("Ring me on 07700 900123", ""), contact


def test_never_shown_parent_is_a_nameless_placeholder_in_the_tree(tmp_path):
    """Lily stays connected to her father's line through a placeholder with no name."""
    book = check(safeguarding_journey(tmp_path)).book
    tree = genogram.svg(book.tree, book.colour_hex)
    assert 'class="person placeholder"' in tree
    assert "Lily" in tree and "Rick" not in tree


def test_memory_html_is_sanitised(tmp_path):
    """Raw HTML and scripts typed into a memory never survive into the book."""
    files = minimal_files()
    files["memories/x.md"] = ("---\nfrom: mum\nconsent: given\n---\n<script>alert(1)</script>\n\n"
                              "<img src=x onerror=alert(2)> **bold** [link](javascript:alert(3))\n")
    html = str(writing_html(check(write_journey(tmp_path / "j", files)).book.memories[0].text))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    assert "<strong>bold</strong>" in html


def test_the_story_is_told_once_a_home_at_a_time(tmp_path):
    """Places and events in one story: each home opens a part, and what happened (and the
    other places of that time) follow it in order; what came before any home is a part of
    its own. An event's place is not said again inside its own home's part."""
    files = minimal_files()
    files["timeline.yaml"] = {
        "places": [{"id": "b", "name": "Second home", "from": "summer 2016"},
                   {"id": "a", "name": "First home", "from": 2012, "to": "summer 2016"},
                   {"id": "s", "name": "Hill School", "kind": "school", "from": 2015,
                    "lived_here": False}],
        "events": [{"date": "about 2014", "title": "Middle", "place": "a"},
                   {"date": "2011-05-01", "title": "Born"},
                   {"date": "before 2020", "title": "Late", "place": "a"}],
    }
    story = check(write_journey(tmp_path / "j", files)).book.story
    assert [part.home.name if part.home else None for part in story] == [
        None, "First home", "Second home"]
    assert [(m.title, m.when) for m in story[0].moments] == [("Born", "On 1 May 2011")]
    assert story[1].home.when == "from 2012 to summer 2016"
    assert [getattr(m, "title", None) or m.name for m in story[1].moments] == [
        "Middle", "Hill School"]
    assert story[1].moments[0].place == ""  # said by the part it is in
    assert [(m.title, m.when, m.place) for m in story[2].moments] == [
        ("Late", "Before 2020", "First home")]
    assert story[2].home.when == "since summer 2016"


def test_a_photo_with_no_caption_or_date_still_says_where_and_who(tmp_path):
    """Place, people and who shared it are shown even with no caption and no date."""
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/a.jpg", "alt": "A beach", "place": "Filey",
                                        "people": ["mum"], "shared_by": "mum",
                                        "consent": "given"}]}
    folder = write_journey(tmp_path / "j", files)
    save_image(folder / "photos" / "a.jpg")
    (photo,) = check(folder).book.photos
    assert photo.meta == "Filey, with Mum. From Mum"


def test_chapter_intros_follow_the_chapter_not_its_position(tmp_path):
    book = check(write_journey(tmp_path / "j", minimal_files())).book
    book.chapters = list(reversed(book.chapters))
    assert book.intros["letters"] == "Letters people have written to you."


# --- Photo pages: laid out as a photo book, from the photos' shapes and pixels --------------

def test_photo_pages_pair_landscapes_and_give_a_big_upright_photo_the_whole_page():
    page = PAGES["A5"]
    landscape, big_upright, small_upright = (2000, 1500), (2000, 2700), (600, 800)
    slots = photo_book.photo_slots([landscape, big_upright, landscape, landscape, small_upright,
                                    landscape], page)
    assert [(s.layout, s.photos) for s in slots] == [
        ("two", (0, 2)), ("bleed", (1,)), ("two", (3, 5)), ("one", (4,))]
    # a full-page photo now and then, not every time
    many = photo_book.photo_slots([big_upright] * 6, page)
    assert [s.layout for s in many] == ["bleed", "one", "one", "one", "bleed", "one"]


def test_a_picture_too_small_for_where_it_is_printed_is_named_by_check(tmp_path):
    files = minimal_files()
    files["photos.yaml"] = {"photos": [
        {"file": "photos/small.jpg", "alt": "A kite", "consent": "given"},
        {"file": "photos/sharp.jpg", "alt": "A boat", "consent": "given"}]}
    folder = write_journey(tmp_path / "j", files)
    save_image(folder / "photos" / "small.jpg", size=(800, 600))
    save_image(folder / "photos" / "sharp.jpg", size=(1600, 1200))
    warnings = [p.show(folder) for p in check(folder).journey.warnings]
    small = [w for w in warnings if "small.jpg" in w]
    assert len(small) == 1 and "800 x 600 pixels" in small[0]
    # Two landscape photos share a photo page, each 66 mm high: 88 mm wide at 300 an inch.
    assert "at least 1039 pixels wide" in small[0]
    assert not [w for w in warnings if "sharp.jpg" in w]


def test_people_come_closest_first_then_by_family_side(tmp_path):
    """The people page opens with who matters most now (not A to Z): very close before close
    before in touch; within that, brothers and sisters, then Mum's side, then Dad's."""
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "aaron", "called": "Aaron", "relation": "your cousin", "side": "paternal",
         "closeness": {"now": "in touch"}},
        {"id": "zoe", "called": "Zoe", "relation": "your sister", "side": "both",
         "closeness": {"now": "very close"}},
        {"id": "gran", "called": "Gran", "relation": "Dad's mum", "side": "paternal",
         "closeness": {"now": "close"}},
        {"id": "aunt", "called": "Auntie Bea", "relation": "Mum's sister", "side": "maternal",
         "closeness": {"now": "close"}},
        {"id": "bob", "called": "Bob", "relation": "a cousin", "side": "maternal"},
    ]
    checked = check(write_journey(tmp_path / "j", files))
    family = next(group for group in checked.book.groups if group.title == "Family")
    names = [card.name for card in family.people]
    assert names.index("Zoe") < names.index("Auntie Bea") < names.index("Gran")
    assert names.index("Gran") < names.index("Aaron") < names.index("Bob")


def test_own_words_make_a_chapter_only_when_filled_in_and_are_screened(tmp_path):
    """'All about me' appears only with something in it; the young person's words are screened
    like anyone's (a never-shown person's name, a phone number); their say on a chapter ends
    that chapter on the site and in the book."""
    files = minimal_files()
    files["people.yaml"]["people"].append(
        {"id": "rick", "called": "Rick", "full_name": "Richard Nevershown",
         "relation": "Lily's dad", "visibility": "never shown"})
    plain = check(write_journey(tmp_path / "plain", files)).book
    assert "about-me" not in [chapter.slug for chapter in plain.chapters]

    files["journey.yaml"]["in_my_words"] = {
        "favourite_things": [{"thing": "Football", "since": 2016},
                             {"thing": "Visiting Richard Nevershown"}],
        "when_i_grow_up": "A vet. Call me on 07700 900123",
        "languages": ["English", "Tigrinya"],
        "about_chapters": {"plan": "I want to see Lily every week.",
                           "people": "Rick is kind"}}
    checked = check(write_journey(tmp_path / "words", files), release=True)
    book = checked.book
    assert [chapter.slug for chapter in book.chapters][:2] == ["index", "about-me"]
    assert book.own.favourites == [("Football", "2016")]
    assert book.own.when_i_grow_up == ""  # held a phone number: left out, and said so
    assert book.own.languages == "English and Tigrinya"
    assert book.own.about_chapters == {"plan": "I want to see Lily every week."}
    said = " ".join(f"{item.what}: {item.reason}" for item in checked.cast.left_out)
    assert "a favourite thing" in said and "when I grow up" in said
    assert "Nevershown" not in everything_shown(book) and "900123" not in everything_shown(book)

    from generator.outputs.render import book_html, environment, site_pages

    pages = site_pages(book, drawings(book), environment())
    assert "What I want to say about this" in pages["plan.md"]
    assert "What I want to say about this" not in pages["people.md"]
    assert "Football" in pages["about-me.md"] and "since <bdi>2016</bdi>" in pages["about-me.md"]
    assert "I want to see Lily every week." in book_html(book, drawings(book), environment())


def test_everyone_has_a_face_and_a_bare_relation_is_a_line(tmp_path):
    """A face for everyone without a portrait: their name's initial, after any title (Mr
    Adeyemi is A, Nan is N). Someone whose name is withheld, with nothing else to tell, is
    named in a line under the cards, not given an empty card (in the young person's copy: the
    coordinator's preview gives it a card, with the note on what is withheld)."""
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "teacher", "called": "Mr Adeyemi", "relation": "your teacher", "kind": "community"},
        {"id": "nan", "called": "Nan", "relation": "Mum's mum", "side": "maternal"},
        {"id": "dad", "called": "Rick", "relation": "your birth father", "side": "paternal",
         "visibility": "name withheld"},
    ]
    groups = check(write_journey(tmp_path / "j", files), release=True).book.groups
    family = next(group for group in groups if group.title == "Family")
    faces = {card.name: card.initial for group in groups for card in group.people}
    assert faces["Mr Adeyemi"] == "A" and faces["Nan"] == "N" and faces["Mum"] == "M"
    assert [card.name for card in family.also] == ["your birth father"]
    assert "your birth father" not in [card.name for card in family.people]
    assert all(card.initial == "" for card in family.also)
