"""Accessibility of the search field (issue 21, items 1–3), in Chromium: Tab out of the
search closes it, Escape returns focus to the field, every result has a name in the
accessibility tree, the field is a combobox, the result count is announced once typing
pauses, and on a phone a tap on the search icon puts the focus (and the keyboard) in the field.
What the closed search hides takes no focus: on a phone the search icon is the keyboard's way in."""

import re

import pytest

pytestmark = pytest.mark.browser

FIELD = "document.activeElement.classList.contains('md-search__input')"
OPEN = "document.getElementById('__search').checked"


def type_and_wait(page, text):
    before = page.get_attribute("[data-hb-search]", "data-hb-done") or "0"
    page.keyboard.type(text, delay=25)
    page.wait_for_function(f"(document.querySelector('[data-hb-search]').dataset.hbDone || '0') !== '{before}'")
    page.wait_for_timeout(150)


@pytest.fixture
def desktop(server, offline_page):
    view = offline_page(viewport={"width": 1280, "height": 900})
    view.page.goto(server.url + "veiledning/")
    view.page.locator(".md-search__input").click()
    type_and_wait(view.page, "tolk")
    yield view.page
    assert view.blocked == []


def test_tab_out_of_the_search_closes_it(desktop):
    page = desktop
    assert page.evaluate(OPEN)
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate("document.querySelector('[data-hb-search]').contains(document.activeElement)"):
            break
    else:
        pytest.fail("Tab never left the search")
    assert not page.evaluate(OPEN)
    # and backwards: Shift+Tab out of the field closes it too
    page.locator(".md-search__input").focus()
    assert page.evaluate(OPEN)
    page.keyboard.press("Shift+Tab")
    assert not page.evaluate(OPEN)


def test_escape_returns_focus_to_the_field(desktop):
    page = desktop
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert not page.evaluate(OPEN)
    assert page.evaluate(FIELD), page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    # from a control inside the search (the filter of whom pages are for): back to the field
    page.keyboard.type("e")
    page.wait_for_selector(".hb-search-filter__choice")
    page.locator(".hb-search-filter__choice").first.focus()
    page.keyboard.press("Escape")
    assert page.evaluate(FIELD)
    assert page.evaluate("document.activeElement !== document.body")


def test_every_result_has_a_name_in_the_accessibility_tree(desktop):
    page = desktop
    listbox = page.get_by_role("listbox")
    links = page.locator("#hb-search-results [role=option]").count()
    named = listbox.get_by_role("option", name=re.compile(r"\S")).count()
    assert links and named == links, listbox.aria_snapshot()
    # a section's name says its page and its heading
    assert listbox.get_by_role("option", name=re.compile(" – ")).count() > 0, listbox.aria_snapshot()
    # and hidden search words never show in an excerpt
    assert "tolkebruk" not in page.locator("#hb-search-results").inner_text()


def test_the_field_is_a_combobox(desktop):
    page = desktop
    field = page.locator(".md-search__input")
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-controls") == "hb-search-results"
    assert page.get_attribute("#hb-search-results", "role") == "listbox"
    assert field.get_attribute("aria-expanded") == "true"
    assert field.get_attribute("aria-activedescendant") is None
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = field.get_attribute("aria-activedescendant")
    option = page.locator(f"#{active}")
    assert option.get_attribute("role") == "option" and option.get_attribute("aria-selected") == "true"
    assert page.locator("#hb-search-results [aria-selected=true]").count() == 1
    page.keyboard.press("ArrowUp")
    assert field.get_attribute("aria-activedescendant") != active
    page.keyboard.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"


def test_the_result_count_is_announced_once_typing_pauses(server, offline_page):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url)
    page.evaluate("""() => { window.__said = [];
        const status = document.querySelector('[data-hb-search-status]');
        new MutationObserver(() => { if (status.textContent) window.__said.push(status.textContent); })
            .observe(status, {childList: true, characterData: true, subtree: true}); }""")
    page.locator(".md-search__input").click()
    page.keyboard.type("foreldremøte", delay=80)  # a word typed letter by letter, each one searched
    page.wait_for_timeout(2000)
    said = page.evaluate("window.__said")
    assert len(said) == 1, said
    assert re.search(r"\d", said[0]) or "Ingen" in said[0], said
    assert page.get_attribute(".md-search-result__meta", "aria-live") is None  # the visible count is not read at every key


def test_tapping_the_search_icon_on_a_phone_focuses_the_field(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = view.page
    page.goto(server.url + "foreldre/")
    icon = page.locator('.md-header label.md-header__button[for="__search"]')
    assert icon.is_visible()
    icon.tap()
    page.wait_for_timeout(300)
    assert page.evaluate(OPEN)
    assert page.evaluate(FIELD)
    assert page.locator(".md-search__input").is_visible()
    page.keyboard.type("tolk")
    page.wait_for_selector(".md-search-result__item")
    page.screenshot(path=str(artifacts / "search-phone.png"))
    assert view.blocked == []


TABBABLE_IN_SEARCH = """() => [...document.querySelectorAll('.md-search *')]
    .filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]') && e.getClientRects().length)
    .map(e => e.tagName.toLowerCase() + '.' + e.classList[0])"""


def test_the_closed_search_takes_no_focus_and_the_open_frame_is_named(server, offline_page):
    for width, closed in ((1280, ["input.md-search__input"]), (390, [])):
        view = offline_page(viewport={"width": width, "height": 844})
        page = view.page
        page.goto(server.url + "veiledning/")
        # closed: on a wide screen only the field (on show in the header); on a phone nothing
        assert page.evaluate(TABBABLE_IN_SEARCH) == closed, width
        if width == 390:
            page.locator(".md-header .hb-button--search").click()
        else:
            page.locator(".md-search__input").click()
        type_and_wait(page, "tolk")
        tabbable = page.evaluate(TABBABLE_IN_SEARCH)
        assert {"input.md-search__input", "button.md-search__icon", "div.md-search__scrollwrap"} <= set(tabbable)
        frame = page.get_by_role("region", name=re.compile(r"\d"))
        assert frame.count() == 1 and frame.evaluate("e => e.matches('.md-search__scrollwrap')")


def test_on_a_phone_the_search_icon_is_the_keyboards_way_in(server, offline_page):
    view = offline_page(viewport={"width": 390, "height": 844})
    page = view.page
    page.goto(server.url + "foreldre/")
    icon = page.get_by_role("button", name=page.get_attribute(".md-search", "aria-label"), exact=True)
    assert icon.get_attribute("aria-expanded") == "false"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.hb-button--search')"):
            break
    else:
        pytest.fail("Tab never reached the search icon")
    page.keyboard.press("Enter")
    assert page.evaluate(OPEN) and page.evaluate(FIELD)
    assert icon.get_attribute("aria-expanded") == "true"
    type_and_wait(page, "tolk")
    page.keyboard.press("ArrowDown")
    assert page.locator(".md-search__input").get_attribute("aria-activedescendant")
    # Escape closes, and focus goes back to the icon (the closed field is hidden on a phone)
    page.keyboard.press("Escape")
    assert not page.evaluate(OPEN)
    assert page.evaluate("document.activeElement.matches('.hb-button--search')")
    assert page.evaluate(TABBABLE_IN_SEARCH) == []
    page.keyboard.press(" ")
    assert page.evaluate(OPEN) and page.evaluate(FIELD)
    assert view.blocked == []
