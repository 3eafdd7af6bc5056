"""The ``docgen`` command line.

A thin layer: parse arguments, call :mod:`docgen.pipeline`, print diagnostics,
exit with the documented code (see :mod:`docgen.errors`).  Messages are
bilingual; errors go to stderr, results (paths) to stdout.  Heavy imports
(WeasyPrint, rich tables) happen inside the commands that need them.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from ..docx.tags import require_template
from ..errors import EXIT_BROKEN_PIPE, EXIT_CONTENT, EXIT_INTERNAL, EXIT_OUTPUT
from ..pdf import PdfOptions
from ..pipeline import prepare, render_year
from .batch import render_all_years
from ..paths import unit_content, unit_output
from .console import (CONTEXT_SETTINGS, YEAR, OutputClosed, content_option, print_diagnostics, run_guarded,
                      silence_stdout, tolerant_streams, unit_option)

#: Commands that live in their own modules, imported only when used (keeps start-up fast).
LAZY_COMMANDS = {
    "fonts": ("docgen.cli.fonts", "fonts"),
    "new": ("docgen.cli.new", "new"),
    "diff": ("docgen.cli.diff", "diff"),
    "import": ("docgen.cli.import_", "import_"),
    "watch": ("docgen.cli.watch", "watch"),
    "upgrade": ("docgen.cli.upgrade", "upgrade"),
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

    def invoke(self, ctx):
        """Run the command, then flush its output here, where a failure can still be reported.

        A closed pipe (``docgen diff | head -1``) becomes :class:`OutputClosed`, which
        click's own handler (exit code 1, documented as content errors) does not catch.
        """
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise OutputClosed() from None
            raise


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
@unit_option
@click.option("--all", "all_years", is_flag=True,
              help="生成 content/ 中的所有报告（各单位、各年份） render every report (every unit, every year)")
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
@click.option("--xlsx", is_flag=True, help="同时把绩效自评表写成 .xlsx also write the 自评表 as a spreadsheet")
def render(year: int | None, content_dir: Path, unit: str | None, all_years: bool, jobs: int | None,
           out_root: Path, template: Path, pdf: bool, pdf_variant: str | None,
           font_dirs: tuple[Path, ...], xlsx: bool) -> None:
    """生成 YEAR 年的报告 render the report for YEAR (or every report with --all).

    \b
    多个单位 many units: content/单位/年份.yaml → out/单位/年份/
    docgen render 2020 --unit 清水塘街道
    docgen render --all            所有单位、所有年份 every unit, every year
    """
    pdf_options = PdfOptions(pdf_variant, tuple(font_dirs)) if pdf else None
    if not pdf and (pdf_variant or font_dirs):
        raise click.UsageError("--pdf-variant 和 --fonts 需要与 --pdf 一起使用。need --pdf")
    if all_years == (year is not None):
        raise click.UsageError("请给出一个年份，或使用 --all。give a YEAR or --all (not both)")
    run_guarded(require_template, template)  # a broken tag would silently drop paragraphs
    if all_years:
        sys.exit(run_guarded(render_all_years, content_dir=content_dir, out_root=out_root,
                             template=template, pdf=pdf_options, jobs=jobs, unit=unit, xlsx=xlsx))
    result = run_guarded(render_year, year, content_dir=unit_content(content_dir, unit or ""),
                         out_root=unit_output(out_root, unit or ""), template=template, pdf=pdf_options,
                         xlsx=xlsx)
    print_diagnostics(result.warnings)
    for path in result.paths:
        click.echo(str(path))


@cli.command()
@click.argument("year", type=YEAR)
@content_option
@unit_option
@click.option("--strict", is_flag=True, help="警告也算失败 treat warnings as errors")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("templates") / "report.docx", show_default=True,
              help="同时检查的 Word 模板 also check this template's tags")
def check(year: int, content_dir: Path, unit: str | None, strict: bool, template: Path) -> None:
    """检查 YEAR 年的内容，不生成文件 validate content without rendering.

    \b
    退出码 exit codes: 0 通过（可能有警告） OK, maybe warnings; 1 内容有错误或待办，
    或 --strict 时有警告 errors/to-dos, or warnings with --strict; 2 用法错误 usage;
    3 模板标签有错 broken template tag.
    """
    prepared = run_guarded(prepare, year, unit_content(content_dir, unit or ""))
    print_diagnostics(prepared.warnings)
    if template.exists():  # the default template may be absent where only content is checked
        run_guarded(require_template, template)
    if strict and prepared.warnings:
        click.secho("--strict：有警告，视为失败。warnings are failures with --strict.", err=True, fg="red")
        sys.exit(EXIT_CONTENT)
    note = f"（{len(prepared.warnings)} 个警告，请自行判断）" if prepared.warnings else ""
    click.secho(f"{prepared.loaded.file}: 检查通过{note} OK", fg="green")


def main() -> None:
    tolerant_streams()
    try:
        cli.main(prog_name="docgen", standalone_mode=True)
    except SystemExit:
        raise
    except OutputClosed:
        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except OSError as exc:  # writing standard output failed (a full disk: >/dev/full)
        silence_stdout()
        click.secho(f"无法写出结果（标准输出）：{exc.strerror or exc}。cannot write to standard output",
                    err=True, fg="red")
        sys.exit(EXIT_OUTPUT)
    except Exception as exc:  # a bug in docgen itself: short message, full trace on request
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        click.secho(f"docgen 内部错误 internal error: {type(exc).__name__}: {exc}\n"
                    "请设置 DOCGEN_DEBUG=1 重新运行并报告此问题。set DOCGEN_DEBUG=1 for details.",
                    err=True, fg="red")
        sys.exit(EXIT_INTERNAL)
