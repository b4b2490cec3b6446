"""Search: Pagefind's real index in headless Chromium, a query set with a quality bar,
and the search field's keyboard behaviour."""

from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
SEARCH = """async (query) => {
    const root = new URL(JSON.parse(document.getElementById('__config').textContent).base + '/', location.href);
    const pagefind = await import(new URL('pagefind/pagefind.js', root).href);
    await pagefind.options({ baseUrl: root.pathname });
    const found = await pagefind.search(query);
    const data = await Promise.all(found.results.slice(0, 3).map(r => r.data()));
    return data.map(d => d.url.replace(root.pathname, ''));
}"""


def home(lang: str) -> str:
    return "" if lang == "nb" else f"{lang}/"


@pytest.fixture(scope="module")
def results(server, browser):
    pages, out = {}, []
    context = browser.new_context()
    for query in QUERIES:
        lang = query.get("lang", "nb")
        if lang not in pages:
            pages[lang] = context.new_page()
            pages[lang].goto(server.url + home(lang))
        urls = pages[lang].evaluate(SEARCH, query["q"])
        out.append((query, urls))
    context.close()
    return out


def test_the_query_set_is_large_enough():
    assert len(QUERIES) >= 40
    assert {q.get("lang", "nb") for q in QUERIES} >= {"nb", "en", "ar"}


def test_hit_at_3_is_at_least_95_percent(results):
    hit1 = sum(bool(urls) and urls[0] in q["expect"] for q, urls in results) / len(results)
    hit3 = sum(any(url in q["expect"] for url in urls) for q, urls in results) / len(results)
    misses = [(q["q"], urls) for q, urls in results if not any(url in q["expect"] for url in urls)]
    print(f"\nsearch quality over {len(results)} queries: hit@1 = {hit1:.1%}, hit@3 = {hit3:.1%}")
    for query, urls in misses:
        print(f"  miss: {query!r} -> {urls}")
    assert hit3 >= 0.95, misses


def test_results_come_from_the_readers_language_only(results):
    for query, urls in results:
        lang = query.get("lang", "nb")
        for url in urls:
            first = url.split("/", 1)[0]
            if lang == "nb":
                assert first not in ("en", "ar", "uk", "pl", "so", "ti"), (query["q"], url)
            else:
                assert url.startswith(f"{lang}/"), (query["q"], url)


def test_typing_in_the_header_shows_results_and_the_keyboard_works(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "om/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.type("hjemmebesøk", delay=30)
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__item h1").first.inner_text()
    assert "Hjemmebesøk" in first
    page.wait_for_selector(".md-search-result__item h2")
    repeated = page.evaluate("""[...document.querySelectorAll('.md-search-result__item')].filter(item =>
        [...item.querySelectorAll('h2')].some(h => h.innerText === item.querySelector('h1').innerText)).length""")
    assert repeated == 0  # a page's own heading is not listed again as one of its sections
    page.screenshot(path=str(artifacts / "search-nb.png"))
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused and "hjemmebesok" in focused
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Control+a")  # the earlier query is kept, as in Material: replace it
    page.keyboard.type("tolk", delay=30)
    page.wait_for_function("[...document.querySelectorAll('.md-search-result__item h1')]"
                           ".some(h => h.innerText.toLowerCase().includes('tolk'))")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # opens the first result
    assert page.url != server.url + "om/"
    assert view.blocked == []


def test_search_from_an_arabic_page_returns_arabic_pages(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "ar/")
    page.locator(".md-search__input").click()
    page.keyboard.type("مترجم", delay=30)
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => new URL(a.href).pathname)")
    assert hrefs and all(h.startswith("/ar/") for h in hrefs)
    page.screenshot(path=str(artifacts / "search-ar.png"))
    assert view.blocked == []
