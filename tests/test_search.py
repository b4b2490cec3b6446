"""Search: the query set run against the real Pagefind index in headless Chromium through
the site's own ranking (window.hbSearch.rank in search.js: the same relaxation, typing
correction and audience rules the search field uses), with a quality bar; the held-out
set, reported only; and the search field's behaviour (results, typing errors, nothing
found, a failed index load, the audience filter)."""

from collections import defaultdict
from pathlib import Path

import pytest

from handbook.search import query_set

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent
QUERIES = query_set(HERE / "search_queries.yml")
HOLDOUT = query_set(HERE / "search_queries_holdout.yml")
LANGUAGES = {"nb", "en", "ar", "uk", "pl", "so", "ti"}
# Issue 15 asks for 95 % overall and 90 % in every language. Measured with every page built
# (2026-12-04, after the stems in the strict search, compounds with a stem as first part,
# Arabic verb forms and the lower weight of listings): 95.7 % overall (hit@1 75.5 %), every
# language at 93.4 % or more (held-out set 92.9 %; 94.6 % after a query beginning with what the
# asker needs became a question, main set unchanged). The bar is the target; it is raised,
# never lowered.
TARGET_OVERALL = 0.95
BAR_OVERALL = 0.95
BAR_PER_LANGUAGE = 0.90

# All queries of one language in one call: rank each, and the addresses of the first three.
RANK_ALL = """async (queries) => {
    const root = new URL(JSON.parse(document.getElementById('__config').textContent).base + '/', location.href).pathname;
    const out = [];
    for (const q of queries) {
        const r = await window.hbSearch.rank(q);
        const data = await Promise.all(r.results.slice(0, 3).map(x => x.data()));
        out.push({urls: data.map(d => d.url.slice(root.length)), stage: r.stage, corrected: r.corrected});
    }
    return out;
}"""


def home(lang: str) -> str:
    return "" if lang == "nb" else f"{lang}/"


def built(site: Path, url: str) -> bool:
    return (site / url / "index.html").is_file()


def run_set(queries, site, server, browser):
    """[(query, outcome)]; outcome None when none of the expected pages is built yet (pages
    being written on other branches: reported, left out of the bar)."""
    by_lang = defaultdict(list)
    for query in queries:
        by_lang[query["lang"]].append(query)
    out = []
    context = browser.new_context()
    for lang, items in by_lang.items():
        runnable = [q for q in items if any(built(site, url) for url in q["expect"])]
        page = context.new_page()
        page.goto(server.url + home(lang))
        outcomes = page.evaluate(RANK_ALL, [q["q"] for q in runnable]) if runnable else []
        found = dict(zip((id(q) for q in runnable), outcomes))
        out += [(q, found.get(id(q))) for q in items]
        page.close()
    context.close()
    return out


def report(title, results) -> dict:
    """Prints hit@1, hit@3, the misses and the skipped queries per group and per language;
    returns {language: (evaluated, hit@3)} and the overall figures."""
    lines = [f"\n{title}"]
    totals = {"all": [0, 0, 0, 0]}
    for key in ["group", "lang"]:
        rows = defaultdict(lambda: [0, 0, 0, 0, []])  # evaluated, hit@1, hit@3, skipped, misses
        for query, outcome in results:
            row = rows[query[key]]
            if outcome is None:
                row[3] += 1
                continue
            row[0] += 1
            row[1] += bool(outcome["urls"]) and outcome["urls"][0] in query["expect"]
            hit = any(url in query["expect"] for url in outcome["urls"])
            row[2] += hit
            if not hit:
                row[4].append((query, outcome))
        lines.append(f"  per {'query group' if key == 'group' else 'language'}:")
        for name, (n, h1, h3, skipped, misses) in rows.items():
            share = (lambda x, n=n: f"{x / n:6.1%}") if n else (lambda x: "     –")
            lines.append(f"    {name:30} {n:3} queries  hit@1 {share(h1)}  hit@3 {share(h3)}  page not built: {skipped}")
            if key == "group":
                for query, outcome in misses:
                    fixed = f" (searched as «{outcome['corrected']}»)" if outcome["corrected"] else ""
                    lines.append(
                        f"      miss [{outcome['stage']}] {query['q']!r}{fixed} -> {outcome['urls']}, want {query['expect']}"
                    )
        if key == "lang":
            totals = {name: row[:4] for name, row in rows.items()}
    n = sum(row[0] for row in totals.values())
    h1 = sum(row[1] for row in totals.values())
    h3 = sum(row[2] for row in totals.values())
    skipped = sum(row[3] for row in totals.values())
    relaxed = sum(1 for _, o in results if o and o["stage"] == "relaxed")
    fixed = sum(1 for _, o in results if o and o["corrected"])
    lines.append(
        f"  overall: {n} queries, hit@1 {h1 / n:.1%}, hit@3 {h3 / n:.1%}; "
        f"{skipped} left out (page not built); relaxed {relaxed / n:.1%}, typing corrected {fixed / n:.1%}"
    )
    print("\n".join(lines))
    return {"languages": {name: (row[0], row[2]) for name, row in totals.items()}, "n": n, "hit3": h3}


