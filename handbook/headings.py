"""Headings: every section heading has an explicit, stable id, and translations keep the
Norwegian ids, so links to a heading work in every language and never break when a
heading is reworded."""

from __future__ import annotations

import re

from .problems import Problem
from .project import DocPage, Project
from .text import blank_code_blocks

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
ID_ATTR = re.compile(r"#([^\s}]+)")
NEEDS_ID = (2, 3, 4)


def headings(page: DocPage) -> list[tuple[int, int, str, str | None]]:
    """(line, level, text, explicit id or None) for each ATX heading outside code."""
    found = []
    for offset, text in enumerate(blank_code_blocks(page.body).split("\n")):
        line = page.body_line + offset
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
            problems.append(
                Problem(
                    page.label,
                    line,
                    f"the heading «{text}» has no fixed id",
                    "end the heading with an id that never changes, e.g. {#hvorfor-hjemmebesok}",
                )
            )
        if anchor is not None:
            if anchor in seen:
                problems.append(
                    Problem(
                        page.label, line, f"the id #{anchor} is also used on line {seen[anchor]}", "give each heading its own id"
                    )
                )
            seen[anchor] = line
    return problems


def check_project(project: Project) -> list[Problem]:
    """Fixed, unique ids on every page. (A translation that lacks a new Norwegian section is
    outdated, not broken: handbook.translations shows it; a link to a missing id is an error
    of the link check.)"""
    problems = []
    for page in project.all_pages():
        problems += check_page(page)
    return problems
