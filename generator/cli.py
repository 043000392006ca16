"""The `journeybook` command: check, build, releases, preview, clean, new, import, export,
schema, studio.

A coordinator sees `file:line: what is wrong. How to fix it.` and never a traceback; an
unexpected failure says so plainly and how to report it (with --debug for the details).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator import __version__
from generator.core.errors import JourneybookError, JourneyError, Problem
from generator.format.new_journey import make_journey

DEFAULT_JOURNEYS = "journeys"
DEFAULT_OUT = "build"
DEFAULT_RELEASE = "release"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except JourneyError as error:
        _show_problems(error.problems, Path.cwd())
        return 1
    except JourneybookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception:
        if args.debug:
            raise
        print("journeybook stopped because of an internal error (not a mistake in your case "
              "data). Nothing was changed. Run the same command again with --debug and send "
              "the output to whoever looks after journeybook.", file=sys.stderr)
        return 70


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="journeybook",
        description="Make a young person's journey book (a private site and a PDF) from their "
                    "case data folder.")
    parser.add_argument("--version", action="version", version=f"journeybook {__version__}")
    parser.add_argument("--debug", action="store_true", help="show internal errors in full")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")

    check = commands.add_parser("check", help="check a journey's case data and list every problem")
    check.add_argument("journey", type=Path, help="the journey folder, e.g. journeys/demo")
    check.add_argument("--cache", type=Path, default=None,
                       help="a cache folder, as build's (e.g. build/.cache): what a build or "
                            "check learnt there of the journey's pictures is used, and what "
                            "this check learns is kept (default: nothing is kept)")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="build the site and the book")
    build.add_argument("journey", type=Path, nargs="?", help="the journey folder")
    build.add_argument("--all", action="store_true", help="build every journey in --journeys")
    build.add_argument("--journeys", type=Path, default=_journeys_default(),
                       help="folder holding the journeys (default: $JOURNEYBOOK_JOURNEYS or "
                            "journeys/)")
    build.add_argument("--release", action="store_true",
                       help="make the young person's copy (only what may be shared; checked "
                            "by the release gate) instead of the coordinator's preview")
    build.add_argument("--protect", action="store_true",
                       help="with --release: lock the site and the book with a passphrase "
                            "(asked for, or taken from $JOURNEYBOOK_PASSPHRASE)")
    build.add_argument("--out", type=Path, default=None,
                       help="where builds go (default: build/, or release/ with --release)")
    build.add_argument("--no-pdf", action="store_true", help="build only the site (faster)")
    build.add_argument("--print-shop", action="store_true",
                       help="also make the files a print shop or photo-book service asks for, "
                            "in print-shop/ beside book.pdf: interior.pdf (the inside pages) "
                            "and cover.pdf (back cover, spine and front cover on one sheet), "
                            "with a 3 mm bleed, as PDF/X-4; book.pdf stays the copy to read "
                            "and keep")
    build.add_argument("--crop-marks", action="store_true",
                       help="with --print-shop: add crop marks, outside the bleed (only if the "
                            "print shop asks for them; most photo-book services do not)")
    build.add_argument("--spine", type=float, default=None, metavar="MM",
                       help="with --print-shop: the cover's spine width your print shop gave "
                            "(default: worked out for 150 gsm silk paper, see README)")
    build.add_argument("--quiet", action="store_true", help="print only problems and results")
    build.add_argument("--strict", action="store_true",
                       help="treat every warning (yours, MkDocs', WeasyPrint's) as an error")
    build.add_argument("--jobs", type=int, default=None,
                       help="with --all: how many journeys to build at once (default: one "
                            "per core)")
    build.add_argument("--cache", type=Path, default=None,
                       help="where to keep plain copies for fast rebuilds (default: --out's "
                            ".cache folder; with --release, the previews folder's, build/.cache)")
    build.set_defaults(run=_build)

    releases = commands.add_parser(
        "releases", help="list the versions of a young person's copy: when each was released "
                         "and what changed")
    releases.add_argument("journey", type=Path, help="the journey folder, e.g. journeys/demo")
    releases.add_argument("--out", type=Path, default=Path(DEFAULT_RELEASE),
                          help="the young people's copies folder (default: release/)")
    releases.set_defaults(run=_releases)

    preview = commands.add_parser("preview", help="preview the site while you edit")
    preview.add_argument("journey", type=Path, help="the journey folder")
    preview.add_argument("--out", type=Path, default=Path(DEFAULT_OUT))
    preview.add_argument("--port", type=int, default=8000)
    preview.set_defaults(run=_preview)

    clean = commands.add_parser(
        "clean", help="remove a journey's preview, cache and copies (or every preview and cache)")
    clean.add_argument("journey", type=Path, nargs="?",
                       help="the journey folder; without it, every preview and every cache")
    clean.add_argument("--out", type=Path, default=Path(DEFAULT_OUT),
                       help="the previews folder (default: build/)")
    clean.add_argument("--release-out", type=Path, default=Path(DEFAULT_RELEASE),
                       help="the young people's copies folder (default: release/)")
    clean.add_argument("--copies", action="store_true",
                       help="without a journey: also remove every young person's copy")
    clean.add_argument("--versions", action="store_true",
                       help="also remove the record of the copies released (what "
                            "`journeybook releases` lists); kept unless you ask")
    clean.set_defaults(run=_clean)

    new = commands.add_parser("new", help="start a new journey folder from a commented template")
    new.add_argument("name", help='the young person\'s name, e.g. "Kai Hollis"')
    new.add_argument("--journeys", type=Path, default=_journeys_default())
    new.set_defaults(run=_new)

    studio = commands.add_parser("studio", help="edit the journeys in a browser, on this computer")
    studio.add_argument("--journeys", type=Path, default=_journeys_default(),
                        help="the folder of journeys to edit (default: as build --all)")
    studio.add_argument("--port", type=int, default=None,
                        help="default: 8517, or any free port if that one is taken")
    studio.set_defaults(run=_studio)

    schema = commands.add_parser("schema", help="rewrite docs/schema/*.json and docs/format.md")
    schema.add_argument("--docs", type=Path, default=Path("docs"))
    schema.set_defaults(run=_schema)

    bring = commands.add_parser("import", help="bring people into a journey's people.yaml from "
                                "a family tree (GEDCOM) or a spreadsheet (CSV, Excel)")
    sources = bring.add_subparsers(dest="what", title="what to bring in", metavar="WHAT",
                                   required=True)
    for what, helped, run in (
            ("gedcom", "a family tree from genealogy software (.ged)", _import_gedcom),
            ("people", "a spreadsheet of people, one a row (.csv or .xlsx)", _import_people)):
        source = sources.add_parser(what, help=helped)
        source.add_argument("file", type=Path, help="the file to bring in")
        source.add_argument("journey", type=Path, help="the journey folder, e.g. journeys/kai")
        source.add_argument("--dry-run", action="store_true",
                            help="say what would be added, and change nothing")
        source.add_argument("--all-problems", action="store_true",
                            help="list every problem (without it, only the first ones)")
        source.set_defaults(run=run)

    send = commands.add_parser("export", help="write a journey's family for other software")
    formats = send.add_subparsers(dest="what", title="format", metavar="FORMAT", required=True)
    gedcom = formats.add_parser("gedcom", help="the family tree as GEDCOM 5.5.1, for "
                                "genealogy software")
    gedcom.add_argument("journey", type=Path, help="the journey folder")
    gedcom.add_argument("-o", "--output", type=Path, default=None,
                        help="the file to write (default: beside the journey folder, "
                             "<name>.ged)")
    gedcom.add_argument("--everything", action="store_true",
                        help="everyone, never-shown people and contact details included: a "
                             "file for your records only (without it: only who and what the "
                             "young person's copy shows)")
    gedcom.add_argument("--cache", type=Path, default=None,
                        help="a cache folder, as build's (e.g. build/.cache): what a build or "
                             "check learnt there of the journey's pictures is used, and what "
                             "this export learns is kept (default: nothing is kept)")
    gedcom.set_defaults(run=_export_gedcom)
    return parser


def _journeys_default() -> Path:
    return Path(os.environ.get("JOURNEYBOOK_JOURNEYS", DEFAULT_JOURNEYS))


def _check(args: argparse.Namespace) -> int:
    from generator.build import check
    from generator.build_plan import cache_for

    cache_dir = cache_for(args.cache, args.journey, release=False) if args.cache else None
    checked = check(args.journey, cache_dir=cache_dir)
    result = checked.result
    _show_problems(result.warnings, Path.cwd())
    _show_left_out(result)
    book = checked.book

    def shared(items: list) -> int:
        return sum(1 for item in items if not item.left_out)

    print(f"{args.journey}: no problems found. The young person's copy will have "
          f"{shared(book.memories)} memories, {shared(book.letters)} letters and "
          f"{shared(book.photos)} photos.")
    return 0


def _build(args: argparse.Namespace) -> int:
    from generator.build_plan import cache_for, copies_cache_root
    from generator.coordinator import batch
    from generator.core.cache import CACHE

    if args.all == bool(args.journey):
        print("error: name one journey folder, or use --all (not both).", file=sys.stderr)
        return 2
    if args.protect and not args.release:
        print("error: --protect locks the young person's copy: use it with --release.",
              file=sys.stderr)
        return 2
    passphrase = _passphrase() if args.protect else None
    if args.protect and passphrase is None:
        return 2
    folders = [args.journey] if args.journey else _all_journeys(args.journeys)
    if not folders:
        print(f"error: no journeys found in {args.journeys}.", file=sys.stderr)
        return 1
    out = args.out or Path(DEFAULT_RELEASE if args.release else DEFAULT_OUT)
    # The cache holds plain copies: a preview's follows --out (build/.cache/<journey>/...); a
    # copy's is in the previews' cache beside the copies folder (release/ -> build/.cache),
    # beside the preview's, and never among the copies, which are handed over.
    cache_root = args.cache or (copies_cache_root(out) if args.release else out / CACHE)
    jobs = [batch.Job(folder, out, cache_for(cache_root, folder, release=args.release),
                      release=args.release, pdf=not args.no_pdf, strict=args.strict,
                      print_shop=args.print_shop, crop_marks=args.crop_marks, spine=args.spine,
                      passphrase=passphrase,
                      debug=args.debug and not args.all,
                      release_root=None if args.release else Path(DEFAULT_RELEASE))
            for folder in folders]
    with batch.Progress([job.id for job in jobs], quiet=args.quiet) as progress:
        outcomes = batch.run(jobs, workers=args.jobs, report=progress)
    for outcome in outcomes:
        _show_outcome(outcome, release=args.release)
    failed = [o for o in outcomes if o.status == "failed"]
    if args.all:
        _write_dashboard(args, folders, failed)
        print(f"{len(outcomes) - len(failed)} of {len(outcomes)} journeys built or unchanged"
              + (f"; {len(failed)} not built (see above)." if failed else "."), file=sys.stderr)
    return 1 if failed else 0


def _show_outcome(outcome, *, release: bool) -> None:
    """What became of one journey, as a coordinator reads it."""
    if outcome.status == "failed":
        _show_problems(outcome.problems, Path.cwd())
        if outcome.error:
            print(f"error: {outcome.error}", file=sys.stderr)
        print(f"{outcome.folder}: not built; the previous build (if any) is unchanged.",
              file=sys.stderr)
        return
    _show_problems(outcome.warnings, Path.cwd())
    _show_tool_warnings(outcome.tool_warnings)
    _show_left_out(outcome)
    kind = "Young person's copy" if release else "Preview (not for sharing)"
    if outcome.status == "unchanged":
        print(f"{outcome.folder}: nothing has changed since the last build, so it stays as it "
              "is.", file=sys.stderr)
    print(f"{kind}: {outcome.site}")
    if outcome.pdf:
        print(f"{kind}, book: {outcome.pdf}")
        shop = outcome.pdf.parent / "print-shop"
        if shop.is_dir():  # only this build's: the whole output is replaced each time
            print(f"For the print shop (send both): {shop / 'interior.pdf'} and "
                  f"{shop / 'cover.pdf'}")
    if outcome.version:
        print(outcome.version)


def _write_dashboard(args: argparse.Namespace, folders: list[Path], failed: list) -> None:
    """The coordinators' dashboard, in the previews folder (never among the copies)."""
    from datetime import date

    from generator.build_plan import copies_cache_root
    from generator.coordinator import dashboard
    from generator.coordinator.studio.read_record import waiting_words  # no flask

    previews = Path(DEFAULT_OUT) if args.release else (args.out or Path(DEFAULT_OUT))
    copies = (args.out or Path(DEFAULT_RELEASE)) if args.release else Path(DEFAULT_RELEASE)
    copies_cache = args.cache if args.cache and args.release else copies_cache_root(copies)
    problems = {o.folder.resolve().name: max(1, len(o.problems)) for o in failed}
    page = dashboard.write(previews, copies_cache, folders, problems, date.today(),
                           not_read=waiting_words)
    print(f"Dashboard (coordinators only): {page}")


