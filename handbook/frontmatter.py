"""Front matter: the YAML block at the top of every page, checked against data/schemas/page.schema.json.

MkDocs itself silently ignores front matter it cannot parse, so the handbook reads
and validates it here first, and reports every problem with its line.
"""

from __future__ import annotations

from pathlib import Path

from .problems import Problem
from .yamldata import YamlError, load_yaml, validate

FENCE = "---"


def split(text: str) -> tuple[str, str, int] | None:
    """Split ``text`` into (yaml, body, body_line); None when the page has no front matter block.

    Raises ValueError when the opening fence has no closing fence.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            yaml_text = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            return yaml_text, body, index + 2
    raise ValueError("the front matter has no closing '---' line")


def parse(text: str, schema_path: Path, label: str, cache_dir: Path | None = None) -> tuple[dict | None, str, int, list[Problem]]:
    """Parse and validate a page's text; returns (meta, body, body_line, problems)."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    try:
        parts = split(text)
    except ValueError as err:
        return None, text, 1, [Problem(label, 1, str(err), "close the front matter with a line containing only '---'")]
    if parts is None:
        return (
            None,
            text,
            1,
            [
                Problem(
                    label,
                    1,
                    "the page has no front matter",
                    "start the file with '---', then title, description, audience and last_reviewed, then '---'",
                )
            ],
        )
    yaml_text, body, body_line = parts
    try:
        located = load_yaml(yaml_text, first_line=2)
    except YamlError as err:
        return None, body, body_line, [Problem(label, err.line, f"front matter: {err.message}", err.fix)]
    if not isinstance(located.data, dict):
        return (
            None,
            body,
            body_line,
            [
                Problem(
                    label,
                    2,
                    "front matter must be a set of 'key: value' lines",
                    "write e.g. 'title: Hjemmebesøk' on its own line",
                )
            ],
        )
    problems = [
        Problem(p.path, p.line, f"front matter: {p.message}", p.fix)
        for p in validate(located, schema_path, label, text=yaml_text, cache_dir=cache_dir)
    ]
    if problems:
        return None, body, body_line, problems
    meta = dict(located.data)
    meta["_lines"] = located.lines  # keep key lines for later checks (e.g. an unknown source id)
    return meta, body, body_line, []


def read(path: Path, schema_path: Path, label: str, cache_dir: Path | None = None) -> tuple[dict | None, str, int, list[Problem]]:
    return read_text(path, schema_path, label, cache_dir)[:4]


def read_text(
    path: Path, schema_path: Path, label: str, cache_dir: Path | None = None
) -> tuple[dict | None, str, int, list[Problem], str]:
    """:func:`read`, and the file's text. Parsed once per text while the process runs (a
    preview session parses only the page that changed)."""
    from .memo import session_copy

    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        return None, "", 1, [Problem(label, 1, f"the file is not UTF-8 text ({err.reason})", "save it as UTF-8")], ""
    schema = Path(schema_path).read_bytes()
    meta, body, body_line, problems = session_copy(
        ("frontmatter", text, label, str(schema_path), schema, str(cache_dir)),
        lambda: parse(text, schema_path, label, cache_dir),
        cache_dir,
    )
    return meta, body, body_line, problems, text
