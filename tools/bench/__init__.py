"""`make bench` (`handbook bench`): figures, not tests, all measured side by side in one run
on this machine, printed as the table README's «Speed» section shows, and written to
.bench/results.json.

* **Build** (the real handbook, a fresh copy of this checkout): the full build with no
  checklist changed (PDFs from the cache), the full build with every PDF made again, the
  build without PDFs, the same without the checks, and plain MkDocs + Material built from
  the same tree (same docs/, languages and Markdown extensions; no handbook plugin, no
  overrides; Material's own search) — with ratios against plain. Each is the best of 3
  runs, interleaved (one of each per round, so a busy moment on a shared machine hits
  every kind alike); CPU time is shown next to wall time. The build's own stages come
  from its HANDBOOK_TIMINGS output; peak memory is the build process's own.
* **Synthetic handbook** at 4× and 16× the real one (tools/bench/synthetic.py): the same
  figures per scale and stage, and how cost grows. (1× is the real handbook above.)
* **Writer loop**: `handbook serve`, then an edit to a Norwegian page, a data file and a
  broken edit; the time until the served page shows it.
* **Readers**: page weight per template through deploy/nginx.conf (bytes from nginx's
  access log), first visit and a second page view, against stock Material's same page;
  search: bytes of the first query and cold and warm keystroke-to-results times.

``handbook bench --quick``: the real handbook only, one run of everything (a smoke run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from dataclasses import asdict
from pathlib import Path

from handbook.build import copy_project
from handbook.project import Project

from . import browser, builds, synthetic, writer
from .report import table

ROOT = Path(__file__).resolve().parent.parent.parent
RESULTS = ROOT / ".bench" / "results.json"
SCALES = (4, 16)
# (full builds, plain builds) per synthetic scale: 16× is slow (about 4,000 pages, 500 PDFs on the
# first build), so it is the best of 2 against one plain build; other scales follow --synthetic-runs.
SCALE_RUNS = {16: (2, 1)}
TARGETS = {"warm_over_plain": 1.6, "page_edit_seconds": 2.0, "cold_search_ms": 150.0, "first_query_kb": 150.0}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def versions() -> dict:
    from importlib.metadata import version

    out = {"python": platform.python_version()}
    for package in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "pagefind", "playwright"):
        try:
            out[package] = version(package)
        except Exception:  # a missing package is reported as missing
            out[package] = "missing"
    return out


def site_pages(site: Path) -> int:
    return sum(1 for path in site.rglob("index.html") if "pagefind" not in path.parts and "assets" not in path.parts)


# ---- builds ----------------------------------------------------------------------------------------
NO_PDFS = {"HANDBOOK_PDFS": "false"}
NO_CHECKS = {"HANDBOOK_PDFS": "false", "HANDBOOK_CHECKS": "false"}


def measure_builds(real: Path, plain: Path, work: Path, runs: int) -> dict:
    log("first build of the fresh copy (every cache cold)")
    first = builds.timed_build(real, work / "site-full")
    builds.timed_build(plain, work / "site-plain", strict=False)  # and plain's first run, not counted
    kinds: dict[str, list[builds.Build]] = {"warm": [], "no_pdfs": [], "no_checks": [], "plain": [], "cold_pdfs": []}
    for round_ in range(1, runs + 1):
        log(f"builds, round {round_} of {runs}")
        kinds["warm"].append(builds.timed_build(real, work / "site-full"))
        kinds["no_pdfs"].append(builds.timed_build(real, work / "site-other", NO_PDFS))
        kinds["no_checks"].append(builds.timed_build(real, work / "site-other", NO_CHECKS))
        kinds["plain"].append(builds.timed_build(plain, work / "site-plain", strict=False))
        builds.clear_pdf_cache(real)
        kinds["cold_pdfs"].append(builds.timed_build(real, work / "site-other"))
    best = {kind: builds.best(found) for kind, found in kinds.items()}
    plain_best = best["plain"]
    out = {
        kind: {
            **b.as_dict(),
            "runs_seconds": [round(x.seconds, 2) for x in kinds[kind]],
            "over_plain": round(b.seconds / plain_best.seconds, 2),
            "cpu_over_plain": round(b.cpu_seconds / plain_best.cpu_seconds, 2) if plain_best.cpu_seconds else None,
        }
        for kind, b in best.items()
    }
    out["first"] = {**first.as_dict(), "over_plain": round(first.seconds / plain_best.seconds, 2)}
    out["checks_cost"] = {
        "seconds": round(best["no_pdfs"].seconds - best["no_checks"].seconds, 2),
        "cpu_seconds": round(best["no_pdfs"].cpu_seconds - best["no_checks"].cpu_seconds, 2),
        "ratio": round(best["no_pdfs"].seconds / best["no_checks"].seconds, 2),
    }
    out["pages"] = {
        "built": site_pages(work / "site-full"),
        "plain_built": site_pages(work / "site-plain"),
        "nb": len(Project(real).pages[Project(real).source_language.code]),
    }
    return out


def measure_scale(root: Path, work: Path, scale: int, runs: int, plain_runs: int) -> dict:
    log(f"synthetic handbook at {scale}×: generating")
    grown = synthetic.make(root, work / f"synthetic-{scale}", scale)
    plain = builds.make_plain(grown.root, work / f"synthetic-{scale}-plain")
    site = work / f"synthetic-{scale}-site"
    log(f"synthetic handbook at {scale}×: first build (every cache cold)")
    budget = {"HANDBOOK_OFFLINE_BUDGET_SCALE": str(scale)}  # the offline copy grows with the handbook
    first = builds.timed_build(grown.root, site, budget)
    pages = site_pages(site)
    warm, plains = [], []
    for round_ in range(1, runs + 1):
        log(f"synthetic handbook at {scale}×: round {round_} of {runs}")
        warm.append(builds.timed_build(grown.root, site, budget))
        if round_ <= plain_runs:
            plains.append(builds.timed_build(plain, work / f"synthetic-{scale}-plain-site", strict=False))
    best, plain_best = builds.best(warm), builds.best(plains)
    stats = synthetic.describe(grown.root, grown.synthetic_pages)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(work / f"synthetic-{scale}-plain-site", ignore_errors=True)
    return {
        "scale": scale,
        "variants": grown.variants,
        "nb_pages": grown.nb_pages,
        "parent_pages": grown.parent_pages,
        "built_pages": pages,
        "warm": {**best.as_dict(), "runs_seconds": [round(b.seconds, 2) for b in warm]},
        "plain": {**plain_best.as_dict(), "runs_seconds": [round(b.seconds, 2) for b in plains]},
        "over_plain": round(best.seconds / plain_best.seconds, 2),
        "first": first.as_dict(),
        "page_stats": stats,
    }


# ---- the whole run -----------------------------------------------------------------------------------
def run(
    root: Path,
    work: Path,
    *,
    quick: bool = False,
    scales: tuple[int, ...] = SCALES,
    runs: int = 3,
    synthetic_runs: int = 3,
    only: set[str] | None = None,
) -> dict:
    """Everything, in one run. ``only``: a subset of build, synthetic, writer, readers."""
    wanted = only or {"build", "synthetic", "writer", "readers"}
    if quick:
        runs, scales = 1, ()
    builds.public_dir(work)
    results: dict = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "quick": quick,
        "runs": runs,
        "machine": {"cpus": os.cpu_count(), "load_at_start": builds.load_average(), **versions()},
        "targets": TARGETS,
        "typing_delay_ms": browser.TYPING_DELAY_MS,
    }
    real = copy_project(root, work / "real")
    plain = builds.make_plain(root, work / "plain")
    if wanted & {"build", "readers"}:
        results["build"] = measure_builds(real, plain, work, runs)
        results["stats"] = synthetic.describe(real)
    if "synthetic" in wanted:
        results["synthetic"] = [
            measure_scale(root, work, scale, *SCALE_RUNS.get(scale, (synthetic_runs, synthetic_runs))) for scale in scales
        ]
    if "writer" in wanted:
        log("writer loop: handbook serve")
        results["writer"] = writer.measure(copy_project(root, work / "serve"), work, runs)
    if "readers" in wanted:
        from tools.webserver import nginx

        queries = browser.load_queries(root / "tests" / "search_queries.yml")
        log("page weight and search through nginx")
        with nginx(work / "site-full", work / "nginx-full") as base:
            access = browser.AccessLog(work / "nginx-full")
            results["page_weight"] = {name: asdict(w) for name, w in browser.page_weight(base, access).items()}
            results["search"] = browser.search_figures(base, access, queries, runs)
            results["search_stages"] = browser.query_stages(base, queries)
        with nginx(work / "site-plain", work / "nginx-plain") as base:
            access = browser.AccessLog(work / "nginx-plain")
            results["stock_page_weight"] = {name: asdict(w) for name, w in browser.page_weight(base, access).items()}
    results["machine"]["load_at_end"] = builds.load_average()
    results["finished"] = dt.datetime.now().isoformat(timespec="seconds")
    return results


def save(results: dict, path: Path = RESULTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="handbook bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the real handbook only, one run of everything (a smoke run)")
    parser.add_argument("--runs", type=int, default=3, help="runs per build and per cold search (the best/median is shown)")
    parser.add_argument("--synthetic-runs", type=int, default=3, help="warm builds per synthetic scale")
    parser.add_argument("--scales", default=",".join(map(str, SCALES)), help="synthetic scales, e.g. 4,16")
    parser.add_argument("--only", default="", help="a subset: build,synthetic,writer,readers")
    parser.add_argument("--work", type=Path, help="where the copies and sites go (default: a new /tmp/bench-… folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if not os.environ.get("HANDBOOK_SOURCES_DIR"):
        log("note: HANDBOOK_SOURCES_DIR is not set; the own-words check runs only if ../shared/sources exists")
    work = args.work or Path(f"/tmp/bench-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}")
    scales = tuple(int(s) for s in args.scales.split(",") if s.strip())
    only = {s.strip() for s in args.only.split(",") if s.strip()} or None
    try:
        results = run(ROOT, work, quick=args.quick, scales=scales, runs=args.runs, synthetic_runs=args.synthetic_runs, only=only)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    save(results)
    print(table(results))
    print(f"\n(written to {RESULTS.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
