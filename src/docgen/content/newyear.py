"""Next year's content from last year's: the logic behind ``docgen new 2021 --from 2020``.

Each year the office copies last year's report and edits it, so ``new`` keeps
everything a person wrote — the outline, wording, comments, key order, quoting,
indentation — and changes only what is certainly out of date, wherever it sits
in the outline:

* ``year:`` becomes the new year;
* the report year in text (and in comments) becomes the new year — see
  :func:`replace_year` for the rule that tells the report year from a
  historical fact;
* except in what records what happened *in* last year: every lead-in
  (``lead``: 公共服务方面：…), every ``honours`` block, and the numbered lists of a
  section whose heading names the year's results (:data:`~.last_year.RESULTS_WORDS`:
  绩效目标完成情况, 主要成效…).  They are last year's facts, kept word for word
  with their years (moving "2020年度…优秀街道" to 2021 would claim an award not yet
  won), and a "# 待核对：…" comment is put above each lead-in run, each honours
  block and each results section so the author rewrites them.  The paragraphs
  that describe the report itself still move ("2020年我单位开展了以下工作");
* every funds figure of every ``funds`` block (``final_total``, ``basic``,
  ``project_total`` if present, each ``projects[].amount``) becomes
  :data:`~docgen.content.text.PLACEHOLDER`, so that a copied figure can never slip
  into next year's report: the model refuses the placeholder, ``docgen check``
  lists each one with its line, and ``docgen render`` refuses until all are filled;
* tables are left exactly as written — their cells may be last year's 决算 or this
  year's 预算, which only the author knows — and listed in the summary to check.

What is last year's (kept, marked) is decided in :mod:`.last_year`; this module
moves the year, blanks the figures and writes the file.

A file of the four-section format is first upgraded (:mod:`.upgrade`), so next
year's file is in the general format.

The file is edited with ruamel.yaml's round-trip mode (the only maintained
Python YAML library that keeps comments and formatting); PyYAML is still what
*reads* content everywhere else.  The source is first read through
:func:`docgen.content.source.read_text` / :func:`docgen.content.load.parse_yaml`, so encoding
mistakes, anchors, tags and duplicate keys get the usual located messages
before ruamel sees the text.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DocgenError, EXIT_CONTENT, EXIT_USAGE
from ..paths import available_years, content_file
from ..write import atomic_write
from .last_year import NOTE_LABELS, NOTES, Plan, add_check_comments, at, plan_of, protected_lines
from .legacy import is_legacy
from .load import Loaded, dotted, parse_yaml
from .source import read_text
from .roundtrip import all_comments, retext, round_trip_yaml
from .text import PLACEHOLDER
from .upgrade import checked_upgrade
from .year_rule import Kept, replace_year

__all__ = ["Kept", "NewYear", "create_year", "next_year", "replace_year"]

# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Blanked:
    """A figure (or a date, a score) replaced by the placeholder: where it is now and what it was."""

    field: str
    old: str
    line: int
    figure: bool = True  # a funds figure; else a date or a score around the body


@dataclass(frozen=True)
class Rewrite:
    """Something kept as last year's text, to be rewritten: where it now stands.

    ``field``: its path as diagnostics name it (``content[3].content[2]``); ``label``:
    its place and kind ("三、2021年绩效目标完成情况 · 引导语").
    """

    field: str
    label: str
    count: str
    line: int


@dataclass(frozen=True)
class TableNote:
    """A table left as written (its figures and years unchanged), for the author to check."""

    field: str
    place: str
    numbers: int
    line: int


@dataclass
class NewYear:
    text: str
    from_year: int
    to_year: int
    blanked: list[Blanked] = field(default_factory=list)
    rewrite: list[Rewrite] = field(default_factory=list)
    tables: list[TableNote] = field(default_factory=list)
    #: dotted field (or "注释 comments") → number of year replacements there
    replaced: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)
    exact_format: bool = True
    #: the source was of the four-section format and was upgraded first
    upgraded: bool = False


# ---------------------------------------------------------------- the transformation

FUNDS_FIGURES = ("final_total", "basic", "project_total")


def _replace_in_comment(token: Any, old: int, new: int, protected: set[int]) -> int:
    """Move the year in one ruamel comment token, line by line, except on protected lines.

    A token may hold several lines ("# end-of-line note\n\n# 三、…"); its mark
    is the line of its first "#", earlier "\n"s close the lines before it.
    """
    parts = token.value.split("\n")
    first = next((i for i, part in enumerate(parts) if part.strip()), 0)
    start = token.start_mark.line + 1 if getattr(token, "start_mark", None) else None
    count = 0
    for i, part in enumerate(parts):
        if not part.strip() or (start is not None and start + i - first in protected):
            continue
        parts[i], n, _ = replace_year(part, old, new)
        count += n
    if count:
        token.value = "\n".join(parts)
    return count


def _source_report(text: str, display: str, from_year: int) -> tuple[Loaded, bool]:
    """The source, read and checked to be ``from_year``'s report; upgraded if of the old format."""
    loaded = parse_yaml(text, display)  # docgen's own safe reading and located errors
    upgraded = False
    if is_legacy(loaded.data):
        loaded = parse_yaml(checked_upgrade(text, display, require_valid=False), display)
        upgraded = True
    data_year = loaded.data.get("year") if isinstance(loaded.data, dict) else None
    if not isinstance(loaded.data, dict) or not isinstance(loaded.data.get("content"), list):
        raise DocgenError.single(
            "这不是一份报告内容文件：顶层应有 year、content 等字段。not a report content file",
            file=display, exit_code=EXIT_CONTENT,
            hint="用 docgen check 检查源文件。")
    if data_year != from_year:
        line, col = loaded.value_position(("year",)) if not upgraded else (0, 0)
        raise DocgenError.single(
            f"源文件 year 写的是 {data_year}，不是 {from_year}。year in the source is not {from_year}",
            file=display, line=line, col=col, field="year", exit_code=EXIT_CONTENT,
            hint=f"把 year 改为 {from_year}，或用 --from 指定正确的年份文件。")
    return loaded, upgraded


