"""Tagged PDF: the structure tree for every PDF, and the page numbers as pagination artifacts.

Reports are published on government websites, where a PDF is expected to be
accessible: tagged (a structure tree of headings and paragraphs, ``MarkInfo``,
``DisplayDocTitle``, ``/Lang``).  WeasyPrint writes all of that with its ``pdf_tags``
option, for about 0.08 s more per report (measured: README), so docgen tags every PDF.

One thing WeasyPrint 70 leaves out: the text of page-margin boxes (our "— N —") is
marked content with an MCID that no structure element claims (pdf/tags.py: "It could
be included in tree as Artifact, but that's only allowed in PDF 2.0").  PDF/UA-1
(ISO 14289-1, 7.1) wants every piece of content either tagged or an artifact, and a
page number is the textbook artifact (``/Artifact <</Type /Pagination /Subtype
/PageNum>> BDC``, which PDF 1.7 allows in the content stream).  So
:func:`mark_page_numbers_as_artifacts` flags those text boxes, and two small hooks,
installed on first use, draw them as artifacts and keep them out of the tree.
This is the only place that touches WeasyPrint's tagging internals.
"""

from __future__ import annotations

from contextlib import contextmanager

from .errors import DocgenError

_FLAG = "docgen_pagination_artifact"
_installed = False


def mark_page_numbers_as_artifacts(document) -> None:
    """Flag the text of every page's margin boxes of a laid-out WeasyPrint ``document``."""
    from weasyprint.formatting_structure import boxes

    _install()
    for page in document.pages:
        for box in page._page_box.children:
            if isinstance(box, boxes.MarginBox):
                for text in _text_boxes(box, boxes):
                    setattr(text, _FLAG, True)


def _text_boxes(box, boxes):
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, boxes)


def _install() -> None:
    global _installed
    if _installed:
        return
    import pydyf
    import weasyprint
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import stream, tags

    if not (hasattr(stream.Stream, "marked") and hasattr(tags, "_build_box_tree")):
        raise DocgenError.single(
            f"此版本的 WeasyPrint（{weasyprint.__version__}）无法为页码做无障碍标记。"
            "unsupported WeasyPrint version for PDF tagging",
            hint="安装 pyproject.toml 规定的 WeasyPrint 版本（make setup）。")
    original_marked = stream.Stream.marked
    original_tree = tags._build_box_tree

    @contextmanager
    def marked(self, box, tag):
        if getattr(box, _FLAG, False) and self._tags is not None:
            pydyf.Stream.begin_marked_content(
                self, "Artifact", pydyf.Dictionary({"Type": "/Pagination", "Subtype": "/PageNum"}))
            try:
                yield
            finally:
                pydyf.Stream.end_marked_content(self)
        else:
            with original_marked(self, box, tag):
                yield

    def build_box_tree(box, *args, **kwargs):
        if isinstance(box, boxes.MarginBox) and all(
                getattr(text, _FLAG, False) for text in _text_boxes(box, boxes)):
            return iter(())  # artifacts: in no structure element
        return original_tree(box, *args, **kwargs)

    stream.Stream.marked = marked
    tags._build_box_tree = build_box_tree
    _installed = True
