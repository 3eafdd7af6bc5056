"""The one OOXML vocabulary (docgen.docx.ooxml): names, the safe parser, on/off values, style inheritance.

The PDF restyle (docx/styles.py) and the importer's reader (docx/reader.py) each had
their own toolkit and disagreed: ``<w:b w:val="yes"/>`` was bold for one and not for
the other, ``w:val="FALSE"`` likewise; the reader ignored the default paragraph
style's bold and a paragraph style's hidden text; a style id defined twice meant its
last definition.  These tests pin the one answer, and check it against LibreOffice,
the real client here.
"""

from __future__ import annotations

import pdfplumber
import pytest
from docx.oxml.ns import nsdecls as docx_nsdecls
from docx.oxml.ns import qn as docx_qn
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from helpers import convert
from docgen.docx.ooxml import (NSMAP, StyleSheet, XMLSyntaxError, integer, nsdecls, on_off, parse_xml,
                               qn, theme_fonts, w)
from docgen.docx.styles import parse_styles

W = nsdecls("w")


def styles(inner: str) -> StyleSheet:
    return StyleSheet(parse_xml(f"<w:styles {W}>{inner}</w:styles>".encode()))


# ---------------------------------------------------------------- names and values


def test_names_are_python_docx_names():
    for name in ("w:b", "w:rFonts", "r:id", "w:eastAsia"):
        assert qn(name) == docx_qn(name)
    assert w("pStyle") == docx_qn("w:pStyle")
    assert nsdecls("w", "r") == docx_nsdecls("w", "r")
    assert set(NSMAP) >= {"w", "r", "mc", "m", "a"}


TOGGLES = [
    ("<w:b/>", True),
    ('<w:b w:val="1"/>', True), ('<w:b w:val="true"/>', True), ('<w:b w:val="on"/>', True),
    ('<w:b w:val="True"/>', True), ('<w:b w:val="On"/>', True),
    ('<w:b w:val="0"/>', False), ('<w:b w:val="false"/>', False), ('<w:b w:val="off"/>', False),
    # where the two old toolkits disagreed (docx/styles.py said on, docx/reader.py off):
    ('<w:b w:val="FALSE"/>', False), ('<w:b w:val="Off"/>', False),
    ('<w:b w:val="yes"/>', False), ('<w:b w:val=""/>', False), ('<w:b w:val="2"/>', False),
    # the old reader lower-cased the value; LibreOffice does not
    ('<w:b w:val="TRUE"/>', False), ('<w:b w:val="ON"/>', False),
]


@pytest.mark.parametrize("xml,expected", TOGGLES, ids=[x for x, _ in TOGGLES])
def test_on_off_values(xml, expected):
    assert on_off(parse_xml(xml.replace("<w:b", f"<w:b {W}").encode())) is expected


def test_an_absent_toggle_is_unset_not_off():
    # the reader's old _on said False here, the restyle's None: unset lets the style decide
    assert on_off(None) is None


@pytest.mark.parametrize("text,value", [("3", 3), ("-1", -1), ("+2", 2), (" 4 ", 4), ("x", None),
                                        ("1.5", None), ("", None), (None, None), ("2147483647", 2147483647),
                                        ("9" * 11, None), ("9" * 5000, None), ("\u0663", None)])
def test_integer(text, value):
    assert integer(text) == value


# ---------------------------------------------------------------- the parser


def test_entities_are_not_expanded_and_nothing_is_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xxe = (f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
           f'<w:t {W}>&e;</w:t>').encode()
    assert "SECRET" not in etree.tostring(parse_xml(xxe)).decode()
    laughs = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
              + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
              + f']><w:t {W}>&i;</w:t>').encode()
    try:
        root = parse_xml(laughs)
    except XMLSyntaxError:
        return  # refused: fine
    assert len(etree.tostring(root)) < 10_000  # not a billion a's


def test_comments_and_processing_instructions_are_not_content():
    root = parse_xml(f"<w:p {W}><!-- note --><?pi x?><w:r/></w:p>".encode())
    assert [child.tag for child in root] == [w("r")]


# ---------------------------------------------------------------- theme fonts

THEME = """<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>
<a:fontScheme name="x">
<a:majorFont><a:latin typeface="Major Latin"/><a:ea typeface=""/><a:font script="Hans" typeface="黑体"/></a:majorFont>
<a:minorFont><a:latin typeface="Minor Latin"/><a:ea typeface="宋体"/></a:minorFont>
</a:fontScheme></a:themeElements></a:theme>"""


def test_theme_fonts_by_slot():
    assert theme_fonts(parse_xml(THEME.encode())) == {
        "majorAscii": "Major Latin", "majorHAnsi": "Major Latin", "majorEastAsia": "黑体",  # Hans: ea is empty
        "minorAscii": "Minor Latin", "minorHAnsi": "Minor Latin", "minorEastAsia": "宋体"}
    assert theme_fonts(None) == {}


# ---------------------------------------------------------------- the resolver

