"""The rendered .docx's runs, cut so that every client sets each character in the right face.

After docxtpl has put the content into ``word/document.xml``, each paragraph is one
run (or a few) in its style's fonts: Times New Roman for ASCII, the style's Chinese
face (仿宋_GB2312 …) for East Asian characters.  Two things need more than that
(:mod:`docgen.cjk_runs` explains both):

* quotes, middle dots, dashes and the other characters of
  :func:`~docgen.cjk_runs.needs_east_asian_font` get a run of their own whose
  ``w:rFonts`` names the paragraph's Chinese face for every slot and says
  ``w:hint="eastAsia"``: Word follows the hint, LibreOffice (which ignores it) and WPS
  the font names, so “12345” closes with a full-width quote everywhere;
* a hyphen between digits ("1-11月") becomes ``w:noBreakHyphen``, which Word and
  WPS never break after.

The text itself does not change (python-docx and ``docgen import`` read
``w:noBreakHyphen`` as "-").  Only runs of plain text are touched; a run with
anything else in it (a field, a drawing, a tab) is left as it is.
"""

from __future__ import annotations

import copy

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement

from ..cjk_runs import DIGIT_HYPHEN, font_runs
from .ooxml import qn
from .styles import east_asia_fonts

_TEXT_ONLY = {qn("w:rPr"), qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")}


def split_runs(document) -> None:
    """Cut the runs of a python-docx ``Document`` in place (see the module docstring)."""
    styles_xml = document.styles.element.xml.encode("utf-8")
    by_style, default = east_asia_fonts(styles_xml, _theme_xml(document))
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        font = default if style is None else by_style.get(style.get(qn("w:val")), default)
        for r in list(p.iterchildren(qn("w:r"))):
            if all(child.tag in _TEXT_ONLY for child in r):
                _split_run(r, font)


def _theme_xml(document) -> bytes | None:
    try:
        return document.part.part_related_by(RT.THEME).blob
    except (KeyError, AttributeError):
        return None


def _needs_work(text: str) -> bool:
    return any(forced for _, forced in font_runs(text)) or DIGIT_HYPHEN.search(text) is not None


def _split_run(r, paragraph_font: str | None) -> None:
    if not any(_needs_work(t.text or "") for t in r.iterchildren(qn("w:t"))):
        return
    rpr = r.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    east_asia = (fonts.get(qn("w:eastAsia")) if fonts is not None else None) or paragraph_font
    if east_asia is None:
        return
    runs: list[tuple[object, bool]] = []   # (w:r, set in the East Asian font)

    def current(forced: bool):
        if not runs or runs[-1][1] != forced:
            runs.append((_new_run(rpr, east_asia if forced else None), forced))
        return runs[-1][0]

    for child in r:
        if child.tag == qn("w:rPr"):
            continue
        if child.tag != qn("w:t"):
            current(False).append(copy.deepcopy(child))
            continue
        for piece, forced in font_runs(child.text or ""):
            if forced:
                _append_text(current(True), piece)
            else:
                _append_plain(current(False), piece)
    parent = r.getparent()
    at = parent.index(r)
    parent.remove(r)
    for offset, (run, _) in enumerate(runs):
        parent.insert(at + offset, run)


def _new_run(rpr, east_asia: str | None):
    """An empty ``w:r`` with a copy of ``rpr``; with ``east_asia``, that font in every slot plus the hint."""
    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    if east_asia:
        props = run.find(qn("w:rPr"))
        if props is None:
            props = OxmlElement("w:rPr")
            run.insert(0, props)
        fonts = props.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            style = props.find(qn("w:rStyle"))
            props.insert(0 if style is None else props.index(style) + 1, fonts)
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme"):
            fonts.attrib.pop(qn(f"w:{attr}"), None)
        for attr in ("ascii", "hAnsi", "eastAsia"):
            fonts.set(qn(f"w:{attr}"), east_asia)
        fonts.set(qn("w:hint"), "eastAsia")
    return run


def _append_text(run, text: str) -> None:
    if not text:
        return
    t = OxmlElement("w:t")
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)


def _append_plain(run, text: str) -> None:
    """Text with every hyphen between digits as ``w:noBreakHyphen``."""
    start = 0
    for m in DIGIT_HYPHEN.finditer(text):
        _append_text(run, text[start:m.start()])
        run.append(OxmlElement("w:noBreakHyphen"))
        start = m.end()
    _append_text(run, text[start:])
