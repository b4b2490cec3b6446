"""Checks over the built site: what a browser would actually get.

* every page's ``<html lang>`` is its language and ``<body dir>`` its direction;
* every ``<title>`` is unique within its language;
* nothing the browser would fetch by itself (scripts, styles, images, fonts, frames,
  CSS ``url()``/``@import``, absolute URLs in JavaScript) points to another host;
* every internal link and anchor resolves to a built file and an element id.

Links a reader may choose to follow (``<a href="https://lovdata.no/…">``) are not
requests and are allowed.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from . import fingerprint
from .problems import Problem
from .project import Project

# Namespace identifiers that look like URLs but are never fetched.
NAMESPACE_URLS = (
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/1998/Math/MathML",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/2000/xmlns/",
    "http://www.sitemaps.org/schemas/sitemap/0.9",
    "http://www.w3.org/2005/Atom",
)
# Link relations that do not make the browser fetch anything.
NON_FETCHING_RELS = {"alternate", "canonical", "prev", "next", "author", "license", "help", "search"}
# data-polyfill: the address overrides/assets/javascripts/polyfills.js loads the polyfill from
FETCHING_ATTRS = {"src", "srcset", "poster", "data", "action", "formaction", "background", "data-polyfill"}

URL_IN_CODE = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s"'`)<>]*""")
_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=False, no_network=True)
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class HtmlFacts:
    lang: str | None = None
    body_dir: str | None = None
    title: str = ""
    ids: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, href) of <a>
    fetches: list[tuple[int, str]] = field(default_factory=list)  # (line, url) fetched by the browser
    inline_styles: list[tuple[int, str]] = field(default_factory=list)
    inline_scripts: list[tuple[int, str]] = field(default_factory=list)
    redirect: bool = False  # a page left at an old address (handbook.published)
    promised: list[str] = field(default_factory=list)  # ids worth promising: headings, checklist items (handbook.published)


#: Elements whose ids are promised to readers who link to them (handbook.published): headings
#: and checklist items, not Material's own ids.
PROMISING_HEADINGS = {"h2", "h3", "h4"}
CHECKLIST_ITEM = "hb-checklist__item"


