"""Read the paragraphs of a Word .docx as the reader sees them, for ``docgen import``.

Why not ``python-docx``'s ``paragraph.text``?  It reads only runs that are
direct children of the paragraph, so text inside a tracked insertion
(``w:ins``), a content control (``w:sdt``) or a smart tag is silently dropped,
and Word's automatic list numbers (``w:numPr``) are not text at all.  An old
report written by hand has all of these.  So this module walks
``word/document.xml`` itself with lxml and gives, for each paragraph:

* the *accepted* text of tracked changes: ``w:ins``/``w:moveTo`` kept,
  ``w:del``/``w:moveFrom`` dropped; a paragraph whose mark was deleted is joined
  to the next one, as Word shows it after "accept all";
* field results but not field codes; no hidden (``w:vanish``) text; bookmarks,
  comment anchors, proofing marks contribute nothing;
* the list label Word would draw for ``w:numPr`` ("1、", "（2）", "一、"), from
  :mod:`.numbering`;
* the style name, outline level and whether every visible character is bold,
  which is how a heading is recognised when it is typed in a Normal paragraph;
  bold, hidden and outline level are inherited through the styles by
  :class:`docgen.docx.ooxml.StyleSheet`.

Table rows come out as one paragraph each (cells joined by " | "), flagged, with
the cells' texts, the table they belong to, whether the row repeats as a header
(``w:tblHeader``) and the table's column widths, so the importer can rebuild the
table.  Each paragraph also says how it is aligned and its largest font size,
which is how a title typed in Normal paragraphs is recognised.  The file itself is opened and
refused by :mod:`.package`.  Nothing here knows about reports.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .numbering import Numbering, list_reference, style_list
from .ooxml import (MC_NS, M_NS, REL_COMMENTS, REL_NUMBERING, REL_OFFICE_DOCUMENT, REL_STYLES,
                    STRICT_W_NS, StyleSheet, integer, on_off, val, w)
from .package import SAVE_AS, open_docx, read_part, refuse, relationships


@dataclass
class Para:
    """One paragraph of the document as a reader sees it."""

    text: str                      # accepted text, without the automatic list label
    label: str | None = None       # "1、" drawn by Word's automatic numbering, if any
    style: str = ""                # style *name* ("heading 1", "Normal", "Title" …)
    outline_level: int | None = None  # 0 = level-1 heading; None = body text
    bold: bool = False             # every visible character is bold
    in_table: bool = False         # a table row, cells joined by " | "
    has_object: bool = False       # contains a picture, text box or embedded object
    has_note: bool = False         # contains a footnote/endnote reference
    align: str | None = None       # w:jc as inherited: "center", "right", "both" …; None = left
    size: int | None = None        # the largest font size of its visible text, in half-points
    cells: tuple[str, ...] | None = None  # a table row: each cell's text
    table: int = 0                 # a table row: which table of the body (1, 2, …)
    header_row: bool = False       # a table row marked to repeat as the header (w:tblHeader)
    all_bold: bool = False         # a table row: every visible character of every cell is bold
    widths: tuple[int, ...] = ()   # a table row: the table's column widths (w:gridCol, twips)

    @property
    def full_text(self) -> str:
        return (self.label or "") + self.text


@dataclass
class DocxText:
    """Everything :func:`read_docx` found: the paragraphs and what it left out."""

    paragraphs: list[Para]
    insertions: int = 0            # tracked insertions accepted
    deletions: int = 0             # tracked deletions dropped
    comments: int = 0              # comments (not document text; not imported)
    notes: int = 0                 # footnote/endnote references (notes not imported)
    objects: int = 0               # pictures, text boxes, embedded objects (not imported)
    extra: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ paragraphs

_SKIP = {w(t) for t in ("del", "moveFrom", "pPr", "rPr", "delText", "instrText", "delInstrText",
                        "commentReference", "fldChar", "proofErr", "bookmarkStart", "bookmarkEnd",
                        "commentRangeStart", "commentRangeEnd", "permStart", "permEnd",
                        "lastRenderedPageBreak")}
_OBJECTS = ({w(t) for t in ("drawing", "pict", "object")} | {f"{{{MC_NS}}}AlternateContent"}
            | {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"})
_NOTES = {w("footnoteReference"), w("endnoteReference")}
_DELETED = (w("del"), w("moveFrom"))
_INSERTED = (w("ins"), w("moveTo"))
#: Containers whose children are paragraphs and tables (content controls aside).
_BLOCK_WRAPPERS = (w("customXml"), w("ins"), w("moveTo"), w("smartTag"))
_MAX_OUTLINE = 8  # w:outlineLvl 9 is "body text"


def _non_negative(el) -> int | None:
    """A level number (`w:val` of outlineLvl or ilvl): a non-negative integer, or None."""
    n = integer(val(el))
    return n if n is not None and n >= 0 else None


class _BodyParagraphs:
    """Walks the body of ``word/document.xml`` — paragraphs, tables, content controls, tracked
    changes — and yields its paragraphs as :class:`Para`, as Word shows them after "accept all".

    What it leaves out (deletions, objects, notes …) is counted in ``stats``.
    """

    def __init__(self, styles: StyleSheet, numbering: Numbering, stats: DocxText) -> None:
        self.styles = styles
        self.numbering = numbering
        self.stats = stats
        self._style_facts: dict[str | None, tuple[int | None, tuple[str, int] | None]] = {}
        self._tables = 0

    def style_facts(self, style_id: str | None) -> tuple[int | None, tuple[str, int] | None]:
        """The outline level and the list a paragraph style gives, worked out once per style
        (every paragraph asks; a file may chain thousands of styles)."""
        if style_id not in self._style_facts:
            outline = next((n for n in map(_non_negative, self.styles.style(style_id).para_all("outlineLvl"))
                            if n is not None), None)
            self._style_facts[style_id] = (outline, style_list(self.styles, style_id))
        return self._style_facts[style_id]

    # -- one paragraph
    def paragraph(self, p, in_table: bool = False) -> tuple[Para, bool]:
        """The paragraph and whether its paragraph mark was deleted (tracked)."""
        ppr = p.find(w("pPr"))
        named = val(ppr.find(w("pStyle"))) if ppr is not None else None
        style_id = self.styles.paragraph_style(named)  # the default style when none or unknown
        num = None
        mark_deleted = False
        if ppr is not None:
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                num = list_reference(numpr)
                if num is None:  # numPr with only ilvl: the style's list at that level
                    style_num = self.style_facts(style_id)[1]
                    ilvl = numpr.find(w("ilvl"))
                    if style_num and ilvl is not None:
                        num = (style_num[0], _non_negative(ilvl) or 0)
            rpr = ppr.find(w("rPr"))
            if rpr is not None and (rpr.find(w("del")) is not None or rpr.find(w("moveFrom")) is not None):
                mark_deleted = True
                self.stats.deletions += 1
        style_outline, style_num = self.style_facts(style_id)
        outline = _non_negative(ppr.find(w("outlineLvl"))) if ppr is not None else None
        if outline is None:
            outline = style_outline
        if outline is not None and outline > _MAX_OUTLINE:
            outline = None
        if num is None:
            num = style_num
        para = Para(text="", style=self.styles.name(named), outline_level=outline, in_table=in_table)
        para.align = val(self.styles.paragraph(ppr).para("jc"))
        parts: list[str] = []
        bold_flags: list[bool] = []
        self._sizes: list[int] = []
        self._inline(p, parts, bold_flags, para, style_id)
        para.text = "".join(parts)
        para.bold = bool(bold_flags) and all(bold_flags)
        para.size = max(self._sizes, default=None)
        if num is not None and para.text.strip():
            para.label = self.numbering.label(*num)
        return para, mark_deleted

    def _inline(self, el, parts, bold_flags, para: Para, style_id: str | None) -> None:
        """The runs of ``el`` (a paragraph, or a hyperlink, field, insertion … inside one)."""
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                if tag in _DELETED:
                    self.stats.deletions += 1
                continue
            if tag in _OBJECTS:
                para.has_object = True
                self.stats.objects += 1
                continue
            if tag == w("r"):
                self._run(child, parts, bold_flags, para, style_id)
                continue
            if tag in _INSERTED:
                self.stats.insertions += 1
            if tag == w("p"):  # nested paragraph (should not happen outside text boxes)
                continue
            self._inline(child, parts, bold_flags, para, style_id)

    def _run(self, r, parts, bold_flags, para: Para, style_id: str | None) -> None:
        formatting = self.styles.run(r.find(w("rPr")), style_id)
        if formatting.toggle("vanish"):
            return
        bold = formatting.toggle("b")
        size = integer(val(formatting.run("sz")))
        text: list[str] = []
        for child in r:
            tag = child.tag
            if tag == w("t"):
                text.append(child.text or "")
            elif tag in (w("tab"), w("ptab")):
                text.append("\t")
            elif tag == w("br"):
                kind = child.get(w("type"))
                text.append(" " if kind in ("page", "column") else "\n")
            elif tag == w("cr"):
                text.append("\n")
            elif tag == w("noBreakHyphen"):
                text.append("-")
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                try:
                    ch = chr(int(code, 16))
                except (ValueError, OverflowError):
                    ch = ""
                if ch and not (0xE000 <= ord(ch) <= 0xF8FF):  # symbol-font glyphs are private-use
                    text.append(ch)
            elif tag in _OBJECTS:
                para.has_object = True
                self.stats.objects += 1
            elif tag in _NOTES:
                para.has_note = True
                self.stats.notes += 1
        joined = "".join(text)
        if joined:
            parts.append(joined)
            if joined.strip():
                bold_flags.append(bool(bold))
                if size is not None and size > 0:
                    self._sizes.append(size)

    def table(self, tbl, nested: bool) -> Iterator[Para]:
        """A table's rows, one :class:`Para` each; a table inside a cell is text of that cell."""
        if not nested:
            self._tables += 1
        grid = tbl.find(w("tblGrid"))
        widths = tuple(integer(col.get(w("w"))) or 0 for col in grid.findall(w("gridCol"))) \
            if grid is not None else ()
        for tr in tbl.findall(w("tr")):
            trpr = tr.find(w("trPr"))
            header = trpr is not None and on_off(trpr.find(w("tblHeader"))) is True
            cells, bold = [], True
            for tc in tr.findall(w("tc")):
                inner = list(self.of(tc, True))
                texts = [p.full_text.strip() for p in inner]
                cells.append(" ".join(text for text in texts if text))
                bold = bold and all(p.bold for p, t in zip(inner, texts) if t)
            row = " | ".join(cells).strip(" |")
            yield Para(text=row, in_table=True, cells=tuple(cells), table=0 if nested else self._tables,
                       header_row=header, all_bold=bold and any(cells), widths=widths)

    # -- the body
    def of(self, container, in_table: bool = False) -> Iterator[Para]:
        """The paragraphs of ``container`` (the body, a table cell, a content control) in reading order."""
        pending: list[Para] = []  # paragraphs whose mark was deleted: they join the next one
        for child in container:
            tag = child.tag
            if tag == w("p"):
                para, merged = self.paragraph(child, in_table)
                pending.append(para)
                if not merged:
                    yield _joined(pending, in_table)
                    pending = []
            elif tag == w("tbl"):
                yield from self.table(child, in_table)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    yield from self.of(content, in_table)
            elif tag in _BLOCK_WRAPPERS:
                yield from self.of(child, in_table)
            elif tag == w("altChunk"):
                self.stats.extra.append("嵌入的外部文档（altChunk）")
        if pending:
            yield _joined(pending, in_table)


