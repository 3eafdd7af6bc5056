"""The typography checks: the slips of hand-typed Chinese text, as warnings (or errors where they would print wrong).

Repeated words (安全安全), stray spaces, half-width punctuation in Chinese text, list
numbers typed into items the template numbers, whole values in quotes, invisible
characters, a paragraph ending in "，" or without final punctuation.  Each is a
``(report, loaded) -> list[Diagnostic]`` listed in :data:`docgen.content.check.CHECKS`.
"""

from __future__ import annotations

import re

from ..errors import Diagnostic
from .load import Loaded
from .model import Report
from .text import (CJK, FULL_WIDTH_PUNCT, HAN, INVISIBLE, INVISIBLE_NAMES, TYPED_LIST_NUMBER,
                   TYPED_SPACES)
from .texts import TextField, at, texts, warn


_REPEAT = re.compile(f"([{HAN}]{{2,4}})\\1")
_REPEAT_OK = re.compile("^一")  # 一个一个, 一步一步: reduplication on purpose

# a space run between two CJK characters, between CJK and a digit, or touching
# full-width punctuation ("方面 ：", "1150 条", "共 12 个", "， 让")
_STRAY_SPACE = re.compile(
    f"(?<=[{CJK}])[{TYPED_SPACES}]+(?=[{CJK}0-9])"
    f"|(?<=[0-9])[{TYPED_SPACES}]+(?=[{CJK}])"
    f"|(?<=\\S)[{TYPED_SPACES}]+(?=[{FULL_WIDTH_PUNCT}])"
    f"|(?<=[{FULL_WIDTH_PUNCT}])[{TYPED_SPACES}]+(?=\\S)")

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF_PUNCT = re.compile(
    f"(?<=[{HAN}])[ ]?[,;:?!()]"      # 满意度, 让 / 时间:10点 / 总数(21个
    f"|[,;:?!()](?=[ ]?[{HAN}])"       # (辖区 / 其中,基本
    f"|(?<=[{HAN}])\\.(?![0-9A-Za-z])")  # 完成. (not 5.12, not a file name)

_MERGED_ITEMS = re.compile("[。；;]\\s*(\\d{1,2}、)")



def check_repeated_words(report: Report, loaded: Loaded) -> list[Diagnostic]:
    out = []
    for f in texts(report):
        for m in _REPEAT.finditer(f.text):
            if _REPEAT_OK.match(m.group(1)):
                continue
            out.append(warn(loaded, f.path,
                             f"“{m.group(1)}”连写了两次（“{m.group()}”）。word repeated back to back",
                             hint=f"如非有意，删去一个“{m.group(1)}”。", offset=m.start() + len(m.group(1))))
    return out


def check_spaces(report: Report, loaded: Loaded) -> list[Diagnostic]:
    out = []
    for f in texts(report):
        text = f.text
        body = text.rstrip("\n")  # a "|" block ends in a newline: not a space
        stripped = body.rstrip(TYPED_SPACES)
        if stripped != body and f.role == "lead":
            out.append(warn(loaded, f.path,
                             f"引导语末尾有空格：模板会在其后加“：”，印出来是“{stripped[-10:]} ：”。"
                             "trailing space before the colon the template adds",
                             hint="删除引号内末尾的空格。", offset=len(stripped)))
        elif stripped != body:
            out.append(warn(loaded, f.path, "文字末尾有多余的空格。trailing space",
                             hint="删除末尾的空格。", offset=len(stripped)))
        lead = len(text) - len(text.lstrip(TYPED_SPACES))
        if lead:
            out.append(warn(loaded, f.path,
                             "文字开头有空格（首行缩进由模板设置，不要手工输入）。leading space",
                             hint="删除开头的空格或全角空格。", offset=0))
        body_end = len(stripped)
        for m in _STRAY_SPACE.finditer(text, lead, body_end):
            before, after = text[max(0, m.start() - 4):m.start()], text[m.end():m.end() + 2]
            out.append(warn(loaded, f.path,
                             f"中文里有多余的空格：“{before}{m.group()}{after}”。stray space in Chinese text",
                             hint="删除这个空格。", offset=m.start()))
    return out


