"""The translators' workflow: drift by content hash (with or without git history), stamps
that cannot make an untouched translation current, reviews tied to the reviewed text, the
Norwegian changes since a translation, adding a language, and the term base."""

from __future__ import annotations

import subprocess

import pytest
from conftest import git

from handbook import translations
from handbook.build import build
from handbook.cli import main as handbook
from handbook.new_language import LanguageError, add
from handbook.project import Project

EN_INDEX = "docs/en/foreldre/index.md"


def status(root, uri="foreldre/index.md", lang="en"):
    return translations.status_of(Project(root), lang, uri)


def stamp(root, file=EN_INDEX, **kwargs):
    return translations.stamp(Project(root), root / file, **kwargs)


def touch(root, file, text="\nEn ny setning.\n"):
    path = root / file
    path.write_text(path.read_text() + text)


def commit_all(root, message="x"):
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


# ---- the real handbook ------------------------------------------------------------------------------
def test_every_parent_language_has_every_parent_page(project):
    wanted = set(translations.translatable_uris(project))
    assert "foreldre/utviklingssamtalen.md" in wanted
    for lang in project.parent_languages:
        assert wanted <= set(project.pages[lang.code]), lang.code


def test_no_translation_is_reviewed_without_a_named_reviewer_date_and_text(project):
    for lang in project.parent_languages:
        for page in project.pages[lang.code].values():
            record = page.meta["translation"]
            if record["status"] == "reviewed":
                assert record.get("reviewer") and record.get("reviewed_on") and record.get("reviewed_hash"), page.label
            assert record.get("method") in ("human", "machine-assisted", "not-started")


# ---- drift without history ----------------------------------------------------------------------------
def test_drift_needs_no_git_history(mini):
    assert not (mini / ".git").exists()
    assert status(mini).drift == translations.OUTDATED  # the fixture's hash is not the Norwegian text's
    touch(mini, EN_INDEX)
    assert "translated from the Norwegian text" in stamp(mini)
    assert status(mini).drift == translations.UP_TO_DATE
    touch(mini, "docs/nb/foreldre/index.md")
    assert status(mini).drift == translations.OUTDATED


def test_the_hash_ignores_the_translation_record_and_line_endings(mini):
    path = mini / EN_INDEX
    before = translations.text_hash(path)
    translations.update_record(path, status="draft", stamped_hash="0123456789abcdef")
    path.write_text(path.read_text().replace("\n", "\r\n"))
    assert translations.text_hash(path) == before


# ---- stamps -----------------------------------------------------------------------------------------------
def test_a_stamp_cannot_make_an_untouched_translation_current(mini):
    touch(mini, EN_INDEX)
    stamp(mini)
    touch(mini, "docs/nb/foreldre/index.md")  # the Norwegian changes; nobody updates the English
    with pytest.raises(translations.TranslationError, match="has not been edited since it was last stamped"):
        stamp(mini)
    assert status(mini).drift == translations.OUTDATED
    assert "no change needed: a typo" in stamp(mini, unchanged_reason="a typo")
    assert status(mini).drift == translations.UP_TO_DATE


def test_a_reviewed_translation_that_changes_is_a_draft_again(mini):
    touch(mini, EN_INDEX)
    stamp(mini)
    translations.review(Project(mini), mini / EN_INDEX, "Kari Nordmann", "2026-12-01")
    assert status(mini).review == translations.REVIEWED
    touch(mini, EN_INDEX, "\nAn edit after the review.\n")
    changed = status(mini)
    assert changed.review == translations.DRAFT and changed.changed_since_review
    touch(mini, "docs/nb/foreldre/index.md")
    message = stamp(mini)
    assert "draft again" in message
    record = Project(mini).pages["en"]["foreldre/index.md"].meta["translation"]
    assert record["status"] == "draft" and "reviewer" not in record and "reviewed_hash" not in record


def test_an_outdated_translation_cannot_be_reviewed(mini):
    with pytest.raises(translations.TranslationError, match="does not match the current Norwegian text"):
        translations.review(Project(mini), mini / EN_INDEX, "Kari Nordmann", "2026-12-01")


def test_review_needs_a_full_name(mini):
    with pytest.raises(translations.TranslationError, match="full name"):
        translations.review(Project(mini), mini / EN_INDEX, "Kari", "2026-12-01")


def test_an_uncommitted_norwegian_edit_is_not_stamped(mini):
    git(mini, "init", "-q")
    commit_all(mini, "start")
    touch(mini, EN_INDEX)
    touch(mini, "docs/nb/foreldre/index.md")
    with pytest.raises(translations.TranslationError, match="not committed"):
        stamp(mini)


