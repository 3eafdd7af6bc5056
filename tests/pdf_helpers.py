"""Plain helpers of the PDF tests (``tests/pdf/``): the official geometry, text lines, fonts.

The PDF is tested on the file itself: pdfplumber for characters, their fonts and
positions; pypdf for the PDF's objects (fonts embedded, metadata, PDF/A).  The
numbers here are the test's own expectations (``shared/design/layout.md``), not read
from docgen.  Fixtures (the 2020 PDF, the fonts a machine must have, the guard that
fails a test on any WeasyPrint warning) are in ``tests/pdf/conftest.py``.
Importable as ``pdf_helpers`` from any test folder.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from helpers import CONTENT, ROOT

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, RIGHT = 28 * MM, (210 - 26) * MM           # type area, x
TOP, BOTTOM = 37 * MM, (297 - 35) * MM           # type area, y from the top
PITCH = 28.95
BODY_PT = 16
SETUP = "请先运行 make setup（scripts/setup-system.sh）。run `make setup` (scripts/setup-system.sh) first"

#: The stand-in faces the PDF must get on a machine set up by scripts/setup-system.sh.
STANDINS = {
    "title": "Noto-Serif-CJK-SC-Bold",
    "body": "FandolFang",
    "heading1": "Noto-Sans-CJK-SC",
    "latin": "Liberation-Serif",
    "latin_bold": "Liberation-Serif-Bold",
    "page_number": "AR-PL-SungtiL-GB",
    "serif_fallback": "Noto-Serif-CJK-SC",
}
#: Font names as LibreOffice's PDF export writes them, for the same roles (issue 13).  On a
#: machine with the office's licensed fonts, these are what change; nothing else in the
#: tests of the .docx-and-PDF agreement depends on the faces.
LIBREOFFICE_FACES = {
    "title_bold": ("Bold", "XiaoBiaoSong"),         # a Bold stand-in, or 方正小标宋 itself (heavy as is)
    "latin_regular": ("LiberationSerif", "TimesNewRoman"),
}
REQUIRED_FAMILIES = ("FandolFang", "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL SungtiL GB",
                     "AR PL KaitiM GB", "Liberation Serif")


@contextmanager
def weasyprint_warnings():
    """Collect what WeasyPrint logs at WARNING or above while the block runs."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler = Collect(level=logging.WARNING)
    old_level = logger.level
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def assert_no_warnings(records) -> None:
    assert not records, "WeasyPrint logged warnings:\n" + "\n".join(r.getMessage() for r in records)


@contextmanager
def no_source_date_epoch():
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        yield
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def baseline(char) -> float:
    """Distance of a character's baseline from the top of the page (its text matrix, not its glyph box)."""
    return round(PAGE_H - char["matrix"][5], 1)


def lines(page) -> list[tuple[float, list[dict]]]:
    """The page's text lines, top to bottom: (baseline, characters left to right)."""
    rows: dict[float, list] = defaultdict(list)
    for c in page.chars:
        rows[baseline(c)].append(c)
    return [(y, sorted(rows[y], key=lambda c: c["x0"])) for y in sorted(rows)]


def body_lines(page):
    """Lines inside the type area (the page number is below it)."""
    return [(y, cs) for y, cs in lines(page) if y < BOTTOM]


def text_of(chars) -> str:
    return "".join(c["text"] for c in chars)


_PAGE_NUMBER = re.compile(r"^— (\d+) —$")


def page_number_line(page):
    below = [(y, cs) for y, cs in lines(page) if y > BOTTOM]
    assert len(below) == 1, f"page {page.page_number}: expected one line below the type area, got {below!r}"
    return below[0]


def grid_units(chars) -> float:
    """Width of a line in grid characters: a full-width character is 1, a half-width one
    (Latin digit, letter, sign: ASCII) counts by its advance, so a digit is exactly one half."""
    units = 0.0
    for c in chars:
        if not c["text"].strip():
            continue
        units += 1 if ord(c["text"]) > 0x7E else (c["x1"] - c["x0"]) / BODY_PT
    return units


def font_of(char) -> str:
    """The PDF font name without its subset tag: 'ABCDEF+FandolFang' → 'FandolFang'."""
    return char["fontname"].split("+", 1)[-1]


def copy_project(tmp_path: Path) -> Path:
    """content/ and templates/ in a scratch folder, to change without touching the repository."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path
