"""The frame of a report: the label above the title, the title, the front matter, the 落款.

Reports of this family open with an optional label ("附件3"), a title of one to
four lines ("长沙市开福区某某局" / "2024年度部门整体支出绩效自评报告"), perhaps a
block of labelled fields ("部门（单位）名称：…"), and may close with the unit
and the date set right.  This module finds them, and from them the year, the
unit and the report's kind; what lies between is the body (:mod:`.sections`).

Rules (what a finance officer would expect):

* **label**: a first paragraph "附件3" / "附件 3" / "附表1" alone;
* **title**: the paragraphs at the top in the Title style, or centred in a large
  (≥ 18 pt) or bold font, without "：", up to four; failing that, the first one to
  three paragraphs that together read "…年度…报告".  A title is kept as written
  (``title``, one entry a printed line) unless it is one paragraph reading exactly
  ``{year}年度{unit}{kind}``, which the template prints by itself;
* **front matter**: two or more "名称：内容" paragraphs right after the title
  (the name at most 12 characters, no punctuation but brackets);
* **signature**: the right-aligned paragraphs at the end, or a final date line
  ("2025年3月20日") with the short line above it;
* **unit**: ``--unit``, else the title, else the front matter's 单位名称, else the
  signature's first line, else 待填 with a note.  The district: ``--district``,
  or the 区/县 opening the unit's name; the model does not require one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..content.model import DEFAULT_KIND
from ..content.names import KIND_MAX, TITLE_LINES_MAX, UNIT_NAME_MAX
from ..content.text import HAN, PLACEHOLDER
from ..errors import DocgenError, EXIT_USAGE
from .notes import ImportNotes
from .text import Paragraph

_LABEL = re.compile(r"^附\s*[件表]\s*[\d一二三四五六七八九十]{0,3}$")
_YEAR = r"(?P<year>(?:19|20|21)\d{2})年度?"
_KIND = r"(?P<kind>(?:(?:部门|单位)?整体支出|项目支出|项目|支出)?绩效(?:评价|自评|评估|自评价)?报告)"
_TITLES = (re.compile(f"^{_YEAR}(?P<unit>.*?){_KIND}$"), re.compile(f"^(?P<unit>.+?){_YEAR}{_KIND}$"))
_ANY_YEAR = re.compile(_YEAR)
_FIELD = re.compile(r"^(?P<label>[^：:，,。；;、\s]{2,12})\s*[：:]\s*(?P<value>\S.*)$", re.S)
_DATE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_UNIT_LABELS = ("部门（单位）名称", "部门(单位)名称", "单位名称", "部门名称", "项目单位", "评价单位")
_UNIT_DISTRICT = re.compile(f"^(?:[{HAN}]{{2,4}}?[市州])?([{HAN}]{{2,4}}?[区县旗])(.+)$")
_NOT_DISTRICT = {"社区", "小区", "辖区", "全区", "城区", "街区", "我区", "园区", "景区", "该区", "本区", "各区",
                 "市区", "片区", "县区", "老区", "新区", "全县", "本县", "各县"}
#: A title line is printed large: 18 pt and up (Word counts half-points).
_TITLE_SIZE = 36


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Frame:
    """What :func:`read_frame` found around the body."""

    year: int
    unit: str
    district: str | None
    kind: str | None = None          # only when it differs from the default
    label: str | None = None
    title: list[str] | None = None   # only when the template would not print it by itself
    front_matter: list[dict] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)


def _title_like(p: Paragraph) -> bool:
    src = p.src
    if p.in_table or "：" in p.text or ":" in p.text or p.label is not None or len(squeeze(p.text)) > 60:
        return False
    return src.style.casefold() in ("title", "标题") or (
        src.align == "center" and ((src.size or 0) >= _TITLE_SIZE or src.bold))


def _find_title(ps: list[Paragraph], start: int) -> tuple[int, int]:
    """The title's paragraphs ``ps[start:end]`` (start == end: none found)."""
    end = start
    while end < len(ps) and end - start < TITLE_LINES_MAX and _title_like(ps[end]):
        end += 1
    if end > start:
        return start, end
    for j in range(start + 1, min(start + 4, len(ps) + 1)):
        joined = squeeze("".join(p.text for p in ps[start:j]))
        if any(p.label is not None or p.in_table for p in ps[start:j]):
            break
        if _ANY_YEAR.search(joined) and joined.endswith("报告"):
            return start, j
    return start, start


def _front_matter(ps: list[Paragraph], start: int) -> tuple[list[dict], int]:
    fields, k = [], start
    while k < len(ps) and not ps[k].in_table and ps[k].label is None and ps[k].style_level is None:
        m = _FIELD.match(ps[k].text)
        if not m:
            break
        fields.append({"label": m.group("label"), "value": m.group("value").strip()})
        k += 1
    return (fields, k) if len(fields) >= 2 else ([], start)


def _signature(ps: list[Paragraph], start: int) -> int:
    """Where the 落款 begins (``len(ps)``: there is none)."""
    end = len(ps)
    k = end
    while k > start and end - k < 4 and not ps[k - 1].in_table and ps[k - 1].src.align == "right" \
            and ps[k - 1].label is None:
        k -= 1
    if k < end:
        return k
    if end > start and _DATE.match(squeeze(ps[-1].text)):
        k = end - 1
        prev = ps[k - 1] if k - 1 >= start else None
        if prev is not None and prev.label is None and not prev.in_table and prev.style_level is None \
                and len(prev.text) <= 30 and not re.search(r"[。；;，,：:！!？?]", prev.text):
            k -= 1
        return k
    return end


