"""Timed builds: the handbook's own build, and plain MkDocs + Material on the same tree.

Every build runs ``python -m mkdocs build`` in a child process (exactly what `make build`
runs, without the atomic copy into site/), and that child reports its own peak memory
(``getrusage(RUSAGE_SELF)``) — the Python process that builds, not Chromium — and,
separately, the largest process it waited for (Chromium through Playwright, Pagefind,
hunspell). The build prints its stages (HANDBOOK_TIMINGS=1); they are parsed from its
output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.build import build_environment, copy_project
from handbook.project import Project

# The child: mkdocs' own command line, then its own peak memory and that of its helpers.
CHILD = r"""
import json, resource, runpy, sys, time
out = sys.argv[1]
sys.argv = ["mkdocs"] + sys.argv[2:]
start = time.perf_counter()
code = 0
try:
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
finally:
    own, helpers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "w") as handle:
        json.dump({"seconds": time.perf_counter() - start, "exit": code, "peak_kb": own.ru_maxrss,
                   "helpers_peak_kb": helpers.ru_maxrss, "cpu_seconds": own.ru_utime + own.ru_stime,
                   "helpers_cpu_seconds": helpers.ru_utime + helpers.ru_stime}, handle)
sys.exit(code)
"""

STAGE_HEADER = "handbook: time per stage"
STAGE_LINE = re.compile(r"^\s{2}(?P<name>\S.*?)\s+(?P<seconds>\d+\.\d+) s\s*$")


class BuildError(RuntimeError):
    pass


@dataclass
class Build:
    """One build: wall time (what a writer waits), CPU time (the build process and every helper
    it waited for: less disturbed by other work on a shared machine), the build process's own
    peak memory, the largest helper process's peak, and the stages the build printed."""

    seconds: float
    peak_mb: float
    helpers_peak_mb: float
    stages: dict[str, float] = field(default_factory=dict)
    cpu_seconds: float = 0.0
    load: float = 0.0  # the machine's 1-minute load average when the build ended

    def as_dict(self) -> dict:
        return {
            "seconds": round(self.seconds, 2),
            "cpu_seconds": round(self.cpu_seconds, 2),
            "peak_mb": round(self.peak_mb),
            "helpers_peak_mb": round(self.helpers_peak_mb),
            "load": self.load,
            "stages": {k: round(v, 2) for k, v in self.stages.items()},
        }


def parse_stages(output: str) -> dict[str, float]:
    """The table the build prints with HANDBOOK_TIMINGS=1: stage -> seconds (without the total)."""
    stages: dict[str, float] = {}
    inside = False
    for line in output.splitlines():
        if STAGE_HEADER in line:
            inside, stages = True, {}
            continue
        if inside:
            match = STAGE_LINE.match(line)
            if not match:
                inside = False
                continue
            if match.group("name") != "total":
                stages[match.group("name")] = stages.get(match.group("name"), 0.0) + float(match.group("seconds"))
    return stages


