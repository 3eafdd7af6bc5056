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
from typing import Any

from ..body import printed_body
from ..errors import Diagnostic, DocgenError, EXIT_CONTENT
from .legacy import HEADINGS, LEGACY_KEYS, is_legacy
from .load import parse_yaml
from .roundtrip import round_trip_yaml
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


def upgrade_data(data: Any) -> Any:
    """The round-trip data of a four-section file, as the round-trip data of the general outline."""
    year = data["year"]
    ov, funds, ach, other = (data.get(k) or {} for k in LEGACY_KEYS)
    one = [ov.get("basis"), _map([("list", ov.get("areas"))]), ov.get("output_intro"),
           _map([("indicators", ov.get("output_indicators"))]), ov.get("benefit_intro"),
           _map([("indicators", ov.get("benefit_indicators"))])]
    two = [_map([("funds", funds)])]
    three = [ach.get("intro"), *(ach.get("areas") or [])]
    four = list(other.get("paragraphs") or [])
    if other.get("honours"):
        four.append(_map([("honours", other.get("honours"))]))
    sections = [_map([("heading", heading.format(year=year)), ("content", _seq(part))])
                for heading, part in zip(HEADINGS, (one, two, three, four))]
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

    Both files are validated and their printed paragraphs (:func:`docgen.body.printed_body`),
    title, file name and 绩效自评表 compared; any difference is an error naming the first
    differing paragraph.  A source that does not validate (still 待填, a slip) is refused
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
    old_body, new_body = printed_body(before), printed_body(after)
    if old_body != new_body:
        n = next((i for i, (a, b) in enumerate(zip(old_body, new_body)) if a != b), min(len(old_body), len(new_body)))
        raise DocgenError([_refusal(
            display, f"升级后第 {n + 1} 段与原文不同，未写入（这是 docgen 的问题，请报告）。"
                     f"paragraph {n + 1} would print differently; nothing written")], EXIT_CONTENT)
    same = (before.title_text, before.file_stem, before.self_evaluation) == \
        (after.title_text, after.file_stem, after.self_evaluation)
    if not same:  # pragma: no cover - the converter keeps these keys as they are
        raise DocgenError([_refusal(display, "升级后标题或绩效自评表与原文不同，未写入。"
                                             "title or self-evaluation would differ; nothing written")],
                          EXIT_CONTENT)
    return out


def _refusal(display: str, message: str) -> Diagnostic:
    return Diagnostic(file=display, line=0, col=0, field="", message=message, hint="")
