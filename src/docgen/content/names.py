"""The texts that become a file name, the title or the documents' properties: what they may hold.

The unit's name and the report's kind make the output files' name; the title's lines
and the district go into the title and the author property.  A character that makes
a name *display* as something else (bidi controls, line breaks, tabs) or that Windows
forbids in file names is refused here, with its position, and each has a length limit
(a file name stays under 255 bytes in UTF-8; a title line fits the page).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from .fields import Text

#: The unit name is part of the output file's name: no path separators or characters that
#: Windows forbids in file names, and short enough for a 255-byte file name in UTF-8.
_FILE_NAME_BAD = re.compile(r'[\\/:*?"<>|]')
UNIT_NAME_MAX = 40
KIND_MAX = 30
TITLE_LINE_MAX = 40
TITLE_LINES_MAX = 4


#: Characters that make a file name *display* as something else, or break it over lines:
#: bidirectional controls ("…\u202ecod.exe" shows as "…exe.doc…"), line and paragraph
#: breaks, tabs.  Refused in everything that goes into the file name, title or properties.
_SPOOFING = {
    "\t": "制表符 tab", "\n": "换行符 line break", "\r": "回车符 carriage return",
    "\v": "垂直制表符 vertical tab", "\f": "换页符 form feed", "\x85": "换行符 NEL",
    "\u2028": "行分隔符 line separator", "\u2029": "段分隔符 paragraph separator",
    "\u061c": "阿拉伯字母标记 ALM", "\u200e": "从左至右标记 LRM", "\u200f": "从右至左标记 RLM",
    **{chr(c): "双向文字控制符 bidi control" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
}
_SPOOFING_CHAR = re.compile("[" + "".join(re.escape(c) for c in _SPOOFING) + "]")


def _no_spoofing(value: str, what: str, where: str, english: str) -> str:
    bad = _SPOOFING_CHAR.search(value)
    if bad:
        raise PydanticCustomError(
            "file_name_char",
            "{what}不能含有{name}（U+{code}，第 {pos} 个字符）：它看不见，却会让{where}显示成另一个样子"
            "或断成几行。control character in a name that goes into the {english}",
            {"what": what, "where": where, "english": english, "name": _SPOOFING[bad.group()],
             "code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1})
    return value


def _district(value: str) -> str:
    return _no_spoofing(value, "所属区县会写进标题和文档属性，", "标题和文档属性", "title")


def _one_line(value: str) -> str:
    _no_spoofing(value, "标题的每一行都要单独写成一项，", "标题", "title")
    if len(value) > TITLE_LINE_MAX:
        raise PydanticCustomError(
            "unit_name", "标题的一行太长（{n} 个字，上限 {limit}）：请分成几行，每行一项。title line too long",
            {"n": len(value), "limit": TITLE_LINE_MAX})
    return value


def _kind(value: str) -> str:
    _no_spoofing(value, "报告名称会用作文件名，", "文件名和标题", "file name")
    bad = _FILE_NAME_BAD.search(value)
    if bad or len(value) > KIND_MAX:
        raise PydanticCustomError(
            "unit_name", "报告名称会用作文件名：不能包含 \\ / : * ? \" < > |，不超过 {limit} 个字。"
            "report kind is part of the file name", {"limit": KIND_MAX})
    return value


def _unit_name(value: str) -> str:
    _no_spoofing(value, "单位名称会用作文件名，", "文件名和标题", "file name")
    bad = _FILE_NAME_BAD.search(value)
    if bad or value.strip() in (".", ".."):
        raise PydanticCustomError(
            "unit_name",
            "单位名称会用作文件名，不能包含 \\ / : * ? \" < > | 这些字符（这里有“{char}”）。"
            "unit name is part of the file name",
            {"char": bad.group() if bad else value.strip()})
    if len(value) > UNIT_NAME_MAX:
        raise PydanticCustomError(
            "unit_name", "单位名称太长（{n} 个字，上限 {limit}）：它会成为标题和文件名的一部分。too long",
            {"n": len(value), "limit": UNIT_NAME_MAX})
    return value


UnitName = Annotated[Text, AfterValidator(_unit_name)]
District = Annotated[Text, AfterValidator(_district)]
Kind = Annotated[Text, AfterValidator(_kind)]
TitleLine = Annotated[Text, AfterValidator(_one_line)]
