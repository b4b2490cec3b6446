"""Rules over docs/ and data/, each shown to fail on a temporary copy of the project."""

from pathlib import Path

from handbook.docs_checks import check_project
from handbook.project import Project


def messages(root: Path) -> list[str]:
    return [str(p) for p in check_project(Project(root))]


def test_the_real_project_passes(project):
    assert check_project(project) == []


def test_an_unknown_language_folder(project_copy):
    (project_copy / "docs" / "xx").mkdir()
    (project_copy / "docs" / "xx" / "index.md").write_text("---\ntitle: x\n---\n")
    assert any(m.startswith("docs/xx/") and "not a language" in m for m in messages(project_copy))


def test_a_language_without_a_home_page(project_copy):
    (project_copy / "docs" / "en" / "index.md").unlink()
    assert any("docs/en/index.md" in m and "no home page" in m for m in messages(project_copy))


def test_a_translation_without_a_norwegian_source(project_copy):
    page = project_copy / "docs" / "en" / "foreldre" / "finnes-ikke.md"
    page.write_text((project_copy / "docs" / "en" / "foreldre" / "index.md").read_text().replace("For parents", "Orphan"))
    assert any("docs/en/foreldre/finnes-ikke.md" in m and "no Norwegian source" in m for m in messages(project_copy))


def test_a_translation_without_its_source_commit(project_copy):
    page = project_copy / "docs" / "ar" / "foreldre" / "index.md"
    text = page.read_text()
    start = text.index("translation:")
    end = text.index("---", start)
    page.write_text(text[:start] + text[end:])
    assert any("docs/ar/foreldre/index.md:1" in m and "source commit" in m for m in messages(project_copy))


def test_two_pages_with_one_title(project_copy):
    page = project_copy / "docs" / "nb" / "om" / "personvern.md"
    page.write_text(page.read_text().replace("title: Personvern", "title: Om håndboka"))
    found = [m for m in messages(project_copy) if "also used by" in m]
    assert found and found[0].startswith("docs/nb/om/personvern.md:2:")


def test_a_parent_page_must_be_for_parents(project_copy):
    page = project_copy / "docs" / "nb" / "foreldre" / "index.md"
    page.write_text(page.read_text().replace("audience: [foreldre]", "audience: [lærer]"))
    assert any("docs/nb/foreldre/index.md:4" in m and "parent section" in m for m in messages(project_copy))


def test_a_broken_languages_file_is_reported_with_its_line(project_copy):
    data = project_copy / "data" / "languages.yml"
    data.write_text(data.read_text().replace("dir: rtl", "dir: right"))
    found = messages(project_copy)
    assert len(found) == 1 and found[0].startswith("data/languages.yml:") and "'rtl'" in found[0]


def test_an_image_without_alt_text_stops_the_build(project_copy):
    page = project_copy / "docs" / "nb" / "veiledning" / "relasjonssirkelen.md"
    text = page.read_text()
    page.write_text(text.replace("![", "![](bilder/relasjonssirkelen.svg) ![", 1))
    assert any("docs/nb/veiledning/relasjonssirkelen.md:" in m and "has no alt text" in m for m in messages(project_copy))


def test_an_svg_without_title_or_description_stops_the_build(project_copy):
    svg = project_copy / "docs" / "nb" / "veiledning" / "bilder" / "relasjonssirkelen.svg"
    import re

    svg.write_text(re.sub(r"<desc\b.*?</desc>", "", svg.read_text(), flags=re.S))
    assert any(m.startswith("docs/nb/veiledning/bilder/relasjonssirkelen.svg") and "<desc>" in m for m in messages(project_copy))


def test_a_line_range_beyond_the_source_document_stops_the_build(project_copy):
    page = project_copy / "docs" / "nb" / "veiledning" / "hjemmebesok.md"
    text = page.read_text()
    assert "«Hjemmebesøk», L449–456]" in text
    page.write_text(text.replace("«Hjemmebesøk», L449–456]", "«Hjemmebesøk», L449–9456]", 1))
    assert any("docs/nb/veiledning/hjemmebesok.md:" in m and "beyond the end of document 001" in m for m in messages(project_copy))


def test_a_guidance_section_without_a_basis_label_stops_the_build(project_copy):
    page = project_copy / "docs" / "nb" / "veiledning" / "hjemmebesok.md"
    text = page.read_text()
    page.write_text(text.replace('{#forberedelse basis="forslag"}', "{#forberedelse}", 1))
    assert any("docs/nb/veiledning/hjemmebesok.md:" in m and "«Forberedelse»: the section has no basis label" in m
               for m in messages(project_copy))
