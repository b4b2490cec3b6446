"""``handbook serve``: a preview for writers that shows an edit in a second or two.

MkDocs' development server, set up for writing: one language at a time (Norwegian unless
asked), only the edited page rebuilt (``--dirty``; the whole site when data/, overrides/
or mkdocs.yml changed), no PDFs and no search index, and problems shown at the top of the
page in the browser (file, line, what to do) instead of a build that silently stops.
`make build` still runs everything, strictly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def serve(root: Path, dev_addr: str = "127.0.0.1:8000", lang: str | None = "nb", search: bool = False) -> int:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HANDBOOK_SERVING": "true",
        "HANDBOOK_STRICT": "false",
        "HANDBOOK_PDFS": "false",
        "HANDBOOK_SEARCH_INDEX": "true" if search else "false",
    }
    if lang:
        env["HANDBOOK_ONLY_LANGUAGE"] = lang
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--dev-addr",
        dev_addr,
        "--livereload",
        "--dirty",
        "--watch",
        str(root / "data"),
        "--watch",
        str(root / "overrides"),
        "--config-file",
        str(root / "mkdocs.yml"),
    ]
    if env.get("HANDBOOK_LOCAL"):  # a local edition's folder: its changes rebuild the preview too
        command += ["--watch", str((root / env["HANDBOOK_LOCAL"]).resolve())]
    try:
        return subprocess.call(command, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0
