"""Issue 15 §10, the PDF's smaller holes: a run of digits with no break, and an include of a missing
file.  Each case runs the real ``docgen`` and checks the exact message, the exit code, and that
nothing outside the output folder changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import REPORT_2020
from hostile import Project, first_error, run_docgen

PDF = f"out/2020/{REPORT_2020}.pdf"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.pdf
def test_an_unbreakable_run_of_digits_breaks_at_the_right_margin(tmp_path):
    import pdfplumber

    project = Project(tmp_path)
    digits = "1234567890" * 11 + "123456789"  # 119 digits, no break opportunity
    _edit(tmp_path / "content" / "2020.yaml", "湖南省财政工作先进集体", f"湖南省财政工作先进集体，编号{digits}。")
    proc = run_docgen(["render", "2020", "--pdf"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 0, proc.stderr
    with pdfplumber.open(tmp_path / PDF) as pdf:
        right = float(pdf.pages[0].width) - 26 / 25.4 * 72  # the type area's right edge (26 mm margin)
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    assert digits[:40] in text  # all there …
    assert max(c["x1"] for c in chars if c["text"].isdigit()) <= right + 1  # … and inside the margin


@pytest.mark.pdf
def test_an_include_of_a_missing_file_names_that_file(tmp_path):
    project = Project(tmp_path)
    html = tmp_path / "templates" / "report.html"
    _edit(html, "<body>", '<body>\n{% include "页眉.html" %}')
    line = html.read_text(encoding="utf-8").split("\n").index('{% include "页眉.html" %}') + 1
    project.mark()
    proc = run_docgen(["render", "2020", "--pdf"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 3
    assert first_error(proc) == (f"templates/report.html:{line}: 错误 error: 模板引用的文件“页眉.html”不存在"
                                 "（templates/页眉.html）。included template not found: 页眉.html")
    assert project.out_files() == []
    project.assert_untouched()
