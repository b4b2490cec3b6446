"""Generated sections: a page asks for content made from data with a line of its own,

    <!-- hb:sources -->

and the build puts the generated Markdown there (a preprocessor of the handbook's
Markdown extension, handbook.markdown_ext). So «Kilder», the table of law changes and
other lists are written from the data files and can never disagree with them. An
unknown name stops the build.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from .project import DocPage, Project

# The generators get the page being rendered (handbook.markdown_ext.RenderContext): its
# project, build language, page path, page URL, the site's address and whether PDFs are made.
GENERATORS: dict[str, Callable] = {}
DIRECTIVE = re.compile(r"^<!--\s*hb:(?P<name>[a-z-]+)\s*-->\s*$", re.M)
# Generated sections made from other pages (the others come from data/ alone): `handbook serve`
# rebuilds a page that has one when what it generates changed, so what it shows is never stale.
FROM_PAGES = {"sources", "checklists", "translation-status"}
ID = re.compile(r"\{#([^\s}]+)")
# Generated sections that list things with a place of their own, or many topics each in brief
# (pages, letters, terms, sources, the handbook's changes, translations, checks): a page
# made of one holds many words once each, and a search asking for several words would find
# it before the pages the entries point to. Its pages are searched as listings (handbook.search
# marks them, search.js weighs them less in the relaxed search). Not the law's changes and
# unverified references (the topic of their pages) nor the contacts on the contact page.
LISTINGS = {"sources", "checklists", "glossary", "parent-glossary", "translation-status", "letters", "changelog"}
LISTINGS |= {"accessibility", "link-kit"}


def generator(name: str):
    def register(func):
        GENERATORS[name] = func
        return func

    return register


def ids_in(project: Project, page: DocPage) -> set[str]:
    """Heading ids that the page's generated sections will have (for checks of links to them)."""
    from .markdown_ext import RenderContext

    names = [m.group("name") for m in DIRECTIVE.finditer(page.body) if m.group("name") in GENERATORS]
    if not names:
        return set()
    context = RenderContext.of_page(project, page)
    return {anchor for name in names for anchor in ID.findall(GENERATORS[name](context))}


def is_listing(page: DocPage) -> bool:
    """The page has a generated section that lists things (:data:`LISTINGS`)."""
    return any(m.group("name") in LISTINGS for m in DIRECTIVE.finditer(page.body))


def from_pages(project: Project, page: DocPage) -> str:
    """What the page's sections made from other pages (:data:`FROM_PAGES`) say now ("" if none)."""
    from .markdown_ext import RenderContext

    names = [m.group("name") for m in DIRECTIVE.finditer(page.body) if m.group("name") in FROM_PAGES]
    if not names:
        return ""
    context = RenderContext.of_page(project, page)
    return "".join(GENERATORS[name](context) for name in names)


# ---- the generators ----------------------------------------------------------------------------
@generator("sources")
def _sources(ctx) -> str:
    from .sources import SourcesPage

    return SourcesPage(ctx.project).markdown(ctx.uri)


@generator("law-changes")
def _law_changes(ctx) -> str:
    from .law import changes_table, registry

    return changes_table(registry(ctx.project))


@generator("law-unverified")
def _law_unverified(ctx) -> str:
    from .law import registry, unverified_list

    return unverified_list(registry(ctx.project))


@generator("checklists")
def _checklists(ctx) -> str:
    """Every checklist of the language, grouped by situation."""

    from .checklists import all_checklists

    groups: dict[str, list] = {}
    for checklist in all_checklists(ctx.project, ctx.lang):
        if checklist.situation == "For foreldre":
            continue  # parents' checklists live on the parent pages
        groups.setdefault(checklist.situation, []).append(checklist)
    out = []
    for situation in sorted(groups, key=lambda s: ORDER.index(s) if s in ORDER else len(ORDER)):
        anchor = re.sub(r"[^a-zæøå]+", "-", situation.lower()).strip("-")
        out.append(f"## {situation} {{#{anchor}}}\n")
        for checklist in sorted(groups[situation], key=lambda c: c.page.meta["title"]):
            link = posixpath.relpath(checklist.page.uri, posixpath.dirname(ctx.uri) or ".")
            title = checklist.page.meta["title"].removeprefix("Sjekkliste: ")
            out.append(
                f"- **[{title[:1].upper() + title[1:]}]({link})** – {checklist.page.meta['description']} "
                f"({len(checklist.items)} punkter)"
            )
        out.append("")
    return "\n".join(out)


ORDER = ["Møter med foreldregruppen", "Samtaler med foreldre", "Språk og tolk", "Bekymring og krise", "Skolens rutiner"]


@generator("glossary")
def _glossary(ctx) -> str:
    from .glossary import glossary_markdown

    return glossary_markdown(ctx.project)


@generator("parent-glossary")
def _parent_glossary(ctx) -> str:
    from .glossary import parent_glossary_markdown

    return parent_glossary_markdown(ctx.project, ctx.lang)


