"""Why a content file could not be read, said where the slip is and how to fix it.

PyYAML reports most mistakes an office makes far from their cause ("unacceptable
character … position 322", "mapping values are not allowed here" three lines
down).  Before and after YAML parses the text, these functions find the real
cause and name its line, column and field (control characters are found by
:mod:`.load` itself, which parses a cleaned copy to name their fields):

* a full-width or other odd space used as indentation or after "key:" / "- " — it
  looks like a space, YAML reads it as text (:func:`odd_spaces`);
* for a YAML error: an unclosed quote, a bracket never closed, a Chinese colon
  after a key, a tab (:func:`yaml_error`, with a hint for each).
"""

from __future__ import annotations

import re

import yaml

from ..errors import Diagnostic, DocgenError, EXIT_CONTENT
from .text import ODD_SPACE_NAMES, ODD_SPACES

#: How many slips of one kind an error lists before it only counts them.
MAX_LISTED = 10

_ODD = ODD_SPACES
_ODD_SPACE = re.compile(f"[{_ODD}]")
_ODD_RUN = re.compile(f"[ {_ODD}]*")
_ONLY_ODD = re.compile(f"[{_ODD}][ {_ODD}]*(?:#.*)?")
_SPACE_NAMES = ODD_SPACE_NAMES
#: a mapping key at the start of a line (content keys are single words)
_LINE_KEY = re.compile(f"[^\\s#:'\"\\[\\]{{}},{_ODD}][^\\s:#{_ODD}]*:(?=[\\s{_ODD}]|$)")
#: a line that opens a "|" or ">" block: the lines under it are text, spaces and all
_BLOCK_HEADER = re.compile(r"^( *)(?:- +)*(?:[^\s#][^#]*?: +)?[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _structural(rest: str) -> bool:
    """Whether ``rest`` (a line after its spaces) starts like a key or a list item."""
    if _LINE_KEY.match(rest):
        return True
    return rest.startswith("-") and (rest[1:2] in (" ", "") or bool(_ODD_SPACE.match(rest, 1)))


def _closes_quote(quote: str, line: str) -> bool:
    if quote == '"':
        return re.search(r'(?<!\\)"', line) is not None
    return re.search(r"'(?!')", line.replace("''", "")) is not None


def _odd_space_slips(text: str) -> list[tuple[int, int, str, str]]:
    """(line, col, character, where) of each non-ASCII space in the *structure* of a line.

    Structure is the indentation, the separator after "key:" and after "- ", and the space
    before a "#" comment (else the comment becomes part of the value).  Text is
    left alone: the lines of a "|" block, the continuation lines of a long value, the
    inside of a quoted value, and anything after "key: " (a full-width space *in* a
    text is data; check.py warns about stray spaces there).
    """
    found: list[tuple[int, int, str, str]] = []
    block: int | None = None  # indent of the line that opened a "|"/">" block
    quote: str | None = None  # a quote left open on an earlier line
    plain: int | None = None  # indent of a line whose plain value may go on below it
    for n, line in enumerate(text.split("\n"), start=1):
        line = line.rstrip("\r")
        indent = len(line) - len(line.lstrip(" "))
        rest = line[indent:]
        if block is not None:
            if not rest or indent > block:
                continue
            block = None
        if quote is not None:
            if _closes_quote(quote, line):
                quote = None
            continue
        if not rest:
            continue
        if rest.startswith("#"):
            plain = None
            continue
        if plain is not None and indent > plain:  # a continuation line of a long value
            if _ODD_SPACE.match(rest):
                run = _ODD_RUN.match(line, indent).end()
                if _structural(line[run:]):
                    found.append((n, indent + 1, rest[0], "在行首"))
            continue
        pos, value = indent, None
        if _ODD_SPACE.match(line, pos):
            found.append((n, pos + 1, line[pos], "在行首"))
            continue
        slip = None
        while line.startswith("-", pos):  # "- " list markers (also "- - x")
            after = line[pos + 1:pos + 2]
            if after and _ODD_SPACE.match(after):
                slip = (n, pos + 2, after, "在“-”之后")
                break
            if after != " ":
                break
            pos = len(line) - len(line[pos + 1:].lstrip(" "))
            if _ODD_SPACE.match(line, pos):
                run = _ODD_RUN.match(line, pos).end()
                if _structural(line[run:]):
                    slip = (n, pos + 1, line[pos], "在“- ”之后")
                break
        if slip is None:
            key = _LINE_KEY.match(line, pos)
            if key:
                colon = key.end()
                after = line[colon:colon + 1]
                if after and _ODD_SPACE.match(after):
                    slip = (n, colon + 1, after, f"在“{key.group()}”之后")
                else:
                    pos = len(line) - len(line[colon:].lstrip(" "))
                    tail = line[pos:]
                    if _ONLY_ODD.fullmatch(tail):  # "unit:　" : nothing but the odd space
                        slip = (n, pos + 1, tail[0], f"在“{key.group()}”之后")
            value = line[pos:] if slip is None else None
        if slip is None and value and value[0] not in "'\"":
            # "2517.81　# 基本支出": YAML starts a comment only after an ASCII space, so the
            # comment would become part of the value (and be printed, for a text).
            comment = re.search(r"(?:^|[ \t])#", value)
            odd = re.search(f"[{_ODD}]+#", value[:comment.start() if comment else len(value)])
            if odd:
                slip = (n, pos + odd.start() + 1, odd.group()[0], "在“#”注释之前")
        if slip is not None:
            found.append(slip)
            plain = None
            continue
        m = _OPENS_QUOTE.match(line)
        if _BLOCK_HEADER.match(line):
            block, plain = indent, None
        elif m and not _closes_quote(m.group(1), m.group(2)):
            quote, plain = m.group(1), None
        elif value and value[0] not in "[{&*!|>#":
            plain = indent
        else:
            plain = None
    return found


def odd_spaces(text: str, display: str) -> DocgenError | None:
    """Full-width spaces (and their kin) used as indentation or separators, each at its line:col."""
    found = _odd_space_slips(text)
    if not found:
        return None
    diags = []
    for line, col, ch, where in found[:MAX_LISTED]:
        name = _SPACE_NAMES.get(ch, "特殊空格")
        diags.append(Diagnostic(
            display, line, col, "",
            f"用了{name}（U+{ord(ch):04X}）缩进 / 分隔（{where}）：它看起来像空格，YAML 却把它当作文字。"
            f"non-ASCII space U+{ord(ch):04X} used as indentation or separator",
            hint=f"把这里的{name}换成普通的半角空格（在英文输入法下按空格键）；"
                 "缩进和“: ”“- ”之后只能用半角空格。"))
    if len(found) > MAX_LISTED:
        diags.append(Diagnostic(display, message=f"共有 {len(found)} 处，只列出了前 {MAX_LISTED} 处。"
                                                 f"{len(found)} places in all",
                                hint="可在编辑器中用“查找替换”把全角空格“　”全部替换为半角空格，"
                                     "再检查文字中本来就要的全角空格。"))
    return DocgenError(diags, EXIT_CONTENT)


_QUOTE_HINT = "引号没有闭合：以英文引号开头的文字，要在同一段的末尾用同样的引号结束。"
_KEY_HINT = ("这一行或上一行格式不对：键后要用英文冒号加空格（“name: 值”，不能用中文冒号“：”，冒号后不能缺空格）；"
             "列表项写“- 内容”（“-”后有空格）；也可能是上面某行的引号没有闭合。")

_YAML_HINTS = [
    ("found character '\\t'", "YAML 不允许用 Tab 缩进或分隔，请改用空格。tabs are not allowed: use spaces"),
    ("mapping values are not allowed here",
     "这里不能出现“: ”：可能缩进不对，或文字中含有英文冒号加空格。请给整段文字加引号，或把英文冒号改为中文冒号“：”。"),
    ("but found '<scalar>'",
     "这一行在引号或括号结束后还有文字：文字以引号或方括号开头时，请把整段文字放进一对引号里"
     "（例如 '\"春风行动\"招聘会'），或改用中文引号“”。也可能是缩进不一致。"),
    ("did not find expected key", "缩进不一致，或引号/括号没有闭合。请检查这一行和上一行的缩进。"),
    ("did not find expected '-' indicator", "列表项的缩进不一致：同一列表的每一项“- ”应对齐。"),
    ("while scanning a quoted scalar", _QUOTE_HINT),
    ("while parsing a flow sequence", "方括号 [ ] 没有闭合：文字以“[”开头时，请给整段文字加引号。"),
    ("while parsing a flow mapping", "花括号 { } 没有闭合：文字以“{”开头时，请给整段文字加引号。"),
    ("could not find expected ':'", _KEY_HINT),
    ("while scanning an alias", "以“*”开头的文字会被当作 YAML 别名：请给整段文字加引号。"),
    ("while scanning an anchor", "以“&”开头的文字会被当作 YAML 锚点：请给整段文字加引号。"),
    ("that cannot start any token",
     "文字不能以 @ ` % 等符号开头：请给整段文字加引号。"),
    ("expected <block end>, but found", "缩进不一致：这一行的缩进与上面的层级对不上（同一层的键要左对齐）。"),
    ("block sequence entries are not allowed", "列表项“- ”的位置不对：它应单独占一行，并与同一列表的其他项对齐。"),
    ("expected a single document", "文件中只能有一份内容：删除多余的“---”分隔行及其后重复的内容。"),
    ("found unexpected end of stream", _QUOTE_HINT),
]

# A value that opens a quote it does not close on the same line: 'text: "春风行动 …'
_OPENS_QUOTE = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"][^:#]*:\s+)?(["'])(.*)$""")


def _unclosed_quote(lines: list[str], upto: int) -> tuple[int, int] | None:
    """(line, col) of the last value before line ``upto`` that opens a quote left open on its line."""
    found = None
    for n, line in enumerate(lines[:upto], start=1):
        m = _OPENS_QUOTE.match(line)
        if not m:
            continue
        q, rest = m.group(1), m.group(2)
        if q == '"':
            closed = re.search(r'(?<!\\)"', rest) is not None
        else:
            closed = re.search(r"'(?!')", rest.replace("''", "")) is not None
        if not closed:
            found = (n, m.start(1) + 1)
    return found


_BRACKET_HINTS = {
    "[": "方括号“[”没有闭合：在同一段末尾补上“]”；如果这是文字（以“[”开头），请给整段文字加引号。",
    "{": "花括号“{”没有闭合：在同一段末尾补上“}”；如果这是文字（以“{”开头），请给整段文字加引号。",
}
_CLOSER = {"[": "]", "{": "}"}


def _open_brackets(text: str, upto: int) -> list[tuple[int, str]]:
    """(index, bracket) of each ``[``/``{`` still open at index ``upto``, outermost first.

    A bracket opens a flow collection only where a value starts (after the
    indentation, "- " or "key: "); inside one, brackets nest anywhere outside
    quotes and comments.  The lines of a "|"/">" block are text and skipped.
    """
    stack: list[tuple[int, str]] = []  # (index, bracket)
    quote: str | None = None
    block: int | None = None
    start = 0
    for line in text[:upto].split("\n"):
        end = start + len(line)
        indent = len(line) - len(line.lstrip(" "))
        i = indent
        if not stack and quote is None:
            if block is not None and (not line.strip() or indent > block):
                start = end + 1
                continue
            block = indent if _BLOCK_HEADER.match(line) else None
            while line.startswith("- ", i):
                i = len(line) - len(line[i + 1:].lstrip(" "))
            key = re.match(r"[^\s#\[\]{}][^#]*?:(?: +|$)", line[i:])
            if key and not line.startswith(("[", "{"), i):
                i += key.end()
            if not line.startswith(("[", "{"), i):
                start = end + 1
                continue
        while i < len(line):
            ch = line[i]
            if quote is not None:
                if ch == quote:
                    if quote == "'" and line.startswith("''", i):
                        i += 1
                    else:
                        quote = None
                elif ch == "\\" and quote == '"':
                    i += 1
            elif ch in "\"'":
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
                break
            elif ch in "[{":
                stack.append((start + i, ch))
            elif ch in "]}" and stack:
                stack.pop()
                if not stack:
                    break  # back in block context: the rest of the line is not a collection
            i += 1
        start = end + 1
    return stack


def yaml_error(display: str, text: str, exc: yaml.MarkedYAMLError) -> DocgenError:
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    message = str(exc)
    hint = next((h for key, h in _YAML_HINTS if key in message), "")
    # Point where the user must look: the start of an unclosed quote or bracket, not the
    # end of the file where the parser gave up.
    mark = problem_mark or context_mark
    if context_mark is not None and exc.context and (
            any(k in exc.context for k in ("quoted scalar", "flow", "simple key", "an alias", "an anchor"))):
        mark = context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    msg = f"YAML 语法错误 syntax error: {exc.problem or message}"
    if exc.context and context_mark is not None and mark is not context_mark:
        msg += f"（{exc.context}，第 {context_mark.line + 1} 行）"
    elif mark is context_mark and problem_mark is not None:
        msg += f"（{exc.context}；第 {problem_mark.line + 1} 行才发现）"
    if exc.context and "flow" in exc.context and problem_mark is not None:
        # "x: [" at the end of the file: the parser names where it gave up (or, for
        # "a flow node", where a value was expected); the user needs the bracket itself.
        opened = _open_brackets(text, problem_mark.index)
        if opened and opened[-1] in _open_brackets(text, len(text)):  # never closed in the file
            index, bracket = opened[-1]
            bline = text.count("\n", 0, index) + 1
            bcol = index - (text.rfind("\n", 0, index) + 1) + 1
            return DocgenError([Diagnostic(
                display, bline, bcol, "",
                f"YAML 语法错误 syntax error: 第 {bline} 行第 {bcol} 列的“{bracket}”没有闭合"
                f"（缺少“{_CLOSER[bracket]}”；YAML 读到第 {problem_mark.line + 1} 行才发现：{exc.problem}）。"
                f"unclosed '{bracket}'",
                hint=_BRACKET_HINTS[bracket])], EXIT_CONTENT)
        if opened:  # closed later, but what is inside is not a list/mapping: it was text
            hint = ("这个值以“[”或“{”开头，YAML 把它当作列表/映射来读，里面的写法却不对："
                    "如果这是文字，请给整段文字加引号（例如 '[注]……'），或改用中文括号【】｛｝。")
    quote = _unclosed_quote(text.split("\n"), line - 1) if hint != _QUOTE_HINT and line else None
    if quote is not None and quote[0] < line and "quoted scalar" not in (exc.context or ""):
        # '"开福区' on line 11 makes the parser stumble much later: name line 11 first.
        qline, qcol = quote
        return DocgenError([Diagnostic(
            display, qline, qcol, "",
            f"引号没有在本行闭合，YAML 读到第 {line} 行才出错（{exc.problem}）。unclosed quote",
            hint=_QUOTE_HINT)], EXIT_CONTENT)
    return DocgenError([Diagnostic(file=display, line=line, col=col, message=msg, hint=hint)],
                       EXIT_CONTENT)
