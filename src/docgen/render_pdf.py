"""Stage 4b — the PDF: a :class:`~docgen.model.Report` through ``templates/report.html`` + ``.css``.

The same content model and wording as the .docx, laid out by WeasyPrint to the
official geometry (``shared/design/layout.md``).  Why each piece is here:

* **Caches.**  Importing WeasyPrint and loading fonts is most of the cost of a PDF,
  and ``render --all`` renders many reports in one process.  So one
  ``FontConfiguration`` per process (per set of office fonts), and the compiled
  stylesheet, the ``@font-face`` rules of the office's fonts and the Jinja template
  are cached (keyed by file version, so an edited template is picked up).
* **Safety.**  :class:`SafeFetcher` lets WeasyPrint read only files under
  ``templates/`` and the font folders, and ``data:`` URLs.  Anything else — the
  network, ``file:///etc/passwd`` — stops the render with an error naming the URL.
  Content is autoescaped, so text in ``content/<year>.yaml`` can never become markup.
* **Reproducible.**  Creation and modification dates come from ``SOURCE_DATE_EPOCH``
  or else 1 January of the year after the report's year; WeasyPrint's file
  identifier (PDF/A) is a hash of the content.  Same content → same bytes.
* **Chinese justification.**  WeasyPrint justifies by widening spaces only, and
  Chinese has none, so lines ending early (a comma may not start a line, digits are
  half-width) would leave ragged right edges.  :func:`_justify_line` spreads the
  remaining width over the gaps between characters, as Word does, for ``lang="zh-*"``.
* **Latin font, exact lines, the .docx's line breaks.**  :func:`wrap_text` wraps the
  rendered body text in spans, so digits and Latin letters get Times New Roman and
  every line keeps the exact 28.95 pt pitch whatever fonts it mixes; template authors
  write plain text.  The spans carry the gaps LibreOffice puts into the .docx
  (:mod:`docgen.cjk_runs`), so that both break their lines at the same places.
* **Tagged.**  Every PDF has a structure tree (WeasyPrint's ``pdf_tags``), the page
  numbers are pagination artifacts (:mod:`docgen.pdf_tagging`).
* **A restyled report.docx.**  Users restyle the .docx template in Word; given it
  (``docx_template``), :func:`restyle_css` adds CSS after report.css for the styles
  whose font, size, bold, alignment or first-line indent differ from docgen's own
  (read by :mod:`docgen.docx_styles`).  The page and the line grid stay; what the
  PDF cannot follow is listed by :func:`docgen.docx_styles.pdf_style_differences`.
"""

from __future__ import annotations

import mimetypes
import os
import re
import sys
import warnings
from contextlib import contextmanager
from functools import lru_cache
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname


@contextmanager
def _quick_find_library():
    """Make WeasyPrint's import 0.3–0.4 s faster on Linux (~0.85 → ~0.5 s): read ldconfig's cache once.

    WeasyPrint tries several names per library ("libgobject-2.0-0", "gobject-2.0-0",
    "gobject-2.0" …) and cffi hands each failing name to ``ctypes.util.find_library``,
    which runs ``ldconfig -p`` and then gcc and ld as subprocesses: up to ~40 ms per
    miss, about 25 misses per import.  During the import only, ``find_library`` answers from
    one ``ldconfig -p`` listing (the same regular expression as ctypes) and from
    ``LD_LIBRARY_PATH``; where ldconfig is missing, nothing changes.
    """
    import ctypes.util
    import glob
    import struct
    import subprocess

    original = ctypes.util.find_library
    ldconfig = next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None)
    if sys.platform != "linux" or ldconfig is None:
        yield
        return
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, timeout=10, check=True,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        yield
        return
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
    # "\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0"
    sonames = [m.group(1) for m in re.finditer(r"^\s+(\S+)\s+\(([^)]*)\)", listing, re.M)
               if m.group(2).startswith(abi)]

    def find_library(name):
        prefix = f"lib{name}."
        for soname in sonames:
            if soname.startswith(prefix):
                return soname
        for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(":")):
            hits = sorted(glob.glob(os.path.join(glob.escape(folder), f"lib{glob.escape(name)}.so*")))
            if hits:
                return os.path.basename(hits[0])
        return None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


