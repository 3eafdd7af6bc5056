"""The field types every content model shares: a text as an office writes it, and the base model.

A :data:`Text` is a non-empty string, never the 待填 placeholder, without the control
characters XML forbids, with Windows line ends made "\n".  :class:`_Model` forbids
unknown keys and freezes the data.  The report (:mod:`.model`) and its attachments
(:mod:`.self_evaluation`) are built from these.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from .text import PLACEHOLDER

# XML 1.0 forbids C0 controls except tab, LF, CR (and U+FFFE/U+FFFF, lone surrogates).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "不能为空：请填写文字。must not be empty")
    if value.strip() == PLACEHOLDER:
        raise PydanticCustomError("placeholder", "待填写：请写出这段文字。text still to be written")
    bad = _XML_ILLEGAL.search(value)
    if bad:
        raise PydanticCustomError(
            "illegal_char",
            "含有不可见的控制字符 U+{code}（第 {pos} 个字符，常见于从 Word 或网页粘贴的文字）。"
            "control character not allowed",
            {"code": f"{ord(bad.group()):04X}", "pos": bad.start() + 1},
        )
    # Word/Windows line ends become "\n" (a <w:br/> line break in the .docx); the newline
    # that ends every "|" block is YAML syntax, not a line break the author asked for.
    return value.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


Text = Annotated[str, Field(strict=True), AfterValidator(_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)
