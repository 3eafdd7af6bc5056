"""PDF: a :class:`~docgen.content.model.Report` and ``templates/report.html`` + ``.css`` in, PDF bytes out.

The same context and wording as the .docx, laid out by WeasyPrint to the official
geometry; the fonts each text role really gets; a restyled .docx template followed.
Importing this package is cheap: WeasyPrint is imported by the modules that lay out.
"""
