"""The import report: what ``docgen import`` recognised, and what the author must look at.

A report typed by hand never fits the template exactly.  Rather than guess
silently, every decision the importer could get wrong is recorded as a
:class:`Note` naming the paragraph (numbered among the non-empty paragraphs, as
the command prints it), and whatever cannot be placed is kept as free text in
the nearest field by :meth:`ImportNotes.keep_stray` (and written into it by
:meth:`ImportNotes.settle`), so nothing of the document is lost.
:class:`ImportNotes` collects them while the sections are read; :class:`Imported`
is the result the command prints and writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .text import Paragraph


@dataclass
class Note:
    """One line of the import report: what happened to paragraph ``para``."""

    para: int | None          # 1-based number among the document's non-empty paragraphs
    excerpt: str
    message: str
    level: str = "warning"    # "warning": please look at it; "info": done, for the record

    def format(self) -> str:
        where = f"第 {self.para} 段" if self.para else "全文"
        quote = f"“{self.excerpt}”" if self.excerpt else ""
        return f"{where}{quote}：{self.message}"


@dataclass
class Imported:
    """The content data recognised in a document, and the report of how."""

    data: dict[str, Any]
    notes: list[Note] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def year(self) -> int:
        return self.data["year"]

    @property
    def warnings(self) -> list[Note]:
        return [n for n in self.notes if n.level == "warning"]


def _sequence_note(numbers: list[int]) -> str | None:
    if numbers != list(range(1, len(numbers) + 1)):
        shown = "、".join(str(n) for n in numbers[:12]) + ("…" if len(numbers) > 12 else "")
        return f"原文编号 {shown} 不连续；编号由模板生成，将为 1—{len(numbers)}。"
    return None


@dataclass
class _Kept:
    """Paragraphs kept as text in one field: written into it once, by :meth:`ImportNotes.settle`."""

    target: dict | list
    key: Any
    before: list[str] = field(default_factory=list)   # prepended, nearest first
    after: list[str] = field(default_factory=list)


class ImportNotes:
    """The notes of the import report, collected while the sections are read, and the rule
    for a paragraph that fits nowhere: kept as text in the nearest field, and noted."""

    def __init__(self) -> None:
        self.notes: list[Note] = []
        self._kept: dict[tuple[int, Any], _Kept] = {}

    def add(self, p: Paragraph | None, message: str, level: str = "warning") -> None:
        """Note ``message`` about paragraph ``p`` (None: about the whole document)."""
        self.notes.append(Note(p.no if p else None, p.excerpt if p else "", message, level))

    def keep_stray(self, p: Paragraph, target: dict | list, key: Any, path: str, why: str = "",
                   prepend: bool = False) -> None:
        """Keep ``p`` as free text appended (or prepended) to ``target[key]`` and say so.

        The text is collected and joined into the field by :meth:`settle`, once:
        appending to a growing string for each of n paragraphs that cannot be
        placed would copy it n times (quadratic time).
        """
        slot = (id(target), key)
        kept = self._kept.get(slot)
        if kept is None:
            kept = self._kept[slot] = _Kept(target, key)
        (kept.before if prepend else kept.after).append(p.text)
        why = why or "未能识别它在报告结构中的位置"
        self.add(p, f"{why}，已作为文字保存在 {path}（换行接在原有文字{'之前' if prepend else '之后'}），请核对。")

    def settle(self) -> None:
        """Write the paragraphs kept by :meth:`keep_stray` into their fields (call before reading them)."""
        for kept in self._kept.values():
            old = kept.target[kept.key]
            parts = [*reversed(kept.before), *([old] if old else []), *kept.after]
            kept.target[kept.key] = "\n".join(parts)
        self._kept.clear()

    def list_numbers(self, first: Paragraph | None, numbers: list[int], what: str) -> None:
        """Note a list whose typed numbers were not 1, 2, 3 … (the template numbers it afresh)."""
        numbers = [n for n in numbers if n and n > 0]
        msg = _sequence_note(numbers) if numbers else None
        if msg and first is not None:
            self.add(first, f"{what}：{msg}", "info")

    def in_document_order(self) -> list[Note]:
        """The notes about the whole document first, then by paragraph."""
        return sorted(self.notes, key=lambda n: (n.para is not None, n.para or 0))
