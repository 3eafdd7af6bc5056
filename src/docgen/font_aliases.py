"""Whether this machine shows the .docx in the right kinds of face (LibreOffice, WPS on Linux).

The .docx names the Windows fonts of an official document (仿宋_GB2312, 方正小标宋简体,
黑体 …).  A Linux machine rarely has them, and fontconfig then gives LibreOffice a sans
face for all of them: body and headings in Noto Sans CJK, page numbers in DejaVu Sans.
docgen's alias file (``scripts/fontconfig/41-docgen-official-fonts.conf``, installed by
``scripts/setup-system.sh``) maps each name to the free stand-in of its kind, the same
faces as the PDF.  :func:`docx_font_substitutions` asks fontconfig (``fc-match``, as
LibreOffice does, for Chinese text) what each name becomes, so ``docgen fonts`` can say
when the aliases are not active and how to turn them on — for a user who only wants to
view the .docx, no root needed.

Only ``fc-match``; no WeasyPrint.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .layout import TEXT_ROLES
from .pdf.fonts import font_kind

ALIAS_FILE_NAME = "41-docgen-official-fonts.conf"
_GENERIC = {"serif", "sans-serif", "monospace"}


@dataclass(frozen=True)
class Substitution:
    """What fontconfig gives for one font the .docx names."""

    name: str            # the .docx's font: 仿宋_GB2312
    family: str          # the face fontconfig gives (its first family name)
    style: str
    right_kind: bool     # the font itself, or a face of its kind (a 仿宋 stand-in for 仿宋 …)
    bold_title: bool     # for the 小标宋 title: the font itself, or a Bold stand-in

    @property
    def ok(self) -> bool:
        return self.right_kind and self.bold_title


def docx_fonts() -> list[str]:
    """The fonts the .docx's styles name, East Asian first (:data:`docgen.layout.TEXT_ROLES`)."""
    names = [role.east_asia.docx_name for role in TEXT_ROLES] + [role.latin.docx_name for role in TEXT_ROLES]
    return list(dict.fromkeys(names))


def _match(name: str) -> tuple[list[str], str] | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    kind = font_kind(name)
    lang = "en" if kind is not None and kind.key == "times" else "zh-cn"
    pattern = name.replace("\\", "\\\\").replace("-", "\\-").replace(":", "\\:") + f":lang={lang}"
    try:
        out = subprocess.run([exe, "-f", "%{family}\n%{style}", pattern], capture_output=True,
                             text=True, timeout=20, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, styles = out.partition("\n")
    return [f.strip() for f in families.split(",") if f.strip()], styles.split(",")[0].strip()


def docx_font_substitutions() -> list[Substitution] | None:
    """Each font of :func:`docx_fonts` and the face fontconfig gives for it; None without ``fc-match``."""
    out = []
    for name in docx_fonts():
        found = _match(name)
        if found is None:
            return None
        families, style = found
        kind = font_kind(name)
        wanted = {name, *(f for f in (kind.css_families if kind else ()) if f not in _GENERIC)}
        itself = name in families
        right_kind = bool(wanted & set(families))
        bold = itself or kind is None or not kind.bold or "bold" in style.casefold()
        out.append(Substitution(name, families[0] if families else "?", style, right_kind, bold))
    return out


def alias_file() -> Path | None:
    """docgen's fontconfig alias file in this checkout (scripts/fontconfig/), if it is there."""
    path = Path(__file__).resolve().parents[2] / "scripts" / "fontconfig" / ALIAS_FILE_NAME
    return path if path.is_file() else None
