"""How long `journeybook import gedcom` takes on a large family tree, on this machine.

    .venv/bin/python benchmarks/imports.py              # trees of 1,000 and 5,000 people
    .venv/bin/python benchmarks/imports.py --people 20000 --check

Each tree is made here (names with accents, vague and exact dates, places, notes, sources,
custom tags, families over six generations), written as GEDCOM 5.5.1, and imported into a new
journey: reading the file, then the merge and the writing of people.yaml, then the same file
again (which finds everyone and writes nothing). With --check, `journeybook check` on the result.
Everything is made in a temporary folder and removed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import check  # noqa: E402
from generator.cli import main as journeybook  # noqa: E402
from generator.exchange.gedcom_in import read_gedcom  # noqa: E402
from generator.exchange.merge import import_into  # noqa: E402
from generator.exchange.people_file import read_people_file  # noqa: E402

GIVEN = {"F": ["Mary", "Zoë", "Siobhan", "Aisha", "Grace", "Lily", "Nora", "Agnieszka"],
         "M": ["John", "Kai", "Tomás", "Ravi", "Owen", "Sam", "Luca", "Oluwafemi"]}
SURNAMES = ["Hollis", "Reid", "Ó Briain", "Kowalska", "Okafor", "Dunn", "Nguyễn", "Price"]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def family_tree(people: int, seed: int = 12) -> str:
    """A GEDCOM 5.5.1 file of `people` people in couples, each couple's children born later."""
    rnd = random.Random(seed)
    couples = [(number, number - 1) for number in range(2, people + 1, 2)]  # husband, wife
    # Each child's family is one of the couples made well before them: no one their own
    # ancestor, and about six generations over the tree.
    family_of = {number: rnd.randrange(max(1, number // 3)) for number in range(21, people + 1)}
    lines = ["0 HEAD", "1 SOUR benchmark", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED",
             "1 CHAR UTF-8"]
    for number in range(1, people + 1):
        sex = "F" if number % 2 else "M"
        year = 1860 + (number * 150) // people
        lines += [f"0 @I{number}@ INDI",
                  f"1 NAME {rnd.choice(GIVEN[sex])} /{rnd.choice(SURNAMES)}/", f"1 SEX {sex}",
                  "1 BIRT", f"2 DATE {_date(rnd, year)}", "2 PLAC Leeds, Yorkshire, England",
                  "1 NOTE Found in the 1911 census.", "1 _UID 5F1A2B3C4D5E6F70",
                  "1 SOUR @S1@", "2 PAGE p. 4"]
        if year < 1950:
            lines += ["1 DEAT", f"2 DATE {rnd.randint(1, 28)} {rnd.choice(MONTHS)} {year + 70}"]
        if number in family_of:
            lines.append(f"1 FAMC @F{family_of[number] + 1}@")
    for index, (husband, wife) in enumerate(couples):
        lines += [f"0 @F{index + 1}@ FAM", f"1 HUSB @I{husband}@", f"1 WIFE @I{wife}@",
                  "1 MARR", f"2 DATE ABT {1880 + index % 100}"]
        lines += [f"1 CHIL @I{child}@" for child, family in family_of.items() if family == index]
    lines += ["0 @S1@ SOUR", "1 TITL Census of England", "0 TRLR"]
    return "\n".join(lines) + "\n"


def _date(rnd: random.Random, year: int) -> str:
    form = rnd.randrange(4)
    if form == 0:
        return f"ABT {year}"
    if form == 1:
        return f"{rnd.choice(MONTHS)} {year}"
    if form == 2:
        return f"{rnd.randint(1, 28)} {rnd.choice(MONTHS)} {year}"
    return str(year)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def benchmark(people: int, run_check: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="journeybook-bench-") as folder:
        root = Path(folder)
        tree = root / f"tree-{people}.ged"
        tree.write_text(family_tree(people), encoding="utf-8")
        with contextlib.redirect_stdout(io.StringIO()):
            journeybook(["new", "Sam Bench", "--journeys", str(root)])
        journey = root / "sam-bench"
        incoming, reading = timed(read_gedcom, tree)
        done, merging = timed(lambda: import_into(read_people_file(journey), incoming))
        size = (journey / "people.yaml").stat().st_size
        again, second = timed(lambda: import_into(read_people_file(journey), read_gedcom(tree)))
        print(f"{people:>6} people ({tree.stat().st_size / 1e6:.1f} MB of GEDCOM): read "
              f"{reading:.2f} s, merge and write {merging:.2f} s, total {reading + merging:.2f} s "
              f"-> people.yaml {size / 1e6:.2f} MB, {len(done.plan.people)} people and "
              f"{len(done.plan.unions)} partnerships added; the same file again "
              f"{second:.2f} s ({len(again.plan.found)} found, written: {again.written})")
        if run_check:
            _, checking = timed(check, journey)
            print(f"{'':>6} journeybook check on the result: {checking:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--check", action="store_true", help="also time journeybook check")
    args = parser.parse_args()
    for people in args.people:
        benchmark(people, args.check)


if __name__ == "__main__":
    main()
