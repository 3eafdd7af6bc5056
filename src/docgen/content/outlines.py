"""The outlines shipped as starting points: ``docgen new 2024 --outline 部门整体支出自评``.

Each outline is a content file of the general format in ``docgen/outlines/<name>.yaml``
(package data), its headings written out and every text and figure ``待填``:
``docgen check`` then lists, with its line, everything still to fill, and
``docgen render`` refuses until it is filled.  ``{year}`` in an outline stands for
the report's year.  The unit's name is ``待填`` too: the scaffold asks nothing.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..errors import DocgenError, EXIT_USAGE
from ..write import atomic_write

#: The outline ``docgen new YEAR`` uses when none is named: the 2020 report's four sections.
DEFAULT_OUTLINE = "街道整体支出"


def outline_names() -> list[str]:
    """The shipped outlines' names, the default first."""
    names = sorted(p.name[:-5] for p in files("docgen").joinpath("outlines").iterdir() if p.name.endswith(".yaml"))
    return sorted(names, key=lambda n: n != DEFAULT_OUTLINE)


def outline_text(name: str, year: int) -> str:
    if name not in outline_names():
        raise DocgenError.single(
            f"没有名为“{name}”的大纲。no such outline",
            hint="可用的大纲 outlines: " + "、".join(outline_names()) + "（docgen new --list-outlines）",
            exit_code=EXIT_USAGE)
    text = files("docgen").joinpath("outlines", f"{name}.yaml").read_text(encoding="utf-8")
    return text.replace("{year}", str(year))


def scaffold_year(content_dir: Path, year: int, name: str, *, force: bool = False, display=str) -> Path:
    """Write ``content_dir/<year>.yaml`` from the outline ``name``; never clobber without ``force``."""
    text = outline_text(name, year)
    target = content_dir / f"{year}.yaml"
    if target.exists() and not target.is_dir() and not force:
        raise DocgenError.single(
            "文件已存在，未做任何修改。file exists; nothing was changed", file=display(target),
            exit_code=EXIT_USAGE, hint="如确实要用大纲替换它，加上 --force（原文件中的内容会丢失）。 add --force")
    atomic_write(target, text.encode("utf-8"), elsewhere="用 --content 指定其他内容文件夹")
    return target
