"""Next year's content from last year's: the logic behind ``docgen new 2021 --from 2020``.

Each year the office copies last year's report and edits it, so ``new`` keeps
everything a person wrote — structure, wording, comments, key order, quoting,
indentation — and changes only what is certainly out of date:

* ``year:`` becomes the new year;
* the report year in text (and in comments) becomes the new year — see
  :func:`replace_year` for the rule that tells the report year from a
  historical fact;
* except in the sections that record what happened *in* last year — the
  achievements (``achievements.areas``) and the honours (``other.honours``):
  they are last year's facts, kept word for word with their years (moving
  "2020年度…优秀街道" to 2021 would claim an award not yet won), and a
  "# 待核对：…" comment is put above each so the author rewrites them
  (:data:`REWRITE`).  Everything that describes the report itself still moves:
  ``overview.basis``, the intros, the indicators ("2020年年底完成所有目标"),
  ``achievements.intro`` ("2020年我单位开展了以下工作");
* every figure of the funds (``final_total``, ``basic``, ``project_total`` if
  present, each ``projects[].amount``) becomes :data:`docgen.content.model.PLACEHOLDER`,
  so that a copied figure can never slip into next year's report: the model
  refuses the placeholder, ``docgen check`` lists each one with its line, and
  ``docgen render`` refuses until all are filled.

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
from ..paths import content_file
from ..write import atomic_write
from .load import Loaded, dotted, parse_yaml
from .source import read_text
from .roundtrip import all_comments, retext, round_trip_yaml
from .text import PLACEHOLDER

# ---------------------------------------------------------------- the year rule

#: Separators of a year range: 2018-2020年, 2018—2020年, 2018～2020, 2018年至2020年.
_RANGE_SEP = r"\s*[-‐–—~～至到]\s*"
_RANGE_BEFORE = re.compile(r"\d{4}年?" + _RANGE_SEP + r"$")
_RANGE_AFTER = re.compile(r"年?" + _RANGE_SEP + r"\d{4}")


@dataclass(frozen=True)
class Kept:
    """An occurrence of the old year left as written, and why."""

    where: str
    snippet: str
    reason: str


def replace_year(text: str, old: int, new: int) -> tuple[str, int, list[tuple[str, str]]]:
    """Replace the report year ``old`` by ``new`` in one piece of text.

    The rule (documented in the README, "下一年的报告"):

    * Only the old report year itself is considered; other years (2019年,
      2018年以来) are facts and never touched.
    * It must stand alone as a year: not part of a longer number (``12020``,
      ``20201``) nor of a decimal (``2020.5``, ``1.2020``).
    * It is kept when it is one end of a year range (``2018-2020年``,
      ``2020—2022年``, ``2018年至2020年``): a range names a period such as a
      three-year plan, which does not move with the report.
    * It is kept inside 《》: a title names a published document
      (《2020年政府工作报告》), a historical fact.
    * Everything else — ``2020年度…``, ``2020年底完成所有目标``,
      ``2020年我单位…`` and ``docgen check 2020`` in a comment — is the
      report year and moves.

    The achievements and honours are never passed here: :func:`next_year`
    keeps them whole (:data:`REWRITE`).

    Returns the new text, the number of replacements and, for each occurrence
    kept, a snippet and the reason (for the summary, so the author can review).
    """
    pattern = re.compile(rf"(?<!\d)(?<!\d[.．]){old}(?!\d)(?![.．]\d)")
    out: list[str] = []
    kept: list[tuple[str, str]] = []
    count = 0
    pos = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        before, after = text[:start], text[end:]
        if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(after):
            kept.append((_snippet(text, start, end), "年份区间 year range"))
            continue
        if before.count("《") > before.count("》"):
            kept.append((_snippet(text, start, end), "书名号内 document title"))
            continue
        out.append(text[pos:start])
        out.append(str(new))
        pos = end
        count += 1
    out.append(text[pos:])
    return "".join(out), count, kept


def _snippet(text: str, start: int, end: int, width: int = 12) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")


# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class Blanked:
    """A funds figure replaced by the placeholder: where it is now and what it was."""

    field: str
    old: str
    line: int


@dataclass(frozen=True)
class Rewrite:
    """A section kept as last year's text, to be rewritten: where its key now stands."""

    field: str
    label: str
    count: str
    line: int


@dataclass
class NewYear:
    text: str
    from_year: int
    to_year: int
    blanked: list[Blanked] = field(default_factory=list)
    rewrite: list[Rewrite] = field(default_factory=list)
    #: dotted field (or "注释 comments") → number of year replacements there
    replaced: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)
    exact_format: bool = True


# ---------------------------------------------------------------- sections kept as last year's

#: Sections that record what happened in the year of the report: last year's
#: facts, not the report year.  ``new`` keeps them word for word (years
#: included) and puts a to-check comment above each.  path → (label, unit of
#: its count, comment text with {old}/{new} years).
REWRITE: dict[tuple[str, ...], tuple[str, str, str]] = {
    ("achievements", "areas"): (
        "工作和成绩 achievements", "个方面",
        "# 待核对：以下各方面照抄自 {old} 年的内容（其中的年份未改），请改写为 {new} 年的工作和成绩"
        " (to check: {old}'s achievements, rewrite them for {new})"),
    ("other", "honours"): (
        "荣誉 honours", "项",
        "# 待核对：以下荣誉照抄自 {old} 年的内容，请换成 {new} 年获得的荣誉"
        " (to check: these are {old}'s honours)"),
}

#: How a to-check comment begins: one left by an earlier ``new`` is replaced, not stacked.
MARK = "# 待核对：以下"