def check_half_width_punctuation(report: Report, loaded: Loaded) -> list[Diagnostic]:
    out = []
    for f in texts(report):
        for m in _HALF_PUNCT.finditer(f.text):
            mark = m.group().strip()
            at = m.start() + m.group().index(mark)
            context = f.text[max(0, at - 4):at + 3]
            out.append(warn(loaded, f.path,
                             f"中文里用了半角标点“{mark}”：“{context}”，应为全角“{_HALF_TO_FULL[mark]}”。"
                             "half-width punctuation in Chinese text",
                             hint=f"把“{mark}”（及其后的空格）改为“{_HALF_TO_FULL[mark]}”。", offset=at))
    return out


def check_typed_numbers(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """A number typed before an item the template numbers prints twice: "1、1、湖南省…" (error).

    The template numbers overview.areas, the indicators ("1、质量指标："), the items of an
    achievement area and other.honours — the fields with role "item".  In free text
    (basis, intros, an area's text, other.paragraphs) nothing is added, so a typed number
    there prints once, as typed: a warning, since a list would be better written as items.
    """
    out = []
    for f in texts(report):
        m = TYPED_LIST_NUMBER.match(f.text)
        if m and f.role == "item":
            number = m.group().strip()
            index = next(p for p in reversed(f.path) if isinstance(p, int)) + 1
            shown = f.text.strip()[:16] + ("…" if len(f.text.strip()) > 16 else "")
            out.append(at(loaded, f.path,
                           f"条目开头手工写了编号“{number}”，模板会自动编号，印出来会是“{index}、{shown}”。"
                           "list number typed into an item the template numbers",
                           hint=f"删除开头的“{number}”：编号（1、2、3）由模板生成，条目只写内容。",
                           offset=m.start() + len(m.group()) - len(m.group().lstrip())))
        elif m and f.role == "heading":
            number = m.group().strip()
            out.append(at(loaded, f.path,
                           f"标题开头手工写了编号“{number}”，模板会按层级自动编号（一、（一）1.（1）），印出来会重复。"
                           "number typed into a heading the template numbers",
                           hint=f"删除开头的“{number}”：标题只写文字。",
                           offset=m.start() + len(m.group()) - len(m.group().lstrip())))
        elif m and f.role in ("para", "lead"):
            number = m.group().strip()
            hint = ("这段文字不会被模板编号，编号会照原样印出。若这是几项并列的内容，"
                    "可改用 items: 列表（每项以“- ”开头、不写编号，由模板编号）；若是有意为之，可忽略。")
            out.append(warn(loaded, f.path,
                             f"文字开头手工写了编号“{number}”。list number typed into free text",
                             hint=hint, offset=m.start() + len(m.group()) - len(m.group().lstrip())))
        if f.role != "item":
            continue
        for m in _MERGED_ITEMS.finditer(f.text):
            out.append(warn(loaded, f.path,
                             f"条目中间出现编号“{m.group(1)}”：可能把两项写进了一项。numbered items merged",
                             hint="把它拆成两项（各占一行，以“- ”开头），并删除手写的编号。",
                             offset=m.start(1)))
    return out


#: Quote pairs pasted around a whole value (Word's smart quotes, CJK corner brackets, ASCII).
_QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'", "＂": "＂", "＇": "＇"}


def _wrapped_in_quotes(text: str) -> bool:
    """“城市管理方面” yes; “春风行动”招聘会和“就业援助月” no (the quotes close inside)."""
    t = text.strip()
    close = _QUOTE_PAIRS.get(t[:1])
    if close is None or len(t) < 3 or not t.endswith(close):
        return False
    inner = t[1:-1]
    return close not in inner and t[0] not in inner


def check_wrapping_quotes(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """A value wrapped in quotes prints them: “城市管理方面”：…; in the unit name, in the title and file name.

    YAML needs no quotes around Chinese text, and Word's smart quotes are not YAML
    quotes anyway — they are kept as text.  unit.name and unit.district go into the
    title, the file name and the document properties: an error there.
    """
    out = []
    for f in texts(report):
        if not _wrapped_in_quotes(f.text):
            continue
        t = f.text.strip()
        offset = len(f.text) - len(f.text.lstrip())
        hint = (f"删除两端的“{t[0]}”和“{t[-1]}”：YAML 中的中文文字不需要加引号"
                "（只有以 [ { * & ! | > @ 等符号开头、或含“: ”的文字才需要英文引号）。")
        if f.path == ("unit", "name"):
            out.append(at(loaded, f.path,
                           f"单位名称两端有引号，引号会进入标题和文件名：{report.file_stem}.docx。"
                           "unit name wrapped in quotes (goes into the title and file name)",
                           hint=hint, offset=offset))
        elif f.path == ("unit", "district"):
            out.append(at(loaded, f.path,
                           f"所属区两端有引号，引号会写进报告文件的作者属性：{t}{report.unit.name}。"
                           "district wrapped in quotes (goes into the document properties)",
                           hint=hint, offset=offset))
        else:
            printed = f"{t}：……" if f.role == "lead" else t if len(t) <= 24 else t[:23] + "…" + t[-1]
            out.append(warn(loaded, f.path,
                             f"整段文字两端有引号，会原样印进报告，印出来是 {printed}。"
                             "whole value wrapped in quotes",
                             hint=hint, offset=offset))
    return out


_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def _emoji_part(ch: str) -> bool:
    """Whether ``ch`` can stand next to a ZWJ in an emoji sequence (👨‍👩‍👧, 🏳️‍🌈, ❤️‍🔥)."""
    c = ord(ch)
    return (c >= 0x1F000 and c <= 0x1FAFF or 0x2190 <= c <= 0x21FF or 0x2300 <= c <= 0x23FF
            or 0x2460 <= c <= 0x27BF or 0x2900 <= c <= 0x297F or 0x2B00 <= c <= 0x2BFF
            or c in (0xA9, 0xAE, 0x203C, 0x2049, 0x2122, 0x2139, 0x3030, 0x303D, 0x3297, 0x3299, 0xFE0F)
            or 0xE0020 <= c <= 0xE007F)


def check_invisible_characters(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """Zero-width and other invisible characters inside a text (warning; they print as nothing
    but break search, sorting and line breaking, and a soft hyphen can print as "-").

    A zero-width joiner between two emoji is part of the emoji (👨‍👩‍👧) and left alone.
    """
    out = []
    for f in texts(report):
        for m in _INVISIBLE.finditer(f.text):
            ch, at = m.group(), m.start()
            if ch == "\u200d" and 0 < at < len(f.text) - 1 \
                    and _emoji_part(f.text[at - 1]) and _emoji_part(f.text[at + 1]):
                continue
            name = INVISIBLE_NAMES.get(ch, "不可见的格式字符")
            before = f.text[max(0, at - 4):at]
            out.append(warn(loaded, f.path,
                             f"含有看不见的字符 U+{ord(ch):04X}（{name}），在第 {at + 1} 个字符"
                             f"（“{before}”之后）。invisible character",
                             hint="删除这个字符：它看不见，常随 Word 或网页文字粘贴进来"
                                  "（可删掉该处前后的字再重新输入）。", offset=at))
    return out


def check_trailing_comma(report: Report, loaded: Loaded) -> list[Diagnostic]:
    out = []
    for f in texts(report):
        end = f.text.rstrip()
        if end.endswith(("，", ",", "、")):
            out.append(warn(loaded, f.path,
                             f"文字以“{end[-1]}”结尾：“…{end[-8:]}”，句子似乎没写完。ends with a comma",
                             hint="补全句子，或把结尾的逗号改为句号“。”/分号“；”。", offset=len(end) - 1))
    return out


#: Closing quotes and brackets after a paragraph's last word (…“综合减灾示范社区”).
_CLOSING = "”’）》」』】〉〕］"


def _ends_a_paragraph(field: TextField) -> bool:
    """Texts the template prints as (the end of) a paragraph of their own.

    Not names and labels, lead-ins (the template adds "："), indicator names
    ("1、质量指标：") or honours (titles, listed without punctuation).
    """
    if field.role == "para":
        return True
    return field.role == "item" and "honours" not in field.path and field.path[-1] != "name"


def check_final_punctuation(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """A paragraph (or a numbered item of one) that stops without "。": a sentence cut short.

    The published 2020 report has one: the 公共安全-安全生产 item ends "…“综合减灾示范社区”".
    A paragraph ending in "，" is :func:`check_trailing_comma`'s.
    """
    out = []
    for f in texts(report):
        end = f.text.rstrip()
        core = end.rstrip(_CLOSING)
        # a word or figure that stops: "，" is check_trailing_comma's, other marks are left alone
        if not core or not _ends_a_paragraph(f) or not (core[-1].isalnum() or core[-1] in "%％‰℃"):
            continue
        out.append(warn(loaded, f.path,
                         f"段落末尾没有标点（结尾是 …{end[-10:]}），句子似乎没写完。"
                         "paragraph ends without final punctuation",
                         hint="在末尾补上句号“。”（或“；”“！”“？”），或补全句子。", offset=len(end) - 1))
    return out