with _quick_find_library():
    import weasyprint  # noqa: F401  (loads pango, harfbuzz, fontconfig through cffi)

from markupsafe import escape  # as Jinja escapes it: &#34; &#39;
from weasyprint import CSS, HTML
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline as _inline
from weasyprint.pdf import VARIANTS as _WEASYPRINT_VARIANTS
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import can_break_text as _can_break_text
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from .cjk_runs import AUTOSPACE, LATIN, portions, quote_breaks
from .docx_styles import StyleProps, default_styles, pdf_style_differences, read_template  # noqa: F401
from .errors import DocgenError, EXIT_TEMPLATE, EXIT_USAGE
from .fonts import (FontScan, css_font_family, font_dirs_for, font_face_css, font_family_list, font_kind,
                    scan_font_dirs)
from .model import Report
from .pdf_tagging import mark_page_numbers_as_artifacts

HTML_TEMPLATE = "report.html"
STYLESHEET = "report.css"

#: ``--pdf-variant`` values: WeasyPrint's PDF/A and PDF/UA variants.
VARIANTS = tuple(sorted(_WEASYPRINT_VARIANTS))


# ---------------------------------------------------------------- safety


class BlockedURL(Exception):
    """A URL the report may not load (network, or a file outside templates/ and the font folders)."""


class SafeFetcher(URLFetcher):
    """WeasyPrint's fetcher, restricted to ``data:`` URLs and files under ``roots``.

    ``fail_on_errors`` makes any refusal stop the render (WeasyPrint would
    otherwise log a warning and leave the image out).
    """

    def __init__(self, roots: list[Path]):
        super().__init__(fail_on_errors=True, allowed_protocols={"data", "file"})
        self.roots = [Path(r).resolve() for r in roots]

    def allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
            return path
        return None

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.allowed_path(url)
        if path is None:
            raise BlockedURL(url)
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": ctype})


# ---------------------------------------------------------------- caches

_font_configs: dict[str, FontConfiguration] = {}
_css_cache: dict[tuple, CSS] = {}
_env_cache: dict[str, object] = {}


def font_config(faces: str = "") -> FontConfiguration:
    """The process's FontConfiguration for a set of office fonts (``faces``: their @font-face CSS).

    Creating one sets up fontconfig and copies each @font-face file, so it is made
    once per process and shared by every report.  Reports with other office fonts
    (another ``--fonts``) get their own, so an office font never leaks into a
    report that did not ask for it.
    """
    if faces not in _font_configs:
        _font_configs[faces] = FontConfiguration()
    return _font_configs[faces]


def _file_key(path: Path) -> tuple:
    st = path.stat()
    return (str(path.resolve()), st.st_mtime_ns, st.st_size)


def _stylesheets(template_dir: Path, scan: FontScan, fetcher: SafeFetcher,
                 extra_css: str = "") -> tuple[FontConfiguration, list[CSS]]:
    """The font configuration and compiled stylesheets: report.css, the office's @font-face rules, ``extra_css``."""
    path = template_dir / STYLESHEET
    faces = font_face_css(scan)
    config = font_config(faces)
    try:
        key = ("css", faces, *_file_key(path))
    except FileNotFoundError:
        raise DocgenError.single(
            f"找不到 PDF 样式表 stylesheet not found: {path}", file=str(path), exit_code=EXIT_TEMPLATE,
            hint="PDF 需要 templates/report.html 和 templates/report.css；从项目仓库恢复这两个文件。") from None
    if key not in _css_cache:
        _css_cache[key] = CSS(string=path.read_text(encoding="utf-8"), base_url=path.resolve().as_uri(),
                              url_fetcher=fetcher, font_config=config)
    sheets = [_css_cache[key]]
    if faces:
        face_key = ("faces", faces)
        if face_key not in _css_cache:
            _css_cache[face_key] = CSS(string=faces, url_fetcher=fetcher, font_config=config)
        sheets.append(_css_cache[face_key])
    if extra_css:
        extra_key = ("extra", faces, extra_css)
        if extra_key not in _css_cache:
            _css_cache[extra_key] = CSS(string=extra_css, url_fetcher=fetcher, font_config=config)
        sheets.append(_css_cache[extra_key])
    return config, sheets


