"""The issue-10 corpus is what it claims: tests of tests/outline_docs.py and tests/data/outlines only.

No docgen code is imported here.  These tests prove that each description covers the shape it is named
for, that its figures add up, that the helper numbers headings and lists as GB/T 9704 prints them, and
that the two Word files it builds hold exactly ``expected_paragraphs`` / ``expected_tables``: read back
with python-docx (text, styles, numPr, numbering.xml, table widths) and as LibreOffice shows them
(``soffice --convert-to txt``: the numbers Word's automatic numbering produces appear in that text).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import outline_docs as od
from outline_docs import squeeze

DESCRIPTIONS = od.all_descriptions()
NAMES = sorted(DESCRIPTIONS)
CONVERT_TIMEOUT = 300



def flat(document: list) -> list[str]:
    """Paragraphs and table cells in order, whitespace removed, empty ones dropped."""
    out = []
    for block in document:
        cells = [c for row in block for c in row] if isinstance(block, list) else [block]
        out += [squeeze(c) for c in cells if squeeze(c)]
    return out


# --- the corpus -------------------------------------------------------------------------------------


def heads(desc: dict, level: int) -> list[str]:
    return [b.text for b in od.blocks(desc) if isinstance(b, od.Para) and b.kind == "heading" and b.level == level]


def kinds(desc: dict) -> set[str]:
    return {next(iter(block)) for block in desc["body"]}


def test_corpus_has_the_shapes_the_issue_names():
    assert len(DESCRIPTIONS) >= 8
    a, b = DESCRIPTIONS["a_department_outline"], DESCRIPTIONS["b_project_caiyu10"]
    assert heads(a, 1) == ["部门（单位）基本情况", "一般公共预算支出情况", "部门整体支出绩效情况",
                           "存在的问题及原因分析", "下一步改进措施", "其他需要说明的情况"]
    assert heads(a, 2) == ["部门职能", "机构设置及人员情况", "年度总体工作和重点工作任务", "部门整体支出绩效目标"]
    assert heads(b, 1) == ["基本情况", "绩效评价工作开展情况", "综合评价情况及评价结论", "绩效评价指标分析",
                           "主要经验及做法、存在的问题及原因分析", "有关建议", "其他需要说明的问题"]
    assert "项目支出绩效自评报告" in "".join(b["title"])
    assert "镇" in DESCRIPTIONS["c_township"]["title"][0]
    assert "中学" in DESCRIPTIONS["d_school"]["title"][0] and "医院" in DESCRIPTIONS["e_hospital"]["title"][0]
    f = DESCRIPTIONS["f_form_style"]
    labels = [pair[0] for pair in f["front_matter"]]
    assert {"部门（单位）名称", "主管部门", "评价方式", "填报日期"} <= set(labels)
    assert ["项目", "年初预算数", "全年预算数", "全年执行数", "执行率"] in [t[0] for t in od.expected_tables(f)]
    assert f["title"] == ["2024年度部门整体支出绩效自评报告"]  # the unit is not in the title at all
    g = DESCRIPTIONS["g_nested_lists"]
    shape = [(b.kind, b.level) for b in od.blocks(g) if isinstance(b, od.Para) and b.kind in ("heading", "item")]
    for level in (2, 3, 4):  # a list right inside a section of each level
        assert any(shape[i] == ("heading", level) and shape[i + 2][0] == "item" or
                   shape[i] == ("heading", level) and shape[i + 1][0] == "item" for i in range(len(shape) - 2)), level
    assert "inline_list" in kinds(g) and "list" in kinds(g)
    h = DESCRIPTIONS["h_unit_own_line"]
    assert h["label"] == "附件3" and h["title"][1] == "2024年度整体支出绩效自评报告"
    assert len(DESCRIPTIONS["d_school"]["title"]) == 3
    with_funds = {n for n, d in DESCRIPTIONS.items() if "funds" in kinds(d)}
    assert 2 <= len(with_funds) < len(DESCRIPTIONS)
    assert "funds" not in kinds(h) and "table" not in kinds(h)
    assert sum("honours" in kinds(d) for d in DESCRIPTIONS.values()) >= 2
    assert sum("lead" in kinds(d) for d in DESCRIPTIONS.values()) >= 4


@pytest.mark.parametrize("name", NAMES)
def test_each_report_is_of_published_size(name):
    paragraphs = od.expected_paragraphs(DESCRIPTIONS[name])
    assert 40 <= len(paragraphs) <= 120
    assert all(p == p.strip() and "  " not in p for p in paragraphs)


def rate(part: str, whole: str, places: str = "0.01") -> str:
    return str((Decimal(part) / Decimal(whole) * 100).quantize(Decimal(places), ROUND_HALF_UP)) + "%"


@pytest.mark.parametrize("name", NAMES)
def test_table_figures_add_up(name):
    """执行率 = 执行数 / 预算数, 得分率 = 得分 / 分值, 占比 = 金额 / 合计, 合计 = the sum (half-up, 2 places)."""
    for header, *rows in od.expected_tables(DESCRIPTIONS[name]):
        col = {h: i for i, h in enumerate(header)}
        for row in rows:
            if "执行率" in col:
                budget = row[col.get("全年预算数", col.get("预算数"))]
                actual = row[col.get("全年执行数", col.get("实际支出数"))]
                assert row[col["执行率"]] == rate(actual, budget), row
            if "得分率" in col:
                assert row[col["得分率"]] == rate(row[col["得分"]], row[col["分值"]]), row
            if "占支出总额比例" in col:
                assert row[col["占支出总额比例"]] == rate(row[col["金额"]], rows[-1][col["金额"]]), row
        total = [r for r in rows if r[0] == "合计"]
        sums = [c for c in ("分值", "得分", "预算数", "实际支出数") if c in col]
        if total and sums and "其中" not in "".join(r[0] for r in rows):
            for c in sums:
                parts = sum(Decimal(r[col[c]]) for r in rows if r[0] != "合计")
                assert parts == Decimal(total[0][col[c]]), (c, parts)


def test_budget_table_of_the_form_adds_up():
    (budget, _) = od.expected_tables(DESCRIPTIONS["f_form_style"])
    num = {r[0]: [Decimal(x) for x in r[1:4]] for r in budget[1:]}
    add = lambda *keys: [sum(v) for v in zip(*(num[k] for k in keys))]  # noqa: E731
    assert add("基本支出", "项目支出") == num["合计"]
    assert add("其中：人员经费", "公用经费") == num["基本支出"]
    assert add("其中：老干部活动经费", "老干部活动中心维护改造", "老年大学办学经费") == num["项目支出"]


# --- the helper's numbering and checks ---------------------------------------------------------------


SMALL = {
    "label": "附件3", "title": ["某某局", "2024年度整体支出绩效自评报告"],
    "front_matter": [["部门（单位）名称", "某某局"]],
    "plain": {"numbers": {"h2": "({})", "h3": "{}．", "list": "{} 、"}},
    "body": [{"h1": "基本情况"}, {"h2": "职能"}, {"h3": "甲"}, {"h4": "乙"}, {"list": ["a；", "b。"]},
             {"h4": "丙"}, {"list": {"number": "（1）", "items": ["c", "d"]}}, {"h2": "人员"},
             {"inline_list": {"lead": "社会管理方面", "items": ["e；", "f。"]}}, {"lead": ["公共服务方面", "g。"]},
             {"funds": {"total": "10.50", "basic": "4.00", "project": "6.50",
                        "items": [["甲支出", "2.50"], ["乙支出", "4.00"]], "after": "按规定使用。"}},
             {"table": {"header": ["项目", "金额"], "rows": [["合计", "10.50"]]}},
             *({"h1": f"第{n}部分"} for n in range(2, 12)), {"h2": "荣誉"}, {"honours": ["h"]},
             {"sign": ["某某局", "2025年3月20日"]}],
}


def test_numbers_as_the_template_prints_them():
    assert od.expected_paragraphs(SMALL) == [
        "附件3", "某某局", "2024年度整体支出绩效自评报告", "部门（单位）名称：某某局",
        "一、基本情况", "（一）职能", "1.甲", "（1）乙", "1、a；", "2、b。", "（2）丙", "（1）c", "（2）d",
        "（二）人员", "社会管理方面：1、e；2、f。", "公共服务方面：g。",
        "整体支出本年度决算金额为10.50万元，基本支出4.00万元，项目支出6.50万元，其中甲支出2.50万元，"
        "乙支出4.00万元。按规定使用。",
        "二、第2部分", "三、第3部分", "四、第4部分", "五、第5部分", "六、第6部分", "七、第7部分", "八、第8部分",
        "九、第9部分", "十、第10部分", "十一、第11部分", "（一）荣誉", "1、h", "某某局", "2025年3月20日"]
    typed = od.typed_paragraphs(SMALL)
    assert typed[5:10] == ["(一)职能", "1．甲", "（1）乙", "1 、a；", "2 、b。"]
    assert typed[14] == "社会管理方面：1 、e；2 、f。"
    assert od.expected_tables(SMALL) == [[["项目", "金额"], ["合计", "10.50"]]]
    paras = [b for b in od.blocks(SMALL) if isinstance(b, od.Para)]
    assert [b.block for b in paras][:5] == ["label", "title", "title", "front_matter", "h1"]
    assert [b.printed for b in paras if b.block == "funds"] == [od.expected_paragraphs(SMALL)[16]]
    assert [(b.kind, b.level) for b in paras if b.block in ("h3", "honours")] == [("heading", 3), ("item", 0)]
    assert [od.chinese(n) for n in (1, 9, 10, 11, 19, 20, 21, 99)] == \
        ["一", "九", "十", "十一", "十九", "二十", "二十一", "九十九"]


@pytest.mark.parametrize("change, message", [
    (lambda d: d["body"].append({"h3": "跳级"}), "a heading level is skipped"),
    (lambda d: d.update(colour="red"), "unknown keys"),
    (lambda d: d["body"].append({"funds": {"total": "10.00", "basic": "4.00", "project": "6.50"}}),
     "not total 10.00"),
    (lambda d: d["body"].append({"funds": {"total": "10.50", "basic": "4.00", "project": "6.50",
                                           "items": [["甲支出", "6.00"]]}}), "add up to 6.00"),
    (lambda d: d["body"].append({"funds": {"total": 10.5, "basic": "4.00", "project": "6.50"}}), "quoted"),
    (lambda d: d["body"].append({"table": {"header": ["a", "b"], "rows": [["1"]]}}), "2 cells"),
    (lambda d: d["body"].append({"para": "x"}), "one-key mapping"),
    (lambda d: d["plain"].update(bold=[5]), "heading levels 1..4"),
])
def test_a_wrong_description_is_refused(change, message):
    import copy

    desc = copy.deepcopy(SMALL)
    desc["body"].append({"h1": "末"})  # so that an "h3" appended now skips level 2
    change(desc)
    with pytest.raises(od.DescriptionError, match=re.escape(message)):
        od.blocks(desc)


# --- the Word files, read back with python-docx ------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("outlines")
    return {n: (od.build_plain(d, out / f"{n}_plain.docx"), od.build_styled(d, out / f"{n}_styled.docx"))
            for n, d in DESCRIPTIONS.items()}


def body_paragraphs(document) -> list:
    return [p for p in document.paragraphs if p.text.strip()]


def num_pr(paragraph):
    ppr = paragraph._p.pPr
    return None if ppr is None else ppr.find(qn("w:numPr"))


def check_tables(document, desc):
    assert [[[c.text for c in row.cells] for row in t.rows] for t in document.tables] == od.expected_tables(desc)
    for t, table in zip(document.tables, [b for b in od.blocks(desc) if isinstance(b, od.Table)]):
        tbl_w = t._tbl.tblPr.find(qn("w:tblW"))
        assert (tbl_w.get(qn("w:type")), tbl_w.get(qn("w:w"))) == ("dxa", str(od.TEXT_WIDTH))
        assert [int(g.get(qn("w:w"))) for g in t._tbl.tblGrid.findall(qn("w:gridCol"))] == table.widths
        for row in t.rows:
            assert [(tc.tcPr.find(qn("w:tcW")).get(qn("w:type")), int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))))
                    for tc in row._tr.tc_lst] == [("dxa", w) for w in table.widths]
        assert t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


@pytest.mark.parametrize("name", NAMES)
def test_plain_file_types_every_number(name, built):
    desc = DESCRIPTIONS[name]
    document = docx.Document(str(built[name][0]))
    paragraphs = body_paragraphs(document)
    assert [p.text for p in paragraphs] == od.typed_paragraphs(desc)
    assert all(num_pr(p) is None and p.style.name == "Normal" for p in document.paragraphs)
    bold_levels = set((desc.get("plain") or {}).get("bold", [1, 2]))
    for p, b in zip(paragraphs, [b for b in od.blocks(desc) if isinstance(b, od.Para)]):
        if b.kind == "heading":
            assert all(bool(r.bold) == (b.level in bold_levels) for r in p.runs), p.text
            assert {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in p.runs} == {od.HEADING_FONTS[b.level]}
    check_tables(document, desc)


@pytest.mark.parametrize("name", NAMES)
def test_styled_file_types_no_number(name, built):
    desc = DESCRIPTIONS[name]
    document = docx.Document(str(built[name][1]))
    by_style = (desc.get("styled") or {}).get("numbering") == "style"
    paras = [b for b in od.blocks(desc) if isinstance(b, od.Para)]
    paragraphs = body_paragraphs(document)
    assert [p.text for p in paragraphs] == [b.printed[len(b.number):] for b in paras]
    list_nums = set()
    for p, b in zip(paragraphs, paras):
        if b.kind == "heading":
            assert p.style.name == f"Heading {b.level}"
            pr = num_pr(p) if not by_style else p.style.element.pPr.find(qn("w:numPr"))
            assert (pr.find(qn("w:ilvl")).get(qn("w:val")), pr.find(qn("w:numId")).get(qn("w:val"))) == \
                (str(b.level - 1), str(od.HEADING_NUM_ID))
            assert (num_pr(p) is None) == by_style
        elif b.kind == "item":
            assert p.style.name == "List Paragraph"
            list_nums.add((num_pr(p).find(qn("w:numId")).get(qn("w:val")), b.list_id))
        else:
            assert num_pr(p) is None
    assert len({n for n, _ in list_nums}) == len({i for _, i in list_nums}) == len(list_nums)  # one w:num a list
    numbering = document.part.numbering_part.element
    (heading_list,) = [a for a in numbering.findall(qn("w:abstractNum"))
                       if a.get(qn("w:abstractNumId")) == str(od.HEADING_NUM_ID)]
    levels = [(lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")))
              for lvl in heading_list.findall(qn("w:lvl"))]
    assert levels == [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."), ("decimal", "（%4）")]
    check_tables(document, desc)


# --- the Word files as LibreOffice shows them ---------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_text(built, tmp_path_factory) -> dict[Path, list[str]]:
    """Every built file converted to text by one soffice run (private profile); {docx: lines}."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("soffice (LibreOffice) is not installed: run `make setup`")
    work = tmp_path_factory.mktemp("lo_outlines")
    files = [p for pair in built.values() for p in pair]
    cmd = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(work / "txt"), *map(str, files)]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"soffice did not finish within {CONVERT_TIMEOUT} s: {exc.stderr!r}")
    assert result.returncode == 0, result.stderr
    out = {}
    for f in files:
        txt = work / "txt" / f"{f.stem}.txt"
        assert txt.is_file(), f"no text for {f.name}:\n{result.stdout}\n{result.stderr}"
        lines = txt.read_text(encoding="utf-8-sig").splitlines()
        out[f] = [squeeze(line) for line in lines if squeeze(line)]
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_shows_the_plain_file_as_typed(name, built, libreoffice_text):
    assert libreoffice_text[built[name][0]] == flat(od.typed_document(DESCRIPTIONS[name]))


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_numbers_the_styled_file_as_expected(name, built, libreoffice_text):
    """Word's automatic numbering, as LibreOffice lays it out, gives exactly the expected numbers."""
    assert libreoffice_text[built[name][1]] == flat(od.expected_document(DESCRIPTIONS[name]))
