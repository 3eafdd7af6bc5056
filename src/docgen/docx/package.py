"""A .docx as a package: opened safely, its parts read within bounds, its relationships followed.

A .docx is a zip of XML parts tied together by relationships (``_rels/*.rels``).
Two kinds of .docx come from outside, and both are opened here, never trusted:

* **a report to import.**  People hand ``docgen import`` whatever they have: an old
  .doc, an RTF or PDF renamed, a password-protected file, an Excel sheet, a damaged
  download, ``/dev/zero``.  Each is refused by :func:`open_docx` with a message that
  says what the file is and how to save it as a .docx (exit code 2); nothing past
  this module sees a file that is not one.  Every part is read through
  :func:`read_part`: counted as it inflates (:data:`IMPORT_LIMITS`) and parsed with
  :func:`docgen.docx.ooxml.parse_xml` (no entities, no network).
* **the template.**  Templates travel between offices by e-mail; :func:`load_template`
  reads only a regular file of bounded size and inflates every part of it once,
  counting bytes, before python-docx or docxtpl (which read every part in one go)
  see it; a zip bomb or a damaged file is a template error (exit code 3).  Every
  reader of the template (the render, its tag check, the PDF's restyle) gets its
  bytes from here.

Regular files only (:mod:`docgen.inputs`); zip parts counted as they inflate,
whatever sizes the zip declares (:mod:`.zipread`).
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from ..errors import DocgenError, EXIT_TEMPLATE, EXIT_USAGE
from ..inputs import open_input, read_regular
from .ooxml import PKG_REL_NS, XMLSyntaxError, parse_xml
from .zipread import Archive, ZipLimits, ZipProblem

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: A report, photos included, is a few MB; the parts import reads (document.xml, styles,
#: numbering, comments) are XML of some hundred kB.  Parts are counted as they inflate.
MAX_FILE_BYTES = 100_000_000
MAX_PART_BYTES = 50_000_000
IMPORT_LIMITS = ZipLimits(member=MAX_PART_BYTES, total=100_000_000, members=20_000)

#: A template is a few pages of Word with perhaps a logo or a seal: tens of kB.  These
#: limits are far above any real one and keep a hostile file small enough to refuse cheaply.
TEMPLATE_MAX_BYTES = 32_000_000
TEMPLATE_LIMITS = ZipLimits(member=32_000_000, total=100_000_000, members=1000)

SAVE_AS = "在 Word 或 WPS 中打开它，选择“文件 → 另存为”，保存类型选“Word 文档 (*.docx)”，再导入新保存的 .docx 文件。"
_REPAIR = "用 Word 打开它（Word 会提示修复），另存为新的 .docx 后再导入。"
_REBUILD_HINT = "用 Word 打开并另存为 .docx，或用 `make template` 重新生成默认模板。"


def refuse(display: str, message: str, hint: str) -> DocgenError:
    """The error that refuses an input file (exit code 2: the input, not the content, is wrong)."""
    return DocgenError.single(message, file=display, hint=hint, exit_code=EXIT_USAGE)


@contextmanager
def open_docx(path: Path, display: str | None = None) -> Iterator[Archive]:
    """Open ``path`` as a .docx, or refuse with a message that says what the file is.

    Yields a :class:`~docgen.docx.zipread.Archive`: every part is counted as it
    inflates (:data:`IMPORT_LIMITS`), whatever sizes the zip declares.  Only a
    regular file of at most :data:`MAX_FILE_BYTES` is read (never /dev/zero or a FIFO).
    """
    display = display or str(path)
    with open_input(path, display=display, what="Word 文件（.docx）", en="a .docx", limit=MAX_FILE_BYTES,
                    hint="报告的 Word 文件（含图片）通常只有几 MB；请检查文件是否正确，"
                         "或在 Word 中压缩图片后另存一份再导入。", exit_code=EXIT_USAGE) as fh:
        _identify(fh, display)
        try:
            archive = Archive(fh, IMPORT_LIMITS)
        except ZipProblem as exc:
            raise refuse(display, exc.message, _REPAIR) from None
        with archive:
            _require_word(set(archive.namelist()), display)
            yield archive


def _identify(fh: BinaryIO, display: str) -> None:
    """Refuse a .doc, an encrypted .docx, RTF, PDF or anything that is not a zip, by its first bytes."""
    head = fh.read(8)
    if head.startswith(OLE_MAGIC):
        fh.seek(0)
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
    fh.seek(0)
    if not zipfile.is_zipfile(fh):
        raise refuse(display, "这不是 Word 文档（.docx）。not a .docx file",
                     "只能导入 Word 2007 及以后版本的 .docx 文件。" + SAVE_AS)
    fh.seek(0)


def _require_word(names: set[str], display: str) -> None:
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        kind = "不是 Word 文档"
        if "mimetype" in names or "content.xml" in names:
            kind = "是 OpenDocument（.odt 等）文件，不是 Word 文档"
        elif any(n.startswith("xl/") for n in names):
            kind = "是 Excel 表格，不是 Word 文档"
        elif any(n.startswith("ppt/") for n in names):
            kind = "是 PowerPoint 演示文稿，不是 Word 文档"
        raise refuse(display, f"这个文件{kind}（.docx）。not a Word .docx", SAVE_AS)


def read_part(archive: Archive, name: str, display: str):
    """The root element of part ``name``, or None when the package lacks it; refuses a damaged or huge part."""
    if not archive.has(name):
        return None
    try:
        data = archive.read(name)
    except ZipProblem as exc:
        hint = _REPAIR if exc.damaged else "报告正文通常只有几十到几百 KB；请检查文件是否正确。"
        raise refuse(display, exc.message, hint) from None
    try:
        return parse_xml(data)
    except (XMLSyntaxError, ValueError) as exc:
        raise refuse(display, f"文件已损坏，无法读取 {name}：{exc}。damaged file", _REPAIR) from None


def relationships(archive: Archive, part: str, display: str) -> dict[str, str]:
    """Relationship type → target part name, for the part ``part`` ("" for the package itself)."""
    folder, base = posixpath.split(part)
    root = read_part(archive, posixpath.join(folder, "_rels", base + ".rels"), display)
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


# ---------------------------------------------------------------- the template


@lru_cache(maxsize=8)
def _template_bytes(path: str, mtime_ns: int, size: int) -> bytes:
    data = read_regular(Path(path), display=path, exit_code=EXIT_TEMPLATE, what="Word 模板（.docx）",
                        limit=TEMPLATE_MAX_BYTES, hint="模板通常只有几十 KB；" + _REBUILD_HINT)
    try:
        with Archive(data, TEMPLATE_LIMITS) as archive:
            archive.verify()
    except ZipProblem as exc:
        what = "模板已损坏，无法使用 damaged template" if exc.damaged else "模板无法使用 template cannot be used"
        raise DocgenError.single(f"{what}: {exc.message}", file=path, exit_code=EXIT_TEMPLATE,
                                 hint=_REBUILD_HINT) from None
    return data


def load_template(path: Path) -> bytes:
    """The template's bytes, checked: a regular file, bounded, every part inflating whole and small.

    Read and checked once per version of the file per process (per worker for
    ``render --all``).
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise DocgenError.single(
            f"找不到模板 template not found: {path}", file=str(path), exit_code=EXIT_TEMPLATE,
            hint="在项目目录中运行 docgen，或用 --template 指定 report.docx 的位置。") from None
    return _template_bytes(str(path), st.st_mtime_ns, st.st_size)
