"""deploy/nginx.conf, run for real with Debian's nginx on 127.0.0.1 and the built site:
compression, caching, security headers, error pages per language, and pages that work
in Chromium under the Content-Security-Policy without a single violation."""

import base64
import hashlib
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

from handbook import fingerprint
from tools import webserver

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nginx_work(tmp_path_factory):
    return tmp_path_factory.mktemp("nginx")


@pytest.fixture(scope="module")
def nginx(built_site, nginx_work):
    try:
        with webserver.nginx(built_site, nginx_work) as base:
            yield base
    except webserver.NginxFailed as err:
        pytest.fail(str(err))


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def inline_script_hashes(site: Path) -> set[str]:
    """The CSP hash of every inline script in the site (script text is raw in HTML: no entities)."""
    found = set()
    for path in site.rglob("*.html"):
        for script in lxml_html.document_fromstring(path.read_text(encoding="utf-8")).iter("script"):
            if script.get("src") is not None or script.get("type") == "application/json" or not script.text:
                continue
            digest = base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode()
            found.add(f"'sha256-{digest}'")
    return found


def test_the_policy_allows_exactly_the_inline_scripts_the_site_has(built_site, nginx):
    _, headers, _ = get(nginx)
    policy = headers["Content-Security-Policy"]
    allowed = set(re.findall(r"'sha256-[^']+'", policy))
    assert allowed == inline_script_hashes(built_site), "update the hashes in deploy/nginx.conf"


def test_security_headers(nginx):
    status, headers, _ = get(nginx)
    assert status == 200
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "object-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Cache-Control"] == "no-cache"
    assert "nginx/" not in headers.get("Server", "")


def test_the_policy_goes_with_documents_and_scripts_and_nosniff_with_everything(built_site, nginx):
    """Browsers read a Content-Security-Policy only where it governs a document or a worker:
    pages (a missing one too), SVG, XML and PDF (a browser opens them as documents) and
    scripts (sw.js runs as a worker). Data, styles, images and the search index load into a
    page under the page's policy: they go without it, and with every other security header."""
    pdf = next(built_site.rglob("*.pdf")).relative_to(built_site).as_posix()
    svg = next((built_site / "assets" / "images").glob("*.svg")).relative_to(built_site).as_posix()
    documents = ["", "en/foreldre/", "finnes-ikke/", "hva-er-nytt.xml", pdf, svg, "sw.js", "pagefind/pagefind.js"]
    css = next((built_site / "assets" / "stylesheets").glob("handbook.*.css")).relative_to(built_site).as_posix()
    fragment = next((built_site / "pagefind" / "fragment").iterdir()).name
    index = next((built_site / "pagefind" / "index").iterdir()).name
    wasm = next((built_site / "pagefind").glob("wasm.*.pagefind")).name
    loaded = [css, "pagefind/pagefind-entry.json", "pagefind/vocab/ar.json", f"pagefind/fragment/{fragment}"]
    loaded += [f"pagefind/index/{index}", f"pagefind/{wasm}", "offline/nb.json"]
    for path in documents + loaded:
        status, headers, _ = get(nginx + path, **{"Accept-Encoding": "gzip"})
        assert status in (200, 404), path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "no-referrer", path
        assert "camera=()" in headers["Permissions-Policy"], path
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", path
        if path in documents:
            assert headers["Content-Security-Policy"].startswith("default-src 'self';"), path
        else:
            assert "Content-Security-Policy" not in headers, path


