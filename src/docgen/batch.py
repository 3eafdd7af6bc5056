"""``docgen render --all``: every report of the workspace (each unit, each year), in parallel, each on its own.

Why it is built this way:

* **One bad year does not stop the others.**  Each year runs through the same
  :func:`docgen.pipeline.render_year` as ``docgen render YEAR`` (so the files
  are byte-for-byte the same as single renders, and each is written
  atomically); a failure becomes an :class:`Outcome` with its diagnostics
  instead of an exception, and the summary names every failed year with them.
* **Parallel over the machine's cores** with a
  :class:`~concurrent.futures.ProcessPoolExecutor` (rendering is CPU-bound
  Python: threads would share one core).  Workers start from a *forkserver*
  (or *spawn* where there is none), never by forking this process: forking a
  process that runs threads (the progress bar's refresh thread) can deadlock,
  and Python 3.12+ warns about it.  The forkserver imports the heavy modules
  once, so a new worker starts warm.  Each worker then reads the template once
  (:func:`docgen.docx.package.load_template` caches per process) and, with
  ``--pdf``, keeps WeasyPrint's font configuration for all its years.
* **Nothing printed here.**  :func:`render_all` returns a :class:`BatchReport` and
  tells a callback as each year finishes; :mod:`docgen.cli.batch` draws the
  progress bar and prints the summary (as black's ``Report`` sits below its CLI).
* **Exit code**: 0 when every year was written, otherwise the highest exit code
  of the failed years (1 content, 2 usage, 3 template, 4 output, 70 internal).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .docx.package import load_template
from .errors import (Diagnostic, DocgenError, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OUTPUT,
                     EXIT_USAGE)
from .paths import ReportFile, find_reports, unit_content, unit_output
from .pdf import PdfOptions
from .pipeline import render_year

#: Imported once by the forkserver, so workers start with them loaded.
_PRELOAD = ["docgen.batch", "docgen.pipeline", "docgen.docx.render", "docxtpl"]


@dataclass
class Outcome:
    """What happened to one report (picklable: it comes back from a worker process)."""

    year: int
    paths: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)
    exit_code: int = 0
    unit: str = ""  # the unit folder; "" in the one-unit layout

    @property
    def ok(self) -> bool:
        return self.exit_code == 0

    @property
    def label(self) -> str:
        return ReportFile(self.unit, self.year).label


def render_one(report: ReportFile, content_dir: Path, out_root: Path, template: Path,
               pdf: PdfOptions | None, xlsx: bool = False) -> Outcome:
    """Render one report and never raise: every failure is returned as an :class:`Outcome`."""
    year, unit = report.year, report.unit
    source = unit_content(content_dir, unit)
    again = f"docgen render {year}" + (f" --unit {unit}" if unit else "")
    try:
        result = render_year(year, content_dir=source, out_root=unit_output(out_root, unit),
                             template=template, pdf=pdf, xlsx=xlsx)
    except DocgenError as exc:
        return Outcome(year, errors=list(exc.diagnostics), exit_code=exc.exit_code, unit=unit)
    except OSError as exc:
        return Outcome(year, errors=[Diagnostic(file=str(source / f"{year}.yaml"),
                                                message=f"无法写入或读取文件 I/O error: {exc}")],
                       exit_code=EXIT_OUTPUT, unit=unit)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # a bug (or a library's BaseException): this report only, not the others
        return Outcome(year, errors=[Diagnostic(
            file=str(source / f"{year}.yaml"),
            message=f"docgen 内部错误 internal error: {type(exc).__name__}: {exc}",
            hint=f"用 DOCGEN_DEBUG=1 {again} 查看详情并报告此问题。")],
            exit_code=EXIT_INTERNAL, unit=unit)
    return Outcome(year, paths=list(result.paths), warnings=list(result.warnings), unit=unit)


def _init_worker(cwd: str, template: Path, pdf: bool) -> None:
    """Per worker: the caller's folder (a forkserver keeps the one it started in), then warm up."""
    os.chdir(cwd)
    try:
        load_template(template)
        if pdf:
            import docgen.pdf.render  # noqa: F401  (imports WeasyPrint once per worker)
    except Exception:  # noqa: BLE001 - the render itself will report the problem, per year
        pass


