"""`journeybook preview`: a live site on 127.0.0.1 that follows the coordinator's edits."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import minimal_files, write_journey


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, seconds: float = 60) -> str:
    """GET url, retrying until it answers (bounded in time)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_preview_serves_and_follows_edits(tmp_path):
    """The preview shows the site, rebuilds on a change, and keeps the last good one on a
    mistake (saying why)."""
    folder = write_journey(tmp_path / "journeys" / "sam", minimal_files())
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "preview", str(folder), "--out", str(tmp_path / "b"),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert "Hello, <bdi>Sam</bdi>" in fetch(f"http://127.0.0.1:{port}/index.html")
        people = (folder / "people.yaml").read_text().replace("called: Mum", "called: Mama")
        (folder / "people.yaml").write_text(people)
        deadline = time.monotonic() + 60
        while "Mama" not in fetch(f"http://127.0.0.1:{port}/people.html"):
            assert time.monotonic() < deadline, "the preview did not follow the edit"
            time.sleep(0.5)
        (folder / "people.yaml").write_text("people: [\n")
        deadline = time.monotonic() + 60
        while "jb-preview-problems" not in (page := fetch(f"http://127.0.0.1:{port}/people.html")):
            assert time.monotonic() < deadline, "the page did not show the mistake"
            time.sleep(0.3)
        assert "Mama" in page  # the last good preview, below the problems
        assert "This preview is not up to date" in page
        assert "people.yaml:2:1: YAML syntax error" in page
        (folder / "people.yaml").write_text(people)
        deadline = time.monotonic() + 60
        while "jb-preview-problems" in fetch(f"http://127.0.0.1:{port}/people.html"):
            assert time.monotonic() < deadline, "the problems stayed after the fix"
            time.sleep(0.3)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "people.yaml:2:1: YAML syntax error" in output
    assert "the preview shows the last good build" in output
    assert "Traceback" not in output
