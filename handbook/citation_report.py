"""``handbook citations`` (``make citations``). Citation review: each citation of the five source documents, its claim (the whole
sentence), the cited lines of the source text, and whether it has been reviewed.

    handbook citations                               # every page
    handbook citations docs/nb/veiledning/hjemmebesok.md
    handbook citations --todo docs/nb/veiledning/     # only stale / not reviewed
    handbook citations --summary                     # counts only

After reading a claim and its lines, record your verdict on the citations by their
numbers (#3) in one page's listing:

    handbook citations docs/nb/veiledning/hjemmebesok.md --record 1,2,4 \\
        --verdict supported --reviewer "Navn"
    … --record 3 --verdict changed --note "Setningen sa mer enn kilden; nå bare det linjene sier."
    … --record 5 --verdict dropped --note "Kilden sier ikke dette."   (before you delete the claim)

`make citations FILE=docs/nb/…` runs the listing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import textwrap
from pathlib import Path

from . import citation_review as cr
from .project import Project


def wanted_pages(project: Project, args: list[str], root: Path) -> set[str] | None:
    if not args:
        return None
    labels = {page.label for page in project.pages[project.source_language.code].values()}
    out = set()
    for arg in args:
        rel = Path(arg).resolve().relative_to(root).as_posix().rstrip("/")
        matched = {label for label in labels if label == rel or label.startswith(rel + "/")}
        if not matched:
            raise SystemExit(f"no Norwegian page at {arg}")
        out |= matched
    return out


def show(number: int, state: cr.Status, text: list[str] | None, width: int) -> str:
    c = state.citation
    mark = state.state.upper() if state.state != cr.REVIEWED else f"reviewed: {state.review.verdict}"
    out = [f"{c.page}:{c.line}  #{number}  [{mark}]" + (f" — {state.reason}" if state.reason else "")]
    if state.review and state.review.note:
        out.append(f"  note: {state.review.note}")
    out += textwrap.wrap(c.claim, width, initial_indent="  claim: ", subsequent_indent="         ")
    where = f"{c.source_id} ({c.document})" + (f" {c.locator}" if c.locator else "") + (f" {c.lines}" if c.lines else "")
    out.append(f"  source: {where}")
    if text is None:
        out.append("    (source document not on this machine)")
    elif not c.lines:
        out.append("    (no line range)")
    else:
        for start, end in cr.line_ranges(c.lines):
            for n in range(start, min(end, len(text)) + 1):
                if text[n - 1].strip():
                    out.append(f"    {n:>5} | {text[n - 1].strip()}")
    return "\n".join(out)


def main(argv: list[str], root: Path) -> int:
    parser = argparse.ArgumentParser(
        prog="handbook citations", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", help="pages or folders under docs/nb/ (default: all)")
    parser.add_argument("--todo", action="store_true", help="show only citations that are stale or not reviewed")
    parser.add_argument("--summary", action="store_true", help="print only the counts")
    parser.add_argument("--record", help="numbers of citations in ONE page's listing to record a verdict for, e.g. 1,2,5 or all")
    parser.add_argument("--verdict", choices=cr.VERDICTS)
    parser.add_argument("--reviewer", default=os.environ.get("HANDBOOK_REVIEWER", ""))
    parser.add_argument("--date", default=dt.date.today().isoformat())
    parser.add_argument("--note", default="")
    args = parser.parse_args(argv)

    project = Project(root)
    pages = wanted_pages(project, args.files, root)
    citations = cr.project_citations(project, pages)
    reviews, problems = cr.load_reviews(project)
    for problem in problems:
        print(problem, file=sys.stderr)

    if args.record:
        if not pages or len(pages) != 1 or not args.verdict or not args.reviewer:
            parser.error("--record needs exactly one page, --verdict and --reviewer")
        numbers = range(1, len(citations) + 1) if args.record == "all" else [int(n) for n in args.record.split(",")]
        try:
            chosen = [citations[n - 1] for n in numbers]
            written = cr.record(project, chosen, args.verdict, args.reviewer, args.date, args.note)
        except (IndexError, ValueError) as err:
            print(f"not recorded: {err}", file=sys.stderr)
            return 1
        print(f"recorded {len(written)} review(s) as {args.verdict}")
        return 0

    texts = cr.document_lines(project)
    states = cr.statuses(project, citations, reviews)
    width = 110
    numbering: dict[str, int] = {}
    for state in states:
        page = state.citation.page
        numbering[page] = numbering.get(page, 0) + 1
        if args.summary or (args.todo and state.state == cr.REVIEWED):
            continue
        print(show(numbering[page], state, texts.get(state.citation.document), width))
        print()
    counts = {s: sum(1 for x in states if x.state == s) for s in (cr.REVIEWED, cr.STALE, cr.NOT_REVIEWED)}
    verdicts = {v: sum(1 for x in states if x.state == cr.REVIEWED and x.review.verdict == v) for v in cr.VERDICTS}
    dropped = [r for r in reviews if r.verdict == "dropped" and (pages is None or r.page in pages)]
    left = cr.orphans(cr.project_citations(project), reviews, pages)
    print(
        f"{len(states)} citation(s) of the source documents: {counts[cr.REVIEWED]} reviewed "
        f"({verdicts['supported']} supported, {verdicts['changed']} changed), {counts[cr.STALE]} stale, "
        f"{counts[cr.NOT_REVIEWED]} not reviewed; {len(dropped)} dropped claim(s) on record"
    )
    for review in left:
        print(f"  record without a citation: {review.page} {review.source} {review.lines} ({review.verdict}, {review.date})")
    if not texts:
        print("note: the source documents are not on this machine (HANDBOOK_SOURCES_DIR or ../shared/sources/)", file=sys.stderr)
    return 0
