"""Citation review: does each citation of the five source documents point to lines that
say what the sentence says?

A citation ``[@ta-grep, «Hjemmebesøk», L449–460]`` names a source document
(``document:`` in data/sources.yml), optionally a heading or phrase from it in «»,
and the lines of the project's text edition. This module

* finds every such citation with the *claim*: the whole sentence that carries it
  (hard-wrapped lines joined), or for a checklist item its text and why;
* reads the cited lines from the source documents (HANDBOOK_SOURCES_DIR or
  ../shared/sources/, the file whose name starts with the document number);
* keeps review records in data/citation_reviews.yml. A record holds short hashes of
  the claim and of the cited lines, so a review goes *stale* when either changes;
* checks locators for the build (:func:`check_locators`): a «quoted» locator must occur
  in the document, and a line range must exist in it (``text_lines:`` in
  data/sources.yml lets the range be checked without the documents).

``handbook citations`` (``make citations``) prints claims next to the cited lines; a
person judges each one and records the verdict. Nothing here decides that a claim is
supported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from . import originality, sources
from .markdown_ext import CITATION, LAW_REFERENCE, parse_citation
from .problems import Problem
from .project import DocPage, Project
from .text import blank_code_blocks

RECORDS = "citation_reviews"  # data/citation_reviews.yml
VERDICTS = ("supported", "changed", "dropped")
REVIEWED, STALE, NOT_REVIEWED = "reviewed", "stale", "not reviewed"

RANGE = re.compile(r"^L(\d+)(?:[–-](\d+))?$")
QUOTED = re.compile(r"«([^»]+)»")
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


# ---- text helpers ---------------------------------------------------------------------------
def normalise(text: str) -> str:
    """For comparing a locator with a document: case-folded, soft hyphens removed, Unicode
    hyphens as '-', all whitespace (also line breaks and no-break spaces) as one space."""
    text = text.replace("\u00ad", "").replace("\u2010", "-").replace("\u2011", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


@lru_cache(maxsize=4096)  # a pure function of two strings; a page cites the same headings again and again
def occurs(quoted: str, document: str) -> bool:
    """Does a «quoted» locator occur in a :func:`normalise`'d document, as whole words
    («Diskusjon» is not found in «diskusjonen»)? Spaces may differ: the text edition of
    document 000 letter-spaces its headings («Kor t  kunnskapss ta tus»)."""
    letters = normalise(quoted).replace(" ", "")
    pattern = r"(?<!\w)" + r"\s*".join(re.escape(c) for c in letters) + r"(?!\w)"
    return re.search(pattern, document) is not None


def short_hash(text: str) -> str:
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()[:12]


def line_ranges(lines: str) -> list[tuple[int, int]]:
    """'L449–460, L486' -> [(449, 460), (486, 486)] (a reversed range stays reversed)."""
    ranges = []
    for part in lines.split(","):
        match = RANGE.match(part.strip())
        if match:
            start = int(match.group(1))
            ranges.append((start, int(match.group(2)) if match.group(2) else start))
    return ranges


def strip_citations(text: str) -> str:
    """The claim as a reader states it: citation markup removed, spaces tidied."""
    text = CITATION.sub("", text)
    text = re.sub(r"\s+([.,;:!?)»])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


# ---- sentences ------------------------------------------------------------------------------
# Words before a full stop that do not end a sentence (lower-cased, without the final stop).
ABBREVIATIONS = {
    "f.eks",
    "bl.a",
    "kap",
    "s",
    "nr",
    "jf",
    "mfl",
    "m.fl",
    "ca",
    "dvs",
    "st",
    "meld",
    "prop",
    "pkt",
    "ev",
    "evt",
    "mv",
    "m.m",
    "o.l",
    "e.l",
    "t.d",
    "ref",
    "jfr",
    "l",
    "nb",
    "ot.prp",
    "st.meld",
}
SENTENCE_END = re.compile(r"[.!?…]+[»\"')]*\s+(?=\S)")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
OWN_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s|!!!|\?\?\?|\||<)")


def _masked(text: str) -> str:
    """Citations, law references and link targets blanked out (same length), so their full
    stops ('kap. 9', 'Meld. St.') do not end sentences."""
    for pattern in (CITATION, LAW_REFERENCE, LINK_TARGET):
        text = pattern.sub(lambda m: "x" * len(m.group(0)), text)
    return text


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a paragraph of joined lines."""
    masked = _masked(text)
    spans, start = [], 0
    for match in SENTENCE_END.finditer(masked):
        following = masked[match.end()]
        if not (following.isupper() or following.isdigit() or following in '«"(['):
            continue  # a sentence starts with a capital, a digit or a quote
        before = masked[start : match.start()].split()
        word = before[-1].lstrip('(«"').lower() if before else ""
        if word.rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[a-zæøå](\.[a-zæøå])*", word):
            continue
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass
class Segment:
    """A paragraph, list item, heading or table row: lines joined with spaces."""

    text: str
    starts: list[tuple[int, int]]  # (offset in text, file line)
    list_item: bool = False

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1]
        for start, number in self.starts:
            if start <= offset:
                line = number
        return line


