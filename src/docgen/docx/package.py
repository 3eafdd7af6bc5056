"""A .docx as a package: opened safely, its parts read within bounds, its relationships followed.

A .docx is a zip of XML parts tied together by relationships (``_rels/*.rels``).
People hand ``docgen import`` whatever they have: an old .doc, an RTF or PDF
renamed, a password-protected file, an Excel sheet, a damaged download.  Each is
refused here with a message that says what the file is and how to save it as a
.docx; nothing past this module sees a file that is not one.  Every part is
read through :func:`read_part`: counted as it inflates (a zip bomb stops at
:data:`MAX_PART_BYTES`) and parsed with :func:`docgen.docx.ooxml.parse_xml`
(no entities, no network).
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path

from ..errors import DocgenError, EXIT_USAGE
from .ooxml import PKG_REL_NS, XMLSyntaxError, parse_xml

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_PART_BYTES = 50_000_000  # uncompressed document.xml; a zip bomb stops here

SAVE_AS = "在 Word 或 WPS 中打开它，选择“文件 → 另存为”，保存类型选“Word 文档 (*.docx)”，再导入新保存的 .docx 文件。"
_REPAIR = "用 Word 打开它（Word 会提示修复），另存为新的 .docx 后再导入。"


def refuse(display: str, message: str, hint: str) -> DocgenError:
    """The error that refuses an input file (exit code 2: the input, not the content, is wrong)."""
    return DocgenError.single(message, file=display, hint=hint, exit_code=EXIT_USAGE)


def open_docx(path: Path, display: str | None = None) -> zipfile.ZipFile:
    """Open ``path`` as a .docx, or refuse with a message that says what the file is."""
    display = display or str(path)
    if not path.exists():
        raise refuse(display, f"找不到文件 file not found: {display}",
                     "检查文件名和所在文件夹；文件名中有空格时请用引号括起来。")
    if path.is_dir():
        raise refuse(display, "这是一个文件夹，不是 Word 文件。is a folder, not a .docx", "给出 .docx 文件的路径。")
    if not path.is_file():
        raise refuse(display, "这不是普通文件（可能是设备或管道），无法导入。not a regular file",
                     "给出保存在磁盘上的 .docx 文件的路径。")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        with path.open("rb") as fh:
            data = fh.read(32_000_000)  # the stream directory of a password-protected .docx is small
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise refuse(display, "这个 Word 文件设置了打开密码（已加密），无法读取。document is password-protected",
                         "在 Word 中打开它，在“文件 → 信息 → 保护文档”中删除密码并保存，再导入。")
        raise refuse(display,
                     "这是旧版 Word 97-2003 文档（.doc），docgen 只能读取 .docx。"
                     "legacy .doc (OLE) file: please save it as .docx",
                     SAVE_AS)
    if head.startswith(b"{\\rtf"):
        raise refuse(display, "这是 RTF 格式的文件，不是 .docx。RTF file, not .docx", SAVE_AS)
    if head.startswith(b"%PDF"):
        raise refuse(display, "这是 PDF 文件，无法导入。PDF cannot be imported",
                     "请找到这份报告原来的 Word 文件（.docx）；只有 PDF 时，需要先用 Word 打开 PDF 并另存为 .docx，再仔细核对。")
    if not zipfile.is_zipfile(path):
        raise refuse(display, "这不是 Word 文档（.docx）。not a .docx file",
                     "只能导入 Word 2007 及以后版本的 .docx 文件。" + SAVE_AS)
    try:
        zf = zipfile.ZipFile(path)
        names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise refuse(display, f"文件已损坏，无法读取。damaged file: {exc}", _REPAIR) from None
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        zf.close()
        kind = "不是 Word 文档"
        if "mimetype" in names or "content.xml" in names:
            kind = "是 OpenDocument（.odt 等）文件，不是 Word 文档"
        elif any(n.startswith("xl/") for n in names):
            kind = "是 Excel 表格，不是 Word 文档"
        elif any(n.startswith("ppt/") for n in names):
            kind = "是 PowerPoint 演示文稿，不是 Word 文档"
        raise refuse(display, f"这个文件{kind}（.docx）。not a Word .docx", SAVE_AS)
    return zf


def _too_large(display: str, name: str, size: int) -> DocgenError:
    return refuse(display, f"文档内容太大（{name} 解压后 {size} 字节）。document part too large",
                  "报告正文通常只有几十 KB；请检查文件是否正确。")


def read_part(zf: zipfile.ZipFile, name: str, display: str):
    """The root element of part ``name``, or None when the package lacks it; refuses a damaged or huge part."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise _too_large(display, name, info.file_size)
    try:
        with zf.open(info) as fh:
            data = fh.read(MAX_PART_BYTES + 1)  # counted as it inflates: the header may lie
        if len(data) > MAX_PART_BYTES:
            raise _too_large(display, name, len(data))
        return parse_xml(data)
    except (XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            RuntimeError, NotImplementedError) as exc:
        # RuntimeError: an encrypted zip entry; NotImplementedError: an unknown compression method
        raise refuse(display, f"文件已损坏，无法读取 {name}：{exc}。damaged file", _REPAIR) from None


def relationships(zf: zipfile.ZipFile, part: str, display: str) -> dict[str, str]:
    """Relationship type → target part name, for the part ``part`` ("" for the package itself)."""
    folder, base = posixpath.split(part)
    root = read_part(zf, posixpath.join(folder, "_rels", base + ".rels"), display)
    out: dict[str, str] = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.setdefault(rel.get("Type", ""), name)
    return out
