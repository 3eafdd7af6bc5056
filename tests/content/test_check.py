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

from helpers import FROZEN_CONTENT, REPORT_2020, TEMPLATE, funds_of, run_cli
from docgen.content.check import run_checks
from docgen.errors import Severity
from docgen.content.load import load_content, parse_yaml
from docgen.content.text import PLACEHOLDER
from docgen.content.validation import validate
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
    ("achievements.areas[6].items[1]", 95, "”", "段落末尾没有标点（结尾是 …“综合减灾示范社区”）"),
    ("achievements.areas[7].lead", 96, " ", "引导语末尾有空格：模板会在其后加“：”，印出来是“公共安全-综治方面 ：”"),
]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    shutil.copytree(FROZEN_CONTENT, tmp_path / "content")
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
    result = run_cli("check", "2020")
    assert result.exit_code == 0, result.output
    found = [DIAG.match(line) for line in result.stderr.splitlines() if DIAG.match(line)]
    source = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8").split("\n")
    got = []
    for m in found:
        file, line, col, field, severity, message = m.groups()
        assert file == "content/2020.yaml" and severity == "警告 warning"
        got.append((field, int(line), source[int(line) - 1][int(col) - 1], message))
    assert [g[:3] for g in got] == [s[:3] for s in SLIPS_2020]
    for (_, _, _, message), (*_, want) in zip(got, SLIPS_2020):
        assert message.startswith(want), message
    assert "共 0 个错误，8 个警告" in result.stderr
    assert result.stdout.strip() == "content/2020.yaml: 检查通过（8 个警告，请自行判断） OK"


def test_2020_strict_fails(project):
    result = run_cli("check", "2020", "--strict")
    assert result.exit_code == 1
    assert "--strict" in result.stderr and "检查通过" not in result.stdout


def test_fixing_the_slips_leaves_2020_clean(project):
    for old, new in [("等8方面内容", "等4方面内容"), ("满意度, 让", "满意度，让"),
                     ("公共安全安全生产支出", "公共安全生产支出"), ("1150 条", "1150条"),
                     ("廉政谈话40人次，\n", "廉政谈话40人次。\n"), ('"城市管理方面 "', "城市管理方面"),
                     ('"公共安全-综治方面 "', "公共安全-综治方面"), ("示范社区”\n", "示范社区”。\n")]:
        edit(project, 2020, old, new)
    result = run_cli("check", "2020", "--strict")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_render_runs_the_same_checks_refuses_on_errors_not_warnings(project):
    shutil.copytree(TEMPLATE.parent, project / "templates")
    ok = run_cli("render", "2020")
    assert ok.exit_code == 0, ok.output
    assert (project / "out" / "2020" / f"{REPORT_2020}.docx").is_file()
    assert "共 0 个错误，8 个警告" in ok.stderr  # warnings shown, render done

    edit(project, 2020, "final_total: 5005.93", "final_total: 5005.94")
    refused = run_cli("render", "2020", "--out", "out2")
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

    check = run_cli("check", "2020")
    assert check.exit_code == 1
    todos = [DIAG.match(line) for line in check.stderr.splitlines() if "待办 TODO" in line]
    assert [int(m.group(2)) for m in todos] == lines
    assert [m.group(4) for m in todos][:3] == ["funds.final_total", "funds.basic", "funds.projects[1].amount"]
    assert "10 项待办" in check.stderr

    shutil.copytree(TEMPLATE.parent, project / "templates")
    render = run_cli("render", "2020")
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
    loaded = load_content(FROZEN_CONTENT / "2020.yaml", "content/2020.yaml")
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


@pytest.mark.parametrize("item", ["1、", "2. ", "1.", "（3）", "(4)", "①", "一、", "十、", "１、", "１．", "3）"])
def test_typed_list_number_in_a_numbered_item_is_an_error_at_the_number(project, item):
    """"- 1、湖南省…" prints "1、1、湖南省…": an error (render refuses), located at the typed number."""
    report, loaded = _report(project, ("    - 湖南省财政工作先进集体", f"    - {item}湖南省财政工作先进集体"))
    (diag,) = [d for d in run_checks(report, loaded) if "手工写了编号" in d.message]
    assert diag.severity is Severity.ERROR and diag.field == "other.honours[1]"
    assert (diag.line, diag.col) == (105, 7)
    assert diag.message.startswith(f"条目开头手工写了编号“{item.strip()}”，模板会自动编号，"
                                   f"印出来会是“1、{item}湖南省财政工作先进集体”")
    assert diag.hint.startswith(f"删除开头的“{item.strip()}”")


