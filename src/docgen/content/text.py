"""The Chinese-text vocabulary: one definition of each character class and numeral docgen reads or writes.

Checks (:mod:`.check`), the YAML loader (:mod:`.load`), the model and the importer
all ask the same questions of text — is this a Han character, full-width
punctuation, an invisible character, an odd space; what number is "十二"; how
does Word write 105 in Chinese — and must get the same answers, so the answers
live here and nowhere else.
"""

from __future__ import annotations

import re

#: What a figure not yet known is written as; a render refuses while any is left (a to-do, 待办).
PLACEHOLDER = "待填"

# ---------------------------------------------------------------- character classes (regex ranges)

#: Han characters: CJK Extension A, the URO, compatibility ideographs.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Full-width punctuation and CJK brackets/quotes: 、。，；：？！（）《》“”‘’【】…—·
FULL_WIDTH_PUNCT = ("\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40"
                    "\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014")
CJK = f"{HAN}{FULL_WIDTH_PUNCT}"
#: Spaces a typist puts between words: ASCII space, tab, ideographic space, no-break space.
TYPED_SPACES = " \t\u3000\u00a0"
#: Spaces other than the ASCII one that YAML does not take as indentation or separators.
ODD_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
#: Every horizontal space a Word paragraph may hold (collapsed to one space on import).
ANY_SPACES = "[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+"
ODD_SPACE_NAMES = {"\u3000": "全角空格", "\u00a0": "不换行空格"}

#: Invisible characters that survive a paste from Word or a web page and print as nothing
#: (or as a break/hyphen in odd places): zero-width space/non-joiner/joiner, word joiner,
#: BOM, soft hyphen, direction marks and overrides, invisible math operators, Mongolian
#: vowel separator.
INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
INVISIBLE_NAMES = {
    "\u00ad": "软连字符 soft hyphen", "\u200b": "零宽空格 zero-width space",
    "\u200c": "零宽不连字 zero-width non-joiner", "\u200d": "零宽连字 zero-width joiner",
    "\u2060": "字连接符 word joiner", "\ufeff": "字节顺序标记 BOM / zero-width no-break space",
    "\u200e": "从左至右标记 LRM", "\u200f": "从右至左标记 RLM",
}
#: The zero-width characters an imported paragraph drops (they carry no wording).
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# ---------------------------------------------------------------- numerals and list labels

#: 一 … 十: the numerals of headings (一、), sub-headings （一） and counts (4大方面).
NUMERALS = "一二三四五六七八九十"
_DIGITS = "零一二三四五六七八九"
#: ① … ⑳: circled numbers, a list label some authors type.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def numeral_value(text: str) -> int | None:
    """The number a count in prose names: "4" → 4, "十二" → 12, "两" → 2, "二十" → 20; None if not one."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate(_DIGITS)}
    digits["两"] = 2
    if "十" in text:
        tens, _, ones = text.partition("十")
        if any(c not in digits for c in tens + ones) or len(tens) > 1 or len(ones) > 1:
            return None
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    if len(text) == 1 and text in digits:
        return digits[text]
    return None


def heading_number(text: str) -> int | None:
    """The number of a heading label written in numerals: 一 → 1 … 十九 → 19 … 九十九 → 99.

    Stricter than :func:`numeral_value`: only 一 … 十 (no digits, 零 or 两), as a heading writes them.
    """
    if not text or any(c not in NUMERALS for c in text):
        return None
    return numeral_value(text)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else
                                    ("一" + chinese_number(rest) if rest < 20 else chinese_number(rest)))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def tiangan(n: int) -> str:
    """甲 乙 丙 … (Word's ideographTraditional), cycling after 癸."""
    return _TIANGAN[(n - 1) % 10]


def dizhi(n: int) -> str:
    """子 丑 寅 … (Word's ideographZodiac), cycling after 亥."""
    return _DIZHI[(n - 1) % 12]


def circled(n: int) -> str:
    """① … ⑳; other numbers as digits."""
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)


#: A list number typed at the start of an item the template numbers itself:
#: "1、" "1." "１．" "一、" "（1）" "(一)" "1）" "①" "❶" — \\d includes full-width digits (１).
TYPED_LIST_NUMBER = re.compile(
    f"^\\s*(?:(?:\\d{{1,2}}|[{NUMERALS}]{{1,3}})\\s*[、.．](?!\\d)"
    f"|[（(]\\s*(?:\\d{{1,2}}|[{NUMERALS}]{{1,3}})\\s*[)）]"
    f"|\\d{{1,2}}\\s*[)）]"
    "|[\u2460-\u2473\u2776-\u277f\u2780-\u2793])\\s*")
