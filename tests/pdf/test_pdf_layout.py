"""Issue 3 §1, §6: the PDF has the official layout, measured on the PDF itself (pdfplumber).

Numbers from shared/design/layout.md: A4; type area 156 x 225 mm at 28/37 mm from the
left/top; 16 pt body on an exact 28.95 pt pitch, 22 lines and 28 characters a line;
title 22 pt centred with a blank line after it; first lines indented 2 characters;
justified; "— N —" 14 pt, 7 mm below the type area, odd pages right and even pages
left, one character in from the edge.
"""

from __future__ import annotations

import pytest

from docgen.context import template_context

from helpers import docx_paragraphs, normalise
from pdf_helpers import (BODY_PT, BOTTOM, LEFT, PAGE_H, PAGE_W, PITCH, RIGHT, TOP, assert_no_warnings, body_lines,
                         font_of, grid_units, page_number_line, text_of)

pytestmark = pytest.mark.pdf

INDENT = 2 * BODY_PT             # first-line indent: two characters (the .docx's w:firstLine 640)
TIGHTENED = BODY_PT - 0.25       # a full-width character's advance: 16 pt and w:spacing -0.25 pt


def test_render_writes_pdf_beside_docx_without_warnings(pdf_2020):
    pdf, docx, records = pdf_2020
    assert pdf.parent == docx.parent and pdf.stem == docx.stem
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert_no_warnings(records)


def test_every_page_is_a4_portrait(pdf_pages):
    assert len(pdf_pages) >= 2
    for page in pdf_pages:
        assert page.width == pytest.approx(PAGE_W, abs=0.5)
        assert page.height == pytest.approx(PAGE_H, abs=0.5)


def test_text_stays_inside_the_type_area(pdf_pages):
    for page in pdf_pages:
        for _, chars in body_lines(page):
            assert chars[0]["x0"] >= LEFT - 0.5, text_of(chars)
            assert chars[-1]["x1"] <= RIGHT + 1.0, text_of(chars)
            assert min(c["top"] for c in chars) >= TOP - 2, text_of(chars)


def test_page_numbers_dashes_position_and_size(pdf_pages):
    for page in pdf_pages:
        n = page.page_number
        y, chars = page_number_line(page)
        assert text_of(chars) == f"— {n} —"
        assert all(c["size"] == pytest.approx(14, abs=0.01) for c in chars)
        # odd pages right, even pages left, one 14 pt character in from the type area's edge
        if n % 2:
            assert chars[-1]["x1"] == pytest.approx(RIGHT - 14, abs=1), f"page {n}"
        else:
            assert chars[0]["x0"] == pytest.approx(LEFT + 14, abs=1), f"page {n}"
        # its 14 pt line starts 7 mm below the type area: the glyphs sit in that line
        line_top, line_bottom = BOTTOM + 7 * 72 / 25.4, BOTTOM + 7 * 72 / 25.4 + 14
        assert line_top < y <= line_bottom, f"page {n}: baseline {y} outside {line_top:.1f}–{line_bottom:.1f}"
        for c in chars:
            assert c["top"] >= line_top - 1.5 and c["bottom"] <= line_bottom + 1.5, f"page {n}: {c['text']}"


def _grid_slot(y: float, first: float) -> float:
    return (y - first) / PITCH


def test_inner_pages_hold_exactly_22_lines_on_the_grid(pdf_pages):
    inner = pdf_pages[1:-1]
    assert inner, "the 2020 report has more than two pages"
    for page in inner:
        rows = body_lines(page)
        assert len(rows) == 22, f"page {page.page_number}: {len(rows)} lines"
        first = rows[0][0]
        for i, (y, chars) in enumerate(rows):
            # baselines of 黑体 headings sit up to ~1 pt off the body's: same grid line
            assert _grid_slot(y, first) == pytest.approx(i, abs=0.05), (page.page_number, text_of(chars))


def test_first_page_title_blank_line_then_20_lines(pdf_pages):
    rows = body_lines(pdf_pages[0])
    title_y, title = rows[0]
    assert text_of(title) == "2020年度清水塘街道整体支出绩效评价报告"
    assert {round(c["size"]) for c in title} == {22}
    centre = (title[0]["x0"] + title[-1]["x1"]) / 2
    assert centre == pytest.approx((LEFT + RIGHT) / 2, abs=1)
    # the title's line starts at the top of the type area; one blank line; then the text
    assert title[0]["top"] >= TOP - 1 and title[0]["bottom"] <= TOP + PITCH + 1
    # the heading is on the third grid line, then one line after another (baselines
    # measured from the first 仿宋 line: a 黑体 baseline sits up to ~1 pt off)
    slots = [_grid_slot(y, rows[2][0]) + 3 for y, _ in rows]
    assert slots[1:] == pytest.approx([float(i) for i in range(2, len(rows) + 1)], abs=0.05)
    assert title_y < rows[1][0] - 1.5 * PITCH
    assert len(rows) == 21  # title + 20 lines: with the blank line, 22 grid lines


