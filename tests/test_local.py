"""handbook/local.py: a municipality's own edition, without a fork.

The handbook is built once with the example edition (examples/lokal-utgave, «Eksempelvik
kommune (fiktiv)») and the built pages are read: the contacts on the parents' contact page
in every language, the local pages in the navigation, the routine on its checklist, the
name in the header and on the posters. A broken edition stops the build with its file and line."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import ROOT, make_mini_project, public_folder
from lxml import html as lxml_html

from handbook import fingerprint, local, posters
from handbook.build import BuildFailed, build
from handbook.project import Project

EXAMPLE = ROOT / "examples" / "lokal-utgave"
NAME = "Eksempelvik kommune (fiktiv)"


@pytest.fixture(scope="module")
def example():
    return yaml.safe_load((EXAMPLE / "local.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def local_site():
    """The whole handbook built with the example edition (no PDFs), as `make build` builds it."""
    folder = public_folder("handbook-local-")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("HANDBOOK_SITE_URL", raising=False)  # the edition's own address is used
        site = build(ROOT, folder / "site", env={"HANDBOOK_LOCAL": str(EXAMPLE), "HANDBOOK_PDFS": "false"}, echo=False)
    yield site
    shutil.rmtree(folder, ignore_errors=True)


def read(site, path):
    return lxml_html.fromstring((site / path / "index.html").read_bytes())


# ---- values ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, href",
    [
        ("12 34 56 78", None),
        ("22 33 44 55", "tel:+4722334455"),
        ("+47 22 33 44 55", "tel:+4722334455"),
        ("0047 22334455", "tel:+4722334455"),
        ("4000 0002", "tel:+4740000002"),
        ("+46 8 123 456 78", "tel:+46812345678"),
        ("22 33 44 5", None),
        ("tlf. 22 33 44 55", None),
        ("+47 02 33 44 55", None),
        ("", None),
    ],
)
def test_phone_numbers(written, href):
    assert local.phone_href(written) == href


@pytest.mark.parametrize(
    "address, ok",
    [
        ("ppt@kommune.example", True),
        ("post.skole@bærum.kommune.no", True),
        ("ppt(at)kommune.no", False),
        ("ppt@kommune", False),
        ("mailto:ppt@kommune.no", False),
        ("ppt @kommune.no", False),
        ("ppt@@kommune.no", False),
    ],
)
def test_email_addresses(address, ok):
    assert bool(local.EMAIL.fullmatch(address)) is ok


def test_opening_hours_and_languages_in_the_readers_language():
    hours = {"days": "mandag–fredag", "from": "08:00", "to": "15:30"}
    assert local.hours_text(hours, "nb", "nb") == "mandag–fredag 08.00–15.30"
    assert local.hours_text(hours, "en", "nb") == "Monday–Friday 08:00–15:30"
    assert local.hours_text({"days": "onsdag", "from": "09.00", "to": "12.00"}, "pl", "nb") == "środa 09:00–12:00"
    assert local.language_name("ar", "nb") == "arabisk" and local.language_name("nb", "en") == "Norwegian"
    assert local.language_name("prs", "en") == "Dari" and local.language_name("xx", "en") is None


def test_without_a_local_edition_the_contact_page_shows_nothing_more(project, markdown_factory):
    from conftest import render

    page = project.pages["nb"]["foreldre/kontakt.md"]
    assert "<!-- hb:local-contacts -->" in page.body
    html, found = render(markdown_factory, project, page.body, uri=page.uri, meta=page.meta)
    assert found.problems == [] and "lokale-kontakter" not in html and "hb-contact" not in html


def test_every_role_has_a_label_in_every_language(project):
    roles = local.roles(project)
    assert set(roles) == {"ppt", "helsesykepleier", "tolketjeneste", "barnevern", "skolens-kontor", "statsforvalteren"}
    for role in roles.values():
        for lang in project.languages:
            label, written_in = role.label(project, lang.code)
            assert written_in == lang.code and label.strip(), (role.id, lang.code)


def test_the_example_edition_has_no_problems(example):
    from handbook import checks, cli

    project = Project(ROOT, local=EXAMPLE)
    assert local.check_data(project) == []
    assert local.check_pages(project) == []
    config = cli.mkdocs_config(ROOT)
    assert checks.check_pages(project, config.nav) == []
    assert local.edition(project).name == NAME == example["name"]


# ---- the built edition -------------------------------------------------------------------------------
def test_the_contacts_are_on_the_contact_page_in_every_language(local_site, project, example):
    roles = yaml.safe_load((ROOT / "data" / "roles.yml").read_text(encoding="utf-8"))["roles"]
    labels = {role["id"]: role["label"] for role in roles}
    for lang in project.languages:
        prefix = "" if lang.is_source else f"{lang.code}/"
        tree = read(local_site, f"{prefix}foreldre/kontakt")
        heading = tree.get_element_by_id("lokale-kontakter")
        assert NAME in heading.text_content()
        cards = tree.find_class("hb-contact")
        assert len(cards) == len(example["contacts"])
        for card, contact in zip(cards, example["contacts"]):
            text = card.text_content()
            assert contact["name"] in text  # names as written
            assert labels[contact["role"]][lang.code] in text, (lang.code, contact["role"])  # the role in the reader's language
            links = {a.get("href"): a.text_content() for a in card.iter("a")}
            if "phone" in contact:
                digits = re.sub(r"\D", "", contact["phone"]).removeprefix("47")
                assert links[f"tel:+47{digits}"] == contact["phone"]  # the number as written, a tel: link
                assert lang.ui["local_phone"] in text
            if "email" in contact:
                assert links[f"mailto:{contact['email']}"] == contact["email"]
                assert lang.ui["local_email"] in text
            if "hours" in contact:
                assert (
                    lang.ui["local_hours"] in text
                    and local.day_name(contact["hours"][0]["days"].split("–")[0], lang.code) in text
                )
            if "languages" in contact:
                assert lang.ui["local_languages"] in text and local.language_name(contact["languages"][-1], lang.code) in text
            if contact["role"] == "ppt":  # the role links to where the page explains it
                assert "#ppt" in links


def test_a_translated_note_is_shown_in_the_readers_language(local_site):
    english = read(local_site, "en/foreldre/kontakt").text_content()
    assert "You can call yourself for advice." in english
    arabic = read(local_site, "ar/foreldre/kontakt")
    note = arabic.find_class("hb-contact__note")[0]
    assert note.xpath(".//bdi[@lang='nb']") and "Du kan ringe selv" in note.text_content()


def test_the_local_pages_are_in_their_own_section_of_the_navigation(local_site):
    for path, title in (("", f"Lokalt: {NAME}"), ("lokalt/tolk", f"Lokalt: {NAME}"), ("en", f"Local: {NAME}")):
        tree = read(local_site, path)  # (navigation.prune: a page carries the other sections as links)
        entries = [
            " ".join(e.text_content().split())
            for e in tree.xpath("//nav[contains(@class,'md-nav--primary')]//*[self::a or self::label]")
        ]
        assert title in entries, (path, entries)
    nb = read(local_site, "lokalt/tolk")
    hrefs = nb.xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert any(href.rstrip("/").endswith("fravaer") for href in hrefs)
    assert (local_site / "en" / "lokalt" / "index.html").is_file()
    assert not (local_site / "en" / "lokalt" / "tolk").exists()  # not translated: the Norwegian page is the one


def test_the_routine_is_linked_from_its_checklist(local_site, example):
    for routine in example["routines"]:
        tree = read(local_site, routine["checklist"].removesuffix(".md"))
        box = tree.find_class("admonition")[0]
        assert box.find_class("admonition-title")[0].text_content() == f"Lokal rutine i {NAME}"
        link = box.xpath(".//a")[0]
        assert link.text_content() == routine["title"]
        target = routine["page"].removeprefix("docs/nb/").removesuffix(".md")
        assert link.get("href") == f"../../{target}/"
        assert (local_site / target / "index.html").is_file()
        checklist = tree.find_class("hb-checklist")[0]
        assert box.getparent() is checklist.getparent()  # next to the national checklist, which is unchanged


def test_the_name_is_in_the_header_and_titles_and_on_the_posters(local_site, project):
    logo = fingerprint.current_name(local_site, "assets/images/lokal-logo.svg")  # the name carries its hash
    assert logo != "assets/images/lokal-logo.svg"
    for lang in project.languages:
        prefix = "" if lang.is_source else f"{lang.code}/"
        tree = read(local_site, f"{prefix}foreldre")
        assert tree.find_class("hb-header-name__local")[0].text_content() == NAME
        assert tree.find_class("hb-header-name__handbook")[0].text_content() == lang.site_name
        assert tree.findtext(".//title").endswith(f"{lang.site_name} – {NAME}")
        poster = (local_site / posters.poster_path(project, lang) / "index.html").read_text(encoding="utf-8")
        assert f"{NAME}</p>" in poster and logo in poster
    assert (local_site / logo).read_bytes() == (EXAMPLE / "logo.svg").read_bytes()
    assert read(local_site, "").xpath(f"//img[contains(@src, '{logo}')]")


def test_the_editions_address_is_used(local_site, example):
    sitemap = (local_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{example['site_url']}lokalt/tolk/</loc>" in sitemap
    poster = (local_site / "plakat" / "index.html").read_text(encoding="utf-8")
    assert f"QR: {example['site_url']}foreldre/" in poster


def test_the_national_pages_are_unchanged(local_site, built_site_without_edition):
    """A page of the handbook says the same with and without the edition (its text; the frame
    carries the edition's name and address)."""
    for path in ("veiledning/hjemmebesok", "en/foreldre/tolk", "foreldre/skolestart"):
        with_edition = read(local_site, path).xpath("//*[@data-pagefind-body]")[0]
        without = read(built_site_without_edition, path).xpath("//*[@data-pagefind-body]")[0]
        assert lxml_html.tostring(with_edition) == lxml_html.tostring(without)


@pytest.fixture(scope="module")
def built_site_without_edition():
    folder = public_folder("handbook-national-")
    site = build(
        ROOT, folder / "site", env={"HANDBOOK_PDFS": "false", "HANDBOOK_SEARCH_INDEX": "false", "HANDBOOK_LOCAL": ""}, echo=False
    )
    yield site
    shutil.rmtree(folder, ignore_errors=True)


def test_the_offline_copy_holds_the_local_pages(local_site):
    import json

    urls = {row[0] for row in json.loads((local_site / "offline" / "nb.json").read_text(encoding="utf-8"))["files"]}
    logo = fingerprint.current_name(local_site, "assets/images/lokal-logo.svg")
    assert {"lokalt/", "lokalt/tolk/", logo} <= urls


def test_a_broken_edition_stops_the_build_with_its_file_and_line(tmp_path, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path / "no-sources"))
    root = make_mini_project(tmp_path / "mini")
    edition = tmp_path / "kommune"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini-local", edition)
    config = edition / "local.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('"40 00 00 02"', '"40 00 002"'), encoding="utf-8")
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "site", env={"HANDBOOK_LOCAL": str(edition), "HANDBOOK_PDFS": "false"}, echo=False)
    assert (
        f"{edition}/local.yml:7: contacts.0.phone '40 00 002' is not a phone number — write a Norwegian number"
        in failed.value.output
    )
    assert not (tmp_path / "site").exists()
