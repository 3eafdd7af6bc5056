"""``docgen fonts``' evidence: lay out a sample of each kind of font as the report would, read what was embedded.

Whether a PDF is set in the official fonts or in free stand-ins cannot be told from
font names: fontconfig's aliases, the office's own files and the faces that supply
a character a stand-in lacks (㎡) all decide.  So :func:`probe_font_kinds` renders
one small document per kind of font (:data:`docgen.layout.FONT_KINDS`) through the
same stylesheets, office fonts and restyled template as a report
(:func:`docgen.pdf.render.lay_out`) and reads the faces WeasyPrint put into it.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .. import seam
from ..docx.styles import default_styles, read_template
from ..layout import FONT_KINDS, FontKind, first_use
from .fonts import font_dirs_for, scan_font_dirs
from .render import lay_out, url_errors, wrap_text


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
    with url_errors(Path(template_dir)):
        document.write_pdf()
    return sorted(seam.embedded_faces(document), key=lambda u: (-len(u[2]), u[0]))


@dataclass(frozen=True)
class UsedFace:
    """One face WeasyPrint embedded for a kind of font, and the characters it supplied."""

    family: str
    bold: bool
    file: str          # the font file, or "" when it cannot be found
    chars: str         # characters of the probe text set in this face
    official: bool     # one of the kind's official fonts (from the office or installed)


@dataclass(frozen=True)
class FontKindReport:
    """What the PDF got for one kind of font, probed in the first role that uses it.

    ``restyled_to``: the font the .docx template gives that role instead of docgen's
    own (``楷体`` where a user restyled Normal), or None.
    """

    kind: FontKind
    faces: tuple[UsedFace, ...]
    restyled_to: str | None = None

    @property
    def main(self) -> UsedFace | None:
        """The face that set most of the probe's text."""
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


def probe_html(kind: FontKind) -> tuple[str, bool]:
    """The fragment of report.html's structure that shows ``kind``, and whether it is a page number.

    The kind's sample goes into the element of the first role set in it
    (:func:`docgen.layout.first_use`), inside a ``.latin`` span where the role uses
    the kind for its Latin text.  A page-number role has no element: it is probed on
    an empty page, whose page-number box is the only text.
    """
    role, slot = first_use(kind)
    if role.margin_box:
        return "", True
    tag, _, css_class = role.selector.partition(".")
    attrs = f' class="{css_class}"' if css_class else ""
    text = f'<span class="latin">{kind.sample}</span>' if slot == "latin" else kind.sample
    return f"<{tag}{attrs}>{text}</{tag}>", False


def restyled_fonts(docx_template: Path | None) -> dict[str, str]:
    """Kinds (by key) whose role the .docx template set in another font than docgen's own, with that font."""
    if docx_template is None:
        return {}
    mine, default = read_template(docx_template).roles, default_styles().roles
    out = {}
    for kind in FONT_KINDS:
        role, slot = first_use(kind)
        new = getattr(mine.get(role.key), slot, None)
        if new and new != getattr(default.get(role.key), slot, None):
            out[kind.key] = new
    return out


def probe_font_kinds(template_dir: Path, font_dirs: list[Path] | None = None,
                     docx_template: Path | None = None) -> list[FontKindReport]:
    """Lay out each kind's sample as the report would and report the faces WeasyPrint embedded.

    ``docx_template``: a .docx template whose restyled styles the PDF follows (as in a render).
    """
    scan = scan_font_dirs(font_dirs_for(template_dir, font_dirs))
    office_files = {f.kind.face_family: f for f in scan.fonts}
    restyled = restyled_fonts(docx_template)
    reports = []
    for kind in FONT_KINDS:
        # A page number is probed on an empty page (its margin box only); the others
        # with the margin boxes switched off, so each report shows one kind.
        html, page_numbers = probe_html(kind)
        used = render_probe(html, template_dir=template_dir, font_dirs=font_dirs,
                            page_numbers=page_numbers, docx_template=docx_template)
        official_names = {n.casefold() for n in kind.official}
        faces = []
        for family, bold, chars in used:
            office = office_files.get(family)
            file = str(office.path) if office else _fc_match_file(family, bold)
            official = office is not None or family.casefold() in official_names
            faces.append(UsedFace(family, bold, file, chars, official))
        reports.append(FontKindReport(kind, tuple(faces), restyled.get(kind.key)))
    return reports
