"""Content hashes in the names of the site's own assets (CSS, JavaScript, images).

A file whose name says what it contains never changes, so a web server can let browsers keep
it for a year (deploy/nginx.conf: ``immutable``) and a second page view costs one request:
the HTML. Material's own bundle already carries such names (``main.57a0d79d.min.css``); this
step gives the same to the handbook's files after MkDocs has written the site.

Pages refer to assets in attributes (``href``, ``src``, ``data-*``). Every HTML file is
parsed with lxml, every attribute value that points at a renamed asset is collected, and
exactly those quoted values are replaced in the file's text, so nothing else in the file
changes. An asset that names another asset in its own text (a stylesheet's ``url()``, a
script's string) would keep the old name: the build stops and says so, rather than
shipping a broken reference.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from lxml import etree

from handbook.problems import Problem

#: A name that already carries a content hash (Material's and ours): ``name.0123abcd[.min].ext``.
HASHED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.[A-Za-z0-9]+$")
#: Folders under the site whose files are the site's own assets.
ASSET_FOLDERS = ("assets",)
#: Files whose address must never change: browsers look for them by name.
STABLE_NAMES = {"sw.js", "manifest.webmanifest", "favicon.ico", "robots.txt"}


@dataclass(frozen=True)
class Renamed:
    old: str  # site-relative POSIX path, e.g. "assets/stylesheets/handbook.css"
    new: str


def hashed_name(path: PurePosixPath, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:8]
    return f"{path.stem}.{digest}{path.suffix}"


def candidates(site: Path) -> list[Path]:
    """The own assets that do not carry a content hash yet."""
    found = []
    for folder in ASSET_FOLDERS:
        root = site / folder
        if root.is_dir():
            found += [p for p in root.rglob("*") if p.is_file() and not HASHED.search(p.name) and p.name not in STABLE_NAMES]
    return sorted(found)


def _refers_to(text: str, suffix: str, name: str) -> bool:
    """Does an asset's text use ``name`` as an address? In a stylesheet, inside url() or
    @import; elsewhere, inside a quoted string. A comment that mentions a file is not a use."""
    word = rf"(?<![\w.-]){re.escape(name)}(?![\w.-])"
    if suffix == ".css":
        return re.search(rf"(?:url\(|@import)\s*[\"']?[^\"')\n]*{word}", text) is not None
    return re.search(rf"([\"'`])[^\"'`\n]*{word}[^\"'`\n]*\1", text) is not None


def rename_assets(site: Path) -> tuple[dict[str, str], list[Problem]]:
    """Rename every own asset to its hashed name. Returns {old site path: new site path}."""
    files = candidates(site)
    problems: list[Problem] = []
    names = {p.name for p in files}
    for path in files:
        if path.suffix in {".css", ".js", ".json", ".svg", ".html"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            for other in sorted(names - {path.name}):
                if _refers_to(text, path.suffix, other):
                    rel = path.relative_to(site).as_posix()
                    problems.append(
                        Problem(
                            f"site/{rel}",
                            0,
                            f"names another asset ({other}) in its text, which would keep its old name when "
                            "assets get content hashes",
                            "let the page pass the address in an attribute (e.g. data-src on the <script> "
                            "tag) and read it from there",
                        )
                    )
                    break
    if problems:
        return {}, problems
    renamed = {}
    for path in files:
        rel = PurePosixPath(path.relative_to(site).as_posix())
        new = rel.with_name(hashed_name(rel, path.read_bytes()))
        path.rename(site / new)
        renamed[rel.as_posix()] = new.as_posix()
    return renamed, []


_PARSER = etree.HTMLParser(encoding="utf-8")
_WITH_A_DOT = etree.XPath("//@*[contains(., '.')]")


def _page_url(base: str, site: Path, page: Path) -> str:
    return urljoin(base, page.relative_to(site).as_posix())


def rewrite_page(text: str, page_url: str, base: str, renamed: dict[str, str], indexed: list[str] | None = None) -> str:
    """``text`` with every attribute value that points at a renamed asset pointing at its new name.

    ``indexed`` collects the addresses of renamed images inside the text the search indexes
    (``data-pagefind-body``): Pagefind keeps a page's first image, and it reads the pages while
    this runs (handbook.plugin), so such an image would make the index depend on timing."""
    if "<" not in text:
        return text
    # only attribute values that contain a renamed file's name can point at it
    names = [name for name in sorted({PurePosixPath(rel).name for rel in renamed}) if name in text]
    if not names:
        return text
    tree = etree.fromstring(text.encode("utf-8"), parser=_PARSER)
    replacements: dict[str, str] = {}
    base_path = urlsplit(base).path
    found = _WITH_A_DOT(tree)  # a file name has one; asking XPath for each name is slower
    for value in found:
        value = str(value)
        if value in replacements or value.startswith(("#", "data:", "mailto:", "tel:")):
            continue
        if not any(name in value for name in names):
            continue
        target = urlsplit(urljoin(page_url, value))
        if target.netloc != urlsplit(base).netloc or not target.path.startswith(base_path):
            continue
        rel = target.path[len(base_path) :]
        if rel in renamed:
            old_name = PurePosixPath(rel).name
            new_name = PurePosixPath(renamed[rel]).name
            head, sep, tail = value.partition("?") if "?" in value else value.partition("#")
            if head.endswith(old_name):
                replacements[value] = head[: -len(old_name)] + new_name + sep + tail
    if indexed is not None:
        indexed += sorted({str(value) for value in found if str(value) in replacements and _shown_image_in_index(value)})
    for old, new in sorted(replacements.items(), key=lambda item: -len(item[0])):
        for quote in ('"', "'"):
            text = text.replace(f"={quote}{old}{quote}", f"={quote}{new}{quote}")
    return text


def _shown_image_in_index(value) -> bool:
    """Is this attribute value (an lxml smart string) the address of an image in indexed text?"""
    element = value.getparent()
    if element is None or element.tag not in {"img", "source", "image"}:
        return False
    return any(ancestor.get("data-pagefind-body") is not None for ancestor in element.iterancestors())


def replace_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` in one step (a new file renamed over the old): a process
    reading the site meanwhile (Pagefind) reads the old page or the new one, never half."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def apply(site: Path, base: str) -> tuple[dict[str, str], list[Problem]]:
    """Give the site's own assets hashed names and point every page at them.

    ``base`` is the site's public address (any path; only used to resolve relative links)."""
    base = base if base.endswith("/") else base + "/"
    renamed, problems = rename_assets(site)
    if problems or not renamed:
        return renamed, problems
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        indexed: list[str] = []
        new = rewrite_page(text, _page_url(base, site, page), base, renamed, indexed)
        if new != text:
            replace_file(page, new)
        rel = page.relative_to(site).as_posix()
        problems += [
            Problem(
                f"site/{rel}",
                0,
                f"shows the image {address} from the site's assets in the text the search indexes; the "
                "search index would depend on that asset's name",
                "put images that pages show in the language's bilder/ folder (docs/<lang>/bilder/), not in assets/",
            )
            for address in indexed
        ]
    return renamed, problems


def current_name(site: Path, original: str) -> str:
    """The site path an asset has after fingerprinting (``assets/images/logo.svg`` → its hashed
    name), for steps that run afterwards (the offline manifest)."""
    rel = PurePosixPath(original)
    pattern = re.compile(rf"^{re.escape(rel.stem)}\.[0-9a-f]{{8}}{re.escape(rel.suffix)}$")
    matches = [p for p in (site / rel.parent).glob(f"{rel.stem}.*{rel.suffix}") if pattern.match(p.name)]
    if len(matches) == 1:
        return (rel.parent / matches[0].name).as_posix()
    return original
