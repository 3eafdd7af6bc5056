"""Stage 4b — the PDF: a :class:`~docgen.content.model.Report` through ``templates/report.html`` + ``.css``.

The same content model and wording as the .docx, laid out by WeasyPrint to the
official geometry (``shared/design/layout.md``).  This module makes the HTML, lays
it out and writes the PDF; beside it, :mod:`~docgen.pdf.fetcher` (what the PDF may
read), :mod:`~docgen.pdf.fonts` (font lists, the office's font files),
:mod:`~docgen.pdf.restyle` (a restyled report.docx), :mod:`~docgen.pdf.justify`
(Chinese justification) and :mod:`~docgen.pdf.probe` (``docgen fonts``).  Why each
piece here is here:

* **Caches.**  Importing WeasyPrint and loading fonts is most of the cost of a PDF,
  and ``render --all`` renders many reports in one process.  So one
  ``FontConfiguration`` per process (per set of office fonts), and the compiled
  stylesheet, the ``@font-face`` rules of the office's fonts and the Jinja template
  are cached (keyed by file version, so an edited template is picked up).
* **Safety.**  Only files under ``templates/`` and the font folders, and ``data:``
  URLs, may be read (:class:`~docgen.pdf.fetcher.SafeFetcher`); anything else stops
  the render with an error naming the URL, while laying out or while writing
  (attachments: :func:`url_errors`).  report.html runs in Jinja's sandbox and is
  loaded as every input is (:mod:`~docgen.pdf.template`).  Content is autoescaped,
  so text in ``content/<year>.yaml`` can never become markup.
* **The PDF's text is the document's.**  After writing, every face embedded must
  draw the characters it stands for and no character may be missing from every
  font (:func:`docgen.pdf.glyphs.require_ink`), or the render is refused.
* **Reproducible.**  Creation and modification dates come from ``SOURCE_DATE_EPOCH``
  or else 1 January of the year after the report's year; WeasyPrint's file
  identifier (PDF/A) is a hash of the content.  Same content → same bytes.
* **Latin font, exact lines, the .docx's line breaks.**  :func:`wrap_text` wraps the
  rendered body text in spans, so digits and Latin letters get Times New Roman and
  every line keeps the exact 28.95 pt pitch whatever fonts it mixes; template authors
  write plain text.  The spans carry the gaps LibreOffice puts into the .docx
  (:mod:`docgen.cjk_runs`), so that both break their lines at the same places.
* **Tagged.**  Every PDF has a structure tree (WeasyPrint's ``pdf_tags``); the page
  numbers are pagination artifacts (:func:`docgen.seam.mark_page_numbers_as_artifacts`).
* **A restyled report.docx.**  Given the render's .docx template (``docx_template``),
  the CSS of its restyled styles (:func:`~docgen.pdf.restyle.restyle_css`) comes
  after report.css; the page and the line grid stay.
"""

from __future__ import annotations

import re
import warnings
from contextlib import contextmanager
from html import unescape
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound

from markupsafe import escape  # as Jinja escapes it: &#34; &#39;

from .. import seam
from ..cjk_runs import LATIN, portions, quote_breaks
from ..content.model import Report
from ..context import document_date, template_context
from ..errors import DocgenError, EXIT_TEMPLATE, EXIT_USAGE, clip
from .fetcher import BlockedURL, SafeFetcher
from .fonts import FontScan, check_font_dirs, font_dirs_for, font_face_css, font_lists_css, scan_font_dirs
from .glyphs import require_ink
from .justify import justify_chinese_line
from .restyle import restyle_css
from .template import HTML_TEMPLATE, STYLESHEET, html_template, read_stylesheet, template_error

seam.load_weasyprint()  # the supported version, imported quickly, before any of its names

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError  # noqa: E402


# ---------------------------------------------------------------- caches

_font_configs: dict[str, FontConfiguration] = {}
_css_cache: dict[tuple, CSS] = {}


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
    """The font configuration and the compiled stylesheets, in cascade order.

    The roles' font lists (:func:`~docgen.pdf.fonts.font_lists_css`, from the one table
    of text roles) come first, so a font-family set in report.css wins over them; then
    report.css, the office's @font-face rules, ``extra_css``.
    """
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
        _css_cache[key] = CSS(string=read_stylesheet(path), base_url=path.resolve().as_uri(),
                              url_fetcher=fetcher, font_config=config)
    lists_key = ("font lists", faces)
    if lists_key not in _css_cache:
        _css_cache[lists_key] = CSS(string=font_lists_css(), url_fetcher=fetcher, font_config=config)
    sheets = [_css_cache[lists_key], _css_cache[key]]
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
        elif at in breaks or seam.can_break(portion.text[-1] + parts[i + 1].text[0]):
            gap = "as" if portion.autospace else "sp"
            out.append(f'<span class="{kind}">{body}</span><span class="{gap}"> </span>')
        else:
            out.append(f'<span class="{kind} {"pk" if portion.autospace else "pe"}">{body}</span>')
    return "".join(out)


