"""The official layout (GB/T 9704-2012): the page's numbers and the one table of text roles.

Both outputs are built from here: :mod:`docgen.docx.build` writes these numbers and
fonts into ``templates/report.docx``; the PDF gets its font lists from the same
table (:func:`docgen.pdf.fonts.font_lists_css`), follows a restyled template by it
(:mod:`docgen.pdf.restyle`) and reports the fonts it really got by it
(:mod:`docgen.pdf.probe`, ``docgen fonts``).  Where the numbers come from:
``shared/design/layout.md``.

Two tables:

* :data:`FONT_KINDS` — a **kind of font** (仿宋, 小标宋, 黑体, 楷体, 宋体, Times New
  Roman): the name the .docx gives it and the hints of its ``fontTable`` entry, the
  official names that recognise an office's font file of the kind, the free
  stand-ins a Linux machine uses instead, and the marks that tell the kind of any
  font name a user restyles a template to (``华文楷体`` is a 楷体).
* :data:`TEXT_ROLES` — a **text role**, one per paragraph style of the template
  (body, title, headings, page numbers): its style id and name, the label users
  see, the kinds of its Chinese and Latin text, its size, and the element of
  ``templates/report.html`` that shows it.

Units: twips (1/20 pt) unless named otherwise; sizes (``*_SZ``) are in half-points,
as ``w:sz``.  Nothing here imports anything: the .docx path and the PDF path both
read it.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------- the page (GB/T 9704-2012)

PAGE_W, PAGE_H = 11906, 16838          # A4
MARGIN_TOP, MARGIN_BOTTOM = 2098, 1984  # 37 mm, 35 mm
MARGIN_LEFT, MARGIN_RIGHT = 1587, 1474  # 28 mm, 26 mm: a 156 x 225 mm type area
LINE_PITCH = 579                        # exact 28.95 pt → 22 lines in 225 mm
HEADER_DIST = 851                       # 15 mm (no header is used)
# "一字线上距版心下边缘7mm": top of the page-number line 7 mm below the type area.
# The footer paragraph is one exact 14 pt line, so its bottom sits
# 35 mm - 7 mm - 14 pt (4.94 mm) ≈ 23.06 mm above the paper's edge.
FOOTER_DIST = 1307
PAGE_NUMBER_INDENT = 280                # one 14 pt character in from the edge

# ---------------------------------------------------------------- sizes and spacing

BODY_SZ = 32                            # 3号 = 16 pt
TITLE_SZ = 44                           # 2号 = 22 pt
PAGE_NUMBER_SZ = 28                     # 4号 = 14 pt
CHAR_SPACING = -5                       # -0.25 pt a character: 28 characters a line in Word
CSS_LETTER_SPACING_PT = 0.25            # the same in the PDF (report.css letter-spacing: -0.25pt)
FIRST_LINE_CHARS = 200                  # 2 characters (hundredths of a character)
FIRST_LINE = 640                        # 2 × 16 pt, for clients that ignore *Chars


# ---------------------------------------------------------------- kinds of font


@dataclass(frozen=True)
class FontKind:
    """One kind of font of the layout, under every name it goes by.

    ``face_family`` is the ASCII family docgen declares an office's own font file
    under (``@font-face``), so it comes first in the PDF's font list and keeps the
    PDF's font names valid PDF names.  The PDF's list for the kind is
    :attr:`css_families`: that name, the other official names, the free stand-ins
    (``shared/design/layout.md``), a generic family.
    """

    key: str                         # "fangsong"
    use: str                         # what `docgen fonts` calls it: the role it is there for
    docx_name: str                   # the (Windows) name the .docx gives it: w:rFonts, fontTable
    docx_panose: str                 # fontTable hints Word and LibreOffice use to pick a substitute
    docx_charset: str                # 86 = GB2312, 00 = ANSI
    docx_family: str                 # roman, modern, script, auto
    docx_alt_name: str | None        # fontTable w:altName
    face_family: str                 # @font-face family of an office's file of this kind
    css_names: tuple[str, ...]       # the other official names, in the PDF's order
    file_names: tuple[str, ...]      # more names that make a font file official (not in the CSS)
    standins: tuple[str, ...]        # free faces, best first; the first is layout.md's stand-in
    generic: str                     # CSS generic family, last in the list
    marks: tuple[str, ...]           # words in a font name that tell the kind (case, " _-" aside)
    sample: str                      # text `docgen fonts` lays out to see the face it gets
    bold: bool = False               # set bold (小标宋 is a heavy face: its stand-in's Bold)
    draws: str = ""                  # characters a font file of the kind must draw, or it is damaged

    @property
    def css_families(self) -> tuple[str, ...]:
        """The PDF's font-family list for the kind, office file first, generic family last."""
        return (self.face_family, *self.css_names, *self.standins, self.generic)

    @property
    def official(self) -> tuple[str, ...]:
        """Names (any language) that make a font official for the kind, the .docx's name first."""
        names = (self.docx_name, self.face_family, *self.css_names, *self.file_names)
        return tuple(dict.fromkeys(names))

    @property
    def standin(self) -> str:
        """The face layout.md prescribes where the official one is missing, as fontconfig names it."""
        return self.standins[0] + (" Bold" if self.bold else "")

    @property
    def label(self) -> str:
        """``docgen fonts``' heading: the use, the official font and the size of the role it is probed in."""
        role, slot = first_use(self)
        size = "" if slot == "latin" else f" {role.size / 2:g}pt"
        return f"{self.use}（{self.docx_name}{size}）"


