"""Printing for the command line: diagnostics, the exit-code guard, the year argument.

Everything a command prints about a problem goes through :func:`print_diagnostics`
(``file:line:col: field: 错误/警告/待办: message``, in file order, then a count), and every
command body runs inside :func:`run_guarded`, which turns a :class:`DocgenError` into
those lines and its documented exit code — never a traceback, never an error that
exits 0.  Nothing below the CLI prints.
"""

from __future__ import annotations

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
        click.secho(f"无法写入或读取文件 I/O error: {exc}", err=True, fg="red")
        sys.exit(EXIT_OUTPUT)


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
