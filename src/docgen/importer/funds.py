"""Section 二 of an old report: the funds paragraph read as Decimal figures.

The figures are in one sentence of prose ("整体支出本年度决算金额为5005.93万元，
基本支出2517.81万元，项目支出2488.12万元，其中××支出…万元，…").  This module
finds the 决算 total, 基本支出, 项目支出 and each category with its amount, as
Decimal exactly as written (full-width digits and thousands separators
accepted), keeps the rest of the section as the management text, and says when
the sentence is worded differently from the template's, since the template
will write it its own way.  Figures it cannot find become to-dos, never zero.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ..content.text import PLACEHOLDER
from ..context import funds_sentence
from .notes import ImportNotes
from .text import Paragraph

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_CATEGORY = re.compile(r"\s*(?P<name>[^，,、；;。：:\n]{1,40}?)\s*" + _NUM + r"\s*万元\s*(?P<sep>[，,、；;。]|$)")


def _amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def fmt(d: Decimal) -> str:
    """An amount as written: all its digits, never in exponent form."""
    return f"{d:f}"


def read_funds(ps: list[Paragraph], notes: ImportNotes, heading: Paragraph | None) -> dict:
    funds: dict[str, Any] = {}
    k = next((i for i, p in enumerate(ps) if "万元" in p.text and ("决算" in p.text or "基本支出" in p.text)), None)
    management: list[str] = []
    before = ps[:k] if k is not None else []
    if k is None:
        for key in ("final_total", "basic"):
            funds[key] = PLACEHOLDER
        funds["projects"] = [{"name": PLACEHOLDER, "amount": PLACEHOLDER}]
        notes.add(ps[0] if ps else heading, "没有找到写有决算金额的资金段落（“决算…万元，基本支出…万元，项目支出…万元”），"
                                            f"金额已写“{PLACEHOLDER}”（funds），请按决算报表填写。")
        management = [p.text for p in ps]
        for p in ps:
            notes.add(p, "已作为资金管理情况文字保存在 funds.management，请核对。", "info")
    else:
        p = ps[k]
        text = p.text
        parse = text.translate(_WIDE_DIGITS)  # same length: positions map 1:1
        found = {}
        for key, pattern in (("final_total", r"决算[^0-9，。；;：:]{0,12}?[：:]?\s*" + _NUM + r"\s*万元"),
                             ("basic", r"基本支出[^0-9，。；;]{0,6}?[：:]?\s*" + _NUM + r"\s*万元"),
                             ("project_total", r"项目支出[^0-9，。；;]{0,6}?[：:]?\s*" + _NUM + r"\s*万元")):
            m = re.search(pattern, parse)
            if m:
                found[key] = m
        end = max((m.end() for m in found.values()), default=0)
        projects = []
        if "project_total" in found:
            pos = found["project_total"].end()
            m = re.compile(r"\s*[，,]?\s*其中\s*[：:，,]?").match(parse, pos)
            if m:
                pos = m.end()
            while True:
                m = _CATEGORY.match(parse, pos)
                if not m or any(w in m.group("name") for w in ("决算", "基本支出")):
                    break
                projects.append({"name": text[m.start("name"):m.end("name")].strip(),
                                 "amount": _amount(m.group(2))})
                pos = m.end()
                end = pos
                if m.group("sep") in ("。", ""):
                    break
        for key, label in (("final_total", "决算总额"), ("basic", "基本支出")):
            if key in found:
                funds[key] = _amount(found[key].group(1))
            else:
                funds[key] = PLACEHOLDER
                notes.add(p, f"资金段落中找不到{label}，已写“{PLACEHOLDER}”（funds.{key}），请按决算报表填写。")
        if "project_total" in found:
            funds["project_total"] = _amount(found["project_total"].group(1))
        if projects:
            funds["projects"] = projects
        else:
            funds["projects"] = [{"name": PLACEHOLDER, "amount": PLACEHOLDER}]
            notes.add(p, "资金段落中找不到项目支出的各类别及金额（“其中××支出…万元，…”），"
                         f"已写“{PLACEHOLDER}”（funds.projects），请按决算报表填写。")
        figures, rest = text[:end].strip(), text[end:].strip()
        if rest:
            management.append(rest)
        if found and projects and all(isinstance(funds[k_], Decimal) for k_ in ("final_total", "basic")):
            pt = funds.get("project_total", sum((c["amount"] for c in projects), Decimal(0)))
            expected = funds_sentence(funds["final_total"], funds["basic"], pt,
                                      [(c["name"], c["amount"]) for c in projects])
            said = re.sub(r"\s+", "", figures).replace("万元其中", "万元，其中")
            said = said if said.endswith("。") else said + "。"
            if said != expected:
                notes.add(p, "资金数字已读出，但原文这句的写法与模板不同，生成的报告将按模板的句式写出："
                             f"“{expected}”。原文是：“{figures}”。如需保留原写法，请修改模板。")
        for q in before:
            notes.add(q, "出现在资金数字之前，已作为文字保存在 funds.management（放在开头），请核对。")
        management = [q.text for q in before] + management
        for q in ps[k + 1:]:
            management.append(q.text)
            notes.add(q, "已作为资金管理情况保存在 funds.management（换行接在前文之后）；生成时与资金数字同在一段，请核对。",
                      "info")
    funds["management"] = "\n".join(management) if management else PLACEHOLDER
    if not management:
        notes.add(ps[k] if k is not None else heading,
                  f"没有找到资金管理情况的文字，已写“{PLACEHOLDER}”（funds.management），请补写。")
    order = ["final_total", "basic", "project_total", "projects", "management"]
    return {key: funds[key] for key in order if key in funds}
