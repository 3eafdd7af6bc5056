"""Issue 3 §5: WeasyPrint reads only templates/, the font folders and data: URLs; content is text.

Content is autoescaped, so markup typed into content/<year>.yaml comes out as literal
text and fetches nothing.  A template that points elsewhere (a file outside
templates/, the network) stops the render with an error that names the URL.
"""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest

from helpers import section
from pdf_helpers import body_lines, copy_project, no_source_date_epoch, text_of, weasyprint_warnings

pytestmark = pytest.mark.pdf

EVIL = '<img src="file:///etc/passwd"> <link rel="stylesheet" href="http://127.0.0.1:9/x.css"> http://example.com/a.png'


@pytest.fixture
def fetches(monkeypatch):
    """Every URL WeasyPrint asks for, and every network connection attempted, during the test."""
    from docgen.pdf import fetcher as fetcher_module

    seen: list[str] = []
    original = fetcher_module.SafeFetcher.fetch

    def recording(self, url, headers=None):
        seen.append(url)
        return original(self, url, headers)

    def no_network(*args, **kwargs):
        seen.append(f"socket {args!r}")
        raise OSError("network access in a test")

    monkeypatch.setattr(fetcher_module.SafeFetcher, "fetch", recording)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    return seen


def _pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(text_of(chars) for page in pdf.pages for _, chars in body_lines(page))


def test_markup_in_content_is_printed_as_text_and_fetches_nothing(tmp_path, fetches, required_fonts):
    from docgen.pipeline import prepare_file
    from docgen.pdf.render import render_html, render_pdf

    project = copy_project(tmp_path)
    content = project / "content" / "2020.yaml"
    text = content.read_text(encoding="utf-8")
    assert text.count("- 针对整体支出") == text.count("并达成了以下绩效目标：") == 1  # 三、's first paragraph
    text = text.replace("- 针对整体支出", "- '" + EVIL + " 针对整体支出").replace("并达成了以下绩效目标：", "并达成了以下绩效目标：'")
    content.write_text(text, encoding="utf-8")
    report = prepare_file(content).report
    assert section(report, "2020年绩效目标完成情况").content[0].startswith(EVIL)

    html = render_html(report, project / "templates")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "<img" not in html and "<link" not in html
    with no_source_date_epoch():
        data = render_pdf(report, template_dir=project / "templates")
    printed = _pdf_text(data).replace(" ", "")
    assert EVIL.replace(" ", "") in printed
    assert not [u for u in fetches if "passwd" in u or "http" in u or "socket" in u], fetches


@pytest.fixture
def fetcher(tmp_path):
    from docgen.pdf.fetcher import SafeFetcher

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "logo.png").write_bytes(b"\x89PNG fake")
    (templates / "passwd").symlink_to("/etc/passwd")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "a.ttf").write_bytes(b"font")
    return SafeFetcher([templates, fonts]), templates, fonts


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://127.0.0.1:9/x.png",
    "https://example.com/x.css",
    "ftp://example.com/x",
    "file://otherhost/etc/passwd",
])
def test_fetcher_refuses_network_and_other_files(fetcher, url, fetches):
    from docgen.pdf.fetcher import BlockedURL

    safe, _, _ = fetcher
    with pytest.raises(BlockedURL):
        safe(url)
    assert not [u for u in fetches if u.startswith("socket")]


def test_fetcher_refuses_escapes_from_the_allowed_folders(fetcher):
    from docgen.pdf.fetcher import BlockedURL

    safe, templates, _ = fetcher
    with pytest.raises(BlockedURL):
        safe((templates / ".." / ".." / "etc" / "passwd").as_uri())
    with pytest.raises(BlockedURL):
        safe(f"file://{templates}/../../../../etc/passwd")
    with pytest.raises(BlockedURL):
        safe((templates / "passwd").as_uri())  # a symlink pointing out of templates/
    with pytest.raises(BlockedURL):
        safe((templates / "missing.png").as_uri())


def test_fetcher_allows_templates_fonts_and_data_urls(fetcher):
    safe, templates, fonts = fetcher
    assert safe((templates / "logo.png").as_uri()).read() == b"\x89PNG fake"
    assert safe((fonts / "a.ttf").as_uri()).read() == b"font"
    assert safe("data:text/plain,hello").read() == b"hello"


def _template_with(project: Path, snippet: str) -> Path:
    html = project / "templates" / "report.html"
    text = html.read_text(encoding="utf-8")
    html.write_text(text.replace("<body>", "<body>" + snippet, 1), encoding="utf-8")
    return project / "templates"


@pytest.mark.parametrize("snippet, url", [
    ('<img src="file:///etc/passwd">', "file:///etc/passwd"),
    ('<link rel="stylesheet" href="http://127.0.0.1:9/evil.css">', "http://127.0.0.1:9/evil.css"),
    ('<img src="../content/2020.yaml">', "content/2020.yaml"),
])
def test_template_pointing_outside_stops_the_render(tmp_path, report_2020, fetches, snippet, url):
    from docgen.errors import DocgenError, EXIT_TEMPLATE
    from docgen.pdf.render import render_pdf

    templates = _template_with(copy_project(tmp_path), snippet)
    with pytest.raises(DocgenError) as info:
        render_pdf(report_2020, template_dir=templates)
    assert info.value.exit_code == EXIT_TEMPLATE
    assert url in str(info.value) and "report.html" in str(info.value)
    assert not [u for u in fetches if u.startswith("socket")]


def test_template_may_use_its_own_images(tmp_path, report_2020, fetches):
    from PIL import Image

    from docgen.pdf.render import render_pdf

    # alt text: the PDF is tagged (issue 13), and a tagged PDF's figures need one
    templates = _template_with(copy_project(tmp_path), '<img src="seal.png" alt="印章" style="width:10mm">')
    Image.new("RGB", (8, 8), "red").save(templates / "seal.png")
    with no_source_date_epoch():
        data = render_pdf(report_2020, template_dir=templates)
    assert data.startswith(b"%PDF")
    assert fetches == [(templates / "seal.png").resolve().as_uri()]


def test_the_warning_capture_sees_weasyprint_warnings(required_fonts, _fail_on_weasyprint_warning):
    """The guard of every PDF test works: an unknown CSS property is a logged WeasyPrint warning."""
    from weasyprint import CSS

    with weasyprint_warnings() as records:
        CSS(string="p { colour: red }")
    assert records and "colour" in records[0].getMessage()
    guard = _fail_on_weasyprint_warning
    assert [r.getMessage() for r in guard] == [records[0].getMessage()]  # would fail this test
    guard.clear()
