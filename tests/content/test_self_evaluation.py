"""Issue 11: the 绩效自评表's arithmetic, against sums worked by hand here, and its rules.

The three filled forms under tests/data/self_evaluation/ (invented figures):
a 清水塘街道 2020 (通用: two indicators not met, a budget adjustment),
b 望月湖街道办事处 2021 (通用: execution over 100%, a qualitative indicator),
c 雨花区某某镇人民政府 2021 (the province profile 产出40/效益40, execution under 90%).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from docgen.content.load import load_content
from docgen.content.profiles import PROFILES
from docgen.content.scoring import evaluate, rate_text, record, score_text, within_band
from docgen.content.validation import validate_and_check
from helpers import DATA

FORMS = DATA / "self_evaluation"


def _validated(name: str):
    path = FORMS / name
    v = validate_and_check(load_content(path, str(path)))
    assert not v.errors, "\n".join(d.format() for d in v.errors)
    return v.report


def test_every_profile_adds_up_to_100_and_has_ordered_bands():
    assert len(PROFILES) >= 2
    for profile in PROFILES.values():
        assert profile.total_weight == 100, profile.key
        floors = [g.floor for g in profile.grades]
        assert floors == sorted(floors, reverse=True) and floors[-1] == 0
    # the province profile really weighs otherwise
    assert PROFILES["省级-产出40效益40"].weights != PROFILES["通用"].weights


def test_form_a_indicator_not_met_and_budget_adjusted():
    ev = evaluate(_validated("a_qingshuitang_2020.yaml").self_evaluation)
    # A = 5100 + 120 = 5220, B = 4900.5 + 105.43 = 5005.93, 执行率 = 5005.93 / 5220 = 0.958990…
    assert (ev.budget.initial, ev.budget.adjusted, ev.budget.executed) == (D("4800"), D("5220"), D("5005.93"))
    assert rate_text(ev.budget.rate) == "95.9%"          # 95.899… → 95.90 → "95.9%"
    assert ev.budget.score == D("9.59")                   # 10 × 0.958990… = 9.58990… → 9.59
    scores = [r.score for r in ev.indicators]
    # 覆盖率 met 15; 事故 ≤0 with 0 met 10; 就业 460/500 = 0.92 × 15 = 13.8; 公用经费 ≤120 with 125: 120/125 = 0.96 × 10 = 9.6
    # 安全感 96.2 ≥ 95 met 20; 长效机制 = 1 met 10; 满意度 93 ≥ 90 met 10
    assert scores == [D("15"), D("10"), D("13.8"), D("9.6"), D("20"), D("10"), D("10")]
    assert [r.met for r in ev.indicators] == [True, True, False, False, True, True, True]
    # 15 + 10 + 13.8 + 9.6 + 20 + 10 + 10 + 9.59 = 97.99
    assert ev.total == D("97.99") and ev.grade == "优"


def test_form_b_over_100_percent_and_qualitative():
    ev = evaluate(_validated("b_wangyuehu_2021.yaml").self_evaluation)
    # A = 4900 + 100 = 5000, B = 4980.83 + 96 = 5076.83: 101.5366% → "101.54%"; score capped: 10 × min(1.015…, 1) = 10
    assert ev.budget.rate == D("1.015366")
    assert rate_text(ev.budget.rate) == "101.54%"
    assert ev.budget.score == D("10")
    # 获得感 定性 部分达成 7.5 (band 6 ≤ s < 8 of 10); 小区 4 ≥ 3 met 20; 完工率 15; 合格率 = 15; 商铺 25 ≥ 20 met 20;
    # 满意度 88/90 × 10 = 9.777… → 9.78
    assert [r.score for r in ev.indicators] == [D("7.5"), D("20"), D("15"), D("15"), D("20"), D("9.78")]
    assert ev.indicators[0].qualitative and ev.indicators[0].met is False
    # 7.5 + 20 + 15 + 15 + 20 + 9.78 + 10 = 97.28
    assert ev.total == D("97.28") and ev.grade == "优"


def test_form_c_province_profile_grades_otherwise():
    ev = evaluate(_validated("c_town_2021.yaml").self_evaluation)
    assert ev.profile.key == "省级-产出40效益40"
    # 5076.83 / 5800 = 0.875315… → 87.53%; 10 × 0.875315… = 8.75315… → 8.75
    assert rate_text(ev.budget.rate) == "87.53%" and ev.budget.score == D("8.75")
    # 培训 600/1000 × 20 = 12; 合格率 met 20; 就业率 30/60 × 25 = 12.5; 制度 定性 达成 13 (12 ≤ s ≤ 15); 满意度 80/85 × 10 = 9.4117… → 9.41
    assert [r.score for r in ev.indicators] == [D("12"), D("20"), D("12.5"), D("13"), D("9.41")]
    # 12 + 20 + 12.5 + 13 + 9.41 + 8.75 = 75.66: 良 by this profile (良 ≥ 75), 中 by the common one (良 ≥ 80)
    assert ev.total == D("75.66") and ev.grade == "良"
    assert PROFILES["通用"].grade_of(ev.total) == "中"


@pytest.mark.parametrize("total, grade", [("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"),
                                          ("60", "中"), ("59.99", "差"), ("0", "差")])
def test_grade_bands_of_the_common_profile(total, grade):
    assert PROFILES["通用"].grade_of(D(total)) == grade


def test_rounding_is_half_up_to_two_decimals():
    assert record(D("9.445")) == D("9.45") and record(D("9.444")) == D("9.44")
    assert score_text(D("10.00")) == "10" and score_text(D("9.80")) == "9.8"
    assert rate_text(D("0.98765")) == "98.77%" and rate_text(D("1")) == "100%"


@pytest.mark.parametrize("rating, score, ok", [
    ("达成", "8", True), ("达成", "10", True), ("达成", "7.99", False),
    ("部分达成", "6", True), ("部分达成", "7.99", True), ("部分达成", "8", False), ("部分达成", "5.99", False),
    ("未达成", "0", True), ("未达成", "5.99", True), ("未达成", "6", False)])
def test_qualitative_bands_of_a_weight_of_10(rating, score, ok):
    assert within_band(rating, D("10"), D(score)) is ok
