"""Step 7 - Site: an ordinary MkDocs project per journey, built by MkDocs itself.

build/<id>/mkdocs.yml INHERITs the top-level mkdocs.yml and adds only the journey's own settings,
so a coordinator can open it with the usual tools (`mkdocs serve` in that folder) and the pages
could move to another MkDocs-compatible engine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from generator.core import cache, tool_log, words
from generator.core.errors import BuildError
from generator.core.output import write_text
from generator.core.paths import BASE_CONFIG, CALENDAR, MEDIA, SITE, THEME
from generator.core.words import N_
from generator.format.vocabulary import SHADES
from generator.model.types import Book

DOCS = "docs"
# The words of the "not found" page (theme/site/404.html), which MkDocs renders with none of
# the book's templates: given to it in config.extra, in the book's language.
NOT_FOUND_WORDS = {
    "not_found": N_("This page is not in the book"),
    "not_found_why": N_("The link may be old, or the page may have moved."),
    "to_the_start": N_("Go to the start of the book"),
}


def write_project(project: Path, final: Path, book: Book, pages: dict[str, str]) -> Path:
    """Write mkdocs.yml, the Markdown pages and the assets into project; return the config.

    final is where project will live after the build (INHERIT is written relative to it).
    """
    _ = words.translations(book.language).gettext
    for name, text in pages.items():
        write_text(project / DOCS, name, text)
    assets = project / DOCS / "assets"
    (assets / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(THEME / "css" / "site.css", assets / "journeybook.css")
    shutil.copyfile(THEME / "js" / "journeybook.js", assets / "journeybook.js")
    write_text(assets, "journeybook-colours.css", colours_css())
    for font in (THEME / "fonts").glob("*.ttf"):
        shutil.copyfile(font, assets / "fonts" / font.name)
    config = {
        "INHERIT": os.path.relpath(BASE_CONFIG, final),
        "site_name": html_text(f"Preview: {book.title}" if book.preview else book.title),
        "docs_dir": DOCS,
        "site_dir": SITE,
        "theme": {
            "name": "material",
            "custom_dir": str(THEME / "site"),
            "language": book.language.split("-")[0],
            "palette": palettes(book.colour, book.screen, _),
        },
        "nav": [{chapter.title: f"{chapter.slug}.md"} for chapter in book.chapters],
        "extra": {"journeybook_preview": book.preview,
                  "journeybook_direction": book.direction,
                  "journeybook_words": {"listen": _("Read this page to me"),
                                        "stop": _("Stop reading"),
                                        **{key: _(said) for key, said in NOT_FOUND_WORDS.items()}}},
    }
    header = "# Written by journeybook for this journey; rebuilt on every `journeybook build`.\n"
    return write_text(project, "mkdocs.yml", header + yaml.safe_dump(config, sort_keys=False))


def palettes(colour: str, screen: str, _: Callable[[str], str] = str) -> list[dict]:
    """Material's light and dark palettes in the young person's colour, the one they chose first
    (auto: whichever the phone asks for). A button in the header switches between them."""
    light = {"scheme": "default", "primary": colour, "accent": colour,
             "toggle": {"icon": "material/weather-night", "name": _("Dark pages")}}
    dark = {"scheme": "slate", "primary": colour, "accent": colour,
            "toggle": {"icon": "material/weather-sunny", "name": _("Light pages")}}
    if screen == "auto":
        light["media"], dark["media"] = "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"
    return [dark, light] if screen == "dark" else [light, dark]


def colours_css() -> str:
    """Every colour the young person may choose, as Material's colour variables: shades that stay
    readable (4.5:1 or more) as the header, as headings and links on white, and on the dark
    pages. Material's own shades are brighter (teal's white header text is 3.8:1)."""
    rules = ["/* Written by journeybook from the book's colours (vocabulary.SHADES). */"]
    for colour, shades in SHADES.items():
        chosen = f'[data-md-color-primary="{colour.value.replace(" ", "-")}"]'
        rules.append(
            f"{chosen} {{ --md-primary-fg-color: {shades.header}; "
            f"--md-primary-fg-color--light: {shades.header}; "
            f"--md-primary-fg-color--dark: {shades.header}; "
            f"--md-primary-bg-color: {shades.on_header}; "
            f"--md-primary-bg-color--light: {shades.on_header}; "
            f"--md-accent-fg-color: {shades.ink}; --md-typeset-a-color: {shades.ink}; "
            f"--jb-colour: {shades.ink}; }}")
        rules.append(
            f'[data-md-color-scheme="slate"]{chosen} {{ --md-accent-fg-color: {shades.glow}; '
            f"--md-typeset-a-color: {shades.glow}; --jb-colour: {shades.glow}; }}")
    return "\n".join(rules) + "\n"


def html_text(value: str) -> str:
    """A setting's text made safe for Material's templates, which print config.site_name (and
    site_author, site_description, copyright) unescaped into <title>, headings and double-quoted
    attributes such as aria-label: a title "</title><script>..." or '" onfocus="...' would
    otherwise be markup in every page.

    Only <, > and " are escaped: they are all markup needs there. & and ' are left as they are,
    because Material escapes the same value again in its logo's title attribute, where "&amp;"
    would show as typed; "Kai & Nan's book" reads the same everywhere. Template syntax ("{{",
    "{%") needs nothing: Jinja never renders a value a second time.
    """
    return value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def build_site_cached(config_file: Path, site_dir: Path, cache_dir: Path) -> list[str]:
    """Build the site, or copy it from the cache when nothing that shapes it has changed;
    return MkDocs' warnings (those of the build that made it, when it came from the cache)."""
    docs = config_file.parent / DOCS
    key = cache.key(versions(), config_file.read_text(encoding="utf-8"),
                    cache.folder_key(docs, skip=[MEDIA]), cache.folder_key(THEME / "site"),
                    BASE_CONFIG.read_bytes())
    warnings = cache.fetch(cache_dir, "sites", key, site_dir)
    if warnings is None:
        warnings = build_site(config_file, cache_dir / "templates")
        cache.store(cache_dir, "sites", key, site_dir, warnings)
    return warnings


