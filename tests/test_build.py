"""`make build` end to end, on the small test handbook: bad input stops it with file and line,
a failed or interrupted build leaves site/ as it was and no litter, the site is readable by
any web server user, progress is shown as it happens, and the same commit builds the same
bytes in a full clone, a shallow clone and an exported tree."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import git

from handbook.build import BuildFailed, build

NO_PDF = {"HANDBOOK_PDFS": "false"}


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(autouse=True)
def no_sources(monkeypatch, tmp_path):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(tmp_path / "no-sources"))


def build_fails(root: Path) -> str:
    with pytest.raises(BuildFailed) as err:
        build(root, env=NO_PDF, echo=False)
    return str(err.value)


def test_a_broken_link_stops_the_build_with_file_and_line(mini):
    page = mini / "docs/nb/foreldre/tolk.md"
    page.write_text(page.read_text() + "\nSe [denne siden](finnes-ikke.md).\n")
    assert "docs/nb/foreldre/tolk.md:14: the link «finnes-ikke.md» leads to docs/nb/foreldre/finnes-ikke.md" in build_fails(mini)


def test_bad_front_matter_stops_the_build_with_file_and_line(mini):
    page = mini / "docs/nb/foreldre/tolk.md"
    page.write_text(page.read_text().replace("title: Tolk", "title: [Tolk"))
    assert "docs/nb/foreldre/tolk.md:2" in build_fails(mini)


def test_a_problem_found_by_the_text_checks_beside_the_rendering_stops_the_build(mini):
    """The text checks run in a second process while the pages render (handbook.background);
    the build waits for them and publishes nothing when they find a problem."""
    page = mini / "docs/nb/foreldre/tolk.md"
    hard = " ".join(["Kommunikasjonsutfordringer mellom foreldrerepresentantene og skoleadministrasjonen"] * 12)
    page.write_text(page.read_text() + f"\n{hard} gjelder informasjonsutvekslingen.\n")
    message = build_fails(mini)
    assert "docs/nb/foreldre/tolk.md:1: LIX" in message and "too hard for a parent page" in message
    assert not (mini / "site").exists()


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_a_page_problem_found_while_the_next_language_renders_stops_the_build(mini, lang):
    """Each language's rendered pages are checked in a second process while the next language
    renders (handbook.plugin); the last language's answer is waited for before anything is
    written, so a problem in any language's page stops the build and publishes nothing."""
    page = mini / f"docs/{lang}/foreldre/index.md"
    page.write_text(page.read_text() + '\n<div onclick="alert(1)">x</div>\n')
    message = build_fails(mini)
    assert f"docs/{lang}/foreldre/index.md:" in message and "onclick" in message
    assert not (mini / "site").exists()


def test_the_built_site_is_readable_by_any_user_whatever_the_umask(mini):
    old = os.umask(0o077)
    try:
        site = build(mini, env=NO_PDF, echo=False)
    finally:
        os.umask(old)
    modes = {oct(p.stat().st_mode & 0o777) for p in [site, *site.rglob("*")]}
    assert modes <= {"0o755", "0o644"}, modes
    assert oct(site.stat().st_mode & 0o777) == "0o755"


def test_a_failed_build_leaves_the_previous_site_byte_identical_and_no_litter(mini):
    site = build(mini, env=NO_PDF, echo=False)
    before = tree_digest(site)
    page = mini / "docs/nb/index.md"
    page.write_text(page.read_text() + "\n[brutt](ingenting.md)\n")
    build_fails(mini)
    assert tree_digest(site) == before
    assert not list(mini.glob(".site-build-*")) and not list(mini.glob(".site-old-*"))


def test_litter_from_an_interrupted_build_is_removed_by_the_next(mini, capsys):
    (mini / ".site-build-abc123" / "nb").mkdir(parents=True)
    (mini / ".site-old-def456").mkdir()
    build(mini, env=NO_PDF, echo=True)
    assert not list(mini.glob(".site-build-*")) and not list(mini.glob(".site-old-*"))
    assert "left by an interrupted build" in capsys.readouterr().err


# Starts the command line with Ctrl-C (SIGINT) as a terminal gives it. A job started in the
# background by a non-interactive shell (as CI may start `make test`) inherits SIGINT as
# ignored, and Python then never raises KeyboardInterrupt: the Ctrl-C test passed here and
# failed there, the build running to its end through five signals.
AS_FROM_A_TERMINAL = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, '-m', 'handbook.cli', *sys.argv[1:]])"
)


