"""`journeybook import gedcom|people` and `journeybook export gedcom`: what they do and say.

cli.py reads the command line and calls these; each returns the exit code. A coordinator's
mistake (a file that is not a tree, a journey to fix first, a bad row) is told in their words;
problems go to stderr, what was done to stdout.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.core.output import write_atomically
from generator.exchange.gedcom_in import read_gedcom
from generator.exchange.merge import Done, import_into, known_people
from generator.exchange.people_file import read_people_file
from generator.exchange.people_table import read_table

LISTED = 20  # problems an import lists unless asked for all of them
FOUND_NAMED = 5  # people found already there named in the report (then "...")


def import_gedcom(tree: Path, journey: Path, *, dry_run: bool, all_problems: bool) -> int:
    """Bring a family tree into the journey's people.yaml."""
    people = read_people_file(journey)
    done = import_into(people, read_gedcom(tree), dry_run=dry_run)
    return _imported(done, tree, journey, dry_run=dry_run, all_problems=all_problems)


def import_people(sheet: Path, journey: Path, *, dry_run: bool, all_problems: bool) -> int:
    """Bring a spreadsheet's people into the journey's people.yaml: all of them, or (when a
    row has a mistake) nobody."""
    people = read_people_file(journey)
    incoming = read_table(sheet, known_people(people))
    if any(not problem.warning for problem in incoming.problems):
        for problem in incoming.problems:
            print(problem.show(Path.cwd()), file=sys.stderr)
        print(f"{sheet}: nobody was imported. Fix the rows above and import again.",
              file=sys.stderr)
        return 1
    done = import_into(people, incoming, dry_run=dry_run)
    return _imported(done, sheet, journey, dry_run=dry_run, all_problems=all_problems)


def _imported(done: Done, source: Path, journey: Path, *, dry_run: bool,
              all_problems: bool) -> int:
    """Say what an import found, brought in and left out."""
    problems = done.incoming.problems + done.plan.problems
    listed = problems if all_problems else problems[:LISTED]
    for problem in listed:
        print(problem.show(Path.cwd()), file=sys.stderr)
    if len(problems) > len(listed):
        print(f"... and {len(problems) - len(listed)} more (--all-problems lists them all).",
              file=sys.stderr)
    unmapped = done.incoming.unmapped.summary()
    if unmapped:
        print(f"Not brought in, and copied nowhere: {unmapped}.", file=sys.stderr)
    if done.plan.found:
        names = ", ".join(f"{person.called} = {found}"
                          for person, found, _ in done.plan.found[:FOUND_NAMED])
        more = ", ..." if len(done.plan.found) > FOUND_NAMED else ""
        print(f"Already in the journey, left as they are: {len(done.plan.found)} "
              f"({names}{more}).")
    people, unions = len(done.plan.people), len(done.plan.unions)
    if not people and not unions:
        print(f"Nothing new in {source}: {done.people_file} is unchanged.")
        return 0
    verb = "Would add" if dry_run else "Added"
    print(f"{verb} {people} people and {unions} partnerships to {done.people_file}, everyone "
          "'never shown' until you have checked them.")
    if not dry_run:
        print(f"Next: check them in people.yaml, then run: journeybook check {journey}")
    return 0


def export_gedcom(journey: Path, output: Path | None, *, everything: bool,
                  cache_dir: Path | None = None) -> int:
    """Write the family as GEDCOM: what the young person's copy shows, or everything. With
    cache_dir, what is known of the journey's pictures is reused and kept there."""
    from generator.build import check
    from generator.exchange.gedcom_out import gated, gedcom_text, tree_of_cast, tree_of_journey

    folder = journey.resolve()
    checked = check(journey, cache_dir=cache_dir, release=True)
    tree = tree_of_journey(checked.journey) if everything else tree_of_cast(checked.cast)
    name = f"{folder.name}-everything.ged" if everything else f"{folder.name}.ged"
    target = (output or folder.parent / name).resolve()
    if folder == target or folder in target.parents:
        print(f"error: {target} is inside the journey's folder, which journeybook never writes "
              "to. Choose another place with -o.", file=sys.stderr)
        return 2
    text = gedcom_text(tree) if everything else gated(gedcom_text(tree), checked.journey)
    write_atomically(target, text.encode("utf-8"))
    print(f"Wrote {target}: {len(tree.people)} people and {len(tree.unions)} partnerships.")
    if everything:
        print("It holds everyone, people who are never shown and contact details included: "
              "keep it as safe as the journey folder, and never share it.", file=sys.stderr)
    else:
        print("Only who and what the young person's copy shows is in it: nobody who is never "
              "shown, names withheld as their relation, no contact details.", file=sys.stderr)
    return 0
