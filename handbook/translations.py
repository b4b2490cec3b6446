"""Translations: status per page and language, drift from the Norwegian source, review
state, the translators' commands, and the term base check.

A translated page records a hash of the Norwegian text it was translated from
(``translation.source_hash``). It is *outdated* when the Norwegian page's text no
longer has that hash. This needs no git history, so a shallow clone, an exported tree
and a full clone all tell the same (the same idea as Kubernetes' l10n drift reports,
without depending on commits).

A translation is *reviewed* only while its text is the text that was reviewed
(``reviewed_hash``): any change after the review makes it a draft again, with the
draft notice, until a qualified translator has looked at it.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import frontmatter
from .project import HOME, DocPage, Project, is_parent_uri

# States shown on the status page, in the order of the table legend.
UP_TO_DATE, OUTDATED, MISSING = "oppdatert", "utdatert", "mangler"
DRAFT, REVIEWED = "draft", "reviewed"
HASH_LENGTH = 16


# ---- what a text is -----------------------------------------------------------------------
YAML_SUFFIXES = (".yml", ".yaml")


def text_hash(path: Path) -> str:
    """A hash of what a reader reads in a page file: the front matter (without the
    translation record) and the body, with line endings and trailing spaces normalised.
    A data file (a letter template, data/letters/<id>/<lang>.yml) is hashed whole, without
    its translation record."""
    text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
    parts = None if Path(path).suffix in YAML_SUFFIXES else frontmatter.split(text)
    if Path(path).suffix in YAML_SUFFIXES:
        text = strip_record(text)
    elif parts is not None:
        meta, body, _ = parts
        meta = strip_record(meta)
        text = meta + "\n---\n" + body
    normalised = "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def strip_record(meta: str) -> str:
    """Front matter without its ``translation:`` block."""
    lines = meta.split("\n")
    out, skipping = [], False
    for line in lines:
        if line.startswith("translation:"):
            skipping = True
            continue
        if skipping and (line.startswith((" ", "\t")) or not line.strip()):
            continue
        skipping = False
        out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class PageStatus:
    lang: str
    uri: str
    exists: bool
    review: str | None  # draft / reviewed (None when missing); reviewed only if unchanged since
    drift: str  # oppdatert / utdatert / mangler
    method: str | None = None
    reviewer: str | None = None
    changed_since_review: bool = False

    @property
    def translated(self) -> bool:
        """A translation a reader can use: the file exists and its text has been translated."""
        return self.exists and self.method != "not-started"


def source_path(project: Project, uri: str) -> Path:
    page = project.pages.get(project.source_language.code, {}).get(uri)
    if page is not None and page.local:
        return page.path  # a local edition's Norwegian page (handbook.local)
    return project.docs_dir / project.source_language.code / uri


def status_of(project: Project, lang: str, uri: str) -> PageStatus:
    return project.memo(f"translation-status:{lang}/{uri}", lambda: _status_of(project, lang, uri))


def _status_of(project: Project, lang: str, uri: str) -> PageStatus:
    page = project.pages.get(lang, {}).get(uri)
    if page is None:
        return PageStatus(lang, uri, False, None, MISSING)
    record = page.meta.get("translation", {})
    method = record.get("method")
    source = source_path(project, uri)
    if method == "not-started" or not source.is_file():
        drift = MISSING
    else:
        drift = UP_TO_DATE if record.get("source_hash") == text_hash(source) else OUTDATED
    review = record.get("status")
    changed = False
    if review == REVIEWED and record.get("reviewed_hash") != text_hash(page.path):
        review, changed = DRAFT, True
    return PageStatus(lang, uri, True, review, drift, method, record.get("reviewer"), changed)


def translatable_uris(project: Project) -> list[str]:
    """Pages every parent language translates: the parent section. (Each language's home
    page is its own landing page, not a translation, so it has no drift to track.)"""
    return sorted(uri for uri in project.pages[project.source_language.code] if is_parent_uri(uri) and uri != HOME)


def status_table(project: Project) -> dict[str, dict[str, PageStatus]]:
    """uri -> language -> status, for every translatable page and every translated page."""
    uris = set(translatable_uris(project))
    for lang in project.parent_languages:
        uris |= set(project.pages.get(lang.code, {})) - {HOME}
    return {uri: {lang.code: status_of(project, lang.code, uri) for lang in project.parent_languages} for uri in sorted(uris)}


def warn(message: str) -> None:
    """A warning that is printed, but does not stop a strict build."""
    print(f"WARNING -  handbook: {message}", file=sys.stderr)


# ---- the translators' commands ------------------------------------------------------------------
class TranslationError(Exception):
    """A translator's command that cannot be carried out; the message says why and what to do."""


