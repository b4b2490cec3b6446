"""`make bench`: figures, not tests. Everything is measured side by side in one run on
this machine and printed as a table (and written to .bench/results.json).

* build: the real site with everything (checks, search index, PDFs); the same with
  checks but no PDFs; and a bare build of the same tree without the project's checks,
  search index or PDFs — the ratio of the last two is the cost of the checks;
* a synthetic handbook (1,000 Norwegian pages, 6 parent languages × 50 pages) built the
  same way: time and peak memory;
* page weight per template in Chromium through nginx (gzip, as served): first visit and
  a second page view;
* search: bytes fetched for the first query, time from the last keystroke to rendered
  results (median over the query set), and the time Pagefind takes to index.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


from .browser import launch
from .build import build_environment, copy_project
from .project import Project
from .search import index_site, query_set
from .webserver import nginx

TARGETS = {
    "checks_overhead_ratio": 1.25,
    "real_site_seconds": 20.0,
    "synthetic_seconds": 90.0,
    "synthetic_peak_mb": 1024.0,
    "typical_page_kb_gzip": 100.0,
    "first_query_kb": 150.0,
    "search_median_ms": 150.0,
}

TEMPLATES = {
    "home": "",
    "guidance": "veiledning/utviklingssamtalen/",
    "checklist": "sjekklister/utviklingssamtale/",
    "law": "lov/",
    "parent (ar)": "ar/foreldre/tolk/",
    "glossary": "ordliste/",
}
SECOND_VIEW = {
    "home": "for-samtalen/",
    "guidance": "veiledning/hjemmebesok/",
    "checklist": "sjekklister/tolk/",
    "law": "lov/endringer-2024/",
    "parent (ar)": "ar/foreldre/kontakt/",
    "glossary": "kilder/",
}


# ---- building -----------------------------------------------------------------------------
def timed_build(root: Path, site: Path, env: dict) -> tuple[float, float]:
    """Wall time (s) and peak memory (MB) of one `mkdocs build --strict` in a child process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=build_environment(root, env), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode != 0:
        raise RuntimeError(f"build failed in {root}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    # ru_maxrss of children is the largest child so far (kB on Linux); report it when it grew
    return elapsed, max(peak, before) / 1024


def best_of(runs: int, func) -> tuple[float, float]:
    results = [func() for _ in range(runs)]
    return min(r[0] for r in results), max(r[1] for r in results)


# ---- the synthetic handbook ------------------------------------------------------------------
def sentences_from(project: Project, section: str = "") -> list[str]:
    """Real Norwegian sentences from the handbook's own pages (so spelling and LIX pass)."""
    found = []
    for page in project.pages[project.source_language.code].values():
        if not page.uri.startswith(section):
            continue
        for _, text in page.texts():
            text = text.strip()
            if (text and not text.startswith(("#", "!", "<", "|", "-", "*", ">", "[", "`"))
                    and "[" not in text and "§" not in text and "{" not in text and len(text.split()) >= 8):
                found.append(text)
    return found


def make_synthetic(target: Path, source_root: Path, nb_pages: int = 1000, per_language: int = 50, seed: int = 7) -> Path:
    """A copy of the project with a synthetic handbook added: ``nb_pages`` Norwegian pages in
    all (``per_language`` of them parent pages, translated into every parent language)."""
    copy_project(source_root, target)
    rng = random.Random(seed)
    source = Project(source_root)
    text = sentences_from(source)
    plain = sentences_from(source, "foreldre/")  # parent pages must stay plain (LIX)
    project = Project(target)
    guidance = nb_pages - per_language
    nav_guidance, nav_parents = [], []

    def body(i: int, heading_prefix: str) -> str:
        parts = []
        for section in range(5):
            parts.append(f"## {heading_prefix} del {section + 1} {{#del-{section + 1}}}\n")
            parts.append(" ".join(rng.sample(text, 4)) + "\n")
            if section == 1:
                parts.append("- " + "\n- ".join(rng.sample(text, 3)) + "\n")
            if section == 2:
                parts.append(f"Les også [side {((i + 1) % guidance) + 1}](side-{((i + 1) % guidance) + 1:04d}.md#del-2).\n")
        return "\n".join(parts)

    def write_page(path: Path, title: str, heading: str, description: str, front: str, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {title}\ndescription: {description}\n{front}last_reviewed: 2026-11-22\n---\n\n"
                        f"# {heading}\n\n{text}", encoding="utf-8")

    for i in range(guidance):
        write_page(target / f"docs/nb/syntetisk/side-{i + 1:04d}.md", f"Syntetisk side {i + 1}", f"Syntetisk side {i + 1}",
                   "En generert side for å måle byggetiden til håndboka.", "audience: [lærer]\nsources: [ta-grep]\n",
                   f"{' '.join(rng.sample(text, 2))} [@ta-grep, «Innledning»] [§ opplaringslova 10-3]\n\n{body(i, 'Tema')}")
        nav_guidance.append(f"syntetisk/side-{i + 1:04d}.md")
    for i in range(per_language):
        write_page(target / f"docs/nb/foreldre/syntetisk/side-{i + 1:03d}.md", f"Syntetisk foreldreside {i + 1}",
                   f"Syntetisk foreldreside {i + 1}", "En generert side for foreldre, for å måle byggetiden.", "audience: [foreldre]\n",
                   "\n".join(f"## Spørsmål {s + 1} {{#sporsmal-{s + 1}}}\n\n{' '.join(rng.sample(plain, 2))}\n" for s in range(4)))
        nav_parents.append(f"foreldre/syntetisk/side-{i + 1:03d}.md")
        for lang in project.parent_languages:
            write_page(target / "docs" / lang.code / f"foreldre/syntetisk/side-{i + 1:03d}.md",
                       f"Synthetic parent page {i + 1} ({lang.code})", f"Synthetic parent page {i + 1}",
                       "A generated page to measure build time.",
                       'audience: [foreldre]\ntranslation:\n  source_commit: "0000000"\n  status: draft\n  method: machine-assisted\n',
                       "\n".join(f"## Question {s + 1} {{#sporsmal-{s + 1}}}\n\nSynthetic text for measuring the build, "
                                  f"sentence {s + 1} of the page, with a few ordinary words in it.\n" for s in range(4)))
    mkdocs = target / "mkdocs.yml"
    config = mkdocs.read_text(encoding="utf-8")
    config = config.replace("  - ordliste.md\n", "  - Syntetisk:\n" + "".join(f"      - {p}\n" for p in nav_guidance)
                            + "  - ordliste.md\n")
    config = config.replace("      - foreldre/ordliste.md\n", "      - foreldre/ordliste.md\n"
                            + "".join(f"      - {p}\n" for p in nav_parents))
    mkdocs.write_text(config, encoding="utf-8")
    (target / "data" / "published.yml").unlink(missing_ok=True)  # the lock is about the real site
    return target


# ---- the browser ------------------------------------------------------------------------------
class Transfer:
    """Bytes on the wire (compressed body + headers) of every response a page receives,
    including those of its workers (Pagefind searches in a web worker)."""

    def __init__(self, page):
        self.bytes = 0
        page.on("requestfinished", self._add)

    def _add(self, request):
        sizes = request.sizes()
        self.bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def take(self) -> int:
        value, self.bytes = self.bytes, 0
        return value


def page_weight(base_url: str) -> dict:
    """Bytes on the wire (gzip, as nginx serves them) for each template: first visit, second view."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        for name, path in TEMPLATES.items():
            context = browser.new_context()
            page = context.new_page()
            transfer = Transfer(page)
            page.goto(base_url + path, wait_until="networkidle")
            first = transfer.take()
            page.goto(base_url + SECOND_VIEW[name], wait_until="networkidle")
            second = transfer.take()
            out[name] = {"first_visit_kb": round(first / 1024, 1), "second_view_kb": round(second / 1024, 1)}
            context.close()
        browser.close()
    return out


def search_figures(base_url: str, queries: list[dict]) -> dict:
    """Bytes for the first query, and keystroke-to-results times over the query set (nb queries)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    nb = [q["q"] for q in queries if q.get("lang", "nb") == "nb"]
    with sync_playwright() as pw:
        browser = launch(pw)
        # bypass_csp: Playwright's waiting helpers evaluate strings, which the site's CSP forbids
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        transfer = Transfer(page)
        page.goto(base_url + "om/", wait_until="networkidle")
        transfer.take()
        page.locator(".md-search__input").click()
        page.keyboard.type(nb[0], delay=20)
        page.wait_for_selector(".md-search-result__item")
        page.wait_for_timeout(500)  # results render before the last fragments arrive
        first_query = transfer.take()
        times, stalled = [], 0
        # search.js marks every rendered search (results, none or failed) with data-hb-done
        page.evaluate("""() => { window.__done = null; new MutationObserver(() => { window.__done = performance.now(); })
            .observe(document.querySelector('[data-hb-search]'), {attributes: true, attributeFilter: ['data-hb-done']}); }""")
        for query in nb:
            page.fill(".md-search__input", "")
            page.keyboard.type(query[:-1], delay=0)
            page.wait_for_timeout(300)  # the search for all but the last letter has rendered
            page.evaluate("window.__done = null")
            start = page.evaluate("performance.now()")
            page.keyboard.type(query[-1])
            try:
                page.wait_for_function("window.__done !== null", timeout=15000)
            except PlaywrightTimeout:
                stalled += 1  # reported, not fatal: a loaded machine can stall one search
                continue
            times.append(page.evaluate("window.__done") - start)
        browser.close()
    return {"first_query_kb": round(first_query / 1024, 1), "median_ms": round(statistics.median(times), 1),
            "p90_ms": round(sorted(times)[int(len(times) * 0.9) - 1], 1), "queries": len(times), "stalled": stalled}


def pagefind_seconds(site: Path) -> float:
    copy = site.parent / (site.name + "-pagefind")
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "pagefind", ignore_errors=True)
    start = time.perf_counter()
    problems = index_site(copy)
    elapsed = time.perf_counter() - start
    shutil.rmtree(copy)
    if problems:
        raise RuntimeError(str(problems[0]))
    return elapsed


