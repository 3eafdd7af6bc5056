"""Word files for the import tests, built as people type them: python-docx documents of the
reference text (typed list numbers or Word's automatic numbering, runs split mid-word,
bookmarks, stray spaces) and small untidy reports.

Imported by the tests of this folder as ``word_files`` (pytest puts the folder on the path).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from helpers import find_reference

# ------------------------------------------------------------------ building Word files


def reference_lines() -> list[str]:
    """The reference text's paragraphs as typed, "[bookmark: _GoBack]" marker kept for the builder."""
    lines = find_reference().read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line.strip()]


_CHUNKS = (1, 4, 2, 7, 3, 5)


def split_runs(paragraph, text: str, *, bold: bool = False) -> None:
    """Add ``text`` as runs cut at arbitrary points (mid-word, mid-number), as Word's rsids do."""
    pos, k = 0, 0
    while pos < len(text):
        size = _CHUNKS[k % len(_CHUNKS)]
        run = paragraph.add_run(text[pos:pos + size])
        if bold:
            run.bold = True
        if k % 2:  # a different but invisible property, the usual reason Word splits runs
            run._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:eastAsia="zh-CN"/>'))
        pos += size
        k += 1


def _bookmark(paragraph, name: str = "_GoBack") -> None:
    p = paragraph._p
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="{name}"/>')
    end = parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="0"/>')
    first_run = p.find(qn("w:r"))
    first_run.addprevious(start)
    first_run.addprevious(end)


def _set_num(paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def _add_numbering(document, abstract_id: int, fmt: str, text: str, nums: list[int],
                   restart_each: bool = True) -> None:
    """An abstract list (one level) and ``nums`` instances of it, each restarting at 1."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    for num_id in nums:
        override = ('<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
                    if restart_each else "")
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                                   f'<w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))


_TYPED_NUMBER = re.compile(r"^\s*\d+\s*、\s*")
_HEADING = re.compile(r"^[一二三四]、")


def build_reference_docx(path: Path, *, automatic: bool = False, edit=None) -> Path:
    """A plainly formatted Word file of the reference text.

    Normal style throughout; the reference's typed numbers ("1、", "1 、", " 11 、",
    the 1、2、2 slip) or, with ``automatic``, Word's numbering (numbering.xml +
    w:numPr) for the list paragraphs and bold auto-numbered "一、" headings;
    runs split mid-word; the _GoBack bookmark; a few stray spaces and empty
    paragraphs.  ``edit(lines)`` may change the text lines first.
    """
    lines = reference_lines()
    if edit:
        lines = edit(lines)
    document = docx.Document()
    if automatic:
        _add_numbering(document, 90, "decimal", "%1、", [91, 92, 93, 94])
        _add_numbering(document, 80, "chineseCounting", "%1、", [81], restart_each=False)
    list_num = 90
    in_list = False
    for k, line in enumerate(lines):
        bookmark = "[bookmark: _GoBack]" in line
        text = line.replace("[bookmark: _GoBack]", "")
        if k == 0:
            text = text + "  "  # stray trailing spaces on the title
        if text.startswith("参照区"):
            text = "\u3000\u3000" + text  # an indent typed with full-width spaces
        if text.startswith("整体支出本年度"):
            text = text.replace("5005.93万元", "5005.93 万元")
        is_item = bool(_TYPED_NUMBER.match(text))
        paragraph = document.add_paragraph(style="Normal")
        if automatic and _HEADING.match(text):
            split_runs(paragraph, text[2:], bold=True)
            _set_num(paragraph, 81)
            in_list = False
        elif automatic and is_item:
            if not in_list:
                list_num += 1
                in_list = True
            split_runs(paragraph, _TYPED_NUMBER.sub("", text))
            _set_num(paragraph, list_num)
        else:
            in_list = False
            split_runs(paragraph, text)
        if bookmark:
            _bookmark(paragraph)
        if _HEADING.match(text) or k == 0:
            document.add_paragraph("")  # empty paragraphs, as people leave them
            document.add_paragraph("   ")
    document.save(str(path))
    return path


# ------------------------------------------------------------------ untidy Word files


def doc_with(paragraphs: list, path: Path) -> Path:
    """A small report: each entry is text, or (text, style), or (text, style, bold)."""
    document = docx.Document()
    for entry in paragraphs:
        text, style, bold = (entry, "Normal", False) if isinstance(entry, str) else (tuple(entry) + (False,))[:3]
        paragraph = document.add_paragraph(style=style)
        split_runs(paragraph, text, bold=bold)
    document.save(str(path))
    return path


SMALL = [
    "2021年度测试街道整体支出绩效评价报告",
    ("整体支出概况", "Heading 1"),                      # a heading style, no 一、
    "依据区里的办法，编制绩效目标表，涵盖以下方面：",
    "（1）社会服务方面的工作。",
    "(2) 城市管理方面的工作。",
    "编制整体支出绩效目标表，预期实现2大部门产出指标。",
    "1.质量指标: 保障日常支出。",                           # half-width colon, "1."
    "2．时效指标：年底完成。",                               # full-width dot
    "同时实现1大部门效益指标。",
    "1、社会效益指标：抓好建设；",
    ("二、整体支出资金使用及管理情况", "Normal", True),     # bold Normal paragraph
    "整体支出本年度决算金额为1,000.50万元，基本支出６００万元，项目支出400.50万元，其中甲支出400.5万元。按规定管理。",
    "三、2021年绩效目标完成情况",                          # plain text
    "针对实际特点，开展了以下工作：",
    "公共服务方面:做了好事。",                             # half-width colon
    "社会管理方面 ：",                                     # lead alone, items follow
    "1 、第一件事。",
    "2、第二件事。",
    "四、其他需要说明事宜",
    "1、先进集体",
]
