"""A restyled report.docx restyles the PDF too (render_pdf(docx_template=…), docx_styles).

The README lets users restyle templates/report.docx in Word; the PDF must follow the
fonts, sizes, bold, alignment and first-line indent of its styles, keep the official
page and 28.95 pt grid, and say (pdf_style_differences) what it could not follow.
Measured on the PDF with pdfplumber; the templates are restyled with python-docx the
way the defect report did.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from helpers import ROOT, TEMPLATE, section
from pdf_helpers import LEFT, PITCH, RIGHT, body_lines, font_of, no_source_date_epoch, page_number_line, text_of

pytestmark = pytest.mark.pdf

TEMPLATES = ROOT / "templates"
KAI_FACES = {"AR-PL-KaitiM-GB", "AR-PL-UKai-CN", "FandolKai"}


def restyle(path: Path, style: str, *, font: str | None = None, east_asia: str | None = None,
            size: float | None = None, bold: bool | None = None, align=None) -> None:
    """Change one style of the .docx at ``path`` as a user would with python-docx."""
    document = docx.Document(str(path))
    st = document.styles[style]
    if font is not None:
        st.font.name = font                      # w:ascii and w:hAnsi only …
    if east_asia is not None:                    # … the Chinese font is w:eastAsia
        st.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    if size is not None:
        st.font.size = Pt(size)
    if bold is not None:
        st.font.bold = bold
    if align is not None:
        st.paragraph_format.alignment = align
    document.save(str(path))


def basis(report) -> str:
    """The first paragraph of 一、 (in 仿宋, the body style, with "2020" in it)."""
    return section(report, "整体支出概况").content[0]


def copy_template(tmp_path: Path, name: str = "restyled.docx") -> Path:
    path = tmp_path / name
    shutil.copy(TEMPLATE, path)
    return path


def render(report, docx_template: Path | None) -> bytes:
    from docgen.pdf.render import render_pdf

    with no_source_date_epoch():
        return render_pdf(report, template_dir=TEMPLATES, docx_template=docx_template)


def pages_of(data: bytes):
    import pdfplumber

    pdf = pdfplumber.open(io.BytesIO(data))
    return pdf, pdf.pages


def chinese(chars) -> list[dict]:
    """The characters outside ASCII (digits and Latin letters are set in the Latin font)."""
    return [c for c in chars if ord(c["text"]) > 0x7E]


def line_starting(pages, prefix: str):
    for page in pages:
        for y, chars in body_lines(page):
            if text_of(chars).startswith(prefix):
                return page, y, chars
    raise AssertionError(f"no line starts with {prefix!r}")


# ---------------------------------------------------------------- unchanged template


def test_unchanged_template_gives_the_same_pdf_bytes(report_2020):
    from docgen.pdf.restyle import pdf_style_differences, restyle_css

    assert restyle_css(TEMPLATE) == ""
    assert pdf_style_differences(TEMPLATE) == []
    assert render(report_2020, TEMPLATE) == render(report_2020, None)


def test_template_styles_equal_docgens_own(tmp_path):
    """templates/report.docx is built from oxml.styles_xml(): what report.css is made for."""
    from docgen.docx.styles import default_styles, read_template

    assert read_template(TEMPLATE) == default_styles()
    body = default_styles().roles["body"]
    assert (body.east_asia, body.latin, body.size, body.jc, body.first_line) == (
        "仿宋_GB2312", "Times New Roman", 32, "both", ("chars", 200))


# ---------------------------------------------------------------- restyled body (the defect report)


@pytest.fixture(scope="module")
def kai_body_pdf(tmp_path_factory, report_2020):
    """Normal restyled to 楷体 15 pt with python-docx, as in the defect report."""
    path = copy_template(tmp_path_factory.mktemp("restyle"))
    restyle(path, "Normal", font="楷体", east_asia="楷体", size=15)
    pdf, pages = pages_of(render(report_2020, path))
    yield report_2020, pages
    pdf.close()


def test_restyled_body_is_set_in_a_kai_face_at_15pt(kai_body_pdf):
    report, pages = kai_body_pdf
    _, _, chars = line_starting(pages, basis(report)[:6])
    assert {font_of(c) for c in chars} <= KAI_FACES       # its "2020" too: the Latin font is 楷体 as well
    assert {round(c["size"], 2) for c in chars} == {15.0}
    # every 15 pt character in the PDF is Kai, digits included
    body = [c for page in pages for c in page.chars if round(c["size"], 2) == 15.0]
    assert len(body) > 3000
    assert {font_of(c) for c in body} <= KAI_FACES
    assert any(c["text"].isdigit() for c in body)
    # the FangSong stand-in is gone; headings, title and page numbers keep their styles
    fonts = {font_of(c) for page in pages for c in page.chars}
    assert "FandolFang" not in fonts
    _, _, heading = line_starting(pages, "一、整体支出概况")
    assert {(font_of(c), round(c["size"])) for c in heading} == {("Noto-Sans-CJK-SC", 16)}
    title = body_lines(pages[0])[0][1]
    assert {(font_of(c), round(c["size"])) for c in chinese(title)} == {("Noto-Serif-CJK-SC-Bold", 22)}


def test_restyled_body_keeps_the_grid_and_indents_two_of_its_characters(kai_body_pdf):
    report, pages = kai_body_pdf
    _, _, first = line_starting(pages, basis(report)[:6])
    assert first[0]["x0"] - LEFT == pytest.approx(2 * 15, abs=0.25)  # two characters of 15 pt
    for page in pages[1:-1]:
        rows = body_lines(page)
        assert len(rows) == 22, page.page_number  # the page and the 28.95 pt line pitch stay
        first = rows[0][0]
        for i, (y, chars) in enumerate(rows):
            # a 16 pt 黑体 heading's baseline sits ~1.3 pt off the 15 pt body's: the same grid line
            tolerance = 0.01 if round(chars[0]["size"]) == 15 else 0.06
            assert (y - first) / PITCH == pytest.approx(i, abs=tolerance), (page.page_number, text_of(chars))
            assert chars[-1]["x1"] <= RIGHT + 1


def test_only_the_chinese_font_restyled_keeps_times_for_digits(tmp_path, report_2020):
    path = copy_template(tmp_path)
    restyle(path, "Normal", east_asia="黑体")
    pdf, pages = pages_of(render(report_2020, path))
    with pdf:
        _, _, chars = line_starting(pages, "整体支出本年度")
        zh = {font_of(c) for c in chinese(chars)}
        latin = {font_of(c) for c in chars if c["text"].isdigit()}
    assert zh == {"Noto-Sans-CJK-SC"} and latin == {"Liberation-Serif"}


# ---------------------------------------------------------------- title and page numbers


def test_restyled_title_and_odd_page_numbers(tmp_path, report_2020):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    path = copy_template(tmp_path)
    restyle(path, "Title", east_asia="楷体_GB2312", size=20, align=WD_ALIGN_PARAGRAPH.LEFT)
    restyle(path, "页码（奇数页）", size=12)
    pdf, pages = pages_of(render(report_2020, path))
    with pdf:
        title = body_lines(pages[0])[0][1]
        assert text_of(title) == report_2020.title_text
        # 楷体 is not 小标宋: its regular face, not the stand-in's Bold; digits in Times, regular too
        assert {font_of(c) for c in chinese(title)} <= KAI_FACES
        assert {font_of(c) for c in title if c["text"].isdigit()} == {"Liberation-Serif"}
        assert {round(c["size"]) for c in title} == {20}
        assert title[0]["x0"] == pytest.approx(LEFT, abs=0.5)  # left-aligned, not centred
        odd = page_number_line(pages[0])[1]
        even = page_number_line(pages[1])[1]
        assert {round(c["size"]) for c in odd} == {12}
        assert {round(c["size"]) for c in even} == {14}
        assert odd[-1]["x1"] == pytest.approx(RIGHT - 14, abs=1)   # still one 14 pt character in
        # the body is untouched
        _, _, body = line_starting(pages, basis(report_2020)[:6])
        assert {font_of(c) for c in chinese(body)} == {"FandolFang"}


def test_bold_heading_and_unknown_font(tmp_path, report_2020):
    """heading 1 made bold → bold face; a font docgen does not know: the name, then the role's stand-ins."""
    from docgen.pdf.restyle import restyle_css

    path = copy_template(tmp_path)
    restyle(path, "Heading 1", bold=True)
    restyle(path, "Normal", east_asia="不存在的字体XYZ")
    css = restyle_css(path)
    assert re.search(r'^p \{ font-family: "不存在的字体XYZ", "FangSong_GB2312", ', css, re.M)
    assert "h2 { font-weight: bold; }" in css
    pdf, pages = pages_of(render(report_2020, path))
    with pdf:
        _, _, heading = line_starting(pages, "一、整体支出概况")
        assert {font_of(c) for c in heading} == {"Noto-Sans-CJK-SC-Bold"}
        _, _, body = line_starting(pages, basis(report_2020)[:6])
        assert {font_of(c) for c in chinese(body)} == {"FandolFang"}


