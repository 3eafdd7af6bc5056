"""A content file edited by program without losing what a person wrote: ruamel.yaml's round trip.

``docgen new`` (and any later command that changes figures in an existing file)
must keep comments, key order, quoting, indentation and line ends exactly.
:func:`round_trip_yaml` loads a text and finds dump settings that reproduce it
byte for byte (the indentation the author used, detected from ruamel's positions);
:func:`all_comments` walks every comment token; :func:`retext` replaces a scalar's
text and keeps its style (quoted, literal, folded).  ruamel is imported lazily:
only the commands that rewrite content need it.
"""

from __future__ import annotations

import io
from typing import Any, Iterator


def _yaml(mapping: int, sequence: int, offset: int):
    from ruamel.yaml import YAML

    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 1_000_000  # never fold a long Chinese paragraph onto new lines
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _detect_indent(data: Any) -> tuple[int, int, int] | None:
    """Indentation as written, from ruamel's positions: (mapping, sequence, offset)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    mapping = sequence = offset = None

    def walk(node: Any) -> None:
        nonlocal mapping, sequence, offset
        if not isinstance(node, CommentedMap):
            if isinstance(node, CommentedSeq):
                for item in node:
                    walk(item)
            return
        for key, value in node.items():
            key_col = node.lc.key(key)[1]
            if isinstance(value, CommentedMap) and value and mapping is None:
                first = next(iter(value))
                if value.lc.key(first)[0] > node.lc.key(key)[0]:  # block, not flow
                    mapping = value.lc.key(first)[1] - key_col
            if isinstance(value, CommentedSeq) and value and sequence is None:
                if value.lc.line > node.lc.key(key)[0]:
                    offset = value.lc.col - key_col
                    sequence = value.lc.item(0)[1] - key_col
            walk(value)

    walk(data)
    if mapping is None:
        return None
    if sequence is None:
        sequence, offset = mapping, 0
    if sequence < 1 or offset < 0 or offset >= sequence:
        return None
    return mapping, sequence, offset


def round_trip_yaml(text: str):
    """Load ``text`` and pick dump settings that reproduce it exactly, if any do."""
    first = _yaml(2, 4, 2)
    data = first.load(text)
    candidates = []
    detected = _detect_indent(data)
    if detected:
        candidates.append(detected)
    candidates += [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0)]
    for cand in dict.fromkeys(candidates):
        y = _yaml(*cand)
        buf = io.StringIO()
        y.dump(data, buf)
        if buf.getvalue() == text:
            return y, data, True
    return _yaml(*(detected or (2, 4, 2))), data, False


def _comment_tokens(obj: Any) -> Iterator[Any]:
    from ruamel.yaml.tokens import CommentToken

    if isinstance(obj, CommentToken):
        yield obj
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            yield from _comment_tokens(x)
    elif isinstance(obj, dict):
        for x in obj.values():
            yield from _comment_tokens(x)


def all_comments(node: Any) -> Iterator[Any]:
    ca = getattr(node, "ca", None)
    if ca is not None:
        yield from _comment_tokens(ca.comment)
        yield from _comment_tokens(ca.items)
        yield from _comment_tokens(getattr(ca, "end", None))
    if isinstance(node, dict):
        for v in node.values():
            yield from all_comments(v)
    elif isinstance(node, list):
        for v in node:
            yield from all_comments(v)


def retext(value: str, new: str) -> str:
    """Same kind of scalar (quoted, literal, folded…) with new text."""
    cls = type(value)
    if cls is str:
        return new
    out = cls(new)
    for attr in ("fold_pos", "comment"):
        if hasattr(value, attr):
            try:
                setattr(out, attr, getattr(value, attr))
            except AttributeError:  # pragma: no cover - slot not present on this class
                pass
    return out
