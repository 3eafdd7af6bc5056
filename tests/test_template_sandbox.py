"""Issue 15 §1: a template received from another office cannot run code or read files.

The attacks of the issue, typed into a copy of ``templates/report.docx`` (as a user
would type them in Word) and into ``templates/report.html``: each must stop the
render with exit code 3 and a message naming the template and the tag, run no
command (the command would create a file), copy no file into any output, and
leave everything outside the output folder as it was.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from docgen.errors import clip
from hostile import Project, first_error, run_docgen

HINT = ("    → 模板中只能使用 README“模板变量”一节列出的变量；删除这个标签。"
        "从其他单位收到的模板，使用前请检查其中所有 {{ … }} 和 {% … %} 标签。")


#: The tag the attacks replace: a printed paragraph's text, which every render reaches.
BODY_TAG = "{{ b.text }}"


def attacks(tmp_path: Path) -> list[tuple[str, str]]:
    """(tag, the attribute the sandbox refuses) — a command that would leave a file, a file read."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-7f3a9c", encoding="utf-8")
    marker = tmp_path / "command-ran"
    return [
        (f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}", "__init__"),
        (f"{{{{ lipsum.__globals__['__builtins__']['open']('{secret}').read() }}}}", "__globals__"),
        ("{{ body.append(body) }}", "append"),  # the immutable sandbox
    ]


def _assert_nothing_happened(tmp_path: Path, project: Project, proc) -> None:
    assert not (tmp_path / "command-ran").exists(), "the template ran a command"
    assert "SECRET-7f3a9c" not in proc.stdout + proc.stderr
    assert project.out_files() == []
    project.assert_untouched()


def _docx_with(template: Path, tag: str, target: Path) -> Path:
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert BODY_TAG in xml
                data = xml.replace(BODY_TAG, tag, 1).encode("utf-8")  # the first: 一、's heading
            dst.writestr(info, data)
    return target


@pytest.mark.parametrize("case", range(3), ids=["popen", "open", "append"])
def test_docx_template_cannot_run_code(tmp_path, case):
    tag, attr = attacks(tmp_path)[case]
    project = Project(tmp_path / "project")
    template = _docx_with(project.root / "templates" / "report.docx", tag, project.root / "别处的模板.docx")
    project.mark()
    proc = run_docgen(["render", "2020", "--template", "别处的模板.docx"], project.root)
    assert proc.returncode == 3, proc.stderr
    assert first_error(proc) == (
        f"别处的模板.docx: 错误 error: 模板 别处的模板.docx 的标签 {clip(tag)} 试图使用“{attr}”，已拒绝："
        f"模板不能执行命令、读取文件或改动内容。unsafe template tag refused ({attr})")
    assert proc.stderr.splitlines()[1] == HINT
    _assert_nothing_happened(tmp_path, project, proc)
    assert template.is_file()


@pytest.mark.pdf
@pytest.mark.parametrize("case", range(3), ids=["popen", "open", "append"])
def test_html_template_cannot_run_code(tmp_path, case):
    tag, attr = attacks(tmp_path)[case]
    project = Project(tmp_path / "project")
    html = project.root / "templates" / "report.html"
    lines = html.read_text(encoding="utf-8").split("\n")
    line = next(i for i, text in enumerate(lines, 1) if BODY_TAG in text)
    lines[line - 1] = lines[line - 1].replace(BODY_TAG, tag, 1)
    html.write_text("\n".join(lines), encoding="utf-8")
    project.mark()
    proc = run_docgen(["render", "2020", "--pdf"], project.root, memory=None)
    assert proc.returncode == 3, proc.stderr
    assert first_error(proc) == (
        f"templates/report.html:{line}: 错误 error: 模板 templates/report.html 的标签 {clip(tag)} 试图使用“{attr}”，"
        f"已拒绝：模板不能执行命令、读取文件或改动内容。unsafe template tag refused ({attr})")
    _assert_nothing_happened(tmp_path, project, proc)


def test_the_shipped_templates_render_in_the_sandbox(tmp_path):
    """The sandbox refuses nothing docgen's own template uses (loops, loop.index, filters)."""
    from helpers import CONTENT, TEMPLATE
    from docgen.context import jinja_env
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    assert isinstance(jinja_env(), ImmutableSandboxedEnvironment)
    shutil.copytree(CONTENT, tmp_path / "content")
    proc = run_docgen(["render", "2020", "--template", str(TEMPLATE)], tmp_path)
    assert proc.returncode == 0, proc.stderr


# ---------------------------------------------------------------- the bytecode cache

#: A call the sandbox refuses: its check (``environment.call``) is compiled into the template's code,
#: while attribute access is checked at run time either way.
UNSAFE = "{{ hook() }}"


def hook() -> str:
    return "CALLED"


hook.unsafe_callable = True  # Jinja's mark for what sandboxed code may not call


def test_html_template_compiled_without_the_sandbox_is_not_reused(tmp_path, monkeypatch):
    """Jinja compiles calls differently in a sandbox (``environment.call``): code a plain environment
    left in the on-disk cache (docgen before the sandbox; same template name, file and text) must
    not be loaded, or the sandbox is bypassed."""
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
    from jinja2.exceptions import SecurityError

    from docgen.pdf.template import html_template

    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "report.html").write_text(UNSAFE, encoding="utf-8")
    cache.mkdir(mode=0o700)
    plain = Environment(loader=FileSystemLoader(str(templates.resolve())),
                        bytecode_cache=FileSystemBytecodeCache(str(cache)))
    assert plain.get_template("report.html").render(hook=hook) == "CALLED"  # unsandboxed code, on disk
    assert list(cache.iterdir())
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(cache))
    with pytest.raises(SecurityError):
        html_template(templates).render(hook=hook)


def test_docx_part_compiled_without_the_sandbox_is_not_reused(tmp_path, monkeypatch):
    """The same for the parts docxtpl compiles from text (context.jinja_env().from_string), under the
    name docgen gave them before the sandbox."""
    import hashlib

    from jinja2 import Environment, FileSystemBytecodeCache
    from jinja2.exceptions import SecurityError

    from docgen.context import jinja_env

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    plain = Environment(autoescape=True, bytecode_cache=FileSystemBytecodeCache(str(cache)))
    digest = hashlib.sha256(UNSAFE.encode("utf-8")).hexdigest()
    name = f"docgen:_environment_class.<locals>.TemplateEnvironment:True:None:{digest}"
    bucket = plain.bytecode_cache.get_bucket(plain, name, None, UNSAFE)
    bucket.code = plain.compile(UNSAFE)
    plain.bytecode_cache.set_bucket(bucket)
    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(cache))
    env = jinja_env()
    assert env.bytecode_cache is not None
    with pytest.raises(SecurityError):
        env.from_string(UNSAFE).render(hook=hook)
