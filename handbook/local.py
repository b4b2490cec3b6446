"""A municipality's or school's own edition (lokal utgave), without a fork.

A local edition is a folder kept outside the handbook and chosen when building:

    HANDBOOK_LOCAL=path/to/kommune make build

(the plugin setting ``local``; a relative path is taken from the handbook's folder). It
holds ``local.yml`` (schema: data/schemas/local.schema.json) and, when the municipality
wants them, pages in ``docs/nb/lokalt/`` (and translations in ``docs/<lang>/lokalt/``), a
logo, and ``wordlist.txt`` with its own names for the Norwegian spelling check.

The build checks the folder with the handbook's own checks (its file and line in every
message) and then shows:

* the local contacts on the parents' contact page in every language: the generated
  section ``<!-- hb:local-contacts -->`` in docs/<lang>/foreldre/kontakt.md, which renders
  nothing without a local edition. Labels are in the reader's language; names, numbers
  and addresses are shown as written; phone numbers are ``tel:`` links and e-mail
  addresses ``mailto:`` links;
* the name in the site name (the header, every page title) and on the QR posters, and the logo;
* the local pages in a navigation section of their own, «Lokalt: <name>»;
* each local routine as a «Lokal rutine» box on the checklist it belongs to.

The handbook's own pages and data are never changed, so a new version of the handbook
is taken in by building again. The roles a contact can have are declared once, in
data/roles.yml. The plugin (handbook.plugin) only wires these functions to MkDocs.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .project import DocPage, Project
from .yamldata import load_data_file

CONFIG_FILE = "local.yml"
WORDLIST = "wordlist.txt"
LOCAL_DIR = "lokalt"  # every local page lives here, in the site and in docs/<lang>/ of the local edition
CONTACT_PAGE = "foreldre/kontakt.md"
CONTACTS_ID = "lokale-kontakter"
LOGO_DEST = "assets/images/lokal-logo"  # + the logo's own suffix
LOGO_MAX_BYTES = 200_000
DAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]


# ---- roles (data/roles.yml) -----------------------------------------------------------------
@dataclass(frozen=True)
class Role:
    id: str
    labels: dict
    section: str | None
    line: int

    def label(self, project: Project, lang: str) -> tuple[str, str]:
        """(label, the language it is written in): a language whose interface texts are not
        started yet gets the English label, and a missing label falls back to Norwegian."""
        if lang in self.labels:
            return self.labels[lang], lang
        if "en" in self.labels:
            return self.labels["en"], "en"
        return self.labels[project.source_language.code], project.source_language.code


def _load_roles(project: Project) -> tuple[dict[str, Role], list[Problem]]:
    located, problems, label = project.read_data("roles")
    if located is None:
        return {}, problems
    roles: dict[str, Role] = {}
    for index, entry in enumerate(located.data["roles"]):
        line = located.line_of(("roles", index))
        if entry["id"] in roles:
            problems.append(Problem(label, line, f"the role id '{entry['id']}' is used twice", "give each role its own id"))
        roles[entry["id"]] = Role(entry["id"], dict(entry["label"]), entry.get("section"), line)
    codes = {lang.code for lang in project.languages}
    needed = [lang for lang in project.languages if lang.texts_status != "not-started"]
    for role in roles.values():
        for lang in needed:
            if lang.code not in role.labels:
                problems.append(
                    Problem(
                        label,
                        role.line,
                        f"the role '{role.id}' has no label in {lang.name_nb} ({lang.code})",
                        f"add '{lang.code}: …' under label: (the same words as data/terms/{lang.code}.yml where the role is a term)",
                    )
                )
        for code in sorted(set(role.labels) - codes):
            problems.append(
                Problem(
                    label,
                    located.line_of(("roles", list(roles).index(role.id), "label", code)),
                    f"'{code}' is not a language in data/languages.yml",
                    "remove the label, or add the language",
                )
            )
    return roles, problems


def roles(project: Project) -> dict[str, Role]:
    return project.memo("local-roles", lambda: _load_roles(project))[0]


# ---- the local edition (local.yml) ----------------------------------------------------------------
@dataclass
class Contact:
    name: str
    role: str
    phone: str | None
    email: str | None
    hours: list[dict]
    note: str | dict | None
    languages: list[str]
    line: int


@dataclass
class Routine:
    title: str
    page: str  # the page's path inside its language folder, e.g. 'lokalt/tolk.md'
    lang: str  # the language folder the page is in (nb)
    checklist: str  # the national checklist page, e.g. 'sjekklister/tolk.md'
    line: int
    page_line: int
    checklist_line: int


@dataclass
class Edition:
    folder: Path
    config_label: str  # 'examples/lokal-utgave/local.yml' (as messages name it)
    name: str
    logo: Path | None
    site_url: str | None
    contacts: list[Contact] = field(default_factory=list)
    routines: list[Routine] = field(default_factory=list)

    @property
    def logo_dest(self) -> str | None:
        return f"{LOGO_DEST}{self.logo.suffix.lower()}" if self.logo else None

    @property
    def wordlist(self) -> Path | None:
        path = self.folder / WORDLIST
        return path if path.is_file() else None


def docs_dir(project: Project) -> Path | None:
    """docs/ of the local edition (its pages, by language), when there is one."""
    return project.local_dir / "docs" if project.local_dir is not None else None


def page_paths(project: Project, lang: str) -> list[Path]:
    """The local edition's pages in one language (only those under lokalt/; others are a problem)."""
    folder = docs_dir(project)
    if folder is None or not (folder / lang / LOCAL_DIR).is_dir():
        return []
    return sorted((folder / lang / LOCAL_DIR).rglob("*.md"))


