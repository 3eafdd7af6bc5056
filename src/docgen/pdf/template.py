"""``templates/report.html`` as Jinja sees it: loaded from its folder, run in the sandbox, its errors placed.

The HTML template is untrusted input like the .docx one (templates travel between
offices): it runs in the same immutable sandbox (:func:`docgen.context.jinja_env`),
and :class:`TemplateLoader` reads it — and whatever it includes (``{% include %}``) — as
:mod:`docgen.inputs` reads every input: regular files inside the template's folder
only, never a FIFO, a device, a huge file, or a name that leads out of the folder.

A template error names the file it happened in and the line (:func:`template_error`):
the included file for a syntax error in it or a missing include, the innermost
template frame for a runtime error, and for a tag the sandbox refused, the tag.
No WeasyPrint here; :mod:`docgen.pdf.render` renders what this loads.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import BaseLoader, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from ..context import jinja_env, unsafe_tag_error
from ..docx.tags import TEMPLATE_TAG
from ..errors import DocgenError, EXIT_TEMPLATE
from ..inputs import read_regular

HTML_TEMPLATE = "report.html"
STYLESHEET = "report.css"
MAX_TEMPLATE_TEXT = 4_000_000  # report.html, report.css and what they include: a few kB each

_env_cache: dict[str, object] = {}


class TemplateLoader(BaseLoader):
    """Loads report.html (and what it includes) from its folder: regular files inside it only.

    Like Jinja's FileSystemLoader, but a template is read as :mod:`docgen.inputs`
    reads every input (never a FIFO, a device or a huge file), and a name that
    leads out of the folder (``..``, a symlink pointing elsewhere) is not found.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.root = self.folder.resolve()

    def get_source(self, environment, template):
        pieces = split_template_path(template)
        path = self.folder.joinpath(*pieces)
        try:
            inside = path.resolve().is_relative_to(self.root) and os.path.lexists(path)
        except (OSError, ValueError):
            inside = False
        if not inside:
            raise TemplateNotFound(template)
        data = read_regular(path, display=str(path), exit_code=EXIT_TEMPLATE, what="PDF 模板",
                            limit=MAX_TEMPLATE_TEXT, hint="PDF 模板只是几 KB 的 HTML；从项目仓库恢复 templates/。")
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise DocgenError.single(f"PDF 模板 {path} 不是 UTF-8 编码。template is not UTF-8",
                                     file=str(path), exit_code=EXIT_TEMPLATE,
                                     hint="用文本编辑器把它另存为 UTF-8。") from None
        mtime = os.stat(path).st_mtime_ns

        def uptodate() -> bool:
            try:
                return os.stat(path).st_mtime_ns == mtime
            except OSError:
                return False

        return source, str(self.root.joinpath(*pieces)), uptodate


def html_template(template_dir: Path):
    """The Jinja template report.html (sandboxed, strict, autoescaping); reloaded when a file changes."""
    key = str(template_dir.resolve())
    env = _env_cache.get(key)
    if env is None:
        env = jinja_env()
        env.loader = TemplateLoader(template_dir)
        _env_cache[key] = env
    return env.get_template(HTML_TEMPLATE)


def read_stylesheet(path: Path) -> str:
    """The text of report.css: a regular file of bounded size (decoded leniently, as CSS is)."""
    return read_regular(path, display=str(path), exit_code=EXIT_TEMPLATE, what="PDF 样式表",
                        limit=MAX_TEMPLATE_TEXT, hint="从项目仓库恢复 templates/report.css。"
                        ).decode("utf-8", "replace")


def _template_line(template_dir: Path, exc: Exception) -> tuple[Path, int]:
    """The template file (report.html or a file it includes) and line where ``exc`` happened."""
    root = template_dir.resolve()
    name = getattr(exc, "name", None) if getattr(exc, "lineno", None) else None
    where, line = template_dir / (name or HTML_TEMPLATE), getattr(exc, "lineno", None) or 0
    if line:  # a syntax error: Jinja knows the file and the line
        return where, line
    tb = exc.__traceback__
    while tb is not None:  # runtime errors: the innermost frame that is a template
        filename = Path(tb.tb_frame.f_code.co_filename)
        if filename.suffix != ".py" and filename.is_relative_to(root):
            where, line = template_dir / filename.relative_to(root), tb.tb_lineno
        tb = tb.tb_next
    return where, line


def template_error(template_dir: Path, exc: Exception) -> DocgenError:
    """A Jinja error of report.html (or a file it includes) as a template error (exit code 3)."""
    where, line = _template_line(template_dir, exc)
    if isinstance(exc, SecurityError):
        try:
            lines = read_regular(where, display=str(where), exit_code=EXIT_TEMPLATE, what="PDF 模板",
                                 limit=MAX_TEMPLATE_TEXT, hint="").decode("utf-8", "replace").split("\n")
        except (OSError, DocgenError):
            lines = []
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return unsafe_tag_error(str(where), exc, TEMPLATE_TAG.findall(text), line)
    if isinstance(exc, TemplateNotFound):
        message = (f"模板引用的文件“{exc.name}”不存在（{template_dir / str(exc.name)}）。"
                   f"included template not found: {exc.name}")
        hint = "检查 {% include %}、{% import %}、{% extends %} 中的文件名；被引用的文件要放在模板所在的文件夹中。"
    elif isinstance(exc, UndefinedError):
        message = f"模板使用了内容中没有的变量。unknown variable in template: {exc}"
        hint = "检查 {{ … }} 标签的拼写；可用的变量见 README“模板变量”一节。"
    elif isinstance(exc, TemplateSyntaxError):
        message = f"模板标签有语法错误 broken template tag: {exc.message}"
        hint = "检查 {{ … }} 与 {% … %} 是否成对、完整。"
    else:
        message, hint = f"模板出错 template error: {exc}", ""
    return DocgenError.single(message, file=str(where), line=line, exit_code=EXIT_TEMPLATE, hint=hint)