def _table_ahead(ps: list[Paragraph], start: int) -> list[Paragraph]:
    """The rows of a table at ``start`` (one table: the same table number), or []."""
    if start >= len(ps) or not ps[start].in_table:
        return []
    end = start
    while end < len(ps) and ps[end].in_table and ps[end].src.table == ps[start].src.table:
        end += 1
    return ps[start:end]


def _table_fields(rows: list[Paragraph]) -> list[dict]:
    """A table of two columns, names on the left: the front matter's fields; else []."""
    pairs = [r.cells for r in rows]
    if not pairs or any(len(c) != 2 or not c[0] or not c[1] or len(c[0]) > 20 for c in pairs):
        return []
    return [{"label": a, "value": b} for a, b in pairs]


def read_frame(ps: list[Paragraph], notes: ImportNotes, *, source: str, year: int | None, unit: str | None,
               district: str | None) -> Frame:
    """Label, title, front matter and signature; the year, unit and kind they give; the body between."""
    start = 1 if ps and not ps[0].in_table and _LABEL.match(squeeze(ps[0].text)) else 0
    label = squeeze(ps[0].text) if start else None
    ahead = _table_ahead(ps, start)  # a form that opens with a table of fields, its title below
    if ahead and _find_title(ps, start + len(ahead))[1] > start + len(ahead):
        start += len(ahead)
    else:
        ahead = []
    t0, t1 = _find_title(ps, start)
    title_paras = ps[t0:t1]
    fields, body_start = _front_matter(ps, t1)
    lead_fields = _table_fields(ahead)
    if ahead:
        notes.add(ahead[0], "标题上方的表格" + ("（名称 | 内容两列）已保存为表头信息 front_matter"
                                                if lead_fields else "已保存为正文开头的表格")
                  + "，生成时排在标题之下，请核对。", "info")
    fields = lead_fields + fields
    body_end = _signature(ps, body_start)
    signature = [p.text for p in ps[body_end:]]
    joined = squeeze("".join(p.text for p in title_paras))

    found = next((m for m in (pattern.match(joined) for pattern in _TITLES) if m), None)
    any_year = _ANY_YEAR.search(joined)
    title_year = int(found.group("year")) if found else int(any_year.group("year")) if any_year else None
    if year is None and title_year is None:
        raise DocgenError.single("标题中找不到报告年度。no year in the title", file=source, exit_code=EXIT_USAGE,
                                 hint="用 --year 指定年度，例如：docgen import 报告.docx --year 2024")
    if year is not None and title_year is not None and year != title_year:
        raise DocgenError.single(
            f"标题写的是 {title_year} 年度，但 --year 是 {year}。year mismatch", file=source, exit_code=EXIT_USAGE,
            hint=f"导入这份报告请用 --year {title_year}（或不写 --year）；"
                 f"要起草 {year} 年的报告，先导入，再用 docgen new {year} --from {title_year}。")
    year = year if year is not None else title_year
    title_unit = found.group("unit").strip() if found and found.group("unit").strip() else None
    kind = found.group("kind") if found and len(found.group("kind")) <= KIND_MAX else None

    field_unit = next((f["value"] for f in fields if f["label"] in _UNIT_LABELS), None)
    sign_unit = signature[0] if signature and not _DATE.match(squeeze(signature[0])) else None
    unit_name = next((u for u in (unit, title_unit, field_unit, sign_unit)
                      if u and len(u) <= UNIT_NAME_MAX and "\n" not in u), None)
    first = title_paras[0] if title_paras else None
    if unit_name is None:
        unit_name = PLACEHOLDER
        notes.add(first, f"标题、表头和落款中都找不到单位名称，unit.name 已写“{PLACEHOLDER}”，请补写（或导入时用 --unit 指定）。")
    elif unit_name is not title_unit and unit_name is not unit:
        notes.add(first, f"单位名称取自{'表头' if unit_name is field_unit else '落款'}：“{unit_name}”（unit.name）。", "info")
    if not title_paras:
        notes.add(None, "找不到报告标题（居中的大字标题，或“…年度…报告”）；生成时将按年度、单位和报告名称写出标题，请核对。")

    lines = [line for p in title_paras for line in p.text.split("\n") if line.strip()]
    written = len(title_paras) == 1 and joined == f"{year}年度{unit_name}{kind or DEFAULT_KIND}"
    if title_paras:
        notes.add(first, "标题与模板按年度、单位生成的一致，不单独保存。" if written else
                  f"标题按原文保存为 {len(lines)} 行（title）。", "info")
    if fields:
        notes.add(ps[t1], f"标题下的 {len(fields)} 项表头信息已保存为 front_matter。", "info")
    if signature:
        notes.add(ps[body_end], f"文末 {len(signature)} 行落款已保存为 signature。", "info")

    if not district and unit_name != PLACEHOLDER:
        m = _UNIT_DISTRICT.match(unit_name)
        if m and m.group(1) not in _NOT_DISTRICT and m.group(1)[-2:] not in _NOT_DISTRICT:
            district = m.group(1)
            notes.add(first, f"所属区县按单位名称写为“{district}”（unit.district），请核对。", "info")
    return Frame(year=year, unit=unit_name, district=district or None,
                 kind=kind if kind and kind != DEFAULT_KIND else None, label=label,
                 title=None if written or not title_paras else lines, front_matter=fields,
                 signature=signature, body=([] if lead_fields else ahead) + ps[body_start:body_end])
