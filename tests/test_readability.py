"""LIX for the Norwegian parent pages: reported per page, and above 40 the build stops."""

from handbook import readability
from handbook.checks import check_text
from handbook.project import Project


def test_every_parent_page_is_plain_enough(project):
    rows = readability.report(project)
    print("\nLIX of the Norwegian parent pages:")
    for label, value, words in rows:
        print(f"  {label:48} LIX {value:5.1f}  ({words} words)")
    assert len(rows) >= 8
    assert all(value <= readability.LIMIT for _, value, words in rows if words >= 30)


def test_lix_is_computed_as_defined():
    from handbook.project import DocPage

    body = "Dette er en kort setning. Her kommer enda en setning med langeordene forsiktighet."
    page = DocPage("nb", "foreldre/x.md", None, "x", {"_lines": {}}, body, 1)
    value, words, sentences, long_words = readability.lix(page)
    # 5 + 8 words; long (more than six letters): setning, setning, langeordene, forsiktighet
    assert (words, sentences, long_words) == (13, 2, 4)
    assert round(value, 2) == round(13 / 2 + 100 * 4 / 13, 2)


def test_a_hard_parent_page_stops_the_build(project_copy):
    page = project_copy / "docs/nb/foreldre/tolk.md"
    hard = (
        "Kommunikasjonsutfordringer i forbindelse med utviklingssamtaler forutsetter profesjonelle "
        "tolketjenester, kvalitetssikrede oversettelsesprosedyrer og informasjonsforvaltning som ivaretar "
        "personvernhensyn, rettssikkerhetsprinsipper og likeverdighet i tjenestetilbudet. "
    )
    page.write_text(page.read_text() + "\n" + hard * 12 + "\n")
    problems = [str(p) for p in check_text(Project(project_copy), require_spelling=False).problems]
    assert any(p.startswith("docs/nb/foreldre/tolk.md:1: LIX") and "above 40" in p for p in problems)
