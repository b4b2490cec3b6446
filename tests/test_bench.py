"""The benchmark's pure parts (tools/bench/): the synthetic handbook passes the checks and is
as long and as structured as the real one; the access log is read and summed as nginx wrote
it; stage timings are parsed from the build's output; the table says what met its target.
Fast: no build, no browser, no nginx."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, messages

from tools.bench import browser, builds, report, synthetic
from tools.webserver import Served


# ---- the synthetic handbook ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def grown(tmp_path_factory):
    """The real handbook with one variant of every content page (scale 2)."""
    return synthetic.make(ROOT, tmp_path_factory.mktemp("synthetic") / "handbook", 2)


def test_the_synthetic_handbook_passes_every_check(grown):
    assert grown.variants >= 1  # how many depends on how many of the real pages are content pages
    assert messages(grown.root) == []


def test_the_synthetic_pages_are_as_long_and_structured_as_the_real_ones(grown):
    stats = synthetic.describe(grown.root, grown.synthetic_pages)
    assert set(stats["synthetic"]) == {"guidance", "checklist", "parent"}
    for kind, real in stats["real"].items():
        made = stats["synthetic"][kind]
        for key in ("words", "sections", "list_items", "citations", "law_refs", "checklist_items"):
            assert made[key] == pytest.approx(real[key], rel=0.05), (kind, key)
    assert stats["real"]["guidance"]["words"] > 500  # real guidance pages, not stubs


def test_a_variant_is_a_new_page_with_its_sections_in_another_order(grown):
    real = (ROOT / "docs/nb/veiledning/hjemmebesok.md").read_text(encoding="utf-8")
    made = (grown.root / "docs/nb/veiledning/hjemmebesok-variant-2.md").read_text(encoding="utf-8")
    assert made != real
    assert 'title: "Hjemmebesøk (2)"' in made and "# Hjemmebesøk (2)" in made
    ids = synthetic.section_ids(synthetic.split_sections(real.split("---", 2)[2])[1])
    new_ids = synthetic.section_ids(synthetic.split_sections(made.split("---", 2)[2])[1])
    assert sorted(ids) == sorted(new_ids) and ids != new_ids


def test_parent_variants_are_translated_and_current(grown):
    from handbook import translations
    from handbook.project import Project

    project = Project(grown.root)
    status = translations.status_table(project)["foreldre/tolk-variant-2.md"]
    assert {lang: s.drift for lang, s in status.items()} == {
        lang.code: translations.UP_TO_DATE for lang in project.parent_languages
    }


def test_the_menu_gets_variant_sections_of_real_size(grown):
    text = (grown.root / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = synthetic.nav_block(text)
    nav = yaml.safe_load(text[start:end])["nav"]
    checklists = next(item["Sjekklister"] for item in nav if isinstance(item, dict) and "Sjekklister" in item)
    variant = next(item["Variant 2"] for item in checklists if isinstance(item, dict))
    assert 10 <= len(variant) <= 25
    assert all(uri.endswith("-variant-2.md") for uri in variant)
    guidance = next(item["Veiledning for lærere"] for item in nav if isinstance(item, dict) and "Veiledning for lærere" in item)
    sections = next(item["Variant 2"] for item in guidance if isinstance(item, dict) and "Variant 2" in item)
    assert "for-samtalen-variant-2.md" in sections  # a single content page goes with the guidance
    assert all(len(list(section.values())[0]) <= 25 for section in sections if isinstance(section, dict))


def test_variants_scale_the_norwegian_site():
    assert synthetic.variants_for(1, 86, 59) == 0
    assert synthetic.variants_for(4, 86, 59) == 4
    assert synthetic.variants_for(16, 86, 59) == 22
    assert 86 + 59 * synthetic.variants_for(16, 86, 59) == pytest.approx(16 * 86, rel=0.05)


def test_reorder_keeps_every_section_once():
    body = "Intro.\n\n## A {#a}\n\nText a.\n\n## B {#b}\n\n```\n## not a heading\n```\n\n## C {#c}\n\nText c.\n"
    head, sections = synthetic.split_sections(body)
    assert head.strip() == "Intro." and synthetic.section_ids(sections) == ["a", "b", "c"]
    order = synthetic.new_order(3, random.Random(1))
    assert sorted(order) == [0, 1, 2] and order != [0, 1, 2]
    new = synthetic.reorder(body, order)
    assert sorted(synthetic.section_ids(synthetic.split_sections(new)[1])) == ["a", "b", "c"]
    assert new.count("## not a heading") == 1


# ---- nginx's access log ----------------------------------------------------------------------------
def test_the_access_log_counts_what_was_logged_since_the_mark(tmp_path):
    log = tmp_path / "access.log"
    log.write_text('200 100 400 "/"\n200 2000 2300 "/assets/x.css"\n', encoding="utf-8")
    access = browser.AccessLog(tmp_path)
    access.mark()
    with log.open("a", encoding="utf-8") as handle:
        handle.write('200 5000 5400 "/pagefind/pagefind.js"\n304 0 250 "/om/"\n')
    rows = access.since()
    assert [r.uri for r in rows] == ["/pagefind/pagefind.js", "/om/"]
    assert browser.total_kb(rows) == round((5400 + 250) / 1024, 1)
    assert access.since() == []  # nothing new


def test_search_requests_are_sorted_by_kind():
    rows = [
        Served(200, 1, 1024, "/pagefind/pagefind.js"),
        Served(200, 1, 2048, "/pagefind/pagefind-worker.js"),
        Served(200, 1, 1024, "/pagefind/wasm.nb.pagefind"),
        Served(200, 1, 1024, "/pagefind/pagefind-entry.json?ts=1"),
        Served(200, 1, 512, "/pagefind/index/nb_1.pf_index"),
        Served(200, 1, 512, "/pagefind/index/nb_2.pf_index"),
        Served(200, 1, 1024, "/pagefind/fragment/nb_3.pf_fragment"),
        Served(200, 1, 1024, "/pagefind/pagefind.nb_ab.pf_meta"),
    ]
    assert browser.breakdown(rows) == {
        "entry": 1.0,
        "fragments": 1.0,
        "index chunks": 1.0,
        "metadata": 1.0,
        "script": 1.0,
        "wasm": 1.0,
        "worker": 2.0,
    }


def test_queries_are_read_in_both_formats(tmp_path):
    flat = tmp_path / "flat.yml"
    flat.write_text("queries:\n  - {q: tolk}\n  - {q: interpreter, lang: en}\n", encoding="utf-8")
    groups = tmp_path / "groups.yml"
    groups.write_text(
        "groups:\n  - id: a\n    lang: ar\n    queries:\n      - {q: مترجم}\n  - id: b\n    queries:\n"
        "      - {q: hjemmebesøk}\n      - {q: hva gjør jeg når foreldrene ikke kommer}\n",
        encoding="utf-8",
    )
    assert browser.load_queries(flat) == {"nb": ["tolk"], "en": ["interpreter"]}
    found = browser.load_queries(groups)
    assert found == {"ar": ["مترجم"], "nb": ["hjemmebesøk", "hva gjør jeg når foreldrene ikke kommer"]}
    assert browser.cold_query(["hva gjør jeg når foreldrene ikke kommer", "hjemmebesøk"]) == "hjemmebesøk"


def test_the_real_query_set_has_norwegian_and_parent_language_queries():
    found = browser.load_queries(ROOT / "tests" / "search_queries.yml")
    assert len(found["nb"]) >= 20 and found.get("ar")


# ---- the build's output -----------------------------------------------------------------------------
OUTPUT = """INFO    -  handbook: 'ti' rendered (0.5 s)
INFO    -  handbook: time per stage
  checks: data, pages                   1.69 s
  render nb                             8.12 s
  checks: text (wait)                   0.10 s
  render en                             0.77 s
  PDFs: checklists                      0.19 s
  checks: built site                    0.62 s
  search index (wait)                   0.31 s
  total                                11.80 s
