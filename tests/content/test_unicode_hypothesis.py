"""Issue 4 §4, §7: text that could break a document comes out exactly, or as a documented error.

Property tests put arbitrary Unicode into *every* text field of the 2020 report
(by surgery on ``model_dump()``), render it through the real template, open the
.docx with python-docx and find each text again — or, for text that cannot go
into a Word file, get the documented error naming each bad field and no other.

The rules the oracle below states (and the model must implement):
* XML 1.0 forbids C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and lone
  surrogates → error "含有不可见的控制字符" on that field;
* text that is blank (only whitespace) → error "不能为空";
* the unit name is part of the file name: no \\ / : * ? " < > |, at most 40 characters;
* otherwise the text comes out exactly, with "\\r\\n"/"\\r" as "\\n" (a <w:br/> line
  break), "\\t" as a tab, and the newline that ends a YAML "|" block dropped.

Hypothesis runs derandomized (the same examples on every run: CI must not flake)
with a modest number of examples; deterministic tests cover the named cases.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from io import BytesIO

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from helpers import CONTENT, TEMPLATE
from docgen.content.check import run_checks
from docgen.content.texts import texts
from docgen.errors import DocgenError
from docgen.content.load import Loaded, dotted, load_content
from docgen.content.model import Report
from docgen.content.text import PLACEHOLDER
from docgen.content.validation import validate
from docgen.docx.render import render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@lru_cache(maxsize=1)
def base() -> Report:
    return validate(load_content(CONTENT / "2020.yaml", "content/2020.yaml"))


@lru_cache(maxsize=1)
def text_paths() -> tuple[tuple, ...]:
    return tuple(f.path for f in texts(base()))


def with_texts(new: dict[tuple, str]) -> dict:
    data = base().model_dump()
    for path, value in new.items():
        cur = data
        for p in path[:-1]:
            cur = cur[p]
        cur[path[-1]] = value
    return data


def build(data: dict) -> Report:
    return validate(Loaded(file="<test>", data=data))


def body_text(docx_bytes: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(BytesIO(docx_bytes)).paragraphs)


def expected_error(path: tuple, text: str) -> str | None:
    """What the documentation says must happen to ``text`` at ``path`` (None: it renders)."""
    if any((ord(c) < 0x20 and c not in "\t\n\r") or c in "\ufffe\uffff" or 0xD800 <= ord(c) <= 0xDFFF
           for c in text):
        return "控制字符"
    if not text.strip():
        return "不能为空"
    if text.strip() == PLACEHOLDER:
        return "待填写"
    if path == ("unit", "name") and (re.search(r'[\\/:*?"<>|]', text) or len(text) > 40
                                     or text.strip() in (".", "..")):
        return "单位名称"
    return None


def as_rendered(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def assert_renders_exactly(new: dict[tuple, str]) -> None:
    report = build(with_texts(new))
    run_checks(report, Loaded(file="<test>", data=with_texts(new)))  # never crashes on any text
    out = body_text(render_docx(report, TEMPLATE))
    flat = out.replace("\n", "")
    for path, text in new.items():
        want = as_rendered(text)
        if path == ("unit", "name"):  # in the title, which may break into lines
            assert want.replace("\n", "") in flat, (path, text)
        elif path == ("unit", "district"):
            continue  # only in the document properties (see test_metadata_… below)
        else:
            assert want in out, (path, text)


# ---------------------------------------------------------------- properties

# Any character a Word file can hold, including tabs, line breaks, emoji and other planes.
printable = st.text(  # U+FFFE/U+FFFF are not characters (XML forbids them): see with_control
    alphabet=st.one_of(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
                       st.sampled_from("\t\n&<>\"'")),
    min_size=1, max_size=30,
).filter(lambda t: t.strip() and t.strip() != PLACEHOLDER)


@SETTINGS
@given(st.data())
def test_any_printable_text_in_every_field_comes_out_exactly(data):
    new = {}
    for path in text_paths():
        text = data.draw(printable, label=dotted(path))
        if path == ("unit", "name"):
            text = re.sub(r'[\\/:*?"<>|]', "", text)[:40] or "街道"
            text = text if text.strip() and text.strip() not in (".", "..") else "街道"
        new[path] = text
    assert_renders_exactly(new)


# Any text at all: printable, random (any code point but lone surrogates), text with a
# control character pasted in, or only whitespace.
with_control = st.builds(lambda a, c, b: a + c + b, st.text(max_size=5),
                         st.one_of(st.characters(whitelist_categories=("Cc",)), st.sampled_from("\ufffe\uffff")),
                         st.text(max_size=5))
blank = st.text(alphabet=" \t\n\r\u3000\u00a0", max_size=3)
anything = st.one_of(printable, st.text(max_size=25), with_control, blank)


@SETTINGS
@given(st.data())
def test_any_text_renders_or_gives_the_documented_error(data):
    paths = data.draw(st.lists(st.sampled_from(text_paths()), min_size=1, max_size=4, unique=True),
                      label="fields")
    new = {p: data.draw(anything, label=dotted(p)) for p in paths}
    expected = {dotted(p): expected_error(p, t) for p, t in new.items() if expected_error(p, t)}
    if not expected:
        assert_renders_exactly(new)
        return
    with pytest.raises(DocgenError) as info:
        build(with_texts(new))
    got = {d.field: d.message for d in info.value.diagnostics}
    assert set(got) == set(expected), (got, expected)
    for field, word in expected.items():
        assert word in got[field], (field, got[field])


# ---------------------------------------------------------------- named cases

#: Texts of the 2020 content the named cases replace: where they sit, and how they begin.
BASIS = ("content", 0, "content", 0)                      # 一、's first paragraph: "参照区2020年度…"
AREA_TEXT = ("content", 2, "content", 1, "text")          # 公共服务方面's text
HONOUR = ("content", 3, "content", 0, "honours", 0)       # the first honour
ITEM = ("content", 2, "content", 3, "items", 1)           # 经济发展方面's second item
NAMED = {BASIS: "参照区2020年度", AREA_TEXT: "坚决保障群众利益", HONOUR: "湖南省财政工作先进集体",
         ITEM: "招商引资成效显著"}


def test_the_named_places_are_the_texts_they_name():
    for path, start in NAMED.items():
        assert _text_at(base(), path).startswith(start), path


def render_with(**fields) -> tuple[str, bytes]:
    paths = {"basis": BASIS, "area_text": AREA_TEXT, "honour": HONOUR}
    out = render_docx(build(with_texts({paths[k]: v for k, v in fields.items()})), TEMPLATE)
    return body_text(out), out


def test_xml_special_characters_emoji_and_other_planes_come_out_exactly():
    text = "A&B <b>粗体</b> \"引号\" '单引号' R&D 5<6>4 🙂👍🏽 𠀀𪚥 ＆ &amp; &#60; ]]> {{ year }} {% if %}"
    out, raw = render_with(basis=text)
    assert text in out.split("\n")
    xml = zipfile.ZipFile(BytesIO(raw)).read("word/document.xml")
    etree.fromstring(xml)  # well-formed
    assert b"A&amp;B &lt;b&gt;" in xml and b"&amp;amp;" in xml and b"{{ year }}" in xml


def test_line_breaks_inside_a_paragraph_become_w_br():
    out, raw = render_with(area_text="第一行\n第二行\r\n第三行\r第四行")
    para = next(p for p in docx.Document(BytesIO(raw)).paragraphs if "第一行" in p.text)
    assert para.text == "公共服务方面：第一行\n第二行\n第三行\n第四行"
    brs = para._p.findall(f".//{W}br")
    assert len(brs) == 3 and all(br.get(f"{W}type") is None for br in brs)  # line, not page, breaks


def test_tab_stays_a_tab():
    _, raw = render_with(honour="甲\t乙")
    para = next(p for p in docx.Document(BytesIO(raw)).paragraphs if "甲" in p.text)
    assert para.text == "1、甲\t乙" and para._p.findall(f".//{W}tab")


def test_a_20000_character_paragraph_renders():
    long = ("街道扎实推进各项工作，成效显著；" * 1250)[:20000]
    assert len(long) == 20000
    out, _ = render_with(area_text=long)
    assert "公共服务方面：" + long in out.split("\n")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1f", "\ufffe"])
def test_xml_illegal_control_character_is_an_error_naming_the_field(char):
    with pytest.raises(DocgenError) as info:
        build(with_texts({ITEM: f"招商引资{char}成效显著"}))
    (diag,) = info.value.diagnostics
    assert diag.field == "content[3].content[4].items[2]"
    assert f"含有不可见的控制字符 U+{ord(char):04X}（第 5 个字符" in diag.message


@pytest.mark.parametrize("path, field", [
    (AREA_TEXT, "content[3].content[2].text"),   # not ".lead": the block's key is also its union tag
    (BASIS, "content[1].content[1]"),             # a paragraph is the item itself, no ".text"
    (ITEM, "content[3].content[4].items[2]"),
])
def test_a_blank_text_is_named_by_its_own_place(path, field):
    with pytest.raises(DocgenError) as info:
        build(with_texts({path: " "}))
    assert [(d.field, "不能为空" in d.message) for d in info.value.diagnostics] == [(field, True)]


def test_metadata_keeps_special_characters():
    raw = render_docx(build(with_texts({("unit", "district"): "A&B<区>"})), TEMPLATE)
    assert docx.Document(BytesIO(raw)).core_properties.author.startswith("A&B<区>")


def test_docxtpl_escape_sequences_in_content_come_out_exactly():
    out, _ = render_with(basis="写作 {_{ 与 }_} 的文字")
    assert "写作 {_{ 与 }_} 的文字" in out.split("\n")


# ---------------------------------------------------------------- invisible characters

INVISIBLE = "\u200b\u200c\u2060\ufeff\u00ad"


def _text_at(report: Report, path: tuple) -> str:
    cur = report
    for p in path:
        cur = cur[p] if isinstance(p, int) else getattr(cur, p)
    return cur


@SETTINGS
@given(st.data())
def test_an_invisible_character_pasted_anywhere_is_named_with_field_code_point_and_position(data):
    """Pasted from a web page: zero-width space, non-joiner, word joiner, BOM, soft hyphen — in
    any text, at any place. Each gives exactly one warning naming its field and character number."""
    path = data.draw(st.sampled_from(text_paths()), label="field")
    old = _text_at(base(), path)
    at = data.draw(st.integers(0, len(old)), label="position")
    char = data.draw(st.sampled_from(INVISIBLE), label="char")
    new = with_texts({path: old[:at] + char + old[at:]})
    report = build(new)
    diags = [d for d in run_checks(report, Loaded(file="<test>", data=new)) if "看不见的字符" in d.message]
    assert [(d.field, d.is_error) for d in diags] == [(dotted(path), False)]
    assert diags[0].message.startswith(f"含有看不见的字符 U+{ord(char):04X}（")
    assert f"在第 {at + 1} 个字符" in diags[0].message


@pytest.mark.parametrize("emoji", ["👨\u200d👩\u200d👧\u200d👦", "🏳\ufe0f\u200d🌈", "👩🏽\u200d💻", "❤\ufe0f\u200d🔥"])
def test_emoji_joined_by_zwj_are_not_flagged_and_render_exactly(emoji):
    new = with_texts({HONOUR: f"荣誉{emoji}"})
    report = build(new)
    assert not [d for d in run_checks(report, Loaded(file="<test>", data=new)) if "U+200D" in d.message]
    assert f"1、荣誉{emoji}" in body_text(render_docx(report, TEMPLATE)).split("\n")
