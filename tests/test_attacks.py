"""Attack journeys: small fictional journeys built to leak, one class of hole at a time.

Each was written the way a careless coordinator, or someone hunting for a child, would try to
get a kept-out name, a contact detail, an unconsented picture or where the young person lives
into the young person's copy. The safe cast must stop every one (checked on the book model,
which is all the pages and the PDF can show); a few are also released end to end, and the
release gate must stop them on its own when the cast is switched off.
"""

from __future__ import annotations

import random
from dataclasses import asdict
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from generator.build import build, check
from generator.cast import safety
from generator.core.errors import JourneybookError
from generator.outputs import gate, render
from generator.outputs.render import writing_html
from tests.conftest import ROOT, minimal_files, pdf_text, save_image, write_journey

FONT = ROOT / "theme" / "fonts" / "Lato-Regular.ttf"


def kept_out_journey(**person) -> dict:
    """The minimal journey plus a never-shown father (Kevin Marsh) and a shown Nan."""
    files = minimal_files()
    files["people.yaml"]["people"] += [
        {"id": "dad", "called": "Kevin", "full_name": "Kevin Marsh", "sex": "male",
         "relation": "your birth father", "visibility": "never shown",
         "contact": {"address": "12 Larch Mews, Oldport", "phone": "07700 900461",
                     "email": "kev.marsh85@example.org"}, **person},
        {"id": "nan", "called": "Nan", "full_name": "Pat Testperson", "relation": "your Nan",
         "sex": "female"},
    ]
    files["journey.yaml"]["young_person"]["parents"] = ["mum", "dad"]
    return files


def with_memory(files: dict, text: str, name: str = "m.md", **front) -> dict:
    meta = {"from": "nan", "consent": "given", **front}
    head = "".join(f"{key}: {value}\n" for key, value in meta.items())
    files[f"memories/{name}"] = f"---\n{head}---\n{text}\n"
    return files


def book_text(folder: Path) -> str:
    """Everything the young person's book model holds, as one text."""
    return repr(asdict(check(folder, release=True).book))


def rendered_text(folder: Path) -> str:
    """Every page of the young person's site and book, as the templates write them."""
    book = check(folder, release=True).book
    env = render.environment()
    drawn = render.drawings(book)
    return "".join(render.site_pages(book, drawn, env).values()) + render.book_html(book, drawn,
                                                                                    env)


def released_memories(folder: Path) -> list[str]:
    return [str(writing_html(m.text)) for m in check(folder, release=True).book.memories]


# -- names in every script and spelling ------------------------------------------------------

