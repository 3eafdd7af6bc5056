"""After ``kill -9``: what an interrupted write leaves behind, and how the next run repairs it.

:func:`docgen.write.write_all` writes every file of a render to a temporary sibling
first, then renames them into place.  A process killed in between (``kill -9``, a
power cut) can leave two kinds of debris, both named by docgen alone
(:func:`temp_prefix`: ``.<file>.docgen-<host>-<pid>-<random>.tmp``):

* **temporaries** that were never renamed: stale once their process is gone;
* **a .docx without its .pdf** — the new .docx renamed, the old .pdf still there.
  Against this, when several files are written together, a small journal
  ``.<file>.docgen-<host>-<pid>-<random>.pending`` is written (and synced) after
  every temporary is complete and before the first rename, listing each
  temporary and its target; it is removed after the last rename.

So a reader can tell: **while a ``.pending`` journal stands beside the files, the
pair is being replaced** and may be mixed.  And the next docgen run that writes
into (or renders for) that folder repairs it (:func:`recover`): a journal whose
process is gone is rolled forward — the temporaries it lists are complete, so
they are renamed into place, and the .docx and .pdf are both the new ones — and
stale temporaries are removed.  Files of a process still running are left alone
(same host and its process alive; from another host, until a day old).

Top level, beside :mod:`docgen.write`, which is its only writer; the pipeline calls
:func:`recover` for a render's output folder before it reads anything, so a run
that fails on its content still repairs what an earlier one left.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import tempfile
import time
from pathlib import Path

#: Journals and temporaries of a process that cannot be checked (another host) are stale after this.
STALE_AFTER = 24 * 3600
#: Temporaries of docgen before this naming (".<file>.<8 random>.tmp"): stale after ten minutes.
LEGACY_STALE_AFTER = 600

_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
_OWN = re.compile(r"^\..+\.docgen-(?P<host>[0-9a-f]{8})-(?P<pid>\d+)-[A-Za-z0-9_]+\.(?P<kind>tmp|pending)$")
_LEGACY = re.compile(r"^\..+\.(?:docx|pdf|yaml|csv)\.[a-z0-9_]{8}\.tmp$")
_MAX_JOURNAL = 64 * 1024


def temp_prefix(target: Path) -> str:
    """The start of the name of a temporary (or journal) beside ``target``: docgen's, this process's."""
    return f".{target.name}.docgen-{_HOST}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # another user's process, or cannot tell: alive
    return True


def _stale(path: Path, match: re.Match) -> bool:
    if match["host"] == _HOST:
        return not _alive(int(match["pid"]))
    return _age(path) > STALE_AFTER


def _age(path: Path) -> float:
    try:
        return time.time() - path.lstat().st_mtime
    except OSError:
        return 0.0


def sync_folder(folder: Path) -> None:
    """Make renames and removals in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_journal(folder: Path, renames: list[tuple[str, Path]]) -> Path:
    """Record ``(temporary, target)`` renames about to happen in ``folder``; the journal is durable."""
    first = renames[0][1]
    plan = [[Path(tmp).name, target.name] for tmp, target in renames]
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(first), suffix=".tmp", dir=folder)
    journal = Path(tmp[:-len(".tmp")] + ".pending")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"renames": plan}, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, journal)
    except BaseException:
        _remove(Path(tmp))
        raise
    sync_folder(folder)
    return journal


def finish_journal(journal: Path) -> None:
    """All renames of ``journal`` are done: remove it (durably)."""
    _remove(journal)
    sync_folder(journal.parent)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _plan(journal: Path) -> list[tuple[str, str]]:
    """The renames a journal lists; only plain names of docgen's temporaries in the same folder."""
    try:
        with journal.open("rb") as fh:
            data = json.loads(fh.read(_MAX_JOURNAL).decode("utf-8"))
        renames = [(str(tmp), str(target)) for tmp, target in data["renames"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    plain = lambda name: name and "/" not in name and "\\" not in name and name not in (".", "..")  # noqa: E731
    return [(tmp, target) for tmp, target in renames
            if plain(tmp) and plain(target) and _OWN.match(tmp)]


def recover(folder: Path) -> list[Path]:
    """Finish the interrupted writes of dead docgen processes in ``folder``; remove their debris.

    Returns the files that a rolled-forward journal put into place (empty when
    nothing was interrupted).  Never raises for a file it cannot handle: the
    write that follows reports real problems.
    """
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    repaired: list[Path] = []
    journals = [(n, m) for n in names if (m := _OWN.match(n)) and m["kind"] == "pending"]
    for name, match in journals:
        journal = folder / name
        if not _stale(journal, match):
            continue
        for tmp, target in _plan(journal):
            try:
                os.replace(folder / tmp, folder / target)
                repaired.append(folder / target)
            except OSError:  # already renamed (killed after it), or cannot: nothing to finish
                pass
        sync_folder(folder)
        finish_journal(journal)
    for name in names:
        path = folder / name
        match = _OWN.match(name)
        if match and match["kind"] == "tmp" and _stale(path, match):
            _remove(path)
        elif not match and _LEGACY.match(name) and _age(path) > LEGACY_STALE_AFTER:
            _remove(path)
    return repaired
