"""``handbook``: the one command line for writers, translators and maintainers.

    handbook build                      the complete site into site/ (atomic)
    handbook serve                      the site on http://127.0.0.1:8000, reloading as you edit
    handbook check [FILE|FOLDER …]      every check the build runs before rendering, and the pages' Markdown
    handbook new-language CODE NAME --name-nb NAME_NB
    handbook translation status|stamp|review|diff …   (pages, and letters: data/letters/<id>/<lang>.yml)
    handbook citations [FILE …] [--todo] [--record …]   claims beside the cited lines, and their review
    handbook law-report                 unverified law references and references not checked for a year
    handbook publish                    record every page and anchor of the built site in data/published.yml
    handbook bench                      the benchmark (tools/bench.py; needs a checkout)

The Makefile's targets call these; README.md describes them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .problems import CheckFailed

ROOT = Path(os.environ.get("HANDBOOK_ROOT", Path(__file__).resolve().parent.parent))


def _project():
    """The handbook, with the local edition named by HANDBOOK_LOCAL (as the build reads it)."""
    from .project import Project

    return Project(ROOT, local=os.environ.get("HANDBOOK_LOCAL") or None)


def mkdocs_config(root: Path = ROOT):
    """mkdocs.yml as MkDocs reads it (nav, Markdown extensions)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config

    return load_config(str(root / "mkdocs.yml"))


def markdown_factory(config):
    """A new Markdown converter with the site's extensions and the handbook's, per page."""
    import markdown

    from .markdown_ext import HandbookExtension

    def make():
        extension = HandbookExtension(site_url=config.site_url or "http://127.0.0.1:8000/")
        extensions = [e for e in config.markdown_extensions if not isinstance(e, HandbookExtension)] + [extension]
        return markdown.Markdown(extensions=extensions, extension_configs=config.mdx_configs), extension

    return make


# ---- commands --------------------------------------------------------------------------------------
def cmd_build(args) -> int:
    from .build import BuildFailed, build

    try:
        site = build(ROOT)
    except BuildFailed as err:
        print(f"\nBuild failed; site/ was left as it was. {err}", file=sys.stderr)
        return err.returncode or 1
    print(f"Built {site}")
    return 0


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(ROOT, args.dev_addr, None if args.lang == "all" else args.lang, args.search)


def cmd_check(args) -> int:
    from . import checks

    project = _project()
    config = mkdocs_config()
    report = checks.run(project, nav=config.nav, markdown_factory=markdown_factory(config), require_spelling=False)
    problems = report.problems
    wanted = [project.label(Path(a).resolve()) for a in args.files]
    if wanted:  # files, or folders (everything below them)
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    for problem in problems:
        print(problem)
    if report.phase and report.phase != "text":
        print(f"({report.phase} phase: later checks run once these are fixed)", file=sys.stderr)
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def cmd_new_language(args) -> int:
    from .new_language import LanguageError, add

    try:
        print(add(ROOT, args.code, args.name, args.name_nb, "rtl" if args.rtl else None))
    except LanguageError as err:
        print(f"new-language: {err}. Nothing was written.", file=sys.stderr)
        return 2
    return 0


def cmd_translation(args) -> int:
    from . import translations

    project = _project()
    try:
        if args.action == "status":
            table = translations.status_table(project)
            codes = [lang.code for lang in project.parent_languages]
            print(f"{'page':<38}" + "".join(f"{c:<20}" for c in codes))
            for uri, row in table.items():
                cells = ["missing" if not row[c].translated else f"{row[c].review}/{row[c].drift}" for c in codes]
                print(f"{uri:<38}" + "".join(f"{cell[:19]:<20}" for cell in cells))
            from . import letters

            for letter in letters.registry(project).letters.values():
                row = {c: letters.status_of(project, letter, c) for c in codes}
                cells = ["missing" if row[c].review is None else f"{row[c].review}/{row[c].drift}" for c in codes]
                print(f"{'letter ' + letter.id:<38}" + "".join(f"{cell[:19]:<20}" for cell in cells))
        elif args.action == "stamp":
            for file in args.files:
                print(translations.stamp(project, file, unchanged_reason=args.unchanged))
        elif args.action == "review":
            for file in args.files:
                print(translations.review(project, file, args.reviewer, args.date))
        elif args.action == "diff":
            for file in args.files:
                print(translations.diff(project, file))
    except translations.TranslationError as err:
        print(f"translation {args.action}: {err}", file=sys.stderr)
        return 1
    return 0


