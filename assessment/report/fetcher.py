"""The report's URL fetcher: it serves files from the templates folder and refuses everything else.

WeasyPrint asks its fetcher for every stylesheet, font, image and attachment a document names.
The report needs only its own stylesheet, so anything else (other files, the network, data: URLs)
is refused, and the refusal stops the rendering instead of being logged and skipped.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from assessment.paths import templates_dir

MIME_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class FetchRefused(ValueError):
    """Raised for a URL the report may not load; names the URL."""


def resolve(url: str, root: Path | None = None) -> Path:
    """Map a file:// URL to a regular file inside `root`, or raise FetchRefused."""
    root = (root or templates_dir()).resolve()
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise FetchRefused(f"the report may not load {url!r}: only its own template files")
    if parts.netloc not in ("", "localhost") or parts.query:
        raise FetchRefused(f"the report may not load {url!r}: not a plain local file")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(root):
        raise FetchRefused(f"the report may not load {url!r}: outside {root}")
    if not path.is_file():
        raise FetchRefused(f"the report may not load {url!r}: no such template file")
    return path


def make_fetcher(root: Path | None = None):
    """Build a WeasyPrint URL fetcher limited to `root` (default: the installed templates)."""
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class Refused(FatalURLFetchingError):
        """A refused URL: fatal, so WeasyPrint stops instead of rendering without it."""

    class TemplateFetcher(URLFetcher):
        """Serves only files inside the templates folder; records every refusal."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)
            self.root = (root or templates_dir()).resolve()
            self.served: list[Path] = []
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            try:
                path = resolve(url, self.root)
            except FetchRefused as refusal:
                self.refused.append(url)
                raise Refused(str(refusal)) from None
            mime = MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            self.served.append(path)
            return URLFetcherResponse(
                path.as_uri(),
                body=path.read_bytes(),
                headers={"Content-Type": mime or "application/octet-stream"},
            )

    return TemplateFetcher()
