"""Letters and short messages to parents (handbook/letters.py, letters.js).

The data checks run on the small test handbook (tests/fixtures/mini, whose one letter,
«invitasjon», has a Norwegian text and an English translation). The browser tests build a
site of their own: the test handbook with Arabic and Tigrinya added and the real template
«utviklingssamtale» in Norwegian, English, Arabic and Tigrinya, served on 127.0.0.1."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import MINI_NAV, ROOT, LocalServer, make_mini_project, messages

from handbook import letters, translations
from handbook.project import Project

LETTER = "data/letters/invitasjon"


def edit(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(root: Path, path: str, text: str) -> int:
    return next(number for number, line in enumerate((root / path).read_text(encoding="utf-8").split("\n"), 1) if text in line)


# ---- the data: placeholders, choices, links --------------------------------------------------------
def test_the_test_letter_is_valid(mini):
    assert messages(mini, text=False) == []
    project = Project(mini)
    letter = letters.registry(project).letters["invitasjon"]
    assert letters.status_of(project, letter, "en").drift == translations.UP_TO_DATE


def test_a_translation_that_drops_a_field_is_named_with_file_and_line(mini):
    edit(mini, f"{LETTER}/en.yml", "on {dato} at {tid}.\n", "on {dato}.\n")
    found = messages(mini, text=False)
    assert len(found) == 1, found
    assert found[0].startswith(f"{LETTER}/en.yml:{line_of(mini, f'{LETTER}/en.yml', 'letter:')}: the letter has no {{tid}}"), (
        found
    )
    assert " — put {tid} where the value goes" in found[0]


def test_a_stray_placeholder_is_named_with_file_and_line(mini):
    edit(mini, f"{LETTER}/en.yml", "on {dato} at {tid}.", "on {dato} at {tid} in {sted}.")
    found = messages(mini, text=False)
    assert len(found) == 1, found
    line = line_of(mini, f"{LETTER}/en.yml", "{sted}")
    assert found[0].startswith(f"{LETTER}/en.yml:{line}: the placeholder {{sted}} in the letter is not in the Norwegian text"), (
        found
    )


def test_a_placeholder_in_the_short_message_is_checked_too(mini):
    edit(mini, f"{LETTER}/en.yml", "about {elev} on", "about {eleven} on")
    found = messages(mini, text=False)
    assert len(found) == 2, found  # {eleven} is stray, {elev} is missing
    assert all(m.startswith(f"{LETTER}/en.yml:{line_of(mini, f'{LETTER}/en.yml', 'sms:')}: ") for m in found), found
    assert any("{eleven}" in m and "not in the Norwegian text" in m for m in found)
    assert any("has no {elev}" in m for m in found)


def test_choices_must_match_the_norwegian_options(mini):
    edit(mini, f"{LETTER}/en.yml", "    nei: Tell us if you need an interpreter.\n", "    kanskje: Maybe.\n")
    found = messages(mini, text=False)
    assert any(
        f"{LETTER}/en.yml:{line_of(mini, f'{LETTER}/en.yml', 'kanskje:')}: 'kanskje' is not an option of 'tolk'" in m
        for m in found
    ), found
    assert any("the option 'nei' of 'tolk' is not translated" in m for m in found), found


def test_an_option_text_keeps_its_placeholders(mini):
    edit(mini, f"{LETTER}/nb.yml", "text: Vi har bestilt tolk.", "text: Vi har bestilt tolk til {dato}.")
    found = messages(mini, text=False)
    assert len(found) == 1, found
    assert found[0].startswith(
        f"{LETTER}/en.yml:{line_of(mini, f'{LETTER}/en.yml', '    ja:')}: the option 'tolk: ja' has no {{dato}}"
    )


def test_a_placeholder_that_names_no_field(mini):
    for path in ("nb.yml", "en.yml"):
        edit(mini, f"{LETTER}/{path}", "  {tolk}\n", "  {tolk}\n\n  {sted}\n")
    found = messages(mini, text=False)
    assert found == [
        f"{LETTER}/nb.yml:{line_of(mini, f'{LETTER}/nb.yml', '{sted}')}: the placeholder {{sted}} names no field — "
        "use a field id from 'fields:' in nb.yml, or add the field there"
    ]


def test_several_lines_must_stand_alone(mini):
    edit(mini, f"{LETTER}/nb.yml", "    kind: text\n    example: Sara", "    kind: longtext\n    example: Sara")
    found = messages(mini, text=False)
    assert found and all("{elev} holds several lines and must stand alone" in m for m in found), found


def test_links_to_missing_pages_and_anchors(mini):
    edit(mini, f"{LETTER}/nb.yml", "sjekklister/samtale.md]", "sjekklister/borte.md]")
    edit(mini, f"{LETTER}/nb.yml", "samarbeid.md#slik", "samarbeid.md#borte")
    found = messages(mini, text=False)
    line = line_of(mini, f"{LETTER}/nb.yml", "guidance:")
    assert (
        f"{LETTER}/nb.yml:{line}: the link veiledning/samarbeid.md#borte points to #borte, which docs/nb/veiledning/samarbeid.md does not have — link to an existing heading id or checklist item id"
        in found
    )
    assert any(
        m.startswith(f"{LETTER}/nb.yml:{line + 1}: the link sjekklister/borte.md leads to docs/nb/sjekklister/borte.md")
        for m in found
    )


def test_a_law_reference_must_be_known_and_kept_in_every_language(mini):
    edit(mini, f"{LETTER}/nb.yml", "Velkommen til samtale {dato}", "Se [§ opplaringslova 10-3]. Velkommen til samtale {dato}")
    found = messages(mini, text=False)
    assert any(
        m.startswith(f"{LETTER}/en.yml:")
        and "does not refer to the law as the Norwegian text does ([§ opplaringslova 10-3])" in m
        for m in found
    ), found
    edit(mini, f"{LETTER}/nb.yml", "[§ opplaringslova 10-3]", "[§ opplaringslova 10-99]")
    assert any("unknown law reference [§ opplaringslova 10-99]" in m for m in messages(mini, text=False))


def test_a_page_for_an_unknown_letter(mini):
    edit(mini, "docs/nb/veiledning/samarbeid.md", "audience: [lærer]\n", "audience: [lærer]\nletter: invitasjn\n")
    found = messages(mini, text=False)
    assert found == ["docs/nb/veiledning/samarbeid.md:5: unknown letter 'invitasjn' — did you mean 'invitasjon'?"]


def test_a_file_for_a_language_the_handbook_does_not_have(mini):
    shutil.copy(mini / LETTER / "en.yml", mini / LETTER / "de.yml")
    assert messages(mini, text=False) == [
        f"{LETTER}/de.yml: 'de.yml' is not a language of the handbook — name translations "
        "<language>.yml with a code from data/languages.yml (en)"
    ]


def test_the_norwegian_letter_is_spell_checked_and_plain(mini, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(mini / "no-sources"))
    edit(mini, f"{LETTER}/nb.yml", "Velkommen til samtale", "Velkommen til samtalle")
    found = messages(mini)
    assert found == [
        f"{LETTER}/nb.yml:{line_of(mini, f'{LETTER}/nb.yml', 'samtalle')}: unknown word «samtalle» — correct the "
        "spelling, or add the word to data/wordlist.txt if it is right"
    ]
    edit(
        mini,
        f"{LETTER}/nb.yml",
        "Velkommen til samtalle",
        " ".join(["Samarbeidsrelasjonene mellom skoleadministrasjonen og foresatte forutsetter informasjonsutveksling"] * 3),
    )
    assert any("LIX" in m and "too hard for a letter to parents" in m for m in messages(mini)), messages(mini)


# ---- translation state: hash, stamp, notices ---------------------------------------------------------
def test_the_hash_of_a_letter_ignores_its_translation_record(mini):
    path = mini / LETTER / "en.yml"
    before = translations.text_hash(path)
    translations.update_record(path, status="draft", stamped_hash="0123456789abcdef")
    assert translations.text_hash(path) == before
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["translation"]["stamped_hash"] == "0123456789abcdef"


def test_a_changed_norwegian_letter_makes_the_translation_outdated_until_it_is_stamped(mini):
    project = lambda: Project(mini)  # noqa: E731 - a fresh read each time
    edit(mini, f"{LETTER}/nb.yml", "Velkommen til samtale {dato}", "Velkommen til en samtale {dato}")
    letter = letters.registry(project()).letters["invitasjon"]
    assert letters.status_of(project(), letter, "en").drift == translations.OUTDATED
    assert any("the Norwegian letter changed after this translation" in w for w in letters.warnings(project()))
    with pytest.raises(translations.TranslationError, match="has not been edited"):
        translations.stamp(project(), mini / LETTER / "en.yml")
    edit(mini, f"{LETTER}/en.yml", "Welcome to a conversation on", "Welcome to a meeting on")
    assert "translated from the Norwegian text" in translations.stamp(project(), mini / LETTER / "en.yml")
    letter = letters.registry(project()).letters["invitasjon"]
    assert letters.status_of(project(), letter, "en").drift == translations.UP_TO_DATE


def test_the_page_shows_the_same_notices_as_translated_pages(mini):
    project = Project(mini)
    ui = project.language("en").ui
    letter = letters.registry(project).letters["invitasjon"]
    html = letters.render(project, letter, "brev/invitasjon.md")
    assert yaml_text(ui["translation_draft"]) in html and yaml_text(ui["translation_outdated"]) not in html
    edit(mini, f"{LETTER}/nb.yml", "Velkommen til samtale {dato}", "Velkommen til en samtale {dato}")
    project = Project(mini)
    html = letters.render(project, letters.registry(project).letters["invitasjon"], "brev/invitasjon.md")
    assert yaml_text(ui["translation_outdated"]) in html


def yaml_text(text: str) -> str:
    import html

    return html.escape(" ".join(text.split()), quote=True)


def test_reviewed_translations_carry_no_draft_notice(mini):
    path = mini / LETTER / "en.yml"
    assert "reviewed by Kari Nordmann" in translations.review(Project(mini), path, "Kari Nordmann", "2026-12-03")
    project = Project(mini)
    html = letters.render(project, letters.registry(project).letters["invitasjon"], "brev/invitasjon.md")
    assert yaml_text(project.language("en").ui["translation_draft"]) not in html


# ---- the handbook's own letters ---------------------------------------------------------------------------
def test_every_letter_is_in_every_language_up_to_date_and_has_a_page(project):
    registry = letters.registry(project)
    assert registry.problems == [] and letters.check_data(project) == []
    wanted = {"utviklingssamtale", "foreldremote", "tolk", "fravaer", "oppsummering", "velkommen", "hendelse", "hjemmebesok"}
    assert wanted <= set(registry.letters)
    pages = letters.pages_by_letter(project)
    for letter in registry.letters.values():
        assert letter.id in pages, letter.id
        assert letters.lix(letter) <= letters.LIX_LIMIT, letter.id
        assert letter.data["links"]["guidance"], letter.id
        for lang in project.parent_languages:
            status = letters.status_of(project, letter, lang.code)
            assert status.drift == translations.UP_TO_DATE, (letter.id, lang.code)
            assert status.method == "machine-assisted" and status.review == translations.DRAFT
            assert letters.term_warnings(project, letter, lang.code) == [], (letter.id, lang.code)
    assert letters.warnings(project) == []


def test_a_guidance_page_and_a_checklist_say_send_a_letter(project, markdown_factory):
    from conftest import render

    for uri in ("veiledning/utviklingssamtalen.md", "sjekklister/tolk.md"):
        page = project.pages["nb"][uri]
        html, found = render(markdown_factory, project, page.body, uri=uri, meta=page.meta)
        assert 'class="hb-send-letter"' in html, uri
        assert re.search(r'<strong>Send et brev:</strong> .*<a href="\.\./brev/(utviklingssamtale|tolk)\.md"', html), uri


def test_dates_in_languages_the_browser_has_no_data_for_come_from_cldr():
    data = letters.date_data("ti")
    assert data["months"][0] == "ጥሪ" and data["days"][4] == "ሓሙስ" and data["date"] == "EEEE፣ d MMMM y"
    assert letters.date_data("nb")["days"][0] == "søndag"  # JavaScript's order: Sunday first


# ---- in the browser -------------------------------------------------------------------------------------------
LANGUAGES = ("nb", "en", "ar", "ti")
PAGE = "brev/utviklingssamtale/"


def letter_project(target: Path) -> Path:
    """The test handbook with Arabic and Tigrinya, and the real «utviklingssamtale» letter and page."""
    root = make_mini_project(target)
    text = (ROOT / "data" / "languages.yml").read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=  - code: )", text)
    kept = [blocks[0]] + [b for b in blocks[1:] if re.match(rf"  - code: ({'|'.join(LANGUAGES)})\n", b)]
    (root / "data" / "languages.yml").write_text("".join(kept).rstrip("\n") + "\n", encoding="utf-8")
    for lang in ("ar", "ti"):  # a home page and a term base per language (the English home page will do)
        (root / "docs" / lang).mkdir()
        shutil.copy(root / "docs" / "en" / "index.md", root / "docs" / lang / "index.md")
        (root / "data" / "terms" / f"{lang}.yml").write_text(f"lang: {lang}\nterms: {{}}\n", encoding="utf-8")
    shutil.copy(ROOT / "data" / "wordlist.txt", root / "data" / "wordlist.txt")
    # the real roles, with their labels in the test handbook's languages (ar and ti among them)
    roles = yaml.safe_load((ROOT / "data" / "roles.yml").read_text(encoding="utf-8"))
    for role in roles["roles"]:
        role["label"] = {code: text for code, text in role["label"].items() if code in LANGUAGES}
        role.pop("section", None)  # the test handbook's contact page has other headings
    (root / "data" / "roles.yml").write_text(yaml.safe_dump(roles, allow_unicode=True, sort_keys=False), encoding="utf-8")
    source = ROOT / "data" / "letters" / "utviklingssamtale"
    folder = root / "data" / "letters" / "utviklingssamtale"
    folder.mkdir()
    for lang in LANGUAGES:
        shutil.copy(source / f"{lang}.yml", folder / f"{lang}.yml")
    # its links point to the test handbook's pages; the translations are still of this text
    nb = folder / "nb.yml"
    data = nb.read_text(encoding="utf-8")
    data = re.sub(r"(?m)^  guidance: .*$", "  guidance: [veiledning/samarbeid.md]", data)
    nb.write_text(re.sub(r"(?m)^  checklists: .*$", "  checklists: [sjekklister/samtale.md]", data), encoding="utf-8")
    for lang in LANGUAGES[1:]:
        translations.update_record(folder / f"{lang}.yml", source_hash=translations.text_hash(nb))
    (root / "docs" / "nb" / "brev").mkdir()
    shutil.copy(ROOT / "docs" / "nb" / "brev" / "utviklingssamtale.md", root / "docs" / "nb" / "brev" / "utviklingssamtale.md")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    nav = [*MINI_NAV, {"Brev": ["brev/utviklingssamtale.md"]}]
    config = config[: config.index("\nnav:")] + "\nnav:\n" + yaml.safe_dump(nav, allow_unicode=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def letter_site(tmp_path_factory):
    from conftest import public_folder

    from handbook.build import build

    folder = public_folder("handbook-letters-")
    root = letter_project(folder / "project")
    site = build(root, folder / "site", echo=False, env={"HANDBOOK_PDFS": "false", "HANDBOOK_SOURCES_DIR": str(folder / "none")})
    server = LocalServer(site)
    yield server
    server.close()
    shutil.rmtree(folder, ignore_errors=True)


VALUES = {
    "elev": "Sara",
    "dato": "2027-01-14",
    "fra": "14:30",
    "til": "15:15",
    "sted": "Rom 204",
    "deltakere": "Kari Nilsen",
    "svarfrist": "2027-01-08",
    "larer": "Kari Nilsen",
    "telefon": "912 34 567",
}


def fill(page, values=VALUES, *, tolk: str | None = "ja") -> None:
    for field, value in values.items():
        page.fill(f"#hb-brev-{field}", value)
    page.check("#hb-brev-eleven-med")
    if tolk:
        page.check(f"#hb-brev-tolk-{tolk}")


def fonts_of(page, selector: str) -> list[str]:
    """The fonts Chromium really drew an element's text with (DevTools: CSS.getPlatformFontsForNode).
    A missing glyph would be drawn with a fallback ('tofu'), which shows here as another font."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})
    node = cdp.send("DOM.querySelector", {"nodeId": root["root"]["nodeId"], "selector": selector})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})
    cdp.detach()
    return [f["familyName"] for f in fonts["fonts"] if f["glyphCount"]]


