"""Translations: status per page and language, drift from the Norwegian source, and the
term base check.

Every translated page records the Norwegian commit it was translated from
(``translation.source_commit``). A page is *outdated* when its Norwegian source has
changed since that commit (``git diff`` against the working tree), the same idea as
Kubernetes' lsync and OpenTelemetry's ``default_lang_commit``. Without git history the
state is *unknown*, never guessed.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .project import HOME, DocPage, Project, is_parent_uri

# States shown on the status page, in the order of the table legend.
UP_TO_DATE, OUTDATED, MISSING, UNKNOWN = "oppdatert", "utdatert", "mangler", "ukjent"
DRAFT, REVIEWED = "draft", "reviewed"


@dataclass(frozen=True)
class PageStatus:
    lang: str
    uri: str
    exists: bool
    review: str | None  # draft / reviewed (None when missing)
    drift: str  # oppdatert / utdatert / mangler / ukjent
    method: str | None = None
    reviewer: str | None = None
    source_commit: str | None = None

    @property
    def translated(self) -> bool:
        """A translation a reader can use: the file exists and its text has been translated."""
        return self.exists and self.method != "not-started"


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


@functools.lru_cache(maxsize=None)
def has_history(root: Path) -> bool:
    result = git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return result.returncode == 0


@functools.lru_cache(maxsize=4096)
def source_changed(root: Path, commit: str, path: str) -> bool | None:
    """Has the file changed since ``commit``? None when that cannot be told."""
    if not has_history(root):
        return None
    if git(root, "cat-file", "-e", f"{commit}^{{commit}}").returncode != 0:
        return None
    result = git(root, "diff", "--quiet", commit, "--", path)
    if result.returncode not in (0, 1):
        return None
    return result.returncode == 1


def last_commit(root: Path, path: str) -> str | None:
    """The newest commit that changed ``path`` (what a fresh translation is stamped with)."""
    result = git(root, "log", "-1", "--format=%H", "--", path)
    return result.stdout.strip() or None


def status_of(project: Project, lang: str, uri: str) -> PageStatus:
    page = project.pages.get(lang, {}).get(uri)
    if page is None:
        return PageStatus(lang, uri, False, None, MISSING)
    record = page.meta.get("translation", {})
    commit = record.get("source_commit")
    source_path = f"docs/{project.source_language.code}/{uri}"
    changed = source_changed(project.root, commit, source_path) if commit else None
    drift = UNKNOWN if changed is None else OUTDATED if changed else UP_TO_DATE
    method = record.get("method")
    if method == "not-started":
        drift = MISSING
    return PageStatus(lang, uri, True, record.get("status"), drift, method, record.get("reviewer"), commit)


def translatable_uris(project: Project) -> list[str]:
    """Pages every parent language translates: the parent section. (Each language's home
    page is its own landing page, not a translation, so it has no drift to track.)"""
    return sorted(uri for uri in project.pages[project.source_language.code] if is_parent_uri(uri) and uri != HOME)


def status_table(project: Project) -> dict[str, dict[str, PageStatus]]:
    """uri -> language -> status, for every translatable page and every translated page."""
    uris = set(translatable_uris(project))
    for lang in project.parent_languages:
        uris |= set(project.pages.get(lang.code, {})) - {HOME}
    return {uri: {lang.code: status_of(project, lang.code, uri) for lang in project.parent_languages}
            for uri in sorted(uris)}


def warn(message: str) -> None:
    """A warning that is printed, but does not stop a strict build."""
    print(f"WARNING -  handbook: {message}", file=sys.stderr)


# ---- term base -----------------------------------------------------------------------------------
def term_warnings(project: Project, page: DocPage) -> list[str]:
    return project.memo(f"term_warnings:{page.label}", lambda: _term_warnings(project, page))


def _term_warnings(project: Project, page: DocPage) -> list[str]:
    """Terms the Norwegian page uses whose agreed translation the translated page lacks.

    Inflection is allowed for: each word of the agreed term (four letters or more) must
    appear in the page with the same beginning (all but its last three letters), and
    Arabic's attached article and conjunctions are set aside.
    """
    from .glossary import glossary, uses_term

    source = project.pages[project.source_language.code].get(page.uri)
    if source is None or page.lang == project.source_language.code or page.uri == HOME:
        return []
    words = prefixes({stem_key(w) for w in TOKEN.findall(reader_text(page).casefold())})
    source_text = reader_text(source)
    missing = []
    for term in glossary(project).terms.values():
        translation = term.translation(page.lang)
        if not translation or not uses_term(source_text, term):
            continue
        wanted = translation["term"]
        # The agreed term may carry the Norwegian name in brackets: either part counts.
        variants = [re.sub(r"\s*\([^)]*\)", "", wanted)] + re.findall(r"\(([^)]+)\)", wanted)
        if not any(variant_used(v, words) for v in variants if v.strip()):
            missing.append(f"«{term.term}» → «{wanted}»")
    return missing


NOT_READ = re.compile(r"\]\([^)]*\)|\[§[^\]]*\]|\[@[^\]]*\]|<[^>]+>|\{[#.][^}]*\}")


def reader_text(page: DocPage) -> str:
    """The words a reader reads: no link targets, references, HTML tags or heading ids."""
    return NOT_READ.sub(" ", "\n".join(t for _, t in page.texts()))


TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")  # the article, alone or after a joined letter
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670]")  # short vowels and shadda, often written, often not


def stem_key(word: str) -> str:
    word = ARABIC_MARKS.sub("", word)
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and "\u0600" <= word[0] <= "\u06ff":
            word = word[len(prefix):]
            break
    return word


def prefixes(words: set[str]) -> set[str]:
    """Every word of a page and every beginning of it (three letters or more)."""
    return {word[:end] for word in words for end in range(3, len(word) + 1)} | words


def variant_used(variant: str, beginnings: set[str]) -> bool:
    needed = [stem_key(w) for w in TOKEN.findall(variant.casefold()) if len(w) >= 4]
    if not needed:
        return any(stem_key(w) in beginnings for w in TOKEN.findall(variant.casefold()))
    return all(w[: max(3, len(w) - 3)] in beginnings for w in needed)


# ---- editing translation records (scripts/translation.py, scripts/new_language.py) ------------
RECORD_KEYS = ("source_commit", "status", "method", "reviewer", "reviewed_on")


def render_record(record: dict) -> str:
    lines = ["translation:"]
    for key in RECORD_KEYS:
        if record.get(key):
            value = str(record[key]).strip('"')
            # quoted: a commit such as 1234567 would otherwise be read as a number
            lines.append(f'  {key}: "{value}"' if key in ("source_commit", "reviewer") else f"  {key}: {value}")
    return "\n".join(lines)


def update_record(path: Path, **changes) -> dict:
    """Rewrite the ``translation:`` block of a page's front matter; returns the new record."""

    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ValueError(f"{path}: no front matter")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    front = lines[1:end]
    start = next((i for i, line in enumerate(front) if line.startswith("translation:")), None)
    record: dict = {}
    if start is not None:
        stop = start + 1
        while stop < len(front) and (front[stop].startswith((" ", "\t")) or not front[stop].strip()):
            stop += 1
        record = (yaml.safe_load("\n".join(front[start:stop])) or {}).get("translation") or {}
        del front[start:stop]
    else:
        start = len(front)
    record = {**{k: str(v) for k, v in record.items()}, **{k: v for k, v in changes.items() if v is not None}}
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
    front[start:start] = render_record(record).split("\n")
    path.write_text("\n".join([lines[0], *front, *lines[end:]]), encoding="utf-8")
    return record
