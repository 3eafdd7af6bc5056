"""The import report: what ``docgen import`` recognised, and what the author must look at.

Every paragraph of the document is kept, in order; what the importer decided
about it (a heading of level 2, a list numbered "（1）", the funds sentence, a
paragraph kept as text because its numbers did not run 1, 2, 3 …) is recorded as
a :class:`Note` naming the paragraph (numbered among the non-empty paragraphs
and table rows, as the command prints it): "info" for the record, "warning"
where the author should look.  :class:`ImportNotes` collects them;
:class:`Imported` is the result the command prints and writes.
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


class ImportNotes:
    """The notes of the import report, collected while the document is read."""

    def __init__(self) -> None:
        self.notes: list[Note] = []

    def add(self, p: Paragraph | None, message: str, level: str = "warning") -> None:
        """Note ``message`` about paragraph ``p`` (None: about the whole document)."""
        self.notes.append(Note(p.no if p else None, p.excerpt if p else "", message, level))

    def list_numbers(self, first: Paragraph | None, numbers: list[int], what: str) -> None:
        """Note a list whose typed numbers were not 1, 2, 3 … (the template numbers it afresh)."""
        numbers = [n for n in numbers if n and n > 0]
        msg = _sequence_note(numbers) if numbers else None
        if msg and first is not None:
            self.add(first, f"{what}：{msg}", "info")

    def in_document_order(self) -> list[Note]:
        """The notes about the whole document first, then by paragraph."""
        return sorted(self.notes, key=lambda n: (n.para is not None, n.para or 0))
