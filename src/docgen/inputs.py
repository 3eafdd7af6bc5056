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
checked.  :func:`open_bounded` adds a size limit on the size the file system
reports; :func:`read_regular` enforces it on the bytes actually read too.

The refusal is a :class:`~docgen.errors.DocgenError` with the caller's display
name and exit code (2 for content and imports, 3 for templates); a missing file
or a permission problem stays an ``OSError`` for the caller to word — except for
a file to import (a .docx, an .xlsx), opened by :func:`open_input` /
:func:`read_input`, which also say, in one wording, that it is missing or a folder.

Top level, beside :mod:`docgen.paths`, because every stage reads inputs: the
content loader, the .docx template and the report to import (:mod:`docgen.docx`),
the PDF's templates, fetched files and office fonts (:mod:`docgen.pdf`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def open_bounded(path: Path, *, display: str, exit_code: int, what: str, limit: int,
                 hint: str) -> Iterator[BinaryIO]:
    """:func:`open_regular`, refused when the file system says it is larger than ``limit`` bytes."""
    with open_regular(path, display=display, exit_code=exit_code, what=what) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise too_large(display, size, limit, exit_code=exit_code, hint=hint)
        yield fh


def read_regular(path: Path, *, display: str, exit_code: int, what: str, limit: int,
                 hint: str) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, or a :class:`DocgenError`."""
    with open_bounded(path, display=display, exit_code=exit_code, what=what, limit=limit, hint=hint) as fh:
        data = read_limited(fh, limit)
    if data is None:  # it grew after the size was checked
        raise too_large(display, limit + 1, limit, exit_code=exit_code, hint=hint)
    return data


# ---------------------------------------------------------------- a file to import


def _require_file(path: Path, display: str, what: str, en: str, exit_code: int) -> None:
    """Refuse a missing path or a folder, naming what was asked for ("Word 文件（.docx）", "a .docx")."""
    if not path.exists():
        raise DocgenError.single(f"找不到文件 file not found: {display}", file=display, exit_code=exit_code,
                                 hint="检查文件名和所在文件夹；文件名中有空格时请用引号括起来。")
    if path.is_dir():
        name, _, suffix = what.partition("（")
        raise DocgenError.single(f"这是一个文件夹，不是 {name}。is a folder, not {en}", file=display,
                                 exit_code=exit_code, hint=f"给出 {suffix.rstrip('）')} 文件的路径。")


@contextmanager
def open_input(path: Path, *, display: str, what: str, en: str, limit: int, hint: str,
               exit_code: int) -> Iterator[BinaryIO]:
    """A file to import, opened: it exists, is not a folder, is regular and at most ``limit`` bytes.

    ``what`` is how the messages name it ("Excel 文件（.xlsx）"), ``en`` the same in
    English ("an .xlsx"); ``hint`` says what to do with a file too large.  For a
    reader that streams the file (a .docx of up to 100 MB is not read whole).
    """
    _require_file(path, display, what, en, exit_code)
    with open_bounded(path, display=display, exit_code=exit_code, what=what, limit=limit, hint=hint) as fh:
        yield fh


def read_input(path: Path, *, display: str, what: str, en: str, limit: int, hint: str,
               exit_code: int) -> bytes:
    """The bytes of a file to import (:func:`open_input`'s checks), the limit held on the bytes read."""
    _require_file(path, display, what, en, exit_code)
    return read_regular(path, display=display, exit_code=exit_code, what=what, limit=limit, hint=hint)
