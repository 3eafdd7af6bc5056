"""Stage 4a — render the .docx: a :class:`~docgen.model.Report` through the docxtpl template.

Jinja runs with ``StrictUndefined`` (a field the template asks for but the
content lacks is an error, never a blank) and autoescaping (``&``, ``<`` and
quotes in content are XML-escaped, so they cannot corrupt ``document.xml``).
docxtpl turns a newline inside a value into a ``<w:br/>`` line break.

This module must stay light: it is the whole of ``docgen render`` without
``--pdf``, so it never imports WeasyPrint.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from .docx_runs import split_runs
from .errors import Diagnostic, DocgenError, EXIT_TEMPLATE, EXIT_USAGE
from .model import Report
from .write import deterministic_docx


def jinja_env():
    """The Jinja environment shared by the docx and HTML templates."""
    from jinja2 import Environment, StrictUndefined

    return Environment(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)


def _docx_finalize(value):
    """Escape every value for docxtpl, braces and percent signs included.

    docxtpl post-processes the rendered XML and turns ``{_{ }_} {_% %_}`` into
    ``{{ }} {% %}``, content included; numeric character references for ``{``,
    ``}`` and ``%`` survive that untouched and read back as the same characters.
    """
    from markupsafe import Markup, escape

    if isinstance(value, Markup):
        return value
    text = str(escape(value))
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;").replace("%", "&#37;"))


def docx_jinja_env():
    env = jinja_env()
    env.finalize = _docx_finalize
    return env


# Core properties that docxtpl renders through the (autoescaping) environment;
# python-docx escapes them again when it writes docProps/core.xml.
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


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


def document_date(year: int) -> dt.datetime:
    """The date stamped into a report's metadata (.docx and PDF): reproducible, never the wall clock.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) if set, else
    1 January of the year after the report's year, when such reports are written.
    Naive UTC.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise DocgenError.single(
                f"环境变量 SOURCE_DATE_EPOCH 应为整数秒数，当前为“{epoch}”。SOURCE_DATE_EPOCH must be an integer",
                exit_code=EXIT_USAGE, hint="例如 SOURCE_DATE_EPOCH=1609459200（2021-01-01），或删除该变量。") from None
    return dt.datetime(year + 1, 1, 1)


def render_docx(report: Report, template: Path) -> bytes:
    """Render ``report`` through ``template`` and return the finished, reproducible .docx bytes."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from .check import require_template

    data = load_template(template)
    require_template(template)  # broken tags docxtpl would silently swallow (see check_template)
    try:
        tpl = DocxTemplate(BytesIO(data))
        tpl.render(report.template_context(), jinja_env=docx_jinja_env(), autoescape=True)
        split_runs(tpl.docx)  # quotes and dots in the Chinese face, no break in "1-11月"
        props = tpl.docx.core_properties
        for name in _RENDERED_PROPERTIES:  # undo the first escaping: "A&amp;B" → "A&B"
            value = getattr(props, name)
            if value:
                setattr(props, name, html.unescape(value))
        stamp = document_date(report.year)
        props.created = stamp
        props.modified = stamp
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
    """Name the template, the tag and (for a syntax error) the text around it.

    Jinja's own line numbers count lines of docxtpl's pre-processed XML, which
    mean nothing to someone who edited the template in Word; so the tag is
    found again in the template's text and quoted, with a "did you mean".
    (:func:`docgen.check.check_template` finds unbalanced tags *before* docxtpl,
    whose pre-processing would otherwise swallow the paragraphs after them.)
    """
    from jinja2 import TemplateSyntaxError, UndefinedError

    from .check import TEMPLATE_TAG, broken_tag, template_paragraphs

    paragraphs = template_paragraphs(template)
    if isinstance(exc, UndefinedError):
        name, owner = _undefined_name(str(exc))
        pattern = re.compile(rf"(?<![\w]){re.escape(name)}(?![\w])")
        tags = list(dict.fromkeys(tag for _, text in paragraphs for tag in TEMPLATE_TAG.findall(text)
                                  if pattern.search(tag)))
        where = f"标签 {'、'.join(tags)} " if tags else ""
        message = (f"模板 {template} 的{where}使用了内容中没有的变量“{name}”。"
                   f"unknown variable '{name}' in template tag {tags[0] if tags else ''}".rstrip())
        close = _close_names(name, owner)
        hint = (f"是否想写“{close}”？" if close else "") + \
            "检查模板中 {{ … }} 标签的拼写；可用的变量见 README“模板变量”一节。"
    elif isinstance(exc, TemplateSyntaxError):
        culprit = _error_line(exc)
        tag = broken_tag(culprit) or next(
            (t for t in TEMPLATE_TAG.findall(culprit) if _mentions(t, exc.message)), "")
        message = f"模板 {template} 的标签有语法错误：{exc.message} broken template tag"
        if tag:
            message += f"：{tag}"
        if culprit:
            message += f"；所在段落：{culprit[:120]}"
        hint = "在 Word 中检查 {{ … }} 与 {% … %} 是否成对、完整（标签不能缺少括号，{% for %} 要有 {% endfor %}）。"
    else:
        message = f"模板 {template} 出错 template error: {exc}"
        hint = "用 `make template` 重新生成默认模板，再比较你的修改。"
    return DocgenError([Diagnostic(file=str(template), message=message, hint=hint)], EXIT_TEMPLATE)


def _mentions(tag: str, message: str | None) -> bool:
    words = re.findall(r"'([^']+)'", message or "")
    return any(w in tag for w in words)


def _error_line(exc) -> str:
    """The template paragraph Jinja stopped in (docxtpl puts each ``<w:p>`` on its own line)."""
    lines = list(getattr(exc, "docx_context", None) or [])
    exc.docx_context = lines  # docxtpl stores a one-shot ``map``
    lineno = getattr(exc, "lineno", None) or 0
    if lines and lineno:
        index = (lineno - 1) - max(lineno - 4, 0)
        if 0 <= index < len(lines) and lines[index].strip():
            return lines[index].strip()
    return " ".join(t.strip() for t in lines if t.strip())[:200]


def _undefined_name(message: str) -> tuple[str, str | None]:
    """'x' is undefined → (x, None); 'docgen.model.Overview object' has no attribute 'y' → (y, Overview)."""
    m = re.search(r"'([^']+)' has no attribute '([^']+)'", message)
    if m:
        owner = m.group(1).split()[0].rsplit(".", 1)[-1]
        return m.group(2), owner
    m = re.search(r"'([^']+)' is undefined", message)
    return (m.group(1) if m else message), None


def _close_names(name: str, owner: str | None) -> str | None:
    import difflib

    from . import model

    if owner is None:
        names = ["report", "title", "title_lines", "year", "unit", "overview", "funds",
                 "achievements", "other"]  # Report.template_context()
    else:
        cls = getattr(model, owner, None)
        if cls is None or not hasattr(cls, "model_fields"):
            return None
        names = list(cls.model_fields) + [n for n in dir(cls)
                                          if isinstance(getattr(cls, n, None), property)]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return close[0] if close else None
