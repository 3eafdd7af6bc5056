"""Import: a Word report (.docx) in, a commented ``content/<year>.yaml`` out.

:mod:`.text` tidies paragraphs and splits list labels; :mod:`.structure` finds the
title and the sections; :mod:`.sections` and :mod:`.funds` read each section;
:mod:`.notes` is the import report (nothing silently lost); :mod:`.content_file`
writes the YAML and checks it.  :func:`import_docx` is the entry.
"""

from .content_file import to_yaml, write_content
from .convert import import_docx, import_paragraphs

__all__ = ["import_docx", "import_paragraphs", "to_yaml", "write_content"]
