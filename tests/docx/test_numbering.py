"""Word's automatic list numbers (docgen.docx.numbering): formats, counters, restarts, odd input."""

from __future__ import annotations

import pytest

from docgen.content.text import chinese_number
from docgen.docx.numbering import Numbering, format_number, list_reference, style_list
from docgen.docx.ooxml import StyleSheet, nsdecls, parse_xml

W = nsdecls("w")


def test_chinese_counting():
    assert [chinese_number(n) for n in (1, 4, 10, 11, 20, 23, 100, 105, 110)] == [
        "一", "四", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十"]
    assert [format_number(n, "chineseCounting") for n in (1, 10, 105)] == ["一", "十", "一百零五"]


@pytest.mark.parametrize("fmt,values", [
    ("decimal", {1: "1", 12: "12"}),
    ("chineseCountingThousand", {3: "三", 21: "二十一"}),
    ("ideographTraditional", {1: "甲", 10: "癸", 11: "甲"}),
    ("ideographZodiac", {1: "子", 12: "亥", 13: "子"}),
    ("decimalEnclosedCircleChinese", {1: "①", 20: "⑳", 21: "21"}),
    ("decimalEnclosedParen", {3: "(3)"}),
    ("decimalFullWidth", {12: "１２"}),
    ("decimalZero", {3: "03", 12: "12"}),
    ("lowerLetter", {1: "a", 26: "z", 27: "aa", 53: "aaa"}),
    ("upperLetter", {2: "B"}),
    ("lowerRoman", {4: "iv", 1994: "mcmxciv"}),
    ("upperRoman", {9: "IX"}),
    ("none", {5: ""}),
    ("someFutureFormat", {5: "5"}),
])
def test_format_number(fmt, values):
    assert {n: format_number(n, fmt) for n in values} == values


def test_a_huge_counter_is_written_in_digits():
    assert format_number(10**9, "lowerLetter") == str(10**9)  # not 38 million letters
    assert format_number(10**9, "upperRoman") == str(10**9)


def lvl(ilvl: int, fmt: str, text: str, extra: str = "", start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbering(inner: str, styles: str = "") -> Numbering:
    sheet = StyleSheet(parse_xml(f"<w:styles {W}>{styles}</w:styles>".encode()))
    return Numbering(parse_xml(f"<w:numbering {W}>{inner}</w:numbering>".encode()), sheet)


OUTLINE = (f'<w:abstractNum w:abstractNumId="1">{lvl(0, "chineseCounting", "%1、")}'
           f'{lvl(1, "decimal", "（%2）")}{lvl(2, "decimal", "%1.%2.%3", "<w:isLgl/>")}</w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
           '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
           '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
           '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>')


def labels(n: Numbering, refs) -> list:
    return [n.label(num_id, ilvl) for num_id, ilvl in refs]


def test_levels_count_restart_deeper_levels_and_show_legal_numbers():
    n = numbering(OUTLINE)
    assert labels(n, [("1", 0), ("1", 1), ("1", 1), ("1", 2), ("1", 0), ("1", 1)]) == [
        "一、", "（1）", "（2）", "1.2.1", "二、", "（1）"]


def test_instances_of_one_list_continue_it_unless_started_over():
    n = numbering(OUTLINE)
    assert labels(n, [("1", 0), ("2", 0), ("3", 0), ("3", 0)]) == ["一、", "二、", "一、", "二、"]


def test_lvl_restart_zero_never_restarts():
    never = '<w:lvlRestart w:val="0"/>'
    n = numbering(f'<w:abstractNum w:abstractNumId="1">{lvl(0, "decimal", "%1.")}'
                  f'{lvl(1, "upperRoman", "%2.", never, start=3)}</w:abstractNum>'
                  '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert labels(n, [("1", 0), ("1", 1), ("1", 0), ("1", 1)]) == ["1.", "III.", "2.", "IV."]


def test_bullets_unknown_lists_and_num_id_zero():
    n = numbering(f'<w:abstractNum w:abstractNumId="1">{lvl(0, "bullet", "•")}</w:abstractNum>'
                  '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    assert labels(n, [("1", 0), ("0", 0), ("9", 0), ("1", 4)]) == ["•", None, None, None]


def test_a_numbering_style_link_takes_the_styles_list():
    styles = ('<w:style w:type="numbering" w:styleId="MyList"><w:name w:val="My list"/>'
              '<w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>')
    n = numbering(f'<w:abstractNum w:abstractNumId="6">{lvl(0, "decimalZero", "%1")}</w:abstractNum>'
                  '<w:abstractNum w:abstractNumId="4"><w:numStyleLink w:val="MyList"/></w:abstractNum>'
                  '<w:num w:numId="6"><w:abstractNumId w:val="6"/></w:num>'
                  '<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num>', styles)
    assert labels(n, [("7", 0), ("7", 0), ("6", 0)]) == ["01", "02", "03"]  # one abstract list's counter


def test_list_references_of_paragraphs_and_styles():
    def num_pr(inner):
        return parse_xml(f"<w:numPr {W}>{inner}</w:numPr>".encode())

    assert list_reference(num_pr('<w:ilvl w:val="2"/><w:numId w:val="5"/>')) == ("5", 2)
    assert list_reference(num_pr('<w:numId w:val="5"/>')) == ("5", 0)
    assert list_reference(num_pr('<w:ilvl w:val="x"/><w:numId w:val="5"/>')) == ("5", 0)
    assert list_reference(num_pr('<w:ilvl w:val="1"/>')) is None
    assert list_reference(None) is None
    sheet = StyleSheet(parse_xml(
        f'<w:styles {W}><w:style w:type="paragraph" w:styleId="L"><w:pPr><w:numPr><w:numId w:val="5"/>'
        '</w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="C"><w:basedOn w:val="L"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>'.encode()))
    assert style_list(sheet, "C") == ("5", 0)  # the numPr without numId is passed over
    assert style_list(sheet, None) is None


@pytest.mark.parametrize("inner", [
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="x"><w:start w:val="y"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="z">'
    '<w:startOverride w:val="-3"/></w:lvlOverride></w:num>',
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="99999999"/><w:lvl w:ilvl="-1"/></w:abstractNum>'
    '<w:num w:numId="1"/>',
    f'<w:abstractNum w:abstractNumId="1">{lvl(0, "lowerLetter", "%1%1%1%9", start=2_000_000_000)}</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
])
def test_odd_numbering_gives_labels_or_none_never_a_crash(inner):
    n = numbering(inner)
    for _ in range(200):
        label = n.label("1", 0)
        assert label is None or len(label) < 100  # a runaway format would spell 77 million letters
    assert n.label("1", 99999999) is None
