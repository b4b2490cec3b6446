"""The handbook's Markdown conventions as a Python-Markdown extension.

Writers hard-wrap prose, so the conventions are parsed by Python-Markdown itself, not
line by line:

* ``[@ta-grep, «Hjemmebesøk», L449–460]`` — a citation (inline processor);
* ``[§ opplaringslova 10-3]`` — a law reference (inline processor); any other ``§``
  is a mistake unless written ``\\§``;
* ``[utviklingssamtale]{lang=nb}`` — a fragment in another language, isolated from
  the surrounding direction (inline processor);
* links to pages that exist only in Norwegian lead there from a translation, marked
  «(på norsk)» (tree processor);
* ``<!-- hb:sources -->`` — a section generated from data (preprocessor);
* a checklist in the front matter is rendered after the page's own text (preprocessor);
* so is a letter template (``letter:`` in the front matter, :mod:`handbook.letters`), and a
  «Send et brev» line on the guidance pages and checklists a letter belongs to.

The same extension renders pages in the MkDocs build and checks them in
``handbook check``: every mistake it meets is recorded as a :class:`Finding` with the
source text it was found in, and :func:`locate` turns that into a file line.
"""

from __future__ import annotations

import difflib
import html
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .problems import Problem

if TYPE_CHECKING:
    from .project import DocPage, Project