@pytest.fixture(scope="module")
def evaluation(built_site, server, browser):
    return run_set(QUERIES, built_site, server, browser)


def test_the_query_set_is_large_enough_and_covers_every_language():
    assert len(QUERIES) >= 300
    assert {q["lang"] for q in QUERIES} == LANGUAGES
    assert all(q["expect"] and all(not url.startswith("/") for url in q["expect"]) for q in QUERIES)
    assert not {q["q"] for q in QUERIES} & {q["q"] for q in HOLDOUT}, "the held-out set must not repeat the tuning set"


def test_hit_at_3_meets_the_bar_overall_and_in_every_language(evaluation):
    figures = report("search quality, tests/search_queries.yml (through search.js)", evaluation)
    assert figures["n"] >= 200, "too few queries have their expected pages built"
    print(f"  issue 15's target: {TARGET_OVERALL:.0%} overall (the floor asserted here: {BAR_OVERALL:.1%})")
    assert figures["hit3"] / figures["n"] >= BAR_OVERALL
    weak = {lang: f"{h3 / n:.1%}" for lang, (n, h3) in figures["languages"].items() if n and h3 / n < BAR_PER_LANGUAGE}
    assert not weak, f"hit@3 below {BAR_PER_LANGUAGE:.0%} in {weak}"


def test_the_held_out_set_is_reported_never_asserted(built_site, server, browser):
    """Held-out queries were never used to tune the search: their figures are printed only."""
    report(
        "search quality, tests/search_queries_holdout.yml (held out: reported, not asserted)",
        run_set(HOLDOUT, built_site, server, browser),
    )


def test_results_come_from_the_readers_language_only(evaluation):
    for query, outcome in evaluation:
        for url in (outcome or {"urls": []})["urls"]:
            first = url.split("/", 1)[0]
            if query["lang"] == "nb":
                assert first not in LANGUAGES - {"nb"}, (query["q"], url)
            else:
                assert url.startswith(f"{query['lang']}/"), (query["q"], url)


# ---- the search field ------------------------------------------------------------------------
def typed(page, text):
    """Types into the search field and waits until search.js has rendered the outcome."""
    before = page.get_attribute("[data-hb-search]", "data-hb-done") or "0"
    page.keyboard.type(text, delay=30)
    page.wait_for_function(
        f"(document.querySelector('[data-hb-search]').dataset.hbDone || '0') !== '{before}' && "
        f"document.querySelector('.md-search__input').value.endsWith({text[-1:]!r})"
    )
    page.wait_for_timeout(100)


def test_typing_in_the_header_shows_results_and_the_keyboard_works(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "om/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    typed(page, "hjemmebesøk")
    first = page.locator(".md-search-result__item h1").first.inner_text()
    assert "Hjemmebesøk" in first
    page.wait_for_selector(".md-search-result__item h2")
    repeated = page.evaluate("""[...document.querySelectorAll('.md-search-result__item')].filter(item =>
        [...item.querySelectorAll('h2')].some(h => h.innerText === item.querySelector('h1').innerText)).length""")
    assert repeated == 0  # a page's own heading is not listed again as one of its sections
    page.screenshot(path=str(artifacts / "search-nb.png"))
    # arrow keys choose a result while focus stays in the field (a combobox)
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    chosen = page.evaluate(
        "document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).getAttribute('href')"
    )
    assert "hjemmebesok" in chosen
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Control+a")  # the earlier query is kept, as in Material: replace it
    typed(page, "tolk")
    assert page.evaluate("document.getElementById('__search').checked")  # typing opens it again
    page.wait_for_function(
        "[...document.querySelectorAll('.md-search-result__item h1')].some(h => h.innerText.toLowerCase().includes('tolk'))"
    )
    with page.expect_navigation():
        page.keyboard.press("Enter")  # opens the first result
    assert page.url != server.url + "om/"
    assert view.blocked == []


def test_search_from_an_arabic_page_returns_arabic_pages(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "ar/")
    page.locator(".md-search__input").click()
    typed(page, "مترجم")
    hrefs = page.eval_on_selector_all(".md-search-result__link", "links => links.map(a => new URL(a.href).pathname)")
    assert hrefs and all(h.startswith("/ar/") for h in hrefs)
    page.screenshot(path=str(artifacts / "search-ar.png"))
    assert view.blocked == []


def test_a_typing_error_is_corrected_and_offered(server, offline_page):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url)
    page.locator(".md-search__input").click()
    typed(page, "hjemebesøk")
    offer = page.locator(".hb-search-did-you-mean")
    assert "Mente du" in offer.inner_text() and "hjemmebesøk" in offer.inner_text()
    assert "hjemmebesok" in page.locator(".md-search-result__link").first.get_attribute("href")
    offer.locator("button").click()
    page.wait_for_function("document.querySelector('.md-search__input').value === 'hjemmebesøk'")