def page_of(project: Project, file: str | Path) -> DocPage:
    path = Path(file).resolve()
    found = project.page_at(path)  # a page of the handbook, or of a local edition (HANDBOOK_LOCAL)
    if found is None:
        try:
            path.relative_to(project.docs_dir)
        except ValueError:
            raise TranslationError(f"{file}: not a page in docs/") from None
    lang, uri = (found.lang, found.uri) if found else (path.relative_to(project.docs_dir).parts[0], "")
    if lang == project.source_language.code:
        raise TranslationError(f"{file}: this is a Norwegian source page, not a translation")
    page = project.pages.get(lang, {}).get(uri)
    if page is None:
        raise TranslationError(f"{file}: no such translated page")
    if not source_path(project, uri).is_file():
        raise TranslationError(f"{file}: there is no Norwegian page docs/{project.source_language.code}/{uri}")
    return page


@dataclass
class Translated:
    """A translated file for the translators' commands: a page, or a letter template."""

    path: Path
    label: str
    record: dict
    source: Path  # the Norwegian text it translates
    page: DocPage | None = None


def translated(project: Project, file: str | Path) -> Translated:
    """The translation a command names: docs/<lang>/… or data/letters/<id>/<lang>.yml."""
    path = Path(file).resolve()
    letters = project.data_dir / "letters"
    if path.is_relative_to(letters):
        parts = path.relative_to(letters).parts
        source = project.source_language.code
        if len(parts) != 2 or path.suffix != ".yml":
            raise TranslationError(f"{file}: not a letter translation (data/letters/<id>/<lang>.yml)")
        if path.stem == source:
            raise TranslationError(f"{file}: this is the Norwegian letter, not a translation")
        if not path.is_file():
            raise TranslationError(f"{file}: no such letter translation")
        nb = letters / parts[0] / f"{source}.yml"
        if not nb.is_file():
            raise TranslationError(f"{file}: there is no Norwegian letter {project.label(nb)}")
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        return Translated(path, project.label(path), dict(data.get("translation") or {}), nb)
    page = page_of(project, file)
    return Translated(page.path, page.label, dict(page.meta.get("translation", {})), source_path(project, page.uri), page)


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def uncommitted(project: Project, path: Path) -> bool | None:
    """Has the file changes that are not committed? None when there is no git here."""
    result = git(project.root, "status", "--porcelain", "--", project.label(path))
    if result.returncode != 0:
        return None
    return bool(result.stdout.strip())


def stamp(project: Project, file: str | Path, *, unchanged_reason: str | None = None) -> str:
    """Record that a translation now matches the Norwegian text; returns what was done."""
    page = translated(project, file)
    record = page.record
    source = page.source
    if uncommitted(project, source):
        raise TranslationError(
            f"{project.label(source)} has changes that are not committed: commit the Norwegian text "
            "first, so the stamp refers to a text translators can see with `handbook translation diff`"
        )
    new_source = text_hash(source)
    mine = text_hash(page.path)
    if record.get("source_hash") == new_source and record.get("method") != "not-started":
        if record.get("stamped_hash") != mine:
            update_record(page.path, stamped_hash=mine)  # an edit to a current translation: remember this text
        return f"{page.label}: already matches the Norwegian text ({new_source})"
    if record.get("stamped_hash") == mine and record.get("source_hash") != new_source and not unchanged_reason:
        raise TranslationError(
            f"{page.label}: the Norwegian page changed, but this translation has not been edited since it was last stamped. "
            f"Update it first (`handbook translation diff {page.label}` shows what changed in Norwegian), or, if the change "
            'does not concern this language, stamp with --unchanged "<why>"'
        )
    changes = {"source_hash": new_source, "stamped_hash": mine}
    message = f"{page.label}: translated from the Norwegian text {new_source}"
    if record.get("status") == REVIEWED and record.get("reviewed_hash") != mine:
        changes.update(status=DRAFT, reviewer=None, reviewed_on=None, reviewed_hash=None)
        message += " — the text changed after its review, so it is a draft again until it is reviewed"
    if unchanged_reason:
        message += f" (no change needed: {unchanged_reason})"
    update_record(page.path, **changes)
    return message


