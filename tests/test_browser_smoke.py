"""The built site in a real browser: home pages load in their language and direction,
nothing is requested from anywhere but 127.0.0.1, and screenshots are kept."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path, lang, direction", [("", "nb", "ltr"), ("en/", "en", "ltr"), ("ar/", "ar", "rtl")])
def test_home_page_loads_in_its_language(server, offline_page, artifacts, path, lang, direction):
    view = offline_page(viewport={"width": 1280, "height": 900})
    response = view.page.goto(server.url + path)
    assert response.status == 200
    assert view.page.get_attribute("html", "lang") == lang
    assert view.page.get_attribute("body", "dir") == direction
    assert view.page.evaluate("getComputedStyle(document.body).direction") == direction
    view.page.screenshot(path=str(artifacts / f"home-{lang}.png"), full_page=True)
    assert view.blocked == [], f"requests left 127.0.0.1: {view.blocked}"


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
