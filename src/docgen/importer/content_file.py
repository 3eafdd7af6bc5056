"""The imported content written as ``content/<year>.yaml``, and checked as ``docgen check`` would.

The file is for people to read and correct, so :func:`to_yaml` writes it with
PyYAML's *safe* dumper (the same resolver that :mod:`docgen.content.load` reads with, so
a string is quoted exactly when it would otherwise be misread), block style,
Chinese unescaped, amounts as plain numbers with the precision they had, and
comments naming the sections and fields.  :func:`write_content` proves that the
text reads back as exactly the imported data, never overwrites a file unless
told to, writes atomically, and returns the diagnostics of checking it, so a
total that does not add up in the old report is reported at once.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from ..content.load import parse_yaml
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

_SECTION_COMMENTS = {
    "overview:": "# 一、整体支出概况",
    "funds:": "# 二、整体支出资金使用及管理情况（金额单位：万元）",
    "achievements:": "# 三、年度绩效目标完成情况",
    "other:": "# 四、其他需要说明事宜",
}
_LINE_COMMENTS = {
    "year:": "报告年度",
    "  name:": "单位名称（用于标题和文件名）",
    "  district:": "所属区县",
    "  basis:": "依据（段落）",
    "  areas:": "工作方面，自动编号" ,
    "  output_indicators:": "产出指标：name 指标名称，text 内容",
    "  benefit_indicators:": "效益指标",
    "  final_total:": "决算总额：docgen 核对它等于基本支出与项目支出之和",
    "  basic:": "基本支出",
    "  project_total:": "项目支出合计（原文所写），docgen 核对它等于各类别之和",
    "  projects:": "项目支出，按类别",
    "  management:": "资金管理情况",
    "  intro:": "引导段落",
    "  honours:": "荣誉，自动编号",
    "  paragraphs:": "其他说明（段落）",
}


def to_yaml(imported: Imported) -> str:
    """The content file text: header, section comments, block YAML that :mod:`docgen.content.load` reads back."""
    body = yaml.dump(imported.data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=1_000_000, indent=2)
    lines = []
    area_seen = False
    for line in body.splitlines():
        if line in _SECTION_COMMENTS:
            lines.extend(["", _SECTION_COMMENTS[line]])
        key = next((k for k in _LINE_COMMENTS if line.startswith(k + " ") or line == k), None)
        if key == "  areas:" and area_seen:
            key = None  # achievements.areas: its own comment
            line += "                    # 每个方面：lead 引导语（模板加“：”），text 一段文字，或 items 编号条目"
        elif key == "  areas:":
            area_seen = True
        if key and not line.rstrip().endswith(("|", "|-", "|+")):
            comment = _LINE_COMMENTS[key]
            if line.endswith(f" {PLACEHOLDER}"):
                comment = "待填：" + comment
            line = f"{line:<26} # {comment}" if len(line) < 60 else f"{line}  # {comment}"
        lines.append(line)
    year = imported.data["year"]
    header = [
        f"# {year}年度{imported.data['unit']['name']}整体支出绩效评价报告 — 内容文件（content file）",
        f"# 由 docgen import 从 {Path(imported.source).name} 导入。请对照导入报告核对后再使用。",
        "#",
        "# 规则：金额写数字（单位万元，不加引号、不写“万元”）；列表每项以“- ”开头；",
        "# 编号（1、2、3）、小计和合计由 docgen 计算，不要手工输入。",
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