def segments(body: str, first_line: int) -> list[list[Segment]]:
    """Blocks (separated by blank lines) of segments, outside code fences."""
    blocks: list[list[Segment]] = []
    block: list[Segment] = []
    parts: list[tuple[int, str]] = []
    in_list = False

    def close_segment():
        nonlocal parts
        if parts:
            text, starts = "", []
            for number, piece in parts:
                if text:
                    text += " "
                starts.append((len(text), number))
                text += piece
            block.append(Segment(text, starts, in_list))
        parts = []

    def close_block():
        nonlocal block
        close_segment()
        if block:
            blocks.append(block)
        block = []

    for number, line in enumerate(blank_code_blocks(body).split("\n"), first_line):
        line = re.sub(r"`+[^`\n]*`+", lambda m: " " * len(m.group(0)), line)  # an example in code is not a citation
        if not line.strip():
            close_block()
            continue
        if OWN_BLOCK.match(line):
            close_block()
            in_list = False
            parts.append((number, line.strip()))
            close_block()
            continue
        content = re.sub(r"^(\s*>)+", "", line)
        marker = LIST_ITEM.match(content)
        if marker:
            close_segment()
            in_list = True
            content = content[marker.end() :]
        elif not parts:
            in_list = False
        parts.append((number, content.strip()))
    close_block()
    return blocks


def claim_at(blocks: list[list[Segment]], b_index: int, index: int, offset: int) -> str:
    """The sentence of ``blocks[b_index][index]`` around ``offset``; with the sentence before
    it when the citation stands alone, and with the list that follows a sentence ending in ':'
    (in the same block, or the next one after a blank line)."""
    block = blocks[b_index]
    segment = block[index]
    spans = sentence_spans(segment.text)
    position = next((i for i, (s, e) in enumerate(spans) if s <= offset < e), len(spans) - 1)
    start, end = spans[position]
    if position > 0 and len(re.findall(r"\w+", strip_citations(segment.text[start:end]))) < 3:
        start = spans[position - 1][0]
    text = segment.text[start:end].strip()
    if strip_citations(text).endswith(":"):
        following = [s.text for s in block[index + 1 :] if s.list_item]
        if not following and index == len(block) - 1 and b_index + 1 < len(blocks):
            following = [s.text for s in blocks[b_index + 1] if s.list_item]
        if following:
            text += " " + " / ".join(following)
    return text


# ---- citations with their claims ------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    page: str  # docs/nb/…
    line: int
    source_id: str
    document: str  # '001'
    locator: str  # «Hjemmebesøk», kap. 9 … ('' if none)
    lines: str  # 'L449–460' ('' if none)
    claim: str  # the sentence as written, citations included

    @property
    def claim_hash(self) -> str:
        return short_hash(strip_citations(self.claim))

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.page, self.source_id, self.lines)


def documents(project: Project) -> dict[str, sources.Source]:
    """Sources that are one of the project's source documents (``document:`` in data/sources.yml)."""
    return {sid: s for sid, s in sources.registry(project).sources.items() if s.data.get("document")}


