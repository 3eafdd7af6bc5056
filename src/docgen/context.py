"""What every template sees, and the Jinja environment both templates run in.

Templates travel between offices by e-mail and WeChat, so every template — .docx
and HTML, the office's or docgen's own — runs in Jinja's immutable sandbox
(:func:`jinja_env`): a tag such as ``{{ cycler.__init__.__globals__ }}`` cannot reach
Python's internals, run a command, read a file or change the content; the refusal
is a template error naming the template and the tag (:func:`unsafe_tag_error`).

The .docx template (docxtpl) and the HTML template of the PDF are two views of one
report, so they get one context, built here from a validated
:class:`~docgen.content.model.Report`: the title and its balanced lines, the
report's date, the funds sentence written from the figures, and the content
itself.  The model stays pure data; view data (line breaks, dates, sentences) is
made here, once, and the render stages only lay it out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from pathlib import Path
from typing import Any

from .attachment import attachment
from .body import printed_body
from .content.model import Report
from .errors import Diagnostic, DocgenError, EXIT_TEMPLATE, EXIT_USAGE, clip
from .titles import report_title_lines

#: The names a template may use (README "模板变量"); a misspelt one gets a "did you mean".
CONTEXT_NAMES = ("report", "title", "title_lines", "year", "unit", "author", "kind", "label", "front_matter",
                 "body", "signature", "self_evaluation")


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


def title_lines(report: Report) -> list[str]:
    """The title as printed: the author's lines, else the default title in balanced lines."""
    if report.title:
        return list(report.title)
    return report_title_lines(report.year, report.unit.name, tail=report.kind)


def template_context(report: Report) -> dict[str, Any]:
    """What the docx and HTML templates see (:data:`CONTEXT_NAMES`). Documented in README ("模板变量")."""
    context = {
        "report": report,
        "title": report.title_text,
        "title_lines": title_lines(report),
        "year": report.year,
        "unit": report.unit,
        "author": (report.unit.district or "") + report.unit.name,  # the documents' author property
        "kind": report.kind,
        "label": report.label,
        "front_matter": [f"{f.label}：{f.value}" for f in report.front_matter],
        "body": printed_body(report),
        "signature": list(report.signature),
        "self_evaluation": attachment(report),  # the 绩效自评表 (docgen.attachment), or None
    }
    assert tuple(context) == CONTEXT_NAMES
    return context


#: Templates compiled from text kept per environment: a .docx has a few parts, and
#: ``render --all`` or ``docgen watch`` renders the same parts again and again.
_COMPILED_MAX = 32


def _environment_class():
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class TemplateEnvironment(ImmutableSandboxedEnvironment):
        """Jinja's immutable sandbox, remembering what it compiled from a string.

        The sandbox refuses attributes that start with ``_`` (the way from ``cycler``
        or ``lipsum`` to ``os`` and ``open``), Python internals such as
        ``func_globals``, and methods that change a list or dict in place; such a tag
        raises :class:`jinja2.exceptions.SecurityError`.

        docxtpl compiles each part of the .docx (``from_string``) on every render —
        most of a warm .docx render.  The same text compiles to the same template, so
        the compiled one is kept in the process (bounded, most recent last) and, through
        Jinja's own bytecode cache, on disk for the next process (about 45 ms of a cold
        ``docgen render``).  The cache entry is named by the environment's settings and
        the text's hash; Jinja checks the text's checksum and its own and Python's
        versions before it uses an entry.
        """

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            cache = self.__dict__.setdefault("_compiled", {})
            template = cache.pop(source, None)
            if template is None:
                template = self._from_bytecode_cache(source)
            cache[source] = template
            while len(cache) > _COMPILED_MAX:
                del cache[next(iter(cache))]
            return template

        def _from_bytecode_cache(self, source: str):
            bcc = self.bytecode_cache
            if bcc is None:
                return super().from_string(source)
            finalize = getattr(self.finalize, "__qualname__", None)
            digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
            name = f"docgen:{type(self).__qualname__}:{self.autoescape}:{finalize}:{digest}"
            try:
                bucket = bcc.get_bucket(self, name, None, source)
            except OSError:
                return super().from_string(source)
            if bucket.code is None:
                bucket.code = self.compile(source)
                try:
                    bcc.set_bucket(bucket)
                except OSError:  # a full or read-only disk: the cache is only a speed-up
                    pass
            return self.template_class.from_code(self, bucket.code, self.make_globals(None), None)

    return TemplateEnvironment


#: The cache's file names: only code compiled in the sandbox is ever stored under them.  Jinja
#: compiles a call differently in a sandbox (``environment.call``, which refuses what may not be
#: called), so code a plain environment left in the same folder under Jinja's default names
#: (docgen before the sandbox, or any other program) must never be loaded.
_CACHE_PATTERN = "__docgen_sandboxed_%s.cache"


def _bytecode_cache():
    """Jinja's file cache of compiled templates: ``$DOCGEN_CACHE_DIR`` if set, else Jinja's own
    per-user folder in the temporary directory (created private, checked to be the user's)."""
    from jinja2 import FileSystemBytecodeCache

    folder = os.environ.get("DOCGEN_CACHE_DIR", "").strip()
    try:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
            return FileSystemBytecodeCache(folder, pattern=_CACHE_PATTERN)
        return FileSystemBytecodeCache(pattern=_CACHE_PATTERN)
    except (OSError, RuntimeError):  # no usable folder: compile every time
        return None


def jinja_env():
    """The Jinja environment of every template, .docx and HTML: sandboxed, strict undefined, autoescaping."""
    from jinja2 import StrictUndefined

    return _environment_class()(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True,
                                bytecode_cache=_bytecode_cache())


def unsafe_attribute(exc: Exception) -> str:
    """The attribute a :class:`~jinja2.exceptions.SecurityError` refused ('__globals__'), or ''."""
    m = re.search(r"attribute '([^']+)'", str(exc))
    return m.group(1) if m else ""


def unsafe_tag_error(template: str, exc: Exception, tags: list[str], line: int = 0) -> DocgenError:
    """A tag the sandbox refused, named with the template (``tags``: the candidate tags to quote)."""
    attr = unsafe_attribute(exc)
    if attr:
        pattern = re.compile(rf"(?<![\w]){re.escape(attr)}(?![\w])")
        tags = [t for t in tags if pattern.search(t)]
    tags = list(dict.fromkeys(tags))
    shown = "、".join(clip(t) for t in tags[:3])
    what = f"“{attr}”" if attr else "不安全的操作"
    message = (f"模板 {template} 的标签{' ' + shown + ' ' if shown else ''}试图使用{what}，已拒绝："
               f"模板不能执行命令、读取文件或改动内容。unsafe template tag refused ({attr or exc})")
    hint = ("模板中只能使用 README“模板变量”一节列出的变量；删除这个标签。"
            "从其他单位收到的模板，使用前请检查其中所有 {{ … }} 和 {% … %} 标签。")
    return DocgenError([Diagnostic(file=template, line=line, message=message, hint=hint)], EXIT_TEMPLATE)