def scan_html(text: str | bytes) -> HtmlFacts:
    """What a browser would see in one page: language, title, ids, links and fetches, with lines.

    libxml2's HTML parser (through lxml) reads a page about ten times faster than
    html.parser, which matters on a site of a thousand pages and more."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    facts = HtmlFacts()
    if not data.strip():
        return facts
    root = etree.fromstring(data, parser=_PARSER)
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue  # a comment or processing instruction
        line = element.sourceline or 0
        attrs = element.attrib
        if tag == "html":
            facts.lang = attrs.get("lang")
        elif tag == "body":
            facts.body_dir = attrs.get("dir")
        elif tag == "title" and not facts.title:
            facts.title = "".join(element.itertext())
        classes = attrs.get("class")
        if classes:
            facts.classes.update(classes.split())
        if attrs.get("id"):
            facts.ids.add(attrs["id"])
            if tag in PROMISING_HEADINGS or tag == "li" and CHECKLIST_ITEM in (classes or "").split():
                facts.promised.append(attrs["id"])
        if tag == "a":
            if attrs.get("name"):
                facts.ids.add(attrs["name"])
            if attrs.get("href") is not None:
                facts.links.append((line, attrs["href"]))
        elif tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if not rels or not rels <= NON_FETCHING_RELS:
                facts.fetches.append((line, attrs["href"]))
        elif tag == "meta":
            if attrs.get("name") == "handbook-redirect":
                facts.redirect = True
            if (attrs.get("http-equiv") or "").lower() == "refresh":
                content = attrs.get("content") or ""
                if "url=" in content.lower():
                    facts.fetches.append((line, content.split("=", 1)[1].strip()))
        elif tag in ("style", "script") and element.text:
            target = facts.inline_styles if tag == "style" else facts.inline_scripts
            target.append((line, element.text))
        for key in FETCHING_ATTRS.intersection(attrs.keys()):
            value = attrs[key]
            if value:
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if key == "srcset" else [value]
                facts.fetches.extend((line, url) for url in urls if url)
        if attrs.get("style"):
            facts.inline_styles.append((line, attrs["style"]))
    return facts


@dataclass(frozen=True)
class KnownPage:
    """A page's facts, worked out from its text as MkDocs wrote it, and that text's digest."""

    digest: str
    facts: HtmlFacts


def scan_written(pages: list[tuple[str, str]]) -> dict[str, KnownPage]:
    """The facts of pages as MkDocs writes them ((site path, HTML) each), worked out while the
    next language renders (handbook.plugin): the published addresses and the built-site checks
    then read each file only to see that it is still what was scanned (issue 19)."""
    known = {}
    for rel, text in pages:
        data = text.encode("utf-8", errors="xmlcharrefreplace")  # as mkdocs.commands.build writes it
        known[rel] = KnownPage(hashlib.sha256(data).hexdigest(), scan_html(data))
    return known


def page_facts(site_dir: Path, rel: str, known: dict[str, KnownPage] | None = None) -> HtmlFacts:
    """The facts of one built page: scanned already when its bytes are those that were scanned
    (a later step may have changed the page: an anchor alias, handbook.published), else now."""
    data = (site_dir / rel).read_bytes()
    hit = known.get(rel) if known else None
    if hit is not None and hit.digest == hashlib.sha256(data).hexdigest():
        return hit.facts
    return scan_html(data)


def is_third_party(url: str, own_hosts: set[str]) -> bool:
    url = url.strip()
    if url.startswith(NAMESPACE_URLS):
        return False
    parts = urlsplit(url if not url.startswith("//") else "https:" + url)
    if parts.scheme in ("", "data", "blob", "about", "javascript", "mailto", "tel"):
        return parts.scheme == "" and url.startswith("//") and parts.hostname not in own_hosts
    return parts.hostname not in own_hosts


def urls_in_code(text: str) -> list[tuple[int, str]]:
    """Absolute URLs in JavaScript or CSS source, with their line numbers."""
    found = []
    for match in URL_IN_CODE.finditer(text):
        url = match.group(0)
        if url.startswith("//") and not re.match(r"//[a-z0-9-]+(\.[a-z0-9-]+)+/", url):
            continue  # a comment such as '// e.g.' or a regex, not a protocol-relative URL
        found.append((text.count("\n", 0, match.start()) + 1, url))
    return found


def css_urls(text: str) -> list[tuple[int, str]]:
    return [(text.count("\n", 0, m.start()) + 1, m.group(1) or m.group(2)) for m in CSS_URL.finditer(text)]


@dataclass
class BuiltSite:
    root: Path
    source_lang: str
    parent_langs: dict[str, str]  # code -> dir
    source_dir: str
    pages: dict[str, HtmlFacts] = field(default_factory=dict)  # site path -> facts
    files: set[str] = field(default_factory=set)  # every built file, as a site path
    dirs: set[str] = field(default_factory=set)  # every built folder, as a site path ('' is the root)
    reused: int = 0  # pages whose facts were worked out while they were written (scan_written)

    def language_of(self, rel: str) -> str:
        first = rel.split("/", 1)[0]
        return first if first in self.parent_langs and "/" in rel else self.source_lang

    def dir_of(self, lang: str) -> str:
        return self.parent_langs.get(lang, self.source_dir)


def load_site(project: Project, site_dir: Path, under: str = "", known: dict[str, KnownPage] | None = None) -> BuiltSite:
    """The built site's files and pages (``under``: only those in one folder, e.g. 'pagefind';
    ``known``: pages scanned while they were written, :func:`scan_written`)."""
    site = BuiltSite(
        site_dir,
        project.source_language.code,
        {lang.code: lang.dir for lang in project.parent_languages},
        project.source_language.dir,
    )
    # one walk of the tree instead of a stat() per link: the link check asks thousands of times
    for folder, _subdirs, names in os.walk(site_dir / under):
        rel_dir = Path(folder).relative_to(site_dir).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        site.dirs.add(rel_dir)
        for name in names:
            site.files.add(posixpath.join(rel_dir, name))
    for rel in sorted(site.files):
        if rel.endswith(".html"):
            site.pages[rel] = page_facts(site_dir, rel, known)
            site.reused += known is not None and rel in known and site.pages[rel] is known[rel].facts
    return site


def own_hosts(site_url: str | None) -> set[str]:
    hosts = {"127.0.0.1", "localhost"}
    if site_url:
        host = urlsplit(site_url).hostname
        if host:
            hosts.add(host)
    return hosts


def check_lang_and_dir(site: BuiltSite) -> list[Problem]:
    problems = []
    for rel, facts in site.pages.items():
        if rel.startswith(("assets/", "pagefind/")):
            continue
        lang = site.language_of(rel)
        want_dir = site.dir_of(lang)
        if facts.lang != lang:
            problems.append(
                Problem(
                    f"site/{rel}",
                    0,
                    f"<html lang> is {facts.lang!r}, expected {lang!r}",
                    "check the language's entry in data/languages.yml and the page's folder",
                )
            )
        if facts.body_dir != want_dir:
            problems.append(
                Problem(
                    f"site/{rel}",
                    0,
                    f"<body dir> is {facts.body_dir!r}, expected {want_dir!r}",
                    "set 'dir' for the language in data/languages.yml",
                )
            )
    return problems


def check_unique_titles(site: BuiltSite) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], str] = {}
    for rel, facts in site.pages.items():
        if rel.startswith(("assets/", "pagefind/")) or rel.endswith("404.html") or facts.redirect:
            continue
        key = (site.language_of(rel), " ".join(facts.title.split()))
        if key in seen:
            problems.append(
                Problem(
                    f"site/{rel}",
                    0,
                    f"the title '{key[1]}' is also the title of site/{seen[key]}",
                    "give each page a unique 'title:' in its front matter",
                )
            )
        else:
            seen[key] = rel
    return problems


@dataclass(frozen=True)
class ReviewedUrl:
    url: str
    match: str
    unless: str

    def covers(self, url: str) -> bool:
        return url.startswith(self.url) if self.match == "prefix" else url == self.url


def load_reviewed_urls(project: Project) -> tuple[list[ReviewedUrl], list[Problem]]:
    located, problems, _ = project.read_data("shipped_urls")
    if located is None:
        return [], problems
    return [ReviewedUrl(e["url"], e.get("match", "exact"), e["unless"]) for e in located.data["urls"]], []


def check_unfetched_conditions(site: BuiltSite, reviewed: list[ReviewedUrl]) -> list[Problem]:
    """The conditions under which reviewed URLs stay unfetched hold on every page."""
    problems = []
    needed = {r.unless for r in reviewed}
    for rel, facts in site.pages.items():
        label = f"site/{rel}"
        if rel.startswith("pagefind/"):
            continue
        if "no-mermaid" in needed and "mermaid" in facts.classes:
            problems.append(
                Problem(
                    label,
                    0,
                    "the page has a Mermaid diagram, which makes Material fetch mermaid from unpkg.com",
                    "draw the figure as an SVG file instead",
                )
            )
        if "no-repo-url" in needed and "md-source" in facts.classes:
            problems.append(
                Problem(
                    label,
                    0,
                    "the header shows repository statistics, which Material fetches from api.github.com",
                    "remove repo_url from mkdocs.yml",
                )
            )
        loads_material = any(re.search(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js$", url) for _, url in facts.fetches)
        if (
            "local-resize-observer" in needed
            and loads_material
            and not any(re.search(r"assets/javascripts/polyfills(\.[0-9a-f]{8})?\.js$", url) for _, url in facts.fetches)
        ):
            problems.append(
                Problem(
                    label,
                    0,
                    "the page does not load the shipped ResizeObserver polyfill, so old browsers would fetch it from unpkg.com",
                    "keep the extrahead block of overrides/main.html, which loads assets/javascripts/polyfills.js",
                )
            )
    return problems


def check_third_party(site: BuiltSite, hosts: set[str], reviewed: list[ReviewedUrl]) -> list[Problem]:
    problems = []

    def report(label, line, url, what):
        problems.append(
            Problem(
                label,
                line,
                f"{what} requests a third-party URL: {url}",
                "ship the file with the site (overrides/assets/) or remove the reference",
            )
        )

    for rel, facts in site.pages.items():
        label = f"site/{rel}"
        for line, url in facts.fetches:
            if is_third_party(url, hosts):
                report(label, line, url, "the page")
        for line, style in facts.inline_styles:
            for offset, url in css_urls(style):
                if is_third_party(url, hosts):
                    report(label, line + offset - 1, url, "an inline style")
        for line, script in facts.inline_scripts:
            for offset, url in urls_in_code(script):
                if is_third_party(url, hosts):
                    report(label, line + offset - 1, url, "an inline script")
    for rel in sorted(site.files):
        if not rel.endswith((".css", ".js", ".mjs")):
            continue
        text = (site.root / rel).read_text(encoding="utf-8", errors="replace")
        urls = css_urls(text) if rel.endswith(".css") else urls_in_code(text)
        for line, url in urls:
            if is_third_party(url, hosts) and not any(r.covers(url) for r in reviewed):
                problems.append(
                    Problem(
                        f"site/{rel}",
                        line,
                        f"the file contains a third-party URL: {url}",
                        "ship what it points to with the site, or, if a browser never fetches it here, "
                        "review it and add it to data/shipped_urls.yml with the reason",
                    )
                )
    problems += check_unfetched_conditions(site, reviewed)
    return problems


def _internal_target(site: BuiltSite, rel: str, line: int, href: str, hosts: set[str], base_path: str):
    """The built file an address on page ``rel`` leads to: (site path, None), (None, problem)
    when the address is malformed for this site, or (None, None) for another site's address."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.hostname in hosts and parts.path.startswith(base_path):
            target_path = parts.path[len(base_path) :]
        else:
            return None, None  # an external address
    elif not parts.path:
        target_path = rel
    elif parts.path.startswith("/") and rel.endswith("404.html") and parts.path.startswith(base_path):
        # an error page is served at any URL, so its addresses are absolute from the site's path
        target_path = posixpath.normpath(unquote(parts.path[len(base_path) :]) or ".")
    elif parts.path.startswith("/"):
        return None, Problem(
            f"site/{rel}",
            line,
            f"the link {href} is absolute from the server root",
            "link to the Markdown file (e.g. ../side.md); the site must work under any path",
        )
    else:
        target_path = posixpath.normpath(posixpath.join(posixpath.dirname(rel), unquote(parts.path)))
    if target_path.startswith(".."):
        return None, Problem(f"site/{rel}", line, f"the link {href} leaves the site", "fix the relative path")
    target_path = "" if target_path == "." else target_path
    if target_path in site.dirs or href.split("#")[0].endswith("/") or target_path == "":
        return posixpath.join(target_path, "index.html"), None
    return target_path, None