# ---------------------------------------------------------------- what the PDF cannot follow


def test_differences_name_line_spacing_margins_and_missing_fonts(tmp_path):
    from docx.shared import Mm

    from docgen.pdf.restyle import pdf_style_differences

    path = copy_template(tmp_path)
    document = docx.Document(str(path))
    document.styles["Normal"].paragraph_format.line_spacing = 1.5
    document.sections[-1].left_margin = Mm(30)
    document.styles["Heading 2"].element.rPr.rFonts.set(qn("w:eastAsia"), "不存在的字体XYZ")
    document.styles["Heading 3"].element.rPr.rFonts.set(qn("w:eastAsia"), "华文楷体")  # a known kind
    document.save(str(path))
    messages = pdf_style_differences(path)
    assert len(messages) == 3, messages
    margins, line, font = messages
    assert "页边距" in margins and "page margins" in margins
    assert "正文 Normal" in line and "行距" in line and "1.5 倍行距" in line and "line spacing" in line
    assert "不存在的字体XYZ" in font and "未安装" in font and "not installed" in font


def test_restyling_only_what_the_pdf_follows_gives_no_warning(tmp_path):
    from docgen.pdf.restyle import pdf_style_differences

    path = copy_template(tmp_path)
    restyle(path, "Normal", font="楷体", east_asia="楷体", size=15)
    assert pdf_style_differences(path) == []


