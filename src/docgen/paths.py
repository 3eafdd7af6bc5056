"""Where things are: the year argument, content files, output files.

The year argument is a year, never a path: ``docgen render ../2020`` is refused
before anything is read, so a typo cannot make docgen read or write outside the
project's folders.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import DocgenError, EXIT_USAGE

_YEAR = re.compile(r"^(19|20|21)\d{2}$")


def parse_year(text: str) -> int:
    value = str(text).strip()
    if not _YEAR.match(value):
        raise DocgenError.single(
            f"“{text}”不是年份。not a year",
            hint="年份写四位数字，例如：docgen render 2020（不要写路径或文件名）。",
            exit_code=EXIT_USAGE)
    return int(value)


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
    if not path.is_file():
        years = available_years(content_dir)
        have = "、".join(str(y) for y in years) if years else "（没有）"
        raise DocgenError.single(
            f"没有 {year} 年的内容文件 {path}。no content for {year}",
            file=str(path),
            hint=f"{content_dir}/ 中已有的年份：{have}。"
                 f"可用 `docgen new {year} --from {years[-1] if years else year - 1}` 从上一年生成。",
            exit_code=EXIT_USAGE)
    return path


def output_dir(out_root: Path, year: int) -> Path:
    return out_root / str(year)


def display_path(path: Path) -> str:
    """Show paths relative to the working folder when possible (content/2020.yaml)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