def _passphrase() -> str | None:
    """The passphrase from $JOURNEYBOOK_PASSPHRASE, or asked for twice (never echoed)."""
    if os.environ.get("JOURNEYBOOK_PASSPHRASE"):
        return os.environ["JOURNEYBOOK_PASSPHRASE"]
    import getpass

    first = getpass.getpass("Passphrase the young person chose: ")
    if getpass.getpass("The same passphrase again: ") != first:
        print("error: the two passphrases differ; nothing was built.", file=sys.stderr)
        return None
    return first


def _all_journeys(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "journey.yaml").is_file())


def _preview(args: argparse.Namespace) -> int:
    from generator.coordinator.preview import serve

    return serve(args.journey, args.out, args.port, release_root=Path(DEFAULT_RELEASE))


def _releases(args: argparse.Namespace) -> int:
    """Every version of a journey's young person's copy, with what changed in each."""
    from generator.outputs import identity, versions

    name = args.journey.resolve().name
    kept_in = versions.store(args.out, name)
    if identity.belongs_to_another(identity.of_journey(args.journey), kept_in):
        print(f"error: {identity.another_store(kept_in, args.journey)} List this journey's "
              "with the --out it was released into.", file=sys.stderr)
        return 1
    print(versions.listing(versions.history(kept_in), name, kept_in))
    return 0


