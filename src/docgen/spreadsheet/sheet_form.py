"""What one worksheet of a 自评表 says: ``self_evaluation`` data, the cell of every value, its problems.

The one result of reading a form (:mod:`.read`), and what the later steps take:
:mod:`.check` names each rule's problem at the cell the value came from, and
:mod:`.merge` writes the figures into the content file, leaving out those the sheet
only states (:attr:`SheetForm.derived`) where the file does not type them.  Apart
from the reader so that those steps depend on what was read, not on how.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..content.profiles import DEFAULT_PROFILE, PROFILES
from ..errors import Diagnostic, Severity

ROOT = ("self_evaluation",)
Path_ = tuple[Any, ...]


@dataclass
class SheetForm:
    """What one worksheet says, as content data, and where each piece of it stands."""

    display: str
    sheet: str
    data: dict = field(default_factory=dict)          # the self_evaluation mapping (None: a blank cell)
    cells: dict[Path_, tuple[int, int]] = field(default_factory=dict)      # value → (row, col)
    anchors: dict[Path_, tuple[int, int]] = field(default_factory=dict)    # a row or block → its first cell
    derived: set[Path_] = field(default_factory=set)  # figures docgen computes, stated by the sheet
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title: str | None = None
    year: int | None = None

    def problem(self, row: int, col: int, path: Path_, message: str, hint: str = "",
                severity: Severity = Severity.ERROR) -> None:
        self.diagnostics.append(Diagnostic(self.display, row, col, field_name(path), message, severity,
                                           hint, sheet=self.sheet))

    @property
    def inferred_profile(self) -> str:
        """The profile whose 一级指标 weights the sheet's add up to (the default if none or several)."""
        sums: dict[str, Decimal] = {}
        for ind in self.data.get("indicators", []):
            if isinstance(ind.get("weight"), Decimal) and ind.get("level1"):
                sums[ind["level1"]] = sums.get(ind["level1"], Decimal(0)) + ind["weight"]
        fits = [p.key for p in PROFILES.values() if all(sums.get(n) == w for n, w in p.weights)]
        return fits[0] if len(fits) == 1 else DEFAULT_PROFILE


def field_name(path: Path_) -> str:
    """``indicators[3].actual``: the content path without ``self_evaluation.`` (the file is the 自评表)."""
    out = ""
    for p in path[len(ROOT):] if path[:len(ROOT)] == ROOT else path:
        out += f"[{p + 1}]" if isinstance(p, int) else ("." if out else "") + str(p)
    return out
