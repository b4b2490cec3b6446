"""Law references: the registry, the one way to write a reference, and what the build rejects."""

import re

import pytest
from conftest import messages
from conftest import render as render_markdown

from handbook import law


@pytest.fixture(scope="module")
def laws(project):
    registry = law.registry(project)
    assert registry.problems == []
    return registry


@pytest.fixture(scope="module")
def render(markdown_factory, project):
    """Render text on a teacher page as the build does (the registry is the real one)."""

    def run(laws, text):
        html, found = render_markdown(markdown_factory, project, text, uri="x.md", meta={"sources": []})
        assert found.problems == []
        return html.removeprefix("<p>").removesuffix("</p>")

    return run


def test_a_current_verified_reference_links_to_lovdata_with_its_title(laws, render):
    out = render(laws, "Se [§ opplaringslova 10-3].")
    assert 'href="https://lovdata.no/lov/2023-06-09-30/§10-3"' in out
    provision = laws.provisions["opplaringslova 10-3"]
    checked = law.format_date(provision.data["verification"]["date"], "nb")
    assert f'title="opplæringslova § 10-3: {provision.title} (kontrollert {checked})"' in out
    assert ">opplæringslova § 10-3<" in out and f"({provision.title})" in out  # accessible text
    assert "ikke verifisert" not in out


def test_a_chapter_links_to_the_whole_text(laws, render):
    out = render(laws, "[§ opplaringslova kap. 12]")
    assert "kapittel 12" in out and 'href="https://lovdata.no/dokument/NL/lov/2023-06-09-30"' in out


def test_a_repealed_reference_shows_its_successor(laws, render):
    out = render(laws, "[§ opplaringslova-1998 13-3d]")
    assert "§ 13-3d (1998-loven" in out and ", nå " in out and "opplæringslova § 10-3" in out
    text = re.sub(r"<[^>]+>", "", out)
    assert re.search(r"§ 13-3d \(1998-loven.*, nå opplæringslova § 10-3", text)


def test_an_unverified_reference_carries_a_visible_mark_linking_to_the_explanation(laws, render):
    out = render(laws, "[§ barnelova 47]")  # the one provision of a law in force we could not read
    assert 'class="hb-unverified" href="../lov/ikke-verifisert/#lov-barnelova-47">ikke verifisert</a>' in out


def test_a_repealed_reference_with_several_successors_names_them_all(laws, render):
    out = render(laws, "[§ forskrift-2006 20-3]")
    text = re.sub(r"<[^>]+>", "", out)
    assert re.search(r"§ 20-3 \(2006-forskriften.*, nå opplæringsforskrifta § 11-1 .* og opplæringslova § 10-8 ", text)
    assert "ikke verifisert" in text  # the old wording was not read


def test_a_repealed_reference_without_a_successor_says_so(laws, render):
    text = re.sub(r"<[^>]+>", "", render(laws, "[§ forskrift-2006 20-1]"))
    assert "§ 20-1 (2006-forskriften" in text and "ingen direkte etterfølger" in text


def test_an_unchecked_heading_is_shown_as_unchecked(laws, render):
    out = render(laws, "[§ tolkeloven 7]")
    assert "Kvalifisert tolk (overskrift ikke kontrollert)" in out
    assert "ikke verifisert" not in re.sub(r"<[^>]+>", "", out).replace("overskrift ikke kontrollert", "")


def test_the_changes_table_says_the_same_two_things_on_every_row(laws):
    rows = [line for line in law.changes_table(laws).splitlines()[2:] if line.startswith("|")]
    for row in rows:
        sure = row.rstrip(" |").rsplit("|", 1)[1].strip()
        assert re.fullmatch(
            r"gammel: (ikke )?verifisert(, overskrift ikke kontrollert)?; "
            r"ny: ((ikke )?verifisert(, en del uten etterfølger)?|ingen etterfølger|ukjent)",
            sure,
        ), row


def test_at_most_one_provision_of_a_law_in_force_is_unverified(laws):
    unverified = [p.key for p in laws.provisions.values() if not p.law.repealed and not p.verified]
    assert len(unverified) <= 1, unverified
    for key in unverified:
        assert laws.provisions[key].data["verification"]["checked_against"]


def test_the_registry_accepts_a_list_of_successors_and_an_explicit_no_successor(project_copy):
    registry = project_copy / "data" / "law.yml"
    text = registry.read_text().replace(
        "    successor: opplaringslova 24-3\n", "    no_successor: ingenting av dette er videreført i dag.\n"
    )
    registry.write_text(text)
    problems = page_with(project_copy, "Kilden viser til [§ opplaringslova-1998 15-3].")
    assert not any("15-3" in p for p in problems), problems


def test_an_escaped_paragraph_sign_is_a_plain_mention(laws, render):
    assert render(laws, r"tegnet \§ brukes") == "tegnet § brukes"


def test_the_changes_table_is_the_registry(laws):
    table = law.changes_table(laws)
    repealed = [p for p in laws.provisions.values() if p.law.repealed]
    rows = [line for line in table.splitlines()[2:] if line.startswith("|")]
    assert len(rows) == len(repealed)
    for provision, row in zip(repealed, rows):
        assert provision.label.replace("§", "\\§") in row and provision.url in row
        successor = laws.successor(provision)
        if isinstance(successor, law.Provision):
            assert f"[§ {successor.law.id} {successor.ref}]" in row