def test_no_line_holds_more_than_28_characters_and_full_lines_hold_28(pdf_pages):
    widest = []
    for page in pdf_pages:
        for _, chars in body_lines(page):
            if round(chars[0]["size"]) != BODY_PT:
                continue  # the title
            indent = round((chars[0]["x0"] - LEFT) / TIGHTENED)
            units = indent + grid_units(chars)
            assert units <= 28.01, f"page {page.page_number}: {units} > 28: {text_of(chars)}"
            widest.append(units)
    assert max(widest) == pytest.approx(28)
    pure_chinese_full = [u for u in widest if u == 28]
    assert len(pure_chinese_full) >= 20


def test_headings_and_first_lines_are_indented_two_characters(pdf_pages):
    starts = [chars for page in pdf_pages for _, chars in body_lines(page)[1:]
              if text_of(chars).startswith(("一、", "二、", "三、", "四、", "参照区", "整体支出本年度"))]
    assert len(starts) == 6
    for chars in starts:
        assert chars[0]["x0"] - LEFT == pytest.approx(INDENT, abs=0.5), text_of(chars)


def test_lines_are_justified_to_the_right_edge(pdf_pages):
    """A line followed by a continuation line (no indent) ends at the right edge of the type area."""
    checked = 0
    for page in pdf_pages:
        rows = body_lines(page)
        for (_, line), (_, nxt) in zip(rows, rows[1:]):
            if abs(nxt[0]["x0"] - LEFT) < 0.5:  # the next line continues this paragraph
                assert line[-1]["x1"] == pytest.approx(RIGHT, abs=1.0), text_of(line)
                checked += 1
    assert checked > 80


def test_text_equals_the_docx_text_whitespace_aside(pdf_2020, pdf_pages):
    _, docx, _ = pdf_2020
    pdf_text = "".join(text_of(chars) for page in pdf_pages for _, chars in body_lines(page))
    docx_text = "".join(docx_paragraphs(docx))
    assert normalise(pdf_text) == normalise(docx_text)


def test_fonts_by_role(pdf_pages):
    """Each role in its face: 仿宋 body, 黑体 headings, 小标宋 title, Times digits, 宋体 page numbers."""
    from pdf_helpers import STANDINS

    first = body_lines(pdf_pages[0])
    assert {font_of(c) for c in first[0][1] if not c["text"].isdigit()} == {STANDINS["title"]}
    heading = next(chars for _, chars in first if text_of(chars) == "一、整体支出概况")
    assert {font_of(c) for c in heading} == {STANDINS["heading1"]}
    body = [c for page in pdf_pages for _, chars in body_lines(page) for c in chars
            if round(c["size"]) == BODY_PT and not text_of(chars).startswith(("一、", "二、", "三、", "四、"))]
    fonts_of = {}
    for c in body:
        fonts_of.setdefault(font_of(c), set()).add(c["text"])
    assert set(fonts_of) == {STANDINS["body"], STANDINS["latin"], STANDINS["serif_fallback"]}
    assert fonts_of[STANDINS["serif_fallback"]] == {"㎡"}  # the one character FandolFang lacks: a serif
    assert all(ord(t) < 0x7F for t in fonts_of[STANDINS["latin"]])
    assert {t for t in "0123456789%." if t in {c["text"] for c in body}} <= fonts_of[STANDINS["latin"]]
    assert "“" in fonts_of[STANDINS["body"]] and "，" in fonts_of[STANDINS["body"]]
    for page in pdf_pages:
        _, number = page_number_line(page)
        assert {font_of(c) for c in number if c["text"].strip()} == {STANDINS["page_number"]}


def test_long_title_breaks_into_centred_lines_on_the_grid(tmp_path, required_fonts, pdf_pages):
    import io

    import pdfplumber

    from docgen.pipeline import prepare_file
    from docgen.pdf.render import render_pdf
    from pdf_helpers import copy_project, no_source_date_epoch

    project = copy_project(tmp_path)
    content = project / "content" / "2020.yaml"
    content.write_text(content.read_text(encoding="utf-8").replace(
        "name: 清水塘街道", "name: 长沙市开福区人民政府清水塘街道办事处", 1), encoding="utf-8")
    report = prepare_file(content).report
    assert len(template_context(report)["title_lines"]) == 2
    with no_source_date_epoch():
        data = render_pdf(report, template_dir=project / "templates")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        rows = body_lines(pdf.pages[0])
    (y1, first), (y2, second), (y3, heading) = rows[:3]
    assert text_of(first) + text_of(second) == report.title_text
    assert y2 - y1 == pytest.approx(PITCH, abs=0.1)
    for line in (first, second):
        assert {round(c["size"]) for c in line} == {22}
        assert (line[0]["x0"] + line[-1]["x1"]) / 2 == pytest.approx((LEFT + RIGHT) / 2, abs=1)
    assert len(text_of(first)) >= len(text_of(second))  # the longer line on top
    assert text_of(heading) == "一、整体支出概况"
    # one blank grid line after the title: the heading is exactly one grid line lower
    # than under the one-line title of the real 2020 report
    one_line_title_heading = body_lines(pdf_pages[0])[1][0]
    assert y3 - one_line_title_heading == pytest.approx(PITCH, abs=0.1)
