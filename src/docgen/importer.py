"""``docgen import``: last year's hand-written Word report → ``content/<year>.yaml``.

Every office already has its report as a Word file; nobody will retype it as
YAML.  This module recognises the report's structure in the paragraphs that
:mod:`docgen.docx_text` reads, and builds the content data of
:class:`docgen.model.Report`:

* the title (year and unit), the four sections by their headings 一、二、三、四、
  however they are styled (heading style, bold Normal text, or plain text);
* 一: the basis paragraph, the work areas, the 产出/效益 intros and indicator
  lists ("名称：内容");
* 二: the funds paragraph parsed into figures (决算 total, 基本支出, 项目支出 and
  each category, as Decimal from the text as written) and the management text;
* 三: the intro and the areas with their lead-ins (…方面：), each area's body as
  numbered items ("1、…2、…" in one paragraph, or list paragraphs) or free text;
* 四: free paragraphs and the honours list.

List numbers are dropped (the template generates them): typed "1、", "1 、",
"（1）", "1." and Word's automatic numbering alike.  Whatever cannot be placed is
kept as free text in the nearest field of its section and listed in the import
report with its paragraph number, so nothing of the document is silently lost.

The output is written by :func:`to_yaml`: PyYAML's *safe* dumper (the same
resolver that :mod:`docgen.load` reads with, so a string is quoted exactly when
it would otherwise be misread), block style, Chinese unescaped, amounts as plain
numbers with the precision they had, and comments naming the sections.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .docx_text import DocxText, Para, read_docx
from .errors import DocgenError, EXIT_CONTENT, EXIT_USAGE
from .model import PLACEHOLDER

# ------------------------------------------------------------------ report of the import


@dataclass
class Note:
    """One line of the import report: what happened to paragraph ``para``."""

    para: int | None          # 1-based number among the document's non-empty paragraphs
    excerpt: str
    message: str
    level: str = "warning"    # "warning": please look at it; "info": done, for the record

    def format(self) -> str:
        where = f"第 {self.para} 段" if self.para else "全文"
        quote = f"“{self.excerpt}”" if self.excerpt else ""
        return f"{where}{quote}：{self.message}"


@dataclass
class Imported:
    """The content data recognised in a document, and the report of how."""

    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def year(self) -> int:
        return self.data["year"]

    @property
    def warnings(self) -> list[Note]:
        return [n for n in self.notes if n.level == "warning"]


def _excerpt(text: str, n: int = 18) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


# ------------------------------------------------------------------ text tidying

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def tidy(text: str) -> str:
    """Trim each line (the "　　" typed as an indent), collapse runs of spaces and
    tabs to one space, drop zero-width characters and empty lines.

    Spaces inside the wording ("1150 条") are kept as written: wording is the
    author's, and ``docgen check`` points at stray spaces so the author decides.
    Spaces around the structure (the "1 、" of a list, the "方面 ：" of a lead)
    go with the structure when it is taken apart.
    """
    lines = (_SPACES.sub(" ", line).strip()
             for line in _ZERO_WIDTH.sub("", text).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


# ------------------------------------------------------------------ list labels

_CN_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def cn_value(text: str) -> int | None:
    """一 → 1 … 十九 → 19 … 九十九 → 99 (enough for headings and sub-headings)."""
    if not text or any(c not in _CN_NUMERALS for c in text):
        return None
    if len(text) == 1:
        return _CN_NUMERALS[text]
    if len(text) == 2 and text[0] == "十":
        return 10 + _CN_NUMERALS[text[1]]
    if len(text) == 2 and text[1] == "十":
        return _CN_NUMERALS[text[0]] * 10
    if len(text) == 3 and text[1] == "十":
        return _CN_NUMERALS[text[0]] * 10 + _CN_NUMERALS[text[2]]
    return None


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# A list label at the start of a paragraph: 1、 1 、 1. 1． （1） (1) 1） ①
_LABEL = re.compile(
    r"^(?:(?P<dun>\d{1,3})\s*、"
    r"|(?P<dot>\d{1,3})\s*[.．](?![\d.．])"
    r"|[（(]\s*(?P<paren>\d{1,3})\s*[）)]"
    r"|(?P<half>\d{1,3})\s*[）)]"
    r"|(?P<circ>[" + _CIRCLED + r"]))\s*")


def split_label(text: str) -> tuple[int | None, str, str]:
    """``"1 、湖南省…"`` → ``(1, "湖南省…", "dun")``; no label → ``(None, text, "")``."""
    m = _LABEL.match(text)
    if not m:
        return None, text, ""
    kind = m.lastgroup or ""
    value = m.group(kind)
    number = _CIRCLED.index(value) + 1 if kind == "circ" else int(value)
    return number, text[m.end():], kind


_INLINE = {
    "dun": re.compile(r"(\d{1,3})\s*、"),
    "dot": re.compile(r"(\d{1,3})\s*[.．](?![\d.．])"),
    "paren": re.compile(r"[（(]\s*(\d{1,3})\s*[）)]"),
    "half": re.compile(r"(?<![（(\d])(\d{1,3})\s*[）)]"),
    "circ": re.compile("([" + _CIRCLED + "])"),
}
_SENTENCE_END = set("。；;！!？?：:”’）)…")


def split_inline(text: str) -> tuple[list[str], list[int]] | None:
    """Numbered items typed in one paragraph: ``"1、甲。2、乙。"`` → ``(["甲。", "乙。"], [1, 2])``.

    The text must start with label 1.  A later label counts only where a
    sentence ends before it and its number is the next one (or repeats the last,
    the "1、2、2" slip), so "1-11月", "5.12" or "前2。" inside an item stay text.
    Returns None when the text is not a numbered list.
    """
    first, _, kind = split_label(text)
    if first != 1:
        return None
    pattern = _INLINE[kind]
    m0 = _LABEL.match(text)
    starts = [(0, m0.end(), 1)]
    pos = m0.end()
    last = 1
    for m in pattern.finditer(text, pos):
        if m.start() <= starts[-1][1]:
            continue
        prev = text[m.start() - 1]
        if prev not in _SENTENCE_END and not prev.isspace():
            continue
        value = m.group(1)
        n = _CIRCLED.index(value) + 1 if kind == "circ" else int(value)
        if n not in (last + 1, last):
            continue
        end = m.end()
        while end < len(text) and text[end].isspace():
            end += 1
        starts.append((m.start(), end, n))
        last = n
    items = []
    numbers = []
    for i, (_, body_start, n) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        item = text[body_start:stop].strip()
        if not item:
            return None
        items.append(item)
        numbers.append(n)
    return items, numbers


def _sequence_note(numbers: list[int]) -> str | None:
    if numbers != list(range(1, len(numbers) + 1)):
        shown = "、".join(str(n) for n in numbers[:12]) + ("…" if len(numbers) > 12 else "")
        return f"原文编号 {shown} 不连续；编号由模板生成，将为 1—{len(numbers)}。"
    return None


# ------------------------------------------------------------------ paragraphs


@dataclass
class _P:
    """A non-empty paragraph, tidied, with its list label (typed or automatic) split off."""

    no: int                  # 1-based among non-empty paragraphs
    text: str                # tidied, with the label as shown
    body: str                # without the list label
    item: int | None         # list number, if it is a list item
    styled: bool             # heading style, outline level or all bold
    src: Para

    @property
    def excerpt(self) -> str:
        return _excerpt(self.text)


def _prepare(paras: list[Para]) -> list[_P]:
    out: list[_P] = []
    for para in paras:
        auto = tidy(para.label or "")
        text = tidy(para.text)
        full = tidy(auto + text) if auto else text
        if not full:
            continue
        item, body = None, text
        if auto:
            item, _, _ = split_label(auto + " ")
            if item is None:
                item = -1  # a bullet or an unusual label: still a list item
        else:
            item, body, _ = split_label(text)
        styled = (para.outline_level is not None or para.bold
                  or bool(re.match(r"(?i)^(heading|标题)\s*\d", para.style)))
        out.append(_P(len(out) + 1, full, body.strip(), item, styled, para))
    return out


# ------------------------------------------------------------------ structure

SECTION_TITLES = {
    1: "一、整体支出概况",
    2: "二、整体支出资金使用及管理情况",
    3: "三、{year}年绩效目标完成情况",
    4: "四、其他需要说明事宜",
}
_SECTION_WORDS = {1: ("概况",), 2: ("资金",), 3: ("完成情况", "绩效目标"), 4: ("其他", "说明")}
_HEADING = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．，,]\s*(\S.*)$", re.S)
_REPORT_WORDS = r"(?:部门)?整体支出(?:绩效)?(?:评价|自评|评估)(?:报告)?$"
_TITLES = (
    re.compile(r"(?P<year>(?:19|20|21)\d{2})年度?(?P<unit>(?!度|部门整体).{2,}?)" + _REPORT_WORDS),
    re.compile(r"^(?P<unit>.{2,}?)(?P<year>(?:19|20|21)\d{2})年度?" + _REPORT_WORDS),  # unit first
)


def _section_of(p: _P, expected: int) -> int | None:
    """The section number this paragraph heads, or None."""
    if p.src.in_table:
        return None
    m = _HEADING.match(p.text)
    if m:
        n = cn_value(m.group(1))
        rest = m.group(2)
        if n is None or n < expected:
            return None
        if n == expected and (p.styled or (len(rest) <= 30 and not rest.endswith(("。", "；", ";")))):
            return n
        if n > expected and len(rest) <= 30 and (p.styled or any(w in rest for w in _SECTION_WORDS.get(n, ()))):
            return n  # a section whose heading is missing before it
        return None
    if p.styled and len(p.text) <= 30 and p.item is None:  # a heading without its 一、
        for n in range(expected, 5):
            if any(w in p.text for w in _SECTION_WORDS[n]):
                return n
    return None


class _Builder:
    """Collects notes and places stray paragraphs next to the nearest field."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def note(self, p: _P | None, message: str, level: str = "warning") -> None:
        self.notes.append(Note(p.no if p else None, p.excerpt if p else "", message, level))

    def stray(self, p: _P, target: dict | list, key: Any, path: str, why: str = "",
              prepend: bool = False) -> None:
        """Keep ``p`` as free text appended (or prepended) to ``target[key]`` and say so."""
        old = target[key]
        target[key] = f"{p.text}\n{old}" if prepend and old else (f"{old}\n{p.text}" if old else p.text)
        why = why or "未能识别它在报告结构中的位置"
        self.note(p, f"{why}，已作为文字保存在 {path}（换行接在原有文字{'之前' if prepend else '之后'}），请核对。")


