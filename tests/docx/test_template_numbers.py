"""Issue 15 §8: numbers no Word would write, in a restyled template, are a template error.

``w:sz="inf"`` or ``w:firstLineChars="1e999"`` ended in exit code 70 (OverflowError) and
``w:sz="99999999"`` asked WeasyPrint for a 50-million-point font.  Now ``check``,
``render`` (with or without ``--pdf``) and ``fonts --template`` refuse such a
template with exit code 3, naming the style, the attribute and Word's bounds.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from helpers import TEMPLATE
from hostile import Project, first_error, run_docgen

HINT = ("    → 在 Word 或 WPS 中打开模板，重新设置这个样式的字号、缩进或间距后另存为 .docx；"
        "或用 make template 重新生成默认模板。")


def restyled(target: Path, part: str, old: str, new: str) -> Path:
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                xml = data.decode("utf-8")
                assert old in xml, old
                data = xml.replace(old, new, 1).encode("utf-8")
            dst.writestr(info, data)
    return target


def _first(xml_part: str, pattern: str) -> str:
    with zipfile.ZipFile(TEMPLATE) as zf:
        return re.search(pattern, zf.read(xml_part).decode("utf-8")).group()


CASES = [
    ("sz", "inf", "样式“正文 Normal”", "1–3276"),
    ("sz", "99999999", "样式“正文 Normal”", "1–3276"),
    ("firstLineChars", "1e999", "样式“正文 Normal”", "-31680–31680"),
]


@pytest.mark.parametrize("attr, value, where, bounds", CASES, ids=[f"{a}={v}" for a, v, _, _ in CASES])
@pytest.mark.parametrize("command", [["check", "2020"], ["render", "2020"], ["fonts"]])
def test_out_of_range_style_number_is_a_template_error(tmp_path, attr, value, where, bounds, command):
    project = Project(tmp_path)
    normal = _first("word/styles.xml", r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>')
    old = re.search(r'w:firstLineChars="[^"]*"' if attr == "firstLineChars" else r'<w:sz w:val="\d+"/>',
                    normal).group()
    new = f'w:firstLineChars="{value}"' if attr == "firstLineChars" else f'<w:sz w:val="{value}"/>'
    restyled(tmp_path / "改过的模板.docx", "word/styles.xml", normal, normal.replace(old, new, 1))
    project.mark()
    proc = run_docgen([*command, "--template", "改过的模板.docx"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 3, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("改过的模板.docx")]
    assert lines == [f"改过的模板.docx: 错误 error: 模板{where}中的 w:{attr}=“{value}” 超出 Word 允许的范围"
                     f"（{bounds}），模板可能已损坏。template value out of range: w:{attr}"]
    assert HINT in proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr
    assert project.out_files() == []
    project.assert_untouched()


def test_page_setup_numbers_are_checked_too(tmp_path):
    project = Project(tmp_path)
    restyled(tmp_path / "页面.docx", "word/document.xml", 'w:w="11906"', 'w:w="1e999"')
    project.mark()
    proc = run_docgen(["check", "2020", "--template", "页面.docx"], tmp_path)
    assert proc.returncode == 3
    assert [line for line in proc.stderr.splitlines() if line.startswith("页面.docx")] == [
        "页面.docx: 错误 error: 模板的页面设置中的 w:w=“1e999” 超出 Word 允许的范围（-31680–31680），"
        "模板可能已损坏。template value out of range: w:w"]
    project.assert_untouched()
