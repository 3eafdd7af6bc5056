"""Diagnostics: how docgen tells a user what is wrong and where.

Every stage (load, model, check, render) reports problems as :class:`Diagnostic`
objects instead of raising at the first one, so that a user editing
``content/2021.yaml`` sees *all* mistakes at once, each as
``file:line:col: field: message`` (the format of compilers, black and MkDocs,
which editors turn into clickable links).

Exit codes are part of the CLI contract (documented in the README):

====  =========================================================
0     success (warnings may have been printed)
1     content errors (schema, YAML, consistency) or --strict warnings
2     usage errors (bad year argument, missing content file, …)
3     template errors (broken Jinja tag, unknown variable in the template)
4     output could not be written / external tool failed
====  =========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_TEMPLATE = 3
EXIT_OUTPUT = 4


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误 error" if self is Severity.ERROR else "警告 warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem, located as precisely as we can (line/col are 1-based; 0 = unknown)."""

    file: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    severity: Severity = Severity.ERROR
    hint: str = ""

    def format(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        parts = [where]
        if self.field:
            parts.append(self.field)
        parts.append(f"{self.severity.label}: {self.message}")
        text = ": ".join(parts)
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class DocgenError(Exception):
    """A failure that the CLI turns into messages and an exit code, never a traceback."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = EXIT_CONTENT

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @classmethod
    def single(cls, message: str, *, file: str = "", exit_code: int = EXIT_USAGE,
               hint: str = "", field: str = "", line: int = 0, col: int = 0) -> "DocgenError":
        return cls([Diagnostic(file=file or "docgen", line=line, col=col, field=field,
                               message=message, hint=hint)], exit_code)


def errors_only(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.is_error]


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Order by file and position, so output reads top to bottom like the file."""
    return sorted(diags, key=lambda d: (d.file, d.line, d.col, d.field, d.message))
