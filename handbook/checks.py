"""Every check over docs/ and data/, in one place, in the order problems depend on each other.

The build (through the MkDocs plugin) and ``handbook check`` run exactly these. They
go in phases, and stop after the first phase that finds something, so one real
problem gives one message, first — a broken data file does not also produce a
hundred complaints from the pages that use it:

1. **data** — every file in data/ against its schema, then the registries' own rules;
2. **pages** — language folders, file names, front matter, navigation, headings,
   translation records, checklists;
3. **markdown** — each page rendered by the handbook's Markdown extension: citations,
   law references, links, images, safe HTML, generated sections, basis labels. (The
   build gets this phase from its own rendering instead of rendering twice.)
4. **text** — spelling, readability of parent pages, own words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import (
    accessibility,
    basis,
    changelog,
    checklists,
    citation_review,
    glossary,
    headings,
    html_safety,
    images,
    law,
    letters,
    local,
    published,
    readability,
    search,
    sources,
)
from .markdown_ext import Found, RenderContext, locate, problems_of
from .problems import Problem
from .project import HOME, PARENT_SECTION, DocPage, Project

# ---- phase 1: data ------------------------------------------------------------------------------


def check_data(project: Project) -> list[Problem]:
    problems = project.language_problems()
    if problems:
        return problems  # nothing else can be read without the language list
    registries = sources.registry(project).problems + law.registry(project).problems
    if registries:
        return registries  # the glossary and the pages refer to these
    problems += glossary.check_project(project)
    problems += basis.check_data(project)
    problems += search.check_data(project)
    problems += changelog.check_data(project)
    problems += accessibility.check_project(project)  # data/accessibility.yml, the statement's record
    problems += letters.check_data(project)
    problems += published.load_redirects(project).problems
    problems += published.load_lock(project).problems
    from .site_checks import load_reviewed_urls

    problems += load_reviewed_urls(project)[1]
    problems += local.check_data(project)  # data/roles.yml, and a local edition's local.yml
    return problems


# ---- phase 2: pages ---------------------------------------------------------------------------------
FILE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*(\.[a-z0-9]+)?")


def check_language_folders(project: Project) -> list[Problem]:
    """docs/ holds one folder per language declared in data/languages.yml, and nothing else."""
    codes = {lang.code for lang in project.languages}
    problems = []
    for entry in sorted(project.docs_dir.iterdir()):
        label = project.label(entry)
        if entry.is_dir() and entry.name not in codes:
            problems.append(
                Problem(
                    label + "/",
                    0,
                    f"'{entry.name}' is not a language in data/languages.yml",
                    f"add it with 'make new-language CODE={entry.name} NAME=…', or move the folder out of docs/",
                )
            )
        elif not entry.is_dir():
            problems.append(
                Problem(
                    label,
                    0,
                    "docs/ holds only language folders",
                    "move the file into docs/<language>/ (assets belong in overrides/assets/)",
                )
            )
    for code in sorted(codes):
        if not (project.docs_dir / code / HOME).is_file():
            problems.append(
                Problem(
                    f"docs/{code}/{HOME}",
                    0,
                    f"the language '{code}' has no home page",
                    f"write docs/{code}/{HOME} (make new-language scaffolds it)",
                )
            )
    return problems


def check_file_names(project: Project) -> list[Problem]:
    """File names become addresses: lower case, digits and hyphens, no spaces or æøå."""
    problems = []
    for path in sorted(project.docs_dir.rglob("*")):
        rel = path.relative_to(project.docs_dir)
        for part in rel.parts:
            if not FILE_NAME.fullmatch(part):
                suggestion = re.sub(
                    r"[^a-z0-9.]+", "-", part.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
                ).strip("-")
                problems.append(
                    Problem(
                        project.label(path),
                        0,
                        f"the name '{part}' is not a good address (use a–z, 0–9 and hyphens)",
                        f"rename it, e.g. to '{suggestion}' (the name becomes part of the page's address)",
                    )
                )
                break
    return problems


def check_translation_records(project: Project) -> list[Problem]:
    """A translated page has a Norwegian source page and records the text it was made from."""
    source = project.source_language.code
    problems = []
    for page in project.pages[source].values():
        if "translation" in page.meta:
            problems.append(
                Problem(
                    page.label,
                    page.meta["_lines"][("translation",)],
                    "a Norwegian page is the source, not a translation",
                    "remove the 'translation:' block",
                )
            )
    for lang in project.parent_languages:
        for page in project.pages.get(lang.code, {}).values():
            if page.uri not in project.pages[source]:
                problems.append(
                    Problem(
                        page.label,
                        1,
                        f"there is no Norwegian source page docs/{source}/{page.uri}",
                        "translate an existing page (same path), or delete this file",
                    )
                )
            elif "translation" not in page.meta:
                problems.append(
                    Problem(
                        page.label,
                        1,
                        "the translation does not record the Norwegian text it was made from",
                        f"run `make translation-stamp FILE={page.label}`",
                    )
                )
            else:
                problems += _kept_sections(project.pages[source][page.uri], page)
    return problems


def _kept_sections(source: DocPage, page: DocPage) -> list[Problem]:
    """A translation keeps the Norwegian page's generated sections (the local edition's
    contacts on the contact page, the parents' glossary …): they are filled in from data."""
    from .generated import DIRECTIVE

    missing = sorted(
        {m.group("name") for m in DIRECTIVE.finditer(source.body)} - {m.group("name") for m in DIRECTIVE.finditer(page.body)}
    )
    return [
        Problem(
            page.label,
            1,
            f"the Norwegian page has the generated section <!-- hb:{name} -->, which this translation lacks",
            f"add the line <!-- hb:{name} --> where the Norwegian page has it (it is filled in from data, in every language)",
        )
        for name in missing
    ]


