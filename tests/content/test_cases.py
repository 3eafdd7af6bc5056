"""Issue 4 §1–3, §7: every bad input in ``tests/cases/`` gives the message it must give.

One file per bad input, in the style of black's ``tests/data/cases``: the case is
a content file, and its header comments say what ``docgen check 2021`` must
answer (a sibling ``NAME.expected`` holds them when the file cannot carry
comments — empty, GBK, UTF-16)::

    # 金额写成“一百万”                 ← what the case is about
    # exit: 1                          ← the exit code
    # args: --strict                   ← extra arguments (optional)
    # expect: content/2021.yaml:26:10: funds.basic: 错误 error: 金额必须写成阿拉伯数字
    # hint: 应写成                      ← text that must appear in a "→" hint line

Each ``expect`` is the start of one output line (the English tail may follow).
The diagnostics printed are exactly the expected ones: no more, no fewer, and
in file order.  Line numbers count the header, as an editor would.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import cli
from docgen.content.load import MAX_BYTES
from helpers import CASES

DIAGNOSTIC = re.compile(r"^content/2021\.yaml[:\s]")


def _spec(case: Path) -> dict:
    source = case.with_suffix(".expected")
    text = (source if source.exists() else case).read_bytes().decode("utf-8")
    spec = {"exit": None, "args": [], "expect": [], "hint": []}
    for line in text.splitlines():
        m = re.match(r"# (exit|args|expect|hint): (.*)$", line)
        if not m:
            continue
        key, value = m.groups()
        if key == "exit":
            spec["exit"] = int(value)
        elif key == "args":
            spec["args"] = value.split()
        else:
            spec[key].append(value)
    assert spec["exit"] is not None, f"{case.name}: no '# exit:' line"
    return spec


def run_check(project: Path, content: bytes, args: list[str], monkeypatch) -> tuple[int, str]:
    (project / "content").mkdir(exist_ok=True)
    (project / "content" / "2021.yaml").write_bytes(content)
    monkeypatch.chdir(project)
    # catch_exceptions=False: an exception inside docgen fails the test instead of hiding in
    # result.exception — no bad input may end in a traceback.
    result = CliRunner().invoke(cli, ["check", "2021", *args], catch_exceptions=False)
    return result.exit_code, result.stderr + result.stdout


CASE_FILES = sorted(CASES.glob("*.yaml"))


def test_there_is_a_case_for_each_kind_of_bad_input():
    names = {c.stem for c in CASE_FILES}
    assert len(names) >= 45
    for prefix in ("schema_", "yaml_", "encoding_", "check_", "todo_", "text_"):
        assert any(n.startswith(prefix) for n in names), prefix


@pytest.mark.parametrize("case", CASE_FILES, ids=[c.stem for c in CASE_FILES])
def test_case(case: Path, tmp_path, monkeypatch):
    spec = _spec(case)
    code, output = run_check(tmp_path, case.read_bytes(), spec["args"], monkeypatch)
    lines = output.splitlines()
    assert "Traceback" not in output
    assert code == spec["exit"], output

    printed = [line for line in lines if DIAGNOSTIC.match(line) and not line.endswith("检查通过 OK")
               and "检查通过（" not in line]
    expected = [e for e in spec["expect"] if e.startswith("content/")]
    assert len(printed) == len(expected), "\n".join(["expected:", *expected, "printed:", *printed])
    for want, got in zip(expected, printed):
        assert got.startswith(want), f"\nwant: {want}\ngot:  {got}"
    for want in spec["expect"]:
        if not want.startswith("content/"):
            assert any(want in line for line in lines), want
    hints = [line for line in lines if line.lstrip().startswith("→")]
    for want in spec["hint"]:
        assert any(want in h for h in hints), f"hint {want!r} not in {hints}"
    if code == 0:
        assert lines[-1].startswith("content/2021.yaml: 检查通过"), output


def test_oversize_file_is_refused_before_parsing(tmp_path, monkeypatch):
    """Generated, not stored: a content file over the size limit (a few MB pasted by mistake)."""
    big = ("year: 2021\n# " + "很长的注释" * (MAX_BYTES // 10) + "\n").encode("utf-8")
    assert len(big) > MAX_BYTES
    code, output = run_check(tmp_path, big, [], monkeypatch)
    assert code == 1
    assert output.splitlines()[0].startswith(
        f"content/2021.yaml: 错误 error: 文件太大（{len(big)} 字节，上限 {MAX_BYTES} 字节）")


def test_cases_through_the_real_console_script(tmp_path):
    """The installed ``docgen`` program (not CliRunner): same answers, no traceback, exit codes."""
    import subprocess
    import sys

    for name in ("encoding_gbk", "yaml_billion_laughs", "yaml_python_tag", "schema_all_errors_at_once"):
        case = CASES / f"{name}.yaml"
        spec = _spec(case)
        project = tmp_path / name
        (project / "content").mkdir(parents=True)
        shutil.copy(case, project / "content" / "2021.yaml")
        proc = subprocess.run([sys.executable, "-m", "docgen", "check", "2021"], cwd=project,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert proc.returncode == spec["exit"], proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        first = [e for e in spec["expect"] if e.startswith("content/")][0]
        assert any(line.startswith(first) for line in proc.stderr.splitlines()), proc.stderr
