"""``docgen import REPORT.docx``: last year's Word report → ``content/<year>.yaml``;
``docgen import 自评表.xlsx --year 2024``: the 自评表's figures into ``content/2024.yaml``.

The recognition is in :mod:`docgen.importer`; this command decides where the
file goes (never over an existing one without ``--force``), writes it
atomically, then loads, validates and checks it exactly as ``docgen check``
does, so a total that does not add up in the old report is reported at once.

Exit codes: 0 written and valid (warnings may have been printed); 1 written,
but the content has errors to fix (placeholders, totals) — for a spreadsheet: the
sheet has errors and nothing was written, or the merged content has; 2 the input was
refused or the output exists (for a spreadsheet: no content file for the year);
4 the file could not be written.  The spreadsheet's work is in :mod:`docgen.spreadsheet`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..content.compare_view import fmt_change, fmt_percent
from ..content.money import exact_difference
from ..errors import EXIT_CONTENT, EXIT_USAGE, DocgenError
from ..importer import import_docx, write_content
from ..paths import display_path
from ..spreadsheet.content import import_sheet
from ..spreadsheet.merge import ADDED, REMOVED, REWRITTEN, Change
from ..spreadsheet.values import plain
from ..spreadsheet.workbook import SAVE_AS_XLSX
from .console import CONTEXT_SETTINGS, YEAR, content_option, print_diagnostics, run_guarded


@click.command("import", context_settings=CONTEXT_SETTINGS)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--year", type=YEAR, default=None,
              help="报告年度（默认从标题读取） year of the report; read from the title if omitted")
@click.option("--district", default=None, help="所属区县，例如 开福区（标题中没有） district, e.g. 开福区")
@click.option("--unit", default=None, help="单位名称（默认从标题读取） unit name; read from the title if omitted")
@content_option
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="写到这个文件（默认 content/<year>.yaml） write here instead")
@click.option("--force", is_flag=True, help="覆盖已有的内容文件 overwrite an existing content file")
@click.option("--sheet", default=None, help="（.xlsx）要导入的工作表 the worksheet to read, when several look like the form")
@click.option("--dry-run", is_flag=True, help="（.xlsx）只列出会改动的数字，不写文件 list the changes, write nothing")
def import_(source: Path, year: int | None, district: str | None, unit: str | None,
            content_dir: Path, output: Path | None, force: bool, sheet: str | None, dry_run: bool) -> None:
    """把去年的 Word 报告导入为内容文件 import a Word report (.docx) as content/<year>.yaml;
    把自评表（.xlsx）的数字导入该年的内容文件 import a 自评表 (.xlsx) into content/<year>.yaml.

    \b
    docgen import 2020年度报告.docx --district 开福区
    docgen import 报告.docx --year 2020 -o content/2020.yaml --force
    docgen import 自评表.xlsx --year 2024     只替换 self_evaluation 的预算和指标数字
    """
    suffix = source.suffix.lower()
    if suffix in (".xlsx", ".xls", ".xlsm", ".et"):
        if suffix != ".xlsx":
            run_guarded(_refuse_old_sheet, source)
        if district or unit or force:
            raise click.UsageError("--district、--unit、--force 只用于导入 Word 报告。only for a .docx")
        _import_sheet(source, year, content_dir, output, sheet, dry_run)
        return
    if sheet or dry_run:
        raise click.UsageError("--sheet 和 --dry-run 只用于导入自评表（.xlsx）。only for an .xlsx")
    result = run_guarded(_run, source, year=year, district=district, unit=unit,
                         content_dir=content_dir, output=output, force=force)
    imported, path, diags = result
    click.echo(str(path))
    click.echo("导入结果 imported:")
    for line in imported.summary:
        click.echo(f"  {line}")
    if imported.notes:
        n_warn = len(imported.warnings)
        click.echo(f"导入报告 import report（段号按非空段落计数；{n_warn} 处请核对）:")
        for note in imported.notes:
            mark = "!" if note.level == "warning" else "·"
            click.secho(f"  {mark} {note.format()}", fg="yellow" if note.level == "warning" else None)
    print_diagnostics(diags)
    if any(d.is_error for d in diags):
        click.secho(f"已写入 {path}，但还有上面列出的错误或待办：改好后运行 docgen check {imported.year}。"
                    "written, but there are errors or to-dos to fix first", err=True, fg="red")
        sys.exit(EXIT_CONTENT)
    click.secho(f"下一步 next: 核对 {path}，然后 docgen render {imported.year}", fg="green")


def _run(source: Path, *, year, district, unit, content_dir: Path, output: Path | None, force: bool):

    imported = import_docx(source, year=year, unit=unit, district=district, display=display_path(source))
    path = output if output is not None else content_dir / f"{imported.year}.yaml"
    diags = write_content(imported, path, force=force, display=display_path(path))
    return imported, path, diags


def _refuse_old_sheet(source: Path) -> None:
    raise DocgenError.single(
        f"docgen 只能读取 .xlsx，不能读取 {source.suffix} 文件。请在 Excel/WPS 中另存为 .xlsx。"
        "save it as .xlsx", file=display_path(source), exit_code=EXIT_USAGE, hint=SAVE_AS_XLSX)


def _import_sheet(source: Path, year: int | None, content_dir: Path, output: Path | None,
                  sheet: str | None, dry_run: bool) -> None:
    if year is None and output is None:
        raise click.UsageError("导入自评表时请用 --year 指明年度（或 -o 指明内容文件）。give --year")
    target = output if output is not None else content_dir / f"{year}.yaml"
    result = run_guarded(import_sheet, source, target, year=year, sheet=sheet, dry_run=dry_run,
                         display_source=display_path(source), display_target=display_path(target))
    shown = display_path(result.path)
    click.echo(shown)
    if result.changes:
        click.echo(f"自评表（工作表“{result.sheet}”）与 {shown} 相比的改动 changes, figure by figure:")
        _print_changes(result.changes)
    else:
        click.echo(f"自评表（工作表“{result.sheet}”）与 {shown} 中的数字相同，没有改动。nothing changed")
    print_diagnostics(result.diagnostics)
    if dry_run:
        click.echo("--dry-run：没有写入文件。nothing written")
    if any(d.is_error for d in result.diagnostics):
        if result.written:
            click.secho(f"已写入 {shown}，但内容还有上面列出的错误：改好后运行 docgen check {result.year}。"
                        "written, but there are errors to fix", err=True, fg="red")
        else:
            click.secho(f"导入后 {shown} 会有上面列出的错误（没有写入）。the merged content would have these errors",
                        err=True, fg="red")
        sys.exit(EXIT_CONTENT)
    if result.written:
        click.secho(f"下一步 next: docgen render {result.year}", fg="green")


def _cell(value) -> str:
    if value is None:
        return "—"
    text = f"{value:f}" if hasattr(value, "as_tuple") else str(value)
    return text if len(text) <= 24 else text[:23] + "…"


def _print_changes(changes: list[Change]) -> None:
    """The changes as ``docgen diff`` shows figures: old, new, change, percentage."""
    from rich.console import Console
    from rich.table import Table

    from rich.cells import cell_len

    table = Table(title_justify="left")
    field_width = max(cell_len(ch.what) for ch in changes)
    for header, kw in (("项目\nitem", {"overflow": "fold"}), ("栏目\nfield", {"no_wrap": True, "min_width": field_width}),
                       ("原值\nold", {"justify": "right", "overflow": "fold"}),
                       ("新值\nnew", {"justify": "right", "overflow": "fold"}),
                       ("变化\nchange", {"justify": "right", "no_wrap": True}),
                       ("变化率\n%", {"justify": "right", "no_wrap": True})):
        table.add_column(header, **kw)
    for ch in changes:
        if ch.status in (ADDED, REMOVED):
            table.add_row(ch.item, ch.what, "", "", ch.status, "")
        elif ch.figures is not None:
            old, new = ch.figures
            change = exact_difference(new, old)
            table.add_row(ch.item, ch.what, _cell(old), _cell(new), fmt_change(plain(change)),
                          fmt_percent(change / old * 100) if old != 0 else "—")
        else:
            status = REWRITTEN if ch.old is not None and ch.new is not None else (ADDED if ch.new is not None else REMOVED)
            table.add_row(ch.item, ch.what, _cell(ch.old), _cell(ch.new), status, "")
    Console(width=max(100, Console().width)).print(table)
