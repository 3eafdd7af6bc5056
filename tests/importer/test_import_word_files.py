"""Import of untidy Word files: automatic numbering, runs split mid-word, bookmarks, tracked
changes, comments, hidden text, fields and tables read as Word shows them, in format 2."""

from __future__ import annotations

import re
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from printed import printed_paragraphs, printed_tables
from word_files import SMALL, build_reference_docx, doc_with, reference_lines
from docgen.content.load import parse_yaml
from docgen.content.validation import validate
from docgen.docx.reader import read_docx
from docgen.importer import import_docx, to_yaml


def test_word_numbering_is_read_as_labels(tmp_path):
    source = build_reference_docx(tmp_path / "report.docx", automatic=True)
    doc = read_docx(source)
    labelled = [(p.label, p.text[:6]) for p in doc.paragraphs if p.label]
    assert labelled[0] == ("一、", "整体支出概况")
    assert [label for label, _ in labelled[1:5]] == ["1、", "2、", "3、", "4、"]     # work areas
    assert [label for label, _ in labelled[5:9]] == ["1、", "2、", "3、", "4、"]     # restarted: startOverride
    assert ("二、", "整体支出资金") in labelled and ("四、", "其他需要说明") in labelled
    assert labelled[-1] == ("14、", "2020年开")
    # the typed text of those paragraphs carries no number: it came from numbering.xml
    assert not any(re.match(r"\s*\d+\s*、", p.text) for p in doc.paragraphs if p.label)


def test_runs_split_mid_word_and_bookmarks_leave_the_text_whole(tmp_path):
    source = build_reference_docx(tmp_path / "report.docx")
    with zipfile.ZipFile(source) as zf:
        xml = zf.read("word/document.xml").decode()
    assert 'w:name="_GoBack"' in xml and "<w:t>卫</w:t>" in xml  # really split, really bookmarked
    paras = read_docx(source).paragraphs
    weijian = next(p for p in paras if p.text.startswith("卫健工作方面"))
    assert weijian.text == reference_lines()[[i for i, line in enumerate(reference_lines())
                                               if "_GoBack" in line][0]].replace("[bookmark: _GoBack]", "")


def _read_back(imported):
    return validate(parse_yaml(to_yaml(imported), "x.yaml"))


def test_untidy_small_report(tmp_path):
    imported = import_docx(doc_with(SMALL, tmp_path / "small.docx"))
    d = imported.data
    assert d["year"] == 2021 and d["unit"] == {"name": "测试街道"}  # no district anywhere: none asked for
    one, two, three, four = d["content"]
    assert one["heading"] == "整体支出概况"  # a heading style, no 一、: numbered by the template
    assert one["content"][:2] == ["依据区里的办法，编制绩效目标表，涵盖以下方面：",
                                  {"list": ["社会服务方面的工作。", "城市管理方面的工作。"], "numbering": "（1）"}]
    assert one["content"][3] == {"list": ["质量指标: 保障日常支出。", "时效指标：年底完成。"], "numbering": "1."}
    assert one["content"][5] == {"indicators": [{"name": "社会效益指标", "text": "抓好建设；"}]}
    assert two["heading"] == "整体支出资金使用及管理情况"  # bold Normal paragraph
    # figures in other writing (thousands separator, full-width digits) stay prose, with a note
    assert two["content"] == [SMALL[11]]
    assert any(n.para == 12 and "句式" in n.message for n in imported.notes)
    assert three["content"] == ["针对实际特点，开展了以下工作：", {"lead": "公共服务方面", "text": "做了好事。"},
                                "社会管理方面 ：", {"list": ["第一件事。", "第二件事。"]}]
    assert four == {"heading": "其他需要说明事宜", "content": [{"honours": ["先进集体"]}]}
    report = _read_back(imported)
    assert len(printed_paragraphs(report)) == len(SMALL)


