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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostic, DocgenError, EXIT_CONTENT

MAX_BYTES = 1_000_000  # a report is ~20 kB of text; 1 MB is generous and still safe

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


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _NoAliasComposer(yaml.SafeLoader):
    """SafeLoader that refuses anchors/aliases before anything can be expanded."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _YamlRefusal(
                event.start_mark,
                "不支持 YAML 别名（*名字）。aliases (*name) are not allowed",
                "把要重复的内容直接写出来；内容文件不需要锚点和别名。",
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlRefusal(
                event.start_mark,
                f"不支持 YAML 锚点（&{anchor}）。anchors are not allowed",
                "删除 &锚点，直接写出内容。",
            )
        return super().compose_node(parent, index)


class _YamlRefusal(Exception):
    def __init__(self, mark, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.hint = hint


def read_text(path: Path, display: str) -> str:
    """Read a content file as UTF-8, with a clear answer for the usual Windows mishaps."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocgenError.single(f"找不到文件 file not found: {display}", file=display) from None
    if size > MAX_BYTES:
        raise DocgenError.single(
            f"文件太大（{size} 字节，上限 {MAX_BYTES} 字节）。file too large",
            file=display, exit_code=EXIT_CONTENT,
            hint="内容文件只应包含报告文字和数字；请检查是否误粘贴了大段内容或二进制数据。",
        )
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # UTF-8 BOM, as Windows Notepad writes it: harmless
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocgenError.single(
            "文件是 UTF-16 编码，不是 UTF-8。file is UTF-16, not UTF-8",
            file=display, exit_code=EXIT_CONTENT,
            hint="在记事本中“另存为”，编码选择“UTF-8”；或在 VS Code 右下角点编码，选“通过编码保存 → UTF-8”。",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            raw.decode("gb18030")
            guess = "文件看起来是 GBK/GB18030 编码（Windows 中文版编辑器的默认编码）。looks like GBK. "
        except UnicodeDecodeError:
            pass
        raise DocgenError(
            [Diagnostic(
                file=display, line=line, col=col,
                message=f"文件不是 UTF-8 编码。{guess}file is not UTF-8",
                hint="在记事本中“另存为”，编码选择“UTF-8”；或在 WPS/VS Code 中以 UTF-8 重新保存。",
            )],
            EXIT_CONTENT,
        ) from None
    if not text.strip():
        raise DocgenError.single(
            "文件是空的。file is empty", file=display, exit_code=EXIT_CONTENT,
            hint="用 `docgen new YEAR --from LASTYEAR` 从上一年的内容生成，或参照 README 中的示例填写。",
        )
    return text


_YAML_HINTS = [
    ("found character '\\t'", "YAML 不允许用 Tab 缩进，请改用空格。tabs are not allowed: indent with spaces"),
    ("found duplicate anchor", "重复的锚点。"),
    ("mapping values are not allowed here", "这里不能出现“: ”：可能缩进不对，或文字中含有英文冒号加空格，请给整段文字加引号或使用中文冒号“：”。"),
    ("did not find expected key", "缩进不一致，或引号/括号没有闭合。请检查这一行和上一行的缩进。"),
    ("did not find expected '-' indicator", "列表项的缩进不一致：同一列表的每一项“- ”应对齐。"),
    ("found unexpected end of stream", "引号没有闭合：请检查这一段文字的开头和结尾引号是否成对。"),
    ("while scanning a quoted scalar", "引号没有闭合：请检查这一段文字的开头和结尾引号是否成对。"),
    ("expected ',' or ']'", "方括号 [ ] 没有闭合。"),
    ("expected ',' or '}'", "花括号 { } 没有闭合。"),
    ("could not find expected ':'", "缺少“键: 值”中的英文冒号，或上一行的引号没有闭合。"),
    ("found undefined alias", "不支持 YAML 别名（*名字）。"),
    ("expected <block end>, but found", "缩进不一致：这一行的缩进与上面的层级对不上。"),
    ("block sequence entries are not allowed", "列表项“- ”的位置不对：它应单独占一行并对齐缩进。"),
]


def _yaml_error(display: str, exc: yaml.MarkedYAMLError) -> DocgenError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = exc.problem or str(exc)
    text = str(exc)
    hint = next((h for key, h in _YAML_HINTS if key in text), "")
    msg = f"YAML 语法错误 syntax error: {problem}"
    if exc.context and exc.context_mark and mark is not exc.context_mark:
        msg += f"（{exc.context}，第 {exc.context_mark.line + 1} 行）"
    return DocgenError([Diagnostic(file=display, line=line, col=col, message=msg, hint=hint)],
                       EXIT_CONTENT)


def parse_yaml(text: str, display: str) -> Loaded:
    """Compose YAML safely and build data + positions; collect duplicate-key errors."""
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
        raise _yaml_error(display, exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        raise DocgenError.single(f"YAML 错误: {exc}", file=display, exit_code=EXIT_CONTENT) from None
    if root is None:
        raise DocgenError.single("文件中没有内容（只有注释？）。file has no content", file=display,
                                 exit_code=EXIT_CONTENT)

    loaded = Loaded(file=display, data=None)
    problems: list[Diagnostic] = []
    scalar_loader = yaml.SafeLoader("")

    def build(node: yaml.Node, path: Path_) -> Any:
        loaded.value_pos[path] = _mark(node)
        if node.tag not in _STD_TAGS:
            line, col = _mark(node)
            problems.append(Diagnostic(display, line, col, _dotted(path),
                                       f"不支持的 YAML 标签 {node.tag}。unsupported tag",
                                       hint="删除“!”开头的标签，直接写文字或数字。"))
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
                        f"键“{key}”重复出现（第一次在第 {first} 行）。duplicate key",
                        hint="YAML 中同一层级的键只能出现一次：删除或合并其中一个，否则前面的内容会被悄悄丢掉。"))
                    continue
                loaded.key_pos[child] = _mark(key_node)
                out[key] = build(value_node, child)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, path + (i,)) for i, item in enumerate(node.value)]
        # scalar
        if node.tag == "tag:yaml.org,2002:float":
            txt = node.value.replace("_", "")
            try:
                value = Decimal(txt)
            except InvalidOperation:
                value = None
            if value is None or not value.is_finite():
                line, col = _mark(node)
                problems.append(Diagnostic(display, line, col, _dotted(path),
                                           f"“{node.value}”不是有效的数字。not a finite number"))
                return None
            return value
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
    out = ""
    for p in path:
        if isinstance(p, int):
            out += f"[{p + 1}]"
        else:
            out += ("." if out else "") + str(p)
    return out


dotted = _dotted
