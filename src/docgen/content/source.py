"""Stage 1a — a content file on disk → its text: a regular file, at most 1 MB, UTF-8.

A content file is edited by hand on Windows, so what arrives is often not quite
UTF-8 text: a BOM (harmless, dropped), UTF-16 ("Unicode" in Notepad), GBK (the
default of a Chinese Notepad or WPS); each is named, with how to save the file as
UTF-8.  And a path can name something that is not a file at all — ``/dev/zero``,
a FIFO, a folder — which is refused before anything is read (:mod:`docgen.inputs`).
:mod:`.load` parses what comes out of here.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import Diagnostic, DocgenError, EXIT_CONTENT, EXIT_USAGE
from ..inputs import open_regular, read_limited, too_large

MAX_BYTES = 1_000_000  # a report is ~20 kB of text; 1 MB is generous and still safe

_SAVE_AS_UTF8 = ("在记事本中“文件 → 另存为”，编码选择“UTF-8”；在 WPS 中另存为“纯文本”并选 UTF-8；"
                 "或在 VS Code 右下角点编码，选“通过编码保存 → UTF-8”。")


def read_text(path: Path, display: str) -> str:
    """Read a content file as UTF-8, with a clear answer for the usual Windows mishaps.

    Only a regular file is read (not a folder, a device such as /dev/zero, or a FIFO,
    which would block), and never more than :data:`MAX_BYTES`.
    """
    too_big_hint = "内容文件只应包含报告文字和数字（一年约 20 KB）；请检查是否误粘贴了大段内容或二进制数据。"
    try:
        with open_regular(path, display=display, exit_code=EXIT_USAGE, what="内容文件（<年份>.yaml）") as fh:
            size = os.fstat(fh.fileno()).st_size
            raw = read_limited(fh, MAX_BYTES) if size <= MAX_BYTES else None
    except FileNotFoundError:
        raise DocgenError.single(f"找不到文件 file not found: {display}", file=display) from None
    except OSError as exc:
        raise DocgenError.single(f"无法读取文件 cannot read: {exc.strerror or exc}", file=display,
                                 hint="检查文件是否被其他程序（如 Excel/WPS）锁定，以及是否有读取权限。") from None
    if raw is None:  # over the limit, even if the file grew while it was read
        raise too_large(display, max(size, MAX_BYTES + 1), MAX_BYTES, exit_code=EXIT_CONTENT,
                        hint=too_big_hint)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # UTF-8 BOM, as Windows Notepad writes it: harmless
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocgenError.single(
            "文件是 UTF-16 编码（Windows“Unicode”），不是 UTF-8。file is UTF-16, not UTF-8",
            file=display, exit_code=EXIT_CONTENT, hint=_SAVE_AS_UTF8)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = ""
        try:
            raw.decode("gbk")
            guess = "文件看起来是 GBK/GB2312 编码（Windows 中文版记事本、WPS 的默认编码）。looks like GBK. "
            # Some GBK pairs are also valid UTF-8, so the decoder fails later than the first
            # Chinese character; point at that character (GBK is ASCII up to there).
            first = next(i for i, b in enumerate(raw) if b >= 0x80)
            line = raw[:first].count(b"\n") + 1
            col = first - (raw.rfind(b"\n", 0, first) + 1) + 1
        except UnicodeDecodeError:
            try:
                raw.decode("gb18030")
                guess = "文件看起来是 GB18030 编码。looks like GB18030. "
            except UnicodeDecodeError:
                pass
        raise DocgenError(
            [Diagnostic(
                file=display, line=line, col=col,
                message=f"文件不是 UTF-8 编码。{guess}file is not UTF-8",
                hint=_SAVE_AS_UTF8,
            )],
            EXIT_CONTENT,
        ) from None
    if not text.strip():
        raise DocgenError.single(
            "文件是空的。file is empty", file=display, exit_code=EXIT_CONTENT,
            hint="用 `docgen new YEAR --from LASTYEAR` 从上一年的内容生成，或参照 README 中的示例填写。",
        )
    return text
