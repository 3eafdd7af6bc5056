"""Chinese text as the .docx and the PDF both set it: font runs, portions and the gaps between them.

The report is published as a .docx and as docgen's own PDF, and both must break
their lines at the same places (README: "laid out the same way").  The real client
of the .docx here is LibreOffice Writer; Word and WPS read the same XML.  This
module is the one description of the text both renderers follow:

* **Font runs.**  Word picks a run's font by character range (MS-OI29500 §2.1.88):
  quotes “”‘’, the middle dot ·, dashes and ellipsis —…, ×, ° … are "ambiguous" and
  get the *Latin* font unless the run says ``w:hint="eastAsia"``; LibreOffice ignores
  ``w:hint`` and gives such a character the script of the character before it, so the
  closing quote of “12345” came out in Times New Roman.  Every non-ASCII character
  that is not East Asian by block (:func:`needs_east_asian_font`) therefore goes in a
  run of its own that names the East Asian font for all slots *and* carries the hint
  (:mod:`docgen.docx.runs`); the PDF sets the same characters in the Chinese face.

* **Portions** (LibreOffice's word for them): stretches of one script (Asian, Latin;
  a "weak" character — punctuation, a space — takes the script of the one before it,
  or at the start the one after it) within one run.  LibreOffice spaces a portion
  differently from its inside, and so does the PDF, to the same rule:

  - the letter spacing (``w:spacing`` −0.25 pt) is not added after the last
    character of a portion;
  - where an Asian portion meets a Latin one and both characters at the seam are
    letters or digits (区|2020, 0|年), it puts 1/5 of the font size between them
    (sw/source/core/text/itrform2.cxx: "The distance between two different scripts is
    set to 20% of the fontheight").  Word's ``w:autoSpaceDE``/``w:autoSpaceDN`` are
    meant for this, but LibreOffice's importer ignores both (writerfilter DomainMapper:
    no-ops), so the space cannot be turned off in the .docx; the PDF adds it instead.
    That gap vanishes at the end and start of a line, like a space.

* **Quotes.**  A Chinese line may begin with “ and end with ”, which is where
  LibreOffice breaks; UAX #14, which the PDF's line breaker follows, treats “”‘’ as
  ambiguous quotation marks and breaks neither before nor after them, so it moved
  "和“红色" down whole.  :func:`quote_breaks` lists where the PDF may break too.

* **No break inside a figure range**: a hyphen between two digits ("1-11月") is
  written as Word's non-breaking hyphen in the .docx (the PDF's line breaker, UAX #14
  HY × NU, does not break there either).

Nothing here knows about XML or HTML; :mod:`docgen.docx.runs` and
:func:`docgen.pdf.render.wrap_text` turn the pieces into runs and spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Fraction of the font size LibreOffice puts between an Asian and a Latin letter or digit.
AUTOSPACE = 0.2

#: A hyphen-minus between two digits ("1-11月", "2018-2020年"): never a line break.
DIGIT_HYPHEN = re.compile(r"(?<=[0-9])-(?=[0-9])")

# Blocks whose characters Word sets in the East Asian font and LibreOffice calls Asian.
_EAST_ASIAN = (
    (0x1100, 0x11FF),    # Hangul Jamo
    (0x2E80, 0x4DBF),    # CJK radicals … CJK symbols and punctuation, kana, enclosed CJK, ㎡, ext. A
    (0x4E00, 0xD7AF),    # CJK unified ideographs, Yi, Hangul syllables
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFE30, 0xFE4F),    # CJK compatibility forms
    (0xFF00, 0xFFEF),    # half-width and full-width forms (，：（） …)
    (0x20000, 0x3FFFF),  # CJK extensions B …
)

#: Runs of :func:`needs_east_asian_font` characters: not ASCII, not in an East Asian block, not a space.
_NEEDS_EAST_ASIAN_FONT = re.compile(
    "[^\\x00-\\x7f" + "".join(f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in _EAST_ASIAN) + "\\s]+")

# Characters LibreOffice treats as "weak" although their block is Latin (i18nutil scriptclass).
_WEAK_LATIN1 = frozenset((0x01, 0x02, 0x20, 0xA0, 0xB2, 0xB3, 0xB9, 0x2C7, 0x2CA, 0x2CB, 0x2D9))

ASIAN, LATIN, WEAK = "asian", "latin", "weak"

_OPENING_QUOTES = "“‘"
_CLOSING_QUOTES = "”’"
#: Never at the end of a line (before them no quote-break is added) …
_OPENERS = "“‘（《「『【〈〔［｛([{"
#: … and never at the start of one (GB/T 15834 line-start rules, roughly).
_CLOSERS = "”’，。、；：！？）》」』】〉〕］｝…—·,.;:!?)]}%"


def is_east_asian(ch: str) -> bool:
    """Whether ``ch`` is in an East Asian block (ideographs, CJK punctuation, full-width forms)."""
    c = ord(ch)
    return any(lo <= c <= hi for lo, hi in _EAST_ASIAN)


def needs_east_asian_font(ch: str) -> bool:
    """A character that Word or LibreOffice would set in the *Latin* font unless told otherwise.

    Non-ASCII and not East Asian by block: “”‘’ · — … × ° № ① and the like.  In a
    Chinese report they are the Chinese face's full-width glyphs, as in the PDF.
    (Space-like characters stay as they are.)
    """
    return not ch.isascii() and not is_east_asian(ch) and not ch.isspace()


def script(ch: str) -> str:
    """LibreOffice's script class of ``ch`` before weak characters are resolved: ASIAN, LATIN or WEAK."""
    c = ord(ch)
    if is_east_asian(ch):
        return ASIAN
    if c in _WEAK_LATIN1 or c < 0x20:  # and line breaks, tabs: they belong to no script
        return WEAK
    if c <= 0x2FF or 0x370 <= c <= 0x58F or 0x1E00 <= c <= 0x1FFF:
        return LATIN
    return WEAK  # punctuation, symbols (general punctuation, arrows, enclosed alphanumerics …)


