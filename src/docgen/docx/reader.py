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
* the list label Word would draw for ``w:numPr`` ("1、", "（2）", "一、"), computed
  from ``numbering.xml`` (levels, start values, restarts, Chinese counting);
* the style name, outline level and whether every visible character is bold,
  which is how a heading is recognised when it is typed in a Normal paragraph.

Table rows come out as one paragraph each (cells joined by " | "), flagged,
so the importer can keep them as free text.  Nothing here knows about reports.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..content.text import chinese_number, dizhi, tiangan
from ..errors import DocgenError, EXIT_USAGE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PART_BYTES = 50_000_000  # uncompressed document.xml; a zip bomb stops here

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _on(el) -> bool:
    """An OOXML on/off property: present without w:val, or val true/1/on."""
    if el is None:
        return False
    val = el.get(_w("val"))
    return val is None or val.lower() in ("1", "true", "on")


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


# ------------------------------------------------------------------ file checks

def _refuse(display: str, message: str, hint: str) -> DocgenError:
    return DocgenError.single(message, file=display, hint=hint, exit_code=EXIT_USAGE)


_SAVE_AS = "在 Word 或 WPS 中打开它，选择“文件 → 另存为”，保存类型选“Word 文档 (*.docx)”，再导入新保存的 .docx 文件。"


def open_docx(path: Path, display: str | None = None) -> zipfile.ZipFile:
    """Open ``path`` as a .docx, or refuse with a message that says what the file is."""
    display = display or str(path)
    if not path.exists():
        raise _refuse(display, f"找不到文件 file not found: {display}",
                      "检查文件名和所在文件夹；文件名中有空格时请用引号括起来。")
    if path.is_dir():
        raise _refuse(display, "这是一个文件夹，不是 Word 文件。is a folder, not a .docx", "给出 .docx 文件的路径。")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as fh:
            data = fh.read(32_000_000)  # the stream directory of a password-protected .docx is small
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise _refuse(display, "这个 Word 文件设置了打开密码（已加密），无法读取。document is password-protected",
                          "在 Word 中打开它，在“文件 → 信息 → 保护文档”中删除密码并保存，再导入。")
        raise _refuse(display,
                      "这是旧版 Word 97-2003 文档（.doc），docgen 只能读取 .docx。"
                      "legacy .doc (OLE) file: please save it as .docx",
                      _SAVE_AS)
    if head.startswith(b"{\\rtf"):
        raise _refuse(display, "这是 RTF 格式的文件，不是 .docx。RTF file, not .docx", _SAVE_AS)
    if head.startswith(b"%PDF"):
        raise _refuse(display, "这是 PDF 文件，无法导入。PDF cannot be imported",
                      "请找到这份报告原来的 Word 文件（.docx）；只有 PDF 时，需要先用 Word 打开 PDF 并另存为 .docx，再仔细核对。")
    if not zipfile.is_zipfile(path):
        raise _refuse(display, "这不是 Word 文档（.docx）。not a .docx file",
                      "只能导入 Word 2007 及以后版本的 .docx 文件。" + _SAVE_AS)
    try:
        zf = zipfile.ZipFile(path)
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(display, f"文件已损坏，无法读取。damaged file: {exc}",
                      "用 Word 打开它（Word 会提示修复），另存为新的 .docx 后再导入。") from None
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        zf.close()
        kind = "不是 Word 文档"
        if "mimetype" in names or "content.xml" in names:
            kind = "是 OpenDocument（.odt 等）文件，不是 Word 文档"
        elif any(n.startswith("xl/") for n in names):
            kind = "是 Excel 表格，不是 Word 文档"
        elif any(n.startswith("ppt/") for n in names):
            kind = "是 PowerPoint 演示文稿，不是 Word 文档"
        raise _refuse(display, f"这个文件{kind}（.docx）。not a Word .docx", _SAVE_AS)
    return zf


def _read_part(zf: zipfile.ZipFile, name: str, display: str):
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise _refuse(display, f"文档内容太大（{name} 解压后 {info.file_size} 字节）。document part too large",
                      "报告正文通常只有几十 KB；请检查文件是否正确。")
    try:
        return etree.fromstring(zf.read(name), _PARSER)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _refuse(display, f"文件已损坏，无法读取 {name}：{exc}。damaged file",
                      "用 Word 打开它（Word 会提示修复），另存为新的 .docx 后再导入。") from None