def _indicator(text: str) -> tuple[str, str] | None:
    m = re.match(r"^([^：:。；;，,]{1,20}?)\s*[：:]\s*(.+)$", text, re.S)
    if not m:
        return None
    return m.group(1).strip(), m.group(2).strip()


def _list_numbers_note(b: _Builder, first: _P | None, numbers: list[int], what: str) -> None:
    numbers = [n for n in numbers if n and n > 0]
    msg = _sequence_note(numbers) if numbers else None
    if msg and first is not None:
        b.note(first, f"{what}：{msg}", "info")


def _overview(ps: list[_P], b: _Builder) -> dict:
    ov: dict[str, Any] = {"basis": "", "areas": [], "output_intro": "", "output_indicators": [],
                          "benefit_intro": "", "benefit_indicators": []}
    plain = [k for k, p in enumerate(ps) if p.item is None]
    # the 产出/效益 intros come after the basis paragraph (which may itself mention 产出)
    out_i = next((k for k in plain[1:] if "产出" in ps[k].text), None)
    ben_i = next((k for k in plain[1:] if "效益" in ps[k].text and (out_i is None or k > out_i)), None)
    group_starts = [k for k in plain if k + 1 < len(ps) and ps[k + 1].item is not None]
    if out_i is None and len(group_starts) >= 2:
        out_i = group_starts[1]
    if ben_i is None and len(group_starts) >= 3 and (out_i is None or group_starts[2] > out_i):
        ben_i = group_starts[2]
    a_end = out_i if out_i is not None else (ben_i if ben_i is not None else len(ps))
    part_a = ps[:a_end]
    part_b = ps[out_i:(ben_i if ben_i is not None else len(ps))] if out_i is not None else []
    part_c = ps[ben_i:] if ben_i is not None else []

    # basis and the work areas
    numbers = []
    last: tuple[Any, Any, str] | None = None
    for p in part_a:
        if p.item is not None:
            ov["areas"].append(p.body)
            numbers.append(p.item)
            last = (ov["areas"], len(ov["areas"]) - 1, f"overview.areas[{len(ov['areas'])}]")
        elif not ov["basis"] and not ov["areas"]:
            ov["basis"] = p.text
            last = (ov, "basis", "overview.basis")
        else:
            b.stray(p, *last)
    if not ov["areas"] and ov["basis"]:
        head, items = _split_after_colon(ov["basis"])
        if items:
            ov["basis"], ov["areas"] = head, items[0]
            _list_numbers_note(b, part_a[0], items[1], "工作方面")
    else:
        _list_numbers_note(b, next((p for p in part_a if p.item is not None), None), numbers, "工作方面")

    for part, intro_key, list_key, what in ((part_b, "output_intro", "output_indicators", "产出指标"),
                                            (part_c, "benefit_intro", "benefit_indicators", "效益指标")):
        _indicators(part, ov, intro_key, list_key, what, b)

    first = ps[0] if ps else None
    for key, what in (("basis", "一、整体支出概况的依据段落"), ("output_intro", "产出指标的引导句"),
                      ("benefit_intro", "效益指标的引导句")):
        if not ov[key]:
            ov[key] = PLACEHOLDER
            b.note(first, f"没有找到{what}，已写“{PLACEHOLDER}”（overview.{key}），请补写。")
    if not ov["areas"]:
        ov["areas"] = [PLACEHOLDER]
        b.note(first, f"没有找到编号的工作方面列表，已写“{PLACEHOLDER}”（overview.areas），请补写。")
    for key, what in (("output_indicators", "产出指标"), ("benefit_indicators", "效益指标")):
        if not ov[key]:
            ov[key] = [{"name": PLACEHOLDER, "text": PLACEHOLDER}]
            b.note(first, f"没有找到{what}列表，已写“{PLACEHOLDER}”（overview.{key}），请补写。")
    return ov


