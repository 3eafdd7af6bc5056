"""Issue 5 §2 and issue 10 §4: ``docgen diff`` compares figures and items by their place in the outline.

The 2021 year is built here from content/2020.yaml (the general format) by
known edits (:func:`year_2021`); the numbers below were worked out by hand from
those edits.  tests/data/diff/2021.yaml is the same 2021 in the four-section
format, for comparing a file of each format.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from decimal import Decimal as D

import pytest

from helpers import CONTENT, DATA, FROZEN_CONTENT, project_with, run_cli
from docgen.content.compare import ADDED, REMOVED, SECTIONS, compare, load_report
from docgen.content.compare_view import fmt_percent, rounded_percent
from docgen.content.load import load_content

# label: (2020, 2021, change, percent rounded to 0.01)
FIGURES = {
    "决算总额": (D("5005.93"), D("5066.49"), D("60.56"), D("1.21")),
    "基本支出": (D("2517.81"), D("2600.00"), D("82.19"), D("3.26")),
    "项目支出合计": (D("2488.12"), D("2466.49"), D("-21.63"), D("-0.87")),
    "社会管理支出": (D("521.58"), D("600"), D("78.42"), D("15.04")),
    "经济发展支出": (D("171.07"), D("171.07"), D("0"), D("0.00")),
    "卫健工作支出": (D("70"), D("0"), D("-70"), D("-100.00")),
    "公共安全安全生产支出": (D("124.71"), D("130.5"), D("5.79"), D("4.64")),
    "公共服务支出": (D("800.75"), D("750.25"), D("-50.5"), D("-6.31")),
    "城市管理支出": (D("575.79"), D("575.79"), D("0"), D("0.00")),
    "公共安全-综治支出": (D("146.4"), D("150"), D("3.6"), D("2.46")),
    "其他支出": (D("77.82"), None, D("-77.82"), None),
    "文明创建支出": (None, D("88.88"), D("88.88"), None),
}
FUNDS_PLACE = "二、整体支出资金使用及管理情况"
ONE, THREE, FOUR = "一、整体支出概况", "三、2021年绩效目标完成情况", "四、其他需要说明事宜"
KEPT_HONOURS = ["湖南省财政工作先进集体", "长沙市内部审计先进集体"]
NEW_HONOURS = ["2021年度全市平安建设优秀街道", "全国文明城市创建先进单位"]


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def year_2021() -> str:
    """content/2020.yaml with the known changes of 2021 (the same as tests/data/diff/2021.yaml's)."""
    text = (CONTENT / "2020.yaml").read_text(encoding="utf-8")
    for old, new in [
        ("year: 2020 ", "year: 2021 "),
        ("- heading: 2020年绩效目标完成情况", "- heading: 2021年绩效目标完成情况"),
        ("final_total: 5005.93", "final_total: 5066.49"),
        ("basic: 2517.81", "basic: 2600.00"),
        ("amount: 521.58", "amount: 600"),
        ("amount: 70\n", "amount: 0\n"),
        ("amount: 124.71", "amount: 130.5"),
        ("amount: 800.75", "amount: 750.25"),
        ("amount: 146.4", "amount: 150"),
        ("name: 其他支出\n              amount: 77.82", "name: 文明创建支出\n              amount: 88.88"),
        ('- lead: "城市管理方面 "', "- lead: 城市管理方面"),
        ("- lead: 卫健工作方面", "- lead: 疫情防控方面"),
        ("          - name: 数量指标\n            text: 重点工作办结率：100%。\n", ""),
        ("            text: 兼顾实现经济生态环境可持续发展。\n",
         "            text: 兼顾实现经济生态环境可持续发展。\n"
         "          - name: 可持续影响指标\n            text: 巩固各项工作成效，形成长效机制。\n"),
    ]:
        text = edit(text, old, new)
    honours = re.search(r"      - honours:[^\n]*\n((?:          - [^\n]*\n?)+)", text)
    kept = "".join(f"          - {h}\n" for h in KEPT_HONOURS + NEW_HONOURS)
    return text[:honours.start(1)] + kept + text[honours.end(1):]


@pytest.fixture
def project(tmp_path, monkeypatch):
    project = project_with(tmp_path, monkeypatch, CONTENT / "2020.yaml")
    (project / "content" / "2021.yaml").write_text(year_2021(), encoding="utf-8")
    return project


def honours_2020() -> list[str]:
    return load_content(CONTENT / "2020.yaml").data["content"][3]["content"][0]["honours"]


def changes(cmp) -> set[tuple[str, str, str, str]]:
    return {(c.section, c.status, c.name, c.place) for c in cmp.items}


def test_figures(project):
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    rows = {f.label: f for f in cmp.figures}
    assert list(rows) == list(FIGURES)  # totals, last year's order, then new categories
    for label, (old, new, change, pct) in FIGURES.items():
        row = rows[label]
        assert (row.old, row.new, row.change, rounded_percent(row.percent)) == (old, new, change, pct), label
    assert rows["其他支出"].status == REMOVED and rows["文明创建支出"].status == ADDED
    assert rows["社会管理支出"].status == ""
    assert {f.place for f in cmp.figures} == {FUNDS_PLACE}
    # rounding is for display only: the percentage itself is exact
    assert rows["社会管理支出"].percent == D("78.42") / D("521.58") * 100


def test_zero_base_has_no_percentage(project):
    back = compare(load_report(project / "content", 2021), load_report(project / "content", 2020))
    row = next(f for f in back.figures if f.label == "卫健工作支出")
    assert (row.old, row.new, row.change, row.percent) == (D("0"), D("70"), D("70"), None)
    assert fmt_percent(row.percent) == "—"


def test_items_added_and_removed(project):
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    removed_honours = [h for h in honours_2020() if h not in KEPT_HONOURS]
    assert len(removed_honours) == 12
    # "三、2020年绩效目标完成情况" and "三、2021年绩效目标完成情况" are the same section: each its year's
    assert changes(cmp) == {
        ("引导语", REMOVED, "卫健工作方面", THREE),
        ("引导语", ADDED, "疫情防控方面", THREE),
        ("指标（第1组）", REMOVED, "数量指标", ONE),
        ("指标（第2组）", ADDED, "可持续影响指标", ONE),
        ("荣誉", ADDED, NEW_HONOURS[0], FOUR),
        ("荣誉", ADDED, NEW_HONOURS[1], FOUR),
    } | {("荣誉", REMOVED, h, FOUR) for h in removed_honours}
    # "城市管理方面 " (2020, trailing space) and "城市管理方面" (2021) are the same lead-in
    assert not any("城市管理" in c.name for c in cmp.items)


def squeezed(output: str) -> str:
    """The table without spaces and line breaks (rich wraps a long title at the table's width)."""
    return re.sub(r"\s+", "", output)


def _line(output: str, label: str) -> str:
    (line,) = [ln for ln in output.splitlines() if f" {label} " in ln]
    return line


def test_table(project):
    result = run_cli("diff", "2020", "2021")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b[" not in out  # not a terminal: no colour codes
    assert f"资金对比（万元）fundscompared：{FUNDS_PLACE}" in squeezed(out)  # the title names the place
    for label, cells in {
        "社会管理支出": ["社会管理支出", "521.58", "600", "+78.42", "+15.04%"],
        "卫健工作支出": ["卫健工作支出", "70", "0", "-70", "-100.00%"],
        "公共服务支出": ["公共服务支出", "800.75", "750.25", "-50.50", "-6.31%"],
        "决算总额": ["决算总额", "5005.93", "5066.49", "+60.56", "+1.21%"],
        "其他支出": ["其他支出", "77.82", "—", "-77.82", "—", "删除"],
        "文明创建支出": ["文明创建支出", "—", "88.88", "+88.88", "—", "新增"],
        "疫情防控方面": ["引导语", "新增", "疫情防控方面", "三、2021年绩效目标完成情"],
        "卫健工作方面": ["引导语", "删除", "卫健工作方面", "三、2021年绩效目标完成情"],
    }.items():
        line = _line(out, label)
        assert re.findall(r"[^│┃\s]+", line) == cells, line


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_stdout(project):
    result = run_cli("diff", "2020", "2021", "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *rows = _csv_rows(result.stdout_bytes)
    assert header[:5] == ["部分 section", "位置 place", "项目 item", "2020（万元）", "2021（万元）"]
    funds = {r[2]: r for r in rows if r[0] == "资金"}
    assert {r[1] for r in funds.values()} == {FUNDS_PLACE}
    for label, (old, new, change, pct) in FIGURES.items():
        row = funds[label]
        assert row[3] == ("" if old is None else str(old)), label
        assert row[4] == ("" if new is None else str(new)), label
        assert D(row[5]) == change, label
        assert row[6] == ("" if pct is None else str(pct)), label
    assert funds["其他支出"][7] == "删除" and funds["文明创建支出"][7] == "新增"
    others = {(r[0], r[1], r[2], r[7]) for r in rows if r[0] != "资金"}
    assert ("引导语", THREE, "疫情防控方面", "新增") in others
    assert ("荣誉", FOUR, "2020年开福区网信工作先进单位", "删除") in others
    assert len(others) == 18


def test_csv_to_file(project):
    result = run_cli("diff", "2020", "2021", "-o", "对比.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "对比.csv"
    rows = _csv_rows((project / "对比.csv").read_bytes())
    assert rows[0][0] == "部分 section" and len(rows) == 1 + len(FIGURES) + 18


def test_year_with_placeholders_is_refused_with_locations(project):
    text = edit(year_2021(), "final_total: 5066.49", "final_total: 待填").replace("year: 2021 ", "year: 2022 ")
    (project / "content" / "2022.yaml").write_text(text, encoding="utf-8")
    result = run_cli("diff", "2021", "2022")
    assert result.exit_code == 1
    assert re.search(r"^content/2022\.yaml:\d+:\d+: content\[2\]\.content\[1\]\.funds\.final_total: ",
                     result.stderr, re.M)


# ---------------------------------------------------------------- other outlines


def test_sections_added_and_removed_by_heading_not_number(project):
    """A new first section renumbers every other; only the new and the dropped ones are listed."""
    text = year_2021()
    text = edit(text, "content:                   # 正文，按顺序\n",
                "content:                   # 正文，按顺序\n"
                "  - heading: 单位基本情况\n    content:\n      - 清水塘街道位于开福区中部。\n"
                "      - heading: 机构设置\n        content:\n          - 街道设党政综合办公室等7个内设机构。\n")
    four = text.index("  # 四、其他需要说明事宜")
    text = text[:four] + ("  - heading: 存在的问题及原因分析\n    content:\n"
                          "      - heading: 存在的问题\n        content:\n          - 预算编制的精细化程度有待提高。\n")
    (project / "content" / "2021.yaml").write_text(text, encoding="utf-8")
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    assert {c for c in changes(cmp) if c[0] == SECTIONS} == {
        (SECTIONS, ADDED, "一、单位基本情况", "正文"),          # its （一）机构设置 goes with it
        (SECTIONS, ADDED, "五、存在的问题及原因分析", "正文"),
        (SECTIONS, REMOVED, FOUR, "正文"),                    # and its honours with it
    }
    assert not any(c.section == "荣誉" for c in cmp.items)
    # the renumbered sections still compare what is in them, under their new numbers
    assert ("引导语", ADDED, "疫情防控方面", "四、2021年绩效目标完成情况") in changes(cmp)
    assert {f.place for f in cmp.figures} == {f"{FUNDS_PLACE} → 三、整体支出资金使用及管理情况"}
    assert {f.label: (f.old, f.new) for f in cmp.figures}["决算总额"] == (D("5005.93"), D("5066.49"))

    out = run_cli("diff", "2020", "2021", "--format", "csv").stdout_bytes
    rows = _csv_rows(out)
    assert ["章节", "正文", "五、存在的问题及原因分析", "", "", "", "", "新增"] in rows
    assert ["章节", "正文", FOUR, "", "", "", "", "删除"] in rows


def test_subsection_added_inside_a_kept_section(project):
    text = edit(year_2021(), "      - funds:\n", "      - heading: 资金使用情况\n        content:\n"
                "          - 全年资金使用情况如下。\n      - funds:\n")
    (project / "content" / "2021.yaml").write_text(text, encoding="utf-8")
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    assert {c for c in changes(cmp) if c[0] == SECTIONS} == {
        (SECTIONS, ADDED, f"{FUNDS_PLACE} / （一）资金使用情况", FUNDS_PLACE)}


def test_the_one_funds_block_under_another_heading_still_compares(project):
    """2021 puts its figures under （一） of a renamed section: one funds block each, so they pair."""
    text = edit(year_2021(), "  - heading: 整体支出资金使用及管理情况\n    content:\n      - funds:\n",
                "  - heading: 部门预算执行情况\n    content:\n      - heading: 决算支出\n        content:\n"
                "          - funds:\n")
    # the funds block is now two levels deeper: indent it by four more spaces
    start = text.index("          - funds:\n") + len("          - funds:\n")
    end = text.index("\n\n", start)
    text = text[:start] + "\n".join("    " + ln for ln in text[start:end].split("\n")) + text[end:]
    (project / "content" / "2021.yaml").write_text(text, encoding="utf-8")
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    rows = {f.label: f for f in cmp.figures}
    for label, (old, new, change, _pct) in FIGURES.items():
        assert (rows[label].old, rows[label].new, rows[label].change) == (old, new, change), label
    assert {f.place for f in cmp.figures} == {f"{FUNDS_PLACE} → 二、部门预算执行情况 / （一）决算支出"}
    assert {c for c in changes(cmp) if c[0] == SECTIONS} == {
        (SECTIONS, REMOVED, FUNDS_PLACE, "正文"), (SECTIONS, ADDED, "二、部门预算执行情况", "正文")}
    table = run_cli("diff", "2020", "2021").stdout
    assert "fundscompared：二、整体支出资金使用及管理情况→二、部门预算执行情况/（一）决算支出" in squeezed(table)


def test_two_funds_blocks_pair_by_place(project):
    """With two funds blocks, each compares with the block under the same heading; a new one is all added."""
    extra = ("  - heading: 专项资金使用情况\n    content:\n      - funds:\n          final_total: 300\n"
             "          basic: 0\n          project_total: 300\n")
    text = year_2021()
    four = text.index("  # 四、其他需要说明事宜")
    (project / "content" / "2021.yaml").write_text(text[:four] + extra + text[four:], encoding="utf-8")
    cmp = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    assert cmp.places == [FUNDS_PLACE, "四、专项资金使用情况"]
    main = {f.label: (f.old, f.new) for f in cmp.figures if f.place == FUNDS_PLACE}
    assert main["决算总额"] == (D("5005.93"), D("5066.49"))
    special = [(f.label, f.old, f.new, f.status) for f in cmp.figures if f.place == "四、专项资金使用情况"]
    assert special == [("决算总额", None, D("300"), ADDED), ("基本支出", None, D("0"), ADDED),
                       ("项目支出合计", None, D("300"), ADDED)]
    table = run_cli("diff", "2020", "2021").stdout
    assert "fundscompared：四、专项资金使用情况" in squeezed(table)


def test_one_year_in_the_four_section_format(project):
    """2020 in the old format, 2021 in the new (and the reverse): the same comparison as both new."""
    both_new = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    shutil.copy(FROZEN_CONTENT / "2020.yaml", project / "content" / "2020.yaml")
    old_new = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    assert old_new.figures == both_new.figures
    assert old_new.items == both_new.items

    shutil.copy(CONTENT / "2020.yaml", project / "content" / "2020.yaml")
    shutil.copy(DATA / "diff" / "2021.yaml", project / "content" / "2021.yaml")  # 2021, old format
    new_old = compare(load_report(project / "content", 2020), load_report(project / "content", 2021))
    assert new_old.figures == both_new.figures
    # the same changes, and the two 工作方面 that file also drops from the list of 一、
    dropped = {(c.section, c.status, c.place) for c in set(new_old.items) - set(both_new.items)}
    assert set(both_new.items) <= set(new_old.items) and len(new_old.items) == len(both_new.items) + 2
    assert dropped == {("列表条目", REMOVED, ONE)}
    result = run_cli("diff", "2020", "2021", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(_csv_rows(result.stdout_bytes)) == 1 + len(FIGURES) + 18 + 2
