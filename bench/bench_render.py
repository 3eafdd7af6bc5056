"""Benchmark: ``docgen render 2020`` as a whole process, against the floor of its own stack.

Issue 14: the render should cost at most 2.0 × ``python -c "import docxtpl"``
(docxtpl pulls in python-docx, lxml and Jinja2, which any docx render needs).  A
second floor is timed beside it, the rest of the required stack: importing docxtpl,
pydantic, click and PyYAML and validating one trivial pydantic model — what any
program on this stack pays before its own first line of work.  The ratios are
taken pair by pair (each render against the floor run right after it) and printed
as median and spread.
Both are timed as fresh processes, wall clock, median of N runs after one
warm-up run each (so the OS file cache is warm for both), alternating the two
so that a slow moment of the machine hits both alike.  Every render writes
into a temporary folder; the repository's out/ is not touched.

    .venv/bin/python bench/bench_render.py            # 9 runs each
    .venv/bin/python bench/bench_render.py -n 21 --importtime

``--importtime`` also prints the slowest imports of one render
(``python -X importtime``), which is where the time of a short CLI run goes.

Timing belongs here, not in the tests: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 2.0
STACK_FLOOR = ("import os; os.environ['PYDANTIC_DISABLE_PLUGINS'] = '__all__'\n"
               "import docxtpl, pydantic, click, yaml\n"
               "class M(pydantic.BaseModel):\n    x: int\n"
               "M(x=1)")


def docgen_cmd() -> list[str]:
    script = Path(sys.executable).with_name("docgen")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "docgen"]


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def measure(runs: int, year: str) -> tuple[list[float], list[float], list[float]]:
    floor_cmd = [sys.executable, "-c", "import docxtpl"]
    stack_cmd = [sys.executable, "-c", STACK_FLOOR]
    render, floor, stack = [], [], []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        render_cmd = [*docgen_cmd(), "render", year, "--out", tmp]
        timed(render_cmd, ROOT)  # warm-up: file cache, .pyc files
        timed(floor_cmd, ROOT)
        timed(stack_cmd, ROOT)
        for _ in range(runs):
            render.append(timed(render_cmd, ROOT))
            floor.append(timed(floor_cmd, ROOT))
            stack.append(timed(stack_cmd, ROOT))
        written = list(Path(tmp).rglob("*.docx"))
        if len(written) != 1:
            sys.exit(f"expected one .docx in {tmp}, found {written}")
    return render, floor, stack


def spread(values: list[float]) -> str:
    values = sorted(values)
    return f"median {statistics.median(values):.2f} (min {values[0]:.2f}, max {values[-1]:.2f})"


def import_profile(year: str, top: int) -> list[tuple[float, str]]:
    """(cumulative ms, module) of the slowest top-level imports of one render process."""
    code = "import sys; from docgen.entry import main; main()"
    if not (ROOT / "src" / "docgen" / "entry.py").is_file():
        code = "import sys; from docgen.cli import main; main()"
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        proc = subprocess.run([sys.executable, "-X", "importtime", "-c", code, "render", year, "--out", tmp],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if m and len(m.group(3)) <= 2:  # top-level imports only (nesting shows as indentation)
            rows.append((int(m.group(2)) / 1000, m.group(4)))
    return sorted(rows, reverse=True)[:top]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--runs", type=int, default=9, help="runs of each command (>= 7; default 9)")
    ap.add_argument("--year", default="2020")
    ap.add_argument("--importtime", action="store_true", help="show the slowest imports of one render")
    args = ap.parse_args()
    if args.runs < 7:
        ap.error("use at least 7 runs for a meaningful median")

    os.environ.pop("SOURCE_DATE_EPOCH", None)
    render, floor, stack = measure(args.runs, args.year)
    for label, times in ((f"docgen render {args.year}", render), ('python -c "import docxtpl"', floor),
                         ("the stack floor (docxtpl+pydantic+click+yaml, one model)", stack)):
        print(f"{label:58} median {statistics.median(times) * 1000:7.1f} ms  "
              f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})")
    ratios = [r / f for r, f in zip(render, floor)]
    ratio = statistics.median(ratios)
    print(f"render / import docxtpl, pair by pair: {spread(ratios)}  "
          f"(goal <= {GOAL}: {'met' if ratio <= GOAL else 'NOT met'})")
    print(f"stack floor / import docxtpl, pair by pair: {spread([s / f for s, f in zip(stack, floor)])}"
          "  (the least any render on this stack can be)")
    print(f"commands: {' '.join(docgen_cmd())} render {args.year} --out TMP  |  "
          f"{sys.executable} -c 'import docxtpl'  |  {sys.executable} -c '<stack floor>'")
    if args.importtime:
        print("\nslowest top-level imports of one render (cumulative ms, python -X importtime):")
        for ms, mod in import_profile(args.year, 15):
            print(f"  {ms:7.1f}  {mod}")


if __name__ == "__main__":
    main()