def _split_after_colon(text: str) -> tuple[str, tuple[list[str], list[int]] | None]:
    """``"…内容：1、甲。2、乙。"`` → (``"…内容："``, items) when a numbered list follows a colon."""
    for m in re.finditer(r"[：:]", text):
        found = split_inline(text[m.end():].lstrip())
        if found and len(found[0]) >= 2:
            return text[:m.end()], found
    return text, None


def _indicators(part: list[_P], ov: dict, intro_key: str, list_key: str, what: str, b: _Builder) -> None:
    if not part:
        return
    intro, rest = part[0], part[1:]
    ov[intro_key] = intro.text
    last: tuple[Any, Any, str] = (ov, intro_key, f"overview.{intro_key}")
    numbers = []
    items = ov[list_key]
    for p in rest:
        pair = _indicator(p.body)
        if p.item is not None or (pair and len(pair[0]) <= 15):
            if p.item is not None:
                numbers.append(p.item)
            if pair is None:
                pair = (PLACEHOLDER, p.body)
                b.note(p, f"{what}没有“名称：内容”的写法，名称暂写“{PLACEHOLDER}”"
                          f"（overview.{list_key}[{len(items) + 1}].name），请补写。")
            items.append({"name": pair[0], "text": pair[1]})
            last = (items[-1], "text", f"overview.{list_key}[{len(items)}].text")
        else:
            b.stray(p, *last)
    if not items:  # "…指标：1、质量指标：…2、…" typed in the intro itself
        head, found = _split_after_colon(ov[intro_key])
        if found:
            pairs = [_indicator(t) for t in found[0]]
            if all(pairs):
                ov[intro_key] = head
                items.extend({"name": n, "text": t} for n, t in pairs)
                _list_numbers_note(b, intro, found[1], what)
                return
    _list_numbers_note(b, next((p for p in rest if p.item is not None), None), numbers, what)


