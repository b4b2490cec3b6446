"""Shared fixtures: the project, one build of the site per session, a local web server
and headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
from pathlib import Path

import pytest

from handbook.browser import CHROMIUM, CHROMIUM_ARGS  # the build's and the tests' one launcher
from handbook.build import build, copy_project
from handbook.markdown_ext import RenderContext
from handbook.project import DocPage, Project, uri_to_url

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def markdown_factory():
    """Markdown converters configured as mkdocs.yml configures MkDocs', plus the handbook's extension."""
    from handbook import cli

    return cli.markdown_factory(cli.mkdocs_config(ROOT))


def render(
    factory,
    project: Project,
    text: str,
    *,
    lang: str = "nb",
    uri: str = "veiledning/x.md",
    written_in: str | None = None,
    meta: dict | None = None,
):
    """Render Markdown as the build renders a page; returns (html, what the extension found)."""
    md, extension = factory()
    doc = None
    if meta is not None:
        doc = DocPage(
            written_in or lang,
            uri,
            ROOT / "docs" / (written_in or lang) / uri,
            f"docs/{written_in or lang}/{uri}",
            {"_lines": {}, **meta},
            text,
            1,
        )
    page_url = ("" if lang == project.source_language.code else f"{lang}/") + uri_to_url(uri)
    context = RenderContext(
        project, lang=lang, written_in=written_in or lang, uri=uri, page_url=page_url, doc=doc, site_url=extension.site_url
    )
    extension.context = context
    try:
        return md.convert(text), context.found
    finally:
        extension.context = None


def messages(project_root: Path, *, markdown: bool = True, only: set[str] | None = None, text: bool = True) -> list[str]:
    """What `handbook check` reports for a project, as text (``only``: render just these pages)."""
    import datetime as dt

    from handbook import checks, cli

    config = cli.mkdocs_config(project_root)
    project = Project(project_root, local=config.plugins["handbook"].config.local)  # HANDBOOK_LOCAL, as the build reads it
    if not text:  # data, pages and Markdown only: the text phase needs hunspell and is slow
        for phase in (lambda: checks.check_data(project), lambda: checks.check_pages(project, config.nav, dt.date.today())):
            problems = phase()
            if problems:
                return [str(p) for p in sorted(set(problems))]
        pages = [p for p in project.all_pages() if only is None or p.label in only]
        return [str(p) for p in sorted(set(checks.check_markdown(project, cli.markdown_factory(config), pages)))]
    report = checks.run(
        project,
        nav=config.nav,
        require_spelling=False,
        only=only,
        markdown_factory=cli.markdown_factory(config) if markdown else None,
    )
    return [str(p) for p in report.problems]


def public_folder(prefix: str) -> Path:
    """A temporary folder a web server running as another user can enter (pytest's are 0700)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)
    return folder


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The whole site, built once per test session exactly as `make build` builds it, in a
    folder nginx's unprivileged workers can reach (tests/test_nginx.py serves it)."""
    import shutil

    folder = public_folder("handbook-site-")
    site = build(ROOT, folder / "site", echo=False)
    yield site
    shutil.rmtree(folder, ignore_errors=True)


MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
MINI_NAV = [
    "index.md",
    {"Veiledning": ["veiledning/samarbeid.md"]},
    {"Sjekklister": ["sjekklister/samtale.md"]},
    {"Foreldre": ["foreldre/index.md", "foreldre/tolk.md"]},
    {"Lovverket": ["lov/index.md", "lov/ikke-verifisert.md"]},
    "kilder.md",
    {"Om": ["om/grunnlag.md"]},
]


def make_mini_project(target: Path) -> Path:
    """A small handbook (two languages, a handful of pages, fixed data) that builds in seconds.

    Its data is fixed, so expected output does not change with the handbook's content; its
    schemas, interface texts, theme and site configuration are the real ones."""
    import re
    import shutil

    import yaml

    shutil.copytree(MINI, target)
    shutil.copytree(ROOT / "data" / "schemas", target / "data" / "schemas")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    # the real languages.yml, as written, with only Norwegian and English
    text = (ROOT / "data" / "languages.yml").read_text(encoding="utf-8")
    blocks = re.split(r"(?m)^(?=  - code: )", text)
    kept = [blocks[0]] + [b for b in blocks[1:] if re.match(r"  - code: (nb|en)\n", b)]
    (target / "data" / "languages.yml").write_text("".join(kept).rstrip("\n") + "\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config[: config.index("\nnav:")] + "\nnav:\n" + yaml.safe_dump(MINI_NAV, allow_unicode=True)
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    return target


@pytest.fixture
def mini(tmp_path) -> Path:
    """A fresh copy of the small test handbook (see make_mini_project)."""
    return make_mini_project(tmp_path / "mini")


@pytest.fixture(scope="session")
def mini_project(tmp_path_factory) -> Project:
    """The small test handbook, read-only, shared by the tests of one session."""
    return Project(make_mini_project(tmp_path_factory.mktemp("mini") / "mini"))


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project, for feeding the build bad input."""
    target = tmp_path / "project"
    return copy_project(ROOT, target)


def git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class LocalServer:
    """Serves a folder on 127.0.0.1, with the site mounted under ``base_path``."""

    def __init__(self, root: Path, base_path: str = "/"):
        self.root = Path(root)
        self.base_path = base_path
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # any free port
        port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{port}{base_path}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def mount(site: Path, base_path: str, where: Path) -> Path:
    """A folder in which ``site`` appears under ``base_path`` (a symlink), to serve from."""
    folder = where / base_path.strip("/") if base_path.strip("/") else where
    folder.parent.mkdir(parents=True, exist_ok=True)
    if base_path.strip("/"):
        folder.symlink_to(site, target_is_directory=True)
        return where
    return site


@pytest.fixture(scope="session")
def server(built_site, tmp_path_factory):
    srv = LocalServer(built_site)
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A browser page that lets only 127.0.0.1 through and remembers everything else it tried."""

    def __init__(self, browser, **context_args):
        self.context = browser.new_context(**context_args)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self):
        self.context.close()


@pytest.fixture
def offline_page(browser):
    pages = []

    def make(**context_args) -> OfflinePage:
        page = OfflinePage(browser, **context_args)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


# ---- accessibility results: the statement is rendered from them (handbook/accessibility.py) ----------
A11Y_RECORD = pytest.StashKey()


@pytest.fixture(scope="session")
def a11y_record(request, browser, built_site):
    """What the accessibility checks looked at and found. With HANDBOOK_RECORD_A11Y=1 a session in
    which every declared check ran and nothing failed writes data/accessibility.yml."""
    from a11y_checks import CHECKS, EXCEPTIONS, NOT_TESTED, all_pages, exceptions, versions

    from handbook.accessibility import Recorder

    record = Recorder(definitions=CHECKS, exceptions=EXCEPTIONS, not_tested=NOT_TESTED, tools=versions(browser.version))
    for address in all_pages(built_site):
        first = address.split("/", 1)[0]
        lang = first if (built_site / first / "404.html").is_file() and "/" in address else "nb"
        record.pages[lang] = record.pages.get(lang, 0) + 1
    record.status = ""
    request.config.stash[A11Y_RECORD] = record
    yield record
    if os.environ.get("HANDBOOK_RECORD_A11Y") != "1":
        return
    if request.session.testsfailed or record.failed():
        record.status = "data/accessibility.yml NOT written: tests failed"
    elif record.missing():
        record.status = f"data/accessibility.yml NOT written: these checks did not run: {', '.join(record.missing())}"
    else:
        dirty = git(ROOT, "status", "--porcelain", "--", ".", ":!data/accessibility.yml")
        commit = git(ROOT, "rev-parse", "--short=12", "HEAD") + (" with uncommitted changes" if dirty else "")
        record.exceptions = exceptions(record)
        record.write(ROOT / "data" / "accessibility.yml", commit)
        record.status = f"data/accessibility.yml written ({len(record.notes)} checks, commit {commit})"


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    record = config.stash.get(A11Y_RECORD, None)
    if record is None:
        return
    terminalreporter.section("accessibility: axe-core best-practice findings (not WCAG failures)")
    for line in record.summary_lines() or ["none"]:
        terminalreporter.write_line(line)
    if record.status:
        terminalreporter.write_line(record.status)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
