"""The ``docgen`` console script's entry point.

It makes sure file names can hold Chinese (:func:`_utf8_mode`), and sets one thing
before anything imports pydantic: docgen uses no
pydantic plugins, and looking for them scans every installed distribution's
entry points (``importlib.metadata``), about 50 ms of a ~0.4 s run.  Setting it
here, not in the library, leaves programs that import docgen untouched.
"""

import os
import sys


def _utf8_mode() -> None:
    """Run again in Python's UTF-8 mode when file names cannot hold Chinese.

    Under ``LC_ALL=C`` (cron, containers, ``PYTHONUTF8=0``) Python encodes file
    names as ASCII: ``2020年度…docx`` cannot even be created, and docgen would fail
    after checking everything.  The arguments are passed on as the bytes they were.
    """
    if sys.platform == "win32" or sys.flags.utf8_mode or sys.getfilesystemencoding().lower() in (
            "utf-8", "utf8"):
        return
    argv = [sys.executable, "-X", "utf8", "-m", "docgen", *sys.argv[1:]]
    try:
        os.execv(sys.executable, [os.fsencode(arg) for arg in argv])
    except OSError:  # cannot run Python again: go on, and fail clearly if a name needs it
        pass


def main() -> None:
    _utf8_mode()
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import main as cli_main

    cli_main()
