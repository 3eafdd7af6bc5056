"""Issue 6: ``docgen import report.docx`` turns last year's Word report into content.

The round trips are the proof: the .docx docgen rendered, a plainly typed Word
file of the reference text, and the same with Word's automatic numbering, each
imported → written as YAML → rendered, must give the reference text again.
"""

from __future__ import annotations

import difflib
import re
from copy import deepcopy
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CONTENT, TEMPLATE, docx_paragraphs, normalise
from word_files import build_reference_docx, reference_lines
from docgen.cli import cli
from docgen.content.load import load_content
from docgen.content.validation import validate
from docgen.docx.reader import read_docx
from docgen.importer import import_docx, to_yaml, write_content
from docgen.pipeline import render_year


def _expected_reference() -> list[str]:
    paras = [line.replace("[bookmark: _GoBack]", "") for line in reference_lines()]
    # The one intended wording difference: the template writes "，其中" where the original lacks the comma.
    return [normalise(p).replace("万元其中", "万元，其中") for p in paras]


def _render(imported, tmp_path: Path) -> list[str]:
    content = tmp_path / "content"
    write_content(imported, content / f"{imported.year}.yaml")
    result = render_year(imported.year, content_dir=content, out_root=tmp_path / "out", template=TEMPLATE)
    return [normalise(p) for p in docx_paragraphs(result.paths[0]) if p.strip()]


def _diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(difflib.unified_diff(expected, actual, "expected", "imported+rendered", lineterm="", n=1))