@pytest.mark.browser
def test_fill_in_choose_arabic_then_tigrinya_print_and_copy(letter_site, offline_page, artifacts):
    from pypdf import PdfReader

    view = offline_page(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    page = view.page
    page.goto(letter_site.url + PAGE)
    assert page.locator(".hb-letter__form").is_visible() and page.locator(".hb-letter__fieldlist").is_hidden()
    fill(page)
    # Arabic: side by side with Norwegian, right to left, in an Arabic font
    page.select_option("#hb-brev-sprak", "ar")
    nb, ar, ti = (page.locator(f"#hb-brev-v-{code}") for code in ("nb", "ar", "ti"))
    assert nb.is_visible() and ar.is_visible() and ti.is_hidden()
    assert ar.get_attribute("dir") == "rtl" and ar.get_attribute("lang") == "ar" and nb.get_attribute("dir") == "ltr"
    assert "torsdag 14. januar 2027" in nb.inner_text() and "14:30–15:15" in nb.inner_text()
    arabic = ar.inner_text()
    assert "Sara" in arabic and "Rom 204" in arabic and "يناير" in arabic and "لقد حجزنا مترجماً شفهياً" in arabic
    assert page.evaluate("getComputedStyle(document.querySelector('#hb-brev-v-ar .hb-letter__body p')).direction") == "rtl"
    assert any("Arabic" in f or "Naskh" in f for f in fonts_of(page, "#hb-brev-v-ar .hb-letter__subject strong")), fonts_of(
        page, "#hb-brev-v-ar .hb-letter__subject strong"
    )
    ar.screenshot(path=str(artifacts / "letter-ar.png"))
    # then Tigrinya: Chromium's Intl has no Tigrinya, so the date comes from CLDR
    page.select_option("#hb-brev-sprak", "ti")
    assert ar.is_hidden() and ti.is_visible() and ti.get_attribute("dir") == "ltr"
    tigrinya = ti.inner_text()
    assert "Sara" in tigrinya and "Rom 204" in tigrinya and "ሓሙስ፣ 14 ጥሪ 2027" in tigrinya
    ti_fonts = fonts_of(page, "#hb-brev-v-ti .hb-letter__subject strong")
    assert any("Ethiopic" in f or "Abyssinica" in f for f in ti_fonts), ti_fonts  # real Ge'ez glyphs, no tofu
    assert "Skriv ut på norsk og tigrinja" in page.locator(".hb-letter__print[data-mode=both]").inner_text()
    # print both languages on one sheet: the PDF holds both languages and the values
    page.evaluate("() => { window.print = () => {}; }")
    page.locator(".hb-letter__print[data-mode=both]").click()
    assert page.locator(".hb-letter__warning").inner_text() == ""  # nothing empty, nothing to warn about
    page.emulate_media(media="print")
    pdf = artifacts.parent / "letter-nb-ti.pdf"
    page.pdf(path=str(pdf), format="A4")
    reader = PdfReader(pdf)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert len(reader.pages) == 1
    for wanted in ("Invitasjon til utviklingssamtale", "torsdag 14. januar 2027", "Sara", "Rom 204", "14:30", "912 34 567"):
        assert wanted in text, wanted
    assert sum("\u1200" <= ch <= "\u137f" for ch in text) > 100  # Tigrinya text, as Unicode
    assert "Kort versjon" not in text and "Fyll inn" not in text  # the letter only
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # the parents' language alone
    page.locator(".hb-letter__print[data-mode=single]").click()
    page.emulate_media(media="print")
    single = artifacts.parent / "letter-ti.pdf"
    page.pdf(path=str(single), format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(single).pages)
    assert "Invitasjon til utviklingssamtale" not in text and sum("\u1200" <= ch <= "\u137f" for ch in text) > 100
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # copy the short version as plain text
    ti.locator(".hb-letter__copy").click()
    page.wait_for_function("document.querySelector('.hb-letter__status').textContent.includes('kopiert')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Sara" in copied and "ሰላም" in copied and "_" not in copied and "<" not in copied
    assert view.blocked == [] and view.console_errors == []
    assert page.evaluate("Object.keys(localStorage)") == ["skole-hjem-brev:utviklingssamtale"]


@pytest.mark.browser
def test_empty_fields_are_warned_about_before_printing_and_copying(letter_site, offline_page):
    view = offline_page(permissions=["clipboard-read", "clipboard-write"])
    page = view.page
    page.goto(letter_site.url + PAGE)
    fill(page, {k: v for k, v in VALUES.items() if k != "telefon"})
    page.select_option("#hb-brev-sprak", "ar")
    assert page.locator('#hb-brev-v-ar .hb-letter__blank--empty[data-field="telefon"]').count() == 1
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator(".hb-letter__print[data-mode=both]").click()
    warning = page.locator(".hb-letter__warning")
    assert "Telefonnummeret ditt (må fylles ut)" in warning.inner_text()
    assert page.evaluate("window.__printed") == 0
    assert page.evaluate("document.activeElement.textContent") == "Skriv ut likevel"
    page.locator(".hb-letter__back").click()
    assert page.evaluate("document.activeElement.id") == "hb-brev-telefon"
    assert warning.inner_text() == ""
    page.locator(".hb-letter__print[data-mode=single]").click()
    page.locator(".hb-letter__anyway").click()
    assert page.evaluate("window.__printed") == 1
    # a choice left open is warned about before copying the short version that holds it
    page.evaluate("localStorage.clear()")
    page.reload()
    fill(page, tolk=None)
    page.locator("#hb-brev-v-nb .hb-letter__copy").click()
    assert "Har dere bestilt tolk?" in page.locator(".hb-letter__warning").inner_text()
    page.locator(".hb-letter__anyway").click()
    page.wait_for_function("document.querySelector('.hb-letter__status').textContent.includes('kopiert')")
    assert view.blocked == []


@pytest.mark.browser
def test_clearing_the_form_can_be_undone_and_what_is_kept_stays_on_the_device(letter_site, offline_page):
    view = offline_page()
    page = view.page
    page.goto(letter_site.url + PAGE)
    fill(page)
    page.select_option("#hb-brev-sprak", "ti")
    page.reload()  # kept in this browser
    assert page.input_value("#hb-brev-elev") == "Sara" and page.is_checked("#hb-brev-tolk-ja")
    assert page.input_value("#hb-brev-sprak") == "ti"
    stored = page.evaluate("JSON.parse(localStorage.getItem('skole-hjem-brev:utviklingssamtale'))")
    assert stored["values"]["sted"] == "Rom 204" and stored["lang"] == "ti"
    page.locator(".hb-letter__clear").click()
    assert page.input_value("#hb-brev-elev") == "" and not page.is_checked("#hb-brev-tolk-ja")
    assert page.evaluate("localStorage.getItem('skole-hjem-brev:utviklingssamtale')") is None
    assert page.locator("#hb-brev-v-ti .hb-letter__blank--empty").count() > 5
    assert page.evaluate("document.activeElement.textContent") == "Angre"
    page.wait_for_function("document.querySelector('.hb-letter__status').textContent === 'Skjemaet er tømt.'")
    page.locator(".hb-letter__undo").click()
    assert page.input_value("#hb-brev-elev") == "Sara" and page.is_checked("#hb-brev-tolk-ja")
    assert "Sara" in page.locator("#hb-brev-v-ti").inner_text()
    assert page.evaluate("JSON.parse(localStorage.getItem('skole-hjem-brev:utviklingssamtale')).values.elev") == "Sara"
    assert page.locator(".hb-letter__undo").is_hidden()
    assert view.blocked == [] and view.context.cookies() == []


@pytest.mark.browser
def test_without_javascript_every_language_with_blanks(letter_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(letter_site.url + PAGE)
    assert page.locator(".hb-letter__form").is_hidden() and page.locator(".hb-letter__fieldlist").is_visible()
    for code in LANGUAGES:
        version = page.locator(f"#hb-brev-v-{code}")
        assert version.is_visible(), code
        assert "________" in version.inner_text(), code
    assert page.locator("#hb-brev-v-ar").get_attribute("dir") == "rtl"
    assert page.locator(".hb-letter__copy").first.is_hidden() and page.locator(".hb-letter__actions").is_hidden()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_no_axe_violations_on_a_letter_page(letter_site, offline_page, artifacts, width):
    from a11y_checks import AXE_SOURCE, WCAG_TAGS

    view = offline_page(viewport={"width": width, "height": 900})
    page = view.page
    page.goto(letter_site.url + PAGE)
    fill(page, {k: v for k, v in VALUES.items() if k != "telefon"})
    page.select_option("#hb-brev-sprak", "ar")
    page.evaluate("() => { window.print = () => {}; }")
    page.locator(".hb-letter__print[data-mode=both]").click()  # the warning is open, too
    page.add_script_tag(content=AXE_SOURCE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [{"rule": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    page.screenshot(path=str(artifacts / f"letter-{width}.png"), full_page=True)
    assert violations == [], violations
    # reflow: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.browser
def test_the_form_works_with_the_keyboard(letter_site, offline_page):
    view = offline_page()
    page = view.page
    page.goto(letter_site.url + PAGE)
    page.focus("#hb-brev-elev")
    page.keyboard.type("Sara")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "hb-brev-dato"
    page.focus("#hb-brev-eleven-med")
    page.keyboard.press("ArrowDown")  # radio buttons move with the arrow keys
    assert page.is_checked("#hb-brev-eleven-velge")
    assert "Sara kan selv velge" in page.locator("#hb-brev-v-nb").inner_text()
    page.focus(".hb-letter__clear")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # focus moved to «Angre»
    assert page.input_value("#hb-brev-elev") == "Sara"