# -- 二、funds

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_CATEGORY = re.compile(r"\s*(?P<name>[^，,、；;。：:\n]{1,40}?)\s*" + _NUM + r"\s*万元\s*(?P<sep>[，,、；;。]|$)")


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _fmt(d: Decimal) -> str:
    return f"{d:f}"


def _funds(ps: list[_P], b: _Builder, heading: _P | None) -> dict:
    funds: dict[str, Any] = {}
    k = next((i for i, p in enumerate(ps) if "万元" in p.text and ("决算" in p.text or "基本支出" in p.text)), None)
    management: list[str] = []
    before = ps[:k] if k is not None else []
    if k is None:
        for key in ("final_total", "basic"):
            funds[key] = PLACEHOLDER
        funds["projects"] = [{"name": PLACEHOLDER, "amount": PLACEHOLDER}]
        b.note(ps[0] if ps else heading, "没有找到写有决算金额的资金段落（“决算…万元，基本支出…万元，项目支出…万元”），"
                                         f"金额已写“{PLACEHOLDER}”（funds），请按决算报表填写。")
        management = [p.text for p in ps]
        for p in ps:
            b.note(p, "已作为资金管理情况文字保存在 funds.management，请核对。", "info")
    else:
        p = ps[k]
        text = p.text
        parse = text.translate(_WIDE_DIGITS)  # same length: positions map 1:1
        found = {}
        for key, pattern in (("final_total", r"决算[^0-9，。；;：:]{0,12}?[：:]?\s*" + _NUM + r"\s*万元"),
                             ("basic", r"基本支出[^0-9，。；;]{0,6}?[：:]?\s*" + _NUM + r"\s*万元"),
                             ("project_total", r"项目支出[^0-9，。；;]{0,6}?[：:]?\s*" + _NUM + r"\s*万元")):
            m = re.search(pattern, parse)
            if m:
                found[key] = m
        end = max((m.end() for m in found.values()), default=0)
        projects = []
        if "project_total" in found:
            pos = found["project_total"].end()
            m = re.compile(r"\s*[，,]?\s*其中\s*[：:，,]?").match(parse, pos)
            if m:
                pos = m.end()
            while True:
                m = _CATEGORY.match(parse, pos)
                if not m or any(w in m.group("name") for w in ("决算", "基本支出")):
                    break
                projects.append({"name": text[m.start("name"):m.end("name")].strip(),
                                 "amount": _amount(m.group(2))})
                pos = m.end()
                end = pos
                if m.group("sep") in ("。", ""):
                    break
        for key, label in (("final_total", "决算总额"), ("basic", "基本支出")):
            if key in found:
                funds[key] = _amount(found[key].group(1))
            else:
                funds[key] = PLACEHOLDER
                b.note(p, f"资金段落中找不到{label}，已写“{PLACEHOLDER}”（funds.{key}），请按决算报表填写。")
        if "project_total" in found:
            funds["project_total"] = _amount(found["project_total"].group(1))
        if projects:
            funds["projects"] = projects
        else:
            funds["projects"] = [{"name": PLACEHOLDER, "amount": PLACEHOLDER}]
            b.note(p, "资金段落中找不到项目支出的各类别及金额（“其中××支出…万元，…”），"
                      f"已写“{PLACEHOLDER}”（funds.projects），请按决算报表填写。")
        figures, rest = text[:end].strip(), text[end:].strip()
        if rest:
            management.append(rest)
        if found and projects and all(isinstance(funds[k_], Decimal) for k_ in ("final_total", "basic")):
            pt = funds.get("project_total", sum((c["amount"] for c in projects), Decimal(0)))
            expected = (f"整体支出本年度决算金额为{_fmt(funds['final_total'])}万元，基本支出{_fmt(funds['basic'])}万元，"
                        f"项目支出{_fmt(pt)}万元，其中"
                        + "，".join(f"{c['name']}{_fmt(c['amount'])}万元" for c in projects) + "。")
            said = re.sub(r"\s+", "", figures).replace("万元其中", "万元，其中")
            said = said if said.endswith("。") else said + "。"
            if said != expected:
                b.note(p, "资金数字已读出，但原文这句的写法与模板不同，生成的报告将按模板的句式写出："
                          f"“{expected}”。原文是：“{figures}”。如需保留原写法，请修改模板。")
        for q in before:
            b.note(q, "出现在资金数字之前，已作为文字保存在 funds.management（放在开头），请核对。")
        management = [q.text for q in before] + management
        for q in ps[k + 1:]:
            management.append(q.text)
            b.note(q, "已作为资金管理情况保存在 funds.management（换行接在前文之后）；生成时与资金数字同在一段，请核对。",
                   "info")
    funds["management"] = "\n".join(management) if management else PLACEHOLDER
    if not management:
        b.note(ps[k] if k is not None else heading,
               f"没有找到资金管理情况的文字，已写“{PLACEHOLDER}”（funds.management），请补写。")
    order = ["final_total", "basic", "project_total", "projects", "management"]
    return {key: funds[key] for key in order if key in funds}


