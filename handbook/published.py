"""Addresses that never break.

Schools link to pages, headings and checklist items, and print QR codes. Every address
that has been published is kept in data/published.yml (written by `make publish`). The
build fails when one of them disappears, unless data/redirects.yml sends it on:

* a moved page: ``from`` (the old address) → ``to`` (the page's new address); the build
  writes a small page at the old address that forwards the reader;
* a renamed heading or item id: ``page``, ``from_anchor`` → ``to_anchor``; the build keeps
  the old id as an anchor next to the new one.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, raise_if_any
from .project import Project
from .site_checks import HtmlFacts, KnownPage, page_facts, scan_html
from .yamldata import LocatedData

LOCK = "published.yml"
REDIRECT_MARK = '<meta name="handbook-redirect" content="1">'


@dataclass
class Redirects:
    pages: dict[str, str] = field(default_factory=dict)  # old address -> new address
    anchors: dict[tuple[str, str], str] = field(default_factory=dict)  # (page, old id) -> new id
    problems: list[Problem] = field(default_factory=list)


def load_redirects(project: Project) -> Redirects:
    located, problems, label = project.read_data("redirects")
    redirects = Redirects(problems=problems)
    if located is None:
        return redirects
    for index, entry in enumerate(located.data.get("pages") or []):
        if entry["from"] in redirects.pages:
            redirects.problems.append(
                Problem(
                    label,
                    located.line_of(("pages", index)),
                    f"'{entry['from']}' is redirected twice",
                    "keep one redirect per old address",
                )
            )
        redirects.pages[entry["from"]] = entry["to"]
    for entry in located.data.get("anchors") or []:
        redirects.anchors[(entry["page"], entry["from_anchor"])] = entry["to_anchor"]
    return redirects


def all_ids(text: str) -> set[str]:
    """Every id in the page, and the names of old-style anchors (<a name>)."""
    return scan_html(text).ids


def page_address(rel: str) -> str:
    """'veiledning/hjemmebesok/index.html' -> '/veiledning/hjemmebesok/'; 'index.html' -> '/'.

    Addresses are paths from the site's root (wherever the site is hosted)."""
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def site_path(address: str) -> str:
    """'/veiledning/hjemmebesok/' -> 'veiledning/hjemmebesok/' (a folder inside site/)."""
    return address.lstrip("/")


@dataclass
class PageIds:
    promised: list[str]  # headings and checklist items: the ids worth promising
    present: set[str]  # every id and old-style anchor name in the page


def page_ids(pages: dict[str, HtmlFacts]) -> dict[str, PageIds]:
    """The site's pages (not redirects, error pages, search) with their ids, by address, from
    the facts of its HTML files ({site path: facts}, handbook.site_checks.load_site)."""
    out = {}
    for rel, facts in sorted(pages.items()):
        if posixpath.basename(rel) != "index.html" or rel.startswith(("pagefind/", "assets/")) or facts.redirect:
            continue
        out[page_address(rel)] = PageIds(sorted(set(facts.promised)), set(facts.ids))
    return out


def scan_pages(site: Path, known: dict[str, KnownPage] | None = None) -> dict[str, PageIds]:
    """Every page of the built site with its ids (:func:`page_ids`), each page parsed once for
    both the lock and the check. ``known``: pages scanned while they were written
    (handbook.site_checks.scan_written), not parsed again."""
    files = [path.relative_to(site).as_posix() for path in site.rglob("index.html")]
    return page_ids({rel: page_facts(site, rel, known) for rel in files if not rel.startswith(("pagefind/", "assets/"))})


def site_addresses(site: Path) -> dict[str, list[str]]:
    """Every page of the built site with the ids it promises (not redirects, error pages, search)."""
    return {address: ids.promised for address, ids in scan_pages(site).items()}


@dataclass
class Lock:
    """data/published.yml: address -> the ids on it that have been public."""

    pages: dict[str, list[str]] = field(default_factory=dict)
    located: LocatedData | None = None
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, address: str, anchor: str | None = None) -> int:
        if self.located is None:
            return 0
        ids = self.pages.get(address) or []
        return self.located.line_of(("pages", address) + ((ids.index(anchor),) if anchor in ids else ()))


def load_lock(project: Project) -> Lock:
    if not (project.data_dir / LOCK).is_file():
        return Lock()  # nothing published yet
    located, problems, _ = project.read_data(LOCK.removesuffix(".yml"))
    if located is None:
        return Lock(problems=problems)
    return Lock({address: ids or [] for address, ids in located.data["pages"].items()}, located)


def write_lock(project: Project, site: Path) -> tuple[int, int]:
    """Add every page and id of the built site to the lock (never removes). Returns (new pages, new ids)."""
    found = load_lock(project)
    raise_if_any(found.problems, f"data/{LOCK} is not valid; fix it before recording more addresses")
    lock = dict(found.pages)
    new_pages = new_ids = 0
    for address, ids in site_addresses(site).items():
        known = set(lock.get(address, []))
        if address not in lock:
            new_pages += 1
        new_ids += len(set(ids) - known)
        lock[address] = sorted(known | set(ids))
    header = (
        "# Published addresses: every page and anchor here has been public and must keep working.\n"
        "# The build fails if one disappears; move a page or rename an id with data/redirects.yml.\n"
        "# Updated with `make publish` (it adds, never removes). Do not edit by hand.\n"
    )
    body = yaml.safe_dump({"pages": dict(sorted(lock.items()))}, allow_unicode=True, sort_keys=False, width=100)
    (project.data_dir / LOCK).write_text(header + body, encoding="utf-8")
    return new_pages, new_ids