def _rels(zf: zipfile.ZipFile, part: str, display: str) -> dict[str, str]:
    """Relationship type → target part name, for the part ``part``."""
    folder, base = posixpath.split(part)
    root = _read_part(zf, posixpath.join(folder, "_rels", base + ".rels"), display)
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{R_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(rel.get("Type", ""), name)
    return out


# ------------------------------------------------------------------ styles

@dataclass
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    vanish: bool | None
    outline: int | None
    num: tuple[str, int] | None    # (numId, ilvl) from the style's pPr


class Styles:
    """Paragraph/character styles with their ``basedOn`` inheritance resolved on demand."""

    def __init__(self, root) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_para: str | None = None
        self.default_bold = False
        if root is None:
            return
        rpr_default = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        if rpr_default is not None:
            self.default_bold = _on(rpr_default.find(_w("b")))
        for st in root.iter(_w("style")):
            sid = st.get(_w("styleId"), "")
            name_el = st.find(_w("name"))
            based = st.find(_w("basedOn"))
            rpr = st.find(_w("rPr"))
            ppr = st.find(_w("pPr"))
            b = rpr.find(_w("b")) if rpr is not None else None
            v = rpr.find(_w("vanish")) if rpr is not None else None
            outline = None
            num = None
            if ppr is not None:
                ol = ppr.find(_w("outlineLvl"))
                if ol is not None and (ol.get(_w("val")) or "").isdigit():
                    outline = int(ol.get(_w("val")))
                num = _num_pr(ppr.find(_w("numPr")))
            self.styles[sid] = _Style(
                name=(name_el.get(_w("val")) if name_el is not None else sid) or sid,
                based_on=based.get(_w("val")) if based is not None else None,
                bold=_on(b) if b is not None else None,
                vanish=_on(v) if v is not None else None,
                outline=outline, num=num)
            if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
                self.default_para = sid

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def _first(self, sid: str | None, attr: str):
        for st in self._chain(sid):
            val = getattr(st, attr)
            if val is not None:
                return val
        return None

    def name(self, sid: str | None) -> str:
        sid = sid or self.default_para
        return self.styles[sid].name if sid in self.styles else (sid or "")

    def bold(self, sid: str | None) -> bool | None:
        return self._first(sid, "bold")

    def vanish(self, sid: str | None) -> bool | None:
        return self._first(sid, "vanish")

    def outline(self, sid: str | None) -> int | None:
        return self._first(sid or self.default_para, "outline")

    def num(self, sid: str | None) -> tuple[str, int] | None:
        return self._first(sid or self.default_para, "num")


def _num_pr(el) -> tuple[str, int] | None:
    if el is None:
        return None
    num_id = el.find(_w("numId"))
    ilvl = el.find(_w("ilvl"))
    if num_id is None:
        return None
    lvl = ilvl.get(_w("val")) if ilvl is not None else "0"
    return (num_id.get(_w("val")) or "0", int(lvl) if (lvl or "").isdigit() else 0)


# ------------------------------------------------------------------ numbering

def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    # Word: a…z, aa…zz, aaa… (repeats the letter)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` format (the ones Chinese reports use, and the common rest)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
               "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
               "ideographDigital"):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return tiangan(n)
    if fmt == "ideographZodiac":
        return dizhi(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("decimalEnclosedParen",):
        return f"({n})"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) - 0x30 + 0xFF10) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)  # decimal and anything exotic


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None     # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False            # isLgl: show higher levels as decimal


def _parse_level(lvl) -> _Level:
    out = _Level()
    el = lvl.find(_w("start"))
    if el is not None and (el.get(_w("val")) or "").lstrip("-").isdigit():
        out.start = int(el.get(_w("val")))
    el = lvl.find(_w("numFmt"))
    if el is not None:
        out.fmt = el.get(_w("val")) or "decimal"
    el = lvl.find(_w("lvlText"))
    if el is not None:
        out.text = el.get(_w("val")) or ""
    el = lvl.find(_w("lvlRestart"))
    if el is not None and (el.get(_w("val")) or "").isdigit():
        out.restart = int(el.get(_w("val")))
    out.legal = _on(lvl.find(_w("isLgl")))
    return out


