"""Do the fonts really draw the text?  A font's names say nothing about its glyphs.

A damaged or mislabelled font file can call itself "Times New Roman" in its name
table and still have no digits: nothing in its character map, the map pointing at
``.notdef``, or glyphs without an outline.  Embedded in a PDF, such a face prints
every digit as a blank — and the render used to succeed.  Two checks, both with
fontTools (which :mod:`docgen.pdf.fonts` already uses for the names):

* :func:`undrawable` — before: which of the characters a kind of font must draw
  (:attr:`docgen.layout.FontKind.draws`: the digits for Times New Roman, the
  Chinese of the report's headings for 仿宋 …) a font file from the office's
  folders cannot draw.  :func:`docgen.pdf.fonts.scan_font_dirs` then treats the
  file as damaged: ``docgen fonts`` does not call it official, and the PDF is set
  without it (in the stand-in), with a warning.
* :func:`blank_glyphs` — after: every glyph of every face WeasyPrint embedded
  (the subset, as it is in the PDF; read through :func:`docgen.seam.embedded_fonts`)
  that stands for a visible character must have an outline, and no character may
  be missing from every font (:func:`docgen.seam.notdef_characters`).  Otherwise
  the PDF's text would not be the document's text, and :func:`require_ink` refuses
  the render (exit code 3), naming the font and the characters.

No WeasyPrint here (fontTools is imported when a font is read): :mod:`docgen.pdf.fonts`
uses :func:`undrawable` while scanning the office's folders.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..errors import Diagnostic, DocgenError, EXIT_TEMPLATE, clip
from ..paths import display_path

_MOVETO = {"rmoveto", "hmoveto", "vmoveto"}
_MOVETO_BYTES = {4, 21, 22}  # their Type 2 operator codes (vmoveto, rmoveto, hmoveto)
_SUBROUTINES = {"callsubr", "callgsubr"}


def visible(text: str) -> bool:
    """Whether ``text`` must leave ink: not spaces, not format or control characters."""
    return any(unicodedata.category(ch) not in ("Zs", "Zl", "Zp", "Cc", "Cf") for ch in text)


class _Outlines:
    """Whether a glyph of one face has an outline (TrueType glyf, CFF or CFF2 charstrings)."""

    def __init__(self, font) -> None:
        self.font = font
        self.order = font.getGlyphOrder()
        self.glyf = font["glyf"] if "glyf" in font else None
        self.charstrings = None
        for tag in ("CFF ", "CFF2"):
            if self.glyf is None and tag in font:
                cff = font[tag].cff
                self.charstrings = cff[cff.fontNames[0]].CharStrings
                break

    @property
    def checkable(self) -> bool:
        """False for a face without outline tables (bitmap, SVG or colour only): not judged."""
        return self.glyf is not None or self.charstrings is not None

    def drawn(self, gid: int) -> bool:
        if gid <= 0 or gid >= len(self.order):
            return False  # .notdef, or a glyph the face does not have
        name = self.order[gid]
        if self.glyf is not None:
            return self.glyf[name].numberOfContours != 0  # composite glyphs: -1
        charstring = self.charstrings[name]
        code = getattr(charstring, "bytecode", None)
        if code is not None and len(code) > 12 and _MOVETO_BYTES & set(code):
            return True  # a real outline: a moveto operator in a charstring of some length (fast path)
        charstring.decompile()
        ops = {op for op in charstring.program if isinstance(op, str)}
        if ops & _MOVETO:
            return True
        if ops & _SUBROUTINES:  # the outline may be in a subroutine: draw it to see
            from fontTools.pens.boundsPen import BoundsPen

            pen = BoundsPen(self.font.getGlyphSet())
            charstring.draw(pen)
            return pen.bounds is not None
        numbers = [x for x in charstring.program if not isinstance(x, str)]
        return charstring.program[-1:] == ["endchar"] and len(numbers) >= 4  # seac: an accented glyph


def undrawable(font, chars: str) -> str:
    """The characters of ``chars`` that ``font`` (a fontTools TTFont) cannot draw."""
    cmap = font.getBestCmap() or {}
    outlines = _Outlines(font)
    ids = {name: gid for gid, name in enumerate(outlines.order)}
    missing = []
    for ch in dict.fromkeys(chars):
        name = cmap.get(ord(ch))
        gid = ids.get(name, 0) if name else 0
        if gid == 0 or (outlines.checkable and not outlines.drawn(gid)):
            missing.append(ch)
    return "".join(missing)


def blank_glyphs(fonts: Iterable) -> list[tuple[str, str]]:
    """(family, characters) of each embedded face with glyphs that would print blank.

    ``fonts``: :func:`docgen.seam.embedded_fonts` of a written document — each face's
    family, its bytes as embedded, its index in a collection, and the text each glyph
    stands for.
    """
    from fontTools.ttLib import TTFont

    out = []
    for face in fonts:
        used = {gid: text for gid, text in face.glyphs.items() if visible(text)}
        if not used:
            continue
        try:
            font = TTFont(io.BytesIO(face.data), fontNumber=face.index or 0, lazy=True)
            outlines = _Outlines(font)
            if not outlines.checkable:
                continue
            blank = "".join(sorted({text for gid, text in used.items() if not outlines.drawn(gid)}))
        except Exception:  # noqa: BLE001 - a system face fontTools cannot parse: not judged here
            continue  # (an office file fontTools cannot read never gets this far: see scan_font_dirs)
        if blank:
            out.append((face.family, blank))
    return out


def require_ink(fonts: Iterable, notdef: list[str], template: Path, office: dict[str, Path]) -> None:
    """Refuse a PDF whose text would not be the document's: blank glyphs or .notdef boxes (exit 3).

    ``fonts``: :func:`docgen.seam.embedded_fonts` of the written document; ``notdef``: the
    characters no font had (:func:`docgen.seam.notdef_characters`); ``template``:
    report.html (named where no font file is to blame); ``office``: the @font-face
    family of each office font file → the file, to name a face's file.
    """
    problems = []
    for family, chars in blank_glyphs(fonts):
        chars = "".join(ch for ch in chars if ch not in notdef)  # those are reported below
        if not chars:
            continue
        path = display_path(office[family]) if family in office else None
        where = f"，文件 {path}" if path else ""
        problems.append(Diagnostic(
            file=path or str(template),
            message=f"PDF 中这些字会印成空白：{clip(chars, 60)}（字体 {family}{where}，它没有这些字的字形）。"
                    f"the PDF would print blanks: font {family} has no glyphs for {clip(chars, 60)}",
            hint="换一个完好的字体文件（放在 fonts/ 或 --fonts 文件夹中），或删除这个字体文件，"
                 "再用 docgen fonts 查看各部分实际使用的字体。"))
    if notdef:
        chars = "".join(dict.fromkeys(notdef))
        codes = " ".join(f"U+{ord(c):04X}" for c in chars[:10])
        problems.append(Diagnostic(
            file=str(template),
            message=f"PDF 中这些字符在所有字体中都找不到，会印成方框：{clip(chars, 60)}（{codes}）。"
                    "no installed font has these characters",
            hint="把含有这些字符的字体文件放入 fonts/（或用 --fonts 指定），或在内容中换用常用字符。"))
    if problems:
        raise DocgenError(problems, EXIT_TEMPLATE)
