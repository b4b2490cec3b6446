"""Checklists: one structured source, stable item ids, and the rules the build enforces."""

import re

from conftest import messages

from handbook import checklists

UI = {
    "checklist_progress": "{done} av {total}",
    "checklist_reset": "Fjern",
    "checklist_print": "Skriv ut",
    "checklist_pdf": "PDF",
    "checklist_date": "Dato",
    "checklist_name": "Navn",
    "checklist_why": "Hvorfor",
    "checklist_device_note": "Lagres bare her.",
    "checklist_cleared": "Alle kryss er fjernet.",
    "checklist_undo": "Angre",
}


def check(root):
    return messages(root, markdown=False, text=False)


def test_there_are_at_least_eleven_teacher_checklists(project):
    teacher = [c for c in checklists.all_checklists(project) if c.page.uri.startswith("sjekklister/")]
    assert len(teacher) >= 11
    for checklist in teacher:
        assert len(checklist.items) >= 5 and checklist.page.meta["sources"]


def test_rendered_items_are_labelled_checkboxes_with_their_id_as_anchor(project):
    checklist = checklists.load(project.pages["nb"]["sjekklister/utviklingssamtale.md"])
    html = checklists.render(checklist, UI, "x.pdf")
    for item in checklist.items:
        assert f'<li class="hb-checklist__item" id="{item.id}"' in html
        box = f"hb-utviklingssamtale-{item.id}"
        assert f'<input type="checkbox" id="{box}" data-item="{item.id}" aria-describedby="{box}-why">' in html
        assert f'<span class="hb-checklist__why" id="{box}-why"' in html
        assert f'<label for="{box}"' in html
    assert 'data-checklist="skole-hjem-sjekkliste:utviklingssamtale"' in html
    assert 'href="x.pdf"' in html


def test_reordering_items_keeps_their_ids_and_the_render_follows_the_new_order(project):
    checklist = checklists.load(project.pages["nb"]["sjekklister/tolk.md"])
    before = [item.id for item in checklist.items]
    checklist.sections.reverse()
    for section in checklist.sections:
        section.items.reverse()
    rendered = re.findall(r'data-item="([^"]+)"', checklists.render(checklist, UI, None))
    assert rendered == list(reversed(before))  # the page shows the new order
    assert sorted(rendered) == sorted(before)  # and every tick key is still there


def edit(project_copy, old, new):
    path = project_copy / "docs/nb/sjekklister/tolk.md"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    return check(project_copy)


def first_item_id(project_copy):
    return re.search(r"- id: ([a-z0-9æøå-]+)\n\s+text:", (project_copy / "docs/nb/sjekklister/tolk.md").read_text()).group(1)


def test_a_duplicate_item_id_stops_the_build(project_copy):
    text = (project_copy / "docs/nb/sjekklister/tolk.md").read_text()
    ids = re.findall(r"- id: ([a-z0-9æøå-]+)\n\s+text:", text)
    problems = edit(project_copy, f"- id: {ids[1]}\n", f"- id: {ids[0]}\n")
    assert any("docs/nb/sjekklister/tolk.md:" in p and f"'{ids[0]}' is used twice" in p for p in problems)


def test_an_item_over_25_words_stops_the_build(project_copy):
    text = (project_copy / "docs/nb/sjekklister/tolk.md").read_text()
    first_text = re.search(r"\n\s+text: (.+)\n", text).group(1)
    long = " ".join(["ord"] * 26)
    problems = edit(project_copy, f"text: {first_text}\n", f"text: {long}\n")
    assert any("has 26 words (at most 25)" in p for p in problems)


def test_an_empty_checklist_stops_the_build(project_copy):
    path = project_copy / "docs/nb/sjekklister/tolk.md"
    text = path.read_text()
    head, rest = text.split("  sections:\n", 1)
    body = rest.split("\n---\n", 1)[1]
    path.write_text(head + "  sections:\n    - id: tom\n      title: Tom\n      basis: [forslag]\n      items: []\n---\n" + body)
    problems = check(project_copy)
    assert any("tolk.md" in p and "has no items" in p for p in problems)


def test_a_checklist_without_any_reference_stops_the_build(project_copy):
    path = project_copy / "docs/nb/sjekklister/tolk.md"
    lines = [line for line in path.read_text().split("\n") if not line.strip().startswith("ref:")]
    path.write_text("\n".join(lines))
    problems = check(project_copy)
    assert any("tolk.md" in p and "no source or law reference" in p for p in problems)
