"""Issue 2 §3: ``docgen render`` as a user runs it, in a separate process.

Each test works in its own scratch project (copies of content/ and templates/),
so the repository's out/ is never touched and tests cannot see each other's
files.  The command is run the way users run it: the ``docgen`` console script
of the venv (or ``python -m docgen`` where the script is not installed).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from helpers import CONTENT, REPORT_2020, ROOT

DOCX_2020 = f"{REPORT_2020}.docx"
REL_OUT = Path("out") / "2020" / DOCX_2020


def docgen_cmd() -> list[str]:
    script = Path(sys.executable).with_name("docgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "docgen"]


def run(args: list[str], cwd: Path, **env) -> subprocess.CompletedProcess:
    # SOURCE_DATE_EPOCH deliberately sets the document dates; keep it out of these runs
    base = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([*docgen_cmd(), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**base, **env})


@pytest.fixture
def project(tmp_path) -> Path:
    """A scratch project folder: content/ and templates/ as in the repository, no out/."""
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def _assert_docx(path: Path) -> None:
    import docx

    paras = [p.text for p in docx.Document(str(path)).paragraphs]
    assert paras[0] == REPORT_2020 and "四、其他需要说明事宜" in paras


def _tmp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*") if p.name.endswith(".tmp"))


def test_render_2020_writes_the_report_prints_its_path_exits_0(project):
    result = run(["render", "2020"], project)
    assert result.returncode == 0, result.stderr
    out = project / REL_OUT
    assert out.is_file()
    assert result.stdout.strip().splitlines() == [str(REL_OUT)]
    _assert_docx(out)
    assert _tmp_files(project / "out") == []


def test_content_and_out_options(project, tmp_path_factory):
    content = project / "其他内容"
    project.joinpath("content").rename(content)
    out = tmp_path_factory.mktemp("elsewhere") / "报告"
    result = run(["render", "2020", "--content", str(content), "--out", str(out)], project)
    assert result.returncode == 0, result.stderr
    target = out / "2020" / DOCX_2020
    assert result.stdout.strip() == str(target)
    _assert_docx(target)
    assert not (project / "out").exists(), "nothing written to the default out/"


def test_two_renders_are_byte_identical(project):
    first = run(["render", "2020", "--out", "a"], project)
    # another process in another time zone must not change a byte
    env = {"TZ": "Asia/Shanghai"}
    second = run(["render", "2020", "--out", "b"], project, **env)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    a = (project / "a" / "2020" / DOCX_2020).read_bytes()
    b = (project / "b" / "2020" / DOCX_2020).read_bytes()
    assert a == b


def test_year_without_content_lists_the_years_there_are(project):
    shutil.copy(project / "content" / "2020.yaml", project / "content" / "2019.yaml")
    (project / "content" / "2019.yaml").write_text(
        (project / "content" / "2020.yaml").read_text(encoding="utf-8").replace("year: 2020", "year: 2019"),
        encoding="utf-8")
    result = run(["render", "2031"], project)
    assert result.returncode != 0
    assert "2031" in result.stderr
    assert "2019、2020" in result.stderr, result.stderr
    assert not (project / "out").exists()


@pytest.mark.parametrize("arg", ["../2020", "content/2020.yaml", "2020.yaml", "/tmp/2020"])
def test_year_argument_is_never_a_path(project, arg):
    result = run(["render", arg], project)
    assert result.returncode == 2, result.stderr
    assert "不是年份" in result.stderr or "not a year" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "out").exists() and not (project.parent / "out").exists()


def test_failed_render_leaves_earlier_output_untouched_and_no_temp_files(project):
    ok = run(["render", "2020"], project)
    assert ok.returncode == 0, ok.stderr
    out = project / REL_OUT
    before, mtime = out.read_bytes(), out.stat().st_mtime_ns

    yaml_file = project / "content" / "2020.yaml"
    text = yaml_file.read_text(encoding="utf-8")
    assert "final_total: 5005.93" in text
    yaml_file.write_text(text.replace("final_total: 5005.93", "final_total: 5050.93"), encoding="utf-8")
    failed = run(["render", "2020"], project)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "5050.93" in failed.stderr and "5005.93" in failed.stderr
    assert "content/2020.yaml:" in failed.stderr, "file:line of the wrong figure"
    assert failed.stdout.strip() == "", "no path printed for a file not written"

    assert out.read_bytes() == before and out.stat().st_mtime_ns == mtime
    assert _tmp_files(project / "out") == []
    assert sorted(p.name for p in (project / "out" / "2020").iterdir()) == [DOCX_2020]


def test_docx_render_does_not_import_weasyprint(project):
    """The docx path must stay light: no WeasyPrint, no PDF or LibreOffice helpers."""
    code = textwrap.dedent("""
        import sys
        from docgen.cli import main
        sys.argv = ["docgen", "render", "2020"]
        try:
            main()
        except SystemExit as exc:
            status = exc.code
        else:
            status = 0
        heavy = sorted(m for m in sys.modules
                       if m.split(".")[0] in {"weasyprint", "pdfplumber", "pypdf", "fontTools", "cffi"}
                       or m in {"docgen.pdf.render", "multiprocessing", "concurrent.futures"})
        print("STATUS", status)
        print("HEAVY", ",".join(heavy))
    """)
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(ln.split(" ", 1) if " " in ln else (ln, "") for ln in result.stdout.splitlines()
                 if ln.startswith(("STATUS", "HEAVY")))
    assert lines["STATUS"] == "0", result.stdout + result.stderr
    assert (project / REL_OUT).is_file()
    assert lines["HEAVY"] == "", f"imported on the docx path: {lines['HEAVY']}"
