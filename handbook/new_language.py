"""Add a parent language in one step (``handbook new-language``, ``make new-language``).

It checks everything first and writes nothing unless all is well: the code must be a
language CLDR knows (two or three letters, ISO 639-1 or 639-3, e.g. ``so``, ``prs``,
``ckb``), and the names must be given. The text direction comes from CLDR (Dari and
Sorani are right to left), unless given.

Then it registers the language in data/languages.yml (with English interface texts
marked as not yet translated) and scaffolds docs/<code>/ with every parent page: a
copy of the Norwegian page marked as not started, with the hash of the Norwegian text
it starts from. Until a page is translated, the site shows the Norwegian text with a
notice in the reader's language, so the build passes from the first minute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from babel.core import Locale, UnknownLocaleError, get_global
from lxml import html as lxml_html

from . import frontmatter, translations
from .project import Project


class LanguageError(Exception):
    """The language cannot be added; the message says why and what to do."""


@dataclass(frozen=True)
class NewLanguage:
    code: str
    name: str
    name_nb: str
    dir: str


def cldr_locale(code: str) -> Locale:
    """The CLDR locale for an ISO 639 code, through CLDR's aliases (prs -> fa_AF)."""
    try:
        return Locale.parse(get_global("language_aliases").get(code, code))
    except (UnknownLocaleError, ValueError):
        raise LanguageError(
            f"'{code}' is not a language code CLDR knows: use ISO 639-1 (two letters, e.g. so) "
            "or ISO 639-3 (three letters, e.g. prs for Dari, ckb for Sorani)"
        ) from None


def validate(project: Project, code: str, name: str | None, name_nb: str | None, direction: str | None) -> NewLanguage:
    if not code or not re.fullmatch(r"[a-z]{2,3}", code):
        raise LanguageError(f"'{code}' is not a language code: two or three lower-case letters, e.g. CODE=so or CODE=prs")
    locale = cldr_locale(code)
    if any(lang.code == code for lang in project.languages):
        raise LanguageError(f"'{code}' is already in data/languages.yml")
    if not name or not name.strip():
        raise LanguageError(f'give the language\'s own name: NAME="{locale.get_display_name(locale) or "…"}"')
    if not name_nb or not name_nb.strip():
        raise LanguageError(f'give the language\'s name in Norwegian: NAME_NB="{locale.get_display_name("nb") or "…"}"')
    for value in (name, name_nb):
        if re.search(r'[<>"\\\n]', value):
            raise LanguageError(f'the name «{value}» has characters a name does not need (< > " \\ or a line break)')
    cldr_dir = "rtl" if locale.character_order == "right-to-left" else "ltr"
    if direction not in (None, "", cldr_dir):
        raise LanguageError(f"CLDR says {code} is written {cldr_dir}, not {direction}; leave the direction out")
    return NewLanguage(code, name.strip(), name_nb.strip(), cldr_dir)


# English texts that name English must not be copied to another language as they are.
GENERIC = {"not_translated": "This page has not been translated into this language yet, so it is shown in Norwegian."}

# Material's interface texts the handbook shows (English, to be translated).
MATERIAL_KEYS = {
    "action.skip": "Skip to content",
    "footer": "Footer",
    "footer.next": "Next",
    "footer.previous": "Previous",
    "header": "Header",
    "nav": "Navigation",
    "search": "Search",
    "search.placeholder": "Search",
    "search.reset": "Clear",
    "search.result.placeholder": "Type to start searching",
    "search.result.none": "No matching documents",
    "search.result.one": "1 matching document",
    "search.result.other": "# matching documents",
    "select.language": "Select language",
    "toc": "Table of contents",
    "top": "Back to top",
}


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def language_entry(project: Project, new: NewLanguage, has_material_texts: bool) -> str:
    """YAML for data/languages.yml, starting from the English texts."""
    english = project.language("en")
    lines = [
        f"  - code: {new.code}",
        f"    name: {quote(new.name)}",
        f"    name_nb: {quote(new.name_nb)}",
        f"    dir: {new.dir}",
        "    role: parent",
        "    # The texts below are English until a translator translates them.",
        "    texts_status: not-started",
        f"    site_name: {quote(english.site_name)}",
        f"    site_description: {quote(english.site_description)}",
        f"    copyright: {quote(english.copyright)}",
        "    ui:",
    ]
    for key, value in {**english.ui, **GENERIC}.items():
        lines.append(f"      {key}: {quote(value)}")
    if not has_material_texts:
        lines.append("    material_ui:  # Material for MkDocs has no texts for this language")
        for key, value in MATERIAL_KEYS.items():
            lines.append(f"      {key}: {quote(value)}")
    return "\n".join(lines) + "\n"


