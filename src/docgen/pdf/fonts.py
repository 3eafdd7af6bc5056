"""Fonts for the PDF: the font lists of the text roles, the kinds of font, the office's own files.

An official report is set in fonts the office licenses (方正小标宋简体, 仿宋_GB2312, 黑体,
楷体_GB2312, 宋体, Times New Roman).  A Linux machine rarely has them, so each role's
font list (:func:`font_lists_css`, from :mod:`docgen.layout`'s table) names the
official fonts first and then free stand-ins (``shared/design/layout.md``).  A font a
user restyles the template to gets the list of its kind (:func:`font_family_list`).

The office's font files — the project's ``fonts/`` folder and any ``--fonts DIR`` —
are recognised by the names inside them (not their file names) and declared as an
``@font-face`` under the kind's English official name (``FangSong_GB2312`` …), which
the lists name first, so they win over everything else.  ASCII names keep the PDF's
font names valid PDF names.  What was really embedded is :mod:`docgen.pdf.probe`'s
business.

A file counts only if it is a regular file and really draws its kind's characters
(:attr:`docgen.layout.FontKind.draws`, checked by :func:`docgen.pdf.glyphs.undrawable`):
a damaged file whose names say "Times New Roman" but which has no digits is listed
as unusable (:attr:`FontScan.damaged`), and the PDF is set without it.

No WeasyPrint here (fontTools, to read a font file's names, is imported when a
folder is scanned): the restyle warnings of a render read these tables cheaply.
"""

from __future__ import annotations

import shutil
import stat
import subprocess
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import DocgenError, EXIT_TEMPLATE, EXIT_USAGE
from ..inputs import kind_of, open_regular
from ..layout import FONT_KINDS, ROLES, TEXT_ROLES, FontKind
from .glyphs import undrawable

#: Font file types that WeasyPrint (through fontconfig) and fontTools can both read.
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
#: The largest font collections (all of Source Han in one .otc) are about 120 MB.
MAX_FONT_BYTES = 256_000_000
#: Every kind's characters, each once: what a scanned face is checked against.
_ALL_DRAWN = "".join(dict.fromkeys("".join(kind.draws for kind in FONT_KINDS)))

_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy"}


# ---------------------------------------------------------------- kinds of font


def font_kind(name: str) -> FontKind | None:
    """The kind of a font named in a .docx (``"华文楷体"`` → 楷体); None for a name of no known kind.

    The kinds' marks are tried in the order of :data:`docgen.layout.FONT_KINDS`, so
    小标宋 and 仿宋 are found before 宋.
    """
    folded = "".join(ch for ch in name if ch not in " _-").casefold()
    for kind in FONT_KINDS:
        if any(mark in folded for mark in kind.marks):
            return kind
    return None


