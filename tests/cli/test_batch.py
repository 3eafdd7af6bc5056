"""Issue 5 §3: ``docgen render --all`` — every year, in parallel, one bad year does not stop the others."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from helpers import CONTENT, DATA, TEMPLATE, docx_paragraphs
from docgen.cli import cli
from docgen.pipeline import render_year

NAME = "{0}年度清水塘街道整体支出绩效评价报告.docx"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """2020 and 2021 are good; 2022 says a total that is 0.01 off its parts."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(CONTENT / "2020.yaml", content / "2020.yaml")
    shutil.copy(DATA / "diff" / "2021.yaml", content / "2021.yaml")
    text = (DATA / "diff" / "2021.yaml").read_text(encoding="utf-8")
    bad = text.replace("year: 2021", "year: 2022").replace("final_total: 5066.49", "final_total: 5066.50")
    assert bad.count("2022") == 1 and "5066.50" in bad
    (content / "2022.yaml").write_text(bad, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def bad_line(project) -> int:
    lines = (project / "content" / "2022.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "final_total: 5066.50" in line)


def render_all(*extra):
    return CliRunner().invoke(cli, ["render", "--all", "--template", str(TEMPLATE), "--out", "out",
                                    *extra], catch_exceptions=False)


@pytest.mark.parametrize("jobs", ["2", "1"])  # worker processes, and the in-process path
def test_one_broken_year_does_not_stop_the_others(project, jobs):
    result = render_all("--jobs", jobs)
    out = project / "out"
    good = [out / str(y) / NAME.format(y) for y in (2020, 2021)]
    assert all(p.is_file() for p in good)
    assert not (out / "2022").exists()
    assert result.exit_code == 1  # content error
    assert result.stdout.splitlines() == [str(p.relative_to(project)) for p in good]
    # the failure is named, with its diagnostics located in the file
    err = result.stderr
    assert re.search(rf"^content/2022\.yaml:{bad_line(project)}:\d+: funds\.final_total: ", err, re.M)
    assert re.search(r"\(2022\)", err) and "2022" in err.splitlines()[-1]
    assert "\x1b[" not in err and "\r" not in err  # not a terminal: no progress-bar codes
    # the good years say what their content says
    paras = docx_paragraphs(good[1])
    assert any(p.startswith("整体支出本年度决算金额为5066.49万元") for p in paras)


def test_outputs_identical_to_single_renders(project, tmp_path_factory):
    assert render_all("--jobs", "2").exit_code == 1
    single = tmp_path_factory.mktemp("single")
    for year in (2020, 2021):
        (path,) = render_year(year, content_dir=project / "content", out_root=single,
                              template=TEMPLATE).paths
        assert (project / "out" / str(year) / path.name).read_bytes() == path.read_bytes()


def test_all_good_exits_zero(project):
    (project / "content" / "2022.yaml").unlink()
    result = render_all()
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_no_content_is_a_usage_error(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.chdir(tmp_path)
    result = render_all()
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_a_crash_in_one_year_is_reported_and_the_others_are_written(project, monkeypatch):
    """In-process path (--jobs 1): an unexpected exception is that year's failure, not the run's."""
    import docgen.batch

    real = docgen.batch.render_year

    def flaky(year, **kwargs):
        if year == 2021:
            raise RuntimeError("boom")
        return real(year, **kwargs)

    monkeypatch.setattr(docgen.batch, "render_year", flaky)
    (project / "content" / "2022.yaml").unlink()
    result = render_all("--jobs", "1")
    assert result.exit_code == 70
    assert (project / "out" / "2020" / NAME.format(2020)).is_file()
    assert not (project / "out" / "2021").exists()
    assert "RuntimeError: boom" in result.stderr and "(2021)" in result.stderr


def test_identical_failures_are_reported_once(capsys):
    from docgen.batch import WORKER_DIED, BatchReport, Outcome
    from docgen.cli.batch import summarise

    code = summarise(BatchReport([Outcome(2020, errors=[WORKER_DIED], exit_code=70),
                                  Outcome(2021, errors=[WORKER_DIED], exit_code=70)]))
    err = capsys.readouterr().err
    assert code == 70
    assert err.count(WORKER_DIED.message) == 1
    assert "2020、2021：失败" in err
