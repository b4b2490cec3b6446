"""Checklists in a real browser, and their PDFs."""

import pytest
from pypdf import PdfReader

from handbook import checklists

pytestmark = pytest.mark.browser

PAGE = "sjekklister/utviklingssamtale/"


def test_ticks_survive_a_reload_and_reset_clears_them(server, offline_page):
    view = offline_page()
    page = view.page
    page.goto(server.url + PAGE)
    boxes = page.locator(".hb-checklist__item input[type=checkbox]")
    total = boxes.count()
    assert total >= 8
    boxes.nth(0).check()
    boxes.nth(2).check()
    assert "2" in page.locator(".hb-checklist__progress").inner_text()
    keys = page.evaluate("Object.keys(localStorage)")
    assert sorted(keys) == sorted(
        f"skole-hjem-sjekkliste:utviklingssamtale:{boxes.nth(i).get_attribute('data-item')}" for i in (0, 2)
    )
    page.reload()
    assert boxes.nth(0).is_checked() and boxes.nth(2).is_checked() and not boxes.nth(1).is_checked()
    page.locator(".hb-checklist__reset").click()
    assert not any(boxes.nth(i).is_checked() for i in range(total))
    assert page.evaluate("Object.keys(localStorage)") == []
    page.reload()
    assert not boxes.nth(0).is_checked()
    assert view.blocked == []


def test_every_checkbox_has_a_label(server, offline_page):
    view = offline_page()
    view.page.goto(server.url + PAGE)
    unlabelled = view.page.evaluate("""() => [...document.querySelectorAll('input[type=checkbox]:not(.md-toggle)')]
        .filter(box => !(box.labels && box.labels.length && box.labels[0].innerText.trim())).map(box => box.id)""")
    assert unlabelled == []


def test_an_item_is_a_deep_link(server, offline_page, project):
    checklist = checklists.load(project.pages["nb"]["sjekklister/utviklingssamtale.md"])
    item = checklist.items[3].id
    view = offline_page()
    view.page.goto(server.url + PAGE + "#" + item)
    assert view.page.evaluate("location.hash") == "#" + item
    assert view.page.locator(f"li#{item}").is_visible()


def test_without_javascript_the_list_is_plain_and_the_tools_stay_hidden(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + PAGE)
    assert page.locator(".hb-checklist__item").count() >= 8
    assert page.locator(".hb-checklist__reset").is_hidden()
    context.close()


def test_print_shows_the_checklist_without_navigation(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 794, "height": 1123})
    page = view.page
    page.goto(server.url + PAGE)
    page.locator(".hb-checklist__item input").first.check()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".hb-checklist__tools"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".hb-checklist__fill").is_visible()  # date and name line to fill in by hand
    assert page.locator(".hb-checklist__item input").first.is_hidden()  # empty boxes instead of ticks
    page.screenshot(path=str(artifacts / "checklist-print.png"), full_page=True)


def pdf_jobs(project, site):
    for lang in project.languages:
        for checklist in checklists.all_checklists(project, lang.code):
            folder = site / (("" if lang.is_source else f"{lang.code}/") + checklist.page.uri[:-3])
            yield lang, checklist, folder / checklist.pdf_name(lang.code)


def test_every_checklist_has_a_pdf_per_language_with_its_title(project, built_site):
    found = list(pdf_jobs(project, built_site))
    assert len(found) >= 11 + len(project.parent_languages)  # teachers' lists + the parents' list per language
    for lang, checklist, path in found:
        assert path.is_file(), path
        reader = PdfReader(path)
        assert reader.metadata.title == checklist.page.meta["title"]
        text = " ".join(page.extract_text() for page in reader.pages)
        if lang.code in ("nb", "en", "pl", "so"):  # scripts whose text pypdf extracts in reading order
            assert checklist.items[0].text.split()[0] in text
        limit = 1 if len(checklist.items) <= 10 else 2
        assert len(reader.pages) <= limit, f"{path.name}: {len(reader.pages)} pages"


def test_the_arabic_pdf_is_right_to_left_with_arabic_glyphs(built_site, artifacts):
    import subprocess

    path = built_site / "ar/foreldre/utviklingssamtalen" / "sjekkliste-foreldre-utviklingssamtalen-ar.pdf"
    reader = PdfReader(path)
    page = reader.pages[0]
    width = float(page.mediabox.width)
    arabic_x = []

    def visit(text, cm, tm, font, size):
        if any("\u0600" <= ch <= "\u06ff" for ch in text) and len(text.strip()) > 3:
            arabic_x.append(cm[4] + tm[4])

    text = page.extract_text(visitor_text=visit)
    assert sum("\u0600" <= ch <= "\u06ff" for ch in text) > 100  # real Arabic characters, mapped to Unicode
    assert arabic_x, "no positioned Arabic text"
    # right-to-left: the Arabic lines start on the right half of the page
    assert sorted(arabic_x)[len(arabic_x) // 2] > width / 2
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(artifacts / "pdf-checklist-ar")], check=True
    )
