"""The released site is private: no request leaves it, and typed-in scripts never run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.build import build
from tests.conftest import minimal_files, run_chromium, write_journey

pytestmark = pytest.mark.browser
PAGE_LOADER = 101845102  # Chromium's traffic annotation for requests a page makes (blink)


def requests_made(url: str, tmp_path: Path) -> list[str]:
    """Every network request the page at url made, from Chromium's own net log.

    Chromium's background requests (updates, accounts, time) carry other traffic
    annotations, so only the page's own requests (the blink loader's) are kept.
    """
    log = tmp_path / "netlog.json"
    result = run_chromium("--window-size=390,844", "--virtual-time-budget=5000",
                          f"--log-net-log={log}", "--dump-dom", url,
                          user_dir=tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    events = json.loads(log.read_text())["events"]
    urls = set()
    for event in events:
        params = event.get("params", {})
        if "url" in params and params.get("traffic_annotation") == PAGE_LOADER:
            urls.add(params["url"])
    return sorted(urls)


def test_the_detector_sees_a_page_that_calls_out(tmp_path):
    """Control: a page that loads a font and a script from the internet is caught."""
    page = tmp_path / "control.html"
    page.write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">'
                    '<script src="https://unpkg.com/iframe-worker/shim"></script>')
    made = requests_made(page.as_uri(), tmp_path)
    assert any("fonts.googleapis.com" in u for u in made)
    assert any("unpkg.com" in u for u in made)


@pytest.mark.parametrize("page", ["index", "people", "family-tree", "photos", "letters"])
def test_no_request_leaves_the_released_site(demo_release, tmp_path, page):
    """Opened from a folder (file://), no page asks anything of the internet: no Google Fonts,
    no CDN, no analytics, not even the offline search shim."""
    assert requests_made((demo_release / "site" / f"{page}.html").as_uri(), tmp_path) == []


def test_offline_search_index_is_inlined(demo_release):
    """Search works from file://: the index is inlined as a script, and its shim is local."""
    site = demo_release / "site"
    assert (site / "search" / "search_index.js").read_text().startswith("var __index = ")
    assert '<script src="assets/vendor/iframe-worker-shim.js">' in \
        (site / "index.html").read_text()


PAYLOADS = {
    "memories/x.md": ("---\nfrom: mum\nconsent: given\ntitle: <script>document.title='PWNED1'"
                      "</script>\n---\n<img src=x onerror=\"document.title='PWNED2'\">\n\n"
                      "<script>document.title='PWNED3'</script>\n\n[tap](javascript:alert(1))\n"),
}


def test_scripts_typed_into_case_data_never_run(tmp_path):
    """<script>, onerror= and javascript: links in a memory, a caption and a name are shown as
    text or removed; in Chromium none of them runs."""
    files = {**minimal_files(), **PAYLOADS}
    files["people.yaml"]["people"][0]["called"] = "Mum<svg onload=\"document.title='PWNED4'\">"
    files["journey.yaml"]["young_person"]["about"] = "<b onmouseover=alert(1)>hi</b>"
    folder = write_journey(tmp_path / "j", files)
    result = build(folder, tmp_path / "r", release=True, pdf=False)
    for page in ("index", "people", "memories"):
        url = (result.output / "site" / f"{page}.html").as_uri()
        dom = run_chromium("--virtual-time-budget=3000", "--dump-dom", url,
                           user_dir=tmp_path / "profile").stdout
        title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
        assert "PWNED" not in title, (page, title)
        handlers = re.findall(r"<[a-zA-Z][^<>]*\s(on[a-z]+)\s*=", dom)
        assert not handlers, (page, handlers)  # no element carries an event handler
        assert 'href="javascript:' not in dom


def test_search_works_from_a_folder(demo_release, tmp_path):
    """Opened by double-click (file://), with no server and no internet, search finds Nan's
    rice pudding (in her card, her letter and Kai's favourite things) and nothing of anyone
    kept out."""
    site = demo_release / "site"
    url = (site / "index.html").as_uri() + "?q=rice%20pudding"
    dom = run_chromium("--window-size=1280,900", "--virtual-time-budget=8000", "--dump-dom",
                       url, user_dir=tmp_path / "profile").stdout
    assert '<div class="md-search-result__meta">3 matching documents</div>' in dom
    url = (site / "index.html").as_uri() + "?q=Craig"
    dom = run_chromium("--window-size=1280,900", "--virtual-time-budget=8000", "--dump-dom",
                       url, user_dir=tmp_path / "profile2").stdout
    assert "No matching documents" in dom
