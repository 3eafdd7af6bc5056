"""The ``docgen`` console script's entry point.

It exists to set one thing before anything imports pydantic: docgen uses no
pydantic plugins, and looking for them scans every installed distribution's
entry points (``importlib.metadata``), about 50 ms of a ~0.4 s run.  Setting it
here, not in the library, leaves programs that import docgen untouched.
"""

import os


def main() -> None:
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from .cli import main as cli_main

    cli_main()