def review(project: Project, file: str | Path, reviewer: str, date: str) -> str:
    """Mark a translation as checked by a qualified translator (a named person)."""
    if len(reviewer.split()) < 2:
        raise TranslationError("give the reviewer's full name")
    page = translated(project, file)
    current = (
        status_of(project, page.page.lang, page.page.uri).drift == UP_TO_DATE
        if page.page is not None
        else page.record.get("source_hash") == text_hash(page.source)
    )
    if not current:
        raise TranslationError(
            f"{page.label}: the translation does not match the current Norwegian text; update and stamp it before it is reviewed"
        )
    update_record(page.path, status=REVIEWED, reviewer=reviewer, reviewed_on=date, reviewed_hash=text_hash(page.path))
    return f"{page.label}: reviewed by {reviewer} on {date}"


def diff(project: Project, file: str | Path) -> str:
    """The Norwegian changes since the text this translation was made from (git diff)."""
    page = translated(project, file)
    wanted = page.record.get("source_hash")
    source = page.source
    label = project.label(source)
    if wanted == text_hash(source):
        return f"{page.label}: the Norwegian text has not changed since this translation ({wanted})."
    commits = git(project.root, "log", "--format=%H", "--", label)
    if commits.returncode != 0:
        raise TranslationError("no git history here: `translation diff` reads old versions of the Norwegian page from git")
    for commit in commits.stdout.split():
        shown = git(project.root, "show", f"{commit}:{label}")
        if shown.returncode == 0 and _hash_of_text(shown.stdout, source.suffix) == wanted:
            result = git(project.root, "diff", "--no-color", commit, "--", label)
            return f"Norwegian changes to {label} since the text this translation was made from (commit {commit[:10]}):\n\n" + (
                result.stdout or "(none in the working tree)"
            )
    raise TranslationError(
        f"the Norwegian text {wanted} is not in the history of {label} here "
        "(a shallow clone? run `git fetch --unshallow`, then try again)"
    )


def _hash_of_text(text: str, suffix: str = ".md") -> str:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=suffix, encoding="utf-8", delete=False) as handle:
        handle.write(text)
        name = handle.name
    try:
        return text_hash(Path(name))
    finally:
        Path(name).unlink()


# ---- editing translation records -----------------------------------------------------------------
RECORD_KEYS = ("source_hash", "stamped_hash", "status", "method", "reviewer", "reviewed_on", "reviewed_hash")
QUOTED = {"source_hash", "stamped_hash", "reviewed_hash", "reviewer"}


def render_record(record: dict) -> str:
    lines = ["translation:"]
    for key in RECORD_KEYS:
        if record.get(key):
            value = str(record[key]).strip('"')
            # quoted: a hash such as 1234567 would otherwise be read as a number
            lines.append(f'  {key}: "{value}"' if key in QUOTED else f"  {key}: {value}")
    return "\n".join(lines)


