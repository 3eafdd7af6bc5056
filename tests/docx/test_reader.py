"""docgen.docx.reader and .package: paragraphs as Word shows them, through the one style resolver;
a file that is not a sound .docx refused clearly, never a traceback."""

from __future__ import annotations

import os
import struct
import zipfile

import pytest

from docgen.docx.reader import read_docx
from docgen.errors import DocgenError

STYLES = """
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Plain"><w:name w:val="Plain"/></w:style>
<w:style w:type="paragraph" w:styleId="Hidden"><w:name w:val="Hidden"/><w:basedOn w:val="Plain"/>
  <w:rPr><w:vanish/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Outline"><w:name w:val="Outline"/><w:basedOn w:val="Plain"/>
  <w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
"""


def p(text: str, style: str | None = None, rpr: str = "", ppr: str = "") -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{pstyle}{ppr}</w:pPr><w:r><w:rPr>{rpr}</w:rPr><w:t>{text}</w:t></w:r></w:p>"


def test_bold_hidden_and_outline_come_through_the_styles(make_docx):
    doc = read_docx(make_docx("".join([
        p("无样式"),                                   # the default paragraph style (bold)
        p("未知样式", "NoSuchStyle"),                  # an unknown style is the default one
        p("普通", "Plain"),
        p("加粗字符", "Plain", '<w:rStyle w:val="Strong"/>'),
        p("隐藏", "Hidden"),                           # hidden by its paragraph style
        p("显示", "Hidden", '<w:vanish w:val="0"/>'),
        p("大纲", "Outline"),
        p("直接大纲", "Plain", ppr='<w:outlineLvl w:val="0"/>'),
        p("正文级别", "Outline", ppr='<w:outlineLvl w:val="9"/>'),
        p("非法开关", "Plain", '<w:b w:val="yes"/>'),
    ]), styles=STYLES))
    got = {para.text: (para.bold, para.style, para.outline_level) for para in doc.paragraphs}
    assert got == {
        "无样式": (True, "Normal", None),
        "未知样式": (True, "NoSuchStyle", None),
        "普通": (False, "Plain", None),
        "加粗字符": (True, "Plain", None),
        "": (False, "Hidden", None),
        "显示": (False, "Hidden", None),
        "大纲": (False, "Outline", 1),
        "直接大纲": (False, "Plain", 0),
        "正文级别": (False, "Outline", None),
        "非法开关": (False, "Plain", None),
    }


def test_odd_list_references_do_not_crash(make_docx):
    numbering = ('<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/>'
                 '<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>')
    doc = read_docx(make_docx(
        p("甲", ppr='<w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>')
        + p("乙", ppr='<w:numPr><w:ilvl w:val="-4"/><w:numId w:val="1"/></w:numPr>')
        + p("丙", ppr='<w:numPr><w:ilvl w:val="2"/></w:numPr>')
        + p("丁", ppr='<w:outlineLvl w:val="abc"/>'), styles=STYLES, numbering=numbering))
    assert [(para.label, para.text) for para in doc.paragraphs] == [("1、", "甲"), ("2、", "乙"), (None, "丙"),
                                                                    (None, "丁")]


def _refused(path) -> str:
    with pytest.raises(DocgenError) as exc:
        read_docx(path)
    assert exc.value.exit_code == 2
    return str(exc.value)


def test_not_a_regular_file_is_refused(tmp_path):
    fifo = tmp_path / "report.docx"
    os.mkfifo(fifo)
    assert "不是普通文件" in _refused(fifo)


def test_a_huge_part_is_refused(make_docx):
    big = make_docx(p("x" * 51_000_000))
    assert "word/document.xml 解压后有 51000242 字节，超过上限 50 MB" in _refused(big)


def _patch_central_directory(path, name: str, offset: int, fmt: str, value: int) -> None:
    """Change one field of ``name``'s central-directory entry (offset from the entry's start)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        target = zf.getinfo(name)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len].decode() == name:
            struct.pack_into(fmt, data, pos + offset, value)
            path.write_bytes(bytes(data))
            return
        pos = data.find(b"PK\x01\x02", pos + 4)
    raise AssertionError(f"{name} not found ({target})")


def test_an_encrypted_part_is_refused(make_docx):
    path = make_docx(p("正文"))
    _patch_central_directory(path, "word/document.xml", 8, "<H", 0x1)  # general purpose flag: encrypted
    assert "损坏" in _refused(path)


def test_a_damaged_part_is_refused(make_docx):
    path = make_docx(p("正文" * 200))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 5, start + 40):
        data[k] ^= 0x5A  # scramble the deflate stream
    path.write_bytes(bytes(data))
    assert "损坏" in _refused(path)


def test_a_part_larger_than_its_header_says_is_refused(make_docx):
    path = make_docx(p("正文" * 200))
    _patch_central_directory(path, "word/document.xml", 24, "<I", 10)  # uncompressed size: 10 bytes
    assert "损坏" in _refused(path)
