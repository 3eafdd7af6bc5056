"""``docgen import``: a Word report → the content data of :class:`docgen.content.model.Report`.

Every office already has its report as a Word file; nobody will retype it as
YAML.  :func:`import_docx` reads the paragraphs with :mod:`docgen.docx.reader`
and :func:`import_paragraphs` recognises the report in them, stage by stage:

* :mod:`.text`: each paragraph tidied, its number (typed or Word's) split off;
* :mod:`.structure`: label, title, front matter, signature; year, unit, kind;
* :mod:`.sections`: the headings of four levels and the sections they open;
* :mod:`.blocks` (with :mod:`.funds`): lists, lead-ins, tables, the funds
  sentence, indicators and honours between the headings;
* :mod:`.notes`: what was recognised, paragraph by paragraph.

Every paragraph is kept, in order; nothing is added that the document lacks.
Writing the result as the commented YAML file is :mod:`.content_file`.
"""

from __future__ import annotations

from pathlib import Path

from ..content.source import MAX_BYTES
from ..docx.reader import DocxText, read_docx
from ..errors import DocgenError, EXIT_USAGE
from .content_file import TOO_MUCH_TEXT
from .notes import Imported, ImportNotes
from .sections import read_outline
from .structure import read_frame
from .text import tidy_paragraphs

__all__ = ["import_docx", "import_paragraphs"]

_BLOCK_NAMES = {"heading": "标题", "list": "编号列表", "lead": "引导段", "indicators": "指标", "funds": "决算金额",
                "honours": "荣誉", "table": "表格"}


def _count(items: list, counts: dict[str, int]) -> None:
    for item in items:
        if isinstance(item, str):
            counts["text"] = counts.get("text", 0) + 1
            continue
        key = next(k for k in _BLOCK_NAMES if k in item)
        counts[key] = counts.get(key, 0) + 1
        if key == "heading":
            _count(item.get("content", []), counts)


def import_paragraphs(doc: DocxText, *, source: str, year: int | None = None, unit: str | None = None,
                      district: str | None = None) -> Imported:
    """Recognise the report in ``doc``'s paragraphs; raise only when it is not a report at all."""
    ps = tidy_paragraphs(doc.paragraphs)
    notes = ImportNotes()
    frame = read_frame(ps, notes, source=source, year=year, unit=unit, district=district)
    content = read_outline(frame.body, frame.year, notes, source)

    for p in ps:
        if p.src.has_object:
            notes.add(p, "含有图片、文本框或嵌入对象，只导入了段落中的文字。")
        if p.src.has_note:
            notes.add(p, "含有脚注或尾注，注释的文字没有导入。")
    if doc.insertions or doc.deletions:
        notes.add(None, f"文档中有修订（跟踪更改），已按“接受所有修订”读取：保留 {doc.insertions} 处插入，"
                        f"去掉 {doc.deletions} 处删除。", "info")
    if doc.comments:
        notes.add(None, f"文档中有 {doc.comments} 条批注，批注不是报告正文，没有导入。", "info")
    if doc.objects:
        notes.add(None, f"文档中有 {doc.objects} 个图片、文本框或嵌入对象，没有导入。")
    for what in doc.extra:
        notes.add(None, f"{what}没有导入。")

    data: dict = {"year": frame.year, "unit": {"name": frame.unit}}
    if frame.district:
        data["unit"]["district"] = frame.district
    for key in ("kind", "label", "title", "front_matter"):
        if getattr(frame, key):
            data[key] = getattr(frame, key)
    data["content"] = content
    if frame.signature:
        data["signature"] = frame.signature

    counts: dict[str, int] = {}
    _count(content, counts)
    title = "".join(frame.title) if frame.title else f"{frame.year}年度{frame.unit}{frame.kind or '整体支出绩效评价报告'}"
    summary = [f"标题：{title}" + (f"（{len(frame.title)} 行）" if frame.title else ""),
               "正文：" + "，".join(f"{_BLOCK_NAMES.get(k, '段落')} {n}" for k, n in counts.items())]
    if frame.front_matter or frame.signature:
        summary.append(f"表头 {len(frame.front_matter)} 项，落款 {len(frame.signature)} 行")
    return Imported(data=data, notes=notes.in_document_order(), summary=summary, source=source)


def import_docx(path: Path, *, year: int | None = None, unit: str | None = None,
                district: str | None = None, display: str | None = None) -> Imported:
    """Read ``path`` (a .docx) and recognise the report in it."""
    display = display or str(path)
    doc = read_docx(Path(path), display)
    size = sum(len(p.full_text.encode("utf-8")) for p in doc.paragraphs)
    if size > MAX_BYTES:  # the content file would be refused by docgen check: say so now
        raise DocgenError.single(
            f"文档的文字共 {size} 字节，超过内容文件的上限 {MAX_BYTES} 字节，导入后也无法使用。"
            "document text too large for a content file", file=display, exit_code=EXIT_USAGE,
            hint=TOO_MUCH_TEXT)
    return import_paragraphs(doc, source=display, year=year, unit=unit, district=district)
