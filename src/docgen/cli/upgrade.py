"""``docgen upgrade 2020``: a content file of the old four-section format rewritten in the general outline.

The command only parses options and prints; the work is in :mod:`docgen.content.upgrade`.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..content.upgrade import upgrade_year
from ..paths import display_path, unit_content
from .console import YEAR, content_option, run_guarded, unit_option


@click.command("upgrade")
@click.argument("year", type=YEAR)
@content_option
@unit_option
def upgrade(year: int, content_dir: Path, unit: str | None) -> None:
    """把旧的四节格式的 YEAR.yaml 改写为通用大纲格式 rewrite content/YEAR.yaml in the general format.

    \b
    overview / funds / achievements / other 四个固定部分改写为 content 下的四节
    （标题、段落和内容块），文字和注释原样保留；写入前核对新文件能通过校验、
    生成的每一段与原来完全相同，否则不写并说明原因。原文件保存为 YEAR.yaml.bak。
    已是通用格式的文件不改动（退出码 1）。
    the four fixed parts become four sections under content:, every text and
    comment kept; written only if the new file validates and prints exactly the
    same paragraphs. The old file is kept as YEAR.yaml.bak.
    """
    target, backup = run_guarded(upgrade_year, unit_content(content_dir, unit or ""), year, display=display_path)
    click.echo(display_path(target))
    click.echo(f"已改写为通用大纲格式，生成的段落与原来完全相同；原文件保存为 {display_path(backup)}。"
               f"upgraded; prints the same paragraphs; the old file is {display_path(backup)}.")
    click.echo(f"下一步 next: docgen check {year}")
