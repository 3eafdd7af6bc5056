"""Issue 15 §4 (and §10: a content "file" that is a folder): only regular files are read.

``/dev/zero`` never ends and a FIFO blocks ``open()`` until someone writes to it;
before, ``docgen import /dev/zero`` grew memory without bound and a FIFO hung docgen
for ever.  Each case here runs docgen in a subprocess under a memory and a time
limit, so a regression fails fast; each must refuse before reading, with the
message and exit code of its kind of input (2 content and imports, 3 templates),
and touch nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hostile import Project, first_error, run_docgen


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


DEVICE = "设备文件，docgen 不读取它。not a regular file: a device"
FIFO = "管道（FIFO），docgen 不读取它。not a regular file: a FIFO (named pipe)"


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path)


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_import_refuses_a_device_or_fifo(project, kind):
    source = "/dev/zero" if kind == "device" else str(_fifo(project.root / "报告.docx"))
    project.mark()
    proc = run_docgen(["import", source, "--year", "2019"], project.root, timeout=30)
    assert proc.returncode == 2
    shown = "/dev/zero" if kind == "device" else "报告.docx"
    assert first_error(proc) == f"{shown}: 错误 error: {shown} 不是普通文件，而是{DEVICE if kind == 'device' else FIFO}"
    assert proc.stderr.splitlines()[1].strip() == (
        "→ Word 文件（.docx）应是一个普通文件；文件夹、设备（如 /dev/zero）和管道都不能作为输入。")
    project.assert_untouched()


@pytest.mark.parametrize("kind", ["device", "fifo"])
@pytest.mark.parametrize("command", ["render", "check"])
def test_template_refuses_a_device_or_fifo(project, kind, command):
    template = "/dev/zero" if kind == "device" else str(_fifo(project.root / "模板.docx"))
    shown = "/dev/zero" if kind == "device" else "模板.docx"
    project.mark()
    proc = run_docgen([command, "2020", "--template", template if kind == "device" else shown],
                      project.root, timeout=30)
    assert proc.returncode == 3
    lines = [line for line in proc.stderr.splitlines() if line.startswith(shown)]
    assert lines == [f"{shown}: 错误 error: {shown} 不是普通文件，而是{DEVICE if kind == 'device' else FIFO}"]
    assert project.out_files() == []
    project.assert_untouched()


@pytest.mark.parametrize("kind, said", [
    ("device", "设备文件，不是内容文件。is a device, not a content file"),
    ("fifo", "管道（FIFO），不是内容文件。is a FIFO (named pipe), not a content file"),
    ("folder", "文件夹，不是内容文件。is a folder, not a content file"),
])
@pytest.mark.parametrize("command", ["check", "render"])
def test_content_file_that_is_not_a_file(project, kind, said, command):
    path = project.root / "content" / "2021.yaml"
    if kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        _fifo(path)
    else:
        path.mkdir()
    project.mark()
    proc = run_docgen([command, "2021"], project.root, timeout=30)
    assert proc.returncode == 2
    assert first_error(proc) == f"content/2021.yaml: 错误 error: content/2021.yaml 是{said}"
    assert "已有的年份" not in proc.stderr  # no more "no content for 2021 … existing years: 2021"
    project.assert_untouched()


def test_reading_a_content_file_refuses_a_fifo_swapped_in(tmp_path):
    """Below the path check: load.read_text itself never opens a FIFO for reading."""
    from docgen.errors import DocgenError
    from docgen.content.source import read_text

    fifo = _fifo(tmp_path / "2021.yaml")
    with pytest.raises(DocgenError) as info:
        read_text(fifo, "content/2021.yaml")
    assert info.value.exit_code == 2
    assert info.value.diagnostics[0].message.startswith("content/2021.yaml 不是普通文件，而是管道（FIFO）")


@pytest.mark.pdf
@pytest.mark.parametrize("name", ["report.html", "report.css"])
def test_pdf_template_files_must_be_regular(project, name):
    target = project.root / "templates" / name
    target.unlink()
    _fifo(target)
    project.mark()
    proc = run_docgen(["render", "2020", "--pdf"], project.root, memory=None, timeout=60)
    assert proc.returncode == 3
    assert first_error(proc) == f"templates/{name}: 错误 error: templates/{name} 不是普通文件，而是{FIFO}"
    assert project.out_files() == []
    project.assert_untouched()


@pytest.mark.pdf
def test_a_fifo_among_the_office_fonts_is_listed_not_read(project):
    fonts = project.root / "fonts"
    fonts.mkdir()
    _fifo(fonts / "SIMFANG.TTF")
    (fonts / "zero.ttf").symlink_to("/dev/zero")
    project.mark()
    proc = run_docgen(["fonts"], project.root, memory=None, timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "  未使用 unused: fonts/SIMFANG.TTF: 不是普通文件，而是管道（FIFO） not a regular file: a FIFO (named pipe)" in lines
    assert "  未使用 unused: fonts/zero.ttf: 不是普通文件，而是设备文件 not a regular file: a device" in lines
    project.assert_untouched()
