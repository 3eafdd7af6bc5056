"""Word: a :class:`~docgen.content.model.Report` and ``templates/report.docx`` in, .docx bytes out.

Also the other direction's first step: a .docx file in, its paragraphs as Word shows
them out (:mod:`.reader`, for ``docgen import``).  Raw WordprocessingML lives in
:mod:`.ooxml` (vocabulary) and :mod:`.build` (the template's parts); nothing here imports WeasyPrint.
"""
