"""The atomic build: MkDocs builds into a temporary folder; site/ is replaced only on success.

A failed build (a broken link, bad front matter, a third-party URL…) leaves the
previous site/ exactly as it was, so a half-built site is never published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# What a copy of the project needs to build: not .git, .venv or build output.
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", ".site-*", "test-artifacts", "__pycache__",
                                     ".pytest_cache", ".hypothesis", "*.egg-info", ".bench")


def copy_project(source_root: Path, target: Path) -> Path:
    """A copy of the project that builds on its own (tests feed it bad input; the benchmark grows it)."""
    shutil.copytree(source_root, target, ignore=COPY_IGNORE)
    return target


class BuildFailed(Exception):
    def __init__(self, returncode: int, output: str):
        tail = "\n".join(output.strip().splitlines()[-15:])  # where it stopped, for test reports and CI logs
        super().__init__(f"the build failed (exit code {returncode})" + (f":\n{tail}" if tail else ""))
        self.returncode = returncode
        self.output = output


def build_environment(root: Path, extra: dict | None = None) -> dict:
    """Environment for a reproducible build: the same commit gives the same bytes."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    env.update(extra or {})
    return env


def source_date_epoch(root: Path) -> str:
    """The time of the last commit (dates in the sitemap come from it, not from the clock)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        if out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return "0"


def build(root: Path, site_dir: Path | None = None, *, env: dict | None = None, echo: bool = True) -> Path:
    """Build the whole site into ``site_dir`` (default ``root/site``) atomically."""
    root = Path(root).resolve()
    site_dir = Path(site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                   "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(tmp)]
        result = subprocess.run(command, cwd=root, env=build_environment(root, env),
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if echo and result.stdout:
            sys.stdout.write(result.stdout)
        if result.returncode != 0:
            raise BuildFailed(result.returncode, result.stdout)
        replace_dir(tmp, site_dir)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return site_dir


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is, with two renames on the same file system."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=target.parent))
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)