# -- 三、achievements

_LEAD = re.compile(
    r"^(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}是)?\s*"
    r"(?P<lead>[^：:。；;，,！!？?\n]{1,24}?方面)\s*(?:[：:]\s*(?P<body>.*))?$", re.S)
_SUBHEAD = re.compile(r"^[（(](?P<n>[一二三四五六七八九十]{1,3})[）)]\s*(?P<lead>[^：:。；;\n]{1,24}?)\s*"
                      r"(?:[：:]\s*(?P<body>.*))?$", re.S)


def _lead(p: _P) -> tuple[str, str, bool] | None:
    """(lead, body, had a （一） label) if ``p`` opens an achievement area."""
    for text in (p.body, p.text) if p.item is not None else (p.text,):
        m = _LEAD.match(text)
        if m and (m.group("body") is not None or len(text) <= 30):
            return m.group("lead").strip(), (m.group("body") or "").strip(), text[:1] in "（("
        m = _SUBHEAD.match(text)
        if m and (m.group("body") is not None or len(text) <= 30):
            return m.group("lead").strip(), (m.group("body") or "").strip(), True
    return None


def _achievements(ps: list[_P], b: _Builder, heading: _P | None) -> dict:
    ach: dict[str, Any] = {"intro": "", "areas": []}
    cur: dict[str, Any] | None = None
    cur_p: _P | None = None
    numbers: list[int] = []

    def finish() -> None:
        if cur is None:
            return
        n = len(ach["areas"])
        if "items" in cur:
            _list_numbers_note(b, cur_p, numbers, f"“{cur['lead']}”的条目")
        elif not cur.get("text"):
            cur["text"] = PLACEHOLDER
            b.note(cur_p, f"这个方面后面没有内容，已写“{PLACEHOLDER}”（achievements.areas[{n}].text），请补写。")

    for p in ps:
        expecting_items = cur is not None and "text" not in cur
        lead = None if (p.item is not None and expecting_items) else _lead(p)
        if lead:
            finish()
            name, body, numbered = lead
            cur, cur_p = {"lead": name}, p
            numbers = []
            ach["areas"].append(cur)
            if numbered:
                b.note(p, "方面前的“（一）”类编号不保留（模板不编号这一层）。", "info")
            if body:
                found = split_inline(body)
                if found:
                    cur["items"], numbers = found[0], list(found[1])
                else:
                    cur["text"] = body
            continue
        n = len(ach["areas"])
        if cur is None:
            if not ach["intro"]:
                ach["intro"] = p.text
            else:
                b.stray(p, ach, "intro", "achievements.intro")
            continue
        if p.item is not None and "text" not in cur:
            cur.setdefault("items", []).append(p.body)
            numbers.append(p.item)
        elif "items" not in cur and not cur.get("text"):
            cur["text"] = p.text
            b.note(p, f"作为“{cur['lead']}”的正文（achievements.areas[{n}].text）；生成时与方面标题同在一段。", "info")
        elif "items" in cur:
            b.stray(p, cur["items"], len(cur["items"]) - 1,
                    f"achievements.areas[{n}].items[{len(cur['items'])}]", "不是编号条目")
        else:
            b.stray(p, cur, "text", f"achievements.areas[{n}].text", "不是新的“…方面：”")
    finish()
    if not ach["intro"]:
        ach["intro"] = PLACEHOLDER
        b.note(ps[0] if ps else heading, f"没有找到三、的引导段落，已写“{PLACEHOLDER}”（achievements.intro），请补写。")
    if not ach["areas"]:
        ach["areas"] = [{"lead": PLACEHOLDER, "text": PLACEHOLDER}]
        b.note(ps[0] if ps else heading, "没有找到“…方面：”开头的段落，已写占位的方面（achievements.areas），"
                                         "请补写；原文各段见上面的说明。")
    return ach


