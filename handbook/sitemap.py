"""sitemap.xml: every page of every language, with its language alternates (hreflang,
``x-default`` for the Norwegian page) and the date it last changed (from data, so the
same commit gives the same bytes in every kind of checkout)."""

from __future__ import annotations

import gzip
import html
import io
from pathlib import Path

from .changelog import last_changed
from .project import Project, uri_to_url


def entries(project: Project, base: str) -> list[dict]:
    source = project.source_language.code
    out = []
    for lang in project.languages:
        for uri in sorted(project.pages.get(lang.code, {})):
            page = project.pages[lang.code][uri]
            if page.meta.get("translation", {}).get("method") == "not-started":
                continue  # still the Norwegian text: the Norwegian page is the one to find
            alternates = {
                other.code: url(base, other.code, source, uri)
                for other in project.languages
                if uri in project.pages.get(other.code, {})
                and project.pages[other.code][uri].meta.get("translation", {}).get("method") != "not-started"
            }
            if len(alternates) > 1 and source in alternates:
                alternates["x-default"] = alternates[source]
            out.append(
                {
                    "loc": url(base, lang.code, source, uri),
                    "lastmod": last_changed(project, lang.code, uri),
                    "alternates": alternates if len(alternates) > 1 else {},
                }
            )
    return out


def url(base: str, lang: str, source: str, uri: str) -> str:
    return base + ("" if lang == source else f"{lang}/") + uri_to_url(uri)


def xml(project: Project, base: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for entry in entries(project, base):
        lines.append("  <url>")
        lines.append(f"    <loc>{html.escape(entry['loc'])}</loc>")
        if entry["lastmod"]:
            lines.append(f"    <lastmod>{entry['lastmod']}</lastmod>")
        for code, href in entry["alternates"].items():
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href="{html.escape(href)}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write(project: Project, site: Path, base: str) -> None:
    text = xml(project, base).encode("utf-8")
    (site / "sitemap.xml").write_bytes(text)
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:  # mtime 0: reproducible
        handle.write(text)
    (site / "sitemap.xml.gz").write_bytes(buffer.getvalue())
    for lang in project.parent_languages:  # each language build wrote its own copy; one sitemap is enough
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / lang.code / name).unlink(missing_ok=True)