def _squash(value):
    """Content data with whitespace removed from every string (the allowed difference)."""
    if isinstance(value, dict):
        return {k: _squash(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_squash(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    return value


def _content_2020() -> dict:
    data = deepcopy(load_content(CONTENT / "2020.yaml").data)
    return _squash(data)


def _comparable(imported_data: dict) -> dict:
    data = deepcopy(imported_data)
    assert data["funds"].pop("project_total") == Decimal("2488.12")
    return _squash(data)


# ------------------------------------------------------------------ round trips


def test_round_trip_of_the_docx_docgen_rendered(rendered_2020, tmp_path):
    imported = import_docx(rendered_2020, district="开福区")
    assert _comparable(imported.data) == _content_2020()
    assert [n for n in imported.notes if n.level == "warning"] == []
    got = _render(imported, tmp_path)
    want = [normalise(p) for p in docx_paragraphs(rendered_2020) if p.strip()]
    assert got == want, _diff(want, got)


@pytest.mark.parametrize("automatic", [False, True], ids=["typed-numbers", "word-numbering"])
def test_round_trip_of_a_plain_word_file_of_the_reference(tmp_path, automatic):
    source = build_reference_docx(tmp_path / "report.docx", automatic=automatic)
    imported = import_docx(source, district="开福区")
    assert _comparable(imported.data) == _content_2020()
    got = _render(imported, tmp_path)
    assert got == _expected_reference(), _diff(_expected_reference(), got)
    # the 1、2、2 slip of the original is reported, and numbered 1、2、3 from now on
    slip = [n for n in imported.notes if "1、2、2" in n.message]
    assert len(slip) == 1 and slip[0].excerpt.startswith("公共安全-综治方面")
    assert imported.data["achievements"]["areas"][6]["items"][2].startswith("深入推进人武工作")


# ------------------------------------------------------------------ nothing lost


def test_what_cannot_be_placed_is_kept_and_reported(tmp_path):
    def edit(lines):
        lines = list(lines)
        lines.insert(1, "（2021年3月）")                                   # between title and 一、
        at = next(i for i, line in enumerate(lines) if line.startswith("经济发展方面"))
        lines.insert(at, "以上工作得到了上级肯定。")                      # after an area of items
        lines.append("清水塘街道办事处")                                   # after the honours
        lines.append("五、存在的问题及改进措施")                            # a section the template lacks
        lines.append("部分项目进度偏慢，下一步加快推进。")
        return lines

    source = build_reference_docx(tmp_path / "extra.docx", edit=edit)
    imported = import_docx(source, district="开福区")
    d = imported.data
    assert d["overview"]["basis"].startswith("（2021年3月）\n参照区")
    assert d["achievements"]["areas"][1]["items"][-1].endswith("40人次，\n以上工作得到了上级肯定。")
    assert d["other"]["paragraphs"] == ["清水塘街道办事处", "五、存在的问题及改进措施",
                                        "部分项目进度偏慢，下一步加快推进。"]
    by_para = {n.para: n for n in imported.notes if n.para}
    paras = [p.full_text.strip() for p in read_docx(source).paragraphs if p.full_text.strip()]
    for text, field in (("（2021年3月）", "overview.basis"), ("以上工作得到了上级肯定。", "achievements.areas[2].items[6]"),
                        ("清水塘街道办事处", "other.paragraphs[1]"), ("五、存在的问题及改进措施", "other.paragraphs[2]"),
                        ("部分项目进度偏慢，下一步加快推进。", "other.paragraphs[3]")):
        no = paras.index(text) + 1
        assert no in by_para, f"paragraph {no} {text} not reported"
        assert field in by_para[no].message and by_para[no].level == "warning"
    # and every paragraph of the document comes out of the render again: nothing silently lost
    rendered = "".join(_render(imported, tmp_path))
    for text in paras:
        assert normalise(text).replace("万元其中", "万元，其中") in rendered, f"lost: {text[:30]}"


def test_a_long_title_broken_over_lines_is_read_whole(tmp_path):
    """docgen breaks a long title with <w:br/>; the import must join it again."""
    long_unit = "长沙市开福区清水塘街道办事处及所属四个社区"
    content = tmp_path / "content"
    content.mkdir()
    text = (CONTENT / "2020.yaml").read_text(encoding="utf-8")
    (content / "2020.yaml").write_text(text.replace("name: 清水塘街道", f"name: {long_unit}", 1), encoding="utf-8")
    rendered = render_year(2020, content_dir=content, out_root=tmp_path / "out", template=TEMPLATE).paths[0]
    assert "\n" in docx_paragraphs(rendered)[0]  # really broken over lines
    imported = import_docx(rendered)
    assert imported.data["unit"]["name"] == long_unit
    assert imported.data["unit"]["district"] == "开福区"  # the 区 in the name; 长沙市 is the city
    assert not [n for n in imported.notes if "标题" in n.message]


# ------------------------------------------------------------------ the command and its output


def test_cli_writes_content_and_never_overwrites_without_force(tmp_path, rendered_2020):
    content = tmp_path / "content"
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(rendered_2020), "--district", "开福区", "--content", str(content)])
    assert result.exit_code == 0, result.output
    path = content / "2020.yaml"
    assert result.stdout.splitlines()[0] == str(path)
    assert "三、7 个方面" in result.stdout
    first = path.read_bytes()

    path.write_text("# 我改过的内容\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(rendered_2020), "--content", str(content)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "# 我改过的内容\n"
    assert not [p for p in content.iterdir() if p.name != "2020.yaml"]  # no temp file left

    result = runner.invoke(cli, ["import", str(rendered_2020), "--district", "开福区",
                                 "--content", str(content), "--force"])
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == first  # deterministic

    # and the project's own checker accepts it
    result = runner.invoke(cli, ["check", "2020", "--content", str(content)])
    assert result.exit_code == 0, result.output


def test_yaml_is_readable_block_style_with_section_comments(rendered_2020):
    text = to_yaml(import_docx(rendered_2020, district="开福区"))
    for heading in ("# 一、整体支出概况", "# 二、整体支出资金使用及管理情况", "# 三、", "# 四、其他需要说明事宜"):
        assert f"\n{heading}" in text
    assert "\\u" not in text and "清水塘街道" in text
    assert re.search(r"^      amount: 146\.4$", text, re.M) and re.search(r"^      amount: 70$", text, re.M)
    assert re.search(r"^  final_total: 5005\.93 ", text, re.M)
    assert not re.search(r":\s*[\[{]", text)  # no flow style
    assert "    - lead: 公共服务方面\n      text: 坚决保障群众利益。" in text


def test_imported_yaml_validates_with_the_model(tmp_path, rendered_2020):
    imported = import_docx(rendered_2020, district="开福区")
    diags = write_content(imported, tmp_path / "2020.yaml")
    assert not [d for d in diags if d.is_error]
    report = validate(load_content(tmp_path / "2020.yaml"))
    assert report.funds.projects[6].amount == Decimal("146.4")
    assert str(report.funds.projects[2].amount) == "70"
