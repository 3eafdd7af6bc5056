"""Issue 15 §3: hostile sizes take linear time — n and 4n cost within a small factor of 4.

Not a timed test: no absolute number of seconds is asserted, so it does not depend
on the machine's speed.  Each case is run for n and for 4n in the same process
(CPU time, best of three, garbage collector off) and the *ratio* is compared:
linear work gives about 4, quadratic work about 16.  Before issue 15 these were
quadratic: importing paragraphs that cannot be placed (5k → 3 s, 40k → 3.5 min),
a document whose paragraphs (and runs) chain thousands of styles, paragraphs joined
by deleted paragraph marks, and ``check`` of one ``|`` block with many warnings.
The sizes are chosen so that the quadratic code fails (ratio 9–16) while the linear
code is well inside (about 4–5).
"""

from __future__ import annotations

import gc
import io
import time
import zipfile
from pathlib import Path

from docgen.importer import import_docx, to_yaml

#: Linear is 4; allow noise and fixed costs up to twice that (quadratic is 16).
MAX_RATIO = 8.0

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
    'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
    '+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')

HEAD = ["2020年度示例街道整体支出绩效评价报告", "一、整体支出概况", "参照年度目标，涵盖以下内容：", "1、社会管理。"]
TAIL = ["二、整体支出资金使用及管理情况",
        "整体支出本年度决算金额为10万元，基本支出5万元，项目支出5万元，其中社会管理支出5万元。",
        "三、2020年绩效目标完成情况", "本年度开展了以下工作：", "社会方面：做了工作。",
        "四、其他需要说明事宜", "1、先进集体。"]


def p(text: str = "", extra: str = "") -> str:
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:p>{extra}{run}</w:p>"


