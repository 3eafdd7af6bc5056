"""Issue 15 §8: the environment and standard output cannot turn a success into exit code 70.

* ``LC_ALL=C PYTHONUTF8=0``: Python would encode file names as ASCII, and
  ``2020年度…docx`` could not be created (exit 70 after all the checks);
* ``PYTHONIOENCODING=latin-1``: the files were written, then printing their
  Chinese names failed (exit 70);
* ``>/dev/full``: exit 70; it is exit 4 (output could not be written), with a message;
* ``| head -1``: exit 1, documented as content errors; it is 141 (128 + SIGPIPE), silent.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from helpers import REPORT_2020
from hostile import Project, docgen_cmd

DOCX = f"out/2020/{REPORT_2020}.docx"


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING", "PYTHONUTF8", "SOURCE_DATE_EPOCH"))}
    return {**env, **extra}


def run(args, cwd: Path, env: dict, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    return subprocess.run([*docgen_cmd(), *args], cwd=cwd, env=env, timeout=120, **kwargs)


def test_ascii_locale_still_writes_and_prints_chinese_file_names(tmp_path):
    project = Project(tmp_path)
    proc = run(["render", "2020"], tmp_path, _env(LC_ALL="C", PYTHONUTF8="0"))
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr
    assert proc.stdout.decode("utf-8") == DOCX + "\n"
    assert project.out_files() == [DOCX.removeprefix("out/")]
    project.assert_untouched()


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_an_output_encoding_without_chinese_gets_escapes_not_a_crash(tmp_path, encoding):
    project = Project(tmp_path)
    proc = run(["render", "2020"], tmp_path, _env(PYTHONIOENCODING=encoding))
    assert proc.returncode == 0, proc.stderr
    # latin-1: escapes; ASCII: click itself writes UTF-8 to a stream it calls misconfigured
    shown = DOCX.encode("ascii", "backslashreplace") if encoding == "latin-1" else DOCX.encode("utf-8")
    assert proc.stdout == shown + b"\n"
    assert b"Traceback" not in proc.stderr
    assert "警告".encode("unicode_escape") in proc.stderr or "警告".encode("utf-8") in proc.stderr
    assert project.out_files() == [DOCX.removeprefix("out/")]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_standard_output_is_exit_4_with_a_message(tmp_path):
    Project(tmp_path)
    with open("/dev/full", "w") as full:
        proc = run(["render", "2020"], tmp_path, _env(), stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert proc.returncode == 4
    assert proc.stderr.decode("utf-8").splitlines()[-1] == (
        "无法写出结果（标准输出）：No space left on device。cannot write to standard output")


@pytest.mark.parametrize("args", [["diff", "2020", "2020"], ["diff", "2020", "2020", "--format", "csv"],
                                  ["render", "2020"], ["check", "2020"]], ids=" ".join)
def test_a_reader_that_leaves_early_is_exit_141_and_silent(tmp_path, args):
    """What ``docgen diff 2020 2021 | head -1`` does: the pipe closes before docgen is done."""
    Project(tmp_path)
    proc = subprocess.Popen([*docgen_cmd(), *args], cwd=tmp_path, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader leaves before the first line
    err = proc.stderr.read().decode("utf-8")
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "internal error" not in err and "Broken pipe" not in err
