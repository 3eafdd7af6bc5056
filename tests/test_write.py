"""Stage 5 (write) and the pipeline around it: failures name what was and was not written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import CONTENT, REPORT_2020, ROOT, TEMPLATE
from docgen.errors import DocgenError, EXIT_OUTPUT
from docgen.pipeline import pdf_template_dir, render_year
from docgen.write import write_all


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_folder_in_the_way_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    docx_path = out / "2020" / f"{REPORT_2020}.docx"
    render_year(2020, content_dir=CONTENT, out_root=out, template=TEMPLATE)
    before = docx_path.read_bytes()
    (out / "2020" / f"{REPORT_2020}.pdf").mkdir()
    with pytest.raises(DocgenError) as info:
        write_all({docx_path: b"new", out / "2020" / f"{REPORT_2020}.pdf": b"pdf"})
    assert info.value.exit_code == EXIT_OUTPUT
    (diag,) = info.value.diagnostics
    assert "是一个文件夹" in diag.message and diag.hint
    assert docx_path.read_bytes() == before
    assert _leftovers(out / "2020") == []


def test_a_rename_failing_half_way_names_what_was_updated(tmp_path, monkeypatch):
    a, b = tmp_path / "a.docx", tmp_path / "b.pdf"
    a.write_bytes(b"old a")
    b.write_bytes(b"old b")
    real_replace = os.replace

    def replace(src, dst):
        if str(dst).endswith(".pdf"):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(DocgenError) as info:
        write_all({a: b"new a", b: b"new b"})
    (diag,) = info.value.diagnostics
    assert "已更新 updated: a.docx" in diag.message and "保持原样 unchanged: b.pdf" in diag.message
    assert "Word、WPS" in diag.hint
    assert (a.read_bytes(), b.read_bytes()) == (b"new a", b"old b")
    assert _leftovers(tmp_path) == []


def test_a_failure_while_staging_changes_nothing(tmp_path, monkeypatch):
    a = tmp_path / "a.docx"
    a.write_bytes(b"old")
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    with pytest.raises(DocgenError) as info:
        write_all({a: b"new"})
    assert "没有任何文件被改动" in info.value.diagnostics[0].message
    assert a.read_bytes() == b"old" and _leftovers(tmp_path) == []


def _docgen(*args, cwd):
    return subprocess.run([sys.executable, "-m", "docgen", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_schema_errors_say_the_consistency_checks_have_not_run(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    path = tmp_path / "content" / "2020.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  basic: 2517.81", "  basik: 2517.81"),
                    encoding="utf-8")
    proc = _docgen("check", "2020", cwd=tmp_path)
    assert proc.returncode == 1
    assert "funds.basik" in proc.stderr and "是否想写“basic”" in proc.stderr
    assert "改正后才会进行一致性检查" in proc.stderr


def test_outside_a_project_the_message_says_where_to_run(tmp_path):
    proc = _docgen("render", "2020", cwd=tmp_path)
    assert proc.returncode == 2
    assert "这里没有内容文件夹" in proc.stderr and "--content" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pdf_template_dir_falls_back_to_the_projects_templates(tmp_path, monkeypatch):
    elsewhere = tmp_path / "我的模板.docx"
    shutil.copy(TEMPLATE, elsewhere)
    monkeypatch.chdir(ROOT)
    assert pdf_template_dir(elsewhere) == Path("templates")
    assert pdf_template_dir(TEMPLATE) == TEMPLATE.parent
