"""``docgen import REPORT.docx``: last year's Word report → ``content/<year>.yaml``.

The recognition is in :mod:`docgen.importer`; this command decides where the
file goes (never over an existing one without ``--force``), writes it
atomically, then loads, validates and checks it exactly as ``docgen check``
does, so a total that does not add up in the old report is reported at once.

Exit codes: 0 written and valid (warnings may have been printed); 1 written,
but the content has errors to fix (placeholders, totals); 2 the input was
refused or the output exists; 4 the file could not be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..importer import import_docx, write_content
from ..paths import display_path
from .console import CONTEXT_SETTINGS, YEAR, content_option, print_diagnostics, run_guarded
from ..errors import EXIT_CONTENT


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
def import_(source: Path, year: int | None, district: str | None, unit: str | None,
            content_dir: Path, output: Path | None, force: bool) -> None:
    """把去年的 Word 报告导入为内容文件 import a Word report (.docx) as content/<year>.yaml.

    \b
    docgen import 2020年度报告.docx --district 开福区
    docgen import 报告.docx --year 2020 -o content/2020.yaml --force
    """
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
