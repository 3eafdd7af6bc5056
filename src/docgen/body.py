"""The report's content as the paragraphs and tables it prints: one flat list for both templates.

A report's content is a tree (sections, blocks — :mod:`docgen.content.model`); a
Word document is a sequence of paragraphs and tables, each in a style.  Both
templates loop over :func:`printed_body`, one template paragraph per kind, so the
.docx and the PDF print the same text in the same order:

==========  ==============================  ==========================
kind        .docx style                     HTML element
==========  ==============================  ==========================
heading1-4  Heading1 … Heading4             h2 … h5
body        Normal                          p
table       a Word table (docx.tables)      table.body-table
==========  ==============================  ==========================

Every number is applied here, from :mod:`docgen.content.outline` (headings
一、（一）1.（1）, list items 1、 or the list's own style), and the funds sentence
is written from the figures (:func:`funds_sentence`) — never typed in content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .attachment import PORTRAIT_AREA, Cell, Column, Table, column_widths
from .content.model import Funds, Report, TableData
from .content.outline import list_number, walk
from .titles import text_width


@dataclass(frozen=True)
class Printed:
    """One printed paragraph (``text``) or table (``table``), in the style its ``kind`` names.

    ``bold``: a heading the author asked to be bold (level 3, 仿宋 bold).
    """

    kind: str
    text: str = ""
    bold: bool = False
    table: Table | None = None


def funds_sentence(final_total: Decimal, basic: Decimal, projects_total: Decimal,
                   categories: Iterable[tuple[str, Decimal]]) -> str:
    """The funds paragraph's sentence: "整体支出本年度决算金额为…万元，基本支出…万元，项目支出…万元，其中…。".

    The one place it is written: both templates print it, and ``docgen import``
    compares an old report's paragraph with it to say whether it will render the
    same.  Amounts keep the precision they were written with, never in exponent
    form (70 stays 70, 146.4 stays 146.4).  Without categories, no "其中".
    """
    parts = "，".join(f"{name}{amount:f}万元" for name, amount in categories)
    of_which = f"，其中{parts}" if parts else ""
    return (f"整体支出本年度决算金额为{final_total:f}万元，基本支出{basic:f}万元，"
            f"项目支出{projects_total:f}万元{of_which}。")


def funds_paragraph(funds: Funds) -> str:
    """The sentence from the figures, then the author's text on how the money was managed."""
    sentence = funds_sentence(funds.final_total, funds.basic, funds.projects_total,
                              [(c.name, c.amount) for c in funds.projects])
    return sentence + (funds.management or "")


def _numbered(items: Iterable[str], numbering: str = "1、") -> list[str]:
    return [list_number(numbering, n) + text for n, text in enumerate(items, 1)]


_LEFT_ALIGNED_CHARS = 6
_FIGURE = re.compile(r"^[-+]?[\d.,，]+\s*[%％‰]?$")
#: A column is at least this many characters wide, and at most this many shares of the width.
_MIN_COLUMN_CHARS = 2
_MAX_COLUMN_SHARE = 12


def body_table(data: TableData) -> Table:
    """A content table as the cells both outputs print, with explicit widths over the type area.

    Widths: the author's ``widths`` as shares, else each column by its longest cell
    (in characters, between 2 and 12 shares), so a 项目 column of names is wider
    than one of figures.  A column with a text longer than six characters is
    left-aligned; figures ("97.35%", "-14.13") and short words are centred.
    """
    rows = [[c if isinstance(c, str) else f"{c:f}" for c in row] for row in data.rows]
    header = list(data.header) if data.header else []
    every = ([header] if header else []) + rows
    count = len(every[0])
    if data.widths:
        shares = list(data.widths)
    else:
        shares = [max(_MIN_COLUMN_CHARS, min(_MAX_COLUMN_SHARE, round(max(text_width(r[i]) for r in every))))
                  for i in range(count)]
    columns = tuple(Column(header[i] if header else "", shares[i], _MIN_COLUMN_CHARS) for i in range(count))
    # a column of names reads from the left; a column of figures (and short words) is centred
    left = [any(len(row[i]) > _LEFT_ALIGNED_CHARS and not _FIGURE.match(row[i]) for row in rows)
            for i in range(count)]
    return Table(caption="", columns=columns,
                 header=tuple(Cell(t) for t in header),
                 rows=tuple(tuple(Cell(t, left=left[i]) for i, t in enumerate(row)) for row in rows),
                 widths=column_widths(columns, PORTRAIT_AREA))


def printed_body(report: Report) -> list[Printed]:
    """The content, flattened: every heading, paragraph and table as printed, in order."""
    out: list[Printed] = []
    for placed in walk(report):
        item, kind = placed.item, placed.kind
        if kind == "section":
            out.append(Printed(f"heading{placed.level}", placed.number + item.heading, bold=item.bold))
        elif kind == "text":
            out.append(Printed("body", item))
        elif kind == "list":
            numbered = _numbered(item.list, item.numbering)
            if item.inline:
                out.append(Printed("body", (item.intro or "") + "".join(numbered)))
            else:
                out += [Printed("body", t) for t in numbered]
        elif kind == "lead":
            text = item.text if item.items is None else "".join(_numbered(item.items))
            out.append(Printed("body", f"{item.lead}：{text}"))
        elif kind == "indicators":
            out += [Printed("body", t) for t in _numbered(f"{i.name}：{i.text}" for i in item.indicators)]
        elif kind == "funds":
            out.append(Printed("body", funds_paragraph(item.funds)))
        elif kind == "honours":
            out += [Printed("body", t) for t in _numbered(item.honours)]
        elif kind == "table":
            out.append(Printed("table", table=body_table(item.table)))
    return out
