"""Small helpers for reading Markdown as writers write it: prose lines, code, links.

The handbook's conventions (citations, law references, links across languages) are
plain-text patterns in prose. These helpers find prose lines and skip code, so a
pattern shown as an example inside backticks or a code block is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)

# [text](target "title") — not images; the target has no spaces (the handbook's convention)
LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")


def classify_lines(body: str) -> Iterator[tuple[str, bool]]:
    """Yield (line, is_prose): False for code fences and the lines inside them."""
    in_fence = None
    for line in body.split("\n"):
        match = FENCE.match(line)
        if match:
            if in_fence is None:
                in_fence = match.group(1)
            elif match.group(1) == in_fence:
                in_fence = None
            yield line, False
        else:
            yield line, in_fence is None


def prose_lines(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield (file line, text) for lines outside fenced code, with inline code blanked out."""
    for offset, (line, is_prose) in enumerate(classify_lines(body)):
        if is_prose:
            yield first_line + offset, mask_inline_code(line)


def mask_inline_code(line: str) -> str:
    """Replace inline code with spaces of the same length, so columns stay the same."""
    return INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def map_prose(body: str, transform) -> str:
    """Apply ``transform(line) -> line`` to prose lines only; code spans and fences stay untouched."""
    out = []
    for line, is_prose in classify_lines(body):
        if not is_prose:
            out.append(line)
            continue
        # transform only the parts between inline code spans
        pieces, last = [], 0
        for m in INLINE_CODE.finditer(line):
            pieces.append(transform(line[last:m.start()]))
            pieces.append(m.group(0))
            last = m.end()
        pieces.append(transform(line[last:]))
        out.append("".join(pieces))
    return "\n".join(out)


def is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target.startswith("//")