_BODY_SAMPLE = "整体支出绩效评价报告，“三公经费”；实现商业楼宇去化㎡。"
#: What a face must draw to count for a kind (㎡ aside: official fonts often lack it too).
_CHINESE = "一二三四五六七八九十整体支出绩效评价报告概况资金使用及管理情况目标完成其他需要说明事宜年度万元，。；：“”、（）"
_DIGITS = "0123456789"
_LATIN = _DIGITS + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,%-()"

#: Each kind once, in the order `docgen fonts` reports them; the marks are tried in this
#: order too (小标宋 and 仿宋 before 宋).
XIAOBIAOSONG = FontKind(
    "xiaobiaosong", "标题 title", "方正小标宋简体", "02000000000000000000", "86", "script", None,
    face_family="FZXiaoBiaoSong-B05S", css_names=("方正小标宋简体", "方正小标宋_GBK"),
    file_names=("FZXiaoBiaoSong-B05", "FZXBSJW--GB1-0", "FZXBSK--GBK1-0"),
    standins=("Noto Serif CJK SC", "FandolSong"), generic="serif",
    marks=("小标宋", "xiaobiaosong"), sample="整体支出绩效评价报告", bold=True, draws="整体支出绩效评价报告年度")
FANGSONG = FontKind(
    "fangsong", "正文 body", "仿宋_GB2312", "02010609030101010101", "86", "modern", "仿宋",
    face_family="FangSong_GB2312", css_names=("仿宋_GB2312", "FangSong", "仿宋"),
    file_names=("FangSong_GB18030",),
    standins=("FandolFang", "Noto Serif CJK SC", "AR PL UMing CN"), generic="serif",
    marks=("仿宋", "fangsong"), sample=_BODY_SAMPLE, draws=_CHINESE)
HEI = FontKind(
    "hei", "一级标题 heading 一、", "黑体", "02010609060101010101", "86", "modern", "SimHei",
    face_family="SimHei", css_names=("黑体",), file_names=(),
    standins=("Noto Sans CJK SC", "WenQuanYi Zen Hei"), generic="sans-serif",
    marks=("黑", "hei"), sample="一、整体支出概况", draws="一二三四、整体支出概况资金使用及管理情况目标完成其他需要说明事宜")
KAI = FontKind(
    "kai", "二级标题 heading （一）", "楷体_GB2312", "02010609030101010101", "86", "modern", "楷体",
    face_family="KaiTi_GB2312", css_names=("楷体_GB2312", "KaiTi", "楷体"), file_names=(),
    standins=("AR PL KaitiM GB", "AR PL UKai CN", "FandolKai", "Noto Serif CJK SC"), generic="serif",
    marks=("楷", "kai"), sample="（一）资金使用情况", draws="（一二三）资金使用情况")
TIMES = FontKind(
    "times", "数字和西文 digits, Latin", "Times New Roman", "02020603050405020304", "00", "roman", None,
    face_family="Times New Roman", css_names=(), file_names=("TimesNewRomanPSMT",),
    standins=("Liberation Serif", "TeX Gyre Termes", "Nimbus Roman"), generic="serif",
    marks=("timesnewroman",), sample="2020 5005.93 100% A-Z", draws=_LATIN)
SONG = FontKind(
    "song", "页码 page number", "宋体", "02010600030101010101", "86", "auto", "SimSun",
    face_family="SimSun", css_names=("宋体",), file_names=(),
    standins=("AR PL SungtiL GB", "AR PL UMing CN", "FandolSong", "Noto Serif CJK SC"), generic="serif",
    marks=("宋", "simsun", "song"), sample="", draws=_DIGITS + "—")  # the page number: every probe page has one

FONT_KINDS: tuple[FontKind, ...] = (XIAOBIAOSONG, FANGSONG, HEI, KAI, TIMES, SONG)


# ---------------------------------------------------------------- text roles


