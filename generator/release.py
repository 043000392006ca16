"""Stage 8 - Release: the young person's copy, and the gate that every copy must pass.

Before a release is moved into place, everything that would ship is scanned: every page, the
search index, JS and JSON files, SVGs, file and folder names, the PDF's text and metadata, and
every image's metadata. Any name of a person never shown, any withheld name, any contact detail
(the ones in the case data, and anything shaped like an address, postcode, phone number or
email) fails the release with a report of where it was found, and nothing is written.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from generator.errors import JourneybookError
from generator.safety import find_contacts, fold, kept_out_names
from generator.validate import Journey

TEXT_SUFFIXES = {".html", ".htm", ".js", ".json", ".xml", ".svg", ".css", ".txt", ".md", ".map",
                 ".yml", ".yaml", ".webmanifest"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
# Files whose words are the young person's text: also checked for contact-shaped patterns.
WORDS_FILES = re.compile(r"(\.html?|\.svg|search_index\.(js|json))$")
JPEG_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive",
             "progression"}


@dataclass(frozen=True)
class Term:
    """Something that must not be in a release, and why (in the coordinator's words)."""

    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class Finding:
    where: str
    why: str
    context: str

    def show(self) -> str:
        return f"  {self.where}: {self.why}" + (f" ... {self.context} ..." if self.context else "")


class ReleaseBlocked(JourneybookError):
    """The gate found something that must not be shared; nothing was written."""

    def __init__(self, findings: list[Finding]):
        self.findings = findings
        lines = [f"The young person's copy was NOT made: {len(findings)} thing(s) that must not "
                 "be shared were found in it. Nothing was written."]
        lines += [finding.show() for finding in findings[:50]]
        if len(findings) > 50:
            lines.append(f"  ... and {len(findings) - 50} more")
        lines.append("Fix the case data (or the template) so these are not shown, then build "
                     "the release again.")
        super().__init__("\n".join(lines))


def terms_for(journey: Journey) -> list[Term]:
    """Everything the gate looks for in a journey's release."""
    forbidden, _shared = kept_out_names(journey.people.people, journey.info.young_person)
    terms = [Term(_word_pattern(word), why) for word, why in sorted(forbidden.items())]
    for person in journey.people.people:
        label = f"{person.called} ({person.id})"
        contact = person.contact
        if contact is None:
            continue
        if contact.email:
            terms.append(Term(_word_pattern(fold(contact.email)), f"the email of {label}"))
        if contact.phone and len(re.sub(r"\D", "", contact.phone)) >= 6:
            digits = re.sub(r"\D", "", contact.phone)
            terms.append(Term(re.compile(r"[\s().+-]{0,3}".join(digits)), f"the phone number of "
                              f"{label}"))
        if contact.address:
            first_line = contact.address.split(",")[0].strip()
            for part in {fold(contact.address), fold(first_line)}:
                if len(part) >= 6 and (part != fold(first_line) or re.search(r"\d", part)):
                    terms.append(Term(_word_pattern(part), f"the address of {label}"))
    return terms


def _word_pattern(text: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in text.split()) + r"(?!\w)")


def finalize(folder: Path) -> None:
    """Make a staged build into a release: only the site and the book ship.

    The MkDocs project (Markdown and a config naming this machine's folders) stays behind, and a
    release has no sitemap: it is not to be found.
    """
    shutil.rmtree(folder / "docs", ignore_errors=True)
    (folder / "mkdocs.yml").unlink(missing_ok=True)
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (folder / "site" / name).unlink(missing_ok=True)


def scan(folder: Path, terms: list[Term]) -> list[Finding]:
    """Return every finding in a staged release folder (empty when it may ship)."""
    findings: list[Finding] = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        findings += _find(terms, path.name, f"{relative} (its name)", patterns=False)
        if path.is_dir():
            continue
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            text = _readable(path.read_text(encoding="utf-8", errors="replace"))
            words = bool(WORDS_FILES.search(path.name))
            if suffix in {".html", ".htm", ".svg"}:
                findings += _find(terms, text, relative, patterns=False)
                findings += _find([], _visible(text), relative, patterns=True)
            else:
                findings += _find(terms, text, relative, patterns=words)
        elif suffix in IMAGE_SUFFIXES:
            findings += _image_metadata(path, relative)
        elif suffix == ".pdf":
            findings += _pdf(path, relative, terms)
    return findings


def _readable(text: str) -> str:
    """Undo the escapes a name could hide behind: HTML entities and JSON's \\uXXXX."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return html.unescape(text)


def _visible(text: str) -> str:
    """The words of an HTML page or SVG, without tags, scripts or styles."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


def _find(terms: list[Term], text: str, where: str, *, patterns: bool) -> list[Finding]:
    """Terms are matched on folded text (any case, any accents); contact-shaped patterns on
    the text as it is."""
    findings = []
    folded = fold(text)
    for term in terms:
        for match in term.pattern.finditer(folded):
            findings.append(Finding(where, term.why, _context(folded, match)))
    if patterns:
        for what, match in find_contacts(text):
            findings.append(Finding(where, f"something that looks like {what}",
                                    _context(text, match)))
    return findings


def _context(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
    return " ".join(text[start:end].split())


def _image_metadata(path: Path, relative: str) -> list[Finding]:
    try:
        with Image.open(path) as image:
            extra = set(image.info) - JPEG_INFO
            has_exif = bool(image.getexif())
            markers = [name for name, _ in getattr(image, "applist", []) if name != "APP0"]
    except OSError:
        return [Finding(relative, "an image that cannot be read", "")]
    if path.parent.name != "media":
        return []  # the theme's own icons and pictures, not the young person's photos
    if has_exif or extra or markers:
        found = sorted(extra | ({"EXIF"} if has_exif else set()) | set(markers))
        return [Finding(relative, f"a photo still carrying metadata ({', '.join(found)})", "")]
    return []


def _pdf(path: Path, relative: str, terms: list[Term]) -> list[Finding]:
    import pypdfium2

    findings: list[Finding] = []
    document = pypdfium2.PdfDocument(str(path))
    try:
        metadata = json.dumps(document.get_metadata_dict(), ensure_ascii=False)
        findings += _find(terms, metadata, f"{relative} (its metadata)", patterns=True)
        for number, page in enumerate(document, start=1):
            # Lines wrap anywhere in a PDF: join them, so "01632" + newline + "960 999" is
            # still seen as one phone number.
            text = " ".join(page.get_textpage().get_text_range().split())
            findings += _find(terms, text, f"{relative} page {number}", patterns=True)
    finally:
        document.close()
    return findings
