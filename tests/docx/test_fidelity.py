"""Issue 2 §4: the rendered 2020 report says what the published report says, paragraph by paragraph."""

from __future__ import annotations

import difflib

from helpers import docx_paragraphs, normalise


def _diff(expected: list[str], actual: list[str]) -> str:
    return "\n".join(difflib.unified_diff(expected, actual, "reference", "rendered", lineterm="", n=1))


def test_every_reference_paragraph_in_order_and_nothing_else(rendered_2020, reference_paragraphs):
    actual = [p for p in docx_paragraphs(rendered_2020) if p.strip()]
    expected = [normalise(p) for p in reference_paragraphs]
    got = [normalise(p) for p in actual]
    # The one intended wording difference: the template writes "，其中" where the original lacks the comma.
    expected = [p.replace("万元其中", "万元，其中") for p in expected]
    assert got == expected, "rendered text differs from the reference:\n" + _diff(expected, got)


def test_numbering_is_generated_not_copied(rendered_2020):
    paras = docx_paragraphs(rendered_2020)
    zongzhi = next(p for p in paras if p.startswith("公共安全-综治方面"))
    # the original's 1、2、2 comes out 1、2、3, in one paragraph
    assert "1、全面加强法治建设" in zongzhi and "2、全力维护社会稳定" in zongzhi
    assert "3、深入推进人武工作" in zongzhi
    honours = [p for p in paras if p.endswith("网信工作先进单位")]
    assert honours == ["14、2020年开福区网信工作先进单位"]


def test_joined_items_stay_in_one_paragraph(rendered_2020):
    paras = docx_paragraphs(rendered_2020)
    shehui = [p for p in paras if p.startswith("社会管理方面：")]
    assert len(shehui) == 1
    for n in range(1, 7):
        assert f"{n}、" in shehui[0]
    assert "7、" not in shehui[0]


def test_funds_paragraph_is_made_from_figures(rendered_2020):
    paras = docx_paragraphs(rendered_2020)
    funds = next(p for p in paras if p.startswith("整体支出本年度决算金额"))
    assert funds.startswith("整体支出本年度决算金额为5005.93万元，基本支出2517.81万元，项目支出2488.12万元，其中社会管理支出521.58万元，")
    assert "卫健工作支出70万元，" in funds and "公共安全-综治支出146.4万元，" in funds
    assert "其他支出77.82万元。按照开福区" in funds