def default_jobs() -> int:
    """Cores this process may use (affinity and cgroup-aware where Python knows it)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _mp_context():
    import multiprocessing  # the process pool's machinery (~30 ms): only for --all with workers

    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


@dataclass
class BatchReport:
    """What ``render --all`` did, year by year, for the command line to print."""

    outcomes: list[Outcome]
    interrupted: bool = False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    @property
    def exit_code(self) -> int:
        """0 when every year was written; 130 after Ctrl-C; else the highest failed year's code."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return max((o.exit_code for o in self.failed), default=0)


def render_all(*, content_dir: Path, out_root: Path, template: Path, pdf: PdfOptions | None = None,
               xlsx: bool = False, jobs: int | None = None, unit: str | None = None,
               on_done: Callable[[Outcome], None] | None = None,
               on_start: Callable[[int], None] | None = None) -> BatchReport:
    """Render every report of the workspace (or of one ``unit``); return each outcome (never prints).

    Reports are ``content_dir/<year>.yaml`` and ``content_dir/<unit>/<year>.yaml``
    (:func:`docgen.paths.find_reports`); each goes to its unit's output folder.

    ``on_start(n)`` is told how many reports there are, ``on_done(outcome)`` each one
    as it finishes (the command line draws its progress bar from them).  After
    Ctrl-C the reports already running finish, the rest never start, and the report
    says ``interrupted``.  ``xlsx``: each report's 自评表 as .xlsx too (a report without one warns).
    """
    reports = find_reports(content_dir, unit)
    if not reports:
        where = unit_content(content_dir, unit or "")
        raise DocgenError.single(
            f"{where} 中没有年份内容文件（如 2020.yaml）。no <year>.yaml in {where}",
            file=str(where), exit_code=EXIT_USAGE,
            hint="在项目目录中运行，或用 --content 指定内容文件夹（多个单位：content/<单位>/<年份>.yaml）。")
    load_template(template)  # a missing template would fail every report the same way: say it once
    workers = max(1, min(jobs or default_jobs(), len(reports)))
    args = (content_dir, out_root, template, pdf, xlsx)
    done = on_done or (lambda outcome: None)
    if on_start is not None:
        on_start(len(reports))
    outcomes: dict[ReportFile, Outcome] = {}
    try:
        if workers == 1:
            for report in reports:
                outcomes[report] = render_one(report, *args)
                done(outcomes[report])
        else:
            _run_pool(reports, args, workers, template, pdf is not None, done, outcomes)
    except KeyboardInterrupt:
        return BatchReport([outcomes[r] for r in reports if r in outcomes], interrupted=True)
    return BatchReport([outcomes[r] for r in reports])


def _run_pool(reports: list[ReportFile], args, workers: int, template: Path, pdf: bool, done,
              outcomes: dict[ReportFile, Outcome]) -> None:
    """Fill ``outcomes`` as reports finish (so an interruption still knows which were written).

    Not a ``with`` block: its implicit ``shutdown(wait=True)`` would reset
    ``cancel_futures`` and let every queued report run after a Ctrl-C.  On any
    interruption the reports already running finish (each file is written
    whole) and the others never start.
    """
    from concurrent.futures import ProcessPoolExecutor, as_completed  # see _mp_context
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(),
                               initializer=_init_worker, initargs=(os.getcwd(), template, pdf))
    futures: dict = {}
    try:
        futures = {pool.submit(render_one, report, *args): report for report in reports}
        for future in as_completed(futures):
            report = futures[future]
            try:
                outcomes[report] = future.result()
            except BrokenProcessPool:
                # one diagnostic shared by every report lost, so the summary says it once
                outcomes[report] = Outcome(report.year, errors=[WORKER_DIED], exit_code=EXIT_INTERNAL,
                                           unit=report.unit)
            done(outcomes[report])
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        for future, report in futures.items():
            if report not in outcomes and future.done() and not future.cancelled() \
                    and future.exception() is None:
                outcomes[report] = future.result()
        raise
    pool.shutdown(wait=True)


#: One diagnostic shared by every year a dead worker lost, so the summary says it once.
WORKER_DIED = Diagnostic(
    file="docgen", message="工作进程意外退出（内存不足或被终止？），这些年份没有生成。"
                           "a worker process died; these years were not rendered",
    hint="单独运行 docgen render YEAR 查看原因，或用 --jobs 1 重试。")