@pytest.mark.parametrize("old, new, field", [
    ("    - 社会服务主要涉及党建", "    - 1、社会服务主要涉及党建", "overview.areas[1]"),
    ("    - name: 质量指标", "    - name: 1、质量指标", "overview.output_indicators[1].name"),
    ("    - name: 生态效益指标", "    - name: ⑤生态效益指标", "overview.benefit_indicators[5].name"),
    ("        - 全面加强法治建设。", "        - 1、全面加强法治建设。", "achievements.areas[7].items[1]"),
])
def test_every_list_the_template_numbers_refuses_a_typed_number(project, old, new, field):
    report, loaded = _report(project, (old, new))
    errors = [d for d in run_checks(report, loaded) if d.is_error]
    assert [d.field for d in errors] == [field]
    assert errors[0].message.startswith("条目开头手工写了编号“")


@pytest.mark.parametrize("old, field", [
    ("  basis: 参照区", "overview.basis"),
    ("  output_intro: 编制", "overview.output_intro"),
    ("  intro: 针对整体支出", "achievements.intro"),
    ("      text: 保障街道机关", "overview.output_indicators[1].text"),
])
def test_typed_number_in_free_text_is_only_a_warning(project, old, field):
    """The template adds no number to free text: "1、" prints once, as typed."""
    key, _, rest = old.partition(": ")
    report, loaded = _report(project, (old, f"{key}: 1、{rest}"))
    diags = [d for d in run_checks(report, loaded) if "手工写了编号" in d.message]
    assert [(d.field, d.severity) for d in diags] == [(field, Severity.WARNING)]
    assert "items" in diags[0].hint or "忽略" in diags[0].hint


def test_typed_number_in_area_text_and_other_paragraphs_is_a_warning(tmp_path):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8")
    text = text.replace("  honours:                  # 荣誉，自动编号",
                        "  paragraphs:\n    - （一）其他事项说明。\n  honours:")
    text = text.replace("- lead: 公共服务方面\n      text: ", "- lead: 公共服务方面\n      text: 1、")
    loaded = parse_yaml(text, "content/2020.yaml")
    diags = [d for d in run_checks(validate(loaded), loaded) if "手工写了编号" in d.message]
    assert [(d.field, d.severity) for d in diags] == [
        ("achievements.areas[1].text", Severity.WARNING), ("other.paragraphs[1]", Severity.WARNING)]


def test_render_refuses_a_typed_list_number(project):
    shutil.copytree(TEMPLATE.parent, project / "templates")
    edit(project, 2020, "    - 湖南省财政工作先进集体", "    - 1、湖南省财政工作先进集体")
    result = run_cli("render", "2020")
    assert result.exit_code == 1
    assert ("content/2020.yaml:105:7: other.honours[1]: 错误 error: 条目开头手工写了编号“1、”，"
            "模板会自动编号，印出来会是“1、1、湖南省财政工作先进集体”") in result.stderr
    assert not (project / "out").exists()


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
    assert funds_of(report).total == Decimal("5005.93")
    report, loaded = _report(project, ("basic: 2517.81", "basic: 2517.805"),
                             ("final_total: 5005.93", "final_total: 5005.925"))
    diags = run_checks(report, loaded)
    decimals = [d for d in diags if "位小数" in d.message]
    assert [(d.field, d.severity) for d in decimals] == [
        ("funds.final_total", Severity.WARNING), ("funds.basic", Severity.WARNING)]
    assert not [d for d in diags if d.is_error]


def test_positions_inside_block_scalars(tmp_path):
    """A ``|`` block (several lines of one paragraph): the slip is found on its own line."""
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8")
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
        result = run_cli(command, arg)
        assert result.exit_code == 2, result.output
        assert "不是年份" in result.stderr and "Traceback" not in result.output
    assert not (project / "out").exists()


