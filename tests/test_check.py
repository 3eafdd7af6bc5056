"""Issue 4 §3, §5: ``docgen check`` — consistency checks, the 2020 slips, to-dos, guarded inputs.

The 2020 test lists *exactly* the warnings the published report earns (its slips
in ../shared/reference/README.md, plus the half-width comma in "满意度, 让"):
a new check that fires anywhere else in 2020 is a false positive and fails here.
"""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CONTENT, REPORT_2020, TEMPLATE
from docgen.check import run_checks
from docgen.cli import cli
from docgen.errors import Severity
from docgen.load import load_content, parse_yaml
from docgen.model import PLACEHOLDER, validate
from docgen.pipeline import prepare_file

DIAG = re.compile(r"^(content/\d{4}\.yaml):(\d+):(\d+): (\S+): (错误 error|警告 warning|待办 TODO): (.*)$")

# (field, line, the character at line:col, start of the message)
SLIPS_2020 = [
    ("overview.basis", 15, "8", "句中写的是“8方面”（8 项），但后面的 overview.areas 列出了 4 项"),
    ("overview.benefit_indicators[1].text", 34, ",", "中文里用了半角标点“,”：“象满意度, 让”"),
    ("funds.projects[4].name", 55, "安", "“安全”连写了两次（“安全安全”）"),
    ("achievements.areas[2].items[5]", 79, " ", "中文里有多余的空格：“1150 条，”"),
    ("achievements.areas[2].items[6]", 80, "，", "文字以“，”结尾：“…政谈话40人次，”"),
    ("achievements.areas[4].lead", 87, " ", "引导语末尾有空格：模板会在其后加“：”，印出来是“城市管理方面 ：”"),
    ("achievements.areas[7].lead", 96, " ", "引导语末尾有空格：模板会在其后加“：”，印出来是“公共安全-综治方面 ：”"),
]


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(project: Path, year: int, old: str, new: str) -> Path:
    path = project / "content" / f"{year}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# ---------------------------------------------------------------- 2020: exactly its slips

def test_2020_reports_exactly_the_originals_slips_as_warnings_and_exits_0(project):
    result = invoke("check", "2020")
    assert result.exit_code == 0, result.output
    found = [DIAG.match(line) for line in result.stderr.splitlines() if DIAG.match(line)]
    source = (CONTENT / "2020.yaml").read_text(encoding="utf-8").split("\n")
    got = []
    for m in found:
        file, line, col, field, severity, message = m.groups()
        assert file == "content/2020.yaml" and severity == "警告 warning"
        got.append((field, int(line), source[int(line) - 1][int(col) - 1], message))
    assert [g[:3] for g in got] == [s[:3] for s in SLIPS_2020]
    for (_, _, _, message), (*_, want) in zip(got, SLIPS_2020):
        assert message.startswith(want), message
    assert "共 0 个错误，7 个警告" in result.stderr
    assert result.stdout.strip() == "content/2020.yaml: 检查通过（7 个警告，请自行判断） OK"


