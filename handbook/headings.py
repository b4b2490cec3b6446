"""Headings: every section heading has an explicit, stable id, and translations keep the
Norwegian ids, so links to a heading work in every language and never break when a
heading is reworded."""

from __future__ import annotations

import re

from .markdown_text import prose_lines
from .problems import Problem
from .project import HOME, DocPage, Project

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
ID_ATTR = re.compile(r"#([^\s}]+)")
NEEDS_ID = (2, 3, 4)


def headings(page: DocPage) -> list[tuple[int, int, str, str | None]]:
    """(line, level, text, explicit id or None) for each ATX heading outside code."""
    found = []
    for line, text in prose_lines(page.body, page.body_line):
        match = HEADING.match(text)
        if not match:
            continue
        attrs = match.group("attrs") or ""
        explicit = ID_ATTR.search(attrs)
        found.append((line, len(match.group("hashes")), match.group("text"), explicit.group(1) if explicit else None))
    return found


def check_page(page: DocPage) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for line, level, text, anchor in headings(page):
        if level in NEEDS_ID and anchor is None:
            problems.append(Problem(page.label, line, f"the heading «{text}» has no fixed id",
                                    "end the heading with an id that never changes, e.g. {#hvorfor-hjemmebesok}"))
        if anchor is not None:
            if anchor in seen:
                problems.append(Problem(page.label, line, f"the id #{anchor} is also used on line {seen[anchor]}", "give each heading its own id"))
            seen[anchor] = line
    return problems


def check_translation(page: DocPage, source: DocPage) -> list[Problem]:
    ids = {a for _, level, _, a in headings(page) if a and level in NEEDS_ID}
    source_ids = {a for _, level, _, a in headings(source) if a and level in NEEDS_ID}
    problems = []
    for missing in sorted(source_ids - ids):
        problems.append(Problem(page.label, 1, f"the Norwegian page has a heading #{missing} that this translation lacks",
                                f"translate that section and keep its id: {{#{missing}}}"))
    lines = {a: line for line, _, _, a in headings(page) if a}
    for extra in sorted(ids - source_ids):
        problems.append(Problem(page.label, lines.get(extra, 1), f"the heading id #{extra} does not exist on the Norwegian page",
                                "use the id of the matching Norwegian heading"))
    return problems


def check_project(project: Project) -> list[Problem]:
    problems = []
    source = project.pages[project.source_language.code]
    for page in project.all_pages():
        problems += check_page(page)
        # A parent language's home page is its own landing page, not a translation of
        # the teachers' home page, so its headings are its own.
        if page.lang != project.source_language.code and page.uri in source and page.uri != HOME:
            problems += check_translation(page, source[page.uri])
    return problems
