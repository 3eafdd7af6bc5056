"""An untrusted .xlsx opened within bounds, and its worksheets as grids of cells.

An .xlsx is a zip of XML parts, like a .docx, and is refused the same way before
openpyxl sees it (:mod:`docgen.docx.zipread`): a regular file of at most
:data:`MAX_FILE_BYTES`, every part inflated once by docgen and counted
(:data:`XLSX_LIMITS`: a 自评表's worksheet is some tens of kB), no part with a DTD
(an .xlsx never has one; a DTD is how an XML entity bomb starts).  Only then does
openpyxl read it, twice: for the cached values (``data_only=True``, what Excel
showed) and, when some worksheet has formulas, for the formulas, so that a formula
whose file holds no computed value (saved by a program that does not calculate)
is named rather than read as an empty cell.

A :class:`Grid` is one worksheet as the reader needs it: each cell's value with merged
cells followed (an 一级指标 merged over six rows is the value of all six), the
cell a value stands in (the merge's top-left, named in diagnostics), number formats,
hidden rows.  Worksheets larger than :data:`MAX_ROWS` × :data:`MAX_COLS` are refused:
a 自评表 has some tens of rows.  Only the cells the file has are visited
(:func:`docgen.seam.stored_cells`), so a stray far cell costs nothing.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from ..docx.package import OLE_MAGIC, refuse
from ..docx.zipread import Archive, ZipLimits, ZipProblem
from ..errors import EXIT_USAGE
from ..inputs import read_input
from ..seam import load_openpyxl, stored_cells

MAX_FILE_BYTES = 20_000_000
XLSX_LIMITS = ZipLimits(member=8_000_000, total=40_000_000, members=500)
MAX_ROWS = 2000
MAX_COLS = 64
MAX_CELLS = 50_000
MAX_MERGES = 5000

SAVE_AS_XLSX = "请在 Excel/WPS 中另存为 .xlsx：打开它，选择“文件 → 另存为”，保存类型选“Excel 工作簿 (*.xlsx)”，再导入新保存的文件。"
_REPAIR = "用 Excel 或 WPS 打开它（会提示修复），另存为新的 .xlsx 后再导入。"
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


@dataclass
class Grid:
    """One worksheet's cells (1-based rows and columns), merges followed."""

    name: str
    hidden: bool                                   # the worksheet itself is hidden
    values: dict[tuple[int, int], Any]             # top-left cells only: cached value
    formats: dict[tuple[int, int], str]
    formulas_without_value: set[tuple[int, int]]
    anchor: dict[tuple[int, int], tuple[int, int]]  # a covered cell → its merge's top-left
    merge_min_col: dict[tuple[int, int], int] = field(default_factory=dict)
    hidden_rows: set[int] = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0

    def at(self, row: int, col: int) -> tuple[int, int]:
        """The cell whose value shows at (row, col): itself, or the top-left of its merge."""
        return self.anchor.get((row, col), (row, col))

    def value(self, row: int, col: int) -> Any:
        return self.values.get(self.at(row, col))

    def number_format(self, row: int, col: int) -> str:
        return self.formats.get(self.at(row, col), "General")

    def uncomputed(self, row: int, col: int) -> bool:
        return self.at(row, col) in self.formulas_without_value

    def header(self, row: int, col: int) -> Any:
        """The value as a header reads it: a merge across columns labels its first column only."""
        if self.merge_min_col.get((row, col), col) != col:
            return None
        return self.value(row, col)

    def blank(self, row: int) -> bool:
        return all(_empty(self.value(row, c)) and not self.uncomputed(row, c)
                   for c in range(1, self.max_col + 1))


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_xlsx(path: Path, display: str) -> bytes:
    """The bytes of an .xlsx, every part checked; or refused (exit code 2) saying what the file is."""
    data = read_input(path, display=display, what="Excel 文件（.xlsx）", en="an .xlsx", limit=MAX_FILE_BYTES,
                      hint="自评表通常只有几十 KB；请检查是否选错了文件。", exit_code=EXIT_USAGE)
    if data.startswith(OLE_MAGIC):
        raise refuse(display, "这是旧版 Excel 97-2003 工作簿（.xls）或加密的文件，docgen 只能读取 .xlsx。"
                              "legacy .xls (or encrypted) file: please save it as .xlsx", SAVE_AS_XLSX)
    try:
        with Archive(data, XLSX_LIMITS) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" not in names:
                kind = "是 Word 文档" if any(n.startswith("word/") for n in names) else "不是 Excel 工作簿"
                raise refuse(display, f"这个文件{kind}（.xlsx）。not an Excel .xlsx workbook", SAVE_AS_XLSX)
            for name in sorted(names):
                if name.endswith("/"):
                    continue
                part = archive.read(name)
                if name.endswith((".xml", ".rels")) and _DTD.search(part[:4096]):
                    raise refuse(display, f"文件中的 {name} 含有 DTD 声明，Excel 不会写这样的文件。"
                                          "part with a DTD refused", _REPAIR)
    except ZipProblem as exc:
        if exc.damaged and "zip" in exc.message and not data.startswith(b"PK"):
            raise refuse(display, "这不是 Excel 工作簿（.xlsx）。not an .xlsx file", SAVE_AS_XLSX) from None
        hint = _REPAIR if exc.damaged else "自评表通常只有几十 KB；请检查是否选错了文件。"
        raise refuse(display, exc.message, hint) from None
    return data


