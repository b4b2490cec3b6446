"""The glossary (data/glossary.yml) and the term base (data/terms/<language>.yml).

One Norwegian entry per term renders three things: the Norwegian «Ordliste», the
parents' glossary in every language, and hover explanations of abbreviations on
Norwegian pages. Each language's term base gives the agreed translation of each term
(translators own their language's file); the build checks that translated pages use it.
Glossaries are sorted by each language's own alphabet with ICU's collation (PyICU):
Polish «ś» after «s», Norwegian «æ ø å» after «z», Tigrinya in Ge'ez order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from . import law, sources
from .markdown_ext import CITATION, LAW_REFERENCE, parse_citation, parse_law_reference
from .problems import Problem
from .project import Project
from .yamldata import Record, load_data_file, records_by_id


class Term(Record):
    @property
    def term(self) -> str:
        return self.data["term"]

    def forms(self) -> list[str]:
        return [self.term] + list(self.data.get("forms", []))

    @cached_property
    def lowered_forms(self) -> tuple[str, ...]:
        return tuple(form.lower() for form in self.forms())

    @cached_property
    def pattern(self) -> re.Pattern:
        alternatives = "|".join(re.escape(form) for form in sorted(self.forms(), key=len, reverse=True))
        return re.compile(rf"(?<![\wæøåÆØÅ])(?:{alternatives})(?![\wæøåÆØÅ])", re.IGNORECASE)

    def translation(self, lang: str) -> dict | None:
        """The agreed translation ({'term': …, 'definition': …}) in a parent language, if any."""
        return self.data.get("_translations", {}).get(lang)


@dataclass
class Glossary:
    terms: dict[str, Term] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def load(cls, project: Project) -> Glossary:
        located, problems, label = project.read_data("glossary")
        glossary = cls(problems=problems)
        if located is None:
            return glossary
        glossary.terms, duplicates = records_by_id(located, "terms", label, "term", Term)
        glossary.problems += duplicates
        for lang in project.parent_languages:
            glossary.problems += glossary._load_term_base(project, lang.code)
        laws, registry = law.registry(project), sources.registry(project)
        if laws.problems or registry.problems:
            return glossary  # references can be checked once data/law.yml and data/sources.yml are valid
        for term in glossary.terms.values():
            for related in term.data.get("related", []):
                if related not in glossary.terms:
                    glossary.problems.append(
                        Problem(
                            label,
                            term.line,
                            f"'{term.id}' is related to '{related}', which is not a term",
                            "use the id of a term in this file",
                        )
                    )
            ref = term.data.get("ref", "")
            for match in LAW_REFERENCE.finditer(ref):
                try:
                    known = laws.resolve(*parse_law_reference(match.group("inner")))
                except ValueError:
                    known = None
                if known is None:
                    glossary.problems.append(
                        Problem(
                            label,
                            term.line,
                            f"unknown law reference {match.group(0)} in '{term.id}'",
                            "use a reference from data/law.yml",
                        )
                    )
            for match in CITATION.finditer(ref):
                try:
                    cites = parse_citation(match.group("body"))
                except ValueError as err:
                    glossary.problems.append(
                        Problem(
                            label, term.line, f"the citation in '{term.id}' cannot be read: {err}", "write [@source-id, locator]"
                        )
                    )
                    continue
                for cite in cites:
                    if cite.source_id not in registry.sources:
                        glossary.problems.append(
                            Problem(
                                label,
                                term.line,
                                f"unknown source '{cite.source_id}' in '{term.id}'",
                                "use an id from data/sources.yml",
                            )
                        )
        return glossary

    def _load_term_base(self, project: Project, lang: str) -> list[Problem]:
        path = project.data_dir / "terms" / f"{lang}.yml"
        label = project.label(path)
        if not path.is_file():
            return [
                Problem(
                    label,
                    0,
                    f"the term base of '{lang}' is missing",
                    f"create it with 'lang: {lang}' and 'terms: {{}}' (make new-language does this)",
                )
            ]
        located, problems = load_data_file(path, project.schema("terms"), label, project.cache_dir)
        if located is None:
            return problems
        if located.data["lang"] != lang:
            problems.append(
                Problem(label, located.line_of(("lang",)), f"the file says lang: {located.data['lang']}", f"write lang: {lang}")
            )
        for term_id, entry in located.data["terms"].items():
            term = self.terms.get(term_id)
            if term is None:
                problems.append(
                    Problem(
                        label,
                        located.line_of(("terms", term_id)),
                        f"'{term_id}' is not a term in data/glossary.yml",
                        "use the id of a term in data/glossary.yml",
                    )
                )
                continue
            term.data.setdefault("_translations", {})[lang] = entry
        return problems

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


def sort_key(lang: str):
    """A sort key in the language's own alphabetical order (ICU collation)."""
    import icu

    collator = icu.Collator.createInstance(icu.Locale(lang))
    return collator.getSortKey


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
    key = sort_key(project.source_language.code)
    terms = sorted(glossary(project).terms.values(), key=lambda t: key(t.term))
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
    """The parents' glossary in one language: the term in the language as the heading, the
    Norwegian word under it (marked as Norwegian), sorted in the language's own order."""
    source = project.source_language
    terms = glossary(project).parent_terms()
    ui = project.language(lang).ui

    def name(term: Term) -> str:
        translation = term.translation(lang) if lang != source.code else None
        return translation["term"] if translation else term.term

    key = sort_key(lang)
    out = []
    for term in sorted(terms, key=lambda t: key(name(t))):
        out.append(f"## {name(term)} {{#{term.id}}}\n")
        if lang == source.code:
            out.append(term.data["definition"] + "\n")
            continue
        translation = term.translation(lang) or {}
        if translation:
            label = ui["in_norwegian"][:1].upper() + ui["in_norwegian"][1:]
            out.append(f'<p class="hb-term-nb">{label}: <bdi lang="{source.code}" dir="{source.dir}">{term.term}</bdi></p>\n')
        definition = translation.get("definition")
        out.append(
            (definition if definition else f'<span lang="{source.code}" dir="{source.dir}">{term.data["definition"]}</span>')
            + "\n"
        )
    return "\n".join(out)


def uses_term(text: str, term: Term) -> bool:
    """Does the text use one of the term's forms as a word?

    The pattern (a word on its own, any case) is tried only where a form occurs at all: a
    case-insensitive pattern that starts with a look-behind is tried at every position of
    the text, and pages are asked about every term (the translation status, the letters)."""
    lowered = _lowered(text)
    if not any(form in lowered for form in term.lowered_forms):
        return False
    return term.pattern.search(text) is not None


@lru_cache(maxsize=64)
def _lowered(text: str) -> str:
    return text.lower()
