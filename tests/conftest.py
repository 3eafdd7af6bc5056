"""Shared fixtures: the reference text, a scratch project, a rendered 2020 report (helpers: helpers.py).

Owned by the core; test modules add their own fixtures locally.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import CONTENT, REPORT_2020, ROOT, TEMPLATE, find_reference


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
