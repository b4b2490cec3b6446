"""The handbook's tree: where things live, its languages, and its pages.

Everything else in the package starts from a :class:`Project`, so tests can point
one at a temporary copy of the repository and run exactly what the build runs.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TypeVar

from . import frontmatter
from .problems import Problem, relpath
from .yamldata import LocatedData, load_data_file

T = TypeVar("T")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    name_nb: str
    dir: str
    role: str
    site_name: str
    site_description: str
    copyright: str
    ui: dict
    material_ui: dict = field(default_factory=dict)
    texts_status: str = "draft"

    @property
    def is_source(self) -> bool:
        return self.role == "source"


@dataclass
class DocPage:
    """One Markdown page in ``docs/<lang>/``."""

    lang: str
    uri: str  # path inside the language folder, e.g. "foreldre/index.md"
    path: Path
    label: str  # path shown in messages, e.g. "docs/nb/foreldre/index.md"
    meta: dict
    body: str
    body_line: int  # file line of the first body line
    local: bool = False  # a page of the local edition (handbook.local), not of the handbook
    text: str = field(default="", repr=False, compare=False)  # the whole file as read (what session_memo keys on)

    @property
    def url(self) -> str:
        """Site URL of the page relative to its language root ("" for the home page)."""
        return uri_to_url(self.uri)

    def site_url(self, source_lang: str) -> str:
        """The page's URL from the site root: 'veiledning/x/', or 'en/foreldre/x/' in a parent language."""
        return ("" if self.lang == source_lang else f"{self.lang}/") + self.url

    def is_parent_page(self) -> bool:
        return is_parent_uri(self.uri)


PARENT_SECTION = "foreldre/"  # the parent-facing section, translated into every language
HOME = "index.md"


def is_parent_uri(uri: str) -> bool:
    return uri == HOME or uri.startswith(PARENT_SECTION)