def page_citations(page: DocPage, docs: dict[str, sources.Source]) -> list[Citation]:
    """Every citation of a source document on the page, in reading order, with its claim."""
    found: list[Citation] = []

    def add(line: int, body: str, claim: str):
        try:
            cites = parse_citation(body)
        except ValueError:
            return  # sources.check_page reports it
        for cite in cites:
            if cite.source_id in docs:
                found.append(
                    Citation(
                        page.label, line, cite.source_id, docs[cite.source_id].data["document"], cite.locator, cite.lines, claim
                    )
                )

    blocks = segments(page.body, page.body_line)
    for b_index, block in enumerate(blocks):
        for index, segment in enumerate(block):
            for match in CITATION.finditer(segment.text):
                add(segment.line_at(match.start()), match.group("body"), claim_at(blocks, b_index, index, match.start()))
    lines = page.meta.get("_lines", {})
    for s_index, section in enumerate((page.meta.get("checklist") or {}).get("sections", [])):
        for i_index, item in enumerate(section.get("items", [])):
            claim = f"{item.get('text', '')} (Hvorfor: {item.get('why', '')})"
            for key in ("text", "why", "ref"):
                for match in CITATION.finditer(item.get(key) or ""):
                    add(lines.get(("checklist", "sections", s_index, "items", i_index, key), 1), match.group("body"), claim)
    return sorted(found, key=lambda c: c.line)


def project_citations(project: Project, labels: set[str] | None = None) -> list[Citation]:
    """Citations of source documents on the source-language pages (or only on ``labels``)."""
    docs = documents(project)
    pages = sorted(project.pages[project.source_language.code].values(), key=lambda p: p.label)
    return [c for page in pages if labels is None or page.label in labels for c in page_citations(page, docs)]


# ---- the source documents -------------------------------------------------------------------
def document_lines(project: Project) -> dict[str, list[str]]:
    """Lines of each source document found on this machine, by document number ('001')."""

    def read() -> dict[str, list[str]]:
        folder = originality.sources_dir(project)
        found: dict[str, list[str]] = {}
        if folder is None:
            return found
        for number in {s.data["document"] for s in documents(project).values()}:
            files = sorted(folder.glob(f"{number}*.txt"))
            if files:
                found[number] = files[0].read_text(encoding="utf-8", errors="replace").splitlines()
        return found

    return project.memo("citation_review.documents", read)


def cited_text(citation: Citation, text: list[str] | None) -> str | None:
    """The cited lines (blank ones left out), or None without the document or a range."""
    if text is None or not citation.lines:
        return None
    parts = []
    for start, end in line_ranges(citation.lines):
        parts += [line.strip() for line in text[start - 1 : end] if line.strip()]
    return " ".join(parts)


# ---- review records ---------------------------------------------------------------------------
@dataclass
class Review:
    page: str
    source: str
    lines: str
    locator: str
    claim_hash: str
    lines_hash: str
    verdict: str
    reviewer: str
    date: str
    note: str = ""
    claim: str = ""  # the claim as it stood (kept for dropped claims)

    def as_yaml(self) -> dict:
        out = {"page": self.page, "source": self.source, "lines": self.lines}
        if self.locator:
            out["locator"] = self.locator
        out.update(
            {
                "claim_hash": self.claim_hash,
                "lines_hash": self.lines_hash,
                "verdict": self.verdict,
                "reviewer": self.reviewer,
                "date": self.date,
            }
        )
        if self.note:
            out["note"] = self.note
        if self.claim:
            out["claim"] = self.claim
        return out


HEADER = """\
# Citation reviews: for each citation of the five source documents, whether the cited
# lines say what the sentence says. Written by `handbook citations --record` after a
# person has read the claim and the lines (`make citations FILE=docs/nb/…`); edit notes
# by hand if needed. claim_hash and lines_hash are short hashes of the claim (citations
# removed) and of the cited lines: when either changes, the review is shown as stale.
# verdict: supported | changed (claim or locator rewritten, then checked) | dropped (the
# claim or citation was removed; the record keeps what it said).
# Schema: data/schemas/citation_reviews.schema.json.
"""


