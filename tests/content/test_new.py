"""Issue 5 §1 and issue 10 §4: ``docgen new 2021 --from 2020`` — next year's content from last year's, any outline."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest

from helpers import CONTENT, DATA, FROZEN_CONTENT, TEMPLATE, project_with, run_cli
from docgen.body import printed_body
from docgen.content.load import load_content, parse_yaml
from docgen.content.text import PLACEHOLDER
from docgen.content.last_year import MARK
from docgen.content.newyear import next_year, replace_year
from docgen.content.validation import validate

DIAG = re.compile(r"^content/2021\.yaml:(\d+):\d+: (\S+): ", re.M)
FIGURES_2020 = ["5005.93", "2517.81", "521.58", "171.07", "70", "124.71", "800.75", "575.79",
                "146.4", "77.82"]
FUNDS = "content[2].content[1].funds."  # 二、's funds block, as diagnostics name it
SECTION_NOTE = ("  # 待核对：以下一节写的是 2020 年的成绩，请按 2021 年的实际改写"
                " (to check: this section reports 2020's results, rewrite it for 2021)")
AREAS_NOTE = ("      # 待核对：以下各方面照抄自 2020 年的内容（其中的年份未改），请改写为 2021 年的工作和成绩"
              " (to check: 2020's achievements, rewrite them for 2021)")
HONOURS_NOTE = "      # 待核对：以下荣誉照抄自 2020 年的内容，请换成 2021 年获得的荣誉 (to check: these are 2020's honours)"
NOTES = [SECTION_NOTE, AREAS_NOTE, HONOURS_NOTE]


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_with(tmp_path, monkeypatch, CONTENT / "2020.yaml")


def expected_blanks(text: str) -> list[tuple[str, int]]:
    """(field, line) of every placeholder, worked out from the 2020 source and the new text."""
    n_projects = len(load_content(CONTENT / "2020.yaml").data["content"][1]["content"][0]["funds"]["projects"])
    fields = [FUNDS + "final_total", FUNDS + "basic"] + [
        f"{FUNDS}projects[{i}].amount" for i in range(1, n_projects + 1)]
    lines = [i for i, line in enumerate(text.splitlines(), 1) if PLACEHOLDER in line]
    assert len(lines) == len(fields) == 10
    return list(zip(fields, lines))


def test_new_blanks_figures_and_check_lists_exactly_them(project):
    result = run_cli("new", "2021", "--from", "2020")
    assert result.exit_code == 0, result.output
    target = project / "content" / "2021.yaml"
    assert result.stdout.splitlines()[0] == "content/2021.yaml"
    text = target.read_text(encoding="utf-8")
    expected = expected_blanks(text)

    # the summary names each blanked figure with its line and last year's value
    summary = re.findall(r"content/2021\.yaml:(\d+)\s+(\S+?)（2020 年为 ([\d.]+)）", result.stdout)
    assert [(f, int(line)) for line, f, _ in summary] == expected
    assert [old for *_, old in summary][:3] == ["5005.93", "2517.81", "521.58"]

    # docgen check lists every placeholder, with its line, and fails
    check = run_cli("check", "2021")
    assert check.exit_code != 0
    funds_diags = {(f, int(line)) for line, f in DIAG.findall(check.stderr) if f.startswith(FUNDS)}
    assert funds_diags == set(expected)

    # docgen render refuses with that list and writes nothing
    render = run_cli("render", "2021", "--template", str(TEMPLATE), "--out", "out")
    assert render.exit_code != 0
    assert not (project / "out" / "2021").exists()
    assert {(f, int(line)) for line, f in DIAG.findall(render.stderr) if f.startswith(FUNDS)} == set(expected)


def fill_in(target, figures=FIGURES_2020):
    it = iter(figures)
    target.write_text(re.sub(PLACEHOLDER, lambda m: next(it), target.read_text(encoding="utf-8")),
                      encoding="utf-8")


def test_filled_in_new_year_checks_clean(project):
    run_cli("new", "2021", "--from", "2020")
    fill_in(project / "content" / "2021.yaml")
    result = run_cli("check", "2021")
    assert result.exit_code == 0, result.output


def test_achievements_and_honours_are_last_years_facts(project):
    """Lead-ins and honours keep their text and years, under a to-check comment; so does 三、's mark."""
    result = run_cli("new", "2021", "--from", "2020")
    assert result.exit_code == 0, result.output
    target = project / "content" / "2021.yaml"
    old = load_content(project / "content" / "2020.yaml").data["content"]
    new = load_content(target).data["content"]
    assert new[3]["content"][0]["honours"] == old[3]["content"][0]["honours"]
    assert "2020年度全市平安建设优秀街道" in new[3]["content"][0]["honours"]
    leads_old, leads_new = old[2]["content"][1:], new[2]["content"][1:]
    assert len(leads_new) == 7 and leads_new == leads_old
    assert "清水塘社区获评“2020年全国最美志愿服务社区”" in str(leads_new)
    # …while what describes the report itself moves: the heading, the intro
    assert new[2]["heading"] == "2021年绩效目标完成情况"
    assert new[2]["content"][0] == old[2]["content"][0].replace("2020年", "2021年")
    assert "2021年我单位开展了以下工作" in new[2]["content"][0]

    # the to-check comment stands on the line just above each kept block and the results section
    lines = target.read_text(encoding="utf-8").splitlines()
    three = lines.index("  - heading: 2021年绩效目标完成情况")
    areas = lines.index("      - lead: 公共服务方面")
    honours = lines.index("      - honours:            # 荣誉，自动编号")
    assert (lines[three - 1], lines[areas - 1], lines[honours - 1]) == tuple(NOTES)
    assert sum(line.lstrip().startswith(MARK) for line in lines) == 3

    # the summary names them, with the line where each now stands
    kept = re.findall(r"^  content/2021\.yaml:(\d+)  (\S+)  (.*)$", result.stdout, re.M)
    assert kept[:3] == [
        (str(three + 1), "content[3]", "三、2021年绩效目标完成情况 · 成绩一节 results section"),
        (str(areas + 1), "content[3].content[2]", "三、2021年绩效目标完成情况 · 引导语 lead-ins（7 个方面）"),
        (str(honours + 1), "content[4].content[1]", "四、其他需要说明事宜 · 荣誉 honours（14 项）")]
    assert "保留 2020 年的原文" in result.stdout

    # docgen diff (figures filled in) finds no section, lead-in or honour added or removed
    fill_in(target)
    diff = run_cli("diff", "2020", "2021", "--format", "csv")
    assert diff.exit_code == 0, diff.output
    rows = list(csv.reader(io.StringIO(diff.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert [r for r in rows[1:] if r[0] != "资金"] == []
    assert {r[7] for r in rows[1:]} == {""}  # no figure added or removed either
    assert len(rows) == 1 + 3 + len(old[1]["content"][0]["funds"]["projects"])


def test_years_in_comments_inside_kept_blocks_stay(project):
    """A note on an honour is part of it; the section comment before the honours moves."""
    source = (project / "content" / "2020.yaml").read_text(encoding="utf-8")
    source = source.replace("          - 2020年开福区网信工作先进单位",
                            "          # 2020年12月区委表彰\n          - 2020年开福区网信工作先进单位  # 2020年12月授牌")
    source = source.replace("  # 四、其他需要说明事宜", "  # 四、其他需要说明事宜（2020年）")
    result = next_year(source, "content/2020.yaml", 2020, 2021)
    assert "          # 2020年12月区委表彰\n          - 2020年开福区网信工作先进单位  # 2020年12月授牌" in result.text
    assert "\n  # 四、其他需要说明事宜（2021年）\n" in result.text
    assert result.replaced["注释 comments"] == 4


def test_new_from_a_new_year_replaces_the_note(project):
    """2022 from 2021: the notes name 2021 → 2022 and are not stacked on 2020 → 2021's."""
    run_cli("new", "2021", "--from", "2020")
    fill_in(project / "content" / "2021.yaml")
    assert run_cli("new", "2022", "--from", "2021").exit_code == 0
    lines = (project / "content" / "2022.yaml").read_text(encoding="utf-8").splitlines()
    notes = [line for line in lines if line.lstrip().startswith(MARK)]
    assert notes == [n.replace("2021", "2022").replace("2020", "2021") for n in NOTES]
    assert "          - 2020年度全市平安建设优秀街道" in lines  # still 2020's until someone rewrites it


def kept_lines(text: str) -> set[int]:
    """0-based indexes of the lines of the lead-ins and honours (from the parsed file, not by pattern)."""
    loaded = parse_yaml(text, "x.yaml")
    out: set[int] = set()
    for s, section in enumerate(loaded.data["content"]):
        for b, block in enumerate(section["content"]):
            if isinstance(block, dict) and ("lead" in block or "honours" in block):
                path = ("content", s, "content", b)
                first = loaded.position(path)[0]
                last = max(loaded.line_col(end - 1)[0] for p, (_start, end, _st) in loaded.spans.items()
                           if p[:4] == path and isinstance(loaded._value(p), str))
                out.update(range(first - 1, last))
    return out


def test_only_the_year_and_the_figures_change(project):
    """Comments, key order, quoting and indentation are kept: line for line the same file."""
    run_cli("new", "2021", "--from", "2020")
    old_text = (project / "content" / "2020.yaml").read_text(encoding="utf-8")
    old = old_text.splitlines()
    new = (project / "content" / "2021.yaml").read_text(encoding="utf-8").splitlines()
    assert [line for line in new if line.lstrip().startswith(MARK)] == NOTES
    new = [line for line in new if not line.lstrip().startswith(MARK)]
    assert len(new) == len(old)
    kept = kept_lines(old_text)
    assert len(kept) > 40
    blanked = 0
    for i, (before, after) in enumerate(zip(old, new)):
        if PLACEHOLDER in after:
            blanked += 1
            squeeze = lambda s: re.sub(r"\s+#", " #", s)  # noqa: E731 - comment column may move
            assert squeeze(after) == squeeze(re.sub(r"\d+(\.\d+)?(?=\s|$)", PLACEHOLDER, before, 1))
        elif i in kept:
            assert after == before  # last year's achievements and honours, years and all
        else:
            assert after == re.sub(r"(?<!\d)2020(?!\d)", "2021", before)
    assert blanked == 10
    # every other 2020 in the 2020 report is its report year
    assert not any("2020" in line for i, line in enumerate(new) if i not in kept)
    assert sum("2020" in new[i] for i in kept) == 14
    assert new[0].startswith("# 2021年度清水塘街道整体支出绩效评价报告")
    assert "year: 2021                 # 报告年度" in new
    assert any(line.startswith("          final_total: 待填") and "# 决算总额：从财务系统抄录" in line for line in new)
    assert '      - lead: "城市管理方面 "' in new
    assert "            text: 2021年年底完成所有目标。各部门重点工作占部门整体支出50%及以上。" in new
    assert "          - 2020年度全市平安建设优秀街道" in new
    assert "          - 湖南省财政工作先进集体" in new


def test_a_four_section_source_is_upgraded_first(project):
    """From the old format: the new year's file is in the general format, the same as from the new one."""
    run_cli("new", "2021", "--from", "2020")
    from_new = load_content(project / "content" / "2021.yaml").data
    shutil.copy(FROZEN_CONTENT / "2020.yaml", project / "content" / "2020.yaml")
    result = run_cli("new", "2021", "--from", "2020", "--force")
    assert result.exit_code == 0, result.output
    assert "旧的四节格式" in result.stdout
    text = (project / "content" / "2021.yaml").read_text(encoding="utf-8")
    assert "\ncontent:\n" in text and "\noverview:" not in text and "\nfunds:" not in text
    assert load_content(project / "content" / "2021.yaml").data == from_new
    assert sum(line.lstrip().startswith(MARK) for line in text.splitlines()) == 3
    assert text.startswith("# 2021年度清水塘街道整体支出绩效评价报告 — 内容文件")  # comments kept
    check = run_cli("check", "2021")
    assert {f for _line, f in DIAG.findall(check.stderr)} == {f for f, _ in expected_blanks(text)}
    fill_in(project / "content" / "2021.yaml")
    assert run_cli("check", "2021").exit_code == 0
    # filled with 2020's figures it prints 2020's paragraphs, the report year moved
    got = printed_body(validate(load_content(project / "content" / "2021.yaml")))
    was = printed_body(validate(load_content(FROZEN_CONTENT / "2020.yaml")))
    assert len(got) == len(was) == 44 - 1  # 44 with the title
    moved = sum(a != b for a, b in zip(was, got))
    assert moved == 6  # 一、's three sentences with 2020 and an indicator… ; 三、's heading and intro
    assert all(b == a or b.text == replace_year(a.text, 2020, 2021)[0] for a, b in zip(was, got))


OTHER_OUTLINE = """\
# 部门整体支出绩效自评报告（测试用的示例内容）
year: 2024
unit:
  name: 开福区农业农村局
kind: 部门整体支出绩效自评报告
content:
  - heading: 部门（单位）基本情况
    content:
      - heading: 年度总体工作和重点工作任务
        content:
          - 2024年，我局围绕稳粮保供、乡村建设开展工作：
          - list:
              - 完成2024年度粮食播种面积1.26万亩。
  - heading: 一般公共预算支出情况
    content:
      - heading: 预算执行
        content:
          - funds:
              final_total: 4761.28   # 决算总额
              basic: 1533.67
              project_total: 3227.61
          - table:
              header: [项目, 2024年预算数, 2024年决算数]
              rows:
                - [农田建设, 962.3, 962.3]
      - heading: 专项资金
        content:
          - funds:
              final_total: 300
              basic: 0
              projects:
                - name: 乡村振兴衔接支出
                  amount: 300
  - heading: 部门整体支出绩效情况
    content:
      - 2024年度部门整体支出绩效目标完成良好：
      - list:
          - 2024年新建高标准农田2100亩。
      - lead: 效益目标
        text: 2024年农产品质量安全监测合格率98.6%。
"""


def test_any_outline_keeps_its_shape_and_blanks_every_funds_block(project):
    (project / "content" / "2024.yaml").write_text(OTHER_OUTLINE, encoding="utf-8")
    assert run_cli("check", "2024").exit_code == 0, run_cli("check", "2024").output
    result = run_cli("new", "2025", "--from", "2024")
    assert result.exit_code == 0, result.output
    text = (project / "content" / "2025.yaml").read_text(encoding="utf-8")
    data = load_content(project / "content" / "2025.yaml").data
    one, two, three = data["content"]
    # the outline is the same; what describes the report moved
    assert [s["heading"] for s in data["content"]] == ["部门（单位）基本情况", "一般公共预算支出情况", "部门整体支出绩效情况"]
    assert one["content"][0]["content"][1]["list"] == ["完成2025年度粮食播种面积1.26万亩。"]
    assert three["content"][0] == "2025年度部门整体支出绩效目标完成良好："
    # every figure of both funds blocks is 待填, wherever they sit
    assert two["content"][0]["content"][0]["funds"] == {"final_total": "待填", "basic": "待填", "project_total": "待填"}
    assert two["content"][1]["content"][0]["funds"]["projects"] == [{"name": "乡村振兴衔接支出", "amount": "待填"}]
    assert re.search(r"final_total: 待填 +# 决算总额\n", text)  # the comment stays
    # the table is left as written (a 预算 figure may be right as it is) and listed to check
    assert two["content"][0]["content"][1] == load_content(project / "content" / "2024.yaml").data[
        "content"][1]["content"][0]["content"][1]
    assert re.search(r"^  content/2025\.yaml:\d+  content\[2\]\.content\[1\]\.content\[2\]  "
                     r"二、一般公共预算支出情况 / （一）预算执行（2 个数字）$", result.stdout, re.M)
    # the results section (…绩效情况): its list and lead-in are 2024's facts, kept and marked
    assert three["content"][1]["list"] == ["2024年新建高标准农田2100亩。"]
    assert three["content"][2]["text"] == "2024年农产品质量安全监测合格率98.6%。"
    assert text.count(MARK) == 2
    check = run_cli("check", "2025")
    todos = re.findall(r"^content/2025\.yaml:(\d+):\d+: (\S+): 待办", check.stderr, re.M)
    assert len(todos) == 6  # 3 + 3 figures; the table is not a to-do
    lines = text.splitlines()
    assert all(lines[int(n) - 1].split(":")[1].strip().startswith("待填") for n, _f in todos)


def test_never_overwrites_without_force(project):
    target = project / "content" / "2021.yaml"
    target.write_text("# my 2021 work\n", encoding="utf-8")
    result = run_cli("new", "2021", "--from", "2020")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "# my 2021 work\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["2020.yaml", "2021.yaml"]

    forced = run_cli("new", "2021", "--from", "2020", "--force")
    assert forced.exit_code == 0, forced.output
    assert "year: 2021" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["2020.yaml", "2021.yaml"]


def test_missing_source_year_is_a_usage_error(project):
    result = run_cli("new", "2023", "--from", "2022")
    assert result.exit_code == 2
    assert "2020" in result.stderr  # names the years that exist
    assert not (project / "content" / "2023.yaml").exists()


def test_same_year_is_refused(project):
    assert run_cli("new", "2020", "--from", "2020").exit_code == 2


@pytest.mark.parametrize("text, expected", [
    ("2020年度项目支出绩效目标表", "2021年度项目支出绩效目标表"),
    ("2020年底完成所有目标", "2021年底完成所有目标"),
    ("2020年，街道获评", "2021年，街道获评"),
    ("docgen check 2020", "docgen check 2021"),
    ("粉丝12020人", "粉丝12020人"),          # inside a longer number
    ("编号20201号", "编号20201号"),
    ("面积2020.5平方米", "面积2020.5平方米"),  # a decimal, not a year
    ("增长1.2020倍", "增长1.2020倍"),
    ("2019年基础上", "2019年基础上"),          # other years are facts
    ("2018-2020年三年行动", "2018-2020年三年行动"),  # a period, not the report year
    ("2020—2022年规划", "2020—2022年规划"),
    ("2018年至2020年", "2018年至2020年"),
    ("《2020年政府工作报告》要求2020年完成", "《2020年政府工作报告》要求2021年完成"),
])
def test_year_rule(text, expected):
    assert replace_year(text, 2020, 2021)[0] == expected


def test_kept_occurrences_are_reported(project):
    source = (project / "content" / "2020.yaml").read_text(encoding="utf-8")
    source = source.replace("management: 按照开福区", "management: 依据《2018-2020年资金管理办法》，按照开福区")
    result = next_year(source, "content/2020.yaml", 2020, 2021)
    assert "依据《2018-2020年资金管理办法》" in result.text
    assert [k.where for k in result.kept] == [FUNDS + "management"]


def test_other_indentation_and_crlf_are_kept(project):
    """A file written with flush "- " lists and Windows line ends round-trips exactly."""
    from ruamel.yaml import YAML

    rt = YAML()
    rt.width = 1_000_000
    rt.indent(mapping=2, sequence=2, offset=0)
    buf = io.StringIO()
    rt.dump(rt.load((project / "content" / "2020.yaml").read_text(encoding="utf-8")), buf)
    assert re.search(r"\n  content:\n  - 参照区", buf.getvalue())  # really the other style
    flush = buf.getvalue().replace("\n", "\r\n")
    result = next_year(flush, "content/2020.yaml", 2020, 2021)
    assert result.exact_format
    old, new = flush.split("\r\n"), result.text.split("\r\n")
    # each note at its item's indentation, right above the item
    notes = [(line, new[i + 1].split(":")[0]) for i, line in enumerate(new) if MARK in line]
    assert notes == [(SECTION_NOTE.strip(), "- heading"), ("  " + AREAS_NOTE.strip(), "  - lead"),
                     ("  " + HONOURS_NOTE.strip(), "  - honours")]
    new = [line for line in new if not line.lstrip().startswith(MARK)]
    assert len(old) == len(new)
    kept = kept_lines(flush.replace("\r\n", "\n"))
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(changed) == 10 + sum("2020" in line for i, line in enumerate(old) if i not in kept)
    assert all(re.sub(r"(?<!\d)2020(?!\d)", "2021", old[i]) == new[i] or PLACEHOLDER in new[i]
               for i in changed)
    assert not any(i in kept for i in changed)


SIGNED = """\
year: 2024
unit:
  name: 长沙市开福区老干部服务中心
kind: 部门整体支出绩效自评报告
front_matter:
  - label: 评价年度
    value: 2024年度
  - label: 自评得分
    value: 95.4分
  - label: 评价等级
    value: 优
  - label: 填报日期
    value: 2025年3月20日
content:
  - heading: 部门（单位）基本情况
    content:
      - 中心主要负责全区离退休干部的服务管理工作。
signature:
  - 长沙市开福区老干部服务中心
  - 2025年3月20日
"""


def test_last_years_dates_and_scores_around_the_body_are_to_be_filled(project):
    """The 落款's date, the front matter's 填报日期, 自评得分 and 评价等级 are the old report's: 待填."""
    (project / "content" / "2024.yaml").write_text(SIGNED, encoding="utf-8")
    result = run_cli("new", "2025", "--from", "2024")
    assert result.exit_code == 0, result.output
    data = load_content(project / "content" / "2025.yaml").data
    assert [f["value"] for f in data["front_matter"]] == ["2025年度", PLACEHOLDER, PLACEHOLDER, PLACEHOLDER]
    assert data["signature"] == ["长沙市开福区老干部服务中心", PLACEHOLDER]
    assert "个金额" not in result.stdout  # no funds block: no line about amounts
    listed = result.stdout.split("已清空 4 处上年的日期和得分")[1]
    for field, old in (("front_matter[2].value", "95.4分"), ("front_matter[3].value", "优"),
                       ("front_matter[4].value", "2025年3月20日"), ("signature[2]", "2025年3月20日")):
        assert re.search(rf"content/2025\.yaml:\d+  {re.escape(field)}（2024 年为 {old}）", listed), listed
    check = run_cli("check", "2025")
    todos = re.findall(r"^content/2025\.yaml:\d+:\d+: (\S+): 待办", check.stderr, re.M)
    assert todos == ["front_matter[2].value", "front_matter[3].value", "front_matter[4].value", "signature[2]"]


def test_new_from_a_missing_year_names_the_years_to_start_from(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    for year in (2022, 2023):
        shutil.copy(DATA / "diff" / "2021.yaml", tmp_path / "content" / f"{year}.yaml")
    monkeypatch.chdir(tmp_path)
    result = run_cli("new", "2024", "--from", "2019")
    assert result.exit_code == 2
    assert "--from 2023" in result.output
    assert "docgen new 2019 --from" not in result.output    # never: make the source from a later year
    assert not (tmp_path / "content" / "2024.yaml").exists()