# ---- what changed in Norwegian ----------------------------------------------------------------------------
def test_diff_shows_the_norwegian_changes_since_the_translation(mini, tmp_path):
    git(mini, "init", "-q")
    commit_all(mini, "start")
    touch(mini, EN_INDEX)
    stamp(mini)
    commit_all(mini, "stamp")
    touch(mini, "docs/nb/foreldre/index.md", "\nSkolen har fått ny rektor.\n")
    commit_all(mini, "a Norwegian change")
    out = translations.diff(Project(mini), mini / EN_INDEX)
    assert "+Skolen har fått ny rektor." in out
    # a shallow clone has only the newest commit: the translated text is not there to compare with
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{mini}", str(shallow)], check=True)
    assert translations.status_of(Project(shallow), "en", "foreldre/index.md").drift == translations.OUTDATED
    with pytest.raises(translations.TranslationError, match="fetch --unshallow"):
        translations.diff(Project(shallow), shallow / EN_INDEX)


# ---- the term base -------------------------------------------------------------------------------------------
def test_a_translation_that_keeps_only_the_norwegian_word_does_not_follow_the_term_base(mini):
    page = mini / EN_INDEX
    text = page.read_text()
    assert translations.term_warnings(Project(mini), Project(mini).pages["en"]["foreldre/index.md"]) == []
    page.write_text(text.replace("Your contact teacher ([kontaktlærer]{lang=nb}) helps.", "Your [kontaktlærer]{lang=nb} helps."))
    warnings = translations.term_warnings(Project(mini), Project(mini).pages["en"]["foreldre/index.md"])
    assert warnings == ["«kontaktlærer» → «contact teacher»"]
    page.write_text(text.replace("Your contact teacher ([kontaktlærer]{lang=nb}) helps.", "Your (kontaktlærer) helps."))
    assert translations.term_warnings(Project(mini), Project(mini).pages["en"]["foreldre/index.md"]) != []


@pytest.mark.parametrize(
    "variant, text, used",
    [
        ("contact teacher", "ask your contact teachers", True),  # inflection
        ("contact teacher", "ask the teacher", False),  # one word of two
        ("المعلّم المسؤول", "تحدث مع المعلم المسؤول", True),  # Arabic article and short vowels set aside
        ("FAU", "the FAU meets", True),  # a short term must be there as a word
        ("FAU", "the group meets", False),
    ],
)
def test_the_term_matcher(variant, text, used):
    from handbook.text import WORD

    words = translations.prefixes({translations.stem_key(w) for w in WORD.findall(text.casefold())})
    assert translations.variant_used(variant, words) is used


# ---- adding a language ------------------------------------------------------------------------------------------
def test_dari_is_added_right_to_left_from_cldr_and_builds(mini, tmp_path):
    message = add(mini, "prs", "دری", "dari")
    assert "(prs, right to left)" in message
    project = Project(mini)
    language = project.language("prs")
    assert language.dir == "rtl" and (mini / "data/terms/prs.yml").is_file()
    assert set(translations.translatable_uris(project)) <= set(project.pages["prs"])
    site = build(mini, tmp_path / "site", env={"HANDBOOK_PDFS": "false", "HANDBOOK_SOURCES_DIR": str(tmp_path)}, echo=False)
    page = (site / "prs" / "foreldre" / "tolk" / "index.html").read_text()
    assert '<html lang="prs"' in page and 'dir="rtl"' in page
    assert 'class="hb-fallback" lang="nb" dir="ltr"' in page  # not started: shown in Norwegian, marked as such


@pytest.mark.parametrize(
    "args, says",
    [
        (("xx", "Xx", "xx"), "not a language code CLDR knows"),
        (("Sorani", "Sorani", "sorani"), "two or three lower-case letters"),
        (("ckb", "", "sorani"), "own name"),
        (("ckb", "کوردی", ""), "name in Norwegian"),
        (("en", "English", "engelsk"), "already in data/languages.yml"),
    ],
)
def test_a_bad_new_language_is_refused_before_anything_is_written(mini, args, says):
    def files():  # the project, not .cache/ (results kept between runs)
        return {p: p.read_bytes() for p in mini.rglob("*") if p.is_file() and ".cache" not in p.parts}

    before = files()
    with pytest.raises(LanguageError, match=says):
        add(mini, *args)
    assert files() == before


def test_the_command_line_says_nothing_was_written(mini, monkeypatch, capsys):
    monkeypatch.setattr("handbook.cli.ROOT", mini)
    assert handbook(["new-language", "ckb", "کوردی"]) == 2
    assert "Nothing was written" in capsys.readouterr().err
