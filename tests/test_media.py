"""Photos: upright, sRGB, stripped of every piece of metadata, sized, cached; bad files refused."""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from generator.build import build, check
from generator.core.errors import JourneyError
from generator.core.geometry import PAGES
from generator.outputs import media
from generator.sources import images, sizes
from tests.conftest import minimal_files, save_image, write_journey


def index_of(source: Path, placement: str = "half") -> sizes.Work:
    """The media stage's work for one picture placed in the book at placement."""
    probed = images.MediaIndex(source.parent).get(source.name)
    placed = SimpleNamespace(digest=probed.digest, source=probed.source, page=None,
                             width=probed.width, height=probed.height, placement=placement)
    return media.work_for([placed], PAGES["A5"])


def made(source: Path, tmp_path: Path) -> dict[str, Path]:
    """Run the real media stage on one file; return its output files by size."""
    work = index_of(source)
    media.produce(work, tmp_path / "out", tmp_path / "cache")
    ((media_file, sizes),) = work
    return {size: tmp_path / "out" / media_file.name(size) for size in sizes}


def assert_bare(path: Path) -> None:
    """No EXIF, GPS, XMP, ICC, comment or thumbnail is left in an output JPEG."""
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert not image.getexif(), f"{path} still has EXIF"
        assert set(image.info) <= {"jfif", "jfif_version", "jfif_unit", "jfif_density",
                                   "progressive", "progression", "dpi"}, image.info
        assert image.applist == [("APP0", image.applist[0][1])] if image.applist else True
    raw = path.read_bytes()
    for marker in (b"Exif", b"GPS", b"http://ns.adobe.com/xap", b"Photoshop", b"ICC_PROFILE"):
        assert marker not in raw, (path, marker)
    if shutil.which("exiftool"):
        tags = subprocess.run(["exiftool", "-s", "-G1", "-a", str(path)], capture_output=True,
                              text=True, check=True).stdout
        groups = {line.split("]")[0].strip("[") for line in tags.splitlines()}
        assert groups <= {"ExifTool", "System", "File", "JFIF", "Composite"}, tags


def test_demo_photo_gps_and_maker_are_stripped(demo_build):
    """The demo's beach-house photo carries a GPS position; nothing of it reaches the site."""
    for path in (demo_build / "site" / "media").glob("*.jpg"):
        assert_bare(path)


def test_demo_sideways_photo_comes_out_upright(tmp_path):
    """first-trainers.jpg is stored sideways with orientation 6: the output is landscape."""
    source = Path(__file__).resolve().parent.parent / "journeys/demo/photos/first-trainers.jpg"
    with Image.open(source) as original:
        assert original.size[0] < original.size[1]
    for path in made(source, tmp_path).values():
        with Image.open(path) as image:
            assert image.size[0] > image.size[1]


@pytest.mark.shared
def test_every_exif_orientation_comes_out_upright(shared, tmp_path):
    """Landscape_0..8 carry every orientation: all come out landscape and look alike."""
    folder = shared / "images" / "orientation"
    reference = Image.open(made(folder / "Landscape_1.jpg", tmp_path / "ref")["thumb"]).convert("L")
    for number in range(9):
        out = made(folder / f"Landscape_{number}.jpg", tmp_path / str(number))["thumb"]
        with Image.open(out) as image:
            assert image.width > image.height, number
            difference = ImageChops.difference(image.convert("L").resize(reference.size),
                                               reference)
            assert ImageStat.Stat(difference).mean[0] < 12, f"Landscape_{number} is not upright"


@pytest.mark.shared
@pytest.mark.parametrize("name", ["gps/GPS.jpg", "gps/HMD_Nokia_8.3_5G.jpg",
                                  "gps/empty_gps_ifd.jpg", "formats/app13-multiple.jpg",
                                  "heic/pug.heic", "heic/arrow.heic"])
def test_metadata_is_stripped_from_real_photos(shared, tmp_path, name):
    """Phone photos with GPS, maker notes, IPTC and XMP come out with none of it."""
    for path in made(shared / "images" / name, tmp_path).values():
        assert_bare(path)


@pytest.mark.shared
@pytest.mark.parametrize("name", ["formats/pil_sample_cmyk.jpg", "formats/transparent.png",
                                  "formats/transparent.webp", "formats/transparent.gif",
                                  "formats/RGBA_16__128x128.png", "formats/hopper.tif",
                                  "formats/hopper_gray.jpg", "formats/icc_profile.png",
                                  "heic/RGBA_8__128x128.heif"])
