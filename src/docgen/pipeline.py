"""The pipeline, stage by stage: load → model → check → render (docx, pdf) → write.

The CLI and the tests call these functions; each stage lives in its own module.
Nothing is written until every requested output has been rendered in memory,
so a failure at any stage leaves the previous output untouched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, DocgenError, EXIT_CONTENT, Severity
from .content.load import Loaded, load_content
from .content.model import Report
from .content.validation import validate_and_check
from .docx.render import render_docx
from .write import check_writable, write_all
from .paths import content_file, display_path, output_dir
from .pdf import PdfOptions
from .pdf.fonts import font_dirs_for, scan_font_dirs
from .pdf.restyle import pdf_style_differences
from .recovery import recover
from .spreadsheet.write import workbook_bytes, xlsx_name

DEFAULT_CONTENT = Path("content")
DEFAULT_OUT = Path("out")
DEFAULT_TEMPLATE = Path("templates") / "report.docx"


CHECKS_NOT_RUN = ("以上问题改正后才会进行一致性检查（合计、计数、标点等），届时可能还有新的错误或警告。"
                  "consistency checks run once these are fixed.")


@dataclass
class Prepared:
    report: Report
    loaded: Loaded
    warnings: list[Diagnostic] = field(default_factory=list)


def prepare_file(path: Path) -> Prepared:
    """Load, validate and check one content file; raise with *all* errors, return warnings."""
    validated = validate_and_check(load_content(path, display_path(path)))
    if validated.errors:
        note = "" if validated.checks_ran else CHECKS_NOT_RUN
        raise DocgenError(validated.diagnostics, EXIT_CONTENT, note)
    return Prepared(validated.report, validated.loaded, validated.warnings)


def prepare(year: int, content_dir: Path = DEFAULT_CONTENT) -> Prepared:
    return prepare_file(content_file(content_dir, year))


def pdf_template_dir(docx_template: Path) -> Path:
    """Where report.html/.css live: beside the .docx template, else the project's templates/.

    A user may keep a restyled .docx elsewhere (``--template ~/我的模板.docx``) and
    still get the PDF from the project's HTML template.
    """
    beside = docx_template.parent
    if (beside / "report.html").is_file():
        return beside
    return DEFAULT_TEMPLATE.parent


def damaged_font_warnings(template_dir: Path, font_dirs: list[Path] | None) -> list[Diagnostic]:
    """Office font files named as official fonts that cannot draw their kind's text (left out of the PDF)."""
    return [Diagnostic(
        file=display_path(path), severity=Severity.WARNING,
        message=f"字体文件已损坏或不完整：它自称“{kind.official[0]}”，却缺少这些字的字形：{missing}；"
                f"PDF 没有用它，改用替代字体。damaged font file not used: no glyphs for {missing}",
        hint="换一个完好的字体文件；docgen fonts 显示 PDF 各部分实际使用的字体。")
        for path, kind, missing in scan_font_dirs(font_dirs_for(template_dir, font_dirs)).damaged]


@dataclass
class RenderResult:
    paths: list[Path]
    warnings: list[Diagnostic]


def render_year(year: int, *, content_dir: Path = DEFAULT_CONTENT, out_root: Path = DEFAULT_OUT,
                template: Path = DEFAULT_TEMPLATE, pdf: PdfOptions | None = None,
                xlsx: bool = False) -> RenderResult:
    """Render one year's report (and its PDF when ``pdf`` is given, its 自评表 as .xlsx with ``xlsx``)
    and write the files atomically, together."""
    target = output_dir(out_root, year)
    repaired = recover(target)  # a render killed between writing the .docx and the .pdf: finish it
    prepared = prepare(year, content_dir)
    report = prepared.report
    docx_path = target / f"{report.file_stem}.docx"
    pdf_path = target / f"{report.file_stem}.pdf"
    check_writable([docx_path, pdf_path] if pdf is not None else [docx_path])  # before the slow part
    files: dict[Path, bytes] = {docx_path: render_docx(report, template)}
    warnings = list(prepared.warnings)
    if repaired:
        warnings.append(Diagnostic(
            file=display_path(target), severity=Severity.WARNING,
            message="上次生成在写入文件时被中断，已补完：" + "、".join(p.name for p in repaired)
                    + "。an interrupted write was completed"))
    if pdf is not None:
        font_dirs = list(pdf.font_dirs) or None
        from .pdf.render import render_pdf  # heavy (WeasyPrint): only on this path

        files[pdf_path] = render_pdf(report, template_dir=pdf_template_dir(template),
                                     docx_template=template, variant=pdf.variant,
                                     font_dirs=font_dirs)
        # what of a restyled .docx template the PDF cannot follow (line spacing, page …)
        warnings += [Diagnostic(file=display_path(template), message=m, severity=Severity.WARNING)
                     for m in pdf_style_differences(template)]
        warnings += damaged_font_warnings(pdf_template_dir(template), font_dirs)
    if xlsx:
        if report.self_evaluation is None:
            warnings.append(Diagnostic(
                file=prepared.loaded.file, severity=Severity.WARNING,
                message="内容中没有 self_evaluation（绩效自评表），没有生成 .xlsx。no self_evaluation: no .xlsx written",
                hint="在内容文件中加上 self_evaluation，或用 docgen import 自评表.xlsx 导入。"))
        else:
            files[target / xlsx_name(report)] = workbook_bytes(report)
    write_all(files)
    return RenderResult(list(files), warnings)
