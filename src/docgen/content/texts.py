"""Every text of a report with its place, and diagnostics located at it.

The checks (:mod:`.check`, :mod:`.typography`, :mod:`.self_evaluation_check`) walk the
same texts and report at the same positions: the line and column of the value in
the content file, down to a character inside a paragraph where the file allows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ..errors import Diagnostic, Severity
from .load import Loaded, dotted
from .model import Report


def at(loaded: Loaded, path: tuple, message: str, *, severity=Severity.ERROR,
        hint: str = "", offset: int | None = None) -> Diagnostic:
    if offset is None:
        line, col = loaded.value_position(path)
    else:
        line, col = loaded.locate(path, offset)
    return Diagnostic(loaded.file, line, col, dotted(path), message, severity, hint)


def warn(loaded: Loaded, path: tuple, message: str, hint: str = "",
          offset: int | None = None) -> Diagnostic:
    return at(loaded, path, message, severity=Severity.WARNING, hint=hint, offset=offset)


@dataclass(frozen=True)
class TextField:
    path: tuple
    text: str
    role: str  # "label" (names), "lead" (template adds "："), "item" (template numbers it), "para"


def texts(report: Report) -> Iterator[TextField]:
    """Every text of the report with its path in the content file and its role in the template."""
    yield TextField(("unit", "name"), report.unit.name, "label")
    yield TextField(("unit", "district"), report.unit.district, "label")
    ov = report.overview
    yield TextField(("overview", "basis"), ov.basis, "para")
    for i, t in enumerate(ov.areas):
        yield TextField(("overview", "areas", i), t, "item")
    for intro, key, indicators in (("output_intro", "output_indicators", ov.output_indicators),
                                   ("benefit_intro", "benefit_indicators", ov.benefit_indicators)):
        yield TextField(("overview", intro), getattr(ov, intro), "para")
        for i, ind in enumerate(indicators):
            yield TextField(("overview", key, i, "name"), ind.name, "item")  # "1、质量指标："
            yield TextField(("overview", key, i, "text"), ind.text, "para")
    for i, c in enumerate(report.funds.projects):
        yield TextField(("funds", "projects", i, "name"), c.name, "label")
    yield TextField(("funds", "management"), report.funds.management, "para")
    ach = report.achievements
    yield TextField(("achievements", "intro"), ach.intro, "para")
    for i, area in enumerate(ach.areas):
        yield TextField(("achievements", "areas", i, "lead"), area.lead, "lead")
        if area.text is not None:
            yield TextField(("achievements", "areas", i, "text"), area.text, "para")
        for j, item in enumerate(area.items or ()):
            yield TextField(("achievements", "areas", i, "items", j), item, "item")
    for i, t in enumerate(report.other.paragraphs):
        yield TextField(("other", "paragraphs", i), t, "para")
    for i, t in enumerate(report.other.honours):
        yield TextField(("other", "honours", i), t, "item")