def _clean(args: argparse.Namespace) -> int:
    """Remove what journeybook made; never a journey's own case data, nor what belongs to
    another young person's journey of the same folder name."""
    from generator.coordinator import clean

    theirs: list[Path] = []
    if args.journey is not None:
        targets, theirs = clean.journeys_own(args.journey, args.out, args.release_out,
                                             versions_too=args.versions)
    else:
        targets = clean.everything(args.out, args.release_out, copies_too=args.copies,
                                   versions_too=args.versions)
    return clean.remove(targets, theirs, _journeys_default())


def _new(args: argparse.Namespace) -> int:
    target = make_journey(args.name, args.journeys)
    print(f"Made {target}/. It already builds: see it with\n  journeybook preview {target}\nand "
          "fill in journey.yaml and people.yaml while you watch it change. To list every problem "
          f"at once:\n  journeybook check {target}")
    return 0


def _studio(args: argparse.Namespace) -> int:
    from generator.coordinator.studio.server import serve  # Flask is loaded for the studio only
    return serve(args.journeys, Path(DEFAULT_OUT), args.port, Path(DEFAULT_RELEASE))


def _schema(args: argparse.Namespace) -> int:
    from generator.format.reference import write_docs

    for path in write_docs(args.docs):
        print(f"Wrote {path}")
    return 0


