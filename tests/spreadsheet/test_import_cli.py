"""Issue 12 §1–§4 on the command line: ``docgen import 自评表.xlsx --year …`` and ``render --xlsx``.

Run as users run it (the console script, in a scratch project).  A re-import changes only the
figures of ``self_evaluation``'s budget and indicator blocks, keeps every comment, and lists the
changes figure by figure; a sheet with errors writes nothing.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import openpyxl
import pytest

from docgen.content.load import load_content
from docgen.content.validation import validate_and_check
from docgen.spreadsheet.write import workbook_bytes
from helpers import DATA, ROOT
from hostile import first_error, run_docgen
from xlsx_forms import province_a

SOURCE = DATA / "self_evaluation" / "a_qingshuitang_2020.yaml"
COMMENTED = SOURCE.read_text("utf-8").replace(
    "      - name: 上年结转资金\n", "      # 上年结转资金：核对财务系统的结转表\n      - name: 上年结转资金\n").replace(
    "  total_score: 97.99", "  total_score: 97.99   # 自评小组复核")


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2020.yaml").write_text(COMMENTED, "utf-8")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def _own_xlsx(project: Path, edit=None) -> Path:
    report = validate_and_check(load_content(project / "content" / "2020.yaml")).report
    path = project / "自评表.xlsx"
    path.write_bytes(workbook_bytes(report))
    if edit:
        wb = openpyxl.load_workbook(path)
        edit(wb.active)
        wb.save(path)
    return path


def _changed_lines(old: str, new: str) -> list[str]:
    return [line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_reimport_changes_only_the_figures_and_lists_them(project):
    def edit(ws):
        ws["F18"] = 0.95                                 # 辖区居民满意度: 93% → 95% (still met)
        ws["I13"] = "受疫情影响用工需求下降；下一年度增开专场招聘会。"  # 新增就业人数's 偏差原因 rewritten
    xlsx = _own_xlsx(project, edit)
    proc = run_docgen(["import", "自评表.xlsx", "--year", "2020"], project)
    assert proc.returncode == 0, proc.stderr
    new = (project / "content" / "2020.yaml").read_text("utf-8")
    assert _changed_lines(COMMENTED, new) == [
        "-      deviation: 受疫情影响企业用工需求下降；下一年度加强与园区企业对接，增开专场招聘会。",
        "+      deviation: 受疫情影响用工需求下降；下一年度增开专场招聘会。",
        "-      actual: 93",
        "+      actual: 95",
    ]
    out = proc.stdout
    assert "content/2020.yaml" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if "辖区居民满意度" in line)
    assert [c.strip() for c in row.strip("│ ").split("│")] == ["辖区居民满意度", "实际完成值", "93", "95", "+2", "+2.15%"]
    row = next(line for line in out.splitlines() if "新增就业人数" in line)
    assert "偏差原因分析及改进措施" in row and "改写" in row
    # importing the same file again: nothing to change, nothing written
    before = (project / "content" / "2020.yaml").stat().st_mtime_ns
    again = run_docgen(["import", str(xlsx), "--year", "2020"], project)
    assert again.returncode == 0 and "没有改动" in again.stdout
    assert (project / "content" / "2020.yaml").stat().st_mtime_ns == before


def test_reimport_that_changes_the_total_names_what_the_report_says(project):
    def edit(ws):
        ws["F6"] = 4950.5           # 财政拨款 全年执行数
        ws["F5"] = 5055.93          # 年度资金总额 (docgen computes it: checked, not written)
        ws["H5"], ws["I5"], ws["H19"], ws["H20"] = 0.9686, 9.69, 9.69, 98.09
    _own_xlsx(project, edit)
    proc = run_docgen(["import", "自评表.xlsx", "--year", "2020"], project)
    assert proc.returncode == 1
    new = (project / "content" / "2020.yaml").read_text("utf-8")
    assert _changed_lines(COMMENTED, new) == [
        "-        executed: 4900.5", "+        executed: 4950.5",
        "-  total_score: 97.99   # 自评小组复核", "+  total_score: 98.09   # 自评小组复核"]
    err = proc.stderr.splitlines()
    assert err[0].startswith("content/2020.yaml:46:16: funds.final_total: 错误 error: 决算总额写的是 5005.93 万元，"
                             "但自评表的全年执行数（年度资金总额）是 5055.93 万元")
    assert any(line.startswith("content/2020.yaml:105:16: other.paragraphs[1]: 错误 error: 文中写“综合评分为97.99分”，"
                               "自评表的总分是 98.09 分") for line in err)
    assert "已写入 content/2020.yaml，但内容还有上面列出的错误" in proc.stderr


def test_a_sheet_with_errors_writes_nothing(project):
    _own_xlsx(project, lambda ws: ws.__setitem__("F13", "约460人"))
    proc = run_docgen(["import", "自评表.xlsx", "--year", "2020"], project)
    assert proc.returncode == 1
    assert first_error(proc) == ("自评表.xlsx:自评表!F13: indicators[2].actual: 错误 error: 指标性质为“≥”的定量指标，"
                                 "实际完成值应为数字，当前是“约460人”。must be a number")
    assert "没有写入任何文件" in proc.stderr
    assert (project / "content" / "2020.yaml").read_text("utf-8") == COMMENTED


def test_province_form_into_existing_content(project):
    province_a(project / "省表.xlsx")
    proc = run_docgen(["import", "省表.xlsx", "--year", "2020", "--dry-run"], project)
    # the report's own sentence states last figures: the merged content would not pass
    assert proc.returncode == 1
    assert first_error(proc).startswith("content/2020.yaml:105:16: other.paragraphs[1]: 错误 error: "
                                        "文中写“综合评分为97.99分”，自评表的总分是 95.49 分")
    assert "导入后 content/2020.yaml 会有上面列出的错误（没有写入）" in proc.stderr
    assert (project / "content" / "2020.yaml").read_text("utf-8") == COMMENTED  # --dry-run
    lines = [" ".join(c.strip() for c in line.strip("│ ").split("│") if c.strip())
             for line in proc.stdout.splitlines() if line.startswith("│")]
    assert "财政拨款 资金来源 删除" in lines and "当年财政拨款 资金来源 新增" in lines
    assert "网格化管理长效机制 指标性质 = 定性 改写" in lines
    assert "网格化管理长效机制 定性评价 — 部分达成 新增" in lines
    assert any(line.startswith("自评表 总分 97.99 95.49 -2.5") for line in lines)
    assert "省表.xlsx:Sheet1: 警告 warning: 表中写的年度是 2024，导入到 2020 年" in proc.stderr


def test_a_year_without_content_is_refused(project):
    xlsx = province_a(project / "省表.xlsx")
    proc = run_docgen(["import", str(xlsx), "--year", "2024"], project)
    assert proc.returncode == 2
    assert first_error(proc).startswith("content/2024.yaml: 错误 error: content/2024.yaml 不存在：自评表是报告的附件")
    assert "docgen new 2024 --from 2023" in proc.stderr
    assert not (project / "content" / "2024.yaml").exists()


def test_xls_refused_and_sheet_chosen(project):
    (project / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    proc = run_docgen(["import", "旧表.xls", "--year", "2020"], project)
    assert proc.returncode == 2
    assert "请在 Excel/WPS 中另存为 .xlsx" in first_error(proc)
    (project / "改名.xlsx").write_bytes((project / "旧表.xls").read_bytes())
    proc = run_docgen(["import", "改名.xlsx", "--year", "2020"], project)
    assert proc.returncode == 2 and "旧版 Excel 97-2003 工作簿（.xls）" in first_error(proc)
    path = province_a(project / "两表.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.copy_worksheet(wb["Sheet1"]).title = "备份"
    wb.save(path)
    proc = run_docgen(["import", "两表.xlsx", "--year", "2020", "--dry-run"], project)
    assert proc.returncode == 2 and "“Sheet1”、“备份”" in first_error(proc) and "--sheet" in proc.stderr
    proc = run_docgen(["import", "两表.xlsx", "--year", "2020", "--dry-run", "--sheet", "备份"], project)
    assert proc.returncode == 1 and "other.paragraphs[1]" in first_error(proc)  # read: the prose is last year's
    assert "工作表“备份”" in proc.stdout


def test_render_xlsx_writes_the_form_deterministically(project):
    proc = run_docgen(["render", "2020", "--xlsx"], project)
    assert proc.returncode == 0, proc.stderr
    xlsx = project / "out" / "2020" / "2020年度清水塘街道整体支出绩效自评表.xlsx"
    assert str(xlsx.relative_to(project)) in proc.stdout
    first = xlsx.read_bytes()
    assert run_docgen(["render", "2020", "--xlsx"], project).returncode == 0
    assert xlsx.read_bytes() == first
    ws = openpyxl.load_workbook(xlsx).active
    assert ws["H20"].value == 97.99 and ws["I20"].value == "自评等级：优"
    # content without a 自评表: a warning, the report rendered, no .xlsx
    text = COMMENTED.split("\nself_evaluation:")[0] + "\n"
    (project / "content" / "2020.yaml").write_text(text, "utf-8")
    xlsx.unlink()
    proc = run_docgen(["render", "2020", "--xlsx"], project)
    assert proc.returncode == 0 and not xlsx.exists()
    assert "内容中没有 self_evaluation（绩效自评表），没有生成 .xlsx" in proc.stderr


def test_a_content_file_whose_form_block_is_not_one_is_refused(project):
    province_a(project / "省表.xlsx")
    text = COMMENTED.split("\nself_evaluation:")[0] + "\nself_evaluation:\n  budget: 待填\n  indicators: []\n"
    (project / "content" / "2020.yaml").write_text(text, "utf-8")
    proc = run_docgen(["import", "省表.xlsx", "--year", "2020"], project)
    assert proc.returncode == 1
    assert first_error(proc).startswith("content/2020.yaml:124: self_evaluation.budget: 错误 error: "
                                        "self_evaluation.budget 的写法不是自评表的格式")
    assert (project / "content" / "2020.yaml").read_text("utf-8") == text