@pytest.mark.parametrize("typed", ["hjemmebesøl", "hjemebesøk", "hjemmmebesøk", "hjemmebseøk", "hjemmebesok"])
def test_one_wrong_missing_extra_or_swapped_letter_still_finds_the_page(server, browser, typed):
    page = browser.new_page()
    page.goto(server.url)
    ranked = page.evaluate(
        """async (q) => { const r = await window.hbSearch.rank(q);
        return {corrected: r.corrected, urls: (await Promise.all(r.results.slice(0, 3).map(x => x.data()))).map(d => d.url)}; }""",
        typed,
    )
    page.close()
    assert ranked["corrected"] == "hjemmebesøk"
    assert any(url.endswith("/veiledning/hjemmebesok/") for url in ranked["urls"]), ranked


@pytest.mark.parametrize(
    "compound, parts", [("foreldremøteinnkalling", "foreldremøte innkalling"), ("sommerskolen", "sommer skolen")]
)
def test_a_compound_the_site_does_not_use_is_searched_as_its_parts(server, browser, compound, parts):
    """Both parts the site's words, or the first one only as the start of them («sommer»: the
    site says «sommeren»)."""
    page = browser.new_page()
    page.goto(server.url)
    corrected = page.evaluate("async (q) => (await window.hbSearch.rank(q)).corrected", compound)
    page.close()
    assert corrected == parts


def test_a_full_question_finds_the_page(server, browser):
    page = browser.new_page()
    page.goto(server.url + "en/")
    ranked = page.evaluate("""async () => { const r = await window.hbSearch.rank('my child refuses to go to school');
        return {stage: r.stage, urls: (await Promise.all(r.results.slice(0, 3).map(x => x.data()))).map(d => d.url)}; }""")
    page.close()
    assert ranked["stage"] == "relaxed"
    assert any(url.endswith("/en/foreldre/skolevegring/") for url in ranked["urls"])


def test_nothing_found_offers_words_and_pages_in_the_readers_language(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url + "veiledning/hjemmebesok/")
    page.locator(".md-search__input").click()
    typed(page, "qqqxz")
    assert page.get_attribute("[data-hb-search]", "data-hb-results") == "0"
    links = page.eval_on_selector_all(".hb-search-suggestions__pages a", "links => links.map(a => a.textContent)")
    assert "Før den vanskelige samtalen" in links and "Sjekklister" in links
    page.fill(".md-search__input", "")
    typed(page, "skolevegrinng samarbeid")  # a word close to the site's own words: offered
    page.screenshot(path=str(artifacts / "search-suggestions-nb.png"))
    page.goto(server.url + "pl/foreldre/")
    page.locator(".md-search__input").click()
    typed(page, "qqqxz")
    links = page.eval_on_selector_all(".hb-search-suggestions__pages a", "links => links.map(a => new URL(a.href).pathname)")
    assert links == ["/pl/foreldre/"]
    assert view.blocked == []