SPELLINGS = [
    "Kevin came to the school gate.",
    "KEVIN came to the school gate.",
    "Kevin's car was outside.",
    "Kevin\u2019s car was outside.",
    "Ke\u200dvin came round.",  # a zero-width joiner inside
    "Ke\u00advin came round.",  # a soft hyphen inside
    "\u041aevin came round.",  # a Cyrillic K
    "K\u0435vin came round.",  # a Cyrillic e
    "\u039aevin came round.",  # a Greek Kappa
    "\uff2b\uff45\uff56\uff49\uff4e came round.",  # full-width letters
    "Kévin came round.",
    "Mr Marsh was there.",
    "The Marsh family came.",
    "Kevinn came round.",  # a typo that still reads as the name
    "follow kevinmarsh85 online",  # a handle built from the name
    "k.marsh is his name online",
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_a_kept_out_name_however_it_is_written(tmp_path, text):
    """The never-shown father's name, spelled, joined, disguised or shortened, is left out."""
    folder = write_journey(tmp_path / "j", with_memory(kept_out_journey(), text))
    assert released_memories(folder) == []


SCRIPTS = [
    # (the kept-out person's written name, how a memory writes them)
    (("Muhammad", "محمد حسن"), "رأيت محمد في الحديقة"),
    (("Muhammad", "محمد حسن"), "وَمُحَمَّد كان هناك"),  # "and Muhammad", with vowel marks
    (("Muhammad", "محمد حسن"), "ومحمد كان هناك"),  # "and Muhammad", joined
    (("Muhammad", "محمد حسن"), "Mohammed came to visit."),  # Latin for an Arabic name
    (("Muhammad", "محمد حسن"), "Hasan came to visit."),
    (("Mohammed Hassan", None), "رأيت محمد"),  # Arabic for a Latin name
    (("Fatima", "فاطمة"), "فاطمه جاءت"),  # teh marbuta written as heh
    (("Fatima", "فاطمة"), "Fatimah came."),
    (("Ali Reza", "علی رضا"), "علي رضا آمد"),  # Persian yeh vs Arabic yeh
    (("Kamal", "کمال"), "كمال آمد"),  # Persian kaf vs Arabic kaf
    (("Kamal", "کمال"), "کـمـال آمد"),  # tatweel
    (("Tesfay", "ተስፋይ"), "ለተስፋይ ደብዳቤ"),  # Ge'ez "to Tesfay", joined
    (("Tesfay", "ተስፋይ"), "Tesfaye sent a card."),
    (("Gul Ahmad", "گل‌احمد"), "Gulahmad sent a card."),
]


@pytest.mark.parametrize(("name", "text"), SCRIPTS)
def test_a_kept_out_name_in_another_script_or_transliteration(tmp_path, name, text):
    """Arabic, Persian and Ge'ez letter variants, joined prefixes, marks and transliteration."""
    called, full_name = name
    files = kept_out_journey(called=called, full_name=full_name)
    folder = write_journey(tmp_path / "j", with_memory(files, text))
    assert released_memories(folder) == []


@pytest.mark.parametrize("text", [
    "Mrs Vu took you to the park.", "Mr. Vu was kind.", "Thi Vu came.", "Vu Thi came."])
def test_short_family_names_with_a_title_or_given_name(tmp_path, text):
    files = kept_out_journey(called="Thi", full_name="Thi Vu")
    folder = write_journey(tmp_path / "j", with_memory(files, text))
    assert released_memories(folder) == []
    warnings = [w.message for w in check(folder).result.warnings]
    assert any("'vu'" in w and "too short" in w for w in warnings), warnings


@pytest.mark.parametrize("text", [
    "Kai and Nan went to the park.", "We went to the market.", "Mark my words, you did well.",
    "It was a sunny day in the marsh lands", "The café on the corner."])
def test_ordinary_words_are_not_taken_for_names(tmp_path, text):
    """No false alarm on everyday words near a kept-out name (Kevin Marsh)."""
    files = kept_out_journey()
    if "marsh" in text:  # a lower-case word that is the name itself is still left out
        folder = write_journey(tmp_path / "j", with_memory(files, text))
        assert released_memories(folder) == []
        return
    folder = write_journey(tmp_path / "j", with_memory(files, text))
    assert len(released_memories(folder)) == 1


@pytest.mark.parametrize(("text", "kept"), [
    ("او یک مرد مهربان است", True),  # Persian "he is a kind man": mard (m-r-d) is not M. Reid
    ("این مورد مهم است", True),  # "this case is important": mawrid
    ("مارکوس آمد", False),  # "Marcus came", in Persian letters: still his name
])
def test_a_handle_made_from_a_name_is_not_looked_for_in_other_scripts(tmp_path, text, kept):
    """'mreid' (a handle: initial and surname) stays Latin; its consonants would otherwise take
    ordinary Persian words for Marcus Reid and block every Dari book keeping him out."""
    files = kept_out_journey(called="Marcus", full_name="Marcus Reid")
    folder = write_journey(tmp_path / "j", with_memory(files, text))
    assert len(released_memories(folder)) == (1 if kept else 0)


# -- pieces of contact details -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "You can find him on Larch Mews.",  # his street, without the number
    "write to kev.marsh85",  # his email's local part
    "Ring 07700 900 461",  # his phone, spaced another way
    "ring 07700.900.461",
    "Email: pat at example dot org",
])
def test_pieces_of_a_kept_out_persons_contact_details(tmp_path, text):
    folder = write_journey(tmp_path / "j", with_memory(kept_out_journey(), text))
    assert released_memories(folder) == []


