"""Basis labels (handbook/basis.py): each section says what its advice rests on, the label
matches the section's references both ways, and the label is rendered after the heading."""

import markdown

from handbook import basis, checklists
from handbook.project import DocPage

SOURCE_BASIS = {"heftet": "praksis", "rapport": "forskning", "udir": "veiledning", "loven": "lov"}


def test_kinds_come_from_citations_and_law_references():
    text = "Råd [@heftet, L1–2] og funn [@rapport, kap. 2; @udir] etter [§ opplaringslova 10-3]."
    assert basis.kinds_in(text, SOURCE_BASIS) == {"praksis", "forskning", "veiledning", "lovkrav"}
    assert basis.kinds_in("Loven [@loven] og en omtale av \\§ 10-3.", SOURCE_BASIS) == {"lovkrav"}
    assert basis.kinds_in("Bare egne ord.", SOURCE_BASIS) == set()


def test_a_label_without_a_reference_of_that_kind_fails():
    problems = basis.label_problems(["forskning", "forslag"], {"praksis"})
    assert any(what == "the label «forskning» is not backed by a citation of a source with basis forskning in the section"
               for what, _ in problems)
    assert any("basis praksis" in what and "does not say praksis" in what for what, _ in problems)


def test_a_cited_kind_without_a_label_fails():
    problems = basis.label_problems(["forslag"], {"lovkrav"})
    assert [what for what, _ in problems] == ["the section refers to the law, but its label does not say lovkrav"]


def test_matching_labels_pass_and_forslag_needs_no_source():
    assert basis.label_problems(["lovkrav", "praksis", "forslag"], {"lovkrav", "praksis"}) == []
    assert basis.label_problems(["forslag"], set()) == []


def test_missing_and_unknown_labels_fail():
    assert [w for w, _ in basis.label_problems([], set())] == ["the section has no basis label"]
    assert [w for w, _ in basis.label_problems(["meninger"], set())] == ["unknown basis «meninger»"]


BODY = """# Side

Ingress uten overskrift [@rapport].

## Før møtet {#for basis="praksis forslag"}

Gjør slik [@heftet, L3].

### Underpunkt {#under}

Og slik [§ opplaringslova 10-3].

```
## Ikke en overskrift {#kode basis="forskning"}
```

## Etterpå {#etter}

Bare egne ord.
"""


def page(body: str, uri: str = "veiledning/x.md") -> DocPage:
    return DocPage("nb", uri, None, f"docs/nb/{uri}", {"_lines": {}}, body, 1)


def test_sections_include_their_subsections_and_skip_code():
    found = basis.sections(BODY)
    assert [(s.title, s.labels) for s in found] == [("Før møtet", ["praksis", "forslag"]), ("Etterpå", None)]
    assert "opplaringslova 10-3" in found[0].text and "Ikke en overskrift" not in found[0].title


def test_a_guidance_page_is_checked_section_by_section():
    problems = [str(p) for p in basis.check_page(page(BODY), SOURCE_BASIS, required=True)]
    # the ### section's law reference counts for its ## section, which does not say lovkrav
    assert any(p.startswith("docs/nb/veiledning/x.md:5:") and "does not say lovkrav" in p for p in problems)
    assert any(p.startswith("docs/nb/veiledning/x.md:17:") and "no basis label" in p for p in problems)
    fixed = BODY.replace('basis="praksis forslag"', 'basis="lovkrav praksis forslag"').replace("{#etter}", '{#etter basis="forslag"}')
    assert basis.check_page(page(fixed), SOURCE_BASIS, required=True) == []


def test_labels_are_optional_outside_guidance_pages_but_checked_when_present():
    assert basis.check_page(page("## Fritt {#fritt}\n\nTekst [@rapport].\n"), SOURCE_BASIS, required=False) == []
    wrong = page('## Feil {#feil basis="lovkrav"}\n\nTekst.\n')
    assert any("«lovkrav» is not backed by a law reference" in str(p) for p in basis.check_page(wrong, SOURCE_BASIS, required=False))


def test_a_label_on_a_level_three_heading_is_refused():
    body = '## A {#a basis="forslag"}\n\n### B {#b basis="praksis"}\n\nTekst.\n'
    assert any("### heading" in str(p) for p in basis.check_page(page(body), SOURCE_BASIS, required=True))


def test_checklist_sections_are_matched_against_their_items():
    meta = {"_lines": {}, "checklist": {"situation": "Skolens rutiner", "sections": [
        {"id": "a", "title": "A", "basis": ["forskning"], "items": [
            {"id": "i", "text": "Gjør noe.", "why": "Fordi.", "ref": "[@heftet, L1]"}]}]}}
    problems = [str(p) for p in basis.check_page(DocPage("nb", "sjekklister/a.md", None, "docs/nb/sjekklister/a.md", meta, "", 1),
                                                SOURCE_BASIS, required=False)]
    assert any("checklist section «A»" in p and "«forskning» is not backed" in p for p in problems)
    assert any("does not say praksis" in p for p in problems)


def render(text: str, uri: str = "veiledning/side.md", show: bool = True):
    extension = basis.BasisExtension()
    extension.page_uri, extension.show = uri, show
    md = markdown.Markdown(extensions=["attr_list", "toc", extension], extension_configs={"toc": {"permalink": "#"}})
    return md.convert(text), md


def test_the_label_is_rendered_after_the_heading_text_and_links_to_the_explanation():
    html, md = render('## Før møtet {#for basis="praksis forslag"}\n\nTekst.\n')
    assert 'basis=' not in html
    assert html.startswith('<h2 id="for">Før møtet <span class="hb-basis-list">')
    assert '<a class="hb-basis hb-basis-praksis" href="../om/grunnlag.md#praksis">Erfaring fra praksis</a>' in html
    assert '<a class="hb-basis hb-basis-forslag" href="../om/grunnlag.md#forslag">Håndbokas forslag</a>' in html
    assert html.index("hb-basis-list") < html.index('class="headerlink"')  # before the permalink
    assert md.toc_tokens[0]["name"] == "Før møtet"  # not in the table of contents


def test_the_link_is_relative_to_the_page():
    html, _ = render('## A {#a basis="lovkrav"}\n', uri="for-samtalen.md")
    assert 'href="om/grunnlag.md#lovkrav"' in html


def test_without_show_the_attribute_is_removed_and_nothing_added():
    html, _ = render('## A {#a basis="lovkrav"}\n', show=False)
    assert html.startswith('<h2 id="a">A<a class="headerlink"') and "hb-basis" not in html and "basis=" not in html


def test_checklist_headings_carry_the_label_on_norwegian_pages():
    section = checklists.Section("for", "Før", [checklists.Item("i", "Tekst her.", "Fordi det.", None, 1)], 1, ["forslag"])
    checklist = checklists.Checklist(page("", "sjekklister/x.md"), "Skolens rutiner", [section])
    ui = {"checklist_progress": "{done} av {total}", "checklist_reset": "Fjern", "checklist_print": "Skriv ut",
          "checklist_pdf": "PDF", "checklist_date": "Dato", "checklist_name": "Navn", "checklist_why": "Hvorfor",
          "checklist_device_note": "Lagres bare her."}
    assert '## Før {#for basis="forslag"}' in checklists.render(checklist, ui, None, show_basis=True)
    assert "## Før {#for}" in checklists.render(checklist, ui, None)


def test_the_real_pages_have_matching_labels(project):
    assert basis.check_project(project) == []