def test_a_failed_index_load_says_so_and_is_retried_on_the_next_key(server, offline_page):
    # no service worker: the offline copy would serve the index from its cache, past the failed route
    view = offline_page(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = view.page
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(server.url)
    page.locator(".md-search__input").click()
    typed(page, "tolk")
    assert page.get_attribute("[data-hb-search]", "data-hb-results") == "failed"
    assert "kunne ikke lastes" in page.locator(".md-search-result__meta").inner_text()
    assert "kunne ikke lastes" in page.locator("[data-hb-search-status]").inner_text()
    page.unroute("**/pagefind/**")
    typed(page, "e")  # «tolke»: the next keystroke loads the index again
    assert page.get_attribute("[data-hb-search]", "data-hb-results") not in ("failed", "0")
    assert page.locator(".md-search-result__item").count() > 0


def test_results_say_whom_a_page_is_for_and_can_be_filtered(server, offline_page, artifacts):
    view = offline_page(viewport={"width": 1280, "height": 900})
    page = view.page
    page.goto(server.url)
    page.locator(".md-search__input").click()
    typed(page, "foreldremøte")
    whom = page.locator(".md-search-result__item .hb-search-audience").all_inner_texts()
    assert whom and all(text.startswith("For:") for text in whom)
    page.locator(".hb-search-filter__choice", has_text="Foreldre").click()
    page.wait_for_function("document.querySelector('.hb-search-filter__choice[aria-pressed=true]')?.textContent === 'Foreldre'")
    page.wait_for_timeout(400)
    whom = page.locator(".md-search-result__item .hb-search-audience").all_inner_texts()
    assert whom and all("Foreldre" in text for text in whom)
    page.screenshot(path=str(artifacts / "search-filter-nb.png"))


@pytest.mark.parametrize(
    "start, first", [("veiledning/hjemmebesok/", "veiledning/foreldremoter/"), ("foreldre/kontakt/", "foreldre/foreldremotet/")]
)
def test_pages_for_the_same_readers_as_the_current_page_come_first(server, browser, start, first):
    page = browser.new_page()
    page.goto(server.url + start)
    urls = page.evaluate("""async () => { const r = await window.hbSearch.rank('foreldremøte');
        return (await Promise.all(r.results.slice(0, 2).map(x => x.data()))).map(d => d.url); }""")
    page.close()
    assert urls[0].endswith("/" + first) or (first.startswith("veiledning") and urls[0].endswith("/sjekklister/foreldremote/")), (
        urls
    )


def test_ukrainian_somali_and_tigrinya_word_forms_find_the_page(server, browser):
    """Pagefind cannot stem these languages: the search strips endings (and, in Tigrinya,
    vowels) itself, and the build indexes Tigrinya stems."""
    cases = [
        ("uk", "перекладачі", "uk/foreldre/tolk/"),
        ("so", "turjubaannada", "so/foreldre/tolk/"),
        ("ti", "ወለዲ ኣኼባ", "ti/foreldre/foreldremotet/"),
    ]
    for lang, query, want in cases:
        page = browser.new_page()
        page.goto(server.url + home(lang))
        urls = page.evaluate(
            """async (q) => { const r = await window.hbSearch.rank(q);
            return (await Promise.all(r.results.slice(0, 3).map(x => x.data()))).map(d => d.url); }""",
            query,
        )
        page.close()
        assert any(url.endswith("/" + want) for url in urls), (query, urls)


def test_a_word_the_site_has_only_in_another_form_counts_in_the_strict_search(server, browser):
    """Pagefind leaves out a word it does not find at all: «ንኣስተርጓሚ» (to the interpreter; the
    site writes ኣስተርጓሚ) must not leave «ቤት ትምህርቲ» (school) to find every page."""
    page = browser.new_page()
    page.goto(server.url + "ti/")
    urls = page.evaluate("""async () => { const r = await window.hbSearch.rank('ቤት ትምህርቲ ንኣስተርጓሚ');
        return (await Promise.all(r.results.slice(0, 3).map(x => x.data()))).map(d => d.url); }""")
    page.close()
    assert any(url.endswith("/ti/foreldre/tolk/") for url in urls), urls


def arabic_rank(server, browser, query):
    page = browser.new_page()
    page.goto(server.url + "ar/")
    ranked = page.evaluate(
        """async (q) => { const r = await window.hbSearch.rank(q);
        return {corrected: r.corrected, urls: (await Promise.all(r.results.slice(0, 3).map(x => x.data()))).map(d => d.url)}; }""",
        query,
    )
    page.close()
    return ranked


def test_an_arabic_verb_finds_the_page_that_uses_it_in_another_person(server, browser):
    """«يطلبون» (they ask for): the page on interpreters says «تطلبوا» and «اطلبوا» (you ask for),
    which Pagefind's Arabic stemmer does not join; the search asks for the verb's forms."""
    ranked = arabic_rank(server, browser, "كيف يطلبون مترجم")
    assert ranked["urls"][0].endswith("/ar/foreldre/tolk/"), ranked


@pytest.mark.parametrize("query", ["كيف نتواصل مع المعلم", "نحتاج مترجم"])
def test_another_person_of_an_arabic_verb_is_no_typing_error(server, browser, query):
    """«نتواصل» (we contact) is not a typing error for the site's «أتواصل» (I contact), nor
    «نحتاج» (we need) for «يحتاج» (he needs): the query is searched as typed."""
    ranked = arabic_rank(server, browser, query)
    assert ranked["corrected"] is None, ranked
    assert ranked["urls"], ranked


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("ar", "أحتاج مترجم"),
        ("pl", "potrzebuję tłumacza"),
        ("uk", "потрібен перекладач"),
        ("en", "need interpreter"),
        ("so", "waxaan u baahanahay turjubaan"),
    ],
)
def test_what_the_asker_needs_is_not_the_topic(server, browser, lang, query):
    """«I need an interpreter»: the need is the asker's, the interpreter is the topic. A query
    that begins with such a word (data/search_stopwords.yml) is searched as a question, its
    topic words one by one, so the page on interpreters is found though it never says «need»
    (the strict search asked every page to hold the verb, and found others)."""
    page = browser.new_page()
    page.goto(server.url + home(lang))
    ranked = page.evaluate(
        """async (q) => { const r = await window.hbSearch.rank(q);
        return {stage: r.stage, urls: r.results.slice(0, 3).map(x => r.vocab.titles[x.id][0])}; }""",
        query,
    )
    page.close()
    assert ranked["stage"] == "relaxed", ranked
    assert f"/{lang}/foreldre/tolk/" in ranked["urls"], ranked


