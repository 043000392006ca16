"""The live preview, measured as a coordinator sees it (benchmarks/run.py and speed.py)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def seconds_until_shown(work: Path, name: str, ready: str, out: str = "out",
                        saves: int = 5) -> list[float]:
    """Run `journeybook preview` on the journey work/name (into work/out); once its photos
    page shows `ready`, save a word into the first caption of photos.yaml, time how long until
    the served page shows it, and take it out again; `saves` times."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "preview", name, "--out",
                               out, "--port", str(port)], cwd=work,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def page() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/photos.html",
                                        timeout=10) as response:
                return response.read().decode()
        except OSError:
            return ""

    seconds = []
    try:
        while ready not in page():
            time.sleep(0.2)
        time.sleep(1)  # the watcher has started
        photos = work / name / "photos.yaml"
        for n in range(saves):
            word = f"Edited{n}x"
            photos.write_text(photos.read_text().replace("caption: ", f"caption: {word} ", 1))
            start = time.perf_counter()
            while word not in page():
                time.sleep(0.02)
            seconds.append(time.perf_counter() - start)
            photos.write_text(photos.read_text().replace(f"{word} ", "", 1))
            time.sleep(1.5)  # the taken-back word is built before the next save
    finally:
        server.terminate()
        server.wait(timeout=30)
    return seconds