def test_missing_year_lists_the_years_there_are(project):
    result = run_cli("check", "2031")
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
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8").replace(
        "  district: 开福区", f"  district: !!python/object/apply:os.system [\"touch {marker}\"]")
    path = tmp_path / "2020.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(Exception) as info:
        prepare_file(path)
    assert "不支持的 YAML 标签" in info.value.diagnostics[0].message
    assert not marker.exists()


def test_no_traceback_for_a_file_that_is_binary(project):
    (project / "content" / "2020.yaml").write_bytes(bytes(range(256)) * 4)
    result = run_cli("check", "2020")
    assert result.exit_code == 1 and "Traceback" not in result.output
    # byte 128 is the first that is not UTF-8: line 2 (after byte 10, "\n"), column 128 - 11 + 1
    assert result.stderr.startswith("content/2020.yaml:2:118: 错误 error: 文件不是 UTF-8 编码")


@pytest.mark.parametrize("written, value", [("146.40", Decimal("146.40")), ("070", Decimal(70)),
                                             ("1_000.5", Decimal("1000.5")), ("70", Decimal(70))])
def test_amounts_are_read_from_the_text_as_written(written, value):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8").replace("amount: 146.4", f"amount: {written}")
    report = validate(parse_yaml(text, "content/2020.yaml"))
    amount = funds_of(report).projects[6].amount
    assert amount == value and str(amount) == str(value)


@pytest.mark.parametrize("written", ["0x1F", "1:30", ".inf", ".nan", "1e3"])
def test_numbers_in_other_notations_are_amount_errors_showing_the_text(written):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8").replace("amount: 146.4", f"amount: {written}")
    with pytest.raises(Exception) as info:
        validate(parse_yaml(text, "content/2020.yaml"))
    (diag,) = info.value.diagnostics
    assert diag.field == "funds.projects[7].amount" and f"当前写的是“{written}”" in diag.message


# ---------------------------------------------------------------- quotes around a whole value

@pytest.mark.parametrize("open_, close", [("“", "”"), ("‘", "’"), ("「", "」"), ("『", "』"), ('"', '"')])
def test_quotes_around_a_whole_value_warn_naming_the_field(project, open_, close):
    value = f"{open_}经济发展方面{close}"
    written = f"'{value}'" if open_ == '"' else value  # ASCII quotes reach the text only inside YAML quotes
    report, loaded = _report(project, ("    - lead: 经济发展方面", f"    - lead: {written}"))
    diags = [d for d in run_checks(report, loaded) if "两端有引号" in d.message]
    assert [(d.field, d.severity, d.line) for d in diags] == [
        ("achievements.areas[3].lead", Severity.WARNING, 81)]
    assert diags[0].message.startswith(f"整段文字两端有引号，会原样印进报告，印出来是 {value}：")
    assert "YAML 中的中文文字不需要加引号" in diags[0].hint


@pytest.mark.parametrize("old, new, field", [
    ("  name: 清水塘街道", "  name: ‘清水塘街道’", "unit.name"),
    ("  name: 清水塘街道", "  name: “清水塘街道”", "unit.name"),
    ("  district: 开福区", "  district: 「开福区」", "unit.district"),
])
def test_quotes_around_the_unit_name_or_district_are_an_error(project, old, new, field):
    report, loaded = _report(project, (old, new))
    (diag,) = [d for d in run_checks(report, loaded) if "两端有引号" in d.message]
    assert diag.field == field and diag.severity is Severity.ERROR
    if field == "unit.name":
        assert f"2020年度{new.split(': ')[1]}整体支出绩效评价报告.docx" in diag.message


@pytest.mark.parametrize("text", ["“春风行动”招聘会和“就业援助月”", "“五好”党组织", "开展“学习强国”活动", "“”"])
def test_quotes_inside_a_value_are_not_flagged(project, text):
    assert _new_messages(project, ("    - 湖南省财政工作先进集体", f"    - {text}")) == []


# ---------------------------------------------------------------- invisible characters