def not_started_record(project: Project, uri: str) -> str:
    source_hash = translations.text_hash(translations.source_path(project, uri))
    return translations.render_record({"source_hash": source_hash, "status": "draft", "method": "not-started"})


def scaffold_page(project: Project, code: str, uri: str) -> Path:
    source = project.source_language.code
    meta_text, body, _ = frontmatter.split((project.docs_dir / source / uri).read_text(encoding="utf-8"))
    target = project.docs_dir / code / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{meta_text}\n{not_started_record(project, uri)}\n---\n{body}", encoding="utf-8")
    return target


def link_targets(text: str) -> set[str]:
    """The targets of the Markdown links in a text (found by Python-Markdown, not by a pattern)."""
    rendered = markdown.markdown(text, extensions=["attr_list", "md_in_html", "admonition"])
    if not rendered.strip():
        return set()
    return {a.get("href") for a in lxml_html.fragment_fromstring(rendered, create_parent="div").iter("a") if a.get("href")}


def rebase_links(text: str, folder: str) -> str:
    """Links of a text moved from ``folder/`` one level up: 'samarbeid.md' -> 'foreldre/samarbeid.md'."""
    import posixpath

    for target in sorted(link_targets(text), key=len, reverse=True):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith(("#", "/")):
            continue
        path, hash_, fragment = target.partition("#")
        moved = posixpath.normpath(posixpath.join(folder, path)) + hash_ + fragment
        text = text.replace(f"]({target})", f"]({moved})")
    return text


def scaffold_home(project: Project, code: str) -> Path:
    """The language's home page starts as the Norwegian welcome for parents (not started)."""
    source = project.source_language
    welcome = project.pages[source.code]["foreldre/index.md"]
    meta = (
        f"title: {quote(source.site_name)}\n"
        f"description: {quote(welcome.meta['description'])}\n"
        "audience: [foreldre]\n"
        f"last_reviewed: {welcome.meta['last_reviewed']}\n"
    )
    body = re.sub(r"^# .*$", f"# {source.site_name}", welcome.body, count=1, flags=re.M)
    body = rebase_links(body, "foreldre")  # the text moves from foreldre/index.md to index.md
    target = project.docs_dir / code / "index.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{meta}{not_started_record(project, 'index.md')}\n---\n{body}", encoding="utf-8")
    return target


def add(root: Path, code: str, name: str | None, name_nb: str | None, direction: str | None = None) -> str:
    """Add the language; returns what was done. Raises LanguageError before writing anything."""
    from .plugin import _material_has_language

    project = Project(root)
    new = validate(project, code, name, name_nb, direction)
    if (project.docs_dir / code).exists():
        raise LanguageError(f"docs/{code}/ already exists: move it away first")
    entry = language_entry(project, new, _material_has_language(code))
    data = project.data_dir / "languages.yml"
    data.write_text(data.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    (project.data_dir / "terms" / f"{code}.yml").write_text(
        f"# Term base, {new.name_nb}: the agreed translation of each term in data/glossary.yml.\n"
        f"# Schema: data/schemas/terms.schema.json.\nlang: {code}\nterms: {{}}\n",
        encoding="utf-8",
    )
    project = Project(root)  # read the new list
    pages = [scaffold_page(project, code, uri) for uri in translations.translatable_uris(project)]
    pages.append(scaffold_home(project, code))
    return (
        f"Added {new.name} ({new.code}, {'right to left' if new.dir == 'rtl' else 'left to right'}) to data/languages.yml "
        f"and {len(pages)} pages in docs/{code}/.\n"
        "Next: translate the texts in data/languages.yml and the pages (set 'method: human' or 'machine-assisted' "
        "when a page is translated), then `make build`. See «Slik oversetter du håndboka»."
    )