def test_2020_strict_fails(project):
    result = invoke("check", "2020", "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "检查通过" not in result.stdout


def test_fixing_the_slips_leaves_2020_clean(project):
    for old, new in [("等8方面内容", "等4方面内容"), ("满意度, 让", "满意度，让"),
                     ("公共安全安全生产支出", "公共安全生产支出"), ("1150 条", "1150条"),
                     ("廉政谈话40人次，\n", "廉政谈话40人次。\n"), ('"城市管理方面 "', "城市管理方面"),
                     ('"公共安全-综治方面 "', "公共安全-综治方面")]:
        edit(project, 2020, old, new)
    result = invoke("check", "2020", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_render_runs_the_same_checks_refuses_on_errors_not_warnings(project):
    shutil.copytree(TEMPLATE.parent, project / "templates")
    ok = invoke("render", "2020")
    assert ok.exit_code == 0, ok.output
    assert (project / "out" / "2020" / f"{REPORT_2020}.docx").is_file()
    assert "共 0 个错误，7 个警告" in ok.stderr  # warnings shown, render done

    edit(project, 2020, "final_total: 5005.93", "final_total: 5005.94")
    refused = invoke("render", "2020", "--out", "out2")
    assert refused.exit_code == 1
    assert "content/2020.yaml:46:16: funds.final_total: 错误 error: 决算总额写的是 5005.94 万元" in refused.stderr
    assert "警告 warning" in refused.stderr  # the same list as check gives
    assert not (project / "out2").exists()


# ---------------------------------------------------------------- placeholders (待填)

def test_placeholders_are_todos_all_listed_and_render_refuses(project):
    path = project / "content" / "2020.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(final_total|basic|amount): [\d.]+", lambda m: f"{m.group(1)}: {PLACEHOLDER}", text)
    path.write_text(text, encoding="utf-8")
    lines = [i for i, line in enumerate(text.split("\n"), 1) if PLACEHOLDER in line]
    assert len(lines) == 10

    check = invoke("check", "2020")
    assert check.exit_code == 1
    todos = [DIAG.match(line) for line in check.stderr.splitlines() if "待办 TODO" in line]
    assert [int(m.group(2)) for m in todos] == lines
    assert [m.group(4) for m in todos][:3] == ["funds.final_total", "funds.basic", "funds.projects[1].amount"]
    assert "10 项待办" in check.stderr

    shutil.copytree(TEMPLATE.parent, project / "templates")
    render = invoke("render", "2020")
    assert render.exit_code == 1
    assert [int(DIAG.match(line).group(2)) for line in render.stderr.splitlines()
            if "待办 TODO" in line] == lines
    assert not (project / "out").exists()


# ---------------------------------------------------------------- each check, both ways

def _report(project: Path, *edits: tuple[str, str]):
    for old, new in edits:
        edit(project, 2020, old, new)
    loaded = load_content(project / "content" / "2020.yaml", "content/2020.yaml")
    return validate(loaded), loaded


def _new_messages(project, *edits) -> list[str]:
    """Diagnostics that the edits add to those of the untouched 2020 file."""
    base = {d.message for d in run_checks(*_report_fresh())}
    report, loaded = _report(project, *edits)
    return [d.message for d in run_checks(report, loaded) if d.message not in base]


def _report_fresh():
    loaded = load_content(CONTENT / "2020.yaml", "content/2020.yaml")
    return validate(loaded), loaded


@pytest.mark.parametrize("old, new", [
    ("辖区内的经济建设", "辖区内的经济  建设"),          # space between two Chinese characters
    ("全年新增就业606人", "全年新增就业 606人"),         # before a figure
    ("开展了以下工作，", "开展了以下工作 ，"),            # before full-width punctuation
    ("开展了以下工作，", "开展了以下工作，　"),           # full-width space after punctuation
])
def test_stray_space_found(project, old, new):
    assert any("多余的空格" in m for m in _new_messages(project, (old, new)))


@pytest.mark.parametrize("old, new", [
    ("重点工作办结率：100%。", "重点工作办结率：100%。使用 Word 软件。"),  # Latin word: spacing is fine
    ("安全教育培训", "安全教育培训（开通 APP 服务）"),                         # around a Latin word
])
def test_spaces_around_latin_are_not_flagged(project, old, new):
    assert _new_messages(project, (old, new)) == []


@pytest.mark.parametrize("old, new, mark", [
    ("让群众舒心、放心、安心；", "让群众舒心、放心、安心;", ";"),
    ("（辖区微型消防站总数21个，居全区第一）", "(辖区微型消防站总数21个，居全区第一)", "("),
    ("取得了防疫阶段性胜利。", "取得了防疫阶段性胜利. 湖南", "."),
    ("重点工作办结率：100%", "重点工作办结率:100%", ":"),
])
def test_half_width_punctuation_found(project, old, new, mark):
    messages = _new_messages(project, (old, new))
    assert any(f"半角标点“{mark}”" in m for m in messages), messages


def test_half_width_in_figures_and_names_not_flagged(project):
    # 5.12, 1-11月, 18.54亿 and 100% are already in 2020 and not flagged; add more of the kind
    assert _new_messages(project, ("完成34部老旧小区电梯", "完成3,400部老旧小区电梯（约1.5万元/部）")) == []


@pytest.mark.parametrize("item", ["1、", "2. ", "（3）", "(4)", "①", "十、"])
def test_typed_list_number_found(project, item):
    messages = _new_messages(project, ("    - 湖南省财政工作先进集体", f"    - {item}湖南省财政工作先进集体"))
    assert any("手工写了编号" in m for m in messages), messages


@pytest.mark.parametrize("item", ["5.12全国防灾减灾日先进单位", "2020年度先进集体", "十佳街道", "一等奖"])
def test_item_starting_with_a_figure_is_not_a_list_number(project, item):
    assert _new_messages(project, ("    - 湖南省财政工作先进集体", f"    - {item}")) == []


def test_two_items_merged_into_one_found(project):
    messages = _new_messages(project, ("在“学习强国”平台上稿6篇。", "在“学习强国”平台上稿6篇。2、组织建设不断完善。"))
    assert any("可能把两项写进了一项" in m for m in messages), messages


@pytest.mark.parametrize("text", ["阿里巴巴", "2020年年底", "一个一个地走访", "天天上门"])
def test_reduplication_on_purpose_not_flagged(project, text):
    assert _new_messages(project, ("对全街7167户居民", f"对全街7167户居民{text}")) == []


def test_count_in_chinese_numerals_and_correct_counts(project):
    assert _new_messages(project, ("预期实现4大部门产出指标", "预期实现四大部门产出指标")) == []
    messages = _new_messages(project, ("同时实现5大部门效益指标", "同时实现六大部门效益指标"))
    assert messages and messages[0].startswith("句中写的是“六大部门”（6 项），但后面的 overview.benefit_indicators 列出了 5 项")


def test_count_of_numbered_items_under_a_lead(project):
    messages = _new_messages(project, ("    - lead: 经济发展方面", "    - lead: 经济发展方面3项工作"))
    assert messages == ["句中写的是“3项”（3 项），但后面的 achievements.areas[3].items 列出了 4 项。"
                        "stated count 3 != 4 items listed"]


def test_trailing_comma_paragraph(project):
    messages = _new_messages(project, ("做到预算支出不超标。", "做到预算支出不超标，"))
    assert any("结尾" in m for m in messages)


def test_decimals_warning_and_total_error_use_decimal_exactly(project):
    # 0.1 + 0.2 style: 2517.81 + 2488.12 == 5005.93 holds only in Decimal
    report, loaded = _report_fresh()
    assert report.funds.total == Decimal("5005.93")
    report, loaded = _report(project, ("basic: 2517.81", "basic: 2517.805"),
                             ("final_total: 5005.93", "final_total: 5005.925"))
    diags = run_checks(report, loaded)
    decimals = [d for d in diags if "位小数" in d.message]
    assert [(d.field, d.severity) for d in decimals] == [
        ("funds.final_total", Severity.WARNING), ("funds.basic", Severity.WARNING)]
    assert not [d for d in diags if d.is_error]


def test_positions_inside_block_scalars(tmp_path):
    """A ``|`` block (several lines of one paragraph): the slip is found on its own line."""
    text = (CONTENT / "2020.yaml").read_text(encoding="utf-8")
    old = next(line for line in text.split("\n") if line.startswith("  management:"))
    text = text.replace(old, "  management: |\n    第一行文字。\n    第二行有 空格。\n    第三行。")
    loaded = parse_yaml(text, "content/2020.yaml")
    diags = [d for d in run_checks(validate(loaded), loaded) if d.field == "funds.management"]
    assert len(diags) == 1
    line = text.split("\n")[diags[0].line - 1]
    assert line == "    第二行有 空格。" and line[diags[0].col - 1] == " "


# ---------------------------------------------------------------- guarded inputs

@pytest.mark.parametrize("arg", ["../2020", "content/2020.yaml", "2020.yaml", "/etc/passwd", "20200", "二〇二〇"])
def test_year_is_never_a_path(project, arg):
    for command in ("check", "render"):
        result = invoke(command, arg)
        assert result.exit_code == 2, result.output
        assert "不是年份" in result.stderr and "Traceback" not in result.output
    assert not (project / "out").exists()


def test_missing_year_lists_the_years_there_are(project):
    result = invoke("check", "2031")
    assert result.exit_code == 2
    assert "没有 2031 年的内容文件" in result.stderr and "已有的年份：2020" in result.stderr


def test_billion_laughs_refused_at_the_first_anchor_without_expanding(tmp_path):
    """The loader refuses anchors, so nothing is ever expanded (no timing needed to prove it):
    the file below would expand to 10**9 strings; the error names the first anchor."""
    doc = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    for i in range(8):
        prev, cur = chr(97 + i), chr(98 + i)
        doc += f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    path = tmp_path / "2021.yaml"
    path.write_text(doc, encoding="utf-8")
    with pytest.raises(Exception) as info:
        load_content(path, "content/2021.yaml")
    diag = info.value.diagnostics[0]
    assert (diag.line, diag.col) == (1, 4) and "锚点（&a）" in diag.message


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = (CONTENT / "2020.yaml").read_text(encoding="utf-8").replace(
        "  district: 开福区", f"  district: !!python/object/apply:os.system [\"touch {marker}\"]")
    path = tmp_path / "2020.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as info:
        prepare_file(path)
    assert "不支持的 YAML 标签" in info.value.diagnostics[0].message
    assert not marker.exists()


def test_no_traceback_for_a_file_that_is_binary(project):
    (project / "content" / "2020.yaml").write_bytes(bytes(range(256)) * 4)
    result = invoke("check", "2020")
    assert result.exit_code == 1 and "Traceback" not in result.output
    # byte 128 is the first that is not UTF-8: line 2 (after byte 10, "\n"), column 128 - 11 + 1
    assert result.stderr.startswith("content/2020.yaml:2:118: 错误 error: 文件不是 UTF-8 编码")


@pytest.mark.parametrize("written, value", [("146.40", Decimal("146.40")), ("070", Decimal(70)),
                                             ("1_000.5", Decimal("1000.5")), ("70", Decimal(70))])
def test_amounts_are_read_from_the_text_as_written(written, value):
    text = (CONTENT / "2020.yaml").read_text(encoding="utf-8").replace("amount: 146.4", f"amount: {written}")
    report = validate(parse_yaml(text, "content/2020.yaml"))
    amount = report.funds.projects[6].amount
    assert amount == value and str(amount) == str(value)


@pytest.mark.parametrize("written", ["0x1F", "1:30", ".inf", ".nan", "1e3"])
def test_numbers_in_other_notations_are_amount_errors_showing_the_text(written):
    text = (CONTENT / "2020.yaml").read_text(encoding="utf-8").replace("amount: 146.4", f"amount: {written}")
    with pytest.raises(Exception) as info:
        validate(parse_yaml(text, "content/2020.yaml"))
    (diag,) = info.value.diagnostics
    assert diag.field == "funds.projects[7].amount" and f"当前写的是“{written}”" in diag.message
