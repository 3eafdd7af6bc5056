"""Stage 5 — write: put finished bytes on disk atomically and reproducibly.

A report is rendered completely in memory first; only then is each file written
to a temporary file in the target folder and renamed over the old one.  So a
failed or interrupted run (an error, Ctrl-C) leaves the previous output exactly
as it was, and never a half-written .docx that Word refuses to open.  Against
``kill -9`` between the renames of a .docx and its .pdf, a journal stands beside
them while they are renamed, and the next run finishes the job and removes stale
temporaries (:mod:`docgen.recovery`).

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

from .errors import DocgenError, EXIT_OUTPUT
from .recovery import finish_journal, recover, sync_folder, temp_prefix, write_journal

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a fsynced temporary sibling of ``path``; return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), suffix=".tmp", dir=path.parent)
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


def atomic_write(path: Path, data: bytes, elsewhere: str = "") -> None:
    """Write ``data`` to ``path`` via a temporary sibling and ``os.replace``.

    ``elsewhere``: how the command that writes says "write it somewhere else"
    (``new`` has ``--content``, ``import`` and ``diff`` have ``-o``), for the hints.
    """
    write_all({Path(path): data}, elsewhere)


#: The hint of ``docgen render``, which has ``--out``; other commands pass their own.
ELSEWHERE_OUT = "用 --out 指定其他输出文件夹"


def _close_hint(elsewhere: str) -> str:
    return f"如果该文件正在 Word、WPS 或 PDF 阅读器中打开，请先关闭它再重试；也可{elsewhere or ELSEWHERE_OUT}。"


def check_writable(paths: list[Path], elsewhere: str = "") -> None:
    """Refuse before anything is written when a target obviously cannot be replaced."""
    for path in paths:
        if path.is_dir():
            raise DocgenError.single(
                f"无法写入：{path} 是一个文件夹。cannot write over a folder",
                file=str(path), exit_code=EXIT_OUTPUT,
                hint=f"删除或改名这个同名文件夹，或{elsewhere or ELSEWHERE_OUT}。")
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not os.access(folder, os.W_OK):
            raise DocgenError.single(
                f"无法写入文件夹 {folder}：没有写权限。folder is not writable",
                file=str(path), exit_code=EXIT_OUTPUT,
                hint=f"{elsewhere or ELSEWHERE_OUT}（要有写权限）。")


def write_all(files: dict[Path, bytes], elsewhere: str = "") -> None:
    """Write several finished outputs as one step.

    Every file is first written in full to its temporary sibling; only then are
    they renamed into place, one right after the other.  An error or Ctrl-C while
    writing leaves all previous outputs as they were (a .docx never gets ahead of
    its .pdf), and no temporary file behind.  Only a rename itself can still fail
    half-way (a file held open on Windows); then the error names which files were
    already replaced and which kept their old content.
    """
    targets = [Path(p) for p in files]
    check_writable(targets, elsewhere)
    folders = list(dict.fromkeys(t.parent for t in targets))
    for folder in folders:
        recover(folder)  # finish what a killed run left here, before adding to it
    staged: list[tuple[str, Path]] = []
    done: list[Path] = []
    journal: Path | None = None
    try:
        for path, data in files.items():
            try:
                staged.append((_stage(Path(path), data), Path(path)))
            except OSError as exc:
                raise _write_error(Path(path), exc, done, targets, elsewhere) from None
        if len(staged) > 1 and len(folders) == 1:  # a pair: say so before the first rename
            try:
                journal = write_journal(folders[0], staged)
            except OSError as exc:
                raise _write_error(targets[0], exc, done, targets, elsewhere) from None
        while staged:
            tmp, path = staged[0]
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _write_error(path, exc, done, targets, elsewhere) from None
            staged.pop(0)
            done.append(path)
    except (OSError, DocgenError):
        _abandon(staged, journal)
        raise
    except BaseException:  # Ctrl-C: once the journal stands, finish the renames (microseconds)
        if journal is not None:
            _finish(staged)
        _abandon(staged, journal)
        raise
    if journal is not None:
        for folder in folders:
            sync_folder(folder)
        finish_journal(journal)


def _finish(staged: list[tuple[str, Path]]) -> None:
    while staged:
        tmp, path = staged[0]
        try:
            os.replace(tmp, path)
        except OSError:
            return
        staged.pop(0)


def _abandon(staged: list[tuple[str, Path]], journal: Path | None) -> None:
    for tmp, _ in staged:
        _discard(tmp)
    if journal is not None:
        finish_journal(journal)


def _write_error(path: Path, exc: OSError, done: list[Path], targets: list[Path],
                 elsewhere: str = "") -> DocgenError:
    reason = exc.strerror or type(exc).__name__
    message = f"无法写入 {path}：{reason}。cannot write the file"
    if done:
        kept = [t for t in targets if t not in done]
        message += ("；已更新 updated: " + "、".join(p.name for p in done)
                    + "；保持原样 unchanged: " + "、".join(p.name for p in kept))
    else:
        message += "；没有任何文件被改动。no file was changed"
    return DocgenError.single(message, file=str(path), exit_code=EXIT_OUTPUT, hint=_close_hint(elsewhere))


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