def test_every_format_becomes_an_srgb_jpeg(shared, tmp_path, name):
    """CMYK, transparency, 16-bit, greyscale, TIFF, HEIF: all become plain RGB JPEGs."""
    for path in made(shared / "images" / name, tmp_path).values():
        with Image.open(path) as image:
            assert (image.format, image.mode) == ("JPEG", "RGB")
        assert_bare(path)


@pytest.mark.shared
def test_transparent_png_lands_on_white(shared, tmp_path):
    out = made(shared / "images/formats/transparent.png", tmp_path)["thumb"]
    with Image.open(out) as image:
        assert image.getpixel((0, 0)) >= (245, 245, 245)


@pytest.mark.shared
def test_heic_with_orientation_is_not_turned_twice(shared, tmp_path):
    """pillow-heif already turns arrow.heic upright while decoding; we must not turn it again."""
    from pillow_heif import open_heif

    heif = open_heif(shared / "images/heic/arrow.heic")
    expected = heif.size  # already upright, as pillow-heif applies the orientation
    out = made(shared / "images/heic/arrow.heic", tmp_path)["thumb"]
    with Image.open(out) as image:
        assert (image.width > image.height) == (expected[0] > expected[1])


@pytest.mark.shared
@pytest.mark.parametrize("name", ["corrupt/truncated_jpeg.jpg", "corrupt/broken.png",
                                  "corrupt/decompression_bomb.gif", "corrupt/truncated_image.png",
                                  "heic/corrupted.heic", "heic/empty.heic"])
def test_corrupt_files_are_reported_by_check(shared, tmp_path, name):
    """A truncated, corrupt, empty or bomb image is named in check, with what to do."""
    files = minimal_files()
    target = "photos/" + Path(name).name
    files["photos.yaml"] = {"photos": [{"file": target, "alt": "x", "consent": "given"}]}
    folder = write_journey(tmp_path / "j", files)
    (folder / "photos").mkdir(exist_ok=True)
    shutil.copyfile(shared / "images" / name, folder / target)
    with pytest.raises(JourneyError) as caught:
        check(folder)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == (folder / "photos.yaml", 2)
    assert ("is not an image journeybook can read" in problem.message
            or "is empty" in problem.message
            or ("is too large" in problem.message and "bomb" in name))


def test_truncated_photo_is_refused_even_after_weasyprint_loaded(tmp_path):
    """WeasyPrint makes Pillow accept truncated images process-wide; we still refuse them."""
    import weasyprint  # noqa: F401  (its import sets ImageFile.LOAD_TRUNCATED_IMAGES = True)

    source = save_image(tmp_path / "whole.jpg", size=(600, 400))
    files = minimal_files()
    files["photos.yaml"] = {"photos": [{"file": "photos/cut.jpg", "alt": "x",
                                        "consent": "given"}]}
    folder = write_journey(tmp_path / "j", files)
    (folder / "photos").mkdir()
    (folder / "photos" / "cut.jpg").write_bytes(source.read_bytes()[:-400])
    with pytest.raises(JourneyError, match=r"cut\.jpg' is not an image journeybook can read"):
        check(folder)


def test_cache_skips_unchanged_pixels(tmp_path):
    """A second run with the same photo makes nothing new; a changed photo is made again."""
    source = save_image(tmp_path / "a.jpg", size=(800, 600))
    assert media.produce(index_of(source), tmp_path / "o1", tmp_path / "cache") == 1
    assert media.produce(index_of(source), tmp_path / "o2", tmp_path / "cache") == 0
    save_image(source, size=(800, 600), colour=(0, 0, 200))
    assert media.produce(index_of(source), tmp_path / "o3", tmp_path / "cache") == 1


def image_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def test_sizes_are_bounded(tmp_path):
    """Each size is exactly its width (print: 300 dpi where the book places it), never more;
    small photos are never enlarged."""
    big = made(save_image(tmp_path / "big.jpg", size=(4000, 3000)), tmp_path / "b")
    assert {size: image_size(path) for size, path in big.items()} == {
        "thumb": (480, 360), "screen": (1600, 1200), "print-631": (631, 473)}
    # 53.4 mm (half of A5's 116 mm text width, less the body's margins and the gutter) at
    # 300 dpi is 631 px.
    assert PAGES["A5"].print_width("half") == 631
    tall = made(save_image(tmp_path / "tall.jpg", size=(1000, 4000)), tmp_path / "t")
    with Image.open(tall["screen"]) as image:
        assert image.size == (800, 3200)  # never taller than twice the width
    small = made(save_image(tmp_path / "small.jpg", size=(300, 200)), tmp_path / "s")
    with Image.open(small["screen"]) as image:
        assert image.size == (300, 200)


