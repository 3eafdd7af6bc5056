"""Benchmark the PDF: `docgen render YEAR --pdf` against LibreOffice converting the same report.

Issue 14's goal: the whole ``docgen render 2020 --pdf`` process (start-up, WeasyPrint
import, .docx and PDF) takes at most 0.85 x what ``soffice --headless --convert-to pdf``
takes for the rendered .docx.  The ratio is taken pair by pair (each docgen run
against the LibreOffice run beside it) and printed as median and spread.  Both are measured here side by side, as whole
processes, the median of several runs (LibreOffice after one warm-up run that
creates its profile, so it is not charged for that).  Then the warm cost of one more
report in a process that has already rendered one (what ``render --all`` pays per
report: fonts, stylesheet and template are cached).

    .venv/bin/python bench/bench_pdf.py [--year 2020] [--runs 5] [--warm 10]

Timings only go to stdout; nothing here is a test.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 0.85


def timed(cmd: list[str], **kwargs) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system, the process and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def interleaved(commands: dict[str, tuple[list[str], dict]], runs: int) -> dict[str, list[tuple[float, float]]]:
    """Run the commands in turn, ``runs`` rounds, so a busy machine slows them alike."""
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, kwargs) in commands.items():
            results[name].append(timed(cmd, **kwargs))
    return results


def line(label: str, times: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in times]
    cpus = [c for _, c in times]
    return (f"{label:<44} wall {statistics.median(walls):5.2f} s  cpu {statistics.median(cpus):5.2f} s"
            f"   [wall {' '.join(f'{w:.2f}' for w in walls)}]")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--year", default="2020")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warm", type=int, default=10, help="reports rendered in one process")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    work = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    try:
        docgen = [sys.executable, "-m", "docgen", "render", args.year, "--out", str(work / "out")]
        subprocess.run(docgen, check=True, cwd=ROOT, capture_output=True)  # warm the OS file cache
        (docx,) = (work / "out" / args.year).glob("*.docx")

        commands = {
            f"docgen render {args.year} --pdf (whole process)": ([*docgen, "--pdf"], {"cwd": ROOT}),
            f"docgen render {args.year} (.docx only)": (docgen, {"cwd": ROOT}),
        }
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice:
            profile = (work / "lo-profile").as_uri()
            lo_cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                      "--outdir", str(work / "lo"), str(docx)]
            timed(lo_cmd)  # the first run creates the profile
            commands["soffice --headless --convert-to pdf (the .docx)"] = (lo_cmd, {})
        results = interleaved(commands, args.runs)

        from docgen.pipeline import prepare
        from docgen.pdf.render import render_pdf

        report = prepare(int(args.year), ROOT / "content").report
        start = time.perf_counter()
        render_pdf(report, template_dir=ROOT / "templates")
        first = time.perf_counter() - start
        warm = []
        for _ in range(args.warm):
            start = time.perf_counter()
            render_pdf(report, template_dir=ROOT / "templates")
            warm.append(time.perf_counter() - start)

        from docgen.seam import harfbuzz_subsetting

        print(f"median of {args.runs} interleaved runs:")
        for name, times in results.items():
            print(line(name, times))
        names = list(results)
        if soffice:
            for kind, index in (("wall", 0), ("cpu", 1)):
                pairs = sorted(a[index] / b[index] for a, b in zip(results[names[0]], results[names[2]]))
                ratio = statistics.median(pairs)
                verdict = "meets" if ratio <= GOAL else "MISSES"
                print(f"ratio docgen --pdf / LibreOffice ({kind}), pair by pair: median {ratio:.2f} "
                      f"(min {pairs[0]:.2f}, max {pairs[-1]:.2f})  (goal <= {GOAL}: {verdict})")
            print(f"commands: {' '.join(docgen)} --pdf  |  {' '.join(lo_cmd)}")
        else:
            print("soffice not found: LibreOffice not measured (scripts/setup-system.sh installs it)")
        print(f"in one process: first PDF {first:.2f} s; then per report median "
              f"{statistics.median(warm):.2f} s, mean {statistics.mean(warm):.2f} s over {args.warm}")
        subsetter = "HarfBuzz" if harfbuzz_subsetting() else "fontTools (slow: install libharfbuzz-subset0)"
        print(f"font subsetting: {subsetter}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