def _template(template_dir: Path):
    """The Jinja template (StrictUndefined + autoescape); Jinja reloads it when the file changes."""
    from jinja2 import FileSystemLoader

    from .render_docx import jinja_env

    key = str(template_dir.resolve())
    env = _env_cache.get(key)
    if env is None:
        env = jinja_env()
        env.loader = FileSystemLoader(key)
        _env_cache[key] = env
    return env.get_template(HTML_TEMPLATE)


# ---------------------------------------------------------------- HTML

_TEXT = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)?([^<>]*)>([^<]+)(?=<)")
_RAW_TEXT = {"style", "script", "title", "textarea"}


def wrap_text(html: str) -> str:
    """Wrap the body's text in spans, one per portion of :func:`docgen.cjk_runs.portions`.

    ``<span class="latin">`` for Latin text (Times New Roman, the .docx's ``w:ascii``
    font), ``<span class="zh">`` for the rest, so template authors need not mark
    digits.  The stylesheet gives these spans no line height of their own, so every
    line is exactly the paragraph's 28.95 pt strut even when it mixes fonts whose
    ascent and descent differ (Times New Roman digits, the face that supplies ㎡):
    that is what keeps 22 lines on a page.

    And they space the text as LibreOffice spaces the .docx, so that both break their
    lines alike (:func:`portion_spans`).  Only text between tags is touched (never
    tags, attributes, or the text of <style>/<script>); entities are decoded first
    and written again.
    """
    start = html.find("<body")
    if start < 0:
        return html

    def text(m: re.Match) -> str:
        closing, tag, segment = m.group(1), (m.group(2) or "").lower(), m.group(4)
        if not segment.strip() or (tag in _RAW_TEXT and not closing):
            return m.group(0)
        return m.group(0)[:-len(segment)] + portion_spans(unescape(segment))

    return html[:start] + _TEXT.sub(text, html[start:])


def portion_spans(text: str) -> str:
    """The spans of :func:`wrap_text` for one stretch of text (not yet escaped).

    LibreOffice adds no letter spacing after the last character of a portion, and
    puts 1/5 of the font size between an Asian and a Latin letter or digit
    (:mod:`docgen.cjk_runs`); a portion that ends a line gets neither.  So between two
    portions comes their gap, and where a line may break there it is a *space*,
    which vanishes at the end of a line: ``<span class="sp"> </span>`` (0.25 pt: the
    letter spacing given back) or ``<span class="as"> </span>`` (that plus the
    Asian/Latin gap), hidden, so it is never drawn or extracted.  Where no line may
    break, the gap is the earlier span's margin (class ``pe``, ``pk``).  report.css
    holds the widths, and takes the last character's spacing of each line back from
    the line's width (``margin-right`` of the paragraph).  Where a quote allows a
    break that UAX #14 does not (:func:`docgen.cjk_runs.quote_breaks`), the space
    makes one.
    """
    breaks = set(quote_breaks(text))
    parts = portions(text)
    out = []
    at = 0
    for i, portion in enumerate(parts):
        kind = "latin" if portion.script == LATIN and not portion.east_asian_font else "zh"
        body = escape(portion.text)
        at += len(portion.text)
        if portion.last:
            out.append(f'<span class="{kind}">{body}</span>')
        elif at in breaks or _can_break(portion.text[-1] + parts[i + 1].text[0]):
            gap = "as" if portion.autospace else "sp"
            out.append(f'<span class="{kind}">{body}</span><span class="{gap}"> </span>')
        else:
            out.append(f'<span class="{kind} {"pk" if portion.autospace else "pe"}">{body}</span>')
    return "".join(out)


@lru_cache(maxsize=4096)
def _can_break(pair: str) -> bool:
    """Whether WeasyPrint's line breaker (Pango, UAX #14) may break between two characters."""
    return bool(_can_break_text(pair, "zh-CN"))


