"""The handbook's Markdown extension: golden files (input Markdown -> expected HTML), as
FastAPI tests its doc rewriters, and the mistakes it must find, each on its own.

Run with HANDBOOK_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate
change, then read the diff before committing it."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import render
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.markdown_ext import CITATION, locate, parse_citation, parse_law_reference

GOLDEN = Path(__file__).resolve().parent / "golden"
HEADER = re.compile(r"^<!--\s*(?P<settings>[^>]*?)\s*-->\n")


def golden_cases() -> list[Path]:
    return sorted(GOLDEN.glob("*.md"))


def settings_of(text: str) -> tuple[dict, str]:
    match = HEADER.match(text)
    options = dict(part.split(": ", 1) for part in match.group("settings").split(", "))
    return options, text[match.end() :]


@pytest.mark.parametrize("case", golden_cases(), ids=lambda p: p.stem)
def test_golden(case, markdown_factory, mini_project):
    options, text = settings_of(case.read_text(encoding="utf-8"))
    meta = {"sources": ["praksis-hefte", "studie"], "audience": ["lærer"]}
    html, found = render(markdown_factory, mini_project, text, meta=meta, **options)
    expected = case.with_suffix(".html")
    if os.environ.get("HANDBOOK_UPDATE_GOLDEN"):
        expected.write_text(html + "\n", encoding="utf-8")
    assert html + "\n" == expected.read_text(encoding="utf-8")
    assert [f.message for f in found.problems] == []


def problems(factory, project, text, **options) -> list[str]:
    meta = options.pop("meta", {"sources": ["praksis-hefte", "studie"], "audience": ["lærer"]})
    _, found = render(factory, project, text, meta=meta, **options)
    return [f"{f.message} — {f.fix}" for f in found.problems]


# ---- citations ----------------------------------------------------------------------------------
def test_citations_parse_with_locators_and_line_references():
    cites = parse_citation("@ta-grep, «Hjemmebesøk», L449–460; @rokkan-2015, kap. 9")
    assert [(c.source_id, c.locator, c.lines) for c in cites] == [
        ("ta-grep", "«Hjemmebesøk»", "L449–460"),
        ("rokkan-2015", "kap. 9", ""),
    ]


@pytest.mark.parametrize("body", ["ta-grep", "@", "@Ta Grep", "@a; b"])
def test_malformed_citations_are_errors(body):
    with pytest.raises(ValueError):
        parse_citation(body)


def test_an_unknown_source_is_found_with_a_suggestion(markdown_factory, mini_project):
    found = problems(markdown_factory, mini_project, "Påstand [@studi, s. 4].")
    assert found == ["unknown source id 'studi' — did you mean 'studie'?"]


def test_a_source_the_page_does_not_list(markdown_factory, mini_project):
    found = problems(markdown_factory, mini_project, "Påstand [@veileder].", meta={"sources": ["studie"]}, written_in="nb")
    assert found == []  # the text is not in the page's own file (a generated section): not the writer's list
    path = mini_project.docs_dir / "nb" / "veiledning" / "samarbeid.md"
    text = path.read_text().replace("[@studie, s. 4]", "[@veileder, s. 4]")
    from handbook.project import DocPage

    page = DocPage("nb", "veiledning/x.md", path, "docs/nb/veiledning/x.md", {"_lines": {}, "sources": ["studie"]}, text, 1)
    _, found = render_with_doc(markdown_factory, mini_project, page, text_file=text)
    assert any("does not list it under 'sources:'" in f.message for f in found.problems)


def render_with_doc(factory, project, page, text_file):
    from handbook.markdown_ext import RenderContext

    md, extension = factory()
    context = RenderContext(project, lang="nb", written_in="nb", uri=page.uri, page_url="veiledning/x/", doc=page)
    context.__dict__["_own_text"] = " ".join(text_file.split())
    extension.context = context
    try:
        return md.convert(page.body), context.found
    finally:
        extension.context = None


# ---- law references ---------------------------------------------------------------------------------
def test_law_references_parse_across_a_line_break():
    assert parse_law_reference(" opplaringslova\n10-3") == ("opplaringslova", "10-3")
    assert parse_law_reference(" opplaringslova  kap.\n12") == ("opplaringslova", "kap. 12")
    with pytest.raises(ValueError):
        parse_law_reference(" opplaringslova")


def test_a_misspelt_law_id_gets_a_suggestion_not_a_plain_sign_error(markdown_factory, mini_project):
    found = problems(markdown_factory, mini_project, "Se [§ oplaringslova 10-3].")
    assert found == ["unknown law 'oplaringslova' in [§ oplaringslova 10-3] — did you mean 'opplaringslova'?"]


def test_an_unknown_provision(markdown_factory, mini_project):
    found = problems(markdown_factory, mini_project, "Se [§ opplaringslova 99-9].")
    assert len(found) == 1 and found[0].startswith("unknown law reference [§ opplaringslova 99-9]")


def test_a_plain_paragraph_sign(markdown_factory, mini_project):
    found = problems(markdown_factory, mini_project, "Etter opplæringslova § 10-3 skal skolen samarbeide.")
    assert len(found) == 1 and "a plain '§'" in found[0] and "[§ opplaringslova 10-3]" in found[0]


def test_a_reference_without_a_provision(markdown_factory, mini_project):
    assert problems(markdown_factory, mini_project, "Se [§ opplaringslova].")[0].startswith(
        "the law reference [§ opplaringslova] names no provision"
    )


def test_a_repealed_provision_without_a_successor_is_rejected(markdown_factory, mini_project):
    registry = __import__("handbook.law", fromlist=["registry"]).registry(mini_project)
    provision = registry.provisions["opplaringslova-1998 13-3d"]
    saved = provision.data.pop("successor")
    try:
        found = problems(markdown_factory, mini_project, "Før: [§ opplaringslova-1998 13-3d].")
    finally:
        provision.data["successor"] = saved
    assert any("repealed provision with no known successor" in f for f in found)


# ---- links and images -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "link, expected",
    [
        ("[x](javascript:alert(1))", "uses 'javascript:'"),
        ("[x](data:text/html,hei)", "uses 'data:'"),
        ("[x](http://example.org/)", "is not encrypted (http://)"),
        ("[x](https://skole-hjem-handboka.example/om/)", "points to the handbook's own address"),
        ("[x](finnes-ikke.md)", "leads to docs/nb/veiledning/finnes-ikke.md, which does not exist"),
        ("[x](samarbeid.md#ingen-slik)", "points to #ingen-slik"),
        ("[x](../foreldre/tolk.md#ingen)", "points to #ingen"),
        ("![](bilde.svg)", "has no alt text"),
        ("![Et bilde](finnes-ikke.png)", "does not exist (docs/nb/veiledning/finnes-ikke.png)"),
        ("![Et bilde](https://example.org/x.png)", "is loaded from another site"),
    ],
)
def test_bad_links_and_images(markdown_factory, mini_project, link, expected):
    found = problems(markdown_factory, mini_project, f"Tekst {link} her.")
    assert any(expected in f for f in found), found


def test_good_links_are_not_problems(markdown_factory, mini_project):
    text = (
        "[a](samarbeid.md#slik) [b](../foreldre/tolk.md#be-om-tolk) [c](https://lovdata.no/) "
        "[d](mailto:post@example.org) [e](#hvorfor) [f](../kilder.md)"
    )
    assert problems(markdown_factory, mini_project, text) == []


# ---- admonitions, language fragments ------------------------------------------------------------------
def test_an_admonition_without_a_title(markdown_factory, mini_project):
    found = problems(markdown_factory, mini_project, '!!! tip\n    Et tips.\n\n!!! note "Merk"\n    Greit.\n')
    assert found == ['the admonition «!!! tip» has no title — give it a title in the page\'s language: !!! tip "Tips"']


def test_an_unknown_language_in_a_fragment(markdown_factory, mini_project):
    assert problems(markdown_factory, mini_project, "Et [ord]{lang=xx}.")[0].startswith("unknown language 'xx'")


# ---- finding the line again --------------------------------------------------------------------------------
def test_locate_finds_a_wrapped_snippet_and_moves_on():
    source = "a\n[@x,\n«y»]\nb [@x, «y»]\n"
    assert locate(source, "[@x, «y»]")[0] == 2
    line, after = locate(source, "[@x, «y»]")
    assert locate(source, "[@x, «y»]", after)[0] == 4


# ---- property tests: valid-looking input, then broken -----------------------------------------------------
LAW_IDS = ["opplaringslova", "barnelova", "opplaringslova-1998"]
REFS = ["10-3", "kap. 12", "47", "13-3d"]


@st.composite
def law_reference(draw):
    """A reference that looks right, sometimes wrapped, sometimes broken in one way."""
    law_id, ref = draw(st.sampled_from(LAW_IDS)), draw(st.sampled_from(REFS))
    gap = draw(st.sampled_from([" ", "\n", "  "]))
    breakage = draw(st.sampled_from(["none", "misspell", "drop-ref", "bare", "escape"]))
    if breakage == "misspell":
        law_id = law_id[:-1] + ("x" if law_id[-1] != "x" else "y")
    if breakage == "drop-ref":
        return breakage, f"[§ {law_id}]"
    if breakage == "bare":
        return breakage, f"{law_id} § {ref}"
    if breakage == "escape":
        return breakage, f"{law_id} \\§ {ref}"
    return breakage, f"[§ {law_id}{gap}{ref}]"


@settings(max_examples=150, deadline=None)
@given(law_reference())
def test_law_references_are_rendered_or_reported_never_left_bare(markdown_factory, mini_project, case):
    breakage, text = case
    html, found = render(markdown_factory, mini_project, f"Tekst {text} slutt.", meta={"sources": []})
    registry = __import__("handbook.law", fromlist=["registry"]).registry(mini_project)
    if breakage in ("none",):
        law_id, ref = parse_law_reference(text[2:-1])
        known = registry.resolve(law_id, ref) is not None
        assert bool(found.problems) != known, (text, found.problems)
        if known:
            assert 'class="hb-law"' in html
    elif breakage == "escape":
        assert found.problems == [] and "§" in html and "hb-law" not in html
    else:
        assert found.problems, text
        assert all(p.fix for p in found.problems)


@st.composite
def citation(draw):
    source = draw(st.sampled_from(["studie", "praksis-hefte", "veileder", "ukjent"]))
    locator = draw(st.sampled_from(["", ", s. 4", ", «Invitasjon», L10–12", ",\n«Invitasjon»"]))
    breakage = draw(st.sampled_from(["none", "no-at", "bad-id"]))
    if breakage == "no-at":
        return breakage, source, f"[{source}{locator}]"
    if breakage == "bad-id":
        return breakage, source, f"[@{source.upper()}{locator}]"
    return breakage, source, f"[@{source}{locator}]"


@settings(max_examples=150, deadline=None)
@given(citation())
def test_citations_are_rendered_or_reported(markdown_factory, mini_project, case):
    breakage, source, text = case
    html, found = render(
        markdown_factory, mini_project, f"Påstand {text}.", meta={"sources": ["studie", "praksis-hefte", "veileder"]}
    )
    if breakage == "none" and source != "ukjent":
        assert found.problems == [] and 'class="hb-cite"' in html
    elif breakage == "no-at":
        assert found.problems == [] and "hb-cite" not in html  # not a citation: plain text
    else:
        assert found.problems and "hb-cite" not in html or source == "ukjent"


def test_the_citation_pattern_spans_a_line_break():
    assert CITATION.search("x [@ta-grep,\n«Hjemmebesøk»] y").group("body") == "@ta-grep,\n«Hjemmebesøk»"