def test_compression_and_long_caching_for_fingerprinted_files(built_site, nginx):
    own = sorted(p.relative_to(built_site).as_posix() for p in (built_site / "assets").rglob("*") if p.is_file())
    assert own and all(fingerprint.HASHED.search(name) for name in own), "every own asset carries a content hash"
    css = next(name for name in own if name.startswith("assets/stylesheets/handbook."))
    status, headers, _ = get(nginx + css, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for name in own:
        assert get(nginx + name)[1]["Cache-Control"] == "public, max-age=31536000, immutable", name
    status, headers, _ = get(nginx + "en/foreldre/")
    assert headers["Cache-Control"] == "no-cache"  # pages are revalidated
    status, headers, _ = get(nginx + "pagefind/pagefind.js")
    assert status == 200 and headers["Cache-Control"] == "no-cache"  # a fixed name: revalidated
    fragment = next((built_site / "pagefind" / "fragment").iterdir()).name
    assert get(nginx + "pagefind/fragment/" + fragment)[1]["Cache-Control"] == "public, max-age=31536000, immutable"
    wasm = next((built_site / "pagefind").glob("wasm.*.pagefind"))
    status, headers, _ = get(nginx + "pagefind/" + wasm.name)
    assert status == 200


def test_a_second_page_view_costs_one_request(nginx, nginx_work, browser):
    """After the first page, the browser keeps every asset: the next page is its HTML alone.
    (A plain browser context: Playwright turns the HTTP cache off when requests are routed.
    The site's privacy tests show it asks no other host.)"""
    # service workers blocked: the offline copy (tests/test_offline.py) would download the language
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    try:
        page = context.new_page()
        page.goto(nginx + "foreldre/")
        page.wait_for_load_state("networkidle")
        before = len(webserver.served(nginx_work))
        page.goto(nginx + "foreldre/tolk/")
        page.wait_for_load_state("networkidle")
        second = [row.uri for row in webserver.served(nginx_work)[before:]]
    finally:
        context.close()
    assert second == ["/foreldre/tolk/"]


def test_the_error_page_is_in_the_readers_language(nginx):
    status, _, body = get(nginx + "finnes-ikke/")
    assert status == 404 and b'<html lang="nb"' in body
    status, _, body = get(nginx + "so/finnes-ikke/")
    assert status == 404 and b'<html lang="so"' in body
    status, _, body = get(nginx + "ar/foreldre/finnes-ikke/")
    assert status == 404 and b'<html lang="ar"' in body


@pytest.mark.parametrize(
    "path", ["", "sjekklister/utviklingssamtale/", "ar/foreldre/utviklingssamtalen/", "plakat/", "finnes-ikke/"]
)
def test_pages_work_under_the_policy_without_violations(nginx, offline_page, path):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
        e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    page.goto(nginx + path)
    page.locator(".md-search__input").first.click() if page.locator(".md-search__input").count() else None
    if page.locator(".md-search__input").count():
        page.keyboard.type("tolk", delay=20)
        page.wait_for_selector(".md-search-result__item")
    assert page.evaluate("window.__csp") == []
    assert not [m for m in view.console_errors if "Content Security Policy" in m]


def test_a_site_built_under_a_strict_umask_is_served_to_workers_running_as_nobody(mini, tmp_path, monkeypatch):
    """The atomic build makes its temporary folder 0700; the published files must still be
    readable by the web server's user (0644 files, 0755 folders)."""
    import os

    from conftest import public_folder

    from handbook.build import build

    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path))
    folder = public_folder("handbook-umask-")
    old = os.umask(0o077)
    try:
        site = build(mini, folder / "site", env={"HANDBOOK_PDFS": "false"}, echo=False)
    finally:
        os.umask(old)
    with webserver.nginx(site, tmp_path / "nginx", user="nobody") as base:
        css = next((site / "assets" / "stylesheets").glob("handbook.*.css")).relative_to(site).as_posix()
        for path in ("", "foreldre/tolk/", "en/foreldre/", css):
            status, _, _ = get(base + path)
            assert status == 200, path


def test_the_service_worker_and_its_lists_are_checked_on_every_visit(nginx):
    """sw.js must never be cached (else a new build would not reach readers who keep the
    handbook offline); the policy lets the site's own workers run."""
    status, headers, body = get(nginx + "sw.js")
    assert status == 200 and b"hb-" in body
    assert headers["Cache-Control"] == "no-cache"
    assert "javascript" in headers["Content-Type"]
    assert re.search(r"worker-src 'self'", headers["Content-Security-Policy"])
    for lang in ("nb", "so"):
        status, headers, _ = get(nginx + f"offline/{lang}.json")
        assert status == 200 and headers["Cache-Control"] == "no-cache"


def test_the_handbook_is_kept_offline_behind_nginx(nginx, offline_page):
    view = offline_page(viewport={"width": 390, "height": 844})
    page = view.page
    page.add_init_script("""window.__csp = []; document.addEventListener('securitypolicyviolation',
        e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    page.goto(nginx + "so/foreldre/")
    for _ in range(300):  # (wait_for_function would evaluate a string, which the policy rightly forbids)
        if page.evaluate("document.querySelector('[data-hb-offline]').getAttribute('data-state')") == "saved":
            break
        page.wait_for_timeout(200)
    assert page.evaluate("document.querySelector('[data-hb-offline]').getAttribute('data-state')") == "saved"
    page.reload()
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    assert page.evaluate("window.__csp") == []
    view.context.set_offline(True)
    response = page.goto(nginx + "so/foreldre/tolk/")
    assert page.get_attribute("html", "lang") == "so" and page.locator("h1").count() == 1
    assert response.from_service_worker  # the stored copy, with the server's security headers
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.headers["x-content-type-options"] == "nosniff" and "content-encoding" not in response.headers
    view.context.set_offline(False)
    assert page.evaluate("window.__csp") == []
    assert view.blocked == []
