"""Hostile inputs (issue 15) and how the tests run docgen against them.

* :func:`run_docgen` runs the installed ``docgen`` in a subprocess under a memory
  limit (``RLIMIT_AS``) and a time limit, so that a regression — a zip bomb inflated
  after all, a FIFO read, a quadratic loop — fails the test fast instead of eating
  the CI machine's memory or hanging it.
* :class:`Project` is a scratch project (content/ and templates/ copied) that can
  say whether anything outside its ``out/`` folder changed.
* The zip helpers write archives byte by byte (local headers, central directory),
  so a test can declare whatever sizes it likes: a member that inflates to 1 GB
  while the archive is 1 MB, or one that declares 20 kB and inflates to 1 GB.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from helpers import CONTENT, ROOT, TEMPLATE

GB = 1 << 30
#: The .docx path of docgen runs in well under 300 MB of address space; a 1 GB bomb cannot.
MEMORY_LIMIT = 512 << 20
TIME_LIMIT = 60


def docgen_cmd() -> list[str]:
    script = Path(sys.executable).with_name("docgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "docgen"]


def run_docgen(args: list[str], cwd: Path, *, memory: int | None = MEMORY_LIMIT,
               timeout: float = TIME_LIMIT, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``docgen ARGS`` in ``cwd`` under a memory limit and a timeout; output as text."""

    def limit() -> None:
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    base = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "DOCGEN_DEBUG")}
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    return subprocess.run([*docgen_cmd(), *args], cwd=cwd, preexec_fn=limit, timeout=timeout,
                          env={**base, **(env or {})}, **kwargs)


def first_error(proc: subprocess.CompletedProcess) -> str:
    """The first line of stderr (the diagnostic), asserting there was no traceback."""
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    return proc.stderr.splitlines()[0] if proc.stderr else ""


class Project:
    """A scratch project: ``content/`` and ``templates/`` copied from the repository."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(CONTENT, root / "content")
        shutil.copytree(ROOT / "templates", root / "templates")
        self._before = self.snapshot()

    def snapshot(self) -> dict[str, tuple]:
        """Every path under the project except ``out/``: its kind and, for files, a hash."""
        seen: dict[str, tuple] = {}
        for path in sorted(self.root.rglob("*")):
            rel = path.relative_to(self.root)
            if rel.parts[0] == "out":
                continue
            if path.is_symlink():
                seen[str(rel)] = ("link", os.readlink(path))
            elif path.is_file():
                seen[str(rel)] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                seen[str(rel)] = ("other", path.stat().st_mode if path.exists() else 0)
        return seen

    def mark(self) -> None:
        """Take the snapshot again (after a test has added its hostile files)."""
        self._before = self.snapshot()

    def assert_untouched(self) -> None:
        """Nothing outside ``out/`` was added, removed or changed."""
        assert self.snapshot() == self._before

    def out_files(self) -> list[str]:
        out = self.root / "out"
        return sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) if out.exists() else []


# ---------------------------------------------------------------- zip archives, byte by byte


def deflate(data: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_zeros(total: int, block: int = 1 << 20) -> tuple[bytes, int]:
    """A raw deflate stream of ``total`` zero bytes (about 1 kB per MB) and its CRC-32, fast.

    After a full flush the compressor starts afresh, so every further megabyte of
    zeros compresses to the same bytes: one block is compressed, then repeated.
    """
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(block)
    first = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    middle = c.compress(zeros) + c.flush(zlib.Z_FULL_FLUSH)
    stream = first + middle * (total // block - 2) + c.compress(zeros) + c.flush()
    crc = 0
    for _ in range(total // block):
        crc = zlib.crc32(zeros, crc)
    return stream, crc


def raw_zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflated bytes, CRC-32, *declared* size) entries, sizes written as given."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size in entries:
        raw = name.encode("utf-8")
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, 8, 0, 0x21, crc, len(data), size,
                           len(raw), 0) + raw + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, 8, 0, 0x21, crc,
                               len(data), size, len(raw), 0, 0, 0, 0, 0, offset) + raw
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                                 len(central), start, 0)
    return bytes(out)


def docx_variant(source: Path = TEMPLATE, *, replace: dict[str, tuple[bytes, int, int]] | None = None,
                 extra: list[tuple[str, bytes, int, int]] = ()) -> bytes:
    """``source`` (a .docx) re-zipped byte by byte, some members replaced or added."""
    entries = []
    with zipfile.ZipFile(source) as zf:
        for name in zf.namelist():
            if replace and name in replace:
                entries.append((name, *replace[name]))
            else:
                data = zf.read(name)
                entries.append((name, deflate(data), zlib.crc32(data), len(data)))
    return raw_zip(entries + list(extra))
