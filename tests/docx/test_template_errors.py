"""Issue 4 §5: a user-edited template with a broken tag or an unknown variable.

The broken templates are made here from a copy of templates/report.docx, by
editing its word/document.xml with zipfile — as a user would by retyping a tag
in Word.  Each must give exit code 3 and a message that names the template and
the tag; nothing is written.

An unbalanced tag ("{{ b.text }") is the dangerous one: Jinja never sees
it, because docxtpl first joins everything up to the next "}}" across
paragraphs, and the report comes out *without* the paragraphs in between.  So
``docgen render`` and ``docgen check`` lint the template first
(:func:`docgen.docx.tags.check_template`).
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import CONTENT, TEMPLATE
from docgen.docx.tags import check_template
from docgen.cli import cli


def broken_template(folder: Path, old: str, new: str, part: str = "word/document.xml") -> Path:
    target = folder / "我的模板.docx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == part:
                xml = data.decode("utf-8")
                assert xml.count(old) >= 1, old
                data = xml.replace(old, new, 1).encode("utf-8")
            dst.writestr(info, data)
    return target


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def render(project: Path, template: Path):
    result = CliRunner().invoke(cli, ["render", "2020", "--template", str(template)],
                                catch_exceptions=False)
    assert "Traceback" not in result.output
    assert not (project / "out").exists(), "nothing may be written"
    return result


def test_the_shipped_template_passes_the_lint():
    assert check_template(TEMPLATE) == []


@pytest.mark.parametrize("old, new, tag", [
    ("{{ b.text }}", "{{ b.text }", "{{ b.text }"),                              # one brace lost
    ("{{ b.text }}", "{{ b.text", "{{ b.text"),                                  # both lost
    ("{{ label }}", "label }}", "label }}"),                                     # opening lost
    ("{%p endfor %}", "{%p endfor", "{%p endfor"),                                # block tag
])
def test_unbalanced_tag_names_template_and_tag(project, old, new, tag):
    template = broken_template(project, old, new)
    result = render(project, template)
    assert result.exit_code == 3
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{template}: 错误 error: 模板 {template} 中的标签不完整：“{tag}”"), first
    check = CliRunner().invoke(cli, ["check", "2020", "--template", str(template)])
    assert check.exit_code == 3 and f"“{tag}”" in check.stderr


def test_unbalanced_tag_in_the_metadata_is_found_too(project):
    template = broken_template(project, "<dc:title>{{ title }}</dc:title>", "<dc:title>{{ title }</dc:title>",
                               part="docProps/core.xml")
    result = render(project, template)
    assert result.exit_code == 3
    assert "（docProps/core.xml）中的标签不完整：“{{ title }”" in result.stderr


@pytest.mark.parametrize("old, new, name, tag, meant", [
    ("{{ b.text }}", "{{ b.txt }}", "txt", "{{ b.txt }}", "text"),                 # a body item's field
    ("{{ title_lines|join('\\n') }}", "{{ title_line|join('\\n') }}", "title_line",
     "{{ title_line|join('\\n') }}", "title_lines"),                              # a context name
    ("{%p for b in body %}", "{%p for b in bdy %}", "bdy", "{%p for b in bdy %}", "body"),
])
def test_unknown_variable_names_template_tag_and_suggests(project, old, new, name, tag, meant):
    template = broken_template(project, old, new)
    result = render(project, template)
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{template}: 错误 error: 模板 {template} 的标签 {tag} 使用了内容中没有的变量“{name}”。"
                        f"unknown variable '{name}' in template tag {tag}")
    assert lines[1].strip().startswith(f"→ 是否想写“{meant}”？")


@pytest.mark.parametrize("old, new, words", [
    ("{%p endfor %}", "{%p endfo %}", ["unknown tag 'endfo'", "{% endfo %}"]),
    ("{{ title_lines|join('\\n') }}", "{{ title_lines|join('\\n')|nofilter }}",
     ["No filter named 'nofilter'", "{{ title_lines|join('\\n')|nofilter }}"]),
    ("{{ b.text }}", "{{ b..text }}", ["{{ b..text }}"]),
])
def test_jinja_syntax_error_names_template_and_tag(project, old, new, words):
    template = broken_template(project, old, new)
    result = render(project, template)
    assert result.exit_code == 3
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{template}: 错误 error: 模板 {template} 的标签有语法错误："), first
    for word in words:
        assert word in first, first


def test_unknown_filter_met_only_when_the_template_runs_names_the_tag(project):
    """Inside {% if %} (every body tag is) Jinja reports an unknown filter only at run time."""
    template = broken_template(project, "{{ b.text }}", "{{ b.text | nofilter }}")
    result = render(project, template)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"{template}: 错误 error: 模板 {template} 的标签 {{{{ b.text | nofilter }}}} 出错 template error: "
        "No filter named 'nofilter' found.")


def test_damaged_or_missing_template(project):
    damaged = project / "坏模板.docx"
    damaged.write_bytes(b"this is not a zip file")
    result = render(project, damaged)
    assert result.exit_code == 3 and "模板已损坏，无法使用" in result.stderr
    missing = render(project, project / "没有这个.docx")
    assert missing.exit_code == 3 and "找不到模板" in missing.stderr