def _show_problems(problems: list[Problem], root: Path) -> None:
    errors = [p for p in problems if not p.warning]
    for problem in problems:
        print(problem.show(root), file=sys.stderr)
    if errors:
        noun = "problem" if len(errors) == 1 else "problems"
        print(f"Found {len(errors)} {noun}. Fix them and run the command again.", file=sys.stderr)


def _show_tool_warnings(warnings: list[str]) -> None:
    if warnings:
        print(f"{len(warnings)} warning(s) from the tools that make the site and the book "
              "(--strict makes them errors):", file=sys.stderr)
        for line in warnings:
            print(f"  - {line}", file=sys.stderr)


def _show_left_out(result) -> None:
    if not result.left_out:
        return
    print("Left out of the young person's book (to share them, fix what is said):",
          file=sys.stderr)
    for item in result.left_out:
        print(f"  - {item.what}: {item.reason}", file=sys.stderr)


# -- import and export (generator/exchange/commands.py) -------------------------------------------

def _import_gedcom(args: argparse.Namespace) -> int:
    from generator.exchange.commands import import_gedcom

    return import_gedcom(args.file, args.journey, dry_run=args.dry_run,
                         all_problems=args.all_problems)


def _import_people(args: argparse.Namespace) -> int:
    from generator.exchange.commands import import_people

    return import_people(args.file, args.journey, dry_run=args.dry_run,
                         all_problems=args.all_problems)


def _export_gedcom(args: argparse.Namespace) -> int:
    from generator.build_plan import cache_for
    from generator.exchange.commands import export_gedcom

    cache_dir = cache_for(args.cache, args.journey, release=True) if args.cache else None
    return export_gedcom(args.journey, args.output, everything=args.everything,
                         cache_dir=cache_dir)
