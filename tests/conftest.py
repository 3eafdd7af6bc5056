"""Shared fixtures: the project's paths, a rendered 2020 report, text extraction.

Owned by the core; test modules add their own fixtures locally.
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
GENERALITY = DATA / "generality"
CONVERT_TIMEOUT = 180


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


@pytest.fixture(scope="session")
def reference_paragraphs() -> list[str]:
    text = find_reference().read_text(encoding="utf-8")
    paras = [line.replace("[bookmark: _GoBack]", "") for line in text.split("\n")]
    return [p for p in paras if p.strip()]


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory) -> Path:
    """A scratch copy of content/ and templates/ to render into without touching the repo."""
    work = tmp_path_factory.mktemp("project")
    shutil.copytree(CONTENT, work / "content")
    shutil.copytree(ROOT / "templates", work / "templates")
    return work


@pytest.fixture(scope="session")
def rendered_2020(tmp_path_factory) -> Path:
    """The 2020 .docx as ``docgen render 2020`` writes it (through the pipeline)."""
    from docgen.pipeline import render_year

    out = tmp_path_factory.mktemp("out")
    result = render_year(2020, content_dir=CONTENT, out_root=out, template=TEMPLATE)
    (path,) = result.paths
    assert path == out / "2020" / f"{REPORT_2020}.docx"
    return path


# ---------------------------------------------------------------- LibreOffice, the real client


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


@pytest.fixture(scope="session")
def libreoffice_pdfs(rendered_2020, tmp_path_factory) -> dict[int, Path]:
    """LibreOffice's PDFs of the rendered 2020 report and of the invented two-line-title 2021
    report (tests/data/generality): {year: pdf path}, one soffice run a session."""
    from docgen.pipeline import render_year

    work = tmp_path_factory.mktemp("lo")
    (docx_2021,) = render_year(2021, content_dir=GENERALITY, out_root=work / "out", template=TEMPLATE).paths
    outdir = work / "pdf"
    result = convert([rendered_2020, docx_2021], outdir, work / "profile")
    assert result.returncode == 0, f"soffice failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    out = {2020: outdir / f"{REPORT_2020}.pdf", 2021: outdir / f"{docx_2021.stem}.pdf"}
    for year, pdf in out.items():
        assert pdf.is_file() and pdf.stat().st_size > 10_000, \
            f"no PDF for {year}:\n{result.stdout}\n{result.stderr}"
    return out
