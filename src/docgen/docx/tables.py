"""The 绩效自评表 in WordprocessingML: its tables (``w:tbl``) and the section it is printed in.

Appended to the rendered report (:func:`append_attachment`, called by
:func:`docgen.docx.render.render_docx` after docxtpl), not written into the
template: the template stays a restylable report, and a report without
``self_evaluation`` is byte for byte what it was.  The tables are built from
:class:`docgen.attachment.Table` alone, so a docxtpl Subdoc of the general outline
(issue 10) can take the same ``w:tbl`` elements.

What Word, WPS and LibreOffice each need, written out:

* widths everywhere — ``w:tblW``, ``w:tblGrid``/``w:gridCol`` and ``w:tcW`` on every
  cell (WPS does not show a table that gives only the table's width), fixed layout;
* ``w:vMerge`` restart/continue for the merged 一级/二级指标 cells, ``w:gridSpan``
  for the total rows; ``w:tblHeader`` on the header row (repeated on every page),
  ``w:cantSplit`` on every row;
* cell text in the table's fonts (:data:`docgen.layout.TABLE_FONTS`, ``w:eastAsia``
  set, no theme fonts) at 10.5 pt, with single line spacing and ``w:snapToGrid
  w:val="0"`` so the body's exact 28.95 pt line grid does not apply;
* the attachment in its own section: the report's last paragraph ends the report's
  (portrait) section, and the document's final ``w:sectPr`` becomes the
  attachment's (landscape when :func:`docgen.attachment.orientation` says so),
  keeping both footer references and no page-number restart, so "— N —" continues
  on odd and even pages.
"""

from __future__ import annotations

import copy
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml

from ..attachment import Attachment, Cell, Table
from ..layout import (BODY_SZ, HEI, LINE_PITCH, PAGE_H, PAGE_W, TABLE_BORDER_SZ, TABLE_CELL_MARGIN,
                      TABLE_FONTS, TABLE_SZ, FontKind)
from .ooxml import nsdecls, qn

_W = nsdecls("w")


def _rfonts(east_asia: FontKind, latin: FontKind) -> str:
    a, e = quoteattr(latin.docx_name), quoteattr(east_asia.docx_name)
    return f"<w:rFonts w:ascii={a} w:hAnsi={a} w:eastAsia={e} w:cs={a}/>"


def _run(text: str, east_asia: FontKind, latin: FontKind, size: int, bold: bool = False) -> str:
    b = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    rpr = (f"<w:rPr>{_rfonts(east_asia, latin)}{b}<w:spacing w:val=\"0\"/>"
           f"<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>")
    lines = text.split("\n")
    body = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return f"<w:r>{rpr}{body}</w:r>"


_SINGLE = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_NO_IND = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'


def _cell_paragraph(text: str, jc: str, bold: bool) -> str:
    ppr = (f'<w:pPr><w:widowControl w:val="0"/><w:snapToGrid w:val="0"/>{_SINGLE}{_NO_IND}'
           f'<w:jc w:val="{jc}"/></w:pPr>')
    run = _run(text, *TABLE_FONTS, TABLE_SZ, bold) if text else ""
    return f"<w:p>{ppr}{run}</w:p>"


def _cell(cell: Cell, width: int, merge: str | None, header: bool) -> str:
    span = f'<w:gridSpan w:val="{cell.colspan}"/>' if cell.colspan > 1 else ""
    vmerge = {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge or "", "")
    tcpr = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vmerge}<w:vAlign w:val="center"/></w:tcPr>'
    text = "" if merge == "continue" else cell.text
    return f"<w:tc>{tcpr}{_cell_paragraph(text, 'left' if cell.left else 'center', header)}</w:tc>"


def _row(cells: tuple[Cell, ...], widths: tuple[int, ...], header: bool) -> str:
    trpr = "<w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>"
    out, col = [], 0
    for cell in cells:
        width = sum(widths[col:col + cell.colspan])
        merge = None if cell.rowspan == 1 else "restart" if cell.rowspan > 1 else "continue"
        out.append(_cell(cell, width, merge, header))
        col += cell.colspan
    assert col == len(widths), "a row must fill the grid"
    return f"<w:tr>{trpr}{''.join(out)}</w:tr>"


