"""The paragraphs of a Word report as tidied text with their number split off, for ``docgen import``.

:mod:`docgen.docx.reader` reads what Word shows; before the outline can be
recognised, each paragraph must read the same however it was typed: spaces and
zero-width characters tidied, and its leading number split off and classified,
whether it was typed or drawn by Word's automatic numbering:

=========  ============================  ==========================================
form       typed as                      is
=========  ============================  ==========================================
``h1``     一、 一． 一.                   a level-1 heading (GB/T 9704 一、)
``h2``     （一） (一)                     a level-2 heading
``dot``    1. 1．                        a level-3 heading or a list numbered "1."
``paren``  （1）                          a level-4 heading or a list numbered "（1）"
``half``   (1)                           a level-4 heading or a list numbered "(1)"
``dun``    1、 1 、                       a list item numbered "1、"
``circ``   ① ②                           a list item numbered "①"
=========  ============================  ==========================================

Which of the two a ``dot``/``paren`` paragraph is, is decided with its
neighbours by :mod:`.sections`.  Numbered items typed in one paragraph ("1、甲；
2、乙。") are split by :func:`split_inline`.  Nothing here knows a report's outline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.text import ANY_SPACES, CIRCLED, NUMERALS, ZERO_WIDTH, heading_number
from ..docx.reader import Para

# ------------------------------------------------------------------ text tidying

_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_SPACES = re.compile(ANY_SPACES)


def tidy(text: str) -> str:
    """Trim each line (the "　　" typed as an indent), collapse runs of spaces and
    tabs to one space, drop zero-width characters and empty lines.

    Spaces inside the wording ("1150 条") are kept as written: wording is the
    author's, and ``docgen check`` points at stray spaces so the author decides.
    """
    lines = (_SPACES.sub(" ", line).strip()
             for line in _ZERO_WIDTH.sub("", text).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


# ------------------------------------------------------------------ numbers

_LABEL = re.compile(
    rf"^(?:(?P<h1>[{NUMERALS}]{{1,3}})\s*[、.．]"
    rf"|[（(]\s*(?P<h2>[{NUMERALS}]{{1,3}})\s*[）)]"
    r"|(?P<dun>\d{1,3})\s*、"
    r"|(?P<dot>\d{1,3})\s*[.．](?![\d.．%％])"
    r"|（\s*(?P<paren>\d{1,3})\s*[）)]"
    r"|\(\s*(?P<half>\d{1,3})\s*[）)]"
    r"|(?P<circ>[" + CIRCLED + r"]))\s*")

#: The list numbering of the content model each list form prints as.
LIST_FORMS = {"dun": "1、", "dot": "1.", "paren": "（1）", "half": "(1)", "circ": "①"}
#: Forms that continue each other in a run: "（1）" then "(2)" is one list, typed carelessly.
FAMILY = {"half": "paren"}


def same_family(a: str, b: str) -> bool:
    return FAMILY.get(a, a) == FAMILY.get(b, b)


#: The heading level each form gives when it is a heading.
HEADING_FORMS = {"h1": 1, "h2": 2, "dot": 3, "paren": 4, "half": 4}


@dataclass(frozen=True)
class Label:
    """A paragraph's leading number: its form (see the table above) and its value."""

    form: str
    number: int


def split_label(text: str) -> tuple[Label | None, str]:
    """``"1 、湖南省…"`` → ``(Label("dun", 1), "湖南省…")``; no number → ``(None, text)``."""
    m = _LABEL.match(text)
    if not m:
        return None, text
    form = m.lastgroup or ""
    value = m.group(form)
    if form == "circ":
        number = CIRCLED.index(value) + 1
    elif form in ("h1", "h2"):
        number = heading_number(value) or 0
    else:
        number = int(value)
    if number <= 0:
        return None, text
    return Label(form, number), text[m.end():]


