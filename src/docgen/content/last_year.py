"""What in last year's file is last year's: what ``docgen new`` keeps word for word and marks 待核对.

One walk of the content (:func:`plan_of`) finds, wherever they sit in the outline,
the blocks that record what happened *in* last year — every lead-in, every
``honours`` block, the lists of a section whose heading names the year's results
(:data:`RESULTS_WORDS`) — and, on the way, the ``funds`` blocks whose figures are
blanked and the tables listed for the author to check.  :func:`protected_lines`
turns the kept blocks into source lines (their comments keep their years too);
:func:`add_check_comments` puts a "# 待核对：…" line above each kept run.

Apart from :mod:`.newyear` (which moves the year and blanks the figures) because
this is the rule of *what* is last year's, and the comment marks that say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import DocgenError
from .load import Loaded, parse_yaml
from .model import MAX_LEVEL, block_kind
from .outline import heading_number

#: Words of a heading that names the year's results: such a section reports what was
#: done, so its lists are kept as last year's and the section is marked 待核对.
RESULTS_WORDS = ("完成情况", "成效", "成绩", "绩效情况", "经验及做法", "指标分析", "评价结论")

#: The to-check comments ({old}/{new} are the years), by what they stand above.
NOTES = {
    "lead": "# 待核对：以下各方面照抄自 {old} 年的内容（其中的年份未改），请改写为 {new} 年的工作和成绩"
            " (to check: {old}'s achievements, rewrite them for {new})",
    "honours": "# 待核对：以下荣誉照抄自 {old} 年的内容，请换成 {new} 年获得的荣誉"
               " (to check: these are {old}'s honours)",
    "section": "# 待核对：以下一节写的是 {old} 年的成绩，请按 {new} 年的实际改写"
               " (to check: this section reports {old}'s results, rewrite it for {new})",
}
#: How the summary names what each comment stands above: (kind, the count's unit).
NOTE_LABELS = {"lead": ("引导语 lead-ins", "个方面"), "honours": ("荣誉 honours", "项"),
               "section": ("成绩一节 results section", "")}

#: How a to-check comment begins: one left by an earlier ``new`` is replaced, not stacked.
MARK = "# 待核对：以下"


def at(data: Any, path: tuple) -> Any:
    """The value at ``path`` (keys and list indexes), or None when it is not there."""
    node = data
    for key in path:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def names_results(heading: str) -> bool:
    return any(word in heading for word in RESULTS_WORDS)


@dataclass
class Plan:
    """What to do where, found by one walk of the content (paths in the data)."""

    kept: set = field(default_factory=set)       # blocks kept word for word
    marks: list = field(default_factory=list)    # (path, kind, label, count)
    funds: list = field(default_factory=list)    # paths of funds mappings
    tables: list = field(default_factory=list)   # (path, place, numbers)


def plan_of(items: Any, path: tuple, level: int, headings: tuple, in_results: bool, plan: Plan) -> None:
    if not isinstance(items, list):
        return
    counters: dict[int, int] = {}
    previous = None
    for i, item in enumerate(items):
        here, kind = path + (i,), block_kind(item)
        place = " / ".join(headings) or "正文开头"
        if kind == "section":
            written = item.get("level")
            own = min(written if isinstance(written, int) and 1 <= written else level + 1, MAX_LEVEL)
            counters[own] = counters.get(own, 0) + 1
            for deeper in [k for k in counters if k > own]:
                del counters[deeper]
            heading = str(item.get("heading") or "")
            label = headings + (heading_number(own, counters[own]) + heading,)
            results = names_results(heading)
            if results:
                plan.marks.append((here, "section", " / ".join(label), ""))
            plan_of(item.get("content"), here + ("content",), own, label, in_results or results, plan)
        elif kind == "lead":
            plan.kept.add(here)
            if previous == "lead":  # one note above a run of lead-ins; count them all
                p, k, lbl, n = plan.marks[-1]
                plan.marks[-1] = (p, k, lbl, n + 1)
            else:
                plan.marks.append((here, "lead", place, 1))
        elif kind == "honours":
            plan.kept.add(here)
            honours = item.get("honours")
            plan.marks.append((here, "honours", place, len(honours) if isinstance(honours, list) else 0))
        elif kind == "list" and in_results:
            plan.kept.add(here)
        elif kind == "table":
            plan.kept.add(here)
            rows = (item.get("table") or {}).get("rows") if isinstance(item.get("table"), dict) else None
            numbers = sum(isinstance(c, (int, float)) and not isinstance(c, bool)
                          for row in (rows if isinstance(rows, list) else []) if isinstance(row, list)
                          for c in row)
            plan.tables.append((here, place, numbers))
        elif kind == "funds" and isinstance(item.get("funds"), dict):
            plan.funds.append(here + ("funds",))
        previous = kind


def protected_lines(loaded: Loaded, kept: set) -> set[int]:
    """Lines (1-based) of ``loaded.text`` that belong to the blocks kept as last year's.

    From the block's first line to the last line with text of its last scalar
    (not a list's or mapping's end, which PyYAML puts after any following
    comment lines — those belong to what follows), plus a to-check line
    left just above by an earlier ``new``.
    """
    lines: set[int] = set()
    source = loaded.text.split("\n")
    for path in kept:
        first = loaded.position(path)[0]
        last = first
        for p, (start, end, _style) in loaded.spans.items():
            if p[:len(path)] == path and not isinstance(at(loaded.data, p), (dict, list)):
                used = loaded.text[start:end].rstrip()
                if used:
                    last = max(last, loaded.line_col(start + len(used) - 1)[0])
        lines.update(range(first, last + 1))
        if first >= 2 and source[first - 2].lstrip().startswith(MARK):
            lines.add(first - 1)
    return lines


def add_check_comments(text: str, display: str, marks: list[tuple[tuple, str]]) -> str:
    """Put each to-check comment on its own line above its block (or section).

    Done on the dumped text: an earlier ``new``'s comment just above is
    replaced (ruamel keeps comments before a key in the previous value's
    tokens, where they are hard to find).  Refuses to change the data: if a
    comment line could not go there safely, the file is left without them.
    """
    before = parse_yaml(text, display)
    lines = text.split("\n")
    for path, comment in sorted(marks, key=lambda m: before.position(m[0])[0], reverse=True):
        line = before.position(path)[0]
        first = lines[line - 1]
        indent = first[:len(first) - len(first.lstrip())]
        if line >= 2 and lines[line - 2].lstrip().startswith(MARK):
            lines[line - 2] = indent + comment
        else:
            lines.insert(line - 1, indent + comment)
    out = "\n".join(lines)
    try:
        same = parse_yaml(out, display).data == before.data
    except DocgenError:  # pragma: no cover - a comment line before an item is always valid YAML
        same = False
    return out if same else text
