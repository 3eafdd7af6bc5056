"""``docgen import 自评表.xlsx --year 2024``, below the command line: read, check, merge, check, write.

1. The worksheet is read (:mod:`.read`) and its figures checked at their cells by the
   自评表's rules, with the content file's 评分标准 when it names one.  Any error there:
   nothing is written (the spreadsheet is the source; fix it there and import again).
2. The year's content file must exist: the 自评表 is an attachment to a report, and a
   content file holds the whole report (``year``, ``unit``, the prose), which a sheet
   does not.  Without one the import is refused (exit 2) and says to create the year
   first with ``docgen new`` or ``docgen import 报告.docx``.
3. The figures are merged into it (:mod:`.merge`), the merged text is loaded and checked
   as ``docgen check`` does (so ``funds.final_total`` against 全年执行数, or a sentence
   stating the score, is checked at once, at its line in the YAML), and written
   atomically — unless ``dry_run``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content.load import load_content, parse_yaml
from ..content.source import read_text
from ..content.validation import validate_and_check
from ..errors import Diagnostic, DocgenError, EXIT_CONTENT, EXIT_USAGE, Severity
from ..write import atomic_write
from .merge import Change, merge_into
from .check import check_sheet
from .read import read_form


@dataclass
class SheetImport:
    path: Path
    year: int
    sheet: str
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)   # warnings of the sheet, the content's checks
    written: bool = False
    created_block: bool = False


def _content_profile(path: Path, display: str) -> str | None:
    try:
        data = load_content(path, display).data
    except DocgenError:
        return None
    se = data.get("self_evaluation") if isinstance(data, dict) else None
    profile = se.get("profile") if isinstance(se, dict) else None
    return profile if isinstance(profile, str) else None


def import_sheet(source: Path, target: Path, *, year: int | None, sheet: str | None, display_source: str,
                 display_target: str, dry_run: bool = False) -> SheetImport:
    form = read_form(source, display_source, sheet)
    if year is None:
        year = form.year
    if year is None:
        raise DocgenError.single("表中没有写年度，请用 --year 指明。year not found in the sheet",
                                 file=display_source, exit_code=EXIT_USAGE, hint="例如 --year 2024")
    notes: list[Diagnostic] = []
    if form.year is not None and form.year != year:
        notes.append(Diagnostic(display_source, severity=Severity.WARNING, sheet=form.sheet,
                                message=f"表中写的年度是 {form.year}，导入到 {year} 年。the sheet says {form.year}",
                                hint="如果导错了年份，用 --year 指定正确的年份重新导入。"))
    exists = target.is_file()
    profile = _content_profile(target, display_target) if exists else None
    _, sheet_diags = check_sheet(form, profile)
    if any(d.is_error for d in sheet_diags):
        raise DocgenError(sheet_diags, EXIT_CONTENT,
                          "自评表中有上面列出的错误，没有写入任何文件：请在表格中改正后重新导入。"
                          "nothing was written; fix the spreadsheet and import it again.")
    if not exists:
        raise DocgenError(sheet_diags + [Diagnostic(
            display_target, message=f"{display_target} 不存在：自评表是报告的附件，要导入到已有的内容文件中。"
                                    "no content file for this year",
            hint=f"先建立 {year} 年的内容：docgen new {year} --from {year - 1}（或 docgen import 报告.docx），"
                 "再导入自评表。")], EXIT_USAGE)
    loaded = load_content(target, display_target)  # a YAML slip is named here, before ruamel sees the text
    if not isinstance(loaded.data, dict):
        raise DocgenError.single(f"{display_target} 不是内容文件（最外层应是“键: 值”）。not a content file",
                                 file=display_target, exit_code=EXIT_CONTENT)
    text = read_text(target, display_target)
    merged = merge_into(text, form, source.name, display_target)
    result = SheetImport(target, year, form.sheet, merged.changes, notes + [d for d in sheet_diags if not d.is_error],
                         created_block=merged.created_block)
    validated = validate_and_check(parse_yaml(merged.text, display_target))
    # the content's errors (they stop a render), and its warnings about the 自评表; its other
    # warnings are the prose's, for docgen check
    result.diagnostics += [d for d in validated.diagnostics
                           if d.is_error or d.field.startswith("self_evaluation")]
    if not dry_run and merged.text != text:
        atomic_write(target, merged.text.encode("utf-8"), elsewhere="用 -o 写到另一个文件")
        result.written = True
    return result
