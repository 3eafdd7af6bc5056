"""Issue 10 §1, §2, §5: every published shape of the corpus, written as docgen content, renders as published.

For each of the nine shapes (tests/data/outlines): the content an author would
write (:func:`outline_content.content_of`: headings without numbers, lists as
lists, figures as data) is rendered; the .docx must print exactly the expected
paragraphs and tables (numbers made by docgen), each heading in its level's
style and font, and LibreOffice — the real client here — must lay out every
character with the heading fonts of GB/T 9704 (黑体, 楷体, 仿宋).  The PDF prints the
same text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

import outline_docs as od
from outline_docs import squeeze
from helpers import TEMPLATE, convert
from outline_content import content_of

from docgen.pipeline import render_year

DESCRIPTIONS = od.all_descriptions()
NAMES = sorted(DESCRIPTIONS)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:float", f"{v:f}"))



def write_content(desc: dict, folder: Path, unit: str = "示例单位") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2024.yaml"
    path.write_text(yaml.dump(content_of(desc, unit=unit), Dumper=_Dumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """{shape: the rendered .docx}, every shape rendered through the real pipeline."""
    root = tmp_path_factory.mktemp("outline_render")
    out = {}
    for name in NAMES:
        write_content(DESCRIPTIONS[name], root / name / "content", unit=f"示例单位{name[0].upper()}")
        result = render_year(2024, content_dir=root / name / "content", out_root=root / name / "out",
                             template=TEMPLATE)
        (docx,) = [p for p in result.paths if p.suffix == ".docx"]
        out[name] = docx
    return out


def printed_paragraphs(document) -> list[str]:
    """Every non-empty paragraph of the body, the title's lines one by one."""
    out = []
    for p in document.paragraphs:
        lines = p.text.split("\n") if p.style.name == "Title" else [p.text]
        out += [squeeze(t) for t in lines if squeeze(t)]
    return out


def east_asia_font(paragraph) -> str:
    """The Chinese font a paragraph's first run is set in: the run's own, else its style's."""
    run = paragraph.runs[0]._r
    fonts = run.rPr.rFonts if run.rPr is not None and run.rPr.rFonts is not None else None
    if fonts is not None and fonts.get(qn("w:eastAsia")):
        return fonts.get(qn("w:eastAsia"))
    return paragraph.style.element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("name", NAMES)
def test_every_paragraph_and_table_as_published(name, rendered):
    desc = DESCRIPTIONS[name]
    document = Document(str(rendered[name]))
    assert printed_paragraphs(document) == [squeeze(t) for t in od.expected_paragraphs(desc)]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert tables == od.expected_tables(desc)


@pytest.mark.parametrize("name", NAMES)
def test_headings_in_their_level_style_and_font(name, rendered):
    desc = DESCRIPTIONS[name]
    document = Document(str(rendered[name]))
    headings = [b for b in od.blocks(desc) if isinstance(b, od.Para) and b.kind == "heading"]
    got = [p for p in document.paragraphs if p.style.name.lower().startswith("heading ")]
    assert [(int(p.style.name[-1]), squeeze(p.text)) for p in got] == \
        [(b.level, squeeze(b.printed)) for b in headings]
    for p, b in zip(got, headings):
        assert east_asia_font(p) == od.HEADING_FONTS[b.level], p.text
        bold = any(r.bold for r in p.runs)
        assert bold == (b.level == 3 and 3 in desc.get("plain", {}).get("bold", [])), p.text


@pytest.mark.parametrize("name", NAMES)
def test_label_front_matter_and_signature_in_their_styles(name, rendered):
    desc = DESCRIPTIONS[name]
    document = Document(str(rendered[name]))
    styles = {}
    for p in document.paragraphs:
        styles.setdefault(p.style.name, []).append(squeeze(p.text))
    assert styles.get("附件标注", []) == ([desc["label"]] if desc.get("label") else [])
    assert styles.get("表头信息", []) == [squeeze(f"{a}：{b}") for a, b in desc.get("front_matter") or []]
    signs = [line for b in desc["body"] for k, v in b.items() if k == "sign" for line in v]
    assert styles.get("落款", []) == signs
    label = document.styles["附件标注"].element
    assert label.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.styles["落款"].element.pPr.find(qn("w:jc")).get(qn("w:val")) == "right"


