"""A passphrase-locked copy: unreadable without the passphrase, whole with it."""

from __future__ import annotations

import base64
import gzip
import json
import math
import subprocess
from collections import Counter

import pytest
from pypdf import PdfReader

from generator.build import build
from generator.core.errors import BuildError, PassphraseError
from tests.conftest import DEMO, chromium_title, pdf_text, shared_cache

PASSPHRASE = "seagulls over the pier"
EVERY_NAME = ["Kai", "Hollis", "Nan", "Patricia", "Granny Von", "Yvonne", "Keisha", "Lily",
              "Brackenford", "Thornley", "journey book", "wheelchair", "Biscuit", "Lifelong"]


@pytest.fixture(scope="module")
def locked(tmp_path_factory, known):
    out = tmp_path_factory.mktemp("locked")
    return build(DEMO, out, release=True, passphrase=PASSPHRASE,
                 cache_dir=shared_cache(known, release=True)).output


def test_without_the_passphrase_nothing_can_be_read(locked):
    """Only an unlock page and an encrypted bundle ship: no name, no text, no picture, no
    page title, no search index can be read from the files."""
    files = sorted(p.relative_to(locked).as_posix() for p in locked.rglob("*") if p.is_file())
    assert files == ["book.pdf", "site/bundle.js", "site/index.html"]
    unlock_page = (locked / "site" / "index.html").read_text()
    assert not [word for word in EVERY_NAME if word in unlock_page]
    assert "<title>A private book</title>" in unlock_page
    bundle = json.loads((locked / "site" / "bundle.js").read_text()
                        .removeprefix("window.JB_LOCKED = ").rstrip().rstrip(";"))
    assert sorted(bundle) == ["data", "iterations", "iv", "salt", "v"]
    assert bundle["iterations"] >= 600_000
    sealed = base64.b64decode(bundle["data"])
    assert len(sealed) > 100_000  # the whole site is in there...
    with pytest.raises(OSError):
        gzip.decompress(sealed)  # ...but not merely compressed
    counts = Counter(sealed)
    entropy = -sum(n / len(sealed) * math.log2(n / len(sealed)) for n in counts.values())
    assert entropy > 7.99  # indistinguishable from random bytes
    for word in EVERY_NAME:
        assert word.encode() not in sealed or len(word) < 6


def test_the_book_is_aes256_locked(locked):
    reader = PdfReader(locked / "book.pdf")
    assert reader.is_encrypted
    assert reader.decrypt("wrong passphrase").name == "NOT_DECRYPTED"
    assert "/AESV3" in str(reader.trailer["/Encrypt"].get_object())  # AES-256
    failed = subprocess.run(["pdftotext", str(locked / "book.pdf"), "-"], capture_output=True)
    assert failed.returncode != 0
    assert "Kai" in pdf_text(locked / "book.pdf", "-upw", PASSPHRASE)


HARNESS = """
<script>
  JB.unlock(%s).then(function () {
    var frame = document.getElementById("book");
    (function wait() {
      var body = frame.contentDocument && frame.contentDocument.body;
      var img = body && body.querySelector("img");
      // After the frame's load event (the unlock page sets the title then too).
      if (body && body.innerText.indexOf("Hello, Kai") >= 0 && img && img.complete &&
          frame.contentDocument.readyState === "complete") {
        setTimeout(function () {
          document.title = "OPEN|" + frame.contentDocument.title + "|IMG " + img.naturalWidth;
        }, 100);
      } else { setTimeout(wait, 50); }
    })();
  }, function () { document.title = "REFUSED"; });
</script>
"""


@pytest.mark.browser
@pytest.mark.parametrize(("passphrase", "expected"), [(PASSPHRASE, "OPEN"),
                                                      ("not the one", "REFUSED")])
def test_the_passphrase_opens_the_site_in_a_browser(locked, tmp_path, passphrase, expected):
    """In Chromium, from file://, the real unlock page opens the book (pictures too) with the
    passphrase, and refuses any other."""
    page = (locked / "site" / "index.html").read_text()
    harness = locked / "site" / f"harness-{expected}.html"
    harness.write_text(page.replace("</body>", HARNESS % json.dumps(passphrase) + "</body>"))
    try:
        title = chromium_title(harness.as_uri(), "OPEN|REFUSED", tmp_path / "profile")
    finally:
        harness.unlink()
    assert title.startswith(expected), title
    if expected == "OPEN":
        assert title.startswith(("OPEN|Welcome - Kai's journey book|",
                                 "OPEN|Welcome - Kai&#39;s journey book|"))
        assert int(title.rsplit("IMG ", 1)[1]) > 100  # the cover, decoded from the bundle


def test_a_short_passphrase_or_a_preview_cannot_be_locked(tmp_path):
    with pytest.raises(PassphraseError):
        build(DEMO, tmp_path, release=True, passphrase="short")
    with pytest.raises(BuildError, match="only the young person's copy"):
        build(DEMO, tmp_path, passphrase=PASSPHRASE)
