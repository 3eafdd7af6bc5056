"""The one place docgen touches WeasyPrint's, docxtpl's and openpyxl's internals, and the versions it supports.

Both libraries give docgen less than it needs through their public API: WeasyPrint
justifies by widening spaces only (Chinese has none), names every PDF variant it
can write in one private table, keeps the characters each embedded face supplied
on its font objects, and subsets fonts with HarfBuzz only where a library is
present; docxtpl attaches the template text around a Jinja error as a one-shot
attribute; openpyxl lists the cells a worksheet's file has only in a private store.  Each such touch is a function here, written against the versions
pinned in ``pyproject.toml`` (:data:`SUPPORTED`, checked before the first touch):
another version is a clear error naming the installed and the supported version
and the command that installs the right one, never an AttributeError deep inside
a render.  Hooks are installed when first needed (the first PDF), never at import.

Top level, not in ``pdf/``, because the .docx path uses the docxtpl part: this
module imports neither library itself until a function needs it, so the .docx
path never loads WeasyPrint.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import NamedTuple

from .errors import DocgenError, EXIT_OUTPUT

#: The versions whose internals this module was written against: (lowest, first unsupported).
#: The same ranges as ``pyproject.toml``'s pins (``tests/test_seam.py`` compares them).
SUPPORTED: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "weasyprint": ((70,), (71,)),
    "docxtpl": ((0, 20), (0, 21)),
    "openpyxl": ((3, 1), (4,)),
}

#: ``--pdf-variant`` offers the archival and accessible variants only (not pdf/x-*, not debug).
PDF_VARIANT_PREFIXES = ("pdf/a-", "pdf/ua-")


# ---------------------------------------------------------------- versions


def requirement(dist: str) -> str:
    """The pip requirement of a supported range: ``weasyprint>=70,<71``."""
    low, high = SUPPORTED[dist]
    return f"{dist}>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"


def _version_tuple(version: str) -> tuple[int, ...]:
    match = re.match(r"\d+(?:\.\d+)*", version.strip())
    return tuple(int(part) for part in match.group(0).split(".")) if match else ()


def check_version(dist: str, version: str) -> str:
    """``version`` if docgen supports it for ``dist``; else a DocgenError that says how to install one it does."""
    low, high = SUPPORTED[dist]
    if low <= _version_tuple(version) < high:
        return version
    wanted = requirement(dist)
    raise DocgenError.single(
        f"已安装的 {dist} 版本 {version} 不受支持，docgen 需要 {wanted}。"
        f"{dist} {version} is installed, but docgen supports {wanted} only",
        exit_code=EXIT_OUTPUT,
        hint=f"在项目目录中运行 make venv（或 .venv/bin/pip install '{wanted}'）安装受支持的版本。")


def _installed_version(dist: str) -> str | None:
    """The version pip installed of ``dist``, or None (read from its metadata: ~50 ms, so only on failure)."""
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


# ---------------------------------------------------------------- WeasyPrint


@contextmanager
def _quick_find_library() -> Iterator[None]:
    """Make WeasyPrint's import 0.3–0.4 s faster on Linux (~0.85 → ~0.5 s): read ldconfig's cache once.

    WeasyPrint tries several names per library ("libgobject-2.0-0", "gobject-2.0-0",
    "gobject-2.0" …) and cffi hands each failing name to ``ctypes.util.find_library``,
    which runs ``ldconfig -p`` and then gcc and ld as subprocesses: up to ~40 ms per
    miss, about 25 misses per import.  During the import only, ``find_library`` answers from
    one ``ldconfig -p`` listing (the same regular expression as ctypes) and from
    ``LD_LIBRARY_PATH``; where ldconfig is missing, nothing changes.
    """
    import ctypes.util
    import glob
    import struct
    import subprocess

    original = ctypes.util.find_library
    ldconfig = next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None)
    if sys.platform != "linux" or ldconfig is None:
        yield
        return
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, timeout=10, check=True,
                                 env={"LC_ALL": "C", "LANG": "C"}).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        yield
        return
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")
    # "\tlibgobject-2.0.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libgobject-2.0.so.0"
    sonames = [m.group(1) for m in re.finditer(r"^\s+(\S+)\s+\(([^)]*)\)", listing, re.M)
               if m.group(2).startswith(abi)]

    def find_library(name):
        prefix = f"lib{name}."
        for soname in sonames:
            if soname.startswith(prefix):
                return soname
        for folder in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(":")):
            hits = sorted(glob.glob(os.path.join(glob.escape(folder), f"lib{glob.escape(name)}.so*")))
            if hits:
                return os.path.basename(hits[0])
        return None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


@cache
def load_weasyprint():
    """Import WeasyPrint (quickly, once) and check it is a version docgen supports; the module.

    Every docgen module that imports WeasyPrint calls this first, so an unsupported
    version is reported before any of its names is looked up.  Missing system
    libraries (Pango, HarfBuzz) are an error that names the set-up command.
    """
    try:
        with _quick_find_library():
            import weasyprint  # loads pango, harfbuzz, fontconfig through cffi
    except ImportError as exc:
        installed = _installed_version("weasyprint")
        if installed:  # an unsupported version that does not even import: say that
            check_version("weasyprint", installed)
        raise DocgenError.single(
            f"无法导入 WeasyPrint，不能生成 PDF。WeasyPrint cannot be imported: {exc}", exit_code=EXIT_OUTPUT,
            hint=f"在项目目录中运行 make venv（或 .venv/bin/pip install '{requirement('weasyprint')}'）。") from None
    except OSError as exc:
        raise DocgenError.single(
            f"WeasyPrint 找不到它需要的系统库（Pango、HarfBuzz），不能生成 PDF。"
            f"WeasyPrint cannot load its libraries: {exc}", exit_code=EXIT_OUTPUT,
            hint="运行 make setup（scripts/setup-system.sh）安装系统库。") from None
    check_version("weasyprint", weasyprint.__version__)
    return weasyprint


def pdf_variants() -> tuple[str, ...]:
    """The PDF/A and PDF/UA variants WeasyPrint can write (its private ``pdf.VARIANTS`` table)."""
    load_weasyprint()
    from weasyprint.pdf import VARIANTS

    return tuple(sorted(v for v in VARIANTS if v.startswith(PDF_VARIANT_PREFIXES)))


def install_justification(justify: Callable[[object, float], bool]) -> None:
    """From now on WeasyPrint justifies each line through ``justify(line, extra_width)``.

    Where ``justify`` returns False, WeasyPrint's own justification runs (it widens
    spaces).  WeasyPrint looks ``layout.inline.justify_line`` up each time it
    justifies a line, so replacing it is the hook; installing the same function
    again changes nothing, and the original stays reachable as ``__wrapped__``.
    Process-wide, as WeasyPrint's layout is: called on the first PDF render.
    """
    load_weasyprint()
    from weasyprint.layout import inline

    current = inline.justify_line
    if getattr(current, "docgen_justify", None) is justify:
        return
    original = getattr(current, "__wrapped__", current)

    def justify_line(context, line, extra_width):
        if not justify(line, extra_width):
            original(context, line, extra_width)

    justify_line.__wrapped__ = original
    justify_line.docgen_justify = justify
    inline.justify_line = justify_line


def embedded_faces(document) -> list[tuple[str, bool, str]]:
    """``(family, bold, characters)`` of each face a written WeasyPrint document embedded.

    Read from WeasyPrint's font objects (``document.fonts``, each font's
    ``to_unicode`` map), which are complete only once ``write_pdf`` has run.
    """
    out = []
    for font in document.fonts.values():
        chars = "".join(sorted(set("".join(font.to_unicode.values())) - {" "}))
        out.append((font.family, font.weight >= 600, chars))
    return out


class EmbeddedFont(NamedTuple):
    """One face as a written PDF embeds it (the subset), for :mod:`docgen.pdf.glyphs` to read."""

    family: str
    data: bytes                   # the face's file as embedded
    index: int                    # its index in a font collection (0 otherwise)
    glyphs: dict[int, str]        # glyph id → the text the glyph stands for


def embedded_fonts(document) -> list[EmbeddedFont]:
    """The faces a written WeasyPrint document embedded, with their bytes and glyph → text maps.

    WeasyPrint's font objects (``document.fonts``) keep the subset in ``file_content``
    and the glyphs used in ``to_unicode`` once ``write_pdf`` has run.
    """
    return [EmbeddedFont(font.family, font.file_content, getattr(font, "index", 0) or 0, dict(font.to_unicode))
            for font in document.fonts.values()]


#: How WeasyPrint 70 logs a character that no font had (``draw/text.py``): it draws a box.
_NOTDEF_MESSAGE = ".notdef glyph rendered"


@contextmanager
def notdef_characters() -> Iterator[list[str]]:
    """The characters WeasyPrint finds in no font at all while the block runs.

    WeasyPrint draws a .notdef box for each and logs a warning (its ``weasyprint``
    logger, message :data:`_NOTDEF_MESSAGE`, the character as the first argument);
    that warning is how they are caught.
    """
    found: list[str] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if str(record.msg).startswith(_NOTDEF_MESSAGE) and record.args:
                found.append(str(record.args[0]))

    handler = Catch(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield found
    finally:
        logger.removeHandler(handler)


def harfbuzz_subsetting() -> bool:
    """True when WeasyPrint subsets fonts with HarfBuzz (fast) rather than fontTools (~12 s a CJK font)."""
    load_weasyprint()
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    return harfbuzz_subset is not None and bool(harfbuzz.hb_version_atleast(4, 1, 0))


# ---------------------------------------------------------------- openpyxl


@cache
def load_openpyxl():
    """Import openpyxl and check it is a version docgen supports; the module."""
    import openpyxl

    check_version("openpyxl", openpyxl.__version__)
    return openpyxl


def stored_cells(ws) -> dict:
    """The cells a worksheet's file has, ``(row, column) → cell``: openpyxl's ``ws._cells``.

    Every public way through a worksheet (``iter_rows``, ``values``, ``max_row``)
    walks the rectangle from A1 to the farthest stored cell, creating the cells it
    visits: one stray cell at XFD1048576 makes that 17 billion.  The store is sparse,
    and its size is known at once, so a hostile sheet is refused before any walk.
    """
    load_openpyxl()
    return ws._cells


# ---------------------------------------------------------------- docxtpl


@cache
def load_docxtpl():
    """Import docxtpl and check it is a version docgen supports; the module."""
    import docxtpl

    check_version("docxtpl", docxtpl.__version__)
    return docxtpl


def docxtpl_error_lines(exc: BaseException) -> list[str]:
    """The template text docxtpl attached to a Jinja error: the lines around the error, tags stripped.

    docxtpl puts each ``<w:p>`` of its pre-processed XML on its own line and stores
    the seven lines from three before ``exc.lineno`` as ``exc.docx_context`` — a
    one-shot ``map``.  The list read here is stored back, so a second reader sees the
    same lines.  An error docxtpl attached nothing to gives ``[]``.
    """
    load_docxtpl()
    lines = list(getattr(exc, "docx_context", None) or [])
    exc.docx_context = lines
    return lines

# ---------------------------------------------------------------- tagged PDF: page numbers as artifacts
#
# WeasyPrint writes the structure tree (``pdf_tags``), but leaves the text of page-margin
# boxes (our "— N —") as marked content that no structure element claims (its pdf/tags.py:
# "It could be included in tree as Artifact, but that's only allowed in PDF 2.0").  PDF/UA-1
# (ISO 14289-1, 7.1) wants every piece of content tagged or an artifact, and a page number
# is the textbook artifact (``/Artifact <</Type /Pagination /Subtype /PageNum>> BDC``, which
# PDF 1.7 allows in a content stream).  So the margin boxes' text boxes are flagged, and two
# hooks, installed on first use, draw them as artifacts and keep them out of the tree.

_FLAG = "docgen_pagination_artifact"
_artifact_hooks_installed = False


def mark_page_numbers_as_artifacts(document) -> None:
    """Flag the text of every page's margin boxes of a laid-out WeasyPrint ``document``."""
    from weasyprint.formatting_structure import boxes

    _install_artifact_hooks()
    for page in document.pages:
        for box in page._page_box.children:
            if isinstance(box, boxes.MarginBox):
                for text in _text_boxes(box, boxes):
                    setattr(text, _FLAG, True)


