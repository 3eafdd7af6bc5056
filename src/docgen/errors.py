"""Diagnostics: how docgen tells a user what is wrong and where.

Every stage (load, model, check, render) reports problems as :class:`Diagnostic`
objects instead of raising at the first one, so that a user editing
``content/2021.yaml`` sees *all* mistakes at once, each as
``file:line:col: field: message`` (the format of compilers, black and MkDocs,
which editors turn into clickable links).

Exit codes are part of the CLI contract (documented in the README):

====  =========================================================
0     success (warnings may have been printed)
1     content errors (YAML, schema, consistency), figures still marked 待填
      (to-dos), or warnings under ``docgen check --strict``
2     usage errors (bad year argument — a year, never a path —, missing
      content file, unknown option)
3     template errors (broken Jinja tag, unknown variable in the template,
      damaged or missing template file)
4     output could not be written (a file, or standard output: a full disk)
70    internal error: a bug in docgen (set DOCGEN_DEBUG=1 for the traceback)
130   interrupted (Ctrl-C); files written before stay as they were
141   standard output was closed early (``docgen diff | head -1``): 128 + SIGPIPE
====  =========================================================

Severities: an *error* stops ``docgen render``; a *warning* is printed and left to
the author (the published 2020 report has slips that are its own wording); a
*to-do* (待办) is a figure still written as the placeholder 待填 — it stops a
render like an error, but is listed as work to do rather than as a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_TEMPLATE = 3
EXIT_OUTPUT = 4
EXIT_INTERNAL = 70  # EX_SOFTWARE (sysexits.h)
EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what shells report when the reader of a pipe left


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    TODO = "todo"

    @property
    def label(self) -> str:
        return {"error": "错误 error", "warning": "警告 warning", "todo": "待办 TODO"}[self.value]


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
    #: a spreadsheet's worksheet: then ``line`` is the row and ``col`` the column of a cell,
    #: shown as Excel names it (``自评表.xlsx:Sheet1!F12``)
    sheet: str = ""
    #: where in the report's outline, as an author reads it ("三、2020年绩效目标完成情况 › （一）…")
    place: str = ""

    def format(self) -> str:
        where = self.file
        if self.sheet:
            where += f":{sheet_ref(self.sheet)}"
            if self.line and self.col:
                where += f"!{column_letter(self.col)}{self.line}"
            elif self.line:
                where += f"!{self.line}:{self.line}"  # a whole row, as Excel writes it
        elif self.line:
            where += f":{self.line}"
            if self.col:
                where += f":{self.col}"
        parts = [where]
        if self.field:
            parts.append(self.field)
        parts.append(f"{self.severity.label}: {self.message}")
        text = ": ".join(parts)
        if self.place:
            text += f"\n    位于 in: {self.place}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        """Whether this stops a render: errors and to-dos do, warnings do not."""
        return self.severity is not Severity.WARNING

    @property
    def is_todo(self) -> bool:
        return self.severity is Severity.TODO


@dataclass
class DocgenError(Exception):
    """A failure that the CLI turns into messages and an exit code, never a traceback."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    exit_code: int = EXIT_CONTENT
    #: printed after the summary, e.g. that the consistency checks have not run yet
    note: str = ""

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)

    @classmethod
    def single(cls, message: str, *, file: str = "", exit_code: int = EXIT_USAGE,
               hint: str = "", field: str = "", line: int = 0, col: int = 0) -> "DocgenError":
        return cls([Diagnostic(file=file or "docgen", line=line, col=col, field=field,
                               message=message, hint=hint)], exit_code)


def column_letter(col: int) -> str:
    """Excel's name of a 1-based column: 1 → A, 26 → Z, 27 → AA."""
    name = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        name = chr(65 + rest) + name
    return name


def sheet_ref(sheet: str) -> str:
    """A worksheet's name as a cell reference writes it: quoted when it has spaces or punctuation."""
    if all(ch.isalnum() or ch == "_" for ch in sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


#: The most characters of a user's text an error quotes: enough to recognise it, never a page.
QUOTE_LIMIT = 120


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as an error quotes it: at most ``limit`` characters, "…" marking a cut."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def errors_only(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.is_error]


def sort_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    """Order by file and position, so output reads top to bottom like the file."""
    return sorted(diags, key=lambda d: (d.file, d.line, d.col, d.field, d.message))