def test_broken_exif_is_tolerated_and_dropped(tmp_path):
    """A damaged EXIF block (common after photo apps) neither stops the build nor survives."""
    source = save_image(tmp_path / "a.jpg", exif=b"Exif\x00\x00II*\x00\x08\x00\x00\x00\x00\x00")
    for path in made(source, tmp_path).values():
        assert_bare(path)


def test_letter_scanned_to_pdf_shows_page_by_page(tmp_path):
    """A letter's scan saved as a PDF is rendered page by page, each a plain stripped JPEG."""
    files = minimal_files()
    files["letters/card.md"] = ("---\nfrom: mum\nconsent: given\nscans: [letters/card.pdf]\n---\n"
                                "Thinking of you.\n")
    folder = write_journey(tmp_path / "j", files)
    pages = [Image.new("RGB", (600, 800), colour) for colour in ("red", "blue", "green")]
    pages[0].save(folder / "letters" / "card.pdf", save_all=True, append_images=pages[1:])
    from generator.build import build

    result = build(folder, tmp_path / "build", pdf=False)
    html = (result.output / "site" / "letters.html").read_text()
    scans = re.findall(r'<a href="(media/[0-9a-f]+-screen\.jpg)"', html)
    assert len(scans) == 3
    colours = []
    for scan in scans:
        path = result.output / "site" / scan
        assert_bare(path)
        with Image.open(path) as image:
            colours.append(max(range(3), key=lambda band: image.getpixel((10, 10))[band]))
    assert colours == [0, 2, 1]  # red, blue, green pages, in order


def test_broken_pdf_scan_is_reported(tmp_path):
    files = minimal_files()
    files["letters/card.md"] = ("---\nfrom: mum\nconsent: given\nscans: [letters/card.pdf]\n---\n"
                                "Hello.\n")
    files["letters/card.pdf"] = b"%PDF-1.4 this is not really a PDF"
    with pytest.raises(JourneyError, match=r"card\.pdf' is not an image journeybook can read"):
        check(write_journey(tmp_path / "j", files))


PLACED_SHAPES = {"cover.jpg": (4000, 3000), "wide-1.jpg": (4000, 3000), "wide-2.jpg": (4000, 3000),
                 "wide-3.jpg": (3000, 2000), "upright-1.jpg": (3000, 4000),
                 "upright-2.jpg": (2400, 4000), "square.jpg": (3000, 3000),
                 "panorama.jpg": (6000, 1500), "screenshot.jpg": (1170, 2532),
                 "trophy.jpg": (3000, 4000)}


def test_every_placed_picture_prints_at_300_ppi_and_no_more(tmp_path):
    """Each picture is made as large as its shape prints where the book places it (alone or
    one of two on a photo page, across a page of its own, on the cover, beside what they are
    proud of), at 300 pixels an inch: more pixels make the book bigger, not sharper. Measured in
    the real PDF, as a print shop's preflight measures it (pdfimages)."""
    files = minimal_files()
    files["journey.yaml"]["young_person"]["cover_photo"] = "photos/cover.jpg"
    files["journey.yaml"]["in_my_words"] = {"proud_of": [{"what": "Player of the season",
                                                          "photo": "photos/trophy.jpg"}]}
    files["photos.yaml"] = {"photos": [{"file": f"photos/{name}", "alt": name, "caption": name,
                                        "consent": "given"} for name in PLACED_SHAPES]}
    journey = write_journey(tmp_path / "sam", files)
    rng = random.Random(3)
    (journey / "photos").mkdir()
    for name, size in PLACED_SHAPES.items():  # each its own picture, not a look-alike
        image = Image.new("RGB", size, (rng.randrange(256), 90, 160))
        draw = ImageDraw.Draw(image)
        for _ in range(8):
            x, y = rng.randrange(size[0]), rng.randrange(size[1])
            draw.rectangle([x, y, x + size[0] // 3, y + size[1] // 3],
                           fill=tuple(rng.randrange(256) for _ in range(3)))
        image.save(journey / "photos" / name)
    result = build(journey, tmp_path / "out")
    assert not [item for item in result.left_out if "photo" in item.what], result.left_out
    listed = subprocess.run(["pdfimages", "-list", str(tmp_path / "out" / "sam" / "book.pdf")],
                            capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    resolutions = [(int(row.split()[3]), float(row.split()[12])) for row in listed]
    # The cover, the cover again on the first page, the trophy beside its words, every photo:
    assert len(resolutions) == 3 + len(PLACED_SHAPES), listed
    for width, ppi in resolutions:
        assert 297 <= ppi <= 303, (width, ppi, listed)
