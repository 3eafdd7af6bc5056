"""PDF: a :class:`~docgen.content.model.Report` and ``templates/report.html`` + ``.css`` in, PDF bytes out.

The same context and wording as the .docx, laid out by WeasyPrint to the official
geometry (:func:`docgen.pdf.render.render_pdf`); the fonts each kind of font really
gets (:func:`docgen.pdf.probe.probe_font_kinds`, ``docgen fonts``); a restyled .docx
template followed (:mod:`docgen.pdf.restyle`).  ``render`` lays out and writes,
``fetcher`` limits what may be read, ``fonts`` makes the font lists from the table of
text roles (:mod:`docgen.layout`) and finds the office's font files, ``justify``
justifies Chinese lines; WeasyPrint's internals are touched only through
:mod:`docgen.seam`.  Importing this package is cheap: WeasyPrint is imported by the
modules that lay out (``render``, ``fetcher``, ``justify``, ``probe``), never by
``fonts`` or ``restyle``, which a render's warnings also use.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PdfOptions:
    """How to make the PDF of a render: ``None`` where a render makes no PDF at all.

    ``variant``: a PDF/A or PDF/UA variant (``"pdf/a-3b"`` for archiving), or None for a
    plain PDF; ``font_dirs``: the office's font folders, searched before ``fonts/``.
    Frozen and picklable: ``render --all`` hands it to worker processes as it is.
    """

    variant: str | None = None
    font_dirs: tuple[Path, ...] = ()
