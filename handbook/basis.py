"""Basis labels: what each section of advice rests on.

On guidance pages every ``##`` section says what its advice rests on, next to its id::

    ## Før møtet {#for-motet basis="praksis forslag"}

and every checklist section has ``basis: [praksis, forslag]`` in the front matter. The
kinds are in data/basis.yml. A label must be true both ways: each kind with evidence
(law, research, guidance, practice) needs a citation or law reference of that kind in
the section, and each kind the section cites must be in its label. «Håndbokas forslag»
(the handbook's own suggestion) needs nothing.

The labels are read and shown by a tree processor of the handbook's Markdown extension,
after the table of contents is made (so the label is not part of the heading's name in
the contents or in search).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .problems import Problem
from .project import Project

EXPLANATION_PAGE = "om/grunnlag.md"
LEAD = "Bygger på:"
GUIDANCE_SECTIONS = ("veiledning/", "skoleledelse/", "sjekklister/")
GUIDANCE_PAGES = ("for-samtalen.md",)
NOT_GUIDANCE = ("sjekklister/index.md", "veiledning/index.md", "skoleledelse/index.md")  # overviews: lists of pages


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    evidence: str | None  # 'lov' or a source basis; None for the handbook's own suggestion
    description: str


def load(project: Project) -> tuple[dict[str, Kind], list[Problem]]:
    located, problems, _ = project.read_data("basis")
    if located is None:
        return {}, problems
    return {k["id"]: Kind(k["id"], k["label"], k.get("evidence"), k["description"]) for k in located.data["kinds"]}, problems


def kinds(project: Project) -> dict[str, Kind]:
    return project.memo("basis", lambda: load(project)[0])


def check_data(project: Project) -> list[Problem]:
    return load(project)[1]


def needs_labels(uri: str) -> bool:
    return (uri.startswith(GUIDANCE_SECTIONS) or uri in GUIDANCE_PAGES) and uri not in NOT_GUIDANCE


def heading_text(heading: etree.Element) -> str:
    """A heading's words, without its permalink mark."""
    parts = [heading.text or ""]
    for child in heading:
        if "headerlink" not in (child.get("class") or ""):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts).strip()


def evidence_in(element: etree.Element, sources: dict) -> set[str]:
    """The kinds of evidence an element cites: 'lov' for a law reference, a source's basis."""
    from .markdown_ext import RESOLVED

    found = set()
    for link in element.iter("a"):
        classes = (link.get("class") or "").split()
        if "hb-law" in classes:
            found.add("lov")
        elif "hb-cite" in classes:
            source_id = (link.get("href") or "").removeprefix(RESOLVED).partition("#kilde-")[2]
            source = sources.get(source_id)
            if source is not None:
                found.add(source.data["basis"])
    return found


@dataclass
class Section:
    heading: etree.Element
    label: list[str]
    evidence: set[str]


class BasisProcessor(Treeprocessor):
    """Reads ``basis`` on ``##`` headings, checks it against the section's citations, shows it."""

    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        context = self.extension.context
        if context is None:
            return
        from .sources import registry

        project = context.project
        known = kinds(project)
        sources = registry(project).sources
        sections: list[Section] = []
        parents = {child: parent for parent in root.iter() for child in parent}
        for element in root.iter():
            if element.tag in ("h3", "h4", "h5", "h6") and "basis" in element.attrib:
                element.attrib.pop("basis")
                if context.doc is not None and context.written_in == context.lang:
                    anchor = element.get("id")
                    context.found.problem(
                        f"{{#{anchor}" if anchor else heading_text(element),
                        f"a basis label on a ### heading («{heading_text(element)}»)",
                        "put it on the ## heading above: ### sections share their ## section's label",
                    )
            if element.tag == "h2":
                value = element.attrib.pop("basis", None)
                sections.append(Section(element, value.split() if value is not None else None, set()))
            elif sections and element.tag == "a":
                sections[-1].evidence |= evidence_in(element, sources)
        # labels are checked against the references once every reference can be read
        own = context.doc is not None and context.written_in == context.lang and not context.found.broken_references
        required = own and needs_labels(context.uri)
        for section in sections:
            if required or (own and section.label is not None):
                self._check(context, section, known)
            if section.label and context.lang == context.source_lang:  # the labels are Norwegian, like the page they explain
                self._show(context, section, known, parents)

    def _check(self, context, section: Section, known: dict[str, Kind]) -> None:
        heading = heading_text(section.heading)
        anchor = section.heading.get("id")
        snippet = f"{{#{anchor}" if anchor else heading
        if section.label is None:
            context.found.problem(
                snippet,
                f"the section «{heading}» does not say what its advice rests on",
                f'add basis="…" after the heading\'s id: {{#{anchor} basis="praksis"}} '
                f"(one or more of {', '.join(known)}; see data/basis.yml)",
            )
            return
        unknown = [value for value in section.label if value not in known]
        if unknown:
            context.found.problem(
                snippet, f"the section «{heading}» has an unknown basis: {', '.join(unknown)}", f"use {', '.join(known)}"
            )
            return
        for value in section.label:
            evidence = known[value].evidence
            if evidence and evidence not in section.evidence:
                what = "law reference [§ …]" if evidence == "lov" else f"source with basis {evidence} (data/sources.yml)"
                context.found.problem(
                    snippet,
                    f"the section «{heading}» is labelled «{known[value].label}» but cites no {what}",
                    f"cite what the advice rests on in the section, or remove '{value}' from its label",
                )
        labelled = {known[value].evidence for value in section.label}
        for evidence in sorted(section.evidence - labelled):
            kind = next((k for k in known.values() if k.evidence == evidence), None)
            if kind is not None:
                what = "the law" if evidence == "lov" else f"a source with basis {evidence}"
                context.found.problem(
                    snippet,
                    f"the section «{heading}» cites {what} but its label does not say «{kind.label}»",
                    f"add '{kind.id}' to basis=\"…\"",
                )

    def _show(self, context, section: Section, known: dict[str, Kind], parents: dict) -> None:
        """A line under the heading (not inside it, so the heading's name stays its own in the
        contents, in search and for screen readers): «Bygger på: Lovkrav · Forskning»."""
        from .markdown_ext import RESOLVED, _url_of

        explained = EXPLANATION_PAGE in context.project.pages.get(context.source_lang, {})
        line = etree.Element("p", {"class": "hb-basis"})
        line.text = AtomicString(f"{LEAD} ")
        for value in (v for v in section.label if v in known):
            kind = known[value]
            attrs = {"class": f"hb-basis__label hb-basis--{kind.id}", "title": kind.description}
            if explained:
                attrs["href"] = f"{RESOLVED}{context.href(_url_of(EXPLANATION_PAGE))}#{kind.id}"
            tag = etree.SubElement(line, "a" if explained else "span", attrs)
            tag.text = AtomicString(kind.label)
            tag.tail = AtomicString(" ")
        parent = parents[section.heading]
        parent.insert(list(parent).index(section.heading) + 1, line)


def explanation_markdown(project: Project) -> str:
    """«Hva rådene bygger på»: every kind, as the labels show it."""
    out = []
    for kind in kinds(project).values():
        out.append(f"### {kind.label} {{#{kind.id}}}\n")
        out.append(f'<span class="hb-basis"><span class="hb-basis__label hb-basis--{kind.id}">{kind.label}</span></span>\n')
        out.append(kind.description + "\n")
    return "\n".join(out)
