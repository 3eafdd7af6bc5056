"""What the PDF may read: ``data:`` URLs and files under ``templates/`` and the font folders.

WeasyPrint fetches every URL a template or stylesheet names (images, stylesheets,
fonts).  A report is made from content anyone may have edited and templates a user
may have copied from anywhere, so :class:`SafeFetcher` refuses the network and
every other file — ``file:///etc/passwd``, ``../content/2020.yaml``, a symlink out
of ``templates/`` — and the refusal stops the render (:mod:`docgen.pdf.render`
turns it into an error naming the URL) instead of WeasyPrint's warning and a
missing image.  A file it may read is read as every input is (:mod:`docgen.inputs`):
a regular file, at most :data:`~docgen.pdf.fonts.MAX_FONT_BYTES`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from .. import seam
from ..errors import EXIT_TEMPLATE
from ..inputs import read_regular
from .fonts import MAX_FONT_BYTES

seam.load_weasyprint()  # the supported version, imported quickly, before any of its names

from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402


class BlockedURL(Exception):
    """A URL the report may not load (network, or a file outside templates/ and the font folders)."""


class SafeFetcher(URLFetcher):
    """WeasyPrint's fetcher, restricted to ``data:`` URLs and files under ``roots``.

    ``fail_on_errors`` makes any refusal stop the render (WeasyPrint would
    otherwise log a warning and leave the image out).
    """

    def __init__(self, roots: list[Path]):
        super().__init__(fail_on_errors=True, allowed_protocols={"data", "file"})
        self.roots = [Path(r).resolve() for r in roots]

    def allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
            return path
        return None

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.allowed_path(url)
        if path is None:
            raise BlockedURL(url)
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = read_regular(path, display=str(path), exit_code=EXIT_TEMPLATE, what="模板引用的文件",
                            limit=MAX_FONT_BYTES, hint="模板只应引用图片、样式表和字体文件。")
        return URLFetcherResponse(url, body=body, headers={"Content-Type": ctype})
