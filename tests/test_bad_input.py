"""Bad input, kind by kind: each is written into a fresh copy of the small test handbook, and
`handbook check` must stop with exactly one message, naming the file and line and saying
what to do. README.md's table «What the build says about bad input» lists the same kinds
(a test keeps the two in step)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT, messages

MINI_LOCAL = ROOT / "tests" / "fixtures" / "mini-local"


@dataclass(frozen=True)
class Case:
    kind: str  # as in README's table
    change: Callable[[Path], None]
    where: str  # the file (and line) the message must name, e.g. "docs/nb/x.md:12"
    says: str  # a part of the message
    text: bool = False  # needs the text phase (spelling, readability, own words)
    local: bool = False  # built with a local edition (tests/fixtures/mini-local, copied to lokal/)


def edit(path: str, old: str, new: str, count: int = 1) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, count), encoding="utf-8")

    return change


def append(path: str, line: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        file.write_text(file.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n", encoding="utf-8")

    return change


def write(path: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")

    return change


GUIDE = "docs/nb/veiledning/samarbeid.md"
LOCAL = "lokal/local.yml"  # a local edition in the test handbook's folder (HANDBOOK_LOCAL=lokal)
LOCAL_PAGE = "lokal/docs/nb/lokalt/rutine.md"
PARENT = "docs/nb/foreldre/tolk.md"
CHECKLIST = "docs/nb/sjekklister/samtale.md"
LETTER = "data/letters/invitasjon"
PAGE = (
    "---\ntitle: Ny side\ndescription: En ny side i testhåndboka som ikke står i navigasjonen.\naudience: [lærer]\n"
    "last_reviewed: 2026-01-20\n---\n\n# Ny side\n\nTekst.\n"
)

CASES = [
    # ---- data files --------------------------------------------------------------------------
    Case(
        "A tab in a data file",
        edit("data/sources.yml", "    short: Hefte 2020", "\tshort: Hefte 2020"),
        "data/sources.yml:4",
        "tab",
    ),
    Case(
        "Broken YAML in a data file",
        edit("data/changelog.yml", "kind: content", "kind: [content"),
        "data/changelog.yml",
        "cannot be read",
    ),
    Case(
        "An unknown key in a data file",
        edit("data/sources.yml", "    short: Hefte 2020", "    shortt: Hefte 2020"),
        "data/sources.yml",
        "'shortt'",
    ),
    Case(
        "A schema error in the law registry (and no knock-on errors)",
        edit("data/law.yml", "status: current", "status: gjeldende"),
        "data/law.yml",
        "'gjeldende'",
    ),
    Case("A source id used twice", edit("data/sources.yml", "id: studie", "id: praksis-hefte"), "data/sources.yml", "used twice"),
    Case(
        "A law id used twice",
        edit(
            "data/law.yml",
            "  - id: barnelova\n",
            "  - id: barnelova\n    short: barnelova\n    name: Lov om barn og foreldre\n    ref: LOV-1981-04-08-7\n"
            "    status: current\n    lovdata: https://lovdata.no/lov/1981-04-08-7\n  - id: barnelova\n",
        ),
        "data/law.yml",
        "used twice",
    ),
    Case(
        "A repealed provision that names no successor",
        edit("data/law.yml", "    successor: opplaringslova 10-3\n", ""),
        "data/law.yml",
        "names no successor",
    ),
    Case(
        "A successor that is not in the registry",
        edit("data/law.yml", "successor: opplaringslova 10-3", "successor: opplaringslova 10-99"),
        "data/law.yml",
        "not in the registry",
    ),
    Case(
        "A provision of an unknown law",
        edit("data/law.yml", "  - law: barnelova", "  - law: barnelov"),
        "data/law.yml",
        "unknown law 'barnelov'",
    ),
    Case(
        "A glossary reference to an unknown provision",
        edit("data/glossary.yml", "[§ opplaringslova 10-3]", "[§ opplaringslova 10-4]"),
        "data/glossary.yml",
        "unknown law reference",
    ),
    Case(
        "A term base entry for a term that does not exist",
        edit("data/terms/en.yml", "  kontaktlaerer:", "  kontaktlerer:"),
        "data/terms/en.yml",
        "not a term",
    ),
    Case(
        "The Norwegian word in brackets in a term base",
        edit("data/terms/en.yml", "term: contact teacher", "term: contact teacher (kontaktlærer)"),
        "data/terms/en.yml",
        "without the Norwegian word",
    ),
    Case(
        "A language declared twice",
        edit("data/languages.yml", "- code: en", "- code: nb"),
        "data/languages.yml",
        "declared twice",
    ),
    Case(
        "HTML in an interface text",
        edit("data/languages.yml", "in_norwegian: på norsk", "in_norwegian: <b>på norsk</b>"),
        "data/languages.yml",
        "no HTML",
    ),
    Case(
        "Changelog entries out of date order",
        edit(
            "data/changelog.yml",
            "entries:\n",
            "entries:\n  - id: eldst\n    date: '2025-01-01'\n"
            "    kind: content\n    title: Eldre\n    summary: En eldre endring som står først.\n",
        ),
        "data/changelog.yml",
        "date order",
    ),
    Case(
        "A changelog entry for a page that does not exist",
        edit("data/changelog.yml", "veiledning/samarbeid.md", "veiledning/finnes-ikke.md"),
        "data/changelog.yml",
        "does not exist",
    ),
    Case(
        "A search synonym group for a page that does not exist",
        append("data/search_synonyms.yml", "  - terms: [lærer, pedagog]\n    pages: [finnes-ikke.md]"),
        "data/search_synonyms.yml",
        "does not exist",
    ),
    Case(
        "An unknown kind of evidence for a basis label",
        edit("data/basis.yml", "evidence: forskning", "evidence: studier"),
        "data/basis.yml",
        "'studier'",
    ),
    Case(
        "A letter translation without a placeholder of the Norwegian letter",
        edit(f"{LETTER}/en.yml", "on {dato} at {tid}.\n", "on {dato}.\n"),
        f"{LETTER}/en.yml:2",
        "has no {tid}",
    ),
    Case(
        "A placeholder in a letter translation that the Norwegian letter does not have",
        edit(f"{LETTER}/en.yml", "at {tid}.", "at {tid} in {sted}."),
        f"{LETTER}/en.yml:5",
        "{sted} in the letter is not in the Norwegian text",
    ),
    Case(
        "A choice option of a letter that is not translated",
        edit(f"{LETTER}/en.yml", "    nei: Tell us if you need an interpreter.\n", ""),
        f"{LETTER}/en.yml:10",
        "the option 'nei' of 'tolk' is not translated",
    ),
    Case(
        "A placeholder in a letter that names no field",
        lambda root: [edit(f"{LETTER}/{lang}.yml", "  {tolk}\n", "  {tolk}\n\n  {sted}\n")(root) for lang in ("nb", "en")],
        f"{LETTER}/nb.yml:40",
        "names no field",
    ),
    Case(
        "A letter that links to a page that does not exist",
        edit(f"{LETTER}/nb.yml", "sjekklister/samtale.md]", "sjekklister/borte.md]"),
        f"{LETTER}/nb.yml:7",
        "docs/nb/sjekklister/borte.md, which does not exist",
    ),
    Case(
        "A letter file for a language the handbook does not have",
        write(f"{LETTER}/de.yml", "title: Einladung\n"),
        f"{LETTER}/de.yml",
        "not a language of the handbook",
    ),
    # ---- pages ---------------------------------------------------------------------------------------
    Case("A folder in docs/ that is not a language", write("docs/de/index.md", PAGE), "docs/de/", "not a language"),
    Case("A file directly in docs/", write("docs/notat.md", PAGE), "docs/notat.md", "only language folders"),
    Case(
        "A file name with spaces or capitals",
        write("docs/nb/veiledning/Ny Side.md", PAGE),
        "docs/nb/veiledning/Ny Side.md",
        "not a good address",
    ),
    Case(
        "A page without front matter", write("docs/nb/veiledning/samarbeid.md", "# Bare tekst\n"), GUIDE + ":1", "no front matter"
    ),
    Case(
        "Front matter that is never closed",
        edit(GUIDE, "sources: [praksis-hefte, studie]\n---", "sources: [praksis-hefte, studie]"),
        GUIDE + ":1",
        "no closing",
    ),
    Case(
        "A colon in a title without quotes",
        edit(GUIDE, "title: Samarbeid med hjemmet", "title: Samarbeid: med hjemmet"),
        GUIDE + ":2",
        "quotes",
    ),
    Case("A required front matter key missing", edit(GUIDE, "last_reviewed: 2026-01-20\n", ""), GUIDE, "'last_reviewed'"),
    Case("A misspelt front matter key", edit(GUIDE, "last_reviewed:", "last_reviwed:"), GUIDE, "last_reviwed"),
    Case(
        "HTML in a page title",
        edit(GUIDE, "title: Samarbeid med hjemmet", 'title: "Samarbeid <img src=x onerror=alert(1)>"'),
        GUIDE + ":2",
        "no HTML",
    ),
    Case(
        "A review date in the future",
        edit(GUIDE, "last_reviewed: 2026-01-20", "last_reviewed: 2099-01-01"),
        GUIDE + ":5",
        "in the future",
    ),
    Case("Two pages with one title", edit(PARENT, "title: Tolk", "title: For foreldre"), PARENT + ":2", "also used by"),
    Case(
        "The navigation names a page that does not exist",
        edit("mkdocs.yml", "- veiledning/samarbeid.md", "- veiledning/samarbeid.md\n  - veiledning/borte.md"),
        "mkdocs.yml",
        "'veiledning/borte.md'",
    ),
    Case(
        "A page that is not in the navigation",
        write("docs/nb/veiledning/ny.md", PAGE),
        "docs/nb/veiledning/ny.md",
        "not in the navigation",
    ),
    Case(
        "A heading without a fixed id",
        edit(PARENT, "## Be om tolk {#be-om-tolk}", "## Be om tolk"),
        PARENT + ":10",
        "no fixed id",
    ),
    Case("Two headings with one id", append(PARENT, "## Igjen {#be-om-tolk}\n\nTekst."), PARENT, "also used on line"),
    Case(
        "A translation without a Norwegian page",
        write("docs/en/foreldre/borte.md", PAGE.replace("audience: [lærer]", "audience: [foreldre]")),
        "docs/en/foreldre/borte.md",
        "no Norwegian source",
    ),
    Case(
        "A translation that does not record its Norwegian text",
        edit(
            "docs/en/foreldre/index.md",
            'translation:\n  source_hash: "0000000000000000"\n  status: draft\n  method: machine-assisted\n',
            "",
        ),
        "docs/en/foreldre/index.md",
        "does not record",
    ),
    Case(
        "A translation without the Norwegian page's generated section",
        append("docs/nb/foreldre/index.md", "<!-- hb:parent-glossary -->"),
        "docs/en/foreldre/index.md:1",
        "<!-- hb:parent-glossary -->",
    ),
    Case(
        "A parent page that is not for parents",
        edit(PARENT, "audience: [foreldre]", "audience: [lærer]"),
        PARENT + ":4",
        "parent section",
    ),
    Case("A checklist item id used twice", edit(CHECKLIST, "- id: oppsummer", "- id: inviter"), CHECKLIST, "used twice"),
    Case(
        "A checklist item over 25 words",
        edit(CHECKLIST, "text: Send en kort oppsummering.", "text: " + " ".join(["ord"] * 26)),
        CHECKLIST,
        "26 words",
    ),
    Case(
        "A checklist without any source or law reference",
        lambda root: [
            edit(CHECKLIST, old, new)(root)
            for old, new in (
                ('          ref: "[@praksis-hefte, «Invitasjon», L10–12]"\n', ""),
                ('          ref: "[§ opplaringslova 10-3]"\n', ""),
                ("sources: [praksis-hefte]\n", ""),
                ("basis: [praksis, lovkrav]", "basis: [forslag]"),
            )
        ],
        CHECKLIST,
        "no source or law reference",
    ),
    Case(
        "A page that shows a letter that does not exist",
        edit(GUIDE, "audience: [lærer]\n", "audience: [lærer]\nletter: finnes-ikke\n"),
        GUIDE + ":5",
        "unknown letter 'finnes-ikke'",
    ),
    Case(
        "An SVG figure without a description",
        edit("docs/nb/veiledning/bilder/sirkel.svg", "<desc>En blå sirkel midt i bildet.</desc>", ""),
        "docs/nb/veiledning/bilder/sirkel.svg",
        "<desc>",
    ),
    # ---- Markdown ------------------------------------------------------------------------------------------
    Case(
        "A citation of an unknown source",
        edit(GUIDE, "[@studie, s. 4]", "[@studi, s. 4]"),
        GUIDE + ":14",
        "did you mean 'studie'",
    ),
    Case(
        "A citation of a source the page does not list",
        edit(GUIDE, "Ring heller enn å skrive.", "Ring heller [@veileder]."),
        GUIDE + ":18",
        "does not list it under 'sources:'",
    ),
    Case(
        "A listed source the page never cites",
        edit(GUIDE, "sources: [praksis-hefte, studie]", "sources: [praksis-hefte, studie, veileder]"),
        GUIDE + ":6",
        "never cites it",
    ),
    Case(
        "A guidance page without sources",
        write(
            GUIDE,
            PAGE.replace("Ny side", "Uten kilder").replace(
                "Tekst.", '## Hvorfor {#hvorfor basis="forslag"}\n\nTekst.\n\n## Slik {#slik basis="forslag"}\n\nTekst.'
            ),
        ),
        GUIDE + ":1",
        "must show its sources",
    ),
    Case(
        "An unknown law reference",
        edit(GUIDE, "[§ opplaringslova 10-3]", "[§ opplaringslova 10-33]"),
        GUIDE + ":13",
        "unknown law reference",
    ),
    Case(
        "A misspelt law id",
        edit(GUIDE, "[§ opplaringslova 10-3]", "[§ opplæringslova 10-3]"),
        GUIDE + ":13",
        "did you mean 'opplaringslova'",
    ),
    Case(
        "A plain § that is not a reference",
        edit(PARENT, "Du kan be skolen om tolk.", "Se § 6 i tolkeloven."),
        PARENT + ":12",
        "plain '§'",
    ),
    Case(
        "A link to a page that does not exist",
        edit(PARENT, "(../veiledning/samarbeid.md#slik)", "(../veiledning/borte.md)"),
        PARENT + ":12",
        "does not exist",
    ),
    Case(
        "A link to a heading that does not exist",
        edit(PARENT, "samarbeid.md#slik", "samarbeid.md#borte"),
        PARENT + ":12",
        "#borte",
    ),
    Case(
        "A javascript: link",
        edit(PARENT, "(../veiledning/samarbeid.md#slik)", "(javascript:alert(1))"),
        PARENT + ":12",
        "javascript:",
    ),
    Case(
        "An unencrypted http:// link",
        edit(PARENT, "(../veiledning/samarbeid.md#slik)", "(http://example.org/)"),
        PARENT + ":12",
        "http://",
    ),
    Case(
        "A link to the handbook's own address",
        edit(PARENT, "(../veiledning/samarbeid.md#slik)", "(https://skole-hjem-handboka.example/om/)"),
        PARENT + ":12",
        "own address",
    ),
    Case("An image without alt text", edit(GUIDE, "![En blå sirkel]", "![]"), GUIDE + ":20", "no alt text"),
    Case("An image that does not exist", edit(GUIDE, "bilder/sirkel.svg", "bilder/borte.svg"), GUIDE + ":20", "does not exist"),
    Case(
        "An image from another site",
        edit(GUIDE, "(bilder/sirkel.svg)", "(https://example.org/x.png)"),
        GUIDE + ":20",
        "another site",
    ),
    Case("A script in a page", append(PARENT, "<script>alert(1)</script>"), PARENT + ":14", "<script>"),
    Case(
        "An event handler attribute", append(PARENT, '<div class="x" onclick="alert(1)">Klikk</div>'), PARENT + ":14", "onclick"
    ),
    Case(
        "An image with onerror in raw HTML",
        append(PARENT, '<img src="x.png" alt="x" onerror="alert(1)">'),
        PARENT + ":14",
        "onerror",
    ),
    Case("An admonition without a title", append(PARENT, "!!! tip\n    Et tips."), PARENT + ":14", "no title"),
    Case("An unknown generated section", append(PARENT, "<!-- hb:finnes-ikke -->"), PARENT + ":14", "hb:finnes-ikke"),
    Case("A fragment in an unknown language", append(PARENT, "Et [ord]{lang=xx} her."), PARENT + ":14", "unknown language 'xx'"),
    Case(
        "A guidance section without a basis label",
        edit(GUIDE, '{#slik basis="praksis forslag"}', "{#slik}"),
        GUIDE + ":16",
        "does not say what its advice rests on",
    ),
    Case(
        "A basis label the section does not back",
        edit(GUIDE, 'basis="praksis forslag"', 'basis="praksis forskning forslag"'),
        GUIDE + ":16",
        "cites no source with basis forskning",
    ),
    Case(
        "A cited kind of evidence missing from the label",
        edit(GUIDE, 'basis="praksis forslag"', 'basis="forslag"'),
        GUIDE + ":16",
        "does not say «Erfaring fra praksis»",
    ),
    # ---- text ---------------------------------------------------------------------------------------------------
    Case(
        "A misspelt Norwegian word",
        edit(PARENT, "Du kan be skolen om tolk.", "Du kan be skolen om tollk."),
        PARENT + ":12",
        "unknown word «tollk»",
        text=True,
    ),
    Case(
        "A parent page that is hard to read",
        append(
            PARENT,
            " ".join(
                [
                    "Samarbeidsrelasjonene mellom skoleadministrasjonen og foresatte forutsetter tilstrekkelig "
                    "informasjonsutveksling, gjensidig forståelse og kontinuerlig oppfølging gjennom hele opplæringsløpet"
                ]
                * 3
            )
            + ".",
        ),
        PARENT + ":1",
        "LIX",
        text=True,
    ),
    # ---- a local edition (HANDBOOK_LOCAL) ------------------------------------------------------------------------
    Case(
        "An unknown role in a local edition", edit(LOCAL, "role: ppt", "role: pp"), LOCAL + ":6", "did you mean 'ppt'", local=True
    ),
    Case(
        "A phone number that is not one (local edition)",
        edit(LOCAL, '"40 00 00 02"', '"40 00 002"'),
        LOCAL + ":7",
        "is not a phone number",
        local=True,
    ),
    Case(
        "An e-mail address that is not one (local edition)",
        edit(LOCAL, "email: ppt@testvik.example", "email: ppt(at)testvik.example"),
        LOCAL + ":8",
        "is not an e-mail address",
        local=True,
    ),
    Case(
        "A misspelt key in local.yml",
        edit(LOCAL, '    phone: "+47', '    phnoe: "+47'),
        LOCAL + ":16",
        "did you mean 'phone'",
        local=True,
    ),
    Case(
        "A local routine for a page that is not a checklist",
        edit(LOCAL, "checklist: sjekklister/samtale.md", "checklist: sjekklister/samtal.md"),
        LOCAL + ":20",
        "did you mean 'sjekklister/samtale.md'",
        local=True,
    ),
    Case(
        "A local page outside lokalt/",
        write("lokal/docs/nb/rutine.md", PAGE),
        "lokal/docs/nb/rutine.md",
        "outside lokalt/",
        local=True,
    ),
    Case(
        "A local page without front matter", write(LOCAL_PAGE, "# Bare tekst\n"), LOCAL_PAGE + ":1", "no front matter", local=True
    ),
    Case(
        "A broken link in a local page",
        edit(LOCAL_PAGE, "(../sjekklister/samtale.md)", "(../sjekklister/borte.md)"),
        LOCAL_PAGE + ":10",
        "does not exist",
        local=True,
    ),
    Case(
        "A local page that cites a source it does not list",
        edit(LOCAL_PAGE, "før samtalen.", "før samtalen [@studie, s. 4]."),
        LOCAL_PAGE + ":10",
        "does not list it under 'sources:'",
        local=True,
    ),
    Case(
        "A script in a local edition's logo",
        lambda root: [
            write("lokal/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')(root),
            edit(LOCAL, "site_url:", "logo: logo.svg\nsite_url:")(root),
        ],
        LOCAL + ":3",
        "contains <script>",
        local=True,
    ),
    Case(
        "A misspelt word in a local page",
        edit(LOCAL_PAGE, "Ring skolens kontor", "Rign skolens kontor"),
        LOCAL_PAGE + ":12",
        "lokal/wordlist.txt",
        text=True,
        local=True,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.kind)
def test_bad_input_gives_one_clear_message(case, mini, monkeypatch):
    monkeypatch.setenv("HANDBOOK_SOURCES_DIR", str(mini / "no-sources"))
    if case.local:
        import shutil

        shutil.copytree(MINI_LOCAL, mini / "lokal")
        monkeypatch.setenv("HANDBOOK_LOCAL", "lokal")
    else:
        monkeypatch.delenv("HANDBOOK_LOCAL", raising=False)
    case.change(mini)
    found = messages(mini) if case.text else messages(mini, text=False)
    assert len(found) == 1, found
    message = found[0]
    assert message.startswith(case.where), message
    assert case.says in message, message
    assert " — " in message  # every message says what to do


def test_the_readme_lists_every_kind():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("### What the build says about bad input") :]
    listed = re.findall(r"^\| (.+?) \| ", table, flags=re.M)[1:]
    assert [case.kind for case in CASES] == [k for k in listed if k in {c.kind for c in CASES}]
    assert set(listed) - {"Kind"} >= {case.kind for case in CASES}
    assert len(CASES) >= 40