def font_family_list(name: str, role_kind: FontKind, declared: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The CSS families for a font a .docx names: the name first, then the stand-ins of its kind.

    A name of no known kind is followed by the list of the role's own kind
    (``role_kind``).  When the office's own file of that kind is declared
    (``declared``: the @font-face families docgen added), it goes before the name:
    fontconfig's aliases would otherwise put the free stand-in of the name ahead of it.
    """
    kind = font_kind(name)
    families = (kind or role_kind).css_families
    head = [families[0]] if kind and families[0] in declared else []
    out: list[str] = []
    for family in (*head, name, *families):
        if family not in out:
            out.append(family)
    return tuple(out)


def known_font_names() -> frozenset[str]:
    """Every family the PDF's font lists name (official names, stand-ins, generic families)."""
    return frozenset(name for kind in FONT_KINDS for name in kind.css_families)


def font_lists_css() -> str:
    """The font-family of every text role, written from :data:`docgen.layout.TEXT_ROLES`.

    The PDF lays this stylesheet out *before* ``report.css``, so the fonts have one
    source (the table the .docx template is built from) and ``report.css`` may still
    set a font-family of its own, which wins.  The body's fonts are the document's
    (``html``: what ``docDefaults`` is in the .docx), and its Latin kind is every
    ``.latin`` span's; each other role's element gets its own kinds, each
    page-number box its font (it is one run of text: no Latin list of its own).
    """
    body = ROLES["body"]
    rules = [f"html {{ font-family: {css_font_family(body.east_asia.css_families)}; }}",
             f".latin {{ font-family: {css_font_family(body.latin.css_families)}; }}",
             # the hidden spaces that carry the .docx's gaps between portions: a Times space
             f".sp, .as {{ font-family: {css_font_family(body.latin.css_families)}; }}"]
    for role in TEXT_ROLES:
        if role.selector is None:
            continue
        family = css_font_family(role.east_asia.css_families)
        if role.margin_box:
            page, box = role.margin_box
            rules.append(f"@page {page} {{ @{box} {{ font-family: {family}; }} }}")
            continue
        rules.append(f"{role.selector} {{ font-family: {family}; }}")
        if role.latin is not body.latin:
            rules.append(f"{role.selector} .latin {{ font-family: {css_font_family(role.latin.css_families)}; }}")
    return "".join(rule + "\n" for rule in rules)


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
    """A font file from ``fonts/`` or ``--fonts DIR`` and the kind its names make it official for."""

    path: Path
    kind: FontKind
    names: tuple[str, ...]
    weight: str = "normal"     # CSS font-weight of the @font-face
    style: str = "normal"      # CSS font-style


@dataclass
class FontScan:
    """What the office font folders hold: usable files by kind, and files that were skipped."""

    fonts: list[OfficeFont] = field(default_factory=list)
    unused: list[tuple[Path, str]] = field(default_factory=list)   # (file, why)
    #: files whose names make them official for a kind but that cannot draw its text
    damaged: list[tuple[Path, FontKind, str]] = field(default_factory=list)


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
def _read_names(path: str, mtime_ns: int, size: int) -> tuple[tuple[tuple[str, ...], int, bool, str], ...]:
    """(names, OS/2 weight class, italic, characters it cannot draw) of each face of a font file.

    The characters are those of every kind's :attr:`~docgen.layout.FontKind.draws` that
    the face lacks (:func:`docgen.pdf.glyphs.undrawable`).  Cached per file version.
    """
    from fontTools.ttLib import TTCollection, TTFont

    out = []
    with open_regular(Path(path), display=path, exit_code=EXIT_TEMPLATE, what="字体文件") as fh:
        # fontTools reads lazily from it: everything is read inside
        collection = fh.read(4) == b"ttcf"
        fh.seek(0)
        faces = list(TTCollection(fh, lazy=True).fonts) if collection else [TTFont(fh, lazy=True)]
        for face in faces:
            weight, italic = 400, False
            if "OS/2" in face:
                weight = face["OS/2"].usWeightClass
                italic = bool(face["OS/2"].fsSelection & 1)
            out.append((tuple(sorted(_names(face))), weight, italic, undrawable(face, _ALL_DRAWN)))
    return tuple(out)


def _kind_for(names: set[str]) -> FontKind | None:
    folded = {n.casefold() for n in names}
    for kind in FONT_KINDS:
        if folded & {n.casefold() for n in kind.official}:
            return kind
    return None


def scan_font_dirs(dirs: list[Path]) -> FontScan:
    """Find the office's font files in ``dirs`` (recursively) and the kind of each.

    A file counts for a kind when one of its names is one of the kind's official
    names; other font files are listed as unused (``docgen fonts`` shows them), so
    a misnamed or unexpected file is visible instead of silently ignored.
    """
    scan = FontScan()
    for d in dirs:
        if not d.is_dir():
            continue
        for path in sorted(p for p in d.rglob("*") if p.suffix.lower() in FONT_SUFFIXES):
            try:
                st = path.stat()
            except OSError:  # a broken link
                scan.unused.append((path, "无法读取 unreadable: 失效的链接 broken link"))
                continue
            if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero never end
                zh, en = kind_of(st.st_mode)
                scan.unused.append((path, f"不是普通文件，而是{zh} not a regular file: {en}"))
                continue
            if st.st_size > MAX_FONT_BYTES:
                scan.unused.append((path, f"文件太大（{st.st_size} 字节，上限 {MAX_FONT_BYTES}）file too large"))
                continue
            try:
                faces = _read_names(str(path), st.st_mtime_ns, st.st_size)
            except Exception as exc:  # not a font, damaged, unsupported format
                scan.unused.append((path, f"无法读取 unreadable: {type(exc).__name__}"))
                continue
            matched = False
            for names, weight, italic, lacks in faces:
                kind = _kind_for(set(names))
                if kind is None:
                    continue
                matched = True
                missing = "".join(ch for ch in kind.draws if ch in lacks)
                if missing:  # official by its names, but it cannot draw the kind's text
                    why = (f"字体文件已损坏或不完整，缺少这些字的字形：{missing}；不予使用 "
                           f"damaged or incomplete font: no glyphs for {missing}")
                    scan.unused.append((path, why))
                    scan.damaged.append((path, kind, missing))
                    break
                css_weight = "bold" if kind.bold or weight >= 600 else "normal"
                font = OfficeFont(path, kind, names, css_weight, "italic" if italic else "normal")
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
    """``@font-face`` rules declaring the office's files under their kinds' English names."""
    rules = []
    seen: set[tuple[str, str, str]] = set()
    for font in scan.fonts:
        key = (font.kind.face_family, font.weight, font.style)
        if key in seen:  # an earlier folder (--fonts) already provides this face
            continue
        seen.add(key)
        rules.append(
            "@font-face {\n"
            f"  font-family: {_css_string(font.kind.face_family)};\n"
            f"  src: url({_css_string(font.path.resolve().as_uri())});\n"
            f"  font-weight: {font.weight};\n"
            f"  font-style: {font.style};\n"
            "}\n")
    return "".join(rules)
