"""``docgen diff 2020 2021``: what changed between two years, by place in the outline.

The command only parses options and prints; the work is in :mod:`docgen.content.compare`
(and its views, :mod:`docgen.content.compare_view`).
"""

from __future__ import annotations

import errno
from pathlib import Path

import click

from ..content.compare import compare, load_report
from ..content.compare_view import rich_tables, to_csv
from ..write import atomic_write
from ..paths import display_path, unit_content
from .console import YEAR, content_option, run_guarded, unit_option


@click.command("diff")
@click.argument("year_a", metavar="YEAR_A", type=YEAR)
@click.argument("year_b", metavar="YEAR_B", type=YEAR)
@content_option
@unit_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default=None,
              help="table：终端表格（默认）；csv：电子表格用，UTF-8 带 BOM，Excel 可直接打开中文。"
                   " table (default) or csv for a spreadsheet (UTF-8 with BOM so Excel shows Chinese)")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="把 CSV 写入文件（默认输出到屏幕）；给出 -o 时默认 --format csv。"
                   " write the CSV to FILE instead of stdout")
def diff(year_a: int, year_b: int, content_dir: Path, unit: str | None, fmt: str | None,
         output: Path | None) -> None:
    """对比两年的报告 compare two years: figures, sections, items, by place in the outline.

    \b
    例 e.g.  docgen diff 2020 2021
            docgen diff 2020 2021 --format csv -o 对比.csv
    每个资金块的金额（按所在标题对应；两年各只有一个资金块时直接对应）列出两年的数字、
    变化和变化率（四舍五入到 0.01%）；按标题文字（不计编号）列出新增和删除的章节；
    同一章节内的列表条目、指标（按名称）、引导语、荣誉列出新增和删除。
    figures of each funds block (paired by heading; the only block of each year
    always pairs), sections added/removed by heading text (numbers ignored), and
    list items, indicators, lead-ins and honours added/removed within a section.
    """

    fmt = fmt or ("csv" if output else "table")
    if output and fmt != "csv":
        raise click.UsageError("-o 只用于 --format csv。-o needs --format csv")
    content_dir = unit_content(content_dir, unit or "")
    a = run_guarded(load_report, content_dir, year_a)
    b = run_guarded(load_report, content_dir, year_b)
    cmp = compare(a, b)
    if fmt == "csv":
        data = to_csv(cmp)
        if output:
            run_guarded(atomic_write, output, data, elsewhere="用 -o 写到另一个文件")
            click.echo(display_path(output))
        else:
            click.echo(data, nl=False)  # bytes: written as is, BOM included
        return

    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:  # rich would exit 1 (content errors); docgen: 141
            self.quiet = True
            raise BrokenPipeError(errno.EPIPE, "Broken pipe")

    console = _Console()  # stdout; colour only on a terminal
    for table in rich_tables(cmp):
        console.print(table)
