"""Privacy in a real browser: every built page, and nothing leaves 127.0.0.1, no cookie is
set, and nothing is stored but the checklist ticks and what a teacher fills in a letter template."""

import pytest

pytestmark = pytest.mark.browser

ALLOWED_STORAGE_PREFIXES = ("skole-hjem-sjekkliste:", "skole-hjem-brev:")


def all_pages(site):
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(("assets/", "pagefind/")):
            yield rel[: -len("index.html")]


def test_every_page_stays_on_the_site_and_stores_nothing_but_ticks(built_site, server, offline_page):
    view = offline_page()
    page = view.page
    visited = 0
    for address in all_pages(built_site):
        page.goto(server.url + address)
        page.wait_for_load_state("load")
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
    assert view.blocked == [], sorted(set(view.blocked))[:10]
    assert view.context.cookies() == []
    indexed = page.evaluate("indexedDB.databases ? indexedDB.databases().then(d => d.length) : 0")
    assert indexed == 0
