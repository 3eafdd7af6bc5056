"""``docgen watch``: a save of the content re-renders the report; a mistake keeps the last good file.

Run as a real process, as a user runs it: the test edits the content file the way an
editor saves it (write a new file, rename it over the old one), waits for the .docx
to change, reads it, and stops the watcher with Ctrl-C (SIGINT).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.watch import changes, stamp
from helpers import CONTENT, REPORT_2020, ROOT, docx_paragraphs

DOCX = Path("out") / "2020" / f"{REPORT_2020}.docx"


def _save(path: Path, text: str) -> None:
    """As editors save: a new file renamed over the old one (a new inode)."""
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_changes_yields_first_everything_then_each_save(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.docx"
    a.write_text("1", encoding="utf-8")
    b.write_text("1", encoding="utf-8")
    script = iter([lambda: None, lambda: _save(a, "2"), lambda: None, lambda: (a.unlink()),
                   lambda: _save(a, "33"), lambda: b.write_text("22", encoding="utf-8")])
    steps = []

    def sleep(_):
        next(script, lambda: steps.append("end"))()

    seen = []
    for changed in changes([a, b], sleep=sleep, should_stop=lambda: "end" in steps):
        seen.append([p.name for p in changed])
    # the start; the save of a; a missing for a moment is not a change; its new version is; then b
    assert seen == [["a.yaml", "b.docx"], ["a.yaml"], ["a.yaml"], ["b.docx"]]
    assert stamp(tmp_path / "missing") is None


@pytest.fixture
def project(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def test_watch_rerenders_on_save_and_keeps_the_last_good_file(project):
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "docgen", "watch", "2020"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        docx = project / DOCX
        assert _wait_for(docx.is_file), "the first render did not happen"
        first = stamp(docx)
        content = project / "content" / "2020.yaml"
        text = content.read_text(encoding="utf-8")
        _save(content, text.replace("湖南省财政工作先进集体", "湖南省财政工作先进单位", 1))
        assert _wait_for(lambda: stamp(docx) != first), "a save did not re-render"
        assert _wait_for(lambda: any("湖南省财政工作先进单位" in p for p in docx_paragraphs(docx)))
        good = stamp(docx)
        _save(content, text.replace("basic: 2517.81", "basic: 2517.81万", 1))  # a mistake
        time.sleep(1.5)
        assert stamp(docx) == good  # the last good file stays, whole
        assert any("湖南省财政工作先进单位" in p for p in docx_paragraphs(docx))
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.count("已更新 updated") == 2
    assert "funds.basic" in err and "未更新" in err
    assert "已停止监视" in err and "Traceback" not in err
    assert not [p for p in (project / DOCX).parent.iterdir() if p.name.endswith(".tmp")]