def table_xml(table: Table) -> str:
    """One ``w:tbl``: explicit widths, borders, the header row repeated, rows that never split."""
    line = f'w:val="single" w:sz="{TABLE_BORDER_SZ}" w:space="0" w:color="000000"'
    borders = "".join(f"<w:{side} {line}/>" for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    mar = TABLE_CELL_MARGIN
    tblpr = (f'<w:tblPr><w:tblW w:w="{table.width}" w:type="dxa"/><w:jc w:val="center"/>'
             f"<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
             f'<w:tblCellMar><w:top w:w="30" w:type="dxa"/><w:left w:w="{mar}" w:type="dxa"/>'
             f'<w:bottom w:w="30" w:type="dxa"/><w:right w:w="{mar}" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
             'w:noHBand="1" w:noVBand="1"/></w:tblPr>')
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in table.widths) + "</w:tblGrid>"
    header = [_row(table.header, table.widths, True)] if table.header else []  # a body table may have none
    rows = header + [_row(r, table.widths, False) for r in table.rows]
    return f"<w:tbl {_W}>{tblpr}{grid}{''.join(rows)}</w:tbl>"


def _paragraph(text: str, *, font: FontKind, size: int, jc: str, style: str | None = None,
               before: int = 0, after: int = 0, exact: bool = True) -> str:
    ps = f'<w:pStyle w:val="{style}"/>' if style else ""
    spacing = (f'<w:spacing w:before="{before}" w:after="{after}" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
               if exact else f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>')
    ppr = f'<w:pPr>{ps}<w:keepNext/><w:widowControl w:val="0"/>{spacing}{_NO_IND}<w:jc w:val="{jc}"/></w:pPr>'
    return f"<w:p {_W}>{ppr}{_run(text, font, TABLE_FONTS[1], size)}</w:p>"


def _spacer() -> str:
    return f'<w:p {_W}><w:pPr><w:snapToGrid w:val="0"/>{_SINGLE}{_NO_IND}</w:pPr></w:p>'


#: An empty single-spaced paragraph: what keeps Word from joining two tables that follow each other.
TABLE_SEPARATOR = _spacer()


def attachment_xml(att: Attachment) -> list[str]:
    """The attachment's body elements, in order: 附件, its title, the unit line, each caption and table."""
    out = [_paragraph(att.label, font=HEI, size=BODY_SZ, jc="left"),
           # the template's Title style (restylable), not its trailing blank grid line
           f'<w:p {_W}><w:pPr><w:pStyle w:val="Title"/><w:spacing w:before="0" w:after="0" '
           f'w:line="{LINE_PITCH}" w:lineRule="exact"/></w:pPr><w:r><w:t xml:space="preserve">'
           f"{escape(att.title)}</w:t></w:r></w:p>",
           _paragraph(att.unit_line, font=TABLE_FONTS[0], size=24, jc="left", exact=False, before=120, after=60)]
    for table in att.tables:
        out.append(_paragraph(table.caption, font=HEI, size=24, jc="left", exact=False, before=120, after=60))
        out.append(table_xml(table))
    out.append(_spacer())  # Word needs a paragraph after a table before the section's end
    return out


def _set_orientation(sect_pr, landscape: bool) -> None:
    pg = sect_pr.find(qn("w:pgSz"))
    if landscape:
        pg.set(qn("w:w"), str(PAGE_H))
        pg.set(qn("w:h"), str(PAGE_W))
        pg.set(qn("w:orient"), "landscape")


def append_attachment(document, att: Attachment) -> None:
    """Append the 自评表 to a rendered python-docx ``Document``, in a section of its own."""
    body = document.element.body
    final = body.find(qn("w:sectPr"))
    paragraphs = body.findall(qn("w:p"))
    last = paragraphs[-1]
    ppr = last.find(qn("w:pPr"))
    if ppr is None:
        ppr = parse_xml(f"<w:pPr {_W}/>")
        last.insert(0, ppr)
    report_section = copy.deepcopy(final)          # the report's own page, footers and grid
    ppr.append(report_section)
    for xml in attachment_xml(att):
        final.addprevious(parse_xml(xml))
    _set_orientation(final, att.landscape)