def _compiled_once(folder: Path):
    """A plugin (added to the loaded config, not to any mkdocs.yml) giving MkDocs' template
    environment a bytecode cache in folder."""
    from jinja2 import FileSystemBytecodeCache
    from mkdocs.plugins import BasePlugin

    folder.mkdir(parents=True, exist_ok=True)

    class CompiledOnce(BasePlugin):
        def on_env(self, env, /, *, config, files):
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
            return env

    return CompiledOnce()


def versions() -> str:
    """The versions that shape the built site (part of its cache key)."""
    from importlib.metadata import version

    return f"mkdocs {version('mkdocs')}, material {version('mkdocs-material')}"


def build_site(config_file: Path, templates_cache: Path | None = None) -> list[str]:
    """Build the site with MkDocs; return MkDocs' warnings. Raise BuildError on failure.

    With templates_cache, the theme's templates are compiled once and kept there (Jinja's
    bytecode cache, keyed by each template's source): MkDocs otherwise compiles Material's
    fifty-odd templates again on every build, most of the time a small edit's rebuild takes.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with tool_log.collected("mkdocs") as said:
        try:
            config = load_config(str(config_file))
            if templates_cache is not None:
                config.plugins["journeybook-templates"] = _compiled_once(templates_cache)
            build(config)
        except MkDocsException as error:
            raise BuildError(f"MkDocs could not build the site: {error}") from None
    return said.errors + said.warnings


def write_calendar(project: Path, calendar: bytes | None) -> None:
    """Put the plan's calendar file (model/calendar.py) among the site's files, which MkDocs
    copies as they are: the plan page links to it."""
    if calendar is not None:
        (project / DOCS / CALENDAR).write_bytes(calendar)