def test_file_names_never_reach_the_page(tmp_path):
    """A memory's file name (here the father's name) is not used for the page's ids."""
    files = with_memory(kept_out_journey(), "A lovely day.", name="from-kevin-marsh.md")
    folder = write_journey(tmp_path / "j", files)
    text = book_text(folder)
    assert "kevin" not in text.lower() and "marsh" not in text.lower()


# -- pictures, by every route ----------------------------------------------------------------

def pictures_journey(tmp_path: Path, photos: list[dict], **young_person) -> Path:
    files = kept_out_journey()
    files["photos.yaml"] = {"photos": photos}
    files["journey.yaml"]["young_person"].update(young_person)
    folder = write_journey(tmp_path / "j", files)
    colours = iter([(200, 30, 30), (30, 160, 60), (40, 60, 200), (230, 200, 40)])
    for name in ("secret.jpg", "ok.jpg"):
        save_image(folder / "photos" / name, size=(300, 200), colour=next(colours))
    return folder


def shown_digests(folder: Path) -> set[str]:
    return {p.digest for p in check(folder, release=True).book.pictures()}


def digest_of(folder: Path, relative: str) -> str:
    from generator.sources.images import MediaIndex

    return MediaIndex(folder).get(relative).digest


REFUSED = {"file": "photos/secret.jpg", "alt": "A secret", "consent": "refused"}
PENDING = {"file": "photos/secret.jpg", "alt": "A secret", "consent": "pending"}
OF_HIDDEN = {"file": "photos/secret.jpg", "alt": "A day out", "consent": "given",
             "people": ["dad"]}
GIVEN = {"file": "photos/secret.jpg", "alt": "A secret", "consent": "given"}


@pytest.mark.parametrize("entry", [REFUSED, PENDING, OF_HIDDEN], ids=["refused", "pending",
                                                                    "of-never-shown"])
def test_a_picture_left_out_is_not_shown_as_the_cover(tmp_path, entry):
    folder = pictures_journey(tmp_path, [entry], cover_photo="photos/secret.jpg")
    assert digest_of(folder, "photos/secret.jpg") not in shown_digests(folder)
    reasons = [i.reason for i in check(folder, release=True).result.left_out]
    assert any("not shown" in r for r in reasons), reasons


@pytest.mark.parametrize("entry", [REFUSED, PENDING, OF_HIDDEN], ids=["refused", "pending",
                                                                    "of-never-shown"])
def test_a_picture_left_out_is_not_shown_as_a_persons_photo(tmp_path, entry):
    files_entry = dict(entry)
    folder = pictures_journey(tmp_path, [files_entry])
    people = folder / "people.yaml"
    people.write_text(people.read_text().replace("relation: your Nan",
                                                 "relation: your Nan\n  photo: photos/secret.jpg"))
    assert digest_of(folder, "photos/secret.jpg") not in shown_digests(folder)


def test_the_strictest_entry_wins_when_a_picture_is_listed_twice(tmp_path):
    folder = pictures_journey(tmp_path, [GIVEN, REFUSED])
    assert digest_of(folder, "photos/secret.jpg") not in shown_digests(folder)


def test_a_copy_under_another_name_follows_the_original(tmp_path):
    folder = pictures_journey(tmp_path, [REFUSED, {**GIVEN, "file": "photos/copy.jpg"}])
    (folder / "photos" / "copy.jpg").write_bytes((folder / "photos" / "secret.jpg").read_bytes())
    assert shown_digests(folder) == set()


def test_a_resaved_smaller_copy_follows_the_original(tmp_path):
    folder = pictures_journey(tmp_path, [REFUSED, {**GIVEN, "file": "photos/copy.png"}])
    image = Image.new("RGB", (600, 400), (250, 250, 240))
    draw = ImageDraw.Draw(image)
    rng = random.Random(3)
    for _ in range(40):
        x, y = rng.randint(0, 560), rng.randint(0, 360)
        draw.ellipse([x, y, x + 40, y + 40], fill=tuple(rng.randint(0, 255) for _ in range(3)))
    image.save(folder / "photos" / "secret.jpg", quality=92)
    image.resize((300, 200)).save(folder / "photos" / "copy.png")
    assert shown_digests(folder) == set()


