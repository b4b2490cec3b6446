"""Sections made from data (handbook/generated.py) and what they read: the translation-status
table, the link kit, «Hva er nytt» and its Atom feed, and the pages' «sist endret» date.
Each test works on the small test handbook and changes one thing, so it fails when the
generator stops following the data."""

from __future__ import annotations

from lxml import etree

from handbook import changelog, posters, translations
from handbook.generated import GENERATORS
from handbook.markdown_ext import RenderContext
from handbook.project import Project

ATOM = "{http://www.w3.org/2005/Atom}"


def generate(project: Project, name: str, uri: str, *, site_url: str = "https://skole.example/", pdfs: bool = True) -> str:
    page_url = uri.removesuffix(".md").removesuffix("index") + ("/" if not uri.endswith("index.md") else "")
    context = RenderContext(project, lang="nb", written_in="nb", uri=uri, page_url=page_url, site_url=site_url, pdfs=pdfs)
    return GENERATORS[name](context)


def row_of(table: str, title: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith(f"| [{title}]"))
    return [cell.strip() for cell in line.strip("|").split("|")]


# ---- translation status ----------------------------------------------------------------------------
def test_the_status_table_follows_the_norwegian_text(mini):
    english = mini / "docs/en/foreldre/index.md"
    # the fixture's record names no real text: the translation counts as outdated
    table = generate(Project(mini), "translation-status", "om/oversettelsesstatus.md")
    assert row_of(table, "For foreldre")[1] == "utkast, **utdatert**"
    # recorded against today's Norwegian text: up to date
    translations.update_record(english, source_hash=translations.text_hash(mini / "docs/nb/foreldre/index.md"))
    table = generate(Project(mini), "translation-status", "om/oversettelsesstatus.md")
    assert row_of(table, "For foreldre")[1] == "utkast, oppdatert"
    # a reviewed translation edited after the review is a draft again
    translations.update_record(
        english,
        status="reviewed",
        reviewer="Test Testesen",
        reviewed_on="2026-01-21",
        reviewed_hash=translations.text_hash(english),
    )
    assert (
        row_of(generate(Project(mini), "translation-status", "om/oversettelsesstatus.md"), "For foreldre")[1]
        == "kontrollert, oppdatert"
    )
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    assert (
        row_of(generate(Project(mini), "translation-status", "om/oversettelsesstatus.md"), "For foreldre")[1]
        == "utkast (endret etter kontroll), oppdatert"
    )
    # a page with no translation
    assert row_of(table, "Tolk")[1] == "mangler"


def test_the_status_page_names_translations_that_do_not_use_the_term_base(mini):
    english = mini / "docs/en/foreldre/index.md"
    assert "Alle oversatte sider bruker termlistens oversettelser." in generate(Project(mini), "translation-status", "om/x.md")
    english.write_text(english.read_text(encoding="utf-8").replace("contact teacher", "class teacher"), encoding="utf-8")
    text = generate(Project(mini), "translation-status", "om/x.md")
    assert "- `docs/en/foreldre/index.md`: «kontaktlærer» → «contact teacher»" in text


# ---- link kit ------------------------------------------------------------------------------------
def test_the_link_kit_uses_the_sites_own_address_and_each_language(mini_project):
    kit = posters.link_kit(mini_project, "https://kommune.example/skole/handbok", "om/lenk-til-handboka/")
    assert "`https://kommune.example/skole/handbok/for-samtalen/`" in kit
    assert '<a href="https://kommune.example/skole/handbok/en/foreldre/" hreflang="en" lang="en" dir="ltr">' in kit
    assert '<a href="https://kommune.example/skole/handbok/foreldre/" hreflang="nb" lang="nb" dir="ltr">' in kit
    # posters are linked relative to the page, so they work under any path
    assert '<a href="../../en/plakat/" hreflang="en">plakat</a>' in kit
    assert "download>PDF</a>" in kit
    assert "PDF" not in posters.link_kit(mini_project, "https://kommune.example/", "om/lenk-til-handboka/", pdfs=False)


# ---- changelog, feed and dates -----------------------------------------------------------------
def add_entry(root, entry: str) -> None:
    path = root / "data/changelog.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("entries:\n", "entries:\n" + entry, 1), encoding="utf-8")


NEWER = """  - id: 2026-03-foreldre
    date: "2026-03-15"
    kind: translation
    title: Foreldresiden på engelsk <oppdatert>
    summary: Ny engelsk tekst & bedre ord.
    pages: [en/foreldre/index.md]
"""


def test_the_feed_has_absolute_links_under_any_path_and_escapes_text(mini):
    add_entry(mini, NEWER)
    feed = etree.fromstring(changelog.atom(Project(mini), "https://kommune.example/skole/handbok/").encode())
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Foreldresiden på engelsk <oppdatert>", "Testutgaven"]
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [
        "https://kommune.example/skole/handbok/en/foreldre/",
        "https://kommune.example/skole/handbok/veiledning/samarbeid/",
    ]
    assert feed.findtext(f"{ATOM}updated") == "2026-03-15T00:00:00Z"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://kommune.example/skole/handbok/" + changelog.FEED


def test_last_changed_is_the_newest_of_the_review_date_and_the_changelog(mini):
    project = Project(mini)
    reviewed = project.pages["en"]["foreldre/index.md"].meta["last_reviewed"]
    assert changelog.last_changed(project, "en", "foreldre/index.md") == str(reviewed)
    add_entry(mini, NEWER)
    project = Project(mini)
    assert changelog.last_changed(project, "en", "foreldre/index.md") == "2026-03-15"
    # an entry for the translation does not touch the Norwegian page
    nb_reviewed = str(project.pages["nb"]["foreldre/index.md"].meta["last_reviewed"])
    assert changelog.last_changed(project, "nb", "foreldre/index.md") == nb_reviewed


def test_whats_new_links_each_page_from_where_it_stands(mini):
    add_entry(mini, NEWER)
    text = changelog.markdown(Project(mini), "om/hva-er-nytt.md")
    assert "## 15.3.2026: Foreldresiden på engelsk <oppdatert> {#2026-03-foreldre}" in text
    assert "(../../en/foreldre/index.md)" in text
    assert "(../veiledning/samarbeid.md)" in text


def test_pages_made_of_a_generated_list_are_listings(project):
    """The glossary, the letters' overview and the changelog list things that have their own
    place: the search weighs them less (handbook/generated.py LISTINGS); a guidance page and
    the page of the law's changes are no listings."""
    from handbook.generated import is_listing

    nb = project.pages["nb"]
    assert all(is_listing(nb[uri]) for uri in ["ordliste.md", "brev/index.md", "om/hva-er-nytt.md", "foreldre/ordliste.md"])
    assert is_listing(project.pages["ar"]["foreldre/ordliste.md"])
    assert not any(is_listing(nb[uri]) for uri in ["veiledning/hjemmebesok.md", "lov/endringer-2024.md", "foreldre/kontakt.md"])
