"""Word files of published-outline reports for the issue-10 tests, built from YAML descriptions.

A plain test helper (no tests in it, no import of docgen): one description in
``tests/data/outlines/*.yaml`` gives

* ``build_plain(desc, path)``  — the report as an office types it: every number typed in the text
  (一、 （一） 1. （1） 1、), headings as Normal paragraphs with direct fonts (some bold), the title one
  paragraph per line, front matter as paragraphs, tables as real ``w:tbl`` with explicit widths;
* ``build_styled(desc, path)`` — the same report with Title, Heading 1–4 and List Paragraph styles and
  Word AUTOMATIC numbering (``w:numPr`` + ``numbering.xml``: chineseCounting "%1、" "（%2）", decimal
  "%3." "（%4）"; list items "%1、" or "（%1）"): no heading or list-item number is typed in the text;
* ``expected_paragraphs(desc)`` — the paragraphs a faithful import→render gives back, in order, numbered
  as the template prints them (一、 / （一） / 1. / （1）; list items 1、 or （1））; table cells are not
  paragraphs here, they are in ``expected_tables(desc)`` (per table: the header row, then the rows);
  ``expected_document(desc)`` interleaves both in document order;
* ``blocks(desc)`` — the same as ``Para`` (kind, level, number, lead, block: the key it comes from) and
  ``Table`` objects, for tests that check structure (headings as headings, which paragraph is funds);
* ``typed_paragraphs(desc)`` / ``typed_document(desc)`` — the plain file exactly as typed: equal to the
  expected ones unless ``plain.numbers`` says the office typed numbers otherwise ("(一)", "1．", "1 、").

``load(path)`` reads and checks one description, ``all_descriptions()`` all of them ({file stem: desc}).

The plain file may hold an empty paragraph after the title (as offices type it); a comparison drops
paragraphs that are empty once whitespace is removed.  Inline lists are typed in both files: Word
cannot number items inside one paragraph.

Description format (YAML, safe-loaded; unknown keys are an error)::

    label: 附件3                      # optional: the line above the title
    title: [长沙市开福区某某中学, 2024年度部门整体支出绩效自评报告]   # the title lines as printed
    front_matter:                     # optional: [label, value] pairs → "label：value" paragraphs
      - [部门（单位）名称, 长沙市开福区某某中学]
    plain:                            # optional, build_plain only: how the office typed it
      numbers: {h2: "({})", h4: "({})", h3: "{}．", list: "{}."}   # typed formats; {} = the counter
                                      # keys h1..h4, list (1、 lists), list_paren (（1） lists)
      bold: [1, 2]                    # heading levels typed bold (default [1, 2]; [] = none)
      blank_after_title: true         # an empty paragraph after the title (default true)
    styled:                           # optional, build_styled only
      numbering: paragraph            # numPr on each heading (default), or "style": the numbering is
                                      # linked to Heading 1–4 (numPr in the style, pStyle in the level)
    body:                             # blocks in document order, each a one-key mapping
      - h1: 部门（单位）基本情况         # heading text WITHOUT its number; h1..h4, no level skipped
      - p: 段落文字……                   # a paragraph
      - lead: [公共服务方面, 文字……]     # a lead-in paragraph "公共服务方面：文字……"
      - list: [第一项……, 第二项……]       # numbered items, one paragraph each: 1、 2、 …
      - list: {number: "（1）", items: [……]}   # the same, numbered （1） （2） …
      - honours: [……]                   # a list of honours; prints exactly like list
      - inline_list: [……；, ……。]       # items in ONE paragraph "1、……；2、……。" (each item carries
                                        # its own end punctuation)
      - inline_list: {lead: 社会管理方面, intro: ……, items: [……]}   # "社会管理方面：intro1、……2、……"
      - funds: {total: "5005.93", basic: "2517.81", project: "2488.12",
                items: [[社会管理支出, "521.58"], …], after: 按照……}
                                        # "整体支出本年度决算金额为5005.93万元，基本支出2517.81万元，
                                        #  项目支出2488.12万元，其中社会管理支出521.58万元，…。按照……"
                                        # amounts quoted; total = basic + project, items add up to
                                        # project (checked here in Decimal); items and after optional
      - table: {header: [项目, 年初预算数, …], rows: [[…], …], widths: [3, 2, …]}
                                        # a Word table, cells quoted text; widths relative (default
                                        # 2:1:1…), scaled to the 156 mm type area
      - sign: [长沙市开福区某某局, 2025年3月20日]   # right-aligned closing lines, one paragraph each
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import docx
import yaml
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips

OUTLINES = Path(__file__).resolve().parent / "data" / "outlines"

#: The template's numbers (GB/T 9704); {} is the counter, in Chinese for levels 1 and 2.
CANONICAL = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）", "1、": "{}、", "（1）": "（{}）"}
#: Word's automatic numbering for the same numbers: (numFmt, lvlText) per level / list style.
WORD_NUMBERING = {1: ("chineseCounting", "%1、"), 2: ("chineseCounting", "（%2）"), 3: ("decimal", "%3."),
                  4: ("decimal", "（%4）"), "1、": ("decimal", "%1、"), "（1）": ("decimal", "（%1）")}
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
BODY_FONT, TITLE_FONT, LATIN_FONT = "仿宋_GB2312", "方正小标宋简体", "Times New Roman"
PAGE = (11906, 16838)  # A4, twips
MARGINS = (2098, 1984, 1587, 1474)  # top, bottom, left, right (twips, GB/T 9704 as in layout.md)
TEXT_WIDTH = PAGE[0] - MARGINS[2] - MARGINS[3]  # 8845 twips = 156 mm
INDENT, LINE = 640, 579  # two characters of 16 pt; the fixed line pitch (22 lines a page)
HEADING_NUM_ID, LIST_ABSTRACT = 90, {"1、": 91, "（1）": 92}

_TOP = {"label", "title", "front_matter", "plain", "styled", "body"}
_BLOCKS = {"h1", "h2", "h3", "h4", "p", "lead", "list", "honours", "inline_list", "funds", "table", "sign"}
_TYPED_KEYS = {1: "h1", 2: "h2", 3: "h3", 4: "h4", "1、": "list", "（1）": "list_paren"}
_DIGITS = "零一二三四五六七八九"


def squeeze(text: str) -> str:
    """The text without any whitespace: how the corpus compares printed paragraphs (whitespace aside)."""
    return re.sub(r"\s+", "", text)


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十 (Word's chineseCounting, 1..99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"counter out of range: {n}")
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else "十" if tens == 1 else _DIGITS[tens] + "十") + (_DIGITS[ones] if ones else "")


@dataclass
class Para:
    """One printed paragraph; kind: label, title, field, heading, text, lead, item, sign."""

    kind: str
    text: str  # without number and lead
    number: str = ""  # as the template prints it: "一、" "（一）" "1." "（1）" "1、" or ""
    typed_number: str = ""  # as typed in the plain file
    typed_text: str | None = None  # the text as typed, when it differs (inline lists)
    level: int = 0  # heading level 1..4
    lead: str = ""  # lead-in / front-matter label, printed "lead：text"
    list_id: int = 0  # the list an item belongs to (1, 2, …)
    list_style: str = ""  # "1、" or "（1）"
    block: str = ""  # the description's key it comes from: label, title, front_matter, h1..h4, p, lead,
    #                  list, honours, inline_list, funds, sign

    @property
    def printed(self) -> str:
        return self.number + self._with_lead(self.text)

    @property
    def typed(self) -> str:
        return self.typed_number + self._with_lead(self.text if self.typed_text is None else self.typed_text)

    def _with_lead(self, text: str) -> str:
        return f"{self.lead}：{text}" if self.lead else text


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    widths: list[int]  # twips, adding up to TEXT_WIDTH

    @property
    def cells(self) -> list[list[str]]:
        return [self.header, *self.rows]


class DescriptionError(ValueError):
    """A description that does not follow the format above (names file and block)."""


def load(path: Path) -> dict:
    """One description, safe-loaded and checked (a DescriptionError names the file and the block)."""
    desc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    blocks(desc, source=str(path))
    return desc


def all_descriptions() -> dict[str, dict]:
    """{file stem: description} for every tests/data/outlines/*.yaml, in name order."""
    return {p.stem: load(p) for p in sorted(OUTLINES.glob("*.yaml"))}


def expected_paragraphs(desc: dict) -> list[str]:
    return [b.printed for b in blocks(desc) if isinstance(b, Para)]


def typed_paragraphs(desc: dict) -> list[str]:
    return [b.typed for b in blocks(desc) if isinstance(b, Para)]


def expected_tables(desc: dict) -> list[list[list[str]]]:
    return [b.cells for b in blocks(desc) if isinstance(b, Table)]


def expected_document(desc: dict) -> list:
    """Paragraph strings and tables (lists of rows of cell texts) in document order."""
    return [b.printed if isinstance(b, Para) else b.cells for b in blocks(desc)]


def typed_document(desc: dict) -> list:
    """``expected_document`` as the plain file types it."""
    return [b.typed if isinstance(b, Para) else b.cells for b in blocks(desc)]


# --- description → paragraphs and tables -----------------------------------------------------------


def _is_text(x) -> bool:
    return isinstance(x, str) and x.strip() != ""


def _texts(x, least: int = 1) -> bool:
    return isinstance(x, list) and len(x) >= least and all(_is_text(t) for t in x)


def blocks(desc: dict, source: str = "<description>") -> list[Para | Table]:
    """The description as printed paragraphs and tables in order, numbers resolved; checks it."""

    def fail(place: str, msg: str):
        raise DescriptionError(f"{source}: {place}: {msg}")

    if not isinstance(desc, dict):
        fail("(top)", "a description is a mapping")
    if set(desc) - _TOP:
        fail("(top)", f"unknown keys {sorted(set(desc) - _TOP)}")
    plain, styled = desc.get("plain") or {}, desc.get("styled") or {}
    typed = plain.get("numbers") or {}
    if set(plain) - {"numbers", "bold", "blank_after_title"} or set(typed) - set(_TYPED_KEYS.values()) \
            or not all(isinstance(v, str) and "{}" in v for v in typed.values()):
        fail("plain", "keys numbers ({h1..h4, list, list_paren: format with {}}), bold, blank_after_title")
    if not (isinstance(plain.get("bold", []), list) and set(plain.get("bold", [])) <= {1, 2, 3, 4}) \
            or not isinstance(plain.get("blank_after_title", True), bool):
        fail("plain", "bold: a list of heading levels 1..4; blank_after_title: true | false")
    if set(styled) - {"numbering"} or styled.get("numbering", "paragraph") not in ("paragraph", "style"):
        fail("styled", "only numbering: paragraph | style")

    def number(key, n: int) -> tuple[str, str]:
        shown = chinese(n) if key in (1, 2) else str(n)
        return CANONICAL[key].format(shown), typed.get(_TYPED_KEYS[key], CANONICAL[key]).format(shown)

    out: list[Para | Table] = []
    if "label" in desc:
        if not _is_text(desc["label"]):
            fail("label", "one line of text")
        out.append(Para("label", desc["label"], block="label"))
    if not _texts(desc.get("title")):
        fail("title", "a list of one or more lines of text")
    out += [Para("title", line, block="title") for line in desc["title"]]
    for i, pair in enumerate(desc.get("front_matter") or []):
        if not (_texts(pair, 2) and len(pair) == 2):
            fail(f"front_matter[{i}]", "a [label, value] pair of text")
        out.append(Para("field", pair[1], lead=pair[0], block="front_matter"))
    if not isinstance(desc.get("body"), list) or not desc["body"]:
        fail("body", "a list of blocks")
    counters, depth, lists = [0] * 5, 0, 0
    for i, block in enumerate(desc["body"]):
        place = f"body[{i}]"
        if not (isinstance(block, dict) and len(block) == 1 and set(block) <= _BLOCKS):
            fail(place, f"a one-key mapping, one of {sorted(_BLOCKS)}; got {block!r:.60}")
        ((key, value),) = block.items()
        start = len(out)
        if key in ("h1", "h2", "h3", "h4"):
            level = int(key[1])
            if level > depth + 1:
                fail(place, f"{key} under level {depth}: a heading level is skipped")
            if not _is_text(value):
                fail(place, "heading text")
            counters[level] += 1
            counters[level + 1:] = [0] * (4 - level)
            out.append(Para("heading", value, *number(level, counters[level]), level=level))
            depth = level
        elif key == "p" or key == "lead":
            if key == "p" and not _is_text(value) or key == "lead" and not (_texts(value, 2) and len(value) == 2):
                fail(place, "p: text" if key == "p" else "lead: [lead, text]")
            out.append(Para("text", value) if key == "p" else Para("lead", value[1], lead=value[0]))
        elif key in ("list", "honours"):
            spec = value if isinstance(value, dict) else {"items": value}
            style = spec.get("number", "1、")
            if set(spec) - {"number", "items"} or style not in ("1、", "（1）") or not _texts(spec.get("items")):
                fail(place, f'{key}: [items] or {{number: "1、" | "（1）", items: [...]}}')
            lists += 1
            out += [Para("item", t, *number(style, n), list_id=lists, list_style=style)
                    for n, t in enumerate(spec["items"], 1)]
        elif key == "inline_list":
            spec = value if isinstance(value, dict) else {"items": value}
            if set(spec) - {"lead", "intro", "items"} or not _texts(spec.get("items"), 2):
                fail(place, "inline_list: [two or more items] or {lead, intro, items}")
            intro, items = spec.get("intro", ""), spec["items"]
            out.append(Para("text", intro + "".join(number("1、", n)[0] + t for n, t in enumerate(items, 1)),
                            typed_text=intro + "".join(number("1、", n)[1] + t for n, t in enumerate(items, 1)),
                            lead=spec.get("lead", "")))
        elif key == "funds":
            out.append(Para("text", _funds_sentence(value, lambda m: fail(place, m))))
        elif key == "table":
            out.append(_table(value, lambda m: fail(place, m)))
        else:  # sign
            if not _texts(value):
                fail(place, "sign: a list of lines")
            out += [Para("sign", line) for line in value]
        for b in out[start:]:
            if isinstance(b, Para):
                b.block = key
    return out


def _amount(x, fail) -> Decimal:
    if not (isinstance(x, str) and re.fullmatch(r"\d+(\.\d{1,2})?", x)):
        fail(f'amount {x!r}: a quoted number of 万元 like "2517.81"')
    return Decimal(x)


def _funds_sentence(spec, fail) -> str:
    if not isinstance(spec, dict) or set(spec) - {"total", "basic", "project", "items", "after"}:
        fail("funds: {total, basic, project, items, after}")
    total, basic, project = (_amount(spec.get(k), fail) for k in ("total", "basic", "project"))
    if basic + project != total:
        fail(f"funds: basic {basic} + project {project} = {basic + project}, not total {total}")
    parts = [f"整体支出本年度决算金额为{spec['total']}万元", f"基本支出{spec['basic']}万元",
             f"项目支出{spec['project']}万元"]
    items = spec.get("items") or []
    if items:
        if not all(isinstance(it, list) and len(it) == 2 and _is_text(it[0]) for it in items):
            fail("funds.items: [name, amount] pairs")
        got = sum((_amount(a, fail) for _, a in items), Decimal(0))
        if got != project:
            fail(f"funds.items add up to {got}, not project {project}")
        parts.append("其中" + "，".join(f"{name}{amount}万元" for name, amount in items))
    return "，".join(parts) + "。" + spec.get("after", "")


def _table(spec, fail) -> Table:
    if not isinstance(spec, dict) or set(spec) - {"header", "rows", "widths"}:
        fail("table: {header, rows, widths}")
    header, rows = spec.get("header"), spec.get("rows")
    if not _texts(header) or not (isinstance(rows, list) and rows):
        fail("table: a header (column names) and one or more rows")
    for r, row in enumerate(rows):
        if not (isinstance(row, list) and len(row) == len(header) and all(isinstance(c, str) for c in row)):
            fail(f"table.rows[{r}]: {len(header)} cells of quoted text")
    weights = spec.get("widths") or [2] + [1] * (len(header) - 1)
    if len(weights) != len(header) or not all(isinstance(w, int) and w > 0 for w in weights):
        fail("table.widths: one positive integer per column")
    widths = [TEXT_WIDTH * w // sum(weights) for w in weights]
    widths[-1] += TEXT_WIDTH - sum(widths)
    return Table(list(header), [list(r) for r in rows], widths)


# --- Word files ---------------------------------------------------------------------------------------


def build_plain(desc: dict, path: Path) -> Path:
    """The report as typed by an office: numbers in the text, headings as Normal paragraphs."""
    plain = desc.get("plain") or {}
    bold = set(plain.get("bold", [1, 2]))
    doc = _document()
    items = blocks(desc)
    for i, b in enumerate(items):
        if isinstance(b, Table):
            _add_table(doc, b)
        elif b.kind == "heading":
            _add(doc, [(b.typed, b.level in bold)], font=HEADING_FONTS[b.level])
        else:
            _add_common(doc, b, b.typed_number, b.typed_text)
        if b is not items[-1] and _ends_title(b, items[i + 1]) and plain.get("blank_after_title", True):
            doc.add_paragraph()
    return _save(doc, path)


def build_styled(desc: dict, path: Path) -> Path:
    """The report with Title / Heading 1–4 / List Paragraph styles and automatic numbering."""
    by_style = (desc.get("styled") or {}).get("numbering") == "style"
    doc = _document()
    items = blocks(desc)
    lists = {b.list_id: b.list_style for b in items if isinstance(b, Para) and b.kind == "item"}
    _add_numbering(doc, lists, by_style)
    for b in items:
        if isinstance(b, Table):
            _add_table(doc, b)
        elif b.kind == "title":
            doc.add_paragraph(b.text, style="Title")
        elif b.kind == "heading":
            p = doc.add_paragraph(b.text, style=f"Heading {b.level}")
            if not by_style:
                _num_pr(p._p.get_or_add_pPr(), HEADING_NUM_ID, b.level - 1)
        elif b.kind == "item":
            p = doc.add_paragraph(b.text, style="List Paragraph")
            _num_pr(p._p.get_or_add_pPr(), 100 + b.list_id, 0)
        else:
            _add_common(doc, b, "", None)
    return _save(doc, path)


def _ends_title(b, nxt) -> bool:
    return isinstance(b, Para) and b.kind == "title" and not (isinstance(nxt, Para) and nxt.kind == "title")


def _add_common(doc, b: Para, number: str, typed_text: str | None) -> None:
    """Label, title, front matter, paragraphs, lead-ins, list items, closing lines: direct formatting."""
    text = b.text if typed_text is None else typed_text
    if b.kind == "label":
        _add(doc, [(b.text, False)], font="黑体", indent=0)
    elif b.kind == "title":
        _add(doc, [(b.text, False)], font=TITLE_FONT, size=22, indent=0, align=WD_ALIGN_PARAGRAPH.CENTER)
    elif b.kind == "field":
        _add(doc, [(f"{b.lead}：", True), (text, False)], indent=0)
    elif b.kind == "sign":
        _add(doc, [(text, False)], indent=0, align=WD_ALIGN_PARAGRAPH.RIGHT)
    elif b.lead:
        _add(doc, [(f"{b.lead}：", True), (number + text, False)])
    else:
        _add(doc, [(number + text, False)])


def _add(doc, runs, *, font=BODY_FONT, size=16, indent=INDENT, align=None):
    p = doc.add_paragraph()
    if indent != INDENT:
        p.paragraph_format.first_line_indent = Twips(indent)
    if align is not None:
        p.paragraph_format.alignment = align
    for text, bold in runs:
        run = p.add_run(text)
        _fonts(run._r.get_or_add_rPr(), font)
        run.font.size = Pt(size)
        if bold:
            run.font.bold = True
    return p


def _fonts(rpr, east_asia: str) -> None:
    """Explicit fonts only (no theme fonts: WPS and LibreOffice resolve those differently)."""
    rfonts = rpr.get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr, name in (("ascii", LATIN_FONT), ("hAnsi", LATIN_FONT), ("eastAsia", east_asia), ("cs", LATIN_FONT)):
        rfonts.set(qn(f"w:{attr}"), name)


def _document():
    doc = docx.Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Twips(PAGE[0]), Twips(PAGE[1])
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = map(Twips, MARGINS)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(defaults, BODY_FONT)
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    looks = {"Normal": (BODY_FONT, 16, False, INDENT, WD_ALIGN_PARAGRAPH.JUSTIFY),
             "Title": (TITLE_FONT, 22, False, 0, WD_ALIGN_PARAGRAPH.CENTER),
             "List Paragraph": (BODY_FONT, 16, False, INDENT, None),
             **{f"Heading {n}": (f, 16, n == 3, INDENT, None) for n, f in HEADING_FONTS.items()}}
    for name, (font, size, bold, indent, align) in looks.items():
        style = doc.styles[name]
        rpr = style.element.get_or_add_rPr()
        _fonts(rpr, font)
        for tag in ("w:color", "w:spacing", "w:kern"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
        style.font.size, style.font.bold = Pt(size), bold
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:contextualSpacing", "w:ind"):
            for el in ppr.findall(qn(tag)):
                ppr.remove(el)
        fmt = style.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Twips(LINE)
        fmt.first_line_indent, fmt.left_indent = Twips(indent), Twips(0)
        if align is not None:
            fmt.alignment = align
    return doc


def _num_pr(ppr, num_id: int, ilvl: int) -> None:
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


def _level(ilvl: int, key, style_id: str | None, font: str) -> str:
    fmt, text = WORD_NUMBERING[key]
    pstyle = f'<w:pStyle w:val="{style_id}"/>' if style_id else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="{INDENT}"/></w:pPr>'
            f'<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{font}"/></w:rPr></w:lvl>')


def _add_numbering(doc, lists: dict[int, str], by_style: bool) -> None:
    """numbering.xml: one multilevel list for the headings, one numbering instance per list."""
    numbering = doc.part.numbering_part.element
    levels = "".join(_level(n - 1, n, f"Heading{n}" if by_style else None, HEADING_FONTS[n]) for n in range(1, 5))
    abstracts = [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUM_ID}"><w:nsid w:val="5A0C0090"/>'
                 f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>']
    abstracts += [f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:nsid w:val="5A0C00{aid}"/>'
                  f'<w:multiLevelType w:val="singleLevel"/>{_level(0, style, None, BODY_FONT)}</w:abstractNum>'
                  for style, aid in LIST_ABSTRACT.items()]
    first_num = numbering.find(qn("w:num"))
    for xml in abstracts:
        first_num.addprevious(parse_xml(xml))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{HEADING_NUM_ID}">'
                               f'<w:abstractNumId w:val="{HEADING_NUM_ID}"/></w:num>'))
    for list_id, style in sorted(lists.items()):  # each list starts again at 1
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{100 + list_id}"><w:abstractNumId w:val="{LIST_ABSTRACT[style]}"/>'
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    if by_style:
        for n in range(1, 5):
            _num_pr(doc.styles[f"Heading {n}"].element.get_or_add_pPr(), HEADING_NUM_ID, n - 1)


def _add_table(doc, table: Table) -> None:
    """A real Word table: fixed layout, explicit table, grid and cell widths (dxa), a repeated header."""
    t = doc.add_table(rows=len(table.cells), cols=len(table.header))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tbl_w = t._tbl.tblPr.find(qn("w:tblW"))
    tbl_w.set(qn("w:w"), str(TEXT_WIDTH))
    tbl_w.set(qn("w:type"), "dxa")
    for column, width in zip(t.columns, table.widths):
        column.width = Twips(width)
    t.rows[0]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    for r, row in enumerate(table.cells):
        for c, text in enumerate(row):
            cell = t.cell(r, c)
            cell.width = Twips(table.widths[c])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.paragraph_format.first_line_indent = Twips(0)
            p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            run = p.add_run(text)
            _fonts(run._r.get_or_add_rPr(), "黑体" if r == 0 else BODY_FONT)
            run.font.size = Pt(12)


def _save(doc, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
