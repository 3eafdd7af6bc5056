"""`docgen fonts --template`: the report reflects a restyled .docx template, as a render would."""

from __future__ import annotations

import subprocess
import sys

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from helpers import ROOT, TEMPLATE

pytestmark = pytest.mark.pdf


def _fonts(*args):
    return subprocess.run([sys.executable, "-m", "docgen", "fonts", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def _body_section(output: str) -> str:
    start = output.index("正文 body")
    return output[start:output.index("一级标题", start)]


def test_fonts_follows_a_restyled_template(tmp_path):
    doc = docx.Document(str(TEMPLATE))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(15)
    normal.element.get_or_add_rPr().find(qn("w:rFonts")).set(qn("w:eastAsia"), "楷体")
    restyled = tmp_path / "restyled.docx"
    doc.save(str(restyled))

    default = _fonts()
    assert default.returncode == 0, default.stderr
    assert "FandolFang" in _body_section(default.stdout)

    proc = _fonts("--template", str(restyled))
    assert proc.returncode == 0, proc.stderr
    body = _body_section(proc.stdout)
    assert "Kai" in body and "FandolFang" not in body
    assert "模板已改为 template restyled to: 楷体" in body
    assert "没有模板指定的 楷体" in body  # the honest warning, not "FandolFang missing"
    assert "模板已改为" not in proc.stdout[proc.stdout.index("一级标题"):]  # other roles untouched
