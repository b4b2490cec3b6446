"""Norwegian spelling: nb pages are checked with Debian's hunspell dictionary (hunspell-no)
against the project's word list, data/wordlist.txt (one word per line, sorted).

The `hunspell` command does the checking; which words are prose is decided by the
handbook's one text model (handbook.text).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

from .problems import Problem
from .project import DocPage, Project
from .text import reader_lines, words

DICTIONARY = "nb_NO"


def available() -> bool:
    return shutil.which("hunspell") is not None and any(
        (Path(d) / f"{DICTIONARY}.dic").is_file() for d in ("/usr/share/hunspell", "/usr/share/myspell/dicts")
    )


def wordlist_path(project: Project) -> Path:
    return project.data_dir / "wordlist.txt"


def prose_words(page: DocPage) -> list[tuple[int, str]]:
    """(line, word) to spell-check: the reader's words, hyphenated compounds part by part."""
    out = []
    for line, word in words(reader_lines(page, keep_other_languages=False)):
        for part in re.split(r"[-'’]", word):  # compounds with hyphens: check each part
            if len(part) > 1 and not part.isupper():  # acronyms (FAU, PPT) are skipped
                out.append((line, part))
    return out


def unknown_words(words: set[str], wordlist: Path, cache_dir: Path | None = None) -> set[str]:
    """The words hunspell does not know. Answers are kept in .cache/ under a hash of the
    dictionary and the word list, so only new words are looked up."""
    if not words:
        return set()
    cache_file, known = None, {}
    if cache_dir is not None:
        cache_file = cache_dir / "spelling" / f"{_dictionary_key(wordlist)}.json"
        if cache_file.is_file():
            known = json.loads(cache_file.read_text(encoding="utf-8"))
    new = sorted(words - set(known))
    if new:
        command = ["hunspell", "-d", DICTIONARY, "-l"]
        if wordlist.is_file():
            command += ["-p", str(wordlist)]
        result = subprocess.run(command, input="\n".join(new), capture_output=True, text=True, check=True)
        wrong = set(result.stdout.split())
        known.update({word: word not in wrong for word in new})
        if cache_file is not None:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            cache_file.write_text(json.dumps(known, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return {word for word in words if not known[word]}


def _dictionary_key(wordlist: Path) -> str:
    digest = hashlib.sha256()
    for path in [
        *(Path(d) / f"{DICTIONARY}.{ext}" for d in ("/usr/share/hunspell", "/usr/share/myspell/dicts") for ext in ("dic", "aff")),
        wordlist,
    ]:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def check_pages(
    project: Project, pages: list[DocPage], wordlist: Path | None = None, wordlist_label: str = "data/wordlist.txt"
) -> list[Problem]:
    from .memo import page_memo

    found = {page.label: page_memo("prose words", page, lambda page=page: prose_words(page)) for page in pages}
    all_words = {w for words in found.values() for _, w in words}
    unknown = unknown_words(all_words, wordlist or wordlist_path(project), project.cache_dir)
    problems = []
    for page in pages:
        reported = set()
        for line, word in found[page.label]:
            if word in unknown and (line, word) not in reported:
                reported.add((line, word))
                problems.append(
                    Problem(
                        page.label,
                        line,
                        f"unknown word «{word}»",
                        f"correct the spelling, or add the word to {wordlist_label} if it is right",
                    )
                )
    return problems


def check_project(project: Project) -> list[Problem]:
    pages = list(project.pages[project.source_language.code].values())
    problems = check_pages(project, [page for page in pages if not page.local])
    local_pages = [page for page in pages if page.local]
    if local_pages:  # a local edition's pages: the handbook's word list and the edition's own (handbook.local)
        problems += check_pages(project, local_pages, *local_wordlist(project))
    return problems


def local_wordlist(project: Project) -> tuple[Path, str]:
    """The handbook's word list with a local edition's wordlist.txt added (names of places, services)."""
    from .local import WORDLIST

    own = project.local_dir / WORDLIST
    words = wordlist_path(project).read_text(encoding="utf-8").split("\n") if wordlist_path(project).is_file() else []
    if own.is_file():
        words += own.read_text(encoding="utf-8").split("\n")
    text = "\n".join(sorted({w.strip() for w in words if w.strip()})) + "\n"
    combined = project.cache_dir / "spelling" / f"wordlist-{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
    if not combined.is_file():
        combined.parent.mkdir(parents=True, exist_ok=True)
        combined.write_text(text, encoding="utf-8")
    return combined, project.label(own)


def missing_dictionary_problem() -> Problem:
    return Problem(
        "data/wordlist.txt",
        0,
        "Norwegian spelling cannot be checked: the hunspell command or the nb_NO dictionary is missing",
        "run `make system-deps` (Debian packages hunspell and hunspell-no)",
    )