@dataclass(frozen=True)
class TextRole:
    """One paragraph style of the template, and where the PDF shows the same text.

    ``selector``: the element of ``templates/report.html`` that stands for the style
    (``h2`` for heading 1), or a page-number box as ``":right bottom-right"`` (an
    ``@page`` selector and a margin box); None where the PDF has no such text.
    ``tight``: set 28 characters a line (``CHAR_SPACING`` in the .docx,
    ``CSS_LETTER_SPACING_PT`` in the PDF); the title and page numbers are not.
    """

    key: str
    style_id: str                    # w:styleId
    name: str                        # w:name: what Word shows, and finds a renamed style by
    label: str                       # what users read in messages
    east_asia: FontKind              # w:eastAsia: Chinese text
    latin: FontKind                  # w:ascii / w:hAnsi: digits and Latin letters
    size: int                        # half-points
    selector: str | None
    tight: bool = True

    @property
    def margin_box(self) -> tuple[str, str] | None:
        """``(":right", "bottom-right")`` for a page-number role; None for an element of the page."""
        if self.selector is None or not self.selector.startswith(":"):
            return None
        page, box = self.selector.split()
        return page, box


#: Every style of the template, in the order ``word/styles.xml`` has them.
TEXT_ROLES: tuple[TextRole, ...] = (
    TextRole("body", "Normal", "Normal", "正文 Normal", FANGSONG, TIMES, BODY_SZ, "p"),
    TextRole("title", "Title", "Title", "标题 Title", XIAOBIAOSONG, TIMES, TITLE_SZ, "h1.title", tight=False),
    TextRole("heading1", "Heading1", "heading 1", "标题 1 heading 1", HEI, TIMES, BODY_SZ, "h2"),
    TextRole("heading2", "Heading2", "heading 2", "标题 2 heading 2", KAI, TIMES, BODY_SZ, "h3"),
    TextRole("heading3", "Heading3", "heading 3", "标题 3 heading 3", FANGSONG, TIMES, BODY_SZ, "h4"),
    TextRole("heading4", "Heading4", "heading 4", "标题 4 heading 4", FANGSONG, TIMES, BODY_SZ, "h5"),
    TextRole("label", "Label", "附件标注", "附件标注 label", HEI, TIMES, BODY_SZ, "p.label"),
    TextRole("field", "FrontMatter", "表头信息", "表头信息 front matter", FANGSONG, TIMES, BODY_SZ, "p.field"),
    TextRole("signature", "Signature", "落款", "落款 signature", FANGSONG, TIMES, BODY_SZ, "p.signature"),
    TextRole("footer", "Footer", "footer", "页脚 footer", SONG, SONG, PAGE_NUMBER_SZ, None, tight=False),
    TextRole("page_odd", "PageNumberOdd", "页码（奇数页）", "页码（奇数页）", SONG, SONG, PAGE_NUMBER_SZ,
             ":right bottom-right", tight=False),
    TextRole("page_even", "PageNumberEven", "页码（偶数页）", "页码（偶数页）", SONG, SONG, PAGE_NUMBER_SZ,
             ":left bottom-left", tight=False),
)

ROLES: dict[str, TextRole] = {role.key: role for role in TEXT_ROLES}


def first_use(kind: FontKind) -> tuple[TextRole, str]:
    """The first role of the PDF set in ``kind``, and which of its fonts: ``"east_asia"`` or ``"latin"``.

    ``docgen fonts`` lays out the kind's sample in that role's element, and compares
    the font a restyled template gives that role with what the PDF got.
    """
    shown = [role for role in TEXT_ROLES if role.selector is not None]
    for slot in ("east_asia", "latin"):
        for role in shown:
            if getattr(role, slot).key == kind.key:
                return role, slot
    raise LookupError(f"no text role of the PDF uses {kind.key}")


def docx_fonts() -> tuple[FontKind, ...]:
    """The kinds the template's styles name, in the order they first name them (Latin before Chinese)."""
    kinds: dict[str, FontKind] = {}
    for role in TEXT_ROLES:
        kinds.setdefault(role.latin.key, role.latin)
        kinds.setdefault(role.east_asia.key, role.east_asia)
    return tuple(kinds.values())


# ---------------------------------------------------------------- tables (the 绩效自评表)

#: Table text: 仿宋_GB2312 五号 (10.5 pt), Times New Roman digits, single line spacing
#: (never the body's exact 28.95 pt grid: a row would be a grid line per text line).
TABLE_SZ = 21
TABLE_FONTS = (FANGSONG, TIMES)        # (Chinese, Latin)
TABLE_CELL_MARGIN = 85                 # 1.5 mm left and right in every cell
TABLE_BORDER_SZ = 4                    # eighths of a point: 0.5 pt lines
