"""YAML that remembers where things are, and JSON Schema validation that reports lines.

Data files and page front matter are both YAML checked against a JSON Schema
(``data/schemas/``). Errors must point at the line a writer has to change, so the
loader records the line of every mapping key and sequence item.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import jsonschema
import yaml

from .problems import Problem

Path_ = tuple  # a path into the data: keys and list indices


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it: ten times faster


class _StringDateLoader(_SafeLoader):
    """SafeLoader that keeps dates as ISO strings, so JSON Schema can check them."""


_StringDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class LocatedData:
    """Parsed YAML plus the (1-based) line of every key and item."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1  # line of the YAML text in its file (front matter starts at 2)

    def line_of(self, path) -> int:
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


class YamlError(Exception):
    def __init__(self, line: int, message: str, fix: str = "fix the YAML syntax (indentation, quotes, colons)"):
        super().__init__(message)
        self.line = line
        self.message = message
        self.fix = fix


def _walk(node: yaml.Node, path: Path_, lines: dict, offset: int, problems: list) -> None:
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                problems.append((line, f"the key '{key}' appears twice (first on line {seen[key]})"))
            seen[key] = line
            lines[path + (key,)] = line
            _walk(value_node, path + (key,), lines, offset, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[path + (index,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (index,), lines, offset, problems)


def load_yaml(text: str, first_line: int = 1) -> LocatedData:
    """Parse one YAML document; raise :class:`YamlError` with the file line on bad YAML."""
    offset = first_line - 1
    for number, line_text in enumerate(text.split("\n"), first_line):
        if "\t" in line_text[: len(line_text) - len(line_text.lstrip())]:
            # PyYAML reports a tab late and in its own words; say it where it is
            raise YamlError(number, "the line is indented with a tab character", "indent with spaces: YAML does not allow tabs")
    try:
        loader = _StringDateLoader(text)  # parsed once: the nodes give lines, the same nodes give the data
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        # Report where the broken construct starts (e.g. an unclosed '['); PyYAML often
        # notices the problem only on a later line, which is named too.
        problem = (err.problem_mark.line + 1 + offset) if err.problem_mark else first_line
        line = (err.context_mark.line + 1 + offset) if err.context_mark else problem
        reason = err.problem or str(err)
        where = f" (noticed on line {problem})" if problem != line else ""
        if reason.startswith("mapping values are not allowed"):
            # 'title: Foreldre: et eksempel' — a second colon in a value without quotes
            raise YamlError(
                problem,
                "a value contains ': ' and is not in quotes",
                'put the value in quotes, e.g. title: "Samarbeid: slik gjør du"',
            ) from None
        raise YamlError(line, f"the YAML cannot be read: {reason}{where}") from None
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML always marks its errors
        raise YamlError(first_line, f"the YAML cannot be read ({err})") from None
    lines: dict[Path_, int] = {}
    duplicates: list = []
    if node is not None:
        _walk(node, (), lines, offset, duplicates)
    if duplicates:
        line, message = duplicates[0]
        raise YamlError(line, message)
    return LocatedData(data=data, lines=lines, first_line=first_line)


def load_schema(schema_path: Path) -> dict:
    """Read fresh every time (a preview session sees an edited schema); validation results are
    cached on disk by the schema's bytes, so this runs only when something changed."""
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _is_key_error(error: jsonschema.ValidationError) -> bool:
    """An error about a key itself (propertyNames), not about its value."""
    return "propertyNames" in error.absolute_schema_path


def _describe(error: jsonschema.ValidationError) -> tuple[str, str]:
    """A writer's sentence for a schema error, and a fix (from the schema's own hint)."""
    where = ".".join(str(p) for p in error.absolute_path) or "the top level"
    hint = error.schema.get("x-fix", "") if isinstance(error.schema, dict) else ""
    validator = error.validator
    if _is_key_error(error):
        return f"the key {error.instance!r} in {where} is not valid", hint or error.message
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        parent_hint = ""
        props = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        if isinstance(props.get(missing), dict):
            parent_hint = props[missing].get("x-fix", "")
        return (
            f"the required key '{missing}' is missing" + ("" if where == "the top level" else f" in {where}"),
            parent_hint or f"add '{missing}:' (see the schema for what it holds)",
        )
    if validator == "additionalProperties":
        return f"{where}: {error.message}", hint or "remove the key or correct its spelling"
    if validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return f"{where} is {error.instance!r}, which is not allowed", hint or f"use one of: {allowed}"
    if validator == "format":
        return f"{where} is {error.instance!r}, not a valid {error.validator_value}", hint or (
            "write dates as YYYY-MM-DD" if error.validator_value == "date" else "correct the value"
        )
    if validator == "pattern" and error.validator_value == "^[^<>]*$":
        return f"{where} contains HTML (< or >)", "write plain text: no HTML in titles, descriptions and interface texts"
    if validator == "pattern" and hint:
        return f"{where} is {error.instance!r}, which is not in the expected form", hint
    if validator == "type":
        return f"{where} should be of type {error.validator_value}, not {type(error.instance).__name__}", hint
    return f"{where}: {error.message}", hint


def validate(
    located: LocatedData, schema_path: Path, file_label: str, *, text: str | None = None, cache_dir: Path | None = None
) -> list[Problem]:
    """Validate against a JSON Schema; one :class:`Problem` per error, with its line.

    A misspelt key gives two errors (the unknown key, the missing one); they are told as one.
    With ``text`` and ``cache_dir``, the result is kept in .cache/ under a hash of the schema,
    the text and the label (validating every page again is most of a rebuild's checks)."""
    cache_file = None
    if text is not None and cache_dir is not None:
        import hashlib

        digest = hashlib.sha256(
            Path(schema_path).read_bytes()
            + b"\0"
            + text.encode()
            + b"\0"
            + file_label.encode()
            + f"\0{located.first_line}".encode()
        )
        cache_file = cache_dir / "valid" / f"{digest.hexdigest()[:24]}.json"
        if cache_file.is_file():
            return [Problem(**p) for p in json.loads(cache_file.read_text(encoding="utf-8"))]
    problems = _validate(located, schema_path, file_label)
    if cache_file is not None:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        cache_file.write_text(json.dumps([p.__dict__ for p in problems], ensure_ascii=False), encoding="utf-8")
    return problems


def _validate(located: LocatedData, schema_path: Path, file_label: str) -> list[Problem]:
    schema = load_schema(Path(schema_path))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(located.data), key=lambda e: list(map(str, e.absolute_path)))
    misspelt = _misspelt_keys(errors)
    problems = []
    for error in errors:
        path = tuple(error.absolute_path)
        if error.validator == "required" and any(p == path and wanted in error.message for p, _, wanted in misspelt):
            continue  # told with the misspelt key
        if error.validator == "additionalProperties":
            hits = [(wrong, wanted) for p, wrong, wanted in misspelt if p == path and f"'{wrong}'" in error.message]
            if hits:
                wrong, wanted = hits[0]
                problems.append(
                    Problem(
                        file_label,
                        located.line_of(path + (wrong,)),
                        f"the key '{wrong}' is not known here",
                        f"did you mean '{wanted}'?",
                    )
                )
                continue
        message, fix = _describe(error)
        where = path + ((error.instance,) if _is_key_error(error) else ())
        problems.append(Problem(file_label, located.line_of(where), message, fix))
    return problems


def _misspelt_keys(errors) -> list[tuple[tuple, str, str]]:
    """(path, wrong key, intended key) where an unknown key and a missing required key are one mistake."""
    import difflib

    found = []
    for error in errors:
        if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
            continue
        allowed = set((error.schema.get("properties") or {}) if isinstance(error.schema, dict) else ())
        required = set(error.schema.get("required", [])) if isinstance(error.schema, dict) else set()
        missing = sorted(required - set(error.instance))
        for key in error.instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(str(key), missing or sorted(allowed), n=1, cutoff=0.75)
            if close:
                found.append((tuple(error.absolute_path), str(key), close[0]))
    return found


def load_data_file(
    path: Path, schema_path: Path, label: str, cache_dir: Path | None = None
) -> tuple[LocatedData | None, list[Problem]]:
    """Load a YAML data file and validate it; problems carry ``label:line``. Parsed once per
    text and schema while the process runs (a preview session re-reads only what changed)."""
    from .memo import session_copy

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(label, 0, "the file is missing", "restore it from git")]
    schema = Path(schema_path).read_bytes() if Path(schema_path).is_file() else b""
    return session_copy(
        ("data file", text, label, str(schema_path), schema, str(cache_dir)),
        lambda: _load_data_text(text, schema_path, label, cache_dir),
        cache_dir,
    )


def _load_data_text(text: str, schema_path: Path, label: str, cache_dir: Path | None) -> tuple[LocatedData | None, list[Problem]]:
    try:
        located = load_yaml(text)
    except YamlError as err:
        return None, [Problem(label, err.line, err.message, err.fix)]
    problems = validate(located, schema_path, label, text=text, cache_dir=cache_dir)
    return (None if problems else located), problems


@dataclass
class Record:
    """One entry of a registry file (a source, a law, a glossary term) and the line it starts on."""

    data: dict
    line: int

    @property
    def id(self) -> str:
        return self.data["id"]


R = TypeVar("R", bound=Record)


def records_by_id(located: LocatedData, key: str, label: str, noun: str, kind: type[R]) -> tuple[dict[str, R], list[Problem]]:
    """The items of the list ``key`` as records by their 'id'; an id used twice is a problem."""
    records: dict[str, R] = {}
    problems = []
    for index, entry in enumerate(located.data[key]):
        line = located.line_of((key, index))
        if entry["id"] in records:
            problems.append(Problem(label, line, f"the {noun} id '{entry['id']}' is used twice", f"give each {noun} its own id"))
        records[entry["id"]] = kind(entry, line)
    return records, problems
