"""Basis labels: what the advice in each section rests on, shown to readers.

Every ``##`` section of a guidance page (``veiledning/``, ``skoleledelse/`` and
``for-samtalen.md``) says what its advice rests on, as an attribute next to its id::

    ## Før møtet {#for-motet basis="praksis forslag"}

and every checklist section does the same in front matter (``basis: [praksis, forslag]``).
The values:

* ``lovkrav`` – the section refers to the law (``[§ …]``, or a source with basis ``lov``);
* ``forskning``, ``veiledning``, ``praksis`` – it cites a source with that ``basis:`` in
  data/sources.yml;
* ``forslag`` – the handbook's own suggestion, with no source.

A label must match the section's references both ways: each label except ``forslag`` is
backed by at least one reference of that kind in the section (its ``###`` subsections
included), and each kind referred to is labelled.

The rules are pure functions over (heading, attributes, section text), so the same logic
can move into a Markdown extension later. :class:`BasisExtension` renders the labels:
a treeprocessor reads the ``basis`` attribute that attr_list put on the heading, removes
it and appends a small linked label after the heading text.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markdown import Extension
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.treeprocessors import Treeprocessor

from . import law, sources
from .markdown_text import prose_lines
from .problems import Problem
from .project import DocPage, Project

VALUES = ("lovkrav", "forskning", "veiledning", "praksis", "forslag")
# What readers see, in Norwegian (the labels appear on Norwegian pages only).
LABELS = {
    "lovkrav": "Lovkrav",
    "forskning": "Forskning",
    "veiledning": "Offentlig veiledning",
    "praksis": "Erfaring fra praksis",
    "forslag": "Håndbokas forslag",
}
EXPLANATION_PAGE = "om/grunnlag.md"
# A source's basis in data/sources.yml -> the label it backs.
SOURCE_KIND = {"forskning": "forskning", "veiledning": "veiledning", "praksis": "praksis", "lov": "lovkrav"}
SCOPE_FOLDERS = ("veiledning/", "skoleledelse/")
SCOPE_PAGES = ("for-samtalen.md",)

HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*(?:\{:?(?P<attrs>[^}]*)\})?[ \t]*$")


def in_scope(uri: str) -> bool:
    """Guidance pages whose ``##`` sections must carry a basis label."""
    return uri.startswith(SCOPE_FOLDERS) or uri in SCOPE_PAGES


def parse_labels(value: str | Iterable[str]) -> list[str]:
    """'praksis forslag' or ['praksis', 'forslag'] -> ['praksis', 'forslag'] (order kept)."""
    items = value.split() if isinstance(value, str) else list(value)
    return list(dict.fromkeys(item.strip() for item in items if item.strip()))


def kinds_in(text: str, source_basis: dict[str, str]) -> set[str]:
    """The kinds of basis a piece of Markdown refers to: law references and cited sources."""
    kinds = set()
    if law.LAW_REF.search(text):
        kinds.add("lovkrav")
    for match in sources.CITATION.finditer(text):
        try:
            cites = sources.parse_citation(match.group("body"))
        except ValueError:
            continue  # sources.check_page reports it
        for cite in cites:
            kind = SOURCE_KIND.get(source_basis.get(cite.source_id, ""))
            if kind:
                kinds.add(kind)
    return kinds


def label_problems(labels: list[str], kinds: set[str]) -> list[tuple[str, str]]:
    """(what is wrong, fix) for a section's labels against the kinds it refers to."""
    out = []
    unknown = [label for label in labels if label not in VALUES]
    for label in unknown:
        out.append((f"unknown basis «{label}»", "use lovkrav, forskning, veiledning, praksis or forslag"))
    known = [label for label in labels if label in VALUES]
    if not known and not unknown:
        out.append(("the section has no basis label",
                    "add basis=\"…\" to the heading's attributes: the kinds of source it cites, or forslag"))
    for label in known:
        if label != "forslag" and label not in kinds:
            what = "a law reference [§ …]" if label == "lovkrav" else f"a citation of a source with basis {label}"
            out.append((f"the label «{label}» is not backed by {what} in the section",
                        f"cite what the advice rests on, or remove {label} from the label"))
    for kind in sorted(kinds - set(known)):
        what = "refers to the law" if kind == "lovkrav" else f"cites a source with basis {kind}"
        out.append((f"the section {what}, but its label does not say {kind}", f"add {kind} to the label"))
    return out


# ---- sections of a page ----------------------------------------------------------------------
@dataclass
class Section:
    line: int  # file line of the ## heading
    title: str
    attrs: dict[str, str]
    text: str = ""  # the section's Markdown up to the next ## or # heading
    subheadings: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (line, attrs) of ###–######

    @property
    def labels(self) -> list[str] | None:
        return parse_labels(self.attrs["basis"]) if "basis" in self.attrs else None


def heading_attrs(attrs: str | None) -> dict[str, str]:
    """attr_list's own parser: '#id basis="a b"' -> {'id': 'id', 'basis': 'a b'}."""
    if not attrs:
        return {}
    pairs, _ = get_attrs_and_remainder(attrs)
    return {("id" if key == "#" else key): value for key, value in pairs if key != "."}


def sections(body: str, first_line: int = 1) -> list[Section]:
    """The ``##`` sections of a page body, outside code fences."""
    found: list[Section] = []
    current: Section | None = None
    lines: list[str] = []
    for number, line in prose_lines(body, first_line):
        match = HEADING.match(line)
        level = len(match.group("hashes")) if match else 0
        if match and level <= 2:
            if current is not None:
                current.text = "\n".join(lines)
            current, lines = None, []
            if level == 2:
                current = Section(number, match.group("text"), heading_attrs(match.group("attrs")))
                found.append(current)
            continue
        if current is not None:
            if match:
                current.subheadings.append((number, heading_attrs(match.group("attrs"))))
            lines.append(line)
    if current is not None:
        current.text = "\n".join(lines)
    return found


