"""The way off MkDocs 1.x: ProperDocs, the maintained fork, builds the handbook with the same
bytes as MkDocs apart from the generator tag (README, «If MkDocs 1.x goes away»)."""

import json
import re

from test_build import tree_digest

from handbook.build import build

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


def test_properdocs_builds_the_same_site_as_mkdocs(mini, tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path / "no-sources"))
    env = {"HANDBOOK_PDFS": "false"}
    with_mkdocs = build(mini, tmp_path / "mkdocs", env=env, echo=False, generator="mkdocs")
    with_properdocs = build(mini, tmp_path / "properdocs", env=env, echo=False, generator="properdocs")
    assert b"ProperDocs" in (with_properdocs / "index.html").read_bytes()  # it really was ProperDocs
    # the offline lists (handbook/offline.py) record each page's size and hash, generator tag
    # included, and the service worker is named by them: the same files, other hashes
    lists = [
        {row[0] for row in json.loads((site / "offline" / "nb.json").read_text())["files"]}
        for site in (with_mkdocs, with_properdocs)
    ]
    assert lists[0] == lists[1]
    for site in (with_mkdocs, with_properdocs):
        for page in site.rglob("*.html"):
            page.write_bytes(GENERATOR_TAG.sub(b"", page.read_bytes()))
        for made in [site / "sw.js", *(site / "offline").iterdir()]:
            made.unlink()
    assert tree_digest(with_mkdocs) == tree_digest(with_properdocs)
