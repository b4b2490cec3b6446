"""The built site in a real browser: every language's home page loads in its language and
direction with real glyphs (not boxes), nothing is requested from anywhere but 127.0.0.1,
and screenshots are kept."""

import pytest

from handbook.project import Project

pytestmark = pytest.mark.browser

LANGUAGES = [(lang.code, lang.dir) for lang in Project(__import__("conftest").ROOT).languages]
# Scripts that need a font of their own: the home page's heading must be drawn with one.
SCRIPT_FONTS = {"ar": "Arabic", "ti": "Ethiopic"}


def fonts_for(page, selector: str) -> list[str]:
    """Fonts Chromium actually used to draw an element (CSS.getPlatformFontsForNode)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in used if font["glyphCount"] > 0]


@pytest.mark.parametrize("code, direction", LANGUAGES)
def test_home_page_loads_in_its_language_with_real_glyphs(server, offline_page, artifacts, code, direction):
    view = offline_page(viewport={"width": 1280, "height": 900})
    response = view.page.goto(server.url + ("" if code == "nb" else f"{code}/"))
    assert response.status == 200
    assert view.page.get_attribute("html", "lang") == code
    assert view.page.get_attribute("body", "dir") == direction
    assert view.page.evaluate("getComputedStyle(document.body).direction") == direction
    fonts = fonts_for(view.page, "article h1")
    assert fonts, "the heading was drawn with no font"
    if code in SCRIPT_FONTS:
        assert any(SCRIPT_FONTS[code] in name for name in fonts), fonts
    view.page.screenshot(path=str(artifacts / f"home-{code}.png"), full_page=True)
    assert view.blocked == [], f"requests left 127.0.0.1: {view.blocked}"


def test_ukrainian_is_drawn_in_cyrillic_with_a_real_font(server, offline_page):
    view = offline_page()
    view.page.goto(server.url + "uk/foreldre/")
    text = view.page.locator("article h1").inner_text()
    assert any("\u0400" <= ch <= "\u04ff" for ch in text)
    assert fonts_for(view.page, "article h1")


def test_phone_view_of_home(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    view.page.goto(server.url)
    view.page.screenshot(path=str(artifacts / "home-nb-phone.png"), full_page=True)
    assert view.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert view.blocked == []


def test_language_switcher_leads_to_the_same_page(server, offline_page):
    view = offline_page()
    view.page.goto(server.url + "foreldre/")
    english = view.page.locator("a.md-select__link[hreflang=en]")
    assert english.get_attribute("href") == "../en/foreldre/"
    view.page.goto(server.url + "om/")  # a page with no English version: the switcher goes to the English home
    assert view.page.locator("a.md-select__link[hreflang=en]").get_attribute("href") == "../en/"
    view.page.goto(server.url + "ar/foreldre/")
    view.page.locator("a.md-select__link[hreflang=nb]").first.evaluate("a => a.click()")
    view.page.wait_for_url(server.url + "foreldre/")
    assert view.page.get_attribute("html", "lang") == "nb"


def test_a_parent_languages_menu_lists_only_its_own_pages(server, offline_page):
    view = offline_page(viewport={"width": 1280, "height": 900})
    view.page.goto(server.url + "ar/foreldre/")
    links = view.page.eval_on_selector_all(".md-nav--primary a.md-nav__link[href]", "as => as.map(a => a.href)")
    assert links
    assert all("/ar/" in link for link in links), [link for link in links if "/ar/" not in link]


def test_a_link_to_a_norwegian_only_page_says_so(server, offline_page):
    view = offline_page()
    view.page.goto(server.url + "en/")
    link = view.page.locator("a.hb-source-link[hreflang=nb]").first
    assert "(in Norwegian)" in link.inner_text()
    with view.page.expect_navigation():
        link.click()
    assert view.page.get_attribute("html", "lang") == "nb"