# ---------------------------------------------------------------- reading styles the way Word does


STYLES = """<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>
<w:sz w:val="21"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="left"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/>
<w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
<w:pPr><w:ind w:hanging="420"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="3"/></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 3"/><w:basedOn w:val="2"/>
<w:rPr><w:b w:val="0"/></w:rPr></w:style>
</w:styles>""".encode()

THEME = """<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>
<a:fontScheme name="x"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/></a:majorFont>
<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:font script="Hans" typeface="等线"/>
</a:minorFont></a:fontScheme></a:themeElements></a:theme>""".encode()


def test_styles_follow_based_on_doc_defaults_and_theme_fonts():
    """Styles found by name when a Chinese Word renamed their ids; a basedOn loop does not hang."""
    from docgen.docx.styles import parse_styles

    roles = parse_styles(STYLES, THEME)
    body, h1, h2 = roles["body"], roles["heading1"], roles["heading2"]
    assert (body.east_asia, body.latin, body.size, body.jc) == ("等线", "Calibri", 28, "left")
    assert body.first_line == ("chars", 200)
    assert (h1.east_asia, h1.latin, h1.size, h1.bold, h1.jc) == ("黑体", "Calibri", 28, True, "center")
    assert h1.first_line == ("twips", -420)          # hanging beats the inherited first line
    assert (h2.bold, h2.size) == (False, 21)         # through the loop 2 → 3 → 2, then docDefaults
    assert "title" not in roles                      # missing: report.css keeps the title


def test_parsed_styles_are_cached_per_file_version(tmp_path):
    from docgen.docx.styles import read_template

    path = copy_template(tmp_path)
    first = read_template(path)
    assert read_template(path) is first
    restyle(path, "Normal", size=14)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # a new version, even within one tick
    assert read_template(path).roles["body"].size == 28


def test_damaged_template_is_a_template_error(tmp_path):
    from docgen.docx.styles import read_template
    from docgen.errors import EXIT_TEMPLATE, DocgenError

    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocgenError) as info:
        read_template(path)
    assert info.value.exit_code == EXIT_TEMPLATE
    (diag,) = info.value.diagnostics
    assert diag.file.endswith("broken.docx") and "模板已损坏" in diag.message


# ---------------------------------------------------------------- fonts by kind


