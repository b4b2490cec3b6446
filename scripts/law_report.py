#!/usr/bin/env python3
"""Law report: references that are not verified, and references not verified for a year.

    make law-report
"""

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook import law  # noqa: E402
from handbook.project import Project  # noqa: E402

if __name__ == "__main__":
    registry = law.registry(Project(ROOT))
    if registry.problems:
        print("\n".join(map(str, registry.problems)), file=sys.stderr)
        sys.exit(1)
    lines = law.report(registry, dt.date.today())
    for item in law.laws_report(registry):
        lines.insert(0, item)
    print("\n".join(lines) if lines else "Every law reference is verified and was checked within the last 12 months.")
    print(f"\n{len(registry.provisions)} provisions in data/law.yml; {len(lines)} to look at.")
