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


def runs(words: list[str]):
    """Every run of RUN consecutive words, as tuples (made in C by zip: fast on long texts)."""
    return zip(*(words[k:] for k in range(RUN)))


def shingles(folder: Path) -> dict[tuple, str]:
    """Every run of RUN words in the source documents -> the document it stands in."""
    known: dict[tuple, str] = {}
    for src in sorted(Path(folder).glob("*.txt")):
        for run in runs(normalise(src.read_text(encoding="utf-8", errors="replace"))):
            known.setdefault(run, src.name)
    return known


def documents_digest(folder: Path) -> str:
    """A hash of the source documents (names and bytes)."""
    import hashlib

    digest = hashlib.sha256()
    for src in sorted(Path(folder).glob("*.txt")):
        digest.update(src.name.encode() + src.read_bytes())
    return digest.hexdigest()


def cached_shingles(folder: Path, cache_dir: Path, digest: str | None = None) -> dict[str, str]:
    """The runs of the source documents, kept in .cache/ under a hash of the documents."""
    import pickle

    digest = digest or documents_digest(folder)
    cache_file = cache_dir / "originality" / f"{digest[:20]}-v2.pickle"
    if cache_file.is_file():
        return pickle.loads(cache_file.read_bytes())
    known = shingles(folder)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_bytes(pickle.dumps(known))
    return known


def page_words(page: DocPage) -> list[tuple[int, str]]:
    """(line, word) of the page's own prose, across line breaks; quoted law text left out."""
    out = []
    for line in reader_lines(page):
        if line.text.lstrip().startswith(">"):
            continue
        out += [(line.number, match.group(0).casefold()) for match in WORD.finditer(line.text)]
    return out


def check_page(page: DocPage, known: dict[tuple, str], titles: list[list[str]] = ()) -> list[Problem]:
    ws = page_words(page)
    words = [w for _, w in ws]
    # a work's title, named in full, is not copied text: it breaks a run
    named = [False] * len(ws)
    by_first: dict[str, list[list[str]]] = {}
    for title in titles:
        by_first.setdefault(title[0], []).append(title)
    for start, word in enumerate(words):
        for title in by_first.get(word, ()):
            if words[start : start + len(title)] == title:
                named[start : start + len(title)] = [True] * len(title)
    hits = [i for i, run in enumerate(runs(words)) if run in known and not any(named[i : i + RUN])]
    problems, covered = [], -1
    for i in hits:
        if i <= covered:
            continue  # one message per copied passage
        problems.append(
            Problem(
                page.label,
                ws[i][0],
                f"«{' '.join(words[i : i + RUN])} …» also stands in the source {known[tuple(words[i : i + RUN])]}",
                "rewrite it in your own words and cite the source",
            )
        )
        covered = i
        while covered + 1 in set(hits):
            covered += 1
        covered += RUN - 1
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
    from .memo import page_memo, session_memo

    digest = project.memo(f"shingles-digest:{folder}", lambda: documents_digest(folder))
    known = session_memo(("shingles", digest), lambda: cached_shingles(folder, project.cache_dir, digest))
    named = titles(project)
    key = (digest, tuple(tuple(title) for title in named))
    problems = []
    for page in project.all_pages():
        problems += page_memo("own words", page, lambda page=page: check_page(page, known, named), key)
    return problems, folder