def docx(body: list[str], styles: str = "") -> bytes:
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{"".join(body)}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", doc)
        if styles:
            zf.writestr("word/_rels/document.xml.rels", DOC_RELS)
            zf.writestr("word/styles.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:styles {W_NS}>{styles}</w:styles>')
    return buf.getvalue()


def cpu_time(work, n: int) -> float:
    best = float("inf")
    for _ in range(3):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            work(n)
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def assert_linear(work, n: int) -> None:
    work(n // 4)  # warm up: imports, caches, compiled regular expressions
    small, large = cpu_time(work, n), cpu_time(work, 4 * n)
    assert large <= MAX_RATIO * small, f"n={n}: {small:.3f}s, 4n: {large:.3f}s (ratio {large / small:.1f})"


def test_import_of_paragraphs_it_cannot_place(tmp_path):
    """Each paragraph is kept as a paragraph of its section, in order, and written to the file."""

    def work(n: int) -> None:
        stray = [p(f"无法归类的第{i}段文字, 内容比较长一些 。") for i in range(n)]
        source = tmp_path / f"stray{n}.docx"
        source.write_bytes(docx([p(t) for t in HEAD] + stray + [p(t) for t in TAIL]))
        imported = import_docx(source, district="示例区")
        assert len(imported.data["content"][0]["content"]) == n + 2
        assert to_yaml(imported).count("无法归类的第") == n

    assert_linear(work, 1000)


def test_keeping_stray_paragraphs_in_one_field():
    """The recognition alone (no file, no check): n paragraphs a section holds as text take
    linear time (the import of four fixed sections once joined them quadratically)."""
    from docgen.docx.reader import DocxText, Para
    from docgen.importer import import_paragraphs

    def work(n: int) -> None:
        stray = [Para(f"无法归类的第{i}段文字, 内容比较长一些 。") for i in range(n)]
        doc = DocxText([Para(t) for t in HEAD] + stray + [Para(t) for t in TAIL])
        imported = import_paragraphs(doc, source="x.docx", district="示例区")
        assert len(imported.data["content"][0]["content"]) == n + 2

    assert_linear(work, 5000)


def test_import_of_empty_paragraphs_with_a_deep_style_chain(tmp_path):
    """Empty paragraphs whose style is the end of a chain of basedOn styles (a 155 KB file of 777k
    empty paragraphs did not finish in 10 minutes)."""

    def work(n: int) -> None:
        depth = n // 40
        styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{k}"><w:name w:val="s{k}"/>'
                         + (f'<w:basedOn w:val="s{k - 1}"/>' if k else "") + "</w:style>" for k in range(depth))
        empty = p(extra=f'<w:pPr><w:pStyle w:val="s{depth - 1}"/></w:pPr>')
        source = tmp_path / f"empty{n}.docx"
        source.write_bytes(docx([p(t) for t in HEAD] + [empty] * n + [p(t) for t in TAIL], styles))
        imported = import_docx(source, district="示例区")
        assert imported.data["content"][-1]["content"] == [{"honours": ["先进集体。"]}]

    assert_linear(work, 16000)


def test_reading_runs_with_a_deep_style_chain(tmp_path):
    """Every run asks its style (bold? hidden?): the chain of basedOn styles is followed once per
    style, not once per run (docx/ooxml.py's style levels)."""
    from docgen.docx.reader import read_docx

    def work(n: int) -> None:
        depth = n // 20
        styles = "".join(f'<w:style w:type="paragraph" w:styleId="s{k}"><w:name w:val="s{k}"/>'
                         + (f'<w:basedOn w:val="s{k - 1}"/>' if k else "") + "</w:style>" for k in range(depth))
        para = p("一段正文。", f'<w:pPr><w:pStyle w:val="s{depth - 1}"/></w:pPr>')
        source = tmp_path / f"runs{n}.docx"
        source.write_bytes(docx([para] * n, styles))
        paragraphs = read_docx(source).paragraphs
        assert len(paragraphs) == n and paragraphs[-1].style == f"s{depth - 1}"

    assert_linear(work, 16000)


def test_reading_paragraphs_joined_by_deleted_marks(tmp_path):
    """Tracked deletions of paragraph marks: Word shows the paragraphs as one (here: one long one)."""
    from docgen.docx.reader import read_docx

    deleted = '<w:pPr><w:rPr><w:del w:id="1" w:author="a" w:date="2021-01-01T00:00:00Z"/></w:rPr></w:pPr>'
    words = "年度内完成社区网格化管理和志愿服务的各项工作，群众满意度明显提升；" * 20

    def work(n: int) -> None:
        source = tmp_path / f"joined{n}.docx"
        source.write_bytes(docx([p(words, deleted) for _ in range(n)] + [p("完。")]))
        (para,) = read_docx(source).paragraphs
        assert para.text == words * n + "完。"

    assert_linear(work, 2000)


#: The ``|`` block of the section :func:`_with_a_last_section` adds (一、… 四、 are the 2020 report's).
LAST_BLOCK = "content[5].content[1]"


def _with_a_last_section(base: str) -> str:
    """The 2020 content with a fifth section whose one paragraph is a ``|`` block, its lines to follow."""
    assert base.endswith("\n") and base.count("\n  - heading:") == 4  # content is the file's last key
    return base + "  - heading: 补充说明\n    content:\n      - |\n"


def test_check_of_one_block_with_many_warnings(tmp_path):
    """An 800 KB content file whose one ``|`` block draws a warning on every line (was ~3 min)."""
    from helpers import CONTENT
    from docgen.pipeline import prepare_file

    base = _with_a_last_section((CONTENT / "2020.yaml").read_text(encoding="utf-8"))

    def work(n: int) -> None:
        block = "".join(f"        第{i}项工作, 按时完成 。\n" for i in range(n))
        path = tmp_path / f"n{n}" / "2020.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(base + block, encoding="utf-8")
        prepared = prepare_file(path)
        assert sum(d.field == LAST_BLOCK for d in prepared.warnings) >= 2 * n

    assert_linear(work, 2000)


def test_line_and_column_of_a_late_warning_are_still_exact(tmp_path):
    """The faster positions are the same positions: the last line of a long block."""
    from helpers import CONTENT
    from docgen.pipeline import prepare_file

    base = _with_a_last_section((CONTENT / "2020.yaml").read_text(encoding="utf-8"))
    lines = "".join(f"        第{i}项工作按时完成。\n" for i in range(500)) + "        最后一项 , 完成。\n"
    path = tmp_path / "2020.yaml"
    path.write_text(base + lines, encoding="utf-8")
    line = path.read_text(encoding="utf-8").split("\n").index("        最后一项 , 完成。") + 1
    found = {(d.line, d.col) for d in prepare_file(path).warnings if d.field == LAST_BLOCK}
    assert found == {(line, 14)}  # 8 spaces, 最后一项 (columns 9–12), a space, then the "," at column 14


def test_check_and_print_of_a_long_flat_outline(tmp_path):
    """Thousands of paragraphs, lead-ins and sections in one list: the outline checks (text after a
    sub-section, counts before a run of lead-ins) and the printed body stay linear."""
    from docgen.body import printed_body
    from docgen.pipeline import prepare_file

    def work(n: int) -> None:
        lines = ["year: 2024", "unit:", "  name: 示例局", "content:", "  - heading: 基本情况", "    content:"]
        for i in range(n):
            lines += [f"      - 开展了以下{i % 9 + 1}方面工作：", f"      - lead: 第{i}方面", "        text: 完成。"]
        for i in range(n // 10):
            lines += [f"  - heading: 第{i}节", "    content:", "      - 完成。"]
        path = tmp_path / f"n{n}" / "2024.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        prepared = prepare_file(path)
        assert len(printed_body(prepared.report)) == 2 * n + 2 * (n // 10) + 1

    assert_linear(work, 1500)


def test_check_of_a_long_four_section_file(tmp_path):
    """Every text of a file of the 2020 format is mapped back to its key by ``Report.source``, which
    scanned every written place: 2000 paragraphs took 2.7 s, 8000 took 26 s (quadratic)."""
    from helpers import CASES
    from docgen.pipeline import prepare_file

    base = (CASES / "check_review_comment.yaml").read_text(encoding="utf-8").split("other:")[0]

    def work(n: int) -> None:
        path = tmp_path / f"n{n}" / "2021.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(base + "other:\n  paragraphs:\n" + "".join(f"    - 第{i}段说明文字。\n" for i in range(n)),
                        encoding="utf-8")
        prepare_file(path)

    assert_linear(work, 1000)
