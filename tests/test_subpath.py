"""Hosting under any path: the site built for https://kommune.example/skole/handbok/ and
served under /skole/handbok/ on 127.0.0.1. Every page, link, asset, search request and
language switch must work."""

from urllib.parse import urljoin, urlsplit

import pytest
from conftest import LocalServer, mount

from handbook.build import build

pytestmark = pytest.mark.browser

BASE = "/skole/handbok/"


@pytest.fixture(scope="module")
def subpath_server(project, tmp_path_factory):
    from conftest import ROOT

    root = tmp_path_factory.mktemp("subpath")
    site = build(ROOT, root / "site", env={"HANDBOOK_SITE_URL": "https://kommune.example" + BASE,
                                           "HANDBOOK_PDFS": "false"}, echo=False)
    served = mount(site, BASE, root / "www")
    srv = LocalServer(served, BASE)
    yield srv, site
    srv.close()


def test_every_page_link_and_asset_works_under_the_subpath(subpath_server, offline_page):
    srv, site = subpath_server
    view = offline_page()
    page = view.page
    failures, links = [], set()
    page.on("response", lambda r: r.status >= 400 and failures.append((r.status, r.url)))
    addresses = sorted(p.relative_to(site).as_posix()[: -len("index.html")] for p in site.rglob("index.html")
                       if not p.relative_to(site).as_posix().startswith(("assets/", "pagefind/")))
    for address in addresses:
        page.goto(srv.url + address)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            if href.startswith(srv.url.split(BASE)[0]):
                links.add(href.split("#")[0])
    assert failures == [], failures[:10]
    broken = []
    for href in sorted(links):
        assert urlsplit(href).path.startswith(BASE), f"a link leaves the subpath: {href}"
        response = page.request.get(href)
        if response.status >= 400:
            broken.append((response.status, href))
    assert broken == [], broken[:10]
    assert view.blocked == []


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
