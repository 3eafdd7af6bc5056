"""Stage 4a — render the .docx: a :class:`~docgen.model.Report` through the docxtpl template.

Jinja runs with ``StrictUndefined`` (a field the template asks for but the
content lacks is an error, never a blank) and autoescaping (``&``, ``<`` and
quotes in content are XML-escaped, so they cannot corrupt ``document.xml``).
docxtpl turns a newline inside a value into a ``<w:br/>`` line break.

This module must stay light: it is the whole of ``docgen render`` without
``--pdf``, so it never imports WeasyPrint.
"""

from __future__ import annotations

import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from .errors import Diagnostic, DocgenError, EXIT_TEMPLATE
from .model import Report
from .write import deterministic_docx


def jinja_env():
    """The Jinja environment shared by the docx and HTML templates."""
    from jinja2 import Environment, StrictUndefined

    return Environment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)


@lru_cache(maxsize=8)
def _template_bytes(path: str, mtime_ns: int) -> bytes:
    return Path(path).read_bytes()


def load_template(path: Path) -> bytes:
    """Read the template once per process (per worker for ``render --all``)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise DocgenError.single(
            f"找不到模板 template not found: {path}", file=str(path), exit_code=EXIT_TEMPLATE,
            hint="在项目目录中运行 docgen，或用 --template 指定 report.docx 的位置。") from None
    return _template_bytes(str(path), st.st_mtime_ns)


def render_docx(report: Report, template: Path) -> bytes:
    """Render ``report`` through ``template`` and return the finished, reproducible .docx bytes."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    data = load_template(template)
    try:
        tpl = DocxTemplate(BytesIO(data))
        tpl.render(report.template_context(), jinja_env=jinja_env(), autoescape=True)
        out = BytesIO()
        tpl.save(out)
    except TemplateError as exc:
        raise template_error(template, exc) from None
    except Exception as exc:  # a damaged template: not a zip, missing parts …
        if isinstance(exc, DocgenError):
            raise
        raise DocgenError.single(
            f"模板无法使用 template cannot be used: {type(exc).__name__}: {exc}",
            file=str(template), exit_code=EXIT_TEMPLATE,
            hint="用 Word 打开并另存为 .docx，或用 `make template` 重新生成默认模板。") from None
    return deterministic_docx(out.getvalue())


def template_error(template: Path, exc: Exception) -> DocgenError:
    """Name the template, the tag and (for a syntax error) the text around it."""
    from jinja2 import TemplateSyntaxError, UndefinedError

    context = ""
    ctx_lines = getattr(exc, "docx_context", None)
    if ctx_lines:
        context = " ".join(t.strip() for t in ctx_lines if t.strip())[:200]
    if isinstance(exc, UndefinedError):
        m = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", str(exc))
        name = ".".join(g for g in m.groups() if g) if m else str(exc)
        message = f"模板使用了内容中没有的变量“{name}”。unknown variable in template: {exc}"
        hint = "检查模板中 {{ … }} 标签的拼写；可用的变量见 README“模板变量”一节。"
    elif isinstance(exc, TemplateSyntaxError):
        message = f"模板标签有语法错误 broken template tag: {exc.message}"
        if context:
            message += f"；附近的文字：{context}"
        hint = "在 Word 中检查 {{ … }} 与 {% … %} 是否成对、完整（标签不能被拆开或缺少括号）。"
    else:
        message = f"模板出错 template error: {exc}"
        hint = ""
    return DocgenError([Diagnostic(file=str(template), message=message, hint=hint)], EXIT_TEMPLATE)