def resolved_scripts(text: str) -> list[str]:
    """The script of each character, weak ones resolved as LibreOffice does (previous, else next, else Asian)."""
    out = [script(ch) for ch in text]
    previous = None
    for i, s in enumerate(out):
        if s == WEAK:
            out[i] = previous or WEAK
        else:
            previous = s
    following = ASIAN
    for i in range(len(out) - 1, -1, -1):
        if out[i] == WEAK:
            out[i] = following
        else:
            following = out[i]
    return out


def quote_breaks(text: str) -> list[int]:
    """Positions ``i`` where a line may break between ``text[i-1]`` and ``text[i]`` because of a quote.

    Before an opening quote (“ ‘) that does not follow an opening bracket or a
    space, and after a closing quote (” ’) that is not followed by punctuation that
    may not start a line.
    """
    out = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in _OPENING_QUOTES and before not in _OPENERS and not before.isspace():
            out.append(i)
        elif before in _CLOSING_QUOTES and after not in _CLOSERS and not after.isspace():
            out.append(i)
    return out


def font_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, east_asian_font)``: True for the pieces of :func:`needs_east_asian_font`.

    One regular expression finds the runs of such characters (a per-character loop
    cost about 15 ms of every .docx render).
    """
    runs: list[tuple[str, bool]] = []
    pos = 0
    for m in _NEEDS_EAST_ASIAN_FONT.finditer(text):
        if m.start() > pos:
            runs.append((text[pos:m.start()], False))
        runs.append((m.group(), True))
        pos = m.end()
    if pos < len(text):
        runs.append((text[pos:], False))
    return runs


@dataclass(frozen=True)
class Portion:
    """A stretch of one script in one font run, and what comes between it and the next one."""

    text: str
    script: str
    east_asian_font: bool   # a run of :func:`needs_east_asian_font` characters
    last: bool              # the text's last portion (nothing follows it)
    autospace: bool         # the Asian/Latin gap (:data:`AUTOSPACE`) follows it


def portions(text: str) -> list[Portion]:
    """The portions of one paragraph's text (or one stretch of it between line breaks).

    A hyphen between digits is a portion of its own: the .docx writes it as a
    non-breaking hyphen, which LibreOffice sets apart from the digits around it.
    """
    scripts = resolved_scripts(text)
    cuts = {m.start() for m in DIGIT_HYPHEN.finditer(text)}
    cuts |= {c + 1 for c in cuts}
    out: list[Portion] = []
    start = 0
    pos = 0
    for piece, forced in font_runs(text):
        end = pos + len(piece)
        for i in range(pos, end):
            boundary = i + 1 == end or scripts[i + 1] != scripts[i] or i + 1 in cuts
            if not boundary:
                continue
            j = i + 1
            gap = (j < len(text) and scripts[i] != scripts[j] and ASIAN in (scripts[i], scripts[j])
                   and text[i].isalnum() and text[j].isalnum())
            out.append(Portion(text[start:j], scripts[i], forced, j == len(text), gap))
            start = j
        pos = end
    return out