# -- 四、other


def _other(ps: list[_P], extra: list[_P], b: _Builder) -> dict:
    other: dict[str, Any] = {"paragraphs": [], "honours": []}
    numbers = []
    first_honour = None
    for p in ps:
        if p.item is not None and not p.src.in_table:
            other["honours"].append(p.body)
            numbers.append(p.item)
            first_honour = first_honour or p
        else:
            other["paragraphs"].append(p.text)
            if p.src.in_table:
                b.note(p, f"表格的一行，已作为文字保存在 other.paragraphs[{len(other['paragraphs'])}]，请核对。")
            elif other["honours"]:
                b.note(p, f"在荣誉列表之后，已保存在 other.paragraphs[{len(other['paragraphs'])}]；"
                          "生成时排在荣誉列表之前，请核对。")
    for p in extra:
        other["paragraphs"].append(p.text)
        b.note(p, f"模板只有一至四部分，这段已作为文字保存在 other.paragraphs[{len(other['paragraphs'])}]，请核对。")
    _list_numbers_note(b, first_honour, numbers, "荣誉")
    return {k: v for k, v in other.items() if v}


# ------------------------------------------------------------------ the whole document


def _find_title(pre: list[_P]) -> tuple[int, re.Match] | None:
    """The title may be one paragraph, or broken over two or three with Enter."""
    for i in range(len(pre)):
        for j in range(i + 1, min(i + 4, len(pre) + 1)):
            joined = re.sub(r"\s+", "", "".join(p.text for p in pre[i:j]))
            for pattern in _TITLES:
                m = pattern.search(joined)
                if m:
                    return (i, j), m
    return None


_NOT_DISTRICT = {"社区", "小区", "辖区", "全区", "城区", "街区", "我区", "园区", "景区", "该区", "本区", "各区",
                 "市区", "片区", "县区", "老区", "新区", "全县", "本县", "各县", "参照区"}


def _district_guess(ps: list[_P]) -> str | None:
    counts = Counter()
    for p in ps:
        for m in re.finditer(r"([\u4e00-\u9fff]{2}[区县])", p.text):
            if m.group(1) not in _NOT_DISTRICT and m.group(1)[-2:] not in _NOT_DISTRICT:
                counts[m.group(1)] += 1
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