def load_reviews(project: Project) -> tuple[list[Review], list[Problem]]:
    if not (project.data_dir / f"{RECORDS}.yml").is_file():
        return [], []  # nothing reviewed yet (a new copy of the handbook)
    located, problems, _ = project.read_data(RECORDS)
    if located is None:
        return [], problems
    reviews = [
        Review(
            page=r["page"],
            source=r["source"],
            lines=r["lines"],
            locator=r.get("locator", ""),
            claim_hash=r["claim_hash"],
            lines_hash=r["lines_hash"],
            verdict=r["verdict"],
            reviewer=r["reviewer"],
            date=r["date"],
            note=r.get("note", ""),
            claim=r.get("claim", ""),
        )
        for r in located.data.get("reviews") or []
    ]
    return reviews, problems


def save_reviews(project: Project, reviews: list[Review]) -> None:
    reviews = sorted(reviews, key=lambda r: (r.page, r.source, [a for a, _ in line_ranges(r.lines)], r.lines, r.claim_hash))
    body = yaml.safe_dump({"reviews": [r.as_yaml() for r in reviews]}, allow_unicode=True, sort_keys=False, width=110)
    (project.data_dir / f"{RECORDS}.yml").write_text(HEADER + body, encoding="utf-8")


@dataclass
class Status:
    citation: Citation
    state: str  # reviewed / stale / not reviewed
    review: Review | None
    lines_hash: str | None  # None when the document is not on this machine
    reason: str = ""


def status(
    citation: Citation, reviews: list[Review], lines_hash: str | None, live: set[tuple[tuple[str, str, str], str]] | None = None
) -> Status:
    """Reviewed, stale or not reviewed. ``live`` holds (key, claim hash) of every current
    citation on the page: a record of another citation with the same page, source and
    lines is not this one's stale record."""
    live = live if live is not None else {(citation.key, citation.claim_hash)}
    same_key = [r for r in reviews if (r.page, r.source, r.lines) == citation.key and r.verdict != "dropped"]
    for review in same_key:
        if review.claim_hash == citation.claim_hash and review.locator == citation.locator:
            if lines_hash is not None and review.lines_hash != lines_hash:
                return Status(citation, STALE, review, lines_hash, "the cited lines changed since the review")
            return Status(citation, REVIEWED, review, lines_hash)
    earlier = [r for r in same_key if r.claim_hash == citation.claim_hash or (citation.key, r.claim_hash) not in live]
    if earlier:
        return Status(citation, STALE, earlier[0], lines_hash, "the claim or its locator changed since the review")
    return Status(citation, NOT_REVIEWED, None, lines_hash)


def statuses(project: Project, citations: list[Citation], reviews: list[Review]) -> list[Status]:
    texts = document_lines(project)
    live = {(c.key, c.claim_hash) for c in citations}
    out = []
    for citation in citations:
        text = cited_text(citation, texts.get(citation.document))
        out.append(status(citation, reviews, short_hash(text) if text is not None else None, live))
    return out


def orphans(citations: list[Citation], reviews: list[Review], pages: set[str] | None = None) -> list[Review]:
    """Records (other than dropped claims) that no current citation matches."""
    current = {(c.key, c.claim_hash, c.locator) for c in citations}
    return [
        r
        for r in reviews
        if r.verdict != "dropped"
        and (pages is None or r.page in pages)
        and ((r.page, r.source, r.lines), r.claim_hash, r.locator) not in current
    ]


def record(project: Project, chosen: list[Citation], verdict: str, reviewer: str, date: str, note: str = "") -> list[Review]:
    """Write a verdict for each chosen citation (replacing its earlier or stale record)."""
    if verdict not in VERDICTS:
        raise ValueError(f"the verdict must be one of {', '.join(VERDICTS)}")
    if verdict != "supported" and not note:
        raise ValueError("a verdict other than 'supported' needs a one-line note")
    dt.date.fromisoformat(date)
    reviews, problems = load_reviews(project)
    if problems and (project.data_dir / f"{RECORDS}.yml").exists():
        raise ValueError("data/citation_reviews.yml is not valid: " + "; ".join(map(str, problems)))
    everything = project_citations(project)
    live = {(c.key, c.claim_hash) for c in everything}
    texts = document_lines(project)
    written = []
    for citation in chosen:
        text = cited_text(citation, texts.get(citation.document))
        if text is None:
            raise ValueError(
                f"{citation.page}:{citation.line}: the cited lines cannot be read "
                "(no line range, or the source document is not on this machine)"
            )
        # the earlier record of this citation, and records of claims that no longer exist
        reviews = [
            r
            for r in reviews
            if not (
                (r.page, r.source, r.lines) == citation.key
                and r.verdict != "dropped"
                and (r.claim_hash == citation.claim_hash or (citation.key, r.claim_hash) not in live)
            )
        ]
        review = Review(
            citation.page,
            citation.source_id,
            citation.lines,
            citation.locator,
            citation.claim_hash,
            short_hash(text),
            verdict,
            reviewer,
            date,
            note,
            strip_citations(citation.claim) if verdict == "dropped" else "",
        )
        reviews.append(review)
        written.append(review)
    save_reviews(project, reviews)
    return written


