"""journeybook benchmarks: each figure measured side by side, in one run, on this machine.

    ./dev bench                 # everything (150 phone photos of 12 MP: a few minutes)
    ./dev bench --photos 30     # a quicker photo benchmark

1. Site: our whole site build of the demo (load, check, model, media, MkDocs) against a plain
   `mkdocs build` of the very same generated pages, with a warm photo cache.
2. Family tree layout: 60 and 300 people over four generations.
3. Photos: a journey of N phone-sized photos (12 MP JPEGs): cold build, no-change rebuild and
   their ratio; our media stage against a plain "open, full decode, resize, save" loop over the
   same photos; the largest process's peak memory; the PDF's size.
4. Book: our PDF step (write_pdf, uncached) against WeasyPrint rendering the very same HTML
   and pictures directly, median of 3 each, alternating; pages and both PDFs' sizes; for the
   demo and for the journey of N phone photos.
5. Rebuilds: `journeybook build` of the demo as a coordinator runs it (a new process each
   time): cold, after an edit, and with no change, and their ratios.
6. Many journeys: `build --all` of J generated journeys (site and book), cold one at a time
   (--jobs 1) and cold side by side (one per core), the speed-up, and a no-change run.
7. Preview: a caption edited while `journeybook preview` runs, until the served page shows it
   (median of 5).
9. Release: a cold `journeybook build --release` of the demo and of the journey of N phone
   photos, each a new process with no cache, and the release gate's share of it (its reading
   of the writing in every picture included); then the reading of writing in pictures alone:
   ours (every picture read upright and turned round, side by side) against a plain
   `tesseract IMAGE stdout` of each picture upright, one at a time.
10. Speed (benchmarks/speed.py): at 30 and 150 photos, a cold preview against the floor (the
   same tools used directly), the copy right after it, edits, the live preview, the book.
8. Recordings: N phone videos (1080p HEVC with a place and a phone in their metadata) and N
   voice memos: our recordings step (made again without metadata, side by side), then with
   nothing changed (cached), against a plain `ffmpeg -i IN OUT.mp4` of each, one at a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from generator.sources import images, recordings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.live import seconds_until_shown  # noqa: E402
from benchmarks.sample import family, phone_photos, write  # noqa: E402
from generator.build import build, check  # noqa: E402
from generator.build_plan import cache_for  # noqa: E402
from generator.core import record  # noqa: E402
from generator.core.cache import CACHE  # noqa: E402
from generator.core.geometry import PAGES  # noqa: E402
from generator.draw import genogram, tree_layout  # noqa: E402
from generator.outputs import media  # noqa: E402
from generator.outputs.recordings import Job, produce  # noqa: E402


def timed(function, *args, **kwargs) -> float:
    start = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - start


def site_benchmark() -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    out = Path(tempfile.mkdtemp(prefix="jb-bench-"))
    build(ROOT / "journeys" / "demo", out, pdf=False)  # warm the photo cache

    cache = cache_for(out / CACHE, ROOT / "journeys" / "demo", release=False)

    def ours_uncached(pdf: bool = False) -> None:  # as after an edit: MkDocs (and WeasyPrint)
        shutil.rmtree(cache / "sites", ignore_errors=True)  # really run
        shutil.rmtree(cache / "books", ignore_errors=True)
        (cache / record.FILE).unlink(missing_ok=True)  # and do not keep the last build
        build(ROOT / "journeys" / "demo", out, pdf=pdf)

    ours = min(timed(ours_uncached) for _ in range(3))
    unchanged = min(timed(build, ROOT / "journeys" / "demo", out, pdf=False) for _ in range(3))
    config_file = out / "demo" / "mkdocs.yml"

    def plain() -> None:
        mkdocs_build(load_config(str(config_file), site_dir=str(out / "plain-site")))

    plain_time = min(timed(plain) for _ in range(3))
    # Site and book both made afresh, less the site alone: what the book adds after an edit.
    pdf_time = min(timed(ours_uncached, pdf=True) for _ in range(2)) - ours
    shutil.rmtree(out)
    print("1. Site build of the demo (best of 3, in one process, warm photo cache)")
    print(f"   journeybook build --no-pdf (after an edit)  {ours:6.2f} s")
    print(f"   plain mkdocs build of the same pages        {plain_time:6.2f} s")
    print(f"   ratio ours / plain mkdocs                   {ours / plain_time:6.2f}")
    print(f"   journeybook build --no-pdf (no change)      {unchanged:6.2f} s")
    print(f"   the book (WeasyPrint) adds                  {pdf_time:6.2f} s")


def tree_benchmark() -> None:
    print("2. Family tree layout and drawing (best of 3)")
    for size in (60, 300):
        folder = write(Path(tempfile.mkdtemp(prefix="jb-tree-")) / "tree", family(size))
        cast = check(folder).cast
        seconds = min(timed(lambda c: genogram.svg(tree_layout.layout(c)), cast) for _ in range(3))
        placed = len(tree_layout.layout(cast).nodes)
        print(f"   {size:3d} people ({placed:3d} in the tree)   {seconds * 1000:8.1f} ms")
        shutil.rmtree(folder.parent)


def naive(paths: list[Path], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        with Image.open(path) as image:
            image.load()
            image.thumbnail((1600, 3200), Image.Resampling.LANCZOS)
            image.save(out / path.name, quality=84)


def photo_benchmark(count: int) -> None:
    journey = phone_photos(count)
    paths = sorted((journey / "photos").glob("*.jpg"))
    out = Path(tempfile.mkdtemp(prefix="jb-photos-"))
    command = [sys.executable, "-m", "generator", "build", str(journey), "--out", str(out),
               "--quiet"]
    cold = timed(subprocess.run, command, check=True, capture_output=True, cwd=out)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    warm = min(timed(subprocess.run, command, check=True, capture_output=True, cwd=out)
               for _ in range(3))
    pdf_mb = (out / journey.name / "book.pdf").stat().st_size / 1e6

    work = media.work_for(check(journey).book.photos, PAGES["A5"])
    ours = timed(media.produce, work, out / "media-only", out / "fresh-cache")
    plain = timed(naive, paths, out / "naive")
    shutil.rmtree(out)
    print(f"3. Photos: a journey of {count} phone photos (12 MP JPEG, "
          f"{sum(p.stat().st_size for p in paths) / 1e6:.0f} MB)")
    print(f"   cold build (site + book)          {cold:7.1f} s")
    print(f"   no-change rebuild (best of 3)     {warm:7.1f} s")
    print(f"   rebuild / cold                    {warm / cold * 100:7.1f} %   (goal: at most 5 %)")
    print(f"   our media stage: 3 sizes/photo    {count / ours:7.1f} photos/s")
    print(f"   plain open+decode+resize+save     {count / plain:7.1f} photos/s (1 size/photo)")
    print(f"   ratio ours / plain                {plain / ours:7.1f} x     (goal: at least 3 x)")
    print(f"   peak memory, largest process      {peak_mb:7.0f} MB    (goal: under 1 GB)")
    print(f"   the PDF                           {pdf_mb:7.1f} MB")


def book_benchmark(count: int) -> None:
    print("4. Book: our PDF step against plain WeasyPrint on the same HTML and pictures "
          "(median of 3, alternating)")
    # Our extra work: PDF/A-3a (tags, sRGB output intent, XMP), our URL fetcher, and filler
    # pages rendered separately and joined so that the page count is a multiple of four.
    book_figures("the demo", ROOT / "journeys" / "demo")
    book_figures(f"{count} phone photos", phone_photos(count))


def book_figures(name: str, folder: Path) -> None:
    import pikepdf
    import weasyprint

    from generator.core.paths import BOOK_CSS
    from generator.outputs import pdf, render

    out = Path(tempfile.mkdtemp(prefix="jb-book-"))
    docs, cache = out / "docs", out / "cache"
    book = check(folder, cache_dir=cache).book
    env, drawn = render.environment(), render.drawings(book)
    html = render.book_html(book, drawn, env)
    filler = render.book_filler_html(book, env)
    pictures = media.work_for(book.pictures(), book.page)
    media.produce(pictures, docs, cache)  # the HTML's relative URLs resolve in docs
    ours_pdf, plain_pdf = out / "ours.pdf", out / "plain.pdf"

    def ours() -> None:  # as build() runs it, less the cache
        pdf.write_pdf(html, docs, ours_pdf, title=book.title,
                      author=book.organisation or "Lifelong Links", filler=filler)

    def plain() -> None:
        weasyprint.HTML(string=html, base_url=str(docs) + "/").write_pdf(
            plain_pdf, stylesheets=[weasyprint.CSS(filename=str(BOOK_CSS))])

    ours_times, plain_times = [], []
    for _ in range(3):
        ours_times.append(timed(ours))
        plain_times.append(timed(plain))
    ours_s, plain_s = statistics.median(ours_times), statistics.median(plain_times)

    def pages(made: Path) -> int:
        with pikepdf.open(made) as document:
            return len(document.pages)

    print(f"   {name} ({len(pictures)} pictures)")
    for label, seconds, made in (("ours (the PDF step, uncached)", ours_s, ours_pdf),
                                 ("plain WeasyPrint, same HTML", plain_s, plain_pdf)):
        print(f"     {label} {seconds:7.2f} s  {pages(made):4d} pages"
              f"  {made.stat().st_size / 1e6:6.1f} MB")
    print(f"     ratio ours / plain            {ours_s / plain_s:7.2f}")
    shutil.rmtree(out)


def cli(*args: str, cwd: Path) -> float:
    """Seconds for one `journeybook` command in a new process, as a coordinator runs it."""
    return timed(subprocess.run, [sys.executable, "-m", "generator", *args], check=True,
                 capture_output=True, cwd=cwd)


def rebuild_benchmark() -> None:
    work = Path(tempfile.mkdtemp(prefix="jb-rebuild-"))
    journey = work / "demo"
    shutil.copytree(ROOT / "journeys" / "demo", journey)
    out = ["build", "demo", "--out", "out", "--quiet"]
    cold = cli(*out, cwd=work)
    unchanged = statistics.median(cli(*out, cwd=work) for _ in range(5))
    photos = journey / "photos.yaml"
    edits = []
    for n in range(3):
        photos.write_text(photos.read_text().replace("caption: ", f"caption: {n} ", 1))
        edits.append(cli(*out, cwd=work))
    shutil.rmtree(work)
    print("5. Rebuilds of the demo, `journeybook build` in a new process (site and book)")
    print(f"   cold (no cache)                           {cold:6.2f} s")
    print(f"   after editing a caption (median of 3)     {statistics.median(edits):6.2f} s")
    print(f"   no change (median of 5)                   {unchanged:6.2f} s")
    print(f"   no change / cold                          {unchanged / cold * 100:6.1f} %"
          "   (goal: at most 10 %)")


def many_benchmark(count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="jb-many-"))
    for n in range(count):
        files = family(30, seed=n)
        files["journey.yaml"]["young_person"]["called"] = f"Young person {n}"
        write(work / "journeys" / f"j{n:03d}", files)

    def build_all(*extra: str) -> float:
        return cli("build", "--all", "--journeys", "journeys", "--quiet", *extra, cwd=work)

    one_at_a_time = build_all("--jobs", "1")
    shutil.rmtree(work / "build")
    side_by_side = build_all()
    unchanged = build_all()
    shutil.rmtree(work)
    cores = os.cpu_count() or 1
    print(f"6. Many journeys: build --all of {count} generated journeys (30 people, site and "
          "book)")
    print(f"   cold, one at a time (--jobs 1)            {one_at_a_time:6.1f} s")
    print(f"   cold, side by side ({cores} cores)             {side_by_side:6.1f} s")
    print(f"   speed-up                                  {one_at_a_time / side_by_side:6.2f} x"
          "   (goal: at least 1.8 x on 2 cores)")
    print(f"   no change                                 {unchanged:6.2f} s"
          f"   ({unchanged / side_by_side * 100:.1f} % of cold)")


def preview_benchmark() -> None:
    work = Path(tempfile.mkdtemp(prefix="jb-preview-"))
    shutil.copytree(ROOT / "journeys" / "demo", work / "demo")
    try:
        seconds = seconds_until_shown(work, "demo", ready="caption")
    finally:
        shutil.rmtree(work)
    print("7. Preview: a caption edited in photos.yaml, until the served page shows it")
    print(f"   median of 5                               {statistics.median(seconds):6.2f} s"
          f"   (each: {', '.join(f'{s:.2f}' for s in seconds)})   (goal: about 1 s)")


def ffmpeg(*arguments: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                    *arguments], check=True, capture_output=True)


def recording_benchmark(count: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="jb-recordings-"))
    phone = ["-metadata", "location=+51.5074-000.1278/", "-metadata",
             "com.apple.quicktime.model=iPhone 15", "-movflags", "use_metadata_tags"]
    jobs = []
    for number in range(count):
        video, memo = work / f"IMG_{number}.MOV", work / f"memo-{number}.m4a"
        ffmpeg("-f", "lavfi", "-i", f"testsrc2=size=1920x1080:rate=30,noise=alls={number}",
               "-f", "lavfi", "-i", "sine=frequency=440", "-t", "10", "-c:v", "libx265",
               "-x265-params", "log-level=none", "-tag:v", "hvc1", "-c:a", "aac", *phone,
               str(video))
        ffmpeg("-f", "lavfi", "-i", f"sine=frequency={300 + number}", "-t", "60", "-c:a", "aac",
               *phone, str(memo))
        jobs += [Job(video, recordings.digest_of(video), "video"),
                 Job(memo, recordings.digest_of(memo), "audio")]
    ours = timed(produce, jobs, work / "out", work / "cache")
    again = timed(produce, jobs, work / "out2", work / "cache")
    plain = timed(lambda: [ffmpeg("-i", str(job.source), str(work / f"plain-{i}.mp4"))
                           for i, job in enumerate(jobs)])
    shutil.rmtree(work)
    print(f"8. Recordings: {count} phone videos (10 s, 1080p HEVC) and {count} voice memos "
          "(60 s)")
    print(f"   ours, made again side by side     {ours:7.1f} s")
    print(f"   ours, nothing changed (cached)    {again:7.2f} s   ({again / ours * 100:.1f} %)")
    print(f"   plain ffmpeg -i IN OUT.mp4 each   {plain:7.1f} s")
    print(f"   ratio plain / ours                {plain / ours:7.1f} x")


# A cold release in a new process, its log lines timed: "<seconds> <line>".
RELEASE = """
import sys, time
from pathlib import Path
from generator.build import build
start = time.perf_counter()
build(Path(sys.argv[1]), Path(sys.argv[2]) / "copies", release=True,
      cache_dir=Path(sys.argv[2]) / "cache",
      log=lambda line: print(f"{time.perf_counter() - start:.2f} {line}", flush=True))
