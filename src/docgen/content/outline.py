"""The report's outline: every section and block in document order, with its place and its number.

The checks, the template context and ``docgen diff`` all read a report the same
way: as a walk over its content (:func:`walk`), where each item knows its path in
the model, the level of the section it sits in, and the numbered headings above
it.  Numbers are made here and only here (GB/T 9704 §7.3.5: 一、 / （一） / 1. /
（1）; lists 1、 unless the author chose another style), so the .docx, the PDF, the
checks and diff agree on what "三、" is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from .model import BLOCK_MODELS, LIST_NUMBERING, MAX_LEVEL, Report, Section
from .text import chinese_number, circled

#: The number format of each heading level ("{}" is the counter, in Chinese for levels 1 and 2).
HEADING_NUMBERING = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}


def heading_number(level: int, n: int) -> str:
    """The printed number of the n-th heading of a level: 一、 （二） 3. （4）."""
    shown = chinese_number(n) if level <= 2 else str(n)
    return HEADING_NUMBERING[level].format(shown)


def list_number(numbering: str, n: int) -> str:
    """The printed number of the n-th item of a list numbered ``numbering`` ("1、" → "3、")."""
    pattern = LIST_NUMBERING[numbering]
    return circled(n) if pattern == "circled" else pattern.format(n)


def kind_of(item: Any) -> str:
    """"text" for a paragraph, else the block's kind ("section", "list", "funds" …)."""
    if isinstance(item, str):
        return "text"
    for kind, model in BLOCK_MODELS.items():
        if isinstance(item, model):
            return kind
    raise TypeError(f"not a content item: {type(item).__name__}")


@dataclass(frozen=True)
class Placed:
    """One item of the content where it sits.

    ``path``: in the model (``("content", 1, "content", 0)``; the file's own place is
    ``report.source(path)``).  ``level``: a section's own level, else the level of the
    section it sits in (0 before the first heading).  ``number``: a section's printed
    number.  ``headings``: the numbered headings above it, outermost first.
    ``following``: the next item in the same content list, or None.
    """

    item: Any
    kind: str
    path: tuple
    level: int
    number: str
    headings: tuple[str, ...]
    following: Any = None

    @property
    def place(self) -> str:
        """Where it is, as an author reads it: "二、资金使用情况 / （一）预算执行"."""
        return " / ".join(self.headings) or "正文开头"


def section_level(section: Section, parent_level: int) -> int:
    """A section's level: as written, else one below its parent's."""
    return section.level if section.level is not None else parent_level + 1


def walk(report: Report) -> Iterator[Placed]:
    """Every item of the report's content, sections included, depth first in document order.

    A section whose level is not below its parent's, or beyond four, is still
    walked (at the level it says, capped at four): :mod:`.check` reports it.
    """
    yield from _walk(report.content, ("content",), 0, ())


def _walk(items: list, path: tuple, level: int, headings: tuple[str, ...]) -> Iterator[Placed]:
    counters: dict[int, int] = {}
    for i, item in enumerate(items):
        kind = kind_of(item)
        here = path + (i,)
        following = items[i + 1] if i + 1 < len(items) else None
        if kind == "section":
            own = min(section_level(item, level), MAX_LEVEL)
            counters[own] = counters.get(own, 0) + 1
            for deeper in [k for k in counters if k > own]:
                del counters[deeper]
            number = heading_number(own, counters[own])
            yield Placed(item, kind, here, own, number, headings, following)
            yield from _walk(item.content, here + ("content",), own, headings + (number + item.heading,))
        else:
            yield Placed(item, kind, here, level, "", headings, following)


def sections(report: Report) -> Iterator[Placed]:
    return (p for p in walk(report) if p.kind == "section")


def blocks(report: Report, kind: str) -> Iterator[Placed]:
    """Every block of one kind ("funds", "honours" …), wherever it sits."""
    return (p for p in walk(report) if p.kind == kind)


def place_in(data: Any, path: tuple, cache: dict | None = None) -> str:
    """The numbered headings above ``path`` in a content file's data, as an author reads them:
    "三、2020年绩效目标完成情况 › （一）…"; "" outside ``content`` or in a file of another format.

    Read from the data as loaded (a diagnostic may come before the file validates), so it
    follows the walk's numbering only where the file is well formed.  ``cache`` (one per
    file) keeps each content list's heading numbers, so that placing n diagnostics in a
    long list costs O(n), not O(n²).
    """
    if not (isinstance(data, dict) and path[:1] == ("content",)):
        return ""
    cache = {} if cache is None else cache
    trail: list[str] = []
    items, level, i = data.get("content"), 0, 1
    while i < len(path) and isinstance(items, list) and isinstance(path[i], int) and 0 <= path[i] < len(items):
        numbers = cache.get(id(items))
        if numbers is None:
            numbers = cache[id(items)] = _raw_numbers(items, level)
        item = items[path[i]]
        if numbers[path[i]] is None:
            break
        own, number = numbers[path[i]]
        trail.append(number + item["heading"].strip())
        if path[i + 1:i + 2] != ("content",):
            break
        items, level, i = item.get("content"), own, i + 2
    return " › ".join(trail)


def _raw_numbers(items: list, level: int) -> list[tuple[int, str] | None]:
    """(level, printed number) of each raw section in a content list; None for the other items."""
    counters: dict[int, int] = {}
    out: list[tuple[int, str] | None] = []
    for item in items:
        if not (isinstance(item, dict) and isinstance(item.get("heading"), str)):
            out.append(None)
            continue
        stated = item.get("level")
        own = stated if isinstance(stated, int) and not isinstance(stated, bool) and level < stated <= MAX_LEVEL \
            else min(level + 1, MAX_LEVEL)
        counters[own] = counters.get(own, 0) + 1
        for deeper in [k for k in counters if k > own]:
            del counters[deeper]
        out.append((own, heading_number(own, counters[own])))
    return out
