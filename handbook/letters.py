"""Letters and short messages to parents: templates a teacher fills in on the page and
prints or copies, in Norwegian and in every parent language, with nothing leaving the device.

A template is data, one folder per letter::

    data/letters/<id>/nb.yml     title, purpose, links, fields, letter and sms (Norwegian)
    data/letters/<id>/<lang>.yml title, letter, sms and choice texts in a parent language,
                                 with a translation record like a translated page's

The texts hold ``{field}`` placeholders. A paragraph is separated by an empty line, a line
break starts a new line, ``- `` starts a list item, and a law reference is written as on a
page (``[§ tolkeloven 4]``). A page ``docs/nb/brev/<id>.md`` with ``letter: <id>`` in its
front matter gets the form, the language choice and the letter in every language, rendered
by the Markdown extension's preprocessor (:func:`render`) and brought to life by
``overrides/assets/javascripts/letters.js``. Without JavaScript the page shows every
language with blanks to fill in by hand.

The build checks (phase data) that every translation has exactly the placeholders of the
Norwegian text, that choices match, and that the pages the template links to exist; (phase
pages) that pages name known letters; (phase text) the Norwegian spelling and that the
letter is plain (LIX). A translation records the hash of the Norwegian file it was made
from (:func:`handbook.translations.text_hash`), so a changed Norwegian letter shows as
outdated, with the same notices as the parent pages.
"""

from __future__ import annotations

import difflib
import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .markdown_ext import LAW_REFERENCE, locate, parse_law_reference
from .problems import Problem
from .project import Project
from .yamldata import LocatedData, load_data_file

FOLDER = "letters"  # data/letters/
PAGES = "brev/"  # docs/nb/brev/<id>.md
STORAGE_PREFIX = "skole-hjem-brev"  # localStorage key: skole-hjem-brev:<id>
PLACEHOLDER = re.compile(r"\{([^{}\n]*)\}")
FIELD_ID = re.compile(r"[a-z][a-z0-9_-]*")
LETTER_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
BLOCK_ONLY = "block"  # longtext and multiple choice stand in a paragraph of their own
SMS_LIMIT = 480
LIX_LIMIT = 40
# Browsers' Intl has no data for some languages (Chromium: Somali, Tigrinya); the page then
# formats dates with the CLDR names and patterns Babel gives the build.
INTL_LOCALE = {"en": "en-GB"}  # parents in Norway: day before month, 24-hour clock
TEXT_KEYS = ("title", "letter", "sms")


# ---- the model ---------------------------------------------------------------------------------
@dataclass
class Option:
    id: str
    label: str
    text: str


@dataclass
class Field:
    id: str
    label: str
    kind: str
    example: str | None = None
    hint: str | None = None
    required: bool = False
    multiple: bool = False
    options: list[Option] = field(default_factory=list)

    @property
    def block_only(self) -> bool:
        return self.kind == "longtext" or (self.kind == "choice" and self.multiple)

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass
class Translation:
    lang: str
    path: Path
    label: str
    located: LocatedData
    text: str  # the file as written (to find lines)

    @property
    def data(self) -> dict:
        return self.located.data

    @property
    def record(self) -> dict:
        return self.data.get("translation", {})

    def choice(self, field_id: str, option_id: str) -> str | None:
        return (self.data.get("choices") or {}).get(field_id, {}).get(option_id)


@dataclass
class Letter:
    id: str
    path: Path
    label: str
    located: LocatedData
    text: str
    fields: list[Field]
    translations: dict[str, Translation] = field(default_factory=dict)

    @property
    def data(self) -> dict:
        return self.located.data

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def purpose(self) -> str:
        return self.data["purpose"]

    @property
    def links(self) -> list[str]:
        links = self.data["links"]
        return list(links.get("guidance", [])) + list(links.get("checklists", []))

    def field(self, field_id: str) -> Field | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def texts(self, lang: str) -> dict[str, str] | None:
        """title, letter and sms in a language (None when there is no translation)."""
        source = self.data if lang == "nb" else (self.translations[lang].data if lang in self.translations else None)
        return {key: source[key] for key in TEXT_KEYS} if source else None

    def option_text(self, lang: str, field_id: str, option_id: str) -> str:
        if lang in self.translations:
            return self.translations[lang].choice(field_id, option_id) or ""
        option = self.field(field_id).option(option_id)
        return option.text if option else ""


