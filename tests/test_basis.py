"""Basis labels: what each section of advice rests on, checked both ways against the
section's citations and law references, and shown under the heading (handbook/basis.py)."""

from __future__ import annotations

import pytest
from conftest import render

from handbook import basis

GUIDE = {"uri": "veiledning/x.md", "meta": {"sources": ["praksis-hefte", "studie", "veileder"], "audience": ["lærer"]}}


def problems(factory, project, text, **options):
    _, found = render(factory, project, text, **{**GUIDE, **options})
    return [f.message for f in found.problems]


SECTION = "## Hvorfor {{#hvorfor{label}}}\n\nSkolen skal samarbeide [§ opplaringslova 10-3], og det virker [@studie].\n"


def test_a_label_that_matches_both_ways_passes_and_shows_under_the_heading(markdown_factory, mini_project):
    html, found = render(markdown_factory, mini_project, SECTION.format(label=' basis="lovkrav forskning forslag"'), **GUIDE)
    assert found.problems == []
    heading, line = html.split("</h2>", 1)
    assert "hb-basis" not in heading  # the heading's name stays its own (contents, search, screen readers)
    assert line.lstrip().startswith('<p class="hb-basis">Bygger på: ')
    assert 'href="../../om/grunnlag/#lovkrav"' in line and ">Forskning<" in line and ">Håndbokas forslag<" in line


@pytest.mark.parametrize(
    "label, says",
    [
        ("", "does not say what its advice rests on"),
        (' basis="lovkrav"', "cites a source with basis forskning but its label does not say «Forskning»"),
        (' basis="lovkrav forskning praksis"', "is labelled «Erfaring fra praksis» but cites no source with basis praksis"),
        (' basis="lovkrav forskning meninger"', "unknown basis: meninger"),
    ],
)
def test_labels_must_be_true(markdown_factory, mini_project, label, says):
    found = problems(markdown_factory, mini_project, SECTION.format(label=label))
    assert len(found) == 1 and says in found[0], found


def test_subsections_count_for_their_section_and_cannot_have_their_own_label(markdown_factory, mini_project):
    text = (
        '## Slik {#slik basis="praksis"}\n\nIntro.\n\n### Del {#del}\n\nInviter tidlig [@praksis-hefte, s. 3].\n\n'
        '### Mer {#mer basis="forslag"}\n\nTekst.\n'
    )
    assert problems(markdown_factory, mini_project, text) == ["a basis label on a ### heading («Mer»)"]


def test_labels_are_required_on_guidance_pages_only_but_checked_wherever_they_are(markdown_factory, mini_project):
    plain = "## Om {#om}\n\nTekst.\n"
    assert problems(markdown_factory, mini_project, plain, uri="om/x.md") == []
    assert problems(markdown_factory, mini_project, plain) != []
    wrong = '## Om {#om basis="forskning"}\n\nTekst.\n'
    assert problems(markdown_factory, mini_project, wrong, uri="om/x.md") != []


def test_a_checklist_section_is_matched_against_its_items(markdown_factory, mini_project):
    page = mini_project.pages["nb"]["sjekklister/samtale.md"]
    html, found = render(markdown_factory, mini_project, page.body, uri=page.uri, meta=page.meta)
    assert found.problems == [] and html.count('<p class="hb-basis">') == 2
    meta = {
        **page.meta,
        "checklist": {
            **page.meta["checklist"],
            "sections": [{**page.meta["checklist"]["sections"][0], "basis": ["praksis"]}, page.meta["checklist"]["sections"][1]],
        },
    }
    _, found = render(markdown_factory, mini_project, page.body, uri=page.uri, meta=meta)
    assert [f.message for f in found.problems] == [
        "the section «Før samtalen» cites the law but its label does not say «Lovkrav»"
    ]


def test_labels_are_not_shown_in_a_translation(markdown_factory, mini_project):
    html, found = render(
        markdown_factory,
        mini_project,
        SECTION.format(label=' basis="lovkrav forskning"'),
        lang="en",
        uri="foreldre/x.md",
        meta=GUIDE["meta"],
    )
    assert found.problems == [] and "hb-basis" not in html and "basis=" not in html


def test_the_explanation_page_lists_every_kind(mini_project):
    text = basis.explanation_markdown(mini_project)
    for kind in basis.kinds(mini_project).values():
        assert f"{{#{kind.id}}}" in text and kind.label in text
