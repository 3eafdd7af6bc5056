"""The ``docgen`` command line.

A thin layer: parse arguments, call :mod:`docgen.pipeline`, print diagnostics,
exit with the documented code (see :mod:`docgen.errors`).  Messages are
bilingual; errors go to stderr, results (paths) to stdout.  Heavy imports
(WeasyPrint, rich tables) happen inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..pdf import PdfOptions
from ..errors import (Diagnostic, DocgenError, EXIT_CONTENT, EXIT_INTERNAL, EXIT_INTERRUPTED,
                     EXIT_OUTPUT, sort_diagnostics)

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
        from ..paths import parse_year

        try:
            return parse_year(value)
        except DocgenError as exc:
            self.fail(exc.diagnostics[0].message + " " + exc.diagnostics[0].hint, param, ctx)


YEAR = YearType()

content_option = click.option(
    "--content", "content_dir", type=click.Path(path_type=Path, file_okay=False),
    default=Path("content"), show_default=True, help="内容文件夹 folder with <year>.yaml")


#: Commands that live in their own modules, imported only when used (keeps start-up fast).
LAZY_COMMANDS = {
    "fonts": ("docgen.cli.fonts", "fonts"),
    "new": ("docgen.cli.new", "new"),
    "diff": ("docgen.cli.diff", "diff"),
    "import": ("docgen.cli.import_", "import_"),
}


class LazyGroup(click.Group):
    """A click group whose sub-commands in :data:`LAZY_COMMANDS` are imported on demand."""

    def list_commands(self, ctx):
        from importlib.util import find_spec

        lazy = [name for name, (mod, _) in LAZY_COMMANDS.items() if find_spec(mod) is not None]
        return sorted(set(super().list_commands(ctx)) | set(lazy))

    def get_command(self, ctx, name):
        if name in LAZY_COMMANDS:
            from importlib import import_module
            from importlib.util import find_spec

            mod, attr = LAZY_COMMANDS[name]
            if find_spec(mod) is None:
                return None
            return getattr(import_module(mod), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="docgen")
def cli() -> None:
    """docgen — 整体支出绩效评价报告生成工具 (performance-evaluation report generator).

    \b
    docgen check 2020          检查内容 check content
    docgen render 2020         生成 Word 文档 write out/2020/…docx
    docgen render 2020 --pdf   同时生成 PDF also write the PDF
    """


@cli.command()
@click.argument("year", type=YEAR, required=False)
@content_option
@click.option("--all", "all_years", is_flag=True, help="生成 content/ 中的所有年份 render every year")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="并行进程数（默认为 CPU 核数） parallel workers for --all")
@click.option("--out", "out_root", type=click.Path(path_type=Path, file_okay=False),
              default=Path("out"), show_default=True, help="输出文件夹 output folder (file goes to OUT/YEAR/)")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("templates") / "report.docx", show_default=True, help="Word 模板 docx template")
@click.option("--pdf", is_flag=True, help="同时生成 PDF also render the PDF (WeasyPrint)")
@click.option("--pdf-variant", default=None, help="PDF 变体，如 pdf/a-3b（归档用） e.g. pdf/a-3b")
@click.option("--fonts", "font_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="单位自有字体文件夹（优先使用） folder of licensed font files; default fonts/")
def render(year: int | None, content_dir: Path, all_years: bool, jobs: int | None, out_root: Path,
           template: Path, pdf: bool, pdf_variant: str | None, font_dirs: tuple[Path, ...]) -> None:
    """生成 YEAR 年的报告 render the report for YEAR (or every year with --all)."""
    from ..pipeline import render_year

    pdf_options = PdfOptions(pdf_variant, tuple(font_dirs)) if pdf else None
    if not pdf and (pdf_variant or font_dirs):
        raise click.UsageError("--pdf-variant 和 --fonts 需要与 --pdf 一起使用。need --pdf")
    if all_years == (year is not None):
        raise click.UsageError("请给出一个年份，或使用 --all。give a YEAR or --all (not both)")
    from ..content.check import require_template

    run_guarded(require_template, template)  # a broken tag would silently drop paragraphs
    if all_years:
        from ..batch import render_all  # issue 5: progress bar, parallel workers, summary

        code = run_guarded(render_all, content_dir=content_dir, out_root=out_root, template=template,
                           pdf=pdf_options, jobs=jobs)
        sys.exit(code)
    result = run_guarded(render_year, year, content_dir=content_dir, out_root=out_root,
                         template=template, pdf=pdf_options)
    print_diagnostics(result.warnings)
    for path in result.paths:
        click.echo(str(path))


@cli.command()
@click.argument("year", type=YEAR)
@content_option
@click.option("--strict", is_flag=True, help="警告也算失败 treat warnings as errors")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("templates") / "report.docx", show_default=True,
              help="同时检查的 Word 模板 also check this template's tags")
def check(year: int, content_dir: Path, strict: bool, template: Path) -> None:
    """检查 YEAR 年的内容，不生成文件 validate content without rendering.

    \b
    退出码 exit codes: 0 通过（可能有警告） OK, maybe warnings; 1 内容有错误或待办，
    或 --strict 时有警告 errors/to-dos, or warnings with --strict; 2 用法错误 usage;
    3 模板标签有错 broken template tag.
    """
    from ..content.check import require_template
    from ..pipeline import prepare

    prepared = run_guarded(prepare, year, content_dir)
    print_diagnostics(prepared.warnings)
    if template.is_file():  # the default template may be absent where only content is checked
        run_guarded(require_template, template)
    if strict and prepared.warnings:
        click.secho("--strict：有警告，视为失败。warnings are failures with --strict.", err=True, fg="red")
        sys.exit(EXIT_CONTENT)
    note = f"（{len(prepared.warnings)} 个警告，请自行判断）" if prepared.warnings else ""
    click.secho(f"{prepared.loaded.file}: 检查通过{note} OK", fg="green")


def main() -> None:
    try:
        cli.main(prog_name="docgen", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # a bug in docgen itself: short message, full trace on request
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        click.secho(f"docgen 内部错误 internal error: {type(exc).__name__}: {exc}\n"
                    "请设置 DOCGEN_DEBUG=1 重新运行并报告此问题。set DOCGEN_DEBUG=1 for details.",
                    err=True, fg="red")
        sys.exit(EXIT_INTERNAL)