def import_paragraphs(doc: DocxText, *, source: str, year: int | None = None, unit: str | None = None,
                      district: str | None = None) -> Imported:
    """Recognise the report in ``doc``'s paragraphs; raise only when it is not a report at all."""
    ps = _prepare(doc.paragraphs)
    b = _Builder()
    # headings
    heads: list[tuple[int, int]] = []  # (index in ps, section number)
    expected = 1
    for k, p in enumerate(ps):
        n = _section_of(p, expected)
        if n is not None:
            heads.append((k, n))
            expected = n + 1
    if not heads:
        raise DocgenError.single(
            "在文件中找不到“一、二、三、四、”各部分的标题，看起来不是整体支出绩效评价报告。"
            "no section headings found", file=source, exit_code=EXIT_CONTENT,
            hint="标题应单独成段，以“一、”“二、”“三、”“四、”开头，例如“一、整体支出概况”。")
    bounds = {}
    for i, (k, n) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else len(ps)
        bounds[n] = (k, stop)
    pre = ps[:heads[0][0]]
    sections = {n: ps[k + 1:stop] for n, (k, stop) in bounds.items()}
    heading = {n: ps[k] for n, (k, _) in bounds.items()}

    # title, year, unit
    found = _find_title(pre)
    title_year = title_unit = None
    title_paras: list[_P] = []
    if found:
        (i, j), m = found
        title_paras = pre[i:j]
        title_year, title_unit = int(m.group("year")), m.group("unit")
        pre = pre[:i] + pre[j:]
    if year is None and title_year is None:
        raise DocgenError.single("标题中找不到报告年度。no year in the title", file=source, exit_code=EXIT_USAGE,
                                 hint="用 --year 指定年度，例如：docgen import 报告.docx --year 2020")
    if year is not None and title_year is not None and year != title_year:
        raise DocgenError.single(
            f"标题写的是 {title_year} 年度，但 --year 是 {year}。year mismatch", file=source, exit_code=EXIT_USAGE,
            hint=f"导入这份报告请用 --year {title_year}（或不写 --year）；"
                 f"要起草 {year} 年的报告，先导入，再用 docgen new {year} --from {title_year}。")
    year = year if year is not None else title_year
    if not found:
        b.note(None, f"找不到“{year}年度××整体支出绩效评价报告”这样的标题；单位名称已写“{PLACEHOLDER}”（unit.name），请补写。")
    elif re.sub(r"\s+", "", "".join(p.text for p in title_paras)) != f"{year}年度{unit or title_unit}整体支出绩效评价报告":
        b.note(title_paras[0], f"标题的写法与模板不同，生成的标题将是“{year}年度{unit or title_unit}整体支出绩效评价报告”。")
    unit_name = unit or title_unit or PLACEHOLDER
    if unit and title_unit and unit != title_unit:
        b.note(title_paras[0], f"标题中的单位是“{title_unit}”，按 --unit 写为“{unit}”。", "info")
    if not district:
        # "开福区清水塘街道" or "长沙市开福区清水塘街道": the 区/县 that opens the unit's name
        m = re.match(r"^(?:[\u4e00-\u9fff]{2,4}?市)?([\u4e00-\u9fff]{2,4}?[区县旗])(.+)$",
                     unit_name) if unit_name != PLACEHOLDER else None
        if m and m.group(1) not in _NOT_DISTRICT:
            district = m.group(1)
            b.note(title_paras[0] if title_paras else None,
                   f"所属区县按单位名称写为“{district}”（unit.district），请核对。", "info")
    if not district:
        guess = _district_guess(ps)
        hint = f"正文中多次出现“{guess}”，如果是它，可用 --district {guess} 重新导入。" if guess else ""
        b.note(None, f"标题中没有所属区县，unit.district 已写“{PLACEHOLDER}”，请补写（或导入时用 --district 指定）。{hint}")
        district = PLACEHOLDER

    # headings whose words differ from the template's
    for n, p in heading.items():
        if n > 4:
            continue
        want = SECTION_TITLES[n].format(year=year)
        if re.sub(r"\s+", "", p.text) != want:
            b.note(p, f"标题写法与模板不同，生成时将是“{want}”。", "info" if n == 3 and "绩效目标完成" in p.text else "warning")
    for n in range(1, 5):
        if n not in sections:
            b.note(None, f"找不到“{SECTION_TITLES[n].format(year=year)}”这一部分的标题，这一部分的内容已写“{PLACEHOLDER}”，请补写。")

    overview = _overview(sections.get(1, []), b)
    for p in reversed(pre):  # before 一、 and not the title: keep at the head of the overview
        b.stray(p, overview, "basis", "overview.basis", "在标题与“一、”之间", prepend=True)
    funds = _funds(sections.get(2, []), b, heading.get(2))
    achievements = _achievements(sections.get(3, []), b, heading.get(3))
    extra: list[_P] = []
    for n in sorted(k for k in sections if k > 4):
        extra.append(heading[n])
        extra.extend(sections[n])
    other = _other(sections.get(4, []), extra, b)

    for p in ps:
        if p.src.has_object:
            b.note(p, "含有图片、文本框或嵌入对象，只导入了段落中的文字。")
        if p.src.has_note:
            b.note(p, "含有脚注或尾注，注释的文字没有导入。")
    if doc.insertions or doc.deletions:
        b.note(None, f"文档中有修订（跟踪更改），已按“接受所有修订”读取：保留 {doc.insertions} 处插入，"
                     f"去掉 {doc.deletions} 处删除。", "info")
    if doc.comments:
        b.note(None, f"文档中有 {doc.comments} 条批注，批注不是报告正文，没有导入。", "info")
    if doc.objects:
        b.note(None, f"文档中有 {doc.objects} 个图片、文本框或嵌入对象，没有导入。")
    for what in doc.extra:
        b.note(None, f"{what}没有导入。")

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
            _fmt(funds["final_total"]) if isinstance(funds["final_total"], Decimal) else PLACEHOLDER,
            _fmt(funds["basic"]) if isinstance(funds["basic"], Decimal) else PLACEHOLDER,
            len(funds["projects"])),
        f"三、{len(achievements['areas'])} 个方面",
        f"四、{len(other.get('honours', []))} 项荣誉，{len(other.get('paragraphs', []))} 段其他文字",
    ]
    notes = sorted(b.notes, key=lambda n: (n.para is not None, n.para or 0))
    return Imported(data=data, notes=notes, summary=summary, source=source)


def import_docx(path: Path, *, year: int | None = None, unit: str | None = None,
                district: str | None = None, display: str | None = None) -> Imported:
    """Read ``path`` (a .docx) and recognise the report in it."""
    display = display or str(path)
    doc = read_docx(Path(path), display)
    return import_paragraphs(doc, source=display, year=year, unit=unit, district=district)


# ------------------------------------------------------------------ YAML output


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key (as content/2020.yaml is written)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D401
        return super().increase_indent(flow, False)


def _repr_decimal(dumper: yaml.SafeDumper, value: Decimal):
    text = _fmt(value)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _repr_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _repr_decimal)
_Dumper.add_representer(str, _repr_str)

