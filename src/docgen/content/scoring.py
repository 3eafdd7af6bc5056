"""The arithmetic of the 绩效自评表: 执行率, every 得分, 总分 and 等级, in exact Decimal.

The rules (the issue's, one place):

* 执行率 = 全年执行数 B ÷ 全年预算数 A of the 年度资金总额 row (the sum of the rows);
  预算执行率 得分 = 分值 × min(执行率, 100%).
* A quantitative indicator (指标性质 ≥ ≤ =) is *met* when B ≥ A (≥), B ≤ A (≤), B = A (=),
  and then gets its whole 分值.  Not met: 分值 × completion ratio, where the ratio is
  B/A for ≥, A/B for ≤ (the inverse ratio), min(A, B)/max(A, B) for = (how far off,
  either way); never above the 分值, never below 0.
* A qualitative indicator (定性) gets the score its author gives, in the band of its
  rating: 达成 80%–100% of the 分值 (80% included), 部分达成 60%–80% (60% included,
  80% not), 未达成 0–60% (60% not).  Only 达成 counts as met.
* Each 得分 is *recorded* on the form rounded half-up to 2 decimals
  (:func:`record`); 总分 is the exact sum of the recorded 得分, so the printed column
  always adds up to the printed total; 等级 comes from 总分 by the profile's bands.

Division uses Decimal's 28-digit context (exact for every figure an office writes to
two decimals, well beyond the 2 decimals recorded); nothing is ever a float.
Display: :func:`score_text` (2 decimals half-up, trailing zeros dropped: 9.80 → "9.8")
and :func:`rate_text` (percent, 2 decimals half-up, trailing zeros dropped: "98.5%").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .money import exact_sum
from .profiles import PROFILES, Profile
from .self_evaluation import Budget, EvaluationIndicator, SelfEvaluation

ONE = Decimal(1)
HUNDREDTH = Decimal("0.01")

#: 定性 bands: rating → (lowest, highest fraction of the 分值, lowest included, highest included)
BANDS: dict[str, tuple[Decimal, Decimal, bool, bool]] = {
    "达成": (Decimal("0.8"), ONE, True, True),
    "部分达成": (Decimal("0.6"), Decimal("0.8"), True, False),
    "未达成": (Decimal(0), Decimal("0.6"), True, False),
}
#: How the bands read in a message.
BAND_TEXT = {"达成": "80%（含）至100%", "部分达成": "60%（含）至80%", "未达成": "0至60%"}


def record(value: Decimal) -> Decimal:
    """The figure as recorded on the form: half-up to 2 decimals (9.4375 → 9.44)."""
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def score_text(value: Decimal) -> str:
    """A score as printed: 2 decimals half-up, trailing zeros dropped (10, 9.8, 9.44)."""
    return _plain(record(value))


def rate_text(rate: Decimal) -> str:
    """A ratio as a percentage: 2 decimals half-up, trailing zeros dropped (0.985 → "98.5%")."""
    return _plain(record(rate * 100)) + "%"


def within_band(rating: str, weight: Decimal, score: Decimal) -> bool:
    low, high, low_in, high_in = BANDS[rating]
    lo, hi = weight * low, weight * high
    return (score > lo or (low_in and score == lo)) and (score < hi or (high_in and score == hi))


@dataclass(frozen=True)
class BudgetResult:
    initial: Decimal
    adjusted: Decimal
    executed: Decimal
    weight: Decimal
    rate: Decimal | None          # None when 全年预算数 is 0
    score: Decimal | None         # recorded

    @property
    def adjusted_differs(self) -> bool:
        return self.adjusted != self.initial


def score_budget(budget: Budget, profile: Profile) -> BudgetResult:
    weight = budget.weight if budget.weight is not None else profile.budget_weight
    a, b = budget.adjusted_total, budget.executed_total
    rate = b / a if a else None
    score = record(weight * min(rate, ONE)) if rate is not None else None
    return BudgetResult(budget.initial_total, a, b, weight, rate, score)


def row_rate(adjusted: Decimal, executed: Decimal) -> Decimal | None:
    return executed / adjusted if adjusted else None


@dataclass(frozen=True)
class IndicatorResult:
    indicator: EvaluationIndicator
    met: bool | None              # None: cannot be scored (a text where a number belongs …)
    computed: Decimal | None      # exact, before recording (quantitative)
    score: Decimal | None         # recorded score of the form

    @property
    def qualitative(self) -> bool:
        return self.indicator.nature == "定性"


def completion_ratio(nature: str, target: Decimal, actual: Decimal) -> Decimal:
    """How far a quantitative indicator got (1 = met), before clamping to [0, 1]."""
    if nature == "≥":
        return actual / target if target else ONE
    if nature == "≤":
        return target / actual if actual else ONE
    if target == actual:
        return ONE
    return min(target, actual) / max(target, actual)


def is_met(nature: str, target: Decimal, actual: Decimal) -> bool:
    return {"≥": actual >= target, "≤": actual <= target, "=": actual == target}[nature]


def score_indicator(ind: EvaluationIndicator) -> IndicatorResult:
    if ind.nature == "定性":
        if ind.rating is None or ind.score is None:
            return IndicatorResult(ind, None, None, None)
        return IndicatorResult(ind, ind.rating == "达成", None, record(ind.score))
    if not isinstance(ind.target, Decimal) or not isinstance(ind.actual, Decimal):
        return IndicatorResult(ind, None, None, None)
    met = is_met(ind.nature, ind.target, ind.actual)
    ratio = ONE if met else min(max(completion_ratio(ind.nature, ind.target, ind.actual), Decimal(0)), ONE)
    computed = ind.weight * ratio
    return IndicatorResult(ind, met, computed, record(computed))


@dataclass(frozen=True)
class Evaluation:
    """Everything computed from one 自评表."""

    profile: Profile | None
    budget: BudgetResult
    indicators: tuple[IndicatorResult, ...]

    @property
    def complete(self) -> bool:
        return (self.profile is not None and self.budget.score is not None
                and all(r.score is not None for r in self.indicators))

    @property
    def total(self) -> Decimal | None:
        if not self.complete:
            return None
        return exact_sum(self.budget.score, *(r.score for r in self.indicators))

    @property
    def grade(self) -> str | None:
        total = self.total
        return self.profile.grade_of(total) if total is not None and self.profile else None

    @property
    def weight_total(self) -> Decimal:
        return exact_sum(self.budget.weight, *(r.indicator.weight for r in self.indicators))


def evaluate(form: SelfEvaluation) -> Evaluation:
    """Score a 自评表 by its profile (an unknown profile: scored by the default's budget weight, no grade)."""
    profile = PROFILES.get(form.profile)
    budget = score_budget(form.budget, profile or PROFILES["通用"])
    return Evaluation(profile, budget, tuple(score_indicator(i) for i in form.indicators))
