"""Whose journey it is: an identity for each young person's journey that is not its folder's name.

Two teams may each keep a `kai` folder. Built into one `--out`, the second child's copy must
not replace the first's, become "version 2" of it, or use its caches and build record; and
`journeybook releases` must not list one child's copies for the other. So everything a build
keeps belongs to the journey's identity: a digest of the young person's full name (or what
they are called, without one) and date of birth in journey.yaml, which stays the same when a
coordinator moves the folder and differs for two children. It is kept, for coordinators only:

- with a copy's versions, in `<copies>/.versions/<name>/journey.json` (a copy itself holds
  nothing but the site and the book, so its versions say whose it is);
- in a preview's own folder, `<previews>/<name>/.journey` (a preview is never handed over);
- in the name of the journey's cache folder (build_plan.cache_for), which holds its plain
  copies and its build record.

A build whose output or versions belong to another identity is refused before anything is
written. Versions or a preview made before journeybook kept identities are adopted by the
next build of the journey built into them.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from generator.core.cache import key
from generator.core.dates import parse_date
from generator.core.errors import BuildError, DateError
from generator.core.output import write_atomically
from generator.format.load import JOURNEY_FILE, load_yaml
from generator.outputs import versions

STORE_FILE = "journey.json"  # in a version store
PREVIEW_FILE = ".journey"  # in a preview's folder
SIZE = 16  # hex digits of the digest: enough to tell apart every child a service will have


def of_journey(folder: Path) -> str:
    """The identity of the journey in folder, or "" when journey.yaml does not say who its
    young person is (its check then says what is wrong)."""
    data = load_yaml(folder / JOURNEY_FILE)
    person = data.get("young_person") if isinstance(data, dict) else None
    if not isinstance(person, dict):
        return ""
    name = person.get("full_name") or person.get("called")
    if not isinstance(name, str) or not _plain(name):
        return ""
    return key("journeybook journey", _plain(name), _birth(person.get("born")))[:SIZE]


def _plain(name: str) -> str:
    """A name's letters and digits, case, accents, spacing and punctuation aside ('ZOË
    O'Brien-Lee' -> 'zoe obrienlee'). Worked out here, not by the safeguard's matching,
    which changes as it improves: an identity must stay the same from one version of
    journeybook to the next."""
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    letters = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(filter(None, ("".join(c for c in word if c.isalnum())
                                  for word in letters.split())))


def _birth(value: object) -> str:
    """The days a date of birth may be, however it is written ("2009-04-12", "12 April
    2009"); as written when it is not a date, and "" when there is none."""
    try:
        born = parse_date(value)
    except DateError:
        return str(value or "")
    return f"{born.earliest.isoformat()}/{born.latest.isoformat()}"


def of_store(store: Path) -> str:
    """Whose versions a store holds, or "" (none yet, or kept before identities were)."""
    try:
        data = json.loads((store / STORE_FILE).read_text(encoding="utf-8"))
        return str(data["identity"]) if data.get("mark") == versions.MARK else ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ""


def of_preview(output: Path) -> str:
    """Whose preview an output folder is, or "" (none yet, or made before identities were)."""
    try:
        return (output / PREVIEW_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return ""


def claim_store(store: Path, identity: str) -> bool:
    """Keep whose a store's versions are; True when the store had no identity until now (one
    kept by an earlier journeybook, or a new one)."""
    if not identity or of_store(store) == identity:
        return False
    store.mkdir(parents=True, exist_ok=True)
    data = {"mark": versions.MARK, "identity": identity,
            "note": "For coordinators only: whose versions these are (a digest of the young "
                    "person's name and date of birth)."}
    write_atomically(store / STORE_FILE, json.dumps(data, indent=1).encode())
    return True


def mark_preview(output: Path, identity: str) -> None:
    """Say whose preview a (staged) preview folder is."""
    if identity:
        (output / PREVIEW_FILE).write_text(identity + "\n", encoding="utf-8")


def refuse_another(identity: str, folder: Path, *, final: Path, store: Path | None,
                   release: bool) -> None:
    """Raise BuildError when the output folder or the versions a build would write belong to
    another young person's journey: before anything is written, and nothing of theirs is
    changed."""
    if not identity:
        return
    if release and store is not None and belongs_to_another(identity, store):
        copy = f"{final} is that young person's copy. " if final.exists() else ""
        raise BuildError(
            f"{another_store(store, folder)} {copy}Nothing was written, and nothing of theirs "
            f"was changed. Build {folder} with another --out, so that its copy and versions are "
            "kept there. If it is the same young person and you corrected their name or date "
            f"of birth, delete {store / STORE_FILE} and build again.")
    if not release and of_preview(final) not in ("", identity):
        raise BuildError(
            f"{final}: this is the preview of another young person's journey, not of {folder} "
            "(its journey.yaml names another young person or date of birth). Nothing was "
            f"written, and nothing of theirs was changed. Build {folder} with another --out. "
            "If it is the same young person and you corrected their name or date of birth, "
            f"delete {final / PREVIEW_FILE} and build again.")


def another_store(store: Path, folder: Path) -> str:
    """What is wrong when a store holds another journey's versions, in a coordinator's words."""
    return (f"{store}: these are the versions of another young person's copy, not of {folder} "
            "(its journey.yaml names another young person or date of birth).")


def belongs_to_another(identity: str, store: Path) -> bool:
    """Whether a version store holds another journey's versions."""
    return bool(identity) and of_store(store) not in ("", identity)


def versions_to_read(copies: Path | None, folder: Path, identity: str) -> Path | None:
    """The version store a preview reads what is new from: the journey's own in the copies
    folder, never another young person's of the same folder name (then none)."""
    if copies is None:
        return None
    store = versions.store(copies, folder.resolve().name)
    return None if belongs_to_another(identity, store) else store
