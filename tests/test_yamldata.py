from pathlib import Path

import pytest

from handbook.yamldata import YamlError, load_yaml, validate

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "schemas" / "page.schema.json"


def test_lines_of_keys_and_items_are_remembered():
    located = load_yaml("title: A\naudience:\n  - lærer\n  - foreldre\n", first_line=2)
    assert located.line_of(("title",)) == 2
    assert located.line_of(("audience", 1)) == 5
    assert located.line_of(("audience", 7)) == 3  # unknown item: falls back to its parent


def test_dates_stay_text_so_the_schema_can_check_them():
    assert load_yaml("d: 2026-01-31").data == {"d": "2026-01-31"}


def test_bad_yaml_reports_the_line():
    with pytest.raises(YamlError) as err:
        load_yaml("title: ok\ndescription: [unclosed\naudience: x\n", first_line=2)
    assert err.value.line in (3, 4)


def test_a_key_written_twice_is_an_error():
    with pytest.raises(YamlError) as err:
        load_yaml("title: a\ntitle: b\n")
    assert err.value.line == 2 and "twice" in err.value.message


def test_schema_errors_name_the_line_and_the_fix():
    located = load_yaml(
        "title: Hei\ndescription: En beskrivelse som er lang nok.\naudience: [lærer]\nlast_reviewed: 31.12.2026\n", first_line=2
    )
    problems = validate(located, SCHEMA, "docs/nb/x.md")
    assert [(p.line, "YYYY-MM-DD" in p.fix) for p in problems] == [(5, True)]


def test_unknown_audience_lists_the_allowed_values():
    located = load_yaml(
        "title: Hei\ndescription: En beskrivelse som er lang nok.\naudience: [elev]\nlast_reviewed: 2026-01-01\n", first_line=2
    )
    (problem,) = validate(located, SCHEMA, "docs/nb/x.md")
    assert problem.line == 4 and "foreldre" in problem.fix