def timed_build(root: Path, site: Path, env: dict | None = None, *, strict: bool = True) -> Build:
    """``mkdocs build`` of the project at ``root`` into ``site``, timed in a child process."""
    report = site.parent / f".{site.name}-report.json"
    command = [
        sys.executable,
        "-c",
        CHILD,
        str(report),
        "build",
        "--clean",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--site-dir",
        str(site),
    ] + (["--strict"] if strict else [])
    environment = build_environment(root, {"HANDBOOK_TIMINGS": "1", **(env or {})})
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0 or not report.is_file():
        raise BuildError(f"the build in {root} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    child = json.loads(report.read_text())
    report.unlink()
    stages = parse_stages(result.stdout + result.stderr)
    if stages:
        stages = {"Python start, MkDocs config": max(0.0, wall - sum(stages.values())), **stages}
    return Build(
        wall,
        child["peak_kb"] / 1024,
        child["helpers_peak_kb"] / 1024,
        stages,
        child["cpu_seconds"] + child["helpers_cpu_seconds"],
        round(os.getloadavg()[0], 2),
    )


def best(builds: list[Build]) -> Build:
    """The fastest run (its stages and load), the least CPU time of any run, and the highest
    peak memory seen in any run."""
    fastest = min(builds, key=lambda b: b.seconds)
    return Build(
        fastest.seconds,
        max(b.peak_mb for b in builds),
        max(b.helpers_peak_mb for b in builds),
        fastest.stages,
        min(b.cpu_seconds for b in builds),
        fastest.load,
    )


def group_stages(stages: dict[str, float]) -> dict[str, float]:
    """The build's stages in the groups the table shows."""
    groups = {
        "Python start, MkDocs config": 0.0,
        "checks": 0.0,
        "MkDocs, nb": 0.0,
        "MkDocs, other languages": 0.0,
        "search index": 0.0,
        "PDFs: checklists": 0.0,
        "PDFs: posters": 0.0,
        "posters (pages, QR codes)": 0.0,
        "sitemap, feed, addresses, offline copies": 0.0,
    }
    for name, seconds in stages.items():
        if name.startswith("checks"):
            groups["checks"] += seconds
        elif name == "render nb":
            groups["MkDocs, nb"] += seconds
        elif name.startswith("render "):
            groups["MkDocs, other languages"] += seconds
        elif name.startswith("search index"):  # the wait for Pagefind, which runs beside the site checks
            groups["search index"] += seconds
        elif name in groups:
            groups[name] += seconds
        else:
            groups["sitemap, feed, addresses, offline copies"] += seconds
    return groups


# ---- plain MkDocs + Material on the same tree ---------------------------------------------------
def top_level_block(text: str, key: str) -> tuple[int, int] | None:
    """Start and end offsets of a top-level key's block in a YAML file (kept as text: tags stay)."""
    match = re.search(rf"(?m)^{re.escape(key)}:.*$", text)
    if match is None:
        return None
    following = re.search(r"(?m)^[^\s#]", text[match.end() :])
    return match.start(), match.end() + following.start() if following else len(text)


def language_nav(nav: list, uris: set[str]) -> list[str]:
    """The Norwegian menu reduced to the pages a language has, flattened (as the handbook does)."""
    from handbook.i18n_bridge import flatten_nav

    return flatten_nav(nav, uris)


def plain_config(text: str, project: Project, nav: list) -> str:
    """mkdocs.yml without the handbook: no handbook plugin (no checks, PDFs, Pagefind index,
    posters), no overrides, CSS or JavaScript of its own; the same docs/, Markdown extensions,
    Material features and languages (mkdocs-static-i18n), and Material's own search, as a
    site made with stock Material has. Not strict: the handbook's own Markdown is plain text."""
    languages = []
    for lang in project.languages:
        if len(lang.code) != 2:
            continue  # i18n takes two-letter codes only; the handbook maps others itself
        entry = {"locale": lang.code, "name": lang.name, "build": True, "default": lang.is_source}
        if not lang.is_source:
            entry["link"] = f"/{lang.code}/"
            entry["nav"] = language_nav(nav, set(project.pages.get(lang.code, {})))
        languages.append(entry)
    plugins = {
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "folder",
                    "fallback_to_default": False,
                    "reconfigure_material": False,
                    "languages": languages,
                }
            },
        ]
    }
    for key in ("plugins", "extra_javascript", "extra_css"):
        span = top_level_block(text, key)
        if span:
            text = text[: span[0]] + text[span[1] :]
    text = re.sub(r"(?m)^strict:.*$", "strict: false", text)
    text = re.sub(r"(?m)^  (custom_dir|favicon|logo):.*\n", "", text)
    return text.rstrip("\n") + "\n\n" + yaml.safe_dump(plugins, allow_unicode=True, sort_keys=False, width=200)


def make_plain(source_root: Path, target: Path) -> Path:
    """A copy of the project that builds as plain MkDocs + Material (see :func:`plain_config`)."""
    from handbook.cli import mkdocs_config

    copy_project(source_root, target)
    nav = mkdocs_config(source_root).nav
    config = target / "mkdocs.yml"
    config.write_text(plain_config(config.read_text(encoding="utf-8"), Project(target), nav), encoding="utf-8")
    return target


def clear_pdf_cache(root: Path) -> None:
    shutil.rmtree(root / ".cache" / "pdf", ignore_errors=True)


def public_dir(path: Path) -> Path:
    """A folder nginx's workers (another user) can enter and read."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o755)
    return path


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]
