"""Issue 5 §1: ``docgen new 2021 --from 2020`` — next year's content from last year's."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from click.testing import CliRunner

from conftest import CONTENT, TEMPLATE
from docgen.cli import cli
from docgen.load import load_content
from docgen.model import PLACEHOLDER
from docgen.newyear import next_year, replace_year

DIAG = re.compile(r"^content/2021\.yaml:(\d+):\d+: (\S+): ", re.M)


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    shutil.copy(CONTENT / "2020.yaml", tmp_path / "content" / "2020.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def expected_blanks(text: str) -> list[tuple[str, int]]:
    """(field, line) of every placeholder, worked out from the 2020 source and the new text."""
    n_projects = len(load_content(CONTENT / "2020.yaml").data["funds"]["projects"])
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


def test_filled_in_new_year_checks_clean(project):
    run("new", "2021", "--from", "2020")
    target = project / "content" / "2021.yaml"
    figures = iter(["5005.93", "2517.81", "521.58", "171.07", "70", "124.71", "800.75", "575.79",
                    "146.4", "77.82"])
    filled = re.sub(PLACEHOLDER, lambda m: next(figures), target.read_text(encoding="utf-8"))
    target.write_text(filled, encoding="utf-8")
    result = run("check", "2021")
    assert result.exit_code == 0, result.output


def test_only_the_year_and_the_figures_change(project):
    """Comments, key order, quoting and indentation are kept: line for line the same file."""
    run("new", "2021", "--from", "2020")
    old = (project / "content" / "2020.yaml").read_text(encoding="utf-8").splitlines()
    new = (project / "content" / "2021.yaml").read_text(encoding="utf-8").splitlines()
    assert len(new) == len(old)
    blanked = 0
    for before, after in zip(old, new):
        if PLACEHOLDER in after:
            blanked += 1
            squeeze = lambda s: re.sub(r"\s+#", " #", s)  # noqa: E731 - comment column may move
            assert squeeze(after) == squeeze(re.sub(r"\d+(\.\d+)?(?=\s|$)", PLACEHOLDER, before, 1))
        else:
            assert after == re.sub(r"(?<!\d)2020(?!\d)", "2021", before)
    assert blanked == 10
    text = "\n".join(new)
    assert "2020" not in text  # every 2020 in the 2020 report is its report year
    assert new[0].startswith("# 2021年度清水塘街道整体支出绩效评价报告")
    assert "year: 2021                 # 报告年度" in new
    assert any(line.startswith("  final_total: 待填") and "# 决算总额：从财务系统抄录" in line for line in new)
    assert '    - lead: "城市管理方面 "' in new
    assert "      text: 2021年年底完成所有目标。各部门重点工作占部门整体支出50%及以上。" in new
    assert "    - 2021年度全市平安建设优秀街道" in new
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
    assert len(old) == len(new)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    assert len(changed) == 10 + sum("2020" in line for line in old)
    assert all(re.sub(r"(?<!\d)2020(?!\d)", "2021", old[i]) == new[i] or PLACEHOLDER in new[i]
               for i in changed)