def _text_boxes(box, boxes):
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, boxes)


def _install_artifact_hooks() -> None:
    global _artifact_hooks_installed
    if _artifact_hooks_installed:
        return
    load_weasyprint()
    import pydyf
    import weasyprint
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import stream, tags

    if not (hasattr(stream.Stream, "marked") and hasattr(tags, "_build_box_tree")):
        raise DocgenError.single(
            f"此版本的 WeasyPrint（{weasyprint.__version__}）无法为页码做无障碍标记。"
            "unsupported WeasyPrint version for PDF tagging", exit_code=EXIT_OUTPUT,
            hint="安装 pyproject.toml 规定的 WeasyPrint 版本（make setup）。")
    original_marked = stream.Stream.marked
    original_tree = tags._build_box_tree

    @contextmanager
    def marked(self, box, tag):
        if getattr(box, _FLAG, False) and self._tags is not None:
            pydyf.Stream.begin_marked_content(
                self, "Artifact", pydyf.Dictionary({"Type": "/Pagination", "Subtype": "/PageNum"}))
            try:
                yield
            finally:
                pydyf.Stream.end_marked_content(self)
        else:
            with original_marked(self, box, tag):
                yield

    def build_box_tree(box, *args, **kwargs):
        if isinstance(box, boxes.MarginBox) and all(
                getattr(text, _FLAG, False) for text in _text_boxes(box, boxes)):
            return iter(())  # artifacts: in no structure element
        return original_tree(box, *args, **kwargs)

    stream.Stream.marked = marked
    tags._build_box_tree = build_box_tree
    _artifact_hooks_installed = True


# ---------------------------------------------------------------- line breaking


@cache
def can_break(pair: str) -> bool:
    """Whether WeasyPrint's line breaker (Pango, UAX #14) may break between two characters."""
    load_weasyprint()
    from weasyprint.text.line_break import can_break_text

    return bool(can_break_text(pair, "zh-CN"))
