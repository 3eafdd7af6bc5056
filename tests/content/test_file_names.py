"""Issue 15 §5: nothing that goes into a file name can make it display as another name.

The case files ``tests/cases/schema_unit_name_bidi_override.yaml`` (U+202E),
``schema_unit_name_newline.yaml``, ``schema_unit_name_tab.yaml`` and
``schema_district_bidi_isolate.yaml`` give the exact messages of ``docgen check``;
here ``docgen render`` refuses the same names and writes no file at all.
"""

from __future__ import annotations

import pytest

from hostile import Project, first_error, run_docgen


@pytest.mark.parametrize("name, code, kind", [
    ("清水塘\u202ecod.exe街道", "202E", "双向文字控制符 bidi control"),
    ("清水塘\u2066街道", "2066", "双向文字控制符 bidi control"),
    ("清水塘\u200f街道", "200F", "从右至左标记 RLM"),
    ("清水塘\u2028街道", "2028", "行分隔符 line separator"),
])
def test_render_refuses_a_spoofing_unit_name_and_writes_nothing(tmp_path, name, code, kind):
    project = Project(tmp_path)
    content = tmp_path / "content" / "2020.yaml"
    text = content.read_text(encoding="utf-8")
    assert "  name: 清水塘街道" in text
    written = name.replace(chr(int(code, 16)), f"\\u{code}")  # a YAML escape in double quotes
    content.write_text(text.replace("  name: 清水塘街道", f'  name: "{written}"', 1), encoding="utf-8")
    line = next(n for n, t in enumerate(content.read_text(encoding="utf-8").split("\n"), 1)
                if t.startswith(f'  name: "{written}"'))
    project.mark()
    proc = run_docgen(["render", "2020"], tmp_path)
    assert proc.returncode == 1
    assert first_error(proc) == (
        f"content/2020.yaml:{line}:9: unit.name: 错误 error: 单位名称会用作文件名，不能含有{kind}（U+{code}，"
        "第 4 个字符）：它看不见，却会让文件名和标题显示成另一个样子或断成几行。"
        "control character in a name that goes into the file name")
    assert project.out_files() == []
    project.assert_untouched()
