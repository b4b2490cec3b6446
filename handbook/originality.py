"""Own words: no page may share a run of 12 or more consecutive words with a source document.

The page is read as one sequence of words (the text model's reader words), so a run
that a writer has wrapped over two lines is found as well. Quoted law text in
blockquotes is the one exception. The source documents are not part of the
repository; they are read from HANDBOOK_SOURCES_DIR or ../shared/sources/, and the
build runs this check whenever they are there.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .problems import Problem
from .project import DocPage, Project
from .text import WORD, reader_lines

RUN = 12


def normalise(text: str) -> list[str]:
    """Words of a source document (PDF text: soft hyphens and words split at line ends joined)."""
    text = text.replace("\u00ad", "").replace("\u2010", "-")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)
    return [w.casefold() for w in WORD.findall(text)]


def sources_dir(project: Project) -> Path | None:
    configured = os.environ.get("HANDBOOK_SOURCES_DIR")
    folder = Path(configured) if configured else project.root.parent / "shared" / "sources"
    return folder if folder.is_dir() and any(folder.glob("*.txt")) else None


def shingles(folder: Path) -> dict[str, str]:
    """Every run of RUN words in the source documents -> the document it stands in."""
    known: dict[str, str] = {}
    for src in sorted(Path(folder).glob("*.txt")):
        ws = normalise(src.read_text(encoding="utf-8", errors="replace"))
        for i in range(len(ws) - RUN + 1):
            known.setdefault(" ".join(ws[i:i + RUN]), src.name)
    return known


def page_words(page: DocPage) -> list[tuple[int, str]]:
    """(line, word) of the page's own prose, across line breaks; quoted law text left out."""
    out = []
    for line in reader_lines(page):
        if line.text.lstrip().startswith(">"):
            continue
        out += [(line.number, match.group(0).casefold()) for match in WORD.finditer(line.text)]
    return out


def check_page(page: DocPage, known: dict[str, str], titles: list[list[str]] = ()) -> list[Problem]:
    ws = page_words(page)
    words = [w for _, w in ws]
    # a work's title, named in full, is not copied text: it breaks a run
    named = [False] * len(ws)
    for title in titles:
        for start in range(len(words) - len(title) + 1):
            if words[start:start + len(title)] == title:
                named[start:start + len(title)] = [True] * len(title)
    problems, i = [], 0
    while i <= len(ws) - RUN:
        if any(named[i:i + RUN]):
            i += 1
            continue
        shingle = " ".join(words[i:i + RUN])
        if shingle in known:
            problems.append(Problem(page.label, ws[i][0], f"«{shingle} …» also stands in the source {known[shingle]}",
                                    "rewrite it in your own words and cite the source"))
            end = i + 1  # one message per copied passage: skip to where the copying stops
            while end <= len(ws) - RUN and " ".join(words[end:end + RUN]) in known:
                end += 1
            i = end + RUN - 1
        else:
            i += 1
    return problems


def titles(project: Project) -> list[list[str]]:
    """The titles (and subtitles) of cited works, as words: naming a work is not copying it."""
    from .sources import registry

    found = []
    for source in registry(project).sources.values():
        for text in (source.data.get("title"), source.data.get("subtitle")):
            words = normalise(text or "")
            if len(words) >= 4:
                found.append(words)
    return found


def check_project(project: Project) -> tuple[list[Problem], Path | None]:
    folder = sources_dir(project)
    if folder is None:
        return [], None
    known = project.memo(f"shingles:{folder}", lambda: shingles(folder))
    named = titles(project)
    problems = []
    for page in project.all_pages():
        problems += check_page(page, known, named)
    return problems, folder