def check_audience(project: Project) -> list[Problem]:
    """Pages in the parent section say they are for parents."""
    problems = []
    for page in project.all_pages():
        if page.uri.startswith(PARENT_SECTION) and "foreldre" not in page.meta["audience"]:
            problems.append(
                Problem(
                    page.label,
                    page.meta["_lines"][("audience",)],
                    "a page in the parent section must have 'foreldre' in its audience",
                    "add foreldre to audience, or move the page out of foreldre/",
                )
            )
    return problems


def check_unique_titles(project: Project) -> list[Problem]:
    """Titles become browser tab titles and search results: unique within each language."""
    problems = []
    for pages in project.pages.values():
        seen: dict[str, str] = {}
        for page in sorted(pages.values(), key=lambda p: p.uri):
            title = page.meta["title"].strip().casefold()
            if title in seen:
                problems.append(
                    Problem(
                        page.label,
                        page.meta["_lines"][("title",)],
                        f"the title '{page.meta['title']}' is also used by {seen[title]}",
                        "give each page its own title",
                    )
                )
            else:
                seen[title] = page.label
    return problems


def check_dates(project: Project, today: dt.date) -> list[Problem]:
    """A review date in the future would make every page look newer than it is."""
    problems = []
    for page in project.all_pages():
        if dt.date.fromisoformat(page.meta["last_reviewed"]) > today:
            problems.append(
                Problem(
                    page.label,
                    page.meta["_lines"][("last_reviewed",)],
                    f"last_reviewed {page.meta['last_reviewed']} is in the future",
                    f"give the date the page was last checked (today is {today.isoformat()})",
                )
            )
    return problems


def check_nav(project: Project, nav) -> list[Problem]:
    """Every page named in mkdocs.yml's nav exists, and every Norwegian page is in it."""
    if nav is None:
        return []
    named: list[str] = []

    def walk(items):
        for item in items or []:
            if isinstance(item, str):
                named.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    walk(value) if isinstance(value, list) else named.append(value) if isinstance(value, str) else None

    walk(nav)
    # a local edition's pages get a navigation section of their own (handbook.local)
    source = {uri: page for uri, page in project.pages[project.source_language.code].items() if not page.local}
    problems = [
        Problem(
            "mkdocs.yml",
            0,
            f"the nav names '{uri}', which is not a page in docs/{project.source_language.code}/",
            "correct the path in nav:, or write the page",
        )
        for uri in named
        if uri not in source and "://" not in uri
    ]
    missing = sorted(set(source) - set(named))
    problems += [
        Problem(source[uri].label, 1, "the page is not in the navigation", "add it under nav: in mkdocs.yml") for uri in missing
    ]
    return problems


def check_pages(project: Project, nav=None, today: dt.date | None = None) -> list[Problem]:
    problems = check_language_folders(project) + check_file_names(project)
    problems += project._pages[1]
    if problems:
        return problems  # pages that cannot be read cannot be checked further
    problems += check_translation_records(project)
    problems += check_audience(project)
    problems += check_unique_titles(project)
    problems += check_dates(project, today or dt.date.today())
    problems += check_nav(project, nav)
    problems += headings.check_project(project)
    problems += checklists.check_project(project)
    problems += letters.check_pages(project)
    problems += images.check_project(project)
    problems += search.check_pages(project)
    problems += changelog.check_pages(project)
    problems += citation_review.check_project(project)
    problems += local.check_pages(project)
    return problems


