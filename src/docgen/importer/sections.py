"""The body's outline: which paragraphs are headings, at which level, and the sections they open.

A heading is recognised however it was written, and stored without its number
(the template numbers it, GB/T 9704: 一、 / （一） / 1. / （1））:

* a paragraph in a Heading 1–4 style (or with outline level 1–4): that level,
  its number (typed or Word's) dropped;
* a paragraph numbered 一、 or （一） / (一), typed or by Word: level 1 or 2, when it
  reads as a heading — at most 40 characters, no 。；！？ in it, not ending in
  ， 、 or ：;
* numbered 1. / 1． (level 3) or （1） / (1) (level 4), when it reads as a heading and
  is not one of a run of such paragraphs with nothing between them (that is a
  list, :mod:`.blocks`);
* numbered 1、 and bold, reading as a heading and alone: level 3 (offices often type
  "1、" for the third level).

A section's ``level`` is written only when it is not one below its parent's (一、
straight to 1.: ``level: 3``).  A level-3 heading typed bold keeps ``bold: true``
(仿宋 bold, GB/T 9704 allows it where the author asks).  The 2020 outline (its four
headings, in order) is recognised here, for :mod:`.blocks`.
"""

from __future__ import annotations

import re

from ..content.legacy import HEADINGS as HEADINGS_2020
from ..content.model import MAX_LEVEL
from ..errors import DocgenError, EXIT_CONTENT
from .blocks import Context, read_blocks
from .notes import ImportNotes
from .text import HEADING_FORMS, Paragraph, same_family

_HEADING_MAX = 40
_NOT_IN_HEADING = re.compile(r"[。；;！!？?]")
_NOT_HEADING_END = ("，", ",", "、", "：", ":")


def _reads_as_heading(text: str) -> bool:
    return 0 < len(text) <= _HEADING_MAX and not _NOT_IN_HEADING.search(text) and not text.endswith(_NOT_HEADING_END)


def heading_level(ps: list[Paragraph], k: int) -> int | None:
    """The heading level of ``ps[k]`` by the rules above, or None for a paragraph."""
    p = ps[k]
    if p.in_table:
        return None
    if p.style_level is not None:
        return p.style_level if p.style_level <= MAX_LEVEL and p.body else None
    label = p.label
    if label is None or not _reads_as_heading(p.body):
        return None
    if label.form in ("h1", "h2"):
        return HEADING_FORMS[label.form]
    prev = ps[k - 1].label if k > 0 and not ps[k - 1].in_table else None
    nxt = ps[k + 1].label if k + 1 < len(ps) and not ps[k + 1].in_table else None
    in_run = (prev is not None and same_family(prev.form, label.form) and label.number == prev.number + 1) or \
             (nxt is not None and same_family(nxt.form, label.form) and nxt.number == label.number + 1)
    if in_run:
        return None
    if label.form in ("dot", "paren", "half"):
        return HEADING_FORMS[label.form]
    if label.form == "dun" and p.src.bold:
        return 3
    return None


def _is_2020(headings: list[tuple[int, str]], year: int) -> bool:
    tops = [re.sub(r"\s+", "", text) for level, text in headings if level == 1]
    return tops == [h.format(year=year) for h in HEADINGS_2020]


def read_outline(body: list[Paragraph], year: int, notes: ImportNotes, source: str) -> list:
    """The content items of the body: sections (nested) and blocks, in document order."""
    levels = [heading_level(body, k) for k in range(len(body))]
    if not any(levels):
        raise DocgenError.single(
            "在文件中找不到任何标题（“一、”“（一）”“1.”或 Word 的标题样式），看起来不是绩效评价报告。"
            "no headings found", file=source, exit_code=EXIT_CONTENT,
            hint="标题应单独成段，以“一、”“（一）”“1.”“（1）”开头，或用 Word 的“标题 1”—“标题 4”样式。")
    headings = [(lv, body[k].body) for k, lv in enumerate(levels) if lv]
    ctx_2020 = _is_2020(headings, year)
    if ctx_2020:
        notes.add(None, "识别为 2020 年报告的四部分结构（整体支出概况、资金使用及管理情况、绩效目标完成情况、"
                        "其他需要说明事宜）。", "info")

    root: list = []
    stack: list[tuple[int, dict]] = []  # open sections: (level, section)
    pending: list[Paragraph] = []

    def flush() -> None:
        if not pending:
            return
        target = stack[-1][1]["content"] if stack else root
        heading = stack[-1][1]["heading"] if stack else ""
        target.extend(read_blocks(pending, Context(heading, ctx_2020), notes))
        pending.clear()

    counts = [0] * (MAX_LEVEL + 1)
    for p, level in zip(body, levels):
        if not level:
            pending.append(p)
            continue
        flush()
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent_level = stack[-1][0] if stack else 0
        section: dict = {"heading": p.body}
        if level != parent_level + 1:
            section["level"] = level
            notes.add(p, f"第 {level} 级标题直接在第 {parent_level} 级之下，已写明 level: {level}。", "info")
        if level == 3 and p.src.bold:
            section["bold"] = True
        section["content"] = []
        (stack[-1][1]["content"] if stack else root).append(section)
        stack.append((level, section))
        counts[level] += 1
    flush()
    _drop_empty(root)
    notes.add(None, "标题：" + "，".join(f"第 {lv} 级 {n} 个" for lv, n in enumerate(counts) if n) + "（编号由模板生成）。",
              "info")
    return root


def _drop_empty(items: list) -> None:
    """A section with nothing under it is written without ``content``."""
    for item in items:
        if isinstance(item, dict) and "heading" in item:
            _drop_empty(item["content"])
            if not item["content"]:
                del item["content"]