print(f"{time.perf_counter() - start:.2f} finished", flush=True)
"""


def cold_release(journey: Path) -> tuple[float, float]:
    """A cold release of a journey (new process, no cache): its seconds, and the gate's."""
    out = Path(tempfile.mkdtemp(prefix="jb-release-"))
    try:
        done = subprocess.run([sys.executable, "-c", RELEASE, str(journey), str(out)],
                              capture_output=True, text=True, check=True, cwd=ROOT)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    times = [(float(line.split(" ", 1)[0]), line.split(" ", 1)[1])
             for line in done.stdout.splitlines() if line[:1].isdigit()]
    gate = next((at for at, line in times if "Step 9" in line), times[-1][0])
    return times[-1][0], times[-1][0] - gate


def release_benchmark(count: int) -> None:
    from generator.cast import writing

    print("9. Release: a cold build --release (new process, no cache), and the gate's share")
    for name, journey in (("demo", ROOT / "journeys" / "demo"),
                          (f"{count} photos", phone_photos(count))):
        seconds, gate = cold_release(journey)
        print(f"   {name:<12} {seconds:7.1f} s   (the gate {gate:5.1f} s)")
    pictures = sorted((phone_photos(count) / "photos").glob("*.jpg"))[:30]
    images = [images.upright_srgb(path, writing.READ_SIZE) for path in pictures]
    ours = timed(lambda: [writing.read_image(i) for i in images])  # one at a time, like plain
    folder = Path(tempfile.mkdtemp(prefix="jb-ocr-"))
    for index, image in enumerate(images):
        image.convert("L").save(folder / f"{index}.png")
    plain = timed(lambda: [subprocess.run(["tesseract", str(p), "stdout"], capture_output=True)
                           for p in sorted(folder.glob("*.png"))])
    shutil.rmtree(folder)
    print(f"   writing in {len(images)} pictures, one at a time: ours (upright and turned "
          f"round) {ours:5.1f} s, plain tesseract upright {plain:5.1f} s: {ours / plain:4.2f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=150, help="photos in the photo and book benchmarks")
    parser.add_argument("--journeys", type=int, default=50, help="journeys in the many-journeys "
                        "benchmark")
    parser.add_argument("--recordings", type=int, default=4, help="videos and voice memos in "
                        "the recordings benchmark")
    parser.add_argument("--only", choices=["site", "tree", "photos", "book", "rebuild", "many",
                                           "preview", "recordings", "release", "speed"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 150],
                        help="photos in each journey of the speed table")
    args = parser.parse_args()
    if args.only in (None, "site"):
        site_benchmark()
    if args.only in (None, "tree"):
        tree_benchmark()
    if args.only in (None, "photos"):
        photo_benchmark(args.photos)
    if args.only in (None, "book"):
        book_benchmark(args.photos)
    if args.only in (None, "rebuild"):
        rebuild_benchmark()
    if args.only in (None, "many"):
        many_benchmark(args.journeys)
    if args.only in (None, "preview"):
        preview_benchmark()
    if args.only in (None, "recordings"):
        recording_benchmark(args.recordings)
    if args.only in (None, "release"):
        release_benchmark(args.photos)
    if args.only in (None, "speed"):
        from benchmarks.speed import speed_table

        for count in args.sizes:
            speed_table(count)


if __name__ == "__main__":
    main()
