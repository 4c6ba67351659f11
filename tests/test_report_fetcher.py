"""The report loads only its own template files: no other file, no network, no data: URLs."""

from __future__ import annotations

import pytest

from assessment.errors import ReportError
from assessment.paths import templates_dir
from assessment.report import fetcher
from assessment.report import render as report

TEMPLATES = templates_dir().resolve()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/report.css",
        "https://example.com/report.css",
        "ftp://example.com/x",
        "data:text/css,body{color:red}",
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
        "file://example.com/etc/passwd",
        (TEMPLATES / "report.css").as_uri() + "?x=1",
        (TEMPLATES / ".." / "pyproject.toml").as_uri().replace("%2E%2E", ".."),
        TEMPLATES.as_uri() + "/../questions.yaml",
        TEMPLATES.as_uri() + "/%2e%2e/questions.yaml",
        (TEMPLATES / "no-such-file.css").as_uri(),
        TEMPLATES.as_uri(),
    ],
)
def test_refuses_everything_but_template_files(url):
    with pytest.raises(fetcher.FetchRefused) as caught:
        fetcher.resolve(url)
    assert url in str(caught.value)


def test_serves_a_template_file():
    assert fetcher.resolve((TEMPLATES / "report.css").as_uri()) == TEMPLATES / "report.css"


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    root = tmp_path / "templates"
    root.mkdir()
    (root / "ok.css").write_text("p {}")
    (root / "escape.css").symlink_to("/etc/passwd")
    assert fetcher.resolve((root / "ok.css").as_uri(), root) == root / "ok.css"
    with pytest.raises(fetcher.FetchRefused):
        fetcher.resolve((root / "escape.css").as_uri(), root)


def test_the_weasyprint_fetcher_serves_css_and_records_refusals():
    made = fetcher.make_fetcher()
    response = made.fetch((TEMPLATES / "report.css").as_uri())
    assert response.content_type == "text/css" and b"@page" in response.read()
    response.close()
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        made.fetch("file:///etc/passwd")
    assert made.refused == ["file:///etc/passwd"]


PAGE = (
    '<!DOCTYPE html><html lang="en"><head><title>t</title>'
    '<link rel="stylesheet" href="report.css">{head}</head><body><p>Hello</p>{body}</body></html>'
)


@pytest.mark.parametrize(
    ("head", "body", "refused"),
    [
        ("", '<img src="file:///etc/passwd" alt="x">', "file:///etc/passwd"),
        ('<link rel="stylesheet" href="http://example.com/x.css">', "", "http://example.com/x.css"),
        ("<style>@import url(http://example.com/y.css);</style>", "", "http://example.com/y.css"),
        ("<style>p { background: url(file:///etc/hostname) }</style>", "", "file:///etc/hostname"),
        ('<link rel="attachment" href="file:///etc/passwd">', "", "file:///etc/passwd"),
        ("", '<img src="data:image/png;base64,iVBORw0KGgo=" alt="x">', "data:image/png"),
    ],
)
def test_a_template_that_asks_for_anything_else_stops_the_report(head, body, refused):
    with pytest.raises(ReportError) as caught:
        report._render_pdf(PAGE.format(head=head, body=body), fetcher.make_fetcher())
    assert refused in str(caught.value)


def test_an_allowed_page_renders():
    pdf = report._render_pdf(PAGE.format(head="", body=""), fetcher.make_fetcher())
    assert pdf.startswith(b"%PDF-1.7")