@generator("translation-status")
def _translation_status(ctx) -> str:
    """«Oversettelsesstatus»: every parent page in every language, and a coverage chart."""

    from .translations import MISSING, OUTDATED, REVIEWED, UP_TO_DATE, status_table, term_warnings

    project = ctx.project
    languages = project.parent_languages
    table = status_table(project)
    source_pages = project.pages[project.source_language.code]
    out = [
        "## Sider og språk {#tabell}\n",
        "| Side | " + " | ".join(f"{lang.name_nb}" for lang in languages) + " |",
        "| --- | " + " | ".join("---" for _ in languages) + " |",
    ]
    labels = {UP_TO_DATE: "oppdatert", OUTDATED: "**utdatert**", MISSING: "mangler"}
    for uri, row in table.items():
        page = source_pages.get(uri)
        title = page.meta["title"] if page else uri
        link = posixpath.relpath(uri, posixpath.dirname(ctx.uri) or ".")
        cells = []
        for lang in languages:
            status = row[lang.code]
            if not status.translated:
                cells.append("mangler" if not status.exists else "ikke påbegynt")
                continue
            review = (
                "kontrollert"
                if status.review == REVIEWED
                else "utkast (endret etter kontroll)"
                if status.changed_since_review
                else "utkast"
            )
            cells.append(f"{review}, {labels[status.drift]}")
        out.append(f"| [{title}]({link}) | " + " | ".join(cells) + " |")
    out.append("")
    # coverage per language
    summary, bars = [], []
    total = len([uri for uri in table if uri in source_pages])
    for index, lang in enumerate(languages):
        statuses = [table[uri][lang.code] for uri in table if uri in source_pages]
        translated = sum(s.translated for s in statuses)
        reviewed = sum(s.translated and s.review == REVIEWED for s in statuses)
        outdated = sum(s.translated and s.drift == OUTDATED for s in statuses)
        share = translated / total if total else 0
        summary.append(
            f"- **{lang.name_nb}** ({lang.name}): {translated} av {total} sider oversatt, "
            f"{reviewed} kontrollert av kvalifisert oversetter, {outdated} utdatert."
        )
        y = 30 + index * 34
        width = round(360 * share)
        reviewed_width = round(360 * (reviewed / total if total else 0))
        bars.append(
            f'<text x="0" y="{y + 15}" font-size="14" fill="#1f1f1f">{lang.name_nb}</text>'
            f'<rect x="110" y="{y}" width="360" height="20" fill="#e3e8ed"/>'
            f'<rect x="110" y="{y}" width="{width}" height="20" fill="#2a6591"/>'
            f'<rect x="110" y="{y + 14}" width="{reviewed_width}" height="6" fill="#8a4b00"/>'
            f'<text x="480" y="{y + 15}" font-size="14" fill="#1f1f1f">{round(share * 100)} %</text>'
        )
    height = 40 + len(languages) * 34
    description = " ".join(line.lstrip("- ").replace("**", "") for line in summary)
    out.append("## Dekning per språk {#dekning}\n")
    out.append(
        f'<figure class="hb-chart"><svg role="img" aria-labelledby="dekning-tittel dekning-beskrivelse" '
        f'viewBox="0 0 540 {height}" width="100%" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="dekning-tittel">Andel foreldresider som er oversatt, per språk</title>'
        f'<desc id="dekning-beskrivelse">{description}</desc>' + "".join(bars) + "</svg>"
        "<figcaption>Blå søyle: andel oversatte sider. Brun strek: andel kontrollert av kvalifisert oversetter."
        "</figcaption></figure>\n"
    )
    out += summary
    out.append("")
    warnings = []
    for lang in languages:
        for page in sorted(project.pages.get(lang.code, {}).values(), key=lambda p: p.uri):
            if page.meta.get("translation", {}).get("method") == "not-started":
                continue
            missing = term_warnings(project, page)
            if missing:
                warnings.append(f"- `{page.label}`: " + ", ".join(missing))
    from .glossary import glossary

    for lang in languages:
        gaps = glossary(project).gaps(lang.code)
        if gaps:
            warnings.append(f"- Termlisten mangler {len(gaps)} oversettelser til {lang.name_nb}: " + ", ".join(gaps))
    from .letters import status_markdown

    out.append(status_markdown(project, ctx.uri))
    out.append("## Termer å sjekke {#termer}\n")
    out.append(
        "Oversettelser som ikke bruker termlistens oversettelse av et begrep som den norske siden bruker:\n"
        if warnings
        else "Alle oversatte sider bruker termlistens oversettelser.\n"
    )
    out += warnings
    return "\n".join(out) + "\n"


@generator("letters")
def _letters(ctx) -> str:
    """«Brev og meldinger til foreldre»: every letter template with a page, and what it is for."""
    from .letters import index_markdown

    return index_markdown(ctx.project, ctx.uri)


@generator("basis")
def _basis(ctx) -> str:
    from .basis import explanation_markdown

    return explanation_markdown(ctx.project)


@generator("changelog")
def _changelog(ctx) -> str:
    from .changelog import markdown

    return markdown(ctx.project, ctx.uri)


@generator("accessibility")
def _accessibility(ctx) -> str:
    """«Tilgjengelighetserklæring»: what the accessibility tests checked and found (data/accessibility.yml)."""
    from .accessibility import statement_markdown

    return statement_markdown(ctx.project)


@generator("link-kit")
def _link_kit(ctx) -> str:
    from .posters import link_kit

    return link_kit(ctx.project, ctx.site_url, ctx.page_url, pdfs=ctx.pdfs)


@generator("local-contacts")
def _local_contacts(ctx) -> str:
    """A local edition's contacts on the parents' contact page (nothing without one: handbook.local)."""
    from .local import contacts_markdown

    return contacts_markdown(ctx)
