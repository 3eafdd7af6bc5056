"""Stage 3 — check: consistency of a valid report, beyond what the schema can say.

Errors stop a render; warnings are printed and left for the author to decide
(the published 2020 report has several slips that are its own wording, and the
checker must find them without rewriting them).  To-dos (figures still 待填)
are found earlier, by the model, because such a file is not yet a valid report.

Each check is a small function ``(report, loaded) -> list[Diagnostic]`` in
:data:`CHECKS`, located with the positions that :mod:`docgen.content.load` recorded —
down to the column of a stray space inside a paragraph where the file allows.

What is checked, and at which severity:

=====================================================  ========
决算 total = 基本支出 + Σ 项目支出 (exact, Decimal)          error
stated 项目支出 subtotal = Σ categories                    error
``year`` matches the file name                           error
a count in a sentence ("4大部门", "等8方面") = items after it warning
an amount with more than two decimals                    warning
a word repeated back to back (安全安全)                      warning
a stray space in Chinese text, before/after full-width
punctuation, or at the start/end of a text               warning
half-width punctuation in Chinese text (满意度, 让)         warning
a list number typed into an item the template numbers    error
a list number typed at the start of free text            warning
a whole value wrapped in quotes (“城市管理方面”)             warning
... in unit.name / unit.district (title, file name)      error
an invisible character (U+200B, U+00AD, U+FEFF …)        warning
a paragraph or item ending in "，"                        warning
a paragraph that ends without final punctuation ("。")    warning
=====================================================  ========
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from ..errors import Diagnostic, Severity
from .load import Loaded, dotted
from .model import Report
from .money import exact_difference
from .text import (CJK, FULL_WIDTH_PUNCT, HAN, INVISIBLE, INVISIBLE_NAMES, NUMERALS,
                   TYPED_LIST_NUMBER, TYPED_SPACES, numeral_value)

Check = Callable[[Report, Loaded], list[Diagnostic]]


def _at(loaded: Loaded, path: tuple, message: str, *, severity=Severity.ERROR,
        hint: str = "", offset: int | None = None) -> Diagnostic:
    if offset is None:
        line, col = loaded.value_position(path)
    else:
        line, col = loaded.locate(path, offset)
    return Diagnostic(loaded.file, line, col, dotted(path), message, severity, hint)


def _warn(loaded: Loaded, path: tuple, message: str, hint: str = "",
          offset: int | None = None) -> Diagnostic:
    return _at(loaded, path, message, severity=Severity.WARNING, hint=hint, offset=offset)


# ---------------------------------------------------------------- figures

def check_year_matches_file(report: Report, loaded: Loaded) -> list[Diagnostic]:
    stem = Path(loaded.file).stem
    if stem.isdigit() and int(stem) != report.year:
        return [_at(loaded, ("year",),
                    f"文件名是 {stem}.yaml，但 year 写的是 {report.year}。year does not match the file name",
                    hint=f"把 year 改为 {stem}，或把文件改名为 {report.year}.yaml。")]
    return []


def _fmt(d: Decimal) -> str:
    return f"{d:f}"


def check_totals(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """决算 total = 基本支出 + Σ 项目支出, exactly (Decimal), and any stated subtotal."""
    funds = report.funds
    out = []
    if funds.project_total is not None and funds.project_total != funds.project_sum:
        parts = " + ".join(_fmt(c.amount) for c in funds.projects)
        out.append(_at(loaded, ("funds", "project_total"),
                       f"项目支出合计写的是 {_fmt(funds.project_total)} 万元，但各类别之和是 "
                       f"{_fmt(funds.project_sum)} 万元（{parts}）。stated subtotal "
                       f"{_fmt(funds.project_total)} != sum of parts {_fmt(funds.project_sum)}",
                       hint="核对各类别金额与财务系统中的决算数；也可删除 project_total，由 docgen 计算。"))
    if funds.final_total != funds.total:
        diff = exact_difference(funds.final_total, funds.total)
        out.append(_at(loaded, ("funds", "final_total"),
                       f"决算总额写的是 {_fmt(funds.final_total)} 万元，但基本支出 {_fmt(funds.basic)} + "
                       f"项目支出 {_fmt(funds.project_sum)} = {_fmt(funds.total)} 万元，相差 {_fmt(diff)} 万元。"
                       f"stated total {_fmt(funds.final_total)} != parts {_fmt(funds.total)}",
                       hint="核对 final_total、basic 和 projects 中的金额与财务系统的决算报表。"))
    return out


def _amounts(report: Report) -> Iterator[tuple[tuple, Decimal]]:
    funds = report.funds
    yield ("funds", "final_total"), funds.final_total
    yield ("funds", "basic"), funds.basic
    if funds.project_total is not None:
        yield ("funds", "project_total"), funds.project_total
    for i, c in enumerate(funds.projects):
        yield ("funds", "projects", i, "amount"), c.amount


def check_decimals(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """万元 to two decimals is to the 百元; a third decimal is almost always a typo."""
    out = []
    for path, amount in _amounts(report):
        places = -amount.as_tuple().exponent
        if places > 2:
            out.append(_warn(loaded, path,
                             f"金额 {_fmt(amount)} 有 {places} 位小数；万元金额一般保留两位。"
                             "more than two decimals",
                             hint="核对财务系统中的数字，是否多输了一位。"))
    return out


# ---------------------------------------------------------------- the texts

@dataclass(frozen=True)
class TextField:
    path: tuple
    text: str
    role: str  # "label" (names), "lead" (template adds "："), "item" (template numbers it), "para"


def texts(report: Report) -> Iterator[TextField]:
    """Every text of the report with its path in the content file and its role in the template."""
    yield TextField(("unit", "name"), report.unit.name, "label")
    yield TextField(("unit", "district"), report.unit.district, "label")
    ov = report.overview
    yield TextField(("overview", "basis"), ov.basis, "para")
    for i, t in enumerate(ov.areas):
        yield TextField(("overview", "areas", i), t, "item")
    for intro, key, indicators in (("output_intro", "output_indicators", ov.output_indicators),
                                   ("benefit_intro", "benefit_indicators", ov.benefit_indicators)):
        yield TextField(("overview", intro), getattr(ov, intro), "para")
        for i, ind in enumerate(indicators):
            yield TextField(("overview", key, i, "name"), ind.name, "item")  # "1、质量指标："
            yield TextField(("overview", key, i, "text"), ind.text, "para")
    for i, c in enumerate(report.funds.projects):
        yield TextField(("funds", "projects", i, "name"), c.name, "label")
    yield TextField(("funds", "management"), report.funds.management, "para")
    ach = report.achievements
    yield TextField(("achievements", "intro"), ach.intro, "para")
    for i, area in enumerate(ach.areas):
        yield TextField(("achievements", "areas", i, "lead"), area.lead, "lead")
        if area.text is not None:
            yield TextField(("achievements", "areas", i, "text"), area.text, "para")
        for j, item in enumerate(area.items or ()):
            yield TextField(("achievements", "areas", i, "items", j), item, "item")
    for i, t in enumerate(report.other.paragraphs):
        yield TextField(("other", "paragraphs", i), t, "para")
    for i, t in enumerate(report.other.honours):
        yield TextField(("other", "honours", i), t, "item")


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

_COUNT = re.compile(f"(\\d+|[两{NUMERALS}]+)\\s*(?:大|个|项)?\\s*(?:方面|部门|大类|类|项|个|条|点)")


def check_repeated_words(report: Report, loaded: Loaded) -> list[Diagnostic]:
    out = []
    for f in texts(report):
        for m in _REPEAT.finditer(f.text):
            if _REPEAT_OK.match(m.group(1)):
                continue
            out.append(_warn(loaded, f.path,
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
            out.append(_warn(loaded, f.path,
                             f"引导语末尾有空格：模板会在其后加“：”，印出来是“{stripped[-10:]} ：”。"
                             "trailing space before the colon the template adds",
                             hint="删除引号内末尾的空格。", offset=len(stripped)))
        elif stripped != body:
            out.append(_warn(loaded, f.path, "文字末尾有多余的空格。trailing space",
                             hint="删除末尾的空格。", offset=len(stripped)))
        lead = len(text) - len(text.lstrip(TYPED_SPACES))
        if lead:
            out.append(_warn(loaded, f.path,
                             "文字开头有空格（首行缩进由模板设置，不要手工输入）。leading space",
                             hint="删除开头的空格或全角空格。", offset=0))
        body_end = len(stripped)
        for m in _STRAY_SPACE.finditer(text, lead, body_end):
            before, after = text[max(0, m.start() - 4):m.start()], text[m.end():m.end() + 2]
            out.append(_warn(loaded, f.path,
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
            out.append(_warn(loaded, f.path,
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
            out.append(_at(loaded, f.path,
                           f"条目开头手工写了编号“{number}”，模板会自动编号，印出来会是“{index}、{shown}”。"
                           "list number typed into an item the template numbers",
                           hint=f"删除开头的“{number}”：编号（1、2、3）由模板生成，条目只写内容。",
                           offset=m.start() + len(m.group()) - len(m.group().lstrip())))
        elif m and f.role in ("para", "lead"):
            number = m.group().strip()
            hint = ("这段文字不会被模板编号，编号会照原样印出。若这是几项并列的内容，"
                    "可改用 items: 列表（每项以“- ”开头、不写编号，由模板编号）；若是有意为之，可忽略。")
            out.append(_warn(loaded, f.path,
                             f"文字开头手工写了编号“{number}”。list number typed into free text",
                             hint=hint, offset=m.start() + len(m.group()) - len(m.group().lstrip())))
        if f.role != "item":
            continue
        for m in _MERGED_ITEMS.finditer(f.text):
            out.append(_warn(loaded, f.path,
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
            out.append(_at(loaded, f.path,
                           f"单位名称两端有引号，引号会进入标题和文件名：{report.title}.docx。"
                           "unit name wrapped in quotes (goes into the title and file name)",
                           hint=hint, offset=offset))
        elif f.path == ("unit", "district"):
            out.append(_at(loaded, f.path,
                           f"所属区两端有引号，引号会写进报告文件的作者属性：{t}{report.unit.name}。"
                           "district wrapped in quotes (goes into the document properties)",
                           hint=hint, offset=offset))
        else:
            printed = f"{t}：……" if f.role == "lead" else t if len(t) <= 24 else t[:23] + "…" + t[-1]
            out.append(_warn(loaded, f.path,
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
            out.append(_warn(loaded, f.path,
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
            out.append(_warn(loaded, f.path,
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
    return field.role == "item" and field.path[:2] != ("other", "honours") and field.path[-1] != "name"


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
        out.append(_warn(loaded, f.path,
                         f"段落末尾没有标点（结尾是 …{end[-10:]}），句子似乎没写完。"
                         "paragraph ends without final punctuation",
                         hint="在末尾补上句号“。”（或“；”“！”“？”），或补全句子。", offset=len(end) - 1))
    return out


_COUNTED = (  # (sentence, list it announces)
    (("overview", "basis"), ("overview", "areas")),
    (("overview", "output_intro"), ("overview", "output_indicators")),
    (("overview", "benefit_intro"), ("overview", "benefit_indicators")),
    (("achievements", "intro"), ("achievements", "areas")),
)


def _get(report: Report, path: tuple):
    cur = report
    for p in path:
        cur = cur[p] if isinstance(p, int) else getattr(cur, p)
    return cur


def check_counts(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """"预期实现4大部门产出指标" must be followed by 4 indicators."""
    pairs = list(_COUNTED)
    for i, area in enumerate(report.achievements.areas):
        if area.items is not None:
            pairs.append((("achievements", "areas", i, "lead"), ("achievements", "areas", i, "items")))
    out = []
    for sentence_path, list_path in pairs:
        sentence, items = _get(report, sentence_path), _get(report, list_path)
        matches = list(_COUNT.finditer(sentence))
        if not matches:
            continue
        m = matches[-1]  # the count that introduces the list closes the sentence
        stated = numeral_value(m.group(1))
        if stated is None or stated == len(items):
            continue
        out.append(_warn(loaded, sentence_path,
                         f"句中写的是“{m.group()}”（{stated} 项），但后面的 {dotted(list_path)} 列出了 "
                         f"{len(items)} 项。stated count {stated} != {len(items)} items listed",
                         hint=f"把句中的数字改为 {len(items)}，或补齐/删减列表中的项。", offset=m.start()))
    return out


_REVIEW_COMMENT = re.compile(r"^([ \t]*)#\s*(待核对.*?)\s*$", re.M)


def check_review_comments(report: Report, loaded: Loaded) -> list[Diagnostic]:
    """A ``# 待核对`` comment that ``docgen new`` left above last year's achievements or honours.

    Until the author rewrites those sections and deletes the comment, the new
    year's report would print last year's achievements and honours as its own.
    """
    out = []
    for m in _REVIEW_COMMENT.finditer(loaded.text):
        line = loaded.line_col(m.start())[0]
        what = m.group(2).split(" (")[0].removeprefix("待核对").lstrip("：: ")
        out.append(Diagnostic(
            loaded.file, line, len(m.group(1)) + 1, "",
            f"尚未核对：{what}。section copied from last year not yet reviewed",
            Severity.WARNING,
            hint="改写下面这部分内容后，删除这行“# 待核对”注释。"))
    return out


CHECKS: list[Check] = [check_year_matches_file, check_totals, check_decimals, check_counts,
                       check_repeated_words, check_spaces, check_half_width_punctuation,
                       check_typed_numbers, check_wrapping_quotes, check_invisible_characters,
                       check_trailing_comma, check_final_punctuation, check_review_comments]


def run_checks(report: Report, loaded: Loaded) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for check in CHECKS:
        diags.extend(check(report, loaded))
    return diags
