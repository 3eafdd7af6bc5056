"""Issue 11: the 绩效自评表 in the .docx — read back from the XML, and as LibreOffice lays it out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.content.load import load_content
from docgen.content.validation import validate_and_check
from docgen.docx.render import render_docx
from helpers import DATA, FROZEN_CONTENT, TEMPLATE, convert

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
FORMS = sorted((DATA / "self_evaluation").glob("*.yaml"))


def _report(path: Path):
    v = validate_and_check(load_content(path, str(path)))
    assert not v.errors
    return v.report


def _document(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def _attr(el, name):
    return el.get(f"{{{W}}}{name}")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("self_evaluation_docx")
    paths = {}
    for form in FORMS:
        path = out / f"{form.stem}.docx"
        path.write_bytes(render_docx(_report(form), TEMPLATE))
        paths[form.stem] = path
    return paths


def test_tables_widths_header_rows_and_merges(rendered):
    doc = _document(rendered["a_qingshuitang_2020"].read_bytes())
    tables = doc.findall(".//w:tbl", NS)
    assert len(tables) == 2
    for tbl in tables:
        grid = [int(_attr(c, "w")) for c in tbl.findall("w:tblGrid/w:gridCol", NS)]
        assert int(_attr(tbl.find("w:tblPr/w:tblW", NS), "w")) == sum(grid) == 16838 - 1587 - 1474
        for tr in tbl.findall("w:tr", NS):
            assert tr.find("w:trPr/w:cantSplit", NS) is not None
            col = 0
            for tc in tr.findall("w:tc", NS):
                span = int(_attr(tc.find("w:tcPr/w:gridSpan", NS), "val") or 1) \
                    if tc.find("w:tcPr/w:gridSpan", NS) is not None else 1
                assert int(_attr(tc.find("w:tcPr/w:tcW", NS), "w")) == sum(grid[col:col + span])
                col += span
            assert col == len(grid)
        rows = tbl.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
    indicators = tables[1].findall("w:tr", NS)[1:]

    def column(i):
        out = []
        for tr in indicators[:7]:
            tc = tr.findall("w:tc", NS)[i]
            vm = tc.find("w:tcPr/w:vMerge", NS)
            out.append(None if vm is None else (_attr(vm, "val") or "continue"))
        return out
    # 产出 (4 rows: 数量 ×2 grouped from file order 数量, 质量, 数量, 成本), 效益 (2), 满意度 (1)
    assert column(0) == ["restart", "continue", "continue", "continue", "restart", "continue", None]
    assert column(1) == ["restart", "continue", None, None, None, None, None]
    texts = ["".join(tr.findall("w:tc", NS)[2].itertext()) for tr in indicators[:7]]
    assert texts == ["辖区网格巡查覆盖率", "新增就业人数", "重大安全生产事故", "公用经费支出",
                     "群众安全感", "网格化管理长效机制", "辖区居民满意度"]


def test_cell_fonts_and_spacing_are_the_tables_own(rendered):
    doc = _document(rendered["b_wangyuehu_2021"].read_bytes())
    for tc in doc.iterfind(".//w:tc", NS):
        for p in tc.findall("w:p", NS):
            ppr = p.find("w:pPr", NS)
            assert _attr(ppr.find("w:snapToGrid", NS), "val") == "0"
            spacing = ppr.find("w:spacing", NS)
            assert (_attr(spacing, "line"), _attr(spacing, "lineRule")) == ("240", "auto")
            for r in p.findall("w:r", NS):
                fonts = r.find("w:rPr/w:rFonts", NS)
                assert _attr(fonts, "eastAsia") == "仿宋_GB2312"
                assert not any(k.endswith("Theme") for k in fonts.attrib)
                assert _attr(r.find("w:rPr/w:sz", NS), "val") == "21"  # 10.5 pt


def test_sections_keep_footers_and_numbering(rendered):
    doc = _document(rendered["c_town_2021"].read_bytes())
    sects = doc.findall(".//w:sectPr", NS)
    assert len(sects) == 2
    report, attachment = sects
    assert _attr(report.find("w:pgSz", NS), "orient") is None
    pg = attachment.find("w:pgSz", NS)
    assert (_attr(pg, "w"), _attr(pg, "h"), _attr(pg, "orient")) == ("16838", "11906", "landscape")
    for s in sects:
        kinds = sorted(_attr(f, "type") for f in s.findall("w:footerReference", NS))
        assert kinds == ["default", "even"]
        assert s.find("w:pgNumType", NS) is None  # numbering runs on
    body = doc.find("w:body", NS)
    texts = ["".join(p.itertext()) for p in body.findall("w:p", NS)]
    assert texts[texts.index("附件") + 1] == "2021年度雨花区某某镇人民政府部门整体支出绩效自评表"


def test_the_attachment_only_adds(tmp_path):
    """Form A is the frozen 2020 report plus a sentence and a self_evaluation: without the
    self_evaluation the document is the frozen report's, sentence aside."""
    form = (DATA / "self_evaluation" / "a_qingshuitang_2020.yaml").read_text(encoding="utf-8")
    plain = form.split("\n# ---- 附件")[0].replace(
        "  paragraphs:\n    - 经自评，综合评分为97.99分，自评等级为优，预算执行率为95.9%。\n", "") + "\n"
    (tmp_path / "2020.yaml").write_text(plain, encoding="utf-8")
    stripped = _document(render_docx(_report(tmp_path / "2020.yaml"), TEMPLATE))
    frozen = _document(render_docx(_report(FROZEN_CONTENT / "2020.yaml"), TEMPLATE))
    assert etree.tostring(stripped) == etree.tostring(frozen)
    assert stripped.find(".//w:tbl", NS) is None and len(stripped.findall(".//w:sectPr", NS)) == 1


@pytest.mark.libreoffice
def test_libreoffice_lays_the_table_out_in_the_page(rendered, tmp_path):
    import pdfplumber

    src = rendered["a_qingshuitang_2020"]
    done = convert([src], tmp_path, tmp_path / "profile")
    assert done.returncode == 0, done.stderr
    with pdfplumber.open(tmp_path / f"{src.stem}.pdf") as pdf:
        pages = pdf.pages
        numbers = [p.extract_text().strip().splitlines()[-1] for p in pages]
        assert numbers == [f"— {i} —" for i in range(1, len(pages) + 1)]
        start = next(i for i, p in enumerate(pages) if p.extract_text().startswith("附件"))
        attached = pages[start:]
        assert all(p.width > p.height for p in attached) and all(p.width < p.height for p in pages[:start])
        text = "".join("".join(p.extract_text().split()) for p in attached)
        for needle in ("年度资金总额", "4800", "5220", "5005.93", "95.9%", "9.59", "87.86%", "年中追加疫情防控经费300万元",
                       "辖区网格巡查覆盖率", "新增就业人数", "13.8", "460人", "公用经费支出", "125万元", "9.6",
                       "网格化管理长效机制", "辖区居民满意度", "97.99", "自评等级：优"):
            assert needle in text, needle
        left, right = 1587 / 20, 16838 / 20 - 1474 / 20
        for page in attached:
            for table in page.find_tables():
                x0, top, x1, bottom = table.bbox
                assert left - 1 <= x0 and x1 <= right + 1, table.bbox
                assert bottom <= page.height - 1984 / 20 + 1
        # the header row repeats on every page of the indicator table
        assert all("偏差原因分析及改进措施" in "".join(p.extract_text().split()) for p in attached)
