"""Sections 一、三、四 of an old report as content: areas, indicators, achievements, honours.

Each function takes the paragraphs of one section (already tidied, their list
labels split off by :mod:`docgen.importer.text`) and returns that section's part
of the content data of :class:`docgen.content.model.Report`:

* 一: the basis paragraph, the numbered work areas, the 产出/效益 intros and
  their indicator lists ("名称：内容");
* 三: the intro and the areas with their lead-ins (…方面：), each area's body as
  numbered items ("1、…2、…" in one paragraph, or list paragraphs) or free text;
* 四: free paragraphs and the honours list.

What does not fit goes to the nearest field as free text, with a note
(:meth:`docgen.importer.notes.ImportNotes.keep_stray`, written in by ``settle``
before the field is read again); a field left empty gets the to-do
placeholder.  Section 二 (the money) is :mod:`docgen.importer.funds`.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.text import NUMERALS, PLACEHOLDER
from .notes import ImportNotes
from .text import Paragraph, split_inline

# -- 一、overview


def _indicator(text: str) -> tuple[str, str] | None:
    m = re.match(r"^([^：:。；;，,]{1,20}?)\s*[：:]\s*(.+)$", text, re.S)
    if not m:
        return None
    return m.group(1).strip(), m.group(2).strip()


def read_overview(ps: list[Paragraph], notes: ImportNotes) -> dict:
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
            notes.keep_stray(p, *last)
    notes.settle()
    if not ov["areas"] and ov["basis"]:
        head, items = _split_after_colon(ov["basis"])
        if items:
            ov["basis"], ov["areas"] = head, items[0]
            notes.list_numbers(part_a[0], items[1], "工作方面")
    else:
        notes.list_numbers(next((p for p in part_a if p.item is not None), None), numbers, "工作方面")

    for part, intro_key, list_key, what in ((part_b, "output_intro", "output_indicators", "产出指标"),
                                            (part_c, "benefit_intro", "benefit_indicators", "效益指标")):
        _indicators(part, ov, intro_key, list_key, what, notes)

    first = ps[0] if ps else None
    for key, what in (("basis", "一、整体支出概况的依据段落"), ("output_intro", "产出指标的引导句"),
                      ("benefit_intro", "效益指标的引导句")):
        if not ov[key]:
            ov[key] = PLACEHOLDER
            notes.add(first, f"没有找到{what}，已写“{PLACEHOLDER}”（overview.{key}），请补写。")
    if not ov["areas"]:
        ov["areas"] = [PLACEHOLDER]
        notes.add(first, f"没有找到编号的工作方面列表，已写“{PLACEHOLDER}”（overview.areas），请补写。")
    for key, what in (("output_indicators", "产出指标"), ("benefit_indicators", "效益指标")):
        if not ov[key]:
            ov[key] = [{"name": PLACEHOLDER, "text": PLACEHOLDER}]
            notes.add(first, f"没有找到{what}列表，已写“{PLACEHOLDER}”（overview.{key}），请补写。")
    return ov


def _split_after_colon(text: str) -> tuple[str, tuple[list[str], list[int]] | None]:
    """``"…内容：1、甲。2、乙。"`` → (``"…内容："``, items) when a numbered list follows a colon."""
    for m in re.finditer(r"[：:]", text):
        found = split_inline(text[m.end():].lstrip())
        if found and len(found[0]) >= 2:
            return text[:m.end()], found
    return text, None


def _indicators(part: list[Paragraph], ov: dict, intro_key: str, list_key: str, what: str, notes: ImportNotes) -> None:
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
                notes.add(p, f"{what}没有“名称：内容”的写法，名称暂写“{PLACEHOLDER}”"
                             f"（overview.{list_key}[{len(items) + 1}].name），请补写。")
            items.append({"name": pair[0], "text": pair[1]})
            last = (items[-1], "text", f"overview.{list_key}[{len(items)}].text")
        else:
            notes.keep_stray(p, *last)
    notes.settle()
    if not items:  # "…指标：1、质量指标：…2、…" typed in the intro itself
        head, found = _split_after_colon(ov[intro_key])
        if found:
            pairs = [_indicator(t) for t in found[0]]
            if all(pairs):
                ov[intro_key] = head
                items.extend({"name": n, "text": t} for n, t in pairs)
                notes.list_numbers(intro, found[1], what)
                return
    notes.list_numbers(next((p for p in rest if p.item is not None), None), numbers, what)


# -- 三、achievements

_LEAD = re.compile(
    rf"^(?:[（(][{NUMERALS}]{{1,3}}[）)]|[{NUMERALS}]{{1,3}}是)?\s*"
    r"(?P<lead>[^：:。；;，,！!？?\n]{1,24}?方面)\s*(?:[：:]\s*(?P<body>.*))?$", re.S)
_SUBHEAD = re.compile(rf"^[（(](?P<n>[{NUMERALS}]{{1,3}})[）)]\s*(?P<lead>[^：:。；;\n]{{1,24}}?)\s*"
                      r"(?:[：:]\s*(?P<body>.*))?$", re.S)


def _lead(p: Paragraph) -> tuple[str, str, bool] | None:
    """(lead, body, had a （一） label) if ``p`` opens an achievement area."""
    for text in (p.body, p.text) if p.item is not None else (p.text,):
        m = _LEAD.match(text)
        if m and (m.group("body") is not None or len(text) <= 30):
            return m.group("lead").strip(), (m.group("body") or "").strip(), text[:1] in "（("
        m = _SUBHEAD.match(text)
        if m and (m.group("body") is not None or len(text) <= 30):
            return m.group("lead").strip(), (m.group("body") or "").strip(), True
    return None


def read_achievements(ps: list[Paragraph], notes: ImportNotes, heading: Paragraph | None) -> dict:
    ach: dict[str, Any] = {"intro": "", "areas": []}
    cur: dict[str, Any] | None = None
    cur_p: Paragraph | None = None
    numbers: list[int] = []

    def finish() -> None:
        if cur is None:
            return
        n = len(ach["areas"])
        if "items" in cur:
            notes.list_numbers(cur_p, numbers, f"“{cur['lead']}”的条目")
        elif not cur.get("text"):
            cur["text"] = PLACEHOLDER
            notes.add(cur_p, f"这个方面后面没有内容，已写“{PLACEHOLDER}”（achievements.areas[{n}].text），请补写。")

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
                notes.add(p, "方面前的“（一）”类编号不保留（模板不编号这一层）。", "info")
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
                notes.keep_stray(p, ach, "intro", "achievements.intro")
            continue
        if p.item is not None and "text" not in cur:
            cur.setdefault("items", []).append(p.body)
            numbers.append(p.item)
        elif "items" not in cur and not cur.get("text"):
            cur["text"] = p.text
            notes.add(p, f"作为“{cur['lead']}”的正文（achievements.areas[{n}].text）；生成时与方面标题同在一段。", "info")
        elif "items" in cur:
            notes.keep_stray(p, cur["items"], len(cur["items"]) - 1,
                             f"achievements.areas[{n}].items[{len(cur['items'])}]", "不是编号条目")
        else:
            notes.keep_stray(p, cur, "text", f"achievements.areas[{n}].text", "不是新的“…方面：”")
    finish()
    notes.settle()
    if not ach["intro"]:
        ach["intro"] = PLACEHOLDER
        notes.add(ps[0] if ps else heading, f"没有找到三、的引导段落，已写“{PLACEHOLDER}”（achievements.intro），请补写。")
    if not ach["areas"]:
        ach["areas"] = [{"lead": PLACEHOLDER, "text": PLACEHOLDER}]
        notes.add(ps[0] if ps else heading, "没有找到“…方面：”开头的段落，已写占位的方面（achievements.areas），"
                                            "请补写；原文各段见上面的说明。")
    return ach


# -- 四、other


def read_other(ps: list[Paragraph], extra: list[Paragraph], notes: ImportNotes) -> dict:
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
                notes.add(p, f"表格的一行，已作为文字保存在 other.paragraphs[{len(other['paragraphs'])}]，请核对。")
            elif other["honours"]:
                notes.add(p, f"在荣誉列表之后，已保存在 other.paragraphs[{len(other['paragraphs'])}]；"
                             "生成时排在荣誉列表之前，请核对。")
    for p in extra:
        other["paragraphs"].append(p.text)
        notes.add(p, f"模板只有一至四部分，这段已作为文字保存在 other.paragraphs[{len(other['paragraphs'])}]，请核对。")
    notes.list_numbers(first_honour, numbers, "荣誉")
    return {k: v for k, v in other.items() if v}
