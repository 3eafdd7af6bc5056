"""The effective styles of a .docx template, so that the PDF follows a restyled ``report.docx``.

Users restyle ``templates/report.docx`` in Word or WPS (the README invites it).  The
.docx output keeps those styles by itself; the PDF is laid out by ``report.css``, so
:mod:`docgen.pdf.restyle` reads the template's styles here and overrides the
stylesheet where they differ from docgen's own (:func:`docgen.docx.build.styles_xml`).
What the PDF cannot follow without breaking the official page (line spacing, page
margins …) is listed by :func:`docgen.pdf.restyle.pdf_style_differences`, for the command line to print.

Only ``word/styles.xml`` (plus the theme, for theme fonts) and the last section of
``word/document.xml`` are read, with zipfile and :func:`docgen.docx.ooxml.parse_xml`
(no entities, no network).  The styles of :data:`PDF_ROLES` are
resolved by :class:`docgen.docx.ooxml.StyleSheet`, the one reading of Word's
inheritance (the importer's reader uses it too): a property is the style's own,
else its ``w:basedOn`` style's …, else ``w:docDefaults``; attributes of ``w:rFonts``,
``w:ind`` and ``w:spacing`` inherit one by one; a theme font is the theme's font
for that slot.  No WeasyPrint here: the CLI may call this cheaply.

A number Word itself would never write (``w:sz="inf"``, ``w:firstLineChars="1e999"``,
``w:sz="99999999"``: a damaged or hostile template, not a restyled one) is unset
where the styles are parsed, and :func:`read_template` refuses the template with
every such value named (exit code 3): the PDF must not ask WeasyPrint for a
50-million-point font.  The template's bytes come from
:func:`docgen.docx.package.load_template` (a regular file, every part inflated
within bounds).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from . import build as oxml
from ..errors import Diagnostic, DocgenError, EXIT_TEMPLATE
from .ooxml import Formatting, StyleSheet, XMLSyntaxError, parse_xml, theme_fonts, val, w
from .package import load_template

#: The styles the PDF follows (the roles of :data:`docgen.layout.TEXT_ROLES` that report.html
#: shows), by key, with the names users see.
PDF_ROLES: dict[str, str] = {key: role.label for key, role in oxml.ROLES.items() if role.selector is not None}


@dataclass(frozen=True)
class StyleProps:
    """One paragraph style's effective formatting.  None: set nowhere (neither style nor defaults)."""

    east_asia: str | None           # w:eastAsia font (Chinese text)
    latin: str | None               # w:ascii font (digits, Latin letters)
    size: int | None                # half-points
    bold: bool
    italic: bool
    underline: str                  # "none" unless underlined
    color: str                      # "auto" unless coloured
    char_spacing: int               # twips added to each character (rPr w:spacing)
    jc: str | None                  # alignment: both, left, center, right …
    first_line: tuple[str, int]     # ("chars", hundredths of a character) or ("twips", n); < 0: hanging
    left: tuple[str, int]
    right: tuple[str, int]
    line: tuple[int, str] | None    # (w:line, w:lineRule)
    before: tuple[str, int]         # ("lines", hundredths) or ("twips", n)
    after: tuple[str, int]


@dataclass(frozen=True)
class Geometry:
    """The page of the template's last section (twips); None where not set."""

    page: tuple[int | None, int | None]
    margins: tuple[int | None, int | None, int | None, int | None]   # top, right, bottom, left
    footer: int | None
    grid: tuple[str | None, int | None]                              # docGrid type, linePitch


@dataclass(frozen=True)
class TemplateStyles:
    roles: dict[str, StyleProps]    # by key of PDF_ROLES
    geometry: Geometry


# ---------------------------------------------------------------- reading

#: Word's own bounds: font sizes 1–1638 pt (``w:sz`` counts half-points); every length
#: within ±31680 twips (22 inches, Word's largest page) or, in character and line units,
#: ±31680 hundredths.  A value beyond them is not a restyled template but a damaged one.
_SIZE_LIMIT = (1, 3276)
_LENGTH_LIMIT = (-31680, 31680)


@dataclass(frozen=True)
class OutOfRange:
    """A number in the template that Word itself would never write (``inf``, ``1e999``, 99999999)."""

    attr: str                   # "sz", "firstLineChars" …
    text: str                   # as written
    limits: tuple[int, int]
    where: str = ""             # 样式“正文 Normal”; "" for the page setup


