"""`make build` end to end: bad input stops it with file and line, a failed build leaves
site/ untouched, and the same tree always builds the same bytes."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.build import BuildFailed, build


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def build_fails(root: Path) -> str:
    with pytest.raises(BuildFailed) as err:
        build(root, echo=False)
    return err.value.output


def test_a_broken_link_stops_the_build_and_names_the_file(project_copy):
    page = project_copy / "docs" / "nb" / "om" / "index.md"
    page.write_text(page.read_text() + "\nSe [denne siden](finnes-ikke.md).\n")
    output = build_fails(project_copy)
    assert "nb/om/index.md" in output and "finnes-ikke.md" in output


def test_a_broken_anchor_stops_the_build(project_copy):
    page = project_copy / "docs" / "nb" / "om" / "index.md"
    page.write_text(page.read_text() + "\nSe [personvern](personvern.md#ingen-slik-overskrift).\n")
    output = build_fails(project_copy)
    assert "nb/om/index.md" in output and "ingen-slik-overskrift" in output


def test_malformed_front_matter_stops_the_build_with_file_and_line(project_copy):
    page = project_copy / "docs" / "nb" / "om" / "personvern.md"
    page.write_text(page.read_text().replace("title: Personvern", "title: [Personvern"))
    assert "docs/nb/om/personvern.md:2" in build_fails(project_copy)


def test_a_missing_front_matter_key_stops_the_build(project_copy):
    page = project_copy / "docs" / "nb" / "om" / "personvern.md"
    page.write_text(page.read_text().replace("last_reviewed: 2026-11-22\n", ""))
    output = build_fails(project_copy)
    assert "docs/nb/om/personvern.md" in output and "last_reviewed" in output


def test_an_unknown_language_folder_stops_the_build(project_copy):
    (project_copy / "docs" / "de").mkdir()
    assert "docs/de/" in build_fails(project_copy)


def test_a_failed_make_build_leaves_the_previous_site_byte_identical(project_copy):
    run = [sys.executable, "scripts/build.py"]
    assert subprocess.run(run, cwd=project_copy, capture_output=True).returncode == 0
    before = tree_digest(project_copy / "site")
    page = project_copy / "docs" / "nb" / "index.md"
    page.write_text(page.read_text() + "\n[brutt](ingenting.md)\n")
    failed = subprocess.run(run, cwd=project_copy, capture_output=True, text=True)
    assert failed.returncode != 0 and "site/ was left as it was" in failed.stderr
    assert tree_digest(project_copy / "site") == before
    assert not list(project_copy.glob(".site-*")), "temporary build folders must be cleaned up"


def test_two_builds_of_the_same_tree_are_byte_identical(project_copy, tmp_path):
    env = {"SOURCE_DATE_EPOCH": "1763800000"}
    first = build(project_copy, tmp_path / "one", env=env, echo=False)
    second = build(project_copy, tmp_path / "two", env=env, echo=False)
    assert tree_digest(first) == tree_digest(second)
