"""handbook.posters: the QR posters schools print for parents."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from handbook import posters


@pytest.mark.parametrize("code", ["nb", "ar"])
def test_the_qr_code_is_well_formed_svg_with_a_text_alternative(project, code):
    lang = project.language(code)
    url = posters.parent_url("https://kommune.example/handbok/", project, lang)
    # an XML parser refuses what browsers forgive, such as an attribute given twice
    svg = ET.fromstring(posters.qr_svg(url, lang))
    assert svg.tag.rpartition("}")[2] == "svg"
    ns = svg.tag[: -len("svg")]
    assert svg.get("role") == "img" and svg.get("class") == "hb-poster__qr"
    assert svg.find(f"{ns}title").text == f"QR: {url}"
    assert svg.find(f"{ns}desc").text == lang.ui["poster_scan"]


def test_the_parent_address_follows_the_site_url(project):
    so = project.language("so")
    assert posters.parent_url("https://kommune.example/handbok", project, so) == "https://kommune.example/handbok/so/foreldre/"
    assert posters.parent_url("https://kommune.example/", project, project.source_language) == "https://kommune.example/foreldre/"


def test_every_language_has_a_poster_that_links_to_its_parent_section(project, built_site):
    for lang in project.languages:
        folder = built_site / posters.poster_path(project, lang)
        page = (folder / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang.code}">' in page and f'<body dir="{lang.dir}">' in page
        prefix = "" if lang.is_source else f"{lang.code}/"
        assert (built_site / prefix / "foreldre" / "index.html").is_file()
        assert 'foreldre/">' in page and lang.ui["poster_title"].split()[0] in page
        if not lang.is_source:  # parents show the poster to staff, who read Norwegian
            assert project.source_language.ui["poster_title"] in page


@pytest.mark.browser
def test_each_poster_code_decodes_to_its_own_languages_parent_address(project, browser, tmp_path):
    """Decode what a phone camera reads: the QR code on each language's poster page, drawn by
    Chromium and read by zxing-cpp, against the address worked out here, independently."""
    import zxingcpp
    from PIL import Image

    base = "https://kommune.example/handbok/"
    page = browser.new_page(viewport={"width": 800, "height": 1100})
    try:
        for lang in project.languages:
            expected = base + ("" if lang.is_source else f"{lang.code}/") + "foreldre/"
            page.set_content(posters.poster_html(project, lang, base))
            shot = tmp_path / f"qr-{lang.code}.png"
            page.locator("svg.hb-poster__qr").screenshot(path=str(shot))
            decoded = [result.text for result in zxingcpp.read_barcodes(Image.open(shot))]
            assert decoded == [expected], (lang.code, decoded)
    finally:
        page.close()
