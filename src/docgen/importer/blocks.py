"""The blocks between two headings: paragraphs, lists, lead-ins, tables, funds, indicators, honours.

:mod:`.sections` cuts the body at its headings and hands each stretch of
paragraphs here; :func:`read_blocks` turns it into content items of
:mod:`docgen.content.model`, in order, each paragraph once.  The rules:

* **list**: a run of paragraphs numbered in one form (1、 （1） 1. (1) ①, typed or
  Word's), starting at 1 and counting up (a repeated number, the "1、2、2" slip, is
  renumbered with a note), nothing between them.  A run that does not start at 1
  stays text, numbers as typed, so nothing prints otherwise; so do numbered
  paragraphs with text between them ("1.预算编制情况。本单位……", a paragraph,
  "2.预算执行情况。……": run-in headings), never a one-item list;
* **indicators**: a "1、" list whose every item is "名称：内容" and every name ends
  in 指标 — or, in the 2020 outline, follows a paragraph that speaks of 指标;
* **honours**: a "1、" list under a heading, or after a paragraph, that speaks of
  荣誉 — or the list that closes 其他需要说明事宜 in the 2020 outline;
* **funds**: :func:`docgen.importer.funds.read_funds`, the certain sentence only;
* **lead**: "公共服务方面：……" — at most 16 characters before the first "：", with no
  punctuation, brackets or spaces, not a clause that introduces something (ending
  in 是 为 包括 有 …, or saying 以下 / 如下), and text after it; the text may be numbered
  items ("社会管理方面：1、…2、…");
* **inline list**: "……：1、甲；2、乙。" — a paragraph whose numbers after a "：" run
  exactly 1, 2, 3 …, two or more: ``{list, inline: true, intro}``;
* **table**: a Word table, its first row the header when Word repeats it as the
  header, when it is bold, or when its cells are all words over rows with figures;
  cells as text, exactly; widths from the table's grid;
* everything else is a paragraph, as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .funds import LOOKS_LIKE_FUNDS, read_funds
from .notes import ImportNotes
from .text import FAMILY, LIST_FORMS, Paragraph, same_family, split_inline

_LEAD = re.compile(r"^(?P<lead>[^：:，,。；;、！!？?（）()《》<>\[\]【】\s]{2,16}?)\s*[：:]\s*(?P<rest>\S.*)$", re.S)
_NOT_LEAD_END = ("是", "为", "如下", "包括", "有", "在", "如", "即", "：")
_NOT_LEADS = {"其中", "另外", "此外", "同时", "注", "备注", "说明"}
_INTRO_COLON = re.compile(r"[：:]\s*(?=(?:1\s*[、.．]|[（(]\s*1\s*[）)]|①))")
_INDICATOR = re.compile(r"^(?P<name>[^：:，,。；;]{1,20}?)\s*[：:]\s*(?P<text>\S.*)$", re.S)
_NUMBER_CELL = re.compile(r"^[-+]?\d[\d,.]*%?$")


@dataclass
class Context:
    """Where a stretch of paragraphs sits: its heading, and whether the report has the 2020 outline."""

    heading: str = ""
    shape_2020: bool = False


def lead_of(text: str) -> tuple[str, str] | None:
    """``"公共服务方面：坚决…"`` → ``("公共服务方面", "坚决…")`` by the rule above, else None."""
    m = _LEAD.match(text)
    if not m:
        return None
    lead = m.group("lead")
    if lead.endswith(_NOT_LEAD_END) or lead in _NOT_LEADS or lead[0].isdigit() or "以下" in lead or "如下" in lead:
        return None
    return lead, m.group("rest").strip()


def _runs(ps: list[Paragraph]) -> list[list[Paragraph]]:
    """Consecutive paragraphs grouped: a run of list items of one form, a table, or one paragraph."""
    out: list[list[Paragraph]] = []
    for p in ps:
        last = out[-1] if out else None
        if p.in_table:
            if last and last[-1].in_table and last[-1].src.table == p.src.table:
                last.append(p)
                continue
        elif p.label is not None and p.label.form in LIST_FORMS and last and not last[-1].in_table:
            prev = last[-1].label
            if prev is not None and same_family(prev.form, p.label.form) and p.label.number in (prev.number + 1, prev.number) \
                    and last[0].label.number == 1:
                last.append(p)
                continue
        out.append([p])
    return out


def _table(rows: list[Paragraph], notes: ImportNotes) -> dict:
    cells = [r.cells for r in rows]
    width = max(len(r) for r in cells)
    if any(len(r) != width for r in cells):
        notes.add(rows[0], "表格各行的格数不同（有合并的单元格），已在短的行末补空格，请核对。")
        cells = [r + [""] * (width - len(r)) for r in cells]
    first = rows[0].src
    words = all(c and not _NUMBER_CELL.match(c) for c in cells[0])
    figures = any(_NUMBER_CELL.match(c) for r in cells[1:] for c in r)
    table: dict = {}
    if len(cells) > 1 and all(cells[0]) and (first.header_row or first.all_bold or (words and figures)):
        table["header"] = cells[0]
        cells = cells[1:]
    table["rows"] = cells
    grid = first.widths
    if len(grid) == width and all(grid) and sum(grid) > 0:
        table["widths"] = [min(100, max(1, round(100 * g / sum(grid)))) for g in grid]
    notes.add(rows[0], f"表格（{len(rows)} 行 {width} 列）已保存为 table"
                       f"{'，第一行为表头' if 'header' in table else ''}。", "info")
    return {"table": table}


def _list(run: list[Paragraph], before: object, ctx: Context, notes: ImportNotes) -> dict:
    form = run[0].label.form
    items = [p.body for p in run]
    numbering = LIST_FORMS[form]
    notes.list_numbers(run[0], [p.label.number for p in run], "列表")
    if numbering == "1、":
        pairs = [_INDICATOR.match(t) for t in items]
        intro = before if isinstance(before, str) else ""
        if all(pairs) and (all(m.group("name").endswith("指标") for m in pairs)
                           or ctx.shape_2020 and "指标" in intro):
            notes.add(run[0], f"{len(items)} 项指标（名称：内容）已保存为 indicators。", "info")
            return {"indicators": [{"name": m.group("name"), "text": m.group("text").strip()} for m in pairs]}
        intro_text = intro if isinstance(intro, str) else ""
        if "荣誉" in ctx.heading or "荣誉" in intro_text or (
                ctx.shape_2020 and ctx.heading.startswith("其他需要说明")):
            notes.add(run[0], f"{len(items)} 项荣誉已保存为 honours。", "info")
            return {"honours": items}
    notes.add(run[0], f"{len(items)} 项编号条目（{numbering}）已保存为 list。", "info")
    block: dict = {"list": items}
    if numbering != "1、":
        block["numbering"] = numbering
    return block


def _paragraph(p: Paragraph, notes: ImportNotes) -> object:
    text = p.text
    funds = read_funds(text)
    if funds:
        block, comma = funds
        notes.add(p, "决算金额句已读出为 funds（金额、项目支出各类别），生成时由数字写出这句"
                  + ("；原文“万元其中”之间没有逗号，生成时加上“，”。" if comma else "。"), "info")
        return block
    if LOOKS_LIKE_FUNDS.search(text):
        notes.add(p, "这段写有决算金额，但句式与模板的不同，按原文保存为段落（金额不参与核对）。", "info")
    lead = lead_of(text)
    if lead:
        name, rest = lead
        found = split_inline(rest)
        if found and found[2] == "dun":
            items, numbers, _ = found
            notes.list_numbers(p, numbers, f"“{name}”的条目")
            return {"lead": name, "items": items}
        return {"lead": name, "text": rest}
    m = _INTRO_COLON.search(text)
    if m:
        found = split_inline(text[m.end():])
        if found and len(found[0]) >= 2 and found[1] == list(range(1, len(found[1]) + 1)):
            items, _, form = found
            notes.add(p, f"段内的 {len(items)} 项编号条目已保存为 inline 列表。", "info")
            block = {"list": items, "inline": True, "intro": text[:m.end()].rstrip()}
            if LIST_FORMS[form] != "1、":
                block["numbering"] = LIST_FORMS[form]
            return block
    return text


def _run_in(runs: list[list[Paragraph]]) -> set[int]:
    """Indexes of the runs that are numbered paragraphs with text between them: "1.预算编制情况。本单位……",
    a paragraph, "2.预算执行情况。……" — run-in headings (or a list interrupted by text), kept as
    typed, never a one-item list.  One pass from the end: the next numbered run of each family."""
    following: dict[str, tuple[int, int]] = {}  # family → (index, number) of the next labelled run
    kept: set[int] = set()
    for k in range(len(runs) - 1, -1, -1):
        first = runs[k][0]
        if first.in_table or first.label is None or first.label.form not in LIST_FORMS:
            continue
        family = FAMILY.get(first.label.form, first.label.form)
        nxt = following.get(family)
        last = runs[k][-1].label.number
        if len(runs[k]) == 1 and nxt is not None and nxt[0] > k + 1 and nxt[1] == last + 1:
            kept.add(k)
            if len(runs[nxt[0]]) == 1:
                kept.add(nxt[0])
        following[family] = (k, first.label.number)
    return kept


def read_blocks(ps: list[Paragraph], ctx: Context, notes: ImportNotes) -> list:
    """The content items of one stretch of paragraphs between headings, in order."""
    out: list = []
    runs = _runs(ps)
    run_in = _run_in(runs)
    for k, run in enumerate(runs):
        first = run[0]
        if k in run_in:
            notes.add(first, "编号段落之间隔有正文（如“1.预算编制情况。……”），按原文（含编号）保存为段落。", "info")
            out.append(first.text)
        elif first.in_table:
            out.append(_table(run, notes))
        elif first.label is not None and first.label.form in LIST_FORMS and first.label.number == 1:
            found = split_inline(first.text) if len(run) == 1 and not first.auto else None
            if found and len(found[0]) >= 2 and found[1] == list(range(1, len(found[1]) + 1)):
                block = {"list": found[0], "inline": True}
                if LIST_FORMS[found[2]] != "1、":
                    block["numbering"] = LIST_FORMS[found[2]]
                out.append(block)
            else:
                out.append(_list(run, out[-1] if out else None, ctx, notes))
        elif first.label is not None and first.label.form in LIST_FORMS:
            notes.add(first, f"编号从 {first.label.number} 开始，不是一个从 1 开始的列表，按原文（含编号）保存为段落。")
            out.append(first.text)
        else:
            out.append(_paragraph(first, notes))
    return out
