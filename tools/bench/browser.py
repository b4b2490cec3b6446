"""What readers get, measured in headless Chromium against deploy/nginx.conf run for real:
page weight per template and search. Bytes are counted by nginx ($bytes_sent in its
access log: compressed body and headers, as sent), never from the browser's events."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools.webserver import Served, served

# ---- the search's DOM: one place to adjust after search.js or the partial changes ---------------
SEARCH_INPUT = ".md-search__input"  # overrides/partials/search.html
SEARCH_LIST = ".md-search-result__list"  # results are appended here
SEARCH_ITEM = ".md-search-result__item"  # one result (overrides/assets/javascripts/search.js)
SEARCH_META = ".md-search-result__meta"  # «n results» / «no results»
SEARCH_DIALOG = "[data-hb-search]"  # holds the texts; data-none is the «no results» text
TYPING_DELAY_MS = 100  # between keystrokes of the cold first search: a fast typist
WARM_QUERIES = 200  # at most this many queries per language for the warm median
QUIET_SECONDS = 0.7  # the access log has not grown for this long: the page has fetched what it needs

# Pages per template: first visit (a fresh browser) and, in the same browser, a second page of
# the same kind.
TEMPLATES = {
    "home": ("", "for-samtalen/"),
    "guidance": ("veiledning/utviklingssamtalen/", "veiledning/hjemmebesok/"),
    "checklist": ("sjekklister/utviklingssamtale/", "sjekklister/tolk/"),
    "law": ("lov/", "lov/endringer-2024/"),
    "parent (ar)": ("ar/foreldre/tolk/", "ar/foreldre/kontakt/"),
    "glossary": ("ordliste/", "kilder/"),
}
SEARCH_PAGES = {"nb": "om/", "ar": "ar/"}  # where a reader searches from, per language

OBSERVER = """(sel) => {
  const list = document.querySelector(sel.list), input = document.querySelector(sel.input);
  const meta = document.querySelector(sel.meta);
  const hb = window.__hbBench = {last: null, done: null, items: 0, none: false};
  input.addEventListener('input', () => { hb.last = performance.now(); hb.done = null; }, true);
  const finish = (none) => { hb.done = performance.now(); hb.none = none;
                             hb.items = list.querySelectorAll(sel.item).length; };
  new MutationObserver((records) => {
    if (hb.last === null || hb.done !== null) return;
    for (const record of records) for (const node of record.addedNodes)
      if (node.nodeType === 1 && (node.matches(sel.item) || node.querySelector(sel.item))) { finish(false); return; }
  }).observe(list, {childList: true, subtree: true});
  const dialog = document.querySelector(sel.dialog);
  const none = dialog ? (dialog.getAttribute('data-none') || '').trim() : '';
  if (meta && none) new MutationObserver(() => {
    if (hb.last === null || hb.done !== null) return;
    if (!list.querySelector(sel.item) && meta.textContent.trim() === none) finish(true);
  }).observe(meta, {childList: true, characterData: true, subtree: true});
}"""
SELECTORS = {"list": SEARCH_LIST, "input": SEARCH_INPUT, "item": SEARCH_ITEM, "meta": SEARCH_META, "dialog": SEARCH_DIALOG}


# ---- nginx's access log ----------------------------------------------------------------------------
class AccessLog:
    """Responses nginx logged since the last :meth:`mark`."""

    def __init__(self, work: Path):
        self.work = work
        self.seen = 0

    def mark(self) -> None:
        self.seen = len(served(self.work))

    def since(self) -> list[Served]:
        rows = served(self.work)
        new, self.seen = rows[self.seen :], len(rows)
        return new

    def wait_quiet(self, quiet: float = QUIET_SECONDS, timeout: float = 30.0) -> None:
        """Until nothing new has been logged for ``quiet`` seconds."""
        began, count, changed = time.perf_counter(), len(served(self.work)), time.perf_counter()
        while time.perf_counter() - began < timeout:
            time.sleep(0.05)
            now = len(served(self.work))
            if now != count:
                count, changed = now, time.perf_counter()
            elif time.perf_counter() - changed >= quiet:
                return


def total_kb(rows: list[Served]) -> float:
    return round(sum(r.bytes for r in rows) / 1024, 1)


def search_kind(uri: str) -> str:
    """What a search request fetched (for the byte breakdown of the first query)."""
    path = uri.split("?", 1)[0]
    name = path.rsplit("/", 1)[-1]
    if "/pagefind/" not in path:
        return "other"
    if "/fragment/" in path:
        return "fragments"
    if "/index/" in path:
        return "index chunks"
    if "/filter/" in path:
        return "filters"
    if name.endswith(".wasm") or name.startswith("wasm."):
        return "wasm"
    if "worker" in name:
        return "worker"
    if name.startswith("pagefind-entry"):
        return "entry"
    if name.endswith(".pf_meta") or "pf_meta" in name:
        return "metadata"
    return "script" if name.endswith(".js") else "other"


def breakdown(rows: list[Served]) -> dict[str, float]:
    out: dict[str, float] = {}
    for row in rows:
        kind = search_kind(row.uri)
        out[kind] = round(out.get(kind, 0.0) + row.bytes / 1024, 1)
    return dict(sorted(out.items()))


# ---- the query set ---------------------------------------------------------------------------------
def load_queries(path: Path) -> dict[str, list[str]]:
    """Queries by the language of the page searched from; reads the flat format (``queries:``)
    and the group format (``groups:`` with a ``lang`` and ``queries`` each)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, list[str]] = {}
    for group in data.get("groups") or []:
        for query in group.get("queries") or []:
            out.setdefault(query.get("lang", group.get("lang", "nb")), []).append(str(query["q"]))
    for query in data.get("queries") or []:
        out.setdefault(query.get("lang", "nb"), []).append(str(query["q"]))
    return out


