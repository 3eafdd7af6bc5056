"""``docgen fonts``' evidence: lay out a sample of each role as the report would, read what was embedded.

Whether a PDF is set in the official fonts or in free stand-ins cannot be told from
font names: fontconfig's aliases, the office's own files and the faces that supply
a character a stand-in lacks (㎡) all decide.  So :func:`probe_roles` renders one
small document per role through the same stylesheets, office fonts and restyled
template as a report (:func:`docgen.pdf.render.lay_out`) and reads the faces
WeasyPrint put into it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .fonts import ROLES, Role, font_dirs_for, scan_font_dirs
from .render import lay_out, wrap_text


def render_probe(fragment: str, *, template_dir: Path, font_dirs: list[Path] | None = None,
                 page_numbers: bool = False, docx_template: Path | None = None) -> list[tuple[str, bool, str]]:
    """Lay out ``fragment`` like the report and return ``(family, bold, characters)`` of each face embedded.

    Used by ``docgen fonts``: the faces are read from WeasyPrint's own font
    objects after it has written the PDF, so they are what a report would embed.
    """
    html = wrap_text(f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head>'
                      f"<body>{fragment}</body></html>")
    extra = "" if page_numbers else (
        "@page :left { @bottom-left { content: none } } @page :right { @bottom-right { content: none } }")
    document = lay_out(html, Path(template_dir), font_dirs, extra, docx_template=docx_template)
    document.write_pdf()
    used = []
    for font in document.fonts.values():
        chars = "".join(sorted(set("".join(font.to_unicode.values())) - {" "}))
        used.append((font.family, font.weight >= 600, chars))
    return sorted(used, key=lambda u: (-len(u[2]), u[0]))


@dataclass(frozen=True)
class UsedFace:
    """One face WeasyPrint embedded for a role, and the characters it supplied."""

    family: str
    bold: bool
    file: str          # the font file, or "" when it cannot be found
    chars: str         # characters of the probe text set in this face
    official: bool     # one of the role's official fonts (from the office or installed)


@dataclass(frozen=True)
class RoleReport:
    role: Role
    faces: tuple[UsedFace, ...]

    @property
    def main(self) -> UsedFace | None:
        """The face that set most of the role's text."""
        return max(self.faces, key=lambda f: len(f.chars), default=None)

    @property
    def uses_standin(self) -> bool:
        main = self.main
        return main is None or not main.official


def _fc_match_file(family: str, bold: bool) -> str:
    """The file fontconfig gives for exactly ``family`` (the system fonts WeasyPrint also sees)."""
    exe = shutil.which("fc-match")
    if not exe:
        return ""
    pattern = family.replace("-", r"\-").replace(":", r"\:") + (":weight=bold" if bold else "")
    try:
        out = subprocess.run([exe, "-f", "%{family}\n%{file}", pattern], capture_output=True,
                             text=True, timeout=20, check=True).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return ""
    families = {f.strip() for f in out[0].split(",")} if out else set()
    return out[1].strip() if len(out) > 1 and family in families else ""


def probe_roles(template_dir: Path, font_dirs: list[Path] | None = None,
                docx_template: Path | None = None) -> list[RoleReport]:
    """Render each role's sample through report.css and report the faces WeasyPrint embedded.

    ``docx_template``: a .docx template whose restyled styles the PDF follows (as in a render).
    """
    scan = scan_font_dirs(font_dirs_for(template_dir, font_dirs))
    office_files = {f.role.face_family: f for f in scan.fonts}
    reports = []
    for role in ROLES:
        # The page-number role is probed on an empty page (its margin box only); the
        # others with the margin boxes switched off, so each report shows one role.
        used = render_probe(role.html, template_dir=template_dir, font_dirs=font_dirs,
                            page_numbers=role.key == "page_number", docx_template=docx_template)
        faces = []
        for family, bold, chars in used:
            office = office_files.get(family)
            file = str(office.path) if office else _fc_match_file(family, bold)
            official = office is not None or family.casefold() in {n.casefold() for n in role.official}
            faces.append(UsedFace(family, bold, file, chars, official))
        reports.append(RoleReport(role, tuple(faces)))
    return reports


def harfbuzz_subsetting() -> bool:
    """True when WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (~12 s a CJK font)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))