# ---- the whole run ------------------------------------------------------------------------------
def run(root: Path, work: Path, quick: bool = False) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]}}
    runs = 1 if quick else 3
    full, full_mem = best_of(1, lambda: timed_build(root, work / "site-full", {}))
    with_checks, _ = best_of(runs, lambda: timed_build(root, work / "site-checks",
                                                       {"HANDBOOK_SKIP_PDF": "1", "HANDBOOK_SKIP_SEARCH": "1"}))
    bare, _ = best_of(runs, lambda: timed_build(root, work / "site-bare", {"HANDBOOK_SKIP_PDF": "1", "HANDBOOK_SKIP_SEARCH": "1",
                                                                         "HANDBOOK_CHECKS": "0"}))
    results["build"] = {"full_seconds": round(full, 2), "full_peak_mb": round(full_mem), "with_checks_seconds": round(with_checks, 2),
                        "bare_seconds": round(bare, 2), "checks_overhead_ratio": round(with_checks / bare, 3),
                        "pagefind_seconds": round(pagefind_seconds(work / "site-full"), 2)}
    if not quick:
        synthetic = make_synthetic(work / "synthetic", root)
        seconds, peak = timed_build(synthetic, work / "synthetic-site", {})
        pages = sum(1 for _ in (work / "synthetic-site").rglob("index.html"))
        results["synthetic"] = {"seconds": round(seconds, 1), "peak_mb": round(peak), "built_pages": pages}
    with nginx(work / "site-full", work / "nginx") as base:
        results["page_weight_gzip"] = page_weight(base)
        results["search"] = search_figures(base, query_set(root / "tests" / "search_queries.yml"))
    return results


