"""Word's automatic list numbers (``word/numbering.xml``): the label each numbered paragraph shows.

A paragraph in a list carries no number in its text: it names a list instance
(``w:numPr``: ``w:numId`` and level ``w:ilvl``, directly or through its style),
and Word draws the label from the list's level definition — a counter, a
format (decimal, 一 二 三, 甲 乙 丙 …) and a text such as "%1、" or "（%2）".
:class:`Numbering` replays those counters in reading order, as Word does:

* counters belong to the abstract list (``w:abstractNum``), so two instances
  of one list continue each other, unless an instance has a
  ``w:startOverride`` (that is how Word writes "restart at 1");
* a deeper level restarts when a higher one advances, unless its
  ``w:lvlRestart`` says otherwise; ``w:isLgl`` shows the higher levels in
  decimal; ``w:numStyleLink`` takes the list of a numbering style.

Levels 0–8 only, as in Word; a counter too large to spell is written in digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.text import chinese_number, dizhi, tiangan
from .ooxml import StyleSheet, integer, on_off, val, w

# ---------------------------------------------------------------- number formats

#: Beyond this a counter is written in digits (Word's start values stop at 32767).
_MAX_SPELLED = 32767


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _letters(n: int) -> str:
    # Word: a…z, aa…zz, aaa… (repeats the letter)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


_CHINESE_COUNTING = ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified",
                     "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand",
                     "ideographDigital")


def format_number(n: int, fmt: str) -> str:
    """A counter value in a ``w:numFmt`` format (the ones Chinese reports use, and the common rest)."""
    if fmt in _CHINESE_COUNTING:
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return tiangan(n)
    if fmt == "ideographZodiac":
        return dizhi(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("decimalEnclosedParen",):
        return f"({n})"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) - 0x30 + 0xFF10) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    if n > _MAX_SPELLED:
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)  # decimal and anything exotic


# ---------------------------------------------------------------- which list a paragraph is in

_LEVELS = range(9)  # w:ilvl 0 … 8


def _level_number(text: str | None) -> int | None:
    n = integer(text)
    return n if n is not None and n >= 0 else None


def list_reference(num_pr) -> tuple[str, int] | None:
    """A ``w:numPr`` → (numId, ilvl); None without a ``w:numId`` (level 0 when ``w:ilvl`` is absent or odd)."""
    if num_pr is None:
        return None
    num_id = num_pr.find(w("numId"))
    if num_id is None:
        return None
    ilvl = _level_number(val(num_pr.find(w("ilvl"))))
    return (val(num_id) or "0", ilvl if ilvl is not None else 0)


def style_list(styles: StyleSheet, style_id: str | None) -> tuple[str, int] | None:
    """The list a style puts its paragraphs in: the nearest ``w:numPr`` with a ``w:numId`` it inherits."""
    return next((ref for ref in map(list_reference, styles.style(style_id).para_all("numPr")) if ref), None)


# ---------------------------------------------------------------- counters


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None     # lvlRestart: restart after this (1-based) level; 0 = never
    legal: bool = False            # isLgl: show higher levels as decimal


def _parse_level(lvl) -> _Level:
    out = _Level()
    start = integer(val(lvl.find(w("start"))))
    if start is not None:
        out.start = start
    el = lvl.find(w("numFmt"))
    if el is not None:
        out.fmt = val(el) or "decimal"
    el = lvl.find(w("lvlText"))
    if el is not None:
        out.text = val(el) or ""
    restart = _level_number(val(lvl.find(w("lvlRestart"))))
    if restart is not None:
        out.restart = restart
    out.legal = bool(on_off(lvl.find(w("isLgl"))))
    return out


def _levels(parent, tag: str):
    """The ``w:<tag>`` children of ``parent`` with their level, in order (levels 0–8; others ignored, as Word does)."""
    for el in parent.findall(w(tag)):
        ilvl = _level_number(el.get(w("ilvl"), "0"))
        if ilvl in _LEVELS:
            yield ilvl, el


class Numbering:
    """Word's automatic list numbers: which label each numbered paragraph shows."""

    def __init__(self, root, styles: StyleSheet) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, _Level], dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.styles = styles
        self._resolved: dict[str, tuple[str, dict[int, _Level]]] = {}
        if root is None:
            return
        for an in root.iter(w("abstractNum")):
            aid = an.get(w("abstractNumId"), "")
            self.abstract[aid] = {ilvl: _parse_level(lvl) for ilvl, lvl in _levels(an, "lvl")}
            link = an.find(w("numStyleLink"))
            if link is not None:
                self.abstract_style_link[aid] = val(link) or ""
        for num in root.iter(w("num")):
            nid = num.get(w("numId"), "")
            aref = num.find(w("abstractNumId"))
            if aref is None:
                continue
            overrides: dict[int, _Level] = {}
            starts: dict[int, int] = {}
            for ilvl, ov in _levels(num, "lvlOverride"):
                start = _level_number(val(ov.find(w("startOverride"))))
                if start is not None:
                    starts[ilvl] = start
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    overrides[ilvl] = _parse_level(lvl)
            self.nums[nid] = (val(aref) or "", overrides, starts)

    def _abstract_id(self, aid: str) -> str:
        # numStyleLink: the list is defined by the numbering of a list style
        link = self.abstract_style_link.get(aid)
        if link:
            num = style_list(self.styles, link)
            if num and num[0] in self.nums:
                return self.nums[num[0]][0]
        return aid

    def _list(self, num_id: str) -> tuple[str, dict[int, _Level]]:
        """The abstract list of an instance and its levels with the instance's overrides (worked out once)."""
        if num_id not in self._resolved:
            aid, overrides, _ = self.nums[num_id]
            aid = self._abstract_id(aid)
            levels = dict(self.abstract.get(aid, {}))
            levels.update(overrides)
            self._resolved[num_id] = (aid, levels)
        return self._resolved[num_id]

    def label(self, num_id: str, ilvl: int) -> str | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl``; advances it."""
        if num_id in ("", "0") or num_id not in self.nums:
            return None
        aid, levels = self._list(num_id)
        if ilvl not in levels:
            return None
        starts = self.nums[num_id][2]
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in starts.items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart != 0 and (restart is None or restart - 1 >= ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return level.text or "•"

        def repl(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            value = counters.get(k, lv.start)
            fmt = "decimal" if (level.legal and k < ilvl) else lv.fmt
            return format_number(value, fmt)

        return re.sub(r"%([1-9])", repl, level.text)
