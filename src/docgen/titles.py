"""Breaking a long report title into balanced lines (GB/T 9704-2012 practice).

A title that does not fit one line of the type area is split so that the lines
are close in length, the longer line on top (梯形/菱形, never a full line over a
stub), never inside 《…》, never inside a run of digits or Latin letters, and
preferably at a word boundary: after "2021年度", around the unit's name, before
"整体支出绩效评价报告".  The break points are scored, and the best combination
wins; the number of lines is the least that fits.
"""

from __future__ import annotations

from itertools import combinations

#: 156 mm type area / 22 pt title glyphs ≈ 20.1 em.
EM_PER_LINE = 20.0

EXTRA_LINE_COST = 20.0
MID_WORD_COST = 10.0
INVERTED_COST = 30.0
MAX_BALANCED_LINES = 3

_FULL_WIDTH_PUNCT = "《》“”‘’（）—…、，。：；！？"
_NO_LINE_START = "》”’）、，。：；！？…"
_NO_LINE_END = "《“‘（"


def em_width(ch: str) -> float:
    """Width of one character in em: CJK and full-width punctuation 1, ASCII ½."""
    return 1.0 if ord(ch) >= 0x2E80 or ch in _FULL_WIDTH_PUNCT else 0.5


def text_width(text: str) -> float:
    return sum(em_width(c) for c in text)


def _book_title_spans(title: str) -> list[tuple[int, int]]:
    """(open, close) index pairs of matched 《…》; an unmatched mark protects nothing."""
    spans, stack = [], []
    for i, ch in enumerate(title):
        if ch == "《":
            stack.append(i)
        elif ch == "》" and stack:
            spans.append((stack.pop(), i))
    return spans


def _allowed_breaks(title: str) -> list[int]:
    """Positions i (break before title[i]) that do not split 《》 or an ASCII run."""
    inside = set()
    for start, end in _book_title_spans(title):
        inside.update(range(start + 1, end + 1))
    out = []
    for i in range(1, len(title)):
        prev, ch = title[i - 1], title[i]
        if i in inside:
            continue
        if prev.isascii() and ch.isascii() and prev.isalnum() and ch.isalnum():
            continue
        if ch in _NO_LINE_START or prev in _NO_LINE_END:
            continue
        out.append(i)
    return out


def title_lines(title: str, per_line: float = EM_PER_LINE,
                preferred: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """Split ``title`` into the fewest lines of at most ``per_line`` em, balanced.

    ``preferred`` are break positions at word boundaries (the caller knows where
    the year, the unit name and the fixed wording meet); other positions are
    allowed but cost more.
    """
    total = text_width(title)
    if total <= per_line:
        return [title]
    breaks = _allowed_breaks(title)
    best: tuple[float, tuple[int, ...]] | None = None
    fewest = max(2, int(-(-total // per_line)))
    # Try the fewest lines that could fit and one more: a third line beats a
    # two-line title whose bottom line is much longer than its top.  Titles of
    # more than three lines are not a thing; past that, fill greedily.
    for n_lines in range(fewest, min(fewest + 2, MAX_BALANCED_LINES + 1)):
        mean = total / n_lines
        for cut in combinations(breaks, n_lines - 1):
            bounds = (0, *cut, len(title))
            widths = [text_width(title[a:b]) for a, b in zip(bounds, bounds[1:])]
            if max(widths) > per_line:
                continue
            score = sum(max(0.0, abs(w - mean) - 1) ** 2 for w in widths)  # small imbalance is fine
            # the longer line on top: each line at least as long as the next
            score += sum(INVERTED_COST + (b - a) * 4 for a, b in zip(widths, widths[1:]) if b > a)
            score += sum(0 if c in preferred else MID_WORD_COST for c in cut)
            score += EXTRA_LINE_COST * (n_lines - fewest)
            if best is None or score < best[0]:
                best = (score, cut)
    if best is None:
        return _greedy(title, per_line, breaks)
    bounds = (0, *best[1], len(title))
    return [title[a:b] for a, b in zip(bounds, bounds[1:])]


def _greedy(title: str, per_line: float, breaks: list[int]) -> list[str]:
    """Fallback for very long titles: fill each line as far as an allowed break goes."""
    lines, start = [], 0
    while text_width(title[start:]) > per_line:
        fits = [b for b in breaks if b > start and text_width(title[start:b]) <= per_line]
        if not fits:  # an unbreakable run longer than a line: leave it to the word processor
            break
        lines.append(title[start:fits[-1]])
        start = fits[-1]
    lines.append(title[start:])
    return lines


def report_title_lines(year: int, unit: str, per_line: float = EM_PER_LINE,
                       tail: str = "整体支出绩效评价报告") -> list[str]:
    """Lines of "<year>年度<unit><tail>", preferring breaks between its parts.

    ``tail`` is the report's kind (整体支出绩效评价报告, 部门整体支出绩效自评报告 …);
    inside it, a break before 绩效 is preferred (…整体支出|绩效评价报告).
    """
    head = f"{year}年度"
    title = f"{head}{unit}{tail}"
    preferred = {len(head), len(head) + len(unit)}
    if "绩效" in tail:
        preferred.add(len(head) + len(unit) + tail.index("绩效"))  # …|整体支出|绩效…
    # inside the unit name: after administrative words (区/市/县/街道/镇/乡/局/办…)
    for i, ch in enumerate(unit):
        if ch in "省市区县镇乡道局处院会司厅所府" and 0 < i + 1 < len(unit):
            preferred.add(len(head) + i + 1)
    return title_lines(title, per_line, frozenset(preferred))
