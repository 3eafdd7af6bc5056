"""``docgen fonts``: which font each text role of the PDF really gets, and from which file.

An office must be able to see, before printing or publishing, whether its PDF is
set in the official fonts or in free stand-ins.  The answer comes from WeasyPrint
itself (:func:`docgen.pdf.probe.probe_font_kinds` lays out a sample of each role through
``templates/report.css`` and reads the faces it embeds), so it is the truth about
the PDF, not a guess from font names.  A stand-in is a warning, not an error: the
PDF is still correct, only not in the licensed typeface; ``--strict`` makes it an
error for offices that must publish in the official fonts.

It also says what the .docx looks like on this machine: which face fontconfig gives
LibreOffice and WPS for each font the .docx names (:mod:`docgen.font_aliases`), with
the way to turn docgen's aliases on when they are not (a warning, never an error: the
.docx itself is right).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..font_aliases import ALIAS_FILE_NAME, alias_file, docx_font_substitutions
from ..pdf.fonts import check_font_dirs, font_dirs_for, scan_font_dirs
from ..pdf.probe import probe_font_kinds
from ..pipeline import pdf_template_dir
from ..seam import harfbuzz_subsetting
from .console import run_guarded


@click.command("fonts")
@click.option("--fonts", "font_dirs", multiple=True, type=click.Path(path_type=Path, file_okay=False),
              help="单位自有字体文件夹（优先使用，可多次给出） folder of licensed font files (before fonts/)")
@click.option("--template", type=click.Path(path_type=Path, dir_okay=False),
              default=Path("templates") / "report.docx", show_default=True,
              help="Word 模板：PDF 采用其中修改过的样式字体 the .docx template whose restyled fonts the PDF follows")
@click.option("--strict", is_flag=True, help="使用替代字体时以错误退出 exit 1 when a stand-in is used")
def fonts(font_dirs: tuple[Path, ...], template: Path, strict: bool) -> None:
    """显示 PDF 各部分实际使用的字体及其文件 show the font (and file) each part of the PDF uses."""
    stand_ins = run_guarded(_report, pdf_template_dir(template), list(font_dirs) or None,
                            template if template.exists() else None)
    if strict and stand_ins:
        click.secho(f"--strict：{stand_ins} 个角色使用了替代字体。{stand_ins} role(s) use a stand-in.",
                    err=True, fg="red")
        sys.exit(1)


def _report(template_dir: Path, font_dirs: list[Path] | None, docx_template: Path | None = None) -> int:
    check_font_dirs(font_dirs)
    dirs = font_dirs_for(template_dir, font_dirs)
    scan = scan_font_dirs(dirs)
    click.echo("PDF 字体 fonts in the PDF（由 WeasyPrint 实际嵌入 as embedded by WeasyPrint）")
    for d in dirs:
        own = [f for f in scan.fonts if f.path.is_relative_to(d)]
        state = "不存在 missing" if not d.is_dir() else f"{len(own)} 个可用字体文件 usable font file(s)"
        click.echo(f"单位字体文件夹 office font folder: {_show(d)}（{state}）")
    for path, why in scan.unused:
        click.secho(f"  未使用 unused: {_show(path)}: {why}", fg="yellow")
    click.echo("")

    stand_ins = 0
    for report in probe_font_kinds(template_dir, font_dirs, docx_template=docx_template):
        kind = report.kind
        wanted = report.restyled_to
        label = kind.label + (f"  模板已改为 template restyled to: {wanted}" if wanted else "")
        click.secho(label, bold=True)
        main = report.main
        for face in report.faces:
            name = face.family + (" Bold" if face.bold else "")
            note = "" if face is main else f"  用于 for: {face.chars}"
            official = face.family.casefold() == wanted.casefold() if wanted else face.official
            status = "正式 official" if official else "替代 stand-in" if face is main else "补字 fallback"
            click.echo(f"  {name:<28} {status:<14} {face.file or '（文件未知 file unknown）'}{note}")
        used = (main.family + (" Bold" if main.bold else "")) if main else "?"
        if wanted:
            if main is None or main.family.casefold() != wanted.casefold():
                stand_ins += 1
                click.secho(
                    f"  警告 warning: 没有模板指定的 {wanted}，使用替代字体 {used}。"
                    f"the template's font {wanted} is not installed\n"
                    f"    → 把单位拥有的 {wanted} 字体文件放入 fonts/ 文件夹，或用 --fonts 文件夹 指定。",
                    fg="yellow")
        elif report.uses_standin:
            stand_ins += 1
            missing = kind.docx_name
            click.secho(
                f"  警告 warning: 没有 {missing}，使用替代字体 {used}。"
                f"stand-in used for {kind.face_family}\n"
                f"    → 把单位拥有的 {missing} 字体文件放入 fonts/ 文件夹，或用 --fonts 文件夹 指定。",
                fg="yellow")
            if used != kind.standin:
                click.secho(
                    f"  警告 warning: 连规定的替代字体 {kind.standin} 也没有。"
                    f"not even the stand-in {kind.standin} is installed\n"
                    "    → 运行 make setup（scripts/setup-system.sh）安装替代字体。", fg="yellow")
    click.echo("")
    _docx_viewing()
    click.echo("")
    if harfbuzz_subsetting():
        click.echo("字体子集化 font subsetting: HarfBuzz（快 fast）")
    else:
        click.secho("警告 warning: 字体子集化使用 fontTools（每个中文字体约 12 秒）。font subsetting falls back "
                    "to fontTools (slow)\n    → 运行 scripts/setup-system.sh 安装 libharfbuzz-subset0。", fg="yellow")
    return stand_ins


def _docx_viewing() -> None:
    """What LibreOffice (and WPS) on this machine show for the .docx's fonts; how to fix it."""
    subs = docx_font_substitutions()
    click.echo("查看 .docx 时的字体 fonts when viewing the .docx here（LibreOffice、WPS，经 fontconfig）")
    if subs is None:
        click.echo("  （没有 fc-match，无法检查 fc-match not found: cannot check）")
        return
    for sub in subs:
        state = "" if sub.ok else "  ← 不对 wrong kind of face" if not sub.right_kind else "  ← 不是粗体 not bold"
        click.echo(f"  {sub.name} → {sub.family} {sub.style}{state}")
    if all(sub.ok for sub in subs):
        return
    conf = alias_file()
    shown = _show(conf) if conf else f"scripts/fontconfig/{ALIAS_FILE_NAME}（docgen 项目中 in the docgen project）"
    click.secho(
        "  警告 warning: docgen 的字体别名没有生效：LibreOffice 会用其他字体显示 .docx（正文、标题变成无衬线体，"
        "页码变成 DejaVu Sans 等）。docgen's fontconfig aliases are not active: LibreOffice shows the .docx "
        "in the wrong faces\n"
        f"    → 为本机所有用户启用 for everyone (root): sudo install -m 0644 {shown} /etc/fonts/conf.d/ && fc-cache -f\n"
        "    → 或只为自己启用 or just for you: mkdir -p ~/.config/fontconfig/conf.d && "
        f"cp {shown} ~/.config/fontconfig/conf.d/\n"
        "      然后重新打开 LibreOffice。then restart LibreOffice（make setup 也会安装 also installs it）",
        fg="yellow")


def _show(path: Path) -> str:
    cwd = Path.cwd().resolve()
    for candidate in (Path(path).absolute(), Path(path).resolve()):  # a symlink is shown as itself
        try:
            return str(candidate.relative_to(cwd))
        except ValueError:
            continue
    return str(path)
