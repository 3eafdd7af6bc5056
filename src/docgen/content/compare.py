"""What changed between two years' reports: the logic behind ``docgen diff 2020 2021``.

Two validated :class:`~docgen.content.model.Report` objects in, one :class:`Comparison`
out; its two views (the terminal's tables, the CSV) are :mod:`.compare_view`.  The
arithmetic is :class:`~decimal.Decimal` throughout: the change and its percentage are
exact here, and rounded only where they are displayed.

Everything is compared by its place in the outline (:mod:`.outline`), as a reader
holds two reports side by side:

* a section is known by its heading path — the headings' text, not their numbers
  (numbers are the template's), and with each report's own year read as "the
  report year", so "三、2020年绩效目标完成情况" and "三、2021年绩效目标完成情况"
  are the same section.  Sections only one year has are listed as added or
  removed (the outermost one: its subsections go with it);
* each funds block's figures (决算总额, 基本支出, 项目支出合计, the categories by
  ``name``) are compared with the funds block at the same place.  When each year
  has exactly one funds block they are compared wherever they sit (a heading
  renamed between the years still compares its figures);
* within a section both years have: list items by their text, indicators by
  ``name``, lead-ins by ``lead``, honours by their text (surrounding spaces
  ignored: ``"城市管理方面 "`` and ``城市管理方面`` are the same).  The n-th
  list (indicators, honours) of a section is compared with the n-th of the same
  section.  An honour whose year moved (``2020年度…`` → ``2021年度…``) is a
  different honour: one removed, one added.

Tables are not compared: their cells are the author's, with no names to match by.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from ..errors import DocgenError, EXIT_CONTENT
from ..paths import content_file, display_path
from .load import load_content
from .model import Funds, Report
from .money import exact_difference
from .outline import Placed, walk
from .validation import validate_and_check

# Cell values are Chinese (the readers' language, and short enough for an
# 80-column terminal); the column headers are bilingual.
ADDED = "新增"
REMOVED = "删除"

FUNDS = "资金"
SECTIONS = "章节"
LIST = "列表条目"
INDICATORS = "指标"
LEADS = "引导语"
HONOURS = "荣誉"
#: Where an item sits that is under no heading.
TOP = "正文"  # outside every section: a top-level section, or what comes before the first heading

#: The blocks whose entries are compared, and the section column's word for each.
_ENTRY_KINDS = {"list": LIST, "indicators": INDICATORS, "lead": LEADS, "honours": HONOURS}


@dataclass(frozen=True)
class FigureRow:
    """One funds figure in both years (``None`` where a year does not have it).

    ``place``: the funds block's place in the outline ("二、整体支出资金使用及管理情况";
    "旧 → 新" when the only funds block of each year sits under different headings).
    """

    label: str
    old: Decimal | None
    new: Decimal | None
    total: bool = False  # a total/subtotal line rather than a category
    place: str = ""

    @property
    def status(self) -> str:
        if self.old is None:
            return ADDED
        if self.new is None:
            return REMOVED
        return ""

    @property
    def change(self) -> Decimal:
        """new − old, a missing side counting as 0 (so an added category shows its amount)."""
        return exact_difference(self.new if self.new is not None else Decimal(0),
                                self.old if self.old is not None else Decimal(0))

    @property
    def percent(self) -> Decimal | None:
        """Change as a percentage of the old figure; ``None`` when there is no old figure or it is 0."""
        if self.old is None or self.new is None:
            return None
        if self.old == 0:
            return Decimal(0) if self.new == 0 else None
        return exact_difference(self.new, self.old) / self.old * 100  # display-only precision


@dataclass(frozen=True)
class ItemChange:
    """A section, list item, indicator, lead-in or honour that one year has and the other not.

    ``section``: what it is (章节, 指标 …); ``place``: the headings it sits under.
    """

    section: str
    name: str
    status: str  # ADDED or REMOVED
    place: str = ""


@dataclass
class Comparison:
    year_a: int
    year_b: int
    figures: list[FigureRow] = field(default_factory=list)
    items: list[ItemChange] = field(default_factory=list)

    @property
    def places(self) -> list[str]:
        """The funds blocks' places, in order (one table each)."""
        return list(dict.fromkeys(f.place for f in self.figures))


