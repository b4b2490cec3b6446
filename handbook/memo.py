"""Results kept while the process runs, keyed by everything they are worked out from.

`handbook serve` rebuilds in one process after every edit. Parsing every page's front
matter and every data file, and checking every page's spelling, own words and
readability again, took most of a rebuild (issue 19); with these memos only the text
that changed is parsed and checked again. A build reads each page once and neither
gains nor loses. A result is kept under its whole input (the page's text, the data
file's text and its schema), so it is never stale.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
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


def session_copy(key: tuple, compute: Callable[[], T]) -> T:
    """:func:`session_memo` for results the caller may change (parsed YAML): each caller gets
    its own copy (kept pickled: unpickling is many times faster than ``copy.deepcopy``)."""
    return pickle.loads(session_memo(key, lambda: pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)))
