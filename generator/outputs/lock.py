"""Password protection: the young person's copy, locked with a passphrase they choose.

The site: every file of the built site (pages, search index, pictures, styles) is put into one
bundle, compressed and encrypted with AES-256-GCM under a key derived from the passphrase with
PBKDF2-SHA256 at 600,000 iterations (the OWASP figure). What ships is an unlock page and the
encrypted bundle: without the passphrase no title, name, text or picture can be read. The
unlock page decrypts in the browser (Web Crypto) and shows the pages from memory.

The book: the PDF is encrypted with AES-256 (pikepdf, PDF 2.0 security handler R6).
"""

from __future__ import annotations

import base64
import gzip
import json
import mimetypes
import os
import secrets
import shutil
from pathlib import Path

from generator.core.errors import PassphraseError
from generator.core.paths import PROTECT

ITERATIONS = 600_000
AAD = b"journeybook-v1"
MIN_LENGTH = 8


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"the passphrase must be at least {MIN_LENGTH} characters; a few "
                              "words the young person will remember work well.")


def protect_pdf(pdf: Path, passphrase: str) -> None:
    """Encrypt pdf in place with AES-256; only the passphrase opens it."""
    import pikepdf

    check_passphrase(passphrase)
    locked = pdf.with_suffix(".locked.pdf")
    with pikepdf.open(pdf) as document:
        document.save(locked, encryption=pikepdf.Encryption(
            user=passphrase, owner=secrets.token_urlsafe(32), R=6))
    locked.replace(pdf)


def protect_site(site: Path, passphrase: str) -> None:
    """Replace the site folder's files by an unlock page and one encrypted bundle."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

    check_passphrase(passphrase)
    files = {path.relative_to(site).as_posix(): base64.b64encode(path.read_bytes()).decode()
             for path in sorted(site.rglob("*")) if path.is_file() and path.suffix != ".map"}
    types = {name: mimetypes.guess_type(name)[0] or "application/octet-stream" for name in files}
    plain = gzip.compress(json.dumps({"files": files, "types": types}).encode(), mtime=0)
    salt, nonce = os.urandom(16), os.urandom(12)
    key = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt,
                     iterations=ITERATIONS).derive(passphrase.encode())
    sealed = AESGCM(key).encrypt(nonce, plain, AAD)
    locked = {"v": 1, "iterations": ITERATIONS, "salt": _b64(salt), "iv": _b64(nonce),
              "data": _b64(sealed)}
    for child in site.iterdir():
        shutil.rmtree(child) if child.is_dir() else child.unlink()
    # A script, not a data file: browsers refuse fetch() from file://, but load scripts.
    (site / "bundle.js").write_text(f"window.JB_LOCKED = {json.dumps(locked)};\n")
    (site / "index.html").write_text((PROTECT / "unlock.html").read_text(encoding="utf-8")
                                     .replace("/*UNLOCK_JS*/", (PROTECT / "unlock.js")
                                              .read_text(encoding="utf-8")), encoding="utf-8")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