@dataclass
class Letters:
    letters: dict[str, Letter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def registry(project: Project) -> Letters:
    return project.memo("letters", lambda: load(project))


def folder(project: Project) -> Path:
    return project.data_dir / FOLDER


def load(project: Project) -> Letters:
    """Every letter under data/letters/, checked against its schema (problems with lines)."""
    found = Letters()
    root = folder(project)
    if not root.is_dir():
        return found
    source = project.source_language.code
    parents = {lang.code for lang in project.parent_languages}
    for entry in sorted(root.iterdir()):
        label = project.label(entry)
        if not entry.is_dir():
            found.problems.append(
                Problem(
                    label,
                    0,
                    "data/letters/ holds one folder per letter",
                    "put the file in data/letters/<letter id>/ (nb.yml and one file per language)",
                )
            )
            continue
        if not LETTER_ID.fullmatch(entry.name):
            found.problems.append(
                Problem(
                    label + "/",
                    0,
                    f"'{entry.name}' is not a good letter id (use a–z, 0–9 and hyphens)",
                    "rename the folder; the id becomes the page's address brev/<id>/ and the storage key",
                )
            )
            continue
        nb_path = entry / f"{source}.yml"
        if not nb_path.is_file():
            found.problems.append(
                Problem(
                    label + "/",
                    0,
                    f"the letter '{entry.name}' has no Norwegian text",
                    f"write {project.label(nb_path)} (see data/schemas/letter.schema.json)",
                )
            )
            continue
        located, problems = load_data_file(nb_path, project.schema("letter"), project.label(nb_path), project.cache_dir)
        found.problems += problems
        if located is None:
            continue
        letter = Letter(
            entry.name,
            nb_path,
            project.label(nb_path),
            located,
            nb_path.read_text(encoding="utf-8"),
            [_field(f) for f in located.data["fields"]],
        )
        for path in sorted(entry.iterdir()):
            if path == nb_path:
                continue
            lang = path.stem
            if path.suffix != ".yml" or lang not in parents:
                found.problems.append(
                    Problem(
                        project.label(path),
                        0,
                        f"'{path.name}' is not a language of the handbook",
                        f"name translations <language>.yml with a code from data/languages.yml ({', '.join(sorted(parents))})",
                    )
                )
                continue
            t_located, t_problems = load_data_file(
                path, project.schema("letter-translation"), project.label(path), project.cache_dir
            )
            found.problems += t_problems
            if t_located is not None:
                letter.translations[lang] = Translation(
                    lang, path, project.label(path), t_located, path.read_text(encoding="utf-8")
                )
        found.letters[letter.id] = letter
    return found


def _field(data: dict) -> Field:
    return Field(
        data["id"],
        data["label"],
        data["kind"],
        data.get("example"),
        data.get("hint"),
        bool(data.get("required")),
        bool(data.get("multiple")),
        [Option(o["id"], o["label"], o["text"]) for o in data.get("options", [])],
    )


# ---- placeholders --------------------------------------------------------------------------------
def placeholders(text: str) -> list[str]:
    """The placeholders of a text, in order ('{dato}' -> 'dato'; malformed ones as written)."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]


def law_references(text: str) -> list[str]:
    return [" ".join(m.group(0).split()) for m in LAW_REFERENCE.finditer(text)]


def block_placeholders(text: str) -> set[str]:
    """Placeholders that stand alone in a paragraph."""
    found = set()
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        match = re.fullmatch(r"\{([a-z][a-z0-9_-]*)\}", paragraph.strip())
        if match:
            found.add(match.group(1))
    return found


def _line(text: str, key_line: int, snippet: str | None) -> int:
    """The file line of ``snippet`` in the value that starts on ``key_line`` (the key's line without one)."""
    if not snippet:
        return key_line
    offset = sum(len(line) + 1 for line in text.split("\n")[: key_line - 1])
    line, _ = locate(text, snippet, offset)
    return max(line, key_line)


# ---- checks: data ---------------------------------------------------------------------------------
def check_data(project: Project) -> list[Problem]:
    letters = registry(project)
    problems = list(letters.problems)
    for letter in letters.letters.values():
        problems += check_letter(project, letter)
    return problems


def check_letter(project: Project, letter: Letter) -> list[Problem]:
    problems = []
    lines = letter.located

    def problem(path: tuple, message: str, fix: str, snippet: str | None = None) -> None:
        problems.append(Problem(letter.label, _line(letter.text, lines.line_of(path), snippet), message, fix))

    fields: dict[str, Field] = {}
    for index, item in enumerate(letter.fields):
        where = ("fields", index)
        if item.id in fields:
            problem(where + ("id",), f"the field id '{item.id}' is used twice", "give every field its own id")
        fields[item.id] = item
        if item.kind == "date" and item.example and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", item.example):
            problem(
                where + ("example",),
                f"the example of the date field '{item.id}' is not a date (YYYY-MM-DD)",
                "write the example as e.g. 2027-01-14 (the page shows it the Norwegian way)",
            )
        if item.kind == "time" and item.example and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", item.example):
            problem(where + ("example",), f"the example of the time field '{item.id}' is not a time (HH:MM)", "write e.g. 14:30")
        seen_options: set[str] = set()
        for o_index, option in enumerate(item.options):
            if option.id in seen_options:
                problem(
                    where + ("options", o_index, "id"),
                    f"the option id '{option.id}' is used twice in '{item.id}'",
                    "give every option its own id",
                )
            seen_options.add(option.id)
        if item.kind == "choice" and item.example and item.example not in seen_options:
            problem(
                where + ("example",),
                f"the example of the choice '{item.id}' is not one of its options",
                f"use an option id: {', '.join(sorted(seen_options))}",
            )
    # the Norwegian texts: known placeholders, written well, in the right place
    used: set[str] = set()
    for key in ("letter", "sms"):
        text = letter.data[key]
        problems += _placeholder_problems(letter.label, letter.text, lines.line_of((key,)), text, fields, key)
        used |= set(placeholders(text))
    for index, item in enumerate(letter.fields):
        for o_index, option in enumerate(item.options):
            path = ("fields", index, "options", o_index, "text")
            problems += _placeholder_problems(letter.label, letter.text, lines.line_of(path), option.text, fields, "option")
            used |= set(placeholders(option.text))
    for index, item in enumerate(letter.fields):
        if item.id not in used:
            problem(
                ("fields", index, "id"),
                f"the field '{item.id}' is not used in the letter, the message or an option",
                f"write {{{item.id}}} where the value goes, or remove the field",
            )
    if len(letter.data["sms"]) > SMS_LIMIT:
        problem(
            ("sms",),
            f"the short message has {len(letter.data['sms'])} characters (at most {SMS_LIMIT})",
            "shorten it: it is for an SMS or the school's app",
        )
    problems += _law_problems(project, letter.label, letter.text, lines, letter.data)
    # links to the guidance and checklists the template belongs to
    source = project.source_language.code
    for group in ("guidance", "checklists"):
        for index, link in enumerate(letter.data["links"].get(group, [])):
            path, _, anchor = link.partition("#")
            where = ("links", group, index)
            if not (project.docs_dir / source / path).is_file():
                problem(
                    where,
                    f"the link {link} leads to docs/{source}/{path}, which does not exist",
                    f"give a page's path inside docs/{source}/, e.g. veiledning/utviklingssamtalen.md",
                )
            elif anchor and not project._pages[1] and anchor not in project.page_ids(source, path):
                # (anchors are checked once every page can be read; the pages phase reports pages that cannot)
                problem(
                    where,
                    f"the link {link} points to #{anchor}, which docs/{source}/{path} does not have",
                    "link to an existing heading id or checklist item id",
                )
    for translation in letter.translations.values():
        problems += check_translation(project, letter, translation, fields)
    return problems


def _placeholder_problems(
    label: str, file_text: str, key_line: int, text: str, fields: dict[str, Field], where: str
) -> list[Problem]:
    problems = []
    blocks = block_placeholders(text) if where == "letter" else set()
    for name in placeholders(text):
        snippet = "{" + name + "}"
        line = _line(file_text, key_line, snippet)
        if not FIELD_ID.fullmatch(name):
            problems.append(
                Problem(
                    label,
                    line,
                    f"'{snippet}' is not a placeholder",
                    "write a field id in braces, e.g. {dato} (lower case, no spaces); braces are only for placeholders",
                )
            )
        elif name not in fields:
            problems.append(
                Problem(
                    label,
                    line,
                    f"the placeholder {snippet} names no field",
                    "use a field id from 'fields:' in nb.yml, or add the field there",
                )
            )
        elif where == "option" and fields[name].kind == "choice":
            problems.append(
                Problem(
                    label,
                    line,
                    f"the choice {snippet} is inside an option's text",
                    "an option may hold text, date and time fields, not another choice",
                )
            )
        elif fields[name].block_only and (where != "letter" or name not in blocks):
            kind = "a list of choices" if fields[name].kind == "choice" else "several lines"
            problems.append(
                Problem(
                    label,
                    line,
                    f"{snippet} holds {kind} and must stand alone in a paragraph of the letter",
                    "put it on a line of its own with an empty line before and after (not in the short message)",
                )
            )
    return problems


def _law_problems(project: Project, label: str, file_text: str, lines: LocatedData, data: dict) -> list[Problem]:
    from .law import registry as law_registry

    laws = law_registry(project)
    problems = []
    for key in ("letter", "sms"):
        for match in LAW_REFERENCE.finditer(data[key]):
            line = _line(file_text, lines.line_of((key,)), match.group(0))
            try:
                law_id, ref = parse_law_reference(match.group("inner"))
            except ValueError:
                problems.append(
                    Problem(
                        label,
                        line,
                        f"the law reference {match.group(0)} names no provision",
                        "write [§ <law id> <provision>], e.g. [§ tolkeloven 4]",
                    )
                )
                continue
            provision = laws.resolve(law_id, ref)
            if provision is None:
                problems.append(
                    Problem(
                        label,
                        line,
                        f"unknown law reference {' '.join(match.group(0).split())}",
                        "use a provision from data/law.yml, or leave the law out of the letter",
                    )
                )
            elif provision.law.repealed or not provision.verified:
                problems.append(
                    Problem(
                        label,
                        line,
                        f"{' '.join(match.group(0).split())} is {'repealed' if provision.law.repealed else 'not verified'}",
                        "a letter to parents refers only to verified provisions in force (it cannot carry a mark or a note)",
                    )
                )
        rest = LAW_REFERENCE.sub("", data[key])
        if "§" in rest:
            problems.append(
                Problem(
                    label,
                    _line(file_text, lines.line_of((key,)), "§"),
                    "a plain '§' in the letter",
                    "write the reference as [§ <law> <paragraph>], e.g. [§ tolkeloven 4]",
                )
            )
    return problems


def check_translation(project: Project, letter: Letter, translation: Translation, fields: dict[str, Field]) -> list[Problem]:
    problems = []
    lines = translation.located

    def problem(path: tuple, message: str, fix: str, snippet: str | None = None) -> None:
        problems.append(Problem(translation.label, _line(translation.text, lines.line_of(path), snippet), message, fix))

    def compare(path: tuple, text: str, wanted: str, what: str) -> None:
        mine, theirs = placeholders(text), placeholders(wanted)
        for name in sorted(set(mine) - set(theirs), key=mine.index):
            problem(
                path,
                f"the placeholder {{{name}}} in {what} is not in the Norwegian text",
                f"use only the placeholders of the Norwegian text: {', '.join('{' + n + '}' for n in dict.fromkeys(theirs)) or 'none'}",
                "{" + name + "}",
            )
        for name in sorted(set(theirs) - set(mine), key=theirs.index):
            problem(
                path,
                f"{what} has no {{{name}}}, which the Norwegian text has",
                f"put {{{name}}} where the value goes in this language",
            )
        if path == ("letter",):
            for name in sorted(block_placeholders(wanted) - block_placeholders(text)):
                if name in mine:
                    problem(
                        path,
                        f"{{{name}}} must stand alone in a paragraph, as in the Norwegian letter",
                        "put it on a line of its own with an empty line before and after",
                        "{" + name + "}",
                    )
        if sorted(law_references(text)) != sorted(law_references(wanted)):
            problem(
                path,
                f"{what} does not refer to the law as the Norwegian text does ({', '.join(law_references(wanted)) or 'no reference'})",
                "keep the law references exactly as in nb.yml, e.g. [§ tolkeloven 4]",
            )

    for key in ("letter", "sms"):
        compare((key,), translation.data[key], letter.data[key], "the letter" if key == "letter" else "the short message")
    if placeholders(translation.data["title"]):
        problem(("title",), "the title holds a placeholder", "write the title without {…}")
    # choices: every option of every choice field, and nothing else
    choices = translation.data.get("choices") or {}
    wanted = {f.id: f for f in fields.values() if f.kind == "choice"}
    for field_id in choices:
        if field_id not in wanted:
            problem(
                ("choices", field_id),
                f"'{field_id}' is not a choice field of the Norwegian letter",
                f"translate the options of: {', '.join(sorted(wanted)) or '(none)'}",
            )
    for field_id, item in wanted.items():
        given = choices.get(field_id)
        if given is None:
            problem(
                ("choices",) if "choices" in translation.data else (),
                f"the options of the choice '{field_id}' are not translated",
                f"add choices: {{{field_id}: {{{', '.join(o.id + ': …' for o in item.options)}}}}}",
            )
            continue
        for option_id in given:
            if item.option(option_id) is None:
                problem(
                    ("choices", field_id, option_id),
                    f"'{option_id}' is not an option of '{field_id}'",
                    f"use the option ids of nb.yml: {', '.join(o.id for o in item.options)}",
                )
        for option in item.options:
            if option.id not in given:
                problem(
                    ("choices", field_id),
                    f"the option '{option.id}' of '{field_id}' is not translated",
                    f"add {option.id}: <its text in this language>",
                )
            else:
                compare(("choices", field_id, option.id), given[option.id], option.text, f"the option '{field_id}: {option.id}'")
    return problems


# ---- checks: pages and text -------------------------------------------------------------------------
def letter_of(page) -> str | None:
    return page.meta.get("letter")


def pages_by_letter(project: Project) -> dict[str, object]:
    source = project.source_language.code
    return {letter_of(page): page for page in project.pages.get(source, {}).values() if letter_of(page)}


def check_pages(project: Project) -> list[Problem]:
    letters = registry(project).letters
    problems, seen = [], {}
    for page in project.all_pages():
        wanted = letter_of(page)
        if not wanted:
            continue
        line = page.meta["_lines"].get(("letter",), 1)
        if page.lang != project.source_language.code:
            problems.append(
                Problem(
                    page.label,
                    line,
                    "a letter page is Norwegian: the template holds every language",
                    "remove 'letter:' here; the Norwegian page shows the letter in every language",
                )
            )
        elif wanted not in letters:
            close = difflib.get_close_matches(wanted, list(letters), n=1)
            problems.append(
                Problem(
                    page.label,
                    line,
                    f"unknown letter '{wanted}'",
                    f"did you mean '{close[0]}'?" if close else "use the name of a folder in data/letters/",
                )
            )
        elif wanted in seen:
            problems.append(
                Problem(
                    page.label, line, f"the letter '{wanted}' is also shown on {seen[wanted]}", "show each letter on one page"
                )
            )
        else:
            seen[wanted] = page.label
    return problems


def norwegian_texts(letter: Letter) -> list[tuple[int, str]]:
    """(file line, text) of everything a reader of the Norwegian letter or the page reads."""
    lines = letter.located
    out = [(lines.line_of(("title",)), letter.title), (lines.line_of(("purpose",)), letter.purpose)]
    for key in ("letter", "sms"):
        start = lines.line_of((key,))
        offset = 1 if letter.text.split("\n")[start - 1].rstrip().endswith(("|", ">", "|-", ">-")) else 0
        for number, text in enumerate(letter.data[key].split("\n")):
            out.append((start + offset + number, text))
    for index, item in enumerate(letter.fields):
        out.append((lines.line_of(("fields", index, "label")), item.label))
        if item.hint:
            out.append((lines.line_of(("fields", index, "hint")), item.hint))
        for o_index, option in enumerate(item.options):
            out.append((lines.line_of(("fields", index, "options", o_index, "label")), option.label))
            out.append((lines.line_of(("fields", index, "options", o_index, "text")), option.text))
    return out


def _reader(text: str) -> str:
    """Text without placeholders and law references (what hunspell and LIX look at)."""
    return PLACEHOLDER.sub(" ", LAW_REFERENCE.sub(" ", text))


def lix(letter: Letter) -> float:
    return _lix(letter)[0]


def _lix(letter: Letter) -> tuple[float, int]:
    """(LIX, words) of the Norwegian letter and short message."""
    from .readability import lix_of

    value, words, _, _ = lix_of([unit for key in ("letter", "sms") for unit in _units(letter.data[key])])
    return value, words


def _units(text: str) -> list[str]:
    """Paragraphs and list items: each a unit of reading, as on a page."""
    units = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        current: list[str] = []
        for line in paragraph.split("\n"):
            line = _reader(line).strip()
            if line.startswith("- "):
                if current:
                    units.append(" ".join(current))
                current = [line[2:]]
            elif line:
                current.append(line)
        if current:
            units.append(" ".join(current))
    return units


def check_text(project: Project, *, spelling: bool = True) -> list[Problem]:
    from . import spelling as hunspell
    from .text import WORD

    problems = []
    letters = registry(project).letters.values()
    found = {
        letter.id: [
            (line, part)
            for line, text in norwegian_texts(letter)
            for word in WORD.findall(_reader(text))
            for part in re.split(r"[-'’]", word)
            if len(part) > 1 and not part.isupper()
        ]
        for letter in letters
    }
    unknown = (
        hunspell.unknown_words(
            {w for words in found.values() for _, w in words}, hunspell.wordlist_path(project), project.cache_dir
        )
        if spelling
        else set()
    )
    for letter in letters:
        reported = set()
        for line, word in found[letter.id]:
            if word in unknown and (line, word) not in reported:
                reported.add((line, word))
                problems.append(
                    Problem(
                        letter.label,
                        line,
                        f"unknown word «{word}»",
                        "correct the spelling, or add the word to data/wordlist.txt if it is right",
                    )
                )
        value, words = _lix(letter)
        if words >= 30 and value > LIX_LIMIT:  # as for parent pages: a handful of words has no reliable LIX
            problems.append(
                Problem(
                    letter.label,
                    letter.located.line_of(("letter",)),
                    f"LIX {value:.0f} is above {LIX_LIMIT}: too hard for a letter to parents",
                    "use shorter sentences and shorter, everyday words",
                )
            )
    return problems


# ---- translation state ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LetterStatus:
    lang: str
    drift: str  # oppdatert / utdatert / mangler (handbook.translations)
    review: str | None  # draft / reviewed
    method: str | None = None


def status_of(project: Project, letter: Letter, lang: str) -> LetterStatus:
    from . import translations as tr

    translation = letter.translations.get(lang)
    if translation is None:
        return LetterStatus(lang, tr.MISSING, None)
    record = translation.record
    drift = tr.UP_TO_DATE if record.get("source_hash") == tr.text_hash(letter.path) else tr.OUTDATED
    review = record.get("status")
    if review == tr.REVIEWED and record.get("reviewed_hash") != tr.text_hash(translation.path):
        review = tr.DRAFT
    return LetterStatus(lang, drift, review, record.get("method"))


def warnings(project: Project) -> list[str]:
    """Outdated and missing translations: told by the build, not fatal (as for pages)."""
    from . import translations as tr

    out = []
    pages = pages_by_letter(project)
    for letter in registry(project).letters.values():
        if letter.id not in pages:
            out.append(
                f"{letter.label}: no page shows this letter — write docs/nb/{PAGES}{letter.id}.md with 'letter: {letter.id}'"
            )
        for lang in project.parent_languages:
            status = status_of(project, letter, lang.code)
            if status.drift == tr.OUTDATED:
                out.append(
                    f"data/letters/{letter.id}/{lang.code}.yml: the Norwegian letter changed after this translation — update "
                    f"it (`handbook translation diff data/letters/{letter.id}/{lang.code}.yml`), then stamp it"
                )
            elif status.drift == tr.MISSING:
                out.append(f"data/letters/{letter.id}/{lang.code}.yml is missing: the letter is not offered in {lang.name_nb}")
            missing = term_warnings(project, letter, lang.code)
            if missing:
                out.append(
                    f"data/letters/{letter.id}/{lang.code}.yml: terms not translated as in the term base: {', '.join(missing)}"
                )
    return out


def status_markdown(project: Project, page_uri: str) -> str:
    """The letters' part of «Oversettelsesstatus»: every template in every language."""
    from . import translations as tr

    letters = sorted(registry(project).letters.values(), key=lambda item: item.title)
    if not letters:
        return ""
    pages = pages_by_letter(project)
    languages = project.parent_languages
    out = [
        "## Brevmaler {#brevmaler}",
        "",
        (
            "Brevmalene til foreldre har en oversettelse per språk i `data/letters/<mal>/<språk>.yml`. En oversettelse er "
            "utdatert når den norske malen er endret etter at den ble oversatt."
        ),
        "",
        "| Brevmal | " + " | ".join(lang.name_nb for lang in languages) + " |",
        "| --- | " + " | ".join("---" for _ in languages) + " |",
    ]
    labels = {tr.UP_TO_DATE: "oppdatert", tr.OUTDATED: "**utdatert**"}
    for letter in letters:
        page = pages.get(letter.id)
        title = _md(letter.title)
        name = f"[{title}]({posixpath.relpath(page.uri, posixpath.dirname(page_uri) or '.')})" if page else title
        cells = []
        for lang in languages:
            status = status_of(project, letter, lang.code)
            if status.drift == tr.MISSING:
                cells.append("mangler")
            else:
                cells.append(("kontrollert" if status.review == tr.REVIEWED else "utkast") + ", " + labels[status.drift])
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


# ---- rendering ------------------------------------------------------------------------------------------------
UI = {
    "note": "Det du fyller inn, lagres bare i nettleseren på denne enheten, til du tømmer skjemaet. Ingenting sendes "
    "noe sted. Bruker du en delt datamaskin, tøm skjemaet når du er ferdig.",
    "belongs": "Hører til",
    "fill_heading": "Fyll inn",
    "letter_heading": "Brevet",
    "fields_legend": "Opplysninger i brevet",
    "fields_nojs": "Uten JavaScript kan du skrive ut brevet og fylle inn for hånd. Dette skal inn:",
    "example": "Eksempel",
    "required": "må fylles ut",
    "options": "Velg",
    "choose_several": "Velg ett eller flere",
    "language_legend": "Språk",
    "language_label": "Foreldrenes språk",
    "language_hint": "Brevet vises på norsk og på språket du velger, side om side.",
    "clear": "Tøm skjemaet",
    "undo": "Angre",
    "sms_heading": "Kort versjon (SMS eller app)",
    "copy": "Kopier kort versjon på {language}",
    "print_both": "Skriv ut på norsk og {language}",
    "print_single": "Skriv ut bare på {language}",
    "print_note": "Vil du ha en PDF, velger du «Lagre som PDF» i utskriftsvinduet.",
    "free_text_note": "Det du skriver, står som du skrev det i alle språkversjonene. Skriv kort og enkelt.",
    "empty_print": "Disse feltene er tomme: {fields}. De blir stående som tomme linjer på arket.",
    "empty_copy": "Disse feltene er tomme: {fields}. De blir stående tomme i meldingen.",
    "empty_required": "må fylles ut",
    "print_anyway": "Skriv ut likevel",
    "copy_anyway": "Kopier likevel",
    "go_back": "Fyll inn først",
    "copied": "Den korte versjonen på {language} er kopiert. Lim den inn i meldingen.",
    "copy_failed": "Kopieringen virket ikke. Teksten er merket: kopier den selv (Ctrl+C, eller hold fingeren på teksten).",
    "cleared": "Skjemaet er tømt.",
    "restored": "Feltene er fylt inn igjen.",
    "norwegian": "norsk",
}
BLANK = {"text": 16, "date": 14, "time": 7, "longtext": 40}


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def date_data(lang: str) -> dict:
    """What the page needs to write dates and times in a language without the browser's help (CLDR, via Babel)."""
    from babel import Locale
    from babel.dates import get_day_names, get_month_names

    locale = Locale.parse(lang)
    days = get_day_names("wide", "format", locale)
    periods = locale.day_periods["format"]["abbreviated"]
    return {
        "months": [get_month_names("wide", "format", locale)[m] for m in range(1, 13)],
        "days": [days[6]] + [days[d] for d in range(6)],  # JavaScript's order: Sunday first
        "date": locale.date_formats["full"].pattern,
        "time": locale.time_formats["short"].pattern,
        "am": periods["am"],
        "pm": periods["pm"],
    }


def format_example(item: Field, lang: str = "nb") -> str:
    import datetime as dt

    from babel.dates import format_date

    if item.kind == "date" and item.example:
        return format_date(dt.date.fromisoformat(item.example), "full", locale=lang)
    if item.kind == "choice" and item.example:
        option = item.option(item.example)
        return option.label if option else item.example
    return item.example or ""


class _Renderer:
    """The letter's texts as HTML, in one language: placeholders become blanks the page fills in."""

    def __init__(self, project: Project, letter: Letter, lang: str):
        self.project, self.letter, self.lang = project, letter, lang
        self.source = lang == project.source_language.code

    def text(self, text: str, *, blocks: bool) -> str:
        out = []
        for paragraph in re.split(r"\n\s*\n", text.strip()):
            match = re.fullmatch(r"\{([a-z][a-z0-9_-]*)\}", paragraph.strip())
            item = self.letter.field(match.group(1)) if match else None
            if blocks and item is not None and item.kind in ("choice", "longtext"):
                out.append(self.block(item))
                continue
            lines, items = [], []
            for line in paragraph.split("\n"):
                if line.startswith("- "):
                    if lines:
                        out.append("<p>" + "<br>".join(lines) + "</p>")
                        lines = []
                    items.append(f"<li>{self.inline(line[2:].strip())}</li>")
                else:
                    if items:
                        out.append("<ul>" + "".join(items) + "</ul>")
                        items = []
                    lines.append(self.inline(line.strip()))
            if lines:
                out.append("<p>" + "<br>".join(lines) + "</p>")
            if items:
                out.append("<ul>" + "".join(items) + "</ul>")
        return "".join(out)

    def inline(self, text: str) -> str:
        out, position = [], 0
        pattern = re.compile(PLACEHOLDER.pattern + "|" + LAW_REFERENCE.pattern)
        for match in pattern.finditer(text):
            out.append(_e(text[position : match.start()]))
            position = match.end()
            if match.group(0).startswith("[§"):
                out.append(self.law(match.group(0)))
                continue
            item = self.letter.field(match.group(1))
            if item is None:
                out.append(_e(match.group(0)))
            elif item.kind == "choice":
                options = []
                for option in item.options:
                    options.append(
                        f'<span class="hb-letter__option" data-option="{_e(option.id)}">'
                        f'<span class="hb-letter__box" aria-hidden="true"></span>'
                        f"{self.inline(self.letter.option_text(self.lang, item.id, option.id))}</span>"
                    )
                out.append(
                    f'<span class="hb-letter__choice" data-field="{_e(item.id)}">'
                    + '<span class="hb-letter__or"> / </span>'.join(options)
                    + "</span>"
                )
            else:
                out.append(self.blank(item))
        out.append(_e(text[position:]))
        return "".join(out)

    def blank(self, item: Field) -> str:
        fill = "_" * BLANK.get(item.kind, 16)
        return (
            f'<bdi class="hb-letter__blank" data-field="{_e(item.id)}" data-kind="{item.kind}" '
            f'title="{_e(item.label)}">{fill}</bdi>'
        )

    def block(self, item: Field) -> str:
        if item.kind == "longtext":
            lines = "<br>".join("_" * BLANK["longtext"] for _ in range(3))
            return (
                f'<p class="hb-letter__longtext"><bdi class="hb-letter__blank hb-letter__blank--long" data-field="{_e(item.id)}" '
                f'data-kind="longtext" title="{_e(item.label)}">{lines}</bdi></p>'
            )
        tag, inner = ("ul", "li") if item.multiple else ("div", "p")
        options = "".join(
            f'<{inner} class="hb-letter__option" data-option="{_e(o.id)}"><span class="hb-letter__box" aria-hidden="true">'
            f"</span>{self.inline(self.letter.option_text(self.lang, item.id, o.id))}</{inner}>"
            for o in item.options
        )
        return f'<{tag} class="hb-letter__choice hb-letter__choice--block" data-field="{_e(item.id)}">{options}</{tag}>'

    def law(self, reference: str) -> str:
        from .law import registry as law_registry

        inner = reference[2:-1]
        law_id, ref = parse_law_reference(inner)
        provision = law_registry(self.project).resolve(law_id, ref)
        shown = f"({provision.citation if provision else ' '.join(inner.split())})"  # a printed letter has no links
        if self.source:
            return f'<span class="hb-law">{_e(shown)}</span>'
        return f'<bdi class="hb-law" lang="{self.project.source_language.code}" dir="ltr">{_e(shown)}</bdi>'


def versions(project: Project, letter: Letter) -> list:
    """The languages the letter is offered in: Norwegian, then each parent language with a translation."""
    return [project.source_language] + [lang for lang in project.parent_languages if lang.code in letter.translations]


def render(project: Project, letter: Letter, page_uri: str) -> str:
    """The letter's part of its page: links, form, language choice and the letter in every language.

    Markdown for what Markdown does well (the links, the two headings in the page's contents)
    and top-level raw HTML blocks, kept as written, for the rest. letters.js finds the parts
    by ``data-letter``."""
    ui = UI
    langs = versions(project, letter)
    script_ui = {
        key: ui[key]
        for key in (
            "copy",
            "print_both",
            "print_single",
            "empty_print",
            "empty_copy",
            "empty_required",
            "print_anyway",
            "copy_anyway",
            "go_back",
            "copied",
            "copy_failed",
            "cleared",
            "restored",
            "norwegian",
        )
    }
    ident = _e(letter.id)
    out = [belongs_line(project, letter, page_uri), ""]
    # ---- the fields: a list without JavaScript, a form with it
    out += [f"## {ui['fill_heading']} {{#fyll-inn}}", ""]
    rows = []
    for item in letter.fields:
        detail = []
        if item.kind == "choice":
            detail.append(" / ".join(_e(o.label) for o in item.options))
        elif item.example:
            detail.append(f"{_e(ui['example'])}: {_e(format_example(item))}")
        if item.hint:
            detail.append(_e(item.hint))
        rows.append(f"<dt>{_e(item.label)}</dt><dd>{'<br>'.join(detail) or '–'}</dd>")
    # the search finds a letter by its page's title and introduction, not by every word of the form and letters
    out += [
        f'<div class="hb-letter__fill" data-letter="{ident}" data-pagefind-ignore="all"><p class="hb-letter__note">{_e(ui["note"])}</p>'
        f'<div class="hb-letter__fieldlist"><p>{_e(ui["fields_nojs"])}</p><dl>{"".join(rows)}</dl></div>'
        + _form(project, letter, langs)
        + "</div>",
        "",
    ]
    # ---- the letter in every language
    out += [f"## {ui['letter_heading']} {{#brevet}}", ""]
    buttons = (
        f'<button type="button" class="md-button md-button--primary hb-letter__print" data-mode="both">'
        f"{_e(ui['print_both'].format(language='…'))}</button> "
        f'<button type="button" class="md-button hb-letter__print" data-mode="single">{_e(ui["print_single"].format(language="…"))}</button>'
    )
    out += [
        f'<div class="hb-letter" data-letter="{ident}" data-storage="{STORAGE_PREFIX}:{ident}" data-pagefind-ignore="all" '
        f'data-ui="{_e(json.dumps(script_ui, ensure_ascii=False))}">'
        '<div class="hb-letter__versions">' + "".join(_version(project, letter, lang) for lang in langs) + "</div>"
        f'<div class="hb-letter__actions" hidden><p class="hb-letter__buttons">{buttons}</p>'
        f'<p class="hb-letter__hint">{_e(ui["print_note"])}</p></div>'
        '<div class="hb-letter__warning" role="alert" tabindex="-1"></div></div>',
        "",
    ]
    return "\n".join(out)


def _form(project: Project, letter: Letter, langs: list) -> str:
    ui = UI
    parts = [
        '<div class="hb-letter__form" hidden>',
        f'<fieldset class="hb-letter__fields"><legend>{_e(ui["fields_legend"])}</legend>',
    ]
    for item in letter.fields:
        fid = f"hb-brev-{item.id}"
        required = f' <span class="hb-letter__required">({_e(ui["required"])})</span>' if item.required else ""
        hints = []
        if item.kind not in ("choice",) and item.example:
            hints.append(f"{_e(ui['example'])}: {_e(format_example(item))}")
        if item.hint:
            hints.append(_e(item.hint))
        hint_id = f"{fid}-hint"
        hint = f'<p class="hb-letter__hint" id="{hint_id}">{"<br>".join(hints)}</p>' if hints else ""
        described = f' aria-describedby="{hint_id}"' if hints else ""
        if item.kind == "choice":
            kind = "checkbox" if item.multiple else "radio"
            legend = _e(item.label) + required
            boxes = "".join(
                f'<div class="hb-letter__option-input"><input type="{kind}" id="{fid}-{_e(o.id)}" name="{fid}" value="{_e(o.id)}" '
                f'data-field="{_e(item.id)}"><label for="{fid}-{_e(o.id)}">{_e(o.label)}</label></div>'
                for o in item.options
            )
            parts.append(
                f'<fieldset class="hb-letter__field hb-letter__field--choice" data-field="{_e(item.id)}"{described}>'
                f"<legend>{legend}</legend>{hint}{boxes}</fieldset>"
            )
            continue
        label = f'<label for="{fid}">{_e(item.label)}{required}</label>'
        if item.kind == "longtext":
            control = f'<textarea id="{fid}" rows="4" data-field="{_e(item.id)}" data-kind="longtext"{described}></textarea>'
        else:
            kind = {"text": "text", "date": "date", "time": "time"}[item.kind]
            control = f'<input type="{kind}" id="{fid}" data-field="{_e(item.id)}" data-kind="{item.kind}"{described}>'
        parts.append(f'<div class="hb-letter__field" data-field="{_e(item.id)}">{label}{control}{hint}</div>')
    parts.append("</fieldset>")
    options = "".join(
        f'<option value="{lang.code}" data-name-nb="{_e(lang.name_nb)}">{_e(lang.name_nb)} ({_e(lang.name)})</option>'
        for lang in langs[1:]
    )
    parts.append(
        f'<fieldset class="hb-letter__language"><legend>{_e(ui["language_legend"])}</legend>'
        f'<label for="hb-brev-sprak">{_e(ui["language_label"])}</label>'
        f'<select id="hb-brev-sprak" aria-describedby="hb-brev-sprak-hint">{options}</select>'
        f'<p class="hb-letter__hint" id="hb-brev-sprak-hint">{_e(ui["language_hint"])}</p></fieldset>'
    )
    parts.append(
        f'<p class="hb-letter__buttons"><button type="button" class="md-button hb-letter__clear">{_e(ui["clear"])}</button> '
        f'<button type="button" class="md-button hb-letter__undo" hidden>{_e(ui["undo"])}</button></p>'
        '<p class="hb-letter__status" role="status"></p>'
    )
    parts.append("</div>")
    return "".join(parts)


def _version(project: Project, letter: Letter, lang) -> str:
    from . import translations as tr

    source = project.source_language
    texts = letter.texts(lang.code)
    renderer = _Renderer(project, letter, lang.code)
    is_source = lang.code == source.code
    name = _e(lang.name) if is_source else f'{_e(lang.name)} <span lang="{source.code}" dir="ltr">({_e(lang.name_nb)})</span>'
    notices = ""
    if not is_source:
        status = status_of(project, letter, lang.code)
        if status.drift == tr.OUTDATED:
            notices += f'<p class="hb-letter__notice hb-letter__notice--outdated"><strong>{_e(lang.ui["translation_outdated"])}</strong></p>'
        if status.review != tr.REVIEWED:
            notices += f'<p class="hb-letter__notice hb-letter__notice--draft">{_e(lang.ui["translation_draft"])}</p>'
    attributes = (
        f'class="hb-letter__version" id="hb-brev-v-{lang.code}" lang="{lang.code}" dir="{lang.dir}" data-lang="{lang.code}" '
        f'data-locale="{INTL_LOCALE.get(lang.code, lang.code)}" data-dates="{_e(json.dumps(date_data(lang.code), ensure_ascii=False))}" '
        f'aria-labelledby="hb-brev-v-{lang.code}-name"'
    )
    copy = UI["copy"].format(language=UI["norwegian"] if is_source else lang.name_nb)
    return (
        f"<section {attributes}>"
        f'<h3 class="hb-letter__language-name" id="hb-brev-v-{lang.code}-name">{name}</h3>'
        f'<div class="hb-letter__paper"><p class="hb-letter__subject"><strong>{_e(texts["title"])}</strong></p>'
        f'<div class="hb-letter__body">{renderer.text(texts["letter"], blocks=True)}</div></div>{notices}'
        f'<div class="hb-letter__sms"><h4 lang="{source.code}" dir="ltr">{_e(UI["sms_heading"])}</h4>'
        f'<div class="hb-letter__sms-text">{renderer.text(texts["sms"], blocks=False)}</div>'
        f'<p class="hb-letter__buttons"><button type="button" class="md-button hb-letter__copy" lang="{source.code}" dir="ltr" hidden>{_e(copy)}</button></p></div>'
        "</section>"
    )


def _page_title(project: Project, path: str) -> str:
    page = project.pages.get(project.source_language.code, {}).get(path.partition("#")[0])
    return page.meta["title"] if page else path


def belongs_line(project: Project, letter: Letter, page_uri: str) -> str:
    """«Hører til: [veiledning](…) og [sjekkliste](…)» as Markdown, relative to the page."""
    base = posixpath.dirname(page_uri) or "."
    links = [
        f"[{_md(_page_title(project, link))}]({posixpath.relpath(link.partition('#')[0], base)}"
        + (f"#{link.partition('#')[2]}" if "#" in link else "")
        + ")"
        for link in letter.links
    ]
    joined = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " og " + links[-1]
    return f"**{UI['belongs']}:** {joined}"


def _md(text: str) -> str:
    """Plain text inside Markdown link text."""
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text).replace("§", "\\§")


def send_letter_line(project: Project, page_uri: str) -> str | None:
    """On a guidance page or checklist a letter belongs to: «Send et brev: …» (Markdown), or None."""
    pages = pages_by_letter(project)
    found = []
    for letter in registry(project).letters.values():
        page = pages.get(letter.id)
        if page is None or page_uri not in {link.partition("#")[0] for link in letter.links}:
            continue
        link = posixpath.relpath(page.uri, posixpath.dirname(page_uri) or ".")
        found.append(f"[{_md(letter.title)}]({link})")
    if not found:
        return None
    joined = found[0] if len(found) == 1 else ", ".join(found[:-1]) + " og " + found[-1]
    return f"**Send et brev:** {joined} – på norsk og på foreldrenes språk, til å fylle inn og skrive ut.\n{{: .hb-send-letter }}"


def index_markdown(project: Project, page_uri: str) -> str:
    """The list of letters on «Brev og meldinger til foreldre» (hb:letters)."""
    pages = pages_by_letter(project)
    out = []
    for letter in sorted(registry(project).letters.values(), key=lambda item: item.title):
        page = pages.get(letter.id)
        if page is None:
            continue
        link = posixpath.relpath(page.uri, posixpath.dirname(page_uri) or ".")
        langs = ", ".join(lang.name_nb for lang in versions(project, letter)[1:])
        out.append(f"- **[{_md(letter.title)}]({link})** – {_md(letter.purpose)} *Språk: norsk{', ' + langs if langs else ''}.*")
    return "\n".join(out) + "\n"


# ---- term base ----------------------------------------------------------------------------------------------------
def term_warnings(project: Project, letter: Letter, lang: str) -> list[str]:
    """Terms the Norwegian letter uses whose agreed translation (data/terms/<lang>.yml) the
    translated letter lacks, judged as for pages (handbook.translations.term_warnings)."""
    from .glossary import glossary, uses_term
    from .text import WORD
    from .translations import prefixes, stem_key, variant_used

    translation = letter.translations.get(lang)
    if translation is None:
        return []
    source = " ".join(_reader(text) for _, text in norwegian_texts(letter))
    own = " ".join(_reader(translation.data[key]) for key in TEXT_KEYS)
    own += " " + " ".join(
        _reader(text) for options in (translation.data.get("choices") or {}).values() for text in options.values()
    )
    words = prefixes({stem_key(word) for word in WORD.findall(own.casefold())})
    missing = []
    for term in glossary(project).terms.values():
        agreed = term.translation(lang)
        if not agreed or not uses_term(source, term):
            continue
        wanted = re.sub(r"\s*\([^)]*\)", "", agreed["term"]).strip()
        if wanted and not variant_used(wanted, words):
            missing.append(f"«{term.term}» → «{agreed['term']}»")
    return missing
