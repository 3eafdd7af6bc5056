"""Issue 11: the 绩效自评表 in the PDF — landscape pages, rows in order, merges, the header repeated."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from docgen.content.load import load_content
from docgen.content.validation import validate_and_check
from docgen.pdf.render import render_html, render_pdf
from helpers import DATA, ROOT, TEMPLATE

TEMPLATES = ROOT / "templates"
FORM_B = DATA / "self_evaluation" / "b_wangyuehu_2021.yaml"


def _report(path: Path):
    v = validate_and_check(load_content(path, str(path)))
    assert not v.errors
    return v.report


@pytest.fixture(scope="module")
def pages_b(required_fonts):
    import pdfplumber

    data = render_pdf(_report(FORM_B), template_dir=TEMPLATES, docx_template=TEMPLATE)
    pdf = pdfplumber.open(io.BytesIO(data))
    yield pdf.pages
    pdf.close()


def _rows(page) -> list[str]:
    """The page's table rows top to bottom, each row's words left to right (cells joined by "|")."""
    out = []
    for table in page.find_tables():
        for row in table.extract():
            out.append("|".join("".join((c or "").split()) for c in row))
    return out


def test_landscape_pages_after_the_report_with_page_numbers_running_on(pages_b):
    start = next(i for i, p in enumerate(pages_b) if (p.extract_text() or "").startswith("附件"))
    assert start > 0
    assert all(p.width < p.height for p in pages_b[:start])
    assert all(p.width > p.height for p in pages_b[start:])
    numbers = [p.extract_text().splitlines()[-1].strip() for p in pages_b]
    assert numbers == [f"— {i} —" for i in range(1, len(pages_b) + 1)]


def test_table_rows_in_order_with_merges(pages_b):
    start = next(i for i, p in enumerate(pages_b) if (p.extract_text() or "").startswith("附件"))
    rows = [r for p in pages_b[start:] for r in _rows(p)]
    header = "一级指标|二级指标|三级指标|指标性质|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施"
    budget = rows[:4]
    assert budget[0] == "项目|年初预算数|全年预算数|全年执行数|分值|执行率|得分"
    assert budget[1] == "年度资金总额|5000|5000|5076.83|10|101.54%|10"
    assert budget[2] == "其中：财政拨款|4900|4900|4980.83|—|101.65%|—"
    indicators = [r for r in rows[4:] if r != header]
    assert rows.count(header) == len(pages_b) - start  # the header row on every page of the table
    # 产出 first (profile order), its 二级 in the order they first appear; a merged cell is empty below its first row
    assert indicators[0].startswith("产出指标|数量指标|改造老旧小区|≥|3个|4个|20|20")
    assert indicators[1].startswith("|时效指标|项目按期完工率|≥|100%|100%|15|15")
    assert indicators[2].startswith("|质量指标|竣工验收合格率|=|100%|100%|15|15")
    assert indicators[3].startswith("效益指标|社会效益指标|居民获得感|定性|明显提升|有所提升|10|7.5|部分小区")
    assert indicators[4].startswith("|经济效益指标|带动商铺入驻|≥|20家|25家|20|20")
    assert indicators[5].startswith("满意度指标|服务对象满意度指标|居民满意度|≥|90%|88%|10|9.78|个别小区")
    assert indicators[6].startswith("预算执行率|年度资金总额执行率101.54%|")
    assert indicators[-1].startswith("总分|") and indicators[-1].endswith("|100|97.28|自评等级：优")


def test_html_merges_and_named_page(required_fonts):
    html = render_html(_report(FORM_B), TEMPLATES)
    assert '<section class="attachment">' in html
    assert html.count("<thead>") == 2
    assert 'rowspan="3"' in html and 'rowspan="2"' in html and 'colspan="6"' in html
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    assert "@page attachment { size: 841.9pt 595.3pt; }" in css