SHEET = """
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DefaultLatin" w:eastAsia="DefaultEA"/>
  <w:sz w:val="24"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>
  <w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Base"><w:name w:val="Base"/><w:basedOn w:val="Normal"/>
  <w:pPr><w:ind w:left="100"/><w:spacing w:before="240"/></w:pPr>
  <w:rPr><w:rFonts w:eastAsia="BaseEA" w:eastAsiaTheme="minorEastAsia"/><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Child"><w:name w:val="Child Style"/><w:basedOn w:val="Base"/>
  <w:pPr><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:rPr><w:rFonts w:ascii="ChildLatin"/><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Hidden"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="LoopA"><w:name w:val="Loop A"/><w:basedOn w:val="LoopB"/></w:style>
<w:style w:type="paragraph" w:styleId="LoopB"><w:name w:val="Loop B"/><w:basedOn w:val="LoopA"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Twice"><w:name w:val="First"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Twice"><w:name w:val="Second"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Quiet"><w:name w:val="Quiet"/><w:basedOn w:val="Strong"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="Heading 1"/><w:basedOn w:val="Normal"/></w:style>
"""


@pytest.fixture(scope="module")
def sheet() -> StyleSheet:
    return StyleSheet(parse_xml(f"<w:styles {W}>{SHEET}</w:styles>".encode()), {"minorEastAsia": "ThemeEA"})


def ppr(style: str) -> object:
    return parse_xml(f'<w:pPr {W}><w:pStyle w:val="{style}"/></w:pPr>'.encode())


def rpr(inner: str) -> object:
    return parse_xml(f"<w:rPr {W}>{inner}</w:rPr>".encode())


def test_a_style_inherits_through_based_on_then_doc_defaults(sheet):
    child = sheet.style("Child")
    assert child.toggle("b") is False                        # its own w:b w:val="0" beats Base's <w:b/>
    assert child.font("ascii") == "ChildLatin"              # its own
    assert child.font("eastAsia") == "ThemeEA"               # Base's, a theme font beats the name beside it
    assert integer(child.run("sz").get(w("val"))) == 32      # Normal's
    assert sheet.style("Base").toggle("b") is True
    assert sheet.style("Normal").font("ascii") == "DefaultLatin"  # docDefaults


def test_attributes_inherit_one_by_one(sheet):
    child = sheet.style("Child")
    assert child.attrs("ind", ("firstLineChars", "firstLine", "left")) == {
        "firstLineChars": "0", "firstLine": "0", "left": "100"}
    assert child.attrs("spacing", ("before", "after", "line", "lineRule")) == {
        "before": "240", "after": "160", "line": "259", "lineRule": "auto"}
    assert child.attrs("rFonts", ("ascii", "eastAsia"), run=True) == {"ascii": "ChildLatin", "eastAsia": "BaseEA"}


def test_run_formatting_direct_then_character_style_then_paragraph_style_then_defaults(sheet):
    assert sheet.run(rpr('<w:b w:val="0"/>'), "Base").toggle("b") is False      # direct
    assert sheet.run(rpr('<w:rStyle w:val="Strong"/>'), "Child").toggle("b") is True   # character style
    assert sheet.run(rpr('<w:rStyle w:val="Quiet"/>'), "Base").toggle("b") is False    # its basedOn chain
    assert sheet.run(rpr(""), "Base").toggle("b") is True                       # paragraph style
    assert sheet.run(None, "Base").font("ascii") == "DefaultLatin"              # docDefaults
    assert sheet.run(rpr('<w:rStyle w:val="NoSuch"/>'), "Base").toggle("b") is True


def test_the_default_paragraph_style_applies_without_a_style_or_with_an_unknown_one(sheet):
    # the reader used the default style for names and lists but not for bold or size
    for formatting in (sheet.paragraph(None), sheet.paragraph(ppr("NoSuchStyle")), sheet.run(None, None),
                       sheet.run(None, "NoSuchStyle")):
        assert integer(formatting.run("sz").get(w("val"))) == 32
    assert sheet.paragraph_style(None) == sheet.paragraph_style("NoSuchStyle") == "Normal"
    assert sheet.name(None) == "Normal" and sheet.name("NoSuchStyle") == "NoSuchStyle"
    assert sheet.name("Child") == "Child Style"


def test_paragraph_formatting_direct_first(sheet):
    p = parse_xml(f'<w:pPr {W}><w:pStyle w:val="Child"/><w:ind w:left="7"/></w:pPr>'.encode())
    assert sheet.paragraph(p).attrs("ind", ("left", "firstLineChars")) == {"left": "7", "firstLineChars": "0"}


def test_hidden_text_of_a_paragraph_style_is_hidden(sheet):
    # the reader looked for w:vanish only in the run and its character style
    assert sheet.run(None, "Hidden").toggle("vanish") is True
    assert sheet.run(rpr('<w:vanish w:val="0"/>'), "Hidden").toggle("vanish") is False


def test_a_based_on_loop_ends(sheet):
    assert sheet.style("LoopA").toggle("i") is True
    assert sheet.style("LoopB").toggle("i") is True


