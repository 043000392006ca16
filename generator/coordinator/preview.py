"""Live preview: rebuild the site whenever the journey changes, and serve it on 127.0.0.1.

A coordinator edits a caption or a memory, saves, and the open page shows it about a second
later (MkDocs' live-reload server: it watches the files, rebuilds, and tells the browser to
reload). When the saved case data has a mistake, the page keeps the last good preview and shows
the problems above it, in the coordinator's words, until they are fixed.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from generator.build import build
from generator.core.errors import JourneybookError, JourneyError
from generator.core.paths import SITE, THEME

POLL_SECONDS = 0.2  # how often the journey's files are looked at for changes


def serve(folder: Path, out_root: Path, port: int, release_root: Path | None = None) -> int:
    """Serve the journey's site on http://127.0.0.1:port/ until Ctrl+C (release_root: the
    copies folder, whose last version the welcome page's "New since your last copy" is
    against)."""
    site_dir = (out_root / folder.resolve().name / SITE).resolve()
    problems: list[str] = []

    def rebuild() -> None:
        problems[:] = problems_of_build(folder, out_root, release_root)
        if problems:
            print("\n".join(problems), file=sys.stderr)
            print("Not updated: fix the problems above; the preview shows the last good build.",
                  file=sys.stderr)
        else:
            print("Preview updated.", file=sys.stderr)

    rebuild()
    if not site_dir.is_dir():
        print("There is nothing to preview until the problems above are fixed.", file=sys.stderr)
        return 1
    server = preview_server(rebuild, problems, port, site_dir)
    server.watch(str(folder.resolve()))
    server.watch(str(THEME))
    print(f"Preview: http://127.0.0.1:{port}/  (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def problems_of_build(folder: Path, out_root: Path, release_root: Path | None = None
                      ) -> list[str]:
    """Build the preview's site; return what stopped it, one line each (empty: it built)."""
    try:
        build(folder, out_root, pdf=False, release_root=release_root)
    except JourneyError as error:
        return [problem.show(Path.cwd()) for problem in error.problems]
    except JourneybookError as error:
        return [f"error: {error}"]
    except Exception as error:  # a bug of ours: said plainly, and the server goes on
        return [f"journeybook stopped because of an internal error ({type(error).__name__}), "
                "not a mistake in your case data. Run journeybook build on this journey with "
                "--debug and send the output to whoever looks after journeybook."]
    return []


def preview_server(rebuild, problems: list[str], port: int, site_dir: Path):
    """MkDocs' live-reload server, whose pages carry the current problems above them."""
    from mkdocs.livereload import LiveReloadServer

    class PreviewServer(LiveReloadServer):
        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            # MkDocs adds its reload script to every page here; we add the problems too.
            return with_problems(super()._inject_js_into_html(content, epoch), problems)

    server = PreviewServer(builder=rebuild, host="127.0.0.1", port=port, root=str(site_dir),
                           polling_interval=POLL_SECONDS)
    server.build_delay = 0.05  # an editor's save is one write: no need to wait long for more
    return server


def with_problems(page: bytes, problems: list[str]) -> bytes:
    """The page with a box above everything listing the problems (unchanged if none)."""
    if not problems:
        return page
    items = "".join(f"<li>{html.escape(line)}</li>" for line in problems)
    box = (
        '<div role="alert" id="jb-preview-problems" style="position:sticky;top:0;z-index:1000;'
        "background:#fff4e5;color:#3d1f00;border-bottom:4px solid #b54708;padding:1rem 1.25rem;"
        'font:1rem/1.5 system-ui,sans-serif">'
        "<strong>This preview is not up to date.</strong> journeybook found "
        + ("a problem in what you saved. Fix it" if len(problems) == 1 else
           f"{len(problems)} problems in what you saved. Fix them")
        + " and save again; this page updates by itself. Below is the last good preview."
        f'<ul style="margin:.5rem 0 0;padding-inline-start:1.25rem">{items}</ul></div>'
    ).encode()
    start = page.find(b"<body")
    at = page.find(b">", start) + 1 if start >= 0 else 0
    return page[:at] + box + page[at:]
