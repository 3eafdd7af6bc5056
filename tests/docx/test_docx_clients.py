"""Issue 13: what the .docx tells Word, WPS and LibreOffice, read from its XML.

The template (``make template``) and the rendered 2020 report are both checked where the
setting is the template's; runs are checked on rendered reports.  What LibreOffice makes
of it is measured in test_libreoffice_fidelity.py.
"""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from helpers import CONTENT, TEMPLATE, docx_paragraphs
from test_layout_docx import NS, Package, text_of, wattr

EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


@pytest.fixture(scope="module", params=["template", "rendered"])
def package(request, rendered_2020) -> Package:
    return Package.open(TEMPLATE if request.param == "template" else rendered_2020)


def test_application_is_docgen_and_no_stale_counts(package):
    app = etree.fromstring(package.parts["docProps/app.xml"])
    assert app.findtext(f"{EXTENDED}Application") == "docgen"
    for count in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "CharactersWithSpaces"):
        assert app.find(f"{EXTENDED}{count}") is None, count  # "Pages 1, Words 0" was wrong; Word recounts
    assert b"Microsoft" not in package.parts["docProps/app.xml"]


def test_compatibility_mode_is_word_2013(package):
    settings = package.xml("word/settings.xml")
    modes = [wattr(el, "val") for el in settings.iterfind("w:compat/w:compatSetting", NS)
             if wattr(el, "name") == "compatibilityMode"]
    assert modes == ["15"]


def test_document_is_chinese_and_its_latin_runs_english(package, rendered_2020):
    """docDefaults: zh-CN (LibreOffice's PDF says /Lang zh-CN); Latin text of the styles en-US
    (as zh-CN, LibreOffice 7.4 breaks lines inside numbers: "2517.8" | "1万元")."""
    styles = package.styles
    lang = styles.default_rpr.find("w:lang", NS)
    assert (wattr(lang, "val"), wattr(lang, "eastAsia")) == ("zh-CN", "zh-CN")
    doc = Package.open(rendered_2020)
    body = [p for p in doc.document.find("w:body", NS).findall("w:p", NS) if text_of(p).strip()]
    for p in body:
        for r in p.findall("w:r", NS):
            props = doc.styles.run_props(p, r)["lang"]
            assert (props["val"], props["eastAsia"]) == ("en-US", "zh-CN"), text_of(p)[:20]


def test_punctuation_does_not_hang_in_libreoffice_and_word_keeps_its_default(package):
    """w:overflowPunct val="1" on docDefaults only: ISO/IEC 29500-1 §17.3.1.21 "Omitting this
    element sets its value to true", so Word sees its own default; LibreOffice, which reads the
    element inverted, stops hanging punctuation (and dropping commas)."""
    styles = package.styles
    punct = styles.default_ppr.find("w:overflowPunct", NS)
    assert punct is not None and wattr(punct, "val") == "1"
    for style in styles.root.findall("w:style", NS):
        assert style.find("w:pPr/w:overflowPunct", NS) is None, wattr(style, "styleId")
    assert not package.document.findall(".//w:pPr/w:overflowPunct", NS)
    # LibreOffice ignores w:autoSpaceDE/DN: the PDF adds its Asian/Latin gap instead, Word keeps its own
    assert not package.parts["word/styles.xml"].count(b"autoSpaceD")


def test_a_hyphen_between_digits_is_a_non_breaking_hyphen(rendered_2020):
    doc = Package.open(rendered_2020)
    paras = [p for p in doc.document.iter(f"{{{NS['w']}}}p") if "今年1" in text_of(p)]
    assert len(paras) == 1
    runs = [r for r in paras[0].iter(f"{{{NS['w']}}}r") if r.find("w:noBreakHyphen", NS) is not None]
    assert len(runs) == 1
    before = runs[0].find("w:noBreakHyphen", NS).getprevious()
    assert before.text.endswith("今年1") and runs[0].find("w:noBreakHyphen", NS).getnext().text.startswith("11月")
    # the text is unchanged for readers of the .docx (python-docx, docgen import)
    assert any("今年1-11月" in p for p in docx_paragraphs(rendered_2020))
    assert "公共安全-综治" in "".join(docx_paragraphs(rendered_2020))  # a hyphen between words stays


def test_quotes_name_the_styles_chinese_face_even_in_a_restyled_template(tmp_path):
    """The runs of “”· name the paragraph style's own East Asian font: restyle Normal to 楷体
    in Word, and the quotes follow."""
    from docgen.pipeline import render_year

    template = docx.Document(str(TEMPLATE))
    template.styles["Normal"].element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:eastAsia"), "楷体")
    restyled = tmp_path / "restyled.docx"
    template.save(str(restyled))
    (path,) = render_year(2020, content_dir=CONTENT, out_root=tmp_path / "out", template=restyled).paths
    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    quote_runs = [r for r in body.iter(qn("w:r")) if text_of(r) in ("“", "”", "·")]
    assert len(quote_runs) > 60
    for r in quote_runs:
        fonts = r.find("w:rPr/w:rFonts", NS)
        assert {wattr(fonts, a) for a in ("ascii", "hAnsi", "eastAsia")} == {"楷体"}
        assert wattr(fonts, "hint") == "eastAsia"