def pdf_date(report: Report) -> str:
    """Creation date (W3C format), the same as the .docx's (:func:`docgen.context.document_date`)."""
    return document_date(report.year).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_html(report: Report, template_dir: Path) -> str:
    """The report as HTML (what WeasyPrint lays out), from the same context as the .docx."""
    path = template_dir / HTML_TEMPLATE
    try:
        template = html_template(template_dir)
    except TemplateNotFound:
        raise DocgenError.single(
            f"找不到 PDF 模板 template not found: {path}", file=str(path), exit_code=EXIT_TEMPLATE,
            hint="PDF 需要 templates/report.html 和 templates/report.css；从项目仓库恢复这两个文件。") from None
    except TemplateError as exc:  # a syntax error in report.html itself
        raise template_error(template_dir, exc) from None
    try:
        html = template.render(dict(template_context(report), pdf_date=pdf_date(report)))
    except TemplateError as exc:
        raise template_error(template_dir, exc) from None
    return wrap_text(html)


# ---------------------------------------------------------------- layout


def _variant(variant: str | None) -> str | None:
    if not variant:
        return None
    name = variant.strip().lower()
    variants = seam.pdf_variants()
    if name not in variants:
        raise DocgenError.single(
            f"不支持的 PDF 变体 unknown PDF variant: {variant}", field="--pdf-variant", exit_code=EXIT_USAGE,
            hint="可用 available: " + ", ".join(variants) + "（归档用 pdf/a-3b）")
    return name


def lay_out(html: str, template_dir: Path, font_dirs: list[Path] | None, extra_css: str = "",
            docx_template: Path | None = None, **options):
    """Lay out ``html`` with the cached stylesheets and fonts; only allowed files may be read.

    Chinese lines are justified by :func:`~docgen.pdf.justify.justify_chinese_line`
    (hooked into WeasyPrint on the first layout, :func:`docgen.seam.install_justification`).
    With ``docx_template``, the CSS of its restyled styles (:func:`restyle_css`)
    comes after report.css and the office's fonts, then ``extra_css``.
    """
    template_dir = Path(template_dir)
    check_font_dirs(font_dirs)
    dirs = font_dirs_for(template_dir, font_dirs)
    scan = scan_font_dirs(dirs)
    if docx_template is not None:
        extra_css = restyle_css(docx_template, frozenset(f.kind.face_family for f in scan.fonts)) + extra_css
    fetcher = SafeFetcher([template_dir, *dirs])
    seam.install_justification(justify_chinese_line)  # once, on the first layout
    with url_errors(template_dir):
        config, sheets = _stylesheets(template_dir, scan, fetcher, extra_css)
        base_url = template_dir.resolve().as_uri() + "/"
        return HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
            stylesheets=sheets, font_config=config, **options)


@contextmanager
def url_errors(template_dir: Path):
    """A URL the fetcher refused, while laying out or while writing (attachments): exit code 3.

    WeasyPrint's FatalURLFetchingError derives from BaseException, so nothing
    above this (``except Exception``, ``render --all``'s workers) would see it.
    """
    try:
        yield
    except FatalURLFetchingError as exc:
        cause = exc.__cause__
        if isinstance(cause, DocgenError):  # a fetched file that is not a regular file …
            raise cause from None
        url = cause.args[0] if isinstance(cause, BlockedURL) else str(exc)
        raise DocgenError.single(
            f"模板引用了不允许读取的地址 forbidden URL in template: {clip(url)}",
            file=str(template_dir / HTML_TEMPLATE), exit_code=EXIT_TEMPLATE,
            hint="PDF 只能使用 templates/ 和字体文件夹中的文件（以及 data: 地址），不能访问网络或其他文件。") from None


def render_pdf(report: Report, *, template_dir: Path, variant: str | None = None,
               font_dirs: list[Path] | None = None, docx_template: Path | None = None) -> bytes:
    """Render ``report`` to PDF bytes (``variant`` e.g. ``"pdf/a-3b"``; ``font_dirs`` before fonts/).

    ``docx_template``: the .docx template of the same render; where its styles were
    restyled, the PDF follows their fonts, sizes, bold, alignment and first-line
    indent (:func:`~docgen.pdf.restyle.restyle_css`).  What it cannot follow:
    :func:`~docgen.pdf.restyle.pdf_style_differences`.
    """
    template_dir = Path(template_dir)
    options = {"pdf_variant": _variant(variant), "pdf_tags": True}  # tagged: accessible, page numbers artifacts
    html = render_html(report, template_dir)
    document = lay_out(html, template_dir, font_dirs, docx_template=docx_template, **options)
    seam.mark_page_numbers_as_artifacts(document)
    with warnings.catch_warnings(), url_errors(template_dir), seam.notdef_characters() as notdef:
        # WeasyPrint 70 opens its sRGB profile (the PDF/A output intent) and leaves
        # the file to the garbage collector: a ResourceWarning, nothing wrong.
        warnings.simplefilter("ignore", ResourceWarning)
        data = document.write_pdf(**options)  # attachments are fetched here
    office = {f.kind.face_family: f.path for f in scan_font_dirs(font_dirs_for(template_dir, font_dirs)).fonts}
    require_ink(seam.embedded_fonts(document), notdef, template_dir / HTML_TEMPLATE, office)
    return data
