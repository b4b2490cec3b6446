"""Norwegian spelling with Debian's hunspell dictionary and the project's word list."""

import pytest

from handbook import spelling
from handbook.project import Project


@pytest.fixture(autouse=True)
def dictionary():
    if not spelling.available():
        pytest.fail("hunspell and hunspell-no are missing: run `make system-deps`")


def test_the_norwegian_pages_are_spelt_right(project):
    problems = spelling.check_project(project)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_a_misspelt_word_is_reported_with_file_and_line(project_copy):
    page = project_copy / "docs/nb/om/personvern.md"
    page.write_text(page.read_text() + "\nHåndboka lagrer ingen opplysnigner om deg.\n")
    project = Project(project_copy)
    problems = [str(p) for p in spelling.check_project(project)]
    line = len(page.read_text().rstrip("\n").split("\n"))
    assert f"docs/nb/om/personvern.md:{line}: unknown word «opplysnigner»" in "\n".join(problems)
    assert "data/wordlist.txt" in problems[0]


def test_code_links_and_references_are_not_spell_checked(project_copy):
    page = project_copy / "docs/nb/om/personvern.md"
    page.write_text(page.read_text() + "\nSe `xqzvw` og [lenke](qqqxx.md) og [§ tolkeloven 4].\n")
    words = {w for _, w in spelling.prose_words(Project(project_copy).pages["nb"]["om/personvern.md"])}
    assert not {"xqzvw", "qqqxx", "tolkeloven"} & words


def test_the_word_list_is_sorted_and_has_no_duplicates(project):
    words = spelling.wordlist_path(project).read_text(encoding="utf-8").split("\n")
    words = [w for w in words if w]
    assert words == sorted(set(words)), "keep data/wordlist.txt sorted (LC_ALL=C sort -u)"