def test_a_page_made_of_a_list_comes_after_the_pages_it_points_to(server, browser):
    """The letters' overview names every letter's topic once: a question about parents who do
    not read the school's messages finds the pages on messages first, not the list."""
    page = browser.new_page()
    page.goto(server.url)
    ranked = page.evaluate("""async () => { const r = await window.hbSearch.rank('foreldre som ikke leser meldinger fra skolen');
        const titles = r.vocab.titles;
        return {listings: r.vocab.listings.map(id => titles[id][0]), urls: r.results.slice(0, 3).map(x => titles[x.id][0])}; }""")
    page.close()
    assert "/brev/" in ranked["listings"] and "/ordliste/" in ranked["listings"]
    assert "/brev/" not in ranked["urls"], ranked["urls"]
    assert ranked["urls"][0] == "/veiledning/meldinger-og-apper/", ranked["urls"]


def test_words_are_split_as_the_search_script_splits_them():
    """Lower case, any script, an apostrophe inside a word kept, Arabic vowel signs dropped."""
    from handbook.search import words

    assert words("Foreldremøte i MORGEN? مَدْرَسَة сім'я ቤት 2026") == ["foreldremøte", "i", "morgen", "مدرسة", "сім'я", "ቤት"]


def test_the_word_lists_counted_while_the_pages_rendered_are_those_of_the_built_site(built_site, project):
    """The build counts each language's words from its pages as MkDocs writes them (in a second
    process, while the next language renders); read back from the built site's files, every
    language's word lists are the same (a page missed or counted twice would change them)."""
    import json

    from handbook import search

    from_files = search.vocabularies(project, built_site)
    assert set(from_files) == {lang.code for lang in project.languages}
    folder = built_site / search.VOCAB_DIR
    for lang, vocabulary in from_files.items():
        written = {
            p.name.removeprefix(f"{lang}-words-").removesuffix(".json"): json.loads(p.read_text(encoding="utf-8"))
            for p in folder.glob(f"{lang}-words-*.json")
        }
        assert written == vocabulary["word_parts"], lang
        assert json.loads((folder / f"{lang}-keys.json").read_text(encoding="utf-8")) == vocabulary["keys"], lang
        assert json.loads((folder / f"{lang}.json").read_text(encoding="utf-8"))["pages"] == vocabulary["pages"], lang


def test_word_tallies_of_parts_of_the_site_add_up():
    from handbook.search import WordTally, tally_pages

    page = '<html lang="{lang}"><body><div data-pagefind-body><h2>{head}</h2><p>{text}</p></div></body></html>'
    one = tally_pages([page.format(lang="nb", head="Tolk", text="Foreldre trenger tolk")])
    two = tally_pages([page.format(lang="nb", head="Møte", text="Foreldre på møte"), "<html lang='nb'><p>utenfor</p></html>"])
    both = WordTally().add(one).add(two)
    assert both.documents["nb"] == 2  # a page without indexed text is not counted
    assert both.pages["nb"]["foreldre"] == 2 and both.counts["nb"]["tolk"] == 2
    assert {"tolk", "møte"} <= both.keys["nb"] and "utenfor" not in both.counts["nb"]
