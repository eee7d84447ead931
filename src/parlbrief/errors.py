"""Everything parlbrief raises, in one place.

    ParlbriefError              base: the CLI catches this and nothing else
    ├── ContentError            problems in the project's files (exit 1); carries every Problem
    ├── UsageError              the command was asked for something impossible (exit 2)
    └── RenderError             a render failed or ran out of time (exit 3)

The library never prints or exits; it collects :class:`Problem` objects and raises once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Origin:
    """Where an item was written: a project-relative path and a 1-based line."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


#: Where a problem found in no file of the project is (a render that ran out of time).
NOWHERE = Origin("")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the project, reported as `path:line: message` (or only the
    message when it is NOWHERE: no file of the project says it)."""

    origin: Origin
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}" if self.origin.path else self.message

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.origin.path,
            "line": self.origin.line,
            "column": self.origin.column,
            "severity": self.severity,
            "message": self.message,
        }


@dataclass
class Problems:
    """A collector: every stage adds what it finds, then the pipeline stops once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, origin: Origin, message: str) -> None:
        self.items.append(Problem(origin, message, "error"))

    def warning(self, origin: Origin, message: str) -> None:
        self.items.append(Problem(origin, message, "warning"))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def sorted(self) -> list[Problem]:
        """Every problem once, by file and line (an argument used by three briefings
        has its mistake said once, not three times)."""
        unique = dict.fromkeys(self.items)
        return sorted(unique, key=lambda p: (p.origin.path, p.origin.line or 0, p.message))

    def raise_if_errors(self, *, strict: bool = False) -> None:
        """Raise one ContentError holding every problem, if any is fatal."""
        if self.errors or (strict and self.warnings):
            raise ContentError(self.sorted())


def counted(problems: list[Problem]) -> str:
    """'2 errors and 3 warnings', '1 error'; warnings alone stop only --strict."""
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    said = [_plural(errors, "error")] if errors else []
    said += [_plural(warnings, "warning")] if warnings else []
    if not errors:
        return f"{said[0] if said else '0 errors'}, which --strict treats as errors"
    return " and ".join(said)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'s' if count != 1 else ''}"


class ParlbriefError(Exception):
    """Base of every error parlbrief raises on purpose."""

    exit_code = 1


class ContentError(ParlbriefError):
    """The project's files have problems; each one names its file and line."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{counted(problems)} found")

    @classmethod
    def single(cls, origin: Origin, message: str) -> ContentError:
        return cls([Problem(origin, message)])


class UsageError(ParlbriefError):
    """The command asked for something that cannot be done (an unknown briefing id...)."""

    exit_code = 2


class RenderError(ParlbriefError):
    """An output could not be made: a template failed, the output guard refused a page,
    WeasyPrint failed or took longer than the time limit. `problem` says where (when a
    file of the project is to blame) and what."""

    exit_code = 3

    def __init__(self, message: str, origin: Origin = NOWHERE) -> None:
        self.problem = Problem(origin, message)
        super().__init__(str(self.problem))

    def __reduce__(self) -> tuple[type[RenderError], tuple[str, Origin]]:
        return (type(self), (self.problem.message, self.problem.origin))


def failure(exc: BaseException) -> Problem:
    """Why an output failed, as a Problem: where a RenderError says, else nowhere."""
    if isinstance(exc, RenderError):
        return exc.problem
    return Problem(NOWHERE, str(exc) or type(exc).__name__)
