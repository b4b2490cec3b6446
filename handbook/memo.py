"""Results kept while the process runs, keyed by everything they are worked out from.

`handbook serve` rebuilds in one process after every edit. Parsing every page's front
matter and every data file, and checking every page's spelling, own words and
readability again, took most of a rebuild (issue 19); with these memos only the text
that changed is parsed and checked again. A build reads each page once and neither
gains nor loses. A result is kept under its whole input (the page's text, the data
file's text and its schema), so it is never stale.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_SESSION: dict[tuple, object] = {}
SESSION_LIMIT = 20_000


def session_memo(key: tuple, compute: Callable[[], T]) -> T:
    """A result that depends on nothing but ``key`` (a page's text, a data file's text and
    its schema), kept while the process runs. `handbook serve` rebuilds in one process, so
    after an edit only the text that changed is parsed and checked again; a build reads
    every page once and neither gains nor loses. Keyed by the whole input, never stale.
    Callers must not change what they get: use :func:`session_copy` for data they may change."""
    if key in _SESSION:
        return _SESSION[key]  # type: ignore[return-value]
    if len(_SESSION) >= SESSION_LIMIT:
        _SESSION.clear()
    value = _SESSION[key] = compute()
    return value


def page_memo(kind: str, page, compute: Callable[[], T], *inputs) -> T:
    """:func:`session_memo` for a result worked out from one page (a
    :class:`~handbook.project.DocPage`) and ``inputs``."""
    if not page.text:  # a page made in code, not read from a file: nothing to key on
        return compute()
    return session_memo((kind, page.lang, page.label, page.body_line, page.text, *inputs), compute)


def session_copy(key: tuple, compute: Callable[[], T], cache_dir: Path | None = None) -> T:
    """:func:`session_memo` for results the caller may change (parsed YAML): each caller gets
    its own copy (kept pickled: unpickling is many times faster than ``copy.deepcopy``).

    With ``cache_dir``, the pickled result is also kept on disk (``.cache/parsed/``) under a
    hash of ``key`` and of the handbook's own code, so the next build reads it back instead of
    parsing again (a build parses about 270 YAML texts; issue 19). A file that cannot be read
    back is worked out again and replaced."""
    return pickle.loads(session_memo(key, lambda: _pickled(key, compute, cache_dir)))


def _pickled(key: tuple, compute: Callable[[], T], cache_dir: Path | None) -> bytes:
    if cache_dir is None:
        return pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
    digest = hashlib.sha256(repr((code_version(), key)).encode("utf-8", "surrogatepass")).hexdigest()
    path = Path(cache_dir) / "parsed" / f"{digest[:32]}.pickle"
    try:
        data = path.read_bytes()
        pickle.loads(data)  # a file cut short (a build killed while writing) is not trusted
        return data
    except Exception:  # missing, or unreadable: worked out again
        pass
    data = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.{os.getpid()}.part")
        part.write_bytes(data)
        os.replace(part, path)  # in one step: a build running beside never reads half a file
    except OSError:
        pass  # a read-only checkout still builds, only slower
    return data


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the handbook package's source and the parsing libraries' versions: results
    kept on disk are keyed by it, so a change to how text is parsed never meets an old result."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"{version('PyYAML')} {version('jsonschema')}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


#: Files kept per folder of the disk cache before the oldest are removed: every edit to a page
#: or a data file, and every change to the handbook's code, adds files under new names.
DISK_CACHE_LIMIT = 10_000


def prune(folder: Path, limit: int = DISK_CACHE_LIMIT) -> int:
    """Keep at most ``limit`` files in a cache folder: past it, the older half goes (by the
    time each was written; one a build still uses is simply worked out and written again).
    Returns how many were removed."""
    try:
        files = [entry for entry in os.scandir(folder) if entry.is_file()]
    except FileNotFoundError:
        return 0
    if len(files) <= limit:
        return 0
    files.sort(key=lambda entry: entry.stat().st_mtime_ns)
    removed = 0
    for entry in files[: len(files) - limit // 2]:
        try:
            os.unlink(entry.path)
            removed += 1
        except FileNotFoundError:
            pass  # another build removed it
    return removed
