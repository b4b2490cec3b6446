"""``handbook serve``: MkDocs' development server with live reload, for writers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def serve(root: Path, dev_addr: str = "127.0.0.1:8000") -> int:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", dev_addr, "--livereload",
               "--config-file", str(root / "mkdocs.yml")]
    try:
        return subprocess.call(command, cwd=root, env=env)
    except KeyboardInterrupt:
        return 0