def next_year(text: str, display: str, from_year: int, to_year: int) -> NewYear:
    """Turn the text of ``<from_year>.yaml`` into the text of ``<to_year>.yaml``."""
    from ruamel.yaml.error import YAMLError

    crlf = "\r\n" in text
    loaded, upgraded = _source_report(text.replace("\r\n", "\n"), display, from_year)
    try:
        yaml_rt, data, exact = round_trip_yaml(loaded.text)
    except YAMLError as exc:  # pragma: no cover - parse_yaml has already accepted the text
        raise DocgenError.single(f"YAML 错误: {exc}", file=display, exit_code=EXIT_CONTENT) from None

    result = NewYear(text="", from_year=from_year, to_year=to_year, exact_format=exact, upgraded=upgraded)
    plan = Plan()
    plan_of(data["content"], ("content",), 0, (), False, plan)
    protected = protected_lines(loaded, plan.kept)

    # 1. the year: the key, every text value, every comment — but not last year's facts
    data["year"] = to_year

    def visit(node: Any, path: tuple) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            child = path + (key,)
            if child in plan.kept:
                continue
            if isinstance(value, (dict, list)):
                visit(value, child)
            elif isinstance(value, str):
                new, n, kept = replace_year(value, from_year, to_year)
                where = dotted(child)
                if n:
                    node[key] = retext(value, new)
                    result.replaced[where] = result.replaced.get(where, 0) + n
                result.kept += [Kept(where, snippet, reason) for snippet, reason in kept]

    visit(data, ())
    seen: set[int] = set()
    for token in all_comments(data):
        if id(token) in seen:  # a token can hang in two places
            continue
        seen.add(id(token))
        n = _replace_in_comment(token, from_year, to_year, protected)
        if n:
            result.replaced["注释 comments"] = result.replaced.get("注释 comments", 0) + n

    # 2. the figures of every funds block
    blanked_paths: list[tuple[tuple, str]] = []
    for path in plan.funds:
        funds = at(data, path)
        for key in FUNDS_FIGURES:
            if key in funds:
                blanked_paths.append((path + (key,), _as_text(funds[key])))
                funds[key] = PLACEHOLDER
        projects = funds.get("projects")
        if isinstance(projects, list):
            for i, item in enumerate(projects):
                if isinstance(item, dict) and "amount" in item:
                    blanked_paths.append((path + ("projects", i, "amount"), _as_text(item["amount"])))
                    item["amount"] = PLACEHOLDER

    # 3. last year's dates and scores around the body: the 落款's date, the front matter's
    #    填报日期, 自评得分 and 评价等级 belong to the report being replaced
    stale = _stale_fields(data)
    for path, old in stale:
        blanked_paths.append((path, old))
        at(data, path[:-1])[path[-1]] = PLACEHOLDER

    buf = io.StringIO()
    yaml_rt.dump(data, buf)
    notes = [(p, NOTES[kind].format(old=from_year, new=to_year)) for p, kind, _l, _n in plan.marks]
    out = add_check_comments(buf.getvalue(), display, notes)

    # Where each placeholder, kept block and table now stands, as docgen itself will read the file.
    new_loaded: Loaded = parse_yaml(out, display)
    for path, kind, label, count in plan.marks:
        what, unit = NOTE_LABELS[kind]
        label = replace_year(label, from_year, to_year)[0]  # the headings as they now read
        result.rewrite.append(Rewrite(dotted(path), f"{label} · {what}", f"{count} {unit}" if unit else "",
                                      new_loaded.position(path)[0]))
    result.tables = [TableNote(dotted(p), place, n, new_loaded.position(p)[0]) for p, place, n in plan.tables]
    blanked_paths.sort(key=lambda pv: new_loaded.value_position(pv[0]))
    not_figures = {p for p, _old in stale}
    result.blanked = [Blanked(dotted(p), old, new_loaded.value_position(p)[0], p not in not_figures)
                      for p, old in blanked_paths]
    result.text = out.replace("\n", "\r\n") if crlf else out
    return result