def page_with(project_copy, body_line):
    page = project_copy / "docs" / "nb" / "om" / "personvern.md"
    page.write_text(page.read_text() + "\n" + body_line + "\n")
    return messages(project_copy, only={"docs/nb/om/personvern.md"}, text=False)


def test_a_plain_paragraph_sign_stops_the_build(project_copy):
    problems = page_with(project_copy, "Etter opplæringslova § 10-3 skal skolen samarbeide.")
    assert any("docs/nb/om/personvern.md:" in p and "plain '§'" in p and "[§ opplaringslova 10-3]" in p for p in problems)


def test_an_unknown_reference_stops_the_build(project_copy):
    problems = page_with(project_copy, "Se [§ opplaringslova 99-9].")
    assert any("unknown law reference [§ opplaringslova 99-9]" in p for p in problems)


def test_a_repealed_reference_without_a_successor_stops_the_build(project_copy):
    registry = project_copy / "data" / "law.yml"
    text = registry.read_text()
    text = text.replace(
        """    title: Opplysningsplikt til barneverntenesta
    successor: opplaringslova 24-3""",
        """    title: Opplysningsplikt til barneverntenesta
    successor_note: ikke kjent""",
    )
    registry.write_text(text)
    problems = page_with(project_copy, "Kilden viser til [§ opplaringslova-1998 15-3].")
    assert any("repealed provision with no known successor" in p and "personvern.md" in p for p in problems)


def test_the_registry_rejects_a_repealed_entry_that_names_nothing(project_copy):
    registry = project_copy / "data" / "law.yml"
    registry.write_text(registry.read_text().replace("    successor: opplaringslova 24-3\n", ""))
    problems = messages(project_copy, markdown=False, text=False)
    assert any(p.startswith("data/law.yml:") and "names no successor" in p for p in problems)


def test_a_law_id_used_twice_is_reported_at_its_second_entry(project_copy):
    registry = project_copy / "data" / "law.yml"
    text = registry.read_text()
    registry.write_text(text.replace("  - id: opplaringsforskrifta\n", "  - id: opplaringslova\n", 1))
    line = text.splitlines().index("  - id: opplaringsforskrifta") + 1
    problems = messages(project_copy, markdown=False, text=False)
    assert f"data/law.yml:{line}: the law id 'opplaringslova' is used twice — give each law its own id" in problems


# Wording that states a legal duty or right (not "a piece of advice, not a duty").
DUTY = re.compile(
    r"\b(har|med|en|sin|skolens|lærerens|foreldrenes)\s+\w*plikt\w*|\b\w*plikt\w*\s+til\b|\blovpålagt\w*"
    r"|\bhar\s+rett\s+til\b|\bskal\s+samarbeide\b|\bikke\s+bindende\b",
    re.IGNORECASE,
)


def test_every_guidance_page_that_speaks_of_a_duty_refers_to_the_law(project):
    from handbook.markdown_ext import LAW_REFERENCE
    from handbook.text import reader_text

    missing = []
    for page in project.pages["nb"].values():
        if not page.uri.startswith(("veiledning/", "skoleledelse/", "foreldre/", "lov/")):
            continue
        if DUTY.search(reader_text(page)) and not LAW_REFERENCE.search(page.body):
            missing.append(page.uri)
    assert missing == [], f"pages that mention a duty or a right without a law reference: {missing}"


def test_no_page_cites_the_1998_act_as_current(project, laws):
    from handbook.markdown_ext import LAW_REFERENCE, parse_law_reference

    for page in project.all_pages():
        for match in LAW_REFERENCE.finditer(page.body):
            provision = laws.resolve(*parse_law_reference(match.group("inner")))
            assert provision is not None, f"{page.label}: {match.group(0)}"
            if provision.law.repealed:
                assert laws.accounted_for(provision), f"{page.label}: {match.group(0)}"


def test_every_provision_in_the_registry_links_to_lovdata(laws):
    for provision in laws.provisions.values():
        assert provision.url.startswith("https://lovdata.no/"), provision.key


def test_the_report_lists_unverified_and_stale_references(laws):
    import datetime as dt

    today = dt.date(2026, 11, 22)
    lines = law.report(laws, today)
    unverified = [p for p in laws.provisions.values() if not p.verified]
    assert len([line for line in lines if line.startswith("UNVERIFIED")]) == len(unverified)
    later = law.report(laws, today + dt.timedelta(days=400))
    assert any(line.startswith("STALE") for line in later)


def test_every_law_page_says_it_is_not_legal_advice_and_when_references_were_checked(project, built_site, laws):
    for uri in project.pages["nb"]:
        if not uri.startswith("lov/"):
            continue
        address = uri[: -len("index.md")] if uri.endswith("index.md") else uri[:-3] + "/"
        html = (built_site / address / "index.html").read_text()
        notice = html[html.index("hb-notice--law") :][:1500]
        assert "ikke juridisk rådgivning" in notice, uri
        assert "sist kontrollert" in notice, uri


def test_each_reference_shows_when_it_was_checked(laws, render):
    out = render(laws, "[§ opplaringslova 10-3]")
    checked = laws.provisions["opplaringslova 10-3"].data["verification"]["date"]
    assert f"(kontrollert {law.format_date(checked, 'nb')})" in out
