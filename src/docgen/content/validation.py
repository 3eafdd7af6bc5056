"""The one entry from loaded YAML to a checked report: validate (the model), then check (consistency).

``docgen render`` and ``check`` (through :mod:`docgen.pipeline`), ``docgen import``
(checking the file it wrote) and ``docgen diff`` (schema only) all go through
:func:`validate_and_check`, so a content file means the same to every command.
It never raises for a content problem: it returns every diagnostic, and the
caller decides whether they stop it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from ..errors import Diagnostic, DocgenError, EXIT_CONTENT, sort_diagnostics
from .check import run_checks
from .legacy import LegacyReport, is_legacy, to_report
from .load import Loaded
from .model import Report
from .model_errors import diagnostics_from
from .self_evaluation_check import check_self_evaluation
from .text import PLACEHOLDER

#: Fields whose 待填 is a figure (to be filled from the accounts), not wording.
_FIGURE_KEYS = ("amount", "final_total", "basic", "project_total")


@dataclass
class Validated:
    """A content file after validation and checks: the report (None if invalid) and every diagnostic."""

    loaded: Loaded
    report: Report | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checks_ran: bool = False

    @property
    def errors(self) -> list[Diagnostic]:
        """Errors and to-dos: what stops a render."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def validate(loaded: Loaded) -> Report:
    """Turn loaded data into a :class:`Report`, or raise with *every* error located.

    A file of the four-section format of 2020 is validated against its own schema
    (its keys, its messages) and then becomes the same report in the general outline.
    """
    try:
        if is_legacy(loaded.data):
            return to_report(LegacyReport.model_validate(loaded.data))
        return Report.model_validate(loaded.data)
    except ValidationError as exc:
        raise DocgenError(diagnostics_from(exc, loaded), EXIT_CONTENT) from None


def _fill_text_placeholders(value: Any, key: str = "") -> Any:
    """A copy with every text 待填 replaced, figures left alone (for checking only)."""
    if isinstance(value, dict):
        return {k: _fill_text_placeholders(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_text_placeholders(v, key) for v in value]
    if value == PLACEHOLDER and key not in _FIGURE_KEYS:
        return "（待填）"
    return value


def _checks(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """The report's checks, then the 绩效自评表's (its own module: it reads the report's texts)."""
    return run_checks(report, loaded) + check_self_evaluation(report, loaded)


def validate_and_check(loaded: Loaded, *, checks: bool = True, check_despite_todos: bool = False) -> Validated:
    """Validate ``loaded`` against the model and, when it is valid, run the consistency checks.

    ``checks=False``: the schema only (``docgen diff`` compares years whose totals may
    not add up yet — that is how the author finds the slip).  ``check_despite_todos``:
    when the only problems are wording still 待填, check the figures anyway (``docgen
    import``, so a total that does not add up in an old report shows at once).
    """
    try:
        report = validate(loaded)
    except DocgenError as exc:
        diags = list(exc.diagnostics)
        if not (checks and check_despite_todos and all(d.is_todo for d in diags)):
            return Validated(loaded, None, sort_diagnostics(diags))
        filled = replace(loaded, data=_fill_text_placeholders(loaded.data))
        try:
            checked = validate(filled)
        except DocgenError:  # figures still 待填: nothing to add up yet
            return Validated(loaded, None, sort_diagnostics(diags))
        return Validated(loaded, None, sort_diagnostics(diags + _checks(checked, filled)), True)
    if not checks:
        return Validated(loaded, report)
    return Validated(loaded, report, sort_diagnostics(_checks(report, loaded)), True)
