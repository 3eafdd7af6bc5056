"""Issue 3 §2, §3: fonts — the office's own files first, stand-ins otherwise, `docgen fonts`, speed set-up.

An "office font" here is a copy of a free font renamed FangSong_GB2312 / 仿宋_GB2312
(fontTools rewrites its name table): docgen must recognise it by the names inside
it, embed it for the body, and say so.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ROOT
from pdf_helpers import STANDINS, body_lines, font_of, no_source_date_epoch

pytestmark = pytest.mark.pdf

TEMPLATES = ROOT / "templates"
KAI = Path("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf")


def make_office_font(folder: Path, family: str = "FangSong_GB2312", chinese: str = "仿宋_GB2312") -> Path:
    """A licensed-font look-alike: AR PL KaitiM GB renamed to an official family."""
    from fontTools.ttLib import TTFont

    if not KAI.is_file():
        pytest.fail(f"{KAI} missing: run make setup (scripts/setup-system.sh)")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{family}.ttf"
    with TTFont(str(KAI), lazy=True) as font:
        name = font["name"]
        name.names = [r for r in name.names if r.nameID not in (1, 3, 4, 6, 16, 17)]
        for name_id, value in ((1, family), (3, f"docgen-test;{family}"), (4, family), (6, family)):
            name.setName(value, name_id, 3, 1, 0x409)
        name.setName(chinese, 1, 3, 1, 0x804)
        font.save(str(path))
    return path


@pytest.fixture(scope="module")
def office_fonts(tmp_path_factory, required_fonts) -> Path:
    folder = tmp_path_factory.mktemp("office-fonts")
    make_office_font(folder / "sub")  # sub-folders are searched too
    shutil.copy("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", folder)
    (folder / "notes.ttf").write_bytes(b"not a font")
    return folder


def _pdf_fonts_by_text(data: bytes) -> dict[str, set[str]]:
    import io

    import pdfplumber

    out: dict[str, set[str]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for _, chars in body_lines(page):
                for c in chars:
                    out.setdefault(font_of(c), set()).add(c["text"])
    return out


def test_office_font_file_is_used_before_the_standin(report_2020, office_fonts):
    from docgen.pdf.render import render_pdf

    with no_source_date_epoch():
        data = render_pdf(report_2020, template_dir=TEMPLATES, font_dirs=[office_fonts])
    fonts = _pdf_fonts_by_text(data)
    assert "FangSong_GB2312" in fonts
    assert STANDINS["body"] not in fonts  # FandolFang is not needed any more
    assert {"整", "体", "“", "，"} <= fonts["FangSong_GB2312"]
    assert fonts[STANDINS["serif_fallback"]] == {"㎡"}  # the office font lacks it too: a serif supplies it


def test_office_font_does_not_leak_into_a_report_without_it(report_2020, office_fonts):
    """Reports rendered later in the same process, without --fonts, get the stand-in again."""
    from docgen.pdf.render import render_pdf

    with no_source_date_epoch():
        render_pdf(report_2020, template_dir=TEMPLATES, font_dirs=[office_fonts])
        data = render_pdf(report_2020, template_dir=TEMPLATES)
    fonts = _pdf_fonts_by_text(data)
    assert STANDINS["body"] in fonts and "FangSong_GB2312" not in fonts


def test_project_fonts_folder_is_used_by_default(tmp_path, report_2020):
    from docgen.pdf.render import render_pdf

    shutil.copytree(TEMPLATES, tmp_path / "templates")
    make_office_font(tmp_path / "fonts")
    with no_source_date_epoch():
        data = render_pdf(report_2020, template_dir=tmp_path / "templates")
    assert "FangSong_GB2312" in _pdf_fonts_by_text(data)


def test_scan_recognises_fonts_by_their_names_not_file_names(office_fonts):
    from docgen.pdf.fonts import scan_font_dirs

    scan = scan_font_dirs([office_fonts])
    assert [(f.path.name, f.kind.key) for f in scan.fonts] == [("FangSong_GB2312.ttf", "fangsong")]
    unused = {p.name: why for p, why in scan.unused}
    assert set(unused) == {"LiberationMono-Regular.ttf", "notes.ttf"}
    assert "Liberation Mono" in unused["LiberationMono-Regular.ttf"]


def test_font_face_css_declares_office_files_under_the_english_name(office_fonts):
    from docgen.pdf.fonts import font_face_css, font_lists_css, scan_font_dirs

    css = font_face_css(scan_font_dirs([office_fonts]))
    assert 'font-family: "FangSong_GB2312";' in css
    assert (office_fonts / "sub" / "FangSong_GB2312.ttf").resolve().as_uri() in css
    stylesheet = font_lists_css()
    # the body's font list names that name first, then the Chinese name, then the stand-in
    body_rule = stylesheet[stylesheet.index("html {"):]
    assert body_rule.index('"FangSong_GB2312"') < body_rule.index('"仿宋_GB2312"') < body_rule.index('"FandolFang"')


def test_docgen_fonts_reports_standins_with_their_files():
    from docgen.cli import cli

    result = CliRunner().invoke(cli, ["fonts", "--template", str(TEMPLATES / "report.docx")])
    assert result.exit_code == 0, result.output
    out = result.output
    for label, face, file in (("正文 body", "FandolFang", "FandolFang-Regular.otf"),
                              ("标题 title", "Noto Serif CJK SC Bold", "NotoSerifCJK-Bold.ttc"),
                              ("一级标题", "Noto Sans CJK SC", "NotoSansCJK-Regular.ttc"),
                              ("页码", "AR PL SungtiL GB", "gbsn00lp.ttf"),
                              ("数字和西文", "Liberation Serif", "LiberationSerif-Regular.ttf")):
        section = out[out.index(label):]
        first_line = section.splitlines()[1]
        assert face in first_line and "替代 stand-in" in first_line
        path = Path(first_line.split()[-1])
        assert path.name == file and path.is_file()
    assert "㎡" in out  # the fallback face and what it supplies
    assert out.count("警告 warning: 没有") == 6
    assert "HarfBuzz" in out


def test_fonts_report_probes_each_kind_of_the_table(required_fonts):
    """One report per kind of layout.FONT_KINDS, in its order, each in the element of its first role."""
    from docgen.layout import FONT_KINDS
    from docgen.pdf.probe import probe_font_kinds, probe_html

    reports = probe_font_kinds(TEMPLATES, docx_template=TEMPLATES / "report.docx")
    assert [r.kind.key for r in reports] == [k.key for k in FONT_KINDS]
    for report in reports:
        main = report.main
        assert main.family + (" Bold" if main.bold else "") == report.kind.standin, report.kind.key
        assert report.uses_standin and report.restyled_to is None
    assert probe_html(FONT_KINDS[0]) == ('<h1 class="title">整体支出绩效评价报告</h1>', False)
    assert probe_html(next(k for k in FONT_KINDS if k.key == "times")) == (
        '<p><span class="latin">2020 5005.93 100% A-Z</span></p>', False)
    assert probe_html(FONT_KINDS[-1]) == ("", True)  # 宋体: the page number, on an empty page


def test_docgen_fonts_with_office_folder_and_strict(office_fonts):
    from docgen.cli import cli

    args = ["fonts", "--template", str(TEMPLATES / "report.docx"), "--fonts", str(office_fonts)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    body = result.output[result.output.index("正文 body"):result.output.index("一级标题")]
    assert "FangSong_GB2312" in body and "正式 official" in body
    assert str(office_fonts / "sub" / "FangSong_GB2312.ttf") in body
    assert "警告" not in body
    assert "未使用 unused" in result.output and "notes.ttf" in result.output
    strict = CliRunner().invoke(cli, [*args, "--strict"])
    assert strict.exit_code == 1  # five roles still use stand-ins


def test_missing_fonts_folder_is_a_usage_error(report_2020, tmp_path):
    from docgen.errors import DocgenError, EXIT_USAGE
    from docgen.pdf.render import render_pdf

    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=TEMPLATES, font_dirs=[tmp_path / "nope"])
    assert info.value.exit_code == EXIT_USAGE
    assert "nope" in str(info.value)


def test_weasyprint_subsets_with_harfbuzz_not_fonttools(required_fonts):
    import weasyprint.pdf.fonts as wfonts

    from docgen.seam import harfbuzz_subsetting

    assert harfbuzz_subsetting()
    assert wfonts.harfbuzz_subset is not None


@pytest.mark.parametrize("name, family", [
    ("仿宋_GB2312", "FandolFang"), ("仿宋", "FandolFang"), ("FangSong", "FandolFang"),
    ("方正小标宋简体", "Noto Serif CJK SC"), ("黑体", "Noto Sans CJK SC"), ("SimHei", "Noto Sans CJK SC"),
    ("楷体_GB2312", "AR PL KaitiM GB"), ("宋体", "AR PL SungtiL GB"), ("SimSun", "AR PL SungtiL GB"),
    ("Times New Roman", "Liberation Serif"),
])
def test_fontconfig_maps_the_docx_font_names_to_the_standins(name, family):
    """What LibreOffice gets for the .docx's Windows font names (scripts/fontconfig, installed by setup)."""
    if not shutil.which("fc-match"):
        pytest.fail("fc-match (fontconfig) missing: run make setup")
    got = subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True, text=True).stdout
    assert got == family, f"fc-match {name!r} gives {got!r}; run make setup (installs the fontconfig aliases)"


def test_installed_fontconfig_aliases_are_the_projects():
    installed = Path("/etc/fonts/conf.d/41-docgen-official-fonts.conf")
    source = ROOT / "scripts" / "fontconfig" / "41-docgen-official-fonts.conf"
    assert installed.is_file(), "fontconfig aliases not installed: run make setup"
    assert installed.read_bytes() == source.read_bytes(), "outdated fontconfig aliases: run make setup"


def test_docgen_fonts_says_when_even_the_standin_is_missing(monkeypatch):
    """A machine without the stand-in (here: its name changed) is told to run the set-up."""
    from dataclasses import replace

    from docgen.pdf import probe
    from docgen.cli import cli

    kinds = tuple(replace(k, standins=("Missing Face", *k.standins[1:])) if k.key == "hei" else k
                  for k in probe.FONT_KINDS)
    monkeypatch.setattr(probe, "FONT_KINDS", kinds)
    result = CliRunner().invoke(cli, ["fonts", "--template", str(TEMPLATES / "report.docx")])
    assert result.exit_code == 0, result.output
    assert result.output.count("连规定的替代字体") == 1
    assert "Missing Face" in result.output and "make setup" in result.output
