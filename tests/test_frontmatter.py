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


@st.composite
def front_matter(draw):
    """Front matter that is valid, then broken in one way (or not at all)."""
    import yaml

    values = {
        "title": draw(st.sampled_from(["Hjemmebesøk", "Tolk i møter", "Sjekkliste: samtale"])),
        "description": draw(
            st.sampled_from(["Slik planlegger du et hjemmebesøk hos en familie.", "For foreldre: når og hvordan du får tolk."])
        ),
        "audience": draw(st.lists(st.sampled_from(["lærer", "skoleleder", "foreldre"]), min_size=1, max_size=3, unique=True)),
        "last_reviewed": draw(
            st.dates(min_value=__import__("datetime").date(2020, 1, 1), max_value=__import__("datetime").date(2026, 12, 1))
        ).isoformat(),
    }
    if draw(st.booleans()):
        values["sources"] = draw(st.lists(st.sampled_from(["ta-grep", "rokkan-2015"]), max_size=2, unique=True))
    breakage = draw(st.sampled_from(["none", "drop", "type", "date", "unknown-key", "enum", "html", "misspell"]))
    key = draw(st.sampled_from(["title", "description", "audience", "last_reviewed"]))
    if breakage == "drop":
        del values[key]
    elif breakage == "type":
        values[key] = 42
    elif breakage == "date":
        values["last_reviewed"] = "31.12.2026"
    elif breakage == "unknown-key":
        values["kategori"] = "x"
    elif breakage == "enum":
        values["audience"] = ["elev"]
    elif breakage == "html":
        values["title"] = "Hei <script>alert(1)</script>"
    elif breakage == "misspell":
        values[key + "x"] = values.pop(key)
    text = "---\n" + yaml.safe_dump(values, allow_unicode=True, sort_keys=False) + "---\n\n# Side\n"
    return breakage, key, text


@settings(max_examples=300, deadline=None)
@given(front_matter())
def test_valid_front_matter_parses_and_each_breakage_gives_one_problem_on_its_line(case):
    breakage, key, text = case
    meta, body, body_line, problems = parse(text)
    if breakage == "none":
        assert problems == [] and meta["title"] and body.strip() == "# Side"
        return
    assert meta is None and len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == "docs/nb/side.md" and problem.fix and 2 <= problem.line <= text.count("\n")
    named = {
        "drop": key,
        "type": key,
        "date": "last_reviewed",
        "unknown-key": "kategori",
        "enum": "audience",
        "html": "title",
        "misspell": key + "x",
    }[breakage]
    assert named in problem.message or named in problem.fix, problem
