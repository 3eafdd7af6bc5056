"""Stage 5 — write: put finished bytes on disk atomically and reproducibly.

A report is rendered completely in memory first; only then is each file written
to a temporary file in the target folder and renamed over the old one.  So a
failed or interrupted run (an error, Ctrl-C) leaves the previous output exactly
as it was, and never a half-written .docx that Word refuses to open.

:func:`deterministic_docx` rewrites a .docx zip with fixed timestamps, a fixed
member order and fixed attributes: zip entries otherwise carry the wall-clock
time, so the same content would give a different file on every run.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a fsynced temporary sibling of ``path``; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary sibling and ``os.replace``."""
    write_all({Path(path): data})


def write_all(files: dict[Path, bytes]) -> None:
    """Write several finished outputs as one step.

    Every file is first written in full to its temporary sibling; only then are
    they renamed into place, one right after the other.  An error or Ctrl-C while
    writing leaves all previous outputs as they were (a .docx never gets ahead of
    its .pdf), and no temporary file behind.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(Path(path), data), Path(path)))
        while staged:
            tmp, path = staged[0]
            os.replace(tmp, path)
            staged.pop(0)
    except BaseException:  # includes KeyboardInterrupt
        for tmp, _ in staged:
            _discard(tmp)
        raise


def deterministic_docx(data: bytes) -> bytes:
    """Re-pack an OOXML zip with fixed timestamps and ``[Content_Types].xml`` first."""
    with zipfile.ZipFile(BytesIO(data)) as src:
        names = src.namelist()
        members = {name: src.read(name) for name in names}
    order = sorted(names, key=lambda n: (n != "[Content_Types].xml", not n.startswith("_rels/"), n))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, members[name], compresslevel=6)
    return out.getvalue()
