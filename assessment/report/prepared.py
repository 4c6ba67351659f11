"""A renderer made once and used for many reports: the batch run's share of WeasyPrint's set-up.

Every `write_pdf` call otherwise builds a font configuration and fetches and parses report.css
again. `Prepared` keeps one font configuration and the stylesheet parsed once, and gives the
stylesheet to WeasyPrint as it is instead of through the page's `<link>`. WeasyPrint ranks a
stylesheet handed over this way as the user's, below the page's own: report.css sets no
`!important` and report.html's own `<style>` (paper size, palette) already comes after it, so the
cascade ends the same (tests/test_batch.py compares the pages as pictures). render.write_pdf
takes it as `prepared`, and lays pages out with it while fitting page one (pages.py).
"""

from __future__ import annotations

from assessment.errors import ReportError
from assessment.paths import templates_dir
from assessment.report import pages

STYLESHEET_LINK = '<link rel="stylesheet" href="report.css">'


class Prepared:
    """WeasyPrint imported, fonts configured and report.css parsed: ready for many reports."""

    def __init__(self) -> None:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        from assessment.report.fetcher import make_fetcher

        pages.quiet_weasyprint()
        self._weasyprint = weasyprint
        self.fonts = FontConfiguration()
        self.base_url = templates_dir().resolve().as_uri() + "/"
        self.stylesheet = weasyprint.CSS(
            filename=str(templates_dir() / "report.css"),
            base_url=self.base_url,
            url_fetcher=make_fetcher(),
            font_config=self.fonts,
        )

    def pdf_bytes(self, html: str) -> bytes:
        """The report's HTML as tagged PDF bytes, with the stylesheet parsed once."""
        return pages.pdf(self.layout(html))

    def layout(self, html: str):
        """The report's HTML laid out into pages, with the stylesheet parsed once."""
        from weasyprint.urls import FatalURLFetchingError

        from assessment.report.fetcher import make_fetcher

        if html.count(STYLESHEET_LINK) != 1:
            raise ReportError("the report template no longer links report.css as expected")
        try:
            document = self._weasyprint.HTML(
                string=html.replace(STYLESHEET_LINK, ""),
                base_url=self.base_url,
                url_fetcher=make_fetcher(),
            )
            return document.render(
                stylesheets=[self.stylesheet], font_config=self.fonts, pdf_variant="pdf/ua-1"
            )
        except FatalURLFetchingError as error:
            raise ReportError(f"the report could not be rendered: {error}") from None
