"""What a format-2 report prints, paragraph by paragraph: the templates' own context.

Both templates print, in order, the label, the title lines, the front matter, every
item of ``body`` (:func:`docgen.body.printed_body`: headings numbered, lists, funds
sentence) and the signature (:func:`docgen.context.template_context`).  The importer's
tests compare the imported content's print with the original through this; the
end-to-end test (tests/test_outline_render.py) renders the real .docx as well.
"""

from __future__ import annotations

from docgen.content.model import Report
from docgen.context import template_context


def _cells(table) -> list[list[str]]:
    rows = [[c.text for c in table.header]] if table.header else []
    return rows + [[c.text for c in row] for row in table.rows]


def printed_document(report: Report) -> list:
    """Paragraph strings and tables (lists of rows of cell strings) in document order."""
    context = template_context(report)
    out: list = [context["label"]] if context["label"] else []
    out += context["title_lines"] + context["front_matter"]
    out += [_cells(b.table) if b.kind == "table" else b.text for b in context["body"]]
    return out + context["signature"]


def printed_paragraphs(report: Report) -> list[str]:
    return [x for x in printed_document(report) if isinstance(x, str)]


def printed_tables(report: Report) -> list[list[list[str]]]:
    return [x for x in printed_document(report) if not isinstance(x, str)]
