"""Issue 2 §5: LibreOffice, the real Word client available here, lays the .docx out as layout.md says.

The rendered 2020 report (and the invented two-line-title 2021 report of
tests/data/generality) go through ``soffice --headless --convert-to pdf``; the
PDF is then measured with pdfplumber: page count and size, "— N —" page numbers
on the correct side, 22 grid lines a page, 28 characters a line, and the title
taking exactly its own lines plus one blank line.

The conversion is conftest's ``libreoffice_pdfs`` (one soffice run a session, with a
private profile).  A missing soffice is a failure, not a skip: the project's set-up
(scripts/setup-system.sh) installs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import BOTTOM, LEFT, PAGE_H, PAGE_W, PT_PER_TWIP, RIGHT, TOP

pytestmark = pytest.mark.libreoffice

PITCH = 579 * PT_PER_TWIP
MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"^\u2014 (\d+) \u2014$")


@dataclass
class Line:
    text: str
    top: float
    x0: float
    x1: float
    chars: list


@dataclass
class Page:
    width: float
    height: float
    lines: list[Line]

    @property
    def body(self) -> list[Line]:
        """Lines inside the type area (the footer's page number is below it)."""
        return [ln for ln in self.lines if ln.top < PAGE_H - BOTTOM]

    @property
    def footer(self) -> list[Line]:
        return [ln for ln in self.lines if ln.top >= PAGE_H - BOTTOM]


def read_pdf(path: Path) -> list[Page]:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for pg in pdf.pages:
            lines = [Line(ln["text"], ln["top"], ln["x0"], ln["x1"],
                          [c for c in ln["chars"] if c["text"].strip()])
                     for ln in pg.extract_text_lines(return_chars=True)]
            pages.append(Page(float(pg.width), float(pg.height), lines))
    return pages


@pytest.fixture(scope="module")
def pages_2020(libreoffice_pdfs) -> list[Page]:
    return read_pdf(libreoffice_pdfs[2020])


@pytest.fixture(scope="module")
def pages_2021(libreoffice_pdfs) -> list[Page]:
    return read_pdf(libreoffice_pdfs[2021])


def test_conversion_gives_about_eight_a4_pages(pages_2020):
    assert 7 <= len(pages_2020) <= 9, f"{len(pages_2020)} pages"
    for n, page in enumerate(pages_2020, 1):
        assert abs(page.width - PAGE_W) < 1 and abs(page.height - PAGE_H) < 1, f"page {n} is not A4"


def _page_number(page: Page) -> tuple[int, Line]:
    found = [(int(m.group(1)), ln) for ln in page.footer if (m := PAGE_NUMBER.match(ln.text.strip()))]
    assert len(found) == 1, [ln.text for ln in page.footer]
    return found[0]


@pytest.mark.parametrize("year", [2020, 2021])
def test_every_page_numbered_em_dash_n_em_dash(year, pages_2020, pages_2021):
    pages = pages_2020 if year == 2020 else pages_2021
    assert [_page_number(p)[0] for p in pages] == list(range(1, len(pages) + 1))


def test_page_numbers_outside_on_alternate_sides_below_type_area(pages_2020):
    """Odd pages right, even pages left, one 14 pt character in from the type area, ~7 mm below it."""
    for n, page in enumerate(pages_2020, 1):
        _, line = _page_number(page)
        if n % 2:
            assert abs((PAGE_W - RIGHT - 14) - line.x1) < 3, f"page {n}: x1={line.x1:.1f}"
        else:
            assert abs((LEFT + 14) - line.x0) < 3, f"page {n}: x0={line.x0:.1f}"
        gap_mm = (line.top - (PAGE_H - BOTTOM)) / MM
        assert 4 <= gap_mm <= 10, f"page {n}: page number {gap_mm:.1f} mm below the type area"


def _grid_index(page: Page, line: Line, first_top: float) -> float:
    return (line.top - first_top) / PITCH


def test_full_pages_hold_22_lines_on_the_grid(pages_2020):
    full = pages_2020[1:-1]
    assert full
    first_top = full[0].body[0].top
    for n, page in enumerate(full, 2):
        idx = [_grid_index(page, ln, first_top) for ln in page.body]
        assert all(abs(i - round(i)) < 0.05 for i in idx), f"page {n}: lines off the grid {idx}"
        assert [round(i) for i in idx] == list(range(22)), f"page {n}: {len(idx)} lines"


@pytest.mark.parametrize("year, title_lines", [(2020, 1), (2021, 2)])
def test_title_takes_its_lines_and_one_blank_line(year, title_lines, pages_2020, pages_2021):
    """The first heading sits on grid line title_lines + 2; page 1 keeps all 22 lines."""
    pages = pages_2020 if year == 2020 else pages_2021
    grid_top = pages[1].body[0].top  # a 16 pt line at the top of the type area
    first = pages[0]
    heading = next(ln for ln in first.body if ln.text.startswith("一、"))
    assert abs(_grid_index(first, heading, grid_top) - (title_lines + 1)) < 0.05
    titles = [ln for ln in first.body if ln.top < heading.top]
    assert len(titles) == title_lines
    for ln in titles:  # centred in the type area
        assert abs((ln.x0 + ln.x1) / 2 - (LEFT + PAGE_W - RIGHT) / 2) < 6, ln.text
    last = first.body[-1]
    assert round(_grid_index(first, last, grid_top)) == 21, "page 1 holds 22 grid lines"


def test_28_characters_a_line(pages_2020):
    """Lines of only full-width characters run margin to margin with 28 characters, never more."""
    full_width = []
    for page in pages_2020:
        for ln in page.body:
            inside = [c for c in ln.chars if c["x1"] <= PAGE_W - RIGHT + 0.5]  # hanging punctuation aside
            if inside and all(ord(c["text"]) >= 0x2E80 for c in ln.chars) and abs(ln.x0 - LEFT) < 2:
                full_width.append(len(inside))
    assert max(full_width) == 28
    assert full_width.count(28) >= 10