# ---------------------------------------------------------------- loading


def load_report(content_dir, year: int) -> Report:
    """Load and validate one year (schema only), in either content format.

    Not :func:`docgen.pipeline.prepare`: its consistency checks (e.g. a total
    that does not add up) stop a render, but comparing such a year with the
    last one is exactly how the author finds the slip.  Placeholders still to
    fill (“待填”) are schema errors, listed with their lines.
    """
    path = content_file(content_dir, year)
    validated = validate_and_check(load_content(path, display_path(path)), checks=False)
    if validated.errors:
        raise DocgenError(validated.diagnostics, EXIT_CONTENT)
    return validated.report


# ---------------------------------------------------------------- places in the outline


def _keyed(names: list[str]) -> list[str]:
    """Names made unique in order: a second "其他支出" becomes "其他支出 (2)"."""
    seen: Counter[str] = Counter()
    out = []
    for name in names:
        name = name.strip()
        seen[name] += 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


@dataclass
class _Outline:
    """One report's places: each section's key (heading texts, year-neutral) and printed path."""

    keys: dict[tuple, tuple]                 # model path of a section → its key; () → ()
    labels: dict[tuple, str]                 # key → "一、… / （二）…"
    blocks: dict[tuple, list[Placed]]        # key of a section → its blocks, in order


def _heading_key(text: str, year: int) -> str:
    """A heading as compared: its text without surrounding spaces, its report year neutral."""
    return re.sub(rf"(?<!\d){year}(?!\d)", "{年}", text.strip())


def _outline(report: Report) -> _Outline:
    keys: dict[tuple, tuple] = {(): ()}
    labels: dict[tuple, str] = {(): TOP}
    blocks: dict[tuple, list[Placed]] = {(): []}
    for placed in walk(report):
        parent = keys[placed.path[:-2] if len(placed.path) > 2 else ()]
        if placed.kind == "section":
            base = parent + (_heading_key(placed.item.heading, report.year),)
            key, n = base, 1
            while key in labels:  # two sections of the same heading under one parent
                n += 1
                key = base[:-1] + (f"{base[-1]} ({n})",)
            keys[placed.path] = key
            labels[key] = " / ".join(placed.headings + (placed.number + placed.item.heading,))
            blocks[key] = []
        else:
            blocks[parent].append(placed)
    return _Outline(keys, labels, blocks)


def _outermost(keys: list[tuple], other: set[tuple]) -> list[tuple]:
    """Keys missing from ``other`` whose parent ``other`` has: a removed section, not its subsections."""
    return [k for k in keys if k not in other and k[:-1] in other]


# ---------------------------------------------------------------- comparing


def _list_changes(section: str, old: list[str], new: list[str], place: str = "") -> list[ItemChange]:
    old_k, new_k = _keyed(old), _keyed(new)
    old_set, new_set = set(old_k), set(new_k)
    return ([ItemChange(section, n, REMOVED, place) for n in old_k if n not in new_set]
            + [ItemChange(section, n, ADDED, place) for n in new_k if n not in old_set])


def _figures(fa: Funds | None, fb: Funds | None, place: str) -> list[FigureRow]:
    """The rows of one funds block compared with its counterpart (either may be missing)."""
    def get(f: Funds | None, attr: str) -> Decimal | None:
        return None if f is None else getattr(f, attr)

    rows = [FigureRow("决算总额", get(fa, "final_total"), get(fb, "final_total"), True, place),
            FigureRow("基本支出", get(fa, "basic"), get(fb, "basic"), True, place),
            FigureRow("项目支出合计", get(fa, "projects_total"), get(fb, "projects_total"), True, place)]

    def categories(f: Funds | None) -> dict[str, Decimal]:
        if f is None:
            return {}
        return dict(zip(_keyed([c.name for c in f.projects]), (c.amount for c in f.projects)))

    old, new = categories(fa), categories(fb)
    for name in list(old) + [n for n in new if n not in old]:  # last year's order, then new ones
        rows.append(FigureRow(name, old.get(name), new.get(name), place=place))
    return rows