def run_cli(root: Path, *args: str, pdfs: bool = False, interruptible: bool = False, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "HANDBOOK_ROOT": str(root), **({} if pdfs else NO_PDF)}
    start = [sys.executable, "-c", AS_FROM_A_TERMINAL] if interruptible else [sys.executable, "-m", "handbook.cli"]
    return subprocess.Popen(
        [*start, *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kwargs,
    )


def test_progress_is_shown_stage_by_stage(mini):
    process = run_cli(mini, "build")
    output, _ = process.communicate(timeout=300)
    assert process.returncode == 0, output
    stages = [
        "data and pages checked",
        "'nb' rendered",
        "text checked beside the rendering",
        "'en' rendered",
        "built site checked",
        "search index, beside the above",
    ]
    positions = [output.find(stage) for stage in stages]
    assert -1 not in positions and positions == sorted(positions), output
    assert "Overriding '" not in output  # i18n's noise is left out
    # every page MkDocs wrote, in every language, was read while the next language rendered:
    # only the pages written after the rendering (error pages, posters) are parsed at the end
    reused, pages = map(int, re.search(r"(\d+) of (\d+) pages read while they were written", output).groups())
    site = mini / "site"
    written_later = [path for path in site.rglob("*.html") if path.name == "404.html" or "plakat" in path.relative_to(site).parts]
    assert pages == sum(1 for path in site.rglob("*.html") if "pagefind" not in path.relative_to(site).parts)
    assert reused == pages - len(written_later) and reused > 0, (reused, pages, written_later)


def test_ctrl_c_stops_cleanly_without_a_traceback(mini):
    build(mini, env=NO_PDF, echo=False)
    # The small handbook builds in half a second: a signal can come after the build is done,
    # which tests nothing, so the build is frozen at its first line while the signal is sent,
    # and an attempt that still finished is made again.
    for _attempt in range(5):
        before = tree_digest(mini / "site")
        # with PDFs made afresh (Chromium), the build lasts seconds, not half of one
        shutil.rmtree(mini / ".cache" / "pdf", ignore_errors=True)
        process = run_cli(mini, "build", start_new_session=True, pdfs=True, interruptible=True)
        output = process.stdout.readline()  # the build is under way
        # frozen at once, so that it cannot finish before the signal arrives; the Ctrl-C is
        # delivered the moment it goes on
        os.killpg(process.pid, signal.SIGSTOP)
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
        os.killpg(process.pid, signal.SIGCONT)
        rest, _ = process.communicate(timeout=120)
        output += rest
        if process.returncode != 0:
            break
    assert process.returncode == 130, output
    assert "Traceback" not in output and "Interrupted" in output
    assert tree_digest(mini / "site") == before
    assert not list(mini.glob(".site-build-*"))


def test_the_same_commit_builds_the_same_bytes_in_every_kind_of_checkout(mini, tmp_path):
    git(mini, "init", "-q")
    git(mini, "add", "-A")
    git(mini, "commit", "-q", "-m", "first")
    page = mini / "docs/nb/foreldre/tolk.md"
    page.write_text(page.read_text() + "\nEn setning til.\n")
    git(mini, "commit", "-q", "-am", "second")
    full, shallow, exported = tmp_path / "full", tmp_path / "shallow", tmp_path / "exported"
    subprocess.run(["git", "clone", "-q", f"file://{mini}", str(full)], check=True)
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{mini}", str(shallow)], check=True)
    exported.mkdir()
    archive = tmp_path / "tree.tar"
    subprocess.run(["git", "archive", "-o", str(archive), "HEAD"], cwd=mini, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(exported, filter="data")
    sites = [build(root, tmp_path / f"site-{root.name}", echo=False) for root in (full, shallow, exported)]
    digests = [tree_digest(site) for site in sites]
    assert digests[0] == digests[1] == digests[2]
    sitemap = (sites[0] / "sitemap.xml").read_text()
    assert "<lastmod>2026-02-01</lastmod>" in sitemap and "1970" not in sitemap
    assert any(name.endswith(".pdf") for name in digests[0])  # PDFs included: their dates come from the data too
