"""Issue 13 §8: the PDF is tagged by default, and its page numbers are pagination artifacts.

Read from the file: the catalog (StructTreeRoot, MarkInfo, DisplayDocTitle, Lang), the
structure tree (the title, the four headings, the paragraphs), and every character's
marked content (pdfplumber's ``tag`` / ``mcid``): the text of the report is in the tree,
the "— N —" page numbers are ``/Artifact`` and in no structure element — for the
default PDF and for ``--pdf-variant pdf/ua-1``.
"""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pypdf
import pytest

from pdf_helpers import no_source_date_epoch

pytestmark = pytest.mark.pdf


@pytest.fixture(scope="module")
def default_pdf(pdf_2020) -> bytes:
    return pdf_2020[0].read_bytes()


@pytest.fixture(scope="module")
def ua_pdf(report_2020) -> bytes:
    from docgen.pdf.render import render_pdf
    from helpers import ROOT

    with no_source_date_epoch():
        return render_pdf(report_2020, template_dir=ROOT / "templates", variant="pdf/ua-1")


def _structure(reader: pypdf.PdfReader) -> tuple[Counter, set[tuple[int, int]]]:
    """Structure types used, and the (page index, MCID) pairs the structure elements claim."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    kinds: Counter = Counter()
    claimed: set[tuple[int, int]] = set()

    def walk(element, page=None):
        element = element.get_object()
        if isinstance(element, int):
            claimed.add((page, element))
            return
        if isinstance(element, list):
            for kid in element:
                walk(kid, page)
            return
        if "/S" in element:
            kinds[element["/S"]] += 1
        if "/Pg" in element:
            page = pages[element.raw_get("/Pg").idnum]
        if "/K" in element:
            walk(element["/K"], page)

    walk(reader.trailer["/Root"]["/StructTreeRoot"]["/K"])
    return kinds, claimed


@pytest.mark.parametrize("which", ["default", "pdf/ua-1"])
def test_the_pdf_is_tagged(which, default_pdf, ua_pdf):
    reader = pypdf.PdfReader(io.BytesIO(default_pdf if which == "default" else ua_pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/Lang"] == "zh-CN"
    kinds, _ = _structure(reader)
    assert kinds["/H1"] == 1 and kinds["/H2"] == 4 and kinds["/P"] >= 30, kinds


@pytest.mark.parametrize("which", ["default", "pdf/ua-1"])
def test_report_text_is_in_the_tree_and_page_numbers_are_artifacts(which, default_pdf, ua_pdf):
    data = default_pdf if which == "default" else ua_pdf
    _, claimed = _structure(pypdf.PdfReader(io.BytesIO(data)))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for i, page in enumerate(pdf.pages):
            bottom = float(page.height) - 35 * 72 / 25.4
            number = [c for c in page.chars if c["top"] > bottom]
            text = [c for c in page.chars if c["top"] <= bottom and c["text"].strip()]
            assert "".join(c["text"] for c in number).replace(" ", "") == f"—{i + 1}—"
            assert {(c["tag"], c["mcid"]) for c in number} == {("Artifact", None)}, f"page {i + 1}"
            assert text and all(c["mcid"] is not None and (i, c["mcid"]) in claimed for c in text), \
                f"page {i + 1}: report text outside the structure tree"


def test_ua_variant_says_so_in_its_metadata(ua_pdf):
    xmp = pypdf.PdfReader(io.BytesIO(ua_pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfuaid:part="1"' in xmp
