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
        pytest.skip(
            "the source documents are not on this machine (../shared/sources/ or HANDBOOK_SOURCES_DIR): "
            "the own-words check needs them"
        )
    return folder


def test_no_page_copies_twelve_words_from_a_source(project, sources):
    problems, _ = originality.check_project(project)
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_a_copied_sentence_is_found(project_copy, sources, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(sources))
    text = (sorted(sources.glob("001_*.txt"))[0]).read_text(encoding="utf-8")
    words = originality.normalise(text)
    copied = " ".join(words[500:514])  # fourteen consecutive words of source 001
    page = project_copy / "docs/nb/om/personvern.md"
    page.write_text(page.read_text() + f"\n{copied}\n")
    problems, _ = originality.check_project(Project(project_copy))
    assert any("docs/nb/om/personvern.md" in str(p) and "001_" in str(p) for p in problems)


def test_quoted_law_text_is_allowed(project_copy, sources, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(sources))
    text = (sorted(sources.glob("001_*.txt"))[0]).read_text(encoding="utf-8")
    copied = " ".join(originality.normalise(text)[500:514])
    page = project_copy / "docs/nb/om/personvern.md"
    page.write_text(page.read_text() + f"\n> {copied}\n")
    problems, _ = originality.check_project(Project(project_copy))
    assert not any("docs/nb/om/personvern.md" in str(p) for p in problems)


# ---- the mechanism, everywhere (a made-up source document, so it runs without the real ones) --------
FAKE = (
    "Foreldre som blir invitert tidlig og personlig kommer oftere på det første foreldremøtet "
    "enn foreldre som bare får en lapp i sekken, og de spør mer om barnets hverdag."
)


@pytest.fixture
def fake_sources(tmp_path, monkeypatch):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "009_test.txt").write_text("Innledning.\n" + FAKE + "\nSlutt.\n", encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(folder))
    return folder


def with_text(mini, text):
    page = mini / "docs/nb/foreldre/tolk.md"
    page.write_text(page.read_text() + "\n" + text + "\n")
    return [str(p) for p in originality.check_project(Project(mini))[0]]


def test_a_copied_run_is_found(mini, fake_sources):
    problems = with_text(mini, FAKE)
    assert len(problems) == 1 and problems[0].startswith("docs/nb/foreldre/tolk.md:14:") and "009_test.txt" in problems[0]


def test_a_line_break_does_not_hide_a_copied_run(mini, fake_sources):
    words = FAKE.split()
    problems = with_text(mini, " ".join(words[:7]) + "\n" + " ".join(words[7:14]))
    assert len(problems) == 1 and "tolk.md:14:" in problems[0]


def test_eleven_words_are_not_a_copy(mini, fake_sources):
    assert with_text(mini, " ".join(FAKE.split()[:11]) + " og noe helt annet.") == []


def test_a_quoted_law_text_and_a_title_are_not_copies(mini, fake_sources):
    assert with_text(mini, "> " + FAKE) == []
    title = mini / "data/sources.yml"
    title.write_text(title.read_text().replace("title: En studie av samarbeid", "title: " + " ".join(FAKE.split()[:14])))
    assert with_text(mini, "Se *" + " ".join(FAKE.split()[:14]) + "*.") == []


def test_without_the_documents_the_check_says_so(mini, monkeypatch, tmp_path):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path / "nowhere"))
    assert originality.check_project(Project(mini)) == ([], None)
