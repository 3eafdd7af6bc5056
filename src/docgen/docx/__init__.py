"""Word: a :class:`~docgen.content.model.Report` and ``templates/report.docx`` in, .docx bytes out.

Also the other direction's first step: a .docx file in, its paragraphs as Word shows
them out (:mod:`.reader`, for ``docgen import``; the file opened and refused by
:mod:`.package`, list labels from :mod:`.numbering`).  Raw WordprocessingML lives in
:mod:`.ooxml` (namespaces, the safe parser, on/off values, the one style-inheritance
resolver, used by the reader and by :mod:`.styles`) and :mod:`.build` (the template's
parts); nothing here imports WeasyPrint.
"""
