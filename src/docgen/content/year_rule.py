"""The report year in a text: which "2020" is the year of the report (and moves to 2021) and which is a fact.

``docgen new`` moves the report year everywhere except where a year names a
period (2018-2020年), a published document (《2020年政府工作报告》) or is part of
another number; :func:`replace_year` is that rule, in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


#: Separators of a year range: 2018-2020年, 2018—2020年, 2018～2020, 2018年至2020年.
_RANGE_SEP = r"\s*[-‐–—~～至到]\s*"
_RANGE_BEFORE = re.compile(r"\d{4}年?" + _RANGE_SEP + r"$")
_RANGE_AFTER = re.compile(r"年?" + _RANGE_SEP + r"\d{4}")


@dataclass(frozen=True)
class Kept:
    """An occurrence of the old year left as written, and why."""

    where: str
    snippet: str
    reason: str


def replace_year(text: str, old: int, new: int) -> tuple[str, int, list[tuple[str, str]]]:
    """Replace the report year ``old`` by ``new`` in one piece of text.

    The rule (documented in the README, "下一年的报告"):

    * Only the old report year itself is considered; other years (2019年,
      2018年以来) are facts and never touched.
    * It must stand alone as a year: not part of a longer number (``12020``,
      ``20201``) nor of a decimal (``2020.5``, ``1.2020``).
    * It is kept when it is one end of a year range (``2018-2020年``,
      ``2020—2022年``, ``2018年至2020年``): a range names a period such as a
      three-year plan, which does not move with the report.
    * It is kept inside 《》: a title names a published document
      (《2020年政府工作报告》), a historical fact.
    * Everything else — ``2020年度…``, ``2020年底完成所有目标``,
      ``2020年我单位…`` and ``docgen check 2020`` in a comment — is the
      report year and moves.

    The achievements and honours are never passed here: :func:`next_year`
    keeps them whole (lead-ins, honours: :mod:`.newyear`).

    Returns the new text, the number of replacements and, for each occurrence
    kept, a snippet and the reason (for the summary, so the author can review).
    """
    pattern = re.compile(rf"(?<!\d)(?<!\d[.．]){old}(?!\d)(?![.．]\d)")
    out: list[str] = []
    kept: list[tuple[str, str]] = []
    count = 0
    pos = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        before, after = text[:start], text[end:]
        if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
            kept.append((_snippet(text, start, end), "年份区间 year range"))
            continue
        if before.count("《") > before.count("》"):
            kept.append((_snippet(text, start, end), "书名号内 document title"))
            continue
        out.append(text[pos:start])
        out.append(str(new))
        pos = end
        count += 1
    out.append(text[pos:])
    return "".join(out), count, kept


def _snippet(text: str, start: int, end: int, width: int = 12) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")
