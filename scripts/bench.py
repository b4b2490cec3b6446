#!/usr/bin/env python3
"""Benchmark (see handbook/benchmark.py): prints a table and writes .bench/results.json.

    make bench              # everything, including the 1,000-page synthetic handbook
    scripts/bench.py --quick
"""

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook import benchmark  # noqa: E402

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="one run each, no synthetic handbook")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as work:
        results = benchmark.run(ROOT, Path(work), quick=args.quick)
    print(benchmark.table(results))
    benchmark.save(results, ROOT / ".bench" / "results.json")
    print("\nwritten to .bench/results.json")