def cmd_law_report(args) -> int:
    from . import law

    laws = law.registry(_project())
    if laws.problems:
        raise CheckFailed(laws.problems, "data/law.yml is not valid")
    lines = law.report(laws, dt.date.today()) + law.laws_report(laws)
    print("\n".join(lines) if lines else "Every law reference is verified and was checked within the last year.")
    return 1 if any(line.startswith("UNVERIFIED") for line in lines) and args.strict else 0


def cmd_publish(args) -> int:
    from . import published

    site = ROOT / "site"
    if os.environ.get("HANDBOOK_LOCAL"):
        print(
            "publish: data/published.yml records the handbook's own addresses; run it without HANDBOOK_LOCAL "
            "(a local edition's pages and contacts are not promised to every copy)",
            file=sys.stderr,
        )
        return 1
    if not (site / "index.html").is_file():
        print("publish: build the site first (make publish builds it)", file=sys.stderr)
        return 1
    new_pages, new_ids = published.write_lock(_project(), site)
    print(f"data/published.yml: {new_pages} new pages and {new_ids} new anchors recorded")
    return 0


def cmd_citations(args) -> int:
    from .citation_report import main as report

    return report(args.rest, ROOT)


def cmd_bench(args) -> int:
    sys.path.insert(0, str(ROOT))
    try:
        from tools import bench
    except ImportError:
        print("bench: the benchmark lives in tools/ of a checkout of the project", file=sys.stderr)
        return 1
    return bench.main(args.rest)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="handbook", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True)
    commands.add_parser("build", help="the complete site into site/").set_defaults(run=cmd_build)
    p = commands.add_parser("serve", help="the site on a local address, reloading as you edit")
    p.add_argument("--dev-addr", default="127.0.0.1:8000")
    p.add_argument("--lang", default="nb", help="the language to preview (default nb; 'all' for every language, slower)")
    p.add_argument("--search", action="store_true", help="also build the search index after each change (slower)")
    p.set_defaults(run=cmd_serve)
    p = commands.add_parser("check", help="check pages and data without building")
    p.add_argument("files", nargs="*")
    p.set_defaults(run=cmd_check)
    p = commands.add_parser("new-language", help="add a parent language")
    p.add_argument("code")
    p.add_argument("name", nargs="?")
    p.add_argument("--name-nb")
    p.add_argument("--rtl", action="store_true", help="(normally not needed: the direction comes from CLDR)")
    p.set_defaults(run=cmd_new_language)
    p = commands.add_parser("translation", help="translators' tools")
    p.add_argument("action", choices=["status", "stamp", "review", "diff"])
    p.add_argument("files", nargs="*")
    p.add_argument("--reviewer")
    p.add_argument("--date", default=dt.date.today().isoformat())
    p.add_argument("--unchanged", metavar="WHY", help="stamp although the translation is unchanged, saying why")
    p.set_defaults(run=cmd_translation)
    p = commands.add_parser("law-report", help="unverified and stale law references")
    p.add_argument("--strict", action="store_true", help="exit 1 when a reference is unverified")
    p.set_defaults(run=cmd_law_report)
    commands.add_parser("publish", help="record the built site's addresses").set_defaults(run=cmd_publish)
    p = commands.add_parser("citations", help="each citation beside the cited lines, and its review", add_help=False)
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(run=cmd_citations)
    p = commands.add_parser("bench", help="the benchmark")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(run=cmd_bench)
    return top


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] in (["citations"], ["bench"]):  # these have options of their own
        from types import SimpleNamespace

        return {"citations": cmd_citations, "bench": cmd_bench}[argv[0]](SimpleNamespace(rest=argv[1:]))
    args = parser().parse_args(argv)
    if args.command == "translation":
        if args.action != "status" and not args.files:
            parser().error(f"translation {args.action} needs a FILE")
        if args.action == "review" and not args.reviewer:
            parser().error('translation review needs --reviewer "Full Name"')
    try:
        return args.run(args)
    except CheckFailed as err:
        print(err, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted; nothing was published (site/ is as it was).", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
