"""Live preview: rebuild the site whenever the journey changes, and serve it on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.build import build
from generator.core.errors import JourneybookError, JourneyError
from generator.core.paths import THEME
from generator.stages import site


def serve(folder: Path, out_root: Path, port: int) -> int:
    """Serve the journey's site on http://127.0.0.1:port/ until Ctrl+C."""
    from mkdocs.livereload import LiveReloadServer

    site_dir = (out_root / folder.resolve().name / site.SITE).resolve()

    def rebuild() -> None:
        try:
            build(folder, out_root, pdf=False)
            print("Preview updated.", file=sys.stderr)
        except JourneyError as error:
            for problem in error.problems:
                print(problem.show(Path.cwd()), file=sys.stderr)
            print("Not updated: fix the problems above; the preview shows the last good build.",
                  file=sys.stderr)
        except JourneybookError as error:
            print(f"error: {error}", file=sys.stderr)

    rebuild()
    if not site_dir.is_dir():
        print("There is nothing to preview until the problems above are fixed.", file=sys.stderr)
        return 1
    server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(site_dir))
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
