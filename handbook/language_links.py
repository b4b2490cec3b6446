"""Relative URLs between pages of the built site, so it works under any path.

(Links from a translation to pages that exist only in Norwegian are rewritten by the
Markdown extension's link processor, handbook.markdown_ext.)"""

from __future__ import annotations

import posixpath


def relative_url(from_page_url: str, to_url: str) -> str:
    """Relative URL between two site-root URLs in MkDocs' directory form ('a/b/', '' for home)."""
    start = from_page_url.rstrip("/") or "."
    target = to_url.rstrip("/") or "."
    rel = posixpath.relpath(target, start)
    return rel + "/" if rel != "." else "./"
