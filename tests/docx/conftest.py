"""Fixtures for the OOXML tests: small .docx files written from XML snippets."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from docgen.docx.ooxml import nsdecls

W = nsdecls("w")


def _base_package() -> dict[str, bytes]:
    """The parts of python-docx's blank document: a package Word and LibreOffice both open."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture(scope="session")
def base_package() -> dict[str, bytes]:
    return _base_package()


@pytest.fixture
def make_docx(tmp_path, base_package):
    """``make_docx(body, styles=…, numbering=…)``: a .docx whose body, styles and numbering are the
    given XML (the children of ``w:body``, ``w:styles``, ``w:numbering``); other parts as python-docx's."""
    count = 0

    def make(body: str, *, styles: str | None = None, numbering: str | None = None,
             name: str | None = None) -> Path:
        nonlocal count
        count += 1
        parts = dict(base_package)
        parts["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                      f'<w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>').encode()
        if styles is not None:
            parts["word/styles.xml"] = f'<w:styles {W}>{styles}</w:styles>'.encode()
        if numbering is not None:
            parts["word/numbering.xml"] = f'<w:numbering {W}>{numbering}</w:numbering>'.encode()
        path = tmp_path / (name or f"made{count}.docx")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for part, data in parts.items():
                zf.writestr(part, data)
        return path

    return make
