"""Printing keeps the notices: a translated page says it is a draft translation and a law
page says it is guidance, not legal advice, on paper and in PDFs too — printed by
Chromium from the built site, and in the checklist PDFs the build ships. Text is read
back with pypdf.

Arabic text comes out of a PDF in presentation forms (and Tigrinya's Ge'ez in its own
order of glyph runs), so the comparison is made on NFKC-normalised letters only."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from handbook import checklists, translations

pytestmark = pytest.mark.browser


def letters(text: str) -> str:
    """Only the letters, normalised: what survives a trip through a PDF in any script."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalpha()).casefold()


def pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def contains(pdf: str, sentence: str) -> bool:
    """The sentence's letters in order; for right-to-left text also in visual (reversed) order."""
    want, have = letters(sentence), letters(pdf)
    return want in have or want[::-1] in have


def printed(view, server, path: str) -> str:
    """The page as the browser prints it (print stylesheet, A4), as text."""
    page = view.page
    response = page.goto(server.url + path)
    assert response.status == 200, path
    page.emulate_media(media="print")
    return pdf_text(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))


@pytest.mark.parametrize("path", ["ar/foreldre/tolk/", "en/foreldre/tolk/"])
def test_a_printed_translation_says_it_is_a_draft(server, offline_page, project, a11y_record, path):
    lang = project.language(path.split("/")[0])
    view = offline_page()
    text = printed(view, server, path)
    found = contains(text, lang.ui["translation_draft"])
    a11y_record.note("print", pages=[path], problems=int(not found))
    assert found, f"the draft notice is missing from the printed {path}: {text[:300]!r}"


def test_a_printed_law_page_says_it_is_not_legal_advice(server, offline_page, a11y_record):
    view = offline_page()
    text = printed(view, server, "lov/")
    found = "Veiledning, ikke juridisk rådgivning" in text and "Lovdata" in text
    a11y_record.note("print", pages=["lov/"], problems=int(not found))
    assert found, text[:400]


def test_the_shipped_pdfs_of_translated_checklists_say_they_are_drafts(built_site, project, a11y_record):
    shipped = 0
    for lang in project.parent_languages:
        for checklist in checklists.all_checklists(project, lang.code):
            folder = built_site / lang.code / checklist.page.uri[:-3]
            path = folder / checklist.pdf_name(lang.code)
            if not path.is_file():
                pytest.skip("this build made no PDFs (HANDBOOK_SKIP_PDF=1)")
            status = translations.status_of(project, lang.code, checklist.page.uri)
            if not status.translated or status.review == translations.REVIEWED:
                continue  # no draft notice on a reviewed translation or a Norwegian fallback
            text = pdf_text(path.read_bytes())
            found = contains(text, lang.ui["translation_draft"])
            a11y_record.note("pdf", pages=[path.relative_to(built_site).as_posix()], problems=int(not found))
            assert found, f"{path.name}: no draft notice in {text[:300]!r}"
            assert len(PdfReader(path).pages) <= (1 if len(checklist.items) <= 10 else 2), path.name
            shipped += 1
    assert shipped >= 1, "no translated checklist PDF to check"