def test_a_picture_with_no_entry_is_not_the_cover(tmp_path):
    folder = pictures_journey(tmp_path, [], cover_photo="photos/secret.jpg")
    assert shown_digests(folder) == set()
    reasons = [i.reason for i in check(folder, release=True).result.left_out]
    assert any("no entry in photos.yaml" in r for r in reasons), reasons


def test_a_picture_typed_into_a_memory_is_not_shown(tmp_path):
    folder = pictures_journey(tmp_path, [REFUSED])
    memory = folder / "memories" / "m.md"
    memory.parent.mkdir(exist_ok=True)
    memory.write_text("---\nfrom: nan\nconsent: given\n---\nLook: ![me](photos/secret.jpg)\n\n"
                      '<img src="photos/secret.jpg">\n')
    assert "secret.jpg" not in rendered_text(folder)
    assert shown_digests(folder) == set()


def test_the_tool_never_says_left_out_for_something_that_shipped(tmp_path):
    folder = pictures_journey(tmp_path, [REFUSED, {**GIVEN, "file": "photos/ok.jpg"}],
                              cover_photo="photos/secret.jpg")
    checked = check(folder, release=True)
    said_out = {i.what for i in checked.result.left_out}
    shipped = shown_digests(folder)
    assert digest_of(folder, "photos/ok.jpg") in shipped
    assert "the photo photos/ok.jpg" not in said_out
    assert digest_of(folder, "photos/secret.jpg") not in shipped


# -- writing inside scanned letters ----------------------------------------------------------

def scan_of(path: Path, lines: list[str]) -> Path:
    """A typed letter 'scanned' to an image: big, clear words that OCR reads."""
    font = ImageFont.truetype(str(FONT), 44)
    image = Image.new("RGB", (1400, 200 + 80 * len(lines)), "white")
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((80, 80 + 80 * number), line, fill="black", font=font)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=90)
    return path


def letter_journey(tmp_path: Path, lines: list[str] | None, pdf: bool = False,
                   **front) -> Path:
    files = kept_out_journey()
    scan = "letters/scan.pdf" if pdf else "letters/scan.jpg"
    meta = "".join(f"{k}: {v}\n" for k, v in front.items())
    files["letters/l.md"] = (f"---\nfrom: nan\nscans: [{scan}]\nconsent: given\n{meta}---\n"
                             "A letter from Nan, about the summer.\n")
    folder = write_journey(tmp_path / "j", files)
    image = folder / "letters" / "scan.jpg"
    if lines is None:  # writing no machine can read
        noise = Image.effect_noise((900, 1200), 90).convert("RGB")
        image.parent.mkdir(parents=True, exist_ok=True)
        noise.save(image)
    else:
        scan_of(image, lines)
    if pdf:
        with Image.open(image) as opened:
            opened.save(folder / "letters" / "scan.pdf", resolution=150)
        image.unlink()
    return folder


CLEAN = ["Dear Sam,", "We had such a lovely summer at the seaside", "with lots of ice cream.",
         "With love from Nan"]


@pytest.mark.parametrize("pdf", [False, True], ids=["image", "image-only-pdf"])
@pytest.mark.parametrize("line", ["Kevin Marsh asked after you", "Come to 12 Larch Mews Oldport",
                                  "Ring me on 07700 900461"])
def test_writing_inside_a_scan_is_read_and_screened(tmp_path, line, pdf):
    folder = letter_journey(tmp_path, [*CLEAN[:2], line, CLEAN[3]], pdf=pdf)
    checked = check(folder, release=True)
    assert checked.book.letters == []
    reasons = [i.reason for i in checked.result.left_out]
    assert any("scan" in r for r in reasons), reasons