# ---- phase 3: markdown ---------------------------------------------------------------------------------
def page_problems(project: Project, page: DocPage, found: Found, html: str) -> list[Problem]:
    """Problems in one rendered page: what the Markdown extension found, what only the whole
    page can tell (sources), and HTML that is not allowed."""
    text = page.path.read_text(encoding="utf-8")
    problems = problems_of(found, text, 1, page.label)
    if not found.broken_references:  # which sources a page cites is known once every citation can be read
        problems += sources.check_page(page, sources.registry(project), [cite for _, cite in found.citations])
    for unsafe in html_safety.unsafe_parts(html):
        line, _ = locate(text, unsafe.snippet)
        problems.append(
            Problem(
                page.label,
                line,
                unsafe.message,
                "write it in Markdown, or use only the allowed HTML (see CONTRIBUTING.md, «HTML in pages»)",
            )
        )
    for extra in PAGE_CHECKS if not found.broken_references else []:
        problems += extra(project, page, found, html)
    return problems


def rendered_problems(project: Project, rendered: list[tuple[DocPage, Found, str]]) -> list[Problem]:
    """:func:`page_problems` of every (page, what its Markdown found, its HTML) a language build
    rendered (the build runs this in a second process: handbook.plugin)."""
    return [problem for page, found, html in rendered for problem in page_problems(project, page, found, html)]


# More checks of a rendered page (basis labels, citation locators) register here.
PAGE_CHECKS: list[Callable[[Project, DocPage, Found, str], list[Problem]]] = []


def render_page(project: Project, page: DocPage, markdown_factory) -> tuple[Found, str]:
    """Render one page in its own language with the handbook's extension (as the build does)."""
    md, extension = markdown_factory()
    context = RenderContext.of_page(project, page, site_url=extension.site_url)
    extension.context = context
    try:
        html = md.convert(page.body)
    finally:
        extension.context = None
    return context.found, html


def check_markdown(project: Project, markdown_factory, pages: list[DocPage] | None = None) -> list[Problem]:
    problems = []
    for page in pages if pages is not None else list(project.all_pages()):
        found, html = render_page(project, page, markdown_factory)
        problems += page_problems(project, page, found, html)
    return problems


# ---- phase 4: text ---------------------------------------------------------------------------------------
@dataclass
class TextResult:
    problems: list[Problem]
    notes: list[str]


def check_text(project: Project, *, require_spelling: bool = True) -> TextResult:
    from . import originality, spelling

    problems, notes = readability.check_project(project), []
    if spelling.available():
        problems += spelling.check_project(project)
    elif require_spelling:
        problems.append(spelling.missing_dictionary_problem())
    else:
        notes.append("Norwegian spelling is not checked here (no hunspell-no); `make build` checks it")
    problems += letters.check_text(project, spelling=spelling.available())  # the letters' Norwegian, and their LIX
    own, folder = originality.check_project(project)
    problems += own
    if folder is None:
        notes.append("own words not checked: the source documents are not here (set HANDBOOK_SOURCES_DIR)")
    return TextResult(problems, notes)


# ---- all of it ------------------------------------------------------------------------------------------------
@dataclass
class Report:
    phase: str  # the phase that found problems, or "" when all passed
    problems: list[Problem]
    notes: list[str]


def run(
    project: Project,
    *,
    nav=None,
    markdown_factory=None,
    require_spelling: bool = True,
    today: dt.date | None = None,
    only: set[str] | None = None,
    text: bool = True,
) -> Report:
    """Every check, phase by phase; stops at the first phase with problems.
    Without ``markdown_factory`` the Markdown phase is left to the caller (the build).
    ``only`` limits the Markdown phase to some pages (labels such as 'docs/nb/x.md').
    ``text=False`` leaves the text phase (:func:`check_text`) to the caller: the build runs
    it beside the rendering (handbook.background)."""
    for phase, check in (("data", lambda: check_data(project)), ("pages", lambda: check_pages(project, nav, today))):
        problems = check()
        if problems:
            return Report(phase, sorted(set(problems)), [])
    if markdown_factory is not None:
        pages = [p for p in project.all_pages() if only is None or p.label in only]
        problems = check_markdown(project, markdown_factory, pages)
        if problems:
            return Report("markdown", sorted(set(problems)), [])
    if not text:
        return Report("", [], [])
    found = check_text(project, require_spelling=require_spelling)
    return Report("text" if found.problems else "", sorted(set(found.problems)), found.notes)