_INLINE = {
    "dun": re.compile(r"(\d{1,3})\s*、"),
    "dot": re.compile(r"(\d{1,3})\s*[.．](?![\d.．%％])"),
    "paren": re.compile(r"（\s*(\d{1,3})\s*[）)]"),
    "half": re.compile(r"(?<![（(\d])\(\s*(\d{1,3})\s*[）)]"),
    "circ": re.compile("([" + CIRCLED + "])"),
}
_SENTENCE_END = set("。；;！!？?：:”’）)…，,")


def split_inline(text: str) -> tuple[list[str], list[int], str] | None:
    """Numbered items typed in one paragraph: ``"1、甲。2、乙。"`` → ``(["甲。", "乙。"], [1, 2], "dun")``.

    The text must start with number 1.  A later number counts only where a
    clause ends before it and it is the next one (or repeats the last: the
    "1、2、2" slip), so "1-11月", "5.12" or "前2。" inside an item stay text.
    None when the text does not start with a number 1, or when a number where a
    clause ends skips ahead ("1、甲；3、乙"): renumbering it would change the text.
    """
    label, _ = split_label(text)
    if label is None or label.number != 1 or label.form not in _INLINE:
        return None
    pattern = _INLINE[label.form]
    m0 = _LABEL.match(text)
    starts = [(0, m0.end(), 1)]
    last = 1
    for m in pattern.finditer(text, m0.end()):
        if m.start() <= starts[-1][1]:
            continue
        prev = text[m.start() - 1]
        if prev not in _SENTENCE_END and not prev.isspace():
            continue
        value = m.group(1)
        n = CIRCLED.index(value) + 1 if label.form == "circ" else int(value)
        if n > last + 1:
            return None  # a number skipped where a clause ends: not a list that can be renumbered
        if n < last:
            continue
        end = m.end()
        while end < len(text) and text[end].isspace():
            end += 1
        starts.append((m.start(), end, n))
        last = n
    items, numbers = [], []
    for i, (_, body_start, n) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        item = text[body_start:stop].strip()
        if not item:
            return None
        items.append(item)
        numbers.append(n)
    return items, numbers, label.form


# ------------------------------------------------------------------ paragraphs


def _excerpt(text: str, n: int = 18) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


_HEADING_STYLE = re.compile(r"(?i)^(?:heading|标题)\s*([1-9])$")


@dataclass
class Paragraph:
    """A non-empty paragraph (or table row), tidied, with its leading number split off."""

    no: int                  # 1-based among the document's non-empty paragraphs and table rows
    text: str                # tidied, with the number as shown (typed or Word's)
    body: str                # without the number
    label: Label | None      # the leading number, if any
    auto: bool               # the number is Word's automatic numbering
    style_level: int | None  # 1..9 from a heading style or an outline level
    src: Para

    @property
    def excerpt(self) -> str:
        return _excerpt(self.text)

    @property
    def in_table(self) -> bool:
        return self.src.in_table

    @property
    def cells(self) -> list[str]:
        return [tidy(c) for c in (self.src.cells or ())]


def tidy_paragraphs(paras: list[Para]) -> list[Paragraph]:
    """The non-empty paragraphs and table rows of the document, tidied, numbered, numbers split off."""
    out: list[Paragraph] = []
    for para in paras:
        auto = tidy(para.label or "")
        text = tidy(para.text)
        if para.in_table:
            if para.cells is None or not any(tidy(c) for c in para.cells):
                continue
            out.append(Paragraph(len(out) + 1, text, text, None, False, None, para))
            continue
        full = (auto + text) if auto else text
        if not text:
            continue
        if auto:
            label, _ = split_label(auto + " ")
            body = text
        else:
            label, body = split_label(text)
        styled = _HEADING_STYLE.match(para.style or "")
        level = int(styled.group(1)) if styled else (
            para.outline_level + 1 if para.outline_level is not None else None)
        out.append(Paragraph(len(out) + 1, full, body.strip(), label, bool(auto), level, para))
    return out