def test_tables_have_explicit_widths_and_a_repeated_header_row(rendered):
    document = Document(str(rendered["f_form_style"]))
    assert document.tables
    for table in document.tables:
        tbl = table._tbl
        width = int(tbl.tblPr.find(qn("w:tblW")).get(qn("w:w")))
        grid = [int(g.get(qn("w:w"))) for g in tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) == width == 8845  # the type area, 156 mm
        for row in tbl.tr_lst:
            cells = row.findall(qn("w:tc"))
            assert [int(c.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in cells] == grid
            assert row.trPr.find(qn("w:cantSplit")) is not None
        assert tbl.tr_lst[0].trPr.find(qn("w:tblHeader")) is not None
        fonts = {r.get(qn("w:eastAsia")) for r in tbl.iter(qn("w:rFonts"))}
        assert fonts == {"仿宋_GB2312"}
    # the budget table: its column of names reads from the left, its figures ("97.35%") are centred
    budget = document.tables[0]._tbl
    for row in budget.tr_lst[1:]:
        jc = [tc.find(qn("w:p")).pPr.find(qn("w:jc")).get(qn("w:val")) for tc in row.findall(qn("w:tc"))]
        assert jc == ["left", "center", "center", "center", "center"]


def test_rerender_is_byte_identical(rendered, tmp_path):
    name = "g_nested_lists"
    write_content(DESCRIPTIONS[name], tmp_path / "content", unit=f"示例单位{name[0].upper()}")
    again = render_year(2024, content_dir=tmp_path / "content", out_root=tmp_path / "out", template=TEMPLATE)
    (docx,) = [p for p in again.paths if p.suffix == ".docx"]
    assert docx.read_bytes() == rendered[name].read_bytes()


PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")

#: The stand-in faces LibreOffice gives each official font on a machine set up by scripts/setup-system.sh.
LO_FACE = {"黑体": "Sans", "楷体_GB2312": "Kai", "仿宋_GB2312": "Fang"}


@pytest.fixture(scope="module")
def libreoffice_pdfs(rendered, tmp_path_factory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("lo_outline_render")
    result = convert(list(rendered.values()), work / "pdf", work / "profile")
    assert result.returncode == 0, result.stderr
    return {name: work / "pdf" / f"{docx.stem}.pdf" for name, docx in rendered.items()}


def _lines(pdf_path: Path) -> list[tuple[str, set[str]]]:
    """Each printed line of the PDF: its text, and the fonts of its Chinese characters."""
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            rows: dict[float, list] = {}
            for ch in page.chars:
                rows.setdefault(round(ch["top"]), []).append(ch)
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: c["x0"])
                text = PAGE_NUMBER.sub("", "".join(c["text"] for c in chars))
                fonts = {c["fontname"].split("+", 1)[-1] for c in chars if "\u4e00" <= c["text"] <= "\u9fff"}
                out.append((text, fonts))
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_prints_every_character_and_the_heading_fonts(name, libreoffice_pdfs):
    desc = DESCRIPTIONS[name]
    lines = _lines(libreoffice_pdfs[name])
    text = squeeze("".join(t for t, _ in lines))
    expected = "".join(squeeze(t) for t in od.expected_paragraphs(desc))
    for table in od.expected_tables(desc):
        expected += "".join(squeeze(c) for row in table for c in row)
    # every character is printed: the PDF's text holds each paragraph, in order
    position = 0
    for paragraph in od.expected_paragraphs(desc):
        found = text.find(squeeze(paragraph), position)
        assert found >= 0, f"not printed (in order): {paragraph[:40]}"
        position = found + len(squeeze(paragraph))
    assert sorted(text) == sorted(expected)
    # the first line of each heading is set in its level's face
    for b in od.blocks(desc):
        if isinstance(b, od.Para) and b.kind == "heading":
            start = squeeze(b.printed)[:8]
            line = next((fonts for t, fonts in lines if squeeze(t).startswith(start)), None)
            assert line is not None, b.printed
            face = LO_FACE[od.HEADING_FONTS[b.level]]
            assert line and all(face in f for f in line), (b.printed, line)


@pytest.mark.parametrize("name", ["d_school", "f_form_style", "g_nested_lists"])
def test_the_pdf_prints_the_same_text(name, tmp_path):
    write_content(DESCRIPTIONS[name], tmp_path / "content")
    from docgen.pdf import PdfOptions

    result = render_year(2024, content_dir=tmp_path / "content", out_root=tmp_path / "out", template=TEMPLATE,
                         pdf=PdfOptions())
    (pdf_path,) = [p for p in result.paths if p.suffix == ".pdf"]
    with pdfplumber.open(pdf_path) as pdf:
        text = squeeze("".join(PAGE_NUMBER.sub("", page.extract_text() or "") for page in pdf.pages))
    position = 0
    for paragraph in od.expected_paragraphs(DESCRIPTIONS[name]):
        found = text.find(squeeze(paragraph), position)
        assert found >= 0, f"not in the PDF (in order): {paragraph[:40]}"
        position = found + len(squeeze(paragraph))


# --- import → render: the round trip of issue 10 §3 -------------------------------------------------

BUILDS = {"plain": od.build_plain, "styled": od.build_styled}


@pytest.mark.parametrize("build", sorted(BUILDS))
@pytest.mark.parametrize("name", NAMES)
def test_an_imported_report_renders_every_paragraph_of_the_original(name, build, tmp_path):
    """A Word file of the shape, imported with no hand edit and rendered, gives back every paragraph
    and table of the original, in order (whitespace and list numbers as docgen prints them)."""
    from docgen.importer import import_docx
    from docgen.importer.content_file import write_content

    desc = DESCRIPTIONS[name]
    source = BUILDS[build](desc, tmp_path / f"{name}.docx")
    imported = import_docx(source)
    year = imported.data["year"]  # as the report's title says
    write_content(imported, tmp_path / "content" / f"{year}.yaml")
    result = render_year(year, content_dir=tmp_path / "content", out_root=tmp_path / "out", template=TEMPLATE)
    (docx,) = [p for p in result.paths if p.suffix == ".docx"]
    document = Document(str(docx))
    assert printed_paragraphs(document) == [squeeze(t) for t in od.expected_paragraphs(desc)]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    assert tables == od.expected_tables(desc)
    levels = [int(p.style.name[-1]) for p in document.paragraphs if p.style.name.lower().startswith("heading ")]
    assert levels == [b.level for b in od.blocks(desc) if isinstance(b, od.Para) and b.kind == "heading"]


def test_two_tables_in_a_row_stay_two_tables_in_word(tmp_path):
    """Word joins tables with nothing between them: docgen puts an empty paragraph between two."""
    def table() -> dict:
        return {"table": {"header": ["项目", "金额"], "rows": [["基本支出", Decimal("100.5")]]}}

    data = {"year": 2024, "unit": {"name": "示例局"},
            "content": [{"heading": "预算执行情况", "content": [table(), table(), "表后的说明。"]}]}
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "2024.yaml").write_text(
        yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = render_year(2024, content_dir=tmp_path / "content", out_root=tmp_path / "out", template=TEMPLATE)
    (docx,) = [p for p in result.paths if p.suffix == ".docx"]
    body = Document(str(docx)).element.body
    elements = [el for el in body if el.tag in (qn("w:p"), qn("w:tbl"))]
    first = next(i for i, el in enumerate(elements) if el.tag == qn("w:tbl"))
    assert [el.tag for el in elements[first:first + 3]] == [qn("w:tbl"), qn("w:p"), qn("w:tbl")]
    assert "".join(elements[first + 1].itertext()) == ""  # the empty paragraph between them
    assert "".join(t.text or "" for t in elements[first + 3].iter(qn("w:t"))) == "表后的说明。"  # no empty one after the second
    assert len(Document(str(docx)).tables) == 2
