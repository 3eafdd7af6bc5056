"""The template's tags: broken ones found before docxtpl sees them, and errors that name the tag.

A template is edited in Word by people who never saw Jinja.  Two things make a
mistake there hard to see, and this module answers both:

* docxtpl first joins the text between ``{{`` and the next ``}}`` *across
  paragraphs*, so an unclosed "{{ overview.basis }" silently swallows the
  paragraphs after it.  :func:`check_template` finds such tags paragraph by
  paragraph; :func:`require_template` refuses the template (exit 3) before a render.
* Jinja's own line numbers count lines of docxtpl's pre-processed XML, which mean
  nothing in Word; :func:`template_error` names the template, quotes the tag and the
  paragraph, and suggests the variable that was probably meant — or, for a tag the
  sandbox refused (``{{ cycler.__init__ }}``), names it as unsafe.

The template is read through :func:`docgen.docx.package.load_template` (a regular
file, every part inflated within bounds) and its numbers through
:func:`docgen.docx.styles.read_template`, so :func:`require_template` refuses a
damaged, oversized or out-of-range template before anything renders.
"""

from __future__ import annotations

import dataclasses
import difflib
import html
import re
import zipfile
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from ..body import Printed
from ..content import model
from ..context import CONTEXT_NAMES, unsafe_tag_error
from ..errors import Diagnostic, DocgenError, EXIT_TEMPLATE
from ..seam import docxtpl_error_lines
from .package import load_template
from .styles import read_template

#: A complete Jinja tag inside one paragraph of the template.
TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


def template_paragraphs(template: Path) -> list[tuple[str, str]]:
    """(part, text) of every paragraph (or metadata field) of a .docx template with a ``{`` or ``}``."""
    # load_template: a regular file whose every part inflated whole and small (docgen.docx.zipread)
    with zipfile.ZipFile(BytesIO(load_template(Path(template)))) as zf:
        parts = {n: zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                 if n.endswith(".xml") and not n.startswith("[")}
    out = []
    for name, xml in sorted(parts.items()):
        # docxtpl renders paragraphs of word/*.xml and the text of docProps/core.xml
        chunks = xml.split("</w:p>") if name.startswith("word/") else re.findall(r">([^<]*)<", xml)
        for chunk in chunks:
            text = html.unescape(re.sub(r"<[^>]+>", "", chunk)).strip()
            if "{" in text or "}" in text:
                out.append((name, text))
    return out


def broken_tag(text: str) -> str:
    """The unbalanced part of a paragraph: '{{ overview.basis }' → that, '' if all tags are whole."""
    rest = TEMPLATE_TAG.sub("\0", text)
    m = _DELIMITER.search(rest)
    if not m:
        return ""
    if m.group() in ("{{", "{%", "{#"):
        end = rest.find("\0", m.end())
        return rest[m.start():end if end != -1 else m.start() + 40].strip()
    start = rest.rfind("\0", 0, m.start()) + 1
    return rest[max(start, m.start() - 40):m.end()].strip()


def check_template(template: Path) -> list[Diagnostic]:
    """Tags that open and do not close in their paragraph (or close without opening).

    Jinja cannot see these: docxtpl first joins the text between ``{{`` and the
    next ``}}`` *across paragraphs*, so "{{ overview.basis }" silently swallows
    the paragraphs that follow and the report comes out with text missing.
    """
    diags = []
    for part, text in template_paragraphs(template):
        tag = broken_tag(text)
        if tag:
            where = " " if part == "word/document.xml" else f"（{part}）"
            diags.append(Diagnostic(
                str(template),
                message=f"模板 {template}{where}中的标签不完整：“{tag}”；所在段落：{text[:120]}。"
                        "broken template tag",
                hint="每个 {{ … }}、{% … %} 都要在同一段内成对闭合；在 Word 中补全括号，"
                     "或用 `make template` 重新生成默认模板。"))
    return diags


@lru_cache(maxsize=8)
def _check_template_version(template: Path, mtime_ns: int, size: int) -> tuple[Diagnostic, ...]:
    return tuple(check_template(template))


def require_template(template: Path) -> None:
    """Raise (exit code 3) if the template is not a usable .docx or has broken tags.

    A missing template is left to the renderer.  Checked once per version of the
    file (``render --all`` renders many years with one template).
    """
    try:
        st = Path(template).stat()
    except OSError:
        return
    load_template(Path(template))  # not a regular file, a zip bomb, damaged: exit code 3
    read_template(Path(template))  # numbers Word would never write (w:sz="inf"): exit code 3
    problems = list(_check_template_version(Path(template), st.st_mtime_ns, st.st_size))
    if problems:
        raise DocgenError(problems, EXIT_TEMPLATE)


def template_error(template: Path, exc: Exception) -> DocgenError:
    """Name the template, the tag and (for a syntax error) the text around it.

    Jinja's own line numbers count lines of docxtpl's pre-processed XML, which
    mean nothing to someone who edited the template in Word; so the tag is
    found again in the template's text and quoted, with a "did you mean".
    (:func:`check_template` finds unbalanced tags *before* docxtpl,
    whose pre-processing would otherwise swallow the paragraphs after them.)
    """
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    paragraphs = template_paragraphs(template)
    if isinstance(exc, SecurityError):
        tags = [tag for _, text in paragraphs for tag in TEMPLATE_TAG.findall(text)]
        return unsafe_tag_error(str(template), exc, tags)
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
    else:  # e.g. an unknown filter inside {% if %}, which Jinja reports only when it runs
        tags = list(dict.fromkeys(tag for _, text in paragraphs for tag in TEMPLATE_TAG.findall(text)
                                  if _mentions(tag, str(exc))))
        where = f" 的标签 {'、'.join(tags)} " if tags else " "
        message = f"模板 {template}{where}出错 template error: {exc}"
        hint = "用 `make template` 重新生成默认模板，再比较你的修改。"
    return DocgenError([Diagnostic(file=str(template), message=message, hint=hint)], EXIT_TEMPLATE)


def _mentions(tag: str, message: str | None) -> bool:
    words = re.findall(r"'([^']+)'", message or "")
    return any(w in tag for w in words)


def _error_line(exc) -> str:
    """The template paragraph Jinja stopped in (docxtpl puts each ``<w:p>`` on its own line)."""
    lines = docxtpl_error_lines(exc)
    lineno = getattr(exc, "lineno", None) or 0
    if lines and lineno:
        index = (lineno - 1) - max(lineno - 4, 0)
        if 0 <= index < len(lines) and lines[index].strip():
            return lines[index].strip()
    return " ".join(t.strip() for t in lines if t.strip())[:200]


def _undefined_name(message: str) -> tuple[str, str | None]:
    """'x' is undefined → (x, None); 'docgen.content.model.Overview object' has no attribute 'y' → (y, Overview)."""
    m = re.search(r"'([^']+)' has no attribute '([^']+)'", message)
    if m:
        owner = m.group(1).split()[0].rsplit(".", 1)[-1]
        return m.group(2), owner
    m = re.search(r"'([^']+)' is undefined", message)
    return (m.group(1) if m else message), None


def _close_names(name: str, owner: str | None) -> str | None:
    if owner is None:
        names = list(CONTEXT_NAMES)
    elif owner == Printed.__name__:  # an item of ``body``: {{ b.text }}
        names = [f.name for f in dataclasses.fields(Printed)]
    else:
        cls = getattr(model, owner, None)
        if cls is None or not hasattr(cls, "model_fields"):
            return None
        names = list(cls.model_fields) + [n for n in dir(cls)
                                          if isinstance(getattr(cls, n, None), property)]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return close[0] if close else None
