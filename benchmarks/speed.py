"""The speed table of issue 24, measured side by side in one run, at each number of photos.

    ./dev bench --only speed             # at 30 and at 150 photos (a few minutes)
    ./dev bench --only speed --sizes 30  # one size

A journey like a real one: N phone photos of 12 MP, 100 people (a generated family), two of
them named in each photo, and a memory. Every figure is a new `journeybook` process, as a
coordinator runs it, in a folder of its own:

- cold preview (site and book, no cache), against the floor: the same tools used directly, on
  the same work, with nothing of ours in between (each photo decoded once at reduced scale into
  every size our book and site use, on one process per core; a plain `mkdocs build` of our
  generated pages; WeasyPrint on our book's HTML). The floor does not read the writing in
  pictures, which the safeguard must (and ours does);
- the young person's copy made right after that preview, and the gate's share of it;
- an edit (a caption, a new photo, a new memory) and no change, each against the cold preview;
- the live preview: a caption saved, until the served page shows it (median of 5);
- the book: its size, and the resolution each picture is printed at (pdfimages).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.live import seconds_until_shown  # noqa: E402
from benchmarks.sample import OUT, family, phone_photos  # noqa: E402
from generator.build import check  # noqa: E402
from generator.outputs import media  # noqa: E402

NAME = "j"  # the journey's folder name in each run's work folder


def issue_journey(count: int) -> Path:
    """N phone photos (benchmarks/run.phone_photos), 100 people, two in each photo."""
    folder = OUT / f"journey-{count}-issue24"
    photos = phone_photos(count)
    if folder.is_dir() and len(list((folder / "photos").glob("*.jpg"))) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "photos").mkdir(parents=True)
    for source in sorted((photos / "photos").glob("*.jpg")):
        os.link(source, folder / "photos" / source.name)  # the same bytes, no copy
    files = family(100)
    ids = [person["id"] for person in files["people.yaml"]["people"]]
    files["photos.yaml"] = {"photos": [
        {"file": f"photos/p{i:03d}.jpg", "alt": f"Photo {i}", "caption": f"Day out {i}",
         "consent": "given", "people": [ids[(2 * i) % len(ids)], ids[(2 * i + 1) % len(ids)]]}
        for i in range(count)]}
    for name, content in files.items():
        (folder / name).write_text(yaml.safe_dump(content, sort_keys=False))
    (folder / "memories").mkdir()
    (folder / "memories" / "first.md").write_text(memory(ids[0], "the beach"))
    return folder


def memory(by: str, about: str) -> str:
    return (f"---\nfrom: {by}\nconsent: given\ndate: 2020-05-01\n---\n"
            f"I remember taking you to {about}. You laughed all day.\n")


def journeybook(*args: str, cwd: Path) -> tuple[float, str]:
    """Seconds for one `journeybook` command in a new process, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, text=True,
                          capture_output=True, check=True)
    return time.perf_counter() - start, done.stdout + done.stderr


def fresh_copy(journey: Path) -> Path:
    """A work folder holding a copy of the journey (its photos linked, its words copied)."""
    work = Path(tempfile.mkdtemp(prefix="jb-speed-"))
    shutil.copytree(journey, work / NAME, copy_function=_link_photos)
    return work


def _link_photos(source: str, target: str) -> None:
    if source.endswith(".jpg"):
        os.link(source, target)
    else:
        shutil.copy2(source, target)


