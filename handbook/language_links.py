"""Links across languages.

A parent-language site holds only parent pages. A link from such a page to a page
that exists only in Norwegian (a teacher page, say) must lead to the Norwegian page
itself, and say so. MkDocs cannot resolve such a link inside the other language's
build, so it is rewritten here, before MkDocs sees it, to an explicit link into the
Norwegian site (``hreflang="nb"`` and a visible "(in Norwegian)" label).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Set as AbstractSet

from .markdown_text import LINK, is_external, map_prose
from .project import resolve_link, uri_to_url


def relative_url(from_page_url: str, to_url: str) -> str:
    """Relative URL between two site-root URLs in MkDocs' directory form ('a/b/', '' for home)."""
    start = from_page_url.rstrip("/") or "."
    target = to_url.rstrip("/") or "."
    rel = posixpath.relpath(target, start)
    return rel + "/" if rel != "." else "./"


def rewrite_links(body: str, *, written_in: str, page_uri: str, page_url: str, build_lang: str,
                  source_lang: str, site_uris: AbstractSet[str], source_uris: AbstractSet[str], label: str,
                  other_sites: dict[str, AbstractSet[str]] | None = None) -> str:
    """Rewrite links that lead out of the language being built.

    In a parent language, a link whose target exists only in the source language goes to
    the Norwegian page, marked "(in Norwegian)". In any language, an explicit link into
    another language's folder (``../../en/om/oversettelse.md``) goes to that page.
    ``written_in`` is the folder the Markdown was written in: the build language for a
    translation, the source language for a Norwegian page shown as a fallback.
    """
    other_sites = other_sites or {}
    is_fallback = written_in == source_lang and build_lang != source_lang

    def rewrite(match) -> str | None:
        target = match.group("target")
        if is_external(target) or target.startswith("#"):
            return None
        path, _, fragment = target.partition("#")
        if not path.endswith(".md"):
            return None
        resolved = resolve_link(f"{written_in}/{page_uri}", path)
        folder, _, uri = resolved.partition("/")
        anchor = f"#{fragment}" if fragment else ""
        if folder not in (build_lang, source_lang) and uri in other_sites.get(folder, ()):
            href = relative_url(page_url, f"{folder}/" + uri_to_url(uri)) + anchor
            return f'<a href="{html.escape(href)}" hreflang="{folder}">{match.group("text")}</a>'
        if build_lang == source_lang:
            return None
        if folder == build_lang:
            go_to_source = uri not in site_uris and uri in source_uris
        elif folder == source_lang:
            go_to_source = uri in source_uris and not (is_fallback and uri in site_uris)
        else:
            return None
        if not go_to_source:
            return None
        href = relative_url(page_url, uri_to_url(uri)) + anchor
        return (f'<a href="{html.escape(href)}" hreflang="{source_lang}" class="hb-source-link">'
                f'{match.group("text")}<span class="hb-lang-note"> ({html.escape(label)})</span></a>')

    def transform(text: str) -> str:
        return LINK.sub(lambda m: rewrite(m) or m.group(0), text)

    return map_prose(body, transform)
