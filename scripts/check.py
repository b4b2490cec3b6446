#!/usr/bin/env python3
"""Check pages without building the site: front matter, sources, law references,
headings, spelling and own words. With file arguments, only problems in those files
are shown.

    .venv/bin/python scripts/check.py                     # everything
    .venv/bin/python scripts/check.py docs/nb/veiledning/hjemmebesok.md docs/so/
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbook import docs_checks, originality, spelling  # noqa: E402
from handbook.project import Project  # noqa: E402


def main(argv: list[str]) -> int:
    project = Project(ROOT)
    wanted = {Path(a).resolve().relative_to(ROOT).as_posix() for a in argv}
    problems = docs_checks.check_project(project)
    own_words, folder = originality.check_project(project)
    problems += own_words
    if spelling.available():
        problems += spelling.check_project(project)
    else:
        print("note: spelling not checked (install Debian's hunspell and hunspell-no)", file=sys.stderr)
    if folder is None:
        print("note: own-words check skipped (no source documents found)", file=sys.stderr)
    if wanted:  # files, or folders (everything below them)
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    for problem in sorted(set(problems)):
        print(problem)
    print(f"{len(set(problems))} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
