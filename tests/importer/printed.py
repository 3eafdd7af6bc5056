"""What a format-2 report prints, paragraph by paragraph, predicted from the model alone.

A stand-in for the render in the importer's tests (the render is wired to the model
separately; an end-to-end test will compare the real render with these): every
printed paragraph as a string, numbered with :func:`docgen.content.outline.heading_number`
and :func:`~docgen.content.outline.list_number`, the funds sentence from
:func:`docgen.context.funds_sentence`; tables as lists of rows of cell texts.

* label; title lines (or the title made from year, unit and kind, in one line);
  front matter "label：value";
* sections "一、heading"; paragraphs; lists "1、item" one paragraph each, or inline
  "intro1、a2、b"; lead-ins "lead：text" / "lead：1、a2、b"; indicators "1、name：text";
  funds: the sentence and the management text in one paragraph; honours "1、x";
* the signature lines.
"""

from __future__ import annotations

from docgen.content.model import Report
from docgen.content.outline import list_number, walk
from docgen.context import funds_sentence


def _numbered(numbering: str, items) -> list[str]:
    return [list_number(numbering, n) + text for n, text in enumerate(items, 1)]


def printed_document(report: Report) -> list:
    """Paragraph strings and tables (lists of rows of cell strings) in document order."""
    out: list = []
    if report.label:
        out.append(report.label)
    out += list(report.title) if report.title else [report.title_text]
    out += [f"{f.label}：{f.value}" for f in report.front_matter]
    for placed in walk(report):
        item, kind = placed.item, placed.kind
        if kind == "section":
            out.append(placed.number + item.heading)
        elif kind == "text":
            out.append(item)
        elif kind == "list":
            items = _numbered(item.numbering, item.list)
            out += [(item.intro or "") + "".join(items)] if item.inline else items
        elif kind == "lead":
            body = item.text if item.text is not None else "".join(_numbered("1、", item.items))
            out.append(f"{item.lead}：{body}")
        elif kind == "indicators":
            out += _numbered("1、", [f"{i.name}：{i.text}" for i in item.indicators])
        elif kind == "funds":
            f = item.funds
            out.append(funds_sentence(f.final_total, f.basic, f.projects_total,
                                      [(c.name, c.amount) for c in f.projects]) + (f.management or ""))
        elif kind == "honours":
            out += _numbered("1、", item.honours)
        elif kind == "table":
            t = item.table
            out.append([list(t.header)] * bool(t.header) + [[str(c) for c in row] for row in t.rows])
        else:  # pragma: no cover - a new kind of block: this helper must learn it
            raise AssertionError(f"unknown block kind {kind}")
    out += list(report.signature)
    return out


def printed_paragraphs(report: Report) -> list[str]:
    return [x for x in printed_document(report) if isinstance(x, str)]


def printed_tables(report: Report) -> list[list[list[str]]]:
    return [x for x in printed_document(report) if isinstance(x, list)]
