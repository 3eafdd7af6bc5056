"""Issue 10 §3: import keeps the original's outline — the nine published shapes of tests/data/outlines.

Each report is built twice (tests/outline_docs.py): as typed by an office (numbers in the text,
bold Normal headings, half-width "(一)", "1．", "1 、") and with Heading 1–4 styles and Word's
automatic numbering.  Each is imported, written as YAML, read back by docgen's loader and
validated against the model; what that content prints (``printed.py``, predicted from the model)
must be every paragraph and table of the original, in order, whitespace aside — the headings as
sections at their level, the lists, lead-ins, funds, honours and tables as those blocks, and
nothing the original does not have.
"""

from __future__ import annotations

import re

import pytest

import outline_docs as od
from outline_docs import squeeze
from printed import printed_document, printed_paragraphs, printed_tables
from docgen.content.load import parse_yaml
from docgen.content.model import Report
from docgen.content.outline import walk
from docgen.content.validation import validate
from docgen.importer import import_docx, to_yaml
from docgen.importer.content_file import _plain

DESCRIPTIONS = od.all_descriptions()
NAMES = sorted(DESCRIPTIONS)
BUILDS = {"plain": od.build_plain, "styled": od.build_styled}



def _import(name: str, build: str, tmp_path) -> tuple[dict, Report, object]:
    desc = DESCRIPTIONS[name]
    source = BUILDS[build](desc, tmp_path / f"{name}.docx")
    imported = import_docx(source)
    text = to_yaml(imported)
    loaded = parse_yaml(text, f"{name}.yaml")
    assert loaded.data == _plain(imported.data)  # the file says exactly what was recognised
    return desc, validate(loaded), imported


@pytest.fixture(scope="module", params=[(n, b) for n in NAMES for b in BUILDS], ids=lambda p: f"{p[0]}-{p[1]}")
def case(request, tmp_path_factory):
    name, build = request.param
    desc, report, imported = _import(name, build, tmp_path_factory.mktemp(name))
    return name, build, desc, report, imported


def test_every_paragraph_comes_back_in_order(case):
    name, build, desc, report, _ = case
    want = [squeeze(p) for p in od.expected_paragraphs(desc)]
    got = [squeeze(p) for p in printed_paragraphs(report)]
    assert got == want


def test_tables_come_back_as_tables_in_their_place(case):
    name, build, desc, report, _ = case
    assert printed_tables(report) == od.expected_tables(desc)
    shape = ["table" if isinstance(x, list) else "p" for x in printed_document(report)]
    assert shape == ["table" if isinstance(x, list) else "p" for x in od.expected_document(desc)]


def test_headings_are_sections_at_their_level(case):
    name, build, desc, report, _ = case
    want = [(b.level, b.text) for b in od.blocks(desc) if isinstance(b, od.Para) and b.kind == "heading"]
    got = [(p.level, p.item.heading) for p in walk(report) if p.kind == "section"]
    assert got == want
    # stored without their numbers: the template numbers them
    assert not any(re.match(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、])", h)
                   for _, h in got)


def _kind_of(placed) -> str:
    return placed.kind


def test_blocks_are_the_kinds_the_original_has(case):
    """Lists, lead-ins, funds, honours and tables are those blocks (the 2020-shaped report may
    hold its indicator lists as indicators, which print the same)."""
    name, build, desc, report, _ = case
    body = [p for p in walk(report) if p.kind != "section"]
    want = []
    for b in od.blocks(desc):
        if isinstance(b, od.Table):
            want.append("table")
        elif b.block in ("p", "lead", "list", "honours", "inline_list", "funds") and \
                not (b.kind == "item" and b.text != _first_item(desc, b)):
            want.append({"p": "text", "inline_list": "lead" if b.lead else "list"}.get(b.block, b.block))
    got = [p.kind for p in body]
    if name == "i_subdistrict_four_parts":
        got = ["list" if k == "indicators" else k for k in got]
    assert got == want
    for placed in body:
        if placed.kind == "list":
            assert placed.item.numbering in ("1、", "（1）")


def _first_item(desc, para) -> str:
    """The first item of the list ``para`` belongs to (a list is one block)."""
    return next(b.text for b in od.blocks(desc) if isinstance(b, od.Para) and b.kind == "item"
                and b.list_id == para.list_id)


def test_title_label_front_matter_and_signature(case):
    name, build, desc, report, _ = case
    assert report.label == desc.get("label")
    lines = list(report.title) if report.title else [report.title_text]
    assert [squeeze(x) for x in lines] == [squeeze(x) for x in desc["title"]]
    assert [(f.label, f.value) for f in report.front_matter] == [tuple(x) for x in desc.get("front_matter", [])]
    signs = [b.text for b in od.blocks(desc) if isinstance(b, od.Para) and b.kind == "sign"]
    assert list(report.signature) == signs
    assert str(report.year) in "".join(desc["title"]) + "".join(x[1] for x in desc.get("front_matter", []))
    assert report.unit.name in "".join(desc["title"]) + "".join(x[1] for x in desc.get("front_matter", []))


def test_nothing_is_invented(case):
    name, build, desc, report, imported = case
    assert "待填" not in to_yaml(imported)
    assert len(printed_document(report)) == len(od.expected_document(desc))


def test_funds_only_where_the_original_states_the_sentence(case):
    name, build, desc, report, _ = case
    want = [b["funds"] for b in desc["body"] if "funds" in b]
    got = [p.item.funds for p in walk(report) if p.kind == "funds"]
    assert len(got) == len(want)
    for f, spec in zip(got, want):
        assert (f"{f.final_total:f}", f"{f.basic:f}", f"{f.projects_total:f}") == \
               (spec["total"], spec["basic"], spec["project"])
        assert [(c.name, f"{c.amount:f}") for c in f.projects] == [tuple(x) for x in spec["items"]]
        assert f.management == spec.get("after")
