"""The way off MkDocs 1.x: ProperDocs, the maintained fork, builds the handbook with the same
bytes as MkDocs apart from the generator tag (README, «If MkDocs 1.x goes away»)."""

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
    for site in (with_mkdocs, with_properdocs):
        for page in site.rglob("*.html"):
            page.write_bytes(GENERATOR_TAG.sub(b"", page.read_bytes()))
    assert tree_digest(with_mkdocs) == tree_digest(with_properdocs)
