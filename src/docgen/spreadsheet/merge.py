"""The figures of a 自评表 worksheet merged into an existing content file, change by change.

``docgen import 自评表.xlsx --year 2024`` changes ``content/2024.yaml`` only inside
``self_evaluation.budget`` and ``self_evaluation.indicators`` (and the 总分 and 等级 next to
them), through ruamel's round trip (:mod:`docgen.content.roundtrip`): comments, key
order, quoting and everything outside those blocks stay as they were, and a figure
that did not change keeps its text (203.40 is not rewritten as 203.4).

Matching is by name, as a reader compares two forms: a source of funds by its name,
an indicator by 一级 + 二级 + 三级指标 (then by 三级指标 alone, when that is unique).
An item the sheet has and the content lacks is added; one the content has and the
sheet lacks is removed; each is listed.  A field is replaced only when the sheet has
its column (or row: 执行率偏低原因, 预算调整说明): a blank cell removes it, a column the
form does not have keeps what the content says.  Figures docgen computes
(:attr:`~.sheet_form.SheetForm.derived`) are written only where the content already types
them; otherwise docgen keeps computing them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from ..content.profiles import DEFAULT_PROFILE
from ..content.roundtrip import retext, round_trip_yaml
from ..errors import Diagnostic, DocgenError, EXIT_CONTENT
from .sheet_form import ROOT, SheetForm

ADDED = "新增"
REMOVED = "删除"
REWRITTEN = "改写"

ROW_KEYS = ("initial", "adjusted", "executed")
INDICATOR_KEYS = ("level1", "level2", "name", "nature", "target", "unit", "actual", "weight", "score", "rating",
                  "deviation")
BUDGET_KEYS = ("rows", "total", "weight", "score", "reason", "adjustment")
LABELS = {"initial": "年初预算数", "adjusted": "全年预算数", "executed": "全年执行数", "weight": "分值",
          "score": "得分", "reason": "执行率偏低原因", "adjustment": "预算调整说明", "level1": "一级指标",
          "level2": "二级指标", "name": "名称", "nature": "指标性质", "target": "年度指标值", "unit": "计量单位",
          "actual": "实际完成值", "rating": "定性评价", "deviation": "偏差原因分析及改进措施",
          "total_score": "总分", "grade": "等级"}


@dataclass(frozen=True)
class Change:
    """One figure or text that the import changed (``status``: 新增 / 删除 for a whole item)."""

    item: str          # 财政拨款 · 新增就业人数 · 年度资金总额 · 自评表
    what: str          # 全年执行数 · 实际完成值 …
    old: Any = None
    new: Any = None
    status: str = ""

    @property
    def numeric(self) -> bool:
        return isinstance(_number(self.old), Decimal) and isinstance(_number(self.new), Decimal)

    @property
    def figures(self) -> tuple[Decimal, Decimal] | None:
        """(old, new) as exact decimals, when both are figures."""
        return (_number(self.old), _number(self.new)) if self.numeric else None  # type: ignore[return-value]


@dataclass
class Merged:
    text: str
    changes: list[Change] = field(default_factory=list)
    exact_format: bool = True
    created_block: bool = False


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float)):
        try:
            return Decimal(str(value))
        except InvalidOperation:
            return None
    return None


def _same(old: Any, new: Any) -> bool:
    a, b = _number(old), _number(new)
    if a is not None and b is not None:
        return a == b
    if a is not None or b is not None:
        return False
    if old is None or new is None:
        return old is None and new is None
    return str(old).replace("\r\n", "\n").rstrip("\n") == str(new).rstrip("\n")


def _yaml_value(new: Any, old: Any) -> Any:
    if isinstance(new, str) and isinstance(old, str):
        return retext(old, new)
    return new


class _Merger:
    def __init__(self, form: SheetForm) -> None:
        self.form = form
        self.changes: list[Change] = []

    def set(self, target, key: str, new: Any, item: str, *, order: tuple[str, ...]) -> None:
        """Put ``new`` at ``key`` (None: remove it), keeping the canonical key order for a new key."""
        old = target.get(key)
        if new is None:
            if key in target:
                del target[key]
                self.changes.append(Change(item, LABELS.get(key, key), old, None))
            return
        if key in target and _same(old, new):
            return
        if key in target:
            target[key] = _yaml_value(new, old)
        else:
            before = order[:order.index(key)] if key in order else order
            pos = max((i + 1 for i, k in enumerate(target) if k in before), default=0)
            target.insert(pos, key, new)
        self.changes.append(Change(item, LABELS.get(key, key), old, new))

    def update(self, target, values: dict, keys: tuple[str, ...], item: str, derived: set[str],
               fresh: bool) -> None:
        for key in keys:
            if key not in values:
                continue
            if key in derived and (fresh or key not in target):
                continue  # docgen computes it: written only where the author types it
            self.set(target, key, values[key], item, order=keys)


def _new_map(pairs=()):
    from ruamel.yaml.comments import CommentedMap

    m = CommentedMap()
    for k, v in pairs:
        m[k] = v
    return m


def _new_seq():
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq()


def _represent_decimal(representer, value: Decimal):
    text = f"{value:f}"
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, text)


def _indicator_key(d: Any) -> tuple[str, str, str]:
    return tuple(str(d.get(k) or "").strip() for k in ("level1", "level2", "name"))  # type: ignore[return-value]


def merge_into(text: str, form: SheetForm, source_name: str, display: str = "") -> Merged:
    """``text`` (a content file) with the sheet's budget and indicator figures; what changed.

    Line ends are kept: a file written on Windows stays CRLF (ruamel would write LF, except
    on the lines whose comments carry their own CR).
    """
    crlf = "\r\n" in text
    y, data, exact = round_trip_yaml(text.replace("\r\n", "\n"))
    y.representer.add_representer(Decimal, _represent_decimal)
    m = _Merger(form)
    _require_shapes(data, display)
    se = data.get("self_evaluation")
    created = se is None
    if created:
        se = _new_map()
        if form.inferred_profile != DEFAULT_PROFILE:
            se["profile"] = form.inferred_profile
        data["self_evaluation"] = se
        data.yaml_set_comment_before_after_key(
            "self_evaluation", before=f"附件：绩效自评表（由 {source_name} 导入；docgen import 可再次导入更新）")
    sheet = form.data
    _budget(m, se, sheet.get("budget"), form, created)
    _indicators(m, se, sheet.get("indicators"), form, created)
    top_derived = {k for k in ("total_score", "grade") if ROOT + (k,) in form.derived}
    m.update(se, {k: sheet[k] for k in ("total_score", "grade") if k in sheet},
             ("profile", "title", "budget", "indicators", "total_score", "grade"), "自评表", top_derived, created)
    out = io.StringIO()
    y.dump(data, out)
    merged = out.getvalue()
    return Merged(merged.replace("\n", "\r\n") if crlf else merged, m.changes, exact, created)


def _require_shapes(data, display: str) -> None:
    """The blocks the merge edits must be what the content model says (else: refuse, naming the line)."""
    se = data.get("self_evaluation")
    wrong = None
    if se is not None and not isinstance(se, dict):
        wrong = ("self_evaluation", data, "self_evaluation")
    elif se is not None:
        budget = se.get("budget")
        if budget is not None and not isinstance(budget, dict):
            wrong = ("self_evaluation.budget", se, "budget")
        elif budget is not None and budget.get("rows") is not None and not isinstance(budget["rows"], list):
            wrong = ("self_evaluation.budget.rows", budget, "rows")
        elif se.get("indicators") is not None and not isinstance(se["indicators"], list):
            wrong = ("self_evaluation.indicators", se, "indicators")
        else:
            for key, items in (("self_evaluation.budget.rows", (budget or {}).get("rows") or []),
                               ("self_evaluation.indicators", se.get("indicators") or [])):
                if any(not isinstance(x, dict) for x in items):
                    wrong = (key, None, None)
    if wrong is None:
        return
    field, parent, key = wrong
    line = parent.lc.key(key)[0] + 1 if parent is not None and hasattr(parent, "lc") else 0
    raise DocgenError([Diagnostic(display, line, 0, field,
                                  f"{field} 的写法不是自评表的格式，无法导入其中的数字。not a 自评表 block",
                                  hint="先用 docgen check 改正内容文件，再导入自评表。")], EXIT_CONTENT)


def _budget(m: _Merger, se, sheet_budget: dict | None, form: SheetForm, fresh: bool) -> None:
    if sheet_budget is None:
        return
    budget = se.get("budget")
    if budget is None:
        budget = _new_map()
        pos = 1 if "profile" in se else 0
        se.insert(pos + ("title" in se), "budget", budget)
    rows = budget.get("rows")
    if rows is None:
        rows = _new_seq()
        budget.insert(0, "rows", rows)
    by_name: dict[str, int] = {}
    for i, row in enumerate(rows):
        if hasattr(row, "get"):
            by_name.setdefault(str(row.get("name") or "").strip(), i)
    kept: set[int] = set()
    for srow in sheet_budget.get("rows", []):
        name = srow.get("name") or ""
        i = by_name.pop(name.strip(), None)
        if i is None:
            rows.append(_new_map([("name", name)]))
            kept.add(len(rows) - 1)
            m.changes.append(Change(name, "资金来源", None, None, ADDED))
            target = rows[-1]
        else:
            kept.add(i)
            target = rows[i]
        before = len(m.changes)
        m.update(target, srow, ("name",) + ROW_KEYS, name, set(), False)
        if i is None:  # a new source of funds is one change, not four
            del m.changes[before:]
    for i in sorted(set(range(len(rows))) - kept, reverse=True):
        m.changes.append(Change(str(rows[i].get("name") or ""), "资金来源", None, None, REMOVED))
        del rows[i]
    derived = {p[2] for p in form.derived if p[:2] == ROOT + ("budget",) and len(p) == 3}
    if "total" in sheet_budget and "total" in budget and hasattr(budget["total"], "get"):
        m.update(budget["total"], sheet_budget["total"], ROW_KEYS, "年度资金总额", set(), False)
    values = {k: v for k, v in sheet_budget.items() if k in ("weight", "score", "reason", "adjustment")}
    m.update(budget, values, BUDGET_KEYS, "年度预算执行情况", derived, fresh)


def _indicators(m: _Merger, se, sheet_rows: list | None, form: SheetForm, fresh: bool) -> None:
    if sheet_rows is None:
        return
    seq = se.get("indicators")
    if seq is None:
        seq = _new_seq()
        se.insert(len([k for k in ("profile", "title", "budget") if k in se]), "indicators", seq)
    existing = [(_indicator_key(d), i) for i, d in enumerate(seq) if hasattr(d, "get")]
    by_full = {}
    by_name: dict[str, list[int]] = {}
    for key, i in existing:
        by_full.setdefault(key, i)
        by_name.setdefault(key[2], []).append(i)
    kept: set[int] = set()
    for n, ind in enumerate(sheet_rows):
        key = _indicator_key(ind)
        i = by_full.get(key)
        if i is None or i in kept:
            cands = [j for j in by_name.get(key[2], []) if j not in kept]
            i = cands[0] if len(cands) == 1 else None
        name = ind.get("name") or ""
        if i is None:
            seq.append(_new_map())
            i = len(seq) - 1
            m.changes.append(Change(name, "绩效指标", None, None, ADDED))
            new = True
        else:
            new = False
        kept.add(i)
        derived = {"score"} if ROOT + ("indicators", n, "score") in form.derived else set()
        before = len(m.changes)
        m.update(seq[i], ind, INDICATOR_KEYS, name, derived, new)
        if new:  # a new indicator is one change, not eleven
            del m.changes[before:]
    for i in sorted(set(range(len(seq))) - kept, reverse=True):
        m.changes.append(Change(str(seq[i].get("name") or ""), "绩效指标", None, None, REMOVED))
        del seq[i]
