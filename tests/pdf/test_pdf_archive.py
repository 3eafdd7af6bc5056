"""Issue 3 §4, §6: metadata, byte-identical output, PDF/A-3b, every font embedded; errors and caches.

Read with pypdf: the document information and catalogue, the XMP packet, the
output intent and each font's descriptor.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from helpers import CONTENT, REPORT_2020, ROOT, TEMPLATE
from pdf_helpers import copy_project, no_source_date_epoch

pytestmark = pytest.mark.pdf

TEMPLATES = ROOT / "templates"


def reader(data: bytes):
    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def fonts_of(pdf) -> dict[str, object]:
    """Every font the pages use, by BaseFont name (resolved objects)."""
    out = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            out[str(font["/BaseFont"])] = font
    return out


def assert_all_fonts_embedded(pdf) -> None:
    fonts = fonts_of(pdf)
    assert len(fonts) >= 5
    for name, font in fonts.items():
        if font["/Subtype"] == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font["/FontDescriptor"].get_object()
        files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
        assert files, f"font {name} is not embedded"
        assert len(descriptor[files[0]].get_object().get_data()) > 100, name


@pytest.fixture(scope="module")
def pdf_bytes(pdf_2020) -> bytes:
    return pdf_2020[0].read_bytes()


def test_metadata_title_author_language_and_dates(pdf_bytes):
    pdf = reader(pdf_bytes)
    info = pdf.metadata
    assert info.title == REPORT_2020
    assert info.author == "开福区清水塘街道"
    assert info.subject == "整体支出绩效评价报告"
    assert pdf.trailer["/Root"]["/Lang"] == "zh-CN"
    # no SOURCE_DATE_EPOCH: 1 January of the year after the report's year
    assert info["/CreationDate"] == "D:20210101000000Z"
    assert info["/ModDate"] == "D:20210101000000Z"


def test_every_font_is_embedded(pdf_bytes):
    assert_all_fonts_embedded(reader(pdf_bytes))


def test_embedded_fonts_are_subsets(pdf_bytes):
    fonts = fonts_of(reader(pdf_bytes))
    assert all(name[1:7].isupper() and name[7] == "+" for name in fonts), list(fonts)
    assert len(pdf_bytes) < 2_000_000  # subsets of CJK fonts of 7–27 MB each


def test_two_renders_are_byte_identical(report_2020, pdf_bytes):
    from docgen.pdf.render import render_pdf

    with no_source_date_epoch():
        first = render_pdf(report_2020, template_dir=TEMPLATES)
        second = render_pdf(report_2020, template_dir=TEMPLATES)
    assert first == second == pdf_bytes


def test_the_command_line_writes_the_same_bytes(tmp_path, pdf_bytes):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run([sys.executable, "-m", "docgen", "render", "2020", "--pdf", "--out", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "2020" / f"{REPORT_2020}.pdf"
    assert str(written) in result.stdout
    assert written.read_bytes() == pdf_bytes


def test_source_date_epoch_sets_the_dates(report_2020, monkeypatch):
    from docgen.pdf.render import render_pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    data = render_pdf(report_2020, template_dir=TEMPLATES)
    info = reader(data).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20231114221320Z"
    assert data == render_pdf(report_2020, template_dir=TEMPLATES)


def test_malformed_source_date_epoch_is_an_error(report_2020, monkeypatch):
    from docgen.errors import DocgenError, EXIT_USAGE
    from docgen.pdf.render import render_pdf

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=TEMPLATES)
    assert info.value.exit_code == EXIT_USAGE and "SOURCE_DATE_EPOCH" in str(info.value)


@pytest.fixture(scope="module")
def pdfa_bytes(report_2020) -> bytes:
    from docgen.pdf.render import render_pdf

    with no_source_date_epoch():
        return render_pdf(report_2020, template_dir=TEMPLATES, variant="pdf/a-3b")


def test_pdfa3b_xmp_metadata(pdfa_bytes):
    import xml.etree.ElementTree as ET

    pdf = reader(pdfa_bytes)
    assert pdfa_bytes.startswith(b"%PDF-1.7")
    xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    start, end = xmp.index("<rdf:RDF"), xmp.index("</rdf:RDF>") + len("</rdf:RDF>")
    rdf = ET.fromstring(xmp[start:end])
    ns = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
          "pdfaid": "http://www.aiim.org/pdfa/ns/id/", "xmp": "http://ns.adobe.com/xap/1.0/"}
    attrs = {k: v for d in rdf.findall("rdf:Description", ns) for k, v in d.attrib.items()}
    assert attrs[f"{{{ns['pdfaid']}}}part"] == "3"
    assert attrs[f"{{{ns['pdfaid']}}}conformance"] == "B"
    assert rdf.find(".//dc:title/rdf:Alt/rdf:li", ns).text == REPORT_2020
    assert rdf.find(".//dc:creator/rdf:Seq/rdf:li", ns).text == "开福区清水塘街道"
    assert rdf.find(".//xmp:CreateDate", ns).text == "2021-01-01T00:00:00Z"


def test_pdfa3b_output_intent_identifier_and_fonts(pdfa_bytes):
    pdf = reader(pdfa_bytes)
    (intent,) = pdf.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3 and profile.get_data()[36:40] == b"acsp"  # an ICC profile (sRGB)
    assert len(pdf.trailer["/ID"]) == 2
    assert_all_fonts_embedded(pdf)


def test_pdfa3b_is_byte_identical_too(report_2020, pdfa_bytes):
    from docgen.pdf.render import render_pdf

    with no_source_date_epoch():
        assert render_pdf(report_2020, template_dir=TEMPLATES, variant="PDF/A-3b") == pdfa_bytes


def test_pdf_variant_from_the_command_line(tmp_path, monkeypatch):
    from docgen.cli import cli

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = CliRunner().invoke(cli, ["render", "2020", "--pdf", "--pdf-variant", "pdf/a-3b",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    data = (tmp_path / "2020" / f"{REPORT_2020}.pdf").read_bytes()
    assert b"pdfaid:part" in reader(data).trailer["/Root"]["/Metadata"].get_object().get_data()


def test_unknown_variant_is_a_usage_error_naming_the_choices(report_2020):
    from docgen.errors import DocgenError, EXIT_USAGE
    from docgen.pdf.render import render_pdf

    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=TEMPLATES, variant="pdf/z")
    assert info.value.exit_code == EXIT_USAGE
    assert "pdf/a-3b" in str(info.value)


def test_template_errors_name_file_and_line(tmp_path, report_2020):
    from docgen.errors import DocgenError, EXIT_TEMPLATE
    from docgen.pdf.render import render_pdf

    templates = copy_project(tmp_path) / "templates"
    html = templates / "report.html"
    lines = html.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if "{{ b.text }}" in t)
    lines[line - 1] = lines[line - 1].replace("{{ b.text }}", "{{ b.texts }}", 1)
    html.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=templates)
    diag = info.value.diagnostics[0]
    assert info.value.exit_code == EXIT_TEMPLATE
    assert diag.file.endswith("report.html") and diag.line == line and "texts" in diag.message

    html.write_text(html.read_text(encoding="utf-8").replace("{% endfor %}", "{% endfo %}", 1), encoding="utf-8")
    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=templates)
    assert info.value.exit_code == EXIT_TEMPLATE and info.value.diagnostics[0].line > 0


def test_missing_stylesheet_is_a_template_error(tmp_path, report_2020):
    from docgen.errors import DocgenError, EXIT_TEMPLATE
    from docgen.pdf.render import render_pdf

    templates = copy_project(tmp_path) / "templates"
    (templates / "report.css").unlink()
    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=templates)
    assert info.value.exit_code == EXIT_TEMPLATE and "report.css" in str(info.value)


def test_one_font_configuration_and_compiled_stylesheet_serve_many_reports(report_2020):
    """What `render --all` relies on: the second report reuses fonts, CSS and template."""
    from docgen.pdf import render as rp
    from docgen.pdf.template import html_template

    with no_source_date_epoch():
        rp.render_pdf(report_2020, template_dir=TEMPLATES)
        configs, sheets = dict(rp._font_configs), dict(rp._css_cache)
        template = html_template(TEMPLATES)
        rp.render_pdf(report_2020, template_dir=TEMPLATES)
    assert rp._font_configs == configs and rp._css_cache == sheets
    assert rp.font_config() is configs[""]
    assert html_template(TEMPLATES) is template


def test_pipeline_passes_the_options(tmp_path, required_fonts):
    """render_year(pdf=PdfOptions(…)) reaches render_pdf: variant and font folders."""
    from docgen.errors import DocgenError
    from docgen.pdf import PdfOptions
    from docgen.pipeline import render_year

    with pytest.raises(DocgenError) as info:
        render_year(2020, content_dir=CONTENT, out_root=tmp_path, template=TEMPLATE,
                    pdf=PdfOptions(None, (tmp_path / "no-such-folder",)))
    assert "no-such-folder" in str(info.value)
    assert not (tmp_path / "2020").exists()  # nothing half-written: not even the .docx
