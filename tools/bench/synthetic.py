"""A synthetic handbook: the real one grown to N times its size with realistic pages.

What «realistic» means here, and how it is kept:

* **Pages.** Each synthetic page is a *variant* of a real content page (guidance,
  checklist, school-leader or parent page): the same front matter and the same sections,
  citations, law references, lists, admonitions and checklist items, with the page's
  ``##`` sections (and a checklist's sections) in another order and a title of its own.
  So a variant is as long and as structured as the pages writers really write, it passes
  every check the build runs (real sentences, real citations whose basis labels travel
  with their section), and no two pages are the same text. :func:`page_stats` measures
  real and synthetic pages alike (words, headings, list items, citations, law references,
  admonitions, checklist items), and the benchmark prints both.
* **Sections.** Each top-level section of the real menu (Veiledning for lærere,
  Sjekklister, For skoleledere, Foreldre) gets one sub-section per variant, «Variant N»,
  which mirrors the real section's own structure: the same sub-sections of 3–6 pages
  (guidance), 16 checklists, 14 parent pages. No section holds hundreds of pages.
* **Languages.** A parent page's variant is translated into every language that
  translates the real page (the translation's sections in the same new order, its
  translation record stamped against the new Norwegian text, so it is current).
* **Size.** ``scale`` is the size of the whole handbook: at scale 4 the Norwegian site
  has about four times the real number of pages. Pages that are not content (home, law,
  research, about, glossary, sources) exist once, as in a real handbook that grows.
  The exact page counts are reported with every figure.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from handbook.build import copy_project
from handbook.markdown_ext import CITATION, FENCE, GENERATED, LAW_REFERENCE
from handbook.project import DocPage, Project
from handbook.text import reader_lines, words

# Folders (and single pages) of the real handbook that hold content writers write; each
# gets variants. Their top-level menu sections get one «Variant N» sub-section per variant.
CONTENT_FOLDERS = ("veiledning/", "sjekklister/", "skoleledelse/", "foreldre/")
CONTENT_PAGES = ("for-samtalen.md",)
GUIDANCE_HOME = "veiledning/"  # single content pages (for-samtalen.md) go into this section's variants
SECTION_HEADING = re.compile(r"^## ")
HEADING_ID = re.compile(r"\{#([^\s}]+)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+\S")
DIRECTIVE = re.compile(GENERATED.pattern, re.M)  # a generated section (<!-- hb:… -->): such pages are not copied


# ---- what a page is made of -------------------------------------------------------------------
@dataclass
class PageStats:
    words: int
    sections: int  # ## headings
    subsections: int  # ### and #### headings
    list_items: int
    citations: int  # cited works ([@a; @b] is two)
    law_refs: int
    admonitions: int
    checklist_items: int


def page_stats(page: DocPage) -> PageStats:
    body = _outside_code(page.body)
    checklist = page.meta.get("checklist") or {}
    items = [item for section in checklist.get("sections", []) for item in section.get("items", [])]
    refs = " ".join(item.get("ref") or "" for item in items)
    return PageStats(
        words=len(words(reader_lines(page))),
        sections=sum(1 for line in body if line.startswith("## ")),
        subsections=sum(1 for line in body if line.startswith(("### ", "#### "))),
        list_items=sum(1 for line in body if LIST_ITEM.match(line)),
        citations=sum(len(m.group("body").split(";")) for m in CITATION.finditer(page.body + " " + refs)),
        law_refs=len(LAW_REFERENCE.findall(page.body + " " + refs)),
        admonitions=sum(1 for line in body if line.lstrip().startswith(("!!!", "???"))),
        checklist_items=len(items),
    )


def kind_of(uri: str, meta: dict) -> str:
    if meta.get("checklist") and uri.startswith("sjekklister/"):
        return "checklist"
    if uri.startswith("foreldre/"):
        return "parent"
    return "guidance"


def mean_stats(pages: list[DocPage]) -> dict[str, dict]:
    """Mean statistics per kind of page (guidance, checklist, parent) and the number of pages."""
    groups: dict[str, list[PageStats]] = {}
    for page in pages:
        groups.setdefault(kind_of(page.uri, page.meta), []).append(page_stats(page))
    out = {}
    for kind, stats in sorted(groups.items()):
        rows = [asdict(s) for s in stats]
        out[kind] = {"pages": len(rows), **{key: round(sum(r[key] for r in rows) / len(rows), 1) for key in rows[0]}}
    return out


def _outside_code(body: str) -> list[str]:
    lines, fence = [], None
    for line in body.split("\n"):
        opener = FENCE.match(line)
        if opener:
            fence = opener.group(1) if fence is None else (None if opener.group(1) == fence else fence)
            continue
        if not fence:
            lines.append(line)
    return lines


# ---- choosing and changing pages ---------------------------------------------------------------
def content_pages(project: Project) -> list[DocPage]:
    """The real Norwegian pages that get variants: content, not section homes or generated lists."""
    source = project.pages[project.source_language.code]
    return [
        page
        for uri, page in sorted(source.items())
        if (uri.startswith(CONTENT_FOLDERS) or uri in CONTENT_PAGES)
        and not uri.endswith("index.md")
        and not DIRECTIVE.search(page.body)
    ]


def variants_for(scale: float, all_pages: int, content: int) -> int:
    """How many variants of every content page make the Norwegian site ``scale`` times its size."""
    return max(0, round((scale - 1) * all_pages / content)) if content else 0


def variant_uri(uri: str, number: int) -> str:
    return f"{uri[:-3]}-variant-{number}.md"


def split_sections(body: str) -> tuple[str, list[str]]:
    """(text before the first ## heading, [each ## section with everything under it])."""
    lines = body.split("\n")
    starts, fence = [], None
    for index, line in enumerate(lines):
        opener = FENCE.match(line)
        if opener:
            fence = opener.group(1) if fence is None else (None if opener.group(1) == fence else fence)
        elif not fence and SECTION_HEADING.match(line):
            starts.append(index)
    if not starts:
        return body, []
    head = "\n".join(lines[: starts[0]])
    sections = ["\n".join(lines[a:b]) for a, b in zip(starts, [*starts[1:], len(lines)])]
    return head, sections


def section_ids(sections: list[str]) -> list[str]:
    ids = []
    for section in sections:
        found = HEADING_ID.search(section.split("\n", 1)[0])
        ids.append(found.group(1) if found else "")
    return ids


def reorder(body: str, order: list[int] | None) -> str:
    head, sections = split_sections(body)
    if not order or len(order) != len(sections):
        return body
    parts = [sections[i].rstrip("\n") + "\n" for i in order]
    return head.rstrip("\n") + "\n\n" + "\n".join(parts)


def new_order(count: int, rng: random.Random) -> list[int]:
    """Another order of ``count`` sections (the same order only when there is nothing to change)."""
    order = list(range(count))
    if count < 2:
        return order
    while order == list(range(count)):
        rng.shuffle(order)
    return order


def retitle(text: str, number: int) -> str:
    """A new title (front matter and the page's first # heading): «Hjemmebesøk (2)»."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    for index in range(1, end):
        if lines[index].startswith("title:"):
            title = yaml.safe_load(lines[index])["title"]
            lines[index] = "title: " + json.dumps(f"{title} ({number})", ensure_ascii=False)
            break
    for index in range(end + 1, len(lines)):
        if lines[index].startswith("# "):
            lines[index] = lines[index].rstrip() + f" ({number})"
            break
    return "\n".join(lines)


def with_body(text: str, body: str) -> str:
    """The page file ``text`` with its body (everything after the front matter) replaced."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    return "\n".join(lines[: end + 1]) + "\n" + body


def reorder_checklist(text: str, order: list[int]) -> str:
    """The checklist's sections (in the front matter) in ``order``; the YAML is cut, not re-dumped."""
    lines = text.split("\n")
    end = lines.index("---", 1)
    try:
        start = lines.index("  sections:", 1, end)
    except ValueError:
        return text
    stop = start + 1
    while stop < end and (lines[stop].startswith("    ") or not lines[stop].strip()):
        stop += 1
    blocks, current = [], []
    for line in lines[start + 1 : stop]:
        if line.startswith("    - "):
            if current:
                blocks.append(current)
            current = [line]
        else:
            current.append(line)
    if current:
        blocks.append(current)
    if len(blocks) != len(order):
        return text
    reordered = [line for i in order for line in blocks[i]]
    return "\n".join(lines[: start + 1] + reordered + lines[stop:])


def set_record_hashes(text: str, source_hash: str, own_hash: str) -> str:
    """A translation's record stamped against its Norwegian source (as `make translation-stamp` does)."""
    text = re.sub(r'(?m)^(  source_hash: )"?[0-9a-f]+"?', rf'\g<1>"{source_hash}"', text)
    text = re.sub(r'(?m)^(  stamped_hash: )"?[0-9a-f]+"?', rf'\g<1>"{own_hash}"', text)
    return re.sub(r'(?m)^(  reviewed_hash: )"?[0-9a-f]+"?', rf'\g<1>"{own_hash}"', text)


# ---- the menu ------------------------------------------------------------------------------------
def nav_block(config_text: str) -> tuple[int, int]:
    """Start and end (character offsets) of the top-level ``nav:`` block in mkdocs.yml."""
    match = re.search(r"(?m)^nav:\s*$", config_text)
    if match is None:
        raise ValueError("mkdocs.yml has no nav:")
    following = re.search(r"(?m)^[^\s#-]", config_text[match.end() :])
    return match.start(), match.end() + following.start() if following else len(config_text)


def mirror(items: list, mapping: dict[str, str]) -> list:
    """The menu items with each page replaced by its variant; pages without one (section homes) left out."""
    out = []
    for item in items:
        if isinstance(item, str):
            if item in mapping:
                out.append(mapping[item])
        elif isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    if value in mapping:
                        out.append({title: mapping[value]})
                else:
                    children = mirror(value, mapping)
                    if children:
                        out.append({title: children})
    return out


def grow_nav(nav: list, variants: dict[int, dict[str, str]]) -> list:
    """Each top-level section holding content pages gets «Variant N» sub-sections mirroring it."""
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            ((title, value),) = item.items()
            if isinstance(value, list):
                pages = _pages_in(value)
                extra = []
                for number, mapping in variants.items():
                    singles = (
                        [mapping[uri] for uri in CONTENT_PAGES if uri in mapping]
                        if any(p.startswith(GUIDANCE_HOME) for p in pages)
                        else []
                    )
                    children = singles + mirror(value, mapping)
                    if children:
                        extra.append({f"Variant {number}": children})
                item = {title: value + extra}
        out.append(item)
    return out


def _pages_in(items: list) -> list[str]:
    found = []
    for item in items:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found += [value] if isinstance(value, str) else _pages_in(value)
    return found


# ---- the whole handbook ----------------------------------------------------------------------------
@dataclass
class Synthetic:
    root: Path
    scale: float
    variants: int
    nb_pages: int  # Norwegian pages in all
    parent_pages: dict[str, int]  # pages written in each parent language
    synthetic_pages: list[str]  # labels of the pages written (docs/<lang>/…)


def make(source_root: Path, target: Path, scale: float, seed: int = 19) -> Synthetic:
    """A copy of the project at ``target`` grown to ``scale`` times the real handbook."""
    from handbook.translations import text_hash

    copy_project(source_root, target)
    project = Project(target)
    source = project.source_language.code
    content = content_pages(project)
    count = variants_for(scale, len(project.pages[source]), len(content))
    rng = random.Random(seed)
    variants: dict[int, dict[str, str]] = {}
    written: list[str] = []
    for number in range(2, count + 2):
        mapping: dict[str, str] = {}
        for page in content:
            new_uri = variant_uri(page.uri, number)
            mapping[page.uri] = new_uri
            text = page.path.read_text(encoding="utf-8")
            head, sections = split_sections(page.body)
            order = new_order(len(sections), rng)
            new = retitle(with_body(text, reorder(page.body, order)), number)
            checklist = (page.meta.get("checklist") or {}).get("sections") or []
            checklist_order = new_order(len(checklist), rng)
            new = reorder_checklist(new, checklist_order)
            nb_path = project.docs_dir / source / new_uri
            nb_path.write_text(new, encoding="utf-8")
            written.append(project.label(nb_path))
            for lang in project.parent_languages:
                translation = project.pages.get(lang.code, {}).get(page.uri)
                if translation is None:
                    continue  # the build shows the Norwegian page there, as for the real page
                t_text = translation.path.read_text(encoding="utf-8")
                _, t_sections = split_sections(translation.body)
                same = section_ids(t_sections) == section_ids(sections)
                t_new = retitle(with_body(t_text, reorder(translation.body, order if same else None)), number)
                t_new = reorder_checklist(t_new, checklist_order) if same else t_new
                path = project.docs_dir / lang.code / new_uri
                path.write_text(t_new, encoding="utf-8")
                path.write_text(set_record_hashes(t_new, text_hash(nb_path), text_hash(path)), encoding="utf-8")
                written.append(project.label(path))
        variants[number] = mapping
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start, end = nav_block(text)
    nav = yaml.safe_load(text[start:end])["nav"]
    dumped = yaml.safe_dump({"nav": grow_nav(nav, variants)}, allow_unicode=True, sort_keys=False, width=200)
    config.write_text(text[:start] + dumped + text[end:], encoding="utf-8")
    grown = Project(target)
    return Synthetic(
        target,
        scale,
        count,
        len(grown.pages[source]),
        {lang.code: len(grown.pages.get(lang.code, {})) for lang in grown.parent_languages},
        written,
    )


def describe(project_root: Path, labels: list[str] | None = None) -> dict:
    """Mean page statistics of the real content pages, and of the synthetic pages when given."""
    project = Project(project_root)
    source = project.source_language.code
    real = [p for p in content_pages(project) if "-variant-" not in p.uri]
    out = {"real": mean_stats(real)}
    if labels:
        wanted = set(labels)
        synthetic = [p for p in project.pages[source].values() if p.label in wanted]
        out["synthetic"] = mean_stats(synthetic)
    return out


def kinds(pages: list[DocPage]) -> Counter:
    return Counter(kind_of(p.uri, p.meta) for p in pages)