def _funds_blocks(outline: _Outline) -> list[tuple[tuple, Funds]]:
    return [(key, p.item.funds) for key, items in outline.blocks.items() for p in items if p.kind == "funds"]


def _compare_funds(a: _Outline, b: _Outline) -> list[FigureRow]:
    fa, fb = _funds_blocks(a), _funds_blocks(b)
    if len(fa) == 1 and len(fb) == 1:  # one each: the same figures, wherever they sit
        (ka, x), (kb, y) = fa[0], fb[0]
        place = a.labels[ka] if a.labels[ka] == b.labels[kb] else f"{a.labels[ka]} → {b.labels[kb]}"
        return _figures(x, y, place)

    def by_place(blocks: list[tuple[tuple, Funds]]) -> dict[tuple, Funds]:
        out: dict[tuple, Funds] = {}
        for key, funds in blocks:
            n, k = 1, key
            while k in out:  # a second funds block under the same heading
                n += 1
                k = key + (n,)  # an int: never a heading's text
            out[k] = funds
        return out

    old, new = by_place(fa), by_place(fb)
    rows: list[FigureRow] = []
    for key in list(old) + [k for k in new if k not in old]:
        bare = _strip_ordinal(key)
        label = a.labels.get(bare) or b.labels.get(bare) or TOP
        rows += _figures(old.get(key), new.get(key), label)
    return rows


def _strip_ordinal(key: tuple) -> tuple:
    return key[:-1] if key and isinstance(key[-1], int) else key


def _compare_entries(a: _Outline, b: _Outline) -> list[ItemChange]:
    """List items, indicators, lead-ins and honours added or removed, section by section."""
    out: list[ItemChange] = []
    for key in a.blocks:
        if key not in b.blocks:
            continue
        place = b.labels[key]
        for kind, word in _ENTRY_KINDS.items():
            xs = [p.item for p in a.blocks[key] if p.kind == kind]
            ys = [p.item for p in b.blocks[key] if p.kind == kind]
            if kind == "lead":  # every lead-in of a section, by its lead
                out += _list_changes(word, [x.lead for x in xs], [y.lead for y in ys], place)
                continue
            groups = max(len(xs), len(ys))
            for n in range(groups):
                label = word if groups == 1 else f"{word}（第{n + 1}组）"
                out += _list_changes(label, _entries(kind, xs[n]) if n < len(xs) else [],
                                     _entries(kind, ys[n]) if n < len(ys) else [], place)
    return out


def _entries(kind: str, block) -> list[str]:
    if kind == "list":
        return list(block.list)
    if kind == "indicators":
        return [i.name for i in block.indicators]
    return list(block.honours)


def _compare_sections(a: _Outline, b: _Outline) -> list[ItemChange]:
    ka, kb = [k for k in a.labels if k], [k for k in b.labels if k]
    out = [ItemChange(SECTIONS, a.labels[k], REMOVED, a.labels.get(k[:-1], TOP))
           for k in _outermost(ka, set(b.labels))]
    out += [ItemChange(SECTIONS, b.labels[k], ADDED, b.labels.get(k[:-1], TOP))
            for k in _outermost(kb, set(a.labels))]
    return out


def compare(a: Report, b: Report) -> Comparison:
    """Compare report ``a`` (the earlier year, usually) with report ``b``."""
    oa, ob = _outline(a), _outline(b)
    cmp = Comparison(a.year, b.year)
    cmp.figures = _compare_funds(oa, ob)
    cmp.items = _compare_sections(oa, ob) + _compare_entries(oa, ob)
    return cmp
