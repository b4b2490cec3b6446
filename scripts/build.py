#!/usr/bin/env python3
"""Build the complete site into site/ (see handbook.build). Used by `make build`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from handbook.build import BuildFailed, build  # noqa: E402

if __name__ == "__main__":
    try:
        site = build(Path(__file__).resolve().parent.parent)
    except BuildFailed as err:
        print(f"\nBuild failed; site/ was left as it was. {err}", file=sys.stderr)
        sys.exit(err.returncode or 1)
    print(f"Built {site}")