# ---- the syntax, in one place (checks and the text model use these patterns too) ----------
CITATION = re.compile(r"\[(?P<body>@[^\]]+)\]")
LAW_REFERENCE = re.compile(r"\[§(?P<inner>[^\]]*)\]")
LANG_SPAN = re.compile(r"\[(?P<text>[^\[\]]+)\]\{\s*lang=(?P<lang>[a-z]{2,3})\s*\}")
LINE_LOCATOR = re.compile(r"^L\d+(?:[–-]\d+)?$")
GENERATED = re.compile(r"^<!--\s*hb:(?P<name>[a-z-]+)\s*-->\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
RESOLVED = "handbook-url:"  # a link the handbook has already resolved; MkDocs' link resolver leaves it alone


@dataclass(frozen=True)
class Cite:
    source_id: str
    locator: str  # shown
    lines: str  # line reference for reviewers, e.g. "L449–460" ("" if none)


def parse_citation(body: str) -> list[Cite]:
    """'@a, «X», L1–2; @b' -> [Cite(a, «X», L1–2), Cite(b, '', '')]; ValueError if malformed."""
    cites = []
    for part in body.split(";"):
        part = " ".join(part.split())
        if not part.startswith("@"):
            raise ValueError(f"each citation starts with @ and a source id, not '{part[:20]}'")
        pieces = [p.strip() for p in part[1:].split(",")]
        source_id = pieces[0]
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", source_id):
            raise ValueError(f"'{source_id}' is not a source id (lower-case letters, digits and hyphens)")
        locators = [p for p in pieces[1:] if p and not LINE_LOCATOR.match(p)]
        lines = [p for p in pieces[1:] if LINE_LOCATOR.match(p)]
        cites.append(Cite(source_id, ", ".join(locators), ", ".join(lines)))
    return cites


def parse_law_reference(inner: str) -> tuple[str, str]:
    """' opplaringslova\\n10-3' -> ('opplaringslova', '10-3'); ValueError if it has no law id and reference."""
    parts = inner.split(None, 1)
    if len(parts) != 2:
        raise ValueError("a law reference names the law and the provision")
    return parts[0], " ".join(parts[1].split())


# ---- what a render found -------------------------------------------------------------------
@dataclass
class Finding:
    snippet: str  # the source text the finding is about (to find its line)
    message: str
    fix: str
    reference: bool = False  # a citation or law reference that could not be read or found


@dataclass
class Found:
    citations: list[tuple[str, Cite]] = field(default_factory=list)
    provisions: list = field(default_factory=list)  # law.Provision, in order of mention
    problems: list[Finding] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # hrefs of Markdown links

    def problem(self, snippet: str, message: str, fix: str, *, reference: bool = False) -> None:
        self.problems.append(Finding(snippet, message, fix, reference))

    @property
    def broken_references(self) -> bool:
        """Checks that count a page's citations wait until every reference can be read: one
        mistake, one message."""
        return any(finding.reference for finding in self.problems)


@dataclass
class RenderContext:
    """Everything the extension needs to know about the page being rendered."""

    project: Project
    lang: str  # the language being built
    written_in: str  # the language the Markdown is written in (a fallback is Norwegian)
    uri: str  # page path inside the language folder
    page_url: str  # the page's site URL, e.g. 'veiledning/hjemmebesok/'
    doc: DocPage | None = None
    site_url: str = "http://127.0.0.1:8000/"
    pdfs: bool = True
    found: Found = field(default_factory=Found)

    @classmethod
    def of_page(cls, project: Project, page: DocPage, **more) -> RenderContext:
        """A page rendered in its own language, outside a build (checks, generated sections)."""
        return cls(
            project,
            lang=page.lang,
            written_in=page.lang,
            uri=page.uri,
            page_url=page.site_url(project.source_language.code),
            doc=page,
            pdfs=False,
            **more,
        )

    @property
    def ui(self) -> dict:
        return self.project.language(self.lang).ui

    @property
    def source_lang(self) -> str:
        return self.project.source_language.code

    @property
    def plain_law(self) -> bool:
        """Parent pages show the law plainly: no verification dates or badges."""
        from .project import is_parent_uri

        return self.lang != self.source_lang or (is_parent_uri(self.uri) and self.uri != "index.md")

    def written_here(self, snippet: str) -> bool:
        """Is this text in the page's own file (not in a section generated from data)?"""
        if self.doc is None or self.doc.path is None or not self.doc.path.is_file():
            return False
        own = self.__dict__.setdefault("_own_text", " ".join(self.doc.path.read_text(encoding="utf-8").split()))
        return " ".join(snippet.split()) in own

    def href(self, to_url: str) -> str:
        from .language_links import relative_url

        return relative_url(self.page_url, to_url)


# ---- preprocessor: generated sections and the checklist --------------------------------------
class GeneratedSections(Preprocessor):
    """``<!-- hb:name -->`` lines become Markdown made from data (outside code fences)."""

    def __init__(self, md: Markdown, extension: HandbookExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        context = self.extension.context
        if context is None:
            return lines
        from . import checklists, generated, glossary

        out: list[str] = []
        fence = None
        for line in lines:
            opener = FENCE.match(line)
            if opener:
                fence = opener.group(1) if fence is None else (None if opener.group(1) == fence else fence)
            match = GENERATED.match(line) if fence is None else None
            if not match:
                out.append(line)
                continue
            name = match.group("name")
            if name not in generated.GENERATORS:
                context.found.problem(
                    line, f"unknown generated section 'hb:{name}'", f"use one of: {', '.join(sorted(generated.GENERATORS))}"
                )
                continue
            out += generated.GENERATORS[name](context).split("\n")
        doc = context.doc
        if doc is not None and context.lang == context.source_lang and context.written_in == context.source_lang:
            from . import letters

            send = letters.send_letter_line(context.project, context.uri)  # a guidance page or checklist a letter belongs to
            if send:
                out += ["", *send.split("\n")]
            letter = letters.registry(context.project).letters.get(doc.meta.get("letter") or "")
            if letter is not None:
                out += ["", *letters.render(context.project, letter, context.uri).split("\n")]
        checklist = checklists.load(doc) if doc else None
        if checklist:
            from .local import routine_lines

            out += routine_lines(context)  # a local edition's routine for this checklist, next to it
            pdf = checklist.pdf_name(context.lang) if context.pdfs else None
            out += ["", *checklists.render(checklist, context.ui, pdf).split("\n")]
        if context.lang == context.source_lang:
            out += ["", *glossary.abbreviations(context.project).split("\n")]
        return out


# ---- inline processors ---------------------------------------------------------------------------
class _ContextInline(InlineProcessor):
    def __init__(self, pattern: str | re.Pattern, md: Markdown, extension: HandbookExtension):
        super().__init__(pattern if isinstance(pattern, str) else pattern.pattern, md)
        self.extension = extension

    @property
    def context(self) -> RenderContext | None:
        return self.extension.context


class CitationProcessor(_ContextInline):
    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 - Python-Markdown's name
        context = self.context
        if context is None:
            return None, None, None
        from .sources import SOURCES_PAGE, registry

        sources = registry(context.project).sources
        try:
            cites = parse_citation(m.group("body"))
        except ValueError as err:
            context.found.problem(
                m.group(0),
                f"the citation {' '.join(m.group(0).split())} cannot be read: {err}",
                "write [@source-id, locator] and separate several with ';'",
                reference=True,
            )
            return AtomicString(m.group(0)), m.start(0), m.end(0)
        declared = context.doc.meta.get("sources", []) if context.doc else []
        span = etree.Element("span", {"class": "hb-citation"})
        if context.lang != context.source_lang:
            # the source's name and locator are Norwegian: marked, and kept out of the page's direction
            span = etree.Element("bdi", {"class": "hb-citation", "lang": context.source_lang, "dir": "ltr"})
        span.text = AtomicString("(")
        href = context.href(_url_of(SOURCES_PAGE))
        for index, cite in enumerate(cites):
            context.found.citations.append((m.group(0), cite))
            source = sources.get(cite.source_id)
            if source is None:
                context.found.problem(
                    m.group(0),
                    f"unknown source id '{cite.source_id}'",
                    _closest_fix(cite.source_id, sources, "use an id from data/sources.yml, or add the source there"),
                    reference=True,
                )
                continue
            if (
                context.doc is not None
                and cite.source_id not in declared
                and context.written_in == context.doc.lang
                and context.written_here(m.group(0))
            ):
                context.found.problem(
                    m.group(0),
                    f"the page cites '{cite.source_id}' but does not list it under 'sources:'",
                    f"add {cite.source_id} to 'sources:' in the front matter",
                    reference=True,
                )
            tip = source.data["title"] + (f" — tekstutgaven {cite.lines.replace('L', 'linje ')}" if cite.lines else "")
            link = etree.SubElement(
                span, "a", {"class": "hb-cite", "href": f"{RESOLVED}{href}#kilde-{cite.source_id}", "title": tip}
            )
            link.text = AtomicString(source.short + (f", {cite.locator}" if cite.locator else ""))
            link.tail = AtomicString("; " if index < len(cites) - 1 else "")
        if len(span):
            span[-1].tail = AtomicString(")")
        else:
            span.text = AtomicString(m.group(0))
        return span, m.start(0), m.end(0)


class LawReferenceProcessor(_ContextInline):
    def handleMatch(self, m: re.Match, data: str):  # noqa: N802
        context = self.context
        if context is None:
            return None, None, None
        from .law import UNVERIFIED_PAGE, normalise_ref, registry

        laws = registry(context.project)
        shown = " ".join(m.group(0).split())
        try:
            law_id, ref = parse_law_reference(m.group("inner"))
        except ValueError:
            context.found.problem(
                m.group(0),
                f"the law reference {shown} names no provision",
                "write [§ <law id> <provision>], e.g. [§ opplaringslova 10-3] (ids in data/law.yml)",
                reference=True,
            )
            return AtomicString(shown), m.start(0), m.end(0)
        if law_id not in laws.laws:
            context.found.problem(
                m.group(0),
                f"unknown law '{law_id}' in {shown}",
                _closest_fix(law_id, laws.laws, f"use a law id from data/law.yml ({', '.join(sorted(laws.laws))})"),
                reference=True,
            )
            return AtomicString(shown), m.start(0), m.end(0)
        provision = laws.resolve(law_id, ref)
        if provision is None:
            context.found.problem(
                m.group(0),
                f"unknown law reference {shown}",
                f"add '{law_id} {normalise_ref(ref)}' to data/law.yml (checked against the law text), or correct the reference",
                reference=True,
            )
            return AtomicString(shown), m.start(0), m.end(0)
        if provision.law.repealed and not laws.accounted_for(provision):
            context.found.problem(
                m.group(0),
                f"{shown} is a repealed provision with no known successor",
                "cite the provision in force instead, or find the successor and add it to data/law.yml",
                reference=True,
            )
        context.found.provisions.append(provision)
        from .law import render_reference

        unverified = RESOLVED + context.href(_url_of(UNVERIFIED_PAGE))
        return render_reference(provision, laws, context, unverified), m.start(0), m.end(0)


class BareSectionSignProcessor(_ContextInline):
    """A '§' that is not part of a reference: writers mean a reference, or must say they don't (\\§)."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802
        context = self.context
        if context is None:
            return None, None, None
        around = " ".join(data[max(0, m.start() - 15) : m.end() + 20].split())
        around = re.sub(r"\x02[^\x03]*\x03", "…", around)  # placeholders of text already handled
        context.found.problem(
            "§",
            f"a plain '§' in «{around}»",
            "write the reference as [§ <law> <paragraph>], e.g. [§ opplaringslova 10-3] "
            "(ids in data/law.yml), or '\\§' for a mention that is not a reference",
            reference=True,
        )
        return AtomicString("§"), m.start(0), m.end(0)


class LangSpanProcessor(_ContextInline):
    """[utviklingssamtale]{lang=nb}: a word in another language, marked and isolated."""

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802
        context = self.context
        if context is None:
            return None, None, None
        code = m.group("lang")
        try:
            language = context.project.language(code)
        except KeyError:
            context.found.problem(
                m.group(0), f"unknown language '{code}' in {m.group(0)}", "use a code from data/languages.yml, e.g. {lang=nb}"
            )
            return AtomicString(m.group("text")), m.start(0), m.end(0)
        element = etree.Element("bdi", {"lang": language.code, "dir": language.dir})
        element.text = m.group("text")
        return element, m.start(0), m.end(0)


# ---- block processor: admonitions without a title ---------------------------------------------
class AdmonitionTitleCheck(BlockProcessor):
    """``!!! tip`` without a title renders Material's English «Tip»; a title is required."""

    RE = re.compile(r'(?:^|\n)(?:!!!|\?\?\?\+?) ?([\w\-]+(?: +[\w\-]+)*)(?: +"(.*?)")? *(?:\n|$)')

    def __init__(self, parser, extension: HandbookExtension):
        super().__init__(parser)
        self.extension = extension

    def test(self, parent, block: str) -> bool:
        context = self.extension.context
        if context is not None:
            for match in self.RE.finditer(block):
                if match.group(2) is None:
                    context.found.problem(
                        match.group(0).strip(),
                        f"the admonition «{match.group(0).strip()}» has no title",
                        f'give it a title in the page\'s language: {match.group(0).strip()} "Tips"',
                    )
        return False  # only looks; the admonition extension renders it

    def run(self, parent, blocks):  # pragma: no cover - test() never claims a block
        return False


# ---- tree processors ------------------------------------------------------------------------------
SAFE_SCHEMES = ("https", "mailto", "tel")


class LinkProcessor(Treeprocessor):
    """Links and images as MkDocs is about to resolve them.

    * a link from a translation to a page that exists only in Norwegian goes to the
      Norwegian page and says so; a link into another language's folder goes there;
    * unsafe or unhelpful targets are problems: ``javascript:``/``data:`` URLs, plain
      ``http://``, absolute links to the site's own address, images without text or file.
    """

    def __init__(self, md: Markdown, extension: HandbookExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        context = self.extension.context
        if context is None:
            return
        for element in list(root.iter()):
            if element.tag == "a" and element.get("href") is not None:
                self._link(context, element)
            elif element.tag == "img":
                self._image(context, element)

    def _link(self, context: RenderContext, element: etree.Element) -> None:
        href = element.get("href", "")
        if href.startswith(RESOLVED):
            return  # made by the handbook itself (a citation, a law mark)
        context.found.links.append(href)
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme and scheme not in SAFE_SCHEMES and scheme != "http":
            context.found.problem(
                href,
                f"the link target «{href}» uses '{scheme}:', which the handbook does not allow",
                "link to a page (a .md file) or to an https:// address",
            )
            element.set("href", "#")
            return
        if scheme == "http":
            context.found.problem(
                href, f"the link «{href}» is not encrypted (http://)", "use the https:// address (check that it works)"
            )
            return
        own = urlsplit(context.site_url)
        if scheme == "https" and parts.hostname and parts.hostname == own.hostname and parts.path.startswith(own.path):
            context.found.problem(
                href,
                f"the link «{href}» points to the handbook's own address",
                "link to the Markdown file instead (e.g. ../veiledning/hjemmebesok.md), so the link works in every copy",
            )
            return
        if scheme or parts.netloc or href.startswith("#"):
            return
        rewritten = cross_language_href(context, href)
        if rewritten is not None:
            target, hreflang, to_source = rewritten
            element.set("href", RESOLVED + target)
            element.set("hreflang", hreflang)
            if to_source:
                element.set("class", ((element.get("class") or "") + " hb-source-link").strip())
                note = etree.SubElement(element, "span", {"class": "hb-lang-note"})
                note.text = AtomicString(f" ({context.ui['in_norwegian']})")
            return
        check_internal_link(context, href)

    def _image(self, context: RenderContext, element: etree.Element) -> None:
        src = element.get("src", "")
        if not (element.get("alt") or "").strip():
            context.found.problem(
                src, f"the image {src} has no alt text", "describe what the image shows: ![Hva bildet viser](…)"
            )
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            context.found.problem(
                src,
                f"the image {src} is loaded from another site",
                "put the file in docs/<lang>/ next to the page and link to it relatively",
            )
            return
        folder = context.written_in
        target = posixpath.normpath(posixpath.join(posixpath.dirname(context.uri), parts.path))
        local = context.doc is not None and context.doc.local and context.project.local_dir is not None
        base = context.project.local_dir / "docs" if local else context.project.docs_dir
        if not (base / folder / target).is_file():
            shown = context.project.label(base / folder / target)
            context.found.problem(src, f"the image {src} does not exist ({shown})", "correct the path, or add the file")


class RestoreResolvedLinks(Treeprocessor):
    """After MkDocs has resolved the links it knows, give the handbook's own links their href
    (citations, law marks, links into another language's site: already relative to the page)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter("a"):
            href = element.get("href") or ""
            if href.startswith(RESOLVED):
                element.set("href", href[len(RESOLVED) :])


def cross_language_href(context: RenderContext, href: str) -> tuple[str, str, bool] | None:
    """(href, hreflang, leads to the Norwegian source) for a link out of the language being built.

    In a parent language, a link whose target exists only in Norwegian goes to the
    Norwegian page. In any language, a link into another language's folder
    (``../../en/om/oversettelse.md``) goes to that language's page."""
    from .project import resolve_link, uri_to_url

    path, _, fragment = href.partition("#")
    if not path.endswith(".md"):
        return None
    project, source = context.project, context.source_lang
    resolved = resolve_link(f"{context.written_in}/{context.uri}", path)
    folder, _, uri = resolved.partition("/")
    anchor = f"#{fragment}" if fragment else ""
    if folder not in (context.lang, source) and folder in {lang.code for lang in project.languages}:
        if uri in project.site_uris(folder):
            return context.href(f"{folder}/" + uri_to_url(uri)) + anchor, folder, False
        return None
    if context.lang == source:
        return None
    is_fallback = context.written_in == source
    site = project.site_uris(context.lang)
    source_site = project.site_uris(source)
    if folder == context.lang:
        go_to_source = uri not in site and uri in source_site
    elif folder == source:
        go_to_source = uri in source_site and not (is_fallback and uri in site)
    else:
        return None
    if not go_to_source:
        return None
    return context.href(uri_to_url(uri)) + anchor, source, True


def check_internal_link(context: RenderContext, href: str) -> None:
    """A link to a Markdown page: the page exists, and so does the heading it names."""
    from .project import resolve_link

    path, _, fragment = href.partition("#")
    if not path.endswith(".md"):
        if path and not path.endswith("/"):
            context.found.problem(href, f"the link «{href}» does not point to a page", "link to the page's .md file")
        return
    resolved = resolve_link(f"{context.written_in}/{context.uri}", path)
    folder, _, uri = resolved.partition("/")
    project = context.project
    if folder not in {lang.code for lang in project.languages} or uri not in project.site_uris(folder):
        context.found.problem(
            href,
            f"the link «{href}» leads to docs/{resolved}, which does not exist",
            "correct the path (relative to this page's file)",
        )
        return
    # a page the language has not translated is shown in Norwegian: its ids are the Norwegian page's
    shown_in = folder if uri in project.pages.get(folder, {}) else project.source_language.code
    if fragment and fragment not in project.page_ids(shown_in, uri):
        context.found.problem(
            href,
            f"the link «{href}» points to #{fragment}, which docs/{shown_in}/{uri} does not have",
            "link to an existing heading id ({#id} after a heading) or checklist item id",
        )


# ---- the extension ----------------------------------------------------------------------------
class HandbookExtension(Extension):
    """Registered once in the MkDocs config; :attr:`context` says which page is being rendered."""

    def __init__(self, site_url: str = "http://127.0.0.1:8000/", **kwargs):
        super().__init__(**kwargs)
        self.context: RenderContext | None = None
        self.site_url = site_url  # where the site is published (mkdocs.yml): links to it should be relative

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        if "§" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("§")  # \§ is a plain mention
        md.preprocessors.register(GeneratedSections(md, self), "handbook_generated", 35)
        md.inlinePatterns.register(CitationProcessor(CITATION, md, self), "handbook_citation", 176)
        md.inlinePatterns.register(LawReferenceProcessor(LAW_REFERENCE, md, self), "handbook_law", 175)
        md.inlinePatterns.register(LangSpanProcessor(LANG_SPAN, md, self), "handbook_lang", 174)
        md.inlinePatterns.register(BareSectionSignProcessor("§", md, self), "handbook_bare_section", 173)
        md.parser.blockprocessors.register(AdmonitionTitleCheck(md.parser, self), "handbook_admonition_title", 106)
        md.treeprocessors.register(LinkProcessor(md, self), "handbook_links", 10)
        md.treeprocessors.register(RestoreResolvedLinks(md), "handbook_restore_links", -10)
        from .basis import BasisProcessor

        md.treeprocessors.register(BasisProcessor(md, self), "handbook_basis", 4)  # after the contents (toc, 5)


# ---- helpers --------------------------------------------------------------------------------------------
def _url_of(uri: str) -> str:
    from .project import uri_to_url

    return uri_to_url(uri)


def _closest_fix(wrong: str, known, default: str) -> str:
    close = difflib.get_close_matches(wrong, list(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else default


def locate(source: str, snippet: str, after: int = 0) -> tuple[int, int]:
    """(1-based line, offset) of ``snippet`` in ``source`` at or after ``after``; whitespace may differ.

    Python-Markdown keeps no source positions, so a finding is found again in the text
    it came from. Falls back to the first occurrence anywhere, then to line 1."""
    pattern = r"\s+".join(re.escape(part) for part in snippet.split())
    if not pattern:
        return 1, after
    regex = re.compile(pattern)
    match = regex.search(source, after) or regex.search(source)
    if match is None:
        return 1, after
    return source.count("\n", 0, match.start()) + 1, match.end()


def problems_of(found: Found, text: str, first_line: int, label: str) -> list[Problem]:
    """Findings as problems with file lines; ``text`` starts on ``first_line`` of the file."""
    problems, offsets = [], {}
    for finding in found.problems:
        line, offsets[finding.snippet] = locate(text, finding.snippet, offsets.get(finding.snippet, 0))
        problems.append(Problem(label, first_line + line - 1, finding.message, finding.fix))
    return problems


def render(md: Markdown, extension: HandbookExtension, context: RenderContext, text: str) -> str:
    extension.context = context
    try:
        return md.reset().convert(text)
    finally:
        extension.context = None


def raw_html(md: Markdown) -> list[str]:
    """The raw HTML a conversion kept as written (blocks and inline tags)."""
    return [str(block) for block in md.htmlStash.rawHtmlBlocks]


def escape_attr(value: str) -> str:
    return html.escape(value, quote=True)


Factory = Callable[[], tuple[Markdown, HandbookExtension]]