def floor(work: Path) -> tuple[float, float, float]:
    """The same work done by the tools directly: every size our build made of each photo,
    from one reduced-scale decode, one process per core; mkdocs on our pages; WeasyPrint on
    our book's HTML. Seconds for each."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.core.paths import BOOK_CSS
    from generator.outputs import render

    book = check(work / NAME).book
    work_list = media.work_for(book.pictures(), book.page)
    out = work / "floor"
    out.mkdir()
    start = time.perf_counter()
    with ProcessPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(_sizes_directly, [str(f.source) for f, _ in work_list],
                      [sizes for _, sizes in work_list], [str(out)] * len(work_list)))
    sizes = time.perf_counter() - start
    config = load_config(str(work / "build" / NAME / "mkdocs.yml"), site_dir=str(out / "site"))
    start = time.perf_counter()
    mkdocs_build(config)
    site = time.perf_counter() - start
    import weasyprint

    env = render.environment()
    html = render.book_html(book, render.drawings(book), env)
    docs = work / "build" / NAME / "docs"
    start = time.perf_counter()
    weasyprint.HTML(string=html, base_url=str(docs) + "/").write_pdf(
        out / "plain.pdf", stylesheets=[weasyprint.CSS(filename=str(BOOK_CSS))])
    return sizes, site, time.perf_counter() - start


def _sizes_directly(source: str, sizes: dict[str, int], out: str) -> None:
    with Image.open(source) as image:
        image.draft("RGB", (max(sizes.values()), 1))
        image = image.convert("RGB")
    for name, pixels in sorted(sizes.items(), key=lambda item: -item[1]):
        image = image.copy()
        image.thumbnail((pixels, 100 * pixels))
        image.save(Path(out) / f"{Path(source).stem}-{name}.jpg", quality=84)


def printed(pdf: Path) -> tuple[float, list[float]]:
    """The book's size in MB, and each picture's resolution in it (pdfimages)."""
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    return pdf.stat().st_size / 1e6, sorted(float(row.split()[12]) for row in listed)


def speed_table(count: int) -> None:
    journey = issue_journey(count)
    work = fresh_copy(journey)
    try:
        build = ["build", NAME, "--out", "build", "--quiet"]
        cold, _ = journeybook(*build, cwd=work)
        unchanged, _ = journeybook(*build, cwd=work)
        sizes, site, book = floor(work)
        release, said = journeybook("build", "--release", NAME, "--out", "copies", cwd=work)
        photos = work / NAME / "photos.yaml"
        photos.write_text(photos.read_text().replace("caption: Day out 3\n",
                                                     "caption: Day out 3, by the sea\n"))
        caption, _ = journeybook(*build, cwd=work)
        with Image.open(work / NAME / "photos" / "p000.jpg") as image:
            image.rotate(180).save(work / NAME / "photos" / "new.jpg", quality=88)
        with photos.open("a") as entries:
            entries.write("- file: photos/new.jpg\n  alt: A new photo\n  consent: given\n")
        new_photo, _ = journeybook(*build, cwd=work)
        (work / NAME / "memories" / "second.md").write_text(memory("p1", "the park"))
        new_memory, _ = journeybook(*build, cwd=work)
        megabytes, ppi = printed(work / "build" / NAME / "book.pdf")
        live = seconds_until_shown(work, NAME, ready="Day out", out="build")  # no book
    finally:
        shutil.rmtree(work)
    floor_total = sizes + site + book
    print(f"10. Speed at {count} photos (12 MP), 100 people: each a new process")
    print(f"   cold preview, site and book               {cold:6.1f} s")
    print(f"   floor: sizes {sizes:.1f} s + mkdocs {site:.1f} s + WeasyPrint {book:.1f} s"
          f"   {floor_total:6.1f} s")
    print(f"   ratio cold preview / floor                {cold / floor_total:6.2f}"
          "   (goal 1.15; the floor reads no writing in pictures)")
    print(f"   copy right after the preview              {release:6.1f} s   "
          f"({release / cold * 100:.0f} % of cold; goal: at most 50 %)")
    print(f"   edit a caption                            {caption:6.1f} s   "
          f"({caption / cold * 100:.0f} %; goal: at most 10 %)")
    print(f"   add a photo                               {new_photo:6.1f} s   "
          f"({new_photo / cold * 100:.0f} %)")
    print(f"   add a memory                              {new_memory:6.1f} s   "
          f"({new_memory / cold * 100:.0f} %)")
    print(f"   no change                                 {unchanged:6.2f} s")
    print(f"   live preview: saved caption shown, median {statistics.median(live):6.2f} s   "
          f"(each: {', '.join(f'{s:.2f}' for s in live)}; goal: 1 s)")
    print(f"   the book                                  {megabytes:6.1f} MB, {len(ppi)} "
          f"pictures at {ppi[0]:.0f}-{ppi[-1]:.0f} ppi (median {statistics.median(ppi):.0f})")
    if "refus" in said.lower():
        print("   (the copy's gate refused something: see `journeybook build --release`)")
