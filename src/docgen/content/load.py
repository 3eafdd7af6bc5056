"""Stage 1 — load: bytes on disk → plain Python data plus a map of where each value was.

Why not ``yaml.safe_load``?
  * it forgets positions, and every later error must name file, line and column;
  * it silently keeps the last of two duplicate keys (a typo that loses a paragraph);
  * it turns ``146.40`` into a float, losing the precision the office typed;
  * it expands aliases, which is how a "billion laughs" file eats all memory.

So we let PyYAML's *safe* loader compose the node tree (no object construction,
no python tags) and build the data ourselves: floats become ``Decimal`` from the
text as written, duplicate keys are errors, anchors/aliases are refused (content
files never need them), and non-standard tags are refused.

Before YAML sees the text: the file is read by :func:`docgen.content.source.read_text`
(a regular file, the size limit, the encoding: UTF-8, with a BOM or not; GBK and
UTF-16 are named and the fix is said), and control characters as pasted from Word are found, each reported with its line, column and field (PyYAML would
only say "unacceptable character … position 322").  Nesting deeper than
:data:`MAX_DEPTH` is refused instead of overflowing Python's stack.  Integers are
read in base 10 (``070`` is 70, not YAML 1.1 octal); other numeric forms
(``0x1F``, ``1:30``, ``.inf``, ``1.5e+3``) stay text, so an amount gets a clear error.

Two slips that PyYAML would report far from their cause are found first as well:
a full-width (or other non-ASCII) space used as indentation or after "key:"/"- "
— it looks like a space but YAML reads it as text — and, when the parser gives up
inside ``[ … ]`` or ``{ … }``, the bracket that was never closed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from ..errors import Diagnostic, DocgenError, EXIT_CONTENT, clip
from .source import MAX_BYTES, read_text
from .yaml_errors import MAX_LISTED, odd_spaces, yaml_error

__all__ = ["MAX_BYTES", "Loaded", "dotted", "load_content", "parse_yaml", "read_text"]

Path_ = tuple[str | int, ...]

_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Loaded:
    """The data of one content file and where each piece of it stands in the file."""

    file: str
    data: Any
    # path → (line, col) of the value, 1-based
    value_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # path → (line, col) of the mapping key that introduced it
    key_pos: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    #: the source text, to place a slip *inside* a value (``1150 条``: the column of the space)
    text: str = ""
    # path → (start index, end index, YAML style) of the value node in ``text``
    spans: dict[Path_, tuple[int, int, str | None]] = field(default_factory=dict)
    # caches, so that placing n diagnostics costs O(n log n), not n times the file's length
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)
    _block_lines: dict[int, tuple[list[str], list[str], list[int]]] = field(
        default_factory=dict, repr=False, compare=False)
    #: the heading numbers of each content list, for :func:`docgen.content.outline.place_in`
    places: dict = field(default_factory=dict, repr=False, compare=False)

    def position(self, path: Path_) -> tuple[int, int]:
        """Best position for a path: the key if known, else the value, else the nearest parent."""
        p = tuple(path)
        while True:
            if p in self.key_pos:
                return self.key_pos[p]
            if p in self.value_pos:
                return self.value_pos[p]
            if not p:
                return (1, 1)
            p = p[:-1]

    def value_position(self, path: Path_) -> tuple[int, int]:
        p = tuple(path)
        if p in self.value_pos:
            return self.value_pos[p]
        return self.position(p)

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column (in characters) of a character index of :attr:`text`."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect_right(self._line_starts, index)
        return line, index - self._line_starts[line - 1] + 1

    def locate(self, path: Path_, offset: int) -> tuple[int, int]:
        """Where character ``offset`` of the string at ``path`` stands in the file.

        Exact for values written on one line (plain or quoted, without escapes)
        and for ``|`` blocks; otherwise the start of the value, which is still
        the right line to look at for most values.
        """
        path = tuple(path)
        value = self._value(path)
        span = self.spans.get(path)
        if not isinstance(value, str) or span is None or not self.text:
            return self.value_position(path)
        start, end, style = span
        src = self.text
        if style in (None, "'", '"'):
            first = start + (style is not None)
            if src.startswith(value, first) and first + len(value) <= end:
                return self.line_col(first + min(offset, len(value)))
        elif style == "|":
            cached = self._block_lines.get(start)
            if cached is None:  # once per block: its source lines (after "|"), the value's lines
                lines = value.split("\n")
                starts = [0]
                for line in lines[:-1]:
                    starts.append(starts[-1] + len(line) + 1)
                cached = self._block_lines[start] = (src[start:end].split("\n")[1:], lines, starts)
            src_lines, lines, starts = cached
            k = bisect_right(starts, offset) - 1
            c = offset - starts[k]
            if k < len(src_lines):
                src_line = src_lines[k]
                indent = len(src_line) - len(src_line.lstrip(" "))
                if src_line[indent:] == lines[k]:
                    line0 = self.line_col(start)[0]
                    return (line0 + 1 + k, indent + c + 1)
        return self.value_position(path)

    def path_at(self, index: int) -> Path_:
        """The innermost value whose text contains character ``index`` (for control characters)."""
        best: Path_ = ()
        for path, (start, end, _style) in self.spans.items():
            if start <= index < end and len(path) >= len(best):
                best = path
        return best

    def _value(self, path: Path_) -> Any:
        cur = self.data
        for p in path:
            try:
                cur = cur[p]
            except (KeyError, IndexError, TypeError):
                return None
        return cur


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


#: A content file is at most 5 levels deep; anything far deeper is garbage or an attack
#: (PyYAML's composer recurses, so 5000 "[" would otherwise end in a RecursionError).
MAX_DEPTH = 40


class _NoAliasComposer(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases before anything can be expanded.

    Refusing the first anchor is what makes a "billion laughs" file harmless:
    nothing is ever expanded, however many aliases follow.
    """

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _YamlRefusal(
                event.start_mark,
                f"不支持 YAML 别名（*{event.anchor}）。aliases (*name) are not allowed",
                "以“*”开头的文字会被当作 YAML 别名：如果这是文字，请给整段文字加引号；"
                "内容文件不需要锚点和别名，要重复的内容请直接写出来。",
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlRefusal(
                event.start_mark,
                f"不支持 YAML 锚点（&{anchor}）。anchors are not allowed",
                "以“&”开头的文字会被当作 YAML 锚点：如果这是文字，请给整段文字加引号；否则删除 &锚点。",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _YamlRefusal(event.start_mark,
                                   f"嵌套超过 {MAX_DEPTH} 层。nesting too deep",
                                   "内容文件最多只有几层缩进：请检查是否有多余的“[”“{”或“- ”。")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _YamlRefusal(Exception):
    def __init__(self, mark, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


#: What PyYAML's reader refuses (yaml.reader.Reader.NON_PRINTABLE), which includes every
#: character XML 1.0 forbids; we find them first so the message can name the field.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_CONTROL_NAMES = {
    "\x00": "空字符 NUL（文件可能已损坏，或不是文本文件）",
    "\x07": "响铃符 BEL",
    "\x08": "退格符 BS",
    "\x0b": "垂直制表符 VT（Word 中的手动换行符，Shift+Enter）",
    "\x0c": "换页符 FF（Word 中的分页符）",
    "\x1a": "文件结束符 SUB",
    "\x1b": "ESC",
    "\x7f": "删除符 DEL",
    "\ufffe": "非字符 U+FFFE",
    "\uffff": "非字符 U+FFFF",
}

def _control_characters(text: str, display: str) -> DocgenError | None:
    """Every control character (as pasted from Word) with its line, column and field."""
    found = list(_NON_PRINTABLE.finditer(text))
    if not found:
        return None
    where: Loaded | None = None
    try:  # parse a copy with the characters blanked, only to learn which field each is in
        where = _parse(_NON_PRINTABLE.sub(" ", text), display)
    except DocgenError:
        where = None
    probe = where or Loaded(file=display, data=None, text=text)
    diags = []
    for m in found[:MAX_LISTED]:
        ch = m.group()
        line, col = probe.line_col(m.start())
        name = _CONTROL_NAMES.get(ch, "控制字符")
        diags.append(Diagnostic(
            display, line, col, dotted(where.path_at(m.start())) if where else "",
            f"含有不可见的控制字符 U+{ord(ch):04X}：{name}。control character not allowed",
            hint="删除这个字符（它在编辑器中常显示为方框、问号或看不见，可重新输入该处文字）；"
                 "段内换行请用“|”写多行文字。"))
    if len(found) > MAX_LISTED:
        diags.append(Diagnostic(display, message=f"共有 {len(found)} 个控制字符，只列出了前 {MAX_LISTED} 个。"
                                                 f"{len(found)} control characters in all",
                                hint="这么多控制字符，通常说明这不是文本文件，或粘贴了二进制内容。"))
    return DocgenError(diags, EXIT_CONTENT)


# Spaces that look like a space but are text to YAML: the full-width space an IME types
# (U+3000), the no-break space of web pages and Word (U+00A0), and the typographic ones.
_PLAIN_INT = re.compile(r"[-+]?[0-9][0-9_]*")


def parse_yaml(text: str, display: str) -> Loaded:
    """Compose YAML safely and build data + positions; collect duplicate-key errors."""
    for scan in (_control_characters, odd_spaces):
        refused = scan(text, display)
        if refused is not None:
            raise refused
    return _parse(text, display)


def _parse(text: str, display: str) -> Loaded:
    try:
        loader = _NoAliasComposer(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except _YamlRefusal as ref:
        raise DocgenError([Diagnostic(file=display, line=ref.mark.line + 1, col=ref.mark.column + 1,
                                      message=ref.message, hint=ref.hint)], EXIT_CONTENT) from None
    except yaml.MarkedYAMLError as exc:
        raise yaml_error(display, text, exc) from None
    except yaml.reader.ReaderError as exc:  # pre-empted by _control_characters; kept as a guard
        probe = Loaded(file=display, data=None, text=text)
        line, col = probe.line_col(exc.position)
        raise DocgenError([Diagnostic(display, line, col, "",
                                      f"含有不允许的字符 U+{exc.character:04X}。character not allowed"
                                      if isinstance(exc.character, int) else f"YAML 错误: {exc}")],
                          EXIT_CONTENT) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise DocgenError.single(f"YAML 错误: {exc}", file=display, exit_code=EXIT_CONTENT) from None
    if root is None:
        raise DocgenError.single("文件中没有内容（只有注释？）。file has no content", file=display,
                                 exit_code=EXIT_CONTENT,
                                 hint="用 `docgen new YEAR --from LASTYEAR` 从上一年的内容生成，或参照 README 中的示例填写。")

    loaded = Loaded(file=display, data=None, text=text)
    problems: list[Diagnostic] = []
    scalar_loader = yaml.SafeLoader("")

    def build(node: yaml.Node, path: Path_) -> Any:
        loaded.value_pos[path] = _mark(node)
        loaded.spans[path] = (node.start_mark.index, node.end_mark.index,
                              getattr(node, "style", None))
        if node.tag not in _STD_TAGS:
            line, col = _mark(node)
            problems.append(Diagnostic(display, line, col, _dotted(path),
                                       f"不支持的 YAML 标签 {node.tag}。unsupported tag",
                                       hint="删除“!”开头的标签，直接写文字或数字；"
                                            "如果文字本身以“!”开头，请给整段文字加引号。"))
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    line, col = _mark(key_node)
                    problems.append(Diagnostic(display, line, col, _dotted(path),
                                               "键必须是文字。keys must be plain text"))
                    continue
                key = key_node.value
                if key_node.tag == "tag:yaml.org,2002:merge" or key == "<<":
                    line, col = _mark(key_node)
                    problems.append(Diagnostic(display, line, col, _dotted(path),
                                               "不支持 YAML 合并键“<<”。merge keys are not allowed"))
                    continue
                child = path + (key,)
                if key in out:
                    line, col = _mark(key_node)
                    first = loaded.key_pos[child][0]
                    problems.append(Diagnostic(
                        display, line, col, _dotted(child),
                        f"键“{clip(key, 40)}”重复出现（第一次在第 {first} 行）。duplicate key",
                        hint="YAML 中同一层级的键只能出现一次：删除或合并其中一个，否则前面的内容会被悄悄丢掉。"))
                    continue
                loaded.key_pos[child] = _mark(key_node)
                out[key] = build(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        # scalar: numbers from the text as written, never through float
        if node.tag == "tag:yaml.org,2002:float":
            if "e" in node.value.lower():
                # 1.5e+3: exponent notation is what Excel shows for a figure it has already
                # rounded; keep the text so the amount error can quote it as written.
                return node.value
            try:
                value = Decimal(node.value.replace("_", ""))
            except InvalidOperation:  # ".inf", "1:30.5" (YAML 1.1 base 60): keep the text
                return node.value
            return value if value.is_finite() else node.value
        if node.tag == "tag:yaml.org,2002:int":
            if _PLAIN_INT.fullmatch(node.value):  # base 10 even with a leading 0 (YAML 1.1: octal)
                return int(node.value.replace("_", ""))
            return node.value  # 0x1F, 1:30 (base 60): not a figure anyone types; keep the text
        if node.tag == "tag:yaml.org,2002:str":
            return node.value
        return scalar_loader.construct_object(node, deep=True)

    try:
        loaded.data = build(root, ())
    finally:
        scalar_loader.dispose()
    if problems:
        raise DocgenError(problems, EXIT_CONTENT)
    return loaded


def load_content(path: Path, display: str | None = None) -> Loaded:
    """Read and parse one content file; raise :class:`DocgenError` with every problem found."""
    display = display or str(path)
    return parse_yaml(read_text(path, display), display)


def _dotted(path: Path_) -> str:
    """``overview.areas[2]``; a key is quoted at most 40 characters long (a pasted page is not a name)."""
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            out += ("." if out else "") + clip(str(p), 40)
    return out


dotted = _dotted
