"""The effective styles of a .docx template, so that the PDF follows a restyled ``report.docx``.

Users restyle ``templates/report.docx`` in Word or WPS (the README invites it).  The
.docx output keeps those styles by itself; the PDF is laid out by ``report.css``, so
:mod:`docgen.pdf.restyle` reads the template's styles here and overrides the
stylesheet where they differ from docgen's own (:func:`docgen.docx.build.styles_xml`).
What the PDF cannot follow without breaking the official page (line spacing, page
margins …) is listed by :func:`docgen.pdf.restyle.pdf_style_differences`, for the command line to print.

Only ``word/styles.xml`` (plus the theme, for theme fonts) and the last section of
``word/document.xml`` are read, with zipfile + lxml (no entities, no network).
Word's inheritance (ECMA-376 Part 1 §17.7.2) is followed for the styles of
:data:`docgen.docx.build.ROLES`: a property is the style's own, else its ``w:basedOn``
style's …, else ``w:docDefaults``; attributes of ``w:rFonts``, ``w:ind`` and
``w:spacing`` inherit one by one.  A theme font (``w:eastAsiaTheme`` …) is the
theme's font for that slot.  Bold is taken as the nearest explicit value, which is
what Word shows for a style.  No WeasyPrint here: the CLI may call this cheaply.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from . import build as oxml
from ..errors import DocgenError, EXIT_TEMPLATE

_W = "{%s}" % oxml.W_NS
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"

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

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)


def _xml(data: bytes):
    return etree.fromstring(data, _PARSER)


def _val(el, attr: str = "val") -> str | None:
    return None if el is None else el.get(_W + attr)


def _int(text: str | None) -> int | None:
    try:
        return None if text is None else int(round(float(text)))
    except ValueError:
        return None


def _on(el) -> bool | None:
    """A toggle such as ``<w:b/>`` / ``<w:b w:val="0"/>``; None when absent."""
    if el is None:
        return None
    return _val(el) not in ("0", "false", "off")


def _theme_fonts(theme) -> dict[str, str]:
    """``minorEastAsia`` → the theme's font for that slot (``Hans`` script font when ea is empty)."""
    out: dict[str, str] = {}
    if theme is None:
        return out
    for group in ("major", "minor"):
        font = theme.find(f".//{_A}{group}Font")
        if font is None:
            continue
        latin = font.find(f"{_A}latin")
        ea = font.find(f"{_A}ea")
        hans = font.find(f"{_A}font[@script='Hans']")
        ea_name = (ea.get("typeface") if ea is not None else "") or (
            hans.get("typeface") if hans is not None else "")
        latin_name = latin.get("typeface") if latin is not None else ""
        for slot, name in (("Ascii", latin_name), ("HAnsi", latin_name), ("EastAsia", ea_name)):
            if name:
                out[group + slot] = name
    return out


class _Chain:
    """The rPr / pPr elements that decide a style's formatting, nearest first, docDefaults last."""

    def __init__(self, styles, style, theme: dict[str, str]):
        self.theme = theme
        self.rpr, self.ppr = [], []
        seen = set()
        by_id = {s.get(_W + "styleId"): s for s in styles.iter(_W + "style")}
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            self.rpr.append(style.find(_W + "rPr"))
            self.ppr.append(style.find(_W + "pPr"))
            style = by_id.get(_val(style.find(_W + "basedOn")))
        defaults = styles.find(_W + "docDefaults")
        if defaults is not None:
            self.rpr.append(defaults.find(f"{_W}rPrDefault/{_W}rPr"))
            self.ppr.append(defaults.find(f"{_W}pPrDefault/{_W}pPr"))
        self.rpr = [e for e in self.rpr if e is not None]
        self.ppr = [e for e in self.ppr if e is not None]

    def run(self, tag: str):
        """The nearest ``w:<tag>`` among the run properties."""
        return next((el for el in (r.find(_W + tag) for r in self.rpr) if el is not None), None)

    def para(self, tag: str):
        return next((el for el in (p.find(_W + tag) for p in self.ppr) if el is not None), None)

    def attrs(self, tag: str, names: tuple[str, ...], run: bool = False) -> dict[str, str]:
        """Attributes of ``w:<tag>`` inherited one by one (the nearest level that sets each)."""
        out: dict[str, str] = {}
        for props in self.rpr if run else self.ppr:
            el = props.find(_W + tag)
            if el is None:
                continue
            for name in names:
                if name not in out and el.get(_W + name) is not None:
                    out[name] = el.get(_W + name)
        return out

    def font(self, slot: str) -> str | None:
        """The font of an ``w:rFonts`` slot (``eastAsia``, ``ascii``); a theme font beats a name."""
        for props in self.rpr:
            el = props.find(_W + "rFonts")
            if el is None:
                continue
            theme = el.get(_W + slot + "Theme")
            if theme and theme in self.theme:
                return self.theme[theme]
            if el.get(_W + slot):
                return el.get(_W + slot)
        return None


def _amount(attrs: dict[str, str], chars: str, twips: str) -> tuple[str, int]:
    """A length given in character units (wins when set and non-zero, as in Word) or twips."""
    n = _int(attrs.get(chars))
    if n:
        return ("chars" if chars.endswith("Chars") else "lines", n)
    return ("twips", _int(attrs.get(twips)) or 0)


