"""Plain helpers shared by every test package: the project's paths, text extraction.

Importable as ``helpers`` from any test folder (``pythonpath = ["tests"]`` in pyproject);
fixtures live in the ``conftest.py`` files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TEMPLATE = ROOT / "templates" / "report.docx"
DATA = Path(__file__).resolve().parent / "data"
#: A frozen copy of content/2020.yaml for tests that name its line numbers: editing the live
#: example must not break them (the live file is checked by the fidelity and render tests).
FROZEN_CONTENT = DATA / "frozen"
#: One file per bad input (black-style case files), run by tests/content/test_cases.py.
CASES = Path(__file__).resolve().parent / "cases"


def find_reference() -> Path:
    """``../shared/reference`` beside the checkout (CI lays shared/ next to the clone)."""
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        ref = base / "reference" / "000_59030bb28dc817f9.txt"
        if ref.is_file():
            return ref
    pytest.fail("reference text ../shared/reference/000_59030bb28dc817f9.txt not found")


REPORT_2020 = "2020年度清水塘街道整体支出绩效评价报告"

_WS = re.compile(r"\s+")
_LIST_NUMBER = re.compile(r"\d+\s*、")


def normalise(text: str) -> str:
    """Whitespace and list numbers aside (the only allowed differences from the reference)."""
    text = _WS.sub("", text)
    return _LIST_NUMBER.sub("#、", text)


def docx_paragraphs(path: Path) -> list[str]:
    """Body paragraphs of a .docx in order, as python-docx reads them (<w:br/> → newline)."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]
