"""The corpus of report shapes (tests/data/outlines, :mod:`outline_docs`) as docgen content files.

:mod:`outline_docs` describes each published shape as the paragraphs it prints;
:func:`content_of` writes the same report as an author would write it in docgen's
general outline (headings without numbers, lists as lists, the funds figures as
data).  Rendering that content must print exactly :func:`outline_docs.expected_paragraphs`
and :func:`outline_docs.expected_tables` — the render half of issue 10's round trip,
independent of the importer.
"""

from __future__ import annotations

from decimal import Decimal

_NUMBERING = {"1、": "1、", "（1）": "（1）"}


def content_of(desc: dict, *, year: int = 2024, unit: str = "示例单位") -> dict:
    """The content data (as YAML would load it) that prints ``desc``'s paragraphs."""
    root: list = []
    stack: list[tuple[int, list]] = [(0, root)]  # (level, the content list it fills)
    for block in desc["body"]:
        ((key, value),) = block.items()
        if key in ("h1", "h2", "h3", "h4"):
            level = int(key[1])
            while stack[-1][0] >= level:
                stack.pop()
            section = {"heading": value, "content": []}
            if level in desc.get("plain", {}).get("bold", []) and level == 3:
                section["bold"] = True
            stack[-1][1].append(section)
            stack.append((level, section["content"]))
            continue
        here = stack[-1][1]
        if key == "p":
            here.append(value)
        elif key == "lead":
            here.append({"lead": value[0], "text": value[1]})
        elif key in ("list", "honours"):
            spec = value if isinstance(value, dict) else {"items": value}
            item = {key: list(spec["items"])} if key == "honours" else {"list": list(spec["items"])}
            if spec.get("number", "1、") != "1、":
                item["numbering"] = _NUMBERING[spec["number"]]
            here.append(item)
        elif key == "inline_list":
            spec = value if isinstance(value, dict) else {"items": value}
            if spec.get("lead"):
                here.append({"lead": spec["lead"], "items": list(spec["items"])})
            else:
                item = {"list": list(spec["items"]), "inline": True}
                if spec.get("intro"):
                    item["intro"] = spec["intro"]
                here.append(item)
        elif key == "funds":
            funds = {"final_total": Decimal(value["total"]), "basic": Decimal(value["basic"])}
            if value.get("items"):
                funds["projects"] = [{"name": n, "amount": Decimal(a)} for n, a in value["items"]]
            funds["project_total"] = Decimal(value["project"])
            if value.get("after"):
                funds["management"] = value["after"]
            here.append({"funds": funds})
        elif key == "table":
            table = {"header": list(value["header"]), "rows": [list(r) for r in value["rows"]]}
            if value.get("widths"):
                table["widths"] = list(value["widths"])
            here.append({"table": table})
        elif key == "sign":
            pass  # the signature closes the report, below
        else:
            raise ValueError(f"unknown block {key}")
    data: dict = {"year": year, "unit": {"name": unit}}
    if desc.get("label"):
        data["label"] = desc["label"]
    data["title"] = list(desc["title"])
    if desc.get("front_matter"):
        data["front_matter"] = [{"label": a, "value": b} for a, b in desc["front_matter"]]
    data["content"] = root
    signs = [line for b in desc["body"] for k, v in b.items() if k == "sign" for line in v]
    if signs:
        data["signature"] = signs
    return data