def edition(project: Project) -> Edition | None:
    """The local edition the site is built with, or None (also when it has problems: the
    checks report them and stop the build)."""
    return project.memo("local-edition", lambda: _load(project))[0]


def _load(project: Project) -> tuple[Edition | None, list[Problem]]:
    folder = project.local_dir
    if folder is None:
        return None, []
    if not folder.is_dir():
        return None, [
            Problem(
                project.label(folder),
                0,
                "the local edition's folder does not exist (HANDBOOK_LOCAL)",
                "give the folder that holds local.yml, as an absolute path or relative to the handbook's folder",
            )
        ]
    path = folder / CONFIG_FILE
    label = project.label(path)
    if not path.is_file():
        return None, [
            Problem(
                label,
                0,
                "the local edition has no local.yml",
                "write local.yml with at least 'name:' (see examples/lokal-utgave/local.yml)",
            )
        ]
    located, problems = load_data_file(path, project.schema("local"), label, project.cache_dir)
    if located is None:
        return None, problems
    data = located.data
    known_roles = roles(project)
    contacts = []
    for index, entry in enumerate(data.get("contacts") or []):
        line = located.line_of(("contacts", index))
        where = f"contacts.{index}"
        if entry["role"] not in known_roles:
            close = difflib.get_close_matches(entry["role"], list(known_roles), n=1, cutoff=0.6)
            problems.append(
                Problem(
                    label,
                    located.line_of(("contacts", index, "role")),
                    f"{where}.role is '{entry['role']}', which is not a role the handbook names",
                    (f"did you mean '{close[0]}'? The roles are: " if close else "use one of: ")
                    + f"{', '.join(known_roles)} (data/roles.yml)",
                )
            )
        if not entry.get("phone") and not entry.get("email"):
            problems.append(
                Problem(
                    label,
                    line,
                    f"the contact «{entry['name']}» has neither a phone number nor an e-mail address",
                    "add 'phone:' or 'email:' (or both), so parents can reach it",
                )
            )
        if entry.get("phone") and phone_href(entry["phone"]) is None:
            problems.append(
                Problem(
                    label,
                    located.line_of(("contacts", index, "phone")),
                    f"{where}.phone '{entry['phone']}' is not a phone number",
                    "write a Norwegian number with 8 digits (12 34 56 78, or +47 12 34 56 78), "
                    "or an international number with + and the country code",
                )
            )
        if entry.get("email") and not EMAIL.fullmatch(entry["email"]):
            problems.append(
                Problem(
                    label,
                    located.line_of(("contacts", index, "email")),
                    f"{where}.email '{entry['email']}' is not an e-mail address",
                    "write it as name@domain, e.g. ppt@kommune.example (no spaces, no mailto:)",
                )
            )
        for number, code in enumerate(entry.get("languages") or []):
            if language_name(code, "nb") is None:
                problems.append(
                    Problem(
                        label,
                        located.line_of(("contacts", index, "languages", number)),
                        f"'{code}' in {where}.languages is not a language code CLDR knows",
                        "use ISO 639 codes, e.g. nb (norsk), en, ar, so, ti, uk, pl, prs (dari)",
                    )
                )
        for number, hours in enumerate(entry.get("hours") or []):
            if _minutes(hours["from"]) >= _minutes(hours["to"]):
                problems.append(
                    Problem(
                        label,
                        located.line_of(("contacts", index, "hours", number)),
                        f"{where}.hours: {hours['from']} is not before {hours['to']}",
                        "give the opening time first",
                    )
                )
        contacts.append(
            Contact(
                entry["name"],
                entry["role"],
                entry.get("phone"),
                entry.get("email"),
                list(entry.get("hours") or []),
                entry.get("note"),
                list(entry.get("languages") or []),
                line,
            )
        )
    logo = None
    if data.get("logo"):
        logo = folder / data["logo"]
        problems += _check_logo(logo, label, located.line_of(("logo",)), data["logo"])
    routines = []
    for index, entry in enumerate(data.get("routines") or []):
        lang, _, uri = entry["page"].removeprefix("docs/").partition("/")
        routines.append(
            Routine(
                entry["title"],
                uri,
                lang,
                entry["checklist"],
                located.line_of(("routines", index)),
                located.line_of(("routines", index, "page")),
                located.line_of(("routines", index, "checklist")),
            )
        )
    found = Edition(folder, label, data["name"], logo, data.get("site_url"), contacts, routines)
    return (None if problems else found), problems


