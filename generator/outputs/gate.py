"""Step 9 - The gate: the young person's copy, and the gate that every copy must pass.

Before a release is moved into place, everything that would ship is scanned: every page, the
search index, JS and JSON files, SVGs, file and folder names, the PDF's text and metadata,
every image's metadata, and every recording's container, box by box (outputs/containers.py).
Any name of a person never shown, any withheld name, any contact detail (the ones in the case
data, and anything shaped like an address, postcode, phone number or email), and any metadata
in a recording, fails the release with a report of where it was found, and nothing is written.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from generator.cast import lookout, writing
from generator.cast.contacts import contacts_in
from generator.cast.names import Matcher, fold
from generator.cast.reading import readings
from generator.core.errors import Finding
from generator.core.paths import MEDIA, SITE, THEME
from generator.core.source_cache import SourceCache, known_dir
from generator.format.journey import Journey
from generator.outputs import containers, summary, versions
from generator.sources import recordings

TEXT_SUFFIXES = {".html", ".htm", ".js", ".json", ".xml", ".svg", ".css", ".txt", ".md", ".map",
                 ".yml", ".yaml", ".webmanifest", ".ics"}
# Pictures as the site and book ship them (made by media, or Material's own favicon).
SHIPPED_PICTURES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
# Recordings as the site ships them (made by outputs/recordings.py): read box by box.
SHIPPED_RECORDINGS = {".m4a", ".mp4"}
# The installed packages whose themes MkDocs copies into a site (see theme_digests).
THEME_PACKAGES = {"mkdocs", "mkdocs-material"}
JPEG_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive",
             "progression"}


@dataclass(frozen=True)
class Term:
    """Something that must not be in a release, and why (in the coordinator's words)."""

    pattern: re.Pattern[str]
    why: str


@dataclass(frozen=True)
class Terms:
    """Everything the gate looks for: names, in any script or spelling (a Matcher), and the
    case data's own contact details (patterns)."""

    names: Matcher
    contacts: list[Term]
    # Words a copy carries that no file shows as text: the address its QR codes point to.
    hidden: dict[str, str] = field(default_factory=dict)




def terms_for(journey: Journey) -> Terms:
    """Everything the gate looks for in a journey's release, computed again from the case data
    on its own (its names by cast/lookout.py, not the cast's list): the gate must not
    trust the cast it checks."""
    terms: list[Term] = []
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
    hidden = {"the address its QR codes point to (book: site_url: in journey.yaml)":
              journey.info.book.site_url or ""}
    return Terms(lookout.gate_matcher(journey), terms, hidden)


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
        (folder / SITE / name).unlink(missing_ok=True)


@functools.cache
def theme_digests() -> frozenset[str]:
    """The SHA-256 of every file of the themes a site is built from: ours (theme/) and the ones
    in the installed mkdocs and mkdocs-material packages, which MkDocs copies into site/.

    A release file with one of these digests is the theme's own code, byte for byte, and holds
    no case data: its words are not read for names. Material's scripts and styles are full of
    words that are also names ("mark", "max", "eva" in Italian stemming rules), which would
    otherwise block every release of a journey keeping out a Mark or an Eva. Made once per run
    (a few hundred files, milliseconds); a theme file edited since is scanned, never skipped.
    """
    return frozenset(_digest(path.read_bytes())
                     for folder in _theme_folders() for path in _theme_files(folder))


def _theme_folders() -> list[Path]:
    """Our theme folder, and the folders of the themes mkdocs and mkdocs-material install."""
    from importlib.metadata import entry_points

    folders = [THEME]
    for entry in entry_points(group="mkdocs.themes"):
        package = (entry.dist.name if entry.dist else "").lower().replace("_", "-")
        if package in THEME_PACKAGES:
            folders.append(Path(entry.load().__file__).parent)
    return folders


def _theme_files(folder: Path) -> list[Path]:
    """Every file of a theme folder but hidden ones (MkDocs never copies them; Material's
    thousands of .icons are inlined in pages, which are scanned) and Python's own."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders
                      if not name.startswith(".") and name != "__pycache__"]
        found += [Path(parent, name) for name in names if not name.startswith(".")]
    return found


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scan(folder: Path, terms: Terms) -> list[Finding]:
    """Return every finding in a staged release folder (empty when it may ship).

    Every file's name is read, and every file's content but that of a theme's own files, byte
    for byte (see theme_digests).
    """
    findings: list[Finding] = []
    own = own_digests(folder)
    for where, text in terms.hidden.items():
        findings += _find(terms, text, where, patterns=True)
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        findings += _find(terms, _name_words(path.name, own), f"{relative} (its name)",
                          patterns=True)
        if path.is_dir():
            if path.name == versions.STORE:
                findings.append(Finding(relative, "the record of the copies released, which is "
                                        "for coordinators only", ""))
            continue
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            data = path.read_bytes()
            if _digest(data) in theme_digests():
                continue
            text = _readable(data.decode("utf-8", errors="replace"))
            if summary.MARK in text:  # it names every young person
                findings.append(Finding(relative, "the coordinators' dashboard, which names "
                                        "every young person", ""))
            if versions.MARK in text:  # what each copy held, for coordinators only
                findings.append(Finding(relative, "a version record of the copies released, "
                                        "which is for coordinators only", ""))
            # Every check on every text: a contact detail in an alt text, a title or a script's
            # data is as much in the copy as one in a paragraph.
            if suffix in {".html", ".htm", ".svg"}:
                findings += _find(terms, _without_own_files(_words_of_markup(text), own),
                                  relative, patterns=True)
            elif suffix == ".ics":
                findings += _find(terms, text, relative, patterns=False)
                findings += _find(None, _words_of_calendar(text), relative, patterns=True)
            else:
                findings += _find(terms, _without_own_files(text, own), relative, patterns=True)
        elif suffix in SHIPPED_PICTURES:
            findings += _image_metadata(path, relative)
        elif suffix == ".pdf":
            findings += _pdf(path, relative, terms, own)
        elif suffix in SHIPPED_RECORDINGS:
            findings += [Finding(relative, why, "") for why in
                         containers.box_findings(path) + containers.ffprobe_findings(path)]
        elif recordings.is_recording(path):
            findings.append(Finding(relative, "a recording as it came, not made again by "
                                    "journeybook without its metadata", ""))
    return findings


def _name_words(name: str, own: frozenset[str]) -> str:
    """A file's name as words: "kev_marsh-07700.jpg" is read as "kev marsh-07700.jpg", and a
    name made from the copy's own digest ("2264854256f44bc0fade-screen.jpg") without it."""
    return _without_own_files(name, own).replace("_", " ")


def _readable(text: str) -> str:
    """Undo the escapes a name could hide behind: HTML entities and JSON's \\uXXXX."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return html.unescape(text)


# Attributes that hold markup's own words (layout, not content): 'class="mark"' or
# 'sizes="(max-width: 700px)"' must not block a release that keeps out a Mark or a Max.
STRUCTURAL_ATTRIBUTES = {"class", "id", "style", "sizes", "rel", "type", "role", "for",
                         "viewbox", "d", "points", "transform", "xmlns", "width", "height",
                         "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "fill",
                         "stroke", "stroke-width", "stroke-dasharray", "text-anchor",
                         "dominant-baseline", "font-size", "font-weight", "loading", "media",
                         "charset", "lang", "dir", "tabindex", "method", "autocomplete",
                         "autocorrect", "autocapitalize", "spellcheck", "crossorigin",
                         "integrity", "preserveaspectratio", "marker-end", "marker-start",
                         "opacity", "stroke-linecap", "stroke-linejoin", "clip-path"}
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _words_of_markup(text: str) -> str:
    """Where a page's words can be: its visible text, its scripts (inline data), and every
    attribute that is not layout (alt, title, aria-label, content, href, data-*...)."""
    scripts = " ".join(m.group(1) for m in re.finditer(r"(?is)<script\b[^>]*>(.*?)</script>",
                                                           text))
    attributes = " ".join(m.group(2) if m.group(2) is not None else m.group(3)
                          for tag in re.finditer(r"<[^>]+>", text)
                          for m in _ATTRIBUTE.finditer(tag.group())
                          if m.group(1).lower() not in STRUCTURAL_ATTRIBUTES)
    return "\n".join((_visible(text), scripts, attributes))


# A run of hexadecimal digits: a content digest, or a piece of one.
HEX = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{12,}")
DIGEST_PREFIX = 12  # a picture's id and a recording's anchor are their digest's first 12


def own_digests(folder: Path) -> frozenset[str]:
    """The first 12 hex digits of the digest of every picture and recording the copy holds
    (their files are named by it: media/<digest>-screen.jpg)."""
    return frozenset(m.group()[:DIGEST_PREFIX] for path in folder.rglob(f"{MEDIA}/*")
                     if (m := HEX.match(path.name)))


def _without_own_files(text: str, own: frozenset[str]) -> str:
    """The text without the copy's own digests, wherever they are (a picture's path, its id
    in data-view, a recording's anchor): a digest that starts with ten digits is no phone
    number. Only digests of files the copy holds go: a number typed by anyone stays."""
    if not own:
        return text
    return HEX.sub(lambda m: " " if m.group()[:DIGEST_PREFIX] in own else m.group(), text)


# A calendar's properties that hold its structure (dates, ids, rules), not words: "DTSTAMP:
# 20261124T000000Z" is not a phone number. Every other property's value is read as words.
CALENDAR_STRUCTURE = {"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "UID",
                      "DTSTAMP", "DTSTART", "DTEND", "DUE", "RRULE", "TRANSP", "SEQUENCE",
                      "CREATED", "LAST-MODIFIED", "DURATION", "STATUS"}


def _words_of_calendar(text: str) -> str:
    """The words of an iCalendar file: the values of its properties that are not structure,
    with folded lines joined again (RFC 5545 3.1)."""
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    words = []
    for line in unfolded.splitlines():
        name, _, value = line.partition(":")
        if name.split(";")[0].upper() not in CALENDAR_STRUCTURE:
            words.append(value.replace("\\n", " ").replace("\\,", ",").replace("\\;", ";"))
    return "\n".join(words)


def _visible(text: str) -> str:
    """The words of an HTML page or SVG, without tags, scripts or styles."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


def _find(terms: Terms | None, text: str, where: str, *, patterns: bool) -> list[Finding]:
    """Names are found however they are written (see names.Matcher); the case data's contact
    details on folded text (any case, any accents); contact-shaped patterns on the text as it
    is."""
    findings = []
    if terms is not None:
        findings += [Finding(where, hit.why, hit.text) for hit in terms.names.find(text)]
        for version in readings(text):
            folded = fold(version)
            for term in terms.contacts:
                for match in term.pattern.finditer(folded):
                    findings.append(Finding(where, term.why, _context(folded, match)))
    if patterns:
        for what, match, version in contacts_in(text):
            findings.append(Finding(where, f"something that looks like {what}",
                                    _context(version, match)))
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


def _pdf(path: Path, relative: str, terms: Terms, own: frozenset[str]) -> list[Finding]:
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
    findings += _find(terms, _without_own_files(_pdf_words(path), own),
                      f"{relative} (its alt text, links and bookmarks)",
                      patterns=True)
    return findings


# The strings of a PDF that a reader hears or follows without seeing them on a page: a tagged
# figure's alt text and actual text, a structure element's title and expansion, a link's
# address, an annotation's contents, a bookmark's title.
PDF_WORDS = ("/Alt", "/ActualText", "/E", "/T", "/TU", "/URI", "/Contents", "/Title", "/Lang")


def _pdf_words(path: Path) -> str:
    """Every such string in the PDF, one a line (see PDF_WORDS)."""
    import pikepdf

    found = []
    with pikepdf.open(path) as pdf:
        for item in pdf.objects:
            if not isinstance(item, pikepdf.Dictionary):
                continue
            for key in PDF_WORDS:
                value = item.get(key)
                if isinstance(value, pikepdf.String):
                    found.append(str(value))
    return "\n".join(found)


def scan_pictures(folder: Path, terms: Terms, cache_dir: Path | None = None) -> list[Finding]:
    """Read the writing in every picture that would ship (OCR of the site's screen-size
    copies, upright and turned round: cast/writing.py) and screen it with every check:
    the names, the case data's contact details, and anything shaped like a phone number, an
    email, an address or a handle. A photo of a card or a screenshot of a message is a picture
    of text, which the text scan above cannot see. Only the words OCR is fairly sure of count.
    What was read is remembered by the picture's content with what else is known of the
    journey's pictures (core/source_cache.py): a screen copy the preview's safeguard already
    read, byte for byte the same, is not read again."""
    findings: list[Finding] = []
    sources = SourceCache(known_dir(cache_dir) if cache_dir else None)
    paths = sorted(folder.rglob(f"{MEDIA}/*-screen.jpg"))
    read = writing.read_all(paths, sources)
    sources.save(prune=False)  # what the build's own check knew stays known
    for path in paths:
        relative = path.relative_to(folder).as_posix()
        findings += _find(terms, read[path].text, f"{relative} (writing in the picture)",
                          patterns=True)
    return findings
