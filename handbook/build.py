"""The atomic build: MkDocs builds into a temporary folder; site/ is replaced only on success.

A failed or interrupted build (a broken link, bad front matter, Ctrl-C…) leaves the
previous site/ exactly as it was, so a half-built site is never published. The built
files are readable by everyone (0644, folders 0755), whatever the umask, because the
web server usually runs as another user than the one who builds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

# What a copy of the project needs to build: not .git, .venv or build output.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "site",
    ".site-*",
    "test-artifacts",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    "*.egg-info",
    ".bench",
    ".cache",
)
TEMP_PREFIXES = (".site-build-", ".site-old-")
# i18n's log line for every value it sets per language: noise in a writer's terminal
QUIET = ("Overriding '",)


def copy_project(source_root: Path, target: Path) -> Path:
    """A copy of the project that builds on its own (tests feed it bad input; the benchmark grows it)."""
    shutil.copytree(source_root, target, ignore=COPY_IGNORE)
    return target


class BuildFailed(Exception):
    def __init__(self, returncode: int, output: str):
        super().__init__(f"the build failed (exit code {returncode})" + (f":\n{summary(output)}" if output.strip() else ""))
        self.returncode = returncode
        self.output = output


def summary(output: str) -> str:
    """What went wrong: MkDocs' warnings and errors (a problem list runs on over several lines)."""
    lines = output.strip().splitlines()
    out, keep = [], False
    for line in lines:
        if line.startswith(("WARNING", "ERROR", "Error", "Aborted")):
            keep = not line.startswith("WARNING -  handbook:") or "problems" in line
        elif line.startswith("INFO"):
            keep = False
        if keep:
            out.append(line)
    return "\n".join(out[:80]) if out else "\n".join(lines[-15:])


def build_environment(root: Path, extra: dict | None = None) -> dict:
    """Environment for a reproducible build: the same commit gives the same bytes."""
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    env.update(extra or {})
    return env


def source_date_epoch(root: Path) -> str:
    """The newest date in the handbook's data (changelog and pages), never the clock or
    git: a full clone, a shallow clone and an exported tree build the same bytes."""
    from .plugin import build_epoch
    from .project import Project

    return str(build_epoch(Project(root)))


def remove_litter(folder: Path) -> list[Path]:
    """Temporary folders left by builds that were interrupted (a power cut, a killed CI job)."""
    removed = []
    for path in folder.glob(".site-*"):
        if path.is_dir() and path.name.startswith(TEMP_PREFIXES):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


@contextmanager
def build_lock(folder: Path):
    """One build at a time into the same site/ (a second one waits)."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".site-build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def make_readable(root: Path) -> None:
    """Folders 0755 and files 0644 (executables 0755): any web server user can read them."""
    root.chmod(0o755)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            (Path(folder) / name).chmod(0o755)
        for name in files:
            path = Path(folder) / name
            executable = path.stat().st_mode & stat.S_IXUSR
            path.chmod(0o755 if executable else 0o644)


GENERATORS = ("mkdocs", "properdocs")  # ProperDocs: the maintained MkDocs 1.x fork, a drop-in (README)


def build(
    root: Path,
    site_dir: Path | None = None,
    *,
    env: dict | None = None,
    echo: bool = True,
    config_file: Path | None = None,
    generator: str | None = None,
) -> Path:
    """Build the whole site into ``site_dir`` (default ``root/site``) atomically, with MkDocs
    or, with ``generator="properdocs"`` (or HANDBOOK_GENERATOR=properdocs), with ProperDocs."""
    generator = generator or os.environ.get("HANDBOOK_GENERATOR", "mkdocs")
    if generator not in GENERATORS:
        raise ValueError(f"HANDBOOK_GENERATOR must be one of {', '.join(GENERATORS)}, not {generator!r}")
    root = Path(root).resolve()
    site_dir = Path(site_dir or root / "site").resolve()
    with build_lock(site_dir.parent):
        for path in remove_litter(site_dir.parent):
            if echo:
                print(f"Removed {path.name}, left by an interrupted build", file=sys.stderr)
        tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
        try:
            command = [
                sys.executable,
                "-m",
                generator,
                "build",
                "--strict",
                "--clean",
                "--config-file",
                str(config_file or root / "mkdocs.yml"),
                "--site-dir",
                str(tmp),
            ]
            returncode, output = run_streaming(command, root, build_environment(root, env), echo)
            if returncode != 0:
                raise BuildFailed(returncode, output)
            make_readable(tmp)
            replace_dir(tmp, site_dir)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return site_dir


def run_streaming(command: list[str], cwd: Path, env: dict, echo: bool) -> tuple[int, str]:
    """Run the build, passing its progress through as it comes (without i18n's noise)."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        for line in process.stdout:
            lines.append(line)
            if echo and QUIET[0] not in line:
                sys.stdout.write(line)
                sys.stdout.flush()
        return process.wait(), "".join(lines)
    except KeyboardInterrupt:
        process.terminate()
        process.wait()
        raise


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
