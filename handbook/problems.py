"""Problems found by the checks, in one format: ``path:line: what is wrong — how to fix it``.

Every check in the package returns a list of :class:`Problem`; callers decide whether
a list stops the build (:class:`CheckFailed`) or is only reported (warnings).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" — {self.fix}" if self.fix else "")


def relpath(path: Path | str, root: Path | None) -> str:
    """A path as the writer sees it: relative to the project root when possible."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class CheckFailed(Exception):
    """Raised when checks found problems that must stop the build."""

    def __init__(self, problems: list[Problem], heading: str = "The handbook has problems that stop the build"):
        self.problems = sorted(set(problems))
        lines = [f"{heading} ({len(self.problems)}):"] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def raise_if_any(problems: list[Problem], heading: str | None = None) -> None:
    if problems:
        raise CheckFailed(problems, heading) if heading else CheckFailed(problems)
