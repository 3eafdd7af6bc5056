"""Issue 12 §5, hostile input: a file that is not a spreadsheet, a zip bomb, a huge sheet, a DTD.

Each ends in a clear error and exit code 2 — never a traceback — within the memory and time
limits of :func:`hostile.run_docgen`, and nothing is written.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import openpyxl
import pytest

from hostile import GB, deflate, deflate_zeros, first_error, raw_zip, run_docgen
from xlsx_forms import province_a

CONTENT = "year: 2020\n"


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2020.yaml").write_text(CONTENT, "utf-8")
    return tmp_path


def _import(project: Path, name: str):
    proc = run_docgen(["import", name, "--year", "2020"], project)  # under run_docgen's memory and time limits
    assert proc.returncode == 2, proc.stderr
    assert (project / "content" / "2020.yaml").read_text("utf-8") == CONTENT
    return first_error(proc)


def _entry(name: str, data: bytes):
    return (name, deflate(data), zlib.crc32(data), len(data))


_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
_WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def test_not_a_zip(project):
    (project / "自评表.xlsx").write_text("年初预算数,全年预算数\n4800,5100\n", "utf-8")
    assert _import(project, "自评表.xlsx").startswith("自评表.xlsx: 错误 error: 这不是 Excel 工作簿（.xlsx）。not an .xlsx file")


def test_a_word_file_named_xlsx(project):
    (project / "自评表.xlsx").write_bytes(raw_zip([_entry("[Content_Types].xml", _TYPES),
                                                 _entry("word/document.xml", b"<w:document/>")]))
    assert "这个文件是 Word 文档（.xlsx）" in _import(project, "自评表.xlsx")


def test_zip_bomb_declared_and_undeclared(project):
    stream, crc = deflate_zeros(GB)
    declared = raw_zip([_entry("[Content_Types].xml", _TYPES), _entry("xl/workbook.xml", _WORKBOOK),
                        ("xl/worksheets/sheet1.xml", stream, crc, GB)])
    (project / "炸弹.xlsx").write_bytes(declared)
    assert "解压后有 1073741824 字节，超过上限 8 MB" in _import(project, "炸弹.xlsx")
    lying = raw_zip([_entry("[Content_Types].xml", _TYPES), _entry("xl/workbook.xml", _WORKBOOK),
                     ("xl/worksheets/sheet1.xml", stream, crc, 20_000)])
    (project / "谎报.xlsx").write_bytes(lying)
    assert "解压后比它声明的 20000 字节更大" in _import(project, "谎报.xlsx")


def test_huge_sheet(project):
    wb = openpyxl.Workbook()
    for r in range(1, 3001):
        wb.active.cell(r, 1, r)
    wb.save(project / "大表.xlsx")
    assert "工作表“Sheet”太大（3000 行 × 1 列），不像一张自评表" in _import(project, "大表.xlsx")
    # the largest worksheet part the limits let through (just under 8 MB of XML, ~300 000 cells):
    # refused by its cell count, within run_docgen's memory limit
    rows, size, r = [], 0, 1
    while size < 7_900_000:
        row = f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c)}{r}"><v>{c}</v></c>' for c in range(20)) + "</row>"
        rows.append(row)
        size, r = size + len(row), r + 1
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + "".join(rows) + "</sheetData></worksheet>").encode()
    import zipfile

    with zipfile.ZipFile(project / "大表.xlsx") as zf:
        entries = [_entry(n, sheet if n == "xl/worksheets/sheet1.xml" else zf.read(n)) for n in zf.namelist()]
    (project / "巨表.xlsx").write_bytes(raw_zip(entries))
    assert "个单元格），不像一张自评表" in _import(project, "巨表.xlsx")


def test_a_part_with_a_dtd(project, tmp_path):
    path = province_a(tmp_path / "src.xlsx")
    import zipfile

    with zipfile.ZipFile(path) as zf:
        entries = []
        for name in zf.namelist():
            data = zf.read(name)
            if name == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
            entries.append(_entry(name, data))
    (project / "实体.xlsx").write_bytes(raw_zip(entries))
    assert "含有 DTD 声明，Excel 不会写这样的文件" in _import(project, "实体.xlsx")


def test_truncated_and_not_a_regular_file(project, tmp_path):
    data = province_a(tmp_path / "src.xlsx").read_bytes()
    (project / "截断.xlsx").write_bytes(data[: len(data) // 2])
    assert "Excel" in _import(project, "截断.xlsx") or "损坏" in first_error(
        run_docgen(["import", "截断.xlsx", "--year", "2020"], project))
    (project / "文件夹.xlsx").mkdir()
    assert "这是一个文件夹，不是 Excel 文件" in _import(project, "文件夹.xlsx")