@dataclass
class _Numbers:
    """Reads a template's numbers; one out of Word's bounds is unset, and remembered in ``found``."""

    where: str = ""
    found: list[OutOfRange] = field(default_factory=list)

    def int(self, text: str | None, attr: str) -> int | None:
        """An OOXML number attribute; None when absent, not a number ("12pt"), or out of bounds."""
        if text is None:
            return None
        try:
            value = Decimal(text.strip())
        except (InvalidOperation, ValueError):
            return None  # "12pt" and other forms docgen does not read: left to report.css
        low, high = _SIZE_LIMIT if attr == "sz" else _LENGTH_LIMIT
        if not value.is_finite() or not low <= value <= high:
            if all((bad.attr, bad.text) != (attr, text) for bad in self.found):  # inherited: once
                self.found.append(OutOfRange(attr, text, (low, high), self.where))
            return None
        return int(value.to_integral_value())

    def amount(self, attrs: dict[str, str], chars: str, twips: str) -> tuple[str, int]:
        """A length given in character units (wins when set and non-zero, as in Word) or twips."""
        n = self.int(attrs.get(chars), chars)
        if n:
            return ("chars" if chars.endswith("Chars") else "lines", n)
        return ("twips", self.int(attrs.get(twips), twips) or 0)


def _props(chain: Formatting, numbers: _Numbers) -> StyleProps:
    ind = chain.attrs("ind", ("firstLine", "firstLineChars", "hanging", "hangingChars", "left",
                              "leftChars", "start", "startChars", "right", "rightChars", "end",
                              "endChars"))
    for new, old in (("start", "left"), ("startChars", "leftChars"), ("end", "right"),
                     ("endChars", "rightChars")):
        ind.setdefault(old, ind.get(new))
    hanging = numbers.amount(ind, "hangingChars", "hanging")
    first = (hanging[0], -hanging[1]) if hanging[1] else numbers.amount(ind, "firstLineChars", "firstLine")
    spacing = chain.attrs("spacing", ("line", "lineRule", "before", "beforeLines", "after", "afterLines"))
    line = numbers.int(spacing.get("line"), "line")
    u = chain.run("u")
    return StyleProps(
        east_asia=chain.font("eastAsia"),
        latin=chain.font("ascii"),
        size=numbers.int(val(chain.run("sz")), "sz"),
        bold=bool(chain.toggle("b")),
        italic=bool(chain.toggle("i")),
        underline="none" if u is None else (val(u) or "single"),
        color=(val(chain.run("color")) or "auto").lower(),
        char_spacing=numbers.int(val(chain.run("spacing")), "spacing") or 0,
        jc=val(chain.para("jc")),
        first_line=first,
        left=numbers.amount(ind, "leftChars", "left"),
        right=numbers.amount(ind, "rightChars", "right"),
        line=None if line is None else (line, spacing.get("lineRule") or "auto"),
        before=numbers.amount(spacing, "beforeLines", "before"),
        after=numbers.amount(spacing, "afterLines", "after"),
    )


def parse_styles(styles_xml: bytes, theme_xml: bytes | None = None,
                 out_of_range: list[OutOfRange] | None = None) -> dict[str, StyleProps]:
    """The effective formatting of each style of :data:`PDF_ROLES` in a ``word/styles.xml``.

    A style is found by its id (``Heading1``) or, if Word renamed the id, by its
    name (``heading 1``); a style the file lacks is left out (the PDF keeps report.css).
    A number out of Word's bounds is unset, and added to ``out_of_range`` when given.
    """
    sheet = StyleSheet(parse_xml(styles_xml), theme_fonts(parse_xml(theme_xml) if theme_xml else None))
    numbers = _Numbers()
    out = {}
    for key in PDF_ROLES:
        role = oxml.ROLES[key]
        style_id = sheet.find("paragraph", role.style_id, role.name)
        if style_id is not None:
            numbers.where = f"样式“{PDF_ROLES[key]}”"
            out[key] = _props(sheet.style(style_id), numbers)
    if out_of_range is not None:
        out_of_range += numbers.found
    return out


