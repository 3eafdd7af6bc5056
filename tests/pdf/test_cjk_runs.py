"""Issue 13 §4–5: the one description of Chinese text both renderers follow (docgen.cjk_runs),
and how the .docx runs (docgen.docx.runs) and the PDF spans (docgen.pdf.render.portion_spans) use it."""

from __future__ import annotations

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from docx.oxml.ns import qn

from helpers import TEMPLATE
from docgen.cjk_runs import needs_east_asian_font, portions, quote_breaks
from docgen.docx.runs import split_runs


def _portions(text: str) -> list[tuple[str, bool, bool]]:
    return [(p.text, p.east_asian_font, p.autospace) for p in portions(text)]


@pytest.mark.parametrize("ch", list("“”‘’·—…×°①"))
def test_ambiguous_characters_need_the_chinese_face(ch):
    assert needs_east_asian_font(ch)


@pytest.mark.parametrize("ch", list("a2%-汉，。（）㎡") + ["\u3000", " "])
def test_ascii_and_east_asian_characters_keep_their_slot(ch):
    assert not needs_east_asian_font(ch)


def test_asian_and_latin_letters_or_digits_get_the_gap_punctuation_does_not():
    assert _portions("参照区2020年度，共100%，") == [
        ("参照区", False, True), ("2020", False, True), ("年度，共", False, True),
        ("100%", False, False), ("，", False, False)]
    assert _portions("项目C塔") == [("项目", False, True), ("C", False, True), ("塔", False, False)]


def test_quotes_and_dots_are_portions_of_their_own_in_the_chinese_face():
    assert _portions("街道“12345”市民") == [
        ("街道", False, False), ("“", True, False), ("12345", False, False), ("”", True, False),
        ("市民", False, False)]
    assert _portions("华远·华时代") == [("华远", False, False), ("·", True, False), ("华时代", False, False)]


def test_a_hyphen_between_digits_stands_alone():
    assert [p.text for p in portions("今年1-11月")] == ["今年", "1", "-", "11", "月"]
    assert [p.text for p in portions("公共安全-综治")] == ["公共安全", "-", "综治"]  # script change only


def test_quote_breaks_where_a_chinese_line_may_break():
    text = "阵地和“红色”党建（“国”），“新”"
    assert [text[i - 1:i + 1] for i in quote_breaks(text)] == ["和“", "”党", "，“"]


def test_last_portion_and_an_empty_text():
    assert portions("") == []
    (only,) = portions("整体支出")
    assert only.last and not only.autospace


# ---------------------------------------------------------------- .docx runs


def _runs(paragraph) -> list[tuple[str, str | None, bool]]:
    out = []
    for r in paragraph._p.iterchildren(qn("w:r")):
        fonts = r.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        kinds = "".join("-" if el.tag == qn("w:noBreakHyphen") else "\n" if el.tag == qn("w:br")
                        else el.text for el in r if el.tag != qn("w:rPr"))
        out.append((kinds, None if fonts is None else fonts.get(qn("w:ascii")),
                    fonts is not None and fonts.get(qn("w:hint")) == "eastAsia"))
    return out


def test_split_runs_keeps_text_breaks_and_run_properties():
    doc = docx.Document(str(TEMPLATE))
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    para = doc.add_paragraph(style="Normal")
    run = para.add_run("街道“12345”热线")
    run.bold = True
    run.add_break()
    run.add_text("今年1-11月·完成")
    split_runs(doc)
    assert para.text == "街道“12345”热线\n今年1-11月·完成"
    assert _runs(para) == [
        ("街道", None, False), ("“", "仿宋_GB2312", True), ("12345", None, False),
        ("”", "仿宋_GB2312", True), ("热线\n今年1-11月", None, False), ("·", "仿宋_GB2312", True),
        ("完成", None, False)]
    for r in para._p.iterchildren(qn("w:r")):  # the run's own formatting is kept by every piece
        assert r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None


def test_split_runs_leaves_fields_and_plain_runs_alone():
    doc = docx.Document(str(TEMPLATE))
    footer = doc.sections[0].footer.paragraphs[0]._p
    before = footer.xml
    para = doc.add_paragraph("整体支出绩效评价报告", style="Normal")
    plain = para._p.xml
    split_runs(doc)
    assert para._p.xml == plain
    assert footer.xml == before  # "— 1 —" (a PAGE field) is in the footer part, untouched


# ---------------------------------------------------------------- PDF spans


@pytest.mark.pdf
def test_pdf_spans_put_the_gaps_where_libreoffice_puts_them(required_fonts):
    from docgen.pdf.render import portion_spans

    assert portion_spans("区2020年") == (
        '<span class="zh">区</span><span class="as"> </span><span class="latin">2020</span>'
        '<span class="as"> </span><span class="zh">年</span>')
    # after "，" a line may break: a hidden space; before "，" none may: a margin
    assert portion_spans("，2次") == (
        '<span class="zh">，</span><span class="sp"> </span><span class="latin">2</span>'
        '<span class="as"> </span><span class="zh">次</span>')
    assert portion_spans("100%，") == '<span class="latin pe">100%</span><span class="zh">，</span>'
    # UAX #14 would not break before “ or after ”; a Chinese line may
    assert portion_spans("和“红”党") == (
        '<span class="zh">和</span><span class="sp"> </span><span class="zh pe">“</span>'
        '<span class="zh pe">红</span><span class="zh">”</span><span class="sp"> </span>'
        '<span class="zh">党</span>')
    assert portion_spans("A&B<") == '<span class="latin">A&amp;B&lt;</span>'


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=60))
def test_font_runs_agree_with_the_character_by_character_definition(text):
    """font_runs (one regular expression) cuts exactly where needs_east_asian_font changes."""
    from docgen.cjk_runs import font_runs, needs_east_asian_font

    runs = font_runs(text)
    assert "".join(piece for piece, _ in runs) == text
    assert all(piece for piece, _ in runs)
    assert all(a[1] != b[1] for a, b in zip(runs, runs[1:]))  # neighbours differ: maximal runs
    assert all(needs_east_asian_font(ch) == forced for piece, forced in runs for ch in piece)
