"""What the studio's tests share: a copy of the demo to edit, a client that has opened the
studio's secret address, and the form a browser would send back for a page.

Every test runs on a copy of journeys/demo in tmp; journeys/demo itself is never touched.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from generator.core.cache import CACHE

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "journeys" / "demo"
TOKEN = "the-secret-token"
PORT = 5123
BASE = f"http://127.0.0.1:{PORT}"


def demo_journeys(tmp_path: Path, known: Path | None = None) -> Path:
    """A journeys folder holding a copy of the demo (without any studio history of its own),
    with the previews' cache (tmp_path/build/.cache) holding what a check of the demo learns
    of its pictures: every check the studio runs after a save then takes a moment, as it does
    for a coordinator after the first, instead of reading the demo's pictures again."""
    root = tmp_path / "journeys"
    shutil.copytree(DEMO, root / "demo", ignore=shutil.ignore_patterns(".studio"))
    shutil.copytree(_warm_cache(known), tmp_path / "build" / CACHE, dirs_exist_ok=True)
    return root


@cache
def _warm_cache(known: Path | None = None) -> Path:
    """A previews' cache in which the demo has been checked once, as a preview and as the
    copy (made once per test session; the cache is keyed by content, never by the folder).
    It starts from what the session's cache knows of the demo's pictures (conftest.known)."""
    from generator.build import check
    from generator.build_plan import cache_for
    from generator.core.source_cache import known_dir
    from tests.conftest import knowing

    where = Path(tempfile.mkdtemp(prefix="journeybook-warm-"))
    atexit.register(shutil.rmtree, where, ignore_errors=True)
    folder = where / "journeys" / "demo"
    shutil.copytree(DEMO, folder, ignore=shutil.ignore_patterns(".studio"))
    if known:
        knowing(known, known_dir(cache_for(where / "build" / CACHE, folder, release=False)))
    for release in (False, True):
        check(folder, cache_dir=cache_for(where / "build" / CACHE, folder, release=release),
              release=release)
    return where / "build" / CACHE


def opened_studio(journeys: Path, tmp_path: Path):
    """A test client that has opened the studio's address (so it holds the cookie)."""
    from generator.coordinator.studio.server import make_app

    client = make_app(journeys, tmp_path / "build", TOKEN, PORT).test_client()
    opened = client.get(f"/?token={TOKEN}", base_url=BASE)
    assert opened.status_code == 303 and "HttpOnly" in opened.headers["Set-Cookie"]
    assert "SameSite=Strict" in opened.headers["Set-Cookie"]
    return client


class _Form(HTMLParser):
    """What a browser submits for the page's post form (the first whose action holds
    `action`), unchanged: a textarea loses the one newline right after its start tag, as HTML
    parsing says, and a single select with nothing chosen sends its first option."""

    def __init__(self, action: str = ""):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._action = action
        self._select: tuple[str, list[str], list[str], bool] | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if (tag == "form" and attrs.get("method") == "post"
                and self._action in attrs.get("action", "")):
            self._in_form = True
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and (attrs.get("type") != "checkbox" or "checked" in attrs):
            self.fields.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self._select = (name, [], [], "multiple" in attrs)
        elif tag == "option" and self._select:
            self._select[1].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select[2].append(attrs.get("value", ""))
        elif tag == "textarea":
            self._textarea = (name, [])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            name, options, chosen, multiple = self._select
            if not chosen and not multiple and options:
                chosen = options[:1]
            self.fields += [(name, value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            self.fields.append((name, "".join(parts).removeprefix("\n")))
            self._textarea = None


def form_of(page: str, action: str = "") -> list[tuple[str, str]]:
    """The fields a browser would send, unchanged, for the page's post form."""
    parser = _Form(action)
    parser.feed(page)
    return parser.fields


def post(client, url: str, fields: list[tuple[str, str]], **headers):
    """Send a form as the studio's own page would (from its own origin)."""
    from werkzeug.datastructures import MultiDict

    return client.post(url, data=MultiDict(fields), base_url=BASE,
                       headers={"Origin": BASE, **headers})
