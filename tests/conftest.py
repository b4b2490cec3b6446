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

from handbook.build import build, copy_project
from handbook.project import Project

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site, built once per test session exactly as `make build` builds it."""
    site = tmp_path_factory.mktemp("built") / "site"
    build(ROOT, site, echo=False)
    return site


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project, for feeding the build bad input."""
    target = tmp_path / "project"
    return copy_project(ROOT, target)


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
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
