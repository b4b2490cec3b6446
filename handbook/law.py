"""Law references: the registry in data/law.yml, the one way pages refer to the law, and
the pages generated from the registry.

A page writes a reference as ``[§ opplaringslova 10-3]`` or ``[§ opplaringslova kap. 12]``.
The build renders it with the official title (tooltip and accessible text) and a link to
Lovdata. A provision of a repealed law renders with its successor; an unverified one
carries a visible «ikke verifisert» mark. Every other ``§`` in page text stops the build,
unless written ``\\§`` (a plain mention that is deliberately not a reference).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.util import AtomicString

from .dates import long_date
from .problems import Problem
from .project import Project
from .yamldata import Record, records_by_id

UNVERIFIED_PAGE = "lov/ikke-verifisert.md"
STALE_AFTER_DAYS = 365
UNCHECKED_TITLE = "overskrift ikke kontrollert"


def normalise_ref(ref: str) -> str:
    ref = re.sub(r"\s+", " ", ref.strip())
    match = re.fullmatch(r"kap\.\s*(\d+)\s?([A-Z]?)", ref)
    if match:
        return f"kap. {match.group(1)}" + (f" {match.group(2)}" if match.group(2) else "")
    return ref


class Law(Record):
    @property
    def short(self) -> str:
        return self.data["short"]

    @property
    def repealed(self) -> bool:
        return self.data["status"] == "repealed"


@dataclass
class Provision:
    data: dict
    law: Law
    line: int

    @property
    def key(self) -> str:
        return f"{self.law.id} {self.ref}"

    @property
    def ref(self) -> str:
        return normalise_ref(self.data["ref"])

    @property
    def anchor(self) -> str:
        return "lov-" + re.sub(r"[^a-z0-9]+", "-", self.key.lower()).strip("-")

    @property
    def is_chapter(self) -> bool:
        return self.ref.startswith("kap.")

    @property
    def verified(self) -> bool:
        return self.data["verification"]["status"] == "verified"

    @property
    def title_checked(self) -> bool:
        return self.data.get("title_verified", True) is not False

    @property
    def title(self) -> str:
        """The heading as shown: an unchecked heading says so, visibly."""
        title = self.data["title"]
        return title if self.title_checked else f"{title} ({UNCHECKED_TITLE})"

    @property
    def successor_keys(self) -> list[str]:
        """What replaced a repealed provision: one id, or several when its rules were spread out."""
        value = self.data.get("successor") or []
        return [value] if isinstance(value, str) else list(value)

    @property
    def label(self) -> str:
        """'§ 10-3' or 'kapittel 12'."""
        return "kapittel " + self.ref[len("kap. ") :] if self.is_chapter else f"§ {self.ref}"

    @property
    def citation(self) -> str:
        """'opplæringslova § 10-3'."""
        return f"{self.law.short} {self.label}"

    @property
    def url(self) -> str:
        if self.data.get("url"):
            return self.data["url"]
        base = self.law.data["lovdata"].rstrip("/")
        if self.law.data.get("paragraph_links") is False:
            return base
        if self.is_chapter:
            # Lovdata's chapter anchors do not follow chapter numbers: link the whole text
            return self.law.data.get("text_url", base)
        return f"{base}/§{self.ref}"


@dataclass
class LawRegistry:
    laws: dict[str, Law] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, project: Project) -> LawRegistry:
        located, problems, label = project.read_data("law")
        reg = cls(problems=problems)
        if located is None:
            return reg
        reg.laws, duplicates = records_by_id(located, "laws", label, "law", Law)
        reg.problems += duplicates
        for index, entry in enumerate(located.data["provisions"]):
            line = located.line_of(("provisions", index))
            law = reg.laws.get(entry["law"])
            if law is None:
                reg.problems.append(Problem(label, line, f"unknown law '{entry['law']}'", "use a law id from the 'laws:' list"))
                continue
            provision = Provision(entry, law, line)
            if provision.key in reg.provisions:
                reg.problems.append(Problem(label, line, f"'{provision.key}' is listed twice", "keep one entry"))
            reg.provisions[provision.key] = provision
        for provision in reg.provisions.values():
            keys = provision.successor_keys
            if (
                provision.law.repealed
                and not keys
                and not provision.data.get("successor_note")
                and not provision.data.get("no_successor")
            ):
                reg.problems.append(
                    Problem(
                        label,
                        provision.line,
                        f"'{provision.key}' is repealed but names no successor",
                        "add 'successor:' (one id or a list), 'no_successor:' saying what was not continued, "
                        "or, if it is unknown, a 'successor_note:' saying so",
                    )
                )
            for key in keys:
                if key not in reg.provisions and key not in reg.laws:
                    reg.problems.append(
                        Problem(
                            label,
                            provision.line,
                            f"the successor '{key}' of '{provision.key}' is not in the registry",
                            "add the successor as a provision, or point to a law id",
                        )
                    )
            if not provision.law.repealed and (keys or provision.data.get("no_successor")):
                reg.problems.append(
                    Problem(
                        label,
                        provision.line,
                        f"'{provision.key}' belongs to a law in force but has a successor",
                        "only provisions of repealed laws have successors",
                    )
                )
        return reg

    def resolve(self, law: str, ref: str) -> Provision | None:
        return self.provisions.get(f"{law} {normalise_ref(ref)}")

    def successors(self, provision: Provision) -> list[Provision | Law]:
        return [self.provisions.get(key) or self.laws[key] for key in provision.successor_keys]

    def successor(self, provision: Provision) -> Provision | Law | None:
        """The first successor (the main one), or None."""
        found = self.successors(provision)
        return found[0] if found else None

    def accounted_for(self, provision: Provision) -> bool:
        """A repealed provision may be cited when we know what replaced it, or know that nothing did."""
        return bool(provision.successor_keys or provision.data.get("no_successor"))


def registry(project: Project) -> LawRegistry:
    return project.memo("law", lambda: LawRegistry.load(project))


# ---- rendering (called by the Markdown extension, handbook.markdown_ext) -----------------------
def _link(provision: Provision, context, text: str | None = None) -> etree.Element:
    """<a> to Lovdata with the official title; teachers also see when it was checked."""
    title = f"{provision.citation}: {provision.title}"
    if not context.plain_law and provision.verified:
        checked = provision.data["verification"]["date"]
        title += f" ({context.ui['law_checked']} {format_date(checked, context.lang)})"
    link = etree.Element("a", {"class": "hb-law", "href": provision.url, "title": title})
    link.text = AtomicString(text or provision.citation)
    hidden = etree.SubElement(link, "span", {"class": "hb-visually-hidden"})
    hidden.text = AtomicString(f" ({provision.title})")
    return link


def render_reference(provision: Provision, laws: LawRegistry, context, unverified_href: str) -> etree.Element:
    """A reference as it appears in the page. In a translation, the Norwegian law name is
    marked as Norwegian and isolated from the surrounding text direction."""
    wrapper = etree.Element("span", {"class": "hb-law-ref"})
    if context.lang != context.source_lang:
        wrapper = etree.Element("bdi", {"class": "hb-law-ref", "lang": context.source_lang, "dir": "ltr"})
    if provision.law.repealed:
        old = provision.law.data.get("old_label", provision.law.short)
        outer = etree.SubElement(wrapper, "span", {"class": "hb-law-old"})
        outer.append(_link(provision, context, f"{provision.label} ({old}"))
        successors = laws.successors(provision)
        last = outer[-1]
        last.tail = AtomicString(f", {context.ui['law_now']} ")
        for index, successor in enumerate(successors):
            if isinstance(successor, Provision):
                outer.append(_link(successor, context))
            else:
                item = etree.SubElement(outer, "span")
                item.text = AtomicString(successor.short)
            if index < len(successors) - 2:
                outer[-1].tail = AtomicString(", ")
            elif index == len(successors) - 2:
                outer[-1].tail = AtomicString(" og ")
        if not successors:
            last.tail = AtomicString(f", {context.ui.get('law_no_successor', 'ingen direkte etterfølger')}")
        outer[-1].tail = (outer[-1].tail or "") + ")"
        uncertain = [p for p in [provision, *successors] if not isinstance(p, Provision) or not p.verified]
        if uncertain:
            first = uncertain[0] if isinstance(uncertain[0], Provision) else provision
            outer.tail = " "
            wrapper.append(_unverified_mark(first, context, unverified_href))
        return wrapper
    wrapper.append(_link(provision, context))
    if not provision.verified:  # said on every page, in the reader's language; dates only for teachers
        wrapper[-1].tail = " "
        wrapper.append(_unverified_mark(provision, context, unverified_href))
    return wrapper


def _unverified_mark(provision: Provision, context, href: str) -> etree.Element:
    mark = etree.Element("a", {"class": "hb-unverified", "href": f"{href}#{provision.anchor}"})
    mark.text = AtomicString(context.ui["law_unverified"])
    return mark


def plain(text: str) -> str:
    """Data text in generated Markdown: a '§' in it is a mention, not a reference."""
    return text.replace("§", "\\§")


def format_date(iso: str, lang: str) -> str:
    return long_date(iso, lang)


# ---- generated pages --------------------------------------------------------------------------
def _sure(provision: Provision) -> str:
    text = "verifisert" if provision.verified else "ikke verifisert"
    return text if provision.title_checked else f"{text}, {UNCHECKED_TITLE}"


def changes_table(laws: LawRegistry) -> str:
    """«Endringer fra 1. august 2024»: every repealed provision, what replaced it, and how sure each end is.

    «Sikkerhet» says the same two things on every row: «gammel: …» for the old provision and
    «ny: …» for what replaced it (verifisert only when every successor is a checked provision)."""
    rows = ["| Før 1. august 2024 | Nå | Sikkerhet |", "| --- | --- | --- |"]
    for provision in laws.provisions.values():
        if not provision.law.repealed:
            continue
        # the old end as a plain link: a reference would repeat the successors given in «Nå»
        label = plain(provision.label)
        old = f"[{label} ({provision.law.data.get('old_label', provision.law.short)})]({provision.url}) {plain(provision.title)}"
        successors = laws.successors(provision)
        parts = []
        for successor in successors:
            if isinstance(successor, Provision):
                parts.append(f"[§ {successor.law.id} {successor.ref}] {successor.title}")
            else:
                parts.append(f"{successor.short}: {plain(provision.data.get('successor_note', 'paragraf ikke fastslått'))}")
        if provision.data.get("no_successor"):
            parts.append(f"Uten etterfølger: {plain(provision.data['no_successor'])}")
        if not parts:
            parts.append(plain(provision.data.get("successor_note", "ukjent")))
        if successors:
            checked = all(isinstance(s, Provision) and s.verified for s in successors)
            new = "verifisert" if checked else "ikke verifisert"
            if provision.data.get("no_successor"):
                new += ", en del uten etterfølger"
        elif provision.data.get("no_successor"):
            new = "ingen etterfølger"
        else:
            new = "ukjent"
        rows.append(f"| {old} | {'<br>'.join(parts)} | gammel: {_sure(provision)}; ny: {new} |")
    return "\n".join(rows) + "\n"


def unverified_list(laws: LawRegistry) -> str:
    out = []
    for item in laws.laws.values():
        note = item.data.get("ref_note")
        if note:
            anchor = "lov-" + item.id
            status = "Lovdata-nummeret er ikke verifisert" if item.data.get("ref_verified") is False else "Merknad"
            out.append(f"### {item.short} ({item.data['ref']}) {{#{anchor}}}\n")
            out.append(f"*{status}:* {plain(note)}\n")
    for provision in laws.provisions.values():
        if provision.verified:
            continue
        v = provision.data["verification"]
        out.append(f"### {plain(provision.citation)} {plain(provision.title)} {{#{provision.anchor}}}\n")
        out.append(f"{plain(provision.data['summary'])}\n")
        if provision.data.get("note"):
            out.append(f"*Merknad:* {plain(provision.data['note'])}\n")
        out.append(f"*Hvorfor ikke verifisert:* {plain(v['checked_against'])} (sist forsøkt {long_date(v['date'])}).\n")
    return "\n".join(out) if out else "Alle lovhenvisningene i håndboka er verifisert.\n"


def report(laws: LawRegistry, today: dt.date) -> list[str]:
    """Lines for `make law-report`: unverified references and ones not checked for a year."""
    lines = []
    for provision in laws.provisions.values():
        v = provision.data["verification"]
        age = (today - dt.date.fromisoformat(v["date"])).days
        if v["status"] != "verified":
            lines.append(f"UNVERIFIED  {provision.key:<32} {provision.title} — {v['checked_against']}")
        elif age > STALE_AFTER_DAYS:
            lines.append(f"STALE       {provision.key:<32} last verified {v['date']} ({age} days ago)")
    return lines


def laws_report(laws: LawRegistry) -> list[str]:
    """Laws whose own id or future is uncertain (ref_verified: false, ref_note)."""
    lines = []
    for item in laws.laws.values():
        if item.data.get("ref_verified") is False:
            lines.append(
                f"UNVERIFIED  {item.data['ref']:<32} {item.short}: {item.data.get('ref_note', 'Lovdata id not checked')}"
            )
        elif item.data.get("ref_note"):
            lines.append(f"NOTE        {item.data['ref']:<32} {item.short}: {item.data['ref_note']}")
    return lines
