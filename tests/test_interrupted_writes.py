"""Issue 15 §9: ``kill -9`` while the files are renamed leaves nothing the next run does not repair.

The render is killed for real (SIGKILL, from inside ``os.replace``, in a child
process) at the two worst moments: after the temporaries are complete but before
the journal exists, and after the new .docx is in place but before the .pdf.
Before issue 15 the hidden temporaries stayed for ever, and the second kill left
the new .docx beside the old .pdf.  Now a reader sees the journal, and the next
run — even one that fails — makes the pair consistent and removes the debris.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import REPORT_2020
from hostile import Project, run_docgen

KILLER = r"""
import os, signal, sys
when = sys.argv.pop(1)
real = os.replace
def replace(src, dst):
    if when == "before-journal" and str(dst).endswith(".pending"):
        os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
    if when == "between" and str(dst).endswith(".docx"):
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
sys.argv[0] = "docgen"
from docgen.entry import main
main()
"""


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def _killed_render(project: Project, when: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-c", KILLER, when, "render", "2020", "--pdf"], cwd=project.root,
                          capture_output=True, timeout=300, env=env)
    assert proc.returncode == -9, proc.stderr.decode("utf-8", "replace")


def _edit(project: Project, old: str, new: str) -> None:
    content = project.root / "content" / "2020.yaml"
    text = content.read_text(encoding="utf-8")
    assert old in text
    content.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def rendered(tmp_path) -> tuple[Project, Path, bytes, bytes]:
    project = Project(tmp_path)
    proc = run_docgen(["render", "2020", "--pdf"], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out" / "2020"
    return project, out, (out / f"{REPORT_2020}.docx").read_bytes(), (out / f"{REPORT_2020}.pdf").read_bytes()


@pytest.mark.pdf
def test_killed_between_docx_and_pdf_the_next_run_completes_the_pair(rendered, tmp_path):
    project, out, old_docx, old_pdf = rendered
    _edit(project, "湖南省财政工作先进集体", "湖南省财政工作先进集体（修订）")
    _killed_render(project, "between")
    docx, pdf = out / f"{REPORT_2020}.docx", out / f"{REPORT_2020}.pdf"
    assert docx.read_bytes() != old_docx and pdf.read_bytes() == old_pdf  # the mixed pair …
    journal = [n for n in hidden(out) if n.endswith(".pending")]
    assert len(journal) == 1 and journal[0].startswith(f".{REPORT_2020}.docx.docgen-")  # … a reader can see

    expected = tmp_path / "expected"  # the same content rendered in peace: byte for byte the new pair
    proc = run_docgen(["render", "2020", "--pdf", "--out", str(expected)], tmp_path, memory=None, timeout=300)
    assert proc.returncode == 0, proc.stderr
    new_docx = (expected / "2020" / docx.name).read_bytes()
    new_pdf = (expected / "2020" / pdf.name).read_bytes()

    _edit(project, "year: 2020", "year: 两千")  # the next run fails on the content, and still repairs
    proc = run_docgen(["render", "2020"], tmp_path)
    assert proc.returncode == 1
    assert docx.read_bytes() == new_docx and pdf.read_bytes() == new_pdf
    assert hidden(out) == []


@pytest.mark.pdf
def test_killed_before_the_journal_the_old_pair_stays_and_debris_goes(rendered):
    project, out, old_docx, old_pdf = rendered
    _edit(project, "湖南省财政工作先进集体", "湖南省财政工作先进集体（修订）")
    _killed_render(project, "before-journal")
    docx, pdf = out / f"{REPORT_2020}.docx", out / f"{REPORT_2020}.pdf"
    assert docx.read_bytes() == old_docx and pdf.read_bytes() == old_pdf
    left = hidden(out)
    assert len(left) == 3 and all(".docgen-" in n and n.endswith(".tmp") for n in left), left  # docx, pdf, journal

    proc = run_docgen(["check", "2020"], project.root)  # check writes nothing and repairs nothing
    assert proc.returncode == 0 and hidden(out) == left
    proc = run_docgen(["render", "2020"], project.root)
    assert proc.returncode == 0, proc.stderr
    assert hidden(out) == [] and pdf.read_bytes() == old_pdf and docx.read_bytes() != old_docx


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_only_stale_temporaries_of_docgen_are_removed(tmp_path):
    """Debris of dead docgen processes goes; a running process's files and the user's stay."""
    from docgen.recovery import _HOST, recover

    out = tmp_path / "out" / "2020"
    out.mkdir(parents=True)
    dead, alive = _dead_pid(), os.getpid()
    names = {
        f".{REPORT_2020}.docx.docgen-{_HOST}-{dead}-k2j4h6x9.tmp": False,      # killed run: removed
        f".{REPORT_2020}.pdf.docgen-{_HOST}-{alive}-a1b2c3d4.tmp": True,       # still running: kept
        f".{REPORT_2020}.docx.docgen-0badcafe-{dead}-q9w8e7r6.tmp": True,      # another host, recent: kept
        f".{REPORT_2020}.docx.7h3kd9s2.tmp": False,                           # older docgen, 1 h old: removed
        ".我的笔记.tmp": True,                                                 # not docgen's: kept
        "说明.txt": True,
    }
    for name in names:
        (out / name).write_bytes(b"x")
    old = time.time() - 3600
    os.utime(out / f".{REPORT_2020}.docx.7h3kd9s2.tmp", (old, old))
    assert recover(out) == []
    assert sorted(p.name for p in out.iterdir()) == sorted(n for n, kept in names.items() if kept)


def test_a_journal_of_a_dead_process_is_rolled_forward(tmp_path):
    from docgen.recovery import _HOST, recover

    out = tmp_path / "out"
    out.mkdir()
    dead = _dead_pid()
    (out / "a.docx").write_bytes(b"new docx")  # renamed before the kill
    tmp_pdf = f".a.pdf.docgen-{_HOST}-{dead}-zz11yy22.tmp"
    (out / tmp_pdf).write_bytes(b"new pdf")
    (out / "a.pdf").write_bytes(b"old pdf")
    journal = out / f".a.docx.docgen-{_HOST}-{dead}-jj33kk44.pending"
    journal.write_text(f'{{"renames": [["gone.tmp", "a.docx"], ["{tmp_pdf}", "a.pdf"], ["../x", "../../etc"]]}}',
                       encoding="utf-8")
    assert recover(out) == [out / "a.pdf"]
    assert (out / "a.pdf").read_bytes() == b"new pdf" and (out / "a.docx").read_bytes() == b"new docx"
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf"]
