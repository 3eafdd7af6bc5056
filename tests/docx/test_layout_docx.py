"""Issue 2 §5: the .docx carries the official layout of shared/design/layout.md.

Reads the WordprocessingML itself (zipfile + lxml), because what matters is what
Word and LibreOffice will *resolve*: a run's font is the result of docDefaults →
the paragraph style's basedOn chain → direct paragraph props → run props, so the
small resolver below walks that chain the way Word does and the tests assert
the *effective* font, size, indent and alignment of every text role.

Package-level checks (styles, settings, section, footers) run on the committed
template and on the rendered 2020 report; role checks run on the rendered report.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from helpers import TEMPLATE

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W_NS, "r": R_NS}
EM_DASH = "\u2014"

# layout.md, in twips / half-points
A4 = (11906, 16838)
MARGINS = {"top": 2098, "bottom": 1984, "left": 1587, "right": 1474}
LINE_PITCH = 579
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
BODY_HALF_PT, TITLE_HALF_PT, PAGE_NUMBER_HALF_PT = 32, 44, 28
LATIN = "Times New Roman"


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def wattr(el, name: str):
    return el.get(w(name))


# ----------------------------------------------------------------- package access


@dataclass
class Package:
    """The XML parts of one .docx that layout depends on."""

    path: Path
    parts: dict[str, bytes]

    @classmethod
    def open(cls, path: Path) -> "Package":
        with zipfile.ZipFile(path) as z:
            return cls(path, {n: z.read(n) for n in z.namelist()})

    def xml(self, name: str):
        return etree.fromstring(self.parts[name])

    @property
    def document(self):
        return self.xml("word/document.xml")

    @property
    def styles(self) -> "Styles":
        return Styles(self.xml("word/styles.xml"))

    def footers(self) -> dict[str, etree._Element]:
        """Footer parts by sectPr reference type (default = odd pages, even)."""
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{{{PKG_REL_NS}}}Relationship")}
        (sect,) = self.document.findall(".//w:body/w:sectPr", NS)
        out = {}
        for ref in sect.findall("w:footerReference", NS):
            out[wattr(ref, "type")] = self.xml("word/" + target[ref.get(f"{{{R_NS}}}id")])
        return out


# ------------------------------------------------------- style inheritance resolver

_MERGED_BY_ATTRIBUTE = {w("rFonts"), w("ind"), w("spacing"), w("lang")}
_SKIP = {w("rPr"), w("sectPr"), w("pPrChange"), w("rPrChange"), w("numPr"), w("tabs")}


def _merge(props: dict, container) -> None:
    """Lay one pPr/rPr over the accumulated props, the way Word inherits them.

    Font, indent, spacing and language attributes inherit one by one (a style
    that sets only w:eastAsia keeps the inherited w:ascii); every other property
    is replaced as a whole (w:sz, w:jc, w:b …).
    """
    if container is None:
        return
    for child in container:
        if child.tag in _SKIP or not isinstance(child.tag, str):
            continue
        attrs = {etree.QName(k).localname: v for k, v in child.attrib.items()}
        if child.tag in _MERGED_BY_ATTRIBUTE:
            props.setdefault(etree.QName(child).localname, {}).update(attrs)
        else:
            props[etree.QName(child).localname] = attrs


class Styles:
    """styles.xml: docDefaults plus styles by id, resolved through basedOn."""

    def __init__(self, root) -> None:
        self.root = root
        self.by_id = {wattr(s, "styleId"): s for s in root.findall("w:style", NS)}
        self.default_ppr = root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self.default_rpr = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        defaults = [s for s in root.findall("w:style", NS)
                    if wattr(s, "type") == "paragraph" and wattr(s, "default") in ("1", "true")]
        assert len(defaults) == 1, "exactly one default paragraph style"
        self.default_paragraph = wattr(defaults[0], "styleId")

    def chain(self, style_id: str) -> list:
        """The style and its basedOn ancestors, base first."""
        out, seen = [], set()
        while style_id:
            assert style_id not in seen, f"basedOn loop at {style_id}"
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find("w:basedOn", NS)
            style_id = wattr(based, "val") if based is not None else None
        return out[::-1]

    def paragraph_style(self, p) -> str:
        ps = p.find("w:pPr/w:pStyle", NS)
        return wattr(ps, "val") if ps is not None else self.default_paragraph

    def para_props(self, p) -> dict:
        props: dict = {}
        _merge(props, self.default_ppr)
        for style in self.chain(self.paragraph_style(p)):
            _merge(props, style.find("w:pPr", NS))
        _merge(props, p.find("w:pPr", NS))
        return props

    def run_props(self, p, r) -> dict:
        props: dict = {}
        _merge(props, self.default_rpr)
        for style in self.chain(self.paragraph_style(p)):
            _merge(props, style.find("w:rPr", NS))
        rpr = r.find("w:rPr", NS)
        if rpr is not None and rpr.find("w:rStyle", NS) is not None:
            for style in self.chain(wattr(rpr.find("w:rStyle", NS), "val")):
                _merge(props, style.find("w:rPr", NS))
        _merge(props, rpr)
        return props


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(w("t")))


def text_runs(p) -> list:
    return [r for r in p.findall(".//w:r", NS) if r.find("w:t", NS) is not None]


def is_off(props: dict, name: str) -> bool:
    return name in props and props[name].get("val") in ("0", "false", "off")


def is_on(props: dict, name: str) -> bool:
    return name in props and props[name].get("val", "1") in ("1", "true", "on")


# ------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def rendered(rendered_2020) -> Package:
    return Package.open(rendered_2020)


@pytest.fixture(scope="module", params=["template", "rendered"])
def package(request, rendered_2020) -> Package:
    return Package.open(TEMPLATE if request.param == "template" else rendered_2020)


@dataclass
class Roles:
    styles: Styles
    title: list
    headings: list
    body: list


@pytest.fixture(scope="module")
def roles(rendered) -> Roles:
    paras = [p for p in rendered.document.find("w:body", NS).findall("w:p", NS) if text_of(p).strip()]
    heading = re.compile(r"^[一二三四五六七八九十]+、")
    return Roles(
        styles=rendered.styles,
        title=paras[:1],
        headings=[p for p in paras[1:] if heading.match(text_of(p))],
        body=[p for p in paras[1:] if not heading.match(text_of(p))],
    )


# ------------------------------------------------------------- page and grid


def test_single_section_a4_portrait_with_official_margins(package):
    sects = package.document.findall(".//w:sectPr", NS)
    assert len(sects) == 1, "one section: odd/even footers and the grid apply to every page"
    (sect,) = sects
    pg_sz = sect.find("w:pgSz", NS)
    assert (int(wattr(pg_sz, "w")), int(wattr(pg_sz, "h"))) == A4
    assert wattr(pg_sz, "orient") in (None, "portrait")
    pg_mar = sect.find("w:pgMar", NS)
    assert {k: int(wattr(pg_mar, k)) for k in MARGINS} == MARGINS
    assert int(wattr(pg_mar, "gutter") or 0) == 0


def test_type_area_is_156_by_225_mm(package):
    type_w = A4[0] - MARGINS["left"] - MARGINS["right"]
    type_h = A4[1] - MARGINS["top"] - MARGINS["bottom"]
    mm = 1440 / 25.4
    assert abs(type_w / mm - 156) <= 1 and abs(type_h / mm - 225) <= 1


def test_line_grid_is_lines_only_with_579_pitch(package):
    (grid,) = package.document.findall(".//w:sectPr/w:docGrid", NS)
    # not "linesAndChars": LibreOffice lays out 14 characters a line with a character grid
    assert wattr(grid, "type") == "lines"
    assert int(wattr(grid, "linePitch")) == LINE_PITCH
    assert wattr(grid, "charSpace") is None


def test_22_lines_of_28_characters_fit_the_type_area(roles):
    """Exact 579-twip lines give 22 a page; 16 pt glyphs tightened by 0.25 pt give 28 a line."""
    type_w = A4[0] - MARGINS["left"] - MARGINS["right"]
    type_h = A4[1] - MARGINS["top"] - MARGINS["bottom"]
    for p in roles.body:
        ppr = roles.styles.para_props(p)
        assert ppr["spacing"].get("lineRule") == "exact" and int(ppr["spacing"]["line"]) == LINE_PITCH
        assert int(ppr["spacing"].get("before", 0)) == 0 and int(ppr["spacing"].get("after", 0)) == 0
        for r in text_runs(p):
            rpr = roles.styles.run_props(p, r)
            advance = int(rpr["sz"]["val"]) * 10 + int(rpr["spacing"]["val"])  # twips a character
            assert int(rpr["spacing"]["val"]) == -5, text_of(p)[:20]
            assert CHARS_PER_LINE * advance <= type_w < (CHARS_PER_LINE + 1) * advance
    assert LINES_PER_PAGE * LINE_PITCH <= type_h < (LINES_PER_PAGE + 1) * LINE_PITCH


def test_widow_control_is_off_everywhere(package):
    styles = package.styles
    body = package.document.find("w:body", NS)
    paras = body.findall("w:p", NS)
    assert paras
    for p in paras:
        assert is_off(styles.para_props(p), "widowControl"), text_of(p)[:20]
    for footer in package.footers().values():
        for p in footer.findall("w:p", NS):
            assert is_off(styles.para_props(p), "widowControl")


# ------------------------------------------------------------------- text roles


#: Characters Word and LibreOffice would set in the Latin font: the .docx gives them runs of
#: their own in the Chinese face (issue 13 §5).  Those of the 2020 report, by hand.
CHINESE_FACE_PUNCTUATION = set("“”·")


def _assert_fonts(styles: Styles, p, east_asia: str, latin: str, half_pt: int) -> None:
    runs = text_runs(p)
    assert runs, text_of(p)[:20]
    for r in runs:
        rpr = styles.run_props(p, r)
        fonts = rpr["rFonts"]
        label = text_of(p)[:20]
        assert fonts.get("eastAsia") == east_asia, label
        if set(text_of(r)) <= CHINESE_FACE_PUNCTUATION:
            # “12345” closes in the Chinese face in Word (hint), LibreOffice and WPS (the fonts)
            assert fonts.get("ascii") == fonts.get("hAnsi") == east_asia, label
            assert fonts.get("hint") == "eastAsia", label
            continue
        assert not set(text_of(r)) & CHINESE_FACE_PUNCTUATION, f"{text_of(r)!r} in a Latin run"
        assert fonts.get("ascii") == latin and fonts.get("hAnsi") == latin, label
        assert int(rpr["sz"]["val"]) == half_pt, label
        assert not is_on(rpr, "b"), f"not bold: {label}"


def test_title_22pt_fangzheng_xiaobiaosong_centred(roles):
    (p,) = roles.title
    assert text_of(p) == "2020年度清水塘街道整体支出绩效评价报告"
    _assert_fonts(roles.styles, p, "方正小标宋简体", LATIN, TITLE_HALF_PT)
    ppr = roles.styles.para_props(p)
    assert ppr["jc"]["val"] == "center"
    ind = ppr.get("ind", {})
    assert int(ind.get("firstLine", 0)) == 0 and int(ind.get("firstLineChars", 0)) == 0
    assert int(ind.get("left", 0)) == 0 and int(ind.get("right", 0)) == 0


def test_title_lines_take_one_grid_line_each_then_one_blank_line(roles):
    (p,) = roles.title
    ppr = roles.styles.para_props(p)
    assert ppr["spacing"]["lineRule"] == "exact" and int(ppr["spacing"]["line"]) == LINE_PITCH
    assert int(ppr["spacing"].get("before", 0)) == 0
    assert int(ppr["spacing"]["after"]) == LINE_PITCH, "one blank grid line after the title"
    # Snapped to the grid, LibreOffice gives a 22 pt line two grid lines (page 1 then holds 21).
    assert is_off(ppr, "snapToGrid")


def test_body_16pt_fangsong_times_first_line_two_chars_justified(roles):
    assert len(roles.body) >= 30
    for p in roles.body:
        _assert_fonts(roles.styles, p, "仿宋_GB2312", LATIN, BODY_HALF_PT)
        ppr = roles.styles.para_props(p)
        assert ppr["jc"]["val"] == "both", text_of(p)[:20]
        ind = ppr["ind"]
        assert int(ind["firstLineChars"]) == 200, text_of(p)[:20]
        assert int(ind.get("firstLine", 640)) == 2 * BODY_HALF_PT * 10  # for clients without *Chars
        assert int(ind.get("left", 0)) == 0 and int(ind.get("hanging", 0)) == 0


def test_level_one_headings_heiti_16pt_indented_like_body(roles):
    texts = [text_of(p) for p in roles.headings]
    assert texts == ["一、整体支出概况", "二、整体支出资金使用及管理情况",
                     "三、2020年绩效目标完成情况", "四、其他需要说明事宜"]
    for p in roles.headings:
        _assert_fonts(roles.styles, p, "黑体", LATIN, BODY_HALF_PT)
        ppr = roles.styles.para_props(p)
        assert int(ppr["ind"]["firstLineChars"]) == 200
        assert ppr["jc"]["val"] in ("both", "left")
        assert is_on(ppr, "keepNext"), "a heading never ends a page"
        assert ppr["outlineLvl"]["val"] == "0", "level 1 in Word's navigation pane"
        assert not texts[0].endswith(("。", "：")), "no final punctuation"


# ------------------------------------------------------------ fonts declared


def test_east_asia_font_on_doc_defaults_and_every_style(package):
    styles = package.styles
    fonts = styles.default_rpr.find("w:rFonts", NS)
    assert fonts is not None and wattr(fonts, "eastAsia") == "仿宋_GB2312"
    checked = 0
    for style in styles.root.findall("w:style", NS):
        if wattr(style, "type") == "numbering":
            continue  # numbering styles cannot carry run properties
        rfonts = style.find("w:rPr/w:rFonts", NS)
        sid = wattr(style, "styleId")
        assert rfonts is not None and wattr(rfonts, "eastAsia"), f"style {sid} lacks w:eastAsia"
        assert wattr(rfonts, "ascii") and wattr(rfonts, "hAnsi"), f"style {sid} lacks Latin fonts"
        checked += 1
    assert checked >= 6


def test_no_theme_fonts_anywhere(package):
    theme_attr = re.compile(rb"\bw:(ascii|hAnsi|eastAsia|cs)Theme=")
    offenders = [name for name, data in package.parts.items()
                 if name.endswith(".xml") and not name.startswith("word/theme/")
                 and theme_attr.search(data)]
    assert offenders == []


def test_every_named_font_is_in_the_font_table(package):
    table = {wattr(f, "name") for f in package.xml("word/fontTable.xml").findall("w:font", NS)}
    used = set()
    for name, data in package.parts.items():
        if name.startswith("word/") and name.endswith(".xml") and "theme" not in name:
            for rf in etree.fromstring(data).iter(w("rFonts")):
                used |= {v for k, v in rf.attrib.items() if not k.endswith("Theme") and k != w("hint")}
    assert used and used <= table, used - table
    assert not {"Calibri", "Cambria", "等线", "宋体 (正文)"} & used


# ---------------------------------------------------------------------- footers


def test_even_and_odd_footers_enabled(package):
    settings = package.xml("word/settings.xml")
    el = settings.find("w:evenAndOddHeaders", NS)
    assert el is not None and wattr(el, "val") in (None, "1", "true", "on")
    sect = package.document.find(".//w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is None, "page 1 shows its number too"


@pytest.mark.parametrize("kind, jc, side", [("default", "right", "right"), ("even", "left", "left")])
def test_footer_page_number_em_dashes_page_field_14pt_songti(package, kind, jc, side):
    footers = package.footers()
    assert set(footers) == {"default", "even"}
    paras = [p for p in footers[kind].findall("w:p", NS)]
    assert len(paras) == 1
    (p,) = paras
    styles = package.styles
    ppr = styles.para_props(p)
    assert ppr["jc"]["val"] == jc
    # "each one character in from the edge": one 14 pt character = 280 twips
    assert int(ppr["ind"].get(side, 0)) == PAGE_NUMBER_HALF_PT * 10
    other = "left" if side == "right" else "right"
    assert int(ppr["ind"].get(other, 0)) == 0

    runs = p.findall("w:r", NS)
    seq = []
    for r in runs:
        fld = r.find("w:fldChar", NS)
        instr = r.find("w:instrText", NS)
        t = r.find("w:t", NS)
        if fld is not None:
            seq.append(("fld", wattr(fld, "fldCharType")))
        elif instr is not None:
            seq.append(("instr", instr.text.strip()))
        elif t is not None:
            seq.append(("t", t.text))
        rpr = styles.run_props(p, r)
        assert rpr["rFonts"]["eastAsia"] == "宋体" and rpr["rFonts"]["ascii"] == "宋体"
        assert int(rpr["sz"]["val"]) == PAGE_NUMBER_HALF_PT
    begin = seq.index(("fld", "begin"))
    assert seq[begin + 1] == ("instr", "PAGE")
    assert seq[begin + 2] == ("fld", "separate")
    end = seq.index(("fld", "end"))
    assert seq[:begin] == [("t", f"{EM_DASH} ")]
    assert seq[end + 1:] == [("t", f" {EM_DASH}")]
    assert "\u2014" in seq[0][1] and "-" not in seq[0][1]  # U+2014, not a hyphen or U+2015