def cold_query(queries: list[str]) -> str:
    """The query of the cold first search: the first one of at most two words (a reader's
    first try is short; a long question leaves the engine time to load while it is typed)."""
    return next((q for q in queries if len(q.split()) <= 2), queries[0])


# ---- page weight -----------------------------------------------------------------------------------
@dataclass
class Weight:
    first_kb: float
    first_requests: int
    second_kb: float
    second_requests: int
    second_uris: list[str]


def page_weight(base: str, log: AccessLog, templates: dict = TEMPLATES) -> dict[str, Weight]:
    from playwright.sync_api import sync_playwright

    from handbook.browser import launch

    out = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        for name, (first, second) in templates.items():
            # service workers blocked: the offline copy (handbook/offline.py) would download the
            # whole language on the first visit, which is not what a page view costs
            context = browser.new_context(service_workers="block")
            page = context.new_page()
            log.mark()
            page.goto(base + first, wait_until="networkidle")
            log.wait_quiet()
            one = log.since()
            page.goto(base + second, wait_until="networkidle")
            log.wait_quiet()
            two = log.since()
            out[name] = Weight(total_kb(one), len(one), total_kb(two), len(two), [r.uri for r in two])
            context.close()
        browser.close()
    return out


# ---- search ----------------------------------------------------------------------------------------
def _results(page) -> dict:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function("window.__hbBench && window.__hbBench.done !== null", timeout=15000)
    except PlaywrightTimeout:
        return {"ms": None, "items": 0, "none": False}
    return page.evaluate(
        "() => ({ms: window.__hbBench.done - window.__hbBench.last, items: window.__hbBench.items, none: window.__hbBench.none})"
    )


def cold_search(browser, base: str, path: str, query: str, log: AccessLog) -> dict:
    """A fresh browser: load the page, then click the field and type the query right away."""
    # Playwright's waits evaluate strings, which the site's CSP forbids; no offline download (see page_weight)
    context = browser.new_context(bypass_csp=True, service_workers="block")
    page = context.new_page()
    page.goto(base + path, wait_until="networkidle")
    log.wait_quiet()
    page.evaluate(OBSERVER, SELECTORS)
    log.mark()
    page.click(SEARCH_INPUT)
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    result = _results(page)
    log.wait_quiet()
    rows = log.since()
    return {
        "page": page,
        "context": context,
        "ms": result["ms"],
        "items": result["items"],
        "kb": total_kb(rows),
        "breakdown": breakdown(rows),
        "requests": len(rows),
    }