def check_internal_links(site: BuiltSite, hosts: set[str], base_path: str = "/") -> list[Problem]:
    """Every internal href resolves to a built file, and every #fragment to an id in it."""
    problems = []
    for rel, facts in site.pages.items():
        if rel.startswith(("assets/", "pagefind/")):
            continue
        for line, href in facts.links:
            target_rel, problem = _internal_target(site, rel, line, href, hosts, base_path)
            if problem is not None:
                problems.append(problem)
            if target_rel is None:
                continue
            if target_rel not in site.files:
                problems.append(
                    Problem(
                        f"site/{rel}",
                        line,
                        f"the link {href} leads nowhere (no {target_rel})",
                        "fix the link in the page's Markdown",
                    )
                )
                continue
            fragment = unquote(urlsplit(href).fragment)
            if fragment and target_rel.endswith(".html"):
                target = site.pages.get(target_rel)
                if target is not None and fragment not in target.ids:
                    problems.append(
                        Problem(
                            f"site/{rel}",
                            line,
                            f"the link {href} points to #{fragment}, which {target_rel} does not have",
                            "link to an existing heading id (ids are shown in the page's table of contents)",
                        )
                    )
    return problems


def check_internal_fetches(site: BuiltSite, hosts: set[str], base_path: str = "/") -> list[Problem]:
    """Every file a page makes the browser fetch from this site (a stylesheet, a script, an
    image, an icon) is in the built site. An own asset is published under its content-hashed
    name (handbook.fingerprint): a template that names it without the ``asset`` filter points
    at a file that is not there. A missing file is one problem, shown at the first page that
    fetches it (a template puts it on every page)."""
    problems = []
    missing: dict[str, list[tuple[str, int, str]]] = {}
    for rel, facts in sorted(site.pages.items()):
        if rel.startswith(("assets/", "pagefind/")) or facts.redirect:
            continue
        for line, url in facts.fetches:
            target_rel, problem = _internal_target(site, rel, line, url, hosts, base_path)
            if problem is not None:
                problems.append(problem)
            if target_rel is not None and target_rel not in site.files:
                missing.setdefault(target_rel, []).append((rel, line, url))
    for target_rel, places in missing.items():
        rel, line, url = places[0]
        others = len({page for page, _, _ in places}) - 1
        plain = fingerprint.needs_hash(target_rel)
        problems.append(
            Problem(
                f"site/{rel}",
                line,
                f"the page fetches {url}, which the site does not have (no {target_rel})"
                + (f"; {others} other page(s) fetch it too" if others else "")
                + ("; own assets are published under content-hashed names" if plain else ""),
                f"in a template, name the asset through the asset filter: {{{{ '{target_rel}' | asset | url }}}}"
                if plain
                else "ship the file with the site or fix the address",
            )
        )
    return problems


