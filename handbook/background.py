"""Work that runs in a second process while the build goes on (issue 19).

The text checks (spelling, own words, readability) need nothing the build makes and the
build needs nothing they find until it is about to write the site; on a machine with two
cores they run beside the rendering instead of before it. The child is a fork of the build,
so it sees the project exactly as the build read it; its answer comes back through a pipe
and is waited for before anything is published. With one core, or where a process cannot
be forked, the work is simply done at once.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class BackgroundFailed(RuntimeError):
    """The work in the second process raised; the message is its traceback."""


def _run(writer, work: Callable, args: tuple, kwargs: dict) -> None:
    try:
        answer = (True, work(*args, **kwargs))
    except BaseException:  # every failure goes back to the build, which reports it
        answer = (False, traceback.format_exc())
    try:
        writer.send(answer)
    finally:
        writer.close()


class Background(Generic[T]):
    """``work(*args, **kwargs)`` in a forked process; :meth:`result` waits for its answer."""

    def __init__(self, work: Callable[..., T], *args, **kwargs):
        self._process = None
        if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self._answer = (True, work(*args, **kwargs))
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_run, args=(writer, work, args, kwargs), daemon=True)
        self._process.start()
        writer.close()  # the child's end: without this, a child that dies would leave recv() waiting

    @property
    def forked(self) -> bool:
        return self._process is not None

    def ready(self) -> bool:
        """Has the answer arrived (so :meth:`result` will not wait)?"""
        return self._process is None or self._reader.poll()

    def result(self) -> T:
        if self._process is not None:
            try:
                self._answer = self._reader.recv()
            except EOFError:
                self._process.join()  # the pipe closes a moment before the process can be reaped
                self._answer = (False, f"the second process ended without an answer (exit code {self._process.exitcode})")
            finally:
                self._reader.close()
                self._process.join()
                self._process = None
        ok, value = self._answer
        if not ok:
            raise BackgroundFailed(value)
        return value

    def cancel(self) -> None:
        """Stop the work (the build stopped for another reason)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._reader.close()
            self._process = None
            self._answer = (False, "cancelled")
