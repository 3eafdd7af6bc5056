"""Stage 4a — render the .docx: a :class:`~docgen.content.model.Report` through the docxtpl template.

Jinja runs in its sandbox (:func:`docgen.context.jinja_env`: templates travel
between offices, and a tag such as ``{{ cycler.__init__.__globals__ }}`` must not
reach Python's internals, run a command or read a file), with ``StrictUndefined``
(a field the template asks for but the content lacks is an error, never a blank)
and autoescaping (``&``, ``<`` and quotes in content are XML-escaped, so they
cannot corrupt ``document.xml``).  docxtpl turns a newline inside a value into a
``<w:br/>`` line break.

The template file itself is untrusted input too: :func:`docgen.docx.package.load_template`
reads only a regular file of bounded size and inflates every part of it once,
counting bytes, before docxtpl sees it.

This module must stay light: it is the whole of ``docgen render`` without
``--pdf``, so it never imports WeasyPrint.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from ..content.model import Report
from ..attachment import attachment
from ..context import document_date, jinja_env, template_context
from ..errors import DocgenError, EXIT_TEMPLATE
from ..seam import load_docxtpl
from ..write import deterministic_docx
from .package import load_template
from .runs import split_runs
from .tables import TABLE_SEPARATOR, append_attachment, table_xml
from .tags import require_template, template_error


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


@lru_cache(maxsize=1)
def docx_jinja_env():
    """One environment per process for the .docx: what it compiled serves every later render."""
    env = jinja_env()
    env.finalize = _docx_finalize
    return env


# Core properties that docxtpl renders through the (autoescaping) environment;
# python-docx escapes them again when it writes docProps/core.xml.
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "keywords", "language", "subject", "title")


@dataclass(frozen=True)
class _DocxTable:
    """A table of the body as the template's ``{{p b.xml }}`` prints it: the ``w:tbl`` in place of the paragraph."""

    kind: str
    xml: object
    text: str = ""
    bold: bool = False


def word_context(report: Report) -> dict:
    """The templates' context, with each table of the body as its WordprocessingML.

    Two tables with nothing between them are one table to Word (it joins them): a
    table followed by another gets an empty paragraph after it, in single spacing.
    """
    from markupsafe import Markup

    context = template_context(report)
    body = context["body"]
    out = []
    for i, p in enumerate(body):
        if p.kind != "table":
            out.append(p)
            continue
        xml = table_xml(p.table)
        if i + 1 < len(body) and body[i + 1].kind == "table":
            xml += TABLE_SEPARATOR
        out.append(_DocxTable(p.kind, Markup(xml)))
    context["body"] = out
    return context


def render_docx(report: Report, template: Path) -> bytes:
    """Render ``report`` through ``template`` and return the finished, reproducible .docx bytes."""
    DocxTemplate = load_docxtpl().DocxTemplate  # version checked: docgen reads docxtpl's internals
    from jinja2 import TemplateError

    data = load_template(template)
    require_template(template)  # broken tags docxtpl would silently swallow (see check_template)
    try:
        tpl = DocxTemplate(BytesIO(data))
        context, env = word_context(report), docx_jinja_env()
        tpl.render(context, jinja_env=env, autoescape=True)
        props = tpl.docx.core_properties
        if props.keywords:  # docxtpl renders the other properties, not the keywords
            props.keywords = env.from_string(props.keywords).render(context)
        self_evaluation = attachment(report)
        if self_evaluation is not None:  # the 绩效自评表, in a section of its own after the report
            append_attachment(tpl.docx, self_evaluation)
        split_runs(tpl.docx)  # quotes and dots in the Chinese face, no break in "1-11月"
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
