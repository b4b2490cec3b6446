"""handbook/offline.py and the service worker: the handbook on a reader's device.

The small test handbook is built twice (the second time with a changed page, as a new
version would be published) and served under /sub/path/ on 127.0.0.1. Chromium visits it
with every request outside 127.0.0.1 blocked, goes offline and reads on."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import LocalServer, make_mini_project, public_folder

from handbook import offline
from handbook.build import build
from handbook.project import Project

BASE = "/sub/path/"
CHANGED = "Ring heller enn å skrive, og ring tidlig."
SAVED = "document.querySelector('[data-hb-offline]') && document.querySelector('[data-hb-offline]').getAttribute('data-state') === 'saved'"


@pytest.fixture(scope="module")
def builds(tmp_path_factory, monkeypatch_module):
    """Two builds of the small handbook: as published, and after a page changed."""
    monkeypatch_module.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path_factory.mktemp("no-sources")))
    monkeypatch_module.delenv("HANDBOOK_LOCAL", raising=False)
    folder = public_folder("handbook-offline-")
    root = make_mini_project(folder / "mini")
    first = build(root, folder / "first", env={"HANDBOOK_PDFS": "false"}, echo=False)
    page = root / "docs" / "nb" / "veiledning" / "samarbeid.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Ring heller enn å skrive.", CHANGED), encoding="utf-8")
    second = build(root, folder / "second", env={"HANDBOOK_PDFS": "false"}, echo=False)
    yield root, first, second
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


class Publisher:
    """The site under /sub/path/, and a way to publish another build at the same address."""

    def __init__(self, site: Path, where: Path):
        self.link = where / BASE.strip("/")
        self.link.parent.mkdir(parents=True, exist_ok=True)
        self.link.symlink_to(site, target_is_directory=True)
        self.server = LocalServer(where, BASE)
        self.url = self.server.url

    def publish(self, site: Path) -> None:
        self.link.unlink()
        self.link.symlink_to(site, target_is_directory=True)

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def published(builds, tmp_path):
    _, first, _ = builds
    publisher = Publisher(first, tmp_path / "www")
    yield publisher
    publisher.close()


def build_id(site: Path) -> str:
    return json.loads((site / "offline" / "nb.json").read_text(encoding="utf-8"))["build"]


def cache_names(page) -> list[str]:
    return page.evaluate("caches.keys()")


# ---- the lists, without a browser -----------------------------------------------------------------
def test_each_language_lists_its_pages_shared_files_and_own_search_files(builds):
    root, site, _ = builds
    project = Project(root)
    nb = json.loads((site / "offline" / "nb.json").read_text(encoding="utf-8"))
    en = json.loads((site / "offline" / "en.json").read_text(encoding="utf-8"))
    nb_urls = {row[0] for row in nb["files"]}
    en_urls = {row[0] for row in en["files"]}
    assert {"", "veiledning/samarbeid/", "foreldre/tolk/", "sjekklister/samtale/", "veiledning/bilder/sirkel.svg"} <= nb_urls
    assert {"en/", "en/foreldre/", "en/foreldre/tolk/"} <= en_urls  # the Norwegian fallback shown in English is English's
    assert not any(url.startswith("en/") for url in nb_urls)
    assert not any(not url.startswith(("en/", "assets/", "pagefind/")) for url in en_urls)
    shared = {url for url in nb_urls if url.startswith("assets/")}
    assert shared and shared == {url for url in en_urls if url.startswith("assets/")}
    assert any(re.match(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", url) for url in shared)
    for lang, urls in (("nb", nb_urls), ("en", en_urls)):
        other = "en" if lang == "nb" else "nb"
        search = {url for url in urls if url.startswith("pagefind/")}
        assert "pagefind/pagefind.js" in search and any(url.startswith(f"pagefind/fragment/{lang}_") for url in search)
        words = {url for url in search if url.startswith("pagefind/vocab/")}  # typing errors and titles work offline too
        assert {f"pagefind/vocab/{lang}.json", f"pagefind/vocab/{lang}-keys.json"} <= words
        assert any(url.startswith(f"pagefind/vocab/{lang}-words-") for url in words)
        assert not any(url.startswith((f"pagefind/vocab/{other}.", f"pagefind/vocab/{other}-")) for url in words)
        assert not any(
            f"/{other}_" in url or f"pagefind.{other}_" in url or url == f"pagefind/wasm.{other}.pagefind" for url in search
        )
    for rows in (nb["files"], en["files"]):  # sizes and hashes are the files' own
        for url, size, digest in rows:
            path = site / (url + "index.html" if url.endswith("/") or url in ("", "en/") else url)
            assert path.stat().st_size == size, url
            assert offline._digest(path) == digest, url
    assert not any(url.endswith((".xml", ".gz", "404.html", "sw.js")) or url.startswith("offline/") for url in nb_urls | en_urls)
    assert nb["build"] == en["build"] and f'"build": "{nb["build"]}"' in (site / "sw.js").read_text(encoding="utf-8")
    assert nb["bytes"] <= offline.BUDGET["source"] and en["bytes"] <= offline.BUDGET["parent"]
    assert project.language("en").ui["offline_missing_title"] in (site / "sw.js").read_text(encoding="utf-8")


def test_a_changed_page_gives_a_new_build_id(builds):
    _, first, second = builds
    assert build_id(first) != build_id(second)
    assert (first / "sw.js").read_bytes() != (second / "sw.js").read_bytes()


def test_the_worker_names_no_other_site(builds):
    from handbook.site_checks import urls_in_code

    _, site, _ = builds
    assert urls_in_code((site / "sw.js").read_text(encoding="utf-8")) == []
    script = next((site / "assets" / "javascripts").glob("offline*.js"))  # (a content hash may be in its name)
    assert urls_in_code(script.read_text(encoding="utf-8")) == []


def test_a_language_over_its_budget_stops_the_build(builds, monkeypatch):
    root, site, _ = builds
    monkeypatch.setitem(offline.BUDGET, "parent", 1000)
    scratch = site.parent / "budget"
    shutil.copytree(site, scratch)
    try:
        _, problems = offline.write(Project(root), scratch)
    finally:
        shutil.rmtree(scratch)
    assert len(problems) == 1 and "engelsk (en)" in problems[0].message and "BUDGET" in problems[0].fix


# ---- in Chromium --------------------------------------------------------------------------------------
def wait_saved(page, timeout: float = 30_000) -> None:
    page.wait_for_function(f"() => {SAVED}", timeout=timeout)


@pytest.mark.browser
def test_after_the_first_visit_the_pages_work_offline(published, offline_page):
    view = offline_page(viewport={"width": 390, "height": 844})
    page = view.page
    page.goto(published.url)
    wait_saved(page)
    status = page.inner_text(".hb-offline__status")
    assert "lagret på denne enheten" in status and re.search(r"\d,\d MB", status), status
    page.goto(published.url + "veiledning/samarbeid/")
    view.context.set_offline(True)
    page.reload()
    assert page.title().startswith("Samarbeid med hjemmet")
    page.goto(published.url)
    assert page.locator("h1").first.inner_text() != ""
    page.goto(published.url + "foreldre/tolk/")  # never visited: stored with the language
    assert page.title().startswith("Tolk")
    assert page.locator("[data-hb-offline-banner]").is_visible()
    # a page of another language is not stored: the reader is told, in that language
    response = page.goto(published.url + "en/foreldre/")
    assert response.status == 503 and page.locator("h1").inner_text() == "This page is not saved"
    assert "script-src 'none'" in response.headers["content-security-policy"]
    assert page.locator("a").get_attribute("href").endswith(BASE + "en/")
    view.context.set_offline(False)
    assert view.blocked == []


@pytest.mark.browser
def test_search_works_offline_and_nothing_typed_is_stored(published, offline_page):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(published.url + "veiledning/samarbeid/")
    wait_saved(page)
    view.context.set_offline(True)
    page.reload()
    page.locator(".md-search__input").click()
    page.keyboard.type("tollk", delay=20)  # a typing error: corrected from the word lists stored offline
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() >= 1
    assert "tolk" in page.locator("[data-hb-search-notes]").inner_text()  # «Mente du tolk?»
    stored = page.evaluate("""async () => {
        const out = [];
        for (const name of await caches.keys()) {
            for (const request of await (await caches.open(name)).keys()) { out.push(request.url); }
        }
        return out; }""")
    assert stored  # only this site's own files, and never a request with a query (what a reader types)
    assert [url for url in stored if "?" in url or not url.startswith(published.url)] == []
    view.context.set_offline(False)
    assert view.blocked == []


@pytest.mark.browser
def test_a_new_build_replaces_the_old_copy(builds, published, offline_page):
    _, first, second = builds
    view = offline_page(viewport={"width": 390, "height": 844})
    page = view.page
    page.goto(published.url + "veiledning/samarbeid/")
    wait_saved(page)
    assert cache_names(page) == [f"hb-{build_id(first)}-nb"]
    published.publish(second)
    page.reload()  # the browser checks sw.js on every visit: the new worker stores the new build, then takes over
    deadline = time.time() + 30
    while cache_names(page) != [f"hb-{build_id(second)}-nb"] and time.time() < deadline:
        page.wait_for_timeout(250)
    assert cache_names(page) == [f"hb-{build_id(second)}-nb"]
    view.context.set_offline(True)
    page.goto(published.url + "veiledning/samarbeid/")
    assert CHANGED in page.inner_text("article")
    page.goto(published.url + "foreldre/tolk/")
    assert page.title().startswith("Tolk")
    view.context.set_offline(False)
    assert view.blocked == []


@pytest.mark.browser
def test_the_reader_can_remove_the_copy_and_save_it_again(published, offline_page):
    view = offline_page(viewport={"width": 390, "height": 844})
    page = view.page
    page.goto(published.url + "foreldre/")
    wait_saved(page)
    page.click(".hb-offline__remove")
    page.wait_for_function("document.querySelector('[data-hb-offline]').getAttribute('data-state') === 'removed'")
    assert cache_names(page) == []
    page.reload()  # the reader's choice is kept: nothing is stored again by itself
    page.wait_for_selector(".hb-offline__save:visible")
    assert cache_names(page) == []
    assert "Tar omtrent" in page.inner_text(".hb-offline__status")
    page.click(".hb-offline__save")
    wait_saved(page)
    assert len(cache_names(page)) == 1
    assert view.blocked == []


@pytest.mark.browser
def test_the_panel_and_the_not_stored_page_are_accessible(published, offline_page):
    from a11y_checks import axe

    view = offline_page(
        viewport={"width": 320, "height": 700}, bypass_csp=True
    )  # (the not-stored page forbids scripts: axe is one)
    page = view.page
    page.goto(published.url + "foreldre/tolk/")
    wait_saved(page)
    page.locator("[data-hb-offline]").scroll_into_view_if_needed()
    assert axe(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # reflow at 320 px
    page.click(".hb-offline__remove")
    page.wait_for_selector(".hb-offline__save:visible")
    page.locator(".hb-offline__save").focus()
    assert page.evaluate("document.activeElement.classList.contains('hb-offline__save')")  # a real button, in the tab order
    assert axe(page) == []
    page.click(".hb-offline__save")
    wait_saved(page)
    view.context.set_offline(True)
    page.goto(published.url + "en/foreldre/tolk/")
    assert page.locator("[data-hb-offline]").count() == 0 and page.get_attribute("html", "lang") == "en"
    assert axe(page) == []
    page.goto(published.url + "foreldre/")
    assert page.locator("[data-hb-offline-banner]").is_visible()
    assert axe(page) == []
    view.context.set_offline(False)
    assert view.blocked == []
