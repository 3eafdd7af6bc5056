"""Stage 3 — check: consistency of a valid report, beyond what the schema can say.

Errors stop a render; warnings are printed and left for the author to decide
(the published 2020 report has several slips that are its own wording, and the
checker must find them without rewriting them).  To-dos (figures still 待填)
are found earlier, by the model, because such a file is not yet a valid report.

Each check is a small function ``(report, loaded) -> list[Diagnostic]`` in
:data:`CHECKS`, located with the positions that :mod:`docgen.load` recorded —
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
a list number typed into an item the template numbers    warning
a paragraph or item ending in "，"                        warning
=====================================================  ========
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Callable, Iterator

from .errors import Diagnostic, DocgenError, EXIT_TEMPLATE, Severity
from .load import Loaded, dotted
from .model import Report

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
        diff = funds.final_total - funds.total
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


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# full-width punctuation and CJK brackets/quotes: 、。，；：？！（）《》“”‘’【】…—·
_FW_PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65" \
            "\u2018\u2019\u201c\u201d\u2026\u2014"
_CJK = f"{_HAN}{_FW_PUNCT}"
_SPACE = " \t\u3000\u00a0"

_REPEAT = re.compile(f"([{_HAN}]{{2,4}})\\1")
_REPEAT_OK = re.compile("^一")  # 一个一个, 一步一步: reduplication on purpose

# a space run between two CJK characters, between CJK and a digit, or touching
# full-width punctuation ("方面 ：", "1150 条", "共 12 个", "， 让")
_STRAY_SPACE = re.compile(
    f"(?<=[{_CJK}])[{_SPACE}]+(?=[{_CJK}0-9])"
    f"|(?<=[0-9])[{_SPACE}]+(?=[{_CJK}])"
    f"|(?<=\\S)[{_SPACE}]+(?=[{_FW_PUNCT}])"
    f"|(?<=[{_FW_PUNCT}])[{_SPACE}]+(?=\\S)")

_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF_PUNCT = re.compile(
    f"(?<=[{_HAN}])[ ]?[,;:?!()]"      # 满意度, 让 / 时间:10点 / 总数(21个
    f"|[,;:?!()](?=[ ]?[{_HAN}])"       # (辖区 / 其中,基本
    f"|(?<=[{_HAN}])\\.(?![0-9A-Za-z])")  # 完成. (not 5.12, not a file name)

_NUMERAL = "一二三四五六七八九十"
_TYPED_NUMBER = re.compile(
    f"^\\s*(?:(?:\\d{{1,2}}|[{_NUMERAL}]{{1,3}})\\s*[、.．](?![0-9])"
    f"|[（(]\\s*(?:\\d{{1,2}}|[{_NUMERAL}]{{1,3}})\\s*[)）]"
    "|[\u2460-\u2473\u2776-\u277f])\\s*")
_MERGED_ITEMS = re.compile("[。；;]\\s*(\\d{1,2}、)")

_COUNT = re.compile(f"(\\d+|[两{_NUMERAL}]+)\\s*(?:大|个|项)?\\s*(?:方面|部门|大类|类|项|个|条|点)")


def _chinese_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["两"] = 2
    if "十" in text:
        tens, _, ones = text.partition("十")
        if any(c not in digits for c in tens + ones):
            return None
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    if len(text) == 1 and text in digits:
        return digits[text]
    return None


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
        stripped = body.rstrip(_SPACE)
        if stripped != body and f.role == "lead":
            out.append(_warn(loaded, f.path,
                             f"引导语末尾有空格：模板会在其后加“：”，印出来是“{stripped[-10:]} ：”。"
                             "trailing space before the colon the template adds",
                             hint="删除引号内末尾的空格。", offset=len(stripped)))
        elif stripped != body:
            out.append(_warn(loaded, f.path, "文字末尾有多余的空格。trailing space",
                             hint="删除末尾的空格。", offset=len(stripped)))
        lead = len(text) - len(text.lstrip(_SPACE))
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
    out = []
    for f in texts(report):
        if f.role != "item":
            continue
        m = _TYPED_NUMBER.match(f.text)
        if m:
            out.append(_warn(loaded, f.path,
                             f"条目开头手工写了编号“{m.group().strip()}”，模板会自动编号，印出来会重复。"
                             "list number typed into a numbered item",
                             hint="删除开头的编号；编号（1、2、3）由模板生成。", offset=m.start()))
        for m in _MERGED_ITEMS.finditer(f.text):
            out.append(_warn(loaded, f.path,
                             f"条目中间出现编号“{m.group(1)}”：可能把两项写进了一项。numbered items merged",
                             hint="把它拆成两项（各占一行，以“- ”开头），并删除手写的编号。",
                             offset=m.start(1)))
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
        stated = _chinese_number(m.group(1))
        if stated is None or stated == len(items):
            continue
        out.append(_warn(loaded, sentence_path,
                         f"句中写的是“{m.group()}”（{stated} 项），但后面的 {dotted(list_path)} 列出了 "
                         f"{len(items)} 项。stated count {stated} != {len(items)} items listed",
                         hint=f"把句中的数字改为 {len(items)}，或补齐/删减列表中的项。", offset=m.start()))
    return out


CHECKS: list[Check] = [check_year_matches_file, check_totals, check_decimals, check_counts,
                       check_repeated_words, check_spaces, check_half_width_punctuation,
                       check_typed_numbers, check_trailing_comma]


def run_checks(report: Report, loaded: Loaded) -> list[Diagnostic]:
    diags: list[Diagnostic] = []
    for check in CHECKS:
        diags.extend(check(report, loaded))
    return diags


# ---------------------------------------------------------------- the template

#: A complete Jinja tag inside one paragraph of the template.
TEMPLATE_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
_DELIMITER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")


def template_paragraphs(template: Path) -> list[tuple[str, str]]:
    """(part, text) of every paragraph (or metadata field) of a .docx template with a ``{`` or ``}``."""
    import html
    import zipfile

    try:
        with zipfile.ZipFile(template) as zf:
            parts = {n: zf.read(n).decode("utf-8", "replace") for n in zf.namelist()
                     if n.endswith(".xml") and not n.startswith("[")}
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return []
    out = []
    for name, xml in sorted(parts.items()):
        # docxtpl renders paragraphs of word/*.xml and the text of docProps/core.xml
        chunks = xml.split("</w:p>") if name.startswith("word/") else re.findall(r">([^<]*)<", xml)
        for chunk in chunks:
            text = html.unescape(re.sub(r"<[^>]+>", "", chunk)).strip()
            if "{" in text or "}" in text:
                out.append((name, text))
    return out


def broken_tag(text: str) -> str:
    """The unbalanced part of a paragraph: '{{ overview.basis }' → that, '' if all tags are whole."""
    rest = TEMPLATE_TAG.sub("\0", text)
    m = _DELIMITER.search(rest)
    if not m:
        return ""
    if m.group() in ("{{", "{%", "{#"):
        end = rest.find("\0", m.end())
        return rest[m.start():end if end != -1 else m.start() + 40].strip()
    start = rest.rfind("\0", 0, m.start()) + 1
    return rest[max(start, m.start() - 40):m.end()].strip()


def check_template(template: Path) -> list[Diagnostic]:
    """Tags that open and do not close in their paragraph (or close without opening).

    Jinja cannot see these: docxtpl first joins the text between ``{{`` and the
    next ``}}`` *across paragraphs*, so "{{ overview.basis }" silently swallows
    the paragraphs that follow and the report comes out with text missing.
    """
    diags = []
    for part, text in template_paragraphs(template):
        tag = broken_tag(text)
        if tag:
            where = " " if part == "word/document.xml" else f"（{part}）"
            diags.append(Diagnostic(
                str(template),
                message=f"模板 {template}{where}中的标签不完整：“{tag}”；所在段落：{text[:120]}。"
                        "broken template tag",
                hint="每个 {{ … }}、{% … %} 都要在同一段内成对闭合；在 Word 中补全括号，"
                     "或用 `make template` 重新生成默认模板。"))
    return diags


def require_template(template: Path) -> None:
    """Raise (exit code 3) if the template has broken tags; a missing template is left to the renderer."""
    problems = check_template(template)
    if problems:
        raise DocgenError(problems, EXIT_TEMPLATE)
