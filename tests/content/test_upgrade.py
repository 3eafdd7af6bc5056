"""Issue 10 §2: ``docgen upgrade YEAR`` rewrites a four-section file in the general outline, losing nothing."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import CONTENT, DATA, FROZEN_CONTENT, TEMPLATE, project_with, run_cli
from docgen.body import printed_body
from docgen.content.load import load_content
from docgen.content.validation import validate


LEGACY_FORM = DATA / "self_evaluation" / "a_qingshuitang_2020.yaml"  # the four-section format, with a 自评表


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with(tmp_path, monkeypatch, FROZEN_CONTENT / "2020.yaml")


def comments(text: str) -> list[str]:
    """Every comment of a file (whole-line and end-of-line), in order, without its indentation."""
    return [m.group(1).strip() for m in re.finditer(r"(?:^|\s)(#[^\n]*)", text)]


def test_upgrade_makes_the_same_report_in_the_general_format(project):
    target = project / "content" / "2020.yaml"
    old_text = target.read_text(encoding="utf-8")
    result = run_cli("upgrade", "2020")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "content/2020.yaml"
    new_text = target.read_text(encoding="utf-8")
    assert (project / "content" / "2020.yaml.bak").read_text(encoding="utf-8") == old_text  # the backup
    data = load_content(target).data
    assert "content" in data and not {"overview", "funds", "achievements", "other"} & set(data)
    assert [s["heading"] for s in data["content"]] == ["整体支出概况", "整体支出资金使用及管理情况",
                                                      "2020年绩效目标完成情况", "其他需要说明事宜"]
    before = printed_body(validate(load_content(FROZEN_CONTENT / "2020.yaml")))
    after = printed_body(validate(load_content(target)))
    assert after == before and len(after) == 43
    # the same data as the shipped content/2020.yaml (written in the general format by hand)
    assert data == load_content(CONTENT / "2020.yaml").data
    # every comment is kept, in order
    assert comments(new_text) == comments(old_text)
    assert "# 决算总额：从财务系统抄录" in new_text
    assert run_cli("check", "2020").exit_code == 0
    rendered = run_cli("render", "2020", "--template", str(TEMPLATE), "--out", "out")
    assert rendered.exit_code == 0, rendered.output


def test_a_file_in_the_general_format_is_refused(project):
    assert run_cli("upgrade", "2020").exit_code == 0
    upgraded = (project / "content" / "2020.yaml").read_bytes()
    backup = (project / "content" / "2020.yaml.bak").read_bytes()
    again = run_cli("upgrade", "2020")
    assert again.exit_code == 1
    assert "已经是通用大纲格式" in again.stderr and "already in the general format" in again.stderr
    assert (project / "content" / "2020.yaml").read_bytes() == upgraded
    assert (project / "content" / "2020.yaml.bak").read_bytes() == backup  # not overwritten by the new format
    shutil.copy(CONTENT / "2020.yaml", project / "content" / "2020.yaml")
    assert run_cli("upgrade", "2020").exit_code == 1


def test_a_file_with_errors_is_refused_and_left_alone(project):
    target = project / "content" / "2020.yaml"
    text = target.read_text(encoding="utf-8").replace("basic: 2517.81", "basic: 待填")
    target.write_text(text, encoding="utf-8")
    result = run_cli("upgrade", "2020")
    assert result.exit_code == 1
    assert re.search(r"^content/2020\.yaml:\d+:\d+: funds\.basic: ", result.stderr, re.M)
    assert "未升级" in result.stderr
    assert target.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in target.parent.iterdir()) == ["2020.yaml"]


def test_crlf_is_kept(project):
    target = project / "content" / "2020.yaml"
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    assert run_cli("upgrade", "2020").exit_code == 0
    raw = target.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    assert printed_body(validate(load_content(target))) == printed_body(
        validate(load_content(FROZEN_CONTENT / "2020.yaml")))


def test_missing_year_is_a_usage_error(project):
    result = run_cli("upgrade", "2019")
    assert result.exit_code == 2
    assert not (project / "content" / "2019.yaml.bak").exists()


def test_a_conversion_that_would_print_differently_is_refused(project, monkeypatch):
    """The rewrite is compared with the original report item by item: a lost paragraph is caught."""
    import docgen.content.upgrade as upgrade

    convert = upgrade.upgrade_data

    def losing_a_paragraph(data):
        out = convert(data)
        del out["content"][0]["content"][2]  # the 产出指标 sentence
        return out

    monkeypatch.setattr(upgrade, "upgrade_data", losing_a_paragraph)
    target = project / "content" / "2020.yaml"
    old = target.read_bytes()
    result = run_cli("upgrade", "2020")
    assert result.exit_code == 1
    assert "升级后第 4 项内容与原文不同，未写入" in result.stderr
    assert target.read_bytes() == old and not (project / "content" / "2020.yaml.bak").exists()


def test_upgrade_keeps_the_comments_on_the_old_keys(tmp_path, monkeypatch):
    """"overview:  # …", the comment lines right below it, "paragraphs:  # …": a person wrote them."""
    text = LEGACY_FORM.read_text("utf-8")
    text = text.replace("\noverview:\n", "\noverview:  # 一、概况（2020 版）\n  # 依据和工作方面见下\n", 1)
    text = text.replace("\nfunds:\n", "\nfunds:  # 决算数据来自财务系统\n", 1)
    text = text.replace("\nachievements:\n", "\nachievements:  # 三、成绩\n", 1)
    text = text.replace("\nother:\n", "\nother:  # 四、其他\n", 1)
    text = text.replace("\n  paragraphs:\n", "\n  paragraphs:  # 每段一项\n", 1)
    assert text.count("#") > LEGACY_FORM.read_text("utf-8").count("#") + 5
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2020.yaml").write_text(text, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("upgrade", "2020")
    assert result.exit_code == 0, result.output
    out = (tmp_path / "content" / "2020.yaml").read_text("utf-8")
    for comment in ("一、概况（2020 版）", "依据和工作方面见下", "决算数据来自财务系统", "三、成绩", "四、其他", "每段一项"):
        assert comment in out, comment