def test_a_clean_readable_scan_is_shown(tmp_path):
    folder = letter_journey(tmp_path, CLEAN)
    assert len(check(folder, release=True).book.letters) == 1


def test_an_unreadable_scan_needs_the_coordinators_word(tmp_path):
    folder = letter_journey(tmp_path, None)
    checked = check(folder, release=True)
    assert checked.book.letters == []
    assert any("scan_checked" in i.reason for i in checked.result.left_out)
    checked_by_hand = letter_journey(tmp_path / "2", None,
                                     scan_checked="{by: SO, on: 2024-05-01}")
    assert len(check(checked_by_hand, release=True).book.letters) == 1


# -- where the young person lives now --------------------------------------------------------

def confidential_journey(tmp_path: Path, placement: str = "confidential") -> Path:
    files = minimal_files()
    files["journey.yaml"]["placement"] = placement
    files["journey.yaml"]["young_person"]["carers"] = [{"id": "carer-sue", "kind": "foster",
                                                        "from": 2021}]
    files["people.yaml"]["people"].append(
        {"id": "carer-sue", "called": "Sue", "full_name": "Sue Pemberton", "kind": "carer",
         "relation": "your foster carer", "sex": "female"})
    files["timeline.yaml"] = {"places": [
        {"id": "old", "name": "Mum's flat in Brackenford", "from": 2012, "to": 2021},
        {"id": "now", "name": "Sue's house in Hollowmere", "from": 2021},
        {"id": "school", "name": "Hollowmere Academy", "kind": "school", "from": 2021,
         "lived_here": False}]}
    files = with_memory(files, "Sue Pemberton drives you to Hollowmere Academy every day.",
                        **{"from": "mum"})
    return write_journey(tmp_path / "j", files)


def test_a_confidential_placement_keeps_where_they_live_out(tmp_path):
    text = book_text(confidential_journey(tmp_path))
    for secret in ("Hollowmere", "Pemberton"):
        assert secret not in text
    assert "Brackenford" in text and "Sue" in text  # the past, and the carer by first name


def test_an_open_placement_shows_where_they_live(tmp_path):
    text = book_text(confidential_journey(tmp_path, "open"))
    assert "Hollowmere" in text and "Pemberton" in text


# -- the cast and the gate each stop a leak on their own -------------------------------------

def release_files_text(out: Path) -> str:
    texts = [p.read_text(errors="replace") for p in out.rglob("*")
             if p.is_file() and p.suffix in {".html", ".json", ".js", ".svg"}]
    texts += [pdf_text(p) for p in out.rglob("*.pdf")]
    return "\n".join(texts)


LEAKS = ["\u041aevin came to the school gate.", "ومحمد كان هناك", "Mrs Vu took you out."]


def leaky_journey(tmp_path: Path) -> Path:
    files = kept_out_journey()
    files["people.yaml"]["people"] += [
        {"id": "uncle", "called": "Muhammad", "full_name": "محمد حسن", "relation": "an uncle",
         "visibility": "never shown"},
        {"id": "aunt", "called": "Thi", "full_name": "Thi Vu", "relation": "an aunt",
         "visibility": "never shown"}]
    for number, text in enumerate(LEAKS):
        with_memory(files, text, name=f"m{number}.md")
    return write_journey(tmp_path / "j", files)


def test_the_cast_alone_keeps_every_leak_out(tmp_path, monkeypatch):
    """With the gate switched off, the released copy still holds none of the leaks."""
    monkeypatch.setattr(gate, "scan", lambda folder, terms: [])
    result = build(leaky_journey(tmp_path), tmp_path / "out", release=True)
    text = release_files_text(result.output)
    for leak in LEAKS:
        assert leak.split()[0] not in text, leak


def test_the_gate_alone_stops_every_leak(tmp_path, monkeypatch):
    """With the cast's screen switched off, the gate still refuses the copy, naming why."""
    monkeypatch.setattr(safety.Screen, "find", lambda self, *texts: None)
    with pytest.raises(JourneybookError) as refused:
        build(leaky_journey(tmp_path), tmp_path / "out", release=True)
    message = str(refused.value)
    for who in ("Kevin (dad)", "Muhammad (uncle)", "Thi (aunt)"):
        assert who in message, message
    assert not (tmp_path / "out" / "j").exists()


