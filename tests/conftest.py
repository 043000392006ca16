"""Shared fixtures: small journeys written on the fly, the demo built once, ../shared test data."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "journeys" / "demo"
SHARED = ROOT.parent / "shared" / "testdata"
# Hypothesis keeps no example database, and its own caches (Unicode tables) go to a temporary
# folder: the test suite writes nothing into the checkout.
settings.register_profile("journeybook", database=None)
settings.load_profile("journeybook")
HYPOTHESIS_HOME = tempfile.mkdtemp(prefix="journeybook-hypothesis-")
set_hypothesis_home_dir(HYPOTHESIS_HOME)
atexit.register(shutil.rmtree, HYPOTHESIS_HOME, True)
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def minimal_files() -> dict[str, object]:
    """The smallest valid journey: a young person, a coordinator, one parent."""
    return {
        "journey.yaml": {
            "young_person": {"id": "sam", "called": "Sam", "born": "2012-05-01",
                             "sex": "female", "parents": ["mum"]},
            "coordinator": {"name": "Alex Coordinator"},
        },
        "people.yaml": {
            "people": [{"id": "mum", "called": "Mum", "full_name": "Jo Testperson",
                        "relation": "your Mum", "sex": "female", "born": 1990}],
        },
    }


def write_journey(folder: Path, files: dict[str, object]) -> Path:
    """Write a journey folder: dicts become YAML, strings are written as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
    return folder


def save_image(path: Path, size=(64, 48), colour=(200, 30, 30), **save) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, **save)
    return path


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    """A minimal valid journey folder named 'sam' in a temporary journeys folder."""
    return write_journey(tmp_path / "journeys" / "sam", minimal_files())


@pytest.fixture(scope="session")
def known(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache of what is known of pictures by their content (that each decodes, its
    fingerprint, the writing read in it, its sizes), shared by the tests that check or build
    the demo or a copy of it: the real tools read each picture once a session, as a
    coordinator's second check reads none again. A test of a cold build keeps its own cache."""
    return tmp_path_factory.mktemp("known")


def shared_cache(known: Path, *, release: bool = False) -> Path:
    """A build's cache that keeps what is known of pictures in `known` (core/source_cache.py:
    known_dir), beside the other builds' of the demo."""
    return known / ("release" if release else "preview")


def knowing(known: Path, where: Path) -> None:
    """Make `where` (a folder for what is known of a journey's pictures: core/source_cache.py
    known_dir) start with what `known` knows of them, by content."""
    from generator.core.source_cache import PICTURES, SourceCache

    where.mkdir(parents=True)
    if (known / SourceCache.FILE).is_file():
        shutil.copy(known / SourceCache.FILE, where / SourceCache.FILE)
    if (known / PICTURES).is_dir():
        shutil.copytree(known / PICTURES, where / PICTURES)


def another_cache(known: Path, where: Path, *, release: bool = False) -> Path:
    """A build's cache of its own at `where` (no record, no site, no book, no versions seen)
    that starts knowing the demo's pictures: for a test of what does not depend on them, made
    "afresh", without reading every picture again."""
    knowing(known, where)
    return where / ("release" if release else "preview")


@pytest.fixture(scope="session")
def demo_checked(known: Path):
    """The demo checked once: its journey, safe cast and book, for tests that only read them."""
    from generator.build import check

    return check(DEMO, cache_dir=known)


@pytest.fixture(scope="session")
def demo_build_result(tmp_path_factory: pytest.TempPathFactory, known: Path):
    """The demo journey built once (site and A5 book) into a temporary build folder."""
    from generator.build import build

    return build(DEMO, tmp_path_factory.mktemp("build"), cache_dir=shared_cache(known))


@pytest.fixture(scope="session")
def demo_build(demo_build_result) -> Path:
    """The folder of the demo's build (see demo_build_result)."""
    return demo_build_result.output


@pytest.fixture(scope="session")
def demo_release(tmp_path_factory: pytest.TempPathFactory, known: Path) -> Path:
    """The demo's young person's copy (build --release), built once."""
    from generator.build import build

    out = tmp_path_factory.mktemp("release")
    build(DEMO, out, release=True, cache_dir=shared_cache(known, release=True))
    return out / "demo"


@pytest.fixture
def shared() -> Path:
    """../shared/testdata: skipped with a reason when absent, but a failure under CI=true."""
    if not SHARED.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing: CI must run with ../shared beside the clone")
        pytest.skip(f"{SHARED} is not here (clone the project beside ../shared to run this)")
    return SHARED


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; ./dev test installs it")
        pytest.skip("chromium is not installed (./dev test installs it)")
    return found


@pytest.fixture
def journeys(tmp_path: Path, known: Path, demo_checked) -> Path:
    """For the studio's tests: a test's own copy of the demo (tests/studio_client.py), with a
    cache that knows its pictures (demo_checked has filled the session's)."""
    from tests.studio_client import demo_journeys

    return demo_journeys(tmp_path, known)


@pytest.fixture
def studio(journeys: Path, tmp_path: Path):
    """For the studio's tests: its test client on that copy, holding the cookie."""
    from tests.studio_client import opened_studio

    return opened_studio(journeys, tmp_path)


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module (Debian's, never a downloaded one), driven by
    Playwright."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    path = chromium()
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=path, args=[flag for flag in CHROMIUM_FLAGS if flag != "--headless"])
        yield launched
        launched.close()


def run_chromium(*args: str, user_dir: Path) -> subprocess.CompletedProcess:
    """Run headless Chromium with the project's flags and a fresh profile."""
    return subprocess.run([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={user_dir}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def chromium_title(url: str, done: str, user_dir: Path, seconds: float = 60) -> str:
    """Open url in headless Chromium and return the page's title once it starts with one of
    the words in `done` (separated by |); for pages that finish in their own time (real time,
    not virtual time). The title is read from Chromium's local DevTools list (loopback only).
    """
    import json
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={user_dir}",
                                f"--remote-debugging-port={port}", url],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                    for target in json.loads(r.read()):
                        title = target.get("title", "")
                        if target.get("type") == "page" and title.startswith(
                                tuple(done.split("|"))):
                            return title
            except OSError:
                pass
            time.sleep(0.25)
        raise AssertionError(f"the page never reached {done!r} in {seconds} s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def pdf_text(pdf: Path, *args: str) -> str:
    """The PDF's text as pdftotext reads it (poppler-utils), with -layout."""
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext is not installed; ./dev test installs poppler-utils")
        pytest.skip("pdftotext is not installed")
    return subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def made_in_the_checkout() -> set[str] | None:
    """Every file or folder in the checkout that git does not track (ignored ones too), apart
    from the virtual environment and Python's own byte-code caches; None without git."""
    try:
        listing = subprocess.run(
            ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "--",
             ".", ":(exclude).venv", ":(exclude)*.egg-info"],
            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return {line[3:] for line in listing.splitlines()
            if line[:2] in ("??", "!!") and "__pycache__" not in line}


@pytest.fixture(scope="session", autouse=True)
def the_suite_leaves_nothing_in_the_checkout():
    """Builds, caches and tools' files go to temporary folders, never into the checkout."""
    before = made_in_the_checkout()
    yield
    after = made_in_the_checkout()
    if before is not None and after is not None:
        assert after <= before, f"the test suite left {sorted(after - before)} in the checkout"