def table(results: dict) -> str:
    b = results["build"]
    lines = [f"Machine: {results['machine']['cpus']} CPUs, Python {results['machine']['python']}", "",
             f"{'measure':<52}{'value':>12}{'target':>12}",
             f"{'real site, full build (checks, search, PDFs)':<52}{b['full_seconds']:>11.1f}s{TARGETS['real_site_seconds']:>11.0f}s",
             f"{'  peak memory':<52}{b['full_peak_mb']:>10} MB",
             f"{'real site with checks (no PDFs, no search index)':<52}{b['with_checks_seconds']:>11.2f}s",
             f"{'bare build, same tree, no checks':<52}{b['bare_seconds']:>11.2f}s",
             f"{'checks overhead ratio':<52}{b['checks_overhead_ratio']:>12.3f}{TARGETS['checks_overhead_ratio']:>12.2f}",
             f"{'Pagefind indexing':<52}{b['pagefind_seconds']:>11.2f}s"]
    if "synthetic" in results:
        s = results["synthetic"]
        lines += [f"{'synthetic handbook (' + str(s['built_pages']) + ' built pages)':<52}{s['seconds']:>11.1f}s"
                  f"{TARGETS['synthetic_seconds']:>11.0f}s",
                  f"{'  peak memory':<52}{s['peak_mb']:>10} MB{TARGETS['synthetic_peak_mb']:>9.0f} MB"]
    lines.append("")
    lines.append(f"{'page weight, gzip (first visit / second view)':<52}")
    for name, w in results["page_weight_gzip"].items():
        lines.append(f"{'  ' + name:<52}{w['first_visit_kb']:>8.1f} KB / {w['second_view_kb']:.1f} KB"
                     f"  (target {TARGETS['typical_page_kb_gzip']:.0f} KB first visit)")
    s = results["search"]
    lines += ["", f"{'search: bytes fetched for the first query':<52}{s['first_query_kb']:>9.1f} KB{TARGETS['first_query_kb']:>9.0f} KB",
              f"{'search: keystroke to results, median (' + str(s['queries']) + ' queries)':<52}{s['median_ms']:>9.1f} ms"
              f"{TARGETS['search_median_ms']:>9.0f} ms",
              f"{'search: keystroke to results, 90th percentile':<52}{s['p90_ms']:>9.1f} ms"]
    return "\n".join(lines)


def save(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