def east_asia_fonts(styles_xml: bytes, theme_xml: bytes | None = None) -> tuple[dict[str, str], str | None]:
    """The East Asian font of every paragraph style (by style id) and of a paragraph without one.

    Followed like any other property (:class:`docgen.docx.ooxml.StyleSheet`: the style,
    its ``w:basedOn`` styles, ``w:docDefaults``; a theme font is the theme's).  Used by
    :mod:`docgen.docx.runs` to name the paragraph's own Chinese face on the runs of
    quotes and dots that must not fall to the Latin font.
    """
    sheet = StyleSheet(parse_xml(styles_xml), theme_fonts(parse_xml(theme_xml) if theme_xml else None))
    fonts = {sid: font for sid in sheet.ids("paragraph") if (font := sheet.style(sid).font("eastAsia"))}
    return fonts, sheet.paragraph(None).font("eastAsia")


def parse_geometry(document_xml: bytes, out_of_range: list[OutOfRange] | None = None) -> Geometry:
    """Page size, margins, footer distance and line grid of the document's last section.

    A number out of Word's bounds is unset, and added to ``out_of_range`` when given.
    """
    body = parse_xml(document_xml).find(w("body"))
    sect = body.find(w("sectPr")) if body is not None else None
    if sect is None:
        return Geometry((None, None), (None,) * 4, None, (None, None))
    size, mar, grid = (sect.find(w(t)) for t in ("pgSz", "pgMar", "docGrid"))
    numbers = _Numbers()
    num = lambda el, a: numbers.int(val(el, a), a)  # noqa: E731
    geometry = Geometry((num(size, "w"), num(size, "h")),
                        tuple(num(mar, a) for a in ("top", "right", "bottom", "left")),
                        num(mar, "footer"), (val(grid, "type"), num(grid, "linePitch")))
    if out_of_range is not None:
        out_of_range += numbers.found
    return geometry


def _out_of_range(display: str, bad: OutOfRange) -> Diagnostic:
    low, high = bad.limits
    return Diagnostic(
        file=display,
        message=f"模板{bad.where or '的页面设置'}中的 w:{bad.attr}=“{bad.text[:40]}” 超出 Word 允许的范围"
                f"（{low}–{high}），模板可能已损坏。template value out of range: w:{bad.attr}",
        hint="在 Word 或 WPS 中打开模板，重新设置这个样式的字号、缩进或间距后另存为 .docx；"
             "或用 make template 重新生成默认模板。")


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int, display: str) -> TemplateStyles:
    """The template's styles and page; cached per file version (path, mtime, size)."""
    data = load_template(Path(display))  # regular file, bounded, every part inflated and checked once
    out_of_range: list[OutOfRange] = []
    try:
        with zipfile.ZipFile(BytesIO(data)) as zf:
            names = set(zf.namelist())
            themes = sorted(n for n in names if re.fullmatch(r"word/theme/theme\d*\.xml", n))
            styles = parse_styles(zf.read("word/styles.xml"), zf.read(themes[0]) if themes else None,
                                  out_of_range) if "word/styles.xml" in names else {}
            geometry = parse_geometry(zf.read("word/document.xml"), out_of_range)
    except (zipfile.BadZipFile, KeyError, XMLSyntaxError, OSError) as exc:
        raise DocgenError.single(
            f"模板已损坏，无法读取其样式 damaged template, cannot read its styles ({exc})",
            file=display, exit_code=EXIT_TEMPLATE,
            hint="用 Word 或 WPS 打开模板并另存为 .docx，或用 make template 重新生成。") from None
    if out_of_range:
        raise DocgenError([_out_of_range(display, bad) for bad in out_of_range], EXIT_TEMPLATE)
    return TemplateStyles(styles, geometry)


def read_template(path: Path) -> TemplateStyles:
    """The effective styles of a .docx template (parsed once per file version)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise DocgenError.single(f"找不到模板 template not found: {path}", file=str(path),
                                 exit_code=EXIT_TEMPLATE, hint="检查 --template 后的路径。") from None
    return _read(str(path.resolve()), st.st_mtime_ns, st.st_size, str(path))


@lru_cache(maxsize=1)
def default_styles() -> TemplateStyles:
    """docgen's own styles and page (:mod:`docgen.docx.build`): what report.css is built to."""
    return TemplateStyles(
        parse_styles(oxml.styles_xml()),
        Geometry((oxml.PAGE_W, oxml.PAGE_H),
                 (oxml.MARGIN_TOP, oxml.MARGIN_RIGHT, oxml.MARGIN_BOTTOM, oxml.MARGIN_LEFT),
                 oxml.FOOTER_DIST, ("lines", oxml.LINE_PITCH)))
