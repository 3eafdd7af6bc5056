"""Shared fixtures: the reference text, a scratch project, a rendered 2020 report (helpers: helpers.py).

Owned by the core; test modules add their own fixtures locally.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import CONTENT, GENERALITY, REPORT_2020, ROOT, TEMPLATE, convert, find_reference


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
