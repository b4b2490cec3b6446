"""Sources: the registry, citations in pages, and the rules the build enforces."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import sources
from handbook.docs_checks import check_project
from handbook.project import Project


def test_citations_parse_with_locators_and_line_references():
    cites = sources.parse_citation("@ta-grep, «Hjemmebesøk», L449–460; @rokkan-2015, kap. 9")
    assert [(c.source_id, c.locator, c.lines) for c in cites] == [
        ("ta-grep", "«Hjemmebesøk»", "L449–460"), ("rokkan-2015", "kap. 9", "")]


@pytest.mark.parametrize("body", ["ta-grep", "@", "@Ta Grep", "@a; b"])
def test_malformed_citations_are_errors(body):
    with pytest.raises(ValueError):
        sources.parse_citation(body)


def test_a_citation_renders_as_a_link_to_the_sources_page(project):
    out = sources.render_citations("Påstand [@ta-grep, «Hjemmebesøk», L449–460].", sources.registry(project), "../kilder/")
    assert 'href="../kilder/#kilde-ta-grep"' in out
    assert "Ringsbye, PPT for Ytre Nordmøre, «Hjemmebesøk»" in out
    assert "linje 449–460" in out and "L449" not in out.split("title=")[0]  # line numbers only in the tooltip


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_random_text_in_a_citation_is_reported_or_rendered_never_a_crash(text):
    body = "@" + text.replace("]", "").replace("\n", " ")
    try:
        cites = sources.parse_citation(body)
    except ValueError:
        return
    assert all(c.source_id for c in cites)


def test_the_real_pages_cite_only_known_sources_they_declare(project):
    assert [p for p in sources.check_project(project)] == []


def edit_page(project_copy, old, new, page="docs/nb/veiledning/hjemmebesok.md"):
    path = project_copy / page
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return [str(p) for p in check_project(Project(project_copy))]


def test_an_unknown_source_id_stops_the_build(project_copy):
    problems = edit_page(project_copy, "[@ta-grep", "[@finnes-ikke")
    assert any("docs/nb/veiledning/hjemmebesok.md:" in p and "unknown source id 'finnes-ikke'" in p for p in problems)


def test_a_declared_source_the_page_never_cites_stops_the_build(project_copy):
    problems = edit_page(project_copy, "sources: [", "sources: [nou-2015-2, ")
    assert any("lists 'nou-2015-2' under 'sources:' but never cites it" in p for p in problems)


def test_a_guidance_page_without_sources_stops_the_build(project_copy):
    path = project_copy / "docs/nb/veiledning/hjemmebesok.md"
    lines = [line for line in path.read_text().split("\n") if not line.startswith("sources:")]
    path.write_text("\n".join(lines))
    problems = [str(p) for p in check_project(Project(project_copy))]
    assert any("docs/nb/veiledning/hjemmebesok.md:1: a guidance or research page must show its sources" in p for p in problems)


def test_the_sources_page_lists_every_source_with_the_pages_citing_it(project):
    md = sources.SourcesPage(project).markdown("kilder.md")
    registry = sources.registry(project)
    for source_id in registry.sources:
        assert f"{{#kilde-{source_id}}}" in md
    assert "[Hjemmebesøk](veiledning/hjemmebesok.md)" in md
