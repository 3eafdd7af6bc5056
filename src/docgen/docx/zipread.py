"""Reading a .docx (a zip archive) without trusting it: bytes are counted as they inflate.

A zip's central directory *declares* each member's size, but a declaration is only
bytes that whoever made the file wrote.  A 1 MB template can hold a part that
inflates to 1 GB, and a part that declares 20 kB can inflate to 1 GB as well:
``zipfile``'s ``read()`` inflates a member's whole deflate stream in one call and
only then cuts it to the declared size.  So nothing here trusts a declaration or
``zipfile``'s reader: ``zipfile`` only lists the members (names, offsets, sizes),
and :class:`Archive` inflates each member's stored bytes itself, in chunks, with
a running total.  It stops as soon as a member passes its limit, the archive
passes its total, or a member inflates past what it declared.  A member counts
as whole only when its deflate stream ends exactly at the declared size with the
declared CRC-32 — after :meth:`Archive.verify` has checked every member that
way, python-docx and docxtpl (which read every part in one go) can be given
the archive: nothing in it inflates to more than it says.

A damaged deflate stream, a bad CRC, a truncated or encrypted member, or a
compression method Word does not use is a :class:`ZipProblem` too, never a
traceback.  The caller turns a :class:`ZipProblem` into its own message and exit
code (3 for a template, 2 for a report to import): :mod:`docgen.docx.package`, which
opens both.  Nothing here knows about Word; it is in :mod:`docgen.docx` because only
.docx files are zips docgen reads.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO
from typing import BinaryIO

CHUNK = 64 * 1024

#: The local file header (APPNOTE.TXT 4.3.7): signature … file name length, extra field length.
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE = 0x04034B50

#: What a broken central directory makes ``zipfile.ZipFile`` raise.
_BAD_DIRECTORY = (zipfile.BadZipFile, EOFError, NotImplementedError, ValueError, OSError, struct.error,
                  OverflowError)


@dataclass(frozen=True)
class ZipLimits:
    member: int     # bytes one member may inflate to
    total: int      # bytes all members read from one archive may inflate to
    members: int    # members the archive may have


class ZipProblem(Exception):
    """Why an archive (or one member of it) is refused; ``message`` is for the user (中文 + English)."""

    def __init__(self, message: str, member: str = "", *, damaged: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.member = member
        self.damaged = damaged  # False: whole, but too large (a bomb, or simply too big)


def _mb(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def _damaged(member: str, why: str) -> ZipProblem:
    return ZipProblem(f"文件已损坏：{member} {why}。damaged file", member)


class Archive:
    """A zip archive whose members are inflated by docgen, counted against :class:`ZipLimits`."""

    def __init__(self, source: bytes | BinaryIO, limits: ZipLimits) -> None:
        self.fp = BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
        self.limits = limits
        self.total = 0
        try:
            self.zf = zipfile.ZipFile(self.fp)
        except _BAD_DIRECTORY as exc:
            raise ZipProblem(f"文件已损坏，不是完整的 zip/.docx：{exc}。damaged file") from None
        count = len(self.zf.infolist())
        if count > limits.members:
            self.zf.close()
            raise ZipProblem(f"文件中有 {count} 个部件，上限 {limits.members} 个。"
                             f"too many parts in the archive ({count})", damaged=False)

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.zf.close()

    def namelist(self) -> list[str]:
        return self.zf.namelist()

    def has(self, name: str) -> bool:
        try:
            self.zf.getinfo(name)
        except KeyError:
            return False
        return True

    def read(self, name: str | zipfile.ZipInfo, keep: bool = True) -> bytes:
        """The member's bytes (``keep=False``: inflate, count and check only, return b"")."""
        info = name if isinstance(name, zipfile.ZipInfo) else self.zf.getinfo(name)
        member, limit = info.filename, self.limits.member
        if info.file_size > limit:
            raise ZipProblem(f"{member} 解压后有 {info.file_size} 字节，超过上限 {_mb(limit)}。"
                             "part too large when decompressed", member, damaged=False)
        if info.flag_bits & 0x1:  # Word encrypts a whole file (an OLE container), never a part
            raise _damaged(member, "已加密，无法读取 is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _damaged(member, f"使用了 Word 不用的压缩方式（{info.compress_type}）uses a compression "
                                   "method Word does not")
        parts: list[bytes] = []
        size = crc = 0
        for chunk in self._inflate(info):
            size += len(chunk)
            if size > info.file_size:
                raise _damaged(member, f"解压后比它声明的 {info.file_size} 字节更大 inflates past its declared size")
            if self.total + size > self.limits.total:
                raise ZipProblem(f"文件各部件解压后合计超过上限 {_mb(self.limits.total)}（读到 {member} 时）。"
                                 "archive too large when decompressed", member, damaged=False)
            crc = zlib.crc32(chunk, crc)
            if keep:
                parts.append(chunk)
        if size != info.file_size:
            raise _damaged(member, f"解压后只有 {size} 字节，声明的是 {info.file_size} 字节 is shorter than declared")
        if crc != info.CRC:
            raise _damaged(member, "的校验码（CRC-32）不符 has a bad CRC-32")
        self.total += size
        return b"".join(parts)

    def verify(self) -> None:
        """Inflate every member once (bounded, whole, CRC checked), keeping nothing."""
        for info in self.zf.infolist():
            if not info.is_dir():
                self.read(info, keep=False)

    def _inflate(self, info: zipfile.ZipInfo):
        """The member's inflated bytes in chunks of at most :data:`CHUNK`, from its stored bytes."""
        member = info.filename
        self.fp.seek(info.header_offset)
        header = self.fp.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size or _LOCAL_HEADER.unpack(header)[0] != _LOCAL_SIGNATURE:
            raise _damaged(member, "的文件头不完整 has no valid local header")
        name_length, extra_length = _LOCAL_HEADER.unpack(header)[9:11]
        self.fp.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
        left = info.compress_size
        if info.compress_type == zipfile.ZIP_STORED:
            while left > 0:
                chunk = self.fp.read(min(CHUNK, left))
                if not chunk:
                    raise _damaged(member, "的数据不完整（文件被截断）is truncated")
                left -= len(chunk)
                yield chunk
            return
        inflater = zlib.decompressobj(-15)
        pending = b""
        while not inflater.eof:
            if not pending and left > 0:
                pending = self.fp.read(min(CHUNK, left))
                if not pending:
                    raise _damaged(member, "的数据不完整（文件被截断）is truncated")
                left -= len(pending)
            try:  # at most CHUNK bytes of output per call, however much the input would give
                chunk = inflater.decompress(pending, CHUNK)
            except zlib.error as exc:
                raise _damaged(member, f"的压缩数据无法解压（{exc}）has a broken deflate stream") from None
            pending = inflater.unconsumed_tail
            if chunk:
                yield chunk
            elif not pending and left <= 0:
                break  # input used up, no output pending: the stream stops short
        if not inflater.eof:
            raise _damaged(member, "的压缩数据不完整 has an incomplete deflate stream")
