"""Benchmark: many units in one run — ``docgen render --all`` over 1, 10, 100, 1,000 generated units.

A finance bureau or an evaluation firm renders the reports of tens or hundreds of
units at once (``content/<unit>/<year>.yaml``).  This bench generates N units, each
with one report (content/2020.yaml with its own unit name and varied figures that
add up: 决算 = 基本支出 + Σ 项目支出), and times ``docgen render --all`` as a whole
process, as a user runs it — worker start-up, template and font loading included.
For each N it prints the wall time, the cost per document, and the peak memory of
the whole process tree (the CLI and its workers, sampled from /proc every 10 ms).
The marginal cost per document is the slope between the two largest N: what one
more unit costs once the workers are warm.  Goals (issue 14): ≤ 30 ms per .docx,
≤ 0.4 s per PDF on a 2-core machine, linear, memory flat.

    .venv/bin/python bench/bench_batch.py                     # .docx 1,10,100,1000; PDF 1,10,100
    .venv/bin/python bench/bench_batch.py --docx 1 10 100 --pdf 1 10 --jobs 2

Nothing is written outside a temporary folder.  Timing belongs here, not in the
tests: the numbers depend on the machine (this one: ``nproc``, ``uname -m``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "content" / "2020.yaml"
CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^(\s*(?:-\s+)?(?:final_total|basic|amount):\s+)(\d+(?:\.\d+)?)", re.M)


def generate(content: Path, units: int) -> None:
    """``units`` unit folders, each a 2020 report with its own name and figures that add up."""
    source = SOURCE.read_text(encoding="utf-8")
    for i in range(units):
        rng = random.Random(i)
        name = f"测试{i + 1}街道"
        text = source.replace("name: 清水塘街道", f"name: {name}", 1)
        figures = [Decimal(m.group(2)) for m in _AMOUNT.finditer(text)]
        # file order: final_total, basic, then each project amount
        parts = [(f * Decimal(str(rng.uniform(0.8, 1.25)))).quantize(CENT) for f in figures[1:]]
        new = iter([sum(parts, Decimal(0))] + parts)
        text = _AMOUNT.sub(lambda m: m.group(1) + f"{next(new):f}", text)
        folder = content / name
        folder.mkdir(parents=True)
        (folder / "2020.yaml").write_text(text, encoding="utf-8")


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of ``root`` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak process-tree memory of one whole run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.01)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return wall, peak


def series(kind: str, counts: list[int], jobs: int | None) -> None:
    docgen = Path(sys.executable).with_name("docgen")
    rows = []
    for n in counts:
        with tempfile.TemporaryDirectory(prefix="docgen-bench-units-") as tmp:
            work = Path(tmp)
            generate(work / "content", n)
            cmd = [str(docgen), "render", "--all", "--content", str(work / "content"),
                   "--template", str(ROOT / "templates" / "report.docx"),
                   "--out", str(work / "out")]
            if kind == "pdf":
                cmd.append("--pdf")
            if jobs:
                cmd += ["--jobs", str(jobs)]
            wall, peak = run(cmd, ROOT)
            written = len(list((work / "out").rglob(f"*.{kind}")))
            if written != n:
                sys.exit(f"expected {n} .{kind} files, found {written}")
            rows.append((n, wall, peak))
            print(f"  {kind:4} {n:5} units: {wall:7.2f} s wall, {wall / n * 1000:7.1f} ms per document, "
                  f"peak memory of the process tree {peak / 2**20:6.0f} MiB", flush=True)
    if len(rows) >= 2:
        (n1, w1, _), (n2, w2, _) = rows[-2], rows[-1]
        slope = (w2 - w1) / (n2 - n1)
        print(f"  {kind:4} marginal cost per document (slope {n1}→{n2}): {slope * 1000:.1f} ms; "
              f"fixed cost ≈ {w2 - slope * n2:.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docx", type=int, nargs="*", default=[1, 10, 100, 1000], help="unit counts, .docx")
    ap.add_argument("--pdf", type=int, nargs="*", default=[1, 10, 100], help="unit counts, .docx + PDF")
    ap.add_argument("--jobs", type=int, default=None, help="workers (default: the machine's cores)")
    args = ap.parse_args()
    print(f"docgen render --all over generated units; {os.cpu_count()} core(s), {os.uname().machine}; "
          f"jobs={args.jobs or 'default'}")
    print("  command: docgen render --all [--pdf] --out OUT (content: N folders content/测试i街道/2020.yaml)")
    if args.docx:
        series("docx", args.docx, args.jobs)
    if args.pdf:
        series("pdf", args.pdf, args.jobs)


if __name__ == "__main__":
    main()
