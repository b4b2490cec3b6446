"""Generated sections: a page asks for content made from data with a line of its own,

    <!-- hb:sources -->

and the build puts the generated Markdown there. So «Kilder», the table of law
changes and other lists are written from the data files and can never disagree
with them. An unknown name stops the build.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .problems import Problem
from .project import Project

DIRECTIVE = re.compile(r"^<!--\s*hb:(?P<name>[a-z-]+)\s*-->\s*$", re.M)


@dataclass
class Context:
    project: Project
    lang: str  # language of the build
    uri: str  # page path inside the language folder
    page_url: str  # site URL of the page


GENERATORS: dict[str, Callable[[Context], str]] = {}


def generator(name: str):
    def register(func):
        GENERATORS[name] = func
        return func
    return register


def expand(markdown: str, context: Context) -> str:
    return DIRECTIVE.sub(lambda m: GENERATORS[m.group("name")](context) if m.group("name") in GENERATORS else m.group(0), markdown)


def check_project(project: Project) -> list[Problem]:
    problems = []
    for pages in project.pages.values():
        for page in pages.values():
            for match in DIRECTIVE.finditer(page.body):
                if match.group("name") not in GENERATORS:
                    line = page.body_line + page.body.count("\n", 0, match.start())
                    problems.append(Problem(page.label, line, f"unknown generated section 'hb:{match.group('name')}'",
                                            f"use one of: {', '.join(sorted(GENERATORS))}"))
    return problems


# ---- the generators ----------------------------------------------------------------------------
@generator("sources")
def _sources(ctx: Context) -> str:
    from .sources import SourcesPage

    return SourcesPage(ctx.project).markdown(ctx.uri)


@generator("law-changes")
def _law_changes(ctx: Context) -> str:
    from .law import changes_table, registry

    return changes_table(registry(ctx.project))


@generator("law-unverified")
def _law_unverified(ctx: Context) -> str:
    from .law import registry, unverified_list

    return unverified_list(registry(ctx.project))
