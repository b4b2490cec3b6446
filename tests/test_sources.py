"""Sources: the registry, the rules only a whole page can tell, and the «Kilder» page.
(Each citation where it stands is tested with the Markdown extension: test_markdown_ext.py.)"""

from conftest import messages

from handbook import sources
from handbook.markdown_ext import CITATION, parse_citation


def test_every_real_citation_names_a_known_source(project):
    registry = sources.registry(project)
    assert registry.problems == []
    for page in project.all_pages():
        texts = [page.body] + [
            item.get("ref", "") for s in (page.meta.get("checklist") or {}).get("sections", []) for item in s["items"]
        ]
        for text in texts:
            for match in CITATION.finditer(text):
                for cite in parse_citation(match.group("body")):
                    assert cite.source_id in registry.sources, f"{page.label}: {cite.source_id}"


def test_every_source_says_what_kind_of_evidence_it_is_and_public_works_what_was_read(project):
    for source in sources.registry(project).sources.values():
        assert source.data["basis"] in ("forskning", "veiledning", "praksis", "lov")
        if source.data.get("url") and "document" not in source.data and not source.data.get("cited_via"):
            assert source.data.get("read") or source.data.get("checked") or source.data["kind"] in ("law", "bill"), source.id


def edit_page(root, old, new, page="docs/nb/veiledning/samarbeid.md"):
    path = root / page
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return messages(root, text=False, only={page})


def test_a_declared_source_the_page_never_cites(mini):
    problems = edit_page(mini, "sources: [praksis-hefte, studie]", "sources: [praksis-hefte, studie, veileder]")
    assert problems == [
        "docs/nb/veiledning/samarbeid.md:6: the page lists 'veileder' under 'sources:' but never cites it"
        " — cite it at the claim it supports with [@veileder, locator], or remove it from 'sources:'"
    ]


def test_an_unknown_source_in_front_matter(mini):
    problems = edit_page(mini, "sources: [praksis-hefte, studie]", "sources: [praksis-hefte, studie, ukjent]")
    assert problems == [
        "docs/nb/veiledning/samarbeid.md:6: unknown source id 'ukjent' in front matter"
        " — use an id from data/sources.yml, or add the source there"
    ]


def test_the_sources_page_lists_every_source_with_the_pages_citing_it(mini_project):
    md = sources.SourcesPage(mini_project).markdown("kilder.md")
    for source_id in sources.registry(mini_project).sources:
        assert f"{{#kilde-{source_id}}}" in md
    assert "[Samarbeid med hjemmet](veiledning/samarbeid.md)" in md
    assert "\\§" not in md or "§" in md  # data text is written so a '§' stays a plain mention


def test_a_paragraph_sign_in_source_data_is_a_plain_mention(mini_project):
    registry = sources.registry(mini_project)
    registry.sources["studie"].data["summary"] = "Om opplæringslova § 10-3 og samarbeid."
    try:
        assert "opplæringslova \\§ 10-3" in sources.SourcesPage(mini_project).markdown("kilder.md")
    finally:
        registry.sources["studie"].data["summary"] = "En studie om samarbeid, brukt i testene."
