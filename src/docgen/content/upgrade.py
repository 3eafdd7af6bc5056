"""``docgen upgrade YEAR``: a content file of the four-section format rewritten in the general outline.

Text in, text out: the file is read with ruamel's round trip (:mod:`.roundtrip`),
and the same values — the same scalars, with their quoting and the comments
attached to them — are moved into the outline of :mod:`.model`: four sections
with the 2020 headings, each holding the blocks that the fixed keys stood for
(:mod:`.legacy` says which).  Every text is kept; the comments above the first key
stay at the top.  The result is validated before it is written: the upgraded
file must make the very same report (:func:`upgrade_text` compares the printed
paragraphs of both).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, DocgenError, EXIT_CONTENT
from ..paths import content_file
from ..write import write_all
from .outline import walk
from .legacy import HEADINGS, LEGACY_KEYS, is_legacy
from .load import parse_yaml
from .roundtrip import round_trip_yaml
from .source import read_text
from .validation import validate


def _map(pairs: list[tuple[str, Any]]):
    from ruamel.yaml.comments import CommentedMap

    out = CommentedMap()
    for key, value in pairs:
        out[key] = value
    return out


def _seq(items: list[Any]):
    from ruamel.yaml.comments import CommentedSeq

    out = CommentedSeq()
    out.extend(items)
    return out


def _without_comments(node: Any) -> Any:
    """The old key's own trailing comment would now sit after another value: drop it, keep the value."""
    ca = getattr(node, "ca", None)
    if ca is not None:
        ca.comment = None
    return node


def _eol(mapping: Any, key: str) -> Any:
    """The end-of-line comment written after ``key: value`` in ``mapping`` (a ruamel token), if any."""
    ca = getattr(mapping, "ca", None)
    slots = ca.items.get(key) if ca is not None else None
    return slots[2] if slots and len(slots) > 2 else None


def _section(heading: str, part: list[tuple[Any, Any]], content_comment: Any = None):
    """A section of the new format; each item's old end-of-line comment goes with it."""
    content = _seq([value for value, _ in part])
    for j, (value, token) in enumerate(part):
        if token is not None and isinstance(value, str):
            content.ca.items[j] = [token, None]
    section = _map([("heading", heading), ("content", content)])
    if content_comment is not None:
        section.ca.items["content"] = [None, None, content_comment, None]
    return section


def upgrade_data(data: Any) -> Any:
    """The round-trip data of a four-section file, as the round-trip data of the general outline."""
    year = data["year"]
    ov, funds, ach, other = (data.get(k) or {} for k in LEGACY_KEYS)
    one = [(ov.get("basis"), _eol(ov, "basis")), (_map([("list", ov.get("areas"))]), None),
           (ov.get("output_intro"), _eol(ov, "output_intro")),
           (_map([("indicators", ov.get("output_indicators"))]), None),
           (ov.get("benefit_intro"), _eol(ov, "benefit_intro")),
           (_map([("indicators", ov.get("benefit_indicators"))]), None)]
    two = [(_map([("funds", funds)]), None)]
    three = [(ach.get("intro"), _eol(ach, "intro")), *((area, None) for area in ach.get("areas") or [])]
    paragraphs = other.get("paragraphs") or []
    four = [(text, paragraphs.ca.items.get(k, [None])[0] if hasattr(paragraphs, "ca") else None)
            for k, text in enumerate(paragraphs)]
    if other.get("honours"):
        four.append((_map([("honours", other.get("honours"))]), None))
    # the comment after "areas:" of 三 (it stands for the lead-ins that follow) goes after "content:"
    sections = [_section(heading.format(year=year), part, _eol(ach, "areas") if i == 2 else None)
                for i, (heading, part) in enumerate(zip(HEADINGS, (one, two, three, four)))]
    # the comment after "overview:" (and the lines below it, before the first key), "paragraphs:" …:
    # the key is gone, its comment goes with the section's heading (or "content:")
    for section, key in zip(sections, LEGACY_KEYS):
        token = _eol(data, key)
        if token is not None:
            section.ca.items["heading"] = [None, None, token, None]
    token = _eol(other, "paragraphs")
    if token is not None and "content" not in sections[3].ca.items:
        sections[3].ca.items["content"] = [None, None, token, None]
    for key in LEGACY_KEYS:
        if key in data:
            _without_comments(data[key])
    out = _map([])
    # the file's own comments (above year: …) come with the first key
    if getattr(data, "ca", None) is not None and data.ca.comment:
        out.ca.comment = data.ca.comment
    for key, value in data.items():
        if key == "overview":
            out["content"] = _seq(sections)
        elif key not in LEGACY_KEYS:
            out[key] = value
            if key in data.ca.items:
                out.ca.items[key] = data.ca.items[key]
    return out


