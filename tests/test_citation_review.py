"""Citation review (handbook/citation_review.py) on a tiny project of its own: claims are
whole sentences, reviews go stale when the claim or the cited lines change, and the
build's locator check finds headings and line ranges that do not exist."""

import shutil
from pathlib import Path

import pytest

from handbook import citation_review as cr
from handbook.project import Project

ROOT = Path(__file__).resolve().parent.parent

DOCUMENT = """Tittel på heftet

Samarbeid med foreldre
Foreldre som kjenner hverandre
snakker lettere sammen.
Hjemme\u00adbesøk
Et besøk hjemme kan senke terskelen.
"""

SOURCES = """sources:
  - id: heftet
    document: '001'
    text_lines: 7
    short: Heftet
    title: Et hefte
    kind: booklet
    basis: praksis
    year: null
  - id: boka
    short: Boka 2000
    title: En bok
    kind: book
    basis: forskning
    year: 2000
"""

PAGE = """---
title: Prøveside
description: En side for å prøve gjennomgangen av kildehenvisninger.
audience: [lærer]
last_reviewed: 2026-12-03
sources: [heftet, boka]
checklist:
  situation: Skolens rutiner
  sections:
    - id: del
      title: Del
      basis: [praksis]
      items:
        - id: punkt
          text: Inviter foreldrene hjem til hverandre.
          why: De blir kjent.
          ref: "[@heftet, L3–5]"
---

# Prøveside

Foreldre som kjenner hverandre, snakker
lettere sammen [@heftet, «Samarbeid med foreldre», L3–5]. Det sier
også boka [@boka, s. 2].

Heftet foreslår dette [@heftet, L6–7]:

- hjemmebesøk
- kaffe

Et besøk kan senke terskelen, jf. kap. 2 i heftet [@heftet, «Hjemmebesøk», L7].
"""


@pytest.fixture
def tiny(tmp_path, monkeypatch) -> Project:
    root = tmp_path / "project"
    (root / "data").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "schemas", root / "data" / "schemas")
    shutil.copy(ROOT / "data" / "languages.yml", root / "data" / "languages.yml")
    (root / "data" / "sources.yml").write_text(SOURCES, encoding="utf-8")
    (root / "data" / "citation_reviews.yml").write_text("reviews: []\n", encoding="utf-8")
    (root / "docs" / "nb").mkdir(parents=True)
    (root / "docs" / "nb" / "side.md").write_text(PAGE, encoding="utf-8")
    documents = tmp_path / "sources"
    documents.mkdir()
    (documents / "001_abc.txt").write_text(DOCUMENT, encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(documents))
    return Project(root)


def edit(project: Project, old: str, new: str) -> Project:
    page = project.docs_dir / "nb" / "side.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return Project(project.root)


def test_claims_are_whole_sentences_across_hard_wrapped_lines(tiny):
    citations = cr.project_citations(tiny)
    assert [c.source_id for c in citations] == ["heftet"] * 4  # only the source documents, not boka
    item, first, listed, last = citations
    assert item.claim == "Inviter foreldrene hjem til hverandre. (Hvorfor: De blir kjent.)"
    assert first.line == 23 and first.lines == "L3–5" and first.locator == "«Samarbeid med foreldre»"
    assert first.claim == ("Foreldre som kjenner hverandre, snakker lettere sammen [@heftet, «Samarbeid med foreldre», L3–5].")
    assert listed.claim.startswith("Heftet foreslår dette [@heftet, L6–7]:") and listed.claim.endswith("hjemmebesøk / kaffe")
    assert last.claim.startswith("Et besøk kan senke terskelen, jf. kap. 2 i heftet")  # 'kap. 2' does not end it


def test_the_cited_lines_are_read_from_the_document(tiny):
    first = cr.project_citations(tiny)[1]
    text = cr.cited_text(first, cr.document_lines(tiny)["001"])
    assert text == "Samarbeid med foreldre Foreldre som kjenner hverandre snakker lettere sammen."


def test_a_review_is_reviewed_then_stale_when_the_claim_changes(tiny):
    citations = cr.project_citations(tiny)
    states = cr.statuses(tiny, citations, cr.load_reviews(tiny)[0])
    assert {s.state for s in states} == {cr.NOT_REVIEWED}
    cr.record(tiny, [citations[1]], "supported", "Prøver", "2026-12-03")
    reviews, problems = cr.load_reviews(tiny)
    assert problems == [] and len(reviews) == 1 and reviews[0].verdict == "supported"
    assert [s.state for s in cr.statuses(tiny, citations, reviews)] == [
        cr.NOT_REVIEWED,
        cr.REVIEWED,
        cr.NOT_REVIEWED,
        cr.NOT_REVIEWED,
    ]

    changed = edit(tiny, "snakker\nlettere sammen", "snakker\nmer sammen")
    state = cr.statuses(changed, cr.project_citations(changed), reviews)[1]
    assert state.state == cr.STALE and "claim" in state.reason
    # wrapping the same sentence differently is not a change
    rewrapped = edit(changed, "snakker\nmer sammen", "snakker lettere\nsammen")
    assert cr.statuses(rewrapped, cr.project_citations(rewrapped), reviews)[1].state == cr.REVIEWED


