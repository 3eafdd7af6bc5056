"""``docgen watch``: notice every save of the files a report is made from.

Offices edit and look, edit and look.  A warm process that re-renders on every
save spares each look the start-up (Python, pydantic, docxtpl, WeasyPrint) and
keeps the template and fonts loaded.  This module only notices; the command line
(:mod:`docgen.cli.watch`) renders and prints.

Why polling, not inotify: it needs no dependency, works the same on Windows (where
most of these offices are) and on network drives, and a ``stat`` of four files
every 20 ms costs nothing measurable.  A save is seen as a change of size,
modification time or inode — editors that write a new file and rename it over
the old one (VS Code, vim, WPS) change the inode.  A change is acted on at once;
a save still being written when it is read gives at worst one render with an
error, and the next poll, seeing the file change again, renders the whole of it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: Seconds between two looks at the files.
POLL_INTERVAL = 0.02

Stamp = tuple[int, int, int] | None


def stamp(path: Path) -> Stamp:
    """What identifies one version of a file: (inode, size, mtime in ns); None while it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def changes(paths: list[Path], *, interval: float = POLL_INTERVAL, sleep: Callable[[float], None] = time.sleep,
            should_stop: Callable[[], bool] = lambda: False) -> Iterator[list[Path]]:
    """Yield the list of changed files each time any of ``paths`` is saved; first, all of them.

    A file that disappears (an editor between delete and rename) is waited for, not
    reported: the next version that appears is.  Stops when ``should_stop()`` is true.
    """
    seen = {p: stamp(p) for p in paths}
    yield list(paths)
    while not should_stop():
        sleep(interval)
        now = {p: stamp(p) for p in paths}
        moved = [p for p in paths if now[p] != seen[p] and now[p] is not None]
        if moved:
            seen.update((p, now[p]) for p in moved)
            yield moved
