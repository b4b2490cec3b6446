"""deploy/: the templates a municipality copies to publish its own edition — a GitHub Actions
workflow, a GitLab CI job and a container build. What can run here is checked: the YAML
parses, every command they run is a target of the Makefile, every path they name exists (or
is what `make build` writes), and the container serves the site with deploy/nginx.conf from
the folder that configuration names (tests/test_nginx.py runs that configuration for real).
Docker itself is not run here."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml
from conftest import ROOT

DEPLOY = ROOT / "deploy"
BUILD_OUTPUT = "site"  # what `make build` writes (handbook/build.py)


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):(?!=)", text, flags=re.M))


def make_calls(command: str) -> list[tuple[str | None, str]]:
    """(folder given with -C, target) for every `make` in a shell command."""
    calls = []
    for part in re.split(r"&&|;|\n", command):
        words = shlex.split(part)
        while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):
            words = words[1:]  # VAR=value make build
        if words[:1] != ["make"]:
            continue
        folder, rest = None, words[1:]
        if rest[:1] == ["-C"]:
            folder, rest = rest[1], rest[2:]
        calls += [(folder, word) for word in rest if "=" not in word and not word.startswith("-")]
    return calls


def workflow_steps():
    workflow = yaml.safe_load((DEPLOY / "github-pages.yml").read_text(encoding="utf-8"))
    return workflow, [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_github_workflow_builds_with_make_and_publishes_site(tmp_path):
    workflow, steps = workflow_steps()
    assert set(workflow[True]) >= {"push", "schedule", "workflow_dispatch"}  # YAML reads the key 'on' as true
    checkouts = [step for step in steps if step.get("uses", "").startswith("actions/checkout@")]
    handbook = next(step for step in checkouts if "repository" in step["with"])
    assert handbook["with"]["fetch-depth"] == 0  # full history
    edition = next(step for step in checkouts if "repository" not in step["with"])
    runs = [step for step in steps if "run" in step]
    build = next(step for step in runs if make_calls(step["run"]))
    assert make_calls(build["run"]) == [(None, "build")] and "build" in make_targets()
    assert build["working-directory"] == handbook["with"]["path"]
    assert set(build["env"]) == {"HANDBOOK_LOCAL", "HANDBOOK_SITE_URL"}
    assert build["env"]["HANDBOOK_LOCAL"] == "../" + edition["with"]["path"]  # relative to the handbook's folder
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == f"{handbook['with']['path']}/{BUILD_OUTPUT}"
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)
    assert {"pages": "write", "id-token": "write"}.items() <= workflow["permissions"].items()


def test_the_gitlab_job_builds_with_make_and_publishes_site():
    job = yaml.safe_load((DEPLOY / "gitlab-ci.yml").read_text(encoding="utf-8"))["pages"]
    commands = job["before_script"] + job["script"]
    calls = [call for command in commands for call in make_calls(command)]
    assert calls == [("/handbok", "build")] and "build" in make_targets()
    assert any(c.startswith("git clone") and c.split()[-1] == "/handbok" for c in commands)
    assert job["variables"]["GIT_DEPTH"] == 0  # full history
    assert job["variables"]["HANDBOOK_LOCAL"] == "$CI_PROJECT_DIR"
    assert f"mv /handbok/{BUILD_OUTPUT} public" in commands and job["artifacts"]["paths"] == ["public"]


def containerfile() -> list[tuple[str, str]]:
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [
        (line.split(None, 1)[0], line.split(None, 1)[1])
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_the_container_builds_with_make_and_serves_the_site_with_the_tested_nginx_configuration():
    instructions = containerfile()
    runs = [args for op, args in instructions if op == "RUN"]
    calls = [call for args in runs for call in make_calls(args)]
    assert calls == [(None, "build")] and "build" in make_targets()
    copies = [args.split() for op, args in instructions if op == "COPY"]
    for args in copies:
        if not args[0].startswith("--from="):
            assert (ROOT / args[0]).exists(), args  # every path it copies from the handbook exists
    nginx = next(args for args in copies if args[0] == "deploy/nginx.conf")
    assert nginx[1].startswith("/etc/nginx/conf.d/")
    site = next(args for args in copies if args[0].startswith("--from="))
    workdir = next(args for op, args in instructions if op == "WORKDIR")
    assert site[1] == f"{workdir}/{BUILD_OUTPUT}"
    root = re.search(r"^\s*root\s+([^;]+);", (DEPLOY / "nginx.conf").read_text(encoding="utf-8"), flags=re.M).group(1)
    assert site[2] == root  # the folder deploy/nginx.conf serves
    listen = re.search(r"^\s*listen\s+(\d+);", (DEPLOY / "nginx.conf").read_text(encoding="utf-8"), flags=re.M).group(1)
    assert ("EXPOSE", listen) in instructions


@pytest.mark.parametrize("name", ["github-pages.yml", "gitlab-ci.yml", "Containerfile"])
def test_the_templates_are_explained(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = (ROOT / "docs" / "nb" / "om" / "egen-kopi.md").read_text(encoding="utf-8")
    assert f"deploy/{name}" in readme and f"deploy/{name}" in page
