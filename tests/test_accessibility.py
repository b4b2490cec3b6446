"""WCAG 2.1 AA in a real browser: axe-core on every page template, in Norwegian and in
Arabic (right-to-left), keyboard use, and reflow at 200 % zoom and 320 px.

No axe rule is disabled. axe-core is the copy pinned in the PyPI package
axe-playwright-python (requirements.txt)."""

from pathlib import Path

import axe_playwright_python
import pytest

pytestmark = pytest.mark.browser

AXE = Path(axe_playwright_python.__file__).parent / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

TEMPLATES = {
    "home-nb": "",
    "guidance-nb": "veiledning/utviklingssamtalen/",
    "quick-path-nb": "for-samtalen/",
    "research-nb": "forskning/rokkansenteret-2015/",
    "law-nb": "lov/",
    "law-changes-nb": "lov/endringer-2024/",
    "checklist-nb": "sjekklister/utviklingssamtale/",
    "checklists-nb": "sjekklister/",
    "letter-nb": "brev/tolk/",
    "letters-nb": "brev/",
    "parent-nb": "foreldre/tolk/",
    "translation-status-nb": "om/oversettelsesstatus/",
    "glossary-nb": "ordliste/",
    "sources-nb": "kilder/",
    "relationship-circle-nb": "veiledning/relasjonssirkelen/",
    "not-found-nb": "finnes-ikke/",
    "home-ar": "ar/",
    "parent-ar": "ar/foreldre/tolk/",
    "checklist-ar": "ar/foreldre/utviklingssamtalen/",
    "glossary-ar": "ar/foreldre/ordliste/",
    "not-found-ar": "ar/finnes-ikke/",
    "poster-ar": "ar/plakat/",
    "home-ti": "ti/",
}


def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]]


def open_page(view, server, path):
    response = view.page.goto(server.url + path)
    if path.endswith("finnes-ikke/"):
        # http.server has no per-language error page: load the error page itself
        lang = path.split("/")[0] if path.count("/") > 1 else ""
        view.page.goto(server.url + (lang + "/" if lang else "") + "404.html")
    else:
        assert response.status == 200, path


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_no_axe_violations(server, offline_page, artifacts, name):
    view = offline_page(viewport={"width": 1280, "height": 900})
    open_page(view, server, TEMPLATES[name])
    violations = axe(view.page)
    view.page.screenshot(path=str(artifacts / f"a11y-{name}.png"), full_page=False)
    assert violations == [], violations


@pytest.mark.parametrize("path, lang", [("veiledning/hjemmebesok/", "nb"), ("ar/", "ar")])
def test_no_axe_violations_with_search_results_open(server, offline_page, artifacts, path, lang):
    view = offline_page(viewport={"width": 1280, "height": 900})
    view.page.goto(server.url + path)
    view.page.locator(".md-search__input").click()
    view.page.keyboard.type("tolk" if lang == "nb" else "مترجم", delay=20)
    view.page.keyboard.press("End")
    view.page.wait_for_selector(".md-search-result__item")
    violations = axe(view.page)
    view.page.screenshot(path=str(artifacts / f"a11y-search-{lang}.png"))
    assert violations == [], violations


def test_the_skip_link_moves_focus_to_the_content(server, offline_page):
    view = offline_page()
    page = view.page
    page.goto(server.url + "veiledning/hjemmebesok/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('md-skip')")
    assert page.locator(".md-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""
    assert page.evaluate("document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null")


def focus_until(page, predicate_js, limit=80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return True
    return False


def visible_focus(page) -> bool:
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'; }""")


@pytest.mark.parametrize("target, what", [
    ("document.activeElement.classList.contains('md-search__input')", "search field"),
    ("document.activeElement.getAttribute('hreflang') === 'en' && document.activeElement.matches('.md-select__link')",
     "language switcher"),
    ("document.activeElement.matches('.hb-checklist__item input')", "checklist"),
])
def test_search_language_switcher_and_checklist_are_reachable_by_keyboard(server, offline_page, target, what):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "sjekklister/utviklingssamtale/")
    assert focus_until(page, target), f"the {what} cannot be reached with Tab"
    assert page.locator(":focus").is_visible(), f"the focused {what} is not visible"
    assert visible_focus(page), f"the {what} has no visible focus"
    if what == "language switcher":
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_attribute("html", "lang") == "en"
    if what == "checklist":
        page.keyboard.press("Space")
        assert page.evaluate("document.activeElement.checked")


@pytest.mark.parametrize("path", ["", "veiledning/utviklingssamtalen/", "sjekklister/utviklingssamtale/", "lov/endringer-2024/",
                                  "om/oversettelsesstatus/", "ar/foreldre/tolk/"])
@pytest.mark.parametrize("width, scale, label", [(640, 2, "zoom200"), (320, 1, "w320")])
def test_no_horizontal_scrolling(server, offline_page, artifacts, path, width, scale, label):
    view = offline_page(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    view.page.goto(server.url + path)
    overflow = view.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    name = (path.strip("/").replace("/", "-") or "home")
    view.page.screenshot(path=str(artifacts / f"reflow-{label}-{name}.png"), full_page=True)
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {label}"
