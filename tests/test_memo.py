"""Results kept while the process runs (handbook/memo.py, handbook/theme_cache.py): a
preview session checks only what changed, and never shows a stale result."""

from __future__ import annotations

import shutil

import jinja2
from conftest import ROOT

from handbook import checks, memo, spelling, theme_cache
from handbook.build import copy_project
from handbook.project import Project


def test_a_result_is_kept_under_its_whole_input():
    calls = []

    def compute(value):
        calls.append(value)
        return [value]

    assert memo.session_memo(("test", "a"), lambda: compute("a")) == ["a"]
    assert memo.session_memo(("test", "a"), lambda: compute("a")) == ["a"]
    assert memo.session_memo(("test", "b"), lambda: compute("b")) == ["b"]
    assert calls == ["a", "b"]


def test_a_kept_copy_can_be_changed_without_changing_the_next_one():
    first = memo.session_copy(("test copy",), lambda: {"terms": {"a": {}}})
    first["terms"]["a"]["_translations"] = {"en": "x"}
    assert memo.session_copy(("test copy",), lambda: {}) == {"terms": {"a": {}}}


def test_an_edited_page_is_checked_again_in_the_same_process(tmp_path):
    root = copy_project(ROOT, tmp_path / "handbook")
    page = root / "docs/nb/veiledning/hjemmebesok.md"
    before = Project(root)
    assert not any(p.path == "docs/nb/veiledning/hjemmebesok.md" for p in checks.check_pages(before))
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("title: Hjemmebesøk", "title: Hjemmebesøk\ntitle_typo: x", 1), encoding="utf-8")
    after = Project(root)
    assert any("title_typo" in p.message for p in after._pages[1])
    if spelling.available():
        page.write_text(text + "\nEt ord som ikke finnes: blåbærsyltetøyfabrikkeierinnexyz.\n", encoding="utf-8")
        found = spelling.check_project(Project(root))
        assert any("blåbærsyltetøyfabrikkeierinnexyz" in p.message for p in found)
        page.write_text(text, encoding="utf-8")
        assert not any("blåbærsyltetøyfabrikkeierinnexyz" in p.message for p in spelling.check_project(Project(root)))


def test_the_theme_listing_is_the_one_jinja_gives(tmp_path):
    from pathlib import Path

    import material

    folder = str(Path(material.__file__).parent / "templates")
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)
    (overrides / "partials" / "extra.html").write_text("x", encoding="utf-8")

    class Theme:
        static_templates = ["404.html", "sitemap.xml"]

        def get_env(self):
            return jinja2.Environment(loader=jinja2.FileSystemLoader([str(overrides), folder]))

    theme = Theme()
    plain = theme.get_env()
    theme_cache.install(theme, tmp_path)
    cached = theme.get_env()

    def keep(name):
        return not name.startswith(".") and not name.endswith(".html")

    assert cached.list_templates() == plain.list_templates()
    assert cached.list_templates(filter_func=keep) == plain.list_templates(filter_func=keep)
    assert cached.list_templates(filter_func=keep) == plain.list_templates(filter_func=keep)  # from the kept listing
    (overrides / "assets").mkdir()
    (overrides / "assets" / "new.css").write_text("a{}", encoding="utf-8")
    assert "assets/new.css" in theme.get_env().list_templates(filter_func=keep)  # the project's own folder is live
    shutil.rmtree(overrides / "assets")


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "page.html").write_text("one", encoding="utf-8")

    class Theme:
        static_templates: list[str] = []

        def get_env(self):
            return jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)), auto_reload=False)

    theme = Theme()
    theme_cache.install(theme, tmp_path)
    assert theme.get_env().get_template("page.html").render() == "one"
    (tmp_path / "page.html").write_text("two", encoding="utf-8")
    assert theme.get_env().get_template("page.html").render() == "two"


def test_an_installed_theme_inside_the_project_is_listed_once(tmp_path):
    """`make` puts the virtual environment in the project (.venv/): Material's folder lies
    under the project root but is an installed package, listed once, not once per language."""
    installed = tmp_path / ".venv" / "lib" / "python3.11" / "site-packages" / "material" / "templates"
    (installed / "assets").mkdir(parents=True)
    (installed / "assets" / "theme.css").write_text("a{}", encoding="utf-8")

    class Theme:
        static_templates: list[str] = []

        def get_env(self):
            return jinja2.Environment(loader=jinja2.FileSystemLoader([str(installed)]))

    theme = Theme()
    theme_cache.install(theme, tmp_path)
    assert theme.get_env().list_templates(filter_func=bool) == ["assets/theme.css"]
    (installed / "assets" / "later.css").write_text("a{}", encoding="utf-8")
    assert theme.get_env().list_templates(filter_func=bool) == ["assets/theme.css"]  # the kept listing


def test_a_parsed_result_kept_on_disk_serves_the_next_process_until_its_input_or_the_code_changes(tmp_path, monkeypatch):
    """The next build reads back what this one parsed (.cache/parsed/); a different text, a
    change to the handbook's code or a file cut short is parsed afresh."""
    calls = []

    def compute(text):
        calls.append(text)
        return {"parsed": text}

    def next_process():
        monkeypatch.setattr(memo, "_SESSION", {})  # what a new build starts with

    key = ("data file", "tekst: 1", "data/x.yml")
    assert memo.session_copy(key, lambda: compute("1"), tmp_path) == {"parsed": "1"}
    next_process()
    assert memo.session_copy(key, lambda: compute("1"), tmp_path) == {"parsed": "1"}
    assert calls == ["1"]  # read back, not parsed again
    next_process()
    assert memo.session_copy(("data file", "tekst: 2", "data/x.yml"), lambda: compute("2"), tmp_path) == {"parsed": "2"}
    assert calls == ["1", "2"]
    # a file cut short is not trusted: parsed again, and replaced
    (stored,) = [p for p in (tmp_path / "parsed").iterdir() if p.read_bytes() == memo._pickled(key, lambda: None, tmp_path)]
    stored.write_bytes(stored.read_bytes()[:5])
    next_process()
    assert memo.session_copy(key, lambda: compute("1"), tmp_path) == {"parsed": "1"}
    assert calls == ["1", "2", "1"]
    next_process()
    memo.session_copy(key, lambda: compute("1"), tmp_path)
    assert calls == ["1", "2", "1"]
    # the handbook's code changed: nothing parsed by the old code is used
    monkeypatch.setattr(memo, "code_version", lambda: "another version")
    next_process()
    memo.session_copy(key, lambda: compute("1"), tmp_path)
    assert calls == ["1", "2", "1", "1"]
    assert not [p for p in (tmp_path / "parsed").iterdir() if p.name.endswith(".part")]


def test_the_disk_cache_keeps_at_most_its_limit_and_drops_the_oldest(tmp_path):
    import os

    folder = tmp_path / "parsed"
    folder.mkdir()
    for number in range(12):
        path = folder / f"{number:02}.pickle"
        path.write_bytes(b"x")
        os.utime(path, ns=(number * 10**9, number * 10**9))  # 00 is the oldest
    assert memo.prune(folder, limit=20) == 0
    assert memo.prune(folder, limit=10) == 7  # past the limit: down to half of it
    assert sorted(p.name for p in folder.iterdir()) == [f"{n:02}.pickle" for n in range(7, 12)]
    assert memo.prune(tmp_path / "missing") == 0