def test_tracked_changes_take_the_accepted_text(tmp_path):
    source = doc_with(SMALL, tmp_path / "tracked.docx")
    document = docx.Document(str(source))
    honour = document.paragraphs[-1]
    w = nsdecls("w")
    honour._p.append(parse_xml(f'<w:ins {w} w:id="1" w:author="甲" w:date="2021-01-01T00:00:00Z">'
                               '<w:r><w:t>（新增）</w:t></w:r></w:ins>'))
    honour._p.append(parse_xml(f'<w:del {w} w:id="2" w:author="甲" w:date="2021-01-01T00:00:00Z">'
                               '<w:r><w:delText>（删掉）</w:delText></w:r></w:del>'))
    # a paragraph whose mark was deleted joins the next one, as after "accept all"
    basis = next(p for p in document.paragraphs if p.text.startswith("依据"))
    basis.text = "依据区里的办法，"
    basis._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {w}><w:del w:id="3" w:author="甲" w:date="2021-01-01T00:00:00Z"/></w:rPr>'))
    basis._p.addnext(parse_xml(f'<w:p {w}><w:r><w:t>编制绩效目标表，涵盖以下方面：</w:t></w:r></w:p>'))
    document.save(str(source))

    imported = import_docx(source)
    content = imported.data["content"]
    assert content[-1]["content"] == [{"honours": ["先进集体（新增）"]}]
    assert content[0]["content"][0] == "依据区里的办法，编制绩效目标表，涵盖以下方面："
    assert "（删掉）" not in to_yaml(imported)
    assert any("接受所有修订" in n.message and "1 处插入" in n.message for n in imported.notes)


def test_comments_are_not_text_but_are_mentioned(tmp_path):
    source = doc_with(SMALL, tmp_path / "comments.docx")
    document = docx.Document(str(source))
    para = next(p for p in document.paragraphs if p.text.startswith("公共服务方面"))
    document.add_comment(para.runs[:3], text="这里要再核实", author="审核人", initials="审")
    document.save(str(source))
    with zipfile.ZipFile(source) as zf:
        assert "word/comments.xml" in zf.namelist()
        assert "commentRangeStart" in zf.read("word/document.xml").decode()

    imported = import_docx(source)
    assert imported.data["content"][2]["content"][1] == {"lead": "公共服务方面", "text": "做了好事。"}
    assert "再核实" not in to_yaml(imported)
    assert any("1 条批注" in n.message for n in imported.notes)


def test_hidden_text_tabs_and_fields(tmp_path):
    source = doc_with(SMALL, tmp_path / "hidden.docx")
    document = docx.Document(str(source))
    para = document.paragraphs[-1]
    w = nsdecls("w")
    para._p.append(parse_xml(f'<w:r {w}><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'))
    para._p.append(parse_xml(f'<w:fldSimple {w} w:instr=" DATE "><w:r><w:t>（二〇二一）</w:t></w:r></w:fldSimple>'))
    document.save(str(source))
    assert read_docx(source).paragraphs[-1].text == "1、先进集体（二〇二一）"


def test_a_table_is_a_table_in_its_place(tmp_path):
    source = doc_with(SMALL, tmp_path / "table.docx")
    document = docx.Document(str(source))
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("指标", "得分"), ("产出", "90"), ("合计", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("以上为得分情况。")
    document.save(str(source))
    imported = import_docx(source)
    last = imported.data["content"][-1]["content"]
    # words over figures: the first row is the header; the empty cell stays empty; cells stay text
    assert last[1:] == [{"table": {"header": ["指标", "得分"], "rows": [["产出", "90"], ["合计", ""]],
                                   "widths": [50, 50]}}, "以上为得分情况。"]
    report = _read_back(imported)
    assert printed_tables(report) == [[["指标", "得分"], ["产出", "90"], ["合计", ""]]]


def test_a_table_without_a_header_keeps_every_row(tmp_path):
    source = doc_with(SMALL, tmp_path / "table.docx")
    document = docx.Document(str(source))
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("甲", "乙"), ("丙", "丁")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(str(source))
    block = import_docx(source).data["content"][-1]["content"][-1]
    assert block == {"table": {"rows": [["甲", "乙"], ["丙", "丁"]], "widths": [50, 50]}}