# ---- the build's check ------------------------------------------------------------------------
def citations_with_lines(page: DocPage):
    """(file line, Cite) for every citation in a page's file, its checklist included (not in code)."""
    text = blank_code_blocks(page.path.read_text(encoding="utf-8"))
    text = re.sub(r"`+[^`\n]*`+", lambda m: " " * len(m.group(0)), text)
    for match in CITATION.finditer(text):
        try:
            cites = parse_citation(match.group("body"))
        except ValueError:
            continue  # the Markdown extension reports it
        line = text.count("\n", 0, match.start()) + 1
        for cite in cites:
            yield line, cite


def check_locators(project: Project) -> list[Problem]:
    """Locators of source-document citations: a «quoted» locator occurs in the document
    (compared normalised, as whole words; spaces may differ, for letter-spaced headings), and every line range lies inside the document, start before end.
    Quotes are checked only where the documents are on this machine; ranges always, against
    ``text_lines`` in data/sources.yml."""
    registry = sources.registry(project)
    if registry.problems:
        return []  # sources.check_project reports them
    docs = documents(project)
    texts = document_lines(project)
    normalised = {number: normalise("\n".join(lines)) for number, lines in texts.items()}
    problems = []
    label = project.label(project.data_dir / "sources.yml")
    for source in docs.values():
        number = source.data["document"]
        if number in texts and source.data.get("text_lines") != len(texts[number]):
            problems.append(
                Problem(
                    label,
                    source.line,
                    f"'{source.id}' has text_lines: {source.data.get('text_lines')}, "
                    f"but document {number} has {len(texts[number])} lines",
                    f"set text_lines: {len(texts[number])} (line references follow the text edition)",
                )
            )
    for page in project.all_pages():
        for line, cite in citations_with_lines(page):
            source = docs.get(cite.source_id)
            if source is None:
                continue
            number = source.data["document"]
            end_of_text = len(texts[number]) if number in texts else source.data.get("text_lines")
            for start, end in line_ranges(cite.lines):
                where = f"L{start}–{end}" if start != end else f"L{start}"
                if start < 1 or end < start:
                    problems.append(
                        Problem(
                            page.label,
                            line,
                            f"the line range {where} of [@{cite.source_id}] is reversed or empty",
                            "write the first line first, e.g. L449–460",
                        )
                    )
                elif end_of_text and end > end_of_text:
                    problems.append(
                        Problem(
                            page.label,
                            line,
                            f"the line range {where} of [@{cite.source_id}] goes beyond "
                            f"the end of document {number} ({end_of_text} lines)",
                            "cite lines that exist; check them with sed -n 'START,ENDp' in the source text",
                        )
                    )
            if number not in normalised:
                continue
            for quoted in QUOTED.findall(cite.locator):
                if not occurs(quoted, normalised[number]):
                    problems.append(
                        Problem(
                            page.label,
                            line,
                            f"«{quoted}» does not occur in document {number} ({cite.source_id})",
                            "copy a heading exactly as it stands in the source text, or give only the line range",
                        )
                    )
    return problems


def check_project(project: Project) -> list[Problem]:
    """Locators, and a review file that matches its schema (the reviews themselves are
    shown by `make citations`, not enforced by the build)."""
    return check_locators(project) + load_reviews(project)[1]
