"""What Jinja compiled from the template is kept on disk (Jinja's bytecode cache) and reused.

A cold ``docgen render`` compiles the parts of report.docx before it renders them;
the next process loads what the first compiled.  The cache is only a speed-up: the
rendered file is the same with it, without it, and when its folder cannot be written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from helpers import CONTENT, REPORT_2020, ROOT


def _render(project, out, env):
    result = subprocess.run([sys.executable, "-m", "docgen", "render", "2020", "--out", str(out)], cwd=project,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return (out / "2020" / f"{REPORT_2020}.docx").read_bytes()


def test_a_second_process_reuses_what_the_first_compiled(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(CONTENT, project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    cache = tmp_path / "cache"
    env = dict(os.environ, DOCGEN_CACHE_DIR=str(cache))
    env.pop("SOURCE_DATE_EPOCH", None)
    first = _render(project, tmp_path / "a", env)
    entries = sorted(cache.iterdir())
    assert entries and all(p.name.endswith(".cache") for p in entries)
    stamps = {p.name: p.stat().st_mtime_ns for p in entries}
    second = _render(project, tmp_path / "b", env)
    assert second == first
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps  # read, not rewritten

    # an unusable cache folder (a file in the way) only means compiling every time
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    third = _render(project, tmp_path / "c", dict(env, DOCGEN_CACHE_DIR=str(blocked / "x")))
    assert third == first
