#!/usr/bin/env python3
"""Translators' tool.

    scripts/translation.py status                      # every parent page in every language
    scripts/translation.py stamp docs/so/foreldre/tolk.md …
        record that the translation now matches the newest Norwegian text
    scripts/translation.py review docs/so/foreldre/tolk.md --reviewer "Navn Navnesen" [--date 2026-11-22]
        mark a translation as checked by a qualified translator (only with a real reviewer)
"""

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook import translations  # noqa: E402
from handbook.project import Project  # noqa: E402


def page_parts(project: Project, file: str) -> tuple[str, str]:
    rel = Path(file).resolve().relative_to(project.docs_dir).as_posix()
    lang, _, uri = rel.partition("/")
    if lang == project.source_language.code:
        raise SystemExit(f"{file}: this is a Norwegian source page, not a translation")
    return lang, uri


def status(project: Project, _args) -> int:
    table = translations.status_table(project)
    codes = [lang.code for lang in project.parent_languages]
    print(f"{'page':<36}" + "".join(f"{c:<22}" for c in codes))
    for uri, row in table.items():
        cells = []
        for code in codes:
            s = row[code]
            cells.append(("missing" if not s.translated else f"{s.review}/{s.drift}")[:21])
        print(f"{uri:<36}" + "".join(f"{c:<22}" for c in cells))
    return 0


def stamp(project: Project, args) -> int:
    for file in args.files:
        lang, uri = page_parts(project, file)
        commit = translations.last_commit(project.root, f"docs/{project.source_language.code}/{uri}")
        if commit is None:
            print(f"{file}: the Norwegian page has no commit yet; commit it first", file=sys.stderr)
            return 1
        translations.update_record(Path(file), source_commit=commit)
        print(f"{file}: translated from {commit[:10]}")
    return 0


def review(project: Project, args) -> int:
    if len(args.reviewer.split()) < 2:
        print("give the reviewer's full name", file=sys.stderr)
        return 1
    for file in args.files:
        page_parts(project, file)
        translations.update_record(Path(file), status="reviewed", reviewer=args.reviewer, reviewed_on=args.date)
        print(f"{file}: reviewed by {args.reviewer} on {args.date}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status")
    p = commands.add_parser("stamp")
    p.add_argument("files", nargs="+")
    p = commands.add_parser("review")
    p.add_argument("files", nargs="+")
    p.add_argument("--reviewer", required=True)
    p.add_argument("--date", default=dt.date.today().isoformat())
    args = parser.parse_args()
    project = Project(ROOT)
    return {"status": status, "stamp": stamp, "review": review}[args.command](project, args)


if __name__ == "__main__":
    sys.exit(main())
