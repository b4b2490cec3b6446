"""Sources: the registry in data/sources.yml, citations in pages, and the «Kilder» page.

A page lists its sources in front matter and cites them at the claim::

    Hjemmebesøk kan senke terskelen for foreldre som gruer seg til skolen
    [@ta-grep, «Hjemmebesøk», L449–460].

``[@id, locator, …; @id2, …]`` renders as a short citation that links to the source's
entry on the «Kilder» page. A locator of the form ``L449–460`` is a line reference to
the project's text edition of the five source documents; it is kept for reviewers in
the link's tooltip rather than shown.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property

from .markdown_text import map_prose
from .problems import Problem
from .project import DocPage, Project
from .yamldata import Record, records_by_id

CITATION = re.compile(r"\[(?P<body>@[^\]\n]+)\]")
LINE_LOCATOR = re.compile(r"^L\d+(?:[–-]\d+)?$")
# Pages in these sections give advice or report research, so they must show sources.
SECTIONS_NEEDING_SOURCES = ("veiledning/", "skoleledelse/", "forskning/")
SOURCES_PAGE = "kilder.md"


@dataclass(frozen=True)
class Cite:
    source_id: str
    locator: str  # shown
    lines: str  # line reference for reviewers, e.g. "L449–460" ("" if none)


def parse_citation(body: str) -> list[Cite]:
    """'@a, «X», L1–2; @b' -> [Cite(a, «X», L1–2), Cite(b, '', '')]; ValueError if malformed."""
    cites = []
    for part in body.split(";"):
        part = part.strip()
        if not part.startswith("@"):
            raise ValueError(f"each citation starts with @ and a source id, not '{part[:20]}'")
        pieces = [p.strip() for p in part[1:].split(",")]
        source_id = pieces[0]
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id):
            raise ValueError(f"'{source_id}' is not a source id (lower-case letters, digits and hyphens)")
        locators = [p for p in pieces[1:] if p and not LINE_LOCATOR.match(p)]
        lines = [p for p in pieces[1:] if LINE_LOCATOR.match(p)]
        cites.append(Cite(source_id, ", ".join(locators), ", ".join(lines)))
    return cites


class Source(Record):
    @property
    def short(self) -> str:
        return self.data["short"]


@dataclass
class SourceRegistry:
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, project: Project) -> "SourceRegistry":
        located, problems, label = project.read_data("sources")
        registry = cls(problems=problems)
        if located is None:
            return registry
        registry.sources, duplicates = records_by_id(located, "sources", label, "source", Source)
        registry.problems += duplicates
        for source in registry.sources.values():
            for other in source.data.get("cited_via", []):
                if other not in registry.sources:
                    registry.problems.append(Problem(label, source.line, f"'{source.id}' is cited via '{other}', which is not in the registry",
                                                     "use the id of a source listed in this file"))
        return registry


def registry(project: Project) -> SourceRegistry:
    return project.memo("sources", lambda: SourceRegistry.load(project))


def citations_in(page: DocPage) -> tuple[list[tuple[int, Cite]], list[Problem]]:
    found, problems = [], []
    for line, text in page.texts():
        for match in CITATION.finditer(text):
            try:
                found += [(line, cite) for cite in parse_citation(match.group("body"))]
            except ValueError as err:
                problems.append(Problem(page.label, line, f"the citation [{match.group('body')}] cannot be read: {err}",
                                        "write [@source-id, locator] and separate several with ';'"))
    return found, problems


def check_page(page: DocPage, sources: SourceRegistry) -> list[Problem]:
    cites, problems = citations_in(page)
    declared = page.meta.get("sources", [])
    declared_line = page.meta["_lines"].get(("sources",), 1)
    for index, source_id in enumerate(declared):
        if source_id not in sources.sources:
            problems.append(Problem(page.label, page.meta["_lines"].get(("sources", index), declared_line),
                                    f"unknown source id '{source_id}' in front matter", "use an id from data/sources.yml, or add the source there"))
    cited_ids = {cite.source_id for _, cite in cites}
    for line, cite in cites:
        if cite.source_id not in sources.sources:
            problems.append(Problem(page.label, line, f"unknown source id '{cite.source_id}'",
                                    "use an id from data/sources.yml, or add the source there"))
        elif cite.source_id not in declared:
            problems.append(Problem(page.label, line, f"the page cites '{cite.source_id}' but does not list it under 'sources:'",
                                    f"add {cite.source_id} to 'sources:' in the front matter"))
    for index, source_id in enumerate(declared):
        if source_id in sources.sources and source_id not in cited_ids:
            problems.append(Problem(page.label, page.meta["_lines"].get(("sources", index), declared_line),
                                    f"the page lists '{source_id}' under 'sources:' but never cites it",
                                    f"cite it at the claim it supports with [@{source_id}, locator], or remove it from 'sources:'"))
    if page.uri.startswith(SECTIONS_NEEDING_SOURCES) and not declared:
        problems.append(Problem(page.label, 1, "a guidance or research page must show its sources",
                                "add 'sources: [id, …]' to the front matter and cite them in the text as [@id, locator]"))
    return problems


def check_project(project: Project) -> list[Problem]:
    sources = registry(project)
    problems = list(sources.problems)
    if sources.problems:
        return problems
    for page in project.all_pages():
        problems += check_page(page, sources)
    return problems


# ---- rendering ----------------------------------------------------------------------------
def render_citations(markdown: str, sources: SourceRegistry, sources_page_href: str) -> str:
    """Replace [@id, …] with linked short citations (the checks ran before, so ids are known)."""

    def one(cite: Cite) -> str:
        source = sources.sources[cite.source_id]
        title = source.data["title"]
        tip = title + (f" — tekstutgaven {cite.lines.replace('L', 'linje ')}" if cite.lines else "")
        text = html.escape(source.short) + (f", {html.escape(cite.locator)}" if cite.locator else "")
        return (f'<a class="hb-cite" href="{sources_page_href}#kilde-{cite.source_id}" '
                f'title="{html.escape(tip, quote=True)}">{text}</a>')

    def replace(match: re.Match) -> str:
        try:
            cites = parse_citation(match.group("body"))
        except ValueError:
            return match.group(0)
        return '<span class="hb-citation">(' + "; ".join(one(c) for c in cites) + ")</span>"

    return map_prose(markdown, lambda text: CITATION.sub(replace, text))


def reference(source: Source) -> str:
    """A full reference in Norwegian library style, as Markdown."""
    d = source.data
    parts = []
    authors = d.get("authors") or []
    who = ", ".join(authors[:-1]) + " og " + authors[-1] if len(authors) > 1 else (authors[0] if authors else d.get("organisation", ""))
    year = f"({d['year']})" if d.get("year") else "(u.å.)"
    title = d["title"] + (f": {d['subtitle']}" if d.get("subtitle") else "")
    parts.append(f"{who} {year}. *{title}*.")
    if d.get("journal"):
        parts.append(f"{d['journal']}" + (f", {d['volume']}" if d.get("volume") else "") + (f", s. {d['pages']}" if d.get("pages") else "") + ".")
    if d.get("series"):
        parts.append(f"{d['series']}.")
    if d.get("organisation") and authors:
        parts.append(f"{d['organisation']}.")
    for key, label in (("isbn", "ISBN"), ("issn", "ISSN")):
        if d.get(key):
            parts.append(f"{label} {d[key]}.")
    if d.get("url"):
        parts.append(f"<{d['url']}>")
    return " ".join(parts)


@dataclass
class SourcesPage:
    """Markdown for the «Kilder» page: every source, and the pages that cite it."""

    project: Project

    @cached_property
    def citing_pages(self) -> dict[str, list[DocPage]]:
        citing: dict[str, list[DocPage]] = {}
        for page in self.project.pages[self.project.source_language.code].values():
            for source_id in page.meta.get("sources", []):
                citing.setdefault(source_id, []).append(page)
        return citing

    def markdown(self, from_uri: str) -> str:

        out = []
        groups = [
            ("De fem kildedokumentene", lambda s: "document" in s.data),
            ("Lover, offentlige dokumenter og veiledere", lambda s: "document" not in s.data and not s.data.get("cited_via")
             or s.data.get("kind") in ("law", "bill", "public-report", "white-paper", "guidance")),
            ("Verk vi kjenner gjennom kildene (sekundærkilder)", lambda s: "document" not in s.data and s.data.get("cited_via")
             and s.data.get("kind") not in ("law", "bill", "public-report", "white-paper", "guidance")),
        ]
        sources = registry(self.project).sources
        for heading, belongs in groups:
            members = [s for s in sources.values() if belongs(s)]
            if not members:
                continue
            out.append(f"## {heading}\n")
            for source in members:
                d = source.data
                out.append(f"### {d['short']} {{#kilde-{source.id}}}\n")
                out.append(reference(source) + "\n")
                if d.get("summary"):
                    out.append(d["summary"] + "\n")
                if d.get("cited_via"):
                    via = ", ".join(f"[{sources[v].short}](#kilde-{v})" for v in d["cited_via"])
                    out.append(f"Håndboka kjenner dette verket gjennom: {via}.\n")
                for note in d.get("verify", []):
                    out.append(f'!!! warning "Ikke kontrollert"\n    {note}\n')
                if d.get("checked"):
                    out.append(f"*Kontrollert:* {d['checked']}\n")
                pages = sorted(self.citing_pages.get(source.id, []), key=lambda p: p.meta["title"])
                if pages:
                    links = ", ".join(f"[{p.meta['title']}]({posixpath.relpath(p.uri, posixpath.dirname(from_uri) or '.')})" for p in pages)
                    out.append(f"**Brukt på:** {links}\n")
        return "\n".join(out)
