"""Checks over built HTML: first on the real site, then on small made-up sites that must fail."""

from pathlib import Path

from handbook import site_checks
from handbook.site_checks import check_site, scan_html


def test_the_built_site_passes(project, built_site):
    assert check_site(project, built_site, "https://skole-hjem-handboka.example/") == []


def test_every_language_home_has_its_lang_and_direction(built_site):
    for path, lang, direction in [("index.html", "nb", "ltr"), ("en/index.html", "en", "ltr"), ("ar/index.html", "ar", "rtl")]:
        facts = scan_html((built_site / path).read_text())
        assert (facts.lang, facts.body_dir) == (lang, direction)


def test_no_lunr_search_or_source_maps_are_shipped(built_site):
    shipped = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")]
    assert not [p for p in shipped if "lunr" in p or p.endswith(".map") or "search_index" in p]


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for rel, html in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html)
    return root


def page(lang="nb", direction="ltr", title="T", body=""):
    return f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body dir="{direction}">{body}</body></html>'


def run(project, root):
    return [str(p) for p in check_site(project, root, "https://example.org/")]


def test_wrong_lang_or_direction_is_found(project, tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": page(),
            "ar/index.html": page(lang="ar", direction="ltr", title="A"),
            "en/index.html": page(lang="nb", title="E"),
        },
    )
    problems = run(project, site)
    assert any("site/ar/index.html" in p and "<body dir>" in p for p in problems)
    assert any("site/en/index.html" in p and "<html lang>" in p for p in problems)


def test_duplicate_titles_in_one_language_are_found(project, tmp_path):
    site = write_site(
        tmp_path,
        {"index.html": page(title="Samme"), "a/index.html": page(title="Samme"), "en/index.html": page(lang="en", title="Samme")},
    )
    problems = [p for p in run(project, site) if "also the title" in p]
    assert len(problems) == 1  # the English page may share the title: it is another language


def test_third_party_requests_are_found_in_html_css_and_js(project, tmp_path):
    body = (
        '<script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
        '<link rel="alternate" href="https://example.org/en/" hreflang="en">'
        '<a href="https://lovdata.no/">Lovdata</a><img src="assets/ok.png" alt="">'
    )
    site = write_site(
        tmp_path,
        {
            "index.html": page(body=body),
            "assets/s.css": "body{background:url(https://tracker.example.net/p.gif)}",
            "assets/a.js": "fetch('https://analytics.example.com/collect')",
            "assets/ok.png": "",
        },
    )
    problems = "\n".join(run(project, site))
    for url in ("cdn.example.com", "fonts.googleapis.com", "tracker.example.net", "analytics.example.com"):
        assert url in problems
    assert "lovdata.no" not in problems and "hreflang" not in problems


def test_the_search_bundle_made_beside_the_checks_is_checked_for_third_party_urls(project, tmp_path):
    """Pagefind's bundle is written while check_site runs, so it is checked on its own after."""
    site = write_site(
        tmp_path,
        {
            "index.html": page(body='<script src="https://cdn.example.com/x.js"></script>'),
            "pagefind/pagefind.js": "import('https://cdn.example.com/wasm.js')",
            "pagefind/pagefind-worker.js": "self.onmessage = () => {}",
        },
    )
    problems = [str(p) for p in site_checks.check_bundle(project, site, "https://example.org/", "pagefind")]
    assert len(problems) == 1 and problems[0].startswith("site/pagefind/pagefind.js:1") and "cdn.example.com" in problems[0]


def test_the_search_bundle_can_be_entered_by_the_web_servers_user(tmp_path):
    """Pagefind writes its bundle into a temporary folder (0700) that becomes site/pagefind/:
    nginx's workers, running as another user, must be able to enter it."""
    from handbook import search

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<html lang="nb"><body><main data-pagefind-body><h1>Tolk</h1><p>Skolen bestiller tolk.</p></main></body></html>',
        encoding="utf-8",
    )
    assert search.index_site(site) == []
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind").stat().st_mode & 0o777 == 0o755


