"""Fonts for the PDF: the text roles, the kinds of font, and the office's own font files.

An official report is set in fonts the office licenses (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312, 宋体, Times New Roman).  A Linux machine rarely has them, so
``templates/report.css`` names, for each role, the official fonts first and then
free stand-ins (``shared/design/layout.md``).  This module adds the office's font
files — the project's ``fonts/`` folder and any ``--fonts DIR``.  Each file is
recognised by the names inside it (not its file name) and declared as an
``@font-face`` under the role's English official name (``FangSong_GB2312`` …),
which the stylesheet lists first, so it wins over everything else.  ASCII names
keep the PDF's font names valid PDF names.  What was really embedded is
:mod:`docgen.pdf.probe`'s business.

No WeasyPrint here (fontTools, to read a font file's names, is imported when a
folder is scanned): the restyle warnings of a render read these tables cheaply.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DocgenError, EXIT_USAGE

#: Font file types that WeasyPrint (through fontconfig) and fontTools can both read.
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


@dataclass(frozen=True)
class Role:
    """A text role of the layout and the names of the fonts that are official for it."""

    key: str
    label: str                 # shown by `docgen fonts`
    face_family: str           # @font-face family for an office file (first in report.css)
    official: tuple[str, ...]  # names (any language) that make a font file official for the role
    standin: str               # the free face layout.md prescribes when the official one is missing
    html: str                  # probe: one element of report.html's structure, styled by report.css
    bold: bool = False         # the role is set bold (the 小标宋 title: its stand-in's Bold face)


_BODY_SAMPLE = "整体支出绩效评价报告，“三公经费”；实现商业楼宇去化㎡。"
_LATIN_SAMPLE = "2020 5005.93 100% A-Z"

ROLES: tuple[Role, ...] = (
    Role("title", "标题 title（方正小标宋简体 22pt）", "FZXiaoBiaoSong-B05S",
         ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05",
          "FZXBSJW--GB1-0", "FZXBSK--GBK1-0"),
         "Noto Serif CJK SC Bold",
         '<h1 class="title">整体支出绩效评价报告</h1>', bold=True),
    Role("body", "正文 body（仿宋_GB2312 16pt）", "FangSong_GB2312",
         ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", "FangSong_GB18030"),
         "FandolFang",
         f"<p>{_BODY_SAMPLE}</p>"),
    Role("heading1", "一级标题 heading 一、（黑体 16pt）", "SimHei",
         ("黑体", "SimHei"),
         "Noto Sans CJK SC",
         "<h2>一、整体支出概况</h2>"),
    Role("heading2", "二级标题 heading （一）（楷体_GB2312 16pt）", "KaiTi_GB2312",
         ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
         "AR PL KaitiM GB",
         "<h3>（一）资金使用情况</h3>"),
    Role("latin", "数字和西文 digits, Latin（Times New Roman）", "Times New Roman",
         ("Times New Roman", "TimesNewRomanPSMT"),
         "Liberation Serif",
         f'<p><span class="latin">{_LATIN_SAMPLE}</span></p>'),
    Role("page_number", "页码 page number（宋体 14pt）", "SimSun",
         ("宋体", "SimSun"),
         "AR PL SungtiL GB",
         ""),  # the page number is a margin box: every probe page has one
)

ROLE_BY_KEY = {role.key: role for role in ROLES}


# ---------------------------------------------------------------- kinds of font (restyled templates)

#: The font-family lists of ``templates/report.css``, by kind of font: the office's
#: @font-face name (``Role.face_family``), the other official names, the free stand-ins,
#: a generic family.  When a user restyles ``report.docx`` to another font, the PDF
#: gets the list of that font's kind (:func:`font_family_list`).
#: ``tests/test_pdf_restyle.py`` checks these equal the lists in report.css.
FONT_KINDS: dict[str, tuple[str, ...]] = {
    "fangsong": ("FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "FandolFang",
                 "Noto Serif CJK SC", "AR PL UMing CN", "serif"),
    "xiaobiaosong": ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "方正小标宋_GBK", "Noto Serif CJK SC",
                     "FandolSong", "serif"),
    "hei": ("SimHei", "黑体", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "sans-serif"),
    "kai": ("KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", "AR PL KaitiM GB", "AR PL UKai CN",
            "FandolKai", "Noto Serif CJK SC", "serif"),
    "song": ("SimSun", "宋体", "AR PL SungtiL GB", "AR PL UMing CN", "FandolSong",
             "Noto Serif CJK SC", "serif"),
    "times": ("Times New Roman", "Liberation Serif", "TeX Gyre Termes", "Nimbus Roman", "serif"),
}

#: Words in a font's name that tell its kind, checked in this order (小标宋 and 仿宋 before 宋).
_KIND_MARKS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("xiaobiaosong", ("小标宋", "xiaobiaosong")),
    ("fangsong", ("仿宋", "fangsong")),
    ("kai", ("楷", "kai")),
    ("hei", ("黑", "hei")),
    ("song", ("宋", "simsun", "song")),
    ("times", ("timesnewroman",)),
)

_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy"}


def font_kind(name: str) -> str | None:
    """The kind of a font named in a .docx (``"华文楷体"`` → ``"kai"``); None for a name of no known kind."""
    folded = "".join(ch for ch in name if ch not in " _-").casefold()
    for kind, marks in _KIND_MARKS:
        if any(mark in folded for mark in marks):
            return kind
    return None


def font_family_list(name: str, role_kind: str, declared: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The CSS families for a font a .docx names: the name first, then the stand-ins of its kind.

    A name of no known kind is followed by the stand-ins of the role (``role_kind``).
    When the office's own file of that kind is declared (``declared``: the
    @font-face families docgen added), it goes before the name: fontconfig's
    aliases would otherwise put the free stand-in of the name ahead of it.
    """
    kind = font_kind(name)
    families = FONT_KINDS[kind or role_kind]
    head = [families[0]] if kind and families[0] in declared else []
    out: list[str] = []
    for family in (*head, name, *families):
        if family not in out:
            out.append(family)
    return tuple(out)


