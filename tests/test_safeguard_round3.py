"""The third safeguarding round, one class at a time (issue 21): names as people inflect them,
names respelled in another script, the book's own words never refused, writing in pictures."""

from __future__ import annotations

import shutil

import pytest
from PIL import Image, ImageDraw, ImageFont

from generator.build import check
from generator.cast import common
from generator.format.load import load_journey
from generator.format.validate import validate_journey
from generator.outputs import gate
from tests.conftest import ROOT, write_journey
from tests.test_attacks import kept_out_journey, released_memories, with_memory

FONT = ROOT / "theme" / "fonts" / "Lato-Regular.ttf"


@pytest.mark.parametrize("text", [
    "We went to the Marshes for tea.",  # a plural, -es after sh
    "Kevins car was outside.",  # a possessive with no apostrophe
    "the kevins came round",  # in any case, as the name itself is
    "MARSHES ALL OF THEM",
])
def test_a_name_as_english_inflects_it(tmp_path, text):
    folder = write_journey(tmp_path / "j", with_memory(kept_out_journey(), text))
    assert released_memories(folder) == []


@pytest.mark.parametrize(("called", "full_name", "text"), [
    ("Peter", "Peter Hollis", "رأيت بيتر في الحديقة"),  # Arabic: p as b
    ("Peter", "Peter Hollis", "پیتر آمد"),  # Persian has its own p
    ("Gary", None, "غاري كان هناك"),  # g as gh
    ("Gary", None, "جاري كان هناك"),  # g as j
    ("Gary", None, "گری آمد"),  # Persian g
    ("Victoria", None, "فيكتوريا جاءت"),  # v as f, vowels written
    ("Kevin", "Kevin Marsh", "وكيفن كان هناك"),  # "and Kevin", joined
    ("Tesfay", "ተስፋይ", "ንተስፋይ ደብዳቤ"),  # Tigrinya "to Tesfay", joined
    ("Tesfay", "ተስፋይ", "ካብተስፋይ ደብዳቤ"),  # Tigrinya "from Tesfay"
])
def test_a_latin_name_respelled_in_another_script(tmp_path, called, full_name, text):
    files = kept_out_journey(called=called, full_name=full_name)
    folder = write_journey(tmp_path / "j", with_memory(files, text))
    assert released_memories(folder) == []


@pytest.mark.parametrize("text", [
    "مارس ٢٠١٦",  # March (Arabic), not Morris
    "رد على الرسالة",  # "reply", not Reid
    "الآن",  # "now", spelled as Alan would be: one of the book's own words
    "او یک مرد مهربان است",
])
def test_ordinary_arabic_and_persian_words_are_not_taken_for_latin_names(tmp_path, text):
    files = kept_out_journey(called="Alan", full_name="Alan Morris Reid")
    folder = write_journey(tmp_path / "j", with_memory(files, text))
    assert len(released_memories(folder)) == 1


def gate_terms(tmp_path, files):
    folder = write_journey(tmp_path / "g", files)
    journey, problems = validate_journey(load_journey(folder)[0])
    assert journey is not None, problems
    return gate.terms_for(journey)