def pdf_date(report: Report) -> str:
    """Creation date (W3C format), the same as the .docx's (:func:`docgen.render_docx.document_date`)."""
    from .render_docx import document_date

    return document_date(report.year).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_html(report: Report, template_dir: Path) -> str:
    """The report as HTML (what WeasyPrint lays out), from the same context as the .docx."""
    from jinja2 import TemplateError, TemplateNotFound

    path = template_dir / HTML_TEMPLATE
    try:
        context = dict(report.template_context(), pdf_date=pdf_date(report))
        html = _template(template_dir).render(context)
    except TemplateNotFound:
        raise DocgenError.single(
            f"找不到 PDF 模板 template not found: {path}", file=str(path), exit_code=EXIT_TEMPLATE,
            hint="PDF 需要 templates/report.html 和 templates/report.css；从项目仓库恢复这两个文件。") from None
    except TemplateError as exc:
        raise _template_error(path, exc) from None
    return wrap_text(html)


def _template_error(path: Path, exc: Exception) -> DocgenError:
    from jinja2 import TemplateSyntaxError, UndefinedError

    line = getattr(exc, "lineno", None) or 0
    if not line:  # an undefined variable: find the template's line in the traceback
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == str(path.resolve()):
                line = tb.tb_lineno
            tb = tb.tb_next
    if isinstance(exc, UndefinedError):
        message = f"模板使用了内容中没有的变量。unknown variable in template: {exc}"
        hint = "检查 {{ … }} 标签的拼写；可用的变量见 README“模板变量”一节。"
    elif isinstance(exc, TemplateSyntaxError):
        message = f"模板标签有语法错误 broken template tag: {exc.message}"
        hint = "检查 {{ … }} 与 {% … %} 是否成对、完整。"
    else:
        message, hint = f"模板出错 template error: {exc}", ""
    return DocgenError.single(message, file=str(path), line=line, exit_code=EXIT_TEMPLATE, hint=hint)


# ---------------------------------------------------------------- layout


def _variant(variant: str | None) -> str | None:
    if not variant:
        return None
    name = variant.strip().lower()
    if name not in VARIANTS:
        raise DocgenError.single(
            f"不支持的 PDF 变体 unknown PDF variant: {variant}", field="--pdf-variant", exit_code=EXIT_USAGE,
            hint="可用 available: " + ", ".join(VARIANTS) + "（归档用 pdf/a-3b）")
    return name


def check_font_dirs(font_dirs: list[Path] | None) -> None:
    """``--fonts`` folders must exist: a typo must not silently fall back to stand-ins."""
    for d in font_dirs or []:
        if not Path(d).is_dir():
            raise DocgenError.single(
                f"字体文件夹不存在 font folder not found: {d}", field="--fonts", exit_code=EXIT_USAGE,
                hint="--fonts 后写存放单位字体文件（.ttf/.otf/.ttc）的文件夹。")


def _document(html: str, template_dir: Path, font_dirs: list[Path] | None, extra_css: str = "",
              docx_template: Path | None = None, **options):
    """Lay out ``html`` with the cached stylesheets and fonts; only allowed files may be read.

    With ``docx_template``, the CSS of its restyled styles (:func:`restyle_css`)
    comes after report.css and the office's fonts, then ``extra_css``.
    """
    template_dir = Path(template_dir)
    check_font_dirs(font_dirs)
    dirs = font_dirs_for(template_dir, font_dirs)
    scan = scan_font_dirs(dirs)
    if docx_template is not None:
        extra_css = restyle_css(docx_template, frozenset(f.role.face_family for f in scan.fonts)) + extra_css
    fetcher = SafeFetcher([template_dir, *dirs])
    try:
        config, sheets = _stylesheets(template_dir, scan, fetcher, extra_css)
        base_url = template_dir.resolve().as_uri() + "/"
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=config, **options)
    except FatalURLFetchingError as exc:
        url = exc.__cause__.args[0] if isinstance(exc.__cause__, BlockedURL) else str(exc)
        raise DocgenError.single(
            f"模板引用了不允许读取的地址 forbidden URL in template: {url}",
            file=str(template_dir / HTML_TEMPLATE), exit_code=EXIT_TEMPLATE,
            hint="PDF 只能使用 templates/ 和字体文件夹中的文件（以及 data: 地址），不能访问网络或其他文件。") from None