#: A date as these reports write it: 2025年3月20日, 2025-03-20, 2025.3.20.
_DATE = re.compile(r"^\s*\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-./]\d{1,2}[-./]\d{1,2})\s*$")
#: Front-matter fields that state last year's result, whatever their value.
_RESULT_LABELS = ("得分", "分数", "等级", "评分")


def _stale_fields(data: Any) -> list[tuple[tuple, str]]:
    """(path, old text) of each signature line or front-matter value that is a date, and of each
    front-matter value whose label names a score or grade: to be written anew (待填)."""
    out = []
    for i, line in enumerate(data.get("signature") or []):
        if isinstance(line, str) and _DATE.match(line):
            out.append((("signature", i), line))
    for i, fm in enumerate(data.get("front_matter") or []):
        if not isinstance(fm, dict) or not isinstance(fm.get("value"), str):
            continue
        label = str(fm.get("label", ""))
        if _DATE.match(fm["value"]) or any(word in label for word in _RESULT_LABELS):
            out.append((("front_matter", i, "value"), fm["value"]))
    return out


def _as_text(value: Any) -> str:
    return "" if value is None else str(value)


# ---------------------------------------------------------------- files


def create_year(content_dir: Path, to_year: int, from_year: int, *, force: bool = False,
                display=str) -> tuple[Path, NewYear]:
    """Write ``content_dir/<to_year>.yaml`` from ``<from_year>.yaml``; never clobber without ``force``."""

    if to_year == from_year:
        raise DocgenError.single(
            f"新年份与来源年份相同（{to_year}）。new year equals --from year",
            hint=f"例如：docgen new {from_year + 1} --from {from_year}", exit_code=EXIT_USAGE)
    if content_dir.is_dir() and not (content_dir / f"{from_year}.yaml").exists():
        years = [y for y in available_years(content_dir) if y != to_year]
        raise DocgenError.single(
            f"没有 {from_year} 年的内容文件 {display(content_dir / f'{from_year}.yaml')}，无法以它为底稿。"
            f"no content for {from_year} to start from",
            file=display(content_dir / f"{from_year}.yaml"), exit_code=EXIT_USAGE,
            hint=(f"--from 后写已有的年份：{'、'.join(map(str, years))}（例如 docgen new {to_year} --from {years[-1]}）。"
                  if years else f"content/ 中还没有内容文件：用 docgen new {to_year} --outline 大纲 新建，"
                                "或 docgen import 报告.docx 导入上一年的报告。"))
    source = content_file(content_dir, from_year)
    target = content_dir / f"{to_year}.yaml"
    if target.exists() and not target.is_dir() and not force:  # a folder: write_all says what to do
        raise DocgenError.single(
            "文件已存在，未做任何修改。file exists; nothing was changed",
            file=display(target), exit_code=EXIT_USAGE,
            hint="如确实要用上一年的内容重新生成并替换它，加上 --force（原文件中的修改会丢失）。"
                 " add --force to replace it")
    src_display = display(source)
    result = next_year(read_text(source, src_display), src_display, from_year, to_year)
    atomic_write(target, result.text.encode("utf-8"), elsewhere="用 --content 指定其他内容文件夹")
    return target, result
