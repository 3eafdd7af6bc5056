"""Input files: regular files only, opened without blocking, read up to a limit.

Every file docgen reads on a user's behalf — a content file, a .docx template, a
report to import, report.html / report.css, an office font — goes through here,
because a path can name something that is not a file at all:

* ``/dev/zero`` (or a symlink to it) never ends: reading it grows memory without bound;
* a FIFO (named pipe) blocks ``open()`` until some other program writes to it: docgen
  would hang for ever;
* a folder, a socket or another device cannot be a report either.

So :func:`open_regular` looks at the path with ``os.stat`` first and refuses
anything that is not a regular file before it is opened; it then opens with
``O_NONBLOCK`` (a FIFO swapped in meanwhile opens at once instead of waiting)
and checks the open descriptor again with ``fstat``, so what is read is what was
checked.  :func:`read_regular` adds a size limit, enforced on the bytes actually
read, not only on the size the file system reports.

The refusal is a :class:`~docgen.errors.DocgenError` with the caller's display
name and exit code (2 for content and imports, 3 for templates); a missing file
or a permission problem stays an ``OSError`` for the caller to word.

Top level, beside :mod:`docgen.paths`, because every stage reads inputs: the
content loader, the .docx template and the report to import (:mod:`docgen.docx`),
the PDF's templates, fetched files and office fonts (:mod:`docgen.pdf`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import DocgenError

_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_FLAGS = os.O_RDONLY | _O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def kind_of(mode: int) -> tuple[str, str]:
    """What a non-regular file is, in Chinese and English."""
    if stat.S_ISDIR(mode):
        return "文件夹", "a folder"
    if stat.S_ISFIFO(mode):
        return "管道（FIFO）", "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件", "a device"
    if stat.S_ISSOCK(mode):
        return "套接字", "a socket"
    return "特殊文件", "a special file"


def not_regular(display: str, mode: int, *, exit_code: int, what: str) -> DocgenError:
    zh, en = kind_of(mode)
    return DocgenError.single(
        f"{display} 不是普通文件，而是{zh}，docgen 不读取它。not a regular file: {en}",
        file=display, exit_code=exit_code,
        hint=f"{what}应是一个普通文件；文件夹、设备（如 /dev/zero）和管道都不能作为输入。")


def too_large(display: str, size: int, limit: int, *, exit_code: int, hint: str) -> DocgenError:
    return DocgenError.single(
        f"文件太大（{size} 字节，上限 {limit} 字节）。file too large (limit {limit} bytes)",
        file=display, exit_code=exit_code, hint=hint)


def is_regular(path: Path) -> bool:
    """Whether ``path`` (after symlinks) is a regular file; False when it does not exist."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def open_regular(path: Path, *, display: str, exit_code: int, what: str) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; refuse anything else before reading."""
    mode = os.stat(path).st_mode  # FileNotFoundError / PermissionError: the caller's to word
    if not stat.S_ISREG(mode):
        raise not_regular(display, mode, exit_code=exit_code, what=what)
    fd = os.open(path, _FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):  # replaced between the stat and the open
            raise not_regular(display, mode, exit_code=exit_code, what=what)
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(fh: BinaryIO, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``fh``; None if it holds more (even if it grew meanwhile)."""
    data = fh.read(limit + 1)
    return None if len(data) > limit else data


def read_regular(path: Path, *, display: str, exit_code: int, what: str, limit: int,
                 hint: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a :class:`DocgenError`."""
    with open_regular(path, display=display, exit_code=exit_code, what=what) as fh:
        size = os.fstat(fh.fileno()).st_size
        data = read_limited(fh, limit) if size <= limit else None
    if data is None:
        raise too_large(display, max(size, limit + 1), limit, exit_code=exit_code, hint=hint)
    return data
