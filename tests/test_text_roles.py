"""The one table of text roles (docgen.layout) feeds the .docx template, the PDF's CSS and the restyle code.

Read on the outputs: the committed templates/report.docx (its styles.xml and
fontTable.xml), the font lists the PDF is styled with, the CSS a restyled template
produces.  No WeasyPrint here; the fonts report is tested in tests/pdf/test_pdf_fonts.py.
"""

from __future__ import annotations

import re
import shutil
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from docgen.layout import FANGSONG, FONT_KINDS, ROLES, TEXT_ROLES, TIMES, docx_fonts, first_use

from helpers import TEMPLATE

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _part(name: str):
    with zipfile.ZipFile(TEMPLATE) as zf:
        return etree.fromstring(zf.read(name))


def _val(el, tag: str, attr: str = "val") -> str | None:
    child = el.find(W + tag)
    return None if child is None else child.get(W + attr)


@pytest.mark.parametrize("role", TEXT_ROLES, ids=lambda r: r.key)
def test_each_style_of_the_template_is_its_role(role):
    """Style id, name, Chinese and Latin font, size and character spacing, as the table says."""
    styles = {s.get(W + "styleId"): s for s in _part("word/styles.xml").iter(W + "style")}
    style = styles[role.style_id]
    assert _val(style, "name") == role.name
    rpr = style.find(W + "rPr")
    fonts = rpr.find(W + "rFonts")
    assert fonts.get(W + "eastAsia") == role.east_asia.docx_name
    assert fonts.get(W + "ascii") == fonts.get(W + "hAnsi") == role.latin.docx_name
    assert _val(rpr, "sz") == _val(rpr, "szCs") == str(role.size)
    assert _val(rpr, "spacing") == ("-5" if role.tight else "0")


def test_the_table_is_the_official_layout():
    """The numbers of shared/design/layout.md, written out once more so the table cannot drift."""
    got = {r.key: (r.east_asia.docx_name, r.latin.docx_name, r.size / 2) for r in TEXT_ROLES}
    assert got == {
        "body": ("仿宋_GB2312", "Times New Roman", 16), "title": ("方正小标宋简体", "Times New Roman", 22),
        "heading1": ("黑体", "Times New Roman", 16), "heading2": ("楷体_GB2312", "Times New Roman", 16),
        "heading3": ("仿宋_GB2312", "Times New Roman", 16), "heading4": ("仿宋_GB2312", "Times New Roman", 16),
        "footer": ("宋体", "宋体", 14), "page_odd": ("宋体", "宋体", 14), "page_even": ("宋体", "宋体", 14),
        # 附件标注 above the title (黑体), 表头信息 of a form-style report and 落款 (仿宋_GB2312), 三号
        "label": ("黑体", "Times New Roman", 16), "field": ("仿宋_GB2312", "Times New Roman", 16),
        "signature": ("仿宋_GB2312", "Times New Roman", 16)}
    assert [k.standin for k in FONT_KINDS] == [
        "Noto Serif CJK SC Bold", "FandolFang", "Noto Sans CJK SC", "AR PL KaitiM GB", "Liberation Serif",
        "AR PL SungtiL GB"]


def test_font_table_lists_the_fonts_the_styles_name_with_the_tables_hints():
    fonts = _part("word/fontTable.xml").findall(W + "font")
    assert [f.get(W + "name") for f in fonts] == [k.docx_name for k in docx_fonts()] == [
        "Times New Roman", "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体"]
    named = {f.get(W + "name"): f for f in fonts}
    for kind in docx_fonts():
        font = named[kind.docx_name]
        assert (_val(font, "panose1"), _val(font, "charset"), _val(font, "family"), _val(font, "altName")) == (
            kind.docx_panose, kind.docx_charset, kind.docx_family, kind.docx_alt_name)
    assert named["仿宋_GB2312"].find(W + "altName").get(W + "val") == "仿宋"


def test_pdf_roles_are_the_table_roles_report_html_shows():
    from docgen.docx.styles import PDF_ROLES, default_styles

    assert PDF_ROLES == {r.key: r.label for r in TEXT_ROLES if r.selector}
    assert "footer" not in PDF_ROLES and PDF_ROLES["body"] == "正文 Normal"
    assert set(default_styles().roles) == set(PDF_ROLES)  # every one found in docgen's own styles


def _rules(css: str) -> dict[str, tuple[str, ...]]:
    """selector → font-family list, for rules and @page margin boxes (``:right bottom-right``)."""
    import tinycss2

    out = {}
    for rule in tinycss2.parse_stylesheet(css, skip_whitespace=True):
        prelude = tinycss2.serialize(rule.prelude).strip()
        content = tinycss2.serialize(rule.content)
        box = re.fullmatch(r"\s*@([\w-]+)\s*\{(.*)\}\s*", content, re.S)
        if prelude.startswith(":") and box:
            prelude, content = f"{prelude} {box.group(1)}", box.group(2)
        value = re.search(r"font-family:(.*?);", content, re.S)
        if value:
            tokens = tinycss2.parse_component_value_list(value.group(1))
            out[prelude] = tuple(t.value for t in tokens if t.type in ("string", "ident"))
    return out


def test_css_font_lists_are_the_tables():
    from docgen.pdf.fonts import font_lists_css

    rules = _rules(font_lists_css())
    shown = [r for r in TEXT_ROLES if r.selector]
    assert set(rules) == {"html", ".latin", ".sp, .as", *(r.selector for r in shown)}
    for role in shown:
        assert rules[role.selector] == role.east_asia.css_families, role.key
    assert rules["html"] == FANGSONG.css_families == (
        "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "FandolFang", "Noto Serif CJK SC", "AR PL UMing CN",
        "serif")
    assert rules[".latin"] == rules[".sp, .as"] == TIMES.css_families  # the hidden gaps: Times spaces


@pytest.mark.parametrize("role", [r for r in TEXT_ROLES if r.selector], ids=lambda r: r.key)
def test_restyling_a_style_restyles_the_element_of_its_role(tmp_path, role):
    """Each style of the table, set in 楷体, gives one rule for its role's element (or page box)."""
    from docgen.pdf.restyle import restyle_css

    path = tmp_path / "restyled.docx"
    shutil.copy(TEMPLATE, path)
    document = docx.Document(str(path))
    style = next(s for s in document.styles if s.style_id == role.style_id)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "楷体")
    document.save(str(path))
    rules = _rules(restyle_css(path))
    assert list(rules) == [role.selector]
    assert rules[role.selector][:2] == ("楷体", "KaiTi_GB2312")


def test_each_kind_is_probed_in_the_first_role_set_in_it():
    """What `docgen fonts` lays out and compares a restyled template with: the table decides."""
    got = {k.key: (first_use(k)[0].key, first_use(k)[1]) for k in FONT_KINDS}
    assert got == {"xiaobiaosong": ("title", "east_asia"), "fangsong": ("body", "east_asia"),
                   "hei": ("heading1", "east_asia"), "kai": ("heading2", "east_asia"),
                   "times": ("body", "latin"), "song": ("page_odd", "east_asia")}
    assert [k.label for k in FONT_KINDS] == [
        "标题 title（方正小标宋简体 22pt）", "正文 body（仿宋_GB2312 16pt）", "一级标题 heading 一、（黑体 16pt）",
        "二级标题 heading （一）（楷体_GB2312 16pt）", "数字和西文 digits, Latin（Times New Roman）",
        "页码 page number（宋体 14pt）"]
    assert ROLES["page_odd"].margin_box == (":right", "bottom-right") and ROLES["body"].margin_box is None