def _joined(paras: list[Para], in_table: bool) -> Para:
    """Paragraphs joined as Word shows them after "accept all" removed the marks between them.

    Joined once, at the end: adding each to a growing paragraph would copy its
    text again for every deleted mark (quadratic time for a long run of them).
    """
    if len(paras) == 1:
        return paras[0]
    first = paras[0]
    return Para(text="".join(p.text for p in paras), label=next((p.label for p in paras if p.label), None),
                style=first.style, outline_level=first.outline_level,
                bold=all(p.bold for p in paras), in_table=in_table,
                has_object=any(p.has_object for p in paras), has_note=any(p.has_note for p in paras))


def read_docx(path: Path, display: str | None = None) -> DocxText:
    """Paragraphs of ``path`` in reading order; refuses a .doc or a non-Word file clearly."""
    display = display or str(path)
    with open_docx(path, display) as zf:  # a docgen.docx.zipread.Archive
        main = relationships(zf, "", display).get(REL_OFFICE_DOCUMENT, "word/document.xml")
        doc = read_part(zf, main, display)
        if doc is None:
            raise refuse(display, "文件中没有 Word 正文（word/document.xml）。not a Word document", SAVE_AS)
        if doc.tag.startswith(f"{{{STRICT_W_NS}}}"):
            raise refuse(display, "这是“Strict Open XML”格式的 Word 文档，docgen 读取不了。strict OOXML is not supported",
                         "在 Word 中“另存为”，保存类型选“Word 文档 (*.docx)”（不要选 Strict Open XML 文档）。")
        rels = relationships(zf, main, display)
        styles = StyleSheet(read_part(zf, rels[REL_STYLES], display) if REL_STYLES in rels else None)
        numbering = Numbering(read_part(zf, rels[REL_NUMBERING], display)
                              if REL_NUMBERING in rels else None, styles)
        comments_root = read_part(zf, rels[REL_COMMENTS], display) if REL_COMMENTS in rels else None
    stats = DocxText(paragraphs=[])
    if comments_root is not None:
        stats.comments = len(comments_root.findall(w("comment")))
    body = doc.find(w("body"))
    if body is None:
        raise refuse(display, "文件中没有 Word 正文。document has no body", SAVE_AS)
    stats.paragraphs = list(_BodyParagraphs(styles, numbering, stats).of(body))
    return stats
