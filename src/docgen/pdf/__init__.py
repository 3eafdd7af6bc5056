"""PDF: a :class:`~docgen.content.model.Report` and ``templates/report.html`` + ``.css`` in, PDF bytes out.

The same context and wording as the .docx, laid out by WeasyPrint to the official
geometry; the fonts each text role really gets; a restyled .docx template followed.
Importing this package is cheap: WeasyPrint is imported by the modules that lay out.
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