def load_grids(data: bytes, display: str) -> list[Grid]:
    """Every worksheet of a checked .xlsx (:func:`read_xlsx`) as a :class:`Grid`."""
    openpyxl = load_openpyxl()

    def load(data_only: bool):
        try:
            with warnings.catch_warnings():  # "unknown extension", "no default style": not the user's problem
                warnings.simplefilter("ignore")
                return openpyxl.load_workbook(BytesIO(data), data_only=data_only, read_only=False)
        except Exception as exc:  # openpyxl raises many kinds for a damaged part
            raise refuse(display, f"文件已损坏，无法读取：{type(exc).__name__}: {str(exc)[:80]}。damaged .xlsx",
                         _REPAIR) from None

    values = load(True)
    formulas = load(False) if _has_formula(data) else None
    grids = []
    for ws in values.worksheets:
        wf = formulas[ws.title] if formulas is not None else None
        grids.append(_grid(ws, wf, display))
    return grids


def _has_formula(data: bytes) -> bool:
    """Whether some worksheet has a formula (its XML is compressed: look inside)."""
    with Archive(data, XLSX_LIMITS) as archive:
        return any(b"<f" in archive.read(n) for n in archive.namelist()
                   if n.startswith("xl/worksheets/") and n.endswith(".xml"))


def _grid(ws, wf, display: str) -> Grid:
    cells = stored_cells(ws)  # only the cells the file has: a public walk would cover the whole rectangle
    if len(cells) > MAX_CELLS * 4:
        raise _too_big(display, ws.title, f"{len(cells)} 个单元格")
    values: dict[tuple[int, int], Any] = {}
    formats: dict[tuple[int, int], str] = {}
    max_row = max_col = 0
    for (r, c), cell in cells.items():
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            if cell.number_format != "General":
                formats[(r, c)] = cell.number_format
            continue
        values[(r, c)] = value
        formats[(r, c)] = cell.number_format
        max_row, max_col = max(max_row, r), max(max_col, c)
    uncomputed = set()
    if wf is not None:
        for (r, c), cell in stored_cells(wf).items():
            if cell.data_type == "f" and (r, c) not in values:
                uncomputed.add((r, c))
                max_row, max_col = max(max_row, r), max(max_col, c)
    if len(values) > MAX_CELLS:
        raise _too_big(display, ws.title, f"{len(values)} 个非空单元格")
    if max_row > MAX_ROWS or max_col > MAX_COLS:
        raise _too_big(display, ws.title, f"{max_row} 行 × {max_col} 列")
    ranges = list(ws.merged_cells.ranges)
    if len(ranges) > MAX_MERGES:
        raise _too_big(display, ws.title, f"{len(ranges)} 处合并单元格")
    anchor: dict[tuple[int, int], tuple[int, int]] = {}
    min_col: dict[tuple[int, int], int] = {}
    covered = 0
    for rng in ranges:
        r0, c0 = rng.min_row, rng.min_col
        covered += max(0, min(rng.max_row, max_row) - r0 + 1) * max(0, min(rng.max_col, max_col) - c0 + 1)
        if covered > MAX_CELLS * 4:
            raise _too_big(display, ws.title, "合并单元格覆盖的范围")
        for r in range(r0, min(rng.max_row, max_row) + 1):
            for c in range(c0, min(rng.max_col, max_col) + 1):
                anchor[(r, c)] = (r0, c0)
                min_col[(r, c)] = c0
    hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden and r <= max_row}
    return Grid(ws.title, ws.sheet_state != "visible", values, formats, uncomputed, anchor, min_col,
                hidden_rows, max_row, max_col)


def _too_big(display: str, sheet: str, what: str):
    return refuse(display, f"工作表“{sheet}”太大（{what}），不像一张自评表（上限 {MAX_ROWS} 行 × {MAX_COLS} 列）。"
                           "worksheet too large", "检查是否选错了文件；自评表只有几十行。")
