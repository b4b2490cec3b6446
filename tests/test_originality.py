"""Own words: no page shares a run of 12 or more consecutive words with a source document
(quoted law text in a blockquote excepted). The source documents live outside the
repository (../shared/sources/ or HANDBOOK_SOURCES_DIR)."""

import pytest

from handbook import originality
from handbook.project import Project


@pytest.fixture
def sources(project):
    folder = originality.sources_dir(project)
    if folder is None:
        pytest.skip("the source documents are not on this machine (../shared/sources/ or HANDBOOK_SOURCES_DIR): "
                    "the own-words check needs them")
    return folder


def test_no_page_copies_twelve_words_from_a_source(project, sources):
    problems, _ = originality.check_project(project)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_a_copied_sentence_is_found(project_copy, sources, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(sources))
    text = (sorted(sources.glob("001_*.txt"))[0]).read_text(encoding="utf-8")
    words = originality.words(text)
    copied = " ".join(words[500:514])  # fourteen consecutive words of source 001
    page = project_copy / "docs/nb/om/personvern.md"
    page.write_text(page.read_text() + f"\n{copied}\n")
    problems, _ = originality.check_project(Project(project_copy))
    assert any("docs/nb/om/personvern.md" in str(p) and "001_" in str(p) for p in problems)


def test_quoted_law_text_is_allowed(project_copy, sources, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(sources))
    text = (sorted(sources.glob("001_*.txt"))[0]).read_text(encoding="utf-8")
    copied = " ".join(originality.words(text)[500:514])
    page = project_copy / "docs/nb/om/personvern.md"
    page.write_text(page.read_text() + f"\n> {copied}\n")
    problems, _ = originality.check_project(Project(project_copy))
    assert not any("docs/nb/om/personvern.md" in str(p) for p in problems)