def _minutes(value: str) -> int:
    hours, minutes = re.split(r"[:.]", value)
    return int(hours) * 60 + int(minutes)


def _check_logo(path: Path, label: str, line: int, written: str) -> list[Problem]:
    if not path.is_file():
        return [
            Problem(
                label,
                line,
                f"the logo '{written}' does not exist ({path})",
                "put the file in the local edition's folder, or correct the name",
            )
        ]
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return [
            Problem(
                label,
                line,
                f"the logo '{written}' is {size / 1000:.0f} kB (at most {LOGO_MAX_BYTES // 1000} kB)",
                "use an SVG, or a PNG of at most 400 pixels' width",
            )
        ]
    data = path.read_bytes()
    if path.suffix.lower() == ".png":
        if not data.startswith(b"\x89PNG\r\n\x1a\n"):
            return [Problem(label, line, f"the logo '{written}' is not a PNG file", "export it again as PNG, or use SVG")]
        return []
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as err:
        return [
            Problem(label, line, f"the logo '{written}' is not a readable SVG file ({err.msg})", "export it again as plain SVG")
        ]
    for element in root.iter():
        tag = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if tag in ("script", "foreignObject", "iframe", "object", "embed"):
            return [
                Problem(
                    label,
                    line,
                    f"the logo '{written}' contains <{tag}>, which a logo must not have",
                    "export it again as plain SVG (shapes and text only)",
                )
            ]
        for name, value in element.attrib.items():
            local_name = etree.QName(name).localname
            if local_name.lower().startswith("on"):
                return [
                    Problem(
                        label,
                        line,
                        f"the logo '{written}' has the attribute {local_name}, which a logo must not have",
                        "export it again as plain SVG (shapes and text only)",
                    )
                ]
            if local_name == "href" and not value.startswith("#"):
                return [
                    Problem(
                        label,
                        line,
                        f"the logo '{written}' refers to another file ({value})",
                        "export it again with everything in the one SVG file",
                    )
                ]
    return []