@lru_cache(maxsize=64)
def font_installed(family: str) -> bool | None:
    """Whether fontconfig has a font of exactly this family (aliases aside); None without fc-list."""
    exe = shutil.which("fc-list")
    if not exe:
        return None
    pattern = ":family=" + "".join("\\" + ch if ch in "\\-:,=" else ch for ch in family)
    try:
        out = subprocess.run([exe, pattern, "family"], capture_output=True, text=True, timeout=20,
                             check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return bool(out.strip())


def css_font_family(families: tuple[str, ...]) -> str:
    """A CSS ``font-family`` value: names quoted, generic families bare."""
    return ", ".join(f if f in _GENERIC else _css_string(f) for f in families)


# ---------------------------------------------------------------- office font files


@dataclass(frozen=True)
class OfficeFont:
    """A font file from ``fonts/`` or ``--fonts DIR`` and the role its names make it official for."""

    path: Path
    role: Role
    names: tuple[str, ...]
    weight: str = "normal"     # CSS font-weight of the @font-face
    style: str = "normal"      # CSS font-style


@dataclass
class FontScan:
    """What the office font folders hold: usable files by role, and files that were skipped."""

    fonts: list[OfficeFont] = field(default_factory=list)
    unused: list[tuple[Path, str]] = field(default_factory=list)   # (file, why)


def default_font_dirs(template_dir: Path) -> list[Path]:
    """The project's ``fonts/`` folder, beside ``templates/``."""
    return [Path(template_dir).parent / "fonts"]


def font_dirs_for(template_dir: Path, font_dirs: list[Path] | None) -> list[Path]:
    """``--fonts`` folders first (in the order given), then the project's ``fonts/``."""
    dirs: list[Path] = []
    for d in [*(font_dirs or []), *default_font_dirs(template_dir)]:
        d = Path(d).resolve()
        if d not in dirs:
            dirs.append(d)
    return dirs


def check_font_dirs(font_dirs: list[Path] | None) -> None:
    """``--fonts`` folders must exist: a typo must not silently fall back to stand-ins."""
    for d in font_dirs or []:
        if not Path(d).is_dir():
            raise DocgenError.single(
                f"字体文件夹不存在 font folder not found: {d}", field="--fonts", exit_code=EXIT_USAGE,
                hint="--fonts 后写存放单位字体文件（.ttf/.otf/.ttc）的文件夹。")



def _names(font) -> set[str]:
    """Family, full, PostScript and typographic-family names in every language of the file."""
    out = set()
    for rec in font["name"].names:
        if rec.nameID in (1, 4, 6, 16):
            try:
                text = rec.toUnicode(errors="strict")
            except (UnicodeDecodeError, LookupError):
                continue
            text = text.strip().strip("\x00")
            if text:
                out.add(text)
    return out


@lru_cache(maxsize=256)
def _read_names(path: str, mtime_ns: int, size: int) -> tuple[tuple[tuple[str, ...], int, bool], ...]:
    """(names, OS/2 weight class, italic) of each face of a font file; cached per file version."""
    from fontTools.ttLib import TTCollection, TTFont

    out = []
    with open(path, "rb") as fh:  # fontTools reads lazily from it: everything is read inside
        collection = fh.read(4) == b"ttcf"
        fh.seek(0)
        faces = list(TTCollection(fh, lazy=True).fonts) if collection else [TTFont(fh, lazy=True)]
        for face in faces:
            weight, italic = 400, False
            if "OS/2" in face:
                weight = face["OS/2"].usWeightClass
                italic = bool(face["OS/2"].fsSelection & 1)
            out.append((tuple(sorted(_names(face))), weight, italic))
    return tuple(out)


def _role_for(names: set[str]) -> Role | None:
    folded = {n.casefold() for n in names}
    for role in ROLES:
        if folded & {n.casefold() for n in role.official}:
            return role
    return None


def scan_font_dirs(dirs: list[Path]) -> FontScan:
    """Find the office's font files in ``dirs`` (recursively) and the role of each.

    A file counts for a role when one of its names is one of the role's official
    names; other font files are listed as unused (``docgen fonts`` shows them), so
    a misnamed or unexpected file is visible instead of silently ignored.
    """
    scan = FontScan()
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(p for p in d.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()):
            st = path.stat()
            try:
                faces = _read_names(str(path), st.st_mtime_ns, st.st_size)
            except Exception as exc:  # not a font, damaged, unsupported format
                scan.unused.append((path, f"无法读取 unreadable: {type(exc).__name__}"))
                continue
            matched = False
            for names, weight, italic in faces:
                role = _role_for(set(names))
                if role is None:
                    continue
                matched = True
                css_weight = "bold" if role.bold or weight >= 600 else "normal"
                font = OfficeFont(path, role, names, css_weight, "italic" if italic else "normal")
                if font not in scan.fonts:
                    scan.fonts.append(font)
                break  # one @font-face per file: WeasyPrint loads the whole file
            if not matched:
                shown = "、".join(sorted({n for f in faces for n in f[0]})[:3]) or "?"
                scan.unused.append((path, f"不是报告使用的字体 not an official font of the layout ({shown})"))
    return scan


def _css_string(text: str) -> str:
    """A CSS string; control characters (a newline ends a CSS string) become spaces."""
    text = "".join(" " if ord(ch) < 0x20 or ord(ch) == 0x7F else ch for ch in text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def font_face_css(scan: FontScan) -> str:
    """``@font-face`` rules declaring the office's files under the roles' English names."""
    rules = []
    seen: set[tuple[str, str, str]] = set()
    for font in scan.fonts:
        key = (font.role.face_family, font.weight, font.style)
        if key in seen:  # an earlier folder (--fonts) already provides this face
            continue
        seen.add(key)
        rules.append(
            "@font-face {\n"
            f"  font-family: {_css_string(font.role.face_family)};\n"
            f"  src: url({_css_string(font.path.resolve().as_uri())});\n"
            f"  font-weight: {font.weight};\n"
            f"  font-style: {font.style};\n"
            "}\n")
    return "".join(rules)
