"""Printing for the command line: diagnostics, the exit-code guard, the year argument, the streams.

Everything a command prints about a problem goes through :func:`print_diagnostics`
(``file:line:col: field: 错误/警告/待办: message``, in file order, then a count), and every
command body runs inside :func:`run_guarded`, which turns a :class:`DocgenError` into
those lines and its documented exit code — never a traceback, never an error that
exits 0.  Nothing below the CLI prints.

Standard output itself can fail after the work is done, and must not turn a success
into exit code 70: a stream that cannot encode Chinese writes escapes
(:func:`tolerant_streams`); a reader that leaves early (``docgen diff | head -1``) is
:class:`OutputClosed`, exit code 141, silent; a full disk (``>/dev/full``) is exit code
4 with a message (:func:`docgen.cli.main`).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from ..errors import (Diagnostic, DocgenError, EXIT_INTERRUPTED, EXIT_OUTPUT, sort_diagnostics)
from ..paths import parse_unit, parse_year

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


def print_diagnostics(diags: list[Diagnostic], note: str = "") -> None:
    """Each problem as ``file:line:col: field: 错误/警告/待办: message`` in file order, then a count."""
    if not diags:
        return
    for d in sort_diagnostics(diags):
        colour = "yellow" if not d.is_error else "cyan" if d.is_todo else "red"
        click.secho(d.format(), err=True, fg=colour)
    n_todo = sum(d.is_todo for d in diags)
    n_err = sum(d.is_error for d in diags) - n_todo
    n_warn = len(diags) - n_err - n_todo
    summary = f"共 {n_err} 个错误，{n_warn} 个警告"
    english = f"{n_err} error(s), {n_warn} warning(s)"
    if n_todo:
        summary += f"，{n_todo} 项待办（填好后才能生成报告）"
        english += f", {n_todo} to-do(s)"
    click.secho(f"{summary}。{english}.", err=True, fg="red" if n_err or n_todo else "yellow")
    if note:
        click.secho(note, err=True)


def run_guarded(func, *args, **kwargs):
    """Run a command body: DocgenError → messages + exit code; never a traceback for users."""
    try:
        return func(*args, **kwargs)
    except DocgenError as exc:
        print_diagnostics(exc.diagnostics, exc.note)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.secho("已中断：没有留下写了一半的文件，原有文件保持不变。"
                    "interrupted; no partial file was written.", err=True, fg="red")
        sys.exit(EXIT_INTERRUPTED)
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # the reader of our output left: see OutputClosed
            raise
        click.secho(f"无法写入或读取文件 I/O error: {exc}", err=True, fg="red")
        sys.exit(EXIT_OUTPUT)


class OutputClosed(Exception):
    """Standard output was closed by its reader (exit code 141, like a process killed by SIGPIPE)."""


def silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def tolerant_streams() -> None:
    """Standard output and error that cannot encode Chinese (``PYTHONIOENCODING=latin-1``, an ASCII
    locale) write ``\\uXXXX`` escapes instead of failing after the files were written."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "错误 →“”".encode(getattr(stream, "encoding", None) or "ascii")
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, ValueError):
                pass


class YearType(click.ParamType):
    name = "YEAR"

    def convert(self, value, param, ctx):
        try:
            return parse_year(value)
        except DocgenError as exc:
            self.fail(exc.diagnostics[0].message + " " + exc.diagnostics[0].hint, param, ctx)


YEAR = YearType()

content_option = click.option(
    "--content", "content_dir", type=click.Path(path_type=Path, file_okay=False),
    default=Path("content"), show_default=True,
    help="内容文件夹 folder with <year>.yaml (or <unit>/<year>.yaml)")


def _unit(ctx, param, value):
    if value is None:
        return None
    try:
        return parse_unit(value)
    except DocgenError as exc:
        raise click.BadParameter(exc.diagnostics[0].message + " " + exc.diagnostics[0].hint) from None


unit_option = click.option(
    "--unit", "unit", default=None, callback=_unit, metavar="单位 UNIT",
    help="多单位工作区中的单位文件夹：content/单位/年份.yaml，输出到 out/单位/ "
         "unit folder of a many-unit workspace")
