"""Text alternatives: every image in a page and every SVG file has one.

* Markdown images need alt text: ``![Relasjonssirkelen med tre soner](bilder/x.svg)``;
* HTML ``<img>`` needs an ``alt`` attribute (``alt=""`` only for pure decoration);
* SVG files in docs/ need a ``<title>`` and a ``<desc>`` (read by screen readers when the
  SVG is shown inline, and a description for anyone who cannot see it).
"""

from __future__ import annotations

import re

from .problems import Problem
from .project import Project

MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)


def check_project(project: Project) -> list[Problem]:
    problems = []
    for page in project.all_pages():
        for line, text in page.texts():
            for match in MD_IMAGE.finditer(text):
                if not match.group("alt").strip():
                    problems.append(Problem(page.label, line, f"the image {match.group('src')} has no alt text",
                                            "describe what the image shows: ![Hva bildet viser](…)"))
            for tag in HTML_IMG.findall(text):
                if not re.search(r'\balt="', tag):
                    problems.append(Problem(page.label, line, "an <img> has no alt attribute",
                                            'add alt="…" (or alt="" if the image is pure decoration)'))
    for svg in sorted(project.docs_dir.rglob("*.svg")):
        text = svg.read_text(encoding="utf-8", errors="replace")
        label = project.label(svg)
        if not re.search(r"<title\b[^>]*>\s*\S", text):
            problems.append(Problem(label, 1, "the SVG has no <title>", "add <title>…</title> as the first child of <svg>"))
        if not re.search(r"<desc\b[^>]*>\s*\S", text):
            problems.append(Problem(label, 1, "the SVG has no <desc>", "add <desc>…</desc>: what the figure shows, for those who cannot see it"))
    return problems