def uri_to_url(uri: str) -> str:
    """MkDocs' directory URL for a page path: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    stem = uri[:-3]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


class Project:
    """The repository: docs, data, schemas, and the languages declared in data/languages.yml."""

    def __init__(self, root: Path, local: str | Path | None = None):
        self.root = Path(root).resolve()
        self.docs_dir = self.root / "docs"
        self.data_dir = self.root / "data"
        self.schema_dir = self.data_dir / "schemas"
        # a municipality's own edition (handbook.local): a folder outside the project, relative to it or absolute
        self.local_dir = (self.root / local).resolve() if local else None

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Something read or worked out once per project (one build, one test session): a
        registry, the changelog. Every page asks for these; files are read once."""
        cache = self.__dict__.setdefault("_memo", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    @property
    def cache_dir(self) -> Path:
        """Results worked out from content and kept between runs (.cache/, not in git): every
        entry is named by a hash of what it was made from, so it can never be stale."""
        return self.root / ".cache"

    def label(self, path: Path) -> str:
        path = Path(path)
        if path.is_absolute() and ".." not in path.parts and path.is_relative_to(self.root):
            return path.relative_to(self.root).as_posix()  # made from self.root: no need to resolve it again
        return relpath(path, self.root)

    def schema(self, name: str) -> Path:
        return self.schema_dir / f"{name}.schema.json"

    def read_data(self, name: str) -> tuple[LocatedData | None, list[Problem], str]:
        """data/<name>.yml, checked against data/schemas/<name>.schema.json: (data, problems, file label)."""
        path = self.data_dir / f"{name}.yml"
        label = self.label(path)
        located, problems = load_data_file(path, self.schema(name), label, self.cache_dir)
        return located, problems, label

    # ---- languages -------------------------------------------------------------------
    @cached_property
    def _languages(self) -> tuple[list[Language], list[Problem]]:
        located, problems, label = self.read_data("languages")
        if located is None:
            return [], problems
        languages = [Language(**entry) for entry in located.data["languages"]]
        seen: set[str] = set()
        for index, lang in enumerate(languages):
            if lang.code in seen:
                problems.append(
                    Problem(
                        label,
                        located.line_of(("languages", index, "code")),
                        f"the language '{lang.code}' is declared twice",
                        "keep one entry",
                    )
                )
            seen.add(lang.code)
        sources = [lang for lang in languages if lang.is_source]
        if len(sources) != 1:
            problems.append(
                Problem(
                    label,
                    1,
                    f"there must be exactly one language with role 'source', found {len(sources)}",
                    "give Norwegian bokmål 'role: source' and every other language 'role: parent'",
                )
            )
        elif languages[0] is not sources[0]:
            problems.append(
                Problem(
                    label,
                    located.line_of(("languages", 0)),
                    "the source language must come first",
                    "move the 'role: source' entry to the top",
                )
            )
        return languages, problems

    @property
    def languages(self) -> list[Language]:
        languages, problems = self._languages
        if problems:
            from .problems import CheckFailed

            raise CheckFailed(problems, "data/languages.yml is not valid")
        return languages

    def language_problems(self) -> list[Problem]:
        return list(self._languages[1])

    @property
    def source_language(self) -> Language:
        return self.languages[0]

    @property
    def parent_languages(self) -> list[Language]:
        return [lang for lang in self.languages if not lang.is_source]

    def language(self, code: str) -> Language:
        for lang in self.languages:
            if lang.code == code:
                return lang
        raise KeyError(code)

    # ---- pages -----------------------------------------------------------------------
    def page_paths(self, lang: str) -> list[Path]:
        return sorted((self.docs_dir / lang).rglob("*.md"))

    def load_page(self, lang: str, path: Path, local: bool = False) -> tuple[DocPage | None, list[Problem]]:
        label = self.label(path)
        meta, body, body_line, problems, text = frontmatter.read_text(path, self.schema("page"), label, self.cache_dir)
        if meta is None:
            return None, problems
        uri = path.relative_to((self.local_dir / "docs" if local else self.docs_dir) / lang).as_posix()
        return DocPage(lang, uri, path, label, meta, body, body_line, local, text), problems

    @cached_property
    def _pages(self) -> tuple[dict[str, dict[str, DocPage]], list[Problem]]:
        pages: dict[str, dict[str, DocPage]] = {}
        problems: list[Problem] = []
        for lang in self.languages:
            pages[lang.code] = {}
            for path in self.page_paths(lang.code):
                page, page_problems = self.load_page(lang.code, path)
                problems += page_problems
                if page is not None:
                    pages[lang.code][page.uri] = page
            from .local import page_paths as local_page_paths

            for path in local_page_paths(self, lang.code):  # a local edition's pages, under lokalt/
                page, page_problems = self.load_page(lang.code, path, local=True)
                problems += page_problems
                if page is not None and page.uri not in pages[lang.code]:
                    pages[lang.code][page.uri] = page
        return pages, problems

    def page_at(self, path: Path) -> DocPage | None:
        """The page read from a file (of the handbook or of a local edition)."""
        path = Path(path).resolve()
        return next((page for page in self.all_pages() if page.path.resolve() == path), None)

    @property
    def pages(self) -> dict[str, dict[str, DocPage]]:
        """All pages that could be read, by language code and page path."""
        return self._pages[0]

    def all_pages(self) -> Iterator[DocPage]:
        """Every page of every language, for checks that look at each page on its own."""
        for pages in self.pages.values():
            yield from pages.values()

    def site_uris(self, lang: str) -> frozenset[str]:
        """Page paths the site of one language contains (parent languages get Norwegian fallbacks)."""
        return self._site_uris[lang]

    @cached_property
    def _site_uris(self) -> dict[str, frozenset[str]]:
        # asked for every page and every language link while building: worked out once
        source = self.pages[self.source_language.code]
        parent_pages = {uri for uri in source if is_parent_uri(uri)}
        return {
            lang.code: frozenset(source) if lang.is_source else frozenset(set(self.pages.get(lang.code, {})) | parent_pages)
            for lang in self.languages
        }

    def page_ids(self, lang: str, uri: str) -> frozenset[str]:
        """The ids a link may point to on a page: headings, checklist items, generated sections."""
        return self.memo(f"ids:{lang}/{uri}", lambda: _page_ids(self, lang, uri))

    def fallback_uris(self, lang: str) -> list[str]:
        """Parent pages shown in Norwegian in ``lang`` because their translation is missing."""
        if lang == self.source_language.code:
            return []
        return sorted(self.site_uris(lang) - set(self.pages.get(lang, {})))


def resolve_link(page_uri: str, target: str) -> str:
    """Resolve a relative Markdown link from a page path, inside the docs tree."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), target))


def _page_ids(project: Project, lang: str, uri: str) -> frozenset[str]:
    from . import checklists, generated, headings

    page = project.pages.get(lang, {}).get(uri)
    if page is None:
        return frozenset()
    ids = {anchor for _, _, _, anchor in headings.headings(page) if anchor}
    checklist = checklists.load(page)
    if checklist:
        ids |= {section.id for section in checklist.sections} | {item.id for item in checklist.items}
    ids |= generated.ids_in(project, page)
    return frozenset(ids)
