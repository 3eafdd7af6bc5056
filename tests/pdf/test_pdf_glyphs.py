"""Issue 15 §6: a font that calls itself official must draw the text, or it is not used.

The damaged office font is made here: Liberation Serif renamed "Times New Roman"
(fontTools rewrites its name table, as test_pdf_fonts does for 仿宋), with the
outlines of some glyphs removed — its character map still claims them, so it
looks complete by its names and its cmap.  Before, ``docgen fonts`` called it
official and the PDF printed every digit as a blank, exit code 0.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from hostile import Project, first_error, run_docgen

pytestmark = pytest.mark.pdf

SERIF = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")


def lying_times(folder: Path, blank: str) -> Path:
    """A "Times New Roman" whose glyphs for ``blank`` have no outline (the cmap still lists them)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    if not SERIF.is_file():
        pytest.fail(f"{SERIF} missing: run make setup (scripts/setup-system.sh)")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "TIMES.TTF"
    with TTFont(str(SERIF)) as font:
        name = font["name"]
        name.names = [r for r in name.names if r.nameID not in (1, 3, 4, 6, 16, 17)]
        for name_id, value in ((1, "Times New Roman"), (3, "docgen-test;Times"), (4, "Times New Roman"),
                               (6, "TimesNewRomanPSMT")):
            name.setName(value, name_id, 3, 1, 0x409)
        cmap = font.getBestCmap()
        for ch in blank:
            font["glyf"][cmap[ord(ch)]] = Glyph()
        font.save(str(path))
    return path


def _fonts_by_char(pdf: Path) -> dict[str, set[str]]:
    import pdfplumber

    out: dict[str, set[str]] = {}
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as doc:
        for page in doc.pages:
            for c in page.chars:
                out.setdefault(c["text"], set()).add(c["fontname"].split("+", 1)[-1])
    return out


def test_docgen_fonts_does_not_call_a_font_without_digits_official(tmp_path):
    project = Project(tmp_path)
    lying_times(tmp_path / "fonts", "0123456789")
    project.mark()
    proc = run_docgen(["fonts"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert ("  未使用 unused: fonts/TIMES.TTF: 字体文件已损坏或不完整，缺少这些字的字形：0123456789；不予使用 "
            "damaged or incomplete font: no glyphs for 0123456789") in lines
    latin = lines[lines.index("数字和西文 digits, Latin（Times New Roman）") + 1:]
    latin = latin[:next(i for i, line in enumerate(latin) if not line.startswith(" "))]
    assert not any("正式 official" in line for line in latin), latin
    assert latin[0].split()[:3] == ["Liberation", "Serif", "替代"]
    strict = run_docgen(["fonts", "--strict"], tmp_path, memory=None, timeout=300)
    assert strict.returncode == 1
    project.assert_untouched()


def test_render_leaves_a_damaged_office_font_out_and_says_so(tmp_path):
    project = Project(tmp_path)
    lying_times(tmp_path / "fonts", "0123456789")
    project.mark()
    proc = run_docgen(["render", "2020", "--pdf"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert ("fonts/TIMES.TTF: 警告 warning: 字体文件已损坏或不完整：它自称“Times New Roman”，却缺少这些字的字形："
            "0123456789；PDF 没有用它，改用替代字体。damaged font file not used: no glyphs for 0123456789"
            ) in proc.stderr.splitlines()
    pdf = tmp_path / "out" / "2020" / "2020年度清水塘街道整体支出绩效评价报告.pdf"
    fonts = _fonts_by_char(pdf)
    for digit in "0123456789":  # every digit is in the PDF, set in a face that draws it
        assert digit in fonts and not any("Times-New-Roman" in f for f in fonts[digit]), (digit, fonts.get(digit))
    project.assert_untouched()


def test_render_refuses_a_pdf_with_blank_glyphs(tmp_path):
    """A face that passes the check of its role's characters but cannot draw one the report uses."""
    project = Project(tmp_path)
    lying_times(tmp_path / "fonts", "@")
    content = tmp_path / "content" / "2020.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("湖南省财政工作先进集体", "湖南省财政工作先进集体（office@example）", 1),
                       encoding="utf-8")
    project.mark()
    proc = run_docgen(["render", "2020", "--pdf"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert first_error(proc) == (
        "fonts/TIMES.TTF: 错误 error: PDF 中这些字会印成空白：@（字体 Times New Roman，文件 fonts/TIMES.TTF，"
        "它没有这些字的字形）。the PDF would print blanks: font Times New Roman has no glyphs for @")
    assert project.out_files() == []
    project.assert_untouched()


def test_render_refuses_characters_no_font_has(tmp_path):
    project = Project(tmp_path)
    content = tmp_path / "content" / "2020.yaml"
    text = content.read_text(encoding="utf-8")
    content.write_text(text.replace("湖南省财政工作先进集体", "湖南省财政工作先进集体\U00013000", 1), encoding="utf-8")
    project.mark()
    proc = run_docgen(["render", "2020", "--pdf"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 3, proc.stderr
    assert first_error(proc) == ("templates/report.html: 错误 error: PDF 中这些字符在所有字体中都找不到，会印成方框："
                                 "\U00013000（U+13000）。no installed font has these characters")
    assert project.out_files() == []
    project.assert_untouched()
