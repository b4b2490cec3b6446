"""Own words: no page may share a run of 12 or more consecutive words with a source document.

Quoted law text in blockquotes is the one exception. The source documents are not part
of the repository; they are read from HANDBOOK_SOURCES_DIR or ../shared/sources/.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from .problems import Problem
from .project import DocPage, Project

RUN = 12
WORD = re.compile(r"[0-9a-zæøåéèüöäA-ZÆØÅ§-]+", re.IGNORECASE)


def words(text: str) -> list[str]:
    text = text.replace("\u00ad", "").replace("\u2010", "-")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # words split across lines in extracted PDFs
    return [w.lower() for w in WORD.findall(text)]


def sources_dir(project: Project) -> Path | None:
    configured = os.environ.get("HANDBOOK_SOURCES_DIR")
    folder = Path(configured) if configured else project.root.parent / "shared" / "sources"
    return folder if folder.is_dir() and any(folder.glob("*.txt")) else None


@lru_cache(maxsize=4)
def _shingles(folder: str) -> dict[str, str]:
    known: dict[str, str] = {}
    for src in sorted(Path(folder).glob("*.txt")):
        ws = words(src.read_text(encoding="utf-8", errors="replace"))
        for i in range(len(ws) - RUN + 1):
            known.setdefault(" ".join(ws[i:i + RUN]), src.name)
    return known


def check_page(page: DocPage, folder: Path) -> list[Problem]:
    known = _shingles(str(folder))
    problems = []
    for line_no, line in page.texts():
        if line.lstrip().startswith(">"):
            continue  # quoted law text
        ws = words(line)
        for i in range(len(ws) - RUN + 1):
            shingle = " ".join(ws[i:i + RUN])
            if shingle in known:
                problems.append(Problem(page.label, line_no,
                                        f"«{shingle} …» also stands in the source {known[shingle]}",
                                        "rewrite it in your own words and cite the source"))
                break
    return problems


def check_project(project: Project) -> tuple[list[Problem], Path | None]:
    folder = sources_dir(project)
    if folder is None:
        return [], None
    problems = []
    for page in project.all_pages():
        problems += check_page(page, folder)
    return problems, folder