def test_the_gate_alone_reads_a_scanned_letter(tmp_path, monkeypatch):
    """With the cast's reading of scans switched off, the gate reads the picture itself."""
    from generator.cast import scans

    monkeypatch.setattr(scans, "read", lambda *args: scans.ScanText("", True))
    folder = letter_journey(tmp_path, [*CLEAN[:2], "Kevin Marsh asked after you", CLEAN[3]])
    with pytest.raises(JourneybookError) as refused:
        build(folder, tmp_path / "out", release=True, pdf=False)
    assert "writing in the picture" in str(refused.value)
    assert "Kevin (dad)" in str(refused.value)


def test_a_kept_out_max_or_grid_does_not_block_a_release_by_the_pages_own_markup(tmp_path):
    """'sizes="(max-width...)"' and 'class="md-grid"' are layout, not words: the copy is made."""
    files = kept_out_journey(called="Max", full_name="Max Grid")
    files["photos.yaml"] = {"photos": [{"file": "photos/ok.jpg", "alt": "A kite",
                                        "consent": "given"}]}
    files["timeline.yaml"] = {"events": [{"date": "2020-05-01", "title": "A day at the sea"}]}
    folder = write_journey(tmp_path / "j", files)
    save_image(folder / "photos" / "ok.jpg", size=(300, 200))
    result = build(folder, tmp_path / "out", release=True, pdf=False)
    pages = "".join(p.read_text() for p in result.output.rglob("*.html"))
    assert "max-width" in pages and "md-grid" in pages


@pytest.mark.parametrize(("where", "value"), [
    (("journey.yaml", "book", "title"), "Kai and Kevin's book"),
    (("timeline.yaml", "places", 0, "kind"), "Kevin's flat"),
    (("plan.yaml", "commitments", 0, "how_often"), "when Kevin Marsh allows"),
    (("people.yaml", "people", 2, "relation"), "Kevin's mum"),
    (("photos.yaml", "photos", 0, "alt"), "K\u0435vin at the beach"),
])
def test_every_free_text_field_is_screened(tmp_path, where, value):
    """Not only memories: titles, kinds, how often, relations and alt text are screened too."""
    files = kept_out_journey()
    files["timeline.yaml"] = {"places": [{"id": "a", "name": "A flat", "from": 2014}]}
    files["plan.yaml"] = {"commitments": [{"who": ["nan"], "what": "A call"}]}
    files["photos.yaml"] = {"photos": [{"file": "photos/a.jpg", "alt": "A beach",
                                        "consent": "given"}]}
    files["journey.yaml"]["book"] = {"title": "A book"}
    data = files[where[0]]
    for key in where[1:-1]:
        data = data[key]
    data[where[-1]] = value
    folder = write_journey(tmp_path / "j", files)
    save_image(folder / "photos" / "a.jpg")
    text = book_text(folder)
    assert "Kevin" not in text and "K\u0435vin" not in text


@pytest.mark.parametrize("html", ['<img src="file:///etc/hostname">',
                                  '<img src="http://127.0.0.1:9/x.png">',
                                  '<img src="https://example.org/x.png">',
                                  '<img src="data:text/html,<p>x</p>">',
                                  '<img src="data:image/svg+xml,<svg/>">',
                                  '<link rel="stylesheet" href="file:///etc/passwd">'])
def test_the_book_never_loads_a_file_outside_the_build_or_the_network(tmp_path, html):
    """Should markup ever reach the book's HTML, WeasyPrint still reads nothing outside."""
    from generator.core.errors import BuildError
    from generator.outputs.pdf import write_pdf

    with pytest.raises(BuildError, match="does not let the book load"):
        write_pdf(f"<p>Hello</p>{html}", tmp_path, tmp_path / "x.pdf", title="t", author="a")
