"""The paragraphs of an old report as plain text with their list labels, for ``docgen import``.

:mod:`docgen.docx.reader` reads what Word shows; before the report's structure can
be recognised, each paragraph must read the same however it was typed: spaces
and zero-width characters tidied, and a list number split off whether it was
typed ("1、", "1 、", "（1）", "1.", "①") or drawn by Word's automatic numbering.
The template generates list numbers, so they are dropped from the content,
but they still tell a list item from a free paragraph.  Numbered items typed
in one paragraph ("1、甲。2、乙。") are split here too.  Nothing here knows the
sections of a report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.text import ANY_SPACES, CIRCLED, ZERO_WIDTH
from ..docx.reader import Para

# ------------------------------------------------------------------ text tidying

_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_SPACES = re.compile(ANY_SPACES)


def tidy(text: str) -> str:
    """Trim each line (the "　　" typed as an indent), collapse runs of spaces and
    tabs to one space, drop zero-width characters and empty lines.

    Spaces inside the wording ("1150 条") are kept as written: wording is the
    author's, and ``docgen check`` points at stray spaces so the author decides.
    Spaces around the structure (the "1 、" of a list, the "方面 ：" of a lead)
    go with the structure when it is taken apart.
    """
    lines = (_SPACES.sub(" ", line).strip()
             for line in _ZERO_WIDTH.sub("", text).replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


# ------------------------------------------------------------------ list labels

# A list label at the start of a paragraph: 1、 1 、 1. 1． （1） (1) 1） ①
_LABEL = re.compile(
    r"^(?:(?P<dun>\d{1,3})\s*、"
    r"|(?P<dot>\d{1,3})\s*[.．](?![\d.．])"
    r"|[（(]\s*(?P<paren>\d{1,3})\s*[）)]"
    r"|(?P<half>\d{1,3})\s*[）)]"
    r"|(?P<circ>[" + CIRCLED + r"]))\s*")


def split_label(text: str) -> tuple[int | None, str, str]:
    """``"1 、湖南省…"`` → ``(1, "湖南省…", "dun")``; no label → ``(None, text, "")``."""
    m = _LABEL.match(text)
    if not m:
        return None, text, ""
    kind = m.lastgroup or ""
    value = m.group(kind)
    number = CIRCLED.index(value) + 1 if kind == "circ" else int(value)
    return number, text[m.end():], kind


_INLINE = {
    "dun": re.compile(r"(\d{1,3})\s*、"),
    "dot": re.compile(r"(\d{1,3})\s*[.．](?![\d.．])"),
    "paren": re.compile(r"[（(]\s*(\d{1,3})\s*[）)]"),
    "half": re.compile(r"(?<![（(\d])(\d{1,3})\s*[）)]"),
    "circ": re.compile("([" + CIRCLED + "])"),
}
_SENTENCE_END = set("。；;！!？?：:”’）)…")


def split_inline(text: str) -> tuple[list[str], list[int]] | None:
    """Numbered items typed in one paragraph: ``"1、甲。2、乙。"`` → ``(["甲。", "乙。"], [1, 2])``.

    The text must start with label 1.  A later label counts only where a
    sentence ends before it and its number is the next one (or repeats the last,
    the "1、2、2" slip), so "1-11月", "5.12" or "前2。" inside an item stay text.
    Returns None when the text is not a numbered list.
    """
    first, _, kind = split_label(text)
    if first != 1:
        return None
    pattern = _INLINE[kind]
    m0 = _LABEL.match(text)
    starts = [(0, m0.end(), 1)]
    pos = m0.end()
    last = 1
    for m in pattern.finditer(text, pos):
        if m.start() <= starts[-1][1]:
            continue
        prev = text[m.start() - 1]
        if prev not in _SENTENCE_END and not prev.isspace():
            continue
        value = m.group(1)
        n = CIRCLED.index(value) + 1 if kind == "circ" else int(value)
        if n not in (last + 1, last):
            continue
        end = m.end()
        while end < len(text) and text[end].isspace():
            end += 1
        starts.append((m.start(), end, n))
        last = n
    items = []
    numbers = []
    for i, (_, body_start, n) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        item = text[body_start:stop].strip()
        if not item:
            return None
        items.append(item)
        numbers.append(n)
    return items, numbers


# ------------------------------------------------------------------ paragraphs


def _excerpt(text: str, n: int = 18) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= n else text[:n] + "…"


@dataclass
class Paragraph:
    """A non-empty paragraph, tidied, with its list label (typed or automatic) split off."""

    no: int                  # 1-based among non-empty paragraphs
    text: str                # tidied, with the label as shown
    body: str                # without the list label
    item: int | None         # list number, if it is a list item
    styled: bool             # heading style, outline level or all bold
    src: Para

    @property
    def excerpt(self) -> str:
        return _excerpt(self.text)


def tidy_paragraphs(paras: list[Para]) -> list[Paragraph]:
    """The non-empty paragraphs of the document, tidied, numbered and with their list labels split off."""
    out: list[Paragraph] = []
    for para in paras:
        auto = tidy(para.label or "")
        text = tidy(para.text)
        full = tidy(auto + text) if auto else text
        if not full:
            continue
        item, body = None, text
        if auto:
            item, _, _ = split_label(auto + " ")
            if item is None:
                item = -1  # a bullet or an unusual label: still a list item
        else:
            item, body, _ = split_label(text)
        styled = (para.outline_level is not None or para.bold
                  or bool(re.match(r"(?i)^(heading|标题)\s*\d", para.style)))
        out.append(Paragraph(len(out) + 1, full, body.strip(), item, styled, para))
    return out
