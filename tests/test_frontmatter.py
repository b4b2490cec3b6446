from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handbook import frontmatter

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "schemas" / "page.schema.json"
GOOD = "---\ntitle: Hjemmebesøk\ndescription: Slik planlegger du et hjemmebesøk hos en familie.\naudience: [lærer]\nlast_reviewed: 2026-11-01\n---\n\n# Hjemmebesøk\n"


def parse(text):
    return frontmatter.parse(text, SCHEMA, "docs/nb/side.md")


def test_a_good_page_parses_and_the_body_starts_after_the_fence():
    meta, body, body_line, problems = parse(GOOD)
    assert problems == [] and meta["title"] == "Hjemmebesøk"
    assert body_line == 7 and body.split("\n")[1] == "# Hjemmebesøk"


def test_a_page_without_front_matter():
    meta, _, _, problems = parse("# Bare tekst\n")
    assert meta is None and problems[0].line == 1 and "no front matter" in problems[0].message


def test_an_unclosed_front_matter():
    _, _, _, problems = parse("---\ntitle: x\n")
    assert "closing" in problems[0].message


def test_a_missing_required_key_is_named():
    text = GOOD.replace("audience: [lærer]\n", "")
    _, _, _, problems = parse(text)
    assert len(problems) == 1 and "'audience'" in problems[0].message
    assert str(problems[0]).startswith("docs/nb/side.md:")


def test_a_misspelt_key_is_an_error_not_ignored():
    text = GOOD.replace("last_reviewed", "last_reviwed")
    _, _, _, problems = parse(text)
    assert any("last_reviwed" in p.message for p in problems)


def test_malformed_yaml_points_at_its_line():
    text = GOOD.replace("audience: [lærer]", "audience: [lærer")
    meta, _, _, problems = parse(text)
    assert meta is None and problems[0].line >= 4 and "YAML" in problems[0].message


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_result_or_clear_problems_never_a_traceback(text):
    meta, _, _, problems = parse(text)
    assert (meta is None) == bool(problems)
    for problem in problems:
        assert problem.path == "docs/nb/side.md" and problem.message


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=30),
                         st.dates().map(str), st.lists(st.text(max_size=10), max_size=3))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["title", "description", "audience", "last_reviewed", "sources",
                                        "translation", "hide", "extra"]), yaml_scalars))
def test_random_front_matter_values_are_checked_without_crashing(values):
    import yaml

    text = "---\n" + yaml.safe_dump(values, allow_unicode=True) + "---\n# x\n"
    meta, _, _, problems = parse(text)
    assert (meta is None) == bool(problems)
    if meta is not None:
        assert set(meta) - {"_lines"} <= {"title", "description", "audience", "last_reviewed", "sources", "translation", "hide"}
