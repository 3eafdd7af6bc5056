"""Import: a Word report (.docx) in, a commented ``content/<year>.yaml`` out, with a report of how.

:func:`import_docx` (:mod:`.convert`) reads the paragraphs as Word shows them
(:mod:`docgen.docx.reader`) and recognises the report in them: :mod:`.text` tidies
each paragraph and splits off its list label; :mod:`.structure` finds the title
(year, unit, district) and the four sections; :mod:`.sections` and :mod:`.funds`
read each section into content data; :mod:`.notes` collects the import report, so
nothing is silently lost.  The result is an :class:`~.notes.Imported` (data, notes,
summary); :func:`to_yaml` and :func:`write_content` (:mod:`.content_file`) write it
as the content file and check it as ``docgen check`` does.
"""

from .content_file import to_yaml, write_content
from .convert import import_docx, import_paragraphs
from .notes import Imported

__all__ = ["Imported", "import_docx", "import_paragraphs", "to_yaml", "write_content"]