def test_a_review_goes_stale_when_the_cited_lines_change(tiny, tmp_path):
    citation = cr.project_citations(tiny)[1]
    cr.record(tiny, [citation], "supported", "Prøver", "2026-12-03")
    (tmp_path / "sources" / "001_abc.txt").write_text(DOCUMENT.replace("lettere", "sjeldnere"), encoding="utf-8")
    fresh = Project(tiny.root)
    state = cr.statuses(fresh, cr.project_citations(fresh), cr.load_reviews(fresh)[0])[1]
    assert state.state == cr.STALE and "lines" in state.reason


def test_changed_and_dropped_need_a_note_and_a_dropped_claim_is_kept(tiny):
    citation = cr.project_citations(tiny)[3]
    with pytest.raises(ValueError):
        cr.record(tiny, [citation], "dropped", "Prøver", "2026-12-03")
    cr.record(tiny, [citation], "dropped", "Prøver", "2026-12-03", note="Kilden sier ikke dette.")
    gone = edit(tiny, " [@heftet, «Hjemmebesøk», L7]", "")
    reviews, problems = cr.load_reviews(gone)
    assert problems == []
    assert reviews[0].verdict == "dropped" and reviews[0].claim.startswith("Et besøk kan senke terskelen")
    assert cr.orphans(cr.project_citations(gone), reviews) == []  # a dropped claim is not an orphan


def test_the_review_file_is_checked_against_its_schema(tiny):
    (tiny.data_dir / "citation_reviews.yml").write_text(
        "reviews:\n  - page: docs/nb/side.md\n    source: heftet\n    lines: L3–5\n    claim_hash: abc\n", encoding="utf-8"
    )
    problems = [str(p) for p in cr.check_project(Project(tiny.root))]
    assert any(p.startswith("data/citation_reviews.yml:") for p in problems)


def test_locators_that_exist_pass(tiny):
    assert cr.check_locators(tiny) == []


def test_a_heading_that_does_not_exist_is_found(tiny):
    broken = edit(tiny, "«Samarbeid med foreldre»", "«Samarbeid med lærere»")
    problems = [str(p) for p in cr.check_locators(broken)]
    assert len(problems) == 1 and problems[0].startswith("docs/nb/side.md:23:") and "«Samarbeid med lærere»" in problems[0]


def test_a_locator_must_be_whole_words(tiny):
    broken = edit(tiny, "«Samarbeid med foreldre»", "«Samarbeid med foreld»")
    assert len(cr.check_locators(broken)) == 1


def test_headings_compare_without_case_soft_hyphens_or_line_breaks(tiny):
    # «Hjemmebesøk» is written Hjemme\u00adbesøk in the document; «foreldre foreldre som» spans a line break
    fine = edit(tiny, "«Samarbeid med foreldre»", "«FORELDRE foreldre som»")
    assert cr.check_locators(fine) == []


def test_a_range_beyond_the_end_and_a_reversed_range(tiny):
    broken = edit(edit(tiny, "L6–7]:", "L6–9]:"), "L3–5]. Det", "L5–3]. Det")
    problems = [str(p) for p in cr.check_locators(broken)]
    assert any("L6–9" in p and "beyond the end of document 001 (7 lines)" in p for p in problems)
    assert any("L5–3" in p and "reversed" in p for p in problems)


def test_without_the_documents_only_ranges_are_checked_against_text_lines(tiny, monkeypatch, tmp_path):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path / "nowhere"))
    broken = edit(edit(tiny, "«Samarbeid med foreldre»", "«Finnes ikke»"), "L6–7]:", "L6–9]:")
    problems = [str(p) for p in cr.check_locators(broken)]
    assert len(problems) == 1 and "beyond the end of document 001 (7 lines)" in problems[0]


def test_text_lines_must_match_the_document(tiny):
    (tiny.data_dir / "sources.yml").write_text(SOURCES.replace("text_lines: 7", "text_lines: 9"), encoding="utf-8")
    problems = [str(p) for p in cr.check_locators(Project(tiny.root))]
    assert any(p.startswith("data/sources.yml:") and "text_lines: 9" in p for p in problems)


def test_the_sentence_splitter_keeps_abbreviations_and_citations_whole():
    text = "Se kap. 9 og Meld. St. 22 [@a, s. 4]. Neste setning (Nordahl 2007). Én til!"
    spans = [text[s:e].strip() for s, e in cr.sentence_spans(text)]
    assert spans == ["Se kap. 9 og Meld. St. 22 [@a, s. 4].", "Neste setning (Nordahl 2007).", "Én til!"]