class Numbering:
    """Word's automatic list numbers: which label each numbered paragraph shows.

    Counters belong to the abstract list, so two ``w:num`` instances of one list
    continue each other, unless an instance has a ``w:startOverride`` (that is
    how Word writes "restart at 1").
    """

    def __init__(self, root, styles: Styles) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for an in root.iter(_w("abstractNum")):
            aid = an.get(_w("abstractNumId"), "")
            self.abstract[aid] = {int(lvl.get(_w("ilvl"), "0")): _parse_level(lvl)
                                  for lvl in an.findall(_w("lvl"))}
            link = an.find(_w("numStyleLink"))
            if link is not None:
                self.abstract_style_link[aid] = link.get(_w("val"), "")
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"), "")
            aref = num.find(_w("abstractNumId"))
            if aref is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for ov in num.findall(_w("lvlOverride")):
                ilvl = int(ov.get(_w("ilvl"), "0"))
                so = ov.find(_w("startOverride"))
                if so is not None and (so.get(_w("val")) or "").isdigit():
                    starts[ilvl] = int(so.get(_w("val")))
                lvl = ov.find(_w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
            self.nums[nid] = (aref.get(_w("val"), ""), overrides, starts)

    def _abstract_id(self, aid: str) -> str:
        # numStyleLink: the list is defined by the numbering of a list style
        link = self.abstract_style_link.get(aid)
        if link:
            num = self.styles.num(link)
            if num and num[0] in self.nums:
                return self.nums[num[0]][0]
        return aid

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl``; advances it."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        aid, overrides, starts = self.nums[num_id]
        aid = self._abstract_id(aid)
        levels = dict(self.abstract.get(aid, {}))
        levels.update(overrides)
        if ilvl not in levels:
            return None
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart != 0 and (restart is None or restart - 1 >= ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return level.text or "•"

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters.get(k, lv.start)
            fmt = "decimal" if (level.legal and k < ilvl) else lv.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", repl, level.text)


# ------------------------------------------------------------------ paragraphs

_SKIP = {_w(t) for t in ("del", "moveFrom", "pPr", "rPr", "delText", "instrText", "delInstrText",
                         "commentReference", "fldChar", "proofErr", "bookmarkStart", "bookmarkEnd",
                         "commentRangeStart", "commentRangeEnd", "permStart", "permEnd",
                         "lastRenderedPageBreak")}
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_OBJECTS = ({_w(t) for t in ("drawing", "pict", "object")} | {f"{{{MC_NS}}}AlternateContent"}
            | {f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"})
_NOTES = {_w("footnoteReference"), _w("endnoteReference")}


class _Walker:
    def __init__(self, styles: Styles, numbering: Numbering, stats: DocxText) -> None:
        self.styles = styles
        self.numbering = numbering
        self.stats = stats

    # -- one paragraph
    def paragraph(self, p, in_table: bool = False) -> tuple[Para, bool]:
        """The paragraph and whether its paragraph mark was deleted (tracked)."""
        ppr = p.find(_w("pPr"))
        sid = None
        outline = None
        num = None
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(_w("pStyle"))
            sid = ps.get(_w("val")) if ps is not None else None
            ol = ppr.find(_w("outlineLvl"))
            if ol is not None and (ol.get(_w("val")) or "").isdigit():
                outline = int(ol.get(_w("val")))
            numpr = ppr.find(_w("numPr"))
            if numpr is not None:
                num = _num_pr(numpr)
                if num is None:  # numPr with only ilvl: the style's list at that level
                    snum = self.styles.num(sid)
                    ilvl_el = numpr.find(_w("ilvl"))
                    if snum and ilvl_el is not None:
                        num = (snum[0], int(ilvl_el.get(_w("val"), "0")))
            rpr = ppr.find(_w("rPr"))
            if rpr is not None and (rpr.find(_w("del")) is not None or rpr.find(_w("moveFrom")) is not None):
                mark_deleted = True
                self.stats.deletions += 1
        if outline is None:
            outline = self.styles.outline(sid)
        if outline is not None and outline >= 9:
            outline = None
        if num is None:
            num = self.styles.num(sid)
        para_bold = self.styles.bold(sid)
        para = Para(text="", style=self.styles.name(sid), outline_level=outline, in_table=in_table)
        parts: list[str] = []
        bold_flags: list[bool] = []
        self._walk(p, parts, bold_flags, para, para_bold)
        para.text = "".join(parts)
        para.bold = bool(bold_flags) and all(bold_flags)
        if num is not None and para.text.strip():
            para.label = self.numbering.label(*num)
        return para, mark_deleted

    def _walk(self, el, parts, bold_flags, para: Para, para_bold) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                if tag == _w("del") or tag == _w("moveFrom"):
                    self.stats.deletions += 1
                continue
            if tag in _OBJECTS:
                para.has_object = True
                self.stats.objects += 1
                continue
            if tag == _w("r"):
                self._run(child, parts, bold_flags, para, para_bold)
                continue
            if tag in (_w("ins"), _w("moveTo")):
                self.stats.insertions += 1
            if tag == _w("p"):  # nested paragraph (should not happen outside text boxes)
                continue
            self._walk(child, parts, bold_flags, para, para_bold)

    def _run(self, r, parts, bold_flags, para: Para, para_bold) -> None:
        rpr = r.find(_w("rPr"))
        rsid = None
        bold = None
        vanish = None
        if rpr is not None:
            rs = rpr.find(_w("rStyle"))
            rsid = rs.get(_w("val")) if rs is not None else None
            b = rpr.find(_w("b"))
            bold = _on(b) if b is not None else None
            v = rpr.find(_w("vanish"))
            vanish = _on(v) if v is not None else None
        if vanish is None:
            vanish = self.styles.vanish(rsid)
        if vanish:
            return
        if bold is None:
            bold = self.styles.bold(rsid)
        if bold is None:
            bold = para_bold if para_bold is not None else self.styles.default_bold
        text: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _w("t"):
                text.append(child.text or "")
            elif tag in (_w("tab"), _w("ptab")):
                text.append("\t")
            elif tag == _w("br"):
                kind = child.get(_w("type"))
                text.append(" " if kind in ("page", "column") else "\n")
            elif tag == _w("cr"):
                text.append("\n")
            elif tag == _w("noBreakHyphen"):
                text.append("-")
            elif tag == _w("sym"):
                code = child.get(_w("char"), "")
                try:
                    ch = chr(int(code, 16))
                except ValueError:
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

    # -- the body
    def blocks(self, container, out: list[Para], in_table: bool = False) -> None:
        pending: Para | None = None  # a paragraph whose mark was deleted: joins the next
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                para, merged = self.paragraph(child, in_table)
                if pending is not None:
                    para = Para(text=pending.text + para.text, label=pending.label or para.label,
                                style=pending.style, outline_level=pending.outline_level,
                                bold=pending.bold and para.bold, in_table=in_table,
                                has_object=pending.has_object or para.has_object,
                                has_note=pending.has_note or para.has_note)
                    pending = None
                if merged:
                    pending = para
                else:
                    out.append(para)
            elif tag == _w("tbl"):
                for tr in child.findall(_w("tr")):
                    cells = []
                    for tc in tr.findall(_w("tc")):
                        inner: list[Para] = []
                        self.blocks(tc, inner, True)
                        cells.append(" ".join(p.full_text.strip() for p in inner if p.full_text.strip()))
                    row = " | ".join(cells).strip(" |")
                    out.append(Para(text=row, in_table=True))
            elif tag in (_w("sdt"),):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.blocks(content, out, in_table)
            elif tag in (_w("customXml"), _w("ins"), _w("moveTo"), _w("smartTag")):
                self.blocks(child, out, in_table)
            elif tag == _w("altChunk"):
                self.stats.extra.append("嵌入的外部文档（altChunk）")
        if pending is not None:
            out.append(pending)


def read_docx(path: Path, display: str | None = None) -> DocxText:
    """Paragraphs of ``path`` in reading order; refuses a .doc or a non-Word file clearly."""
    display = display or str(path)
    zf = open_docx(path, display)
    with zf:
        main = _rels(zf, "", display).get(OFFICE_DOC, "word/document.xml")
        doc = _read_part(zf, main, display)
        if doc is None:
            raise _refuse(display, "文件中没有 Word 正文（word/document.xml）。not a Word document",
                          _SAVE_AS)
        if doc.tag.startswith(f"{{{STRICT_W_NS}}}"):
            raise _refuse(display, "这是“Strict Open XML”格式的 Word 文档，docgen 读取不了。strict OOXML is not supported",
                          "在 Word 中“另存为”，保存类型选“Word 文档 (*.docx)”（不要选 Strict Open XML 文档）。")
        rels = _rels(zf, main, display)
        styles = Styles(_read_part(zf, rels[REL_STYLES], display) if REL_STYLES in rels else None)
        numbering = Numbering(_read_part(zf, rels[REL_NUMBERING], display)
                              if REL_NUMBERING in rels else None, styles)
        comments_root = _read_part(zf, rels[REL_COMMENTS], display) if REL_COMMENTS in rels else None
    stats = DocxText(paragraphs=[])
    if comments_root is not None:
        stats.comments = len(comments_root.findall(_w("comment")))
    body = doc.find(_w("body"))
    if body is None:
        raise _refuse(display, "文件中没有 Word 正文。document has no body", _SAVE_AS)
    _Walker(styles, numbering, stats).blocks(body, stats.paragraphs)
    return stats