def update_record(path: Path, **changes) -> dict:
    """Rewrite the ``translation:`` block of a page's front matter; returns the new record.
    A change to ``None`` removes the key."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if Path(path).suffix in YAML_SUFFIXES:  # a data file: the record is a top-level key of the file itself
        while lines and not lines[-1].strip():
            lines.pop()
        lines = ["---", *lines, "---"]
        rewritten = _rewrite_record(lines, 1, len(lines) - 1, changes)
        path.write_text("\n".join(rewritten[0][1:-1]) + "\n", encoding="utf-8")
        return rewritten[1]
    if not lines or lines[0].strip() != "---":
        raise TranslationError(f"{path}: no front matter")
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    rewritten, record = _rewrite_record(lines, 1, end, changes)
    path.write_text("\n".join(rewritten), encoding="utf-8")
    return record


def _rewrite_record(lines: list[str], begin: int, end: int, changes: dict) -> tuple[list[str], dict]:
    """``lines`` with the ``translation:`` block between ``begin`` and ``end`` rewritten."""
    front = lines[begin:end]
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
    record = {k: str(v) for k, v in record.items() if k in RECORD_KEYS}
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    front[start:start] = render_record(record).split("\n")
    return [*lines[:begin], *front, *lines[end:]], record


# ---- term base -----------------------------------------------------------------------------------
def term_warnings(project: Project, page: DocPage) -> list[str]:
    return project.memo(f"term_warnings:{page.label}", lambda: _session_term_warnings(project, page))


def _session_term_warnings(project: Project, page: DocPage) -> list[str]:
    """Kept while the process runs, under the page, its Norwegian source and the glossary and
    term bases (a preview rebuilds the translation status page with every change)."""
    from .memo import page_memo

    source = project.pages[project.source_language.code].get(page.uri)
    if source is None:
        return _term_warnings(project, page)
    data = project.memo(
        "term data",
        lambda: tuple(
            path.read_bytes() for path in [project.data_dir / "glossary.yml", *sorted((project.data_dir / "terms").glob("*.yml"))]
        ),
    )
    return page_memo("term warnings", page, lambda: _term_warnings(project, page), source.text, data)


def _term_warnings(project: Project, page: DocPage) -> list[str]:
    """Terms the Norwegian page uses whose agreed translation the translated page lacks.

    The translation's own words count, not Norwegian words kept in brackets or marked
    ``{lang=nb}``. Inflection is allowed for: each word of the agreed term (four letters or
    more) must appear with the same beginning (all but its last three letters), and
    Arabic's attached article and conjunctions are set aside."""
    from .glossary import glossary
    from .text import WORD, reader_text

    source = project.pages[project.source_language.code].get(page.uri)
    if source is None or page.lang == project.source_language.code or page.uri == HOME:
        return []
    own_words = reader_text(page, keep_other_languages=False).casefold()
    words = prefixes({stem_key(w) for w in set(WORD.findall(own_words))})  # each distinct word stemmed once
    terms = glossary(project).terms.values()
    # the terms a Norwegian page uses, worked out once for all its translations
    used = project.memo(f"terms used:{source.label}", lambda: _terms_used(reader_text(source), terms))
    missing = []
    for term in terms:
        translation = term.translation(page.lang)
        if not translation or term.term not in used:
            continue
        wanted = translation["term"]
        # the agreed term may show the Norwegian word in brackets; only the translated part counts
        own = re.sub(r"\s*\([^)]*\)", "", wanted).strip()
        if own and not variant_used(own, words):
            missing.append(f"«{term.term}» → «{wanted}»")
    return missing


def _terms_used(text: str, terms) -> frozenset[str]:
    from .glossary import uses_term

    return frozenset(term.term for term in terms if uses_term(text, term))


ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")  # the article, alone or after a joined letter
ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670]")  # short vowels and shadda, often written, often not


def stem_key(word: str) -> str:
    word = ARABIC_MARKS.sub("", word)
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3 and "\u0600" <= word[0] <= "\u06ff":
            word = word[len(prefix) :]
            break
    return word


def prefixes(words: set[str]) -> set[str]:
    """Every word of a page and every beginning of it (three letters or more)."""
    return {word[:end] for word in words for end in range(3, len(word) + 1)} | words


def variant_used(variant: str, beginnings: set[str]) -> bool:
    from .text import WORD

    needed = [stem_key(w) for w in WORD.findall(variant.casefold()) if len(w) >= 4]
    if not needed:
        return any(stem_key(w) in beginnings for w in WORD.findall(variant.casefold()))
    return all(w[: max(3, len(w) - 3)] in beginnings for w in needed)
