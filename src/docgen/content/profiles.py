"""Scoring profiles of the 绩效自评表: the weights and grade bands, as data.

Provinces publish their own 评分标准: the weight of each 一级指标, the 分值 of the
预算执行率 block and the grade bands differ, the arithmetic does not.  So a profile
is data (this table), and :mod:`docgen.content.scoring` applies whichever one the
content file names (``self_evaluation.profile``, default :data:`DEFAULT_PROFILE`).

Every profile's weights add up to 100 (a test asserts it for each profile here).
Grade bands are lower bounds on the exact total: the first band whose ``floor`` the
total reaches is its grade (优 ≥ 90, 良 ≥ 80 and < 90, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: The 二级指标 each 一级指标 may have (the common list of the published forms).
LEVEL2_NAMES: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}


@dataclass(frozen=True)
class Grade:
    name: str        # 优
    floor: Decimal   # the least total with this grade


@dataclass(frozen=True)
class Profile:
    """One 评分标准: the weight of each 一级指标 (in the form's order), the budget's 分值, the bands."""

    key: str
    description: str
    weights: tuple[tuple[str, Decimal], ...]      # (一级指标, weight), in the order the form prints them
    budget_weight: Decimal                        # 预算执行率's 分值
    grades: tuple[Grade, ...]                     # highest first; the last floor is 0

    @property
    def level1_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.weights)

    def weight_of(self, level1: str) -> Decimal:
        return dict(self.weights)[level1]

    @property
    def total_weight(self) -> Decimal:
        return sum((w for _, w in self.weights), self.budget_weight)

    def grade_of(self, total: Decimal) -> str:
        for grade in self.grades:
            if total >= grade.floor:
                return grade.name
        return self.grades[-1].name

    def bands_text(self) -> str:
        """"优≥90，良80–89，中60–79，差<60" (integers as the bureaus write them)."""
        parts = []
        for i, grade in enumerate(self.grades):
            if i == 0:
                parts.append(f"{grade.name}≥{grade.floor:f}")
            elif grade.floor == 0:
                parts.append(f"{grade.name}<{self.grades[i - 1].floor:f}")
            else:
                parts.append(f"{grade.name}{grade.floor:f}–{self.grades[i - 1].floor - 1:f}")
        return "，".join(parts)


def _d(value: str) -> Decimal:
    return Decimal(value)


_COMMON_GRADES = (Grade("优", _d("90")), Grade("良", _d("80")), Grade("中", _d("60")), Grade("差", _d("0")))

PROFILES: dict[str, Profile] = {p.key: p for p in (
    Profile("通用", "通用标准：产出50、效益30、满意度10、预算执行率10；优≥90，良80–89，中60–79，差<60",
            (("产出指标", _d("50")), ("效益指标", _d("30")), ("满意度指标", _d("10"))), _d("10"),
            _COMMON_GRADES),
    # A province that weighs benefits more and grades more strictly; an office whose
    # province publishes other figures adds its own profile here.
    Profile("省级-产出40效益40", "省级标准示例：产出40、效益40、满意度10、预算执行率10；优≥90，良75–89，中60–74，差<60",
            (("产出指标", _d("40")), ("效益指标", _d("40")), ("满意度指标", _d("10"))), _d("10"),
            (Grade("优", _d("90")), Grade("良", _d("75")), Grade("中", _d("60")), Grade("差", _d("0")))),
)}

DEFAULT_PROFILE = "通用"
