"""Issue 15 §7: a template that attaches a file from outside is refused, for one year or all.

``<link rel="attachment">`` is fetched while the PDF is *written*, after layout;
WeasyPrint's FatalURLFetchingError derives from BaseException, so it used to
escape every handler: a 60-line traceback and exit code 1, and ``render --all``
died without a summary.
"""

from __future__ import annotations

import pytest

from hostile import Project, first_error, run_docgen

pytestmark = pytest.mark.pdf


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://127.0.0.1:9/x.pdf"])
@pytest.mark.parametrize("command", [["render", "2020", "--pdf"], ["render", "--all", "--pdf", "--jobs", "2"]])
def test_attachment_outside_the_templates_is_a_template_error(tmp_path, url, command):
    project = Project(tmp_path)
    (tmp_path / "content" / "2021.yaml").write_text(
        (tmp_path / "content" / "2020.yaml").read_text(encoding="utf-8").replace("year: 2020", "year: 2021", 1),
        encoding="utf-8")
    html = tmp_path / "templates" / "report.html"
    html.write_text(html.read_text(encoding="utf-8").replace(
        "</head>", f'<link rel="attachment" href="{url}">\n</head>', 1), encoding="utf-8")
    project.mark()
    proc = run_docgen(command, tmp_path, memory=None, timeout=300)
    assert proc.returncode == 3, proc.stderr
    message = ("templates/report.html: 错误 error: 模板引用了不允许读取的地址 forbidden URL in template: "
               f"{url}")
    if "--all" in command:
        assert "Traceback" not in proc.stderr
        lines = proc.stderr.splitlines()
        assert "2020、2021：失败，未写入任何文件。2020、2021 FAILED, nothing written:" in lines
        assert message in lines
        assert lines[-1] == ("共 2 份：0 份成功（无 none），2 份失败（2020、2021）。2 reports: 0 written, "
                             "2 failed (2020、2021).")  # wording since many units (31e2747)
    else:
        assert first_error(proc) == message
    assert project.out_files() == []
    project.assert_untouched()
