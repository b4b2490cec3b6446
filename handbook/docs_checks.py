"""Checks over the Markdown sources in docs/, run before MkDocs renders anything.

The build (through the MkDocs plugin) and pytest call :func:`check_project`; each
part is also a function of its own so tests can aim at one rule.
"""

from __future__ import annotations

from . import accessibility, changelog, checklists, generated, glossary, headings, images, law, published, readability, search, sources
from .problems import Problem
from .project import HOME, PARENT_SECTION, Project


def check_language_folders(project: Project) -> list[Problem]:
    """docs/ holds one folder per language declared in data/languages.yml, and nothing else."""
    codes = {lang.code for lang in project.languages}
    problems = []
    for entry in sorted(project.docs_dir.iterdir()):
        label = project.label(entry)
        if entry.is_dir() and entry.name not in codes:
            problems.append(Problem(label + "/", 0, f"'{entry.name}' is not a language in data/languages.yml",
                                    f"add it with 'make new-language CODE={entry.name} NAME=…', or move the folder out of docs/"))
        elif not entry.is_dir():
            problems.append(Problem(label, 0, "docs/ holds only language folders",
                                    "move the file into docs/<language>/ (assets belong in overrides/assets/)"))
    for code in sorted(codes):
        if not (project.docs_dir / code / HOME).is_file():
            problems.append(Problem(f"docs/{code}/{HOME}", 0, f"the language '{code}' has no home page",
                                    f"write docs/{code}/{HOME} (make new-language scaffolds it)"))
    return problems


def check_translation_records(project: Project) -> list[Problem]:
    """A translated page has a Norwegian source page and says which commit it was translated from."""
    source = project.source_language.code
    problems = []
    for page in project.pages[source].values():
        if "translation" in page.meta:
            problems.append(Problem(page.label, page.meta["_lines"][("translation",)],
                                    "a Norwegian page is the source, not a translation", "remove the 'translation:' block"))
    for lang in project.parent_languages:
        for page in project.pages.get(lang.code, {}).values():
            if page.uri not in project.pages[source]:
                problems.append(Problem(page.label, 1, f"there is no Norwegian source page docs/{source}/{page.uri}",
                                        "translate an existing page (same path), or delete this file"))
            if "translation" not in page.meta:
                problems.append(Problem(page.label, 1, "the translation does not record its Norwegian source commit",
                                        "add 'translation: {source_commit: <commit>, status: draft}' "
                                        "(scripts/translation.py stamp does it)"))
    return problems


def check_audience(project: Project) -> list[Problem]:
    """Pages in the parent section say they are for parents."""
    problems = []
    for page in project.all_pages():
        if page.uri.startswith(PARENT_SECTION) and "foreldre" not in page.meta["audience"]:
            problems.append(Problem(page.label, page.meta["_lines"][("audience",)],
                                    "a page in the parent section must have 'foreldre' in its audience",
                                    "add foreldre to audience, or move the page out of foreldre/"))
    return problems


def check_unique_titles(project: Project) -> list[Problem]:
    """Titles become browser tab titles and search results: unique within each language."""
    problems = []
    for pages in project.pages.values():
        seen: dict[str, str] = {}
        for page in sorted(pages.values(), key=lambda p: p.uri):
            title = page.meta["title"].strip().casefold()
            if title in seen:
                problems.append(Problem(page.label, page.meta["_lines"][("title",)],
                                        f"the title '{page.meta['title']}' is also used by {seen[title]}",
                                        "give each page its own title"))
            else:
                seen[title] = page.label
    return problems


def check_project(project: Project) -> list[Problem]:
    """Every check over docs/ and data/; an empty list means the sources are ready to build."""
    problems = project.language_problems()
    if problems:
        return problems  # nothing else can be checked without the language list
    problems += check_language_folders(project)
    problems += project._pages[1]
    problems += check_translation_records(project)
    problems += check_audience(project)
    problems += check_unique_titles(project)
    problems += headings.check_project(project)
    problems += sources.check_project(project)
    problems += law.check_project(project)
    problems += generated.check_project(project)
    problems += checklists.check_project(project)
    problems += glossary.check_project(project)
    problems += search.check_project(project)
    problems += changelog.check_project(project)
    problems += accessibility.check_project(project)
    problems += readability.check_project(project)
    problems += images.check_project(project)
    problems += published.load_redirects(project).problems
    return sorted(set(problems))