def test_a_style_defined_twice_is_its_first_definition(sheet):
    # as LibreOffice reads it; both old toolkits took the last one for basedOn
    assert sheet.name("Twice") == "First"
    assert sheet.style("Twice").toggle("i") is True and sheet.style("Twice").toggle("b") is None


def test_find_by_id_then_by_name_of_that_type(sheet):
    assert sheet.find("paragraph", "Child", "whatever") == "Child"
    assert sheet.find("paragraph", "Heading1", "heading 1") == "1"  # the id is a character style's
    assert sheet.find("paragraph", "Nope", "CHILD STYLE") == "Child"
    assert sheet.find("paragraph", "Nope", "nope") is None


def test_an_empty_style_sheet():
    sheet = StyleSheet(None)
    assert sheet.paragraph(None).toggle("b") is None and sheet.name(None) == ""


LEVELS = ("direct", "character", "character's base", "paragraph", "paragraph's base", "defaults")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from([None, True, False]), min_size=len(LEVELS), max_size=len(LEVELS)))
def test_the_nearest_explicit_toggle_wins(values):
    def b(value):
        return "" if value is None else f'<w:b w:val="{int(value)}"/>'

    direct, char, char_base, para, para_base, defaults = values
    sheet = styles(
        f"<w:docDefaults><w:rPrDefault><w:rPr>{b(defaults)}</w:rPr></w:rPrDefault></w:docDefaults>"
        f'<w:style w:type="paragraph" w:styleId="PB"><w:rPr>{b(para_base)}</w:rPr></w:style>'
        f'<w:style w:type="paragraph" w:styleId="P"><w:basedOn w:val="PB"/><w:rPr>{b(para)}</w:rPr></w:style>'
        f'<w:style w:type="character" w:styleId="CB"><w:rPr>{b(char_base)}</w:rPr></w:style>'
        f'<w:style w:type="character" w:styleId="C"><w:basedOn w:val="CB"/><w:rPr>{b(char)}</w:rPr></w:style>')
    got = sheet.run(rpr(f'<w:rStyle w:val="C"/>{b(direct)}'), "P").toggle("b")
    assert got is next((v for v in values if v is not None), None)


# ---------------------------------------------------------------- LibreOffice agrees


@pytest.mark.libreoffice
def test_libreoffice_reads_on_off_values_and_inheritance_the_same_way(make_docx, tmp_path):
    """Convert runs with every toggle value (and the inheritance cases) and read which came out bold."""
    cases = TOGGLES
    body = "".join(f'<w:p><w:r><w:rPr>{xml}</w:rPr><w:t>case{k}</w:t></w:r></w:p>' for k, (xml, _) in enumerate(cases))
    style_xml = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
                 '<w:rPr><w:b/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:styleId="Twice"><w:name w:val="Twice"/><w:rPr><w:b/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:styleId="Twice"><w:name w:val="Twice again"/>'
                 '<w:rPr><w:b w:val="0"/></w:rPr></w:style>'
                 '<w:style w:type="paragraph" w:styleId="Hidden"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>')
    body += ('<w:p><w:r><w:t>plainpara</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="NoSuchStyle"/></w:pPr><w:r><w:t>unknownstyle</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="Twice"/></w:pPr><w:r><w:t>twicestyle</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="Hidden"/></w:pPr><w:r><w:t>hiddenstyle</w:t></w:r></w:p>')
    source = make_docx(body, styles=style_xml, name="toggles.docx")
    out = tmp_path / "pdf"
    result = convert([source], out, tmp_path / "profile")
    assert result.returncode == 0, f"soffice failed:\n{result.stdout}\n{result.stderr}"
    with pdfplumber.open(out / "toggles.pdf") as pdf:
        words = [wd for page in pdf.pages for wd in page.extract_words(extra_attrs=["fontname"])]
    bold = {wd["text"]: "Bold" in wd["fontname"] for wd in words}
    sheet = StyleSheet(parse_xml(f"<w:styles {W}>{style_xml}</w:styles>".encode()))
    for k, (xml, expected) in enumerate(cases):
        # a run toggle beats the (bold) paragraph style either way, so bold == its value
        assert bold[f"case{k}"] is expected, xml
        assert sheet.run(rpr(xml), None).toggle("b") is expected
    for word, style in (("plainpara", None), ("unknownstyle", "NoSuchStyle"), ("twicestyle", "Twice")):
        assert bold[word] is True, word
        assert sheet.run(None, style).toggle("b") is True, word
    assert "hiddenstyle" not in bold and sheet.run(None, "Hidden").toggle("vanish") is True


def test_a_template_style_with_absurd_numbers_is_read_not_crashed_on():
    """docx/styles.py's measures: "1e400" was an OverflowError (a traceback on render --pdf)."""
    xml = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/>'
           '<w:pPr><w:ind w:firstLineChars="1e400"/><w:spacing w:line="nan"/></w:pPr>'
           '<w:rPr><w:sz w:val="1e400"/><w:spacing w:val="-1e999"/></w:rPr></w:style></w:styles>').encode()
    body = parse_styles(xml)["body"]
    assert body.size is None and body.char_spacing == 0 and body.line is None
    assert body.first_line == ("twips", 0)
