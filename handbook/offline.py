"""The handbook on a reader's device, without the internet.

The build writes, at its very end (after every other step has written its files, so
names with content hashes are what is listed):

* ``offline/<lang>.json`` for each language: every file a reader of that language needs
  without the internet — the language's pages (for Norwegian the whole handbook, for a
  parent language its own pages), the styles, scripts, images and fonts, and that
  language's search files (Pagefind's index and fragments, so search works offline) —
  with its size and a hash of its content, and, apart, the language's checklist PDFs
  (stored when the reader asks for them);
* ``sw.js`` in the site's root: the service worker (handbook/offline_sw.js), whose scope is
  the whole site wherever it is hosted. It is named by a build id (a hash of every list),
  so a new build installs a new worker, which stores the same languages again (copying
  what did not change) and removes the old build's caches.

The worker is registered by overrides/assets/javascripts/offline.js (an external script:
the Content-Security-Policy allows no inline scripts). It stores only this site's own
files; never anything from another site, never a request with a query string, never what
a reader types. Each language must fit its budget (BUDGET): the build stops otherwise.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from .problems import Problem
from .project import Project

WORKER = "sw.js"
FOLDER = "offline"
TEMPLATE = Path(__file__).with_name("offline_sw.js")
# What one language may take on a device, without the checklist PDFs (stored on request).
# Measured on 2026-12-03: nb 4.9 MB, each parent language 1.1–1.2 MB (README, «Offline»).
BUDGET = {"source": 15_000_000, "parent": 4_000_000}
HASH = 16  # hex digits of SHA-256 kept per file (the worker checks what it downloads against them)
SKIPPED = (".xml", ".gz", ".map", ".lock")


def url_of(rel: str) -> str:
    """The address a reader uses: 'foreldre/tolk/index.html' -> 'foreldre/tolk/', 'index.html' -> ''."""
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:HASH]


def _pagefind_wanted(site: Path, lang: str):
    """Which Pagefind files a language needs: the runtime, its own metadata, stemming (WebAssembly),
    index chunks, fragments and filters, and its word lists (typing errors, stop words, the
    titles shown first); nothing of the other languages'."""
    entry_file = site / "pagefind" / "pagefind-entry.json"
    if not entry_file.is_file():
        return lambda rel: False
    languages = json.loads(entry_file.read_text(encoding="utf-8")).get("languages", {})
    if lang not in languages:
        return lambda rel: False
    wasm = languages[lang].get("wasm") or "unknown"

    def wanted(rel: str) -> bool:
        parts = rel.split("/")
        name = parts[-1]
        if len(parts) == 2:
            if name.endswith(".pf_meta"):
                return name.startswith(f"pagefind.{lang}_")
            if name.startswith("wasm."):
                return name == f"wasm.{wasm}.pagefind"
            return True  # pagefind.js, its worker, pagefind-entry.json
        if parts[1] == "vocab":  # the search's own word lists (handbook.search.write_vocabularies)
            return name == f"{lang}.json" or name.startswith(f"{lang}-")
        return name.startswith(f"{lang}_")

    return wanted


def manifests(project: Project, site: Path) -> dict[str, dict]:
    """{lang: {'files': [[url, size, hash], …], 'pdfs': […], 'bytes': n, 'pdf_bytes': n}}."""
    source = project.source_language.code
    parents = {lang.code for lang in project.parent_languages}
    rels = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    out: dict[str, dict] = {}
    for lang in project.languages:
        pagefind = _pagefind_wanted(site, lang.code)
        files, pdfs = [], []
        for rel in rels:
            first = rel.split("/", 1)[0]
            name = rel.rsplit("/", 1)[-1]
            if rel == WORKER or first == FOLDER or name.startswith(".") or rel.endswith(SKIPPED) or name == "404.html":
                continue
            if first == "assets":
                owner = lang.code  # shared by every language
            elif first == "pagefind":
                owner = lang.code if pagefind(rel) else None
            else:
                owner = first if first in parents and "/" in rel else source
            if owner != lang.code:
                continue
            path = site / rel
            row = [url_of(rel), path.stat().st_size, _digest(path)]
            (pdfs if rel.endswith(".pdf") else files).append(row)
        out[lang.code] = {
            "lang": lang.code,
            "files": files,
            "pdfs": pdfs,
            "bytes": sum(row[1] for row in files),
            "pdf_bytes": sum(row[1] for row in pdfs),
        }
    return out


def linked(site: Path, rel: str) -> list[str]:
    """The files of one kind («stylesheet», «icon») the home page links, in order (with the
    names the build gave them)."""
    home = site / "index.html"
    if not home.is_file():
        return []
    found = re.findall(rf'<link rel="{rel}" href="([^"]+)"', home.read_text(encoding="utf-8"))
    return [href.removeprefix("./") for href in found if "://" not in href and not href.startswith("/")]


def write(project: Project, site: Path) -> tuple[dict[str, dict], list[Problem]]:
    """Write offline/<lang>.json and sw.js; returns the lists and any language over its budget."""
    lists = manifests(project, site)
    build = hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:HASH]
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    problems = []
    for lang in project.languages:
        data = {"build": build, **lists[lang.code]}
        (folder / f"{lang.code}.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        # HANDBOOK_OFFLINE_BUDGET_SCALE: the benchmark's synthetic handbook is many times the real one
        budget = BUDGET["source" if lang.is_source else "parent"] * float(os.environ.get("HANDBOOK_OFFLINE_BUDGET_SCALE") or 1)
        if data["bytes"] > budget:
            problems.append(
                Problem(
                    f"site/{FOLDER}/{lang.code}.json",
                    0,
                    f"the offline copy of {lang.name_nb} ({lang.code}) is {mb(data['bytes'])}, above its budget of {mb(budget)}",
                    "make large images smaller (or leave them out), or raise BUDGET in handbook/offline.py and "
                    "state the new size in README («Offline»)",
                )
            )
    config = {
        "build": build,
        "source": project.source_language.code,
        "styles": linked(site, "stylesheet"),
        "icon": (linked(site, "icon") or [""])[0],
        "languages": {
            lang.code: {
                "prefix": "" if lang.is_source else f"{lang.code}/",
                "dir": lang.dir,
                "title": lang.ui["offline_missing_title"],
                "text": lang.ui["offline_missing_text"],
                "home": lang.ui["not_found_home"],
            }
            for lang in project.languages
        },
    }
    worker = TEMPLATE.read_text(encoding="utf-8").replace(
        "/*CONFIG*/{}/*END*/", json.dumps(config, ensure_ascii=False, indent=1), 1
    )
    (site / WORKER).write_text(worker, encoding="utf-8")
    return lists, problems


PREVIEW_WORKER = """/* Skole–hjem-håndboka, preview (`handbook serve`): no pages are kept on this device.
   A worker from a real build that was registered at this address removes its copies. */
self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return /^hb-/.test(n); }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.registration.unregister(); }));
});
"""


def write_preview_worker(site: Path) -> None:
    """A preview keeps nothing on the device: a worker that removes what a build's worker kept."""
    site.mkdir(parents=True, exist_ok=True)
    (site / WORKER).write_text(PREVIEW_WORKER, encoding="utf-8")


def mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def describe(lists: dict[str, dict]) -> str:
    return ", ".join(
        f"{lang} {mb(data['bytes'])}" + (f" (+ PDFs {mb(data['pdf_bytes'])})" if data["pdf_bytes"] else "")
        for lang, data in lists.items()
    )
