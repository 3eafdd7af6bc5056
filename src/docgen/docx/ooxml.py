"""The OOXML vocabulary: namespaces, the one safe parser, on/off values, and style inheritance.

Everything in docgen that reads WordprocessingML with lxml — the importer's
reader (:mod:`.reader`, :mod:`.numbering`) and the PDF's restyle (:mod:`.styles`)
— asks the same questions of the XML: what is this tag's full name, is this
toggle on, what formatting does this paragraph's style give once ``w:basedOn``
and ``w:docDefaults`` are followed.  They must get the same answers, so the
answers live here; the modules above speak in paragraphs and styles, as
python-docx's proxy layer does over its ``oxml`` layer.

Style inheritance follows ECMA-376 Part 1 §17.7.2: a property is the nearest
one set, looking first at the direct formatting, then at the run's character
style and its ``w:basedOn`` ancestors, then the paragraph's style and its
ancestors, and last ``w:docDefaults``.  The attributes of ``w:rFonts``,
``w:ind`` and ``w:spacing`` inherit one by one.  A paragraph with no style, or
with a style id the file does not define, has the default paragraph style; a
style id defined twice means its first definition.  Toggles (``w:b`` …) are
taken as the nearest explicit value; the XOR of §17.7.3 (a bold character
style in a bold paragraph style) is not applied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

# ---------------------------------------------------------------- namespaces

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The same vocabulary in "Strict Open XML" files (not supported, only recognised).
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
#: ``r:id`` and the other relationship references inside the parts.
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: The ``_rels/*.rels`` parts of the package.
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: ``docProps/app.xml``, the package's extended properties.
EXTENDED_PROPERTIES_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

NSMAP = {"w": W_NS, "r": R_NS, "mc": MC_NS, "m": M_NS, "a": A_NS, "rel": PKG_REL_NS}

#: Relationship types docgen follows from one part to another.
REL_OFFICE_DOCUMENT = f"{R_NS}/officeDocument"
REL_STYLES = f"{R_NS}/styles"
REL_NUMBERING = f"{R_NS}/numbering"
REL_COMMENTS = f"{R_NS}/comments"


def qn(name: str) -> str:
    """``"w:b"`` → ``"{http://…/main}b"``: a prefixed name in lxml's (Clark) form."""
    prefix, _, local = name.partition(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def w(local: str) -> str:
    """``w("b")`` is ``qn("w:b")``: WordprocessingML names are most of what is asked for."""
    return f"{{{W_NS}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """``nsdecls("w", "r")`` → ``xmlns:w="…" xmlns:r="…"``, for XML written as text."""
    return " ".join(f'xmlns:{prefix}="{NSMAP[prefix]}"' for prefix in prefixes)


# ---------------------------------------------------------------- parsing

#: No entities expanded, nothing fetched, no huge trees; comments and processing
#: instructions dropped (they are not document content).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)

XMLSyntaxError = etree.XMLSyntaxError


def parse_xml(data: bytes):
    """The root element of an XML part, parsed safely; raises :class:`XMLSyntaxError`."""
    return etree.fromstring(data, _PARSER)


# ---------------------------------------------------------------- values

#: ST_OnOff's "on" values, and the capitalised forms LibreOffice also accepts.
_ON = frozenset(("1", "true", "on", "True", "On"))


def on_off(el) -> bool | None:
    """An ST_OnOff toggle such as ``<w:b/>``: None when the element is absent.

    Present without ``w:val``, or with "1", "true" or "on" (or "True", "On"): on.
    Anything else ("0", "false", "off", and values the schema does not allow,
    such as "yes" or "TRUE"): off — as LibreOffice reads them (tests/docx/test_ooxml.py).
    """
    if el is None:
        return None
    value = el.get(w("val"))
    return value is None or value in _ON


def on_off_attr(value: str | None) -> bool:
    """An ST_OnOff attribute (``w:default="1"``): on as for :func:`on_off`; off when absent."""
    return value is not None and value in _ON


def val(el, attr: str = "val") -> str | None:
    """The ``w:<attr>`` attribute of ``el``; None when the element or the attribute is absent."""
    return None if el is None else el.get(w(attr))


_INTEGER = re.compile(r"[+-]?[0-9]{1,10}")  # Word's numbers are 32-bit; a longer one is not a number


def integer(text: str | None) -> int | None:
    """An ST_DecimalNumber ("3", "-1"): its value, or None for anything else."""
    if text is None or not _INTEGER.fullmatch(text.strip()):
        return None
    return int(text)


def theme_fonts(theme) -> dict[str, str]:
    """``minorEastAsia`` … → the theme's font for that slot (``Hans`` script font when ``a:ea`` is empty)."""
    out: dict[str, str] = {}
    if theme is None:
        return out
    a = f"{{{A_NS}}}"
    for group in ("major", "minor"):
        font = theme.find(f".//{a}{group}Font")
        if font is None:
            continue
        latin = font.find(f"{a}latin")
        ea = font.find(f"{a}ea")
        hans = font.find(f"{a}font[@script='Hans']")
        ea_name = (ea.get("typeface") if ea is not None else "") or (
            hans.get("typeface") if hans is not None else "")
        latin_name = latin.get("typeface") if latin is not None else ""
        for slot, name in (("Ascii", latin_name), ("HAnsi", latin_name), ("EastAsia", ea_name)):
            if name:
                out[group + slot] = name
    return out


# ---------------------------------------------------------------- style inheritance


class _StyleLevels:
    """The ``w:rPr`` (or ``w:pPr``) elements of a style, its ``w:basedOn`` ancestors and perhaps
    the defaults, nearest first; each tag is looked up along them once.

    Every paragraph and run asks its style the same questions (bold? hidden? outline
    level?); walking the chain each time would cost paragraphs × chain length, and a
    file can chain thousands of styles.  So :class:`StyleSheet` keeps one of these per
    style and the answers per tag.
    """

    def __init__(self, elements: Iterable) -> None:
        self.elements = [e for e in elements if e is not None]
        self._found: dict[str, tuple] = {}

    def found(self, tag: str) -> tuple:
        """Every ``w:<tag>`` child of the levels, nearest first."""
        hit = self._found.get(tag)
        if hit is None:
            hit = self._found[tag] = tuple(el for el in (e.find(w(tag)) for e in self.elements)
                                           if el is not None)
        return hit


class Formatting:
    """The ``w:rPr`` and ``w:pPr`` elements that decide some text's formatting, nearest first.

    Made by :class:`StyleSheet`; each question takes the nearest element that answers it.
    A level is an element (direct formatting) or a style's levels, answered once per tag.
    """

    def __init__(self, rpr: Iterable, ppr: Iterable, theme: dict[str, str]) -> None:
        self.rpr = [e for e in rpr if e is not None]
        self.ppr = [e for e in ppr if e is not None]
        self.theme = theme

    @staticmethod
    def _all(levels: list, tag: str) -> Iterator:
        for level in levels:
            if isinstance(level, _StyleLevels):
                yield from level.found(tag)
            else:
                el = level.find(w(tag))
                if el is not None:
                    yield el

    def run_all(self, tag: str) -> Iterator:
        """Every ``w:<tag>`` among the run properties, nearest first."""
        return self._all(self.rpr, tag)

    def para_all(self, tag: str) -> Iterator:
        """Every ``w:<tag>`` among the paragraph properties, nearest first."""
        return self._all(self.ppr, tag)

    def run(self, tag: str):
        """The nearest ``w:<tag>`` among the run properties, or None."""
        return next(self.run_all(tag), None)

    def para(self, tag: str):
        """The nearest ``w:<tag>`` among the paragraph properties, or None."""
        return next(self.para_all(tag), None)

    def toggle(self, tag: str) -> bool | None:
        """A run toggle (``b``, ``i``, ``vanish`` …): the nearest explicit value, None if set nowhere."""
        return on_off(self.run(tag))

    def attrs(self, tag: str, names: tuple[str, ...], run: bool = False) -> dict[str, str]:
        """Attributes of ``w:<tag>`` inherited one by one (each from the nearest level that sets it)."""
        out: dict[str, str] = {}
        for el in self.run_all(tag) if run else self.para_all(tag):
            for name in names:
                if name not in out and el.get(w(name)) is not None:
                    out[name] = el.get(w(name))
        return out

    def font(self, slot: str) -> str | None:
        """The font of a ``w:rFonts`` slot (``eastAsia``, ``ascii`` …); at one level a theme font beats a name."""
        for el in self.run_all("rFonts"):
            theme = el.get(w(slot + "Theme"))
            if theme and theme in self.theme:
                return self.theme[theme]
            if el.get(w(slot)):
                return el.get(w(slot))
        return None


class StyleSheet:
    """``word/styles.xml`` (and the theme's fonts): the styles by id, and what they give.

    The one style-inheritance resolver: :meth:`paragraph` and :meth:`run` give the
    :class:`Formatting` of a paragraph or a run, :meth:`style` that of a style alone.
    """

    def __init__(self, root=None, theme: dict[str, str] | None = None) -> None:
        self.theme = theme or {}
        self._by_id: dict[str, object] = {}
        self._defaults: dict[str, str] = {}       # style type → id of its default style
        self._chains: dict[str | None, tuple[list, list]] = {}
        self._levels: dict[tuple[str | None, bool], tuple[_StyleLevels, _StyleLevels]] = {}
        self._default_rpr = self._default_ppr = None
        if root is None:
            return
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self._default_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self._default_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        for st in root.iter(w("style")):
            sid = st.get(w("styleId"), "")
            self._by_id.setdefault(sid, st)    # defined twice: the first definition counts
            if on_off_attr(st.get(w("default"))):
                self._defaults.setdefault(st.get(w("type"), "paragraph"), sid)

    # -- the styles themselves

    def element(self, style_id: str | None):
        """The ``w:style`` element of ``style_id``, or None."""
        return self._by_id.get(style_id) if style_id is not None else None

    def ids(self, kind: str = "paragraph") -> list[str]:
        """The ids of the styles of a type (``paragraph``, ``character`` …), in the file's order."""
        return [sid for sid, el in self._by_id.items() if el.get(w("type"), "paragraph") == kind]

    def default(self, kind: str = "paragraph") -> str | None:
        """The id of the default style of a type (``paragraph``, ``character`` …)."""
        return self._defaults.get(kind)

    def name(self, style_id: str | None) -> str:
        """The name of a paragraph style as Word shows it; an unknown id is its own name."""
        style_id = style_id or self.default("paragraph")
        el = self.element(style_id)
        if el is None:
            return style_id or ""
        return val(el.find(w("name"))) or style_id

    def find(self, kind: str, style_id: str, name: str) -> str | None:
        """The id of the style of type ``kind`` whose id is ``style_id``, or else whose name is ``name``.

        Word keeps the names of built-in styles but a Chinese Word may rename their ids.
        """
        by_name = None
        for sid, el in self._by_id.items():
            if el.get(w("type")) != kind:
                continue
            if sid == style_id:
                return sid
            if by_name is None and (val(el.find(w("name"))) or "").casefold() == name.casefold():
                by_name = sid
        return by_name

    # -- inheritance

    def _chain(self, style_id: str | None) -> tuple[list, list]:
        """The rPr and pPr of a style and its ``w:basedOn`` ancestors, nearest first (a loop stops)."""
        if style_id not in self._chains:
            rpr, ppr, seen = [], [], set()
            sid = style_id
            while sid is not None and sid in self._by_id and sid not in seen:
                seen.add(sid)
                el = self._by_id[sid]
                rpr.append(el.find(w("rPr")))
                ppr.append(el.find(w("pPr")))
                sid = val(el.find(w("basedOn")))
            self._chains[style_id] = (rpr, ppr)
        return self._chains[style_id]

    def paragraph_style(self, style_id: str | None) -> str | None:
        """The style a paragraph with ``w:pStyle`` ``style_id`` has: that one if defined, else the default."""
        return style_id if style_id in self._by_id else self.default("paragraph")

    def _style_levels(self, style_id: str | None, defaults: bool = True) -> tuple[_StyleLevels, _StyleLevels]:
        """The rPr and pPr levels of a style (and of ``w:docDefaults`` unless ``defaults`` is False)."""
        key = (style_id, defaults)
        if key not in self._levels:
            rpr, ppr = self._chain(style_id)
            tail = [self._default_rpr], [self._default_ppr]
            self._levels[key] = (_StyleLevels(rpr + tail[0] if defaults else rpr),
                                 _StyleLevels(ppr + tail[1] if defaults else ppr))
        return self._levels[key]

    def style(self, style_id: str | None) -> Formatting:
        """What a style gives by itself: its own properties, its ancestors', then the defaults."""
        rpr, ppr = self._style_levels(style_id)
        return Formatting([rpr], [ppr], self.theme)

    def paragraph(self, ppr=None) -> Formatting:
        """The formatting of a paragraph with properties ``ppr`` (its ``w:pPr``, or None)."""
        sid = self.paragraph_style(val(ppr.find(w("pStyle"))) if ppr is not None else None)
        rpr, style_ppr = self._style_levels(sid)
        return Formatting([rpr], [ppr, style_ppr], self.theme)

    def run(self, rpr=None, paragraph_style: str | None = None) -> Formatting:
        """The formatting of a run with properties ``rpr`` in a paragraph of ``paragraph_style``."""
        char_style = val(rpr.find(w("rStyle"))) if rpr is not None else None
        if char_style is None:
            char_style = self.default("character")
        char_rpr, _ = self._style_levels(char_style, defaults=False)
        para_rpr, para_ppr = self._style_levels(self.paragraph_style(paragraph_style))
        return Formatting([rpr, char_rpr, para_rpr], [para_ppr], self.theme)
