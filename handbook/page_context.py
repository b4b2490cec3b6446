"""What the page templates get about a page (``handbook_page``), built by plain functions
from the project, so they can be tested without MkDocs (see overrides/main.html)."""

from __future__ import annotations

from . import changelog, generated, law, translations
from .dates import long_date
from .language_links import relative_url
from .project import DocPage, Project, uri_to_url
from .sources import SOURCES_PAGE, registry


def page_info(
    project: Project,
    *,
    lang: str,
    written_in: str,
    uri: str,
    page_url: str,
    provisions: list | None = None,
    search_terms: str = "",
) -> dict:
    """The context for one page in the build of ``lang`` (``written_in`` is the language of
    its text: Norwegian for a fallback page)."""
    doc = project.pages.get(written_in, {}).get(uri)
    sources_page = relative_url(page_url, uri_to_url(SOURCES_PAGE))
    cited = registry(project).sources
    return {
        "written_in": written_in,
        "written_dir": project.language(written_in).dir,
        "fallback": written_in != lang,
        "last_reviewed": display_date(project, doc.meta["last_reviewed"], written_in) if doc else None,
        "last_changed": display_date(
            project, changelog.last_changed(project, written_in if written_in != lang else lang, uri), lang
        ),
        "sources": [
            {"short": cited[i].short, "title": cited[i].data["title"], "href": f"{sources_page}#kilde-{i}"}
            for i in (doc.meta.get("sources", []) if doc else [])
            if i in cited
        ],
        # Fallback copies are searched in Norwegian, where they come from, not here. A letter
        # template's page is found through «Brev og meldinger til foreldre», which lists them all:
        # in the index its short page would outrank the guidance on the same topic.
        "searchable": written_in == lang and not (doc and doc.meta.get("letter")),
        "audience": list(doc.meta.get("audience", [])) if doc else [],
        "listing": generated.is_listing(doc) if doc else False,
        "translation": translation_notice(project, lang, uri, written_in, page_url),
        "law_notice": law_notice(project, uri, page_url, written_in, provisions),
        "search_terms": search_terms,
    }


def display_date(project: Project, iso: str | None, lang: str) -> str | None:
    """Long dates in Norwegian; ISO dates in the parent languages (unambiguous in every script)."""
    if not iso:
        return None
    return long_date(iso, lang) if lang == project.source_language.code else iso


ABOUT_ADVICE = "ikke-juridisk-radgivning"  # the section of «Om håndboka» on guidance versus legal advice


def law_notice(project: Project, uri: str, page_url: str, written_in: str, provisions: list | None) -> dict | None:
    """Law pages say they are guidance, not legal advice, and when their references were checked."""
    if not uri.startswith("lov/"):
        return None
    # the page's own references; a page about the register as a whole covers all of it
    provisions = provisions or list(law.registry(project).provisions.values())
    dates = sorted({p.data["verification"]["date"] for p in provisions})
    return {
        "first": display_date(project, dates[0], written_in) if dates else None,
        "last": display_date(project, dates[-1], written_in) if dates else None,
        "unverified": sum(not p.verified for p in provisions),
        "about_href": (
            relative_url(page_url, "om/") + "#" + ABOUT_ADVICE
            if ABOUT_ADVICE in project.page_ids(project.source_language.code, "om/index.md")
            else None
        ),
        "unverified_href": relative_url(page_url, uri_to_url(law.UNVERIFIED_PAGE)),
    }


def translation_notice(project: Project, lang: str, uri: str, written_in: str, page_url: str) -> dict | None:
    if lang == project.source_language.code or written_in != lang:
        return None
    status = translations.status_of(project, lang, uri)
    return {
        "draft": status.review != translations.REVIEWED,
        "outdated": status.drift == translations.OUTDATED,
        "source_href": relative_url(page_url, uri_to_url(uri)),
    }


def source_page(project: Project, lang: str, uri: str, fallback: bool) -> DocPage | None:
    written_in = project.source_language.code if fallback else lang
    return project.pages.get(written_in, {}).get(uri)
