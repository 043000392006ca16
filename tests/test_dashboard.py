"""`build --all`: journeys side by side, a broken one reported while the rest build, and the
coordinators' dashboard (coordinator/dashboard.py) that no young person's copy may hold."""

from __future__ import annotations

import re
from datetime import date

from conftest import minimal_files, save_image, write_journey

from generator.build_plan import step_of
from generator.cast.names import Matcher
from generator.cli import main
from generator.coordinator import dashboard
from generator.outputs import gate


def journeys(root):
    """Three journeys: one well along, one just referred, one broken."""
    along = minimal_files()
    along["journey.yaml"]["young_person"].update(called="Robin")
    along["journey.yaml"]["milestones"] = {"referral": "2025-01-10", "family_finding": "2025-03",
                                           "plan_agreed": "2025-06-01"}
    along["people.yaml"]["people"] += [
        {"id": f"aunt-{n}", "called": f"Aunt {n}", "relation": "your aunt", "found": True,
         "in_touch": n < 2, "closeness": {"before": "not in touch", "now": "close"}}
        for n in range(3)]
    along["plan.yaml"] = {"agreed": "2025-06-01",
                          "reviews": [{"date": "2025-09-01", "by": "Jo, your IRO"}]}
    along["photos.yaml"] = {"photos": [
        {"file": "photos/a.jpg", "alt": "A red square", "consent": "given"},
        {"file": "photos/b.jpg", "alt": "A red square too", "consent": "pending"}]}
    along["memories/aunt.md"] = "---\nfrom: aunt-0\nconsent: given\n---\nI remember you.\n"
    write_journey(root / "robin", along)
    save_image(root / "robin" / "photos" / "a.jpg", colour=(200, 30, 30))
    save_image(root / "robin" / "photos" / "b.jpg", colour=(30, 30, 200))
    referred = minimal_files()
    referred["journey.yaml"]["young_person"].update(called="Ash")
    referred["journey.yaml"]["milestones"] = {"referral": "2026-10-01"}
    write_journey(root / "ash", referred)
    broken = minimal_files()
    broken["journey.yaml"]["young_person"]["born"] = "2012-02-30"
    write_journey(root / "zed", broken)
    return root


def build_all(tmp_path, *extra):
    root = tmp_path / "journeys"
    if not root.exists():
        journeys(root)
    out = tmp_path / "build"
    code = main(["build", "--all", "--journeys", str(root), "--out", str(out), "--no-pdf",
                 "--quiet", *extra])
    return code, out


def test_build_all_builds_side_by_side_reports_the_broken_one_and_writes_the_dashboard(
        tmp_path, capsys):
    code, out = build_all(tmp_path, "--jobs", "2")
    err = capsys.readouterr().err
    assert code == 1  # one journey failed
    assert (out / "robin" / "site" / "index.html").is_file()
    assert (out / "ash" / "site" / "index.html").is_file()
    assert not (out / "zed").exists()
    assert "journey.yaml:4:9: 'born': '2012-02-30' is not a real day" in err
    assert "2 of 3 journeys built or unchanged; 1 not built" in err
    assert "Traceback" not in err
    page = (out / "index.html").read_text(encoding="utf-8")
    robin = _row(page, "robin")
    assert "Robin" in robin and "Plan agreed" in robin
    assert re.search(r">\s*3\s*<", robin)  # people found
    assert "1 of 2" in robin  # photos shared of all
    assert "1 consent pending" in robin
    assert "plan review overdue (due 3 March 2026)" in robin
    assert 'href="robin/site/index.html"' in robin
    assert "Referred" in _row(page, "ash")
    assert "Not built this time: 1 problem" in _row(page, "zed")
    assert f"journeybook check {tmp_path / 'journeys' / 'zed'}" in _row(page, "zed")


def test_a_second_run_keeps_unchanged_journeys_and_rebuilds_a_changed_one(tmp_path, capsys):
    build_all(tmp_path)
    capsys.readouterr()
    robin = tmp_path / "journeys" / "robin" / "memories" / "aunt.md"
    robin.write_text(robin.read_text().replace("I remember you.", "I remember you well."))
    code, out = build_all(tmp_path)
    err = capsys.readouterr().err
    assert code == 1
    assert "ash: nothing has changed since the last build" in err
    assert "robin: nothing has changed" not in err
    assert "I remember you well." in (out / "robin" / "site" / "memories.html").read_text()


