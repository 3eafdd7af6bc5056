"""Import: a Word report (.docx) in; the content data of the general outline out, with a report of how.

In: a .docx of any report of the 整体支出绩效评价报告 family, typed by hand or with Word's
heading styles and automatic numbering.  Out: an :class:`~.notes.Imported` — ``data``, a
content file of format 2 (:class:`docgen.content.model.Report`: year, unit, kind, label,
title, front_matter, content, signature) keeping the original's outline and every
paragraph in order, ``notes`` (what was recognised, paragraph by paragraph) and a
``summary``.  :func:`import_docx` (:mod:`.convert`) reads the document
(:mod:`docgen.docx.reader`); :mod:`.text` tidies each paragraph and splits off its
number; :mod:`.structure` finds the label, title, front matter and signature;
:mod:`.sections` the headings of four levels; :mod:`.blocks` and :mod:`.funds` the
blocks between them.  :func:`to_yaml` and :func:`write_content` (:mod:`.content_file`)
write it as the commented YAML file and check it as ``docgen check`` does.
"""

from .content_file import to_yaml, write_content
from .convert import import_docx, import_paragraphs
from .notes import Imported

__all__ = ["Imported", "import_docx", "import_paragraphs", "to_yaml", "write_content"]