@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad", "\u200d"])
def test_invisible_character_in_text_warns_with_code_point_and_position(project, char):
    report, loaded = _report(project, ("湖南省财政工作先进集体", f"湖南省财政{char}工作先进集体"))
    (diag,) = [d for d in run_checks(report, loaded) if "看不见的字符" in d.message]
    assert diag.severity is Severity.WARNING and diag.field == "other.honours[1]"
    assert diag.message.startswith(f"含有看不见的字符 U+{ord(char):04X}（")
    assert "在第 6 个字符" in diag.message and "删除这个字符" in diag.hint
    assert (diag.line, diag.col) == (105, 12)  # the character itself: "    - 湖南省财政" is 11 wide


@pytest.mark.parametrize("text, flagged", [
    ("家庭👨\u200d👩\u200d👧活动", False),           # family emoji: ZWJ sequence
    ("彩虹旗🏳\ufe0f\u200d🌈", False),                 # VS16 before the ZWJ
    ("❤\ufe0f\u200d🔥", False),
    ("工作\u200d先进", True),                          # between Chinese characters
    ("Word\u200dExcel", True),                          # between Latin letters
    ("先进\u200d", True),                              # at the end
])
def test_zero_width_joiner_only_flagged_outside_emoji(project, text, flagged):
    messages = _new_messages(project, ("    - 湖南省财政工作先进集体", f"    - {text}"))
    assert any("U+200D" in m for m in messages) is flagged, messages


# ---------------------------------------------------------------- full-width spaces in the structure

def _refused(text: str):
    with pytest.raises(Exception) as info:
        parse_yaml(text, "content/2020.yaml")
    return info.value.diagnostics


@pytest.mark.parametrize("old, new, line, col, where", [
    ("  basic: 2517.81", "  basic:\u30002517.81", 47, 9, "在“basic:”之后"),
    ("  district: 开福区", "\u3000\u3000district: 开福区", 11, 1, "在行首"),
    ("  district: 开福区", "  \u3000district: 开福区", 11, 3, "在行首"),
    ("    - 湖南省财政工作先进集体", "    -\u3000湖南省财政工作先进集体", 105, 6, "在“-”之后"),
    ("    - name: 质量指标", "    - \u3000name: 质量指标", 23, 7, "在“- ”之后"),
    ("unit:", "unit:\u3000", 9, 6, "在“unit:”之后"),
    ("  district: 开福区", "  district:\u00a0开福区", 11, 12, "在“district:”之后"),
    ("  basic: 2517.81             # 基本支出", "  basic: 2517.81\u3000# 基本支出", 47, 17, "在“#”注释之前"),
    ("  name: 清水塘街道          # 单位名称（用于标题和文件名）", "  name: 清水塘街道\u3000# 单位名称", 10, 14,
     "在“#”注释之前"),  # else "清水塘街道　# 单位名称" would be the unit name
])
def test_full_width_space_as_indentation_or_separator_is_named_at_its_place(old, new, line, col, where):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8")
    assert text.count(old + "\n") == 1 or text.count(old + " ") == 1
    lines = text.split("\n")
    at = next(i for i, s in enumerate(lines) if s == old or s.startswith(old + " "))
    lines[at] = lines[at].replace(old, new, 1)
    (diag,) = _refused("\n".join(lines))
    name, code = ("不换行空格", "00A0") if "\u00a0" in new else ("全角空格", "3000")
    assert (diag.line, diag.col) == (line, col)
    assert diag.message.startswith(f"用了{name}（U+{code}）缩进 / 分隔（{where}）")
    assert "半角空格" in diag.hint and "中文冒号" not in diag.message + diag.hint
    assert "\n".join(lines).split("\n")[line - 1][col - 1] in "\u3000\u00a0"


@pytest.mark.parametrize("old, new", [
    ("    - 湖南省财政工作先进集体", "    - \u3000湖南省财政工作先进集体"),          # text after "- "
    ("  district: 开福区", "  district: \u3000开福区"),                          # text after "key: "
    ("湖南省财政工作先进集体", "湖南省财政\u3000工作先进集体"),                       # inside a text
    ("  management: 按照", "  management: |\n    \u3000\u3000按照"),               # first-line indent in a block
])
def test_full_width_space_inside_text_is_data_not_a_yaml_error(old, new):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    loaded = parse_yaml(text.replace(old, new), "content/2020.yaml")
    diags = run_checks(validate(loaded), loaded)
    assert not [d for d in diags if d.is_error]
    assert any("空格" in d.message for d in diags if d.message not in {x.message for x in run_checks(*_report_fresh())})


