"""Where things are: the year and unit arguments, content files, output files.

The year argument is a year, never a path: ``docgen render ../2020`` is refused
before anything is read, so a typo cannot make docgen read or write outside the
project's folders.  The same holds for a unit (``--unit 清水塘街道``): a folder name,
never a path.

Two layouts of ``content/``, side by side:

* one unit: ``content/<year>.yaml`` → ``out/<year>/``;
* many units (a finance bureau, an evaluation firm): ``content/<unit>/<year>.yaml``
  → ``out/<unit>/<year>/``.  A year is at most 111 reports a unit (1990–2100); units
  make one workspace hold the reports of hundreds of units.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import DocgenError, EXIT_USAGE, clip
from .inputs import is_regular, kind_of

_YEAR = re.compile(r"^(19|20|21)\d{2}$")

#: The report years docgen accepts, on the command line and in ``year:`` alike.
YEAR_MIN, YEAR_MAX = 1990, 2100


def parse_year(text: str) -> int:
    value = str(text).strip()
    if not _YEAR.match(value):
        raise DocgenError.single(
            f"“{clip(text, 40)}”不是年份。not a year",
            hint="年份写四位数字，例如：docgen render 2020（不要写路径或文件名）。",
            exit_code=EXIT_USAGE)
    if not YEAR_MIN <= int(value) <= YEAR_MAX:
        raise DocgenError.single(
            f"年份 {value} 超出范围（{YEAR_MIN}–{YEAR_MAX}）。year out of range",
            hint=f"报告年度应在 {YEAR_MIN} 与 {YEAR_MAX} 之间，例如：docgen render 2020。",
            exit_code=EXIT_USAGE)
    return int(value)


#: A unit folder's name: no separators, no dot-dot, no control characters, a sane length.
_UNIT_BAD = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
UNIT_MAX = 60


def parse_unit(text: str) -> str:
    """A unit folder name as given to ``--unit``; never a path."""
    value = str(text).strip()
    if not value or _UNIT_BAD.search(value) or value in (".", "..") or len(value) > UNIT_MAX:
        raise DocgenError.single(
            f"“{text}”不是单位文件夹的名称。not a unit folder name",
            hint="--unit 后写 content/ 下某个单位文件夹的名称，例如 --unit 清水塘街道（不要写路径）。",
            exit_code=EXIT_USAGE)
    return value


@dataclass(frozen=True, order=True)
class ReportFile:
    """One report of a workspace: its unit folder ("" in the one-unit layout) and year."""

    unit: str
    year: int

    @property
    def label(self) -> str:
        """How messages name it: ``2020``, or ``清水塘街道 2020``."""
        return f"{self.unit} {self.year}" if self.unit else str(self.year)


def unit_content(content_dir: Path, unit: str = "") -> Path:
    """The folder holding a unit's ``<year>.yaml`` files."""
    return content_dir / unit if unit else content_dir


def unit_output(out_root: Path, unit: str = "") -> Path:
    """The folder a unit's reports go to (``out/<unit>/``; ``out/`` in the one-unit layout)."""
    return out_root / unit if unit else out_root


def units(content_dir: Path) -> list[str]:
    """Unit folders of ``content_dir``: sub-folders that hold at least one ``<year>.yaml``."""
    if not content_dir.is_dir():
        return []
    return sorted(d.name for d in content_dir.iterdir()
                  if d.is_dir() and not d.name.startswith(".") and available_years(d))


def find_reports(content_dir: Path, unit: str | None = None) -> list[ReportFile]:
    """Every report of the workspace (both layouts), or of one unit, in (unit, year) order."""
    if unit is not None:
        return [ReportFile(unit, y) for y in available_years(unit_content(content_dir, unit))]
    found = [ReportFile("", y) for y in available_years(content_dir)]
    for name in units(content_dir):
        found += [ReportFile(name, y) for y in available_years(content_dir / name)]
    return sorted(found)


def available_years(content_dir: Path) -> list[int]:
    if not content_dir.is_dir():
        return []
    return sorted(int(p.stem) for p in content_dir.glob("*.yaml") if _YEAR.match(p.stem))


def content_file(content_dir: Path, year: int) -> Path:
    path = content_dir / f"{year}.yaml"
    if not content_dir.is_dir():
        raise DocgenError.single(
            f"这里没有内容文件夹 {content_dir}/。no content folder here",
            file=str(content_dir),
            hint="请在项目文件夹（含 content/ 与 templates/ 的文件夹）中运行 docgen，"
                 "或用 --content 指定内容文件夹。",
            exit_code=EXIT_USAGE)
    if os.path.lexists(path) and not is_regular(path):
        try:
            zh, en = kind_of(os.stat(path).st_mode)
        except OSError:  # a symlink to nothing
            zh, en = "失效的链接", "a broken link"
        raise DocgenError.single(
            f"{path} 是{zh}，不是内容文件。is {en}, not a content file",
            file=str(path), exit_code=EXIT_USAGE,
            hint=f"{year} 年的内容应写在普通文件 {path} 中：把这个{zh}改名或移走，"
                 f"再用 `docgen new {year} --from 上一年` 生成或放入内容文件。")
    if not path.is_file():
        folders = units(content_dir)
        if folders and not available_years(content_dir):
            raise DocgenError.single(
                f"{content_dir}/ 中的内容按单位分文件夹存放，请指明单位。content is kept per unit: give --unit",
                file=str(content_dir), exit_code=EXIT_USAGE,
                hint="加上 --unit 单位文件夹，例如 --unit " + folders[0] + "；已有的单位："
                     + "、".join(folders[:20]) + ("…" if len(folders) > 20 else "") + "。")
        years = available_years(content_dir)
        have = "、".join(str(y) for y in years) if years else "（没有）"
        earlier = [y for y in years if y < year]  # a report is made from the year before, never a later one
        raise DocgenError.single(
            f"没有 {year} 年的内容文件 {path}。no content for {year}",
            file=str(path),
            hint=f"{content_dir}/ 中已有的年份：{have}。"
                 + (f"可用 `docgen new {year} --from {earlier[-1]}` 从上一年生成。" if earlier else
                    f"可用 `docgen new {year} --outline 大纲名称` 新建（docgen new --list-outlines 列出大纲）。"),
            exit_code=EXIT_USAGE)
    return path


def output_dir(out_root: Path, year: int) -> Path:
    """The folder of one year's files under a unit's output folder."""
    return out_root / str(year)


def display_path(path: Path) -> str:
    """Show paths relative to the working folder when possible (content/2020.yaml)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
