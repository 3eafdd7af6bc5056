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
from .outline import place_in, walk


def at(loaded: Loaded, path: tuple, message: str, *, severity=Severity.ERROR,
        hint: str = "", offset: int | None = None, report: Report | None = None) -> Diagnostic:
    """A diagnostic at ``path`` — a path in the model; ``report`` maps it back to the file's own place."""
    if report is not None:
        path = report.source(path)
    if offset is None:
        line, col = loaded.value_position(path)
    else:
        line, col = loaded.locate(path, offset)
    return Diagnostic(loaded.file, line, col, dotted(path), message, severity, hint,
                      place=place_in(loaded.data, path, loaded.places))


def warn(loaded: Loaded, path: tuple, message: str, hint: str = "",
          offset: int | None = None, report: Report | None = None) -> Diagnostic:
    return at(loaded, path, message, severity=Severity.WARNING, hint=hint, offset=offset, report=report)


@dataclass(frozen=True)
class TextField:
    """A text where the file has it: ``path`` is the file's own place (``report.source`` applied)."""

    path: tuple
    text: str
    role: str  # "label" (names), "lead" (template adds "："), "item" (template numbers it), "para", "heading"


def texts(report: Report) -> Iterator[TextField]:
    """Every text the author wrote, with its place in the content file and its role in the template."""
    src = report.source

    def field(path: tuple, text: str, role: str) -> TextField:
        return TextField(src(path), text, role)

    yield field(("unit", "name"), report.unit.name, "label")
    if report.unit.district is not None:
        yield field(("unit", "district"), report.unit.district, "label")
    if report.label is not None:
        yield field(("label",), report.label, "label")
    for i, line in enumerate(report.title or ()):
        yield field(("title", i), line, "label")
    for i, f in enumerate(report.front_matter):
        yield field(("front_matter", i, "label"), f.label, "label")
        yield field(("front_matter", i, "value"), f.value, "label")
    for placed in walk(report):
        item, path = placed.item, placed.path
        if placed.kind == "text":
            yield field(path, item, "para")
        elif placed.kind == "section":
            if src(path + ("heading",)) != ():  # a heading docgen printed (the 2020 format) is not checked
                yield field(path + ("heading",), item.heading, "heading")
        elif placed.kind == "list":
            if item.intro is not None:
                yield field(path + ("intro",), item.intro, "para")
            for j, t in enumerate(item.list):
                yield field(path + ("list", j), t, "item")
        elif placed.kind == "lead":
            yield field(path + ("lead",), item.lead, "lead")
            if item.text is not None:
                yield field(path + ("text",), item.text, "para")
            for j, t in enumerate(item.items or ()):
                yield field(path + ("items", j), t, "item")
        elif placed.kind == "indicators":
            for j, ind in enumerate(item.indicators):
                yield field(path + ("indicators", j, "name"), ind.name, "item")  # "1、质量指标："
                yield field(path + ("indicators", j, "text"), ind.text, "para")
        elif placed.kind == "funds":
            for j, c in enumerate(item.funds.projects):
                yield field(path + ("funds", "projects", j, "name"), c.name, "label")
            if item.funds.management is not None:
                yield field(path + ("funds", "management"), item.funds.management, "para")
        elif placed.kind == "honours":
            for j, t in enumerate(item.honours):
                yield field(path + ("honours", j), t, "item")
        elif placed.kind == "table":
            table = item.table
            for j, t in enumerate(table.header or ()):
                yield field(path + ("table", "header", j), t, "label")
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row):
                    if isinstance(cell, str) and cell:
                        yield field(path + ("table", "rows", r, c), cell, "label")
    for i, line in enumerate(report.signature):
        yield field(("signature", i), line, "label")
