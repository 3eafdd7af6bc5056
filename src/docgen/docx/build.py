"""All raw WordprocessingML that docgen writes, in one small module.

python-docx's friendly API cannot express several things the official layout
needs: ``w:eastAsia`` fonts on docDefaults and styles, the line grid, exact line
pitch, character-unit indents, PAGE fields.  Like python-docx's own ``oxml``
package, we keep that XML surgery here, behind a few functions, so the template
builder reads as layout decisions and the XML is reviewed in one place.

The numbers and the fonts of each style come from :mod:`docgen.layout` (the GB/T 9704
numbers and the one table of text roles); this module only writes them as XML.
Units: twips (1/20 pt) unless named otherwise; ``sz`` is in half-points.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml

from ..layout import (BODY_SZ, CHAR_SPACING, FIRST_LINE, FIRST_LINE_CHARS, FOOTER_DIST, HEADER_DIST,
                      LINE_PITCH, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, PAGE_H, PAGE_NUMBER_INDENT,
                      PAGE_NUMBER_SZ, PAGE_W, ROLES, TextRole, docx_fonts)
from .ooxml import EXTENDED_PROPERTIES_NS, nsdecls, qn

# ---- what Word does by default, written out for LibreOffice --------------------
# w:overflowPunct (ISO/IEC 29500-1 §17.3.1.21): "Omitting this element sets its value
# to true", so val="1" is exactly what Word does without it.  LibreOffice's importer
# reads the element inverted (writerfilter: IsHangingPunctuation = (val == 0)), and
# absent it keeps its own default, hanging punctuation on: commas then hung 5.7 mm
# into the margin and three of them were not printed at all.  Written once, on
# docDefaults, it turns hanging off in LibreOffice and changes nothing in Word.
NO_HANGING_PUNCTUATION = '<w:overflowPunct w:val="1"/>'
# The document's language is Chinese (LibreOffice's PDF of it says /Lang zh-CN).  The
# Latin-script runs of the report's styles (digits, letters) stay en-US: with zh-CN as
# their language LibreOffice 7.4 breaks lines inside numbers ("2517.8" | "1万元").
DOCUMENT_LANG = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
LATIN_TEXT_LANG = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
COMPATIBILITY_MODE = 15                 # Word 2013 and later: no "compatibility mode" banner
APPLICATION = "docgen"


def _rfonts(role: TextRole) -> str:
    """The role's fonts: ``w:eastAsia`` for Chinese, the Latin font for the other slots."""
    east_asia, latin = role.east_asia.docx_name, role.latin.docx_name
    return (f"<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} "
            f"w:eastAsia={quoteattr(east_asia)} w:cs={quoteattr(latin)}/>")


def _rpr(role: TextRole, extra: str = "", lang: str = "") -> str:
    """A style's run properties: its fonts, not bold, its character spacing and size."""
    sp = f'<w:spacing w:val="{CHAR_SPACING if role.tight else 0}"/>'
    return (f"<w:rPr>{_rfonts(role)}<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>"
            f"{extra}{sp}<w:sz w:val=\"{role.size}\"/><w:szCs w:val=\"{role.size}\"/>{lang}</w:rPr>")


def _exact(line: int) -> str:
    return f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>'


_BODY_IND = f'<w:ind w:firstLineChars="{FIRST_LINE_CHARS}" w:firstLine="{FIRST_LINE}"/>'
_NO_IND = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'


