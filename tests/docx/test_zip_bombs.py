"""Issue 15 §2 and §8: zip bombs and damaged zips, in a template and in a report to import.

Every archive is written byte by byte (:mod:`hostile`), with the sizes it declares
chosen by the test: a 1 MB file whose part inflates to 1 GB and says so; one whose
part declares 20 kB and inflates to 1 GB (with the CRC of its first 20 kB, so that
``zipfile`` itself would silently hand over 20 kB — and inflate the whole gigabyte
to find them); a deflate stream that is broken or cut short.  docgen runs in a
subprocess under a 512 MB memory limit and a 60 s time limit: inflating the bomb
would need twice that memory, so a regression fails fast instead of hanging CI.
Templates are refused with exit code 3, imports with 2; nothing is written.
"""

from __future__ import annotations

import zlib

import pytest

from helpers import TEMPLATE
from hostile import GB, Project, deflate_zeros, docx_variant, first_error, run_docgen

DECLARED = 20_000


@pytest.fixture(scope="module")
def gigabyte():
    return deflate_zeros(GB)


def bombs(gigabyte) -> dict[str, tuple[bytes, str]]:
    """Name → (the .docx, what the message says about it)."""
    stream, crc = gigabyte
    first_crc = zlib.crc32(bytes(DECLARED))
    damaged = "damaged file"
    return {
        "part of 1 GB": (
            docx_variant(extra=[("word/media/image1.png", stream, crc, GB)]),
            f"word/media/image1.png 解压后有 {GB} 字节，超过上限 {{limit}}。part too large when decompressed"),
        "document.xml of 1 GB": (
            docx_variant(replace={"word/document.xml": (stream, crc, GB)}),
            f"word/document.xml 解压后有 {GB} 字节，超过上限 {{limit}}。part too large when decompressed"),
        "declares 20 kB, inflates to 1 GB": (
            docx_variant(replace={"word/document.xml": (stream, first_crc, DECLARED)}),
            f"文件已损坏：word/document.xml 解压后比它声明的 {DECLARED} 字节更大 inflates past its declared size。"
            f"{damaged}"),
        "broken deflate stream": (
            docx_variant(replace={"word/document.xml": (b"\x07" + bytes(200), 0, 5000)}),
            "文件已损坏：word/document.xml 的压缩数据无法解压（Error -3 while decompressing data: invalid block type）"
            f"has a broken deflate stream。{damaged}"),
        "deflate stream cut short": (
            docx_variant(replace={"word/document.xml": (stream[:5000], crc, 10_000_000)}),
            f"文件已损坏：word/document.xml 的压缩数据不完整 has an incomplete deflate stream。{damaged}"),
    }


CASES = ["part of 1 GB", "document.xml of 1 GB", "declares 20 kB, inflates to 1 GB", "broken deflate stream",
         "deflate stream cut short"]


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["check", "render"])
def test_template_bomb_is_refused_within_memory_and_time(tmp_path, gigabyte, case, command):
    data, said = bombs(gigabyte)[case]
    project = Project(tmp_path)
    (tmp_path / "收到的模板.docx").write_bytes(data)
    project.mark()
    proc = run_docgen([command, "2020", "--template", "收到的模板.docx"], tmp_path)
    assert proc.returncode == 3, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("收到的模板.docx")]
    kind = "模板无法使用 template cannot be used" if "上限" in said else "模板已损坏，无法使用 damaged template"
    assert lines == [f"收到的模板.docx: 错误 error: {kind}: {said.format(limit='32 MB')}"]
    assert "Traceback" not in proc.stderr
    assert project.out_files() == []
    project.assert_untouched()


@pytest.mark.parametrize("case", CASES[1:])
def test_import_bomb_is_refused_within_memory_and_time(tmp_path, gigabyte, case):
    data, said = bombs(gigabyte)[case]
    project = Project(tmp_path)
    (tmp_path / "去年的报告.docx").write_bytes(data)
    project.mark()
    proc = run_docgen(["import", "去年的报告.docx", "--year", "2019"], tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert first_error(proc) == f"去年的报告.docx: 错误 error: {said.format(limit='50 MB')}"
    project.assert_untouched()


def test_a_whole_template_still_passes_the_bounded_reading(tmp_path):
    """The same byte-by-byte writer with honest sizes gives a template docgen renders."""
    project = Project(tmp_path)
    (tmp_path / "重写的模板.docx").write_bytes(docx_variant(TEMPLATE))
    proc = run_docgen(["render", "2020", "--template", "重写的模板.docx"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert project.out_files() == ["2020/2020年度清水塘街道整体支出绩效评价报告.docx"]
