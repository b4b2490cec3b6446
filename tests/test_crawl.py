"""One crawl of every built page, hosted under a sub-path as a municipality would host it
(built for https://kommune.example/skole/handbok/, served under /skole/handbok/ on
127.0.0.1), checking at once what a reader and a host need:

* every page, link, asset, search request and language switch works under the sub-path;
* nothing leaves 127.0.0.1, no cookie is set, and nothing is stored but what the reader
  chose to keep (checklist ticks, what a teacher fills in a letter template)."""

from urllib.parse import urljoin, urlsplit

import pytest
from conftest import LocalServer, mount

from handbook.build import build

pytestmark = pytest.mark.browser

BASE = "/skole/handbok/"
ALLOWED_STORAGE_PREFIXES = ("skole-hjem-sjekkliste:", "skole-hjem-brev:")


@pytest.fixture(scope="module")
def subpath_server(tmp_path_factory):
    from conftest import ROOT

    root = tmp_path_factory.mktemp("subpath")
    site = build(
        ROOT, root / "site", env={"HANDBOOK_SITE_URL": "https://kommune.example" + BASE, "HANDBOOK_PDFS": "false"}, echo=False
    )
    served = mount(site, BASE, root / "www")
    srv = LocalServer(served, BASE)
    yield srv, site
    srv.close()


def all_pages(site):
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "pagefind/")):
            yield rel[: -len("index.html")]


def test_every_page_works_under_the_subpath_and_keeps_the_reader_private(subpath_server, offline_page):
    srv, site = subpath_server
    view = offline_page()
    page = view.page
    failures, links = [], set()
    page.on("response", lambda r: r.status >= 400 and failures.append((r.status, r.url)))
    visited = 0
    for address in all_pages(site):
        page.goto(srv.url + address)
        page.wait_for_load_state("load")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if href.startswith(srv.url.split(BASE)[0]):
                links.add(href.split("#")[0])
        box = page.locator(".hb-checklist__item input").first
        if box.count():
            box.check()  # exercise the things that may store something
        field = page.locator(".hb-letter__form input[type=text]").first
        if field.count():
            field.fill("Sara")
        storage = page.evaluate("[...Object.keys(localStorage), ...Object.keys(sessionStorage)]")
        assert all(key.startswith(ALLOWED_STORAGE_PREFIXES) for key in storage), (address, storage)
        page.evaluate("localStorage.clear(); sessionStorage.clear()")
        visited += 1
    assert visited > 100
    assert failures == [], failures[:10]
    assert view.blocked == [], sorted(set(view.blocked))[:10]
    assert view.context.cookies() == []
    assert page.evaluate("indexedDB.databases ? indexedDB.databases().then(d => d.length) : 0") == 0
    broken = []
    for href in sorted(links):
        assert urlsplit(href).path.startswith(BASE), f"a link leaves the subpath: {href}"
        response = page.request.get(href)
        if response.status >= 400:
            broken.append((response.status, href))
    assert broken == [], broken[:10]


def test_search_and_language_switch_under_the_subpath(subpath_server, offline_page):
    srv, _ = subpath_server
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(srv.url + "foreldre/tolk/")
    page.locator(".md-search__input").click()
    page.keyboard.type("tolk", delay=20)
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__link").first.get_attribute("href")
    assert urlsplit(urljoin(page.url, first)).path.startswith(BASE)
    page.keyboard.press("Escape")
    english = page.locator("a.md-select__link[hreflang=en]").get_attribute("href")
    page.goto(urljoin(page.url, english))
    assert page.url == srv.url + "en/foreldre/tolk/"
    assert page.get_attribute("html", "lang") == "en"
    assert view.blocked == []


def test_qr_codes_and_feed_follow_site_url(subpath_server):
    _, site = subpath_server
    poster = (site / "so" / "plakat" / "index.html").read_text()
    assert "https://kommune.example/skole/handbok/so/foreldre/" in poster
    feed = (site / "hva-er-nytt.xml").read_text()
    assert "https://kommune.example/skole/handbok/" in feed