def warm_search(page, queries: list[str]) -> list[float]:
    """The same page, the engine loaded: each query typed, the time of its last keystroke to results."""
    times = []
    for query in queries[:WARM_QUERIES]:
        page.fill(SEARCH_INPUT, "")
        page.wait_for_timeout(150)
        if len(query) > 1:
            page.keyboard.type(query[:-1])
            page.wait_for_timeout(400)
        page.keyboard.type(query[-1])
        ms = _results(page)["ms"]
        if ms is not None:  # no results shown within 15 s: counted apart (see search_figures)
            times.append(ms)
    return times


def search_figures(
    base: str, log: AccessLog, queries: dict[str, list[str]], runs: int = 3, languages: dict[str, str] = SEARCH_PAGES
) -> dict:
    """Per language: cold first search (median of ``runs`` fresh browsers) with the bytes the
    server sent for it, and warm search over the query set (median and 90th percentile)."""
    from playwright.sync_api import sync_playwright

    from handbook.browser import launch

    out = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        for lang, path in languages.items():
            if not queries.get(lang):
                continue
            query = cold_query(queries[lang])
            colds, warm = [], []
            for run in range(runs):
                cold = cold_search(browser, base, path, query, log)
                colds.append(cold)
                if run == 0:
                    warm = warm_search(cold["page"], queries[lang])
                cold["context"].close()
            ms = [c["ms"] for c in colds if c["ms"] is not None]
            out[lang] = {
                "cold_query": query,
                "cold_ms": round(statistics.median(ms), 1) if ms else None,
                "cold_runs_ms": [round(m, 1) for m in ms],
                "cold_failed": runs - len(ms),
                "first_query_kb": colds[0]["kb"],
                "first_query_requests": colds[0]["requests"],
                "first_query_breakdown_kb": colds[0]["breakdown"],
                "first_query_kb_runs": [c["kb"] for c in colds],
                "warm_queries": len(warm),
                "warm_failed": min(len(queries[lang]), WARM_QUERIES) - len(warm),
                "warm_median_ms": round(statistics.median(warm), 1) if warm else None,
                "warm_p90_ms": round(sorted(warm)[max(0, int(len(warm) * 0.9) - 1)], 1) if warm else None,
            }
        browser.close()
    return out


STAGES_SCRIPT = """async (qs) => { const out = [];
  for (const q of qs) { const r = await window.hbSearch.rank(q); out.push([r.stage, !!r.corrected]); }
  return out; }"""


def query_stages(base: str, queries: dict[str, list[str]]) -> dict[str, dict]:
    """Per language, how the search answered every query of the set from that language's home
    page: with Pagefind's strict search alone, or after relaxing it (a question, or too few
    results), and how many had a word corrected as a typing error or split as a compound
    (issue 15: figures, not assertions)."""
    from playwright.sync_api import sync_playwright

    from handbook.browser import launch

    out = {}
    with sync_playwright() as pw:
        browser = launch(pw)
        for lang, listed in queries.items():
            if not listed:
                continue
            page = browser.new_page()
            page.goto(base + ("" if lang == "nb" else f"{lang}/"))
            page.wait_for_function("() => window.hbSearch && window.hbSearch.rank")
            answers = page.evaluate(STAGES_SCRIPT, listed)
            page.close()
            n = len(answers)
            out[lang] = {
                "queries": n,
                "relaxed_share": round(sum(1 for stage, _ in answers if stage == "relaxed") / n, 3),
                "corrected_share": round(sum(1 for _, fixed in answers if fixed) / n, 3),
            }
        browser.close()
    return out
