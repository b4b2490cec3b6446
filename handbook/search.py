"""Search: Pagefind indexes the built site, one index per language (from <html lang>),
content only. Teachers' vocabulary (data/search_synonyms.yml) is added to pages as
weighted, invisible index terms, so «konferansetime» finds the page on the development
conversation even where the page never uses that word."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .project import DocPage, Project

# Parts of a page that are not content: Pagefind never indexes them.
EXCLUDE = [".headerlink", ".hb-basis-list", ".hb-checklist__tools", ".hb-checklist__fill", ".hb-page-footer", ".hb-notice",
           ".md-source-file", ".hb-lang-note", ".hb-send-letter"]


@dataclass
class SynonymGroup:
    terms: list[str]
    lang: str
    pages: list[str]
    line: int


def load_synonyms(project: Project) -> tuple[list[SynonymGroup], list[Problem]]:
    located, problems, label = project.read_data("search_synonyms")
    if located is None:
        return [], problems
    groups = [SynonymGroup(entry["terms"], entry.get("lang", project.source_language.code), entry.get("pages", []),
                           located.line_of(("groups", index)))
              for index, entry in enumerate(located.data["groups"])]
    return groups, problems


def synonyms(project: Project) -> list[SynonymGroup]:
    return project.memo("synonyms", lambda: load_synonyms(project)[0])


def check_data(project: Project) -> list[Problem]:
    return project.memo("synonyms-problems", lambda: load_synonyms(project)[1])


def check_pages(project: Project) -> list[Problem]:
    """Every page a synonym group names exists in the group's language."""
    label = "data/search_synonyms.yml"
    problems = []
    for group in synonyms(project):
        for page in group.pages:
            if page not in project.pages.get(group.lang, {}):
                problems.append(Problem(label, group.line, f"the page '{page}' does not exist in '{group.lang}'",
                                        f"use a path inside docs/{group.lang}/, e.g. veiledning/hjemmebesok.md"))
    return problems


def mentions(text: str, term: str) -> bool:
    """The term, or an inflected form of it (the term as a word start), appears in the text."""
    return re.search(rf"(?<![\wæøåÆØÅ]){re.escape(term)}", text, re.IGNORECASE) is not None


def topic_text(page: DocPage) -> str:
    """What a page is about: its title, description and headings (not every passing mention)."""
    headings = [re.sub(r'\s*basis="[^"]*"', "", line) for line in page.body.split("\n") if line.startswith("#")]
    checklist = page.meta.get("checklist") or {}
    sections = [section.get("title", "") for section in checklist.get("sections", [])]
    return "\n".join([page.meta.get("title", ""), page.meta.get("description", ""), *headings, *sections])


def extra_terms(project: Project, page: DocPage) -> list[str]:
    """Words to add to the page's index entry: the other terms of every group that names
    the page's topic (in its title, description or headings), or that lists the page."""
    topic = topic_text(page)
    found: list[str] = []
    for group in synonyms(project):
        if group.lang != page.lang:
            continue
        if group.pages:
            applies = page.uri in group.pages
        else:
            applies = any(mentions(topic, term) for term in group.terms)
        if applies:
            found += [term for term in group.terms if group.pages or not mentions(topic, term)]
    return list(dict.fromkeys(found))


def index_site(site_dir: Path) -> list[Problem]:
    """Run Pagefind over the built site; its bundle goes to site/pagefind/."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind", "--silent"]
    for selector in EXCLUDE:
        command += ["--exclude-selectors", selector]
    result = subprocess.run(command, capture_output=True, text=True)
    bundle = site_dir / "pagefind"
    if result.returncode != 0 or not (bundle / "pagefind.js").is_file():
        return [Problem("site/pagefind/", 0, f"Pagefind could not index the site: {(result.stderr or result.stdout).strip()[:500]}",
                        "run `make build` again; if it persists, reinstall the pinned pagefind[bin] (make lock, then make build)")]
    # Pagefind writes its language list in hash-map order; sort it so builds are reproducible.
    entry = bundle / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True, separators=(",", ":")),
                     encoding="utf-8")
    # The handbook has its own search interface: Pagefind's ready-made ones are not shipped.
    for unused in [*bundle.glob("pagefind-*ui.*"), bundle / "pagefind-highlight.js"]:
        unused.unlink(missing_ok=True)
    return []
