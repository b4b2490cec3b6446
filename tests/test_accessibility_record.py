"""The accessibility statement is rendered from recorded test results (handbook/accessibility.py):
the committed record must exist, fit its schema, name exactly the checks the tests make,
and have been made with the axe-core the project pins. No browser needed."""

from __future__ import annotations

import yaml
from a11y_checks import AXE_VERSION, CHECKS, EXCEPTIONS, NOT_TESTED

from handbook.accessibility import Recorder, contrast, load, over, parse_colour, statement_markdown
from handbook.yamldata import load_data_file


def test_contrast_is_computed_as_wcag_defines_it():
    white, black = parse_colour("#ffffff"), parse_colour("rgb(0, 0, 0)")
    assert round(contrast(white, black), 1) == 21.0
    assert round(contrast(parse_colour("#f2b441"), white), 2) == 1.85  # the old amber focus ring
    assert round(contrast(parse_colour("#0b1f33"), white), 1) == 16.7  # the new ring's dark band
    assert round(contrast(white, parse_colour("#17486b")), 2) == 9.65  # its white band on the header
    half = over(parse_colour("rgba(0, 0, 0, 0.5)"), (255, 255, 255))
    assert [round(v) for v in half] == [128, 128, 128]


def test_the_committed_record_is_valid_and_matches_the_tests(project):
    data, problems = load(project)
    assert problems == []
    assert data is not None, "data/accessibility.yml is missing: run the command in handbook.accessibility.RECORD_COMMAND"
    assert [check["id"] for check in data["checks"]] == list(CHECKS), "re-record: the tests' checks changed"
    for check in data["checks"]:
        assert {key: check[key] for key in ("title", "what", "how")} == CHECKS[check["id"]], (
            f"re-record: the description of '{check['id']}' changed in tests/a11y_checks.py"
        )
    assert all(check["result"] == "passed" for check in data["checks"])
    tools = {tool["name"]: tool["version"] for tool in data["tools"]}
    assert tools["axe-core"] == AXE_VERSION, "re-record: axe-core was upgraded"
    assert {"Chromium", "Playwright", "pypdf"} <= set(tools)
    assert data["pages"]["total"] >= 100
    assert data["not_tested"] == NOT_TESTED
    assert all(item in data["exceptions"] for item in EXCEPTIONS)


def test_the_statement_says_what_was_tested_and_what_was_not(project):
    text = statement_markdown(project)
    data, _ = load(project)
    assert "WCAG 2.2 på nivå AA" in text
    for check in data["checks"]:
        assert check["title"] in text
    for item in data["not_tested"] + data["exceptions"]:
        assert item["title"] in text
    assert "NVDA" in text and "VoiceOver" in text  # manual screen-reader testing is said to be not done
    for anchor in ("{#automatisk}", "{#begrensninger}"):  # published anchors (data/published.yml)
        assert anchor in text


def test_a_record_written_by_the_tests_fits_the_schema(tmp_path, project):
    definitions = {"axe-desktop": CHECKS["axe-desktop"], "keyboard": CHECKS["keyboard"]}
    record = Recorder(
        definitions=definitions, tools={"axe-core": "4.0.0", "Chromium": "1.0"}, exceptions=EXCEPTIONS, not_tested=NOT_TESTED
    )
    record.pages = {"nb": 3, "ar": 1}
    record.note("axe-desktop", pages=["", "lov/"], wcag_violations=0)
    record.note("axe-desktop", pages=["lov/", "ar/"], wcag_violations=0)
    record.note("keyboard", pages=["lov/"], problems=0, rings={"#ffffff": 16.7, "#17486b": 9.6})
    record.note("keyboard", pages=["ar/"], rings={"#ffffff": 15.0})
    record.finding("region", "moderate", "All page content should be contained by landmarks", "lov/", [["#x"]])
    assert record.missing() == [] and record.failed() == []
    path = tmp_path / "accessibility.yml"
    record.write(path, "abc123", "2026-12-03")
    located, problems = load_data_file(path, project.schema("accessibility"), "accessibility.yml")
    assert problems == []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    axe = data["checks"][0]
    assert axe["pages"] == 3 and axe["result"] == "passed"
    assert data["checks"][1]["details"]["rings"] == {"#ffffff": 15.0, "#17486b": 9.6}  # lowest per background
    assert data["findings"][0]["pages"] == 1
    assert record.summary_lines()[0].startswith("region (moderate, 1 pages)")