def styles_xml() -> bytes:
    """The whole ``word/styles.xml``: docDefaults plus every style the template uses.

    Every style carries its own ``w:rFonts`` with ``w:eastAsia`` (not only
    docDefaults), so that restyling one style in Word never lets a theme font
    (等线/Calibri) leak into an official document.
    """
    r = ROLES
    body = r["body"]
    para = []

    def pstyle(role: TextRole, ppr: str, rpr: str, *, based="Normal", nxt="Normal",
               default=False, outline: int | None = None, extra_head: str = "") -> None:
        d = ' w:default="1"' if default else ""
        based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
        ol = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
        ppr = ppr.replace("</w:pPr>", f"{ol}</w:pPr>") if ol else ppr
        para.append(
            f'<w:style w:type="paragraph"{d} w:styleId="{role.style_id}">'
            f'<w:name w:val="{role.name}"/>{based_on}<w:next w:val="{nxt}"/>{extra_head}<w:qFormat/>'
            f"{ppr}{rpr}</w:style>")

    common = '<w:widowControl w:val="0"/>'
    pstyle(body, f"<w:pPr>{common}{_exact(LINE_PITCH)}{_BODY_IND}<w:jc w:val=\"both\"/></w:pPr>",
           _rpr(body, lang=LATIN_TEXT_LANG), based="", default=True)
    title = r["title"]
    # Not snapped to the line grid: LibreOffice gives a grid-snapped 22 pt line two grid
    # lines (so page 1 held 21 lines); unsnapped, each title line is one exact 579 line,
    # as in Word.  The blank line after the title is the 579 "after" spacing.
    no_snap = '<w:snapToGrid w:val="0"/>'
    pstyle(title, f'<w:pPr><w:keepNext/>{common}{no_snap}<w:spacing w:before="0" w:after="{LINE_PITCH}" '
                  f'w:line="{LINE_PITCH}" w:lineRule="exact"/>{_NO_IND}<w:jc w:val="center"/></w:pPr>',
           _rpr(title))
    for key, level in (("heading1", 0), ("heading2", 1), ("heading3", 2), ("heading4", 3)):
        role = r[key]
        pstyle(role, f"<w:pPr><w:keepNext/>{common}{_exact(LINE_PITCH)}{_BODY_IND}"
                     f"<w:jc w:val=\"both\"/></w:pPr>",
               _rpr(role), outline=level)
    # 附件3 at the top left; the front matter's fields flush left; the 落款 flush right
    for key, jc in (("label", "left"), ("field", "both"), ("signature", "right")):
        keep = "<w:keepNext/>" if key == "label" else ""
        pstyle(r[key], f"<w:pPr>{keep}{common}{_exact(LINE_PITCH)}{_NO_IND}<w:jc w:val=\"{jc}\"/></w:pPr>",
               _rpr(r[key], lang=LATIN_TEXT_LANG))
    footer = r["footer"]
    foot_ppr = (f"<w:pPr>{common}<w:snapToGrid w:val=\"0\"/>{_exact(PAGE_NUMBER_SZ * 10)}"
                f"{_NO_IND}<w:jc w:val=\"{{jc}}\"/></w:pPr>")
    pstyle(footer, foot_ppr.replace("{jc}", "center"), _rpr(footer))
    odd, even = r["page_odd"], r["page_even"]
    pstyle(odd, foot_ppr.replace(_NO_IND, f'<w:ind w:left="0" w:right="{PAGE_NUMBER_INDENT}" '
                                 'w:firstLineChars="0" w:firstLine="0"/>').replace("{jc}", "right"),
           _rpr(odd), based="Footer", nxt=odd.style_id)
    pstyle(even, foot_ppr.replace(_NO_IND, f'<w:ind w:left="{PAGE_NUMBER_INDENT}" w:right="0" '
                                  'w:firstLineChars="0" w:firstLine="0"/>').replace("{jc}", "left"),
           _rpr(even), based="Footer", nxt=even.style_id)

    defaults_rpr = (f"<w:rPr>{_rfonts(body)}<w:kern w:val=\"2\"/>"
                    f"<w:sz w:val=\"{BODY_SZ}\"/><w:szCs w:val=\"{BODY_SZ}\"/>"
                    f"{DOCUMENT_LANG}</w:rPr>")
    body_rfonts = _rfonts(body)
    xml = (
        f"<w:styles {nsdecls('w')}>"
        f"<w:docDefaults><w:rPrDefault>{defaults_rpr}</w:rPrDefault>"
        f"<w:pPrDefault><w:pPr>{common}{NO_HANGING_PUNCTUATION}{_exact(LINE_PITCH)}"
        "<w:jc w:val=\"both\"/></w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
        + "".join(para)
        + '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
          '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
          f"<w:unhideWhenUsed/><w:rPr>{body_rfonts}</w:rPr></w:style>"
          '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
          '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
          f"<w:rPr>{body_rfonts}</w:rPr>"
          '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
          '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
          '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
          '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
          '<w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>'
          "</w:style>"
        "</w:styles>"
    )
    return xml.encode("utf-8")