def test_the_dashboards_totals_name_no_one_and_it_opens_from_a_folder(tmp_path):
    _code, out = build_all(tmp_path)
    page = (out / "index.html").read_text(encoding="utf-8")
    totals = page[page.index('id="totals"'):]
    for name in ("Robin", "Ash", "robin", "ash", "zed", "Aunt", "Testperson"):
        assert name not in totals
    assert "<dt>Young people</dt><dd>2</dd>" in totals
    assert "<dt>Average network before</dt><dd>0.0</dd>" in totals
    assert "<dt>Average network now</dt><dd>1.5</dd>" in totals  # 3 and 0
    # Self-contained: nothing fetched, every link relative and there.
    assert not re.search(r"""(src|href)=["'](https?:|//|/)""", page)
    for link in re.findall(r'href="([^"]+)"', page):
        assert (out / link).is_file(), link


def test_the_release_gate_refuses_a_copy_holding_the_dashboard(tmp_path):
    _code, out = build_all(tmp_path)
    copy = tmp_path / "copy"
    (copy / "site").mkdir(parents=True)
    (copy / "site" / "notes.html").write_bytes((out / "index.html").read_bytes())
    findings = gate.scan(copy, gate.Terms(Matcher([]), []))  # no name is kept out

    assert [f.where for f in findings if "dashboard" in f.why] == ["site/notes.html"]


def test_a_review_is_overdue_six_months_after_the_last():
    from generator.outputs.summary import Summary

    summary = Summary(id="x", called="X", coordinator="C", stage="Plan agreed",
                      review_due="2026-03-02")
    assert summary.review_overdue(date(2026, 3, 3))
    assert not summary.review_overdue(date(2026, 3, 2))
    assert dashboard.totals([summary]).by_stage[7] == ("Plan agreed", 1)


def test_progress_reads_the_pipelines_steps():
    assert step_of("Step 7 - Building the site") == 7
    assert step_of("done") is None


def _row(page: str, journey_id: str) -> str:
    """The table row of one journey."""
    rows = re.findall(r"<tr>.*?</tr>", page, flags=re.S)
    return next(row for row in rows if f'<span class="small">{journey_id}</span>' in row)


def test_on_a_terminal_each_journey_has_a_live_line_saying_what_it_does():
    import io

    from rich.console import Console

    from generator.coordinator.batch import Progress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with Progress(["robin", "ash"], quiet=False, console=console) as progress:
        progress("robin", "Step 7 - Building the site")
        progress("ash", "unchanged since the last build")
        tasks = {task.fields["journey"]: task for task in progress.live.tasks}
        assert tasks["robin"].description == "Step 7 - Building the site"
        assert tasks["robin"].completed == 6
        assert tasks["ash"].completed == tasks["ash"].total
    assert "robin" in screen.getvalue() and "Building the site" in screen.getvalue()


def test_the_dashboard_counts_what_is_not_yet_read_in_the_studios_review_list(tmp_path):
    from generator.build_plan import cache_for
    from generator.coordinator.studio import read_record
    from generator.coordinator.studio.review_items import items
    from generator.core.cache import CACHE

    _code, out = build_all(tmp_path)
    robin = tmp_path / "journeys" / "robin"

    def not_read() -> int | None:
        dashboard.write(out, out / CACHE, [robin], {}, date(2026, 11, 23),
                        not_read=read_record.waiting_words)
        row = _row((out / "index.html").read_text(encoding="utf-8"), "robin")
        if "nothing read yet in the review list" in row:
            return None
        found = re.search(r"(\d+) items? not yet read in the review list", row)
        return int(found.group(1)) if found else 0

    assert not_read() is None   # no check is run for a review list never used
    listed = items(robin, cache_for(out / CACHE, robin, release=True))
    assert len(listed) >= 2  # at least the memory and the photo that are shared
    memory = next(item for item in listed if item.kind == "memory")
    read_record.mark_read(robin, memory)
    first = len(listed)
    assert not_read() == first - 1
    (robin / "memories" / "aunt.md").write_text(
        "---\nfrom: aunt-0\nconsent: given\n---\nI remember you well.\n", encoding="utf-8")
    assert not_read() == first  # changed since it was read: not read
