"""``docgen new 2021 --from 2020`` (next year's content from last year's) and ``docgen new 2024 --outline …``.

The command only parses options and prints; the work is in :mod:`docgen.content.newyear`.
"""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..content.newyear import create_year
from ..content.outlines import DEFAULT_OUTLINE, outline_names, scaffold_year
from ..paths import display_path, unit_content
from .console import YEAR, content_option, run_guarded, unit_option


def _list_outlines(ctx: click.Context, _param, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        for name in outline_names():
            click.echo(name + ("（默认 default）" if name == DEFAULT_OUTLINE else ""))
        ctx.exit(0)


@click.command("new")
@click.argument("year", type=YEAR)
@click.option("--from", "from_year", type=YEAR, default=None,
              help="以哪一年的内容为底稿 the year to copy, e.g. --from 2020")
@click.option("--outline", default=None, metavar="NAME",
              help=f"从内置大纲生成空白内容文件（默认 {DEFAULT_OUTLINE}；可选：{'、'.join(outline_names())}）"
                   " scaffold from a shipped outline")
@click.option("--list-outlines", is_flag=True, expose_value=False, is_eager=True, callback=_list_outlines,
              help="列出内置大纲 list the shipped outlines")
@content_option
@unit_option
@click.option("--force", is_flag=True,
              help="覆盖已存在的 YEAR.yaml（其中的修改会丢失） replace an existing file")
def new(year: int, from_year: int | None, outline: str | None, content_dir: Path, unit: str | None,
        force: bool) -> None:
    """用上一年的内容（--from）或内置大纲（--outline）生成 YEAR 年的内容文件 create content/YEAR.yaml.

    \b
    docgen new 2021 --from 2020            以 2020 年的内容为底稿
    docgen new 2024 --outline 部门整体支出自评   从大纲生成，所有内容写“待填”
    docgen new 2024                        同 --outline 街道整体支出
    docgen new --list-outlines x           列出大纲

    \b
    保留大纲、文字、注释和顺序；报告年份改为 YEAR；
    引导语（各方面的工作和成绩）、荣誉、成绩一节中的列表是上一年的事实，原文照抄（年份不改），
    加“待核对”注释；各处资金块的金额全部清空为“待填”；表格原样保留并列出，请核对。
    旧的四节格式的文件先转换为通用格式。填好后再 docgen check / render。
    keeps the outline, text and comments; moves the report year, except in
    lead-ins, honours and the lists of a results section (last year's facts,
    kept and marked 待核对); blanks every funds figure to “待填”; leaves
    tables as written and lists them. Never overwrites unless --force.
    """

    if from_year is not None and outline is not None:
        raise click.UsageError("--from 和 --outline 只能选一个。give --from or --outline, not both")
    if from_year is None:
        target = run_guarded(scaffold_year, unit_content(content_dir, unit or ""), year, outline or DEFAULT_OUTLINE,
                             force=force, display=display_path)
        shown = display_path(target)
        click.echo(shown)
        click.echo(f"已按大纲“{outline or DEFAULT_OUTLINE}”生成 {shown}：标题已写好，每个“待填”换成实际内容。"
                   "scaffolded: replace every 待填.")
        click.echo(f"下一步 next: docgen check {year}（列出还没填的地方和行号 lists what is left to fill）")
        return

    target, result = run_guarded(create_year, unit_content(content_dir, unit or ""), year, from_year, force=force,
                                 display=display_path)
    shown = display_path(target)
    click.echo(shown)

    replaced = sum(result.replaced.values())
    groups: dict[str, int] = {}
    for key, n in result.replaced.items():  # overview.output_indicators[2].text … grouped
        group = re.sub(r"\[\d+\]$", "", key)
        groups[group] = groups.get(group, 0) + n
    where = "、".join(k + (f" ×{n}" if n > 1 else "") for k, n in groups.items())
    click.echo(f"已从 {from_year} 年的内容生成 {shown}。created from {from_year}.")
    click.echo(f"year: {from_year} → {year}；文字和注释中的报告年份改了 {replaced} 处"
               f"{'：' + where if where else ''}。report year moved in {replaced} place(s).")
    if result.upgraded:
        click.secho(f"{from_year} 年的文件是旧的四节格式：新文件已写成通用大纲格式（内容不变，同 docgen upgrade）。"
                    "the source was in the four-section format; the new file is in the general format.", fg="yellow")
    if result.rewrite:
        click.secho(f"以下部分保留 {from_year} 年的原文（引导语、荣誉、成绩一节中的列表，其中的年份未改），"
                    f"请改写为 {year} 年的内容 kept as {from_year}'s text, to be rewritten:", fg="yellow")
        for r in result.rewrite:
            count = f"（{r.count}）" if r.count else ""
            click.echo(f"  {shown}:{r.line}  {r.field}  {r.label}{count}")
    if result.tables:
        click.secho("以下表格原样保留（其中的数字和年份未改：可能是上年决算，也可能是本年预算），请逐格核对 "
                    "tables kept as written, check every cell:", fg="yellow")
        for t in result.tables:
            numbers = f"（{t.numbers} 个数字）" if t.numbers else ""
            click.echo(f"  {shown}:{t.line}  {t.field}  {t.place}{numbers}")
    if result.kept:
        click.secho("以下年份看作历史事实，保留未改，请核对 kept as written (please review):", fg="yellow")
        for k in result.kept:
            click.echo(f"  {k.where}: {k.snippet}（{k.reason}）")
    figures = [b for b in result.blanked if b.figure]
    others = [b for b in result.blanked if not b.figure]
    if figures or not others:
        click.secho(f"已清空 {len(figures)} 个金额，写为“待填”，请填入 {year} 年的决算数 "
                    f"blanked {len(figures)} figure(s):", fg="yellow")
    for b in figures:
        old = f"（{from_year} 年为 {b.old}）" if b.old else ""
        click.echo(f"  {shown}:{b.line}  {b.field}{old}")
    if others:
        click.secho(f"已清空 {len(others)} 处上年的日期和得分（落款、表头信息），写为“待填” "
                    f"blanked {len(others)} date(s) and score(s) of last year's report:", fg="yellow")
        for b in others:
            click.echo(f"  {shown}:{b.line}  {b.field}（{from_year} 年为 {b.old}）")
    if not result.exact_format:
        click.secho("注意：文件的缩进已按统一格式重写（内容和注释未变）。"
                    "note: indentation was normalised.", fg="yellow")
    click.echo(f"下一步 next: 填好金额、改写工作和成绩与荣誉（改完删去“待核对”注释）后运行 docgen check {year}。")