@pytest.mark.parametrize("name, kind", [
    ("仿宋_GB2312", "fangsong"), ("FangSong", "fangsong"), ("楷体", "kai"), ("华文楷体", "kai"),
    ("KaiTi_GB2312", "kai"), ("黑体", "hei"), ("SimHei", "hei"), ("宋体", "song"), ("SimSun", "song"),
    ("方正小标宋简体", "xiaobiaosong"), ("FZXiaoBiaoSong-B05S", "xiaobiaosong"),
    ("Times New Roman", "times"), ("等线", None), ("Arial", None)])
def test_font_kind_by_name(name, kind):
    from docgen.pdf.fonts import font_kind

    found = font_kind(name)
    assert (found.key if found else None) == kind


def test_office_font_of_the_kind_comes_before_the_name():
    """fontconfig's alias for 楷体 would otherwise put the free stand-in before the office's file."""
    from docgen.layout import FANGSONG, HEI
    from docgen.pdf.fonts import font_family_list

    assert font_family_list("楷体", FANGSONG)[:2] == ("楷体", "KaiTi_GB2312")
    assert font_family_list("楷体", FANGSONG, frozenset({"KaiTi_GB2312"}))[:2] == ("KaiTi_GB2312", "楷体")
    assert font_family_list("等线", HEI)[:3] == ("等线", "SimHei", "黑体")


def test_font_kinds_are_the_lists_the_pdf_is_styled_with():
    """The font lists come from the one table (layout.py); report.css writes none that would override it."""
    import tinycss2

    from docgen.layout import FANGSONG, HEI, KAI, SONG, TIMES, XIAOBIAOSONG
    from docgen.pdf.fonts import font_lists_css

    css = font_lists_css()

    def families(selector: str) -> tuple[str, ...]:
        """The font-family of the first rule for ``selector`` that sets one."""
        for body in re.findall(re.escape(selector) + r"\s*\{([^{}]*)\}", css):
            value = re.search(r"font-family:(.*?);", body, re.S)
            if value:
                tokens = tinycss2.parse_component_value_list(value.group(1))
                return tuple(t.value for t in tokens if t.type in ("string", "ident"))
        raise AssertionError(f"no font-family for {selector!r} in the font lists")

    assert families("html") == FANGSONG.css_families
    assert families("h1.title") == XIAOBIAOSONG.css_families
    assert families("\nh2") == HEI.css_families
    assert families("\nh3") == KAI.css_families
    assert families("@bottom-right") == SONG.css_families
    assert families("@bottom-left") == SONG.css_families
    assert families(".latin") == TIMES.css_families
    report_css = re.sub(r"/\*.*?\*/", "", (TEMPLATES / "report.css").read_text(encoding="utf-8"), flags=re.S)
    assert "font-family" not in report_css


def test_a_font_family_in_report_css_wins_over_the_tables(tmp_path, required_fonts):
    """report.css stays restylable: the table's lists come before it in the cascade."""
    from docgen.pdf.probe import render_probe

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    default = render_probe("<h2>一、整体支出概况</h2>", template_dir=templates)
    assert default[0][0] == "Noto Sans CJK SC"
    with (templates / "report.css").open("a", encoding="utf-8") as css:
        css.write('\nh2 { font-family: "AR PL KaitiM GB", serif; }\n')
    restyled = render_probe("<h2>一、整体支出概况</h2>", template_dir=templates)
    assert restyled[0][0] == "AR PL KaitiM GB"


def test_font_names_cannot_break_out_of_the_stylesheet(tmp_path, required_fonts):
    """A font name is content of a CSS string: quotes, braces and newlines stay inside it."""
    import tinycss2

    from docgen.pdf.probe import render_probe
    from docgen.pdf.restyle import restyle_css

    path = copy_template(tmp_path)
    restyle(path, "Normal", east_asia='x"; } body { color: red } p { font-family: "y\nz\\')
    css = restyle_css(path)
    rules = [r for r in tinycss2.parse_stylesheet(css, skip_whitespace=True) if r.type != "comment"]
    assert [tinycss2.serialize(r.prelude).strip() for r in rules] == ["p"]
    # laid out without a WeasyPrint warning (the autouse fixture fails the test on one)
    used = render_probe("<p>整体支出</p>", template_dir=TEMPLATES, docx_template=path)
    assert used
