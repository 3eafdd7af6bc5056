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

from ..errors import DocgenError, EXIT_CONTENT
from .legacy import HEADINGS, LEGACY_KEYS, is_legacy
from .roundtrip import round_trip_yaml


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
    """The file's text in the general outline; an error if it is not of the four-section format."""
    y, data, _exact = round_trip_yaml(text)
    if not is_legacy(data):
        raise DocgenError.single(
            f"{display} 已经是通用大纲格式（有 content:），无需升级。already in the general format",
            file=display, exit_code=EXIT_CONTENT)
    buf = io.StringIO()
    y.dump(upgrade_data(data), buf)
    return buf.getvalue()