def _at(data: Any, path: tuple) -> Any:
    """The value at ``path`` (keys and list indexes), or None when it is not there."""
    node = data
    for key in path:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def _present(data: Any, path: tuple) -> bool:
    """The section is there and has something in it (nothing to check otherwise)."""
    return bool(_at(data, path))


def _protected_lines(loaded: Loaded, sections: list[tuple]) -> set[int]:
    """Lines (1-based) of ``loaded.text`` that belong to the kept sections.

    From the key line to the last line with text of the section's last scalar
    (not a list's or mapping's end, which PyYAML puts after any following
    comment lines — those belong to the next section), plus a to-check line
    left just above the key by an earlier ``new``.
    """
    lines: set[int] = set()
    source = loaded.text.split("\n")
    for path in sections:
        first = loaded.key_pos[path][0]
        last = first
        for p, (start, end, _style) in loaded.spans.items():
            if p[:len(path)] == path and not isinstance(_at(loaded.data, p), (dict, list)):
                used = loaded.text[start:end].rstrip()
                if used:
                    last = max(last, loaded.line_col(start + len(used) - 1)[0])
        lines.update(range(first, last + 1))
        if first >= 2 and source[first - 2].lstrip().startswith(MARK):
            lines.add(first - 1)
    return lines


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


def _add_check_comments(text: str, display: str, sections: list[tuple], old: int, new: int) -> str:
    """Put the to-check comment on its own line above each kept section's key.

    Done on the dumped text: an earlier ``new``'s comment just above is
    replaced (ruamel keeps comments before a key in the previous value's
    tokens, where they are hard to find).  Refuses to change the data: if a
    comment line could not go there safely, the file is left without it.
    """
    before = parse_yaml(text, display)
    lines = text.split("\n")
    for path in sorted(sections, key=lambda p: before.key_pos[p][0], reverse=True):
        line = before.key_pos[path][0]
        key_line = lines[line - 1]
        comment = key_line[:len(key_line) - len(key_line.lstrip())] + REWRITE[path][2].format(old=old, new=new)
        if line >= 2 and lines[line - 2].lstrip().startswith(MARK):
            lines[line - 2] = comment
        else:
            lines.insert(line - 1, comment)
    out = "\n".join(lines)
    try:
        same = parse_yaml(out, display).data == before.data
    except DocgenError:  # pragma: no cover - a comment line before a key is always valid YAML
        same = False
    return out if same else text


# ---------------------------------------------------------------- the transformation

FUNDS_FIGURES = ("final_total", "basic", "project_total")


def next_year(text: str, display: str, from_year: int, to_year: int) -> NewYear:
    """Turn the text of ``<from_year>.yaml`` into the text of ``<to_year>.yaml``."""
    from ruamel.yaml.error import YAMLError

    loaded = parse_yaml(text, display)  # docgen's own safe reading and located errors
    data_year = loaded.data.get("year") if isinstance(loaded.data, dict) else None
    if not isinstance(loaded.data, dict) or not isinstance(loaded.data.get("funds"), dict):
        raise DocgenError.single(
            "这不是一份报告内容文件：顶层应有 year、funds 等字段。not a report content file",
            file=display, exit_code=EXIT_CONTENT,
            hint="用 docgen check 检查源文件。")
    if data_year != from_year:
        line, col = loaded.value_position(("year",))
        raise DocgenError.single(
            f"源文件 year 写的是 {data_year}，不是 {from_year}。year in the source is not {from_year}",
            file=display, line=line, col=col, field="year", exit_code=EXIT_CONTENT,
            hint=f"把 year 改为 {from_year}，或用 --from 指定正确的年份文件。")

    crlf = "\r\n" in text
    norm = text.replace("\r\n", "\n")
    try:
        yaml_rt, data, exact = round_trip_yaml(norm)
    except YAMLError as exc:  # pragma: no cover - parse_yaml has already accepted the text
        raise DocgenError.single(f"YAML 错误: {exc}", file=display, exit_code=EXIT_CONTENT) from None

    result = NewYear(text="", from_year=from_year, to_year=to_year, exact_format=exact)
    sections = [path for path in REWRITE if _present(loaded.data, path)]
    protected = _protected_lines(loaded, sections)

    # 1. the year: the key, every text value, every comment — but not last year's facts
    data["year"] = to_year

    def visit(node: Any, path: tuple) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            child = path + (key,)
            if child in REWRITE:
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

    # 2. the figures of the funds
    blanked_paths: list[tuple[tuple, str]] = []
    funds = data["funds"]
    for key in FUNDS_FIGURES:
        if key in funds:
            blanked_paths.append((("funds", key), _as_text(funds[key])))
            funds[key] = PLACEHOLDER
    projects = funds.get("projects")
    if isinstance(projects, list):
        for i, item in enumerate(projects):
            if isinstance(item, dict) and "amount" in item:
                blanked_paths.append((("funds", "projects", i, "amount"), _as_text(item["amount"])))
                item["amount"] = PLACEHOLDER

    buf = io.StringIO()
    yaml_rt.dump(data, buf)
    out = _add_check_comments(buf.getvalue(), display, sections, from_year, to_year)

    # Where each placeholder and kept section now stands, as docgen itself will read the file.
    new_loaded: Loaded = parse_yaml(out, display)
    for path in sections:
        label, unit, _ = REWRITE[path]
        value = _at(new_loaded.data, path)
        count = f"{len(value)} {unit}" if isinstance(value, (list, dict)) else ""
        result.rewrite.append(Rewrite(dotted(path), label, count, new_loaded.key_pos[path][0]))
    blanked_paths.sort(key=lambda pv: new_loaded.value_position(pv[0]))
    result.blanked = [Blanked(dotted(p), old, new_loaded.value_position(p)[0]) for p, old in blanked_paths]
    result.text = out.replace("\n", "\r\n") if crlf else out
    return result


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
