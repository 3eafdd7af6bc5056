"""pydantic's validation errors as docgen diagnostics: ``file:line:col: field: message``, in Chinese.

pydantic says ``overview.areas.3: Input should be a valid string``; an office needs
"content/2021.yaml:42:15: overview.areas[3]: 应为文字 …" with the line and column of the
value as written, a hint, and for an unknown key the field probably meant (by
spelling or by its Chinese label).  :func:`diagnostics_from` makes that translation,
for every error at once.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, Severity, clip
from ..paths import YEAR_MAX, YEAR_MIN
from .legacy import LegacyReport, is_legacy
from .load import Loaded, dotted
from .model import BLOCK_KEYS, BLOCK_MODELS, Report, block_kind
from .outline import place_in
from .text import PLACEHOLDER

_MESSAGES = {
    "list_type": "应为列表（每项一行，以“- ”开头）。must be a list",
    "model_type": "应为一组“键: 值”（在下一行缩进写出）。must be a mapping",
    "dict_type": "应为一组“键: 值”（在下一行缩进写出）。must be a mapping",
    "model_attributes_type": "应为一组“键: 值”（在下一行缩进写出）。must be a mapping",
    "int_type": "年份应为整数，例如 2021（不加引号）。must be an integer",
    "int_parsing": "年份应为整数，例如 2021（不加引号）。must be an integer",
    "too_short": "列表不能为空：至少写一项（每项一行，以“- ”开头）。must have at least one item",
    "greater_than_equal": f"年份超出范围（{YEAR_MIN}–{YEAR_MAX}）。out of range",
    "less_than_equal": f"年份超出范围（{YEAR_MIN}–{YEAR_MAX}）。out of range",
}

#: pydantic error types whose message we wrote ourselves (PydanticCustomError above)
_OWN_TYPES = ("funds_projects", "list_intro", "table_shape", "table_cell", "amount_type", "amount_digits", "amount_negative", "placeholder", "empty_text", "illegal_char",
              "area_body", "unit_name", "file_name_char", "figure_type", "nature", "rating")


def _fields_of(model: type[BaseModel]) -> dict[str, str]:
    """Field name → Chinese label (the ``description``), for messages and "did you mean"."""
    return {name: f.description or "" for name, f in model.model_fields.items()}


def _suggest(key: str, model: type[BaseModel]) -> tuple[str | None, str]:
    """The field the user probably meant (by spelling, or by its Chinese label) and a hint."""
    fields = _fields_of(model)
    close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.5)
    if not close:
        close = difflib.get_close_matches(key.lower(), list(fields), n=1, cutoff=0.5)
    if not close:  # a Chinese key: 基本支出 → basic
        close = [name for name, label in fields.items()
                 if label and (label in key or (len(key) >= 2 and key in label))][:1]
    allowed = "可用的字段 allowed: " + ", ".join(
        f"{name}（{label}）" if label else name for name, label in fields.items())
    if close:
        name = close[0]
        label = f"（{fields[name]}）" if fields[name] else ""
        return name, f"是否想写“{name}”{label}？did you mean '{name}'? {allowed}"
    return None, allowed


def _model_at(path: tuple[Any, ...], data: Any = None) -> type[BaseModel] | None:
    """The model class that a (parent) path points into, for "did you mean".

    In ``content`` (a list of blocks of several kinds) the block's kind is read from
    the data at that place: a ``heading`` is a section, a ``list`` a list …
    """
    model: Any = LegacyReport if is_legacy(data) else Report
    cur = data
    for part in path:
        cur = _step(cur, part)
        if isinstance(part, int):
            if model is _CONTENT:
                kind = block_kind(cur)
                model = BLOCK_MODELS.get(kind or "")
                if model is None:
                    return None
            continue
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        if field is None:
            return None
        if part == "content":
            model = _CONTENT
            continue
        model = _unwrap_model(field.annotation)
        if model is None:
            return None
    return None if model is _CONTENT else model


_CONTENT = object()  # the list of blocks: its model depends on each item


def _step(cur: Any, part: Any) -> Any:
    if isinstance(cur, dict) and part in cur:
        return cur[part]
    if isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
        return cur[part]
    return None


def _unwrap_model(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _unwrap_model(arg)
        if found is not None:
            return found
    return None




def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """pydantic's error location as a path into the content data.

    Steps that are not in the data (names pydantic gives to validators or union
    branches) are dropped, except the last one: that is the name of a missing field.
    """
    path: list[Any] = []
    cur = data
    for i, part in enumerate(loc):
        if isinstance(part, str) and part.startswith("§"):
            continue  # the union's tag of a content item (model.Item): never a key of the file
        if isinstance(cur, dict) and isinstance(part, str) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            cur = cur[part]
        elif i < len(loc) - 1:
            continue
        else:
            cur = None
        path.append(part)
    return tuple(path)


def _as_written(loaded: Loaded, path: tuple[Any, ...], value: Any) -> str:
    span = loaded.spans.get(path)
    if span and loaded.text:
        return loaded.text[span[0]:span[1]].strip()[:40]
    return str(value)[:40]


def _message(kind: str, err: dict[str, Any], path: tuple[Any, ...], loaded: Loaded) -> str:
    value = err.get("input")
    if kind in _OWN_TYPES:
        return err["msg"]
    if kind == "block_kind":
        keys = "、".join(BLOCK_KEYS)
        if isinstance(value, dict):
            return (f"不是可识别的内容块：一项内容要么是一段文字，要么以 {keys} 之一为键。"
                    "not a known block: a paragraph, or a mapping with one of these keys")
        return f"应为一段文字或一个内容块（以 {keys} 之一为键）。must be a paragraph or a block"
    if kind == "missing":
        model = _model_at(path[:-1], loaded.data)
        label = (_fields_of(model).get(str(path[-1])) if model else "") or ""
        label = f"（{label}）" if label else ""
        return f"缺少必填字段“{clip(str(path[-1]), 40)}”{label}。required field is missing"
    if value is None:
        if kind == "string_type":
            return "不能为空：请填写文字。must not be empty"
        if kind == "list_type":
            return "是空的：请至少写一项（每项一行，以“- ”开头）。must not be empty"
        if kind in ("model_type", "dict_type", "model_attributes_type"):
            return "是空的：请在下面缩进写出各项“键: 值”。must not be empty"
        if kind == "int_type":
            return "是空的：请填写年份，例如 2021。must not be empty"
    if kind == "string_type":
        if isinstance(value, (list, dict)):
            return "应为一段文字，而不是列表或“键: 值”。must be text"
        return (f"应为文字，但“{_as_written(loaded, path, value)}”被读成了数字、日期或是非值。"
                "must be text")
    return _MESSAGES.get(kind, err["msg"])


def _hint_for(kind: str, path: tuple[Any, ...], value: Any = None) -> str:
    if kind == "block_kind" and isinstance(value, dict):
        for key in value:
            close = difflib.get_close_matches(str(key), list(BLOCK_KEYS), n=1, cutoff=0.5)
            if close:
                return f"是否想写“{close[0]}”？did you mean '{close[0]}'? 一段文字直接写成“- 文字”。"
        return "一段文字直接写成“- 文字”；小节写 heading: 和 content:；其他内容块见 README“内容文件”。"
    if kind == "missing":
        parent = dotted(path[:-1]) or "文件最外层"
        return f"在 {parent} 下面加一行“{path[-1]}: …”（与同层的键对齐），参见 README 中的内容格式说明。"
    if kind == "illegal_char":
        return "删除这段文字中看不见的控制字符（可在记事本中重新输入该处文字）。"
    if kind == "string_type" and value is not None and not isinstance(value, (list, dict)):
        return "给整段文字加上引号，例如 '2020' 或 \"yes\"。"
    if kind == "placeholder":
        return f"把“{PLACEHOLDER}”换成实际内容。"
    if kind == "amount_digits":
        return "核对财务系统中的数字：是否多粘贴了数字或小数位（万元金额保留两位小数即可）。"
    if kind == "file_name_char":
        return "删除这个字符：把名称在一行内重新输入一遍（不要从网页或聊天软件中复制），不要用“|”多行写法。"
    return ""


def diagnostics_from(exc: ValidationError, loaded: Loaded) -> list[Diagnostic]:
    """Every pydantic error as ``file:line:col: field: message``, in file order.

    A misspelt key gives two pydantic errors (the unknown key, and the field it
    should have been is missing); they are reported as one, with "did you mean".
    """
    errors = [(_clean_loc(tuple(err["loc"]), loaded.data), err)
              for err in exc.errors(include_url=False)]
    meant: set[tuple[Any, ...]] = set()
    unknown: list[tuple[tuple[Any, ...], str]] = []
    missing = {path for path, err in errors if err["type"] == "missing"}
    for path, err in errors:
        if err["type"] != "extra_forbidden" or not path:
            continue
        parent = _model_at(path[:-1], loaded.data)
        name, hint = _suggest(str(path[-1]), parent) if parent else (None, "")
        if name is not None and path[:-1] + (name,) in missing:
            meant.add(path[:-1] + (name,))
            hint = f"是否想写“{name}”？它是必填字段，现在缺少。did you mean '{name}' (required)?"
        unknown.append((path, hint))

    diags: list[Diagnostic] = []
    for path, hint in unknown:
        line, col = loaded.position(path)
        diags.append(Diagnostic(loaded.file, line, col, dotted(path),
                                f"未知字段“{clip(str(path[-1]), 40)}”。unknown key", hint=hint,
                                place=place_in(loaded.data, path, loaded.places)))
    seen: set[tuple[Any, ...]] = set()
    for path, err in errors:
        kind = err["type"]
        if kind == "extra_forbidden" and path:
            continue
        if path in meant or (path, kind) in seen:
            continue
        seen.add((path, kind))
        if kind == "missing":
            line, col = loaded.position(path[:-1])  # the key (or list item) it belongs under
        else:
            line, col = loaded.value_position(path)
        severity = Severity.TODO if kind == "placeholder" else Severity.ERROR
        diags.append(Diagnostic(loaded.file, line, col, dotted(path),
                                _message(kind, err, path, loaded), severity,
                                hint=_hint_for(kind, path, err.get("input")),
                                place=place_in(loaded.data, path, loaded.places)))
    return sorted(diags, key=lambda d: (d.line, d.col, d.field))
