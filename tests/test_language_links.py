from hypothesis import given, settings
from hypothesis import strategies as st

from handbook.language_links import relative_url, rewrite_links

SITE_EN = {"index.md", "foreldre/index.md", "foreldre/tolk.md"}
SOURCE = SITE_EN | {"veiledning/hjemmebesok.md", "om/index.md"}


def rewrite(body, written_in="en", uri="foreldre/index.md", url="en/foreldre/"):
    return rewrite_links(body, written_in=written_in, page_uri=uri, page_url=url, build_lang="en",
                         source_lang="nb", site_uris=SITE_EN, source_uris=SOURCE, label="in Norwegian")


def test_relative_urls_between_site_pages():
    assert relative_url("en/foreldre/", "veiledning/hjemmebesok/") == "../../veiledning/hjemmebesok/"
    assert relative_url("en/", "") == "../"
    assert relative_url("", "om/") == "om/"


def test_an_explicit_link_to_a_norwegian_page_goes_to_the_norwegian_site():
    out = rewrite("See [home visits](../../nb/veiledning/hjemmebesok.md#plan).")
    assert 'href="../../veiledning/hjemmebesok/#plan"' in out and 'hreflang="nb"' in out
    assert "(in Norwegian)" in out


def test_a_link_to_a_page_the_language_lacks_goes_to_norwegian():
    out = rewrite("[About](../om/index.md)")
    assert 'href="../../om/"' in out


def test_links_within_the_language_are_left_to_mkdocs():
    body = "[Interpreter](tolk.md) and [home](../index.md#x)"
    assert rewrite(body) == body


def test_a_norwegian_fallback_page_keeps_links_to_pages_the_language_has():
    body = "[Tolk](tolk.md) og [hjemmebesøk](../veiledning/hjemmebesok.md)"
    out = rewrite(body, written_in="nb")
    assert "[Tolk](tolk.md)" in out and 'href="../../veiledning/hjemmebesok/"' in out


def test_code_is_never_rewritten():
    body = "`[x](../../nb/om/index.md)`\n```\n[y](../../nb/om/index.md)\n```"
    assert rewrite(body) == body


def test_the_source_language_build_is_untouched():
    body = "[x](../om/index.md)"
    assert rewrite_links(body, written_in="nb", page_uri="foreldre/index.md", page_url="foreldre/", build_lang="nb",
                         source_lang="nb", site_uris=SOURCE, source_uris=SOURCE, label="") == body


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=200))
def test_random_markdown_never_crashes_and_keeps_plain_text(text):
    out = rewrite(text)
    if "](" not in text:
        assert out == text
