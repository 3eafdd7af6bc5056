"""``docgen import``: last year's hand-written Word report → ``content/<year>.yaml``.

Every office already has its report as a Word file; nobody will retype it as
YAML.  This module is the entry: :func:`import_docx` reads the paragraphs with
:mod:`docgen.docx.reader` and :func:`import_paragraphs` builds the content data of
:class:`docgen.content.model.Report` from them, stage by stage:

* :mod:`docgen.importer.text`: each paragraph tidied, its list label (typed or
  Word's automatic numbering) split off;
* :mod:`docgen.importer.structure`: the title (year and unit), the district, and
  the four sections by their headings 一、二、三、四、 however they are styled;
* :mod:`docgen.importer.sections`: 一 (basis, work areas, indicators), 三
  (intro, areas with their lead-ins and items), 四 (paragraphs, honours);
* :mod:`docgen.importer.funds`: 二, the funds paragraph as Decimal figures and
  the management text;
* :mod:`docgen.importer.notes`: the notes of the import report, so nothing of
  the document is silently lost.

Writing the result as the commented YAML file is :mod:`docgen.importer.content_file`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..content.source import MAX_BYTES
from ..content.text import PLACEHOLDER
from ..docx.reader import DocxText, read_docx
from ..errors import DocgenError, EXIT_USAGE
from .content_file import TOO_MUCH_TEXT
from .funds import fmt, read_funds
from .notes import Imported, ImportNotes
from .sections import read_achievements, read_other, read_overview
from .structure import heading_notes, read_title, split_sections
from .text import Paragraph, tidy_paragraphs

__all__ = ["import_docx", "import_paragraphs"]


def import_paragraphs(doc: DocxText, *, source: str, year: int | None = None, unit: str | None = None,
                      district: str | None = None) -> Imported:
    """Recognise the report in ``doc``'s paragraphs; raise only when it is not a report at all."""
    ps = tidy_paragraphs(doc.paragraphs)
    notes = ImportNotes()
    pre, sections, heading = split_sections(ps, source)
    pre, year, unit_name, district = read_title(pre, ps, notes, source=source, year=year, unit=unit,
                                                district=district)
    heading_notes(heading, sections, year, notes)

    overview = read_overview(sections.get(1, []), notes)
    for p in reversed(pre):  # before 一、 and not the title: keep at the head of the overview
        notes.keep_stray(p, overview, "basis", "overview.basis", "在标题与“一、”之间", prepend=True)
    funds = read_funds(sections.get(2, []), notes, heading.get(2))
    achievements = read_achievements(sections.get(3, []), notes, heading.get(3))
    extra: list[Paragraph] = []
    for n in sorted(k for k in sections if k > 4):
        extra.append(heading[n])
        extra.extend(sections[n])
    other = read_other(sections.get(4, []), extra, notes)
    notes.settle()  # the paragraphs before 一、, kept at the head of overview.basis

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

    data = {
        "year": year,
        "unit": {"name": unit_name, "district": district},
        "overview": overview,
        "funds": funds,
        "achievements": achievements,
        "other": other,
    }
    summary = [
        f"标题：{year}年度{unit_name}整体支出绩效评价报告",
        f"一、{len(overview['areas'])} 个工作方面，{len(overview['output_indicators'])} 个产出指标，"
        f"{len(overview['benefit_indicators'])} 个效益指标",
        "二、决算 {} 万元，基本支出 {} 万元，项目支出 {} 个类别".format(
            fmt(funds["final_total"]) if isinstance(funds["final_total"], Decimal) else PLACEHOLDER,
            fmt(funds["basic"]) if isinstance(funds["basic"], Decimal) else PLACEHOLDER,
            len(funds["projects"])),
        f"三、{len(achievements['areas'])} 个方面",
        f"四、{len(other.get('honours', []))} 项荣誉，{len(other.get('paragraphs', []))} 段其他文字",
    ]
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
