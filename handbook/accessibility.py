"""The accessibility statement, from what the tests found.

The browser tests (tests/test_accessibility.py and tests/test_accessibility_print.py)
record what they checked, how, with which tool versions, on how many pages, and what
they found. Run with ``HANDBOOK_RECORD_A11Y=1`` they write that record to
``data/accessibility.yml``; «Tilgjengelighetserklæring» renders its sections from it
(``<!-- hb:accessibility -->``), so the statement says what was really tested and never
more. The record is only written when every recorded check ran and the whole run passed.

Also here: colour contrast as WCAG defines it, used by the tests.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dates import long_date
from .problems import Problem
from .project import Project

DATA = "accessibility"
RECORD_COMMAND = "HANDBOOK_RECORD_A11Y=1 .venv/bin/python -m pytest tests/test_accessibility.py tests/test_accessibility_print.py"


# ---- contrast (WCAG 2.2, «relative luminance» and «contrast ratio») ---------------------------------
def parse_colour(text: str) -> tuple[float, float, float, float]:
    """'rgb(1, 2, 3)', 'rgba(1, 2, 3, 0.5)', 'color(srgb 0.1 0.2 0.3 / 0.5)' or '#112233' -> (r, g, b, alpha)."""
    text = text.strip()
    if text.startswith("#"):
        digits = text[1:]
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits)
        values = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
        return (values[0], values[1], values[2], values[3] / 255 if len(values) > 3 else 1.0)
    if text.startswith("color(srgb"):
        numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
        alpha = numbers[3] if len(numbers) > 3 else 1.0
        return (numbers[0] * 255, numbers[1] * 255, numbers[2] * 255, alpha)
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)]
    if text == "transparent" or not numbers:
        return (0, 0, 0, 0.0)
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour: tuple[float, float, float, float], background: tuple[float, float, float]) -> tuple[float, float, float]:
    """A (partly transparent) colour painted over an opaque background."""
    r, g, b, a = colour
    return (r * a + background[0] * (1 - a), g * a + background[1] * (1 - a), b * a + background[2] * (1 - a))


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# ---- the record the tests write -------------------------------------------------------------------
@dataclass
class Recorder:
    """Collects, during a pytest session, what each check looked at and found; writes
    data/accessibility.yml. ``definitions`` names every check the statement expects, with
    its Norwegian title, what it tests and how (tests/a11y_checks.py)."""

    definitions: dict[str, dict]
    notes: dict[str, dict] = field(default_factory=dict)
    findings: dict[str, dict] = field(default_factory=dict)  # best-practice rule -> finding
    tools: dict[str, str] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages in the site
    exceptions: list[dict] = field(default_factory=list)
    not_tested: list[dict] = field(default_factory=list)
    status: str = ""  # whether the record was written, for the test report

    def note(self, check: str, pages=(), problems: int = 0, **details) -> None:
        """Add to a check: the pages it looked at, how many problems it found, and measurements
        (numbers add up; dicts of numbers keep the lowest value per key; lists collect)."""
        if check not in self.definitions:
            raise KeyError(f"unknown accessibility check '{check}' (declare it in tests/a11y_checks.py)")
        entry = self.notes.setdefault(check, {"pages": [], "problems": 0, "details": {}})
        entry["pages"] += [page for page in pages if page not in entry["pages"]]
        entry["problems"] += problems
        for key, value in details.items():
            old = entry["details"].get(key)
            if isinstance(value, bool) or old is None:
                entry["details"][key] = value
            elif isinstance(value, (int, float)):
                entry["details"][key] = old + value
            elif isinstance(value, dict):
                entry["details"][key] = {k: min(v, old.get(k, v)) for k, v in {**old, **value}.items()}
            elif isinstance(value, list):
                entry["details"][key] = old + [v for v in value if v not in old]
            else:
                entry["details"][key] = value

    def finding(self, rule: str, impact: str | None, help_text: str, page: str, targets: list) -> None:
        entry = self.findings.setdefault(
            rule, {"rule": rule, "impact": impact or "minor", "help": help_text, "pages": [], "examples": []}
        )
        if page not in entry["pages"]:
            entry["pages"].append(page)
        if len(entry["examples"]) < 3:
            target = targets[0] if targets else ""
            entry["examples"].append(
                {"page": "/" + page, "element": " ".join(map(str, target)) if isinstance(target, list) else str(target)}
            )

    def missing(self) -> list[str]:
        return [name for name in self.definitions if name not in self.notes]

    def failed(self) -> list[str]:
        return [name for name, note in self.notes.items() if note["problems"]]

    def summary_lines(self) -> list[str]:
        lines = []
        for finding in sorted(self.findings.values(), key=lambda f: (-len(f["pages"]), f["rule"])):
            example = finding["examples"][0] if finding["examples"] else {}
            lines.append(
                f"{finding['rule']} ({finding['impact']}, {len(finding['pages'])} pages): {finding['help']}"
                + (f" — e.g. {example['page']} {example['element']}" if example else "")
            )
        return lines

    def as_data(self, date: str, commit: str | None) -> dict:
        checks = []
        for name, definition in self.definitions.items():
            note = self.notes.get(name)
            if note is None:
                continue
            check = {
                "id": name,
                "title": definition["title"],
                "what": definition["what"],
                "how": definition["how"],
                "result": "failed" if note["problems"] else "passed",
                "pages": len(note["pages"]),
            }
            details = dict(note["details"])
            if note["pages"] and len(note["pages"]) <= 30:
                details["pages_tested"] = ["/" + page for page in note["pages"]]
            if details:
                check["details"] = details
            checks.append(check)
        return {
            "date": date,
            "standard": "WCAG 2.2 AA",
            "commit": commit or "unknown",
            "command": RECORD_COMMAND,
            "tools": [{"name": name, "version": version} for name, version in self.tools.items()],
            "pages": {"total": sum(self.pages.values()), "by_language": dict(self.pages)},
            "checks": checks,
            "findings": [{**f, "pages": len(f["pages"])} for f in sorted(self.findings.values(), key=lambda f: f["rule"])],
            "exceptions": self.exceptions,
            "not_tested": self.not_tested,
        }

    def write(self, path: Path, commit: str | None, date: str | None = None) -> None:
        date = date or dt.date.today().isoformat()
        header = (
            "# What the accessibility tests checked and found. Written by the tests, never by hand:\n"
            f"#   {RECORD_COMMAND}\n"
            "# «Tilgjengelighetserklæring» (docs/nb/om/tilgjengelighet.md) is rendered from it.\n"
            "# Schema: data/schemas/accessibility.schema.json.\n"
        )
        text = yaml.safe_dump(self.as_data(date, commit), sort_keys=False, allow_unicode=True, width=110)
        path.write_text(header + text, encoding="utf-8")


# ---- reading it, and the statement ----------------------------------------------------------------
def load(project: Project) -> tuple[dict | None, list[Problem]]:
    """The recorded results; none (and no problem) while they have never been recorded, since
    the tests that record them need a site that builds. tests/test_accessibility_record.py
    makes sure the committed file exists and matches the tests."""

    def read():
        if not (project.data_dir / f"{DATA}.yml").is_file():
            return None, ()
        located, problems, label = project.read_data(DATA)
        return (located.data if located else None), tuple(problems)

    data, problems = project.memo(DATA, read)
    return data, list(problems)


def check_project(project: Project) -> list[Problem]:
    return load(project)[1]


NUMBERS = {0: "ingen", 1: "én", 2: "to", 3: "tre", 4: "fire", 5: "fem", 6: "seks", 7: "sju", 8: "åtte", 9: "ni", 10: "ti"}


def count(n: int, one: str, many: str) -> str:
    return f"{NUMBERS.get(n, str(n))} {one if n == 1 else many}"


def measured(check: dict) -> str:
    """What a check measured, in a sentence (only for the measurements worth saying)."""
    details = check.get("details") or {}
    parts = []
    if details.get("focus_stops"):
        parts.append(f"Testen gikk gjennom {details['focus_stops']} fokusstopp")
    rings = details.get("lowest_ring_contrast_by_background") or {}
    if rings:
        lowest = f"{min(rings.values()):.1f}".replace(".", ",")  # Norwegian decimal comma
        parts.append(
            f"den laveste kontrasten for fokusmarkeringen var {lowest}:1 "
            f"(mot {count(len(rings), 'bakgrunnsfarge', 'ulike bakgrunnsfarger')})"
        )
    return (" " + ", og ".join(parts) + ".") if parts else ""


def statement_markdown(project: Project) -> str:
    """The tested part of «Tilgjengelighetserklæring»: what, how, result, findings, limits."""
    data, problems = load(project)
    if data is None:
        return (
            "## Hva som testes {#automatisk}\n\nTestresultatene er ikke registrert ennå.\n\n"
            "## Kjente begrensninger {#begrensninger}\n\nHåndboka er ikke testet ennå.\n"
        )
    date = long_date(str(data["date"]), project.source_language.code)
    tools = ", ".join(f"{tool['name']} {tool['version']}" for tool in data["tools"])
    failed = [check for check in data["checks"] if check["result"] != "passed"]
    pages = data["pages"]
    names = {lang.code: lang.name_nb for lang in project.languages}
    languages = ", ".join(f"{names.get(code, code)} ({n})" for code, n in pages["by_language"].items())
    out = [
        "## Hva som testes {#automatisk}\n",
        "Kravet er WCAG 2.2 på nivå AA. Testene kjøres i en ekte nettleser mot det ferdige nettstedet. "
        f"Siste kjøring var {date}, med {tools}. Nettstedet hadde da {pages['total']} sider: {languages}.\n",
    ]
    for check in data["checks"]:
        mark = "" if check["result"] == "passed" else " **Ikke bestått.**"
        out.append(f"- **{check['title']}:** {check['what']} {check['how']}{measured(check)}{mark}")
    out.append("")
    out.append("## Resultat {#resultat}\n")
    if failed:
        out.append("Disse testene var ikke bestått ved siste kjøring: " + ", ".join(c["title"] for c in failed) + ".\n")
    else:
        out.append(
            f"Alle de {count(len(data['checks']), 'testen', 'testene')} over var bestått ved siste kjøring: "
            "axe-core fant ingen brudd på WCAG-reglene på noen av sidene, i noen av breddene.\n"
        )
    findings = data.get("findings") or []
    if findings:
        out.append("axe-core melder også om god praksis som ikke er krav i WCAG. Dette fant den, og det er ikke rettet ennå:\n")
        for finding in findings:
            out.append(f"- `{finding['rule']}` ({count(finding['pages'], 'side', 'sider')}): {finding['help']}")
        out.append("")
    else:
        out.append("axe-core fant heller ingen brudd på reglene for god praksis.\n")
    out.append("## Kjente begrensninger {#begrensninger}\n")
    for item in data.get("exceptions") or []:
        out.append(f"- **{item['title']}** {item['text']}")
    out.append("")
    out.append("## Dette er ikke testet {#ikke-testet}\n")
    for item in data.get("not_tested") or []:
        out.append(f"- **{item['title']}** {item['text']}")
    out.append("")
    return "\n".join(out) + "\n"