def check_bundle(project: Project, site_dir: Path, site_url: str | None, folder: str) -> list[Problem]:
    """The third-party check on one folder written after :func:`check_site` ran (Pagefind's
    bundle, which is made beside the site checks: handbook.search.Indexing)."""
    site = load_site(project, Path(site_dir), folder)
    reviewed, problems = load_reviewed_urls(project)
    return sorted(set(problems + check_third_party(site, own_hosts(site_url), reviewed)))


def check_site(
    project: Project, site_dir: Path, site_url: str | None, known: dict[str, KnownPage] | None = None
) -> list[Problem]:
    """Every check of the built site (``known``: pages scanned while they were written)."""
    return check_loaded(project, load_site(project, Path(site_dir), known=known), site_url)


def check_loaded(project: Project, site: BuiltSite, site_url: str | None) -> list[Problem]:
    """Every check of a built site already read (:func:`load_site`; the build reads it once
    for these checks and the published addresses)."""
    hosts = own_hosts(site_url)
    base_path = urlsplit(site_url or "/").path or "/"
    problems = []
    problems += check_lang_and_dir(site)
    problems += check_unique_titles(site)
    reviewed, reviewed_problems = load_reviewed_urls(project)
    problems += reviewed_problems
    problems += check_third_party(site, hosts, reviewed)
    problems += check_internal_links(site, hosts, base_path)
    problems += check_internal_fetches(site, hosts, base_path)
    return sorted(set(problems))