def redirect_page(target_rel_url: str, lang: str, direction: str, title: str, text: str) -> str:
    href = html.escape(target_rel_url)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{REDIRECT_MARK}'
        f'<title>{html.escape(title)}</title><meta name="robots" content="noindex">'
        f'<link rel="canonical" href="{href}"><meta http-equiv="refresh" content="0; url={href}">'
        f'</head><body dir="{direction}"><main><p>{html.escape(text)} <a href="{href}">{href}</a></p></main></body></html>\n'
    )


def _is_page(site: Path, address: str) -> bool:
    """Is there a page (not a forwarding page) at this address of the built site?"""
    path = site / site_path(address) / "index.html"
    return path.is_file() and not scan_html(path.read_bytes()).redirect


def write_redirects(project: Project, site: Path, partial: bool = False) -> list[Problem]:
    """Write forwarding pages and anchor aliases (data/redirects.yml). Reads only the pages the
    redirects name, so the search index can start right after (handbook.plugin).

    ``partial``: the site is a preview of some languages (`handbook serve`), so a redirect
    to a page of a language that was not built is left out instead of stopping the preview."""
    redirects = load_redirects(project)
    problems = list(redirects.problems)
    if problems:
        return problems
    source = project.source_language.code
    # whether an address is a page is asked before any forwarding page is written
    is_page = {address: _is_page(site, address) for pair in redirects.pages.items() for address in pair}
    for old, new in redirects.pages.items():
        if not is_page[new]:
            if partial:
                continue
            problems.append(
                Problem(
                    "data/redirects.yml",
                    0,
                    f"the redirect from '{old}' goes to '{new}', which is not a page",
                    "point it at the page's current address (as in the browser, without the host)",
                )
            )
            continue
        if is_page[old]:
            problems.append(
                Problem(
                    "data/redirects.yml",
                    0,
                    f"'{old}' is redirected, but a page still lives there",
                    "remove the redirect or the page",
                )
            )
            continue
        first = site_path(old).split("/", 1)[0]
        lang = (
            project.language(first) if first in {other.code for other in project.parent_languages} else project.language(source)
        )
        target = posixpath.relpath(site_path(new) or ".", site_path(old).rstrip("/") or ".") + "/"
        out = site / site_path(old) / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            redirect_page(target.replace("/./", "/"), lang.code, lang.dir, lang.ui["moved_title"], lang.ui["moved_text"]),
            encoding="utf-8",
        )
    for (page, old_id), new_id in redirects.anchors.items():
        path = site / site_path(page) / "index.html"
        if not path.is_file():
            if partial:
                continue
            problems.append(
                Problem(
                    "data/redirects.yml",
                    0,
                    f"the anchor redirect names the page '{page}', which does not exist",
                    "use the page's address",
                )
            )
            continue
        text = path.read_text(encoding="utf-8")
        marker = f'id="{new_id}"'
        if marker not in text:
            problems.append(
                Problem("data/redirects.yml", 0, f"'{page}' has no id '{new_id}' to send #{old_id} to", "use an existing id")
            )
            continue
        # the old id as an empty anchor just before the element that now has the new id
        start = text.rfind("<", 0, text.index(marker))
        text = text[:start] + f'<a id="{old_id}" class="hb-anchor-alias" aria-hidden="true"></a>' + text[start:]
        path.write_text(text, encoding="utf-8")
    return problems


def apply(project: Project, site: Path, check_lock: bool = True, partial: bool = False) -> list[Problem]:
    """Write forwarding pages and anchor aliases; then check every published address."""
    problems = write_redirects(project, site, partial)
    if problems or not check_lock:
        return problems
    return check(project, site, scan_pages(site))


def check(project: Project, site: Path, pages: dict[str, PageIds] | None = None) -> list[Problem]:
    """Every published address and anchor is still there (``pages``: the site's pages and
    ids, when the caller has read them already)."""
    lock = load_lock(project)
    if lock.problems:
        return lock.problems
    redirects = load_redirects(project)
    problems = []
    for address, ids in lock.pages.items():
        path = site / site_path(address) / "index.html"
        if not path.is_file():
            problems.append(
                Problem(
                    f"data/{LOCK}",
                    lock.line_of(address),
                    f"the published address '{address}' has disappeared",
                    "restore the page, or add a redirect to its new address in data/redirects.yml",
                )
            )
            continue
        if address in redirects.pages:
            continue
        known = pages.get(address) if pages is not None else None
        present = known.present if known is not None else all_ids(path.read_text(encoding="utf-8"))
        for anchor in ids:
            if anchor not in present:
                problems.append(
                    Problem(
                        f"data/{LOCK}",
                        lock.line_of(address, anchor),
                        f"the published anchor '{address}#{anchor}' has disappeared",
                        "keep the id, or add an anchor redirect (page, from_anchor, to_anchor) in data/redirects.yml",
                    )
                )
    return problems