def test_the_books_own_words_in_every_language_are_never_refused(tmp_path, shared):
    """Never-shown people with names from every locale's list (../shared), and every word the
    book itself says, in English, Arabic and Dari: the gate finds nothing in the book's words."""
    import json

    names = json.loads((shared / "text/pyfaker_40.54.0_person_names.json").read_text("utf-8"))
    files = kept_out_journey()
    picked = []
    for locale in ("pl_PL", "ro_RO", "tr_TR", "sw", "en_PK", "vi_VN", "fa_IR", "ar_AA"):
        lists = names["locales"][locale]
        first = sorted(lists.get("first_names", []))
        picked += first[:: max(1, len(first) // 25)][:25]
    files["people.yaml"]["people"] += [
        {"id": f"p{i}", "called": name, "relation": "a relative", "sex": "unknown",
         "visibility": "never shown"} for i, name in enumerate(dict.fromkeys(picked))]
    terms = gate_terms(tmp_path, files)
    own = " ".join(sorted(common.own_words()))
    assert len(common.own_words()) > 800
    found = [f.context or f.why for f in gate._find(terms, own, "own words", patterns=True)]
    assert found == []


def card(path, words: str, turn: int) -> None:
    """A photo of a card with writing on it, photographed turned by `turn` degrees."""
    image = Image.new("RGB", (1200, 800), (250, 245, 235))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 56)
    for row, line in enumerate(words.split("\n")):
        draw.text((60, 80 + row * 90), line, fill=(20, 20, 20), font=font)
    image.rotate(turn, expand=True).save(path, quality=92)


def with_photo(tmp_path, words: str, turn: int, **entry):
    files = kept_out_journey()
    files["photos.yaml"] = {"photos": [{"file": "photos/card.jpg", "consent": "given",
                                        "alt": "A birthday card", **entry}]}
    folder = write_journey(tmp_path / "j", files)
    (folder / "photos").mkdir(exist_ok=True)
    card(folder / "photos" / "card.jpg", words, turn)
    return folder


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_writing_in_a_photo_is_read_in_every_orientation(tmp_path, turn):
    """A card with a phone number that is in no case file, photographed on its side."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (./dev test installs it)")
    folder = with_photo(tmp_path, "Happy birthday!\nCall me 07700 900 123", turn)
    result = check(folder, release=True)
    assert result.book.photos == []
    assert any("writing in the picture" in str(item) for item in result.cast.left_out)


def test_a_picture_with_much_writing_needs_the_coordinators_word(tmp_path):
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (./dev test installs it)")
    words = ("Dear Sam, happy birthday to you\nfrom all of us at the club, we hope\n"
             "you have a lovely day with cake and\nfriends and lots of presents too")
    folder = with_photo(tmp_path, words, 0)
    result = check(folder, release=True)
    assert result.book.photos == []
    assert any("text_checked" in str(item) for item in result.cast.left_out)
    checked = with_photo(tmp_path / "b", words, 0, text_checked={"by": "SO", "on": "2026-11-02"})
    assert len(check(checked, release=True).book.photos) == 1


def test_the_gates_list_of_names_is_its_own(tmp_path, monkeypatch):
    """The gate does not share the cast's list: with the cast's list emptied (a gap in it),
    the gate still finds every kind of name (cast/lookout.py)."""
    from generator.cast import safety
    from generator.cast.names import Matcher

    monkeypatch.setattr(safety, "kept_out", lambda journey: safety.KeptOut(Matcher([]), []))
    files = kept_out_journey(also_known_as=["Kev the Rev"])
    terms = gate_terms(tmp_path, files)
    for text in ["Kevin came", "the Marshes", "KevinMarsh", "kmarsh on insta", "Kev came",
                 "كيفن جاء", "Mr Marsh"]:
        assert gate._find(terms, text, "text", patterns=False), text
    assert gate._find(terms, "Nan and Sam went to the park", "text", patterns=True) == []


def test_the_copys_own_file_names_are_no_phone_numbers(tmp_path):
    """A picture is named by its content digest, whose first characters can be ten digits
    ("2264854256f44bc0fade-screen.jpg"): in a page's srcset, or as the file's own name, the
    gate does not take it for a phone number (it refused a 150-photo copy for it)."""
    from generator.cast.names import Matcher

    site = tmp_path / "copy" / "site"
    (site / "media").mkdir(parents=True)
    name = "2264854256f44bc0fade"
    Image.new("RGB", (8, 8)).save(site / "media" / f"{name}-screen.jpg")
    (site / "photos.html").write_text(
        f'<a href="media/{name}-screen.jpg" data-view="{name[:12]}"><img '
        f'src="media/{name}-screen.jpg" srcset="media/{name}-screen.jpg 1600w, '
        f'../media/{name}-print.jpg 3200w" alt="Photo 97"></a><p>Photo 97</p>'
        f'<figure id="recording-{name[:12]}"></figure><a href="#recording-{name[:12]}">x</a>',
        encoding="utf-8")
    assert gate.scan(tmp_path / "copy", gate.Terms(Matcher([]), [])) == []
    for typed in ('<img alt="call 2264854256 now">', '<a data-x="2264854256aa0000">x</a>'):
        (site / "photos.html").write_text(typed, encoding="utf-8")  # not the copy's digest
        assert gate.scan(tmp_path / "copy", gate.Terms(Matcher([]), [])), typed


@pytest.mark.parametrize("text", [
    "zéro sept sept zéro zéro neuf zéro zéro quatre six un",  # French
    "null sieben sieben null null neun null null vier sechs eins",  # German
    "cero siete siete cero cero nueve cero cero cuatro seis uno",  # Spanish
    "صفر سبعة سبعة صفر صفر تسعة صفر صفر أربعة ستة واحد",  # Arabic
    "صفر هفت هفت صفر صفر نه صفر صفر چهار شش یک",  # Persian
    "seven seven double oh nine double oh four six one",  # a mobile said without its nought
    "Kilo Echo Victor India November came round",  # the NATO alphabet
    "ʞɔıʍuǝℲ ƃıɐɹƆ and uıʌǝʞ",  # upside down
    "ケビン・マーシュ さん", "케빈 마쉬", "קווין מארש", "Его зовут Кевин Марш.",  # other scripts
    "snap: big_k_1987", "his insta is kev_marsh_77", "discord kev#1234",  # handles without @
    "email him: kevm77 at gmail", "Meet at ///index.home.raft", "It is at 53.4808, -2.2426",
])
def test_what_the_release_attack_found(tmp_path, text):
    """What an attack on the finished release got into the young person's copy (this
    session's helper): other languages' number words, the NATO alphabet, upside-down letters,
    a Latin name in kana, hangul, Hebrew or Cyrillic letters, handles without their @, an
    email without its ending, map places."""
    folder = write_journey(tmp_path / "j", with_memory(kept_out_journey(), text))
    assert released_memories(folder) == []


@pytest.mark.parametrize("text", ["We played minecraft for 2 hours.", "insta is fun",
                                  "Il a six ans et un chien.", "The score was 3.5, 2.25.",
                                  "Alpha and Omega", "snap 2019 was great"])
def test_what_the_release_attack_found_spares_ordinary_words(tmp_path, text):
    folder = write_journey(tmp_path / "j", with_memory(kept_out_journey(), text))
    assert len(released_memories(folder)) == 1


def test_a_name_that_folds_to_one_of_the_books_own_words_is_looked_for_with_care(tmp_path):
    """علي (Ali) is "على" (on), one of the Arabic book's own words, once its alef maksura is
    folded: a never-shown Ali would refuse every Arabic copy. It is looked for beside his other
    names, and check says so."""
    from generator.cast.person_names import names_of

    found = names_of("علي", "علي حسن", "a name of Ali")
    assert "علي" in found.common and ("علي",) not in [n.words for n in found.names]
    assert ("علي", "حسن") in [n.words for n in found.names]


def test_pictures_read_in_lists_read_as_one_at_a_time(tmp_path, monkeypatch):
    """Tesseract reads many pictures in one run (it spends most of its time starting): each
    picture's words, and which picture they are in, are what reading it alone gives, with
    pictures holding no writing between them and across more than one list."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (./dev test installs it)")
    from generator.cast import scans, writing

    lines = ["Call me 07700 900 123", "", "Happy birthday Kayden", "",
             "Love from Nan and Grandad", "See you at the park"]
    for number, words in enumerate(lines):
        card(tmp_path / f"{number}.jpg", words or " ", 180 if number == 2 else 0)
    images = [Image.open(tmp_path / f"{number}.jpg") for number in range(len(lines))]
    alone = [scans.ocr_words(image) for image in images]
    assert [bool(found) for found in alone] == [bool(words) for words in lines]
    assert scans.ocr_words_many(images) == alone
    monkeypatch.setattr(writing, "BATCH", 4)  # and across batches, with their turned reading
    paths = [tmp_path / f"{number}.jpg" for number in range(len(lines))]
    read = writing.read_all(paths, None)
    assert [read[path] for path in paths] == [writing.read_image(image) for image in images]
    assert "Kayden" in read[paths[2]].text and "900" in read[paths[0]].text


def test_the_copys_gate_reads_no_picture_the_preview_read_and_still_stops_it(tmp_path,
                                                                              monkeypatch):
    """The preview's safeguard reads the writing in each photo's screen copy, the very copy
    the young person's copy ships; the copy's gate finds it read (by its content), reads it
    again nowhere, and still refuses what it says when the cast's screen is switched off."""
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (./dev test installs it)")
    from generator.build import build
    from generator.cast import safety, scans
    from generator.core.errors import JourneybookError

    folder = with_photo(tmp_path, "Happy birthday!\nCall me 07700 900 123", 0)
    build(folder, tmp_path / "build", pdf=False)  # the preview
    monkeypatch.setattr(safety.Screen, "find", lambda self, *texts: None)
    read: list = []
    reading = scans.ocr_words_many
    monkeypatch.setattr(scans, "ocr_words_many", lambda images: read.extend(images) or
                        reading(images))
    with pytest.raises(JourneybookError) as refused:
        build(folder, tmp_path / "release", release=True, pdf=False)
    assert "writing in the picture" in str(refused.value) and "07700" in str(refused.value)
    assert read == []
