"""The translator workflow: scaffolding a language, drift against real git history,
translation records, and the term base."""

import subprocess
import sys

from conftest import git

from handbook import translations
from handbook.build import build
from handbook.docs_checks import check_project
from handbook.project import Project


def test_every_parent_language_has_every_parent_page(project):
    wanted = set(translations.translatable_uris(project))
    assert "foreldre/utviklingssamtalen.md" in wanted
    for lang in project.parent_languages:
        assert wanted <= set(project.pages[lang.code]), lang.code


def test_no_translation_is_marked_reviewed_without_a_named_reviewer_and_date(project):
    for lang in project.parent_languages:
        for page in project.pages[lang.code].values():
            record = page.meta["translation"]
            if record["status"] == "reviewed":
                assert record.get("reviewer") and record.get("reviewed_on"), page.label
            assert record.get("method") in ("human", "machine-assisted", "not-started")


def test_scaffolding_a_new_language_builds_green(project_copy, tmp_path):
    git(project_copy, "init", "-q")
    git(project_copy, "add", "-A")
    git(project_copy, "commit", "-q", "-m", "start")
    run = subprocess.run([sys.executable, "scripts/new_language.py", "am", "አማርኛ", "--name-nb", "amharisk"],
                         cwd=project_copy, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    project = Project(project_copy)
    assert "am" in [lang.code for lang in project.parent_languages]
    assert set(translations.translatable_uris(project)) <= set(project.pages["am"])
    commit = git(project_copy, "rev-parse", "HEAD")
    assert project.pages["am"]["foreldre/tolk.md"].meta["translation"]["source_commit"] == commit
    assert check_project(project) == []
    site = build(project_copy, tmp_path / "site", env={"HANDBOOK_SKIP_PDF": "1"}, echo=False)
    page = (site / "am" / "foreldre" / "tolk" / "index.html").read_text()
    assert '<html lang="am"' in page
    assert 'class="hb-fallback" lang="nb" dir="ltr"' in page  # not started: shown as Norwegian, marked as such
    assert "has not been translated into this language yet" in page


def test_a_translation_without_its_record_or_its_source_fails(project_copy):
    page = project_copy / "docs/uk/foreldre/tolk.md"
    text = page.read_text()
    start = text.index("translation:")
    end = text.index("\n---", start)
    page.write_text(text[:start] + text[end + 1:])
    problems = [str(p) for p in check_project(Project(project_copy))]
    assert any("docs/uk/foreldre/tolk.md" in p and "source commit" in p for p in problems)


def test_drift_follows_real_git_history(project_copy):
    repo = project_copy
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    translated = repo / "docs/en/foreldre/tolk.md"
    translations.update_record(translated, source_commit=git(repo, "rev-parse", "HEAD"))
    git(repo, "commit", "-q", "-am", "stamp")
    translations.source_changed.cache_clear()
    translations.has_history.cache_clear()
    project = Project(repo)
    assert translations.status_of(project, "en", "foreldre/tolk.md").drift == translations.UP_TO_DATE

    source = repo / "docs/nb/foreldre/tolk.md"
    source.write_text(source.read_text() + "\nEn ny setning om tolk.\n")
    git(repo, "commit", "-q", "-am", "change the Norwegian page")
    translations.source_changed.cache_clear()
    assert translations.status_of(Project(repo), "en", "foreldre/tolk.md").drift == translations.OUTDATED

    run = subprocess.run([sys.executable, "scripts/translation.py", "stamp", "docs/en/foreldre/tolk.md"],
                         cwd=repo, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    translations.source_changed.cache_clear()
    assert translations.status_of(Project(repo), "en", "foreldre/tolk.md").drift == translations.UP_TO_DATE


def test_an_outdated_translation_warns_and_shows_a_notice(project_copy, tmp_path):
    repo = project_copy
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "start")
    translations.update_record(repo / "docs/ar/foreldre/tolk.md", source_commit=git(repo, "rev-parse", "HEAD"))
    source = repo / "docs/nb/foreldre/tolk.md"
    source.write_text(source.read_text() + "\nEn ny setning.\n")
    git(repo, "commit", "-q", "-am", "change")
    run = subprocess.run([sys.executable, "scripts/build.py"], cwd=repo, capture_output=True, text=True,
                         env={**__import__("os").environ, "HANDBOOK_SKIP_PDF": "1"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "docs/ar/foreldre/tolk.md: the Norwegian page changed after this translation" in run.stdout + run.stderr
    page = (repo / "site/ar/foreldre/tolk/index.html").read_text()
    assert "تم تحديث النص النرويجي بعد إعداد هذه الترجمة" in page


def test_review_needs_a_full_name(project_copy):
    run = subprocess.run([sys.executable, "scripts/translation.py", "review", "docs/en/foreldre/tolk.md", "--reviewer", "X"],
                         cwd=project_copy, capture_output=True, text=True)
    assert run.returncode == 1


def test_scaffolding_refuses_without_git_history(project_copy):
    run = subprocess.run([sys.executable, "scripts/new_language.py", "am", "አማርኛ", "--name-nb", "amharisk"],
                         cwd=project_copy, capture_output=True, text=True)
    assert run.returncode != 0 and "git" in run.stderr
