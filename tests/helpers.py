"""Plain helpers shared by every test package: the project's paths, a project folder, the CLI, text extraction.

Importable as ``helpers`` from any test folder (``pythonpath = ["tests"]`` in pyproject);
fixtures live in the ``conftest.py`` files.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
TEMPLATE = ROOT / "templates" / "report.docx"
DATA = Path(__file__).resolve().parent / "data"
#: A frozen copy of content/2020.yaml for tests that name its line numbers: editing the live
#: example must not break them (the live file is checked by the fidelity and render tests).
FROZEN_CONTENT = DATA / "frozen"
#: An invented second report (望月湖街道办事处 2021: a two-line title, free-text areas).
GENERALITY = DATA / "generality"
#: The official page in points, from layout.md's twips: the tests' own copy, not docgen's.
PT_PER_TWIP = 1 / 20
PAGE_W, PAGE_H = 11906 * PT_PER_TWIP, 16838 * PT_PER_TWIP
TOP, BOTTOM, LEFT, RIGHT = (t * PT_PER_TWIP for t in (2098, 1984, 1587, 1474))
#: One file per bad input (black-style case files), run by tests/content/test_cases.py.
CASES = Path(__file__).resolve().parent / "cases"


def project_with(tmp_path: Path, monkeypatch, *files: Path) -> Path:
    """``tmp_path`` as a project, the working directory, whose ``content/`` holds copies of ``files``."""
    (tmp_path / "content").mkdir()
    for file in files:
        shutil.copy(file, tmp_path / "content" / file.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_cli(*args: str):
    """``docgen ARGS`` in this process (click's runner); an exception fails the test, it is not an exit code."""
    from click.testing import CliRunner

    from docgen.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def find_reference() -> Path:
    """``../shared/reference`` beside the checkout (CI lays shared/ next to the clone)."""
    for base in (ROOT.parent / "shared", ROOT.parent.parent / "shared", Path("/work/shared")):
        ref = base / "reference" / "000_59030bb28dc817f9.txt"
        if ref.is_file():
            return ref
    pytest.fail("reference text ../shared/reference/000_59030bb28dc817f9.txt not found")


REPORT_2020 = "2020年度清水塘街道整体支出绩效评价报告"

_WS = re.compile(r"\s+")
_LIST_NUMBER = re.compile(r"\d+\s*、")


def normalise(text: str) -> str:
    """Whitespace and list numbers aside (the only allowed differences from the reference)."""
    text = _WS.sub("", text)
    return _LIST_NUMBER.sub("#、", text)


def docx_paragraphs(path: Path) -> list[str]:
    """Body paragraphs of a .docx in order, as python-docx reads them (<w:br/> → newline)."""
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


# ---------------------------------------------------------------- the general outline

def blocks(node, key: str) -> list:
    """Every block written with ``key`` ("funds", "honours", "list" …) anywhere in a report's
    ``content``, depth first in document order: the validated model (a ``Report``) or the
    raw YAML data (a dict).  The tests' own walk, independent of docgen's outline walk."""
    found: list = []

    def visit(items) -> None:
        for item in items or ():
            if isinstance(item, str):
                continue
            if isinstance(item, dict):
                if key in item:
                    found.append(item)
                visit(item.get("content"))
            else:
                if hasattr(item, key):
                    found.append(item)
                visit(getattr(item, "content", None))

    visit(node["content"] if isinstance(node, dict) else node.content)
    return found


def section(node, heading: str):
    """The section of the report headed ``heading`` (at any level), model or raw data."""
    (found,) = [s for s in blocks(node, "heading")
                if (s["heading"] if isinstance(s, dict) else s.heading) == heading]
    return found


def funds_of(node):
    """The figures of the report's one funds block (``Funds`` model or raw mapping)."""
    (block,) = blocks(node, "funds")
    return block["funds"] if isinstance(block, dict) else block.funds


# ---------------------------------------------------------------- LibreOffice, the real client

CONVERT_TIMEOUT = 180


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        pytest.fail("soffice (LibreOffice) is not installed: run `make setup` "
                    "(scripts/setup-system.sh installs libreoffice-writer)")
    return exe


def convert(docs: list[Path], outdir: Path, profile: Path) -> subprocess.CompletedProcess:
    """``soffice --convert-to pdf`` with a private profile (a stale or busy ~/.config/libreoffice
    cannot make it hang or fail)."""
    cmd = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docs)]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=CONVERT_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"soffice did not finish within {CONVERT_TIMEOUT} s: {exc.stderr!r}")