def set_page_geometry(sect_pr, *, footer_refs: dict[str, str]) -> None:
    """Replace a ``w:sectPr``'s page size, margins and grid with the official numbers."""
    for child in list(sect_pr):
        sect_pr.remove(child)
    refs = "".join(f'<w:footerReference {nsdecls("w", "r")} w:type="{kind}" r:id="{rid}"/>'
                   for kind, rid in footer_refs.items())
    frag = parse_xml(
        f"<w:sectPr {nsdecls('w', 'r')}>{refs}"
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" '
        f'w:left="{MARGIN_LEFT}" w:header="{HEADER_DIST}" w:footer="{FOOTER_DIST}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{LINE_PITCH}"/>'
        "</w:sectPr>")
    for child in list(frag):
        sect_pr.append(child)


def page_number_runs() -> list:
    """Runs for "— N —": em dashes around a PAGE field (complex field, as Word writes it)."""
    xml = (
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve">— </w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t>1</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> —</w:t></w:r>',
    )
    return [parse_xml(x) for x in xml]


def font_table_xml() -> bytes:
    """``word/fontTable.xml`` listing exactly the fonts the styles name.

    Each with the hints Word and LibreOffice use to pick a substitute where the font
    is missing (panose, charset 86 = GB2312, family roman/modern …, an alternative name).
    """
    fonts = []
    for kind in docx_fonts():
        alt_el = f"<w:altName w:val={quoteattr(kind.docx_alt_name)}/>" if kind.docx_alt_name else ""
        fonts.append(f"<w:font w:name={quoteattr(kind.docx_name)}>{alt_el}"
                     f"<w:panose1 w:val=\"{kind.docx_panose}\"/><w:charset w:val=\"{kind.docx_charset}\"/>"
                     f"<w:family w:val=\"{kind.docx_family}\"/><w:pitch w:val=\"variable\"/></w:font>")
    return f"<w:fonts {nsdecls('w')}>{''.join(fonts)}</w:fonts>".encode("utf-8")


def set_compatibility_mode(settings_element, mode: int = COMPATIBILITY_MODE) -> None:
    """``w:compat/w:compatSetting[@w:name='compatibilityMode']`` = ``mode`` (python-docx's default says 14)."""
    compat = settings_element.find(qn("w:compat"))
    if compat is None:
        compat = parse_xml(f"<w:compat {nsdecls('w')}/>")
        settings_element.append(compat)
    for el in compat.findall(qn("w:compatSetting")):
        if el.get(qn("w:name")) == "compatibilityMode":
            el.set(qn("w:val"), str(mode))
            return
    compat.append(parse_xml(
        f'<w:compatSetting {nsdecls("w")} w:name="compatibilityMode" '
        f'w:uri="http://schemas.microsoft.com/office/word" w:val="{mode}"/>'))


def app_properties_xml() -> bytes:
    """``docProps/app.xml``: the application is docgen; no page or word counts.

    Word recounts pages and words when it saves; docgen cannot know them without
    laying the document out, and a stale "Pages 1, Words 0" is worse than none.
    """
    return (f'<Properties xmlns="{EXTENDED_PROPERTIES_NS}"><Application>{APPLICATION}</Application>'
            "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
            ).encode("utf-8")


def set_theme_font_lang_zh(settings_element) -> None:
    """python-docx's default settings say eastAsia="ja-JP"; the report is zh-CN."""
    el = settings_element.find(qn("w:themeFontLang"))
    if el is not None:
        el.set(qn("w:eastAsia"), "zh-CN")
