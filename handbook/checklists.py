"""Checklists: written once in a page's front matter (``checklist:``), rendered as an
accessible list of checkboxes that remembers ticks on the device only, printed on A4,
and made into a PDF per language.

Item ids are the anchors of the items (``…/utviklingssamtale/#send-invitasjon``) and the
keys of the ticks in localStorage; they never change, also when items are reordered
(:mod:`handbook.published` keeps the ids that have been published).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from .headings import headings
from .markdown_ext import CITATION, LAW_REFERENCE
from .problems import Problem
from .project import DocPage, Project

MAX_WORDS = 25
STORAGE_PREFIX = "skole-hjem-sjekkliste"
REF = re.compile(CITATION.pattern + "|" + LAW_REFERENCE.pattern)


@dataclass
class Item:
    id: str
    text: str
    why: str
    ref: str | None
    line: int


@dataclass
class Section:
    id: str
    title: str
    items: list[Item]
    line: int
    basis: list[str] = field(default_factory=list)  # what the items rest on (handbook.basis)


@dataclass
class Checklist:
    page: DocPage
    situation: str
    sections: list[Section]

    @property
    def id(self) -> str:
        """Stable id from the page path: sjekklister/tolk.md -> 'tolk', foreldre/x.md -> 'foreldre-x'."""
        stem = self.page.uri[:-3]
        return stem.split("/", 1)[1].replace("/", "-") if stem.startswith("sjekklister/") else stem.replace("/", "-")

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def pdf_name(self, lang: str) -> str:
        return f"sjekkliste-{self.id}-{lang}.pdf"


def load(page: DocPage) -> Checklist | None:
    data = page.meta.get("checklist")
    if not data:
        return None
    lines = page.meta["_lines"]
    sections = []
    for s_index, section in enumerate(data["sections"]):
        items = [
            Item(
                item["id"],
                item["text"],
                item["why"],
                item.get("ref"),
                lines.get(("checklist", "sections", s_index, "items", i_index, "text"), 1),
            )
            for i_index, item in enumerate(section["items"])
        ]
        sections.append(
            Section(
                section["id"],
                section["title"],
                items,
                lines.get(("checklist", "sections", s_index), 1),
                list(section.get("basis", [])),
            )
        )
    return Checklist(page, data["situation"], sections)


def all_checklists(project: Project, lang: str | None = None) -> list[Checklist]:
    lang = lang or project.source_language.code
    found = [load(page) for page in project.pages.get(lang, {}).values()]
    return sorted((c for c in found if c), key=lambda c: c.page.uri)


def words(text: str) -> int:
    return len(REF.sub(" ", text).split())


def check_checklist(checklist: Checklist) -> list[Problem]:
    page = checklist.page
    problems = []
    line = page.meta["_lines"].get(("checklist",), 1)
    if not checklist.items:
        problems.append(Problem(page.label, line, "the checklist has no items", "add items under checklist.sections[].items"))
    seen: dict[str, int] = {}
    heading_ids = {anchor for _, _, _, anchor in headings(page) if anchor}
    for section in checklist.sections:
        if not section.items:
            problems.append(
                Problem(
                    page.label, section.line, f"the section '{section.title}' has no items", "add items or remove the section"
                )
            )
        for anchor, where in [(section.id, section.line)] + [(item.id, item.line) for item in section.items]:
            if anchor in seen:
                problems.append(
                    Problem(
                        page.label,
                        where,
                        f"the id '{anchor}' is used twice in the checklist (also line {seen[anchor]})",
                        "give every section and item its own id (ids are anchors and keys for the ticks)",
                    )
                )
            elif anchor in heading_ids:
                problems.append(
                    Problem(page.label, where, f"the id '{anchor}' is also a heading id on the page", "choose another id")
                )
            seen.setdefault(anchor, where)
        for item in section.items:
            count = words(item.text)
            if count > MAX_WORDS:
                problems.append(
                    Problem(
                        page.label,
                        item.line,
                        f"the item '{item.id}' has {count} words (at most {MAX_WORDS})",
                        "shorten it; put the explanation in 'why'",
                    )
                )
    if not any(item.ref for item in checklist.items):
        problems.append(
            Problem(
                page.label,
                line,
                "the checklist has no source or law reference",
                'give at least one item a \'ref\' such as "[@ta-grep, «Foreldremøter»]" or "[§ opplaringslova 10-3]"',
            )
        )
    return problems


def check_project(project: Project) -> list[Problem]:
    problems = []
    for page in project.all_pages():
        checklist = load(page)
        if checklist:
            problems += check_checklist(checklist)
    return problems


# ---- rendering ----------------------------------------------------------------------------------
def render(checklist: Checklist, ui: dict, pdf_href: str | None) -> str:
    """The checklist as HTML (with Markdown inside, for citations and law references). Each
    section heading carries its basis, which handbook.basis checks and shows."""
    cid = checklist.id
    total = len(checklist.items)
    out = [
        f'<div class="hb-checklist" data-checklist="{STORAGE_PREFIX}:{cid}" '
        f'data-progress="{html.escape(ui["checklist_progress"])}" data-cleared="{html.escape(ui["checklist_cleared"])}" markdown>'
    ]
    out.append('<div class="hb-checklist__tools" markdown>')
    out.append(f'<p class="hb-checklist__note">{html.escape(ui["checklist_device_note"])}</p>')
    out.append(
        f'<p class="hb-checklist__progress" aria-live="polite" hidden>{html.escape(ui["checklist_progress"].replace("{done}", "0").replace("{total}", str(total)))}</p>'
    )
    buttons = [
        f'<button type="button" class="md-button hb-checklist__reset" hidden>{html.escape(ui["checklist_reset"])}</button>',
        f'<button type="button" class="md-button hb-checklist__print" hidden>{html.escape(ui["checklist_print"])}</button>',
    ]
    if pdf_href:
        buttons.append(
            f'<a class="md-button hb-checklist__pdf" href="{html.escape(pdf_href)}" download>{html.escape(ui["checklist_pdf"])}</a>'
        )
    out.append('<p class="hb-checklist__buttons">' + " ".join(buttons) + "</p>")
    # «Fjern alle kryss» can be undone: checklist.js says what happened here and offers «Angre»
    out.append(
        '<p class="hb-checklist__undo"><span class="hb-checklist__status" role="status"></span> '
        f'<button type="button" class="md-button hb-checklist__undo-button" hidden>{html.escape(ui["checklist_undo"])}</button></p>'
    )
    out.append("</div>")
    out.append(
        f'<p class="hb-checklist__fill">{html.escape(ui["checklist_date"])}: <span></span> '
        f"{html.escape(ui['checklist_name'])}: <span></span></p>"
    )
    for section in checklist.sections:
        out.append("")
        basis = f' basis="{" ".join(section.basis)}"' if section.basis else ""
        out.append(f"## {section.title} {{#{section.id}{basis}}}")
        out.append("")
        out.append('<ul class="hb-checklist__items" markdown="block">')
        for item in section.items:
            box = f"hb-{cid}-{item.id}"
            ref = f" {item.ref}" if item.ref else ""
            # the item's text, reason and reference are Markdown (citations, law references);
            # the reason is the checkbox's description: screen readers read it after the label
            out.append(
                f'<li class="hb-checklist__item" id="{item.id}" markdown="span">'
                f'<input type="checkbox" id="{box}" data-item="{item.id}" aria-describedby="{box}-why">'
                f'<label for="{box}">{item.text}</label>'
                f'<span class="hb-checklist__why" id="{box}-why">'
                f'<span class="hb-checklist__why-label">{html.escape(ui["checklist_why"])}:</span> {item.why}{ref}</span>'
                f"</li>"
            )
        out.append("</ul>")
    out.append("</div>")
    return "\n".join(out) + "\n"