# ---- checks ----------------------------------------------------------------------------------
def source_kinds(project: Project) -> dict[str, str]:
    return {sid: s.data.get("basis", "") for sid, s in sources.registry(project).sources.items()}


def check_page(page: DocPage, source_basis: dict[str, str], required: bool) -> list[Problem]:
    """Basis labels on a page's ## headings (``required`` on guidance pages in the source
    language) and on its checklist sections."""
    problems = []
    for section in sections(page.body, page.body_line):
        for line, attrs in section.subheadings:
            if "basis" in attrs:
                problems.append(Problem(page.label, line, "a basis label on a ### heading",
                                        "put it on the ## heading above; ### sections share their ## section's label"))
        if section.labels is None and not required:
            continue
        for what, fix in label_problems(section.labels or [], kinds_in(section.text, source_basis)):
            problems.append(Problem(page.label, section.line, f"«{section.title}»: {what}", fix))
    lines = page.meta.get("_lines", {})
    for s_index, data in enumerate((page.meta.get("checklist") or {}).get("sections", [])):
        text = "\n".join(item.get(key) or "" for item in data.get("items", []) for key in ("text", "why", "ref"))
        line = lines.get(("checklist", "sections", s_index, "basis"), lines.get(("checklist", "sections", s_index), 1))
        for what, fix in label_problems(parse_labels(data.get("basis", [])), kinds_in(text, source_basis)):
            problems.append(Problem(page.label, line, f"checklist section «{data.get('title', '')}»: {what}",
                                    fix.replace('basis="…" to the heading\'s attributes', "basis: [...] to the section")))
    return problems


def check_project(project: Project) -> list[Problem]:
    registry = sources.registry(project)
    if registry.problems:
        return []  # sources.check_project reports them
    source_basis = source_kinds(project)
    problems = []
    source = project.source_language.code
    for page in project.all_pages():
        problems += check_page(page, source_basis, required=page.lang == source and in_scope(page.uri))
    return problems


# ---- rendering -------------------------------------------------------------------------------
def label_html(labels: list[str], href: str) -> str:
    """The labels as HTML (for places that write HTML directly, and for tests)."""
    return etree.tostring(label_element(labels, href), encoding="unicode", method="html")


def label_element(labels: list[str], href: str) -> etree.Element:
    """<span class="hb-basis-list"><span class="hb-visually-hidden">Bygger på: </span>
    <a class="hb-basis hb-basis-praksis" href="…#praksis">Erfaring fra praksis</a> …</span>;
    screen readers hear «Bygger på: Erfaring fra praksis, Håndbokas forslag»."""
    wrapper = etree.Element("span", {"class": "hb-basis-list"})
    hidden = etree.SubElement(wrapper, "span", {"class": "hb-visually-hidden"})
    hidden.text = "Bygger på: "
    for index, label in enumerate(labels):
        if index:
            comma = etree.SubElement(wrapper, "span", {"class": "hb-visually-hidden"})
            comma.text = ", "
        link = etree.SubElement(wrapper, "a", {"class": f"hb-basis hb-basis-{label}", "href": f"{href}#{label}"})
        link.text = LABELS[label]
    return wrapper


class BasisTreeprocessor(Treeprocessor):
    """Turns ``<h2 basis="praksis forslag">`` into the heading followed by its labels.

    Runs after attr_list (8) and toc (5), so the labels stay out of the table of contents,
    and before MkDocs resolves links (relpath, 0), so the link to the explanation page is
    checked and rewritten like any other link to a Markdown page."""

    def __init__(self, md, href: Callable[[], str], enabled: Callable[[], bool] = lambda: True):
        super().__init__(md)
        self.href = href
        self.enabled = enabled

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag not in ("h1", "h2", "h3", "h4", "h5", "h6") or "basis" not in element.attrib:
                continue
            labels = [label for label in parse_labels(element.attrib.pop("basis")) if label in LABELS]
            if not labels or not self.enabled():
                continue
            span = label_element(labels, self.href())
            children = list(element)
            anchors = [child for child in children if child.tag == "a" and "headerlink" in child.get("class", "")]
            # before the permalink '#' that toc appends
            position = children.index(anchors[0]) if anchors else len(children)
            # a space after the heading text, so it is not read together with «Bygger på»
            if position == 0:
                element.text = (element.text or "").rstrip() + " "
            else:
                children[position - 1].tail = (children[position - 1].tail or "").rstrip() + " "
            element.insert(position, span)
            span.tail = None


class BasisExtension(Extension):
    """Renders basis labels. ``page_uri`` is set for each page before it is rendered (the
    handbook plugin does it in ``on_page_markdown``), so the labels link to the explanation
    page relative to the page: 'veiledning/x.md' -> '../om/grunnlag.md'. With ``show`` off
    the attribute is removed and nothing is added."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.page_uri = "index.md"
        self.show = True  # False in other languages: the labels and their page are Norwegian

    def href(self) -> str:
        return posixpath.relpath(EXPLANATION_PAGE, posixpath.dirname(self.page_uri) or ".")

    def extendMarkdown(self, md) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(BasisTreeprocessor(md, self.href, lambda: self.show), "handbook_basis", 4)
