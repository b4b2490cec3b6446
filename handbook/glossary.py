"""The glossary and term base (data/glossary.yml).

One entry per term renders three things: the Norwegian «Ordliste», the parents'
glossary in every language, and hover explanations of abbreviations on Norwegian
pages. For translators it is the term base: the agreed translation of each term.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from . import law, sources
from .problems import Problem
from .project import Project
from .yamldata import Record, records_by_id


class Term(Record):
    @property
    def term(self) -> str:
        return self.data["term"]

    def forms(self) -> list[str]:
        return [self.term] + list(self.data.get("forms", []))

    @cached_property
    def pattern(self) -> re.Pattern:
        alternatives = "|".join(re.escape(form) for form in sorted(self.forms(), key=len, reverse=True))
        return re.compile(rf"(?<![\wæøåÆØÅ])(?:{alternatives})(?![\wæøåÆØÅ])", re.IGNORECASE)

    def translation(self, lang: str) -> dict | None:
        return self.data.get("translations", {}).get(lang)


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, project: Project) -> "Glossary":
        located, problems, label = project.read_data("glossary")
        glossary = cls(problems=problems)
        if located is None:
            return glossary
        glossary.terms, duplicates = records_by_id(located, "terms", label, "term", Term)
        glossary.problems += duplicates
        laws, registry = law.registry(project), sources.registry(project)
        for term in glossary.terms.values():
            for related in term.data.get("related", []):
                if related not in glossary.terms:
                    glossary.problems.append(Problem(label, term.line, f"'{term.id}' is related to '{related}', which is not a term",
                                                     "use the id of a term in this file"))
            ref = term.data.get("ref", "")
            for match in law.LAW_REF.finditer(ref):
                if laws.resolve(match.group("law"), match.group("ref")) is None:
                    glossary.problems.append(Problem(label, term.line, f"unknown law reference {match.group(0)} in '{term.id}'",
                                                     "use a reference from data/law.yml"))
            for match in sources.CITATION.finditer(ref):
                for cite in sources.parse_citation(match.group("body")):
                    if cite.source_id not in registry.sources:
                        glossary.problems.append(Problem(label, term.line, f"unknown source '{cite.source_id}' in '{term.id}'",
                                                         "use an id from data/sources.yml"))
        return glossary

    def gaps(self, lang: str) -> list[str]:
        """Terms the term base has not translated into ``lang`` yet (reported, not fatal:
        a new language is translated step by step; the parents' glossary shows the
        Norwegian definition, marked as Norwegian, until then)."""
        missing = []
        for term in self.terms.values():
            translation = term.translation(lang)
            if translation is None or (term.data.get("parents") and not translation.get("definition")):
                missing.append(term.id)
        return missing

    def parent_terms(self) -> list[Term]:
        return [t for t in self.terms.values() if t.data.get("parents")]


def glossary(project: Project) -> Glossary:
    return project.memo("glossary", lambda: Glossary.load(project))


def check_project(project: Project) -> list[Problem]:
    return list(glossary(project).problems)


def sort_key(text: str) -> tuple:
    # Norwegian order: æ, ø, å after z
    order = {"æ": "{", "ø": "|", "å": "}"}
    folded = "".join(order.get(ch, ch) for ch in text.casefold())
    return (unicodedata.normalize("NFC", folded),)


def first_letter(text: str) -> str:
    letter = text[:1].upper()
    return letter if letter.isalpha() else "#"


# ---- rendering ---------------------------------------------------------------------------------
def abbreviations(project: Project) -> str:
    """Markdown abbreviation definitions (*[FAU]: …) for Norwegian pages."""
    lines = []
    for term in glossary(project).terms.values():
        expansion = term.data.get("expansion")
        if expansion:
            lines.append(f"*[{term.term}]: {expansion}")
    return "\n".join(lines)


def glossary_markdown(project: Project) -> str:
    """The Norwegian «Ordliste»: every term, grouped by first letter."""
    terms = sorted(glossary(project).terms.values(), key=lambda t: sort_key(t.term))
    out, letter = [], None
    for term in terms:
        if first_letter(term.term) != letter:
            letter = first_letter(term.term)
            anchor = {"Æ": "ae", "Ø": "oe", "Å": "aa"}.get(letter, letter.lower())
            out.append(f"\n## {letter} {{#bokstav-{anchor}}}\n")
        d = term.data
        title = term.term + (f" ({d['expansion']})" if d.get("expansion") else "")
        out.append(f"### {title} {{#{term.id}}}\n")
        out.append(d["definition"] + (f" {d['ref']}" if d.get("ref") else "") + "\n")
        if d.get("related"):
            related = ", ".join(f"[{glossary(project).terms[r].term}](#{r})" for r in d["related"])
            out.append(f"*Se også:* {related}\n")
    return "\n".join(out)


def parent_glossary_markdown(project: Project, lang: str) -> str:
    """The parents' glossary in one language, with the Norwegian word each time."""
    source = project.source_language.code
    terms = [t for t in glossary(project).parent_terms()]

    def label(term: Term) -> str:
        translation = term.translation(lang) if lang != source else None
        return translation["term"] if translation else term.term

    out = []
    for term in sorted(terms, key=lambda t: sort_key(label(t))):
        if lang == source:
            out.append(f"## {term.term} {{#{term.id}}}\n")  # right under the page's h1: no h3 without an h2
            out.append(term.data["definition"] + "\n")
            continue
        translation = term.translation(lang) or {}
        name = translation.get("term", term.term)
        norwegian = f'<span lang="{source}">{term.term}</span>'
        out.append(f"## {name} – {norwegian} {{#{term.id}}}\n")
        definition = translation.get("definition")
        out.append((definition if definition else f'<span lang="{source}">{term.data["definition"]}</span>') + "\n")
    return "\n".join(out)


def uses_term(text: str, term: Term) -> bool:
    """Does the text use one of the term's forms as a word?"""
    return term.pattern.search(text) is not None
