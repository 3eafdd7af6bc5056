"""Issue 15 §10: import never reports "written and valid" for a content file that ``check`` then
refuses as over its 1 MB limit: a document with more text is refused (exit 2), and so is YAML over
the limit, before anything is written."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from hostile import Project, first_error, run_docgen
from word_files import build_reference_docx

def _report_docx(path: Path, honours: int) -> Path:
    """The 2020 reference as a plain Word file, with ``honours`` more honours (for import)."""
    source = build_reference_docx(path.parent / "reference.docx")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                extra = "".join(f"<w:p><w:r><w:t>{i}、第{i}届全区先进工作者荣誉称号</w:t></w:r></w:p>"
                                for i in range(100, 100 + honours))
                anchor = "<w:sectPr" if "<w:sectPr" in xml else "</w:body>"
                data = xml.replace(anchor, extra + anchor, 1).encode("utf-8")
            dst.writestr(info, data)
    source.unlink()
    return path


def test_import_refuses_a_document_too_large_for_a_content_file(tmp_path):
    project = Project(tmp_path)
    source = _report_docx(tmp_path / "大报告.docx", 30_000)
    (tmp_path / "content" / "2020.yaml").unlink()
    project.mark()
    proc = run_docgen(["import", "大报告.docx", "--district", "开福区"], tmp_path, timeout=120)
    assert proc.returncode == 2
    line = first_error(proc)
    assert line.startswith("大报告.docx: 错误 error: 文档的文字共 ") and line.endswith(
        " 字节，超过内容文件的上限 1000000 字节，导入后也无法使用。document text too large for a content file")
    assert not (tmp_path / "content" / "2020.yaml").exists()
    project.assert_untouched()
    assert source.is_file()


def test_write_content_refuses_yaml_over_the_limit_and_writes_nothing(tmp_path):
    """The text may fit and its YAML still not (keys, indentation, comments): checked again."""
    from docgen.errors import DocgenError
    from docgen.content.source import MAX_BYTES
    from docgen.importer import Imported, write_content

    honours = ["荣" * 10] * (MAX_BYTES // 30 - 1000)  # 30 bytes of text each: under 1 MB; with "    - ": over
    assert sum(len(h.encode()) for h in honours) < MAX_BYTES
    data = {"year": 2020, "unit": {"name": "示例街道", "district": "示例区"},
            "content": [{"heading": "整体支出概况", "content": [
                "依据。", {"funds": {"final_total": Decimal("1"), "basic": Decimal("1"), "project_total": Decimal("0")}}]},
                {"heading": "其他需要说明事宜", "content": [{"honours": honours}]}]}
    target = tmp_path / "2020.yaml"
    with pytest.raises(DocgenError) as info:
        write_content(Imported(data=data, source="x.docx"), target, display="content/2020.yaml")
    assert info.value.exit_code == 2
    message = info.value.diagnostics[0].message
    assert message.startswith("导入的内容写成 YAML 共 ") and message.endswith(
        " 字节，超过内容文件的上限 1000000 字节，没有写入。imported content too large for a content file; nothing written")
    assert list(tmp_path.iterdir()) == []