def upgrade_text(text: str, display: str) -> str:
    """The file's text in the general outline; an error if it is not of the four-section format.

    Line ends are kept (a file written on Windows stays CRLF).
    """
    crlf = "\r\n" in text
    y, data, _exact = round_trip_yaml(text.replace("\r\n", "\n"))
    if not is_legacy(data):
        raise DocgenError.single(
            f"{display} 已经是通用大纲格式（有 content:），无需升级。already in the general format",
            file=display, exit_code=EXIT_CONTENT,
            hint="这个文件可以直接 docgen check / render。nothing to do")
    buf = io.StringIO()
    y.dump(upgrade_data(data), buf)
    out = buf.getvalue()
    return out.replace("\n", "\r\n") if crlf else out


def checked_upgrade(text: str, display: str, *, require_valid: bool = True) -> str:
    """:func:`upgrade_text`, refused unless the result makes the very same report.

    Both files are validated and their reports compared: the outline item by item (its
    walk, :func:`docgen.content.outline.walk`: what each heading, paragraph and block is
    and its number), then the whole report (title, file name, 绩效自评表 …).  Equal reports
    print the same paragraphs; any difference is an error naming the first differing item.  A source that does not validate (still 待填, a slip) is refused
    when ``require_valid`` (``docgen upgrade``: fix it first, so that the comparison means
    something); otherwise (``docgen new``, whose source may still hold 待填) it is
    converted unchecked, key for key.
    """
    loaded = parse_yaml(text, display)  # docgen's own reading: located YAML errors first
    if not is_legacy(loaded.data):
        upgrade_text(text, display)  # raises: already in the general format (or not a report)
    out = upgrade_text(text, display)
    try:
        before = validate(loaded)
    except DocgenError as exc:
        if not require_valid:
            return out
        raise DocgenError(exc.diagnostics + [_refusal(
            display, "源文件有错误，未升级（先修正上面的错误，升级才能核对内容不变）。"
                     "the file has errors; fix them first so the upgrade can be checked")], EXIT_CONTENT) from None
    try:
        after = validate(parse_yaml(out, display))
    except DocgenError as exc:  # pragma: no cover - the converter makes valid files of valid ones
        raise DocgenError(exc.diagnostics + [_refusal(
            display, "升级后的文件无法通过校验，未写入（这是 docgen 的问题，请报告）。"
                     "the upgraded file does not validate; nothing written")], EXIT_CONTENT) from None
    old_items, new_items = _outline(before), _outline(after)
    if old_items != new_items:
        n = next((i for i, (a, b) in enumerate(zip(old_items, new_items)) if a != b),
                 min(len(old_items), len(new_items)))
        raise DocgenError([_refusal(
            display, f"升级后第 {n + 1} 项内容与原文不同，未写入（这是 docgen 的问题，请报告）。"
                     f"item {n + 1} would print differently; nothing written")], EXIT_CONTENT)
    if before.model_dump() != after.model_dump():  # pragma: no cover - the converter keeps the other keys
        raise DocgenError([_refusal(display, "升级后标题或绩效自评表与原文不同，未写入。"
                                             "title or self-evaluation would differ; nothing written")],
                          EXIT_CONTENT)
    return out


def _outline(report) -> list[tuple]:
    """The report item by item, as it prints: a section by its number and heading (its content follows)."""
    return [(p.kind, p.number, p.item.heading, p.item.level, p.item.bold) if p.kind == "section"
            else (p.kind, p.item) for p in walk(report)]


def _refusal(display: str, message: str) -> Diagnostic:
    return Diagnostic(file=display, line=0, col=0, field="", message=message, hint="")


def upgrade_year(content_dir, year: int, display=str) -> tuple[Path, Path]:
    """Rewrite ``content_dir/<year>.yaml`` in the general format; the old text goes to ``<year>.yaml.bak``.

    Both files are written in one step (:func:`docgen.write.write_all`): the backup
    and the upgraded file appear together or not at all.  Refused, with nothing
    written, when the file is already in the general format, has errors, or would
    not print the very same paragraphs (:func:`checked_upgrade`).
    """
    source = content_file(content_dir, year)
    shown = display(source)
    raw = source.read_bytes()
    text = read_text(source, shown)
    out = checked_upgrade(text, shown)
    backup = source.with_name(source.name + ".bak")
    write_all({backup: raw, source: out.encode("utf-8")}, elsewhere="用 --content 指定其他内容文件夹")
    return source, backup