def render_pdf(report: Report, *, template_dir: Path, variant: str | None = None,
               font_dirs: list[Path] | None = None, docx_template: Path | None = None) -> bytes:
    """Render ``report`` to PDF bytes (``variant`` e.g. ``"pdf/a-3b"``; ``font_dirs`` before fonts/).

    ``docx_template``: the .docx template of the same render; where its styles were
    restyled, the PDF follows their fonts, sizes, bold, alignment and first-line
    indent (:func:`restyle_css`).  What it cannot follow: :func:`pdf_style_differences`.
    """
    template_dir = Path(template_dir)
    options = {"pdf_variant": _variant(variant), "pdf_tags": True}  # accessible: docgen.pdf_tagging
    html = render_html(report, template_dir)
    document = _document(html, template_dir, font_dirs, docx_template=docx_template, **options)
    mark_page_numbers_as_artifacts(document)
    with warnings.catch_warnings():
        # WeasyPrint 70 opens its sRGB profile (the PDF/A output intent) and leaves
        # the file to the garbage collector: a ResourceWarning, nothing wrong.
        warnings.simplefilter("ignore", ResourceWarning)
        return document.write_pdf(**options)


def render_probe(fragment: str, *, template_dir: Path, font_dirs: list[Path] | None = None,
                 page_numbers: bool = False, docx_template: Path | None = None) -> list[tuple[str, bool, str]]:
    """Lay out ``fragment`` like the report and return ``(family, bold, characters)`` of each face embedded.

    Used by ``docgen fonts``: the faces are read from WeasyPrint's own font
    objects after it has written the PDF, so they are what a report would embed.
    """
    html = wrap_text(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head>'
                      f"<body>{fragment}</body></html>")
    extra = "" if page_numbers else (
        "@page :left { @bottom-left { content: none } } @page :right { @bottom-right { content: none } }")
    document = _document(html, Path(template_dir), font_dirs, extra, docx_template=docx_template)
    document.write_pdf()
    used = []
    for font in document.fonts.values():
        chars = "".join(sorted(set("".join(font.to_unicode.values())) - {" "}))
        used.append((font.family, font.weight >= 600, chars))
    return sorted(used, key=lambda u: (-len(u[2]), u[0]))


# ---------------------------------------------------------------- a restyled .docx template

#: Where each style of the .docx (keys of docx_styles.PDF_ROLES) is in report.html, and the
#: kind of font report.css gives it (fonts.FONT_KINDS).  Page numbers are @page margin boxes.
_RESTYLE_TARGETS: dict[str, tuple[str, str]] = {
    "title": ("h1.title", "xiaobiaosong"),
    "body": ("p", "fangsong"),
    "heading1": ("h2", "hei"),
    "heading2": ("h3", "kai"),
    "heading3": ("h4", "fangsong"),
    "heading4": ("h5", "fangsong"),
    "page_odd": (":right bottom-right", "song"),
    "page_even": (":left bottom-left", "song"),
}
_ALIGN = {"both": "justify", "distribute": "justify", "justify": "justify", "left": "left", "start": "left",
          "center": "center", "right": "right", "end": "right"}


def _pt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") + "pt"


def _role_css(key: str, props: StyleProps, declared: frozenset[str]) -> tuple[dict[str, str], dict[str, str]]:
    """CSS declarations of one style (and of its Latin runs) as report.css would write them."""
    kind = _RESTYLE_TARGETS[key][1]
    css: dict[str, str] = {}
    latin: dict[str, str] = {}
    if props.east_asia:
        css["font-family"] = css_font_family(font_family_list(props.east_asia, kind, declared))
    size = (props.size or 32) / 2
    if props.size:
        css["font-size"] = _pt(size)
    # report.css sets the 小标宋 title in the stand-in's Bold: 小标宋 is a heavy face.
    heavy = (font_kind(props.east_asia) if props.east_asia else kind) == "xiaobiaosong"
    css["font-weight"] = "bold" if props.bold or heavy else "normal"
    if props.jc:
        css["text-align"] = _ALIGN.get(props.jc, "justify")
    if not key.startswith("page_"):
        unit, amount = props.first_line
        # a character unit is the font size, as in Word (report.css: 2 x 16 pt)
        css["text-indent"] = _pt(amount / 100 * size if unit == "chars" else amount / 20)
        if props.latin:
            latin["font-family"] = css_font_family(font_family_list(props.latin, "times", declared))
        latin["font-weight"] = "bold" if props.bold else "normal"  # the style's own w:b (小标宋 aside)
    return css, latin


