"""What ``docgen import`` refuses, and how it says so: not a .docx, not a report, the wrong year."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from word_files import build_reference_docx, doc_with
from docgen.cli import cli
from docgen.errors import DocgenError
from docgen.importer import import_docx


def test_doc_file_is_refused_with_save_as_advice(tmp_path):
    old = tmp_path / "2020年度报告.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    result = CliRunner().invoke(cli, ["import", str(old)])
    assert result.exit_code == 2
    assert ".doc" in result.stderr and "另存为" in result.stderr and ".docx" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name,data,words", [
    ("notes.docx", "这不是 Word 文件".encode(), "不是 Word 文档"),
    ("sheet.docx", None, "Excel"),
    ("report.rtf", b"{\\rtf1\\ansi hello}", "RTF"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "密码"),
])
def test_non_docx_files_are_refused_clearly(tmp_path, name, data, words):
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("[Content_Types].xml", "<Types/>")
            zf.writestr("xl/workbook.xml", "<workbook/>")
    else:
        path.write_bytes(data)
    with pytest.raises(DocgenError) as exc:
        import_docx(path)
    assert words in str(exc.value) and exc.value.exit_code == 2


def test_a_document_without_headings_is_refused(tmp_path):
    with pytest.raises(DocgenError) as exc:
        import_docx(doc_with(["会议纪要", "今天开会。"], tmp_path / "memo.docx"), year=2020)
    assert "一、" in str(exc.value) and exc.value.exit_code == 1


def test_a_document_without_a_year_needs_the_option(tmp_path):
    source = doc_with(["会议纪要", "一、议题", "今天开会。"], tmp_path / "memo.docx")
    result = CliRunner().invoke(cli, ["import", str(source), "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "--year" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_year_option_must_match_the_title(tmp_path):
    source = build_reference_docx(tmp_path / "r.docx")
    result = CliRunner().invoke(cli, ["import", str(source), "--year", "2021",
                                      "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "2020" in result.stderr and "docgen new 2021" in result.stderr
    assert not (tmp_path / "x.yaml").exists()
