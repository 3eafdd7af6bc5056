"""Benchmark: cost per document of ``docgen render --all`` (issue 5 §3).

Generates N years of content (default 50) in a temporary folder — each is
content/2020.yaml carried forward with :func:`docgen.content.newyear.next_year` (so the
year moves everywhere it should) and the blanked figures refilled with varied
amounts that add up (决算 = 基本支出 + Σ 项目支出) — then:

1. renders every year one after another in this one warm process (the first
   render, which pays for imports and the template read, is timed apart):
   seconds per .docx;
2. the same with ``pdf=True`` if :mod:`docgen.pdf.render` is available
   (seconds per .docx + .pdf, and the PDF's share), otherwise says so;
3. ``render_all`` over all N years with the default number of workers,
   wall clock including the worker start-up: what a user waits for.

    .venv/bin/python bench/bench_batch.py              # 50 years
    .venv/bin/python bench/bench_batch.py -n 20 --no-pdf

Nothing is written outside the temporary folder.  Timing belongs here, not in
the tests: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from docgen.pdf import PdfOptions
from docgen.batch import default_jobs, render_all  # noqa: E402
from docgen.content.model import PLACEHOLDER  # noqa: E402
from docgen.content.newyear import next_year  # noqa: E402
from docgen.pipeline import render_year  # noqa: E402

CENT = Decimal("0.01")


def generate(content: Path, years: list[int]) -> None:
    source = (ROOT / "content" / "2020.yaml").read_text(encoding="utf-8")
    for year in years:
        result = next_year(source, f"{year}.yaml", 2020, year)
        rng = random.Random(year)
        # blanked in file order: final_total, basic, then each project amount
        olds = [Decimal(b.old) for b in result.blanked]
        assert [b.field for b in result.blanked[:2]] == ["funds.final_total", "funds.basic"]
        parts = [(o * Decimal(rng.uniform(0.8, 1.25))).quantize(CENT) for o in olds[1:]]
        figures = iter([sum(parts, Decimal(0))] + parts)
        text = result.text.replace(PLACEHOLDER, "{}").format(*(f"{f:f}" for f in figures))
        (content / f"{year}.yaml").write_text(text, encoding="utf-8")


def per_doc(times: list[float]) -> str:
    return (f"mean {statistics.fmean(times) * 1000:6.1f} ms, median {statistics.median(times) * 1000:6.1f} ms,"
            f" min {min(times) * 1000:6.1f} ms")


def sequential(content: Path, out: Path, template: Path, years: list[int], pdf: bool) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    render_year(years[0], content_dir=content, out_root=out, template=template, pdf=pdf)
    first = time.perf_counter() - t0
    times = []
    for year in years[1:]:
        t0 = time.perf_counter()
        render_year(year, content_dir=content, out_root=out, template=template, pdf=pdf)
        times.append(time.perf_counter() - t0)
    return first, times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--years", type=int, default=50)
    ap.add_argument("--no-pdf", action="store_true", help="skip the PDF measurement")
    ap.add_argument("--jobs", type=int, default=None, help="workers for the render_all run")
    args = ap.parse_args()

    template = ROOT / "templates" / "report.docx"
    years = list(range(2021, 2021 + args.years))
    with tempfile.TemporaryDirectory(prefix="docgen-bench-batch-") as tmp:
        content, out = Path(tmp) / "content", Path(tmp) / "out"
        content.mkdir()
        generate(content, years)
        print(f"{len(years)} years of content generated ({years[0]}–{years[-1]})")

        first, docx = sequential(content, out / "docx", template, years, pdf=False)
        print(f".docx, one warm process: first render {first * 1000:.0f} ms (imports, template);"
              f" then per document {per_doc(docx)}")

        pdf_times = None
        if args.no_pdf:
            print("PDF: skipped (--no-pdf)")
        elif find_spec("docgen.pdf.render") is None:
            print("PDF: docgen.pdf.render is not available in this checkout — not measured")
        else:
            first_pdf, pdf_times = sequential(content, out / "pdf", template, years, pdf=True)
            share = statistics.fmean(pdf_times) - statistics.fmean(docx)
            print(f".docx + .pdf, one warm process: first render {first_pdf * 1000:.0f} ms;"
                  f" then per document {per_doc(pdf_times)} (PDF share ≈ {share * 1000:.0f} ms)")

        for pdf in (False, True) if pdf_times else (False,):
            jobs = args.jobs or default_jobs()
            t0 = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = render_all(content_dir=content, out_root=out / f"all-{pdf}", template=template,
                                  pdf=PdfOptions() if pdf else None, jobs=jobs)
            wall = time.perf_counter() - t0
            if code != 0:
                sys.exit(f"render_all failed with exit code {code}")
            kind = ".docx + .pdf" if pdf else ".docx"
            print(f"render --all {kind}, {jobs} worker(s), cold pool: {wall:.2f} s for {len(years)}"
                  f" years = {wall / len(years) * 1000:.1f} ms per document (wall clock)")

        written = sorted(p.name for p in (out / "all-False").rglob("*.docx"))
        assert len(written) == len(years), written


if __name__ == "__main__":
    main()
