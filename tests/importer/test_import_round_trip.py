"""``docgen import`` of the 2020 reference report: the four sections of 2020, as the general outline.

A plainly typed Word file of the reference text, and the same with Word's automatic numbering,
each imported → written as YAML → read back and validated, must give the content of
content/2020.yaml in the general outline (:func:`docgen.content.legacy.to_report`): the four
sections with the same blocks, and print every paragraph of the reference again (``printed.py``;
the end-to-end test through the render is the renderer's).
"""

from __future__ import annotations

import difflib
import re

import pytest

from helpers import CONTENT, normalise
from printed import printed_paragraphs
from word_files import build_reference_docx, doc_with, reference_lines
from docgen.content.legacy import LegacyReport, to_report
from docgen.content.load import load_content, parse_yaml
from docgen.content.validation import validate
from docgen.importer import import_docx, to_yaml


def _squash(value):
    """Content data with whitespace removed from every string (the allowed difference)."""
    if isinstance(value, dict):
        return {k: _squash(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_squash(v) for v in value]
    if isinstance(value, str):
        return re.sub(r"\s+", "", value)
    return value


def _read_back(imported):
    return validate(parse_yaml(to_yaml(imported), "2020.yaml"))


def _expected_reference() -> list[str]:
    paras = [line.replace("[bookmark: _GoBack]", "") for line in reference_lines()]
    # The one intended wording difference: the template writes "，其中" where the original lacks the comma.
    return [normalise(p).replace("万元其中", "万元，其中") for p in paras]


def _diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(difflib.unified_diff(expected, actual, "expected", "imported", lineterm="", n=1))


@pytest.fixture(scope="module")
def content_2020():
    """content/2020.yaml as the general outline (the four-section file, converted by the model)."""
    data = load_content(CONTENT / "2020.yaml").data
    if "content" in data:  # already in the general format
        return validate(load_content(CONTENT / "2020.yaml"))
    return to_report(LegacyReport.model_validate(data))


@pytest.mark.parametrize("automatic", [False, True], ids=["typed-numbers", "word-numbering"])
def test_the_2020_reference_imports_as_its_four_sections(tmp_path, automatic, content_2020):
    source = build_reference_docx(tmp_path / "report.docx", automatic=automatic)
    imported = import_docx(source, district="开福区")
    report = _read_back(imported)
    assert (report.year, report.unit.name, report.unit.district) == (2020, "清水塘街道", "开福区")
    assert report.title is None and report.kind == "整体支出绩效评价报告"  # the template's own title
    got = _squash(report.model_dump(mode="json")["content"])
    want = _squash(content_2020.model_dump(mode="json")["content"])
    assert got == want
    kinds = [[next(iter(b)) if isinstance(b, dict) else "text" for b in s["content"]] for s in got]
    assert kinds == [["text", "list", "text", "indicators", "text", "indicators"], ["funds"],
                     ["text"] + ["lead"] * 7, ["honours"]]
    assert [normalise(p) for p in printed_paragraphs(report)] == _expected_reference(), \
        _diff(_expected_reference(), [normalise(p) for p in printed_paragraphs(report)])
    assert [n for n in imported.notes if n.level == "warning"] == []
    # the 1、2、2 slip of the original is reported, and numbered 1、2、3 from now on
    slip = [n for n in imported.notes if "1、2、2" in n.message]
    assert len(slip) == 1 and slip[0].excerpt.startswith("公共安全-综治方面")
    assert any("万元其中" in n.message for n in imported.notes)  # the comma the template adds


def test_paragraphs_the_2020_outline_lacks_are_kept_in_order(tmp_path):
    def edit(lines):
        lines = list(lines)
        lines.insert(1, "（2021年3月）")                                   # between title and 一、
        at = next(i for i, line in enumerate(lines) if line.startswith("经济发展方面"))
        lines.insert(at, "以上工作得到了上级肯定。")                      # after an area of items
        lines.append("五、存在的问题及改进措施")                            # a fifth section
        lines.append("部分项目进度偏慢，下一步加快推进。")
        return lines

    source = build_reference_docx(tmp_path / "extra.docx", edit=edit)
    report = _read_back(import_docx(source, district="开福区"))
    printed = [normalise(p) for p in printed_paragraphs(report)]
    want = [normalise(line.replace("[bookmark: _GoBack]", "")).replace("万元其中", "万元，其中")
            for line in edit(reference_lines())]
    assert printed == want, _diff(want, printed)
    assert report.content[0] == "（2021年3月）"                  # before 一、, at the head of the body
    assert [s.heading for s in report.content[1:]][-1] == "存在的问题及改进措施"
    assert report.content[-1].content == ["部分项目进度偏慢，下一步加快推进。"]


def test_a_title_broken_over_lines_in_one_paragraph_is_read_whole(tmp_path):
    """A long title broken with <w:br/> is one paragraph: the template's own title, not stored."""
    source = doc_with(["2020年度长沙市开福区清水塘街道办事处\n整体支出绩效评价报告", "一、整体支出概况", "正文。"],
                      tmp_path / "long.docx")
    imported = import_docx(source)
    report = _read_back(imported)
    assert report.unit.name == "长沙市开福区清水塘街道办事处" and report.title is None
    assert report.unit.district == "开福区"  # the 区 in the name; 长沙市 is the city


def test_yaml_is_readable_block_style_with_comments(tmp_path):
    text = to_yaml(import_docx(build_reference_docx(tmp_path / "r.docx"), district="开福区"))
    assert "\\u" not in text and "清水塘街道" in text
    assert re.search(r"^  - heading: 整体支出概况  # 一、$", text, re.M)
    assert re.search(r"^  - heading: 其他需要说明事宜  # 四、$", text, re.M)
    assert re.search(r"^ +amount: 146\.4$", text, re.M) and re.search(r"^ +amount: 70$", text, re.M)
    assert re.search(r"^ +final_total: 5005\.93$", text, re.M)
    assert not re.search(r":\s*[\[{]", text)  # no flow style
    assert re.search(r"^year: 2020 +# 报告年度$", text, re.M)
    assert "      - lead: 公共服务方面\n        text: 坚决保障群众利益。" in text



def test_cli_writes_content_and_never_overwrites_without_force(tmp_path):
    from click.testing import CliRunner

    from docgen.cli import cli

    source = build_reference_docx(tmp_path / "r.docx")
    content = tmp_path / "content"
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(source), "--district", "开福区", "--content", str(content)])
    assert result.exit_code == 0, result.output
    path = content / "2020.yaml"
    first = path.read_bytes()
    path.write_text("# 我改过的内容\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(source), "--content", str(content)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "# 我改过的内容\n"
    result = runner.invoke(cli, ["import", str(source), "--district", "开福区", "--content", str(content), "--force"])
    assert result.exit_code == 0 and path.read_bytes() == first  # deterministic
