"""Chinese justification: spread a line's spare width over the gaps between its characters.

WeasyPrint justifies by widening spaces only, and Chinese has none, so lines ending
early (a comma may not start a line, digits are half-width) would leave ragged
right edges.  :func:`justify_chinese_line` spreads the remaining width over the gaps
between characters, as Word does, for ``lang="zh-*"``; other lines keep
WeasyPrint's own justification.  It works on WeasyPrint's line boxes (of the
version :mod:`docgen.seam` checks) and is hooked into its layout there
(:func:`docgen.seam.install_justification`, on the first PDF), not by this module.
"""

from __future__ import annotations

from .. import seam

seam.load_weasyprint()  # the supported version, imported quickly, before any of its names

from weasyprint.formatting_structure import boxes  # noqa: E402


def _text_boxes(box):
    """The line's visible text boxes (not the hidden ``.as`` spaces of :func:`~docgen.pdf.render.wrap_text`)."""
    if isinstance(box, boxes.TextBox):
        if box.style["visibility"] == "visible":
            yield box
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        for child in box.children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


def _spread(box, gap: float, x_advance: float) -> float:
    """Add ``gap`` after every character of the line's text boxes, moving what follows.

    Only the box's style (its letter-spacing), width and position change: WeasyPrint
    rebuilds each text box's Pango layout from its style when it draws it.
    """
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        count = len(box.text) if box.style["visibility"] == "visible" else 0
        if count:
            style = box.style.copy()
            spacing = style["letter_spacing"]
            style["letter_spacing"] = (0 if spacing == "normal" else spacing) + gap
            box.style = style
            box.width += count * gap
            x_advance += count * gap
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(child, gap, x_advance)
        box.width += x_advance - before
    else:
        box.translate(x_advance, 0)
    return x_advance


def justify_chinese_line(line, extra_width: float) -> bool:
    """Justify a (non-last) line of Chinese text by spacing its characters, as Word does; False: not Chinese.

    The extra width is spread over the n-1 gaps between the line's n characters,
    so the last character ends at the right edge.  A line that would need more
    than one character's width between letters (a long unbreakable word follows)
    is left ragged rather than torn apart.  A line not in Chinese is left to
    WeasyPrint (False).
    """
    if not str(line.style["lang"] or "").lower().startswith("zh"):
        return False
    count = sum(len(box.text) for box in _text_boxes(line))
    if count < 2 or extra_width <= 0:
        return True
    gap = extra_width / (count - 1)
    if gap <= line.style["font_size"]:
        _spread(line, gap, 0)
    return True