def _props(chain: _Chain) -> StyleProps:
    ind = chain.attrs("ind", ("firstLine", "firstLineChars", "hanging", "hangingChars", "left",
                              "leftChars", "start", "startChars", "right", "rightChars", "end",
                              "endChars"))
    for new, old in (("start", "left"), ("startChars", "leftChars"), ("end", "right"),
                     ("endChars", "rightChars")):
        ind.setdefault(old, ind.get(new))
    hanging = _amount(ind, "hangingChars", "hanging")
    first = (hanging[0], -hanging[1]) if hanging[1] else _amount(ind, "firstLineChars", "firstLine")
    spacing = chain.attrs("spacing", ("line", "lineRule", "before", "beforeLines", "after", "afterLines"))
    line = _int(spacing.get("line"))
    u = chain.run("u")
    return StyleProps(
        east_asia=chain.font("eastAsia"),
        latin=chain.font("ascii"),
        size=_int(_val(chain.run("sz"))),
        bold=bool(_on(chain.run("b"))),
        italic=bool(_on(chain.run("i"))),
        underline="none" if u is None else (_val(u) or "single"),
        color=(_val(chain.run("color")) or "auto").lower(),
        char_spacing=_int(_val(chain.run("spacing"))) or 0,
        jc=_val(chain.para("jc")),
        first_line=first,
        left=_amount(ind, "leftChars", "left"),
        right=_amount(ind, "rightChars", "right"),
        line=None if line is None else (line, spacing.get("lineRule") or "auto"),
        before=_amount(spacing, "beforeLines", "before"),
        after=_amount(spacing, "afterLines", "after"),
    )


def parse_styles(styles_xml: bytes, theme_xml: bytes | None = None) -> dict[str, StyleProps]:
    """The effective formatting of each style of :data:`PDF_ROLES` in a ``word/styles.xml``.

    A style is found by its id (``Heading1``) or, if Word renamed the id, by its
    name (``heading 1``); a style the file lacks is left out (the PDF keeps report.css).
    """
    styles = _xml(styles_xml)
    theme = _theme_fonts(_xml(theme_xml) if theme_xml else None)
    by_id, by_name = {}, {}
    for s in styles.iter(_W + "style"):
        if s.get(_W + "type") == "paragraph":
            by_id.setdefault(s.get(_W + "styleId"), s)
            by_name.setdefault((_val(s.find(_W + "name")) or "").casefold(), s)
    out = {}
    for key in PDF_ROLES:
        role = oxml.ROLES[key]
        style = by_id.get(role.style_id)
        if style is None:
            style = by_name.get(role.name.casefold())
        if style is not None:
            out[key] = _props(_Chain(styles, style, theme))
    return out


def east_asia_fonts(styles_xml: bytes, theme_xml: bytes | None = None) -> tuple[dict[str, str], str | None]:
    """The East Asian font of every paragraph style (by style id) and of a paragraph without one.

    Followed like any other property (:class:`_Chain`: the style, its ``w:basedOn``
    styles, ``w:docDefaults``; a theme font is the theme's).  Used by
    :mod:`docgen.docx.runs` to name the paragraph's own Chinese face on the runs of
    quotes and dots that must not fall to the Latin font.
    """
    styles = _xml(styles_xml)
    theme = _theme_fonts(_xml(theme_xml) if theme_xml else None)
    fonts: dict[str, str] = {}
    default = None
    for s in styles.iter(_W + "style"):
        if s.get(_W + "type") != "paragraph":
            continue
        font = _Chain(styles, s, theme).font("eastAsia")
        if font:
            fonts.setdefault(s.get(_W + "styleId"), font)
            if s.get(_W + "default") in ("1", "true", "on"):
                default = default or font
    if default is None:
        default = _Chain(styles, None, theme).font("eastAsia")
    return fonts, default


def parse_geometry(document_xml: bytes) -> Geometry:
    """Page size, margins, footer distance and line grid of the document's last section."""
    body = _xml(document_xml).find(_W + "body")
    sect = body.find(_W + "sectPr") if body is not None else None
    if sect is None:
        return Geometry((None, None), (None,) * 4, None, (None, None))
    size, mar, grid = (sect.find(_W + t) for t in ("pgSz", "pgMar", "docGrid"))
    num = lambda el, a: _int(_val(el, a))  # noqa: E731
    return Geometry((num(size, "w"), num(size, "h")),
                    tuple(num(mar, a) for a in ("top", "right", "bottom", "left")),
                    num(mar, "footer"), (_val(grid, "type"), num(grid, "linePitch")))


@lru_cache(maxsize=32)
def _read(path: str, mtime_ns: int, size: int) -> TemplateStyles:
    """The template's styles and page; cached per file version (path, mtime, size)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            themes = sorted(n for n in names if re.fullmatch(r"word/theme/theme\d*\.xml", n))
            styles = parse_styles(zf.read("word/styles.xml"), zf.read(themes[0]) if themes else None) \
                if "word/styles.xml" in names else {}
            geometry = parse_geometry(zf.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise DocgenError.single(
            f"模板已损坏，无法读取其样式 damaged template, cannot read its styles ({exc})",
            file=path, exit_code=EXIT_TEMPLATE,
            hint="用 Word 或 WPS 打开模板并另存为 .docx，或用 make template 重新生成。") from None
    return TemplateStyles(styles, geometry)


def read_template(path: Path) -> TemplateStyles:
    """The effective styles of a .docx template (parsed once per file version)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        raise DocgenError.single(f"找不到模板 template not found: {path}", file=str(path),
                                 exit_code=EXIT_TEMPLATE, hint="检查 --template 后的路径。") from None
    return _read(str(path.resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=1)
def default_styles() -> TemplateStyles:
    """docgen's own styles and page (:mod:`docgen.docx.build`): what report.css is built to."""
    return TemplateStyles(
        parse_styles(oxml.styles_xml()),
        Geometry((oxml.PAGE_W, oxml.PAGE_H),
                 (oxml.MARGIN_TOP, oxml.MARGIN_RIGHT, oxml.MARGIN_BOTTOM, oxml.MARGIN_LEFT),
                 oxml.FOOTER_DIST, ("lines", oxml.LINE_PITCH)))
