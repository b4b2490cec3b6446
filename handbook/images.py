"""Text alternatives for figures: every SVG file in docs/ has a ``<title>`` and a ``<desc>``
(read by screen readers when the SVG is shown inline, and a description for anyone who
cannot see it). Images in pages (alt text, a file that exists) are checked where they
stand, by the Markdown extension (handbook.markdown_ext)."""

from __future__ import annotations

from lxml import etree

from .problems import Problem
from .project import Project

SVG = "{http://www.w3.org/2000/svg}"


def check_project(project: Project) -> list[Problem]:
    problems = []
    for svg in sorted(project.docs_dir.rglob("*.svg")):
        label = project.label(svg)
        try:
            root = etree.parse(str(svg), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        except etree.XMLSyntaxError as err:
            problems.append(Problem(label, err.lineno or 1, f"the SVG cannot be read: {err.msg}", "fix the XML"))
            continue
        for tag, fix in (
            ("title", "add <title>…</title> as the first child of <svg>"),
            ("desc", "add <desc>…</desc>: what the figure shows, for those who cannot see it"),
        ):
            element = root.find(SVG + tag)
            if element is None or not "".join(element.itertext()).strip():
                problems.append(Problem(label, 1, f"the SVG has no <{tag}>", fix))
    return problems
