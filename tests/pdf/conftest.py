"""Fixtures of the PDF tests: the 2020 PDF, the fonts a machine must have, a guard on WeasyPrint.

Every test here runs under :func:`pdf_helpers.weasyprint_warnings` (the autouse
guard below), and a warning WeasyPrint logs fails the test.  A missing font or
library fails with a message naming the set-up command: a PDF test that silently
skips would hide a broken machine.  Plain helpers: ``pdf_helpers`` (tests/pdf_helpers.py).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers import CONTENT, REPORT_2020, TEMPLATE
from pdf_helpers import REQUIRED_FAMILIES, SETUP, assert_no_warnings, no_source_date_epoch, weasyprint_warnings


@pytest.fixture(autouse=True)
def _fail_on_weasyprint_warning():
    """Any warning WeasyPrint logs during a test of tests/pdf/ fails it.

    The value is the list of records, for the one test that checks this guard itself.
    """
    with weasyprint_warnings() as records:
        yield records
    assert_no_warnings(records)


@pytest.fixture(scope="session")
def required_fonts() -> None:
    """The stand-in fonts and HarfBuzz subsetting are installed, or the tests fail saying how to fix it."""
    if not shutil.which("fc-list"):
        pytest.fail(f"fc-list (fontconfig) not found. {SETUP}")
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    families = {f.strip() for line in listed.splitlines() for f in line.split(",")}
    missing = [f for f in REQUIRED_FAMILIES if f not in families]
    if missing:
        pytest.fail(f"fonts missing: {', '.join(missing)}. {SETUP}")
    try:
        from docgen.seam import harfbuzz_subsetting
    except OSError as exc:  # WeasyPrint cannot load Pango/HarfBuzz
        pytest.fail(f"WeasyPrint cannot load its libraries: {exc}. {SETUP}")
    if not harfbuzz_subsetting():
        pytest.fail(f"libharfbuzz-subset0 missing: WeasyPrint would subset with fontTools (~12 s a font). {SETUP}")


@pytest.fixture(scope="session")
def pdf_2020(tmp_path_factory, required_fonts):
    """``docgen render 2020 --pdf`` through the pipeline: (pdf path, docx path, WeasyPrint warnings)."""
    from docgen.pdf import PdfOptions
    from docgen.pipeline import render_year

    out = tmp_path_factory.mktemp("pdfout")
    with no_source_date_epoch(), weasyprint_warnings() as records:
        result = render_year(2020, content_dir=CONTENT, out_root=out, template=TEMPLATE, pdf=PdfOptions())
    docx_path, pdf_path = sorted(result.paths, key=lambda p: p.suffix)
    assert pdf_path == out / "2020" / f"{REPORT_2020}.pdf"
    return pdf_path, docx_path, list(records)


@pytest.fixture(scope="session")
def pdf_pages(pdf_2020):
    """pdfplumber pages of the 2020 PDF (text lines by baseline, see :func:`lines`)."""
    import pdfplumber

    pdf = pdfplumber.open(pdf_2020[0])
    yield pdf.pages
    pdf.close()


@pytest.fixture(scope="session")
def report_2020(required_fonts):
    from docgen.pipeline import prepare

    return prepare(2020, CONTENT).report