_SECTION_COMMENTS = {
    "overview:": "# 一、整体支出概况",
    "funds:": "# 二、整体支出资金使用及管理情况（金额单位：万元）",
    "achievements:": "# 三、年度绩效目标完成情况",
    "other:": "# 四、其他需要说明事宜",
}
_LINE_COMMENTS = {
    "year:": "报告年度",
    "  name:": "单位名称（用于标题和文件名）",
    "  district:": "所属区县",
    "  basis:": "依据（段落）",
    "  areas:": "工作方面，自动编号" ,
    "  output_indicators:": "产出指标：name 指标名称，text 内容",
    "  benefit_indicators:": "效益指标",
    "  final_total:": "决算总额：docgen 核对它等于基本支出与项目支出之和",
    "  basic:": "基本支出",
    "  project_total:": "项目支出合计（原文所写），docgen 核对它等于各类别之和",
    "  projects:": "项目支出，按类别",
    "  management:": "资金管理情况",
    "  intro:": "引导段落",
    "  honours:": "荣誉，自动编号",
    "  paragraphs:": "其他说明（段落）",
}


def to_yaml(imported: Imported) -> str:
    """The content file text: header, section comments, block YAML that :mod:`docgen.load` reads back."""
    body = yaml.dump(imported.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000, indent=2)
    lines = []
    area_seen = False
    for line in body.splitlines():
        if line in _SECTION_COMMENTS:
            lines.extend(["", _SECTION_COMMENTS[line]])
        key = next((k for k in _LINE_COMMENTS if line.startswith(k + " ") or line == k), None)
        if key == "  areas:" and area_seen:
            key = None  # achievements.areas: its own comment
            line += "                    # 每个方面：lead 引导语（模板加“：”），text 一段文字，或 items 编号条目"
        elif key == "  areas:":
            area_seen = True
        if key and not line.rstrip().endswith(("|", "|-", "|+")):
            comment = _LINE_COMMENTS[key]
            if line.endswith(f" {PLACEHOLDER}"):
                comment = "待填：" + comment
            line = f"{line:<26} # {comment}" if len(line) < 60 else f"{line}  # {comment}"
        lines.append(line)
    year = imported.data["year"]
    header = [
        f"# {year}年度{imported.data['unit']['name']}整体支出绩效评价报告 — 内容文件（content file）",
        f"# 由 docgen import 从 {Path(imported.source).name} 导入。请对照导入报告核对后再使用。",
        "#",
        "# 规则：金额写数字（单位万元，不加引号、不写“万元”）；列表每项以“- ”开头；",
        "# 编号（1、2、3）、小计和合计由 docgen 计算，不要手工输入。",
        f"# 检查：docgen check {year}    生成：docgen render {year} [--pdf]",
        "",
    ]
    return "\n".join(header + lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------ writing


def _plain(value: Any) -> Any:
    """Data as :mod:`docgen.load` gives it back (ints stay ints, Decimal stays Decimal)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal) and "." not in _fmt(value):
        return int(value)
    return value


def _fill_text_placeholders(value: Any, key: str = "") -> Any:
    """A copy with every text 待填 replaced, amounts left alone (for checking only)."""
    if isinstance(value, dict):
        return {k: _fill_text_placeholders(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill_text_placeholders(v, key) for v in value]
    if value == PLACEHOLDER and key not in ("amount", "final_total", "basic", "project_total"):
        return "（待填）"
    return value


def write_content(imported: Imported, path: Path, *, force: bool = False,
                  display: str | None = None) -> list:
    """Write the content file atomically (never over an existing file unless ``force``);
    return the diagnostics of loading, validating and checking it as ``docgen check`` does."""
    from .check import run_checks
    from .errors import Diagnostic, sort_diagnostics
    from .load import parse_yaml
    from .model import validate
    from .write import atomic_write

    path = Path(path)
    display = display or str(path)
    if path.exists() and not force:
        raise DocgenError.single(
            f"{display} 已经存在，没有覆盖。file exists; not overwritten", file=display, exit_code=EXIT_USAGE,
            hint="要替换它，加上 --force；或用 -o 写到另一个文件，例如 -o 导入.yaml。")
    if path.is_dir():
        raise DocgenError.single(f"{display} 是文件夹。is a folder", file=display, exit_code=EXIT_USAGE,
                                 hint="用 -o 给出 .yaml 文件的路径。")
    text = to_yaml(imported)
    loaded = parse_yaml(text, display)  # what docgen check will read: must be exactly the data
    if loaded.data != _plain(imported.data):  # pragma: no cover - a bug in the emitter
        raise DocgenError.single("内部错误：导入的内容写成 YAML 后读回不一致。internal error: YAML round trip",
                                 file=display, exit_code=EXIT_CONTENT)
    diags: list[Diagnostic] = []
    checked = loaded
    try:
        report = validate(loaded)
    except DocgenError as exc:
        diags = list(exc.diagnostics)
        report = None
        if all(d.is_todo for d in diags):
            # Only placeholders: check the figures anyway, so a total that does not add up
            # in the old report is reported now, not after the district is filled in.
            checked = replace(loaded, data=_fill_text_placeholders(loaded.data))
            try:
                report = validate(checked)
            except DocgenError:  # amounts still 待填: nothing to add up yet
                report = None
    if report is not None:
        diags += run_checks(report, checked)
    atomic_write(path, text.encode("utf-8"))
    return sort_diagnostics(diags)
