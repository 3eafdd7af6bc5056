"""Issue 4 §6: nothing lost — a failed or interrupted render leaves the earlier output intact.

Each test renders the 2020 report once (the "earlier output"), then makes a second
render fail or stop at a different moment: in the renderer, while the temporary
file is being written, at the final rename, and by a real Ctrl-C (SIGINT) sent to
a ``docgen`` process that is half-way through writing.  Afterwards the old .docx
must be byte-for-byte what it was, and no temporary file may be left behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CONTENT, REPORT_2020, ROOT
from docgen.cli import cli
from docgen.errors import EXIT_INTERRUPTED, EXIT_OUTPUT

OUT = Path("out") / "2020" / f"{REPORT_2020}.docx"


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["render", "2020"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return tmp_path


def snapshot(project: Path) -> dict[str, bytes]:
    """Every file under out/, with its bytes (temporary files included, if any)."""
    out = project / "out"
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def change_content(project: Path) -> None:
    """Make the second render produce a different document, so "unchanged" means something."""
    path = project / "content" / "2020.yaml"
    text = path.read_text(encoding="utf-8")
    honour = re.search(r"^( *- )湖南省财政工作先进集体\n", text, re.M)  # an item of the honours block
    assert honour, "the 2020 content lists 湖南省财政工作先进集体 among its honours"
    path.write_text(text[:honour.end()] + honour.group(1) + "新的荣誉\n" + text[honour.end():], encoding="utf-8")


def render_again(project: Path):
    change_content(project)
    return CliRunner().invoke(cli, ["render", "2020"], catch_exceptions=False)


def test_a_second_render_does_change_the_file(project):
    """The control: without a failure the file is replaced (so the tests below can fail)."""
    before = snapshot(project)
    assert render_again(project).exit_code == 0
    after = snapshot(project)
    assert list(after) == list(before) == [str(OUT.relative_to("out"))]
    assert after != before


def test_interrupted_while_rendering(project, monkeypatch):
    before = snapshot(project)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("docgen.pipeline.render_docx", interrupted)
    result = render_again(project)
    assert result.exit_code == EXIT_INTERRUPTED
    assert "已中断" in result.stderr and "Traceback" not in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize("stage", ["fsync", "replace"])
def test_interrupted_while_writing(project, monkeypatch, stage):
    """Ctrl-C after the temporary file got its bytes, before/at the rename over the old file."""
    before = snapshot(project)
    seen_tmp: list[str] = []
    real = getattr(os, stage)

    def interrupted(*args):
        seen_tmp.extend(p.name for p in (project / "out" / "2020").iterdir() if p.name.endswith(".tmp"))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, stage, lambda *a: interrupted(*a) if _ours(a, project) else real(*a))
    result = render_again(project)
    assert result.exit_code == EXIT_INTERRUPTED, result.output
    assert seen_tmp, "the temporary file existed when the interrupt came"
    assert snapshot(project) == before


def _ours(args, project: Path) -> bool:
    """Only the render's own write: a file descriptor, or a path under out/."""
    return isinstance(args[0], int) or str(project / "out") in str(args[0])


def test_write_error_leaves_old_file(project, monkeypatch):
    before = snapshot(project)
    real = os.replace

    def denied(src, dst):
        if _ours((src,), project):
            raise PermissionError(13, "Permission denied", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", denied)
    result = render_again(project)
    assert result.exit_code == EXIT_OUTPUT
    assert "无法写入" in result.stderr and "Traceback" not in result.output
    assert snapshot(project) == before


def test_failed_render_template_error_leaves_old_file(project):
    before = snapshot(project)
    template = project / "templates" / "report.docx"
    template.write_bytes(b"PK\x03\x04 not really a docx")
    result = render_again(project)
    assert result.exit_code == 3
    assert snapshot(project) == before


CHILD = textwrap.dedent("""
    import os, sys, time
    real_fsync = os.fsync

    def fsync(fd):          # the render's temp file has its bytes: stop here until Ctrl-C
        real_fsync(fd)
        print("READY", flush=True)
        time.sleep(120)

    os.fsync = fsync
    from docgen.cli import main
    sys.argv = ["docgen", "render", "2020"]
    main()
""")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_real_ctrl_c_mid_write(project):
    """A real SIGINT to a real process, sent when it is known to be half-way (no sleeps, no timing)."""
    before = snapshot(project)
    change_content(project)
    proc = subprocess.Popen([sys.executable, "-c", CHILD], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert proc.stdout.readline().strip() == "READY", proc.stderr.read()
        assert [p for p in (project / "out" / "2020").iterdir() if p.name.endswith(".tmp")]
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == EXIT_INTERRUPTED, stderr
    assert "已中断" in stderr and "Traceback" not in stderr
    assert stdout == ""  # no path printed: nothing new was written
    assert snapshot(project) == before
