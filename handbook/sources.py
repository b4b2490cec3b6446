"""Sources: the registry in data/sources.yml, citations in pages, and the «Kilder» page.

A page lists its sources in front matter and cites them at the claim::

    Hjemmebesøk kan senke terskelen for foreldre som gruer seg til skolen
    [@ta-grep, «Hjemmebesøk», L449–460].

``[@id, locator, …; @id2, …]`` renders as a short citation that links to the source's
entry on the «Kilder» page (handbook.markdown_ext). A locator of the form ``L449–460``
is a line reference to the project's text edition of the five source documents; it is
kept for reviewers in the link's tooltip rather than shown.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from functools import cached_property

from .law import plain
from .markdown_ext import Cite
from .problems import Problem
from .project import DocPage, Project
from .yamldata import Record, records_by_id

# Pages in these sections give advice or report research, so they must show sources.
SECTIONS_NEEDING_SOURCES = ("veiledning/", "skoleledelse/", "forskning/")
SOURCES_PAGE = "kilder.md"


class Source(Record):
    @property
    def short(self) -> str:
        return self.data["short"]


@dataclass
class SourceRegistry:
    sources: dict[str, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, project: Project) -> SourceRegistry:
        located, problems, label = project.read_data("sources")
        registry = cls(problems=problems)
        if located is None:
            return registry
        registry.sources, duplicates = records_by_id(located, "sources", label, "source", Source)
        registry.problems += duplicates
        for source in registry.sources.values():
            for other in source.data.get("cited_via", []):
                if other not in registry.sources:
                    registry.problems.append(
                        Problem(
                            label,
                            source.line,
                            f"'{source.id}' is cited via '{other}', which is not in the registry",
                            "use the id of a source listed in this file",
                        )
                    )
        return registry

    def get(self, source_id: str) -> Source | None:
        return self.sources.get(source_id)


def registry(project: Project) -> SourceRegistry:
    return project.memo("sources", lambda: SourceRegistry.load(project))


def check_page(page: DocPage, sources: SourceRegistry, cites: list[Cite]) -> list[Problem]:
    """What only the whole page can tell: every listed source is cited, and guidance and
    research pages show their sources. (Each citation is checked where it stands, by
    the Markdown extension.)"""
    problems = []
    declared = page.meta.get("sources", [])
    declared_line = page.meta["_lines"].get(("sources",), 1)
    cited_ids = {cite.source_id for cite in cites}
    for index, source_id in enumerate(declared):
        line = page.meta["_lines"].get(("sources", index), declared_line)
        if source_id not in sources.sources:
            problems.append(
                Problem(
                    page.label,
                    line,
                    f"unknown source id '{source_id}' in front matter",
                    "use an id from data/sources.yml, or add the source there",
                )
            )
        elif source_id not in cited_ids:
            problems.append(
                Problem(
                    page.label,
                    line,
                    f"the page lists '{source_id}' under 'sources:' but never cites it",
                    f"cite it at the claim it supports with [@{source_id}, locator], or remove it from 'sources:'",
                )
            )
    if page.uri.startswith(SECTIONS_NEEDING_SOURCES) and not declared:
        problems.append(
            Problem(
                page.label,
                1,
                "a guidance or research page must show its sources",
                "add 'sources: [id, …]' to the front matter and cite them in the text as [@id, locator]",
            )
        )
    return problems


def reference(source: Source) -> str:
    """A full reference in Norwegian library style, as Markdown."""
    d = source.data
    parts = []
    authors = d.get("authors") or []
    who = (
        ", ".join(authors[:-1]) + " og " + authors[-1]
        if len(authors) > 1
        else (authors[0] if authors else d.get("organisation", ""))
    )
    year = f"({d['year']})" if d.get("year") else "(u.å.)"
    title = d["title"] + (f": {d['subtitle']}" if d.get("subtitle") else "")
    parts.append(f"{who} {year}. *{title}*.")
    if d.get("journal"):
        parts.append(
            f"{d['journal']}"
            + (f", {d['volume']}" if d.get("volume") else "")
            + (f", s. {d['pages']}" if d.get("pages") else "")
            + "."
        )
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
            (
                "Lover, offentlige dokumenter og veiledere",
                lambda s: (
                    "document" not in s.data
                    and not s.data.get("cited_via")
                    or s.data.get("kind") in ("law", "bill", "public-report", "white-paper", "guidance")
                ),
            ),
            (
                "Verk vi kjenner gjennom kildene (sekundærkilder)",
                lambda s: (
                    "document" not in s.data
                    and s.data.get("cited_via")
                    and s.data.get("kind") not in ("law", "bill", "public-report", "white-paper", "guidance")
                ),
            ),
        ]
        sources = registry(self.project).sources
        for heading, belongs in groups:
            members = [s for s in sources.values() if belongs(s)]
            if not members:
                continue
            out.append(f"## {heading}\n")
            for source in members:
                d = source.data
                out.append(f"### {plain(d['short'])} {{#kilde-{source.id}}}\n")
                out.append(plain(reference(source)) + "\n")
                if d.get("summary"):
                    out.append(plain(d["summary"]) + "\n")
                if d.get("cited_via"):
                    via = ", ".join(f"[{sources[v].short}](#kilde-{v})" for v in d["cited_via"])
                    out.append(f"Håndboka kjenner dette verket gjennom: {via}.\n")
                for note in d.get("verify", []):
                    out.append(f'!!! warning "Ikke kontrollert"\n    {plain(note)}\n')
                if d.get("checked"):
                    out.append(f"*Kontrollert:* {plain(d['checked'])}\n")
                if d.get("read"):
                    out.append(f"*Lest:* {plain(d['read'])}\n")
                pages = sorted(self.citing_pages.get(source.id, []), key=lambda p: p.meta["title"])
                if pages:
                    links = ", ".join(
                        f"[{p.meta['title']}]({posixpath.relpath(p.uri, posixpath.dirname(from_uri) or '.')})" for p in pages
                    )
                    out.append(f"**Brukt på:** {links}\n")
        return "\n".join(out)