# ---- values --------------------------------------------------------------------------------------
EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@([^\W_]([\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,}"
)


def phone_href(phone: str) -> str | None:
    """'12 34 56 78' -> 'tel:+4712345678'; None when it is not a phone number.

    A Norwegian number has eight digits and does not start with 0 or 1; an international
    number starts with + (or 00) and the country code."""
    if not re.fullmatch(r"\+?[\d\s-]+", phone.strip()):
        return None
    digits = re.sub(r"[\s-]", "", phone)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+47"):
        digits = digits[3:]
    elif digits.startswith("+"):
        return f"tel:{digits}" if 8 <= len(digits) - 1 <= 15 and digits[1] != "0" else None
    return f"tel:+47{digits}" if re.fullmatch(r"[2-9]\d{7}", digits) else None


def language_name(code: str, in_lang: str) -> str | None:
    """The name of a language in another language, from CLDR ('ar' in 'nb' -> 'arabisk')."""
    from babel.core import Locale, UnknownLocaleError, get_global

    try:
        reader = Locale.parse(in_lang)
    except (UnknownLocaleError, ValueError):
        reader = Locale.parse("en")
    alias = get_global("language_aliases").get(code, code)  # prs -> fa_AF, which CLDR calls «Dari»
    name = reader.languages.get("no" if code == "nb" else code) or reader.languages.get(alias)  # a service answers in «norsk»
    if name:
        return name
    try:
        return Locale.parse(alias).get_display_name(reader)
    except (UnknownLocaleError, ValueError):
        return None


def _list(items: list[str], lang: str) -> str:
    from babel.lists import format_list

    try:
        return format_list(items, locale=lang)
    except Exception:  # a language CLDR has no list pattern for
        return ", ".join(items)


def day_name(day: str, lang: str) -> str:
    from babel.core import Locale

    return Locale.parse(lang).days["format"]["wide"][DAYS.index(day)]


def hours_text(hours: dict, lang: str, source_lang: str) -> str:
    """'mandag–fredag 08.00–15.30' in Norwegian, 'Monday–Friday 08:00–15:30' in English: day
    names from CLDR, times as written (Norwegian writes them with a full stop)."""
    days = [d.strip() for d in re.split(r"[–-]", hours["days"])]
    names = "–".join(day_name(d, lang) for d in days)
    sep = "." if lang == source_lang else ":"
    start, end = (re.sub(r"[:.]", sep, hours[key]) for key in ("from", "to"))
    return f"{names} {start}–{end}"


# ---- checks ----------------------------------------------------------------------------------------
def check_data(project: Project) -> list[Problem]:
    """data/roles.yml always; local.yml when the site is built with a local edition."""
    problems = project.memo("local-roles", lambda: _load_roles(project))[1]
    if problems:
        return problems
    return list(project.memo("local-edition", lambda: _load(project))[1])


def check_pages(project: Project) -> list[Problem]:
    """The local edition's folder and pages: only language folders and pages under lokalt/,
    addresses that work, routines that lead to a local page and belong to a checklist, and
    role sections that exist on the contact page."""
    problems = _check_role_sections(project)
    folder = docs_dir(project)
    if folder is None:
        return problems
    from .checks import FILE_NAME

    codes = {lang.code for lang in project.languages}
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.name not in codes or not entry.is_dir():
            problems.append(
                Problem(
                    project.label(entry),
                    0,
                    f"'{entry.name}' is not a language folder of the handbook",
                    f"put pages in docs/<language>/{LOCAL_DIR}/ (languages: {', '.join(sorted(codes))})",
                )
            )
            continue
        for path in sorted(entry.rglob("*")):
            rel = path.relative_to(entry)
            if rel.parts[0] != LOCAL_DIR:
                problems.append(
                    Problem(
                        project.label(path),
                        0,
                        f"a local page or file outside {LOCAL_DIR}/",
                        f"move it to {project.label(entry / LOCAL_DIR / rel.name)}: local pages live in {LOCAL_DIR}/, "
                        "so they never replace a page of the handbook",
                    )
                )
                break
            bad = next((part for part in rel.parts if not FILE_NAME.fullmatch(part)), None)
            if bad:
                problems.append(
                    Problem(
                        project.label(path),
                        0,
                        f"the name '{bad}' is not a good address (use a–z, 0–9 and hyphens)",
                        "rename it (the name becomes part of the page's address)",
                    )
                )
    found = edition(project)
    if found is None:
        return problems
    source = project.source_language.code
    for routine in found.routines:
        page = project.pages.get(routine.lang, {}).get(routine.page)
        if page is None or not page.local:
            problems.append(
                Problem(
                    found.config_label,
                    routine.page_line,
                    f"the routine «{routine.title}» names the page docs/{routine.lang}/{routine.page}, which this folder does not have",
                    f"write the page in {project.label(found.folder / 'docs' / routine.lang / routine.page)}, or correct 'page:'",
                )
            )
        target = project.pages[source].get(routine.checklist)
        if target is None or not target.meta.get("checklist") or target.local:
            checklists = sorted(uri for uri, p in project.pages[source].items() if p.meta.get("checklist") and not p.local)
            close = difflib.get_close_matches(routine.checklist, checklists, n=1, cutoff=0.6)
            problems.append(
                Problem(
                    found.config_label,
                    routine.checklist_line,
                    f"the routine «{routine.title}» belongs to '{routine.checklist}', which is not a checklist of the handbook",
                    f"did you mean '{close[0]}'?"
                    if close
                    else "use the path of a checklist page in docs/nb/, e.g. sjekklister/tolk.md",
                )
            )
    return problems


def _check_role_sections(project: Project) -> list[Problem]:
    source = project.source_language.code
    problems = []
    for role in roles(project).values():
        if role.section and role.section not in project.page_ids(source, CONTACT_PAGE):
            problems.append(
                Problem(
                    "data/roles.yml",
                    role.line,
                    f"the role '{role.id}' links to #{role.section}, which docs/{source}/{CONTACT_PAGE} does not have",
                    "use a heading id of that page, or remove 'section:'",
                )
            )
    return problems


# ---- what the site shows --------------------------------------------------------------------------
def site_name(project: Project, lang) -> str:
    """The site name in the header and in every page title: the handbook's, and the edition's."""
    found = edition(project)
    return f"{lang.site_name} – {found.name}" if found else lang.site_name


def local_pages(project: Project, lang: str) -> list[DocPage]:
    """The local pages of one language, in navigation order: lokalt/index.md first, then by title."""
    pages = [page for page in project.pages.get(lang, {}).values() if page.local]
    return sorted(pages, key=lambda p: (p.uri != f"{LOCAL_DIR}/index.md", p.meta["title"].casefold(), p.uri))


def nav_section(project: Project, lang: str) -> dict | None:
    """{«Lokalt: <name>»: [page paths]} for the navigation of one language, or None."""
    found = edition(project)
    pages = local_pages(project, lang) if found else []
    if not pages:
        return None
    title = project.language(lang).ui["local_section"].replace("{name}", found.name)
    return {title: [page.uri for page in pages]}


def _in(lang: str, text: str, written_in: str, project: Project) -> str:
    """Text in another language than the page's, marked with its language and direction."""
    if written_in == lang:
        return html.escape(text)
    other = project.language(written_in) if written_in in {x.code for x in project.languages} else None
    direction = other.dir if other else "ltr"
    return f'<bdi lang="{written_in}" dir="{direction}">{html.escape(text)}</bdi>'


def contacts_markdown(ctx) -> str:
    """The generated section «Kontakter i <name>» (hb:local-contacts); empty without a local edition."""
    project = ctx.project
    found = edition(project)
    if found is None or not found.contacts:
        return ""
    lang, source = ctx.lang, ctx.source_lang
    ui = ctx.ui
    known_roles = roles(project)
    name = _in(lang, found.name, source, project)
    out = [
        f"## {ui['local_contacts'].replace('{name}', name)} {{#{CONTACTS_ID}}}",
        "",
        html.escape(ui["local_contacts_intro"]),
        "",
        '<div class="hb-contacts">',
    ]
    for contact in found.contacts:
        role = known_roles[contact.role]
        label, label_lang = role.label(project, lang)
        role_html = _in(lang, label, label_lang, project)
        if role.section:
            role_html = f'<a href="#{role.section}">{role_html}</a>'
        rows = []
        if contact.phone:
            rows.append((ui["local_phone"], f'<a href="{phone_href(contact.phone)}" dir="ltr">{html.escape(contact.phone)}</a>'))
        if contact.email:
            rows.append(
                (ui["local_email"], f'<a href="mailto:{html.escape(contact.email)}" dir="ltr">{html.escape(contact.email)}</a>')
            )
        if contact.hours:
            rows.append((ui["local_hours"], "<br>".join(html.escape(hours_text(h, lang, source)) for h in contact.hours)))
        if contact.languages:
            names = [language_name(code, lang) or code for code in contact.languages]
            rows.append((ui["local_languages"], html.escape(_list(names, lang))))
        details = "".join(f"<dt>{html.escape(key)}</dt><dd>{value}</dd>" for key, value in rows)
        note = ""
        if contact.note:
            text, note_lang = (
                (contact.note, source)
                if isinstance(contact.note, str)
                else ((contact.note[lang], lang) if lang in contact.note else (contact.note[source], source))
            )
            note = f'<p class="hb-contact__note">{_in(lang, text, note_lang, project)}</p>'
        out.append(
            f'<section class="hb-contact" aria-label="{html.escape(contact.name)}">'
            f'<h3 class="hb-contact__name">{_in(lang, contact.name, source, project)}</h3>'
            f'<p class="hb-contact__role">{role_html}</p>'
            f'<dl class="hb-contact__details">{details}</dl>{note}</section>'
        )
    out += ["</div>", ""]
    return "\n".join(out)


def routine_lines(ctx) -> list[str]:
    """«Lokal rutine» boxes for the checklist being rendered (before its items)."""
    found = edition(ctx.project)
    if found is None:
        return []
    project, lang, source = ctx.project, ctx.lang, ctx.source_lang
    out = []
    for routine in found.routines:
        if routine.checklist != ctx.uri:
            continue
        translated = project.pages.get(lang, {}).get(routine.page)
        if translated is not None and lang != source:
            text = html.escape(translated.meta["title"])
        else:
            text = _in(lang, routine.title, source, project)
        link = posixpath.relpath(routine.page, posixpath.dirname(ctx.uri) or ".")
        title = project.language(lang).ui["local_routine"].replace("{name}", found.name).replace('"', "'")
        out += ["", f'!!! info "{title}"', f"    [{text}]({link})", ""]
    return out


def files(project: Project, lang: str) -> list[tuple[str, Path]]:
    """What the build adds to one language's site: the local pages and their images
    (``(path inside the language folder, file)``), and, with the source language, the logo."""
    found = edition(project)
    folder = docs_dir(project)
    if found is None or folder is None:
        return []
    out = []
    base = folder / lang / LOCAL_DIR
    if base.is_dir():
        out += [(path.relative_to(folder / lang).as_posix(), path) for path in sorted(base.rglob("*")) if path.is_file()]
    if found.logo and lang == project.source_language.code:
        out.append((found.logo_dest, found.logo))
    return out