INFO    -  Documentation built in 11.40 seconds
"""


def test_stages_are_read_from_the_build_output():
    stages = builds.parse_stages(OUTPUT)
    assert stages == {
        "checks: data, pages": 1.69,
        "render nb": 8.12,
        "checks: text (wait)": 0.10,
        "render en": 0.77,
        "PDFs: checklists": 0.19,
        "checks: built site": 0.62,
        "search index (wait)": 0.31,
    }
    grouped = builds.group_stages(stages)
    assert grouped["checks"] == pytest.approx(2.41) and grouped["MkDocs, other languages"] == 0.77
    assert grouped["search index"] == 0.31 and grouped["sitemap, feed, addresses, offline copies"] == 0
    assert builds.parse_stages("no table here") == {}


def test_the_build_child_reports_its_own_memory_not_its_helpers(tmp_path):
    """The child's peak is its own (RUSAGE_SELF); a big helper shows apart, as the helper's."""
    script = builds.CHILD.replace(
        'runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)',
        'import subprocess; subprocess.run([sys.executable, "-c", "x = bytearray(300 * 1024 * 1024)"])',
    )
    out = tmp_path / "report.json"
    subprocess.run([sys.executable, "-c", script, str(out)], check=True)
    import json

    child = json.loads(out.read_text())
    assert child["helpers_peak_kb"] > 300 * 1024 > child["peak_kb"]


def test_plain_config_drops_the_handbook_and_keeps_the_content(project):
    from handbook.cli import mkdocs_config

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = builds.plain_config(text, project, mkdocs_config(ROOT).nav)
    assert "- handbook:" not in plain and "custom_dir" not in plain and "extra_javascript" not in plain
    assert "strict: false" in plain and "pymdownx.superfences" in plain and "navigation.prune" in plain
    plugins = yaml.safe_load(plain[builds.top_level_block(plain, "plugins")[0] :])["plugins"]
    assert plugins[0] == "search"
    languages = plugins[1]["i18n"]["languages"]
    assert [lang["locale"] for lang in languages] == [lang.code for lang in project.languages if len(lang.code) == 2]
    arabic = next(lang for lang in languages if lang["locale"] == "ar")
    assert "foreldre/tolk.md" in arabic["nav"] and "veiledning/hjemmebesok.md" not in arabic["nav"]


# ---- the table ---------------------------------------------------------------------------------------
def results(**changes) -> dict:
    build = {
        "seconds": 10.0,
        "cpu_seconds": 9.0,
        "peak_mb": 120,
        "helpers_peak_mb": 40,
        "stages": {"render nb": 5.0},
        "runs_seconds": [10.0, 11.0, 12.0],
    }
    found = {
        "started": "2026-12-03T18:00:00",
        "runs": 3,
        "typing_delay_ms": 100,
        "machine": {
            "cpus": 2,
            "load_at_start": [1.0],
            "load_at_end": [1.2],
            "python": "3.11.7",
            "mkdocs": "1.6.1",
            "mkdocs-material": "9.8.1",
        },
        "targets": {"warm_over_plain": 1.6, "page_edit_seconds": 2.0, "cold_search_ms": 150.0, "first_query_kb": 150.0},
        "build": {
            "plain": {**build, "seconds": 8.0, "cpu_seconds": 7.0},
            "warm": {**build, "over_plain": 1.25, "cpu_over_plain": 1.29},
            "cold_pdfs": {**build, "seconds": 30.0, "over_plain": 3.75, "cpu_over_plain": 4.0},
            "no_pdfs": {**build, "over_plain": 1.25, "cpu_over_plain": 1.29},
            "no_checks": {**build, "seconds": 8.5, "over_plain": 1.06, "cpu_over_plain": 1.1},
            "first": {**build, "seconds": 60.0, "over_plain": 7.5},
            "checks_cost": {"seconds": 1.5, "cpu_seconds": 1.2, "ratio": 1.18},
            "pages": {"built": 190, "plain_built": 183, "nb": 86},
        },
        "synthetic": [
            {
                "scale": 4,
                "nb_pages": 322,
                "built_pages": 760,
                "warm": {**build, "seconds": 37.0, "cpu_seconds": 37.0},
                "over_plain": 1.3,
                "plain": {**build, "runs_seconds": [30.0]},
                "first": {**build, "seconds": 200.0},
            }
        ],
        "writer": {
            "page_edit_seconds": [1.4, 2.5, None],
            "page_edit_best": 1.4,
            "data_edit_seconds": [4.0],
            "data_edit_best": 4.0,
            "broken_edit_seconds": [1.5],
            "broken_edit_best": 1.5,
            "repair_seconds": [1.4],
            "repair_best": 1.4,
            "first_page_seconds": 20.0,
        },
        "search": {
            "nb": {
                "cold_query": "tolk",
                "first_query_kb": 172.0,
                "first_query_requests": 16,
                "cold_ms": 80.0,
                "warm_median_ms": 60.0,
                "warm_p90_ms": 90.0,
                "warm_queries": 40,
                "first_query_breakdown_kb": {"wasm": 70.0, "fragments": 40.0},
            }
        },
        "page_weight": {"home": {"first_kb": 80.0, "first_requests": 10, "second_kb": 7.0, "second_requests": 1}},
        "stock_page_weight": {"home": {"first_kb": 320.0, "first_requests": 11, "second_kb": 10.0, "second_requests": 7}},
    }
    found.update(changes)
    return found


def test_the_table_shows_every_part_with_ratios_and_targets():
    text = report.table(results())
    assert "| Full build, no checklist changed (PDFs from the cache) | 10.0 s | 9.0 s | 1.25× | 1.29× |" in text
    assert "≤ 1.6× ✓" in text
    assert "| Plain MkDocs + Material, same tree | 8.0 s |" in text
    assert "Growth: 4.0× pages → 3.7× time (CPU 4.1×)." in text
    assert "| A sentence added to a Norwegian page | 1.4 s | 1.4, 2.5, timed out | ≤ 2 s ✓ |" in text
    assert "| home | 80.0 KB | 10 | 7.0 KB | 1 | 320.0 KB | 0.25× | 10.0 KB |" in text
    assert "first-query bytes ≤ 150 KB ✗" in text and "cold first search ≤ 150 ms ✓" in text
    assert "best of 3" in text
    assert "| The checks' own cost (without PDFs: on − off) | +1.5 s | +1.2 s | 1.18× of off |" in text


def test_a_negative_difference_is_written_with_a_minus():
    assert report.signed_seconds(-0.1) == "−0.10 s" and report.signed_seconds(0.42) == "+0.42 s"


def test_the_table_says_when_a_target_is_missed():
    slow = results()
    slow["build"]["warm"] = {**slow["build"]["warm"], "over_plain": 1.9}
    slow["writer"] = {**slow["writer"], "page_edit_best": 2.6}
    text = report.table(slow)
    assert "≤ 1.6× ✗" in text and "≤ 2 s ✗" in text
    assert report.verdict(None, 2.0) == "✗ (not measured)"


def test_a_quick_run_says_it_is_one_run():
    text = report.table(results(runs=1, synthetic=[]))
    assert "One run of everything (--quick)" in text and "Synthetic handbook" not in text


def test_a_run_of_the_synthetic_handbook_alone_prints_its_table():
    """`handbook bench --only synthetic` has no real-handbook build: the scales still show."""
    alone = results(build=None, writer=None, search=None, page_weight=None, stock_page_weight=None)
    bigger = {
        **alone["synthetic"][0],
        "scale": 16,
        "built_pages": 3040,
        "warm": {**alone["synthetic"][0]["warm"], "seconds": 185.0},
    }
    alone["synthetic"].append(bigger)
    text = report.table(alone)
    assert "| 4× | 322 | 760 | 37.0 s |" in text and "| 16× | 322 | 3040 | 185.0 s |" in text
    assert "Growth (against 4×): 4.0× pages → 5.0× time" in text
    assert "1× (real)" not in text


def test_the_table_shows_how_the_query_set_was_answered():
    """Issue 15: the share of queries that needed the relaxed search or a typing correction."""
    stages = {
        "nb": {"queries": 100, "relaxed_share": 0.4, "corrected_share": 0.1},
        "ar": {"queries": 50, "relaxed_share": 0.1, "corrected_share": 0.04},
    }
    text = report.table(results(search_stages=stages))
    assert "| nb | 100 | 40% | 10% |" in text and "| ar | 50 | 10% | 4% |" in text
    assert "| **all** | 150 | 30% | 8% |" in text
    assert "How the search answered" not in report.table(results())