def _changed(new: dict[str, str], old: dict[str, str]) -> str:
    return " ".join(f"{k}: {v};" for k, v in new.items() if old.get(k) != v)


def restyle_css(docx_template: Path, declared: frozenset[str] = frozenset()) -> str:
    """CSS that makes the PDF follow the styles a user changed in the .docx template.

    For each style of :data:`_RESTYLE_TARGETS`, the declarations that differ from
    docgen's own styles (:func:`docgen.docx_styles.default_styles`): font (the
    template's font first, then the stand-ins of its kind), size, weight, alignment,
    first-line indent.  Applied after report.css, so the page, the margins and the
    28.95 pt line grid stay.  An unchanged template gives "" (the same PDF, byte for
    byte).  ``declared``: the @font-face families of the office's fonts.
    """
    new, old = read_template(docx_template), default_styles()
    rules = []
    for key, (selector, _kind) in _RESTYLE_TARGETS.items():
        if key not in new.roles or key not in old.roles:
            continue
        css, latin = _role_css(key, new.roles[key], declared)
        base_css, base_latin = _role_css(key, old.roles[key], declared)
        body, latin_body = _changed(css, base_css), _changed(latin, base_latin)
        if key.startswith("page_"):
            side, box = selector.split()
            if body:
                rules.append(f"@page {side} {{ @{box} {{ {body} }} }}")
            continue
        if body:
            rules.append(f"{selector} {{ {body} }}")
        if latin_body:
            rules.append(f"{selector} .latin {{ {latin_body} }}")
        if "font-size" in body:
            rules.append(_autospace_css(key, selector, (new.roles[key].size or 32) / 2))
    return "".join(rule + "\n" for rule in rules)


def _autospace_css(key: str, selector: str, size: float) -> str:
    """report.css's Asian/Latin gap (1/5 of the font size, plus the given-back letter
    spacing of 0.25 pt except in the title) for a restyled size: a Times space is 0.25 em."""
    gap = AUTOSPACE * size + (0 if key == "title" else 0.25)
    return f"{selector} .as {{ font-size: {_pt(4 * gap)}; }} {selector} .pk {{ margin-right: {_pt(gap)}; }}"


# ---------------------------------------------------------------- Chinese justification


def _text_boxes(box):
    """The line's visible text boxes (not the hidden ``.as`` spaces of :func:`wrap_text`)."""
    if isinstance(box, boxes.TextBox):
        if box.style["visibility"] == "visible":
            yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _spread(box, gap: float, x_advance: float) -> float:
    """Add ``gap`` after every character of the line's text boxes, moving what follows.

    Only the box's style (its letter-spacing), width and position change: WeasyPrint
    rebuilds each text box's Pango layout from its style when it draws it.
    """
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        count = len(box.text) if box.style["visibility"] == "visible" else 0
        if count:
            style = box.style.copy()
            spacing = style["letter_spacing"]
            style["letter_spacing"] = (0 if spacing == "normal" else spacing) + gap
            box.style = style
            box.width += count * gap
            x_advance += count * gap
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(child, gap, x_advance)
        box.width += x_advance - before
    else:
        box.translate(x_advance, 0)
    return x_advance


def _justify_line(context, line, extra_width):
    """Justify a (non-last) line of Chinese text by spacing its characters, as Word does.

    The extra width is spread over the n-1 gaps between the line's n characters,
    so the last character ends at the right edge.  A line that would need more
    than one character's width between letters (a long unbreakable word follows)
    is left ragged rather than torn apart.
    """
    if not str(line.style["lang"] or "").lower().startswith("zh"):
        return _original_justify_line(context, line, extra_width)
    count = sum(len(box.text) for box in _text_boxes(line))
    if count < 2 or extra_width <= 0:
        return None
    gap = extra_width / (count - 1)
    if gap > line.style["font_size"]:
        return None
    _spread(line, gap, 0)
    return None


_original_justify_line = getattr(_inline.justify_line, "__wrapped__", _inline.justify_line)
_justify_line.__wrapped__ = _original_justify_line
_inline.justify_line = _justify_line