# ---------------------------------------------------------------- amounts: notation, digits, exact sums

@pytest.mark.parametrize("written", ["1.5e+3", "1.0e+40", "1.5E-3", "2.51781e+3"])
def test_exponent_notation_is_refused_never_crashes(written):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8").replace("amount: 146.4", f"amount: {written}")
    with pytest.raises(Exception) as info:
        validate(parse_yaml(text, "content/2020.yaml"))
    (diag,) = info.value.diagnostics
    assert diag.field == "funds.projects[7].amount"
    assert diag.message.startswith("金额必须写成阿拉伯数字")
    assert f"当前写的是“{written}”" in diag.message and "科学计数法" in diag.message


def test_exponent_amount_through_the_cli_exits_1_not_70(project):
    edit(project, 2020, "amount: 146.4", "amount: 1.0e+40")
    result = run_cli("check", "2020")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "content/2020.yaml:62:15: funds.projects[7].amount: 错误 error: 金额必须写成阿拉伯数字" in result.stderr


@pytest.mark.parametrize("written, digits", [("77.82000000000000000001", 22), ("123456789012345678901", 21),
                                             ("0.000000000000000000001", 22)])
def test_amounts_with_more_than_20_digits_are_refused(written, digits):
    text = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8").replace("amount: 77.82", f"amount: {written}")
    with pytest.raises(Exception) as info:
        validate(parse_yaml(text, "content/2020.yaml"))
    (diag,) = info.value.diagnostics
    assert diag.field == "funds.projects[8].amount"
    assert diag.message.startswith(f"金额位数过多（{digits} 位数字，上限 20 位）")


def test_totals_are_exact_beyond_decimals_default_28_digits():
    """19 integer digits + an 18th decimal place: 37 digits, which Decimal's default context
    would round away (10**18 + 1E-18 == 10**18 at 28 digits), so the mismatch must still show."""
    from decimal import getcontext
    assert getcontext().prec == 28
    big, tiny = "1000000000000000000", "0.000000000000000001"  # every amount within the 20-digit limit
    base = (FROZEN_CONTENT / "2020.yaml").read_text(encoding="utf-8")
    assert Decimal(big) + Decimal(tiny) == Decimal(big)  # the trap, in the default context
    text = base.replace("final_total: 5005.93", f"final_total: {big}") \
               .replace("basic: 2517.81", f"basic: {Decimal(big) - Decimal('2488.12')}") \
               .replace("amount: 77.82", f"amount: {Decimal('77.82') + Decimal(tiny)}")
    loaded = parse_yaml(text, "content/2020.yaml")
    report = validate(loaded)
    assert funds_of(report).total == Decimal("1000000000000000000.000000000000000001")
    (diag,) = [d for d in run_checks(report, loaded) if d.is_error]
    assert diag.field == "funds.final_total"
    assert "相差 -0.000000000000000001 万元" in diag.message


# ---------------------------------------------------------------- an unclosed bracket

def test_unclosed_bracket_names_where_it_was_opened():
    (diag,) = _refused("x: [\n")
    assert (diag.line, diag.col) == (1, 4)
    assert diag.message.startswith("YAML 语法错误 syntax error: 第 1 行第 4 列的“[”没有闭合（缺少“]”")
    assert diag.hint.startswith("方括号“[”没有闭合")


def test_unclosed_brace_inside_a_list_names_the_innermost_open_bracket():
    (diag,) = _refused('a:\n  - [1, "]", {b: 2\n  - 3\n')
    assert (diag.line, diag.col) == (2, 14)
    assert "“{”没有闭合（缺少“}”" in diag.message and diag.hint.startswith("花括号“{”没有闭合")


def test_brackets_inside_a_text_block_do_not_count():
    (diag,) = _refused("a: |\n  [注] 文字 {\nb: [1,\n")
    assert (diag.line, diag.col) == (3, 4)


def test_a_bracket_closed_later_is_not_called_unclosed():
    """'[a: b: c]' is closed: the error is what is inside (text that should have been quoted)."""
    (diag,) = _refused("x: [a: b: c]\n")
    assert (diag.line, diag.col) == (1, 4)
    assert "没有闭合" not in diag.message and "加引号" in diag.hint
