#!/usr/bin/env python3
"""Add a parent language in one step.

    scripts/new_language.py so "Soomaali" --name-nb somali [--rtl]
    make new-language CODE=so NAME="Soomaali" NAME_NB=somali

It registers the language in data/languages.yml (with English interface texts marked
as not yet translated) and scaffolds docs/<code>/ with every parent page: a copy of the
Norwegian page, marked as a draft translation that has not been started
(method: not-started) and stamped with the Norwegian commit it starts from. Until a page
is translated, the site shows the Norwegian text with a notice in the reader's
language, so the build passes from the first minute.
"""

import argparse
import posixpath
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook import frontmatter, translations  # noqa: E402
from handbook.markdown_text import LINK, is_external, map_prose  # noqa: E402
from handbook.mkdocs_plugin import _material_has_language  # noqa: E402
from handbook.project import Project  # noqa: E402

RTL_SCRIPTS = {"ar", "fa", "ur", "he", "ps", "ckb", "yi", "dv"}


def language_entry(project: Project, code: str, name: str, name_nb: str, direction: str) -> str:
    """YAML for data/languages.yml, starting from the English texts."""
    english = project.language("en")
    lines = [
        f"  - code: {code}",
        f"    name: {name}",
        f"    name_nb: {name_nb}",
        f"    dir: {direction}",
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
    if not _material_has_language(code):
        lines.append("    material_ui:  # Material for MkDocs has no texts for this language")
        for key, value in MATERIAL_KEYS.items():
            lines.append(f"      {key}: {quote(value)}")
    return "\n".join(lines) + "\n"


# English texts that name English must not be copied to another language as they are.
GENERIC = {"not_translated": "This page has not been translated into this language yet, so it is shown in Norwegian."}

# Material's interface texts the handbook shows (English, to be translated).
MATERIAL_KEYS = {
    "action.skip": "Skip to content", "footer": "Footer", "footer.next": "Next", "footer.previous": "Previous",
    "header": "Header", "nav": "Navigation", "search": "Search", "search.placeholder": "Search",
    "search.reset": "Clear", "search.result.placeholder": "Type to start searching", "search.result.none": "No matching documents",
    "search.result.one": "1 matching document", "search.result.other": "# matching documents",
    "select.language": "Select language", "toc": "Table of contents", "top": "Back to top",
}


def quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scaffold_page(project: Project, code: str, uri: str) -> Path:
    source = project.source_language.code
    source_path = project.docs_dir / source / uri
    meta_text, body, _ = frontmatter.split(source_path.read_text(encoding="utf-8"))
    commit = translations.last_commit(project.root, f"docs/{source}/{uri}")
    record = translations.render_record({"source_commit": commit, "status": "draft", "method": "not-started"})
    target = project.docs_dir / code / uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"---\n{meta_text}\n{record}\n---\n{body}", encoding="utf-8")
    return target


def rebase_links(markdown: str, folder: str) -> str:
    def move(match):
        target = match.group("target")
        if is_external(target) or target.startswith("#"):
            return match.group(0)
        path, hash_, fragment = target.partition("#")
        moved = posixpath.normpath(posixpath.join(folder, path))
        return f"[{match.group('text')}]({moved}{hash_}{fragment})"

    return map_prose(markdown, lambda text: LINK.sub(move, text))


def scaffold_home(project: Project, code: str) -> Path:
    """The language's home page starts as the Norwegian welcome for parents (not started)."""
    source = project.source_language.code
    welcome = project.pages[source]["foreldre/index.md"]
    commit = translations.last_commit(project.root, f"docs/{source}/index.md")
    record = translations.render_record({"source_commit": commit, "status": "draft", "method": "not-started"})
    meta = (f"title: {project.source_language.site_name}\n"
            f"description: {quote(welcome.meta['description'])}\n"
            "audience: [foreldre]\n"
            f"last_reviewed: {welcome.meta['last_reviewed']}\n")
    body = re.sub(r"^# .*$", f"# {project.source_language.site_name}", welcome.body, count=1, flags=re.M)
    body = rebase_links(body, "foreldre")  # the text moves from foreldre/index.md to index.md
    target = project.docs_dir / code / "index.md"
    target.write_text(f"---\n{meta}{record}\n---\n{body}", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", help="ISO 639-1 code, e.g. so")
    parser.add_argument("name", help="the language's own name, e.g. Soomaali")
    parser.add_argument("--name-nb", required=True, help="the language's name in Norwegian, e.g. somali")
    parser.add_argument("--rtl", action="store_true", help="right-to-left script (Arabic, Persian, Urdu, …)")
    args = parser.parse_args()
    if not re.fullmatch(r"[a-z]{2,3}", args.code):
        parser.error("the code must be two or three lower-case letters (ISO 639-1)")
    project = Project(ROOT)
    if not translations.has_history(project.root):
        parser.error("no git history: every page records the Norwegian commit it starts from, so run this in a git clone")
    if any(lang.code == args.code for lang in project.languages):
        parser.error(f"'{args.code}' is already in data/languages.yml")
    direction = "rtl" if args.rtl or args.code in RTL_SCRIPTS else "ltr"
    data = project.data_dir / "languages.yml"
    text = data.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + language_entry(project, args.code, args.name, args.name_nb, direction)
    data.write_text(text, encoding="utf-8")
    project = Project(ROOT)  # read the new list
    pages = [scaffold_page(project, args.code, uri) for uri in translations.translatable_uris(project)]
    pages.append(scaffold_home(project, args.code))
    print(f"Added {args.name} ({args.code}, {direction}) to data/languages.yml and {len(pages)} pages in docs/{args.code}/.")
    print("Next: translate the texts in data/languages.yml and the pages (set 'method: human' or")
    print("'machine-assisted' when a page is translated), then run `make build`. See «Slik oversetter du håndboka».")
    return 0


if __name__ == "__main__":
    sys.exit(main())
