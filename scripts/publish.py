#!/usr/bin/env python3
"""Record every page and anchor of the built site in data/published.yml.

Run when a version goes public (`make publish` builds first). From then on the build
fails if one of these addresses disappears without a redirect (data/redirects.yml).
The lock only grows: an address once published is a promise.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook import published  # noqa: E402
from handbook.project import Project  # noqa: E402

if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").is_file():
        sys.exit(f"{site} has no built site: run `make build` first")
    pages, ids = published.write_lock(Project(ROOT), site)
    print(f"data/published.yml: {pages} new pages, {ids} new anchors")
