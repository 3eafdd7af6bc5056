"""``docgen watch 2020``: re-render on every save of the content or the template.

A warm process: the first render pays for the imports and loads the template (and,
with ``--pdf``, WeasyPrint and the fonts); each save after that costs only the
render itself.  Every render is checked and written as ``docgen render`` does —
in memory first, then atomically — so a viewer never reads a half-written file,
and a save with a mistake prints the mistake and leaves the last good files.
Ctrl-C stops watching (exit 0: nothing is left half-done).
"""

from __future__ import annotations

import time
from pathlib import Path

import click

from ..errors import DocgenError
from ..paths import content_file, display_path, unit_content, unit_output
from ..pdf import PdfOptions
from ..pipeline import pdf_template_dir, render_year
from ..watch import POLL_INTERVAL, changes
from .console import YEAR, content_option, print_diagnostics, run_guarded, unit_option


@click.command("watch")
@click.argument("year", type=YEAR)
@content_option
@unit_option
@click.option("--out", "out_root", type=click.Path(path_type=Path, file_okay=False),
              default=Path("out"), show_default=True, help="输出文件夹 output folder")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("templates") / "report.docx", show_default=True, help="Word 模板 docx template")
@click.option("--pdf", is_flag=True, help="同时生成 PDF also render the PDF")
@click.option("--fonts", "font_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="单位自有字体文件夹 folder of licensed font files")
def watch(year: int, content_dir: Path, unit: str | None, out_root: Path, template: Path, pdf: bool,
          font_dirs: tuple[Path, ...]) -> None:
    """保存即重新生成 re-render YEAR on every save of its content or template (Ctrl-C stops).

    \b
    docgen watch 2020          每次保存 content/2020.yaml 或模板后重新生成 .docx
    docgen watch 2020 --pdf    同时重新生成 PDF
    """
    if font_dirs and not pdf:
        raise click.UsageError("--fonts 需要与 --pdf 一起使用。need --pdf")
    source = unit_content(content_dir, unit or "")
    path = run_guarded(content_file, source, year)
    watched = [path, template]
    if pdf:
        html_dir = pdf_template_dir(template)
        watched += [html_dir / "report.html", html_dir / "report.css"]
    options = PdfOptions(None, tuple(font_dirs)) if pdf else None
    target = unit_output(out_root, unit or "")
    click.secho(f"正在监视 watching: {'、'.join(display_path(p) for p in watched)}（Ctrl-C 停止 stop）",
                err=True)
    try:
        for changed in changes(watched, interval=POLL_INTERVAL):
            _render(year, source, target, template, options)
    except KeyboardInterrupt:
        click.secho("已停止监视。stopped watching.", err=True)


def _render(year: int, source: Path, target: Path, template: Path, pdf: PdfOptions | None) -> None:
    start = time.perf_counter()
    try:
        result = render_year(year, content_dir=source, out_root=target, template=template, pdf=pdf)
    except DocgenError as exc:
        print_diagnostics(exc.diagnostics, exc.note)
        click.secho(f"{time.strftime('%H:%M:%S')} 未更新：改正后保存即可重新生成。not updated; fix and save again.",
                    err=True, fg="red")
        return
    except OSError as exc:  # a file held open in Word on Windows: keep watching
        click.secho(f"{time.strftime('%H:%M:%S')} 无法写入 cannot write: {exc}；关闭该文件后再保存一次。",
                    err=True, fg="red")
        return
    ms = (time.perf_counter() - start) * 1000
    print_diagnostics(result.warnings)
    for path in result.paths:
        click.echo(f"{time.strftime('%H:%M:%S')} 已更新 updated {path}（{ms:.0f} ms）")
