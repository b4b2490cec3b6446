"""Addresses never break: published pages and anchors (data/published.yml) must keep
working; a moved page or renamed id needs a redirect (data/redirects.yml)."""

import pytest

from handbook import published
from handbook.build import BuildFailed, build


def test_the_lock_covers_the_built_site(project, built_site):
    lock = published.load_lock(project).pages
    assert len(lock) > 100
    assert published.check(project, built_site) == []
    missing = set(published.site_addresses(built_site)) - set(lock)
    assert missing == set(), f"run `make publish`: new pages not in data/published.yml: {sorted(missing)[:5]}"


def fail_output(root):
    with pytest.raises(BuildFailed) as err:
        build(root, env={"HANDBOOK_SKIP_PDF": "1"}, echo=False)
    return err.value.output


def test_a_vanished_page_stops_the_build_until_it_is_redirected(project_copy):
    (project_copy / "docs/nb/veiledning/hjemmebesok.md").rename(project_copy / "docs/nb/veiledning/besok-i-hjemmet.md")
    mkdocs = project_copy / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text().replace("veiledning/hjemmebesok.md", "veiledning/besok-i-hjemmet.md"))
    for page in [*(project_copy / "docs").rglob("*.md"), *(project_copy / "data/letters").rglob("nb.yml")]:
        text = page.read_text().replace("veiledning/hjemmebesok.md", "veiledning/besok-i-hjemmet.md")
        if page.parent.name == "veiledning":  # links from pages next to it
            text = text.replace("(hjemmebesok.md", "(besok-i-hjemmet.md")
        page.write_text(text)
    output = fail_output(project_copy)
    assert "the published address '/veiledning/hjemmebesok/' has disappeared" in output
    redirects = project_copy / "data/redirects.yml"
    redirects.write_text(
        redirects.read_text().replace(
            "pages: []", "pages:\n  - from: /veiledning/hjemmebesok/\n    to: /veiledning/besok-i-hjemmet/\n    since: 2026-11-22"
        )
    )
    site = build(project_copy, env={"HANDBOOK_SKIP_PDF": "1"}, echo=False)
    forward = (site / "veiledning/hjemmebesok/index.html").read_text()
    assert 'content="0; url=../besok-i-hjemmet/"' in forward and '<html lang="nb"' in forward


def test_a_changed_checklist_item_id_stops_the_build_until_it_is_aliased(project_copy):
    page = project_copy / "docs/nb/sjekklister/tolk.md"
    import re

    old = re.findall(r"- id: ([a-z0-9æøå-]+)\n\s+text:", page.read_text())[0]
    page.write_text(page.read_text().replace(f"- id: {old}\n", "- id: nytt-navn\n", 1))
    output = fail_output(project_copy)
    assert f"the published anchor '/sjekklister/tolk/#{old}' has disappeared" in output
    redirects = project_copy / "data/redirects.yml"
    alias = f"  - page: /sjekklister/tolk/\n    from_anchor: {old}\n    to_anchor: nytt-navn\n    since: 2026-11-22\n"
    text = redirects.read_text()
    text = re.sub(r"(?m)^anchors:( \[\])?\n", lambda _: "anchors:\n" + alias, text, count=1)
    redirects.write_text(text)
    site = build(project_copy, env={"HANDBOOK_SKIP_PDF": "1"}, echo=False)
    assert f'<a id="{old}" class="hb-anchor-alias"' in (site / "sjekklister/tolk/index.html").read_text()


def test_a_hand_edited_lock_is_rejected_with_file_line_and_fix(project_copy):
    from handbook.problems import CheckFailed
    from handbook.project import Project

    lock = project_copy / "data/published.yml"
    text = lock.read_text()
    line = text.splitlines().index("  /ordliste/:") + 1
    lock.write_text(text.replace("  /ordliste/:\n", "  /ordliste:\n", 1))
    found = published.load_lock(Project(project_copy))
    assert [(p.path, p.line) for p in found.problems] == [("data/published.yml", line)]
    assert "/veiledning/hjemmebesok/" in str(found.problems[0])  # the fix shows the form
    with pytest.raises(CheckFailed):
        published.write_lock(Project(project_copy), project_copy / "site")
