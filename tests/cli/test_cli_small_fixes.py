"""Issue 15 §10, the command line's smaller holes: years the model refuses, a hint for an option
``new`` has, an error that quotes a huge key (the content "file" that is a folder is in
tests/test_regular_files.py).  Every case runs the real ``docgen`` and checks the exact message,
the exit code, and that nothing outside the output folder changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import Project, first_error, run_docgen

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("args, param, year", [
    (["new", "2150", "--from", "2020"], "YEAR", 2150),   # `new 2150` succeeded, `check 2150` refused
    (["check", "2150"], "YEAR", 2150),
    (["render", "2101"], "[YEAR]", 2101),
    (["new", "2021", "--from", "1989"], "--from", 1989),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_the_command_line_accepts_the_years_the_model_accepts(tmp_path, args, param, year):
    project = Project(tmp_path)
    proc = run_docgen(args, tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '{param}': 年份 {year} 超出范围（1990–2100）。year out of range "
        "报告年度应在 1990 与 2100 之间，例如：docgen render 2020。")
    project.assert_untouched()


def test_new_force_over_a_folder_suggests_an_option_new_has(tmp_path):
    project = Project(tmp_path)
    (tmp_path / "content" / "2021.yaml").mkdir()
    project.mark()
    proc = run_docgen(["new", "2021", "--from", "2020", "--force"], tmp_path)
    assert proc.returncode == 4
    lines = proc.stderr.splitlines()
    assert lines[0] == "content/2021.yaml: 错误 error: 无法写入：content/2021.yaml 是一个文件夹。cannot write over a folder"
    assert lines[1] == "    → 删除或改名这个同名文件夹，或用 --content 指定其他内容文件夹。"
    assert "--out" not in proc.stderr
    project.assert_untouched()


def test_an_error_quotes_a_huge_key_once_and_short(tmp_path):
    project = Project(tmp_path)
    content = tmp_path / "content" / "2020.yaml"
    _edit(content, "year: 2020", "year: 2020\n? " + "键" * 300_000 + "\n: 1")
    assert len(content.read_bytes()) < 1_000_000
    line = next(n for n, text in enumerate(content.read_text(encoding="utf-8").split("\n"), 1) if text.startswith("? "))
    project.mark()
    proc = run_docgen(["check", "2020"], tmp_path)
    assert proc.returncode == 1
    shown = "键" * 39 + "…"
    assert first_error(proc) == f"content/2020.yaml:{line}:3: {shown}: 错误 error: 未知字段“{shown}”。unknown key"
    assert max(len(line) for line in proc.stderr.splitlines()) < 400
    project.assert_untouched()
