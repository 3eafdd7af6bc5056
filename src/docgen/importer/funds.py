"""The funds sentence, recognised only when it is certain: figures that print back as written.

The template writes the 决算 sentence from the figures (:func:`docgen.body.funds_sentence`):
"整体支出本年度决算金额为5005.93万元，基本支出2517.81万元，项目支出2488.12万元，其中社会管理支出
521.58万元，…。" and the rest of the paragraph after it (the management text).  A
paragraph becomes a ``funds`` block only when its first sentence, whitespace aside,
*is* that sentence for the figures read from it — so the render gives the paragraph
back and ``check`` adds the figures up.  The one wording difference accepted is a
missing comma before 其中 (the 2020 report's "万元其中"), which the template adds, with a
note.  Any other wording, full-width digits, thousands separators or a sentence without
its categories stays text: figures in prose are the author's prose.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..body import funds_sentence
from ..content.money import exact_sum

_NUM = r"(\d+(?:\.\d+)?)"
_SENTENCE = re.compile(
    rf"^整体支出本年度决算金额为{_NUM}万元，基本支出{_NUM}万元，项目支出{_NUM}万元(?P<comma>，?)其中(?P<cats>.+)。$")
_CATEGORY = re.compile(rf"^(?P<name>[^，。；：\d][^，。；：]*?){_NUM}万元$")
#: A paragraph that states the funds but in other words: noted, kept as text.
LOOKS_LIKE_FUNDS = re.compile(r"决算[^。]{0,20}\d[^。]*万元[^。]*基本支出")


def fmt(d: Decimal) -> str:
    """An amount as written: all its digits, never in exponent form."""
    return f"{d:f}"


def read_funds(text: str) -> tuple[dict, bool] | None:
    """``({"funds": {...}}, comma_added)`` when ``text`` opens with the template's funds sentence, else None."""
    end = text.find("。")
    if end < 0:
        return None
    sentence, rest = re.sub(r"\s+", "", text[:end + 1]), text[end + 1:].strip()
    m = _SENTENCE.match(sentence)
    if not m:
        return None
    final, basic, project = (Decimal(m.group(i)) for i in (1, 2, 3))
    categories = []
    for part in m.group("cats").split("，"):
        c = _CATEGORY.match(part)
        if not c:
            return None
        categories.append((c.group("name"), Decimal(c.group(2))))
    if funds_sentence(final, basic, project, categories) != sentence.replace("万元其中", "万元，其中", 1):
        return None  # e.g. "070" or "1e3": the template would print the figure otherwise
    funds: dict = {"final_total": final, "basic": basic,
                   "projects": [{"name": name, "amount": amount} for name, amount in categories]}
    if fmt(exact_sum(*(a for _, a in categories))) != fmt(project):
        funds["project_total"] = project  # as stated: ``check`` reports that the categories differ
    if rest:
        funds["management"] = rest
    return {"funds": funds}, not m.group("comma")
