"""``docgen render --all`` on the terminal: the progress bar and the summary of :mod:`docgen.batch`.

The batch itself returns a :class:`~docgen.batch.BatchReport`; this module is where
it is shown.  A progress bar goes to stderr only when stderr is a terminal: piped
into a file or a CI log there are no cursor codes, only the summary.  Years that
failed with the very same diagnostics (a template problem, a worker that died)
are reported once, with the list of years.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import click

from ..batch import BatchReport, Outcome, render_all
from ..pdf import PdfOptions
from .console import print_diagnostics


def render_all_years(*, content_dir: Path, out_root: Path, template: Path, pdf: PdfOptions | None,
                     jobs: int | None, unit: str | None = None, xlsx: bool = False) -> int:
    """Render every report with a progress bar on a terminal, print the summary, return the exit code."""
    with _progress() as (on_start, on_done):
        report = render_all(content_dir=content_dir, out_root=out_root, template=template, pdf=pdf,
                            xlsx=xlsx, jobs=jobs, unit=unit, on_start=on_start, on_done=on_done)
    return summarise(report)


@contextmanager
def _progress():
    """``(on_start, on_done)`` callbacks: a rich bar on a terminal, nothing otherwise."""
    from rich.console import Console

    console = Console(stderr=True)
    if not console.is_terminal:
        yield (lambda total: None), (lambda outcome: None)
        return

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task("生成 rendering", total=None)

        def on_start(total: int) -> None:
            progress.update(task, total=total)

        def on_done(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"生成 rendering（{outcome.label} 完成 done）")

        yield on_start, on_done


def _listed(labels: list[str], most: int = 30) -> str:
    """Labels joined with 、, cut after ``most`` (a run of 1,000 units must not print a wall)."""
    shown = "、".join(labels[:most])
    return shown + (f" 等 {len(labels)} 个 and {len(labels) - most} more" if len(labels) > most else "")


def summarise(report: BatchReport) -> int:
    """Paths to stdout (by year); failures with their diagnostics and a count to stderr; the exit code."""
    outcomes = report.outcomes
    for o in outcomes:
        for path in o.paths:
            click.echo(str(path))
    if report.interrupted:
        done = [o.label for o in outcomes if o.ok]
        click.secho("已中断。interrupted. " + (f"已完成 finished: {'、'.join(done)}；" if done else "")
                    + "其余年份未写入（每个文件要么完整写入，要么未动）。"
                      "other years were not written; no file is half-written.", err=True, fg="red")
        return report.exit_code
    failed = report.failed
    warned = [o for o in outcomes if o.ok and o.warnings]
    if warned:
        listed = "、".join(f"{o.label}（{len(o.warnings)}）" for o in warned)
        click.secho(f"已生成，但有警告（个数）：{listed}；用 docgen check YEAR [--unit 单位] 查看。"
                    f" written with warnings: {len(warned)} report(s)", err=True, fg="yellow")
    groups: dict[tuple, list[Outcome]] = {}
    for o in failed:
        groups.setdefault(tuple(o.errors), []).append(o)
    for errors, group in groups.items():
        years = "、".join(o.label for o in group)
        click.secho(f"\n{years}：失败，未写入任何文件。{years} FAILED, nothing written:",
                    err=True, fg="red", bold=True)
        print_diagnostics(list(errors))
    ok_years = _listed([o.label for o in outcomes if o.ok]) or "无 none"
    if failed:
        bad_years = _listed([o.label for o in failed])
        click.secho(f"\n共 {len(outcomes)} 份：{len(outcomes) - len(failed)} 份成功（{ok_years}），"
                    f"{len(failed)} 份失败（{bad_years}）。{len(outcomes)} reports: "
                    f"{len(outcomes) - len(failed)} written, {len(failed)} failed ({bad_years}).",
                    err=True, fg="red")
    else:
        click.secho(f"共 {len(outcomes)} 份，全部生成（{ok_years}）。all {len(outcomes)} reports written.",
                    err=True, fg="green")
    return report.exit_code
