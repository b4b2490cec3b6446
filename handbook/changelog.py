"""What changed: data/changelog.yml renders «Hva er nytt», an Atom feed, and the
«Sist endret» date on each page (from the changelog and the page's own review date;
never from git, so every kind of checkout builds the same bytes)."""

from __future__ import annotations

import datetime as dt
import html
import posixpath

from .problems import Problem
from .project import Project, uri_to_url

KINDS = {"content": "Innhold", "law": "Lovverk", "translation": "Oversettelse", "technical": "Teknisk"}
FEED = "hva-er-nytt.xml"


def load(project: Project) -> tuple[list[dict], list[Problem]]:
    return project.memo("changelog", lambda: _read(project))  # every page asks for its last change


def _read(project: Project) -> tuple[list[dict], list[Problem]]:
    located, problems, label = project.read_data("changelog")
    if located is None:
        return [], problems
    entries = located.data["entries"]
    dates = [entry["date"] for entry in entries]
    if dates != sorted(dates, reverse=True):
        problems.append(Problem(label, 1, "the entries are not in date order", "put the newest entry first"))
    return entries, problems


def check_data(project: Project) -> list[Problem]:
    return list(load(project)[1])


def check_pages(project: Project) -> list[Problem]:
    """Every page an entry names exists."""
    located, _, label = project.read_data("changelog")
    problems = []
    for index, entry in enumerate(entries(project)):
        for page in entry.get("pages", []):
            lang, uri = split_key(project, page)
            if uri not in project.pages.get(lang, {}):
                problems.append(
                    Problem(
                        label,
                        located.line_of(("entries", index)) if located else 0,
                        f"the page '{page}' does not exist",
                        "name pages as in docs/: 'veiledning/hjemmebesok.md', or 'en/foreldre/tolk.md' for a translation",
                    )
                )
    return problems


def entries(project: Project) -> list[dict]:
    return load(project)[0]


def page_key(lang: str, uri: str, source: str) -> str:
    """How the changelog names a page: 'veiledning/x.md', or 'en/foreldre/x.md' for a translation."""
    return uri if lang == source else f"{lang}/{uri}"


def last_changed(project: Project, lang: str, uri: str) -> str | None:
    """ISO date the page last changed, from data only (the same in a full clone, a shallow
    clone and an exported tree): the newest changelog entry naming the page, or the page's
    own last_reviewed date, whichever is newer."""
    key = page_key(lang, uri, project.source_language.code)
    dates = [e["date"] for e in entries(project) if key in e.get("pages", [])]
    page = project.pages.get(lang, {}).get(uri)
    if page is not None:
        dates.append(page.meta["last_reviewed"])
    return max(dates) if dates else None


def newest_date(project: Project) -> str:
    """The newest date in the handbook's data: the build's date (PDFs, feed, sitemap)."""
    dates = [e["date"] for e in entries(project)] + [p.meta["last_reviewed"] for p in project.all_pages()]
    return max(dates) if dates else "2024-08-01"


def split_key(project: Project, key: str) -> tuple[str, str]:
    """'veiledning/x.md' -> ('nb', 'veiledning/x.md'); 'en/foreldre/x.md' -> ('en', 'foreldre/x.md')."""
    first, _, rest = key.partition("/")
    if first in {lang.code for lang in project.parent_languages}:
        return first, rest
    return project.source_language.code, key


def site_address(project: Project, key: str) -> str:
    lang, uri = split_key(project, key)
    prefix = "" if lang == project.source_language.code else f"{lang}/"
    return prefix + uri_to_url(uri)


def markdown(project: Project, from_uri: str) -> str:
    """«Hva er nytt»: the entries, newest first, with links to the pages they name."""

    out = []
    for entry in entries(project):
        date = dt.date.fromisoformat(entry["date"])
        # each entry is a section of «Hva er nytt» (h2 right under the page's h1: no skipped level)
        out.append(f"## {date.day}.{date.month}.{date.year}: {entry['title']} {{#{entry['id']}}}\n")
        out.append(f"*{KINDS[entry['kind']]}.* {entry['summary']}\n")
        links = []
        for key in entry.get("pages", []):
            lang, uri = split_key(project, key)
            target = uri if lang == project.source_language.code else f"../{lang}/{uri}"
            links.append(
                f"[{project.pages[lang][uri].meta['title']}]({posixpath.relpath(target, posixpath.dirname(from_uri) or '.')})"
            )
        if links:
            out.append("Sider: " + ", ".join(links) + "\n")
    return "\n".join(out)


def atom(project: Project, site_url: str) -> str:
    """The changelog as an Atom feed (Norwegian), with absolute links from site_url."""
    base = site_url.rstrip("/") + "/"
    items = entries(project)
    updated = items[0]["date"] if items else "1970-01-01"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">',
        f"<title>{html.escape(project.source_language.site_name)}: Hva er nytt</title>",
        f'<link href="{base}om/hva-er-nytt/" rel="alternate"/>',
        f'<link href="{base}{FEED}" rel="self"/>',
        f"<id>{base}{FEED}</id>",
        f"<updated>{updated}T00:00:00Z</updated>",
    ]
    for entry in items:
        pages = entry.get("pages") or []
        link = base + (site_address(project, pages[0]) if pages else "om/hva-er-nytt/")
        parts += [
            "<entry>",
            f"<title>{html.escape(entry['title'])}</title>",
            f'<link href="{html.escape(link)}"/>',
            f"<id>{base}om/hva-er-nytt/#{entry['id']}</id>",
            f"<updated>{entry['date']}T00:00:00Z</updated>",
            f"<summary>{html.escape(entry['summary'])}</summary>",
            f'<category term="{entry["kind"]}" label="{KINDS[entry["kind"]]}"/>',
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts) + "\n"
