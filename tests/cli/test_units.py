"""Many units in one workspace: ``content/<unit>/<year>.yaml`` beside the one-unit layout.

A finance bureau or an evaluation firm keeps the reports of many units in one
project; each unit is a folder, its reports go to ``out/<unit>/<year>/``, and
``render --all`` covers every unit and year with one summary.  The one-unit layout
(``content/<year>.yaml`` → ``out/<year>/``) keeps working beside it.
"""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.paths import ReportFile, find_reports
from helpers import CONTENT, DATA, TEMPLATE, docx_paragraphs

QST = "2020年度清水塘街道整体支出绩效评价报告.docx"
WYH = "2021年度望月湖街道办事处整体支出绩效评价报告.docx"


def run(*args):
    return CliRunner().invoke(cli, [*args], catch_exceptions=False)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """One report in the one-unit layout, two units in folders (one of them with a broken year)."""
    content = tmp_path / "content"
    (content / "清水塘街道").mkdir(parents=True)
    (content / "望月湖街道").mkdir()
    shutil.copy(CONTENT / "2020.yaml", content / "2020.yaml")
    shutil.copy(CONTENT / "2020.yaml", content / "清水塘街道" / "2020.yaml")
    shutil.copy(DATA / "generality" / "2021.yaml", content / "望月湖街道" / "2021.yaml")
    (content / "notes").mkdir()  # a folder with no year files is not a unit
    (content / "notes" / "readme.txt").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_find_reports_sees_both_layouts(workspace):
    assert find_reports(workspace / "content") == [
        ReportFile("", 2020), ReportFile("望月湖街道", 2021), ReportFile("清水塘街道", 2020)]
    assert find_reports(workspace / "content", "清水塘街道") == [ReportFile("清水塘街道", 2020)]
    assert ReportFile("清水塘街道", 2020).label == "清水塘街道 2020" and ReportFile("", 2020).label == "2020"


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_render_all_covers_every_unit_and_year(workspace, jobs):
    result = run("render", "--all", "--jobs", jobs, "--template", str(TEMPLATE))
    assert result.exit_code == 0, result.output
    expected = ["out/2020/" + QST, "out/望月湖街道/2021/" + WYH, "out/清水塘街道/2020/" + QST]
    assert result.stdout.splitlines() == expected
    assert "共 3 份，全部生成" in result.stderr and "清水塘街道 2020" in result.stderr
    # a unit's report is the same document as the one-unit layout's
    assert docx_paragraphs(workspace / expected[2]) == docx_paragraphs(workspace / expected[0])
    assert any("望月湖" in p for p in docx_paragraphs(workspace / expected[1]))


def test_one_unit_and_its_failure_are_named(workspace):
    bad = workspace / "content" / "望月湖街道" / "2021.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("basic: ", "basic: 1", 1), encoding="utf-8")
    result = run("render", "--all", "--jobs", "1", "--template", str(TEMPLATE))
    assert result.exit_code == 1
    assert (workspace / "out" / "清水塘街道" / "2020" / QST).is_file()
    assert not (workspace / "out" / "望月湖街道").exists()
    assert "望月湖街道 2021：失败" in result.stderr
    assert "content/望月湖街道/2021.yaml:" in result.stderr  # located in the unit's file


def test_render_all_of_one_unit(workspace):
    result = run("render", "--all", "--unit", "清水塘街道", "--jobs", "1", "--template", str(TEMPLATE))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["out/清水塘街道/2020/" + QST]


def test_render_check_new_diff_of_one_unit(workspace):
    result = run("render", "2020", "--unit", "清水塘街道", "--template", str(TEMPLATE))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "out/清水塘街道/2020/" + QST
    assert run("check", "2021", "--unit", "望月湖街道").exit_code == 0
    created = run("new", "2021", "--from", "2020", "--unit", "清水塘街道")
    assert created.exit_code == 0, created.output
    assert (workspace / "content" / "清水塘街道" / "2021.yaml").is_file()
    assert not (workspace / "content" / "2021.yaml").exists()
    # 2021 is still 待填: diff says so for the unit's file
    diffed = run("diff", "2020", "2021", "--unit", "清水塘街道")
    assert diffed.exit_code == 1 and "content/清水塘街道/2021.yaml:" in diffed.stderr


def test_a_workspace_of_units_asks_which(workspace):
    (workspace / "content" / "2020.yaml").unlink()
    result = run("render", "2020", "--template", str(TEMPLATE))
    assert result.exit_code == 2
    assert "请指明单位" in result.stderr and "--unit 望月湖街道" in result.stderr
    assert "清水塘街道" in result.stderr


@pytest.mark.parametrize("unit", ["../etc", "a/b", "..", "", "x\ty"])
def test_unit_is_a_folder_name_never_a_path(workspace, unit):
    result = run("render", "2020", "--unit", unit, "--template", str(TEMPLATE))
    assert result.exit_code == 2
    assert "不是单位文件夹的名称" in result.output
    assert not (workspace / "out").exists()


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_render_all_with_xlsx_writes_each_units_form(workspace, jobs):
    """``render --all --xlsx``: the 自评表 of every report that has one, beside its .docx; the others warn."""
    import openpyxl

    form = DATA / "self_evaluation" / "a_qingshuitang_2020.yaml"
    shutil.copy(form, workspace / "content" / "清水塘街道" / "2020.yaml")
    result = run("render", "--all", "--xlsx", "--jobs", jobs, "--template", str(TEMPLATE))
    assert result.exit_code == 0, result.output
    xlsx = workspace / "out" / "清水塘街道" / "2020" / "2020年度清水塘街道整体支出绩效自评表.xlsx"
    assert f"out/清水塘街道/2020/{xlsx.name}" in result.stdout.splitlines()
    sheet = openpyxl.load_workbook(xlsx).active
    assert sheet["A1"].value == "2020年度清水塘街道整体支出绩效自评表"
    assert not list((workspace / "out" / "2020").glob("*.xlsx"))  # the reports without a 自评表
    assert not list((workspace / "out" / "望月湖街道" / "2021").glob("*.xlsx"))
    assert [p for p in result.stdout.splitlines() if p.endswith(".xlsx")] == [f"out/清水塘街道/2020/{xlsx.name}"]
