"""The imported content written as ``content/<year>.yaml``, and checked as ``docgen check`` would.

The file is for people to read and correct, so :func:`to_yaml` writes it in the
general outline's format with PyYAML's *safe* dumper (the same resolver that
:mod:`docgen.content.load` reads with, so a string is quoted exactly when it would
otherwise be misread: "yes", "1e3", "- 甲", "#…"), block style, Chinese unescaped,
amounts as plain numbers with the precision they had, short Chinese comments on the
top-level keys and, on each heading, the number the template will print.  :func:`write_content` proves that the
text reads back as exactly the imported data, never overwrites a file unless
told to, writes atomically, and returns the diagnostics of checking it, so a
total that does not add up in the old report is reported at once.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..content.load import parse_yaml
from ..content.model import DEFAULT_KIND, MAX_LEVEL
from ..content.outline import heading_number
from ..content.source import MAX_BYTES
from ..content.text import PLACEHOLDER
from ..content.validation import validate_and_check
from ..errors import DocgenError, EXIT_CONTENT, EXIT_USAGE
from ..write import atomic_write
from .funds import fmt
from .notes import Imported

#: What to do when a report holds more text than a content file may (:data:`MAX_BYTES`).
TOO_MUCH_TEXT = ("整体支出绩效评价报告的正文通常只有几万字；请检查是否选错了文件，"
                 "或先在 Word 中删去附表、附件再导入。")


# ------------------------------------------------------------------ YAML output


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key (as content/2020.yaml is written)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):  # noqa: D401
        return super().increase_indent(flow, False)


def _repr_decimal(dumper: yaml.SafeDumper, value: Decimal):
    text = fmt(value)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _repr_str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _repr_decimal)
_Dumper.add_representer(str, _repr_str)

_KEY_COMMENTS = {
    "year": "报告年度",
    "unit": "单位",
    "name": "单位名称（用于标题和文件名）",
    "district": "所属区县",
    "kind": "报告名称（标题和文件名的一部分）",
    "label": "标题上方的标注",
    "title": "标题，按原文每行一项",
    "front_matter": "表头信息：label 名称，value 内容",
    "content": "正文：按原文顺序；heading 标题（编号由模板生成，不要手工输入），content 其下内容",
    "signature": "落款，每行一项",
}
_TOP_KEY = re.compile(r"^(?P<indent>(?:  )?)(?P<key>[a-z_]+):(?P<rest>.*)$")
_HEADING_LINE = re.compile(r"^(?P<lead>\s*- )heading: (?P<text>.*)$")


def _numbers(data: dict) -> list[str]:
    """The printed number of every heading, in the order the YAML lists them (depth first)."""
    out: list[str] = []

    def walk(items: list, level: int) -> None:
        counters: dict[int, int] = {}
        for item in items:
            if isinstance(item, dict) and "heading" in item:
                own = min(item.get("level", level + 1), MAX_LEVEL)
                counters[own] = counters.get(own, 0) + 1
                for deeper in [k for k in counters if k > own]:
                    del counters[deeper]
                out.append(heading_number(own, counters[own]))
                walk(item.get("content", []), own)

    walk(data.get("content", []), 0)
    return out


def to_yaml(imported: Imported) -> str:
    """The content file text: a header, block YAML that :mod:`docgen.content.load` reads back, and
    short comments — on the top-level keys, and on each heading the number the template prints."""
    body = yaml.dump(imported.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000, indent=2)
    numbers = iter(_numbers(imported.data))
    lines = []
    for line in body.splitlines():
        top = _TOP_KEY.match(line)
        block_scalar = line.rstrip().endswith(("|", "|-", "|+"))
        if top and top.group("key") in _KEY_COMMENTS and (top.group("indent") == "" or top.group("key") in
                                                          ("name", "district")) and not block_scalar:
            if top.group("key") == "content":
                lines.append("")
            comment = _KEY_COMMENTS[top.group("key")]
            if line.endswith(f" {PLACEHOLDER}"):
                comment = "待填：" + comment
            line = f"{line:<26} # {comment}" if len(line) < 60 else f"{line}  # {comment}"
        else:
            m = _HEADING_LINE.match(line)
            if m:
                number = next(numbers, "")
                if not block_scalar:
                    line = f"{line}  # {number}"
        lines.append(line)
    data = imported.data
    name = "".join(data["title"]) if data.get("title") else \
        f"{data['year']}年度{data['unit']['name']}{data.get('kind', DEFAULT_KIND)}"
    year = data["year"]
    header = [
        f"# {name} — 内容文件（content file）",
        f"# 由 docgen import 从 {Path(imported.source).name} 导入。请对照导入报告核对后再使用。",
        "#",
        "# 规则：标题和列表的编号（一、（一）1.（1）、1、）由模板生成，不要手工输入；",
        "# 金额写数字（单位万元，不加引号、不写“万元”）；列表每项以“- ”开头。",
        f"# 检查：docgen check {year}    生成：docgen render {year} [--pdf]",
        "",
    ]
    return "\n".join(header + lines).rstrip("\n") + "\n"


# ------------------------------------------------------------------ writing


def _plain(value: Any) -> Any:
    """Data as :mod:`docgen.content.load` gives it back (ints stay ints, Decimal stays Decimal)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal) and "." not in fmt(value):
        return int(value)
    return value


def write_content(imported: Imported, path: Path, *, force: bool = False,
                  display: str | None = None) -> list:
    """Write the content file atomically (never over an existing file unless ``force``);
    return the diagnostics of loading, validating and checking it as ``docgen check`` does."""

    path = Path(path)
    display = display or str(path)
    if path.exists() and not force:
        raise DocgenError.single(
            f"{display} 已经存在，没有覆盖。file exists; not overwritten", file=display, exit_code=EXIT_USAGE,
            hint="要替换它，加上 --force；或用 -o 写到另一个文件，例如 -o 导入.yaml。")
    if path.is_dir():
        raise DocgenError.single(f"{display} 是文件夹。is a folder", file=display, exit_code=EXIT_USAGE,
                                 hint="用 -o 给出 .yaml 文件的路径。")
    text = to_yaml(imported)
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:  # docgen check would refuse the file: write nothing
        raise DocgenError.single(
            f"导入的内容写成 YAML 共 {size} 字节，超过内容文件的上限 {MAX_BYTES} 字节，没有写入。"
            "imported content too large for a content file; nothing written", file=display,
            exit_code=EXIT_USAGE, hint=TOO_MUCH_TEXT)
    loaded = parse_yaml(text, display)  # what docgen check will read: must be exactly the data
    if loaded.data != _plain(imported.data):  # pragma: no cover - a bug in the emitter
        raise DocgenError.single("内部错误：导入的内容写成 YAML 后读回不一致。internal error: YAML round trip",
                                 file=display, exit_code=EXIT_CONTENT)
    diags = validate_and_check(loaded, check_despite_todos=True).diagnostics
    atomic_write(path, text.encode("utf-8"), elsewhere="用 -o 写到另一个文件")
    return diags
