"""The site as a young person sees it: pages opened from file:// in headless Chromium, phone-sized."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from generator.format.vocabulary import SHADES, Colour
from tests.conftest import run_chromium

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("page", "expected"), [
    ("index", "Hello, <bdi>Kai</bdi>"),
    ("people", "Granny Von"),
    ("family-tree", "people before Lifelong Links"),
    ("story", "You moved to Carol and Steve"),
    ("memories", "I remember taking you for a walk"),
    ("letters", "Hope you"),
    ("photos", "Player of the season"),
    ("plan", "Lunch together in Thornley"),
])
def test_pages_open_from_a_folder(demo_release, tmp_path, page, expected):
    """Every page opens by double-click (file://) and shows its content after scripts ran."""
    url = (demo_release / "site" / f"{page}.html").as_uri()
    result = run_chromium("--window-size=390,844", "--virtual-time-budget=3000", "--dump-dom",
                          url, user_dir=tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    assert expected in result.stdout


def phone_screenshot(page: Path, tmp_path: Path, height: int = 844) -> Image.Image:
    """The page as a 390 x 844 phone shows it (or a taller one), from file://, as RGB."""
    shot = tmp_path / f"{page.stem}.png"
    result = run_chromium(f"--window-size=390,{height}", "--hide-scrollbars",
                          "--virtual-time-budget=3000", f"--screenshot={shot}", page.as_uri(),
                          user_dir=tmp_path / f"profile-{page.stem}")
    assert result.returncode == 0 and shot.is_file(), result.stderr[-2000:]
    with Image.open(shot) as image:
        return image.convert("RGB")


def test_phone_screenshot_shows_the_chosen_colour_and_the_cover(demo_release, tmp_path):
    """At phone width the header is the colour Kai chose (teal) and the cover photo is drawn."""
    image = phone_screenshot(demo_release / "site" / "index.html", tmp_path)
    assert image.size == (390, 844)
    assert _is_teal(image.getpixel((200, 10))), "header is not teal"
    cover = image.convert("L").crop((20, 110, 370, 330))
    assert ImageStat.Stat(cover).stddev[0] > 20, "no picture where the cover should be"


def test_photo_opens_in_the_lightbox(demo_release, tmp_path):
    """Opening photos.html at #view-<photo> shows that photo full screen, with its caption."""
    page = (demo_release / "site" / "photos.html").read_text()
    first = re.search(r'data-view="([0-9a-f]{12})"', page).group(1)
    url = (demo_release / "site" / "photos.html").as_uri() + "#view-" + first
    result = run_chromium("--window-size=390,844", "--virtual-time-budget=3000", "--dump-dom",
                          url, user_dir=tmp_path / "profile")
    dialog = re.search(r'<dialog id="jb-lightbox"[^>]*>.*?</dialog>', result.stdout, re.S)
    assert dialog and " open" in dialog.group(0).split(">")[0]
    assert "Your first trainers" in dialog.group(0)


def test_preview_banner_on_every_page(demo_build, tmp_path):
    """The coordinator's preview carries a red 'Preview, not for sharing' bar at the top."""
    image = phone_screenshot(demo_build / "site" / "people.html", tmp_path)
    red, green, blue = image.getpixel((5, 5))
    assert red > 150 and green < 60 and blue < 60, "no red preview bar"


def _is_teal(pixel: tuple[int, int, int]) -> bool:
    """Near the teal the site draws with (its readable shade, vocabulary.SHADES)."""
    wanted = bytes.fromhex(SHADES[Colour.teal].ink.lstrip("#"))
    return all(abs(have - want) < 30 for have, want in zip(pixel, wanted, strict=True))
