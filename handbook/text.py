"""The words a reader reads, with the file line of each: one text model for spelling,
readability, own words and the term base.

Everything a reader does not read is blanked out of the Markdown (replaced by spaces,
line breaks kept, so lines stay where they are): code, HTML tags, link targets,
citations and law references (also when a writer has wrapped them over two lines),
heading ids, admonition markers, abbreviation definitions and generated-section
directives. The patterns for citations and law references are the Markdown
extension's own (handbook.markdown_ext), so the checks and the renderer agree on
what is a reference.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .markdown_ext import CITATION, FENCE, LANG_SPAN, LAW_REFERENCE

# A word: letters of any script (Norwegian, Arabic, Ge'ez, Cyrillic, …), joined by a
# hyphen or an apostrophe. Digits and underscores are not words.
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

_NOT_READ = [
    re.compile(r"<!--.*?-->", re.S),  # comments and generated-section directives
    re.compile(r"`+[^`\n]*`+"),  # inline code
    re.compile(r"!\[[^\]]*\]\([^)]*\)"),  # images (their alt text is checked on its own)
    re.compile(r"\]\([^)]*\)"),  # link targets
    CITATION,
    LAW_REFERENCE,
    re.compile(r"<[^>\n]+>"),  # HTML tags (the text between them stays)
    re.compile(r"\{\s*[#.:][^}\n]*\}"),  # attribute lists {#id}, {: .class}
    re.compile(r"\{\s*lang=[a-z]{2,3}\s*\}"),  # the language mark of [ord]{lang=nb}
    re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+[\w-]+", re.M),  # admonition type (the title stays)
    re.compile(r"^\s*\*\[[^\]]+\]:.*$", re.M),  # abbreviation definitions
    re.compile(r"https?://\S+"),
    re.compile(r"&[a-z]+;|&#\d+;"),
]


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def blank_code_blocks(body: str) -> str:
    """Fenced code blocks become empty lines (the lines stay, so line numbers hold)."""
    out, fence = [], None
    for line in body.split("\n"):
        opener = FENCE.match(line)
        if opener:
            fence = opener.group(1) if fence is None else (None if opener.group(1) == fence else fence)
            out.append("")
        else:
            out.append("" if fence else line)
    return "\n".join(out)


@lru_cache(maxsize=4096)  # a pure function of its text: a preview session blanks only what changed
def readable(markdown: str, *, keep_other_languages: bool = True) -> str:
    """The Markdown with everything a reader does not read blanked out (same lines).

    ``keep_other_languages=False`` also blanks fragments marked as another language
    (``[utviklingssamtale]{lang=nb}``), for checks on a translation's own words."""
    text = blank_code_blocks(markdown)
    if not keep_other_languages:
        text = LANG_SPAN.sub(_blank, text)
    for pattern in _NOT_READ:
        text = pattern.sub(_blank, text)
    return text.replace("[", " ").replace("]", " ")


@dataclass(frozen=True)
class Line:
    number: int  # line in the file
    text: str
    in_front_matter: bool = False


def reader_lines(page, *, keep_other_languages: bool = True) -> Iterator[Line]:
    """Every line of reader text of a page: the body, then the checklist in the front matter."""
    body = readable(page.body, keep_other_languages=keep_other_languages)
    for offset, line in enumerate(body.split("\n")):
        yield Line(page.body_line + offset, line)
    checklist = page.meta.get("checklist") or {}
    lines = page.meta.get("_lines", {})
    for s_index, section in enumerate(checklist.get("sections", [])):
        yield Line(lines.get(("checklist", "sections", s_index, "title"), 1), section.get("title", ""), True)
        for i_index, item in enumerate(section.get("items", [])):
            for key in ("text", "why"):
                if item.get(key):
                    where = lines.get(("checklist", "sections", s_index, "items", i_index, key), 1)
                    for extra, part in enumerate(readable(item[key], keep_other_languages=keep_other_languages).split("\n")):
                        yield Line(where + extra, part, True)


def words(lines) -> list[tuple[int, str]]:
    """(line, word) for every word in the lines, in reading order."""
    return [(line.number, match.group(0)) for line in lines for match in WORD.finditer(line.text)]


def reader_text(page, *, keep_other_languages: bool = True) -> str:
    return "\n".join(line.text for line in reader_lines(page, keep_other_languages=keep_other_languages))
