"""docgen.seam: the one module that touches WeasyPrint's, docxtpl's and openpyxl's internals.

The versions it supports are pyproject's pins and anything else is a clear error
(checked on the real command line); the justification hook is installed by the
first PDF, not by an import (checked in a fresh interpreter); ``--pdf-variant``
offers only PDF/A and PDF/UA; docxtpl's error context is read from a real
docxtpl error; openpyxl's stored cells are read from a real worksheet; no other
module of docgen touches those internals.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import tomllib

import pytest

from docgen import seam
from docgen.errors import EXIT_OUTPUT, DocgenError

from helpers import CONTENT, ROOT


def test_supported_versions_are_the_pins_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [*project["dependencies"], *project["optional-dependencies"]["pdf"]]
    for dist in seam.SUPPORTED:
        (pin,) = [p.split(";")[0].replace(" ", "") for p in pins if p.startswith(dist)]
        assert pin == seam.requirement(dist)
    assert seam.requirement("weasyprint") == "weasyprint>=70,<71"


@pytest.mark.parametrize("dist, version", [("weasyprint", "71.0"), ("weasyprint", "69.2"),
                                            ("weasyprint", "unknown"), ("docxtpl", "0.21.1"),
                                            ("docxtpl", "0.19.0"), ("openpyxl", "4.0.0"),
                                            ("openpyxl", "3.0.10")])
def test_an_unsupported_version_is_a_clear_error(dist, version):
    with pytest.raises(DocgenError) as info:
        seam.check_version(dist, version)
    assert info.value.exit_code == EXIT_OUTPUT
    (diag,) = info.value.diagnostics
    wanted = seam.requirement(dist)
    assert diag.message.startswith(f"已安装的 {dist} 版本 {version} 不受支持")  # Chinese first
    assert f"{dist} {version} is installed, but docgen supports {wanted} only" in diag.message
    assert "make venv" in diag.hint and wanted in diag.hint


def test_the_installed_versions_are_supported():
    import docxtpl
    import openpyxl
    import weasyprint

    assert seam.check_version("weasyprint", weasyprint.__version__) == weasyprint.__version__
    assert seam.load_weasyprint() is weasyprint
    assert seam.load_docxtpl() is docxtpl
    assert seam.check_version("docxtpl", "0.20.2") == "0.20.2"
    assert seam.load_openpyxl() is openpyxl
    assert seam.check_version("openpyxl", "3.1.0") == "3.1.0"


def test_stored_cells_are_the_cells_the_file_has_and_walk_nothing(tmp_path):
    """A sheet with a cell at A1 and one at XFD1048576: two cells, not the 17 billion between."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "年初预算数"
    wb.active["XFD1048576"] = 1
    wb.save(tmp_path / "稀疏.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "稀疏.xlsx").active
    cells = seam.stored_cells(ws)
    assert {k: c.value for k, c in cells.items()} == {(1, 1): "年初预算数", (1_048_576, 16_384): 1}
    assert len(seam.stored_cells(ws)) == 2  # reading them created none


def _run(code: str, *args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.pdf
def test_render_pdf_with_an_unsupported_weasyprint_says_so_and_writes_nothing(tmp_path):
    """The user's command line with WeasyPrint 71 installed: the message, exit 4, no traceback, no file."""
    result = _run("""
        import sys
        import weasyprint
        weasyprint.__version__ = "71.0"          # what an upgraded WeasyPrint reports
        from docgen.cli import main
        sys.argv = ["docgen", "render", "2020", "--pdf", "--out", sys.argv[1]]
        main()
    """, str(tmp_path))
    assert result.returncode == EXIT_OUTPUT, result.stderr
    assert "weasyprint 71.0 is installed, but docgen supports weasyprint>=70,<71 only" in result.stderr
    assert "已安装的 weasyprint 版本 71.0 不受支持" in result.stderr and "make venv" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "2020").exists()  # not even the .docx: nothing half-done


@pytest.mark.pdf
def test_the_justification_hook_is_installed_by_the_first_render_not_the_import():
    result = _run(f"""
        from pathlib import Path
        import weasyprint.layout.inline as inline
        original = inline.justify_line

        import docgen.pdf.render as render
        assert inline.justify_line is original, "importing docgen.pdf.render patched WeasyPrint"

        from docgen.pipeline import prepare
        report = prepare(2020, Path({str(CONTENT)!r})).report
        first = render.render_pdf(report, template_dir=Path("templates"))
        hook = inline.justify_line
        assert hook is not original and hook.__wrapped__ is original and hook.__module__ == "docgen.seam"
        assert render.render_pdf(report, template_dir=Path("templates")) == first
        assert inline.justify_line is hook, "a second render installed the hook again"
        print("OK")
    """)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "OK"


@pytest.mark.pdf
def test_the_hook_leaves_other_languages_to_weasyprint(monkeypatch):
    """WeasyPrint's own justification still runs for a line ``justify`` declines."""
    import weasyprint.layout.inline as inline

    calls = []
    monkeypatch.setattr(inline, "justify_line", lambda context, line, extra: calls.append(("weasyprint", extra)))
    decline = lambda line, extra: calls.append(("docgen", extra)) and False  # noqa: E731
    seam.install_justification(decline)
    seam.install_justification(decline)  # the same hook twice: still one
    inline.justify_line(None, object(), 3.0)
    assert calls == [("docgen", 3.0), ("weasyprint", 3.0)]


@pytest.mark.pdf
def test_pdf_variants_offered_are_pdf_a_and_pdf_ua_only():
    from weasyprint.pdf import VARIANTS

    offered = seam.pdf_variants()
    assert "pdf/a-3b" in offered and "pdf/ua-1" in offered
    assert set(offered) == {v for v in VARIANTS if v.startswith(("pdf/a-", "pdf/ua-"))}
    assert "debug" in VARIANTS and "pdf/x-1a" in VARIANTS  # what WeasyPrint has and docgen does not offer
    assert not [v for v in offered if v == "debug" or v.startswith("pdf/x")]


@pytest.mark.pdf
@pytest.mark.parametrize("variant", ["debug", "pdf/x-1a"])
def test_other_weasyprint_variants_are_refused_naming_the_offered_ones(variant):
    from docgen.errors import EXIT_USAGE
    from docgen.pipeline import prepare
    from docgen.pdf.render import render_pdf

    report = prepare(2020, CONTENT).report
    with pytest.raises(DocgenError) as info:
        render_pdf(report, template_dir=ROOT / "templates", variant=variant)
    assert info.value.exit_code == EXIT_USAGE
    (diag,) = info.value.diagnostics
    assert diag.field == "--pdf-variant" and variant in diag.message
    assert diag.hint == "可用 available: " + ", ".join(seam.pdf_variants()) + "（归档用 pdf/a-3b）"
    assert "debug" not in diag.hint and "pdf/x" not in diag.hint


def test_docxtpl_error_lines_read_a_real_docxtpl_error(tmp_path):
    import docx
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    path = tmp_path / "broken.docx"
    document = docx.Document()
    document.add_paragraph("第一段")
    document.add_paragraph("金额 {{ funds.total 万元 }}")
    document.save(str(path))
    with pytest.raises(TemplateSyntaxError) as info:
        DocxTemplate(str(path)).render({})
    lines = seam.docxtpl_error_lines(info.value)
    assert any("金额 {{ funds.total 万元 }}" in line for line in lines), lines
    assert seam.docxtpl_error_lines(info.value) == lines  # docxtpl's one-shot map, read twice
    assert seam.docxtpl_error_lines(ValueError("no context")) == []


#: What only docgen/seam.py may touch: WeasyPrint's and docxtpl's internals named in issue 9,
#: those the glyph checks of issue 15 read (the embedded subsets, the log line of a .notdef box),
#: and openpyxl's store of a worksheet's cells.
INTERNALS = ("justify_line", "VARIANTS", "to_unicode", "text.ffi", "find_library", ".fonts.values()",
             "docx_context", "file_content", ".notdef glyph rendered", "._cells")


def test_no_other_module_touches_the_internals():
    offenders = []
    for path in sorted((ROOT / "src" / "docgen").rglob("*.py")):
        if path.name == "seam.py":
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {name}" for name in INTERNALS if name in text]
    assert offenders == []
