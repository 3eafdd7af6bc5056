"""Issue 10 §2: ``docgen new YEAR --outline NAME`` scaffolds a content file from a shipped outline."""

from __future__ import annotations

import re

import pytest
from docx import Document

from helpers import TEMPLATE, project_with, run_cli
from docgen.content.outlines import DEFAULT_OUTLINE, outline_names

#: Each shipped outline and its level-1 headings, as the template numbers them.
HEADINGS = {
    "街道整体支出": ["一、整体支出概况", "二、整体支出资金使用及管理情况", "三、2024年绩效目标完成情况",
                 "四、其他需要说明事宜"],
    "部门整体支出自评": ["一、部门（单位）基本情况", "二、一般公共预算支出情况", "三、部门整体支出绩效情况",
                   "四、存在的问题及原因分析", "五、下一步改进措施", "六、其他需要说明的情况"],
    "项目支出自评": ["一、基本情况", "二、绩效评价工作开展情况", "三、综合评价情况及评价结论", "四、绩效评价指标分析",
                 "五、主要经验及做法、存在的问题及原因分析", "六、有关建议", "七、其他需要说明的问题"],
}
SUBHEADINGS = {"部门整体支出自评": ["（一）部门职能", "（二）机构设置及人员情况", "（三）年度总体工作和重点工作任务",
                             "（四）部门整体支出绩效目标"]}
TODO = re.compile(r"^content/2024\.yaml:(\d+):\d+: (\S+): 待办", re.M)


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with(tmp_path, monkeypatch)


def placeholder_lines(text: str) -> list[int]:
    """Lines whose value (not comment) is 待填."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"^[^#]*(?::|-) 待填(\s|$)", line)]


def fill(text: str) -> str:
    """Every 待填 replaced by a plausible value: figures that add up (100 + 200 = 300), names, sentences."""
    out = []
    for line in text.splitlines():
        for key, value in [("final_total", "300"), ("basic", "100"), ("project_total", "200"), ("amount", "200"),
                           ("district", "开福区")]:
            line = re.sub(rf"^(\s*(?:- )?{key}): 待填", rf"\1: {value}", line)
        line = re.sub(r"^  name: 待填", "  name: 示例单位", line)
        line = re.sub(r"^(\s*- name): 待填", r"\1: 社会管理支出", line)
        line = re.sub(r"^(\s*- lead): 待填", r"\1: 公共服务方面", line)
        out.append(re.sub(r"(:|-) 待填(?=\s|$)", r"\1 本年度各项工作按计划推进，目标任务全部完成。", line))
    return "\n".join(out) + "\n"


def test_list_outlines():
    result = run_cli("new", "--list-outlines")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"{DEFAULT_OUTLINE}（默认 default）", "部门整体支出自评", "项目支出自评"]
    assert set(outline_names()) == set(HEADINGS)
    assert "部门整体支出自评" in run_cli("new", "--help").stdout


@pytest.mark.parametrize("name", list(HEADINGS))
def test_scaffold_lists_its_placeholders_then_renders_once_filled(project, name):
    result = run_cli("new", "2024", "--outline", name)
    assert result.exit_code == 0, result.output
    target = project / "content" / "2024.yaml"
    text = target.read_text(encoding="utf-8")
    assert "year: 2024" in text and "{year}" not in text

    # docgen check names every 待填, at its line, and fails
    check = run_cli("check", "2024")
    assert check.exit_code == 1
    todos = TODO.findall(check.stderr)
    assert sorted(int(line) for line, _ in todos) == placeholder_lines(text)
    assert any(f == "unit.name" for _, f in todos)  # the scaffold asked nothing: the unit is 待填 too

    # render refuses until it is filled; then it renders the outline's headings, numbered by the template
    assert run_cli("render", "2024", "--template", str(TEMPLATE), "--out", "out").exit_code == 1
    target.write_text(fill(text), encoding="utf-8")
    filled = run_cli("check", "2024")
    assert filled.exit_code == 0, filled.output
    rendered = run_cli("render", "2024", "--template", str(TEMPLATE), "--out", "out")
    assert rendered.exit_code == 0, rendered.output
    docx = project / rendered.stdout.strip().splitlines()[-1]
    paragraphs = [(p.style.name, p.text) for p in Document(docx).paragraphs if p.text]
    assert [t for s, t in paragraphs if s in ("Heading 1", "heading 1")] == HEADINGS[name]
    for sub in SUBHEADINGS.get(name, []):
        assert ("Heading 2", sub) in paragraphs or ("heading 2", sub) in paragraphs


def test_default_outline_and_no_overwrite(project):
    assert run_cli("new", "2024").exit_code == 0
    target = project / "content" / "2024.yaml"
    assert "（街道整体支出 大纲）" in target.read_text(encoding="utf-8")
    target.write_text("# mine\n", encoding="utf-8")
    again = run_cli("new", "2024", "--outline", "项目支出自评")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_text(encoding="utf-8") == "# mine\n"
    unknown = run_cli("new", "2025", "--outline", "学校")
    assert unknown.exit_code == 2 and "项目支出自评" in unknown.stderr
    assert not (project / "content" / "2025.yaml").exists()
    assert run_cli("new", "2025", "--outline", "项目支出自评", "--from", "2024").exit_code == 2
