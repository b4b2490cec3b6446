"""Readability of the parent pages: LIX (Björnsson's läsbarhetsindex), the measure
Norwegian and Swedish plain-language work uses. LIX = words per sentence + the share of
long words (more than six letters) in per cent. Below 30 is easy; 40 is ordinary
newspaper prose. The Norwegian parent pages must stay at 40 or below.

What counts as a sentence: text up to . ! ? or :, and each list item and heading-free
paragraph on its own (a list item without a full stop is still a sentence to a reader).
Headings, code, link targets, references and HTML are left out.
"""

from __future__ import annotations

import re

from .problems import Problem
from .project import PARENT_SECTION, DocPage, Project
from .text import WORD, reader_lines

LIMIT = 40


def units(page: DocPage) -> list[str]:
    """Paragraphs and list items of the page's prose (headings and admonition titles left out)."""
    blocks, current = [], []
    for line in reader_lines(page):
        stripped = line.text.strip()
        # headings, tables and admonition titles (left as "Tittel" by the text model) are not prose
        if not stripped or stripped.startswith(("#", "|")) or re.fullmatch(r'"[^"]*"', stripped):
            if current:
                blocks.append(" ".join(current))
                current = []
            continue
        if re.match(r"^([-*+]|\d+\.)\s+", stripped):
            if current:
                blocks.append(" ".join(current))
            current = [re.sub(r"^([-*+]|\d+\.)\s+", "", stripped)]
            continue
        current.append(stripped.lstrip("> "))
    if current:
        blocks.append(" ".join(current))
    return blocks


def lix(page: DocPage) -> tuple[float, int, int, int]:
    """(LIX, words, sentences, long words)."""
    from .memo import page_memo

    return page_memo("lix", page, lambda: lix_of(units(page)))


def lix_of(blocks: list[str]) -> tuple[float, int, int, int]:
    """(LIX, words, sentences, long words) of paragraphs and list items (also used for letters)."""
    words = sentences = long_words = 0
    for block in blocks:
        for sentence in re.split(r"[.!?:]+(?:\s|$)", block):
            found = WORD.findall(sentence)  # the text model's words
            if not found:
                continue
            sentences += 1
            words += len(found)
            long_words += sum(len(w.replace("-", "")) > 6 for w in found)
    if not words:
        return 0.0, 0, 0, 0
    return words / sentences + 100 * long_words / words, words, sentences, long_words


def parent_pages(project: Project) -> list[DocPage]:
    source = project.pages[project.source_language.code]
    return [page for uri, page in sorted(source.items()) if uri.startswith(PARENT_SECTION)]


def check_project(project: Project) -> list[Problem]:
    problems = []
    for page in parent_pages(project):
        value, words, _, _ = lix(page)
        if words >= 30 and value > LIMIT:
            problems.append(
                Problem(
                    page.label,
                    1,
                    f"LIX {value:.0f} is above {LIMIT}: too hard for a parent page",
                    "use shorter sentences and shorter, everyday words",
                )
            )
    return problems


def report(project: Project) -> list[tuple[str, float, int]]:
    return [(page.label, lix(page)[0], lix(page)[1]) for page in parent_pages(project)]
