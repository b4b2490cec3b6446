"""Content hashes in the names of the site's own assets (CSS, JavaScript, images).

A file whose name says what it contains never changes, so a web server can let browsers keep
it for a year (deploy/nginx.conf: ``immutable``) and a second page view costs one request:
the HTML. Material's own bundle already carries such names (``main.57a0d79d.min.css``); the
handbook gives the same to its own files.

The names are known before anything is rendered: MkDocs copies an asset byte for byte, so
its hash is the hash of its source file (overrides/assets/, Material's folder, a local
edition's logo). The plugin (handbook.plugin) then

* lets MkDocs copy each asset to its hashed name (``on_files``),
* puts the hashed names in the site configuration (``extra_css``, ``extra_javascript``, the
  theme's logo and favicon), and
* gives templates the filter ``asset``: ``{{ 'assets/javascripts/polyfills.js' | asset | url }}``,

so every page is written once, with the final names, and no page is parsed again to rename
them (issue 19). A reference that bypasses the filter leads nowhere, and the built-site check
of every address a page fetches (handbook.site_checks) stops the build there. An asset that
names another asset in its own text (a stylesheet's ``url()``, a script's string) would keep
the old name: the build stops and says so, rather than shipping a broken reference.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from handbook.problems import Problem

#: A name that already carries a content hash (Material's and ours): ``name.0123abcd[.min].ext``.
HASHED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.[A-Za-z0-9]+$")
#: The folder under the site whose files are the site's own assets.
ASSET_FOLDER = "assets"
#: Files whose address must never change: browsers look for them by name.
STABLE_NAMES = {"sw.js", "manifest.webmanifest", "favicon.ico", "robots.txt"}
#: Text files in which one asset could name another.
TEXT_SUFFIXES = {".css", ".js", ".json", ".svg", ".html"}


def hashed_name(path: PurePosixPath, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()[:8]
    return f"{path.stem}.{digest}{path.suffix}"


def needs_hash(site_path: str) -> bool:
    """Is this site path an own asset whose name does not carry a content hash yet?"""
    name = PurePosixPath(site_path).name
    return site_path.startswith(ASSET_FOLDER + "/") and not HASHED.search(name) and name not in STABLE_NAMES


def theme_assets(theme_dirs: Iterable[Path], skip=lambda site_path: False) -> dict[str, Path]:
    """{site path: source file} of the assets the theme folders give the site. The first folder
    that has a path wins, as in MkDocs (overrides/ before Material's own)."""
    found: dict[str, Path] = {}
    for folder in theme_dirs:
        root = Path(folder) / ASSET_FOLDER
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(folder).as_posix()
            if path.is_file() and rel not in found and needs_hash(rel) and not skip(rel):
                found[rel] = path
    return found


def _refers_to(text: str, suffix: str, name: str) -> int | None:
    """The line on which an asset's text uses ``name`` as an address, or None. In a stylesheet,
    inside url() or @import; elsewhere, inside a quoted string. A comment that mentions a file
    is not a use."""
    word = rf"(?<![\w.-]){re.escape(name)}(?![\w.-])"
    if suffix == ".css":
        match = re.search(rf"(?:url\(|@import)\s*[\"']?[^\"')\n]*{word}", text)
    else:
        match = re.search(rf"([\"'`])[^\"'`\n]*{word}[^\"'`\n]*\1", text)
    return None if match is None else text.count("\n", 0, match.start()) + 1


def plan(assets: dict[str, Path], label=lambda path: str(path)) -> tuple[dict[str, str], list[Problem]]:
    """The content-hashed site path of every asset in ``assets`` ({site path: source file}).

    Returns ({old site path: new site path}, problems); with problems, no names. ``label``
    names a source file in a message (the project's relative path)."""
    problems: list[Problem] = []
    names = {PurePosixPath(rel).name for rel in assets}
    for path in sorted(assets.values()):
        if path.suffix not in TEXT_SUFFIXES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for other in sorted(names - {path.name}):
            line = _refers_to(text, path.suffix, other)
            if line is not None:
                problems.append(
                    Problem(
                        label(path),
                        line,
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
    for rel, path in sorted(assets.items()):
        old = PurePosixPath(rel)
        renamed[rel] = old.with_name(hashed_name(old, path.read_bytes())).as_posix()
    return renamed, []


def current_name(site: Path, original: str) -> str:
    """The site path an asset has in a built site (``assets/images/logo.svg`` → its hashed
    name), for steps and tests that only have the site."""
    rel = PurePosixPath(original)
    pattern = re.compile(rf"^{re.escape(rel.stem)}\.[0-9a-f]{{8}}{re.escape(rel.suffix)}$")
    matches = [p for p in (site / rel.parent).glob(f"{rel.stem}.*{rel.suffix}") if pattern.match(p.name)]
    if len(matches) == 1:
        return (rel.parent / matches[0].name).as_posix()
    return original
