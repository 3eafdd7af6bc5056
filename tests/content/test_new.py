"""Issue 5 §1: ``docgen new 2021 --from 2020`` — next year's content from last year's."""

from __future__ import annotations

import csv
import io
import re
import shutil

import pytest
from click.testing import CliRunner

from helpers import FROZEN_CONTENT, TEMPLATE
from docgen.cli import cli
from docgen.content.load import load_content
from docgen.content.text import PLACEHOLDER
from docgen.content.newyear import MARK, next_year, replace_year

DIAG = re.compile(r"^content/2021\.yaml:(\d+):\d+: (\S+): ", re.M)
FIGURES_2020 = ["5005.93", "2517.81", "521.58", "171.07", "70", "124.71", "800.75", "575.79",
                "146.4", "77.82"]
HONOURS_NOTE = "  # 待核对：以下荣誉照抄自 2020 年的内容，请换成 2021 年获得的荣誉 (to check: these are 2020's honours)"
AREAS_NOTE = ("  # 待核对：以下各方面照抄自 2020 年的内容（其中的年份未改），请改写为 2021 年的工作和成绩"
              " (to check: 2020's achievements, rewrite them for 2021)")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    shutil.copy(FROZEN_CONTENT / "2020.yaml", tmp_path / "content" / "2020.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def expected_blanks(text: str) -> list[tuple[str, int]]:
    """(field, line) of every placeholder, worked out from the 2020 source and the new text."""
    n_projects = len(load_content(FROZEN_CONTENT / "2020.yaml").data["funds"]["projects"])
    fields = ["funds.final_total", "funds.basic"] + [
        f"funds.projects[{i}].amount" for i in range(1, n_projects + 1)]
    lines = [i for i, line in enumerate(text.splitlines(), 1) if PLACEHOLDER in line]
    assert len(lines) == len(fields) == 10
    return list(zip(fields, lines))


def test_new_blanks_figures_and_check_lists_exactly_them(project):
    result = run("new", "2021", "--from", "2020")
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
    check = run("check", "2021")
    assert check.exit_code != 0
    funds_diags = {(f, int(line)) for line, f in DIAG.findall(check.stderr) if f.startswith("funds.")}
    assert funds_diags == set(expected)

    # docgen render refuses with that list and writes nothing
    render = run("render", "2021", "--template", str(TEMPLATE), "--out", "out")
    assert render.exit_code != 0
    assert not (project / "out" / "2021").exists()
    assert {(f, int(line)) for line, f in DIAG.findall(render.stderr)
            if f.startswith("funds.")} == set(expected)


def fill_in(target, figures=FIGURES_2020):
    it = iter(figures)
    target.write_text(re.sub(PLACEHOLDER, lambda m: next(it), target.read_text(encoding="utf-8")),
                      encoding="utf-8")


def test_filled_in_new_year_checks_clean(project):
    run("new", "2021", "--from", "2020")
    fill_in(project / "content" / "2021.yaml")
    result = run("check", "2021")
    assert result.exit_code == 0, result.output


def test_achievements_and_honours_are_last_years_facts(project):
    """Honours and achievement areas keep their text and years, under a to-check comment."""
    result = run("new", "2021", "--from", "2020")
    assert result.exit_code == 0, result.output
    target = project / "content" / "2021.yaml"
    old = load_content(project / "content" / "2020.yaml").data
    new = load_content(target).data
    assert new["other"]["honours"] == old["other"]["honours"]
    assert "2020年度全市平安建设优秀街道" in new["other"]["honours"]
    assert "2021年度全市平安建设优秀街道" not in new["other"]["honours"]
    assert new["achievements"]["areas"] == old["achievements"]["areas"]
    assert "清水塘社区获评“2020年全国最美志愿服务社区”" in str(new["achievements"]["areas"])
    # …while what describes the report itself moves
    assert new["achievements"]["intro"] == old["achievements"]["intro"].replace("2020年", "2021年")
    assert "2021年我单位开展了以下工作" in new["achievements"]["intro"]

    # the to-check comment stands on the line just above each key
    lines = target.read_text(encoding="utf-8").splitlines()
    honours = lines.index("  honours:                  # 荣誉，自动编号")
    areas = lines.index("achievements:") + 3
    assert lines[areas].startswith("  areas:")
    assert lines[honours - 1] == HONOURS_NOTE
    assert lines[areas - 1] == AREAS_NOTE
    assert sum(line.lstrip().startswith(MARK) for line in lines) == 2

    # the summary names both sections, with the line of their key in the new file
    kept = re.findall(r"^  content/2021\.yaml:(\d+)  (\S+)  .*（(\d+) (?:个方面|项)）$", result.stdout, re.M)
    assert kept == [(str(areas + 1), "achievements.areas", str(len(old["achievements"]["areas"]))),
                    (str(honours + 1), "other.honours", str(len(old["other"]["honours"])))]
    assert "保留 2020 年的原文" in result.stdout
    assert "other.honours ×" not in result.stdout  # no year moved there

    # docgen diff (figures filled in) finds no honour and no area added or removed
    fill_in(target)
    diff = run("diff", "2020", "2021", "--format", "csv")
    assert diff.exit_code == 0, diff.output
    rows = list(csv.reader(io.StringIO(diff.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert [r for r in rows[1:] if r[0] != "资金"] == []
    assert {r[6] for r in rows[1:]} == {""}  # no figure added or removed either
    assert len(rows) == 1 + 3 + len(old["funds"]["projects"])


def test_years_in_comments_inside_kept_sections_stay(project):
    """A note on an honour is part of it; the section heading after the areas moves."""
    source = (project / "content" / "2020.yaml").read_text(encoding="utf-8")
    source = source.replace("    - 2020年开福区网信工作先进单位",
                            "    # 2020年12月区委表彰\n    - 2020年开福区网信工作先进单位  # 2020年12月授牌")
    source = source.replace("# 四、其他需要说明事宜", "# 四、其他需要说明事宜（2020年）")
    result = next_year(source, "content/2020.yaml", 2020, 2021)
    assert "    # 2020年12月区委表彰\n    - 2020年开福区网信工作先进单位  # 2020年12月授牌" in result.text
    assert "\n# 四、其他需要说明事宜（2021年）\n" in result.text
    assert result.replaced["注释 comments"] == 4


def test_new_from_a_new_year_replaces_the_note(project):
    """2022 from 2021: the note names 2021 → 2022 and is not stacked on 2020 → 2021's."""
    run("new", "2021", "--from", "2020")
    fill_in(project / "content" / "2021.yaml")
    assert run("new", "2022", "--from", "2021").exit_code == 0
    lines = (project / "content" / "2022.yaml").read_text(encoding="utf-8").splitlines()
    notes = [line for line in lines if line.lstrip().startswith(MARK)]
    assert notes == [AREAS_NOTE.replace("2021", "2022").replace("2020", "2021"),
                     HONOURS_NOTE.replace("2021", "2022").replace("2020", "2021")]
    assert "    - 2020年度全市平安建设优秀街道" in lines  # still 2020's until someone rewrites it


def kept_sections(lines: list[str]) -> set[int]:
    """Indexes of the lines of achievements.areas and other.honours (to the next key or comment)."""
    out, parent, inside = set(), "", False
    for i, line in enumerate(lines):
        if re.match(r"\w", line):
            parent = line
        if parent in ("achievements:", "other:") and re.match(r"  (areas|honours):", line):
            inside = True
        elif re.match(r"\S|  [^-\s]", line):
            inside = False
        if inside:
            out.add(i)
    return out


def test_only_the_year_and_the_figures_change(project):
    """Comments, key order, quoting and indentation are kept: line for line the same file."""
    run("new", "2021", "--from", "2020")
    old = (project / "content" / "2020.yaml").read_text(encoding="utf-8").splitlines()
    new = (project / "content" / "2021.yaml").read_text(encoding="utf-8").splitlines()
    assert [line for line in new if line.lstrip().startswith(MARK)] == [AREAS_NOTE, HONOURS_NOTE]
    new = [line for line in new if not line.lstrip().startswith(MARK)]
    assert len(new) == len(old)
    kept = kept_sections(old)
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
    assert any(line.startswith("  final_total: 待填") and "# 决算总额：从财务系统抄录" in line for line in new)
    assert '    - lead: "城市管理方面 "' in new
    assert "      text: 2021年年底完成所有目标。各部门重点工作占部门整体支出50%及以上。" in new
    assert "    - 2020年度全市平安建设优秀街道" in new
    assert "    - 湖南省财政工作先进集体" in new


def test_never_overwrites_without_force(project):
    target = project / "content" / "2021.yaml"
    target.write_text("# my 2021 work\n", encoding="utf-8")
    result = run("new", "2021", "--from", "2020")
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "# my 2021 work\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["2020.yaml", "2021.yaml"]

    forced = run("new", "2021", "--from", "2020", "--force")
    assert forced.exit_code == 0, forced.output
    assert "year: 2021" in target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["2020.yaml", "2021.yaml"]


def test_missing_source_year_is_a_usage_error(project):
    result = run("new", "2023", "--from", "2022")
    assert result.exit_code == 2
    assert "2020" in result.stderr  # names the years that exist
    assert not (project / "content" / "2023.yaml").exists()


def test_same_year_is_refused(project):
    assert run("new", "2020", "--from", "2020").exit_code == 2


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
    source = source.replace("  management: 按照开福区", "  management: 依据《2018-2020年资金管理办法》，按照开福区")
    result = next_year(source, "content/2020.yaml", 2020, 2021)
    assert "依据《2018-2020年资金管理办法》" in result.text
    assert [k.where for k in result.kept] == ["funds.management"]


def test_other_indentation_and_crlf_are_kept(project):
    """A file written with flush "- " lists and Windows line ends round-trips exactly."""
    from ruamel.yaml import YAML

    rt = YAML()
    rt.width = 1_000_000
    rt.indent(mapping=2, sequence=2, offset=0)
    buf = io.StringIO()
    rt.dump(rt.load((project / "content" / "2020.yaml").read_text(encoding="utf-8")), buf)
    assert re.search(r"\n  areas:[^\n]*\n  - 社会服务", buf.getvalue())  # really the other style
    flush = buf.getvalue().replace("\n", "\r\n")
    result = next_year(flush, "content/2020.yaml", 2020, 2021)
    assert result.exact_format
    old, new = flush.split("\r\n"), result.text.split("\r\n")
    # each note at its key's indentation, right above the key
    notes = [(line, new[i + 1].split(":")[0]) for i, line in enumerate(new) if MARK in line]
    assert notes == [(AREAS_NOTE, "  areas"), (HONOURS_NOTE, "  honours")]
    new = [line for line in new if not line.lstrip().startswith(MARK)]
    assert len(old) == len(new)
    kept = kept_sections(old)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(changed) == 10 + sum("2020" in line for i, line in enumerate(old) if i not in kept)
    assert all(re.sub(r"(?<!\d)2020(?!\d)", "2021", old[i]) == new[i] or PLACEHOLDER in new[i]
               for i in changed)
    assert not any(i in kept for i in changed)
