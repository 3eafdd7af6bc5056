"""The frame of an old report: its title, its four sections, its unit and district.

A hand-written report marks its sections only by the headings 一、二、三、四、,
styled as headings, typed bold in Normal text, or not styled at all; a heading
may be missing, reworded, or followed by a fifth.  This module finds them, and
the title ("2020年度××整体支出绩效评价报告", possibly broken over lines or
written unit first) that gives the year and the unit; the district is taken
from the options, the unit's name, or else left as a to-do with a guess.  It
refuses a document only when it has no section headings or no year at all.
"""

from __future__ import annotations

import re
from collections import Counter

from ..content.text import HAN, NUMERALS, PLACEHOLDER, heading_number
from ..errors import DocgenError, EXIT_CONTENT, EXIT_USAGE
from .notes import ImportNotes
from .text import Paragraph

SECTION_TITLES = {
    1: "一、整体支出概况",
    2: "二、整体支出资金使用及管理情况",
    3: "三、{year}年绩效目标完成情况",
    4: "四、其他需要说明事宜",
}
_SECTION_WORDS = {1: ("概况",), 2: ("资金",), 3: ("完成情况", "绩效目标"), 4: ("其他", "说明")}
_HEADING = re.compile(rf"^([{NUMERALS}]{{1,3}})\s*[、.．，,]\s*(\S.*)$", re.S)
_REPORT_WORDS = r"(?:部门)?整体支出(?:绩效)?(?:评价|自评|评估)(?:报告)?$"
_TITLES = (
    re.compile(r"(?P<year>(?:19|20|21)\d{2})年度?(?P<unit>(?!度|部门整体).{2,}?)" + _REPORT_WORDS),
    re.compile(r"^(?P<unit>.{2,}?)(?P<year>(?:19|20|21)\d{2})年度?" + _REPORT_WORDS),  # unit first
)


def _section_of(p: Paragraph, expected: int) -> int | None:
    """The section number this paragraph heads, or None."""
    if p.src.in_table:
        return None
    m = _HEADING.match(p.text)
    if m:
        n = heading_number(m.group(1))
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


def _find_title(pre: list[Paragraph]) -> tuple[tuple[int, int], re.Match] | None:
    """The title may be one paragraph, or broken over two or three with Enter."""
    for i in range(len(pre)):
        for j in range(i + 1, min(i + 4, len(pre) + 1)):
            joined = re.sub(r"\s+", "", "".join(p.text for p in pre[i:j]))
            for pattern in _TITLES:
                m = pattern.search(joined)
                if m:
                    return (i, j), m
    return None


#: "开福区清水塘街道" or "长沙市开福区清水塘街道": the 区/县 that opens a unit's name.
_UNIT_DISTRICT = re.compile(f"^(?:[{HAN}]{{2,4}}?市)?([{HAN}]{{2,4}}?[区县旗])(.+)$")
_NOT_DISTRICT = {"社区", "小区", "辖区", "全区", "城区", "街区", "我区", "园区", "景区", "该区", "本区", "各区",
                 "市区", "片区", "县区", "老区", "新区", "全县", "本县", "各县", "参照区"}


def _district_guess(ps: list[Paragraph]) -> str | None:
    counts = Counter()
    for p in ps:
        for m in re.finditer(f"([{HAN}]{{2}}[区县])", p.text):
            if m.group(1) not in _NOT_DISTRICT and m.group(1)[-2:] not in _NOT_DISTRICT:
                counts[m.group(1)] += 1
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] >= 2 else None


def split_sections(ps: list[Paragraph], source: str
                   ) -> tuple[list[Paragraph], dict[int, list[Paragraph]], dict[int, Paragraph]]:
    """(the paragraphs before 一、, each section's paragraphs, each section's heading) by section number."""
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
    return pre, sections, heading


def read_title(pre: list[Paragraph], ps: list[Paragraph], notes: ImportNotes, *, source: str, year: int | None,
               unit: str | None, district: str | None) -> tuple[list[Paragraph], int, str, str]:
    """Year, unit name and district from the title and the options; returns the paragraphs
    before 一、 without the title, and the year, unit name and district to write."""
    found = _find_title(pre)
    title_year = title_unit = None
    title_paras: list[Paragraph] = []
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
        notes.add(None, f"找不到“{year}年度××整体支出绩效评价报告”这样的标题；单位名称已写“{PLACEHOLDER}”（unit.name），请补写。")
    elif re.sub(r"\s+", "", "".join(p.text for p in title_paras)) != f"{year}年度{unit or title_unit}整体支出绩效评价报告":
        notes.add(title_paras[0], f"标题的写法与模板不同，生成的标题将是“{year}年度{unit or title_unit}整体支出绩效评价报告”。")
    unit_name = unit or title_unit or PLACEHOLDER
    if unit and title_unit and unit != title_unit:
        notes.add(title_paras[0], f"标题中的单位是“{title_unit}”，按 --unit 写为“{unit}”。", "info")
    if not district:
        m = _UNIT_DISTRICT.match(unit_name) if unit_name != PLACEHOLDER else None
        if m and m.group(1) not in _NOT_DISTRICT:
            district = m.group(1)
            notes.add(title_paras[0] if title_paras else None,
                      f"所属区县按单位名称写为“{district}”（unit.district），请核对。", "info")
    if not district:
        guess = _district_guess(ps)
        hint = f"正文中多次出现“{guess}”，如果是它，可用 --district {guess} 重新导入。" if guess else ""
        notes.add(None, f"标题中没有所属区县，unit.district 已写“{PLACEHOLDER}”，请补写（或导入时用 --district 指定）。{hint}")
        district = PLACEHOLDER
    return pre, year, unit_name, district


def heading_notes(heading: dict[int, Paragraph], sections: dict[int, list[Paragraph]], year: int,
                  notes: ImportNotes) -> None:
    """Say which headings are worded differently from the template's, and which are missing."""
    for n, p in heading.items():
        if n > 4:
            continue
        want = SECTION_TITLES[n].format(year=year)
        if re.sub(r"\s+", "", p.text) != want:
            notes.add(p, f"标题写法与模板不同，生成时将是“{want}”。", "info" if n == 3 and "绩效目标完成" in p.text else "warning")
    for n in range(1, 5):
        if n not in sections:
            notes.add(None, f"找不到“{SECTION_TITLES[n].format(year=year)}”这一部分的标题，这一部分的内容已写“{PLACEHOLDER}”，请补写。")