def test_reviewed_urls_stay_allowed_only_with_their_condition(project, tmp_path):
    js = 'var a="https://unpkg.com/mermaid@11/dist/mermaid.min.js"'
    ok = write_site(
        tmp_path / "ok",
        {
            "index.html": page(body='<script src="assets/javascripts/polyfills.js"></script>'),
            "assets/javascripts/polyfills.js": "1",
            "assets/b.js": js,
        },
    )
    assert run(project, ok) == []
    bad = write_site(
        tmp_path / "bad",
        {
            "index.html": page(body='<div class="mermaid">graph</div><script src="assets/javascripts/polyfills.js"></script>'),
            "assets/javascripts/polyfills.js": "1",
            "assets/b.js": js,
        },
    )
    assert any("Mermaid" in p for p in run(project, bad))


def test_broken_internal_links_and_anchors_are_found(project, tmp_path):
    site = write_site(
        tmp_path,
        {
            "index.html": page(
                body='<a href="a/">ok</a><a href="a/#finnes">ok</a><a href="b/">missing</a>'
                '<a href="a/#mangler">bad anchor</a><a href="/a/">absolute</a>'
            ),
            "a/index.html": page(title="A", body='<h2 id="finnes">x</h2>'),
        },
    )
    problems = run(project, site)
    assert any("b/" in p and "leads nowhere" in p for p in problems)
    assert any("#mangler" in p for p in problems)
    assert any("absolute from the server root" in p for p in problems)
    assert not any("#finnes" in p for p in problems)


def test_a_missing_file_a_page_fetches_is_one_problem_at_its_first_page(project, tmp_path):
    head = (
        '<img src="{up}assets/images/logo.0bba179b.svg" alt=""><img src="{up}bilder/mangler.png" alt="">'
        '<script src="{up}assets/javascripts/polyfills.js" data-polyfill="{up}assets/javascripts/poly.1234abcd.js"></script>'
    )
    site = write_site(
        tmp_path,
        {
            "index.html": page(body=head.format(up="")),
            "a/index.html": page(title="A", body=head.format(up="../")),
            "assets/images/logo.0bba179b.svg": "<svg/>",
            "assets/javascripts/polyfills.957c52ed.js": "1",
        },
    )
    problems = run(project, site)
    fetched = [p for p in problems if "which the site does not have" in p]
    assert [p.split(":")[0] for p in fetched] == ["site/a/index.html"] * 3  # the first page, once per file
    assert all("1 other page(s) fetch it too" in p for p in fetched)
    polyfill = next(p for p in fetched if "polyfills.js" in p)
    assert "{{ 'assets/javascripts/polyfills.js' | asset | url }}" in polyfill  # an own asset: how to name it
    picture = next(p for p in fetched if "mangler.png" in p)
    assert "asset filter" not in picture
    assert any("poly.1234abcd.js" in p for p in fetched)  # the address the polyfill script loads
    assert not any("logo" in p for p in fetched)


def test_facts_read_while_a_page_was_written_serve_only_while_the_page_is_unchanged(project, built_site, tmp_path):
    from handbook import published

    rel = "veiledning/hjemmebesok/index.html"
    text = (built_site / rel).read_text(encoding="utf-8")
    known = site_checks.scan_written([(rel, text)])
    assert known[rel].facts == scan_html((built_site / rel).read_bytes())
    assert site_checks.page_facts(built_site, rel, known) is known[rel].facts  # not parsed again
    # a later step changed the page (an anchor alias, handbook.published): it is read afresh
    changed = write_site(tmp_path, {rel: text.replace("<h2 ", '<a id="gammel-id"></a><h2 ', 1)})
    fresh = site_checks.page_facts(changed, rel, known)
    assert fresh is not known[rel].facts and "gammel-id" in fresh.ids
    # the published addresses read the same ids either way
    ids = published.scan_pages(changed, known)["/veiledning/hjemmebesok/"]
    assert "gammel-id" in ids.present and ids.promised == published.scan_pages(built_site)["/veiledning/hjemmebesok/"].promised
    assert ids.promised and all(i in ids.present for i in ids.promised)


def test_urls_in_code_ignore_comments_that_are_not_urls():
    assert site_checks.urls_in_code("// e.g. a comment\nx = 'https://a.example.com/x'") == [(2, "https://a.example.com/x")]
